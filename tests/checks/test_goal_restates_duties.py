"""REL003: a goal that opens with a duty, the unit's functions or the spending itself and has
no figure anywhere (issue 14), on small made-up declarations."""

from __future__ import annotations

import pytest
from support.kinds import hits, project

from perflint.catalog import builtin_catalog


@pytest.fixture(scope="module")
def catalog():
    return builtin_catalog()


@pytest.mark.parametrize(
    "goal, variant",
    [
        ("认真贯彻落实省委关于乡村振兴的决策部署，扎实推进农村人居环境整治。", None),
        ("通过项目实施，深入学习贯彻上级普法精神，营造良好法治氛围。", None),  # after a lead-in
        ("紧紧围绕县委县政府中心工作，做好水利服务保障。", None),
        ("履行市场监管职责，维护公平竞争的市场秩序。", "functions"),
        ("保证档案馆职能正常发挥，保障日常运转。", "functions"),
        ("完成2024年度体育工作项目支出，推动全民健身活动开展。", "spending"),  # a year is no figure
        ("1.保障村级组织办公经费 2.改善村级组织办公条件", "spending"),
    ],
)
def test_goal_that_opens_with_a_duty_or_the_spending(catalog, goal, variant):
    assert hits(catalog, "goal-restates-duties", project(goals={"annual": goal})) == [("/goals/annual", variant)]


@pytest.mark.parametrize(
    "goal",
    [
        "贯彻落实乡村振兴决策部署，全年完成农村户厕改造1200户，改造合格率不低于95%。",  # a result
        "开展普法宣传活动，贯彻落实上级普法精神。",  # the duty is not what the goal opens with
        "保障经费及时足额拨付到位，确保工程按期完工。",  # not the spending stated as such
        "实施周期总目标(2022年--2024年)",  # a heading read where the goal was
        "",
    ],
)
def test_goal_with_a_result_or_no_duty_first(catalog, goal):
    assert hits(catalog, "goal-restates-duties", project(goals={"long_term": goal})) == []


def test_goal_that_copies_the_functions_is_left_to_con008(catalog):
    text = "履行全县林业资源保护管理职责，保障人员经费。"
    doc = project(goals={"overall": text}, functions=text)
    assert hits(catalog, "goal-restates-duties", doc) == []
    assert hits(catalog, "goal-restates-duties", project(goals={"overall": text})) == [("/goals/overall", "functions")]
