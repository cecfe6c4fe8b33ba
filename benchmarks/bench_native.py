"""Reading a declaration from its native file against reading its text export.

A plain script, not a test::

    .venv/bin/python benchmarks/bench_native.py             # defaults: 200 reads each, best of 5
    .venv/bin/python benchmarks/bench_native.py --reads 500 --repeat 7

The seed (tests/data/seed/wangcheng-2019.txt: three forms) and its native
versions in tests/data/native/ (seed.docx, seed.xlsx, seed.html and, with
``perflint-cn[pdf]``, seed.pdf) are each read ``--reads`` times in one process
with :func:`perflint.ingest.files.load_bytes` (bytes already in memory, so the
disk is not measured; the libraries imported once, before timing, as in a
run over many files).  Prints ms per read and the ratio to the text export;
the target for Word is no more than 3×.  Also prints the one-off cost of
importing each format's library, which a run pays once per process.
"""

from __future__ import annotations

import argparse
import importlib
import importlib.util
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from perflint.ingest.files import load_bytes  # noqa: E402

SEED = ROOT / "tests" / "data" / "seed" / "wangcheng-2019.txt"
NATIVE = ROOT / "tests" / "data" / "native"
TARGET_DOCX = 3.0


def per_read(path: Path, reads: int, repeat: int) -> float:
    """Best ms per read of ``path`` over ``repeat`` rounds of ``reads`` reads."""
    data = path.read_bytes()
    result = load_bytes(data, path.name)  # warm: imports, vocabulary caches
    assert len(result.declarations) == 3, (path, result.problems)
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        for _ in range(reads):
            load_bytes(data, path.name)
        best = min(best, (time.perf_counter() - start) / reads)
    return best * 1000


def import_cost(module: str) -> float:
    """ms to import ``module`` in a fresh interpreter (perflint's reading layer already loaded)."""
    code = (
        "import time, perflint.ingest.files\n"
        f"t = time.perf_counter(); import {module}; print((time.perf_counter() - t) * 1000)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    return float(out.stdout.strip())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--reads", type=int, default=200)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    files = [SEED, NATIVE / "seed.docx", NATIVE / "seed.xlsx", NATIVE / "seed.html"]
    if importlib.util.find_spec("pdfplumber") is not None:
        files.append(NATIVE / "seed.pdf")
    reads = {path: max(1, args.reads // (20 if path.suffix == ".pdf" else 1)) for path in files}
    base = per_read(SEED, reads[SEED], args.repeat)
    print(f"{'file':<22} {'ms/read':>9} {'× text':>7}")
    ratios = {}
    for path in files:
        ms = base if path == SEED else per_read(path, reads[path], args.repeat)
        ratios[path.suffix] = ms / base
        print(f"{path.name:<22} {ms:9.2f} {ms / base:7.2f}")
    print()
    print("one-off import per process (ms):")
    for module in ("lxml.etree", "openpyxl", "selectolax.lexbor", "pdfplumber"):
        if importlib.util.find_spec(module.split(".")[0]) is not None:
            print(f"  {module:<20} {import_cost(module):7.1f}")
    ok = ratios[".docx"] <= TARGET_DOCX
    print()
    print(f".docx ÷ text export: {ratios['.docx']:.2f}× (target ≤ {TARGET_DOCX:.0f}×) — {'met' if ok else 'NOT met'}")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
