"""A table whose rows came out doubled or in pieces is not trusted.

A PDF text layer of a table printing two column sets side by side (declared and approved
targets) gives each row twice, and category cells wrapped over lines ("数量指标(或工作" /
"量指标)", "经济、社会、" / "生态效益指标") give label pieces the reader takes for names and
values.  Made-up forms in their own wording, not a real form's."""

from __future__ import annotations

from perflint.catalog import builtin_catalog
from perflint.domain.model import Declaration, Indicator
from perflint.engine.config import Config
from perflint.engine.core import Engine
from perflint.ingest.files import load_bytes
from perflint.ingest.misread import rows_misread, suspect_rows


def _lines(*rows: str) -> str:
    return "\n".join(rows) + "\n"


#: two column sets (年度指标值 twice) read one cell a line, category cells wrapped
TWIN = _lines(
    "某县城乡环卫一体化项目支出绩效目标表",
    "",
    "一级 指标",
    "二级 指标",
    "三级 指标",
    "年度指标值",
    "二级 指标",
    "三级 指标",
    "年度指标值",
    "产出 指标",
    "数量指标 (或工作",
    "量指标)",
    "清运垃圾 吨数",
    "保洁道路 里程",
    "3000吨",
    "保洁道路 里程",
    "数量指标(或",
    "",
    "工作量指",
    "85公里",
    "标)",
    "质量指标",
    "清运垃圾 吨数",
    "3000吨 3000吨",
    "垃圾日产 日清率",
    "100%",
    "垃圾日产 日清率",
    "100%",
    "质量指标",
    "道路保洁 达标率",
    "≥95%",
    "道路保洁 达标率",
    "≥95%",
    "时效指标",
    "完成清运 时限",
    "每日18时前 每日18时前",
    "效益 指标",
    "经济、社会、",
    "生态效益指标",
    "村容村貌 改善程度",
    "明显改善",
    "经济、社会、",
    "生态效益",
    "指标",
    "村容村貌 改善程度",
    "明显改善",
)

#: the same project in one column set, with one row the filer wrote twice
SINGLE = _lines(
    "某县城乡环卫一体化项目支出绩效目标表",
    "",
    "一级指标",
    "二级指标",
    "三级指标",
    "年度指标值",
    "产出指标",
    "数量指标",
    "清运垃圾吨数",
    "3000吨",
    "保洁道路里程",
    "85公里",
    "质量指标",
    "垃圾日产日清率",
    "100%",
    "道路保洁达标率",
    "≥95%",
    "道路保洁达标率",
    "≥95%",
    "时效指标",
    "完成清运时限",
    "每日18时前",
    "效益指标",
    "社会效益指标",
    "村容村貌改善程度",
    "明显改善",
    "满意度指标",
    "服务对象满意度指标",
    "群众满意度",
    "≥90%",
)


def _report(text: str):
    fr = load_bytes(text.encode("utf-8"), "form.txt")
    [rep] = Engine(builtin_catalog(), Config(today="2024-06-01")).file_reports(fr, "form.txt")
    return fr, rep


def test_a_table_of_doubled_rows_and_label_pieces_is_partial_and_no_row_is_judged() -> None:
    fr, rep = _report(TWIN)
    [decl] = fr.declarations
    assert decl.reading is not None
    assert decl.reading.sections["indicators"] == "partial"
    assert decl.reading.notes["indicators"] == "rows"
    assert decl.reading.unreliable_rows == list(range(len(decl.indicators)))
    codes = [f.code for f in rep.iter_findings()]
    # no claim about a value, a name or a missing category from rows that were not told apart
    assert not [c for c in codes if c.startswith(("VAL", "IND", "SAT", "COST"))], codes


def test_the_note_says_the_rows_were_not_told_apart() -> None:
    fr, rep = _report(TWIN)
    notes = [f for f in rep.iter_findings() if f.code == "SRC002"]
    assert len(notes) == 1
    assert "读了两遍" in notes[0].message["zh"]
    assert "read twice" in notes[0].message["en"]


def test_one_row_written_twice_in_a_table_read_right_is_still_the_filers_duplicate() -> None:
    fr, rep = _report(SINGLE)
    [decl] = fr.declarations
    assert decl.reading is not None
    assert decl.reading.sections["indicators"] == "read"
    assert not rows_misread(decl)
    assert "IND008" in {f.code for f in rep.iter_findings()}


def _decl(*rows: tuple[str, str]) -> Declaration:
    d = Declaration()
    d.indicators = [Indicator(level2="数量指标", content=name, value=value) for name, value in rows]
    return d


def test_a_figure_read_as_a_name_again_is_no_twin() -> None:
    # serial numbers or amounts repeat freely: only a name of words read again is a twin
    d = _decl(("88", "100"), ("88", "100"), ("88", "100"), ("20", "100"))
    assert suspect_rows(d) == []
    assert not rows_misread(d)


def test_pieces_of_a_wrapped_label_and_twice_written_cells_are_suspect() -> None:
    d = _decl(
        ("(或建设", "规模指标)"),
        ("新建泵站座数", "4座 4座"),
        ("改造管网长度", "12公里"),
        ("改造管网长度", "12公里"),
        ("社会、生态、", ""),
        ("排涝能力", "提高"),
    )
    assert suspect_rows(d) == [0, 1, 3, 4]
    assert rows_misread(d)


def test_a_few_suspect_rows_in_a_long_table_do_not_condemn_it() -> None:
    rows = [(f"指标名称{n}", f"{n}个") for n in "一二三四五六七八九十"]
    d = _decl(("单价(元", "≤30"), *rows, ("指标名称一", "一个"))
    assert len(suspect_rows(d)) == 2
    assert not rows_misread(d)


def test_two_suspect_rows_of_a_short_table_condemn_it() -> None:
    # a table the text stops in after four rows: one read twice, one a label piece
    d = _decl(("新建泵站座数", "4座"), ("新建泵站座数", "4座"), ("排涝能力", "提高"), ("预算(或投", ""))
    assert suspect_rows(d) == [1, 3]
    assert rows_misread(d)
    d = _decl(("新建泵站座数", "4座"), ("改造管网长度", "12公里"), ("排涝能力", "提高"), ("预算(或投", ""), ("a", "b"))
    assert not rows_misread(d)
