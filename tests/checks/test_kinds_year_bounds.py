"""DATE010 (a year's work planned past the budget year) and CON007 (the name states
another budget year), run directly on small declarations (issue 14)."""

from __future__ import annotations

import pytest
from support.kinds import hits, project, row

from perflint.catalog import builtin_catalog


@pytest.fixture(scope="module")
def catalog():
    return builtin_catalog()


# -- DATE010 -----------------------------------------------------------------------------------


def _timely(value: str, period: str | None = None, year: int = 2023, whole: str | None = None) -> dict:
    doc = project(row("产出指标", "时效指标", "服务周期", value), total="250", year=year)
    if period is not None:
        doc["fields"] = [{"key": "period", "label": "项目期", "text": period}]
    if whole is not None:
        doc["money"]["lines"] = [{"key": "total_period", "label": "中期资金总额", "text": whole, "amount": whole}]
    return doc


@pytest.mark.parametrize(
    "value, period",
    [
        ("2023.07-2024.01", None),  # the value's own span runs into January
        ("2023年7月—2024年1月", "2023.07-2024.01"),
        ("2024年3月底前", "2023年6月-2024年3月"),  # a deadline inside a sub-year period that crosses the year
    ],
)
def test_timely_after_year_fires(catalog, value, period):
    assert hits(catalog, "timely-after-year", _timely(value, period)) == [("/indicators/0/value", None)]


@pytest.mark.parametrize(
    "value, period, whole",
    [
        ("2023.03-2023.12", None, None),  # within the year
        ("2023年底", "2023.1-2023.12", None),
        ("2023年11月30日前", "2022年3月-2023年11月", None),  # begun the year before: a multi-year project
        ("2023.07-2024.08", None, None),  # fourteen months: a multi-year project
        ("2023.07-2024.01", None, "400"),  # medium-term money above the year's: later budgets pay
        ("2024年3月底前", None, None),  # a deadline with no span to place it in
        ("按合同约定", None, None),
    ],
)
def test_timely_after_year_stays_silent(catalog, value, period, whole):
    assert hits(catalog, "timely-after-year", _timely(value, period, whole=whole)) == []


def test_a_deadline_after_the_period_is_left_to_date007_but_the_period_is_still_checked(catalog):
    # 2024年3月底 is after the project period (DATE007's); the period itself runs past 2023
    got = hits(catalog, "timely-after-year", _timely("2024年3月底前", "2023.6-2024.1"))
    assert got == [("/fields/0/text", "period")]


def test_a_later_years_deadline_on_the_annual_table_of_a_multi_year_project(catalog):
    # a three-year project whose form gives only the year's money and no long-term goal: its one
    # table is 2023's, and a deadline at the end of 2025 cannot be judged at the end of 2023
    doc = _timely("2025年12月底前完成设备调试", "2023-2025")
    doc["money"]["total"]["label"] = "年度资金总额"
    assert hits(catalog, "timely-after-year", doc) == [("/indicators/0/value", "multiyear")]
    # a total not labelled as the year's money does not say the table is the year's
    doc["money"]["total"]["label"] = "资金总额"
    assert hits(catalog, "timely-after-year", doc) == []


@pytest.mark.parametrize(
    "value, whole, long_term",
    [
        ("2023年12月底前完成一期设备安装", None, None),  # this year's stage
        ("2025年12月底前完成设备调试", "600", None),  # medium-term money: the table may be the period's
        ("2025年12月底前完成设备调试", None, "三年内建成并投入使用"),  # a long-term goal beside the annual one
    ],
)
def test_a_multi_year_projects_deadline_stays_silent(catalog, value, whole, long_term):
    doc = _timely(value, "2023-2025", whole=whole)
    doc["money"]["total"]["label"] = "年度资金总额"
    if long_term is not None:
        doc["goals"] = {"long_term": long_term, "annual": "完成一期设备安装"}
    assert hits(catalog, "timely-after-year", doc) == []


@pytest.mark.parametrize(
    "period, whole, fires",
    [
        ("2023年4月-2024年2月", None, True),  # eleven months, paid from 2023's budget alone
        ("2023年4月-2024年2月", "65", True),  # 项目总预算 equal to the year's: still one year's money
        ("2023年4月-2023年12月", None, False),
        ("2022年3月-2023年11月", None, False),  # begun the year before
        ("2023年3月-2024年11月", None, False),  # 21 months: a multi-year project
        ("2023年4月-2024年2月", "130", False),  # medium-term money for the rest
    ],
)
def test_timely_after_year_checks_the_project_period(catalog, period, whole, fires):
    doc = project(row("产出指标", "数量指标", "新建晾晒房", "1座"), total="65", year=2023)
    doc["fields"] = [{"key": "period", "label": "建设周期", "text": period}]
    if whole is not None:
        doc["money"]["lines"] = [{"key": "total_period", "label": "项目总预算", "text": whole, "amount": whole}]
    assert hits(catalog, "timely-after-year", doc) == ([("/fields/0/text", "period")] if fires else [])


@pytest.mark.parametrize(
    "annual, annual_unit, whole, whole_unit, fires",
    [
        ("2500000", "元", "250", "万元", True),  # the same money in two units: one year's
        ("250", "万元", "4000000", "元", False),  # 400万元 for the whole period: more than the year's
        ("250", "万元", "250", "亿元", False),
    ],
)
def test_timely_after_year_compares_the_funds_in_wan(catalog, annual, annual_unit, whole, whole_unit, fires):
    doc = _timely("2023.07-2024.01")
    doc["money"]["total"].update(text=annual, amount=annual, unit=annual_unit)
    doc["money"]["lines"] = [
        {"key": "total_period", "label": "中期资金总额", "text": whole, "amount": whole, "unit": whole_unit}
    ]
    assert hits(catalog, "timely-after-year", doc) == ([("/indicators/0/value", None)] if fires else [])


def test_timely_after_year_needs_a_budget_year(catalog):
    doc = _timely("2023.07-2024.01")
    del doc["year"]
    assert hits(catalog, "timely-after-year", doc) == []


def test_timely_after_year_reads_deadline_names_outside_the_timeliness_category(catalog):
    doc = project(row("产出指标", "质量指标", "项目完成时间", "2023.09-2024.02"), total="80", year=2023)
    assert hits(catalog, "timely-after-year", doc) == [("/indicators/0/value", None)]
    doc = project(row("产出指标", "质量指标", "服务内容", "2023.09-2024.02"), total="80", year=2023)
    assert hits(catalog, "timely-after-year", doc) == []


# -- CON007 ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name, year",
    [
        ("2022年度省级对下转移支付地质灾害防治专项资金", 2023),
        ("2019年-2020年度学生资助", 2021),
    ],
)
def test_name_year_conflict_fires(catalog, name, year):
    assert hits(catalog, "name-year-conflict", project(name=name, year=year)) == [("/name", None)]


@pytest.mark.parametrize(
    "name, year",
    [
        ("2023年度省级地质灾害防治专项资金", 2023),
        ("2020-2021年度松材线虫病除治", 2021),  # a season spanning the year
        ("2021至2023年高标准农田建设", 2022),
        ("2022年结转农村公路建设资金", 2023),  # carried-over money keeps its year
        ("2022年度城乡居民医保补助清算资金", 2023),
        ("第3届全民运动会2019年筹备经费", 2020),
        ("农村公路养护经费", 2023),  # no year in the name
        ("2024年农村公路养护经费", 2023),  # a later year: allocated ahead, or the year read from an issue date
        ("2022年度农村公路养护经费", None),  # no budget year read
    ],
)
def test_name_year_conflict_stays_silent(catalog, name, year):
    doc = project(name=name) if year is None else project(name=name, year=year)
    assert hits(catalog, "name-year-conflict", doc) == []
