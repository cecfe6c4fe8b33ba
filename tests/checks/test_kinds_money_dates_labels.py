"""The cost, budget, label and date rules of issue 14: a cost written as a floor,
an amount stated twice, a misspelt label, a deadline after the project period,
next year in an annual target.
"""

from __future__ import annotations

import pytest
from support.kinds import hits, project, row, run

from perflint.catalog import builtin_catalog


@pytest.fixture(scope="module")
def catalog():
    return builtin_catalog()


# -- COST004 --------------------------------------------------------------------------


def test_cost_floor(catalog):
    hint = project(row("产出指标", "成本指标", "项目总投入(≥**万元)", "6070"), total="6070")
    assert hits(catalog, "cost-floor", hint) == [("/indicators/0/value", "hint_budget")]
    floor = project(row("成本指标", None, "防疫室84平米", "≥1050元"))
    assert hits(catalog, "cost-floor", floor) == [("/indicators/0/value", None)]
    spent = project(row(None, None, "发放金额", "≥9.31万元"), total="9.31")
    assert hits(catalog, "cost-floor", spent) == [("/indicators/0/value", "budget")]
    income = project(row("效益指标", "经济效益指标", "带动农户增收", "≥80万元"), total="80")
    saving = project(row("产出指标", "成本指标", "节约资金", "≥10万元"))
    cap = project(row("产出指标", "成本指标", "项目总成本(≤**万元)", "≤1125万元"), total="1125")
    assert hits(catalog, "cost-floor", income) == hits(catalog, "cost-floor", saving) == []
    assert hits(catalog, "cost-floor", cap) == []


# -- COST001/COST002: a unit cost without its currency is still a cost figure ----------------


def test_unit_cost_without_currency_counts_as_quantified(catalog):
    doc = project(row("产出指标", "成本指标", "作物种植补助标准", "≤28.40/株"), total="50")
    assert run(catalog, "cost-present", doc) == [] and run(catalog, "cost-quantified", doc) == []
    people = project(row("产出指标", "成本指标", "培训费", "人/天"), total="5")  # no figure at all
    assert run(catalog, "cost-quantified", people) != []


# -- COST005 --------------------------------------------------------------------------


def test_cost_only_restates_the_budget(catalog):
    restated = project(
        row("产出指标", "数量指标", "物业管理安置小区数", "8个"),
        row("产出指标", "成本指标", "项目总成本(≤**万元)", "≤1125万元"),
        total="1125",
    )
    (hit,) = run(catalog, "cost-only-total", restated)
    assert (hit.pointer, hit.args["total"]) == ("/indicators/1/value", "1125")
    in_yuan = project(row("产出指标", "成本指标", "项目总成本", "11250000元"), total="1125")
    assert len(run(catalog, "cost-only-total", in_yuan)) == 1


@pytest.mark.parametrize(
    "costs, form_type",
    [
        ([("项目总成本", "≤1125万元"), ("每个小区物业服务成本", "≤140.6万元")], "项目支出"),  # an item besides
        ([("项目总成本", "≤1125万元"), ("人均补助标准", "≤704元/人")], "项目支出"),  # a unit cost besides
        ([("项目总成本", "≤1000万元")], "项目支出"),  # less than the funds: a cap that binds
        ([("项目总投入(≥**万元)", "1125")], "项目支出"),  # the budget as a floor: COST004's
        ([("成本控制率", "100%"), ("项目总成本", "≤1125万元")], "项目支出"),  # a ratio besides
        ([("部门整体支出成本", "≤1125万元")], "部门整体支出"),
    ],
)
def test_cost_only_total_silent(catalog, costs, form_type):
    doc = project(*(row("产出指标", "成本指标", c, v) for c, v in costs), total="1125")
    doc["form_type"] = form_type
    assert run(catalog, "cost-only-total", doc) == []


# -- COST006 --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "content, value, fires",
    [
        ("出差单位成本", "=0万元/人", True),
        ("办公费总成本", "0万元", True),
        ("办公费总成本", "≤0元", True),
        ("出差总成本", "=1万元", False),
        ("超预算支出金额", "0万元", False),  # nothing is the aim
        ("资金损失", "=0元", False),
        ("办公费总成本", "≥0万元", False),  # a floor, no zero cost
        ("成本控制率", "0%", False),  # a ratio, not an amount
    ],
)
def test_cost_zero(catalog, content, value, fires):
    doc = project(row("产出指标", "成本指标", content, value), total="3")
    assert bool(run(catalog, "cost-zero", doc)) is fires


# -- BUD008, BUD009 -------------------------------------------------------------------------


def _dept(*lines):
    return {
        "form_type": "部门整体支出",
        "money": {
            "total": {"key": "total", "label": "资金总额", "text": "171.41", "amount": "171.41"},
            "lines": [{"key": k, "label": label, "text": a, "amount": a} for k, label, a in lines],
        },
    }


def test_amount_stated_twice_differently(catalog):
    doc = _dept(
        ("expenditure.project", "项目支出", "60.8"),
        ("expenditure.basic", "基本支出", "110.61"),
        ("expenditure.basic", "基本支出", "171.41"),
    )
    (hit,) = run(catalog, "amount-conflict", doc)
    assert (hit.pointer, hit.variant, hit.args["first"], hit.args["second"]) == (
        "/money/lines/2",
        "equals_total",
        "110.61",
        "171.41",
    )
    same = _dept(("expenditure.basic", "基本支出", "110.61"), ("expenditure.basic", "基本支出", "110.610"))
    assert run(catalog, "amount-conflict", same) == []
    project_form = {**doc, "form_type": "项目支出"}  # a multi-year and an annual breakdown may differ
    assert run(catalog, "amount-conflict", project_form) == []


def test_amount_typed_twice_and_only_once_reported(catalog):
    doc = project(total="854")
    doc["money"]["lines"] = [{"key": "income.public", "label": "财政拨款", "text": "854万854万(高标准农田建设400万元)"}]
    (hit,) = run(catalog, "amount-typed-twice", doc)
    assert (hit.pointer, hit.args["amount"]) == ("/money/lines/0", "854万")
    assert run(catalog, "amount-parse", doc) == []  # BUD001 leaves it to BUD009
    fine = project(total="1010")
    fine["money"]["lines"] = [{"key": "income.own", "label": "自筹资金", "text": "1010", "amount": "1010"}]
    assert run(catalog, "amount-typed-twice", fine) == []


# -- TXT006, DATE007, DATE008 ------------------------------------------------------------------


def _labelled(label):
    doc = project(total="2279.048")
    doc["money"]["lines"] = [{"key": "income.public", "label": label, "text": "2279.048", "amount": "2279.048"}]
    doc["source"] = {"labels": {"/money/lines/0": {"text": label, "span": [3, 1, 3, 5]}}}
    return doc


@pytest.mark.parametrize(
    "label, expected",
    [
        ("财政投款", "财政拨款"),
        ("财政拨款", None),
        ("市级资金", None),
        ("其它资金", None),
        ("预预算科", None),
        # the word or mark that joins two labels is wording, not a typo (r711: 项目负责人/联系电话)
        ("项目负责人/联系电话", None),
        ("项目负责人、联系电话", None),
        ("主管部门/编码", None),
    ],
)
def test_label_typo(catalog, label, expected):
    got = run(catalog, "label-typo", _labelled(label))
    assert [h.args["expected"] for h in got] == ([expected] if expected else [])


@pytest.mark.parametrize(
    "value, fires",
    [
        ("2023年底", True),
        ("2023年12月31日前", True),
        ("2023年11月30日前", False),
        ("2023年11月", False),
        ("按时完成", False),
    ],
)
def test_deadline_after_period(catalog, value, fires):
    doc = project(
        row("产出指标", "时效指标", "项目完成时间", value),
        year=2022,
        fields=[{"key": "period", "label": "项目期", "text": "2022年3月-2023年11月"}],
    )
    assert bool(run(catalog, "deadline-after-period", doc)) is fires


def test_deadline_without_a_project_period_is_not_checked(catalog):
    doc = project(
        row("产出指标", "时效指标", "项目完成时间", "2021年12月底"),
        year=2021,
        schedule=[{"content": "施工", "start": {"text": "2021.3"}, "end": {"text": "2021.11"}}],
    )
    assert run(catalog, "deadline-after-period", doc) == []


def test_next_year_in_the_annual_goal(catalog):
    bad = project(goals={"annual": "完成前期工作，明年的任务是主体施工"}, year=2023)
    assert [h.pointer for h in run(catalog, "next-year-in-annual", bad)] == ["/goals/annual"]
    for purpose in (
        "完成前期工作，为明年的主体施工打好基础",
        "完成设计招标，为下一年度开工做好准备",
        "评价结果作为下一年度预算安排的依据",
    ):
        assert run(catalog, "next-year-in-annual", project(goals={"annual": purpose}, year=2023)) == []
    good = project(goals={"long_term": "明年建成投入使用", "annual": "2023年完成施工招标"}, year=2023)
    assert run(catalog, "next-year-in-annual", good) == []
