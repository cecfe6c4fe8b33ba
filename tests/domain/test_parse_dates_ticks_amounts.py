"""Dates, ticks and amounts as written in declarations."""

from __future__ import annotations

from decimal import Decimal

import pytest

from perflint.domain.dates import parse_date
from perflint.domain.text import options_only, parse_amount, parse_ticks


@pytest.mark.parametrize(
    "text, value, precision",
    [
        ("2019.1", "2019-01", "month"),
        ("2019.12", "2019-12", "month"),
        ("2019-01-05", "2019-01-05", "day"),
        ("2019/1/5", "2019-01-05", "day"),
        ("2019年1月", "2019-01", "month"),
        ("2019年1月5日", "2019-01-05", "day"),
        ("2019 年 1 月 5 日", "2019-01-05", "day"),
        ("二〇一九年一月", "2019-01", "month"),
        ("二〇一九年十二月三十一日", "2019-12-31", "day"),
        ("２０１９．３", "2019-03", "month"),
        ("2020.02.29", "2020-02-29", "day"),
    ],
)
def test_dates(text: str, value: str, precision: str) -> None:
    parsed = parse_date(text)
    assert (parsed.text, parsed.value, parsed.precision) == (text, value, precision)


@pytest.mark.parametrize(
    "text", ["2019.13", "2019-02-30", "2019年13月", "2019-00-10", "2019.4.31", "2021.2.29", "明年", "年   月   日", ""]
)
def test_impossible_or_unfilled_dates_stay_unparsed(text: str) -> None:
    parsed = parse_date(text)
    assert (parsed.text, parsed.value, parsed.precision) == (text, None, None)


@pytest.mark.parametrize(
    "text, ticked",
    [
        ("延续专项√□        新增专项□", ["延续"]),
        ("延续专项□√  新增专项□", ["延续"]),
        ("新增专项□ 延续专项✓□", ["延续"]),
        ("☑新增 □延续", ["新增"]),
        ("□新增 ☑延续", ["延续"]),
        ("■延续 □新增", ["延续"]),
        ("新增项目□  延续项目☑", ["延续"]),
        ("新增□ 延续□", []),
        ("新增√□ 延续√□", ["延续", "新增"]),
        ("新建", ["新增"]),
        ("新增項目□ 延續項目☑", ["延续"]),
        ("延續(xù)專項", ["延续"]),
        ("", []),
    ],
)
def test_ticks(text: str, ticked: list[str]) -> None:
    assert parse_ticks(text) == ticked


@pytest.mark.parametrize(
    "text, amount, unit",
    [
        ("1698.6", Decimal("1698.6"), None),
        ("1,698.6", Decimal("1698.6"), None),
        ("１６９８．６", Decimal("1698.6"), None),
        ("１，６９８．６", Decimal("1698.6"), None),
        ("50万", Decimal(50), "万元"),
        ("556万元", Decimal(556), "万元"),
        ("556 万元", Decimal(556), "万元"),
        ("3,309,840.00元", Decimal("3309840.00"), "元"),
        ("0", Decimal(0), None),
        ("￥1,200元整", Decimal(1200), "元"),
        ("10000万元", Decimal(10000), "万元"),
        ("895.8萬元", Decimal("895.8"), "万元"),
        ("1.2亿元", Decimal(12000), "万元"),
        ("3億", Decimal(30000), "万元"),
    ],
)
def test_amounts(text: str, amount: Decimal, unit: str | None) -> None:
    assert parse_amount(text) == (amount, unit)


@pytest.mark.parametrize("text", ["", "约五十万", "50-60", "/", "1.2.3"])
def test_amounts_that_do_not_parse(text: str) -> None:
    assert parse_amount(text)[0] is None


@pytest.mark.parametrize(
    "text, only",
    [
        ("延续项目√", True),
        ("□一次性  □经常性", True),
        ("2.延续专项 ■", True),
        ("☑ 續建項目", True),
        ("延续项目", False),  # no box, no tick: a word, not a list
        ("项目名称√", False),
        ("延续项目√ 主管部门", False),
        ("3.其他专项类 √", False),
    ],
)
def test_options_only(text: str, only: bool) -> None:
    assert options_only(text) is only
