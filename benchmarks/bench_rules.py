#!/usr/bin/env python3
"""CPU time of the rules alone: every built-in rule on declarations already read.

    python benchmarks/bench_rules.py [--decls 2000] [--repeat 5]

The declarations come from the benchmark workload generator
(``benchmarks/generate.py``, text forms of all three types with realistic
defects) plus the bundled examples; each is read once, then the engine's
check of the whole file (``Engine.file_report``: every rule, findings built,
grades computed, no output written) is timed.  Prints the best of
``--repeat`` runs as milliseconds per declaration.  Used to compare versions
of the rules (for example the shared per-declaration analysis of
``perflint/checks/analysis/rows.py`` against rules that each walked every row):
run it in two checkouts on the same machine, one after the other.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

import generate  # noqa: E402

from perflint.catalog import builtin_catalog  # noqa: E402
from perflint.engine.config import Config  # noqa: E402
from perflint.engine.core import Engine  # noqa: E402
from perflint.ingest.files import load_file  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--decls", type=int, default=2000)
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        generate.generate(Path(tmp), args.decls, seed=1, with_json=False)
        paths = sorted(str(p) for p in Path(tmp).rglob("*.txt"))
        paths += sorted(str(p) for p in (ROOT / "examples").glob("*.txt"))
        files = [load_file(p) for p in paths]
    decls = sum(len(f.declarations) for f in files)
    engine = Engine(builtin_catalog(), Config(today="2026-01-01"))
    for f in files[:50]:  # warm the memo caches and the vocabulary
        engine.file_report(f, f.path)
    best = float("inf")
    for _ in range(args.repeat):
        start = time.perf_counter()
        for f in files:
            engine.file_report(f, f.path)
        best = min(best, time.perf_counter() - start)
    print(
        f"{decls} declarations in {len(files)} files: rules {1000 * best / decls:.3f} ms per declaration (best of {args.repeat})"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
