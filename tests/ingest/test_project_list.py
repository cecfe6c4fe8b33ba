"""A list of projects, one project a row, with 产出 / 效益 / 满意度 as columns, is no form.

Read as one form, its cells became indicator rows (serial numbers and units as names, a
project's name as a value) and its header's 项目名称 / 绩效目标 the form's fields, blank or
holding a column heading: findings no reviewer could stand behind (rj13, a town's project
table, gave 66).  The header row that names 项目名称 among four column headings or more, with
two 一级 categories or more as columns, marks the table a project list: no row is judged, the
fields beside it are not claimed blank or vague, and the reading notes say "project-list".
That holds for a list whose rows do not fit its header. When they fit the columns the header
gives (the headings a second header row divides replaced by their parts), each row is a
declaration of its own: the name, the amount and the unit from their columns, the cells under
the categories its indicators (a cell listing several targets split at its commas when every
piece is a name and a value); its note "project-list" says a list has no department, goal or
schedule to be found missing.
The forms below are made up, in wordings and layouts other than rj13's."""

from __future__ import annotations

import pytest
from support.extraction import assert_nothing_lost, assert_spans_match

from perflint.catalog import builtin_catalog
from perflint.engine.config import Config
from perflint.engine.core import Engine
from perflint.ingest import declarations_from_text
from perflint.ingest.files import load_bytes

#: one header row (pipes), an 编号 column and the categories after the goal
PIPE_LIST = """某县2025年农村供水项目绩效目标一览表 | ||||||
编号 | 项目名称 | 实施单位 | 补助资金(万元) | 绩效目标 | 产出指标 | 效益指标 | 满意度指标 |
1 | 北山村供水管网改造 | 县水务局 | 45 | 改造管网 | 铺设管道3.2公里 | 解决饮水困难人口≥800人 | 受益群众满意度≥95% |
2 | 河口村蓄水池新建 | 河口镇人民政府 | 30 | 新建蓄水池 | 新建蓄水池2座 | 保障灌溉面积≥300亩 | 受益群众满意度≥95% |
3 | 石岭村水源保护 | 县水务局 | 12 | 保护水源 | 设置防护网1.5公里 | 水质达标率100% | 受益群众满意度≥90% |
"""

#: tab-separated, the categories on a second header row under 绩效目标
#: (two targets in one cell of the third project)
TAB_LIST = (
    "2024年度乡村振兴衔接资金项目表\n"
    "项目名称\t实施地点\t资金规模（万元）\t绩效目标\t\t\n"
    "\t\t\t产出指标\t效益指标\t满意度指标\n"
    "东坪村道路硬化\t东坪村\t55\t硬化道路1.8公里\t通行农户≥120户\t群众满意度≥90%\n"
    "西坪村灌溉渠修复\t西坪村\t38\t修复渠道2.4公里\t灌溉面积≥500亩\t群众满意度≥90%\n"
    "南坪村水毁修复\t南坪村\t26\t修复堤岸0.6公里\t保护农田≥150亩；带动就业≥8人\t群众满意度≥90%\n"
)

#: a list whose rows do not fit its header (a serial column the header does not name)
UNFIT_LIST = """2025年项目绩效目标汇总 | |||||
项目名称 | 实施单位 | 资金(万元) | 产出指标 | 效益指标 |
1 | 甲村水渠 | 甲镇 | 20 | 修渠1公里 | 灌溉≥200亩 |
2 | 乙村道路 | 乙镇 | 35 | 修路2公里 | 通行≥300户 |
"""

#: an ordinary form: 项目名称 with its value beside it, the categories down the first column
FORM = (
    "项目支出绩效目标表\n（2024年度）\n项目名称\t村道养护\t主管部门\t某镇交通办\n"
    "资金总额（万元）\t20\n年度绩效目标\t养护村道10公里\n"
    "一级指标\t二级指标\t三级指标\t指标值\n"
    "产出指标\t数量指标\t养护里程\t≥10公里\n"
    "效益指标\t社会效益指标\t通行条件\t明显改善\n"
    "满意度指标\t服务对象满意度指标\t群众满意度\t≥90%\n"
)


@pytest.fixture(scope="module")
def engine() -> Engine:
    return Engine(builtin_catalog(), Config(today="2025-03-01"))


def _declarations(engine: Engine, text: str):
    fr = load_bytes(text.encode("utf-8"), "form.txt")
    [rep] = engine.file_reports(fr, "form.txt")
    return rep.declarations


def _read(text: str):
    decls = declarations_from_text(text, "x.txt", "utf-8", "pipe" if " | " in text else "tabbed")
    assert_spans_match(text, decls)
    assert_nothing_lost(text, decls)
    return decls


def test_each_project_of_a_list_is_a_declaration():
    decls = _read(PIPE_LIST)
    assert [d.name for d in decls] == ["北山村供水管网改造", "河口村蓄水池新建", "石岭村水源保护"]
    assert [d.money.total.amount for d in decls if d.money.total] == [45, 30, 12]
    assert [d.implementing_unit for d in decls] == ["县水务局", "河口镇人民政府", "县水务局"]
    rows = [(i.level1, i.content, i.value) for i in decls[1].indicators]
    assert rows == [
        ("产出指标", "新建蓄水池", "2座"),
        ("效益指标", "保障灌溉面积", "≥300亩"),
        ("满意度指标", "受益群众满意度", "≥95%"),
    ]
    assert not any(d.goals for d in decls)  # 绩效目标 over the columns is no goal


def test_a_second_header_row_divides_the_heading_above_and_a_cell_of_targets_is_split():
    decls = _read(TAB_LIST)
    assert [d.name for d in decls] == ["东坪村道路硬化", "西坪村灌溉渠修复", "南坪村水毁修复"]
    rows = [(i.level1, i.content, i.value) for i in decls[2].indicators]
    assert rows == [
        ("产出指标", "修复堤岸", "0.6公里"),
        ("效益指标", "保护农田", "≥150亩"),
        ("效益指标", "带动就业", "≥8人"),
        ("满意度指标", "群众满意度", "≥90%"),
    ]


@pytest.mark.parametrize("text", [PIPE_LIST, TAB_LIST], ids=["pipe", "tabs"])
def test_a_project_read_from_a_list_is_judged_on_its_row_only(engine, text):
    decls = _declarations(engine, text)
    assert len(decls) >= 2
    for d in decls:
        assert d.reading is not None
        assert d.reading["notes"]["identity"] == "project-list"
        assert d.reading["unreliable_rows"] == []
        codes = {f.code for f in d.findings}
        # nothing claimed missing that a list has no place for (department, goal, preparer …)
        assert not {c for c in codes if c.startswith("REQ")}, codes


@pytest.mark.parametrize("text", [UNFIT_LIST], ids=["unfit"])
def test_a_project_list_is_noted_and_not_judged_as_one_form(engine, text):
    decls = _declarations(engine, text)
    assert decls
    for d in decls:
        assert d.reading is not None
        assert "project-list" in d.reading["notes"].values()
        assert d.reading["unreliable_rows"] == list(range(d.reading["indicator_rows"]))
        assert not d.grade
        codes = {f.code for f in d.findings}
        # no claim about the list's cells as indicator rows, nor about the header's fields
        assert codes <= {"SRC001", "SRC002", "DOC001"}, codes


def test_an_ordinary_form_is_no_project_list(engine):
    [d] = _declarations(engine, FORM)
    assert d.reading is not None
    assert "project-list" not in d.reading["notes"].values()
    assert d.reading["unreliable_rows"] == []
    assert d.reading["indicator_rows"] == 3


@pytest.mark.parametrize("text", [PIPE_LIST, TAB_LIST, UNFIT_LIST], ids=["pipe", "tabs", "unfit"])
def test_the_note_on_a_project_list_says_it_is_a_list(engine, text):
    # SRC002 on a list says what the text is (a list of projects), not that its layout could
    # not be split or that it has no form header
    notes = [f for d in _declarations(engine, text) for f in d.findings if f.code == "SRC002"]
    assert notes
    for f in notes:
        assert "项目清单" in f.message["zh"] and "list of projects" in f.message["en"]
        assert "无法可靠地分出栏目" not in f.message["zh"] and "没有表头" not in f.message["zh"]


def test_an_ordinary_form_cut_short_keeps_its_note(engine):
    # an ordinary form with no form header keeps the no-title wording
    text = FORM.split("\n", 2)[2]
    notes = [f for d in _declarations(engine, text) for f in d.findings if f.code == "SRC002"]
    assert notes
    assert all("项目清单" not in f.message["zh"] for f in notes)
