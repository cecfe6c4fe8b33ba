"""Layouts of real forms that were read wrong: small made-up forms, one per layout principle."""

from __future__ import annotations

from decimal import Decimal

from perflint.ingest.files import load_bytes


def _lines(*rows: str) -> str:
    return "\n".join(rows)


def test_label_words_inside_a_sentence_are_not_labels(read_all) -> None:
    """A notice's sentences use the words of labels ("…会同本级业务主管部门，…",
    "…监控，确保年度绩效目标如期实现"): after a comma a few characters back, or
    with a comma right after, such a word is part of the sentence, and a notice
    made only of sentences holds no form."""
    text = _lines(
        "关于下达2024年某某专项资金的通知",
        "各县财政局：",
        "一、请加强预算执行监控，确保年度绩效目标如期实现，财政资金发挥效益。",
        "二、请按照有关办法规定，会同本级业务主管部门，切实加强资金监管。",
        "某某市财政局",
    )
    result = load_bytes(text.encode(), "notice.txt")
    assert result.declarations == []
    assert result.document_kind == "notice"
    assert [p.code for p in result.problems] == ["INP003"]


def test_labels_run_on_after_a_value_in_flattened_lines_still_read(read_one) -> None:
    """Without a comma near it a label run on after a value still starts a field."""
    d = read_one(
        _lines(
            "项目支出绩效目标表",
            "项目名称乡村道路养护主管部门某县交通运输局资金总额25",
            "年度绩效目标养护道路35公里，路况优良率达到90%。实施单位某县公路站",
        )
    )
    assert (d.name, d.department, d.money.total.text) == ("乡村道路养护", "某县交通运输局", "25")
    assert d.goals["annual"] == "养护道路35公里，路况优良率达到90%。"
    assert d.implementing_unit == "某县公路站"


def test_a_form_name_in_book_title_marks_is_no_title() -> None:
    """A notice names the form it publishes (《…绩效目标表》), its title often
    wrapped over lines: the line that ends the quoted name starts no form."""
    text = _lines(
        "关于公示《2026年某某乡村振兴补助资金文件及",
        "绩效目标表》",
        "的通知",
        "现将2026年某某补助资金文件及绩效目标表进行公示，公示期间如有问题请与我们联系。",
    )
    result = load_bytes(text.encode(), "notice.txt")
    assert result.declarations == []
    assert result.document_kind == "notice"


def test_a_page_heading_with_a_goal_word_is_no_goal(read_one) -> None:
    """ "…分局2021年度绩效目标公开" over a form: a heading that ends in a goal word
    and a short verb, not a goal field (it would start a second declaration)."""
    d = read_one(
        _lines(
            "某某县某某局2021年度绩效目标公开",
            "预算项目绩效目标申报表",
            "(2021年度)",
            "项目名称乡村道路养护",
            "年度绩效目标养护道路35公里",
        )
    )
    assert d.name == "乡村道路养护"
    assert d.goals == {"annual": "养护道路35公里"}


def test_a_money_heading_with_a_colon_and_one_amount_is_the_total(read_one) -> None:
    """ "金额：100 万元" on a line of its own under the title: the form's total
    (the word alone heads the amount column of allocation lists)."""
    d = read_one(
        _lines(
            "预算项目绩效目标申报表",
            "填报单位(公章)：某县某局",
            "金额：100 万元",
            "项目名称乡村道路养护",
        )
    )
    assert (d.money.total.amount, d.money.total.unit) == (Decimal("100"), "万元")
    assert d.filing_unit == "某县某局"
    assert d.name == "乡村道路养护"


def test_a_money_column_heading_alone_is_still_no_total(read_one) -> None:
    d = read_one(
        _lines(
            "项目支出绩效目标表",
            "项目名称乡村道路养护",
            "资金总额：25万元",
            "序号 | 乡镇名称 | 金额",
            "1 | 甲镇 | 10",
        )
    )
    assert d.money.total.amount == Decimal("25")


def test_side_by_side_period_and_year_blocks_are_one_indicator_each(read_one) -> None:
    """二级/三级/指标值 named twice in one header (the period's block, then the
    year's): each row is one indicator, the year's; the period's value is kept
    under its heading, its repeated name and category are template text.  Rows
    under merged cells lose their category cells in both blocks."""
    d = read_one(
        _lines(
            "某市财政项目支出绩效目标表 | |||",
            "项目名称 | 道路养护 | |||",
            "一级指标 | 二级指标 | 三级指标 | 实施周期指标值 | 二级指标 | 三级指标 | 当年度指标值 |",
            "产出指标 | 数量指标 | 养护里程 | 100公里 | 数量指标 | 养护里程 | 35公里 |",
            "质量指标 | 路况优良率 | ≥85% | 质量指标 | 路况优良率 | ≥90% |",
            "验收合格率 | 100% | 验收合格率 | 100% |",
        )
    )
    assert [(i.level1, i.level2, i.content, i.value, i.extra) for i in d.indicators] == [
        ("产出指标", "数量指标", "养护里程", "35公里", {"实施周期指标值": "100公里"}),
        ("产出指标", "质量指标", "路况优良率", "≥90%", {"实施周期指标值": "≥85%"}),
        ("产出指标", "质量指标", "验收合格率", "100%", {"实施周期指标值": "100%"}),
    ]
    assert d.unrecognized == []


def test_a_header_given_a_few_headings_a_line_is_one_header(read_one) -> None:
    """The table's label with its first heading, then the other headings a few a
    line (wrapped cells); categories the vocabulary does not know still take their
    place when both blocks' 二级 cells are in the row."""
    d = read_one(
        _lines(
            "项目支出绩效目标表 | |||",
            "项目名称 | 道路养护 | |||",
            "绩效指标 | 一级指标 |",
            "二级指标 |",
            "三级指标 |",
            "指标值 | 二级指标 |",
            "三级指标 |",
            "计划指标值 | ||",
            "产出指标 | 数量指标 | 养护里程 | 100公里 | 数量指标 | 养护里程 | 35公里 |",
            "投资规模控制指标 | 预算执行率 | ≥90% | 投资规模控制指标 | 预算执行率 | ≥95% |",
        )
    )
    assert [(i.level2, i.content, i.value) for i in d.indicators] == [
        ("数量指标", "养护里程", "35公里"),
        ("投资规模控制指标", "预算执行率", "≥95%"),
    ]


def test_a_schedule_given_a_cell_a_line_ends_at_the_next_section(read_one) -> None:
    """One cell a line, labels run on into their values: the schedule ends at the
    line that opens with the next section's label (the goals, the indicator
    table's header), not at the end of the text."""
    d = read_one(
        _lines(
            "专项资金绩效目标表",
            "专项名称乡村道路养护",
            "专项实施进度计划专项实施内容计划开始时间计划完成时间",
            "道路养护2021.01.012021.12.31",
            "专项长期绩效目标三年内全县道路优良率达到90%。",
            "专项年度绩效目标养护道路35公里。",
        )
    )
    assert len(d.schedule) == 1
    assert d.goals == {"long_term": "三年内全县道路优良率达到90%。", "annual": "养护道路35公里。"}


def test_lines_that_cannot_be_form_cells_read_as_before(read_one) -> None:
    """ASCII lines with no digit skip the row builder only while nothing waits for a
    value: after a label they are still its value."""
    d = read_one(
        _lines(
            "项目支出绩效目标表",
            "Copyright example.gov",
            "项目名称",
            "Road Maintenance",
            "主管部门",
            "N/A",
            "var x = y;",
        )
    )
    assert (d.name, d.department) == ("Road Maintenance", "N/A")
    assert d.unrecognized == ["Copyright example.gov", "var x = y;"]


def test_the_amount_handed_down_is_the_total(read_one) -> None:
    """中央对地方转移支付区域绩效目标表: "下达资金总额" labels the total, its amount
    given on the next line of a table printed one cell a line."""
    d = read_one(
        _lines(
            "中央对地方转移支付区域绩效目标表(2025年度)",
            "项目名称 |",
            "居家养老服务 | ||||",
            "资金情况 |",
            "下达资金总额 |",
            "1916 | |||",
        )
    )
    assert (d.name, d.money.total.amount) == ("居家养老服务", Decimal("1916"))


def test_goal_column_headings_name_the_goals_of_the_row_below(read_one) -> None:
    """A row "总体目标 | 实施周期总目标(2022年--2024年) | 年度目标": the block's label and the
    headings of its goal columns; the goals are the cells of the next row, in order.
    A heading is no goal value, and one with no cell under it is not a blank goal."""
    d = read_one(
        _lines(
            "某市财政项目支出绩效目标表 | |||",
            "项目名称 | 道路养护 | |||",
            "总体目标 | 实施周期总目标(2022年--2024年) | 年度目标 | |||",
            "三年养护道路100公里。 | 年内养护道路35公里。 | |||",
        )
    )
    assert d.goals == {"long_term": "三年养护道路100公里。", "annual": "年内养护道路35公里。"}
    one = read_one(
        _lines(
            "某市财政项目支出绩效目标表 | |||",
            "总体目标 | 实施周期总目标(2022年--2024年) | 年度目标 | |||",
            "三年养护道路100公里。 |",
        )
    )
    assert one.goals == {"long_term": "三年养护道路100公里。"}
