"""Claim nothing about what does not have the shape the claim needs (issue 11).

Each test renders, in a small made-up form, a situation seen on real forms perflint had
never seen (a goal header row, a table of contents, the next table's header or the next
category heading read as a row, cells run together, a stray label in a page's prose) and
checks that no finding rests on it, while the same form read well still gets its findings.
"""

from __future__ import annotations

import pytest

from perflint.catalog import builtin_catalog
from perflint.checks.analysis.shape import (
    doubtful_rows,
    in_header_row,
    is_goal_heading,
    is_heading_list,
    name_absence_read,
    no_form_evidence,
    shifted_table,
    value_absence_read,
)
from perflint.checks.base import Context
from perflint.domain.model import Declaration, FormType, Indicator, Reading
from perflint.domain.result import FileReport
from perflint.engine.config import Config
from perflint.engine.core import Engine
from perflint.ingest import declarations_from_text
from perflint.ingest.files import load_bytes


@pytest.fixture(scope="module")
def engine() -> Engine:
    return Engine(builtin_catalog(), Config(today="2022-06-01"))


def report(engine: Engine, text: str) -> FileReport:
    fr = load_bytes(text.encode("utf-8"), "form.txt")
    [rep] = engine.file_reports(fr, "form.txt")
    return rep


def codes(rep: FileReport) -> list[str]:
    return sorted(f.code for f in rep.iter_findings())


TOP = """| 项目支出绩效目标表 | | | | |
| (2022年度) | | | | |
| 项目名称 | 城区公厕提质改造 | | | |
| 主管部门 | 青溪区城市管理局 | | | |
| 项目资金 (万元) | 年度资金总额: | 85.00 | | |
"""
TABLE = """| 一级指标 | 二级指标 | 三级指标 | 指标值 | |
| 产出指标 | 数量指标 | 改造公厕座数 | ≥12座 | |
| 质量指标 | 改造工程验收合格率 | 100% | | |
| 满意度指标 | 服务对象满意度指标 | 周边居民满意度 | ≥85% | |
| 填报人 | 李某 | 填报日期 | 2022年1月5日 | |
"""


# -- goals ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "实施周期总目标(2022年--2024年)",
        "中期滚动目标（2019年--2021年）",
        "年度总体目标完成情况",
        "部门整体绩效目标",
        "二、年度绩效目标",
    ],
)
def test_a_goal_heading_is_no_goal(text):
    assert is_goal_heading(text)


@pytest.mark.parametrize(
    "text",
    ["目标", "完成城区12座公厕改造目标", "通过项目实施实现年度目标", "创新政府服务模式，提高行政效能。"],
)
def test_a_goal_that_names_its_target_is_a_goal(text):
    assert not is_goal_heading(text) and not is_heading_list(text)


def test_a_table_of_contents_is_no_goal():
    assert is_heading_list("一、总体绩效目标1二、分项绩效目标2三、工作保障")
    assert not is_heading_list("一、完成公厕改造12座二、群众满意度达到85%")


def test_a_header_row_over_the_goals_claims_no_goal_blank_or_vague(engine):
    """The goal columns' header row (总体目标 | 实施周期总目标(…) | 年度目标) with the goals in the
    row below: the heading is not a vague goal and the annual goal is not blank."""
    goals = (
        "| 总体目标 | 实施周期总目标(2022年--2024年) | 年度目标 | | |\n"
        "| 三年内完成城区36座公厕提质改造。 | 2022年完成城区12座公厕提质改造。 | | | |\n"
    )
    found = codes(report(engine, TOP + goals + TABLE))
    assert "REQ010" not in found and "TXT005" not in found
    # the same form with its goals read in their cells: a vague goal is still reported
    vague = "| 年度目标 | 进一步改善城区环境卫生。 | | | |\n"
    assert "TXT005" in codes(report(engine, TOP + vague + TABLE))


def test_a_table_of_contents_read_as_a_goal_is_not_judged(engine):
    toc = "| 部门整体绩效目标 | 一、总体绩效目标1二、分项绩效目标2三、工作保障 | | | |\n"
    assert "TXT005" not in codes(report(engine, TOP + toc + TABLE))


# -- indicator rows -------------------------------------------------------------------------


def _decl(rows: list[Indicator], indicators: str = "read", columns: list[str] | None = None) -> Declaration:
    return Declaration(
        form_type=FormType.PROJECT,
        year=2022,
        name="城区公厕提质改造",
        department="青溪区城市管理局",
        goals={"annual": "2022年完成城区12座公厕提质改造。"},
        indicators=rows,
        reading=Reading(
            sections={"indicators": indicators},
            indicator_rows=len(rows),
            indicator_columns=columns or ["level1", "level2", "level3", "content", "value"],
        ),
    )


GOOD = [
    Indicator("产出指标", "数量指标", "改造公厕座数", "改造公厕座数", "≥12座"),
    Indicator("产出指标", "质量指标", "验收合格率", "验收合格率", "100%"),
    Indicator("产出指标", "时效指标", "完工及时率", "完工及时率", "100%"),
    Indicator("满意度指标", "服务对象满意度指标", "周边居民满意度", "周边居民满意度", "≥85%"),
]


def _row_findings(engine: Engine, decl: Declaration, row: int) -> list[str]:
    result = engine.run_declarations([decl])
    return [f.code for f in result.findings if f.pointer.startswith(f"/indicators/{row}/")]


@pytest.mark.parametrize(
    "row",
    [
        # the next 一级 heading, with its score band, read as a row of the category above
        Indicator("成本指标", "生态环境成本指标", "产出指标 (40-50)分", "产出指标 (40-50)分", ""),
        # a 二级 heading read as the name of a row whose own category was not read
        Indicator("产出指标", None, None, "质量指标", "时效指标"),
        # the next table's header (unit code and name, 单位：万元) read as a satisfaction row
        Indicator(
            "满意度指标",
            "服务对象满意度指标",
            "207101某区人民法院",
            "207101某区人民法院",
            "",
            extra={"绩效指标描述": "单位:万元"},
        ),
        # graded columns (优/良/中) run into the name, the last one taken for the value
        Indicator(
            "产出指标",
            "质量指标",
            None,
            "按临时救助标准评价农村低保资金按标准发放的比率救助标准与经济社会发展水平相适应,救助资金按标准发放的比率90%80%70%",
            "70%",
        ),
        # the name states the target, the value cell holds another figure (a weight)
        Indicator("产出指标", "数量指标", None, "全年实现会展业综合收入≥280亿元", "30%"),
        # a column header of a matrix (扶持村数) read as the value
        Indicator("产出指标", "质量指标", None, "资金投向合规率", "扶持村数"),
        # the name starts with the tail of the cell before it (截至2026年12月 | 底,项目开展率)
        Indicator("产出指标", "时效指标", None, "底,项目开展率(%)", "100%"),
        # a category label split over two lines (服务对象 / 满意度指标): its first half read as a row
        Indicator("满意度指标", None, None, "服务对象", ""),
        # … and its second half (社会效益 / 指标)
        Indicator("效益指标", "社会效益", None, "指标", ""),
        # the next project's title on the same page read as a row
        Indicator("满意度指标", "服务对象满意度指标", None, "城区道路保洁项目绩效目标", "(一)中长期绩效目标"),
    ],
)
def test_a_row_that_is_not_an_indicator_row_is_not_judged(engine, row):
    decl = _decl([*GOOD, row])
    assert doubtful_rows(decl) == {len(GOOD)}
    assert _row_findings(engine, decl, len(GOOD)) == []
    # the same row read as its own indicator would have been judged
    assert doubtful_rows(_decl([*GOOD])) == set()


def test_a_row_without_its_value_cell_is_judged_only_in_a_table_read_whole(engine):
    """No value cell found for a row: in a table not read in full its value stands elsewhere
    (a flattened matrix); in a table read whole the row states no value, and that is said."""
    row = Indicator("产出指标", "质量指标", None, "已建工程是否存在质量问题是/否否否", None)
    partial = _decl([*GOOD, row], indicators="partial")
    assert len(GOOD) in doubtful_rows(partial)
    assert _row_findings(engine, partial, len(GOOD)) == []
    # a template without a value column states the target in the name: its rows are judged
    named = _decl(
        [Indicator("产出指标", "数量指标", None, "完成公厕改造12座", None)], "partial", ["level1", "level2", "content"]
    )
    assert doubtful_rows(named) == set()
    whole = _decl([*GOOD, Indicator("效益指标", "生态效益指标", None, "生态修复功能提高", None)])
    # a name holding a threshold of what is counted, with the value stating the target, is a row
    assert doubtful_rows(_decl([*GOOD, Indicator("产出指标", "时效指标", None, "办理时间≤3天的比例", "≥90%")])) == set()
    assert doubtful_rows(whole) == set()
    assert _row_findings(engine, whole, len(GOOD))


def test_a_declaration_is_judged_as_given_when_it_comes_as_json(engine):
    decl = _decl([*GOOD, Indicator("产出指标", "数量指标", None, "收入≥280亿元", "30%")])
    decl.reading = None
    assert doubtful_rows(decl) == set() and not no_form_evidence(decl)


# -- the form -------------------------------------------------------------------------------


def test_a_stray_label_in_a_page_title_makes_no_declaration_to_judge(engine):
    """A web page's heading "…2021年度绩效目标公开" read as a declaration whose annual goal is
    公开: nothing of a form was read, so no defect is claimed about it."""
    page = "某县生态环境局2021年度绩效目标公开\n2021-09-27 10:10 信息来源:某县财政局\n"
    rep = report(engine, page)
    assert not [f for f in rep.iter_findings() if not f.note]
    stray = Declaration(goals={"annual": "公开"}, reading=Reading(sections={"goals": "partial"}))
    assert no_form_evidence(stray)
    assert not no_form_evidence(_decl([*GOOD]))


def test_a_notice_whose_form_was_not_read_gets_no_defect_from_its_prose(engine):
    """A notice's sentence "确保年度绩效目标如期实现，财政资金发挥预期效益" read as a goal: with no
    indicator row read, nothing of the notice's form was read and its prose is not judged."""

    def notice(kind: str, rows: list[Indicator]) -> Declaration:
        return Declaration(
            form_type=FormType.PROJECT,
            name="2023年某专项资金",
            goals={"annual": "如期实现,财政资金发挥预期效益。"},
            indicators=rows,
            document_kind=kind,
            reading=Reading(sections={"goals": "partial", "indicators": "unread"}),
        )

    def vague(decl: Declaration) -> list[str]:
        return [f.code for f in engine.run_declarations([decl]).findings if f.code == "TXT005"]

    assert vague(notice("notice", [])) == []
    # what the notice states outright (its name, its year) is still judged
    assert any(f.pointer == "/name" for f in engine.run_declarations([_named_notice()]).findings)
    # the same goal on a declaration, or on a notice whose table was read, is judged
    assert vague(notice("declaration", [])) == ["TXT005"]
    assert vague(notice("notice", [*GOOD])) == ["TXT005"]


def _named_notice() -> Declaration:
    return Declaration(
        form_type=FormType.PROJECT,
        year=2023,
        name="2022年度某专项资金",
        document_kind="notice",
        reading=Reading(sections={"indicators": "unread"}),
    )


def test_a_duplicate_needs_both_rows_read_with_confidence(engine):
    """Row 1 repeats the name of row 0, but row 0's cells were misread (its value cell holds a
    weight): "duplicates row 1" would rest on a row perflint could not read."""
    misread = Indicator("产出指标", "数量指标", None, "全年实现会展业综合收入≥280亿元", "30%")
    again = Indicator("产出指标", "数量指标", None, "全年实现会展业综合收入≥280亿元", "≥280亿元")

    def duplicates(first: Indicator) -> list[str]:
        result = engine.run_declarations([_decl([*GOOD, first, again])])
        return [f.code for f in result.findings if f.code == "IND008"]

    assert duplicates(misread) == []
    assert duplicates(Indicator("产出指标", "数量指标", None, "全年实现会展业综合收入≥280亿元", "≥280亿元")) == [
        "IND008"
    ]


# -- a table read whole, or not ---------------------------------------------------------------


def _findings(engine: Engine, decl: Declaration) -> list[tuple[str, str]]:
    """The defects claimed about the indicator table and its rows."""
    return [
        (f.code, f.pointer)
        for f in engine.run_declarations([decl]).findings
        if not f.note and f.pointer.startswith("/indicators")
    ]


#: rows one cell short of the header, slid one column left: the target stands in the category
#: column, the description in the name column, or a yes/no where the name belongs and the
#: description where the value belongs
SHIFTED = [
    Indicator(None, "数量指标", None, "改造公厕座数", "≥12座", extra={"指标类型": "产出指标"}),
    Indicator(None, "质量指标", None, "改造后全部通过验收", "", extra={"指标类型": "100%"}),
    Indicator(None, "时效指标", None, "全年", "", extra={"指标类型": "全年"}),
    Indicator(None, "社会效益指标", None, "是", "改善城区如厕环境,方便市民出行", extra={"指标类型": "效益指标"}),
    Indicator(None, "服务对象满意度指标", None, "周边居民满意度", "≥85%", extra={"指标类型": "满意度指标"}),
]
SHIFTED_COLUMNS = ["level2", "content", "value", "指标类型", "指标描述"]


def test_a_table_whose_rows_slid_under_the_wrong_header_claims_nothing(engine):
    """Two or more rows whose cells do not stand under their header (a target in a name or
    category column, nothing or prose in the value column): which cell is which is known for
    no row, so no row is judged and nothing is claimed missing from the table."""
    decl = _decl(SHIFTED, columns=SHIFTED_COLUMNS)
    assert shifted_table(decl)
    assert doubtful_rows(decl) == set(range(len(SHIFTED)))
    assert _findings(engine, decl) == []
    # the same rows read in place are judged: a blank value is said, a missing cost row too
    in_place = [
        Indicator("产出指标", "数量指标", None, "改造公厕座数", "≥12座"),
        Indicator("产出指标", "质量指标", None, "改造后全部通过验收", ""),
        Indicator("效益指标", "社会效益指标", None, "改善城区如厕环境", "方便市民出行"),
        Indicator("满意度指标", "服务对象满意度指标", None, "周边居民满意度", "≥85%"),
    ]
    placed = _decl(in_place)
    assert not shifted_table(placed) and doubtful_rows(placed) == set()
    found = {code for code, _ in _findings(engine, placed)}
    assert {"VAL001", "COST001"} <= found


def test_one_odd_row_or_a_spilled_figure_does_not_make_a_table_shifted():
    """One row with a figure for a name (a cost row written 20万元 | 100%) or a weight spilled
    onto a line of its own (a lone ``10``, set aside by the reader) is not a shifted table."""
    odd = Indicator("产出指标", "成本指标", None, "20万元", "100%")
    spilled = [
        Indicator("效益指标", "社会效益指标", "10", "10", "", inherited=["level1", "level2"]),
        Indicator("满意度指标", "服务对象满意度指标", "5", "5", "", inherited=["level1", "level2"]),
    ]
    assert not shifted_table(_decl([*GOOD, odd]))
    assert not shifted_table(_decl([*GOOD, *spilled]))
    # one row slid left is doubtful on its own account, the rest of the table is judged
    assert not shifted_table(_decl([*GOOD, SHIFTED[1]]))


def test_rows_after_a_heading_that_ends_the_table_are_not_judged(engine):
    """Two projects on one page: the second project's title and goal read on as satisfaction
    rows of the first.  The title ends the table; nothing after it is this table's row."""
    title = Indicator("满意度指标", "服务对象满意度指标", None, "城区道路保洁经费项目绩效目标", "(一)中长期绩效目标")
    goal = Indicator("满意度指标", "服务对象满意度指标", None, "完善城区道路保洁制度,提高保洁覆盖率和群众获得感", "")
    decl = _decl([*GOOD, title, goal])
    assert doubtful_rows(decl) == {len(GOOD), len(GOOD) + 1}
    assert [p for _, p in _findings(engine, decl) if p.startswith("/indicators/")] == []
    # a row whose name merely mentions a goal is a row
    named = Indicator("满意度指标", "服务对象满意度指标", None, "绩效目标知晓率", "≥90%")
    assert doubtful_rows(_decl([*GOOD, named])) == set()


@pytest.mark.parametrize(
    ("state", "note", "columns", "claimed"),
    [
        ("read", None, None, True),  # read in full under a header with a value column
        ("partial", "truncated", None, True),  # the text stops after the row: the rows before are whole
        ("partial", "layout", None, False),  # the layout hid where cells end: the value may be elsewhere
        ("read", None, ["level1", "level2", "content", "指标说明"], False),  # no value column recognised
    ],
)
def test_a_missing_value_is_claimed_only_on_the_strongest_evidence(engine, state, note, columns, claimed):
    """VAL001 is an error that claims an absence: it needs the table read in full, a value
    column in the header and the row's cells in place."""
    blank = Indicator("效益指标", "社会效益指标", None, "改善城区如厕环境", "")
    decl = _decl([*GOOD, blank], indicators=state, columns=columns)
    if note:
        decl.reading.notes["indicators"] = note
    assert value_absence_read(decl, len(GOOD)) is claimed
    codes = [code for code, pointer in _findings(engine, decl) if pointer == f"/indicators/{len(GOOD)}/value"]
    assert ("VAL001" in codes) is claimed
    # a row slid left (its target in another column) is not claimed to have no value
    slid = Indicator("效益指标", "社会效益指标", None, "改善城区如厕环境", "", extra={"指标类型": "100%"})
    assert not value_absence_read(_decl([*GOOD, slid]), len(GOOD))


@pytest.mark.parametrize(("state", "note", "claimed"), [("read", None, True), ("partial", "layout", False)])
def test_a_missing_name_is_claimed_only_on_the_strongest_evidence(engine, state, note, claimed):
    """IND004 (an error: a value with no name) needs the same evidence: in a table whose cell
    ends were not found, the name may have gone to the row above or to another column."""
    nameless = Indicator("产出指标", "质量指标", None, "", "100%")
    decl = _decl([*GOOD, nameless], indicators=state)
    if note:
        decl.reading.notes["indicators"] = note
    assert name_absence_read(decl, len(GOOD)) is claimed
    codes = [code for code, _ in _findings(engine, decl)]
    assert ("IND004" in codes) is claimed
    # no name column recognised in the header: nothing is known to be missing from it
    unnamed = _decl([*GOOD, nameless], columns=["level1", "level2", "value"])
    assert not name_absence_read(unnamed, len(GOOD))


def test_a_row_with_text_under_a_heading_not_understood_is_not_claimed_nameless(engine):
    """A row with a value and no name, its text in a column the reader did not understand: that
    cell may be the name (an unknown heading for it, or cells slid under the wrong headings where
    merged cells were left out). Neither a missing name (IND004) nor a rate with no time element
    whose name would say it is timely (IND009) is claimed; a unit column's text is no name."""
    unclear = Indicator("产出指标", "时效指标", None, "", "≥98%", extra={"考核事项": "补贴按月到账率"})
    decl = _decl([*GOOD, unclear])
    assert not name_absence_read(decl, len(GOOD))
    assert [c for c, p in _findings(engine, decl) if p.startswith(f"/indicators/{len(GOOD)}/")] == []
    unit_only = Indicator("产出指标", "时效指标", None, "", "≥98%", extra={"计量单位": "%"})
    decl = _decl([*GOOD, unit_only])
    assert name_absence_read(decl, len(GOOD))
    found = [c for c, p in _findings(engine, decl) if p.startswith(f"/indicators/{len(GOOD)}/")]
    assert "IND004" in found and "IND009" in found


def test_sentences_run_on_after_the_table_are_not_its_last_category(engine):
    """The text after the table (the next part's goal) read on as rows of its last category:
    sentences of several clauses with no value, at the table's end, are not indicators."""
    goal = Indicator(
        "满意度指标", "服务对象满意度指标", None, "完善城区道路保洁制度,缩小城乡差距,提高群众获得感和满意度", ""
    )
    decl = _decl([*GOOD, goal])
    assert doubtful_rows(decl) == {len(GOOD)}
    assert [p for _, p in _findings(engine, decl) if p.startswith(f"/indicators/{len(GOOD)}")] == []
    # the same row inside the table is a row with no value, and that is said
    inside = _decl([*GOOD[:3], goal, GOOD[3]])
    assert doubtful_rows(inside) == set()
    assert ("VAL001", "/indicators/3/value") in _findings(engine, inside)


@pytest.mark.parametrize("heading", ["(二)社会效益指标", "（四）可持续影响指标", "三、满意度指标", "生态效益指标"])
def test_a_category_heading_read_as_a_value_makes_no_claim(engine, heading):
    """A prose list of numbered categories, each followed by its indicators: a row whose value
    cell is the next category's heading has lost its own value; the heading is not its target."""
    rows = [*GOOD, Indicator("效益指标", "经济效益指标", None, "带动农户增收致富", heading)]
    decl = _decl(rows)
    assert doubtful_rows(decl) == {len(GOOD)}
    assert [c for c, p in _findings(engine, decl) if p.startswith(f"/indicators/{len(GOOD)}/")] == []
    # the same row with a vague value of its own is judged
    vague = [*GOOD, Indicator("效益指标", "经济效益指标", None, "带动农户增收致富", "有所提高")]
    assert doubtful_rows(_decl(vague)) == set()
    assert [c for c, p in _findings(engine, _decl(vague)) if p.startswith(f"/indicators/{len(GOOD)}/")]


_LIST = """青溪市公安局2025年项目绩效目标和指标

单位编码

单位名称

年度预算安排

项目内容

绩效目标

 037001

 青溪市公安局

2795518

机房租赁服务,共计77个机柜

保障机房全年正常运行
"""

_CODE_LEFT_BLANK = """项目支出绩效目标申报表

(2025年度)

项目名称

机房租赁服务

单位编码

单位名称

青溪市公安局

年度预算安排

2795518

项目内容

机房租赁服务,共计77个机柜
"""


def _budget_code_hits(text: str) -> list[str]:
    catalog = builtin_catalog()
    [decl] = declarations_from_text(text)
    ctx = Context(settings=catalog.settings, bundle=[decl], index=0)
    return [h.pointer for h in catalog.kinds["budget-code"].check(decl, {}, ctx)]


def test_a_code_column_header_is_no_blank_code():
    """A project list whose header row (单位编码 | 单位名称 | 年度预算安排 …) is printed one cell a
    line: the codes stand in the rows below, so the header's 单位编码 holds no blank code (r801)."""
    [decl] = declarations_from_text(_LIST)
    assert in_header_row(decl, "/fields/0")
    assert _budget_code_hits(_LIST) == []
    # a form that leaves its code blank between filled fields still gets the finding
    assert _budget_code_hits(_CODE_LEFT_BLANK) == ["/fields/0/text"]
