"""TXT004 entries that carry their context (issue 14): 进一点 is a slip before a verb of
improvement and right elsewhere; a dropped character in a fixed term; 毎 for 每."""

from __future__ import annotations

import pytest
from support.kinds import project

from perflint.catalog import builtin_catalog
from perflint.checks.base import Context
from perflint.domain.model import Declaration


@pytest.fixture(scope="module")
def catalog():
    return builtin_catalog()


def typos(catalog, goal):
    rule = catalog.get("TXT004")
    decl = Declaration.from_dict(project(name="示例项目", goals={"annual": goal}))
    ctx = Context(settings=dict(catalog.settings), bundle=[decl], index=0, profile="hunan-2019")
    return [(h.args["wrong"], h.args["right"]) for h in catalog.kinds["typo-dictionary"].check(decl, rule.params, ctx)]


@pytest.mark.parametrize(
    "goal, pair",
    [
        ("全年培训农民300人次，病虫害统防统治覆盖率进一点提升至60%", ("进一点提升", "进一步提升")),
        ("进一点健全村级财务管理制度，完成审计12个村", ("进一点健全", "进一步健全")),
        ("完成松材线虫等有害生防治面积2万亩", ("有害生防治", "有害生物防治")),
        ("每户毎月补助200元", ("毎", "每")),
        ("服务对象瞒意度达到90%以上", ("瞒意", "满意")),
        ("按时完成项目申抱材料3份", ("申抱", "申报")),
        ("补助资金于6月底前拔付到户", ("拔付", "拨付")),
        ("统筹按排村级公益岗位30个", ("按排", "安排")),
    ],
)
def test_slips_in_context_are_found(catalog, goal, pair):
    assert typos(catalog, goal) == [pair]


@pytest.mark.parametrize(
    "goal",
    [
        "离目标更进一点，全年新增就业岗位200个",  # 进一点 with no verb of improvement after it
        "进一步提升病虫害统防统治覆盖率至60%",
        "举办室内培训班4期",  # 办室 inside 举办|室内
        "完成有害生物防治面积2万亩",
        "按排序先后安排资金，按排名奖补前10名",  # 按|排序, 按|排名
    ],
)
def test_right_words_are_not_flagged(catalog, goal):
    assert typos(catalog, goal) == []
