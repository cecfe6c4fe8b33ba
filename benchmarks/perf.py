"""End-to-end performance of the perflint CLI, with check-jsonschema as the yardstick.

A plain script (standard library only; it runs perflint as a user would, in
subprocesses)::

    .venv/bin/python benchmarks/perf.py                      # 10,000 declarations
    .venv/bin/python benchmarks/perf.py --decls 2000 --repeat 5 --json perf.json
    .venv/bin/python benchmarks/perf.py --rss-decls 100000   # also peak RSS on a big set

The workload comes from ``benchmarks/generate.py`` (same ``--seed``, same
bytes) and is kept in ``--work`` (default: a folder under the temporary
directory named after seed and size), so a second run reuses it.  Every
command runs with that folder as its working directory and relative paths.

Measured, each ``--repeat`` times (the table shows the **median** wall time;
``--json`` also has the best and every run):

* ``perflint check text --exit-zero`` (default profile, ``--jobs`` CPU count,
  ``--no-cache`` when perflint has it, so the figure is a cold one), report
  written to a file in the default ``text`` format, and again with
  ``--format jsonl``;
* ``--format jsonl`` again with ``--jobs 1``, for the speed-up of more workers;
* the same on the JSON copies (``perflint check json``);
* a warm re-run: ``--cache-dir`` on a fresh folder, run twice; warm ÷ cold;
* cold start: ``perflint check ONE_FILE`` and ``perflint --version`` (median
  of at least 10 runs), each also ÷ ``python -c pass``;
* peak RSS: the largest single process (``RUSAGE_CHILDREN.ru_maxrss`` in a
  small wrapper process that starts the command: the command or any worker it
  reaped; the wrapper's own RSS, about that of ``python -c pass``, is a floor)
  and the sampled peak of the whole process tree (``VmRSS`` of the command and
  its descendants, summed, every 20 ms), and the same summed as PSS, which
  counts a page the forked workers share with the parent once, not once per
  process; for the ``--rss-decls`` run also the peak tree RSS in each quarter
  of its wall time (flat when memory does not grow with the files checked);
* check-jsonschema validating the same JSON copies (``--check-jsonschema PATH``
  or found on ``PATH``; skipped, with install instructions, when missing).

Every run also reports its CPU time (user + system of the command and every
worker it reaped, ``RUSAGE_CHILDREN``): on a machine others are using, CPU time
changes much less than wall time.  The phases of a check (read, segment, build,
rules, render) are timed in one process by ``bench_phases.py`` on
``--phase-files`` files of the workload, as CPU milliseconds per declaration.
Commands run with ``PYTHONPYCACHEPREFIX`` and ``PERFLINT_CACHE_DIR`` set to
folders of their own (and ``PYTHONDONTWRITEBYTECODE`` unset), and one
unmeasured run (without ``--no-cache``) writes the ``.pyc`` files and the
parsed rule files first, as an installed perflint has them after its first run.

Ratios are what to compare across machines; absolute times depend on the
machine and its load (shown in the header).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import generate  # noqa: E402

TARGETS = {
    "decls_per_s": 2000.0,  # perflint check text/ --jobs 2 --format jsonl, declarations/s, at least (issue 16)
    "jobs_speedup": 1.8,  # --jobs 2 ÷ --jobs 1, declarations/s, at least (issue 16)
    "json_speedup": 1.5,  # perflint decls/s ÷ check-jsonschema decls/s on the JSON copies, at least
    "warm_cold": 0.15,  # warm-cache run ÷ cold run, at most
    "start_check_s": 0.2,  # perflint check ONE_FILE, seconds, at most (issue 16)
    "start_version_s": 0.05,  # perflint --version, seconds, at most (issue 16)
    "rss_mb": 150.0,  # peak RSS for 100,000 declarations, MB, at most
}
INSTALL_CJS = "python3 -m venv /tmp/cjs && /tmp/cjs/bin/pip install check-jsonschema"


# -- running and measuring ------------------------------------------------------


@dataclass
class Run:
    wall: float
    status: int
    cpu: float  # user + system CPU seconds of the command and every process it reaped
    max_rss_kb: int  # largest single process (the child or a worker it reaped)
    tree_rss_kb: int  # sampled peak of the whole tree, summed
    tree_pss_kb: int = 0  # the same with each page shared between the processes counted once (Pss)
    #: peak tree RSS in each quarter of the run's wall time: flat when memory does not grow
    tree_rss_quarters_kb: tuple[int, ...] = ()


#: where the commands keep their compiled ``.pyc`` files (the figures are for a
#: normal installation, which has them, even when PYTHONDONTWRITEBYTECODE is set here)
PYCACHE = Path(tempfile.gettempdir()) / "perflint-bench-pycache"
#: perflint's cache folder for the commands (``$PERFLINT_CACHE_DIR``): the parsed rule files
#: kept there are read even with ``--no-cache``, as an installed perflint reads them after its
#: first run; without them every measured start-up parsed the rule files again (50 ms of CPU)
#: whenever they had changed since the last run that could write
CACHE = Path(tempfile.gettempdir()) / "perflint-bench-cache"


def bench_env() -> dict[str, str]:
    """The environment of every measured command: ``.pyc`` files written and read
    under :data:`PYCACHE` (the source tree is left alone), perflint's cache in :data:`CACHE`."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPYCACHEPREFIX"] = str(PYCACHE)
    env["PERFLINT_CACHE_DIR"] = str(CACHE)
    return env


def _children(pid: int) -> list[int]:
    try:
        tasks = os.listdir(f"/proc/{pid}/task")
    except OSError:
        return []
    out: list[int] = []
    for tid in tasks:
        try:
            with open(f"/proc/{pid}/task/{tid}/children") as fh:
                out.extend(int(x) for x in fh.read().split())
        except OSError:
            continue
    return out


def _rss_kb(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/status") as fh:
            for line in fh:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def _pss_kb(pid: int) -> int:
    """Proportional set size: RSS with each page shared by n processes counted 1/n
    (workers forked from the parent share its catalog and code)."""
    try:
        with open(f"/proc/{pid}/smaps_rollup") as fh:
            for line in fh:
                if line.startswith("Pss:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def _tree_rss_kb(root: int, measure=_rss_kb) -> int:
    total, todo, seen = 0, [root], set()
    while todo:
        pid = todo.pop()
        if pid in seen:
            continue
        seen.add(pid)
        total += measure(pid)
        todo.extend(_children(pid))
    return total


#: A small wrapper that starts the command and reports, on its stdout, the
#: command's wall time and ``RUSAGE_CHILDREN.ru_maxrss``: the peak RSS of the
#: largest single process among the command and the workers it reaped.  Asked
#: of this (large) script's own children instead, ``ru_maxrss`` would never be
#: below this script's RSS: Linux carries the RSS high-water mark of the
#: address space a child starts with (vfork shares it) over ``exec``.
WRAPPER = r"""
import os, resource, subprocess, sys, time
out = int(sys.argv[1])
started = time.perf_counter()
code = subprocess.call(sys.argv[2:], stdin=subprocess.DEVNULL)
wall = time.perf_counter() - started
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
os.write(out, f"{wall} {code} {usage.ru_maxrss} {usage.ru_utime + usage.ru_stime}".encode())
"""


def _quarters(timeline: list[tuple[float, int]]) -> tuple[int, ...]:
    """The peak of each quarter of a sampled run (empty when there are too few samples)."""
    if len(timeline) < 8:
        return ()
    end = timeline[-1][0] or 1.0
    peaks = [0, 0, 0, 0]
    for at, rss in timeline:
        q = min(3, int(4 * at / end))
        peaks[q] = max(peaks[q], rss)
    return tuple(peaks)


def run(cmd: list[str], cwd: Path, *, sample: bool = True, stdout: Path | None = None) -> Run:
    """Run ``cmd`` (through :data:`WRAPPER`): wall time, exit status and peak memory.

    With ``sample``, the summed ``VmRSS`` of the command's process tree (the
    wrapper left out) is polled every 20 ms; its maximum is ``tree_rss_kb``.
    """
    out = open(stdout, "wb") if stdout else subprocess.DEVNULL  # noqa: SIM115
    err = tempfile.TemporaryFile()  # noqa: SIM115
    read_end, write_end = os.pipe()
    try:
        proc = subprocess.Popen(
            [sys.executable, "-S", "-c", WRAPPER, str(write_end), *cmd],
            cwd=cwd,
            stdout=out,
            stderr=err,
            stdin=subprocess.DEVNULL,
            pass_fds=(write_end,),
            env=bench_env(),
        )
        os.close(write_end)
        write_end = -1
        peak = [0, 0]
        timeline: list[tuple[float, int]] = []  # (seconds since start, tree RSS)
        done = threading.Event()
        started = time.perf_counter()

        def sampler() -> None:
            while not done.is_set():
                children = _children(proc.pid)
                rss = sum(_tree_rss_kb(child) for child in children)
                timeline.append((time.perf_counter() - started, rss))
                peak[0] = max(peak[0], rss)
                peak[1] = max(peak[1], sum(_tree_rss_kb(child, _pss_kb) for child in children))
                done.wait(0.02)

        thread = threading.Thread(target=sampler, daemon=True) if sample else None
        if thread:
            thread.start()
        report = b""
        while chunk := os.read(read_end, 4096):
            report += chunk
        proc.wait()
        done.set()
        if thread:
            thread.join()
        try:
            wall_s, code_s, rss_s, cpu_s = report.decode().split()
        except ValueError:
            err.seek(0)
            raise RuntimeError(
                f"wrapper failed for {' '.join(cmd)}:\n{err.read().decode('utf-8', 'replace')[-2000:]}"
            ) from None
        code = int(code_s)
        if code not in (0, 1):
            err.seek(0)
            tail = err.read().decode("utf-8", "replace")[-2000:]
            raise RuntimeError(f"{' '.join(cmd)} exited with {code} in {cwd}:\n{tail}")
        return Run(float(wall_s), code, float(cpu_s), int(rss_s), peak[0], peak[1], _quarters(timeline))
    finally:
        os.close(read_end)
        if write_end >= 0:
            os.close(write_end)
        err.close()
        if stdout:
            out.close()  # type: ignore[union-attr]


@dataclass
class Measure:
    name: str
    runs: list[Run] = field(default_factory=list)
    decls: int = 0
    note: str = ""

    @property
    def median(self) -> float:
        return statistics.median(r.wall for r in self.runs)

    @property
    def cpu(self) -> float:
        """Median CPU seconds (user + system, the whole process tree)."""
        return statistics.median(r.cpu for r in self.runs)

    @property
    def cpu_ms_per_decl(self) -> float | None:
        return 1000 * self.cpu / self.decls if self.decls else None

    @property
    def best(self) -> float:
        return min(r.wall for r in self.runs)

    @property
    def rate(self) -> float | None:
        return self.decls / self.median if self.decls else None

    @property
    def max_rss_mb(self) -> float:
        return max(r.max_rss_kb for r in self.runs) / 1024

    @property
    def tree_rss_mb(self) -> float:
        return max(r.tree_rss_kb for r in self.runs) / 1024

    @property
    def tree_pss_mb(self) -> float:
        return max(r.tree_pss_kb for r in self.runs) / 1024

    @property
    def tree_rss_quarters_mb(self) -> list[float]:
        """Peak tree RSS in each quarter of the run (the run with the highest peak)."""
        top = max(self.runs, key=lambda r: r.tree_rss_kb)
        return [round(kb / 1024, 1) for kb in top.tree_rss_quarters_kb]

    def to_dict(self) -> dict:
        return {
            "name": self.name,
            "decls": self.decls,
            "median_s": round(self.median, 4),
            "best_s": round(self.best, 4),
            "runs_s": [round(r.wall, 4) for r in self.runs],
            "cpu_s": round(self.cpu, 4),
            "runs_cpu_s": [round(r.cpu, 4) for r in self.runs],
            "cpu_ms_per_decl": None if self.cpu_ms_per_decl is None else round(self.cpu_ms_per_decl, 3),
            "decls_per_s": None if self.rate is None else round(self.rate, 1),
            "max_process_rss_mb": round(self.max_rss_mb, 1),
            "tree_peak_rss_mb": round(self.tree_rss_mb, 1) if self.tree_rss_mb else None,
            "tree_peak_pss_mb": round(self.tree_pss_mb, 1) if self.tree_pss_mb else None,
            "tree_peak_rss_mb_by_quarter": self.tree_rss_quarters_mb or None,
            "runs_max_process_rss_mb": [round(r.max_rss_kb / 1024, 1) for r in self.runs],
            "note": self.note,
        }


def measure(
    name: str,
    cmd: list[str],
    cwd: Path,
    repeat: int,
    decls: int = 0,
    note: str = "",
    before=None,
    stdout: Path | None = None,
    sample: bool = True,
) -> Measure:
    m = Measure(name, decls=decls, note=note)
    for _ in range(repeat):
        if before:
            before()
        m.runs.append(run(cmd, cwd, stdout=stdout, sample=sample))
    print(
        f"  {name}: median {m.median:.3f} s" + (f", {m.rate:.0f} decls/s" if m.rate else ""),
        file=sys.stderr,
        flush=True,
    )
    return m


# -- the workload ---------------------------------------------------------------


def workload(folder: Path, decls: int, seed: int, with_json: bool, regenerate: bool) -> dict:
    """The generated workload in ``folder``, reused when its manifest matches."""
    path = folder / "manifest.json"
    if path.exists() and not regenerate:
        try:
            m = json.loads(path.read_text("utf-8"))
        except ValueError:
            m = {}
        if (
            m.get("generator") == generate.GENERATOR_VERSION
            and m.get("seed") == seed
            and m.get("decls") == decls
            and (m.get("json") or not with_json)
            and all((folder / f["text"]).exists() for f in m.get("files", [])[:1])
        ):
            print(f"reusing {decls} declarations in {folder}", file=sys.stderr)
            return m
    print(f"generating {decls} declarations into {folder} …", file=sys.stderr, flush=True)
    started = time.perf_counter()
    m = generate.generate(folder, decls, seed, with_json=with_json)
    print(f"  generated in {time.perf_counter() - started:.1f} s", file=sys.stderr)
    return m


def wrapper_schema(folder: Path, schema_path: Path) -> Path:
    """A schema for the JSON copies (each a list of declarations): an array whose
    items are the declaration schema, embedded as a resource under ``$defs``."""
    decl = json.loads(schema_path.read_text("utf-8"))
    wrap = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://perflint.invalid/schemas/declarations-list.schema.json",
        "title": "A list of perflint declarations",
        "type": "array",
        "items": {"$ref": decl["$id"]},
        "$defs": {"declaration": decl},
    }
    out = folder / "declarations-list.schema.json"
    out.write_text(json.dumps(wrap, ensure_ascii=False), "utf-8")
    return out


# -- the tools --------------------------------------------------------------------


def perflint_command(given: str | None) -> list[str]:
    if given:
        return [given]
    beside = Path(sys.executable).parent / "perflint"
    if beside.exists():
        return [str(beside)]
    found = shutil.which("perflint")
    if found:
        return [found]
    return [sys.executable, "-m", "perflint"]


def check_options(perflint: list[str]) -> set[str]:
    """The options ``perflint check`` has (``--jobs``, ``--no-cache`` … may be missing)."""
    env = {**os.environ, "COLUMNS": "400", "NO_COLOR": "1", "TERM": "dumb"}
    text = subprocess.run([*perflint, "check", "--help"], capture_output=True, text=True, env=env, check=False).stdout
    return {opt for opt in ("--jobs", "--no-cache", "--cache-dir", "--format", "--output") if opt in text}


def machine(perflint: list[str], cjs: str | None) -> dict:
    cpu = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        cpu = platform.processor()
    version = subprocess.run([*perflint, "--version"], capture_output=True, text=True, check=False).stdout.strip()
    info = {
        "cpu": cpu or platform.machine(),
        "cpus": os.cpu_count(),
        "cpus_usable": len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count(),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "perflint": version,
        "load_avg": [round(x, 2) for x in os.getloadavg()],
    }
    if cjs:
        info["check_jsonschema"] = subprocess.run(
            [cjs, "--version"], capture_output=True, text=True, check=False
        ).stdout.strip()
    return info


def find_cjs(given: str | None) -> str | None:
    if given:
        return given if Path(given).exists() or shutil.which(given) else None
    return shutil.which("check-jsonschema")


# -- the report -------------------------------------------------------------------


def _fmt_ratio(value: float | None, target: str) -> str:
    return "—" if value is None else f"{value:.2f}  (target {target})"


def table(
    measures: list[Measure], ratios: dict[str, tuple[float | None, str, bool | None]], info: dict, repeat: int
) -> str:
    lines = [
        f"machine: {info['cpu']}, {info['cpus']} CPUs ({info['cpus_usable']} usable), Python {info['python']}, "
        f"{info['perflint']}" + (f", {info['check_jsonschema']}" if info.get("check_jsonschema") else ""),
        f"load average at start {info['load_avg']}, at end {info.get('load_avg_end')}",
        f"wall times: median of {repeat} runs (cold start: of at least 10); RSS: maximum over the runs",
        "",
        f"{'measure':<44} {'decls':>7} {'median s':>9} {'decls/s':>8} {'CPU s':>8} {'CPU ms/decl':>11} "
        f"{'max proc MB':>11} {'tree MB':>8}",
        "─" * 113,
    ]
    for m in measures:
        rate = f"{m.rate:8.0f}" if m.rate else f"{'':>8}"
        decls = f"{m.decls:7d}" if m.decls else f"{'':>7}"
        tree = f"{m.tree_rss_mb:8.1f}" if m.tree_rss_mb else f"{'—':>8}"
        per = f"{m.cpu_ms_per_decl:11.2f}" if m.cpu_ms_per_decl else f"{'':>11}"
        lines.append(f"{m.name:<44} {decls} {m.median:9.3f} {rate} {m.cpu:8.2f} {per} {m.max_rss_mb:11.1f} {tree}")
        if m.note:
            lines.append(f"    {m.note}")
    lines += ["", f"{'ratio':<52} {'value':>8}  target   ok", "─" * 72]
    for name, (value, target, ok) in ratios.items():
        mark = "—" if ok is None else ("yes" if ok else "NO")
        shown = "—" if value is None else f"{value:8.2f}"
        lines.append(f"{name:<52} {shown:>8}  {target:<8} {mark}")
    return "\n".join(lines)


def phase_costs(folder: Path, files: int) -> dict | None:
    """CPU milliseconds per declaration of each phase (``bench_phases.py``, run with this Python)."""
    done = subprocess.run(
        [sys.executable, str(HERE / "bench_phases.py"), str(folder), "--limit", str(files), "--json"],
        capture_output=True,
        text=True,
        env=bench_env(),
        check=False,
    )
    if done.returncode != 0:
        print(f"bench_phases.py failed:\n{done.stderr[-2000:]}", file=sys.stderr)
        return None
    result: dict = json.loads(done.stdout)
    print(f"  phases: {result['cpu_ms_per_decl']}", file=sys.stderr)
    return result


def big_run(args: argparse.Namespace, base: list[str], cold: list[str]) -> Measure:
    """One run on ``--rss-decls`` declarations (text only, generated once into its own folder)."""
    big_dir = Path(tempfile.gettempdir()) / f"perflint-bench-{args.seed}-{args.rss_decls}-text"
    big_dir.mkdir(parents=True, exist_ok=True)
    workload(big_dir, args.rss_decls, args.seed, False, args.regenerate)
    (big_dir / "out").mkdir(exist_ok=True)
    return measure(
        f"perflint check text/ ({args.rss_decls} decls)",
        [*base, "text", "--exit-zero", *cold, "-o", str(big_dir / "out" / "report.txt")],
        big_dir,
        1,
        args.rss_decls,
    )


def rss_only(args: argparse.Namespace, perflint: list[str], options: set[str], info: dict) -> int:
    cold = ["--no-cache"] if "--no-cache" in options else []
    big = big_run(args, [*perflint, "check", *(["--jobs", str(args.jobs)] if "--jobs" in options else [])], cold)
    info["load_avg_end"] = [round(x, 2) for x in os.getloadavg()]
    ok = big.tree_rss_mb <= TARGETS["rss_mb"] if args.rss_decls >= 100000 else None
    ratios = {
        f"peak RSS, whole tree, MB ({args.rss_decls} decls)": (big.tree_rss_mb, "≤ 150", ok),
        f"peak PSS, whole tree, MB ({args.rss_decls} decls)": (big.tree_pss_mb, "", None),
        f"peak RSS, largest process, MB ({args.rss_decls} decls)": (big.max_rss_mb, "", None),
    }
    print(table([big], ratios, info, 1))
    quarters = big.tree_rss_quarters_mb
    if quarters:
        # flat when the memo tables are bounded; rising to the last quarter when something grows
        print("peak tree RSS by quarter of the run, MB: " + " / ".join(f"{q:.0f}" for q in quarters))
    if args.json_out:
        data = {
            "machine": info,
            "perflint_options": sorted(options),
            "measures": [big.to_dict()],
            "ratios": {k: {"value": round(v, 4), "target": t, "ok": o} for k, (v, t, o) in ratios.items()},
        }
        args.json_out.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", "utf-8")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--decls", type=int, default=10000, help="declarations in the workload (default 10000)")
    parser.add_argument("--seed", type=int, default=1, help="generator seed (default 1)")
    parser.add_argument("--repeat", type=int, default=3, help="runs per timing; the median is reported (default 3)")
    parser.add_argument(
        "--work",
        type=Path,
        default=None,
        help="workload folder (default: $TMPDIR/perflint-bench-SEED-DECLS; reused when it matches)",
    )
    parser.add_argument("--regenerate", action="store_true", help="generate the workload even when one exists")
    parser.add_argument("--perflint", default=None, help="perflint executable (default: the one beside this Python)")
    parser.add_argument(
        "--check-jsonschema",
        dest="cjs",
        default=None,
        help="check-jsonschema executable (default: on PATH; skipped when missing)",
    )
    parser.add_argument(
        "--jobs",
        type=int,
        default=os.cpu_count() or 1,
        help="perflint check --jobs, when perflint has the option (default: CPU count, perflint's own default)",
    )
    parser.add_argument(
        "--rss-decls",
        type=int,
        default=0,
        help="also measure peak RSS (and speed) of one run on this many declarations, text only "
        "(e.g. 100000; generated once into its own folder)",
    )
    parser.add_argument(
        "--rss-only",
        action="store_true",
        help="with --rss-decls: measure only the big set (no main workload, no check-jsonschema)",
    )
    parser.add_argument(
        "--phase-files",
        type=int,
        default=300,
        help="files of the workload timed phase by phase in one process (bench_phases.py; 0: skip; default 300)",
    )
    parser.add_argument("--start-runs", type=int, default=10, help="runs for the cold-start medians (at least 10)")
    parser.add_argument("--json", dest="json_out", type=Path, default=None, help="also write the results as JSON here")
    args = parser.parse_args(argv)
    repeat = max(1, args.repeat)
    start_runs = max(10, args.start_runs)

    perflint = perflint_command(args.perflint)
    options = check_options(perflint)
    cjs = find_cjs(args.cjs)
    info = machine(perflint, cjs)
    if args.rss_only and not args.rss_decls:
        parser.error("--rss-only needs --rss-decls")
    if args.rss_only:
        return rss_only(args, perflint, options, info)
    work = args.work or Path(tempfile.gettempdir()) / f"perflint-bench-{args.seed}-{args.decls}"
    work.mkdir(parents=True, exist_ok=True)
    manifest = workload(work, args.decls, args.seed, True, args.regenerate)
    decls = args.decls
    out_dir = work / "out"
    out_dir.mkdir(exist_ok=True)

    base = [*perflint, "check", *(["--jobs", str(args.jobs)] if "--jobs" in options else [])]
    cold = ["--no-cache"] if "--no-cache" in options else []
    notes = []
    if "--jobs" in options:
        notes.append(f"--jobs {args.jobs}")
    else:
        notes.append("no --jobs option: one process")
    notes.append("--no-cache" if cold else "no --no-cache option: cache state unknown")
    print(f"perflint: {' '.join(perflint)}; {'; '.join(notes)}", file=sys.stderr)

    # the .pyc files of perflint and its libraries and the parsed rule files, written once
    # before anything is timed (without --no-cache, which would write neither cache)
    run([*perflint, "check", manifest["files"][0]["text"], "--exit-zero"], work, sample=False)

    measures: list[Measure] = []
    text_cold = measure(
        "perflint check text/ (text report)",
        [*base, "text", "--exit-zero", *cold, "-o", str(out_dir / "report.txt")],
        work,
        repeat,
        decls,
        note=", ".join(notes),
    )
    measures.append(text_cold)
    jsonl = measure(
        f"perflint check text/ --format jsonl{f' --jobs {args.jobs}' if '--jobs' in options else ''}",
        [*base, "text", "--exit-zero", *cold, "--format", "jsonl", "-o", str(out_dir / "report.jsonl")],
        work,
        repeat,
        decls,
    )
    measures.append(jsonl)
    jsonl_one = None
    if "--jobs" in options and args.jobs != 1:
        jsonl_one = measure(
            "perflint check text/ --format jsonl --jobs 1",
            [*perflint, "check", "--jobs", "1", "text", "--exit-zero", *cold, "--format", "jsonl"]
            + ["-o", str(out_dir / "report-1.jsonl")],
            work,
            repeat,
            decls,
        )
        measures.append(jsonl_one)
    json_cold = measure(
        "perflint check json/ (text report)",
        [*base, "json", "--exit-zero", *cold, "-o", str(out_dir / "report-json.txt")],
        work,
        repeat,
        decls,
    )
    measures.append(json_cold)

    warm = None
    if "--cache-dir" in options:
        cache = out_dir / "cache"
        fill = Measure("perflint check text/ --cache-dir (filling)", decls=decls)
        warm = Measure("perflint check text/ --cache-dir (warm)", decls=decls)
        cmd = [*base, "text", "--exit-zero", "--cache-dir", str(cache), "-o", str(out_dir / "report-cache.txt")]
        for _ in range(repeat):
            shutil.rmtree(cache, ignore_errors=True)
            fill.runs.append(run(cmd, work))
            warm.runs.append(run(cmd, work))
        print(f"  warm: median {warm.median:.3f} s (filling {fill.median:.3f} s)", file=sys.stderr)
        measures += [fill, warm]
        shutil.rmtree(cache, ignore_errors=True)

    one_text = manifest["files"][0]["text"]
    one_json = manifest["files"][0].get("json")
    py = measure("python -c pass", [sys.executable, "-c", "pass"], work, start_runs, sample=False)
    start_check = measure(
        f"perflint check ONE_FILE ({one_text})",
        [*perflint, "check", one_text, "--exit-zero", *cold],
        work,
        start_runs,
        sample=False,
    )
    start_version = measure("perflint --version", [*perflint, "--version"], work, start_runs, sample=False)
    measures += [py, start_check, start_version]

    cjs_json = cjs_start = None
    if cjs:
        schema = wrapper_schema(out_dir, HERE.parent / "schemas" / "declaration.schema.json")
        json_files = [f["json"] for f in manifest["files"]]
        cjs_json = measure(
            "check-jsonschema json/*.json",
            [cjs, "--schemafile", str(schema), *json_files],
            work,
            repeat,
            decls,
            note="each JSON copy is a list of declarations: validated against an array schema "
            "embedding schemas/declaration.schema.json",
        )
        cjs_start = measure(
            "check-jsonschema ONE_FILE", [cjs, "--schemafile", str(schema), one_json], work, start_runs, sample=False
        )
        measures += [cjs_json, cjs_start]
    else:
        print(
            f"check-jsonschema not found: skipped. Install it with\n    {INSTALL_CJS}\n"
            f"and pass --check-jsonschema /tmp/cjs/bin/check-jsonschema",
            file=sys.stderr,
        )

    phases = phase_costs(work / "text", args.phase_files) if args.phase_files else None

    big = big_run(args, base, cold) if args.rss_decls else None
    if big:
        measures.append(big)
    info["load_avg_end"] = [round(x, 2) for x in os.getloadavg()]

    ratios: dict[str, tuple[float | None, str, bool | None]] = {}
    rate = jsonl.rate or 0.0
    ratios[f"decls/s, text/ --format jsonl --jobs {args.jobs}"] = (
        rate,
        "≥ 2000",
        rate >= TARGETS["decls_per_s"] if args.jobs == 2 else None,
    )
    if jsonl_one is not None and jsonl_one.rate:
        r = rate / jsonl_one.rate
        ratios[f"--jobs {args.jobs} ÷ --jobs 1, decls/s (wall)"] = (
            r,
            "≥ 1.8",
            r >= TARGETS["jobs_speedup"] if args.jobs == 2 else None,
        )
        ratios[f"--jobs {args.jobs} ÷ --jobs 1, CPU time"] = (jsonl.cpu / jsonl_one.cpu, "", None)
    if cjs_json:
        r = json_cold.rate / cjs_json.rate
        ratios["perflint ÷ check-jsonschema decls/s (JSON copies)"] = (r, "≥ 1.5", r >= TARGETS["json_speedup"])
        r2 = text_cold.rate / cjs_json.rate
        ratios["perflint on text ÷ check-jsonschema on JSON, decls/s"] = (r2, "", None)
    else:
        ratios["perflint ÷ check-jsonschema decls/s (JSON copies)"] = (None, "≥ 1.5", None)
    if warm:
        r = warm.median / text_cold.median
        ratios["warm cache ÷ cold (--no-cache), text/"] = (r, "≤ 0.15", r <= TARGETS["warm_cold"])
    else:
        ratios["warm cache ÷ cold, text/"] = (None, "≤ 0.15", None)
    ratios["perflint check ONE_FILE, seconds"] = (
        start_check.median,
        "≤ 0.2",
        start_check.median <= TARGETS["start_check_s"],
    )
    ratios["perflint check ONE_FILE, CPU seconds"] = (start_check.cpu, "", None)
    ratios["perflint check ONE_FILE ÷ python -c pass"] = (start_check.median / py.median, "", None)
    ratios["perflint --version, seconds"] = (
        start_version.median,
        "≤ 0.05",
        start_version.median <= TARGETS["start_version_s"],
    )
    ratios["perflint --version ÷ python -c pass"] = (start_version.median / py.median, "", None)
    if cjs_start:
        ratios["check-jsonschema ONE_FILE ÷ python -c pass"] = (cjs_start.median / py.median, "", None)
    ratios["peak RSS, largest process, MB (main workload)"] = (text_cold.max_rss_mb, "", None)
    ratios["peak RSS, whole tree, MB (main workload)"] = (text_cold.tree_rss_mb, "", None)
    ratios["peak PSS, whole tree, MB (main workload)"] = (text_cold.tree_pss_mb, "", None)
    if big:
        ok = big.tree_rss_mb <= TARGETS["rss_mb"] if args.rss_decls >= 100000 else None
        ratios[f"peak RSS, whole tree, MB ({args.rss_decls} decls)"] = (big.tree_rss_mb, "≤ 150", ok)
        ratios[f"peak PSS, whole tree, MB ({args.rss_decls} decls)"] = (big.tree_pss_mb, "", None)
        ratios[f"peak RSS, largest process, MB ({args.rss_decls} decls)"] = (big.max_rss_mb, "", None)

    report = table(measures, ratios, info, repeat)
    print(
        f"\nworkload: {decls} declarations in {len(manifest['files'])} files, "
        f"{manifest['bytes']['text'] / 1e6:.1f} MB of text ({manifest['encodings']['gbk']} files GBK), "
        f"in {work}"
    )
    print(report)
    if big and big.tree_rss_quarters_mb:
        print(
            f"peak tree RSS by quarter of the {args.rss_decls}-declaration run, MB: "
            + " / ".join(f"{q:.0f}" for q in big.tree_rss_quarters_mb)
        )
    if phases:
        print(
            f"\nCPU ms per declaration by phase, in one process ({phases['decls']} declarations in "
            f"{phases['files']} files, {phases['format']} rendered; benchmarks/bench_phases.py):"
        )
        print("  " + "  ".join(f"{k} {v:.2f}" for k, v in phases["cpu_ms_per_decl"].items()))
    if args.json_out:
        data = {
            "machine": info,
            "workload": {
                "decls": decls,
                "seed": args.seed,
                "files": len(manifest["files"]),
                "text_bytes": manifest["bytes"]["text"],
                "folder": str(work),
            },
            "perflint_options": sorted(options),
            "statistic": "median wall time",
            "phases": phases,
            "measures": [m.to_dict() for m in measures],
            "ratios": {
                k: {"value": None if v is None else round(v, 4), "target": t, "ok": ok}
                for k, (v, t, ok) in ratios.items()
            },
            "targets": TARGETS,
        }
        args.json_out.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", "utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
