"""Extraction report over a directory of sample declarations.

Usage: python scripts/corpus_report.py DIR [--json]

For every ``*.txt`` / ``*.json`` file in DIR (and its ``NNN.meta.json``
sidecar when present) print one line per declaration found: layout, form
type, year, name (the department, marked [部门], for forms without a project
name), total funds, number of indicators, number of unrecognized leftovers and
the number of non-blank characters that are not accounted for (must be 0).  With a sidecar, the expected year is shown next to the
extracted one.  This is a measuring tool, not a test.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from perflint.ingest.coverage import uncovered
from perflint.ingest.files import ReadOptions, load_file


def _short(text: object, width: int) -> str:
    s = "" if text is None else str(text).replace("\n", " ")
    return s if len(s) <= width else s[: width - 1] + "…"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("directory")
    parser.add_argument("--json", action="store_true", help="machine-readable output")
    args = parser.parse_args(argv)
    root = Path(args.directory)
    files = sorted(p for p in root.iterdir() if p.suffix in (".txt", ".json") and not p.name.endswith(".meta.json"))
    rows = []
    started = time.perf_counter()
    for path in files:
        meta_path = path.with_name(path.name.split(".")[0] + ".meta.json")
        meta = json.loads(meta_path.read_text("utf-8")) if meta_path.is_file() else {}
        result = load_file(str(path), ReadOptions())
        if not result.declarations:
            rows.append(
                {
                    "file": path.name,
                    "meta_layout": meta.get("layout"),
                    "layout": None,
                    "form_type": None,
                    "year": None,
                    "expected_year": meta.get("year"),
                    "name": None,
                    "total": None,
                    "indicators": 0,
                    "unrecognized": 0,
                    "lost": None,
                    "problems": [p.code for p in result.problems],
                }
            )
            continue
        lost = len(uncovered(result.text or "", result.declarations)) if result.text is not None else 0
        for d in result.declarations:
            total = d.money.total
            rows.append(
                {
                    "file": path.name,
                    "meta_layout": meta.get("layout"),
                    "layout": d.source.layout,
                    "form_type": str(d.form_type),
                    "expected_form": meta.get("form_type"),
                    "year": d.year,
                    "expected_year": meta.get("year"),
                    "name": d.name,
                    "department": d.department,
                    "total": None if total is None else f"{total.text}→{total.amount} {total.unit}",
                    "indicators": len(d.indicators),
                    "unrecognized": len(d.unrecognized),
                    "lost": lost,
                    "problems": [p.code for p in result.problems],
                }
            )
    elapsed = time.perf_counter() - started
    if args.json:
        json.dump(rows, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
        return 0
    header = f"{'file':9} {'meta':10} {'layout':9} {'type':7} {'year':11} {'name':28} {'total':22} {'#ind':>4} {'#unr':>4} {'lost':>4}"
    print(header)
    print("-" * len(header))
    for r in rows:
        year = f"{r['year']}/{r['expected_year']}"
        name = r["name"] or (f"[部门] {r['department']}" if r.get("department") else None)
        print(
            f"{r['file']:9} {_short(r['meta_layout'], 10):10} {_short(r['layout'], 9):9} "
            f"{_short(r['form_type'], 7):7} {year:11} {_short(name, 28):28} "
            f"{_short(r['total'], 22):22} {r['indicators']:>4} {r['unrecognized']:>4} "
            f"{'-' if r['lost'] is None else r['lost']:>4}" + (f"  {','.join(r['problems'])}" if r["problems"] else "")
        )
    print(f"\n{len(files)} files, {len(rows)} declarations, {elapsed * 1000:.0f} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
