"""Issue 14, second round: a cost block that is only a control rate (COST007)."""

from __future__ import annotations

import pytest
from support.kinds import hits, project, row, run

from perflint.catalog import builtin_catalog


@pytest.fixture(scope="module")
def catalog():
    return builtin_catalog()


# -- COST007 --------------------------------------------------------------------------


def test_cost_rate_only_fires_with_a_unit_cost_from_the_form(catalog):
    doc = project(
        row("产出指标", "数量指标", "主体班培训人次", "280人次"),
        row("产出指标", "成本指标", "成本控制率", "100%"),
        total="164",
    )
    (hit,) = run(catalog, "cost-rate-only", doc)
    assert hit.pointer == "/indicators/1/value"
    assert hit.variant is None
    # 164 万元 ÷ 280 人次 = 5857.14… 元, rounded to whole 元
    assert hit.args["example"] == "“总成本≤164万元”；按“主体班培训人次 280人次”计，单位成本约 5857 元/人次"


def test_cost_rate_only_without_a_total_or_a_quantity(catalog):
    doc = project(row("产出指标", "成本指标", "建设项目成本控制率", "100%"))
    assert hits(catalog, "cost-rate-only", doc) == [("/indicators/0/value", "nototal")]
    doc = project(row("产出指标", "成本指标", "预算执行率", "≥95%"), total="16")
    (hit,) = run(catalog, "cost-rate-only", doc)
    assert hit.args["example"] == "“总成本≤16万元”"


@pytest.mark.parametrize(
    "content, value",
    [
        ("按照物价部门定价标准采购", "100%"),  # a way of buying, given a percentage
        ("20万元", "100%"),  # the budget in the name cell, a percentage as the value
        ("0", "0.00%"),
    ],
)
def test_cost_rate_only_a_percentage_of_nothing(catalog, content, value):
    doc = project(row("产出指标", "成本指标", content, value), total="20")
    assert hits(catalog, "cost-rate-only", doc) == [("/indicators/0/value", "percent")]
    doc = project(row("产出指标", "成本指标", content, value))
    assert hits(catalog, "cost-rate-only", doc) == [("/indicators/0/value", "percent_nototal")]


def test_cost_rate_only_a_control_rate_is_named_first(catalog):
    doc = project(
        row("产出指标", "成本指标", "按照定价标准采购", "100%"),
        row("产出指标", "成本指标", "成本控制率", "100%"),
        total="20",
    )
    assert hits(catalog, "cost-rate-only", doc) == [("/indicators/1/value", None)]


@pytest.mark.parametrize(
    "rows",
    [
        # an amount or a unit cost next to the percentage of nothing
        [("按照定价标准采购", "100%"), ("项目总成本", "≤20万元")],
        # a percentage with more than a figure, or a rate of something else
        [("采购价格", "不高于市场价的95%")],
        [("设备采购国产化", "比例≥60%")],
        # an amount or a unit cost next to the rate: a cost the reviewer can judge
        [("成本控制率", "100%"), ("人均培训成本", "≤5857元/人次")],
        [("成本控制率", "100%"), ("项目总成本", "≤164万元")],
        [("苗木单价", "≤28.40/株"), ("成本控制率", "100%")],
        # a saving rate is a target beyond the budget itself
        [("办公经费节约率", "≥5%")],
        # a rate that is not about the budget (a share of something): not this rule's
        [("自筹资金占比", "30%")],
        # blank, placeholder and yes/no cost rows are COST001's and COST002's
        [("成本控制率", "不超预算")],
        [("成本控制率", "/")],
    ],
)
def test_cost_rate_only_stays_silent(catalog, rows):
    doc = project(*(row("产出指标", "成本指标", c, v) for c, v in rows), total="164")
    assert run(catalog, "cost-rate-only", doc) == []


def test_cost_rate_only_skips_department_forms(catalog):
    doc = project(row("产出指标", "成本指标", "成本控制率", "100%"), total="164")
    doc["form_type"] = "部门整体支出"
    assert run(catalog, "cost-rate-only", doc) == []


# -- CON005 ---------------------------------------------------------------------------


def _funds(period: str, annual: str, whole: str | None) -> dict:
    doc = project(total=annual, fields=[{"key": "period", "label": "项目期", "text": period}])
    if whole is not None:
        doc["money"]["lines"] = [{"key": "total_period", "label": "中期资金总额", "text": whole, "amount": whole}]
    return doc


def test_one_year_period_with_more_medium_term_money(catalog):
    (hit,) = run(catalog, "period-funds-conflict", _funds("1年", "189.8", "449.8"))
    assert hit.pointer == "/fields/0/text"
    assert (hit.args["whole"], hit.args["annual"], hit.args["later"]) == ("449.8", "189.8", "260")
    assert run(catalog, "period-funds-conflict", _funds("一 年", "10", "30"))


@pytest.mark.parametrize(
    "period, annual, whole",
    [
        ("3年", "189.8", "449.8"),  # a multi-year project: medium-term money is expected
        ("2023-2025", "189.8", "449.8"),  # a date range is not a one-year duration
        ("1年", "50", "50"),  # equal: one year, one budget
        ("1年", "50", "50.005"),  # within amount_tolerance_wan
        ("1年", "50", None),  # no medium-term total
    ],
)
def test_period_funds_conflict_stays_silent(catalog, period, annual, whole):
    assert run(catalog, "period-funds-conflict", _funds(period, annual, whole)) == []


@pytest.mark.parametrize("period", ["1年", "3年", "2023-2025"])
def test_period_funds_below_the_annual_funds(catalog, period):
    (hit,) = run(catalog, "period-funds-conflict", _funds(period, "340.00", "170.00"))
    assert (hit.pointer, hit.variant) == ("/money/lines/0", "below")
    assert (hit.args["whole"], hit.args["annual"], hit.args["later"]) == ("170", "340", "170")
    assert run(catalog, "period-funds-conflict", _funds(period, "340", "339.995")) == []  # within the tolerance


# -- DATE009 --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, fires",
    [
        ("20246-202516", True),  # year and month run together; month 16
        ("20246", True),
        ("2024.6-2025.1", False),
        ("202406-202501", False),
        ("2024年6月—2025年1月", False),
        ("1年", False),  # a duration
        ("3年", False),
        ("12个月", False),
        ("长期", False),
        ("起始年度", False),  # no attempted date (a label read as the value)
        ("    年   月   日", False),  # the blank template: DATE005's
    ],
)
def test_period_parse(catalog, text, fires):
    doc = project(year=2024, fields=[{"key": "period", "label": "项目起止时间", "text": text}])
    assert bool(run(catalog, "period-parse", doc)) is fires


# -- COST008 --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "content, value, fires",
    [
        ("出差总成本", "=1万元", True),
        ("劳务人员总成本", "= 2 万元", True),
        ("印刷费", "等于3000元", True),
        ("出差总成本", "≤1万元", False),
        ("出差总成本", "1万元", False),  # no direction at all: VAL005's
        ("出差总成本", "≥1万元", False),  # a floor: COST004's
        ("办公费总成本", "=0万元", False),  # zero: COST006's
        ("合作社补助标准", "=23万元/个", False),  # a standard is exact by nature
        ("设备单价", "=1.2万元", False),
        ("成本控制率", "=100%", False),  # a rate, no amount
        ("节约资金", "=5万元", False),
    ],
)
def test_cost_exact(catalog, content, value, fires):
    doc = project(row("产出指标", "成本指标", content, value), total="3")
    assert bool(run(catalog, "cost-exact", doc)) is fires
    if fires:
        (hit,) = run(catalog, "cost-exact", doc)
        assert hit.pointer == "/indicators/0/value"


# -- ARI004 ---------------------------------------------------------------------------

_PLAN = "勘察设计审批需20万元;进度督导检查、工程质量监督检查需20万元;财务审计、工程竣工验收需10万元,合计50万元。"


def _plan(text: str, total: str = "25", medium: str | None = None) -> dict:
    doc = project(total=total, fields=[{"key": "plan", "label": "项目实施计划", "text": text}])
    if medium is not None:
        doc["money"]["lines"] = [{"key": "total_period", "label": "中期资金总额", "text": medium, "amount": medium}]
    return doc


def test_plan_total_over_the_funds(catalog):
    (hit,) = run(catalog, "plan-total", _plan(_PLAN))
    assert (hit.pointer, hit.variant) == ("/fields/0/text", None)
    assert (hit.args["formula"], hit.args["stated"], hit.args["over"]) == ("20万元 + 20万元 + 10万元", "50万元", "25")
    # a medium-term total below the plan's total does not explain it
    assert hits(catalog, "plan-total", _plan(_PLAN, medium="40")) == [("/fields/0/text", "medium")]


def test_plan_items_that_do_not_add_up(catalog):
    text = "设备购置12.5万元,安装调试8000元,培训1.2万元,合计15万元。"  # 12.5 + 0.8 + 1.2 = 14.5
    (hit,) = run(catalog, "plan-total", _plan(text, total="15"))
    assert (hit.variant, hit.args["sum"], hit.args["difference"]) == ("sum", "14.5", "0.5")


@pytest.mark.parametrize(
    "text, total, medium",
    [
        (_PLAN, "50", None),  # the plan is this year's budget
        (_PLAN, "25", "50"),  # a multi-year plan with its medium-term total
        (_PLAN, "25", "75"),
        ("设备购置12.5万元,安装调试8000元,培训1.5万元,合计14.8万元。", "15", None),  # 14.8, within the funds
        ("项目总投资1200万元,本年度安排25万元。", "25", None),  # no 合计 of items
        ("勘察设计20万元,合计20万元。", "10", None),  # one item: no breakdown
        ("补助标准500元/人,共计300人,合计15万元。", "10", None),  # a unit cost is no item
        ("设备费20万元,其中软件5万元,合计20万元。", "10", None),  # 其中: a part of an item
        ("勘察设计20万元;督导检查20万元。审计验收10万元,合计50万元。", "25", None),  # items across sentences
    ],
)
def test_plan_total_stays_silent(catalog, text, total, medium):
    assert run(catalog, "plan-total", _plan(text, total, medium)) == []


# -- CON006 ---------------------------------------------------------------------------


def _carried(goal: str, public: str = "1200", carryover: str | None = None, year: int = 2025) -> dict:
    lines = [{"key": "income.public", "label": "财政拨款", "text": public, "amount": public}]
    if carryover is not None:
        lines.append({"key": "income.carryover", "label": "上年结转", "text": carryover, "amount": carryover})
    doc = project(total="1200", year=year, goals={"annual": goal})
    doc["money"]["lines"] = lines
    return doc


def test_carryover_shown_as_this_years_appropriation(catalog):
    (hit,) = run(catalog, "carryover-as-current", _carried("因财政资金紧张,结转2024年六运会项目资金"))
    assert hit.pointer == "/money/lines/0"
    assert (hit.args["quote"], hit.args["amount"]) == ("结转2024年六运会项目资金", "1200")
    assert run(catalog, "carryover-as-current", _carried("使用上年结转资金承办常规赛3站"))
    assert run(catalog, "carryover-as-current", _carried("以前年度结余资金用于场馆维修", carryover="0"))


@pytest.mark.parametrize(
    "goal, public, carryover, year",
    [
        ("结转2024年六运会项目资金", "0", "1200", 2025),  # shown as carried over
        ("结转2024年六运会项目资金", "800", None, 2025),  # only part is this year's appropriation
        ("加快支出进度,避免资金结转", "1200", None, 2025),  # a negation
        ("确保资金不结转、不结余", "1200", None, 2025),
        ("结转2025年资金", "1200", None, 2025),  # not an earlier year
        ("承办省级常规赛3站", "1200", None, 2025),
    ],
)
def test_carryover_as_current_stays_silent(catalog, goal, public, carryover, year):
    assert run(catalog, "carryover-as-current", _carried(goal, public, carryover, year)) == []


# -- VAL005: what needs a direction, and how it is asked --------------------------------


def test_comparator_leaves_payment_rules_in_words_alone(catalog):
    doc = project(row("产出指标", "质量指标", "贫困户返本分红", "第一年按总投资额返本20%,分红按8%分红"))
    assert run(catalog, "comparator-missing", doc) == []
    ranged = project(row("产出指标", "质量指标", "入户核查比例", "20%-30%"))
    assert run(catalog, "comparator-missing", ranged) == []  # a range is bounded already


def test_comparator_quotes_a_unit_cost_without_the_words_after_it(catalog):
    doc = project(row("产出指标", "成本指标", "成本控制", "严格按照预算标准1000元/人给补助对象兑付补助"))
    (hit,) = run(catalog, "comparator-missing", doc)
    assert (hit.variant, hit.args["number"]) == ("cost", "1000元/人")


def test_unit_after_a_slash_is_a_known_unit_or_a_short_word():
    from perflint.checks.analysis.values import quantities

    assert [q.unit for q in quantities("1000元/人给补助对象兑付")] == ["元/人"]
    assert [q.unit for q in quantities("400元/人·月")] == ["元/人·月"]
    assert [q.unit for q in quantities("46.3万元/系统·年")] == ["万元/系统·年"]
    assert [q.unit for q in quantities("490元/平米")] == ["元/平米"]
    assert [q.unit for q in quantities("≥1人/年")] == ["人/年"]


# -- ARI003: only a table whose every weight was read is added up ------------------------


def test_weights_are_not_added_when_an_indicator_has_none_read(catalog):
    def weighted(content: str, value: str, weight: str | None) -> dict:
        extra = {} if weight is None else {"extra": {"权重(%)": weight}}
        return row("产出指标", "数量指标", content, value, **extra)

    full = project(
        weighted("检查次数", "≥12次", "20"), weighted("培训人次", "≥300人次", "30"), weighted("覆盖率", "100%", "40")
    )
    assert hits(catalog, "weights-sum", full) == [("/indicators", "short")]
    # the weight of a qualitative row stood on the next line and was not read with it
    partial = project(*full["indicators"], weighted("食品安全工作规范化", "高中低", None))
    assert run(catalog, "weights-sum", partial) == []


def test_the_amount_tolerance_is_one_setting_for_every_family(catalog):
    """CON005, CON006 and the COST kinds read amount_tolerance_wan through the helper
    the ARI kinds use: a wider tolerance set for the rule is honoured, a negative one
    counts by its size."""
    from perflint.checks.base import Context
    from perflint.domain.model import Declaration

    decl = Declaration.from_dict(_funds("1年", "50", "50.5"))
    ctx = Context(settings=dict(catalog.settings), bundle=[decl], index=0, profile="hunan-2019")
    kind = catalog.kinds["period-funds-conflict"]
    assert list(kind.check(decl, {}, ctx))  # 0.5万元 more than the year's funds
    assert list(kind.check(decl, {"amount_tolerance_wan": 1}, ctx)) == []
    assert list(kind.check(decl, {"amount_tolerance_wan": -1}, ctx)) == []


# -- COST009 a unit cost written as a lump sum ----------------------------------------------------


def _cost_doc(cost_name: str, cost_value: str, total: str = "24", quantity: tuple[str, str] | None = None):
    rows_ = [row("产出指标", "数量指标", *quantity)] if quantity else []
    rows_.append(row("产出指标", "成本指标", cost_name, cost_value))
    return project(*rows_, total=total)


@pytest.mark.parametrize(
    "name, value, quantity, per",
    [
        ("参审案件补助", "100元", ("陪审员参审案件数量", "≥900件"), "件"),
        ("防疫室84平米", "≥1050元", None, "平米"),
        ("困难群众慰问金", "500元", None, None),  # the unit cannot be seen: 元/人, 元/件 …
        ("学生生活补助标准", "=1500元", ("受助学生人数", "101人"), None),
    ],
)
def test_cost_per_unit_missing_fires(catalog, name, value, quantity, per):
    (hit,) = run(catalog, "cost-per-unit-missing", _cost_doc(name, value, quantity=quantity))
    assert hit.pointer.endswith("/value")
    assert (hit.variant, hit.args["per"]) == ((None, per) if per else ("unknown", ""))


@pytest.mark.parametrize(
    "name, value, total",
    [
        ("参审案件补助", "100元/件", "24"),  # the unit is written
        ("每件参审案件补助", "100元", "24"),  # the name says per what
        ("人均补助", "1000元", "24"),
        ("宣传资料印刷费", "≤500元", "24"),  # a small item paid as a whole
        ("参审案件补助", "≤2.4万元", "24"),  # 10 % of the funds: an item's total
        ("防疫室84平米", "≤6万元", "24"),
    ],
)
def test_cost_per_unit_missing_stays_silent(catalog, name, value, total):
    assert run(catalog, "cost-per-unit-missing", _cost_doc(name, value, total=total)) == []


def test_cost_per_unit_missing_skips_department_forms(catalog):
    doc = _cost_doc("参审案件补助", "100元")
    doc["form_type"] = "部门整体支出"
    assert run(catalog, "cost-per-unit-missing", doc) == []


@pytest.mark.parametrize(
    "level2, fires",
    [("预算(或投资规模)控制指标", True), ("预算控制指标", True), ("投资规模控制指标", True), ("质量控制指标", False)],
)
def test_a_budget_control_heading_is_the_cost_category(catalog, level2, fires):
    # NDRC-style tables: 预期产出指标 | 预算(或投资规模)控制指标 holds the cost rows
    doc = project(
        row("预期产出指标", "数量指标", "养护农村公路里程", "≥120公里"),
        row("预期产出指标", level2, "年度预算执行率", "≥95%"),
        total="300",
    )
    assert bool(run(catalog, "cost-rate-only", doc)) is fires
