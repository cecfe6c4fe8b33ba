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
    "rows",
    [
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
