"""What was read: the document kind, the reading record, page chrome, and claims only about what was read."""

from __future__ import annotations

import pytest
from support.paths import DATA, EXAMPLES

from perflint.catalog import builtin_catalog
from perflint.domain.result import FileReport
from perflint.engine.config import Config
from perflint.engine.core import Engine
from perflint.ingest.coverage import uncovered
from perflint.ingest.files import load_bytes

HEAD = """| 项目支出绩效目标申报表 | | | | |
| (2022年度) | | | | |
| 项目名称 | 城区公厕提质改造 | | | |
| 主管部门 | 青溪区城市管理局 | | | |
| 项目资金 (万元) | 年度资金总额: | 85.00 | | |
| 年度总体目标 | 完成城区12座公厕提质改造。 | | | |
| 一级指标 | 二级指标 | 三级指标 | 指标值 | |
| 产出指标 | 数量指标 | 改造公厕座数 | ≥12座 | |
| 质量指标 | 改造工程验收合格率 | 100% | | |
"""
SATISFACTION = "| 满意度指标 | 服务对象满意度指标 | 周边居民满意度 | ≥85% | |\n"
FOOTER = "| 填报人 | 李某 | 填报日期 | 2022年1月5日 | |\n"
CHROME = "索引号: 11341723/2022-00005\n发布机构: 青溪区城市管理局\n发布日期: 2022-02-18\n"
TRAILER = "| 扫一扫在手机打开当前页 | | | | |\n| [下载] [打印] [关闭] | | | | |\n"


@pytest.fixture(scope="module")
def engine() -> Engine:
    return Engine(builtin_catalog(), Config(today="2022-06-01"))


def report(engine: Engine, text: str, name: str = "form.txt") -> FileReport:
    fr = load_bytes(text.encode("utf-8"), name)
    [rep] = engine.file_reports(fr, name)
    return rep


def codes(rep: FileReport) -> list[str]:
    return sorted(f.code for f in rep.iter_findings())


def test_a_whole_form_is_read_and_graded(engine):
    rep = report(engine, HEAD + SATISFACTION + FOOTER)
    [decl] = rep.declarations
    assert decl.reading["sections"]["indicators"] == "read" and not decl.reading["truncated"]
    assert decl.grade and decl.ungraded is None
    assert "SRC002" not in codes(rep)


def test_text_cut_inside_the_table_claims_nothing_about_the_rest(engine):
    rep = report(engine, HEAD)
    [decl] = rep.declarations
    assert decl.reading["sections"]["indicators"] == "partial" and decl.reading["truncated"]
    found = codes(rep)
    assert "SRC002" in found
    # no "no satisfaction indicator", "no cost indicator", "preparer missing" for what was not read
    assert not {"SAT001", "COST001", "REQ012", "IND001", "IND011"} & set(found)
    assert decl.grade == "" and decl.ungraded == "indicators-partial"
    [note] = [f for f in decl.findings if f.code == "SRC002"]
    assert note.note and "截断" in note.message["zh"] and "绩效指标" in note.message["zh"]


def test_a_table_that_ends_with_its_satisfaction_row_is_whole(engine):
    """A page showing only the table leaves out the footer: not judged, not called cut off."""
    rep = report(engine, HEAD + SATISFACTION)
    [decl] = rep.declarations
    assert decl.reading["sections"]["indicators"] == "read"
    assert decl.reading["sections"]["footer"] == "unread"
    assert "SRC002" not in codes(rep) and "REQ012" not in codes(rep)
    assert decl.grade


def test_page_chrome_is_kept_but_never_reported(engine):
    text = CHROME + HEAD + SATISFACTION + TRAILER
    fr = load_bytes(text.encode("utf-8"), "page.txt")
    [decl] = fr.declarations
    assert decl.source.chrome and not decl.unrecognized
    assert [i.content for i in decl.indicators][-1] == "周边居民满意度"  # the trailer is not a row
    assert uncovered(fr.text or "", fr.declarations) == []  # nothing lost
    rep = report(engine, text, "page.txt")
    for f in rep.iter_findings():
        assert "扫一扫" not in f.message["zh"] and "发布机构" not in f.message["zh"], f.message["zh"]
    assert "SRC001" not in codes(rep)


def test_unrecognised_text_is_one_note_per_declaration(engine):
    text = HEAD.replace("| 项目名称 |", "| 甲乙丙丁 | 一 | 二 | 三 |\n| 项目名称 |") + SATISFACTION + FOOTER
    rep = report(engine, text)
    notes = [f for f in rep.iter_findings() if f.code == "SRC001"]
    assert len(notes) == 1 and notes[0].severity.value == "info" and notes[0].note


SELF_EVALUATION = """项目支出绩效自评表
（2023年度）
| 项目名称 | 乡村道路养护 | | | | | | |
| 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 | 偏差原因分析及改进措施 |
| 产出指标 | 数量指标 | 养护里程 | ≥35公里 | 36公里 | 20 | 20 | 无 |
| 满意度指标 | 服务对象满意度指标 | 村民满意度 | ≥90% | 92% | 10 | 10 | 无 |
"""
TEMPLATE = """| 项目支出绩效目标申报表 | | | |
| ( 年度) | | | |
| 项目名称 | | | |
| 一级指标 | 二级指标 | 三级指标 | 指标值 |
| 产出指标 | 数量指标 | 指标1: | ≥**个 |
| 质量指标 | 指标1: | ≥**% | |
| 时效指标 | 指标1: | **月**日前 | |
| 满意度指标 | 服务对象满意度指标 | 指标1: | ≥**% |
"""
NOTICE = (
    """青溪区财政局关于下达2023年乡村道路养护资金的通知
各乡镇人民政府：
根据《青溪区农村公路养护管理办法》，现将乡村道路养护资金85万元下达给你们，请按绩效目标组织实施，确保资金安全。
附件：绩效目标表
"""
    + HEAD
    + SATISFACTION
)


@pytest.mark.parametrize(("text", "kind"), [(SELF_EVALUATION, "self-evaluation"), (TEMPLATE, "template")])
def test_a_look_alike_gets_one_note_and_nothing_else(engine, text, kind):
    rep = report(engine, text)
    assert codes(rep) == ["DOC001"]
    [f] = list(rep.iter_findings())
    assert f.args["kind"] == kind and f.note
    assert all(d.grade == "" and d.ungraded == kind for d in rep.declarations)


def test_a_notice_has_its_table_checked_not_its_filing_parts(engine):
    rep = report(engine, NOTICE.replace("≥12座", "提高"))
    [decl] = rep.declarations
    assert decl.document_kind == "notice" and decl.ungraded == "notice"
    found = codes(rep)
    assert "DOC001" in found and "VAL002" in found  # the target table is checked
    assert not {c for c in found if c.startswith(("REQ", "REV"))}  # the filing parts are not
    assert "SRC001" not in found  # the notice text is not "unrecognised content"


def test_reading_is_in_extract_output():
    fr = load_bytes((HEAD + SATISFACTION).encode("utf-8"), "form.txt")
    data = fr.declarations[0].to_dict()
    assert data["document_kind"] == "declaration"
    assert data["reading"]["sections"]["indicators"] == "read"
    assert {"level1", "level2", "level3", "value"} <= set(data["reading"]["indicator_columns"])


def test_removing_rows_never_raises_the_grade(engine):
    """Fair grades: a form cut shorter is ungraded, or scores no higher than the whole one,
    unless the rows cut away held findings."""
    text = (EXAMPLES / "project-pipe-2022.txt").read_text("utf-8")
    whole = report(engine, text)
    [full] = whole.declarations
    assert full.grade and full.reading["sections"]["indicators"] == "read"
    lines = text.splitlines(keepends=True)
    cited = {f.span.line for f in full.defects if f.span is not None}
    for keep in range(len(lines) - 1, 0, -1):
        cut = report(engine, "".join(lines[:keep]))
        for decl in cut.declarations:
            if decl.ungraded:
                continue
            removed_held_defects = any(line > keep for line in cited)
            assert decl.score <= full.score or removed_held_defects, (keep, decl.score, full.score)


def test_rows_without_a_category_are_not_judged(engine):
    """Prose, an allocation list or a header read as rows is far likelier than indicators
    filed without a category (on the labelled real forms, 50 of 58 findings on such rows
    were false): no finding is claimed on them, even when no row has a category."""
    text = HEAD.split("| 一级指标 |")[0] + (
        "| 指标 | 指标值 | | | |\n"
        "| 维持场馆日常运营 | 保障各项活动顺利开展 | | | |\n"
        "| 文化中心运行管理需要 | 提高服务水平 | | | |\n"
    )
    rep = report(engine, text + FOOTER)
    [decl] = rep.declarations
    fr = load_bytes((text + FOOTER).encode("utf-8"), "form.txt")
    [model] = fr.declarations
    assert model.indicators and not any(ind.level1 or ind.level2 for ind in model.indicators)
    assert decl.reading["unreliable_rows"] == list(range(len(model.indicators)))
    assert not [f for f in rep.iter_findings() if f.pointer.startswith("/indicators/") and not f.note]


def test_a_value_column_that_was_not_read_claims_no_values(engine):
    """Flattened text that names the 指标值 column but gives no row a value (the values
    came after the capture): the table is partly read and no value is judged."""
    text = (
        "残疾人事业发展补助资金区域绩效目标表 (2019年度) 专项名称 残疾人事业发展补助资金 主管部门 省残联 "
        "资金额度 4623万 年度总体目标 为残疾人提供基本康复服务。 一级指标 二级指标 三级指标 "
        "产出指标 数量指标 阳光家园托养补助人数 基地个数 质量指标 康复服务率 "
        "满意度指标 服务对象满意度指标 托养残疾人满意程度 指标值\n"
    )
    rep = report(engine, text)
    [decl] = rep.declarations
    assert decl.reading["sections"]["indicators"] == "partial"
    assert decl.reading["notes"]["indicators"] == "values"
    assert not [f for f in rep.iter_findings() if f.pointer.startswith("/indicators/") and not f.note]
    [note] = [f for f in rep.iter_findings() if f.code == "SRC002"]
    assert "没有读到任何一行的指标值" in note.message["zh"]


def test_a_field_the_text_stops_inside_is_not_judged_whole(engine):
    """The capture ends in the middle of the annual goal: "nothing measurable" or "unfinished
    sentence" would be claims about words that were never shown."""
    text = HEAD.split("| 年度总体目标")[0] + "| 年度总体目标 | 按照省厅要求按人均500 | | | |\n"
    rep = report(engine, text)
    [decl] = rep.declarations
    assert "/goals/annual" in decl.reading["cut_fields"]
    assert not [f for f in rep.iter_findings() if f.pointer.startswith("/goals/annual")]
    # with the rest of the form present, the same goal is judged
    whole = report(
        engine, text + HEAD.split("| 年度总体目标 | 完成城区12座公厕提质改造。 | | | |\n")[1] + SATISFACTION + FOOTER
    )
    assert "cut_fields" not in whole.declarations[0].reading


def test_a_misspelling_in_a_field_the_text_stops_inside_is_still_reported(engine):
    """A misspelling (a dictionary typo) is wrong whatever the cut-off end said: it is
    reported, while claims about the goal as a whole are still held back."""
    text = HEAD.split("| 年度总体目标")[0] + "| 年度总体目标 | 推进公厕规范话管理，逐步提升服务 | | | |\n"
    rep = report(engine, text)
    [decl] = rep.declarations
    assert "/goals/annual" in decl.reading["cut_fields"]
    found = [f for f in rep.iter_findings() if f.pointer.startswith("/goals/annual")]
    assert [f.code for f in found] == ["TXT004"]
    assert "规范话" in found[0].message["zh"]


def test_cell_rules_after_the_last_cell_do_not_hide_a_cut(engine):
    """A capture that stops after the 主管部门 row, with empty cells drawn after it, is cut
    off: the missing indicator table is not reported absent."""
    text = HEAD.split("| 主管部门 |")[0] + "| 主管部门 | 乌恰县水利局 | 实施单位 | 乌恰县农村供水站 |" + "|" * 60 + "\n"
    rep = report(engine, text)
    [decl] = rep.declarations
    assert decl.reading["truncated"] and decl.reading["sections"]["indicators"] == "unread"
    assert "IND001" not in codes(rep)


@pytest.mark.parametrize("name", ["(40-50)分", "年度主要目标和成果"])
def test_a_score_band_or_a_goal_label_is_not_an_indicator(engine, name):
    text = HEAD.replace("| 质量指标 | 改造工程验收合格率 | 100% | | |", f"| 质量指标 | {name} | | | |")
    rep = report(engine, text + SATISFACTION + FOOTER)
    [decl] = rep.declarations
    fr = load_bytes((text + SATISFACTION + FOOTER).encode("utf-8"), "form.txt")
    [row] = [i for i, ind in enumerate(fr.declarations[0].indicators) if ind.content == name]
    assert row in decl.reading["unreliable_rows"]
    assert not [f for f in rep.iter_findings() if f.pointer.startswith(f"/indicators/{row}/")]


SPACED = """项目支出预算绩效目标申报表
(2022年度)
 填报单位:湘阴县教育局
项目基本情况 项目名称 公办和普惠性民办幼儿园公用经费
 主管部门  项目起止时间 2022.1—2022.12
项目负责人 杨柳  联系电话 0730-1234567
绩效管理联络员 周哲  联系电话 0730-7654321
项目概况 公办和普惠性民办性幼儿园生均公用经费 每生每年补助500元。
项目立项依据 湘财教﹝2019﹞24号
项目资金情况 项目资金申请(万元) 项 目  上年度安排资金 本年度申请资金
合 计 213.4 259
县级资金 213.4 259
"""


def test_a_blank_seen_between_two_labels_is_claimed_in_an_inexact_layout(engine):
    """Space-separated rows give no exact cells, so blank-field claims are made only where
    the blank can be seen: the label, then straight away the next label, with a value
    elsewhere on the line (source: tests/data/real/r106.txt)."""
    rep = report(engine, SPACED)
    [decl] = rep.declarations
    assert decl.reading["sections"]["identity"] == "partial"
    assert decl.reading["blank_fields"] == ["/department"]
    assert [f.code for f in rep.iter_findings() if f.pointer == "/department"] == ["REQ005"]


def test_a_line_of_labels_alone_is_no_evidence_of_blanks(engine):
    """ "主管部门  实施单位" with nothing else on the line is a header row whose values sit
    elsewhere: nothing is claimed blank."""
    text = SPACED.replace(" 主管部门  项目起止时间 2022.1—2022.12", " 主管部门  实施单位")
    rep = report(engine, text)
    [decl] = rep.declarations
    assert "blank_fields" not in decl.reading
    assert not [f for f in rep.iter_findings() if f.code == "REQ005"]


@pytest.mark.parametrize(
    ("name", "value"),
    [("服务质量", "计划标准"), ("定量指标一", "……"), ("10", ""), ("工程验收合格率", "指标值说明")],
)
def test_headers_weights_and_template_samples_read_as_rows_are_not_judged(engine, name, value):
    """A column header read as the value, a weight on a line of its own, a blank template's
    sample cells: misreadings, not the filer's defects."""
    text = HEAD.replace("| 质量指标 | 改造工程验收合格率 | 100% | | |", f"| 质量指标 | {name} | {value} | | |")
    rep = report(engine, text + SATISFACTION + FOOTER)
    [decl] = rep.declarations
    fr = load_bytes((text + SATISFACTION + FOOTER).encode("utf-8"), "form.txt")
    [row] = [i for i, ind in enumerate(fr.declarations[0].indicators) if ind.content == name]
    assert row in decl.reading["unreliable_rows"]
    assert not [f for f in rep.iter_findings() if f.pointer.startswith(f"/indicators/{row}/")]


def test_a_heading_over_the_goals_is_not_a_blank_goal(engine):
    """ "总体目标  年度目标 …": 总体目标 heads the goal columns; it is not a long-term goal
    left blank."""
    text = SPACED + "总体目标  年度目标 完成全县幼儿园生均公用经费补助，惠及幼儿3200人。\n"
    rep = report(engine, text)
    [decl] = rep.declarations
    assert not any(p.startswith("/goals/") for p in decl.reading.get("blank_fields", []))
    assert not [f for f in rep.iter_findings() if f.code == "REQ010"]


def test_flattened_text_claims_no_blank_fields(engine):
    """In a page flattened to one line, labels may come as a block before their values:
    "实施期目标 年度目标 总体目标 主要用于…" is no evidence of a blank (source: r123)."""
    text = SPACED.replace("\n", " ") + "\n"
    rep = report(engine, text)
    [decl] = rep.declarations
    assert "blank_fields" not in decl.reading


def test_no_trace_of_an_indicator_table_is_not_an_absent_table(engine):
    """Prose with a project's parts but no indicator table, heading or column anywhere:
    the table is not reported missing; a note says it was not found."""
    rep = report(engine, SPACED + "填报人 李某  填报日期 2022年1月5日\n")
    [decl] = rep.declarations
    assert decl.reading["sections"]["indicators"] == "unread"
    assert decl.reading["notes"]["indicators"] == "not-found"
    assert "IND001" not in codes(rep)
    [note] = [f for f in rep.iter_findings() if f.code == "SRC002"]
    assert "没有找到绩效指标表" in note.message["zh"]


def test_a_cut_off_sign_off_label_is_not_a_satisfaction_row(engine):
    """ "| 主管 |" after the satisfaction row is 主管部门审核意见 cut short by the capture."""
    rep = report(engine, HEAD + SATISFACTION + "| 主管 | | | | |\n")
    [decl] = rep.declarations
    fr = load_bytes((HEAD + SATISFACTION + "| 主管 | | | | |\n").encode("utf-8"), "form.txt")
    rows = [i for i, ind in enumerate(fr.declarations[0].indicators) if ind.content == "主管"]
    assert set(rows) <= set(decl.reading["unreliable_rows"])
    assert not [f for f in rep.iter_findings() if "主管" in f.message["zh"] and not f.note]


def test_a_form_followed_by_another_is_not_cut_off(engine):
    """Two forms in one page: the first table ends where the second form starts, even
    without a satisfaction row or a footer."""
    first = HEAD.replace("城区公厕提质改造", "城区公厕提质改造一期")
    second = HEAD.replace("城区公厕提质改造", "城区公厕提质改造二期") + SATISFACTION + FOOTER
    rep = report(engine, first + second)
    assert len(rep.declarations) == 2
    assert not rep.declarations[0].reading["truncated"]


def test_a_table_with_no_reliable_row_makes_no_table_claims_and_no_grade(engine):
    """Every row without a category: neither "category missing" nor a grade."""
    text = HEAD.split("| 一级指标 |")[0] + (
        "| 指标 | 指标值 | | | |\n| 发放人数 | 20人 | | | |\n| 促进社会和谐 | | | | |\n"
    )
    rep = report(engine, text + FOOTER)
    [decl] = rep.declarations
    assert not [f for f in rep.iter_findings() if f.pointer == "/indicators" and not f.note]
    assert decl.grade == "" and decl.ungraded == "indicators-unreliable"


@pytest.mark.parametrize("value", ["%", ")", "九、项目年度绩效目标"])
def test_a_cell_tail_or_the_next_heading_read_as_a_value_is_not_judged(engine, value):
    text = HEAD.replace(
        "| 质量指标 | 改造工程验收合格率 | 100% | | |", f"| 质量指标 | 改造工程验收合格率 | {value} | | |"
    )
    rep = report(engine, text + SATISFACTION + FOOTER)
    [decl] = rep.declarations
    fr = load_bytes((text + SATISFACTION + FOOTER).encode("utf-8"), "form.txt")
    [row] = [i for i, ind in enumerate(fr.declarations[0].indicators) if ind.content == "改造工程验收合格率"]
    assert row in decl.reading["unreliable_rows"]


def test_rows_guessed_from_flattened_text_are_not_judged(engine):
    """Text flattened from a PDF has no cell boundaries: its rows are reconstructed by
    guessing, so no finding is claimed about them (the reading note says why).
    Source: tests/data/real/r123.txt (a real form, see its .meta.json)."""
    path = DATA / "real" / "r123.txt"
    rep = report(engine, path.read_text("utf-8"), "r123.txt")
    decl = rep.declarations[0]
    assert load_bytes(path.read_bytes(), "r123.txt").declarations[0].source.layout == "flattened"
    assert decl.reading["unreliable_rows"] == list(range(decl.reading["indicator_rows"]))
    assert decl.reading["sections"]["indicators"] == "partial"
    assert not [f for f in rep.iter_findings() if f.pointer.startswith("/indicators") and not f.note]


def test_one_character_read_as_both_name_and_value_is_a_misreading(engine):
    text = HEAD.replace("| 质量指标 | 改造工程验收合格率 | 100% | | |", "| 质量指标 | 值 | 值 | | |")
    rep = report(engine, text + SATISFACTION + FOOTER)
    fr = load_bytes((text + SATISFACTION + FOOTER).encode("utf-8"), "form.txt")
    [row] = [i for i, ind in enumerate(fr.declarations[0].indicators) if ind.content == "值"]
    assert row in rep.declarations[0].reading["unreliable_rows"]


def test_an_indicator_named_like_a_field_label_is_still_an_indicator(engine):
    """项目总投入 is one character from the label 项目总投资; only an exact label is taken
    for a label read as a row."""
    text = HEAD.replace("| 质量指标 | 改造工程验收合格率 | 100% | | |", "| 成本指标 | 项目总投入 | ≥85万元 | | |")
    rep = report(engine, text + SATISFACTION + FOOTER)
    fr = load_bytes((text + SATISFACTION + FOOTER).encode("utf-8"), "form.txt")
    [row] = [i for i, ind in enumerate(fr.declarations[0].indicators) if ind.content == "项目总投入"]
    assert row not in rep.declarations[0].reading["unreliable_rows"]


def test_a_unit_column_whose_cells_moved_claims_no_units(engine):
    """One cell per line with the unit in its own cell (指标值 | 计量单位): a row with no unit
    cell drops out of line, so "≥90" loses its "%" to the next line, which reads as a row of
    its own. No "not a percentage", "no unit" or "name is a number" is claimed there."""
    head = "项目支出绩效目标表\n(2023年度)\n项目名称\n社区图书分馆图书更新\n部门名称\n青溪区文化旅游体育局\n"
    cells = [
        "一级指标", "二级指标", "指标内容", "指标值", "计量单位", "备注",
        "产出指标", "数量指标", "新增图书册数", "≥15000", "册",
        "时效指标", "图书上架完成时间", "2023年9月30日前",
        "效益指标", "可持续影响指标", "新增图书可借阅年限", "≥5", "年",
        "满意度指标", "服务对象满意度指标", "社区读者满意度", "≥90", "%", "抽样问卷调查",
    ]  # fmt: skip
    rep = report(engine, head + "\n".join(cells) + "\n填报人：陈静\n")
    judged = [f for f in rep.iter_findings() if f.pointer.startswith("/indicators/") and not f.note]
    assert not [f for f in judged if f.code in ("SAT002", "IND004", "VAL004", "SAT004")], judged
    # the same table with exact cells: the unit is read, the rows judged, nothing to report
    tabbed = head + "\n".join(
        "\t".join(row)
        for row in (
            ["一级指标", "二级指标", "指标内容", "指标值", "计量单位", "备注"],
            ["产出指标", "数量指标", "新增图书册数", "≥15000", "册", ""],
            ["满意度指标", "服务对象满意度指标", "社区读者满意度", "≥90", "", "抽样问卷调查"],
        )
    )
    rep = report(engine, tabbed + "\n填报人：陈静\n")
    [decl] = rep.declarations
    assert not decl.reading["unreliable_rows"]
    assert "SAT002" in codes(rep)  # a blank unit cell seen as blank: "≥90" is no percentage


_ROWS = [
    "| 产出指标 | 数量指标 | 新增图书册数 | ≥15000册 |",
    "| | 质量指标 | 图书验收合格率 | 100% |",
    "| | 成本指标 | 平均每册采购成本 | ≤32元/册 |",
    "| 效益指标 | 社会效益指标 | 社区分馆年借阅量 | ≥24万册次 |",
    "| 满意度指标 | 服务对象满意度指标 | 社区读者满意度 | ≥90% |",
]
_TOP = HEAD.split("| 一级指标 |")[0]


@pytest.mark.parametrize(
    "table",
    [
        # a header row the reader does not know: the first row below it is taken for the header
        ["| Level 1 | Level 2 | Indicator | Target |", _ROWS[4], *_ROWS[:4]],
        # page chrome inside the table: the row after it is lost
        [
            "| 一级指标 | 二级指标 | 三级指标 | 指标值 |",
            *_ROWS[:2],
            "扫一扫在手机打开当前页",
            "第 1 页 / 共 2 页",
            *_ROWS[2:],
        ],
    ],
)
def test_a_row_the_table_lost_makes_no_absence_claims(engine, table):
    """A category and a value left unrecognised are a row the table lost: "no satisfaction
    indicator", "no cost indicator", "no 数量指标" would be claims about a row not read."""
    rep = report(engine, _TOP + "\n".join(table) + "\n" + FOOTER)
    [decl] = rep.declarations
    assert decl.reading["sections"]["indicators"] == "partial" and not decl.grade
    found = codes(rep)
    assert "SRC002" in found
    assert not {"SAT001", "COST001", "IND001", "IND002", "IND011"} & set(found), found


def test_an_empty_category_row_is_no_row_lost(engine):
    """A category alone on its row (经济效益指标) is one the filer left empty, not a misreading."""
    table = ["| 一级指标 | 二级指标 | 三级指标 | 指标值 |", *_ROWS[:4], "| | 经济效益指标 | | |", _ROWS[4]]
    rep = report(engine, _TOP + "\n".join(table) + "\n" + FOOTER)
    [decl] = rep.declarations
    assert decl.reading["sections"]["indicators"] == "read" and decl.grade


@pytest.mark.parametrize(
    "rows",
    [
        # the value of a row on a line of its own
        ["| | 质量指标 | 图书验收合格率 | |", "| | | 100% | |"],
        # a name broken over two lines, the end of it on the second
        ["| | 质量指标 | 图书验收 | 100% |", "| | | 合格率 | |"],
    ],
)
def test_a_row_split_over_two_lines_claims_no_missing_value(engine, rows):
    table = ["| 一级指标 | 二级指标 | 三级指标 | 指标值 |", _ROWS[0], *rows, *_ROWS[2:]]
    rep = report(engine, _TOP + "\n".join(table) + "\n" + FOOTER)
    assert "VAL001" not in codes(rep) and "IND004" not in codes(rep)


def test_a_row_of_labels_over_their_values_is_no_blank_field(engine):
    """Exact cells (tabs) but the money block laid out as a small table: a row of labels with the
    amounts on the row below. The labels' own cells are not blank: no "资金总额没有填写"."""
    text = (
        "项目支出绩效目标申报表\n（2023年度）\n项目名称\t社区图书分馆图书更新\n主管部门\t青溪区文化旅游体育局\n"
        "项目资金（万元）\t资金总额\t财政拨款\t其他资金\n\t48.6\t40\t8.6\n"
        "项目年度绩效目标\t2023年为18个社区分馆新增图书1.5万册\n"
        "一级指标\t二级指标\t指标内容\t指标值\n产出指标\t数量指标\t新增图书册数\t≥15000册\n"
        "满意度指标\t服务对象满意度指标\t社区读者满意度\t≥90%\n填报人：陈静\n"
    )
    rep = report(engine, text)
    [decl] = rep.declarations
    assert decl.reading["sections"]["money"] == "partial"
    assert "REQ006" not in codes(rep)


#: a notice whose text ends in its own prose, before the form it announces
NOTICE_PROSE = """青溪区财政局关于下达2023年乡村道路养护资金的通知
各乡镇人民政府：
根据《青溪区农村公路养护管理办法》，现将乡村道路养护资金85万元下达给你们，具体项目见附件。
一、本次下达的资金中有60万元用于路面修补，请加快预算执行。
二、请按照申报的绩效目标做好绩效监控，年度终了开展绩效自评。
"""


@pytest.mark.parametrize(
    "tail",
    [
        "",
        # the attachment line, then the column headings of an allocation table, cut off
        "附件：1.资金分配表\n2.绩效目标表\n附件1 |\n序号 |\n项目名称 |\n主管部门 |\n",
    ],
)
def test_a_notice_that_ends_before_its_form_is_not_cut_inside_it(engine, tail):
    """The figures a notice's sentences carry ("资金85万元") are no cells of a form: text that
    ends in the notice (or in another table's headings) ends before the form, so perflint does
    not say the text stops inside the table, and builds no declaration from the sentences; it
    says once, of the file, that no indicator table was found."""
    text = NOTICE_PROSE + tail
    assert load_bytes(text.encode("utf-8"), "notice.txt").document_kind == "notice"
    rep = report(engine, text)
    assert rep.declarations == []
    [note] = [f for f in rep.iter_findings() if f.code == "SRC002"]
    assert "截断" not in note.message["zh"] and "没有找到绩效指标表" in note.message["zh"]
    assert sorted(codes(rep)) == ["DOC001", "SRC002"]


@pytest.mark.parametrize(
    "form",
    [
        HEAD,  # cut inside the indicator table
        # no title line: cut after the first labelled fields of the form
        "| 项目名称 | 城区公厕提质改造 | | | |\n| 主管部门 | 青溪区城市管理局 | | | |\n",
    ],
)
def test_a_notice_whose_form_is_cut_is_still_truncated(engine, form):
    text = NOTICE_PROSE + "附件：绩效目标表\n" + form
    assert load_bytes(text.encode("utf-8"), "notice.txt").document_kind == "notice"
    rep = report(engine, text)
    [decl] = rep.declarations
    assert decl.reading["truncated"]
    [note] = [f for f in rep.iter_findings() if f.code == "SRC002"]
    assert "截断" in note.message["zh"]


def test_a_table_followed_by_another_part_of_the_form_has_ended(engine):
    """Rows of the form after the indicator table (资金拨付对象, 实施进度) show the table ended:
    a text that stops on a whole row after them is not cut inside the table."""
    rows = "| 资金拨付对象 | 青溪区城市管理局 | | | |\n| 项目实施进度 | 3月招标,6月开工,11月完工验收。 | | | |\n"
    rep = report(engine, HEAD + rows)
    [decl] = rep.declarations
    assert decl.reading["sections"]["indicators"] == "read" and not decl.reading["truncated"]
    assert "SRC002" not in codes(rep)
    # the same text stopping inside the last cell is cut off
    cut = report(engine, HEAD + rows.rsplit("11月", 1)[0])
    assert cut.declarations[0].reading["truncated"] and "SRC002" in codes(cut)


@pytest.mark.parametrize("line", ["文件下载", "政策咨询"])
def test_a_pages_download_and_enquiry_links_are_chrome(line):
    """What a government page prints under every document is page chrome, not unread content."""
    fr = load_bytes((HEAD + SATISFACTION + line + "\n").encode("utf-8"), "page.txt")
    [decl] = fr.declarations
    assert not decl.unrecognized and decl.source.chrome


_PUBLIC = """青溪区2019年松林病虫害防治项目立项依据、实施主体、预算安排及绩效目标情况公示
一、立项依据
《青溪区松材线虫病防治实施方案》
二、实施主体
青溪区林业局牵头,各镇具体实施。
三、预算安排
根据财政预算安排,全年预算数为 362万元。
四、绩效目标
全区防治作业面积19.6万亩,无公害防治率100%,林业有害生物成灾率4‰以下。
"""


def test_a_public_notice_in_numbered_sections_names_its_project_and_is_not_cut(engine):
    """A 公示 whose heading names the project and the parts made public (…项目立项依据、…及绩效
    目标情况公示), in numbered sections ending on a whole sentence: the project and its year
    are the heading's, and a text with no trace of an indicator table is not 'cut inside' one."""
    rep = report(engine, _PUBLIC)
    [decl] = rep.declarations
    assert (decl.name, decl.year) == ("青溪区2019年松林病虫害防治项目", 2019)
    assert decl.total == "362 万元"  # "全年预算数为 362万元" in its 预算安排 section
    assert not decl.reading["truncated"]
    [note] = [f for f in rep.iter_findings() if f.code == "SRC002"]
    assert "没有找到绩效指标表" in note.message["zh"]
    # the same text cut inside its last sentence is cut off
    assert report(engine, _PUBLIC.rsplit(",", 1)[0]).declarations[0].reading["truncated"]
    # a notice's own title names a document, not a project
    notice = "关于下达2024年冷链物流补助专项资金任务清单和绩效目标表的公示\n" + _PUBLIC.split("\n", 1)[1]
    assert load_bytes(notice.encode("utf-8"), "n.txt").declarations[0].name is None


@pytest.mark.parametrize(
    "line",
    [
        "青溪县人民政府主办  青溪县人民政府办公室承办",
        "地址:青溪县广场大街1号  网站监督电话:0534-4366343",
        "内容保障 | 公务邮箱",
        "【字体大小:",
        # a disclosure page's metadata row, its document number left empty
        "名称: 2022年度重点项目及绩效目标情况 文号:",
    ],
)
def test_a_government_sites_footer_is_chrome(line):
    """The footer every page of a county's site prints (主办…承办, 监督电话, 公务邮箱) is
    page chrome, not text of the form left unread."""
    fr = load_bytes((HEAD + SATISFACTION + line + "\n").encode("utf-8"), "page.txt")
    [decl] = fr.declarations
    assert not decl.unrecognized and decl.source.chrome


_CLOSED = """| 某镇项目支出绩效目标表 | | | | | |
| 项目名称 | 村道路灯维护 | | | | |
| 主管部门 | 某镇人民政府 | | | | |
| 一级指标 | 二级指标 | 三级指标 | 符号 | 指标值 | 计量单位 |
| 产出指标 | 数量指标 | 维护路灯盏数 | ≥ | 300 | 盏 |
| 产出指标 | 质量指标 | 路灯亮灯率 | ≥ | 95 | % |
"""


def test_a_last_row_closed_by_its_separators_is_read_whole(engine):
    """The text stops after the closing rule of the last row's last cell: the table may go
    on, but that row's cells were all closed on the page, so it is read whole."""
    rep = report(engine, _CLOSED + "| 效益指标 | 社会效益指标 | 路灯故障修复时长 | ≤ | 48 | 小时 | |\n")
    [decl] = rep.declarations
    assert decl.reading["truncated"] and decl.reading["sections"]["indicators"] == "partial"
    assert 2 not in decl.reading["unreliable_rows"] and "cut_fields" not in decl.reading


@pytest.mark.parametrize(
    "tail",
    [
        "| 效益指标 | 社会效益指标 | 夜间出行安全 | ≥ | 9",  # stops inside a cell
        "| 效益指标 | 社会效益指标 | 路灯故障修复率 | ≥ | 90 | |\n",  # closed, its unit cell blank
        "| 效益指标 | 社会效益指标 | 路灯故障修复率 | |\n",  # closed before its value
    ],
)
def test_a_last_row_the_text_may_have_cut_stays_unreliable(engine, tail):
    rep = report(engine, _CLOSED + tail)
    [decl] = rep.declarations
    assert decl.reading["truncated"]
    assert 2 in decl.reading["unreliable_rows"]  # the third row, the last
