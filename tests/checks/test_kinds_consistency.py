"""The consistency kinds (CON) and IND012: parts of one form that contradict each
other, run directly on small declarations (issue 14).
"""

from __future__ import annotations

import pytest
from support.kinds import hits, project, row, run

from perflint.catalog import builtin_catalog


@pytest.fixture(scope="module")
def catalog():
    return builtin_catalog()


# -- CON001 the name or remark states a figure -------------------------------------------


@pytest.mark.parametrize(
    "content, value, variant",
    [
        ("旅游基础设施建设质量达标率100%", ">=98%", "range"),
        ("满意度90%以上的培训合格率", "≥85%", None),  # the figure is not at the end of the name
        ("培训合格率90%以上", "≥85%", "range"),
        ("培训合格率90%以上", "≥95%", None),  # stricter than the name: no contradiction
        ("补贴发放率60%", "≥60%", None),  # the same figure given a direction
        ("培训100人次", "80人次", "number"),
        ("培训100人次", "≥120人次", None),
        ("村组干部230人", "≥230个", "unit"),
        ("围墙300米", "300元/米", None),  # a price per metre, not the length again
        ("苗木成活率(≥**%)", "≥85%", None),  # a template hint is no figure
        ("7岁以下儿童健康管理率", "≥85%", None),
    ],
)
def test_name_figure_conflict(catalog, content, value, variant):
    got = hits(catalog, "name-figure-conflict", project(row("产出指标", "质量指标", content, value)))
    assert got == ([("/indicators/0/value", variant)] if variant else [])


@pytest.mark.parametrize(
    "note, value, fires",
    [
        ("90%(计划标准)", "1", True),  # the remark says 90 %, the value 1 (= 100 %?)
        ("100%(计划标准)", "1", False),
        ("60%", "≥60%", False),
        ("90%", "≥95%", True),
        ("上年完成92%", "≥95%", False),  # a baseline, not the target restated
        ("抽样问卷调查", "≥90%", False),
    ],
)
def test_remark_figure_conflict(catalog, note, value, fires):
    doc = project(row("产出指标", "质量指标", "书籍审稿覆盖率", value, note=note))
    assert hits(catalog, "name-figure-conflict", doc) == ([("/indicators/0/value", "remark")] if fires else [])


def test_remark_in_an_explanation_column(catalog):
    doc = project(row("产出指标", "质量指标", "覆盖率", "1", extra={"指标解释": "90%(计划标准)"}))
    assert hits(catalog, "name-figure-conflict", doc) == [("/indicators/0/value", "remark")]


# -- CON002 the unit the name implies --------------------------------------------------------


@pytest.mark.parametrize(
    "content, value, variant",
    [
        ("指标1:安置小区物业费", "8个", None),
        ("受益脱贫户、监测户人口数", "≥10户", None),
        ("中职免学费应受助学生数", "100%", None),
        ("项目完成时间", "100%", None),
        ("补贴覆盖率", "20个", None),
        ("项目维持时效", "≥95%", None),
        ("年度申请就学补助户数", ">=101人/次", None),  # households counted in 人次
        ("按时发放", "≥1人/年", "timely"),
        ("及时拨付补助资金", "≥3人", "timely"),  # a timeliness name ending in money, given a head count
        ("营造林面积(亩)", "≥20%", "named"),
        ("检测及时率", "≤7工作日", None),  # a rate given as a number of days
        ("设备完好率", "≥300天", None),
    ],
)
def test_unit_name_mismatch_fires(catalog, content, value, variant):
    got = hits(catalog, "unit-name-mismatch", project(row("产出指标", "数量指标", content, value)))
    assert got == [("/indicators/0/value", variant)]


@pytest.mark.parametrize(
    "content, value",
    [
        ("物业服务安置小区个数", "=8个"),
        ("安置小区物业费", "≤1125万元"),
        ("补助标准", "≤1600元/亩"),
        ("受益人口数", "≥1.2万人"),
        ("项目完成时间", "2023年11月30日前"),
        ("资金供应时效", "100%"),  # "all on time", loosely put
        ("按时发放率", "100%"),
        ("营造林面积(亩)", "80000"),
        ("成本控制率", "≤100%"),
        ("受益户数", "≥300户"),
        ("检测及时率", "≥95%"),
        ("巡查频率", "每7天"),  # how often: a span of days may say it
        ("检测报告出具时限", "≤7工作日"),
        # a name that opens with 按时/及时 asks for a time, whatever money word it ends in
        ("按期缴纳物业管理费", "≤30天"),
        ("及时拨付补助资金", "100%"),
        ("按时拨付补助资金", "≥200万元"),  # how much, in the unit of what is done
    ],
)
def test_unit_name_mismatch_silent(catalog, content, value):
    assert hits(catalog, "unit-name-mismatch", project(row("产出指标", "数量指标", content, value))) == []


def test_unit_column_disagrees_with_the_value(catalog):
    doc = project(row("产出指标", "数量指标", "业务工作支出安排金额", "28.8萬元", extra={"计量单位": "%"}))
    assert hits(catalog, "unit-name-mismatch", doc) == [("/indicators/0/value", "column")]


# -- CON003 / CON004 --------------------------------------------------------------------------


def test_goal_share_against_completion_rate(catalog):
    bad = project(row("产出指标", "时效指标", "项目(工程)完成及时率", "≥100%"), goals={"annual": "完成项目主体工程70%"})
    (hit,) = run(catalog, "goal-indicator-conflict", bad)
    assert hit.args["share"] == "70"
    good = project(row("产出指标", "数量指标", "主体工程完成比例", "≥70%"), goals={"annual": "完成项目主体工程70%"})
    assert run(catalog, "goal-indicator-conflict", good) == []
    whole = project(row("产出指标", "时效指标", "完成及时率", "100%"), goals={"annual": "全面完成主体工程"})
    assert run(catalog, "goal-indicator-conflict", whole) == []


@pytest.mark.parametrize(
    "value, fires",
    [("2020年1月--2020年11月", True), ("2020.1.1-2020.12.31", True), ("2020年—2030年", False), ("≥20年", False)],
)
def test_sustainability_repeating_the_period(catalog, value, fires):
    doc = project(row("效益指标", "可持续影响指标", "保障期限", value), year=2020)
    assert bool(run(catalog, "sustainability-is-period", doc)) is fires


# -- IND012 a percentage pinned on a duty ------------------------------------------------------


@pytest.mark.parametrize(
    "content, value, variant",
    [
        ("维护社会稳定", "≥95%", None),
        ("促进村集体经济发展", "≥95%", None),
        ("确保日常工作正常运行", "100%", None),
        ("是否按时足额发放", "≥95%", "yes_no"),
        # an effect stated as a clause: what is 100% of "lives improved"?
        ("改善了农民生产生活条件", "100%", None),
        ("激发为民办事的热情", "100%", None),
        ("为民众办好事,办实事", "100%", None),
        ("困难群众生活得到改善", "100%", None),
        ("办学条件改善", "=100%", None),
        # 水平 followed by the improvement is the clause's subject, not a level to measure
        ("教学条件改善、办学水平提高", "=100%", None),
        ("基层治理水平得到提升", "≥95%", None),
    ],
)
def test_percent_of_duty_fires(catalog, content, value, variant):
    assert hits(catalog, "percent-of-duty", project(row("效益指标", "社会效益指标", content, value))) == [
        ("/indicators/0/value", variant)
    ]


@pytest.mark.parametrize(
    "content, value",
    [
        ("保障对象覆盖率", "100%"),
        ("促进农民增收幅度", "≥5%"),
        ("是否按时足额发放", "是"),
        ("是否按时足额发放", "100%"),
        ("确保资金到位", "100%"),
        ("维护社会稳定", "无重大群体性事件"),
        ("促进就业人数", "≥50人"),
        ("提高群众知晓率", "≥90%"),
        ("改善人居环境", "完成12个村的改厕"),
        ("办学条件改善程度", "≥90%"),
        ("管理水平提高幅度", "≥10%"),  # 幅度 names what the percentage is of
        ("群众满意度水平提升", "≥90%"),
        ("为民服务事项办结率", "100%"),
    ],
)
def test_percent_of_duty_silent(catalog, content, value):
    assert run(catalog, "percent-of-duty", project(row("效益指标", "社会效益指标", content, value))) == []


@pytest.mark.parametrize(
    "content, value, fires",
    [
        ("按照全镇党支部书记发放", "100%", True),
        ("按年度发放绩效奖、文明奖", "≥60%", True),
        ("应受助学生数", "100%", False),  # the name of a count: a coverage of it
        ("补助发放人数", "≥95%", False),
        ("培训人次", "100%", False),
        ("按照全镇党支部书记发放", "44人", False),
    ],
)
def test_percent_of_duty_quantity_given_as_a_percentage(catalog, content, value, fires):
    doc = project(row("产出指标", "数量指标", content, value))
    assert hits(catalog, "percent-of-duty", doc) == ([("/indicators/0/value", "quantity")] if fires else [])
    # the same row under 质量指标 is no quantity indicator
    doc = project(row("产出指标", "质量指标", content, value))
    assert run(catalog, "percent-of-duty", doc) == []


# -- CON008 a goal copied from another field ------------------------------------------------------

_USES = "主要用于文物修缮、宣传、文创产品开发等支出"


def _copied(goal: str, field: dict, **more) -> dict:
    return project(goals={"long_term": goal}, fields=[field], **more)


def test_goal_copies_field_fires(catalog):
    doc = _copied(_USES, {"key": "overview", "label": "项目概况", "text": _USES + "。"})
    assert hits(catalog, "goal-copies-field", doc) == [("/goals/long_term", None)]
    doc = project(goals={"overall": "保证林业局职能实现,保障人员经费。"}, functions="保证林业局职能实现, 保障人员经费")
    assert hits(catalog, "goal-copies-field", doc) == [("/goals/overall", None)]
    # a goal held among the further fields (总体目标) is a goal too
    doc = project(
        fields=[
            {"key": "overview", "label": "项目概况", "text": _USES},
            {"key": "goal.long_term", "label": "*总体目标", "text": _USES},
        ]
    )
    (hit,) = [h for h in run(catalog, "goal-copies-field", doc)]
    assert (hit.pointer, hit.args["goal"], hit.args["field"]) == ("/fields/1/text", "总体目标", "项目概况")


@pytest.mark.parametrize(
    "goal, field",
    [
        ("完成3处文物修缮，文物安全事故为0", {"key": "overview", "label": "项目概况", "text": _USES}),
        ("保障运转", {"key": "overview", "label": "项目概况", "text": "保障运转"}),  # too short to be a copy
        (_USES, {"key": "period", "label": "项目期", "text": _USES}),  # not a prose field
        (_USES, {"key": "overview", "label": "项目概况", "text": _USES + "，以及办公经费"}),  # not the same text
    ],
)
def test_goal_copies_field_stays_silent(catalog, goal, field):
    assert hits(catalog, "goal-copies-field", _copied(goal, field)) == []


def test_goal_copies_field_skips_one_cell_read_twice(catalog):
    doc = _copied(_USES, {"key": "overview", "label": "项目概况", "text": _USES})
    span = [3, 1, 3, 20]
    doc["source"] = {"spans": {"/goals/long_term": span, "/fields/0": span}}
    assert hits(catalog, "goal-copies-field", doc) == []


# -- CON009 a rate of something unwanted set as a floor ---------------------------------------------


@pytest.mark.parametrize(
    "content, value, variant",
    [
        ("逾期发放率", ">=100%", "all"),
        ("出租闲置房屋,减少国有资产闲置率", "=100%", "all"),  # lowered all the way is no way to write it
        ("住房空置率", "100%", "all"),
        ("设备故障率", "≥5%", None),
        ("工程返工比例", "不低于3%", None),
        ("補貼逾期發放率", "≥2%", None),  # Traditional characters
        ("补助发放差错率", "90%以上", None),
    ],
)
def test_unwanted_rate_floor_fires(catalog, content, value, variant):
    got = hits(catalog, "unwanted-rate-floor", project(row("产出指标", "质量指标", content, value)))
    assert got == [("/indicators/0/value", variant)]


@pytest.mark.parametrize(
    "content, value",
    [
        ("逾期发放率", "≤0%"),  # a ceiling: as it should be
        ("逾期发放率", "0%"),
        ("安全事故发生率", "=0"),
        ("设备故障率", "2%"),  # a low figure with no direction: VAL005's
        ("安全隐患整改率", "≥95%"),  # the share dealt with: to raise
        ("群众投诉办结率", "100%"),
        ("闲置房屋出租率", "=100%"),
        ("违规问题查处率", "≥90%"),
        ("设备故障响应率", "≥95%"),  # answering the faults: to raise
        ("拖欠农民工工资支付率", "=100%"),  # the arrears paid
        ("安全事故发生率下降", "≥10%"),  # the fall is the target
        ("降低设备故障率", "≥10%"),  # may say by how much it falls
        ("资金拨付及时率", "≥100%"),  # nothing unwanted counted (VAL008's)
        ("项目验收合格率", "≥98%"),
    ],
)
def test_unwanted_rate_floor_stays_silent(catalog, content, value):
    assert hits(catalog, "unwanted-rate-floor", project(row("产出指标", "质量指标", content, value))) == []


def test_unwanted_rate_floor_reads_the_percent_in_the_name(catalog):
    # the unit in the name (逾期率(%)) and a bare figure in the value
    doc = project(row("产出指标", "时效指标", "补贴逾期发放率(%)", "≥98"))
    (hit,) = run(catalog, "unwanted-rate-floor", doc)
    assert (hit.variant, hit.args["figure"], hit.args["unwanted"]) == (None, "98", "逾期")


# -- CON010 a unit written as the name of the count -------------------------------------------------


@pytest.mark.parametrize(
    "value, extra, unit",
    [
        ("=9间数", {"度量单位": "间数"}, "间"),
        ("≥80人数", {}, "人"),
        ("≥ 120 户数", {}, "户"),
        ("≥12", {"计量单位": "次数"}, "次"),  # the unit column alone
        ("≥500人次数", {}, "人次"),
    ],
)
def test_unit_count_name_fires(catalog, value, extra, unit):
    (hit,) = run(catalog, "unit-count-name", project(row("产出指标", "数量指标", "服务对象", value, extra=extra)))
    assert (hit.pointer, hit.args["unit"]) == ("/indicators/0/value", unit)


@pytest.mark.parametrize(
    "value, extra",
    [
        ("=9间", {"度量单位": "间"}),
        ("≥3倍数", {}),  # 倍数 is no measure word plus 数
        ("≥0.8系数", {}),
        ("受益人数明显增加", {}),  # no figure before it
        ("持续保障", {"计量单位": "人数"}),  # a unit column but no figure
        ("≥80人数据", {}),  # 人数据: the word goes on
    ],
)
def test_unit_count_name_stays_silent(catalog, value, extra):
    assert hits(catalog, "unit-count-name", project(row("产出指标", "数量指标", "服务对象", value, extra=extra))) == []


# -- CON011 one figure with and without 万 ---------------------------------------------------------


@pytest.mark.parametrize(
    "annual, fires",
    [
        ("防治作业面积19.699万亩,无公害防治面积19.699亩, 无公害防治率100%", True),
        ("发放补助1234.5万元，其中一次性补助1234.5元", True),
        ("覆盖 12.345 万人；另培训12.345人次", False),  # 万人 and 人次: not the same unit
        ("种植2.5万亩，示范2.5亩", False),  # too few digits to be one figure by chance
        ("补助标准1234.5元/亩，共1234.5万元", False),  # a unit price
        ("防治作业面积19.699万亩,无公害防治面积19.699万亩", False),
    ],
)
def test_wan_dropped(catalog, annual, fires):
    got = hits(catalog, "wan-dropped", project(goals={"annual": annual}))
    assert got == ([("/goals/annual", None)] if fires else [])


def test_wan_dropped_compares_within_one_text(catalog):
    doc = project(goals={"annual": "防治作业面积19.699万亩", "long_term": "无公害防治面积19.699亩"})
    assert hits(catalog, "wan-dropped", doc) == []


# -- CON012 a rate named as a change, given a level ---------------------------------------------------


@pytest.mark.parametrize(
    "content, value, fires",
    [
        ("广大群众对病风病防治知识知晓率显著提升", "100%", True),
        ("农村自来水普及率进一步提高", "≥95%", True),
        ("辖区安全事故发生率下降", "=80%", True),
        ("知晓率提高", "≥5%", False),  # may be the rise itself
        ("群众防治知识知晓率提高", "比上年提高≥5个百分点", False),  # the change is said
        ("知晓率由80%提升", "90%", False),
        ("群众防治知识知晓率", "≥90%", False),  # a level named as a level
        ("办学水平提高", "=100%", False),  # no rate named (IND012's)
    ],
)
def test_change_named_level_given(catalog, content, value, fires):
    got = hits(catalog, "change-named-level-given", project(row("效益指标", "社会效益指标", content, value)))
    assert got == ([("/indicators/0/value", None)] if fires else [])


# -- CON013 a unit given to a value with no figure --------------------------------------------------


@pytest.mark.parametrize(
    "value, extra, fires",
    [
        ("应保尽保", {"计量单位": "%"}, True),
        ("有所提升", {"度量单位": "人"}, True),
        ("应保尽保", {"计量单位": "无"}, False),  # no unit claimed
        ("应保尽保", {"计量单位": "定性"}, False),
        ("100", {"计量单位": "%"}, False),  # a figure
        ("百分之百", {"计量单位": "%"}, False),  # a figure in words
        ("减少", {"度量单位": "反映实施项目对社会产生的不利影响。"}, False),  # an explanation, not a unit
        ("应保尽保", {}, False),  # no unit column
    ],
)
def test_unit_without_figure(catalog, value, extra, fires):
    got = hits(
        catalog, "unit-without-figure", project(row("效益指标", "社会效益指标", "保证正常运转", value, extra=extra))
    )
    assert got == ([("/indicators/0/value", None)] if fires else [])
