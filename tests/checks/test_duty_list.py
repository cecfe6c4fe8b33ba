"""REL004: a goal or the project overview written as the unit's list of duties (issue 14), on
small made-up declarations in wordings that differ from the real forms."""

from __future__ import annotations

import pytest
from support.kinds import project

from perflint.catalog import builtin_catalog
from perflint.checks.base import Context
from perflint.checks.duty_list import duty_clauses
from perflint.domain.model import Declaration


@pytest.fixture(scope="module")
def catalog():
    return builtin_catalog()


def found(catalog, doc):
    rule = catalog.get("REL004")
    decl = Declaration.from_dict(doc)
    ctx = Context(settings=dict(catalog.settings), bundle=[decl], index=0, profile="hunan-2019")
    return [(h.pointer, h.args["count"]) for h in catalog.kinds["duty-list"].check(decl, rule.params, ctx)]


VERBS = ["负责", "承担", "拟订", "贯彻执行", "组织实施", "综合管理"]


def test_clauses_are_counted_after_marks_and_list_numbers():
    text = "1、负责全镇水利设施管护；2.承担防汛抗旱日常工作 (3)组织实施小型水利工程建设，综合管理河道采砂"
    assert [v for _, v in duty_clauses(text, VERBS)] == ["负责", "承担", "组织实施", "综合管理"]


def test_a_responsibility_inside_a_clause_is_no_duty_clause():
    assert duty_clauses("由镇水利站负责施工监管，村委会承担日常管护", VERBS) == []


@pytest.mark.parametrize(
    "fields",
    [
        {"fields": [{"key": "overview", "text": "负责全县档案的收集整理；承担档案数字化工作；组织实施档案安全检查。"}]},
        {"fields": [{"key": "necessity", "text": "拟订全县旅游发展规划，综合管理旅游市场，负责旅游安全监管。"}]},
        # a goal of duties with a figure in it
        {"goals": {"long_term": "承担全县动物防疫工作，组织实施强制免疫，负责检疫监督，年经费50万元。"}},
    ],
)
def test_a_text_of_three_duties_is_reported(catalog, fields):
    hits = found(catalog, project(name="示例项目", **fields))
    assert len(hits) == 1 and hits[0][1] == 3


@pytest.mark.parametrize(
    "fields",
    [
        # two duties only
        {"fields": [{"key": "overview", "text": "负责全县档案收集，承担档案数字化，2024年完成扫描10万页。"}]},
        # the functions summary is where duties belong
        {"functions": "负责全县档案收集；承担档案数字化；组织实施档案安全检查。"},
        # a goal without figures that opens with 贯彻…: REL003's
        {"goals": {"annual": "贯彻执行上级部署，负责全县普法宣传，承担法律援助工作。"}},
        # tasks with quantities
        {"goals": {"annual": "完成档案数字化扫描10万页，组织安全检查4次，培训档案员60人次。"}},
    ],
)
def test_duties_where_they_belong_or_too_few_are_not_reported(catalog, fields):
    assert found(catalog, project(name="示例项目", **fields)) == []


def test_a_whole_department_form_is_checked_in_its_goals_only(catalog):
    text = "负责全区发展规划；综合管理政府投资项目；组织实施国民经济动员。"
    doc = {
        "form_type": "部门整体支出",
        "department": "示例区发展和改革局",
        "fields": [{"key": "overview", "text": text}],
    }
    assert found(catalog, doc) == []
    doc["goals"] = {"overall": text + "全年审批项目120个。"}
    assert found(catalog, doc) == [("/goals/overall", 3)]
