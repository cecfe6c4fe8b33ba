"""The value rules of issue 14: a rate targeted at ≥100 %, money without its
currency, compliance rates below 100 %, units written as the count's name.
"""

from __future__ import annotations

import pytest
from support.kinds import hits, project, row, run

from perflint.catalog import builtin_catalog


@pytest.fixture(scope="module")
def catalog():
    return builtin_catalog()


# -- the value rules ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "content, value, fires",
    [
        ("项目(工程)完成及时率", "≥100%", True),
        ("验收合格率", "100%以上", True),
        ("验收合格率", "100%", False),
        ("资金到位率", "达到100%", False),  # reaching all of it
        ("年度任务计划完成率", "≥100%", False),  # a plan can be exceeded
        ("游客接待量同比增长", "≥100%", False),
    ],
)
def test_rate_floor_100(catalog, content, value, fires):
    assert bool(run(catalog, "rate-floor-100", project(row("产出指标", "质量指标", content, value)))) is fires


@pytest.mark.parametrize("content", ["补贴逾期发放率", "设备故障率", "工程返工比例"])
def test_rate_floor_100_leaves_an_unwanted_rate_to_con009(catalog, content):
    # “=100%” would be the wrong advice for a rate to keep low: only CON009 speaks
    doc = project(row("产出指标", "质量指标", content, "≥100%"))
    assert run(catalog, "rate-floor-100", doc) == []
    assert [h.variant for h in run(catalog, "unwanted-rate-floor", doc)] == ["all"]


@pytest.mark.parametrize(
    "level2, content, value, variant",
    [
        ("成本指标", "人工成本", "≤620万/月", "wan"),
        ("成本指标", "作物种植补助标准", "≤28.40/株", "per"),
        ("数量指标", "新建道路长度", "≥300M", "metre"),
        ("数量指标", "雾炮车风炮射程", "≥80M", "metre"),
        ("成本指标", "人工成本", "≤620万元/月", None),
        ("成本指标", "项目总投入(万元)", "≤6070", None),
        ("数量指标", "光纤接入带宽", "≥100M", None),
        ("社会效益指标", "受益人口", "≥1.2万人", None),
        ("数量指标", "巡查频次", "≥3次/月", None),
    ],
)
def test_money_unit_incomplete(catalog, level2, content, value, variant):
    got = hits(catalog, "money-unit-incomplete", project(row("产出指标", level2, content, value)))
    assert got == ([("/indicators/0/value", variant)] if variant else [])


@pytest.mark.parametrize(
    "content, value, variant",
    [
        ("发放人数", "≥80人数", None),
        ("新增户数", "12户数", None),
        ("出差人次", "=24人/次", "per_time"),
        ("发放人数", "≥80人", False),
        ("出差人次", "=24人次", False),
        ("采集数据", "≥3个数据集", False),  # 个数 inside 个|数据
        ("培训成本", "≤200元/人/次", False),
        ("接待人数", "2人/次", "per_time"),
        ("每车乘员", "2人/次", False),  # a per-trip figure under a name that does not count people
    ],
)
def test_unit_malformed(catalog, content, value, variant):
    got = hits(catalog, "unit-malformed", project(row("产出指标", "数量指标", content, value)))
    assert got == ([] if variant is False else [("/indicators/0/value", variant)])


@pytest.mark.parametrize(
    "content, value, fires",
    [
        ("补贴发放合规率", "≥95%", True),
        ("项目资金使用合规性", ">=95%", True),
        ("工资发放准确性(%)", "≥95", True),
        ("补贴发放合规率", "100%", False),
        ("资金违规使用率", "≤5%", False),
        ("低保对象认定准确率", "≥95%", False),
        ("天气预报准确率", "≥85%", False),
        ("是否按时足额发放", "≥95%", False),  # not a rate: percent-of-duty's
    ],
)
def test_compliance_rate_below_100(catalog, content, value, fires):
    got = run(catalog, "compliance-rate-below-100", project(row("产出指标", "质量指标", content, value)))
    assert bool(got) is fires


# -- VAL012 an output count written as a ceiling ------------------------------------------------


@pytest.mark.parametrize(
    "content, value, fires",
    [
        ("小学就读人数", "<=6962人", True),
        ("新建农村公路", "不超过12公里", True),
        ("完成造林面积", "≤500亩", True),
        ("改造户厕", "小于等于300户", True),
        ("小学就读人数", "≥6962人", False),
        ("小学就读人数", "6962人", False),  # no direction: comparator-missing's question
        ("安全责任事故发生次数", "≤1次", False),  # less is better
        ("群众投诉件数", "<5件", False),
        ("召开专题会议", "≤4次", False),  # an input the rules cap
        ("聘用工作人员", "≤3人", False),
        ("培训人数", "50～60人", False),  # a range
        ("发放补助金额", "≤9.31万元", False),  # money: the cost rules'
        ("办理时限", "≤5个工作日", False),  # a duration
        ("危房改造", "≤0户", False),
        ("车辆采购数量", "小于等于1", True),  # the name says what the bare figure counts
        ("车辆采购", "小于等于1", False),  # a bare figure of nothing named
        ("投诉件数", "≤5", False),
        ("设备采购数量", "≤20%", False),  # a rate: percent-of-duty's
    ],
)
def test_quantity_ceiling(catalog, content, value, fires):
    doc = project(row("产出指标", "数量指标", content, value))
    assert hits(catalog, "quantity-ceiling", doc) == ([("/indicators/0/value", None)] if fires else [])


def test_quantity_ceiling_only_reads_quantity_indicators(catalog):
    # a ceiling is a fair target for a timeliness or an effect row
    for level2, content, value in (("时效指标", "项目完成用时", "≤30天"), ("生态效益指标", "土壤流失面积", "≤20亩")):
        assert run(catalog, "quantity-ceiling", project(row("产出指标", level2, content, value))) == []


@pytest.mark.parametrize(
    "goal, written",
    [
        ("完成农村饮水项目投资500,改善提升9200人饮水条件。", "投资500"),
        ("年度预算资金 86.5。", "资金 86.5"),
        ("完成农村饮水项目投资500万元,改善提升9200人饮水条件。", None),
        ("落实2023年省级资金2023,", None),  # a year, not an amount
        ("投资500户的改厕工程", None),  # the figure counts households
    ],
)
def test_money_without_unit_in_a_goal(catalog, goal, written):
    doc = project(goals={"annual": goal})
    got = [(h.pointer, h.variant, h.args["written"]) for h in run(catalog, "money-unit-incomplete", doc)]
    assert got == ([("/goals/annual", "goal", written)] if written else [])
    if written:  # a sheet's money-unit note gives the figure its unit
        doc["money"] = {"unit": "万元"}
        assert run(catalog, "money-unit-incomplete", doc) == []
