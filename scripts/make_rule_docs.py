#!/usr/bin/env python3
"""Write docs/rules/<CODE>.md, one page per built-in rule, from the rule files.

    python scripts/make_rule_docs.py           # (re)write the pages
    python scripts/make_rule_docs.py --check   # exit 1 when a page is missing or out of date

SARIF's helpUri and the HTML report link to these pages (``docs-url`` in the
configuration changes the address); tests/catalog/test_rule_docs.py keeps them
up to date.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from perflint.catalog import builtin_catalog  # noqa: E402
from perflint.catalog.docs import rule_pages  # noqa: E402

DOCS = ROOT / "docs" / "rules"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--check", action="store_true", help="only check that the pages are up to date")
    args = ap.parse_args(argv)
    pages = rule_pages(builtin_catalog())
    stale = [
        name for name, text in pages.items() if not (DOCS / name).is_file() or (DOCS / name).read_text("utf-8") != text
    ]
    extra = sorted(p.name for p in DOCS.glob("*.md") if p.name not in pages)
    if args.check:
        for name in stale + extra:
            print(f"out of date: docs/rules/{name}", file=sys.stderr)
        return 1 if stale or extra else 0
    DOCS.mkdir(parents=True, exist_ok=True)
    for name in stale:
        (DOCS / name).write_text(pages[name], "utf-8")
    for name in extra:
        (DOCS / name).unlink()
    print(f"{len(stale)} pages written, {len(extra)} removed, {len(pages)} in all")
    return 0


if __name__ == "__main__":
    sys.exit(main())
