"""The kinds of catalog part B (BUD/DATE/TXT/XF/REV/REL/SRC) and the analyses
behind them: the budget equation solver, date handling, segmentation-based
text checks and relevance keywords."""

from __future__ import annotations

import tomllib
from decimal import Decimal

import pytest
from support.paths import RULES

from perflint.checks import budget, crossform, dates, relevance, text
from perflint.checks.analysis import dates as adates
from perflint.checks.analysis import money, words
from perflint.checks.base import Context
from perflint.domain.model import DateValue, Declaration, Money, MoneyLine

SETTINGS = tomllib.loads((RULES / "settings.toml").read_text("utf-8"))["settings"]


def dept(total: str, income: str, expenditure: str, parts: dict[str, str], unit: str = "万元") -> Declaration:
    lines = [
        MoneyLine("income_total", "按收入性质分", income, unit=unit),
        MoneyLine("expenditure_total", "按支出性质分", expenditure, unit=unit),
    ]
    lines += [MoneyLine(k, k, v, unit=unit) for k, v in parts.items()]
    return Declaration(form_type="部门整体支出", money=Money(MoneyLine("total", "资金总额", total, unit=unit), lines))


def ctx(*decls: Declaration) -> Context:
    return Context(settings=SETTINGS, bundle=list(decls), today="2026-11-25")


def test_consistent_system_derives_blank_subtotals() -> None:
    d = dept(
        "", "1698.6", "", {"income.public": "1698.6", "expenditure.basic": "412.1", "expenditure.project": "1286.5"}
    )
    a = money.analyse(d, {}, ctx(d))
    assert a.consistent
    assert a.derived == {"total": Decimal("1698.6"), "expenditure_total": Decimal("1698.6")}


def test_derived_total_for_the_blank_total_rule() -> None:
    d = dept(
        "", "1698.6", "", {"income.public": "1698.6", "expenditure.basic": "412.1", "expenditure.project": "1286.5"}
    )
    assert money.derived_total(d, {}, ctx(d)) == Decimal("1698.6")
    broken = dept("", "1698.6", "1700", {})
    assert money.derived_total(broken, {}, ctx(broken)) is None


def test_single_culprit_is_found_with_its_correction() -> None:
    d = dept(
        "1698.6",
        "1698.6",
        "1798.6",
        {"income.public": "1698.6", "expenditure.basic": "412.1", "expenditure.project": "1286.5"},
    )
    a = money.analyse(d, {}, ctx(d))
    assert (a.culprit, a.expected, a.scale) == ("expenditure_total", Decimal("1698.6"), False)


def test_two_parts_that_could_both_be_wrong_are_reported_on_the_subtotal() -> None:
    d = dept(
        "1698.6",
        "1698.6",
        "1698.6",
        {"income.public": "1698.6", "expenditure.basic": "400", "expenditure.project": "1286.5"},
    )
    hits = list(budget.ExpenditureComponents().check(d, {}, ctx(d)))
    assert [(h.pointer, h.variant, h.args["sum"]) for h in hits] == [("/money/lines/1", "mismatch", "1686.5")]


def test_yuan_lines_are_converted_before_adding() -> None:
    d = dept(
        "16986000",
        "16986000",
        "16986000",
        {"income.public": "16986000", "expenditure.basic": "4121000", "expenditure.project": "12865000"},
        unit="元",
    )
    assert money.analyse(d, {}, ctx(d)).consistent
    assert not list(budget.WanYuan().check(d, {}, ctx(d)))  # 元 fields may hold large numbers


def test_tolerance_is_a_setting() -> None:
    d = dept("1698.6", "1698.6", "1698.62", {"income.public": "1698.6"})
    assert not money.analyse(d, {"amount_tolerance_wan": 0.05}, ctx(d)).broken
    assert money.analyse(d, {}, ctx(d)).broken


def test_blank_breakdown_is_not_added_up() -> None:
    d = dept("1698.6", "1698.6", "1698.6", {"income.public": "", "income.fund": "/"})
    assert money.analyse(d, {}, ctx(d)).consistent


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("1,698.6", "1698.6"), ("１６９８．６", "1698.6"), ("1698.6万元", "1698.6"), ("3,309,840元", "330.984")],
)
def test_amounts_as_written(raw: str, expected: str) -> None:
    a = money.read_amount(MoneyLine("total", "资金总额（万元）", raw), "/money/total", set())
    assert (a.state, money.fmt(a.wan)) == ("value", expected)


def test_fmt_has_no_exponent() -> None:
    assert money.fmt(Decimal("1.7E+3")) == "1700"
    assert money.fmt(Decimal("72.50")) == "72.5"


@pytest.mark.parametrize(
    ("raw", "bad"),
    [
        ("2019.13", True),
        ("2019-02-29", True),
        ("2020-02-29", False),
        ("2019年4月31日", True),
        ("2019.12", False),
        ("明年", False),
    ],
)
def test_impossible_dates(raw: str, bad: bool) -> None:
    assert (adates.impossible_date(raw) is not None) is bad


def test_inconsistent_json_date_is_reparsed() -> None:
    assert adates.parsed(DateValue("2019.3", "2019-13", "month")).value == "2019-03"
    assert adates.parsed(DateValue("", "2019-13", "month")) is None


def test_count_items() -> None:
    assert dates.count_items("需求调研；系统开发；试运行。验收") == 4
    assert dates.count_items("1、调研 2、开发 3、验收") == 3
    assert dates.count_items("全年运行维护") == 1


def test_multiyear_rows_must_overlap_the_year() -> None:
    from perflint.domain.dates import parse_date
    from perflint.domain.model import ScheduleRow

    d = Declaration(year=2019, schedule=[ScheduleRow("旧任务", parse_date("2016.1"), parse_date("2017.6"))])
    hits = list(dates.WithinYear().check(d, {"allow_multiyear": True}, ctx(d)))
    assert [(h.pointer, h.variant) for h in hits] == [("/schedule/0/end", "no-overlap")]


@pytest.mark.parametrize(
    ("sample", "found"),
    [
        ("预预算科", ["预预"]),
        ("提升群众的的满意度", ["的的"]),
        ("要要求", ["要要"]),
        ("项目目标明确", []),
        ("工作作风", []),
        ("层层落实", []),
        ("稳定和和谐", []),
        ("村村通", []),
    ],
)
def test_suspicious_duplicates(sample: str, found: list[str]) -> None:
    assert [p for _, p in text.suspicious_duplicates(sample, set())] == found


@pytest.mark.parametrize(
    ("sample", "wrong", "inside"),
    [
        ("推进设施建设", "进设", True),
        ("加快数据库进设", "进设", False),
        ("上网给予补贴", "网给", True),
        ("政务服务网给平台", "网给", False),
        ("引进设备", "进设", True),
    ],
)
def test_typo_matches_inside_words_are_skipped(sample: str, wrong: str, inside: bool) -> None:
    start = sample.index(wrong)
    assert words.inside_words(sample, start, start + len(wrong)) is inside


@pytest.mark.parametrize(
    ("sample", "found"),
    [
        ("既使用电脑又使用手机", []),
        ("按装修标准验收", []),
        ("既使困难也要完成", ["既使"]),
        ("按装设备", ["按装"]),
        ("政务服务网给平台", ["网给"]),
        ("上网给予补贴", []),
        ("台帐管理", ["台帐"]),
        ("新增地方政府债劵资金", ["债劵"]),
        ("完善防疫物质储备", ["物质储备"]),
        ("保护非物质文化遗产", []),
        ("丰富群众物质文化生活", []),
        ("受助学生对补助得满意度", ["得满意度"]),
        ("服务对象获得满意度提升", []),  # 获得|满意度: the match starts inside a word
    ],
)
def test_typo_dictionary(sample: str, found: list[str]) -> None:
    d = Declaration(safeguards=sample)
    assert [h.args["wrong"] for h in text.TypoDictionary().check(d, {}, ctx(d))] == found


def test_typo_dictionary_searches_text_no_field_took() -> None:
    # a functions summary the reader could not place still carries the applicant's slips
    d = Declaration(unrecognized=["负责管理教育经费的筹拍和使用情况", "教育投款。"])
    hits = list(text.TypoDictionary().check(d, {}, ctx(d)))
    assert [(h.pointer, h.args["wrong"], h.args["right"]) for h in hits] == [
        ("/unrecognized/0", "筹拍", "筹措"),
        ("/unrecognized/1", "投款", "拨款"),
    ]
    assert hits[0].args["field"] == "未识别内容"


@pytest.mark.parametrize(
    ("name", "level"),
    [
        ("长沙市望城区政务服务中心", ("区", "望城区")),
        ("宁乡县民政局", ("县", "宁乡县")),
        ("湖南省民政厅", None),
        ("示例社区服务中心", None),
        ("示例经济开发区管委会", None),
    ],
)
def test_admin_level(name: str, level: tuple[str, str] | None) -> None:
    assert text.admin_level(Declaration(department=name)) == level


@pytest.mark.parametrize(
    ("goal", "measurable"),
    [
        ("创新服务模式，提高行政效能。", False),
        ("创建“全省第一，全国一流”的服务中心", False),
        ("到2021年建成服务网络", False),
        ("网上可办率达到90%", True),
        ("新建服务站三个", True),
        ("实施“马上办、一次办”", False),
    ],
)
def test_measurable_goals(goal: str, measurable: bool) -> None:
    assert text.has_measure(goal) is measurable


def test_name_keywords_and_their_parts() -> None:
    words = relevance.keywords(
        "政务公开日常事务专项和政务大厅窗口工作人员服装", relevance.DEFAULT_STOP, relevance.DEFAULT_POS
    )
    assert "服装" in words and "日常事务" not in words and "专项" not in words
    assert relevance.tiling("信息系统") == ["信息", "系统"]
    assert relevance.is_present("信息系统", "网络信息安全；系统维护")
    assert not relevance.is_present("服装", "窗口工作人员考核")


@pytest.mark.parametrize(
    ("goal", "term"),
    [
        ("到2025年实现全部网上可办", "到2025年"),
        ("落实十四五规划任务", "十四五"),
        ("2019—2021年完成改造", "2019—2021年"),
        ("2019年完成5个站点建设", None),
        ("到2019年底完成验收", None),
    ],
)
def test_multi_year_wording(goal: str, term: str | None) -> None:
    assert relevance.multi_year_term(goal, 2019) == term


def test_same_unit_needs_a_region_prefix() -> None:
    assert crossform.same_unit("望城区政务服务中心", "长沙市望城区政务服务中心")
    assert not crossform.same_unit("服务中心", "长沙市望城区政务服务中心")


@pytest.mark.parametrize(
    ("period", "start", "end"),
    [
        ("2022年3月-2022年11月", "2022-03", "2022-11"),
        ("2022.3—2022.11", "2022-03", "2022-11"),
        ("2022-03-01至2022-11-30", "2022-03-01", "2022-11-30"),
        ("2022-3-2022-11", "2022-03", "2022-11"),
        ("2022年", "2022", "2022"),
        ("202001-202012", "2020-01", "2020-12"),
        ("20200101-20201231", "2020-01-01", "2020-12-31"),
        ("全年", None, None),
    ],
)
def test_project_periods(period: str, start: str | None, end: str | None) -> None:
    from perflint.domain.model import ExtraField

    d = Declaration(fields=[ExtraField("period", "项目期", period)])
    [(pointer, _, _, s, e)] = list(adates.periods(d))
    assert pointer == "/fields/0/text"
    assert (s.value if s else None, e.value if e else None) == (start, end)
