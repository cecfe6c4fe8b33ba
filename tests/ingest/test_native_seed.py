"""The seed read from Word, Excel, a web page and a PDF gives what its text export gives.

tests/data/native/ holds the seed's three forms (two 专项资金, one 部门整体支出)
as the Word tables it was saved from, as a workbook, a saved web page and a
PDF printed from the Word document (scripts/make_native_fixtures.py writes
them).  Read natively, each must give the same three declarations, the same
facts and the same findings (codes on pointers) as the text export, and say
where each value is in words a reviewer can look up.
"""

from __future__ import annotations

import importlib.util
import re
from functools import cache

import pytest
from support.paths import DATA, SEED

from perflint.catalog import builtin_catalog
from perflint.engine import Engine
from perflint.engine.config import Config
from perflint.ingest.files import load_file

NATIVE = DATA / "native"
TODAY = "2019-03-01"
HAS_PDF = importlib.util.find_spec("pdfplumber") is not None


@cache
def _engine() -> Engine:
    return Engine(builtin_catalog(), Config(today=TODAY))


@cache
def read(path: str):
    return load_file(path)


def findings(path: str) -> set[tuple[int | None, str, str]]:
    result = _engine().run_file_result(read(path))
    return {(f.declaration, f.code, f.pointer) for report in result.files for f in report.iter_findings()}


def facts(decl, loose: bool = False) -> dict:
    """What a reviewer reads off a form; ``loose``: white space as a browser shows it."""

    def norm(text):
        if text is None:
            return ""  # an empty last cell: absent from a text export, empty in the document
        return re.sub(r"\s+", "", text) if loose else text

    return {
        "title": decl.title,
        "year": decl.year,
        "form_type": str(decl.form_type),
        "name": decl.name,
        "department": decl.department,
        "total": None if decl.money.total is None else decl.money.total.text,
        "money": [(m.key, m.text) for m in decl.money.lines],
        "goals": dict(decl.goals),
        "preparer": decl.preparer,
        "filing_date": None if decl.filing_date is None else decl.filing_date.to_dict(),
        "attribute": decl.attribute,
        "schedule": [(norm(s.content), _date(s.start), _date(s.end)) for s in decl.schedule],
        "indicators": [(i.level1, i.level2, norm(i.content), norm(i.value), norm(i.note)) for i in decl.indicators],
        "unrecognized": list(decl.unrecognized),
    }


def _date(value):
    return None if value is None else {k: v for k, v in value.to_dict().items() if k != "text"}


TEXT = str(SEED)
CASES = [
    pytest.param("seed.docx", False, id="docx"),
    pytest.param("seed.xlsx", False, id="xlsx"),
    pytest.param("seed.html", True, id="html"),
    pytest.param(
        "seed.pdf", True, id="pdf", marks=pytest.mark.skipif(not HAS_PDF, reason="perflint-cn[pdf] not installed")
    ),
]


@pytest.mark.parametrize("name, loose", CASES)
def test_same_declarations_and_facts_as_the_text_export(name, loose):
    text, native = read(TEXT), read(str(NATIVE / name))
    assert not native.problems, native.problems
    assert len(native.declarations) == len(text.declarations) == 3
    for a, b in zip(text.declarations, native.declarations):
        left, right = facts(a, loose), facts(b, loose)
        if loose:  # a web page collapses runs of spaces, a PDF wraps lines
            for key in ("goals",):
                left[key] = {k: re.sub(r"\s+", " ", v) for k, v in left[key].items()}
                right[key] = {k: re.sub(r"\s+", " ", v) for k, v in right[key].items()}
        assert left == right


@pytest.mark.parametrize("name, loose", CASES)
def test_same_findings_on_the_same_fields(name, loose):
    expected = findings(TEXT)
    assert len(expected) > 50
    assert findings(str(NATIVE / name)) == expected


def test_word_locations_name_table_row_and_column():
    first = read(str(NATIVE / "seed.docx")).declarations[0].source.locations
    assert first["/title"] == "正文第1段"
    assert first["/name"] == "表1 第1行「专项名称」栏"
    assert first["/money/total"] == "表1 第2行「资金总额（万元）」栏"
    assert first["/indicators/0/level2"] == "表1 第10行「二级指标」列"
    assert first["/indicators/0/value"] == "表1 第10行「指标值」列"
    # a level cell merged downwards is found where it is written
    assert first["/indicators/1/level1"] == "表1 第10行「一级指标」列"
    third = read(str(NATIVE / "seed.docx")).declarations[2].source.locations
    assert third["/department"].startswith("表3 第1行")


def test_sheet_locations_name_sheet_and_cell():
    decls = read(str(NATIVE / "seed.xlsx")).declarations
    first, third = decls[0].source.locations, decls[2].source.locations
    assert first["/title"] == "专项1!A1"
    assert first["/name"].startswith("专项1!B4")
    assert re.fullmatch(r"专项1![A-F]\d+", first["/indicators/0/value"])
    assert third["/department"].startswith("部门整体!B")


@pytest.mark.skipif(not HAS_PDF, reason="perflint-cn[pdf] not installed")
def test_pdf_locations_name_the_page():
    decls = read(str(NATIVE / "seed.pdf")).declarations
    assert decls[0].source.locations["/title"] == "第1页"
    assert decls[0].source.locations["/name"].startswith("第1页 表1 第1行")
    assert decls[2].source.locations["/department"].startswith("第")


def test_the_canonical_text_is_what_reports_show():
    result = read(str(NATIVE / "seed.docx"))
    decl = result.declarations[0]
    span = decl.source.spans["/name"]
    line = result.text.split("\n")[span.line - 1]
    assert line[span.column - 1 : span.end_column - 1] == "政务公开信息系统维护"
    assert decl.source.layout == "docx"
