#!/usr/bin/env python3
"""CPU milliseconds per declaration in each phase of a check, in one process.

    python benchmarks/bench_phases.py FOLDER [--limit N] [--format jsonl] [--json]

Every ``*.txt`` file under ``FOLDER`` (e.g. the ``text/`` folder of the
workload ``benchmarks/generate.py`` writes) is checked the way ``perflint
check`` checks it, with the phases timed apart (``time.process_time``: CPU
time of this process, so other work on a shared machine changes it little):

``read``     the bytes read and decoded (``read_bytes`` + ``decode``);
``segment``  the text cut into rows of cells (``layouts.rows_for``);
``build``    the rest of reading: the model built from the rows, the reading
             assessed, the document kind (``load_bytes`` minus the two above);
``rules``    every rule of the default profile, findings and grades
             (``Engine.file_reports``);
``render``   the reports written in ``--format`` (a streaming sink writing
             to memory).

``segment`` and ``read`` are timed on their own and subtracted from the whole
read, so ``build`` carries the little the reader adds around them.  The
engine and catalog are loaded before timing (start-up is measured by
``perf.py``); one warm-up pass over the first files fills the memo caches.
The cycle collector is set as the ``perflint`` command sets it
(:data:`perflint.launcher.GC_THRESHOLD`, the imported modules frozen).
"""

from __future__ import annotations

import argparse
import gc
import io
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from perflint.catalog import builtin_catalog  # noqa: E402
from perflint.domain.result import RunSummary  # noqa: E402
from perflint.engine.config import Config  # noqa: E402
from perflint.engine.core import Engine  # noqa: E402
from perflint.ingest.decode import decode  # noqa: E402
from perflint.ingest.files import ReadOptions, load_bytes, read_bytes  # noqa: E402
from perflint.ingest.layouts import rows_for  # noqa: E402
from perflint.launcher import GC_THRESHOLD  # noqa: E402
from perflint.report import open_sink  # noqa: E402

PHASES = ("read", "segment", "build", "rules", "render")


def measure(paths: list[Path], fmt: str) -> dict:
    engine = Engine(builtin_catalog(), Config())
    options = ReadOptions()
    report_options = {"lang": "zh", "color": False, "quiet": False, "statistics": False, "show_source": True}
    out = io.BytesIO()
    sink = open_sink(fmt, report_options, out)
    sink.start(RunSummary(profile=engine.config.profile))
    clock = time.process_time
    spent = dict.fromkeys(PHASES, 0.0)
    decls = 0
    for path in paths:
        name = path.name
        t0 = clock()
        data = read_bytes(str(path), options.max_bytes)
        text = decode(data, options.encoding).text
        t1 = clock()
        rows_for(text, options.layout)
        t2 = clock()
        fr = load_bytes(data, name, options)
        t3 = clock()
        reports = engine.file_reports(fr, name)
        t4 = clock()
        for report in reports:
            sink.file(report)
        t5 = clock()
        spent["read"] += t1 - t0
        spent["segment"] += t2 - t1
        # load_bytes decodes and segments again: what is left is the build
        spent["build"] += max(0.0, (t3 - t2) - (t1 - t0) - (t2 - t1))
        spent["rules"] += t4 - t3
        spent["render"] += t5 - t4
        decls += len(fr.declarations)
    return {"files": len(paths), "decls": decls, "seconds": spent}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("folder", type=Path)
    ap.add_argument("--limit", type=int, default=0, help="at most this many files (0: all)")
    ap.add_argument("--format", default="jsonl", help="the format rendered (default jsonl)")
    ap.add_argument("--json", action="store_true", help="print the result as JSON")
    args = ap.parse_args(argv)
    gc.set_threshold(GC_THRESHOLD, *gc.get_threshold()[1:])  # as the perflint command runs
    gc.freeze()
    paths = sorted(args.folder.rglob("*.txt"))
    if args.limit:
        paths = paths[: args.limit]
    if not paths:
        ap.error(f"no .txt files under {args.folder}")
    measure(paths[:20], args.format)  # warm-up: memo caches, vocabulary, lazy imports
    result = measure(paths, args.format)
    decls = max(1, result["decls"])
    per_decl = {k: round(1000 * v / decls, 3) for k, v in result["seconds"].items()}
    per_decl["total"] = round(sum(per_decl.values()), 3)
    data = {"files": result["files"], "decls": result["decls"], "format": args.format, "cpu_ms_per_decl": per_decl}
    if args.json:
        print(json.dumps(data))
    else:
        print(f"{result['decls']} declarations in {result['files']} files, CPU ms per declaration:")
        for name, value in per_decl.items():
            print(f"  {name:<8} {value:7.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
