"""How long ``perflint check`` takes on crafted inputs under 1 MB (issue 17).

A plain script (standard library only; it runs perflint as a user would, in a
subprocess, default profile, ``--no-cache``, one file at a time)::

    python benchmarks/adversarial.py                 # every case; exit 1 when one is over 5 s
    python benchmarks/adversarial.py --only digits   # the cases whose name contains "digits"
    python benchmarks/adversarial.py --budget 5 --timeout 120 --json out.json

Each case is a file under 1 MB: either a whole file of one crafted pattern, or
the seed declaration (``tests/data/seed/wangcheng-2019.txt``) with one of its
fields replaced by the pattern, so that the pattern reaches the checks of that
field (a satisfaction value, the legal basis, an indicator, the total).  The
table shows the wall time of each run (including the interpreter's start, about
0.5 s); a run over ``--timeout`` is stopped and counts as over the budget.  The
time limit per file is set far beyond ``--timeout``, so that a slow check is
measured rather than cut short.  A run that ends in a traceback, or with exit code 2
(perflint could not check the file), fails whatever its time.  As in ``perf.py``,
perflint runs with its ``.pyc`` files (``PYTHONPYCACHEPREFIX``, written by one
unmeasured run first), as an installed perflint has them.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
SEED = (ROOT / "tests" / "data" / "seed" / "wangcheng-2019.txt").read_text("utf-8")
LIMIT = 1_000_000  # bytes: every case stays under 1 MB

#: the seed's fields a case can replace
SATISFACTION = "\t90%以上\n"
BASIS = "\t依据省市目标管理考核要求实施\n"
INDICATOR = "\t便民服务效果好\n"
TOTAL = "\t　556\n"


def _in(field: str, value: str) -> Callable[[], str]:
    def build() -> str:
        assert field in SEED, field
        return SEED.replace(field, "\t" + value + "\n", 1)

    return build


def _raw(text: str) -> Callable[[], str]:
    return lambda: text


def _nested(depth: int) -> str:
    return "（" * depth + "[" * depth + "(" * depth + "x" + ")" * depth + "]" * depth + "）" * depth


def _headers(n: int) -> str:
    head = "专项资金绩效目标申报表\n（2019年度）\n\t专项名称\n\t示例\n\t资金总额（万元）\n\t10\n"
    return head * n


def _mixed(n: int) -> str:
    return "".join("１2３4５6７8９0" + "ａb" + "％%" + "，," for _ in range(n))


#: name → builder; every builder's text is under 1 MB in UTF-8
CASES: dict[str, Callable[[], str]] = {
    "digits-percent (satisfaction: 200,000 digits then %)": _in(SATISFACTION, "9" * 200_000 + "%"),
    "digits-percent-dash (200,000 digits, %, -)": _in(SATISFACTION, "9" * 200_000 + "%-"),
    "nine-spaces-x (9 + 200,000 spaces + x)": _in(SATISFACTION, "9" + " " * 200_000 + "x"),
    "nine-spaces-x raw": _raw("9" + " " * 200_000 + "x\n"),
    "yu x 200,000 (indicator)": _in(INDICATOR, "预" * 200_000),
    "yuyu x 100,000 (indicator)": _in(INDICATOR, "预预" * 100_000),
    "yuyu x 100,000 raw": _raw("预预" * 100_000 + "\n"),
    "fill-in （填写 x 50,000 (basis)": _in(BASIS, "（填写" * 50_000),
    "fill-in （填写 x 50,000 raw": _raw("（填写" * 50_000 + "\n"),
    "asterisks x 200,000 (basis)": _in(BASIS, "*" * 200_000),
    "asterisks x 200,000 raw": _raw("*" * 200_000 + "\n"),
    "one-newline x 100,000 raw": _raw("1\n" * 100_000),
    "long line 900,000 chars (indicator)": _in(INDICATOR, "便民服务效果好" * 42_000),
    "short lines x 300,000 raw": _raw("a\n" * 300_000),
    "tabs x 300,000 (one row)": _raw("\t" * 300_000 + "x\n"),
    "pipes x 300,000 raw": _raw("|" * 300_000 + "\n"),
    "pipe rows x 50,000 raw": _raw("| 指标 | 90% |\n" * 50_000),
    "nested brackets x 50,000": _raw(_nested(50_000) + "\n"),
    "declaration headers x 8,000": _raw(_headers(8_000)),
    "huge number 200,000 digits (total)": _in(TOTAL, "9" * 200_000),
    "huge decimal 1e5.1e5 (total)": _in(TOTAL, "1" * 100_000 + "." + "1" * 100_000),
    "mixed widths x 10,000 (satisfaction)": _in(SATISFACTION, _mixed(10_000)),
    "full-width digits x 200,000 (satisfaction)": _in(SATISFACTION, "９" * 200_000 + "％"),
    "dates 2019.1 x 50,000 (indicator)": _in(INDICATOR, "2019.1-" * 50_000),
    "percent signs x 300,000": _in(SATISFACTION, "%" * 300_000),
    "blank-ish 　 x 300,000 (indicator)": _in(INDICATOR, "　" * 300_000),
}


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


#: where the measured runs keep their compiled ``.pyc`` files (as perf.py does)
PYCACHE = Path(tempfile.gettempdir()) / "perflint-bench-pycache"


def _env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    return env | {"PYTHONIOENCODING": "utf-8", "NO_COLOR": "1", "PYTHONPYCACHEPREFIX": str(PYCACHE)}


def warm_up(folder: Path) -> None:
    """One unmeasured run that writes the ``.pyc`` files."""
    (folder / "warm.txt").write_text(SEED, "utf-8")
    subprocess.run(
        [sys.executable, "-m", "perflint", "check", "--no-cache", "--format", "json", "warm.txt"],
        cwd=folder,
        env=_env(),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def run_case(folder: Path, name: str, text: str, timeout: float) -> tuple[float, float, int | None, int]:
    """(wall seconds, CPU seconds, exit code or None when stopped, size in bytes)."""
    data = text.encode("utf-8")
    assert len(data) < LIMIT, (name, len(data))
    path = folder / "case.txt"
    path.write_bytes(data)
    env = _env()
    start, cpu = time.monotonic(), _cpu()
    proc = subprocess.Popen(
        [sys.executable, "-m", "perflint", "check", "--no-cache", "--format", "json", "case.txt"],
        cwd=folder,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        _, err = proc.communicate(timeout=timeout)
        code: int | None = proc.returncode
        if b"Traceback" in err or code not in (0, 1):
            sys.stderr.write(err.decode("utf-8", "replace")[-2000:])
            code = -1 if b"Traceback" in err else code
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.communicate()
        code = None
    return time.monotonic() - start, _cpu() - cpu, code, len(data)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--budget", type=float, default=5.0, help="seconds a case may take (default 5)")
    parser.add_argument("--timeout", type=float, default=60.0, help="stop a run after this many seconds")
    parser.add_argument("--only", action="append", default=[], help="run the cases whose name contains this")
    parser.add_argument("--json", help="also write the figures to this file")
    parser.add_argument(
        "--cpu", action="store_true", help="hold the CPU time, not the wall time, to the budget (a loaded machine)"
    )
    args = parser.parse_args(argv)
    cases = {n: b for n, b in CASES.items() if not args.only or any(o in n for o in args.only)}
    rows = []
    print(
        f"{'wall':>9}  {'CPU':>8}  {'size':>10}  {'exit':>9}  verdict   case  (load average {os.getloadavg()[0]:.1f})"
    )
    with tempfile.TemporaryDirectory(prefix="perflint-adversarial-") as tmp:
        folder = Path(tmp)
        # no time limit within the measured range: a slow check is measured, not cut short
        (folder / "perflint.toml").write_text(f"time-limit = {args.timeout * 10:g}\n", "utf-8")
        warm_up(folder)
        for name, build in cases.items():
            seconds, cpu, code, size = run_case(folder, name, build(), args.timeout)
            held = cpu if args.cpu else seconds
            verdict = "ok" if code in (0, 1) and held <= args.budget else "OVER"
            if code == -1:
                verdict = "TRACEBACK"
            elif code is not None and code not in (0, 1):
                verdict = "ERROR"
            rows.append(
                {"case": name, "bytes": size, "seconds": round(seconds, 2), "cpu": round(cpu, 2), "exit": code}
                | {"verdict": verdict}
            )
            shown = f"{seconds:7.2f}" if code is not None else f">{args.timeout:6.0f}"
            print(f"{shown} s  {cpu:6.2f} s  {size:>8,} B  exit {code!s:>4}  {verdict:<9} {name}", flush=True)
    failed = [r for r in rows if r["verdict"] != "ok"]
    what = "CPU" if args.cpu else "wall"
    print(f"\n{len(rows) - len(failed)}/{len(rows)} cases within {args.budget:g} s ({what} time)")
    if args.json:
        Path(args.json).write_text(json.dumps(rows, ensure_ascii=False, indent=2) + "\n", "utf-8")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
