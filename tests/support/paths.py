"""Where the project's files and the test data are."""

from __future__ import annotations

from pathlib import Path

TESTS = Path(__file__).resolve().parent.parent
ROOT = TESTS.parent
EXAMPLES = ROOT / "examples"
RULES = ROOT / "rules"
DOCS = ROOT / "docs"

DATA = TESTS / "data"
BAD_INPUTS = TESTS / "bad_inputs"
GOLDEN = TESTS / "golden"
SARIF_SCHEMA = DATA / "sarif-schema-2.1.0.json"
#: the real 2019 submission the project was designed on (see data/seed/README.md)
SEED = DATA / "seed" / "wangcheng-2019.txt"
