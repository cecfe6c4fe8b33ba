"""The document libraries load only for a file of their kind: a text run does not pay for them."""

from __future__ import annotations

import json
import subprocess
import sys

from support.paths import DATA, ROOT, SEED

HEAVY = ("lxml", "openpyxl", "xlrd", "selectolax", "pdfplumber", "pdfminer", "defusedxml")


def _loaded_after(code: str) -> list[str]:
    script = code + f"\nimport sys\nprint(sorted({{m.split('.')[0] for m in sys.modules}} & set({HEAVY!r})))"
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True, cwd=ROOT)
    return json.loads(out.stdout.strip().splitlines()[-1].replace("'", '"'))


def test_reading_text_loads_no_document_library():
    code = f"from perflint.ingest.files import load_file\nassert load_file({str(SEED)!r}).declarations\n"
    assert _loaded_after(code) == []


def test_reading_a_word_document_loads_lxml_only():
    code = (
        "from perflint.ingest.files import load_file\n"
        f"assert len(load_file({str(DATA / 'native' / 'seed.docx')!r}).declarations) == 3\n"
    )
    assert _loaded_after(code) == ["lxml"]
