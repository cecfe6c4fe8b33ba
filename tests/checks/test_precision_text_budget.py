"""False alarms the labelled real forms showed in the text and budget rules, and
what the rules now say instead: a word ending in a function word's character
(普及及优质), pinyin a mirror printed (國(guó)), an empty numbered row (“2、”), the template's printed list in
项目类型, brackets split by the reading, 萬元, a budget above 10亿.
"""

from __future__ import annotations

import pytest

from perflint.catalog import builtin_catalog
from perflint.checks.base import Context
from perflint.checks.text import suspicious_duplicates
from perflint.domain.model import Declaration


@pytest.fixture(scope="module")
def catalog():
    return builtin_catalog()


def run(catalog, kind, doc, params=None, profile="hunan-2019"):
    settings = {**catalog.settings, **catalog.profiles[profile].settings}
    decl = Declaration.from_dict(doc)
    ctx = Context(settings=settings, bundle=[decl], index=0, profile=profile)
    return list(catalog.kinds[kind].check(decl, params or {}, ctx))


def rule_params(catalog, code):
    return dict(catalog.rules[code].params)


@pytest.mark.parametrize(
    "text, pairs",
    [
        ("促进了学前教育普及及优质发展", []),  # 普及|及|优质
        ("编制预预算科目", ["预预"]),
        ("绩绩效评价科", ["绩绩"]),
    ],
)
def test_duplicated_char_after_a_word_ending_in_a_function_word(text, pairs):
    assert [p for _, p in suspicious_duplicates(text, set())] == pairs


def test_punctuation_defaults_leave_brackets_out(catalog):
    params = rule_params(catalog, "TXT003")
    doc = {
        "form_type": "项目支出",
        "indicators": [{"level1": "效益指标", "content": "*资产股权年收益率(", "value": "≥8%"}],
    }
    assert run(catalog, "punctuation", doc, params) == []
    (hit,) = run(catalog, "punctuation", doc, {**params, "checks": ["brackets"]})
    assert hit.variant == "brackets"


def test_an_empty_numbered_row_is_no_unfinished_sentence(catalog):
    params = rule_params(catalog, "TXT003")
    empty = {"form_type": "项目支出", "schedule": [{"content": "1、前期准备"}, {"content": "2、"}]}
    assert run(catalog, "punctuation", empty, params) == []
    cut = {"form_type": "项目支出", "goals": {"annual": "提升我市宗教工作管理水平,"}}
    assert [h.variant for h in run(catalog, "punctuation", cut, params)] == ["trailing"]


def test_numbering_is_not_compared_with_a_printed_list_of_options(catalog):
    params = rule_params(catalog, "TXT003")
    doc = {
        "form_type": "项目支出",
        "schedule": [{"content": "1、前期准备；2、组织实施"}],
        "fields": [{"key": "project_type", "label": "项目类型", "text": "1.基本建设类 2.行政事业类"}],
    }
    assert run(catalog, "punctuation", doc, params) == []
    doc["safeguards"] = "1，建立制度；2，加强监督。"  # two prose fields that differ still do
    assert [(h.pointer, h.variant) for h in run(catalog, "punctuation", doc, params)] == [
        ("/schedule/0/content", "enumerators")
    ]


@pytest.mark.parametrize(
    "goal, fires",
    [("年度总体目标完成情况", False), ("合理布局,规范建设。达成以下目标:", False), ("持续改善我市空气质量", True)],
)
def test_a_goal_column_header_is_no_goal(catalog, goal, fires):
    doc = {"form_type": "项目支出", "goals": {"annual": goal}}
    assert bool(run(catalog, "vague-goal", doc, rule_params(catalog, "TXT005"))) is fires


@pytest.mark.parametrize(
    "goal, clause",
    [
        ("全年开放300天以上,接待观众20万人次,不断提升服务品质。", "不断提升服务品质"),
        ("完成增雨作业15次,作业能力得到极大提高", "作业能力得到极大提高"),
        ("全年开放300天以上,服务满意度提升至95%", None),  # the improvement has its figure
        ("全年开放300天以上,进一步提升至320天", None),
        ("全年开放300天以上,做好安全保卫工作", None),  # no promise of improvement
    ],
)
def test_a_goal_with_figures_and_a_promise_without_one(catalog, goal, clause):
    doc = {"form_type": "项目支出", "goals": {"annual": goal}}
    got = run(catalog, "vague-goal", doc, rule_params(catalog, "TXT005"))
    assert [(h.variant, h.args["text"]) for h in got] == ([("clause", clause)] if clause else [])


@pytest.mark.parametrize(
    "goal, variant",
    [
        ("按时发放岗位补贴,保障了援助对象的待遇,维护了社会稳定。", "done"),  # results reported as reached
        ("本项目改善了农村人居环境,提升了群众的获得感。", "done"),
        ("为了保障援助对象的待遇,维护社会稳定。", None),  # 为了 is no result
        ("保障了援助对象的待遇。", None),  # one such verb: a slip of wording, not a report
        ("完成了12个村的改厕,保障了群众如厕安全。", "no finding"),  # a figure: a target that can be checked
    ],
)
def test_a_goal_written_as_results_already_reached(catalog, goal, variant):
    doc = {"form_type": "项目支出", "goals": {"annual": goal}}
    got = [h.variant for h in run(catalog, "vague-goal", doc, rule_params(catalog, "TXT005"))]
    assert got == ([] if variant == "no finding" else [variant])


@pytest.mark.parametrize(
    "goal, clause",
    [
        # the next item's number after a space is no figure of this clause
        ("1.开展普法宣传,全面提升普法工作水平 2.组织培训班3期", "全面提升普法工作水平"),
        ("开展普法宣传,全面提升普法工作水平达到90分 2.组织培训班3期", None),
    ],
)
def test_a_list_number_is_no_figure_of_the_clause_before_it(catalog, goal, clause):
    doc = {"form_type": "项目支出", "goals": {"annual": goal}}
    got = run(catalog, "vague-goal", doc, rule_params(catalog, "TXT005"))
    assert [(h.variant, h.args["text"]) for h in got] == ([("clause", clause)] if clause else [])


@pytest.mark.parametrize(
    "goal, found",
    [
        # list items run on with their labels (目标2:): each item is a clause of its own
        (
            "目标1:年接待游客50万人次目标2:打造一批精品旅游线路目标3:旅游对餐饮业的带动作用显著",
            [("batch", "打造一批精品旅游线路"), ("clause", "旅游对餐饮业的带动作用显著")],
        ),
        ("全年开放300天,公布第一批非遗名录", []),  # 第一批 names which batch
        ("全年开放300天,带动作用明显提升至覆盖5个乡镇", []),  # the clause has its figure
    ],
)
def test_clauses_without_a_figure_in_a_goal_with_figures(catalog, goal, found):
    doc = {"form_type": "项目支出", "goals": {"annual": goal}}
    got = run(catalog, "vague-goal", doc, rule_params(catalog, "TXT005"))
    assert [(h.variant, h.args["text"]) for h in got] == found


@pytest.mark.parametrize(
    "goal, total, variant",
    [
        # the only figure is the project's own money: what goes in, not what it achieves
        ("安排资金600万元,保障园区正常运转,促进产业全面发展。", "600", "money"),
        ("安排资金6000000元,保障园区正常运转。", "600", "money"),  # the same money in 元
        ("安排资金600万元,完成园区道路改造3.2公里。", "600", None),  # an output figure too
        ("园区年产值不低于20亿元,保障园区正常运转。", "600", None),  # a revenue to reach is a target
        ("按每人每年600万元标准保障运转。", "600", None),  # a standard per head
        ("推进园区二期项目建设,保障运转。", "600", "terms"),  # 二期 names a phase, it counts nothing
        ("投入600万元,推进园区二期项目建设。", "600", "money"),
        ("带动园区企业增收600万元,保障运转。", "600", None),  # an effect, though it equals the money
    ],
)
def test_a_goal_whose_only_figure_is_its_own_money(catalog, goal, total, variant):
    doc = {
        "form_type": "项目支出",
        "money": {"total": {"key": "total", "label": "资金总额", "text": total, "amount": total}},
        "goals": {"annual": goal},
    }
    got = [h.variant or "plain" for h in run(catalog, "vague-goal", doc, rule_params(catalog, "TXT005"))]
    assert got == ([variant] if variant else [])


@pytest.mark.parametrize(
    "content, word",
    [
        ("重.要设备维修维保验收合格率", "重要"),
        ("重．要设备维修", "重要"),
        ("一.目标任务", None),  # list numbering
        ("完成率.合格率", None),  # two words, the mark between them
        ("设备维修2.5万元", None),
    ],
)
def test_a_full_stop_inside_a_word(catalog, content, word):
    doc = {"form_type": "项目支出", "indicators": [{"level1": "产出指标", "content": content, "value": "≥95%"}]}
    got = [h for h in run(catalog, "punctuation", doc, rule_params(catalog, "TXT003")) if h.variant == "inside_word"]
    assert [h.args["word"] for h in got] == ([word] if word else [])


def _funds(*lines):
    return {
        "form_type": "部门整体支出",
        "money": {"lines": [{"key": k, "label": label, "text": t} for k, label, t in lines]},
    }


def test_traditional_wan_is_wan(catalog):
    doc = _funds(("income.public", "資金", "23.8萬元"))
    doc["money"]["lines"][0]["amount"] = "23.8"
    assert run(catalog, "wan-yuan-confusion", doc) == []
    yuan = _funds(("income.public", "資金", "23.8元"))
    yuan["money"]["lines"][0]["amount"] = "23.8"
    assert [h.variant for h in run(catalog, "wan-yuan-confusion", yuan)] == ["yuan-in-wan"]


def test_an_amount_above_ten_yi_among_amounts_of_its_order(catalog):
    big = _funds(
        ("income.public", "财政拨款", "108292.73"),
        ("expenditure.basic", "基本支出", "93199.91"),
        ("expenditure.project", "项目支出", "29441.59"),
    )
    assert run(catalog, "wan-yuan-confusion", big) == []
    alone = _funds(("expenditure.basic", "基本支出", "7242318"), ("expenditure.project", "项目支出", "243.96"))
    (hit,) = run(catalog, "wan-yuan-confusion", alone)
    assert (hit.variant, hit.args["expected"]) == ("too-large", "724.2318")


def test_a_mirrors_pinyin_is_no_sentence(catalog):
    params = rule_params(catalog, "IND006")
    row = {"level1": "产出指标", "level2": "成本指标", "value": "3300元"}
    mirrored = {"form_type": "项目支出", "indicators": [{**row, "content": "享受?chē)?guó)家助學(xué)金平均每生每年"}]}
    assert run(catalog, "content-is-paragraph", mirrored, params) == []
    prose = {"form_type": "项目支出", "indicators": [{**row, "content": "按标准发放。及时足额。接受监督。"}]}
    assert len(run(catalog, "content-is-paragraph", prose, params)) == 1
