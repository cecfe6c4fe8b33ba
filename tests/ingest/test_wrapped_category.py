"""A category label wrapped over lines in text given one cell a line (a PDF's text layer):
"经济、社会、" / "生态效益指标", "数量指标(或工作" / "量指标)".  The lines are one label,
never a row nor a value.  Made-up forms, not a real form's text."""

from __future__ import annotations

HEAD = ["某镇农村公路养护项目支出绩效目标表", "一级指标", "二级指标", "三级指标", "指标值"]
ROWS = [
    "产出指标",
    "数量指标(或工作",
    "量指标)",
    "养护农村公路里程",
    "≥46公里",
    "质量指标",
    "路面完好率",
    "≥90%",
    "效益指标",
    "经济、社会、",
    "生态效益指标",
    "群众出行时间缩短",
    "≥10分钟",
    "满意度指标",
    "服务对象满意度指标",
    "沿线群众满意度",
    "≥90%",
]


def _text(rows: list[str]) -> str:
    return "\n".join(HEAD + rows) + "\n"


def test_a_category_wrapped_over_lines_is_one_label(read_one) -> None:
    d = read_one(_text(ROWS))
    rows = [(" ".join((i.level2 or "").split()), i.content, i.value) for i in d.indicators]
    assert rows == [
        # the bracketed note of the category is the template's wording, not a row's
        ("数量指标", "养护农村公路里程", "≥46公里"),
        ("质量指标", "路面完好率", "≥90%"),
        ("经济、社会、 生态效益指标", "群众出行时间缩短", "≥10分钟"),
        ("服务对象满意度指标", "沿线群众满意度", "≥90%"),
    ]


def test_a_cut_cell_followed_by_a_figure_is_not_joined_to_it(read_one) -> None:
    # "经济、社会、" then a value: no category forms, the lines stay apart (nothing is lost)
    rows = [*ROWS[:9], "经济、社会、", "12", *ROWS[11:]]
    d = read_one(_text(rows))
    assert all("12" not in (i.level2 or "") for i in d.indicators)
