"""Extraction of the seed: the real 2019 submission the project was designed on.

The file is ``tests/data/seed/wangcheng-2019.txt``, a byte-for-byte copy of the
team's reference copy (``tests/data/seed/README.md`` gives its provenance).
"""

from __future__ import annotations

import hashlib
import re
from decimal import Decimal

import pytest
from support.extraction import assert_nothing_lost, assert_spans_match
from support.paths import SEED

from perflint.domain.model import FormType
from perflint.ingest.files import load_file


@pytest.fixture(scope="module")
def seed():
    return load_file(str(SEED))


def test_the_seed_is_the_copy_its_readme_describes() -> None:
    """Nobody edits the seed: a fix would hide the defects the tests expect."""
    (stated,) = re.findall(r"\b[0-9a-f]{64}\b", (SEED.parent / "README.md").read_text("utf-8"))
    assert hashlib.sha256(SEED.read_bytes()).hexdigest() == stated


def test_three_forms(seed) -> None:
    decls = seed.declarations
    assert [d.form_type for d in decls] == [FormType.SPECIAL, FormType.SPECIAL, FormType.DEPARTMENT]
    assert [d.year for d in decls] == [2019, 2019, 2019]
    f1, f2, _ = decls
    assert (f1.name, f1.money.total.amount, len(f1.indicators)) == ("政务公开信息系统维护", Decimal(556), 8)
    assert (f2.name, f2.money.total.amount, len(f2.indicators)) == (
        "政务公开日常事务专项和政务大厅窗口工作人员服装",
        Decimal(658),
        9,
    )
    assert f1.attribute == f2.attribute == "延续"
    for d in decls:
        assert d.filing_date is not None and d.filing_date.text == "2018.12"
        assert d.filing_date.value == "2018-12" and d.filing_date.precision == "month"
        assert d.unrecognized == []


def test_department_money(seed) -> None:
    f3 = seed.declarations[2]
    assert f3.money.total is not None and f3.money.total.text == "" and f3.money.total.amount is None
    amounts = {line.key: line.amount for line in f3.money.lines}
    assert amounts["income_total"] == Decimal("1698.6")
    assert amounts["income.public"] == Decimal("1698.6")
    assert amounts["expenditure.basic"] == Decimal("412.1")
    assert amounts["expenditure.project"] == Decimal("1286.5")
    assert amounts["expenditure_total"] is None


def test_nothing_lost(seed) -> None:
    assert_nothing_lost(seed.text, seed.declarations)
    assert_spans_match(seed.text, seed.declarations)
