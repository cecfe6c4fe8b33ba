"""perflint.checks.analysis.values: the shared value analysis (placeholders, figures, comparators)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from perflint.checks.analysis.values import (
    COST,
    OUTPUT,
    SATISFACTION,
    Op,
    allowlisted,
    category,
    cn_to_decimal,
    comparisons,
    containment,
    external_reference,
    is_measurable,
    is_placeholder,
    is_placeholder_row,
    looks_like_duties,
    percent_target,
    quantities,
    strip_numbering,
    template_remnant,
    vague_terms,
)
from perflint.domain.model import Indicator

TOKENS = ["/", "／", "-", "—", "无", "暂无", "略", "N/A", "见附件", "同上", "**", "XX", "…", "……"]
SETTINGS = {
    "placeholders": TOKENS,
    "max_value_len": 30,
    "qualitative_allowlist": ["合格", "达标", "通过验收", "验收合格", "按时完成"],
}


@pytest.mark.parametrize(
    "text", ["/", "／", "\u3000/\u3000", " ／ ", "//", "- -", "无", "暂无", "N/A", "n/a", "……", "—", "/。"]
)
def test_placeholders(text):
    assert is_placeholder(text, TOKENS)


@pytest.mark.parametrize("text", ["", "　", None, "无重大事故", "≥95%", "1/2", "无差错率100%"])
def test_not_placeholders(text):
    assert not is_placeholder(text, TOKENS)


def test_placeholder_row():
    assert is_placeholder_row(Indicator(content="/", value="／"), TOKENS)
    assert is_placeholder_row(Indicator(content="\u3000/", value=""), TOKENS)
    assert not is_placeholder_row(Indicator(content="养护里程", value="/"), TOKENS)
    assert not is_placeholder_row(Indicator(content="", value=""), TOKENS)


@pytest.mark.parametrize(
    "text, token",
    [
        ("≥**%", "**"),
        ("**月**日前", "**"),
        ("XX单位", "XX"),
        ("××县", "××"),
        ("（填写指标值）", "(填写指标值)"),
        ("目标1", "目标1"),
    ],
)
def test_template_remnants(text, token):
    assert template_remnant(text) == token


@pytest.mark.parametrize("text", ["7*24小时", "≥95%", "XXL", "1.5万元"])
def test_not_template_remnants(text):
    assert template_remnant(text) is None


def test_external_reference():
    assert external_reference("详见附件2")
    assert external_reference("同上")
    assert external_reference("参照上年")
    assert not external_reference("《某县农村公路养护管理办法》，详见附件2")
    assert not external_reference("同比增长5%")


@pytest.mark.parametrize(
    "text, value",
    [
        ("九十", 90),
        ("九十五点五", Decimal("95.5")),
        ("二〇一九", 2019),
        ("十", 10),
        ("十二", 12),
        ("一百", 100),
        ("一万二千", 12000),
        ("三百零五", 305),
    ],
)
def test_chinese_numerals(text, value):
    assert cn_to_decimal(text) == Decimal(value)


def test_quantities_units_and_forms():
    assert [(q.number, q.unit) for q in quantities("≥12次")] == [(12, "次")]
    assert [(q.number, q.unit) for q in quantities("１２０公里")] == [(120, "公里")]
    assert [(q.number, q.unit) for q in quantities("９０％以上")] == [(90, "%")]
    assert [(q.number, q.unit) for q in quantities("400元/人·月")] == [(400, "元/人·月")]
    assert [(q.number, q.unit) for q in quantities("≤46.3万元/系统·年")] == [(Decimal("46.3"), "万元/系统·年")]
    assert [(q.number, q.unit) for q in quantities("百分之九十")] == [(90, "%")]
    assert [(q.number, q.unit) for q in quantities("三个")] == [(3, "个")]
    assert [q.unit for q in quantities("每人每月400")] == [None]


@pytest.mark.parametrize(
    "text, number, unit, quoted",
    [
        ("補助資金合計42.6萬元", "42.6", "万元", "42.6萬元"),
        ("≥3億元", "3", "亿元", "3億元"),
        ("每人每月300圓/人", "300", "元/人", "300圓/人"),
        ("購置車輛4輛", "4", "辆", "4輛"),
    ],
)
def test_traditional_units_are_read_and_quoted_as_written(text, number, unit, quoted):
    # the unit is read in a folded copy (萬 as 万); the figure is quoted in the script it was written in
    ((q),) = quantities(text)
    assert (q.number, q.unit, q.text) == (Decimal(number), unit, quoted)
    assert text[q.start : q.end] == quoted


@pytest.mark.parametrize("text", ["≥98百分比", "100 百分比", "≥95百分率"])
def test_percent_written_as_a_word_is_percent(text):
    # a unit column's 百分比 run into the value (r401), not 百 × the score unit 分
    assert [(q.unit, q.kind) for q in quantities(text)] == [("%", "percent")]


@pytest.mark.parametrize("text", ["一站式服务", "最后一公里", "打造一流服务", "ISO9001认证", "千方百计"])
def test_set_phrases_are_not_figures(text):
    assert quantities(text) == []


def test_list_numbering_is_not_a_figure():
    assert strip_numbering("1、负责推进；2、负责指导。3，做好服务") == "负责推进;负责指导。做好服务"
    assert quantities("1、深化改革。\n2，优化环境。") == []


@pytest.mark.parametrize(
    "text, op, number",
    [
        ("90%以上", Op.GE, 90),
        ("90%及以上", Op.GE, 90),
        ("超过90%", Op.GT, 90),
        ("不低于85%", Op.GE, 85),
        ("85%以下", Op.LE, 85),
        ("85%以内", Op.LE, 85),
        ("不满85%", Op.LT, 85),
        ("低于85%", Op.LT, 85),
        ("≥95%", Op.GE, 95),
        ("＞80％", Op.GT, 80),
        ("≤3个工作日", Op.LE, 3),
        ("控制在200万元以内", Op.LE, 200),
        ("12次", Op.EQ, 12),
    ],
)
def test_statutory_comparators(text, op, number):
    (c,) = comparisons(text)
    assert (c.op, c.number) == (op, Decimal(number))


def test_inclusive_follows_the_statute():
    assert comparisons("90%以上")[0].inclusive  # 以上 includes the number
    assert not comparisons("超过90%")[0].inclusive  # 超过 excludes it
    assert comparisons("90%以内")[0].inclusive
    assert not comparisons("不满90%")[0].inclusive


@pytest.mark.parametrize(
    "text, lower, lower_inc, upper",
    [
        ("90%以上", 90, True, None),
        ("满意度90%以上", 90, True, None),
        ("超过85%", 85, False, None),
        ("不满90%", None, False, 90),
        ("85%-95%", 85, True, 95),
        ("百分之九十", 90, True, 90),
        ("１００％", 100, True, 100),
        ("≥８５％", 85, True, None),
    ],
)
def test_percent_target(text, lower, lower_inc, upper):
    t = percent_target(text)
    assert t is not None
    assert t.lower == (None if lower is None else Decimal(lower))
    assert t.upper == (None if upper is None else Decimal(upper))
    if lower is not None:
        assert t.lower_inclusive is lower_inc


@pytest.mark.parametrize("text", ["较满意", "满意", "基本满意", "高"])
def test_no_percent(text):
    assert percent_target(text) is None


@pytest.mark.parametrize(
    "text, ok",
    [
        ("≥95%", True),
        ("90%以上", True),
        ("每人每次奖励200元", True),
        ("验收合格", True),
        ("合格", True),
        ("符合《公路养护技术规范》", True),
        ("提高办事效率", False),
        ("窗口工作人员每人每月400", False),
        ("/", False),
        ("≥**%", False),
        ("区长信箱办结率100%；与省市对接好了政务服务平台，建立健全常态化监管机制", False),
    ],
)
def test_measurable(text, ok):
    assert is_measurable(text, SETTINGS) is ok


def test_allowlist_needs_a_short_value():
    assert allowlisted("工程验收合格", ["验收合格"])
    assert not allowlisted("确保全县所有工程在年底前全部验收合格并交付使用", ["验收合格"])


def test_vague_terms_and_numeric_exemption():
    terms = ["较", "提高", "进一步", "好", "一流"]
    assert vague_terms("提高办事效率", terms) == ["提高"]
    assert vague_terms("提高5%", terms) == []
    assert vague_terms("提高5%", terms, allow_if_numeric=False) == ["提高"]
    assert vague_terms("进一步做好服务，建设一流中心", terms) == ["进一步", "好", "一流"]


def test_containment():
    assert containment("网站合格达标", "全县政府网站合格达标") == 1.0
    assert containment("", "abc") == 0.0
    assert containment("养护里程", "培训人次") == 0.0


def test_duties():
    assert looks_like_duties("负责全县政务公开")
    assert looks_like_duties("1、负责推进公开工作；2、指导乡镇网站建设；3、为群众提供咨询")
    assert not looks_like_duties("1、公开信息≥2000条；2、网站可用率≥99%")


def test_categories_place_labels_wherever_the_layout_put_them():
    assert category(Indicator(level1="社会公众或服务对象满意度指标")).level1 == SATISFACTION
    assert category(Indicator(level2="社会公众或服务对象满意度指标")).level1 == SATISFACTION
    sat = category(Indicator(level1="效益指标", level2="服务对象满意度指标", inherited=["level1"]))
    assert sat.is_satisfaction
    cost = category(Indicator(level1="产出指标", level2="成本指标"))
    assert (cost.level1, cost.level2, cost.is_cost) == (OUTPUT, "成本指标", True)
    c2021 = category(Indicator(level1="成本指标", level2="经济成本指标"))
    assert (c2021.level1, c2021.is_cost) == (COST, True)
    assert category(Indicator(level2="数量指标")).level1 == OUTPUT
    assert category(Indicator(level1="效果指标", level2="环境效益指标")).level2 == "生态效益指标"
