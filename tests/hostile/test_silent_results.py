"""Silent wrong results of crafted but plausible forms (issue 17, item 11): a full-width
year is read, superscript digits are not a number."""

from __future__ import annotations

from pathlib import Path

import pytest
from support.paths import ROOT

from perflint.catalog import Catalog
from perflint.domain.text import parse_amount
from perflint.engine import Engine
from perflint.engine.config import Config

SEED = (ROOT / "tests" / "data" / "seed" / "wangcheng-2019.txt").read_text("utf-8")
TOTAL = "\t资金总额（万元）\n\t　556\n"


@pytest.fixture(scope="module")
def engine() -> Engine:
    return Engine(Catalog.load(), Config(today="2025-01-01"))


def _run(engine: Engine, tmp_path: Path, text: str):
    path = tmp_path / "form.txt"
    path.write_text(text, "utf-8")
    return engine.run([str(path)])


def test_a_full_width_year_is_read(engine: Engine, tmp_path: Path) -> None:
    text = SEED.replace("（  2019年度）", "（２０１９年度）", 1)
    assert text != SEED
    result = _run(engine, tmp_path, text)
    assert result.declarations[0].year == 2019
    codes = {f.code for f in result.findings if f.declaration == 0}
    assert "REQ001" not in codes and "SRC001" not in codes  # was: 年度 missing, and the year left unread


def test_superscript_digits_are_not_read_as_a_number(engine: Engine, tmp_path: Path) -> None:
    assert parse_amount("556⁴⁸") == (None, None)
    assert parse_amount("①") == (None, None)
    assert parse_amount("１６９８．６万元")[0] is not None  # full-width digits are digits
    text = SEED.replace(TOTAL, "\t资金总额（万元）\n\t　556⁴⁸\n", 1)
    assert text != SEED
    result = _run(engine, tmp_path, text)
    assert result.declarations[0].total is None or "55648" not in result.declarations[0].total  # was 55648
    assert any(f.code == "BUD001" and "556⁴⁸" in f.message["zh"] for f in result.findings)


@pytest.mark.parametrize("first,second", [("556", "999"), ("999", "556")])
def test_a_second_total_with_another_amount_is_a_finding(
    engine: Engine, tmp_path: Path, first: str, second: str
) -> None:
    # was silent: the first 资金总额 became the total, whichever it was, and the other was dropped
    text = SEED.replace(TOTAL, f"\t资金总额（万元）\n\t　{first}\n\t资金总额（万元）\n\t　{second}\n", 1)
    result = _run(engine, tmp_path, text)
    [found] = [f for f in result.findings if f.code == "BUD010"]
    assert f"先写 {first} 万元，后写 {second} 万元" in found.message["zh"]
    assert f"takes the first, {first} 万元, as the total" in found.message["en"]
    assert found.declaration == 0


def test_the_same_total_twice_is_no_finding(engine: Engine, tmp_path: Path) -> None:
    text = SEED.replace(TOTAL, "\t资金总额（万元）\n\t　556\n\t资金总额（万元）\n\t　556.00\n", 1)
    assert not [f for f in _run(engine, tmp_path, text).findings if f.code == "BUD010"]
