"""What an indicator measures (perflint.checks.analysis.measure), dates inside values
(perflint.checks.analysis.dates) and the figures the value analysis reads."""

from __future__ import annotations

from decimal import Decimal

import pytest

from perflint.checks.analysis.dates import date_range, deadline, months_between
from perflint.checks.analysis.measure import (
    bare_name,
    fmt_wan,
    hint,
    money_quantities,
    name_family,
    period_amount,
    plain,
    to_wan,
    unit_family,
)
from perflint.checks.analysis.values import Op, comparisons, quantities


def test_plain_folds_traditional_characters_and_drops_pinyin():
    assert plain("應(yīng)受助人數(shù)") == "应受助人数"
    assert plain(" 28.8萬元 ") == "28.8万元"


@pytest.mark.parametrize(
    "name, op, unit",
    [
        ("项目总投入(≥**万元)", Op.GE, "万元"),
        ("苗木成活率（≥**%）", Op.GE, "%"),
        ("受益建档立卡贫困人口数≥**人", Op.GE, "人"),
        ("指标1:项目总成本(≤**万元)", Op.LE, "万元"),
    ],
)
def test_template_hints(name, op, unit):
    found = hint(name)
    assert found is not None and (found.op, found.unit) == (op, unit)


def test_names_without_hints():
    assert hint("苗木成活率") is None
    assert bare_name("指标1:项目总成本(≤**万元)") == "项目总成本"
    assert bare_name("★★★受益脱贫户、监测户人口数") == "受益脱贫户、监测户人口数"


@pytest.mark.parametrize(
    "unit, family",
    [
        ("万元", "money"),
        ("万", "money"),
        ("元/亩", "unit_cost"),
        ("元/人·年", "unit_cost"),
        ("%", "percent"),
        ("万人次", "people"),
        ("户", "household"),
        ("次/月", "frequency"),
        ("人/次", "people"),  # 人次 written with a slash
        ("户/次", "household"),
        ("元/次", "unit_cost"),
        ("个/次", None),  # per visit, of something else: unknown
        ("个", "count"),
        ("万平方米", "area"),
        ("km", "length"),
        ("个工作日", "time"),
        (None, None),
        ("date", None),
    ],
)
def test_unit_families(unit, family):
    assert unit_family(unit) == family


@pytest.mark.parametrize(
    "name, family",
    [
        ("安置小区物业费", "money"),
        ("人均补助标准", "money"),
        ("受益脱贫户、监测户人口数", "people"),
        ("受益户数", "household"),
        ("补贴非营利性民办幼儿园数量", "count"),
        ("补贴发放合规率", "rate"),
        ("项目完成时间", "time"),
        ("修建作业道长度(公里)", "length"),
        ("居民消费价格指数", None),
        ("维护社会稳定", None),
    ],
)
def test_name_families(name, family):
    assert name_family(name) == family


def test_money_exactly():
    assert to_wan(Decimal("49280"), "元") == Decimal("4.928")
    assert to_wan(Decimal("1.2"), "亿元") == Decimal("12000")
    assert to_wan(Decimal("704"), "元/人") is None
    assert [q.text for q in money_quantities("≥9.31万元")] == ["9.31万元"]
    assert [q.text for q in money_quantities("6070", "万元")] == ["6070"]
    assert money_quantities("≥500人") == []
    assert fmt_wan(Decimal("4.928")) == "4.93"
    assert fmt_wan(Decimal("39.785")) == "39.79"


@pytest.mark.parametrize(
    "text, wan, per",
    [("≤620万/月", "620", "月"), ("每月不超过620万元", "620", "月"), ("≤1.2亿元/年", "12000", "年")],
)
def test_amounts_per_period(text, wan, per):
    found = period_amount(text)
    assert found is not None and (found.wan, found.per) == (Decimal(wan), per)


@pytest.mark.parametrize("text", ["1次/月", "20元/人/月", "5000元/人·年", "≥95%"])
def test_no_amount_per_period(text):
    assert period_amount(text) is None


def test_dates_inside_values():
    assert date_range("2020年1月--2020年11月") == ("2020-01-01", "2020-11-30")
    assert date_range("2020.1.1-2020.12.31") == ("2020-01-01", "2020-12-31")
    assert date_range("保障疫情期间房租需求") is None
    assert deadline("2023年底") == ("2023年底", "2023-12-31")
    assert deadline("2023年6月底前") == ("2023年6月底", "2023-06-30")
    assert deadline("2023年11月30日前") == ("2023年11月30日", "2023-11-30")
    assert deadline("2022年3月-2023年11月") is None  # a range is not a deadline
    assert months_between("2020-01-01", "2020-11-30") == 11


def test_figures_that_look_like_dates_and_the_other_comparators():
    (q,) = quantities("1346.0088万平方米")
    assert (q.number, q.unit, q.kind) == (Decimal("1346.0088"), "万平方米", "number")
    assert quantities("2019.12")[0].kind == "date"
    assert [(c.op, c.word) for c in comparisons("≧85%")] == [(Op.GE, "≧")]
    assert [(c.op, c.word) for c in comparisons("≦3个工作日")] == [(Op.LE, "≦")]
