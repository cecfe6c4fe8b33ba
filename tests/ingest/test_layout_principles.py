"""Layout principles of indicator tables: the same table reads the same in every layout.

Each test is a small made-up form in a wording of its own, written in the layouts
that real pages use (one cell per line, cells ending " |", runs of spaces, pipe rows).
"""

from __future__ import annotations

import pytest


def _lines(*rows: str) -> str:
    return "\n".join(rows) + "\n"


def _rows(d) -> list[tuple]:
    return [(i.level1, i.level2, i.content, i.value) for i in d.indicators]


_HEAD = ("项目支出绩效目标申报表", "(2024年度)", "项目名称", "乡村道路养护", "主管部门", "某县交通运输局")


def _cell_lines(*cells: str) -> str:
    return _lines(*_HEAD, "一级指标", "二级指标", "三级指标", "指标值", *cells)


def _cell_bars(rows: list[list[str]]) -> str:
    out = list(_HEAD)
    for row in [["一级指标", "二级指标", "三级指标", "指标值"], *rows]:
        out.append("|")
        out += [f"{c} |" for c in row]
    return _lines(*out)


# -- a header given one cell per line, then a row whose level cells are empty -----------------


def test_unknown_cells_after_a_header_are_a_row_when_no_category_follows(read_one) -> None:
    # "道路里程" and "86公里" are not headings: the row under the header has no level
    # cells, and the rows after it keep their 一级 category (满意度指标 stays level 1,
    # 群众满意度指标 is its 二级)
    text = _cell_lines(
        "道路里程",
        "86公里",
        "产出指标",
        "质量指标",
        "路面完好率",
        "≥90%",
        "满意度指标",
        "群众满意度指标",
        "沿线群众满意度",
        "≥85%",
    )
    d = read_one(text, "lines")
    assert _rows(d) == [
        (None, None, "道路里程", "86公里"),
        ("产出指标", "质量指标", "路面完好率", "≥90%"),
        ("满意度指标", "群众满意度指标", "沿线群众满意度", "≥85%"),
    ]
    assert all(not k for i in d.indicators for k in i.extra)


def test_unknown_headings_followed_by_a_category_row_stay_columns(read_one) -> None:
    # the towns of a town-by-indicator matrix, one cell per line: the first row opens
    # with a category, so the unknown headings are columns
    text = _lines(
        "项目名称",
        "农田灌渠修复",
        "一级指标",
        "二级指标",
        "三级指标",
        "指标说明",
        "甲乡",
        "乙乡",
        "产出指标",
        "数量指标",
        "修复灌渠(条)",
        "反映修复数量",
        "4",
        "2",
    )
    d = read_one(text, "lines")
    (ind,) = d.indicators
    assert (ind.level1, ind.level2, ind.content) == ("产出指标", "数量指标", "修复灌渠(条)")
    assert (ind.note, ind.extra) == ("反映修复数量", {"甲乡": "4", "乙乡": "2"})


# -- a row named by its category: the name column holds the category, the value a bare figure --


@pytest.mark.parametrize("layout", ["lines", "bars", "spaces"])
def test_a_bare_figure_is_never_a_name(read_one, layout: str) -> None:
    # 指标类型 | 指标名称 | 指标值 tables name a row by its 二级 category; with the 二级
    # column left empty (or dropped, one cell per line) the figure after the category is
    # the value, not the name
    rows = [
        ["产出指标", "", "数量指标", "12座"],
        ["产出指标", "", "质量指标", "≥98%"],
        ["效益指标", "", "生态效益指标", "有"],
    ]
    if layout == "lines":
        text = _cell_lines(*[c for r in rows for c in r])
    elif layout == "bars":
        text = _cell_bars(rows)
    else:
        text = _lines(*_HEAD, "一级指标   二级指标   三级指标   指标值", *["   ".join(r) for r in rows])
    d = read_one(text, None)
    assert _rows(d) == [
        ("产出指标", "数量指标", "数量指标", "12座"),
        ("产出指标", "质量指标", "质量指标", "≥98%"),
        ("效益指标", "生态效益指标", "生态效益指标", "有"),
    ]


def test_a_figure_under_a_filled_level2_column_stays_where_it_stands(read_one) -> None:
    # the 二级 column is filled: the figure stands in the name's own column
    text = _lines(
        "项目名称 | 乡村道路养护 |",
        "一级指标 | 二级指标 | 三级指标 | 指标值 |",
        "效益指标 | 社会效益指标 | 15 |  |",
    )
    d = read_one(text, "pipe")
    assert _rows(d) == [("效益指标", "社会效益指标", "15", "")]


def test_a_category_named_row_of_a_type_name_value_table(read_one) -> None:
    # 指标类型 | 指标名称 | 指标值: the name is the 二级 category, so it is the row's 二级
    text = _lines(
        "项目名称 | 乡村道路养护 |",
        "指标类型 | 指标名称 | 指标值 | 指标说明 |",
        "产出指标 | 时效指标 | 当年 | 年内完工 |",
        "效益指标 | 群众出行时间缩短 | 10分钟 | 测算 |",
    )
    d = read_one(text, "pipe")
    assert _rows(d) == [
        ("产出指标", "时效指标", "时效指标", "当年"),
        ("效益指标", None, "群众出行时间缩短", "10分钟"),
    ]


# -- a word that is a money label elsewhere, right after a category ---------------------------


@pytest.mark.parametrize("layout", ["lines", "bars"])
def test_a_money_heading_word_after_a_category_is_the_name(read_one, layout: str) -> None:
    rows = [["产出指标", "成本指标", "项目资金", "≤35万元"], ["产出指标", "时效指标", "完工时间", "2024年10月"]]
    text = _cell_lines(*[c for r in rows for c in r]) if layout == "lines" else _cell_bars(rows)
    d = read_one(text, None)
    assert _rows(d) == [
        ("产出指标", "成本指标", "项目资金", "≤35万元"),
        ("产出指标", "时效指标", "完工时间", "2024年10月"),
    ]


# -- a category's score after it, and a category alone on its row -----------------------------


@pytest.mark.parametrize("layout", ["lines", "bars"])
def test_a_category_with_its_score_range_is_one_level_cell(read_one, layout: str) -> None:
    # "效益指标(20-30)分": the score range is the category's weight, never an indicator
    rows = [
        ["效益指标(20-30)分", "社会效益指标", "受益村民户数", "≥120户"],
        ["满意度指标（10）分", "服务对象满意度指标", "村民满意率", "≥90%"],
    ]
    text = _cell_lines(*[c for r in rows for c in r]) if layout == "lines" else _cell_bars(rows)
    d = read_one(text, None)
    assert [(i.level2, i.content, i.value) for i in d.indicators] == [
        ("社会效益指标", "受益村民户数", "≥120户"),
        ("服务对象满意度指标", "村民满意率", "≥90%"),
    ]
    assert [i.level1 for i in d.indicators] == ["效益指标(20-30)分", "满意度指标（10）分"]


def test_a_category_alone_on_a_row_of_a_wide_table_heads_the_rows_below(read_one) -> None:
    # its other cells printed empty: a heading, not an indicator with no name and no value
    text = _lines(
        "项目名称 | 乡村道路养护 |",
        "一级指标 | 二级指标 | 三级指标 | 指标值 | 分值 |",
        "成本指标 | 经济成本指标 | 每公里养护成本 | ≤2万元 | 10 |",
        "产出指标(40-50)分 |  |  |  |  |",
        "数量指标 | 养护里程 | 86公里 | 20 |",
    )
    d = read_one(text, "pipe")
    assert [(i.level1, i.level2, i.content, i.value) for i in d.indicators] == [
        ("成本指标", "经济成本指标", "每公里养护成本", "≤2万元"),
        ("产出指标(40-50)分", "数量指标", "养护里程", "86公里"),
    ]


# -- a sheet copied as text: a score wrapped onto the line below its row ----------------------


def test_a_weight_wrapped_onto_the_next_line_is_the_rows_weight(read_one) -> None:
    text = _lines(
        "项目名称:乡村道路养护",
        "一级指标 二级指标 三级指标 指标性质 指标值 度量单位 权重(%)",
        "产出指标 数量指标 养护里程 ≥ 86 公里 20",
        "效益指标 社会效益指标 群众出行条件 定性 明显改善",
        "15",
        "满意度指标 服务对象满意度指标 沿线群众满意度 ≥ 90 % 10",
    )
    d = read_one(text, "spaced")
    assert [(i.level1, i.content, i.extra.get("权重")) for i in d.indicators] == [
        ("产出指标", "养护里程", "20"),
        ("效益指标", "群众出行条件", "15"),
        ("满意度指标", "沿线群众满意度", "10"),
    ]


# -- lists of indicators: a bracketed heading and numbered items on one line ------------------


def test_a_bracketed_heading_and_its_items_on_one_line(read_one) -> None:
    # 【一级-二级】 then 指标N:名称(值) items, run together on one line (a page that lost its
    # line breaks), read as the same list written a line each
    text = _lines(
        "项目支出绩效目标申报表",
        "项目名称",
        "社区食堂运营补助",
        "绩效指标",
        "【产出指标-数量指标】指标1:就餐老人人数(≥150人);指标2:供餐天数(300天)【效益指标-社会效益指标】指标1:老人就餐便利程度(明显提升)",
    )
    d = read_one(text, "lines")
    assert _rows(d) == [
        ("产出指标", "数量指标", "指标1:就餐老人人数", "≥150人"),
        ("产出指标", "数量指标", "指标2:供餐天数", "300天"),
        ("效益指标", "社会效益指标", "指标1:老人就餐便利程度", "明显提升"),
    ]


def test_a_bracket_that_names_no_category_does_not_cut_a_line(read_one) -> None:
    text = _lines("项目名称", "社区食堂运营补助", "主管部门", "某街道办事处【民政口】")
    d = read_one(text, "lines")
    assert d.department == "某街道办事处【民政口】"


# -- one cell per line: a row whose blank cells left no line ----------------------------------


def test_a_stream_row_cut_short_fills_the_columns_its_cells_can_be(read_one) -> None:
    # the 单位 of a 定性 row is blank (no line): its score is the 分值, not a unit
    text = _cell_lines(
        "产出指标",
        "数量指标",
        "养护里程",
        "≥",
        "86",
        "公里",
        "20",
        "效益指标",
        "社会效益指标",
        "群众出行条件",
        "定性",
        "明显改善",
        "10",
    ).replace("三级指标\n指标值\n", "三级指标\n指标方向\n指标值\n计量单位\n分值\n")
    d = read_one(text, "lines")
    assert [(i.content, i.value, i.extra) for i in d.indicators] == [
        ("养护里程", "≥86公里", {"指标方向": "≥", "计量单位": "公里", "分值": "20"}),
        ("群众出行条件", "明显改善", {"指标方向": "定性", "分值": "10"}),
    ]


def test_a_sentence_that_names_a_category_in_brackets_stays_whole(read_one) -> None:
    text = _lines(
        "项目名称", "社区食堂运营补助", "年度绩效目标", "全年完成【产出指标】所列供餐任务,老人满意度达到90%以上。"
    )
    d = read_one(text, "lines")
    assert d.goals["annual"] == "全年完成【产出指标】所列供餐任务,老人满意度达到90%以上。"


# -- rows with no value, a value that names the row's category, an unknown 二级 category ------


def test_rows_of_a_sheet_with_no_value_stay_rows_of_their_own(read_one) -> None:
    # a row per line, cells separated by spaces, the level cells and the values blank: the
    # line under a row with no value starts where its name starts, so it is the next row's
    # name, not that row's value wrapped onto the line below
    text = _lines(
        "项目名称:社区食堂运营补助",
        "一级指标   二级指标   三级指标   指标值",
        "产出指标   数量指标   就餐老人人数   ≥150人",
        "      方便老人就餐   ",
        "      减轻子女负担   ",
        "      改善邻里关系   ",
    )
    d = read_one(text, "spaced")
    assert [(i.content, i.value) for i in d.indicators] == [
        ("就餐老人人数", "≥150人"),
        ("方便老人就餐", ""),
        ("减轻子女负担", ""),
        ("改善邻里关系", ""),
    ]


@pytest.mark.parametrize("layout", ["lines", "bars"])
def test_a_value_that_names_the_rows_category_is_its_value(read_one, layout: str) -> None:
    rows = [["效益指标", "社会效益指标", "老人就餐便利程度", "社会效益显著"]]
    text = _cell_lines(*rows[0]) if layout == "lines" else _cell_bars(rows)
    d = read_one(text, None)
    assert _rows(d) == [("效益指标", "社会效益指标", "老人就餐便利程度", "社会效益显著")]


@pytest.mark.parametrize("layout", ["lines", "bars"])
def test_an_unknown_level2_category_in_a_stream_is_known_by_the_value_after_it(read_one, layout: str) -> None:
    # "就餐对象满意度" is no category the vocabulary knows; a name in the value's place and
    # a bare value after it show the three cells were 二级, name and value
    rows = [
        ["满意度指标", "就餐对象满意度", "老人满意率", "不低于92%"],
        ["产出指标", "数量指标", "就餐老人人数", "≥150人"],
    ]
    text = _cell_lines(*[c for r in rows for c in r]) if layout == "lines" else _cell_bars(rows)
    d = read_one(text, None)
    assert _rows(d) == [
        ("满意度指标", "就餐对象满意度", "老人满意率", "不低于92%"),
        ("产出指标", "数量指标", "就餐老人人数", "≥150人"),
    ]


# -- a heading the vocabulary does not know, in a header given one cell per line --------------


def test_an_unknown_heading_between_known_ones_is_a_column_not_a_row(read_one) -> None:
    # "核验方式" stands between 三级指标 and 指标值: a heading, so the figures stay values and
    # the words under it are kept under its name (the table is read in part)
    text = _lines(
        *_HEAD,
        "一级指标",
        "二级指标",
        "三级指标",
        "核验方式",
        "指标值",
        "产出指标",
        "数量指标",
        "养护里程",
        "现场丈量",
        "86公里",
        "产出指标",
        "质量指标",
        "路面完好率",
        "抽样检测",
        "≥90%",
    )
    d = read_one(text, "lines")
    assert [(i.content, i.value, i.extra) for i in d.indicators] == [
        ("养护里程", "86公里", {"核验方式": "现场丈量"}),
        ("路面完好率", "≥90%", {"核验方式": "抽样检测"}),
    ]


def test_an_unknown_heading_in_the_name_place_heads_the_names(read_one) -> None:
    # no 三级指标 or 指标名称: the heading it does not know, right after the level columns and
    # before 指标值, is the name column by its place
    text = _lines(
        *_HEAD,
        "一级指标",
        "二级指标",
        "考核事项",
        "指标值",
        "产出指标",
        "数量指标",
        "养护里程",
        "86公里",
        "效益指标",
        "社会效益指标",
        "群众出行条件",
        "明显改善",
    )
    d = read_one(text, "lines")
    assert _rows(d) == [
        ("产出指标", "数量指标", "养护里程", "86公里"),
        ("效益指标", "社会效益指标", "群众出行条件", "明显改善"),
    ]


# -- columns of a value's parts ----------------------------------------------------------------


def test_a_sign_column_next_to_a_direction_column_gives_the_comparator(read_one) -> None:
    # 指标方向 holds 正向/反向, 比较符 the sign: the value is built with the sign
    text = _lines(
        "项目名称 | 社区食堂运营补助 |",
        "一级指标 | 二级指标 | 三级指标 | 指标方向 | 比较符 | 指标值 | 计量单位 | 权重 |",
        "产出指标 | 数量指标 | 就餐老人人数 | 正向 | ≥ | 150 | 人 | 20 |",
        "成本指标 | 经济成本指标 | 人均餐费补助 | 反向 | ≤ | 8 | 元/人/餐 | 10 |",
    )
    d = read_one(text, "pipe")
    assert [(i.content, i.value) for i in d.indicators] == [("就餐老人人数", "≥150人"), ("人均餐费补助", "≤8元/人/餐")]


def test_words_of_a_later_column_are_no_unit(read_one) -> None:
    # one cell per line, the 度量单位 of a 定性 row blank: the 指标值内容 words after it are
    # not taken for a unit (a unit is a few characters)
    text = _lines(
        *_HEAD,
        "一级指标",
        "二级指标",
        "三级指标",
        "指标值类型",
        "目标值",
        "度量单位",
        "指标值内容",
        "产出指标",
        "数量指标",
        "就餐老人人数",
        "定量",
        "150",
        "人",
        "就餐老人不少于150人",
        "效益指标",
        "社会效益指标",
        "老人就餐便利程度",
        "定性",
        "明显提升",
        "就近吃上热饭",
    )
    d = read_one(text, "lines")
    assert [(i.content, i.value, i.extra.get("度量单位"), i.extra.get("指标值内容")) for i in d.indicators] == [
        ("就餐老人人数", "150人", "人", "就餐老人不少于150人"),
        ("老人就餐便利程度", "明显提升", None, "就近吃上热饭"),
    ]


# -- a score fused onto the value --------------------------------------------------------------


@pytest.mark.parametrize("cell", ["≥150人 20", "≥150人20分"])
def test_a_score_fused_onto_the_value_goes_to_the_score_column(read_one, cell: str) -> None:
    text = _lines(
        "项目名称 | 社区食堂运营补助 |",
        "一级指标 | 二级指标 | 三级指标 | 指标值 | 分值 |",
        f"产出指标 | 数量指标 | 就餐老人人数 | {cell} |",
        "效益指标 | 社会效益指标 | 老人就餐便利程度 | 明显提升 | 10 |",
    )
    d = read_one(text, "pipe")
    assert [(i.content, i.value, i.extra["分值"]) for i in d.indicators] == [
        ("就餐老人人数", "≥150人", cell.split("人")[-1].strip()),
        ("老人就餐便利程度", "明显提升", "10"),
    ]


def test_a_value_ending_in_a_figure_keeps_it_when_the_score_cell_is_filled(read_one) -> None:
    text = _lines(
        "项目名称 | 社区食堂运营补助 |",
        "一级指标 | 二级指标 | 三级指标 | 指标值 | 分值 |",
        "产出指标 | 时效指标 | 完成时间 | 2024年12 | 10 |",
        "产出指标 | 数量指标 | 就餐老人人数 | 150 |  |",
    )
    d = read_one(text, "pipe")
    assert [(i.value, i.extra.get("分值")) for i in d.indicators] == [("2024年12", "10"), ("150", None)]


# -- a money label under a cost category, with an amount for its value ----------------------


def _unreliable(d, text: str) -> list[int]:
    from perflint.ingest.reading import assess

    assess(text, [d])
    return list(d.reading.unreliable_rows)


@pytest.mark.parametrize("layout", ["lines", "bars"])
def test_a_money_label_with_an_amount_under_a_cost_category_is_a_reliable_row(read_one, layout: str) -> None:
    # "资金总额 | ≤12.5万元" under 经济成本指标 is the cost indicator (that restates the budget),
    # not the form's money field read as a row: a cost rule may speak of it
    rows = [
        ["成本指标", "经济成本指标", "资金总额", "≤12.5万元"],
        ["产出指标", "数量指标", "养护道路里程", "≥86公里"],
    ]
    text = _cell_lines(*[c for r in rows for c in r]) if layout == "lines" else _cell_bars(rows)
    d = read_one(text, None)
    assert _rows(d) == [tuple(r) for r in rows]
    assert 0 not in _unreliable(d, text)


@pytest.mark.parametrize(
    "row",
    [
        ["产出指标", "数量指标", "资金总额", "≤12.5万元"],  # no cost category: the field read as a row
        ["成本指标", "经济成本指标", "资金总额", "已落实"],  # no amount: the label is no name
    ],
)
def test_a_money_label_elsewhere_stays_an_unreliable_row(read_one, row: list[str]) -> None:
    rows = [row, ["产出指标", "质量指标", "验收合格率", "100%"]]
    text = _cell_bars(rows)
    d = read_one(text, None)
    assert _rows(d)[0] == tuple(row)
    assert 0 in _unreliable(d, text)


# -- a heading of the money's control is the cost category, one cell per line ----------------


def test_a_money_control_heading_after_rows_is_a_level2_category(read_one) -> None:
    # "投资规模控制指标" comes after a 数量指标 row: it is the next 二级 category (the cost
    # one), not the name of a row whose value is the cost indicator's name
    text = _cell_lines(
        "产出指标",
        "数量指标",
        "新建污水管网",
        "≥3.2公里",
        "投资规模控制指标",
        "每公里建设成本",
        "≤180万元",
        "效益指标",
        "生态效益指标",
        "污水收集率",
        "≥85%",
    )
    d = read_one(text, "lines")
    assert _rows(d) == [
        ("产出指标", "数量指标", "新建污水管网", "≥3.2公里"),
        ("产出指标", "投资规模控制指标", "每公里建设成本", "≤180万元"),
        ("效益指标", "生态效益指标", "污水收集率", "≥85%"),
    ]


def test_only_the_control_of_money_is_a_cost_category() -> None:
    from perflint.domain.vocab import vocabulary

    vocab = vocabulary()
    assert vocab.category("预算(或投资规模)控制指标") == (2, "成本指标")
    assert vocab.category("资金使用控制指标") == (2, "成本指标")
    assert vocab.category("质量控制指标") is None  # the control of quality is no cost
    assert vocab.category("项目成本控制率") is None  # a rate is an indicator, not a heading
