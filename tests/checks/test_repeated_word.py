"""TXT007: a word written twice in a row (issue 14), on small made-up declarations in
wordings and fields that differ from the real forms the rule was built from."""

from __future__ import annotations

import pytest
from support.kinds import project

from perflint.catalog import builtin_catalog
from perflint.checks.base import Context
from perflint.checks.repeats import repeated_words
from perflint.domain.model import Declaration


@pytest.fixture(scope="module")
def catalog():
    return builtin_catalog()


def found(catalog, doc):
    """(pointer, word) of each TXT007 hit, with the rule's own parameters."""
    rule = catalog.get("TXT007")
    decl = Declaration.from_dict(doc)
    ctx = Context(settings=dict(catalog.settings), bundle=[decl], index=0, profile="hunan-2019")
    return [(h.pointer, h.args["word"]) for h in catalog.kinds["repeated-word"].check(decl, rule.params, ctx)]


@pytest.mark.parametrize(
    "text, word",
    [
        ("示例市公共资源交易交易中心", "交易"),  # a unit name
        ("为全镇低保户低保户发放临时救助", "低保户"),  # a word of three characters
        ("完成老旧小区改造改造项目12个", "改造"),
        ("改善农村人居环境环境质量", "环境"),  # the first copy ends a longer word (人居环境|环境)
        ("確保殘疾人殘疾人就業", "殘疾人"),  # traditional characters
    ],
)
def test_a_word_typed_twice_inside_a_phrase(text, word):
    assert [w for _, _, w in repeated_words(text, set(), set())] == [word]


@pytest.mark.parametrize(
    "text",
    [
        "组织专家研究研究生招生办法",  # 研究|研究生: words meeting
        "以人民人民币计价",  # 人民|人民币
        "加强学习学习型机关建设",  # allowed below as a reduplicated verb
        "培训人次培训人次",  # the whole value written twice: two cells read together
        "养护道路养护道路 ≥20公里",  # at the edge of the text: a cell, then the next
        "设立专项资金专项资金使用情况",  # no: the first copy closes 专项资金, the second opens a word
    ],
)
def test_words_meeting_reduplication_and_cells_read_together(text):
    assert repeated_words(text, {"学习学习"}, {"专项资金使用情况"}) == []


def test_a_value_meeting_the_next_label_is_no_slip():
    # a row of a flattened table: the value 延续项目 meets the label 项目分类
    assert repeated_words("属性延续项目项目分类经常性", set(), {"项目分类"}) == []
    # the label vocabulary of the reader: 三级指标 then 指标内容
    assert repeated_words("二级指标三级指标指标内容指标值", set(), set()) == []


def test_the_rule_reports_each_repeat_once_per_declaration(catalog):
    doc = project(
        name="示例县农村道路养护",
        implementing_unit="示例县道路运输运输服务中心",
        goals={"annual": "完成农村道路养护养护工程120公里", "long_term": "三年完成农村道路养护养护工程360公里"},
    )
    assert found(catalog, doc) == [("/implementing_unit", "运输"), ("/goals/annual", "养护")]


def test_unplaced_prose_is_searched(catalog):
    doc = project(name="示例项目", unrecognized=["推动解决困难家庭困难家庭子女就学问题"])
    assert found(catalog, doc) == [("/unrecognized/0", "困难家庭")]


def test_the_rules_allowlist_keeps_reduplicated_verbs(catalog):
    doc = project(name="示例项目", goals={"annual": "召开专题会议研究研究具体措施，全年培训200人次"})
    assert found(catalog, doc) == []
