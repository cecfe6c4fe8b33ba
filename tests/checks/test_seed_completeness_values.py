"""The REQ/PH/IND/VAL/SAT/COST families on the real seed submission.

The seed is ``tests/data/seed/wangcheng-2019.txt``, a copy of the team's
read-only reference material (its README gives the provenance).  Expected
findings are the reviewer's list for these families under the hunan-2019
profile: every item must fire at its place, the listed true negatives must
not, and nothing else may fire except the soft input heuristic (IND009 at
info level).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace

import pytest
from support.paths import SEED

from perflint.catalog import builtin_catalog
from perflint.engine import Engine
from perflint.engine.config import Config

FAMILIES = ("REQ", "PH", "IND", "VAL", "SAT", "COST")

# (code, pointer, severity) per form
EXPECTED = {
    0: [  # F1: first 专项 form
        ("REQ002", "/filing_unit", "warning"),
        ("REQ008", "/basis", "warning"),
        ("REQ012", "/preparer", "warning"),
        ("IND002", "/indicators/0/level1", "error"),  # no 数量指标
        ("IND005", "/indicators/0/value", "warning"),
        ("IND006", "/indicators/0/content", "warning"),
        ("IND007", "/indicators/0/value", "warning"),
        ("VAL002", "/indicators/1/value", "warning"),  # 时效 value: a vague verb, no figure
        ("VAL003", "/indicators/1/value", "warning"),
        ("IND009", "/indicators/1/value", "warning"),
        ("COST001", "/indicators/2/value", "warning"),  # 成本 "/"
        ("PH004", "/indicators/3/value", "info"),  # 经济效益 "/"
        ("VAL002", "/indicators/4/value", "warning"),  # 社会效益 value: no figure
        ("VAL003", "/indicators/4/value", "warning"),
        ("PH004", "/indicators/5/value", "info"),  # 生态效益
        ("PH004", "/indicators/6/value", "info"),  # 可持续影响
        ("SAT004", "/indicators/7/content", "warning"),  # names nobody, vague wording
        ("IND011", "/indicators", "warning"),
    ],
    1: [  # F2: second 专项 form
        ("REQ002", "/filing_unit", "warning"),
        ("REQ012", "/preparer", "warning"),
        ("VAL004", "/indicators/0/value", "warning"),  # a per-head rate without unit
        ("IND009", "/indicators/0/value", "warning"),
        ("IND009", "/indicators/1/value", "warning"),  # money under 质量
        ("VAL002", "/indicators/2/value", "warning"),
        ("VAL003", "/indicators/2/value", "warning"),
        ("IND009", "/indicators/2/value", "warning"),
        ("COST002", "/indicators/3/value", "warning"),  # yes/no wording
        ("COST001", "/indicators/3/value", "warning"),
        ("PH004", "/indicators/4/value", "info"),
        ("IND008", "/indicators/5/content", "warning"),
        ("IND007", "/indicators/5/value", "warning"),
        ("VAL002", "/indicators/5/value", "warning"),
        ("PH004", "/indicators/6/value", "info"),
        ("PH004", "/indicators/7/value", "info"),
        ("SAT004", "/indicators/8/content", "warning"),  # method, not subject
        ("IND011", "/indicators", "warning"),
    ],
    2: [  # F3: 部门整体支出 form
        ("REQ002", "/filing_unit", "warning"),
        ("REQ006", "/money/total", "error"),
        ("VAL002", "/indicators/0/content", "error"),
        ("IND010", "/indicators/0/content", "warning"),
        ("VAL002", "/indicators/1/content", "error"),
        ("VAL003", "/indicators/1/content", "warning"),
        ("SAT001", "/indicators", "info"),
        ("IND011", "/indicators", "warning"),
        ("REQ012", "/preparer", "warning"),
    ],
}
SOFT = {("IND009", "/indicators/0/content", "info")}  # F2: 数量 counts staff (an input)


@pytest.fixture(scope="module")
def findings():
    cat = builtin_catalog()
    engine = Engine(cat, replace(Config(), profile="hunan-2019"))
    result = engine.run([str(SEED)])
    (file_report,) = result.files
    out: dict[int, list] = {}
    for d in file_report.declarations:
        out[d.index] = [f for f in d.findings if f.code.startswith(FAMILIES)]
    return out


@pytest.mark.parametrize("index", sorted(EXPECTED))
def test_seed_findings_match_the_review(findings, index):
    got = Counter((f.code, f.pointer, f.severity.value) for f in findings[index])
    want = Counter(EXPECTED[index])
    missing = want - got
    extra = Counter({k: v for k, v in (got - want).items() if k not in SOFT})
    assert not missing, f"not reported: {sorted(missing)}"
    assert not extra, f"unexpected: {sorted(extra)}"


def test_true_negatives(findings):
    f2 = {(f.code, f.pointer) for f in findings[1]}
    assert ("REQ008", "/basis") not in f2  # the F2 basis cites meeting minutes
    assert not any(code in ("SAT002", "SAT003") for code, _ in f2)  # a percentage with 以上
    assert not any(code == "REQ004" for code, _ in f2)  # tick before the box
    f1 = {f.code for f in findings[0]}
    assert "SAT002" not in f1 and "SAT003" not in f1  # a percentage with 以上


def test_form_level_errors(findings):
    errors = sorted((i, f.code) for i, fs in findings.items() for f in fs if f.severity.value == "error")
    assert errors == [(0, "IND002"), (2, "REQ006"), (2, "VAL002"), (2, "VAL002")]


def test_findings_land_on_the_offending_line(findings):
    from perflint.ingest.files import load_file

    decls = load_file(str(SEED)).declarations
    lines = SEED.read_text("utf-8").splitlines()
    checked = 0
    for index in (0, 1):
        for f in findings[index]:
            if f.code in ("VAL002", "VAL003", "VAL004") and f.pointer.endswith("/value"):
                row = int(f.pointer.split("/")[2])
                value = decls[index].indicators[row].value
                assert f.span is not None and value[:6] in lines[f.span.line - 1]
                checked += 1
    assert checked >= 5


def test_total_funds_suggests_the_derived_value(findings):
    (req006,) = [f for f in findings[2] if f.code == "REQ006"]
    assert "1698.6" in (req006.suggestion_text("zh") or "")
