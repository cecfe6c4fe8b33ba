"""The arithmetic kinds (ARI): unit cost × quantity, a cap per month over the
period and the weights, in exact decimals against the total funds (issue 14).
"""

from __future__ import annotations

import pytest
from support.kinds import project, row, run

from perflint.catalog import builtin_catalog
from perflint.domain.findings import Severity


@pytest.fixture(scope="module")
def catalog():
    return builtin_catalog()


# -- ARI001 unit cost × quantity ------------------------------------------------------------


def test_unit_cost_times_quantity_below_the_funds(catalog):
    doc = project(
        row("产出指标", "数量指标", "补助人数", "70人"),
        row("产出指标", "成本指标", "人均补助标准", "704元/人"),
        total="5",
    )
    (hit,) = run(catalog, "unit-cost-product", doc)
    assert (hit.variant, hit.severity) == ("under_exact", Severity.INFO)
    assert hit.args["formula"] == "70人 × 704元/人"
    assert (hit.args["sum"], hit.args["total"], hit.args["difference"]) == ("4.93", "5", "0.07")


def test_unit_cost_times_quantity_above_the_funds(catalog):
    doc = project(
        row("产出指标", "数量指标", "补助人数", "≥100人"),
        row("产出指标", "成本指标", "人均补助标准", "1000元/人"),
        total="5",
    )
    (hit,) = run(catalog, "unit-cost-product", doc)
    assert (hit.variant, hit.severity, hit.args["sum"]) == ("over", None, "10")


def test_unit_costs_and_lump_sums_add_up(catalog):
    doc = project(
        row("成本指标", None, "打井、配电", "50000元"),
        row("成本指标", None, "饲料库120平米", "490元/平米"),
        row("成本指标", None, "围墙300米", "300元/米"),
        total="19.88",
    )
    assert run(catalog, "unit-cost-product", doc) == []  # 5 + 5.88 + 9
    doc["money"]["total"]["amount"] = doc["money"]["total"]["text"] = "25"
    (hit,) = run(catalog, "unit-cost-product", doc)
    assert hit.args["formula"] == "50000元 + 120平米 × 490元/平米 + 300米 × 300元/米"
    assert hit.args["sum"] == "19.88"


@pytest.mark.parametrize(
    "rows_, total",
    [
        # a cap on the unit cost and a floor on the quantity: no definite product
        ([("数量指标", "新增图书册数", "≥15000册"), ("成本指标", "平均每册采购成本", "≤32元/册")], "48.6"),
        # the unit cost is rounded: 26970.7 × 71.86 = 193.811… is 193.8 within its rounding
        ([("数量指标", "补贴民办园租用面积", "26970.7平方米"), ("成本指标", "补贴标准", "71.86元/平方米")], "193.8"),
        # two different counts of people: which one the unit cost pays for is not known
        (
            [("数量指标", "补助人数", "70人"), ("数量指标", "培训人数", "90人"), ("成本指标", "人均标准", "704元/人")],
            "5",
        ),
        # a cost row that restates the total is no item of it
        (
            [
                ("数量指标", "补助人数", "70人"),
                ("成本指标", "人均标准", "704元/人"),
                ("成本指标", "项目总成本", "≤4.928万元"),
            ],
            "4.928",
        ),
        # no quantity in 亩 anywhere
        ([("成本指标", "财政资金补助", "1600元/亩")], "854"),
    ],
)
def test_unit_cost_silent(catalog, rows_, total):
    doc = project(*(row("产出指标", l2, c, v) for l2, c, v in rows_), total=total)
    assert run(catalog, "unit-cost-product", doc) == []


# -- ARI002 a cap per month over the period --------------------------------------------------


def test_monthly_cap_over_the_period(catalog):
    doc = project(
        row("产出指标", "时效指标", "各项费用使用周期", "2020年1月--2020年11月"),
        row("产出指标", "成本指标", "人工成本", "≤620万/月"),
        total="5652",
    )
    (hit,) = run(catalog, "period-cost-cap", doc)
    assert (hit.args["months"], hit.args["allowed"], hit.args["total"]) == (11, "6820", "5652")


def test_monthly_cap_uses_the_project_period_field(catalog):
    doc = project(
        row("产出指标", "成本指标", "人工成本", "每月不超过620万元"),
        total="5652",
        fields=[{"key": "period", "label": "项目期", "text": "2020年1月-2020年9月"}],
    )
    assert run(catalog, "period-cost-cap", doc) == []  # 9 × 620 = 5580 ≤ 5652
    doc["fields"][0]["text"] = "2020年1月-2020年12月"
    assert [h.args["allowed"] for h in run(catalog, "period-cost-cap", doc)] == ["7440"]


def test_monthly_cap_without_a_period_or_as_a_frequency(catalog):
    no_period = project(row("产出指标", "成本指标", "人工成本", "≤620万元/月"), total="5652")
    assert run(catalog, "period-cost-cap", no_period) == []
    frequency = project(
        row("产出指标", "时效指标", "费用使用周期", "2020年1月--2020年11月"),
        row("产出指标", "成本指标", "巡查成本", "≤3次/月"),
        total="1",
    )
    assert run(catalog, "period-cost-cap", frequency) == []


# -- ARI003 weights --------------------------------------------------------------------------


def _weighted(*weights):
    return project(*(row("产出指标", "数量指标", f"指标{i}", "≥1个", extra={"权重": w}) for i, w in enumerate(weights)))


def test_weights_add_up_to_100(catalog):
    (hit,) = run(catalog, "weights-sum", _weighted("10", "20", "10", "10", "10", "10", "10", "10"))
    assert (hit.variant, hit.args["sum"], hit.args["parts"]) == ("short", "90", "10+20+10+10+10+10+10+10")
    assert run(catalog, "weights-sum", _weighted("30", "20", "20", "30")) == []
    assert run(catalog, "weights-sum", _weighted("30", "20", "二十", "30")) == []  # not a number: no sum
    assert run(catalog, "weights-sum", _weighted("50", "20")) == []  # too few to judge
    assert [h.variant for h in run(catalog, "weights-sum", _weighted("40", "40", "30"))] == ["over"]


def test_weights_rule_needs_the_whole_table(catalog):
    assert catalog.rules["ARI003"].needs == ("indicators",)


# -- ARI004 the parts listed under 其中 against the amount before it ---------------------------------


def _overview(text: str, **more):
    return project(total="96.4", fields=[{"key": "overview", "label": "项目概况", "text": text}], **more)


def test_parts_under_qizhong_that_exceed_their_whole(catalog):
    # a made-up listing in Traditional script: the halves come to 96.8萬元, not the 96.4萬元 before 其中
    doc = _overview("全年發放生活補助資金96.4萬元,其中上半年發放120人,補助48.5萬元,下半年發放118人,補助48.3萬元。")
    (hit,) = run(catalog, "plan-total", doc)
    assert hit.variant == "parts"
    assert (hit.args["formula"], hit.args["sum"], hit.args["difference"]) == ("48.5萬元 + 48.3萬元", "96.8", "0.4")


def test_parts_under_qizhong_on_a_line_the_reader_could_not_place(catalog):
    doc = project(total="60", unrecognized=["维修资金60万元:其中校舍维修35万元、设备维修25.5万元。"])
    assert [(h.pointer, h.variant) for h in run(catalog, "plan-total", doc)] == [("/unrecognized/0", "parts")]


@pytest.mark.parametrize(
    "text",
    [
        # the parts add up to the whole
        "全年发放生活补助资金96.4万元,其中上半年发放48.1万元,下半年发放48.3万元。",
        # fewer than the whole: 其中 may name only some of the parts
        "全年发放生活补助资金96.4万元,其中上半年发放48.5万元,下半年第一批30万元。",
        # one part only
        "全年发放生活补助资金96.4万元,其中中央资金98万元。",
        # unit costs are no parts
        "全年发放生活补助资金96.4万元,其中每人每年3000元,每人每学期1500元。",
        # the amount is not right before 其中
        "上半年96.4万元,下半年另行安排,其中一批60万元、二批50万元。",
        # no listing: the sentence runs on with further figures (a flattened table)
        "安排资金10万元,其中项目立项6分,资金投入4分,成本目标值10万元,实际完成值0万元,数量目标10分,质量目标10分",
    ],
)
def test_parts_under_qizhong_silent(catalog, text):
    assert run(catalog, "plan-total", _overview(text)) == []


def test_parts_under_qizhong_far_apart_are_no_listing(catalog):
    filler = "按照有关规定组织实施并加强资金监管确保专款专用" * 3
    doc = _overview(f"全年发放补助资金96.4万元,其中上半年{filler}发放48.5万元,下半年{filler}发放48.3万元。")
    assert run(catalog, "plan-total", doc) == []
