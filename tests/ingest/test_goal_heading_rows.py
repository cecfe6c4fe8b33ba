"""Goal headings in rows of their own, the goals in the rows below them (issue 12)."""

from __future__ import annotations


def _lines(*rows: str) -> str:
    return "\n".join(rows)


def test_goal_headings_one_a_row_then_the_goals_a_row_each(read_one) -> None:
    """ "总体目标 |", then "长期目标 |" and "当年目标 |" each a row of its own, then the two
    goals a row each: the block's label, its two columns, their texts in order."""
    d = read_one(
        _lines(
            "某区项目支出绩效目标表 | ||",
            "项目名称 | 校园安保服务 | ||",
            "总体目标 |",
            "长期目标(2025年—2027年) |",
            "当年目标 |",
            "| ||",
            "三年内全区中小学安保服务全覆盖。 |",
            "本年为12所学校配备安保人员。 |",
            "一级指标 | 二级指标 | 三级指标 | 指标值 |",
            "产出指标 | 数量指标 | 覆盖学校数 | ≥12所 |",
        )
    )
    assert d.goals == {"long_term": "三年内全区中小学安保服务全覆盖。", "annual": "本年为12所学校配备安保人员。"}


def test_goal_labels_all_known_in_one_row_then_one_merged_text(read_one) -> None:
    """A row "总 体 目 标 | 实施期目标 | 年度目标" with every heading a label the vocabulary knows, and
    one text under them (a merged cell): the first column's goal; the second heading
    has no cell under it and is not a blank goal."""
    d = read_one(
        _lines(
            "某县项目支出绩效目标申报表 | |||",
            "项目名称 | 农村饮水维修 | |||",
            "总 体 目 标 | 实施期目标 | 年度目标 | ||",
            "维修供水管网20公里，保障群众饮水安全。 | ||||",
            "绩 效 指 标 | 一级指标 | 二级指标 | 三级指标 | 指标值 |",
            "产出指标 | 数量指标 | 维修管网长度 | ≥20公里 | |",
        )
    )
    assert d.goals == {"long_term": "维修供水管网20公里，保障群众饮水安全。"}


def test_goal_label_alone_then_labels_is_a_blank_goal(read_one) -> None:
    """A goal label alone in its row with the next row a field: nothing below it is a
    goal, so the goal is blank, and the next row is read as before."""
    d = read_one(
        _lines(
            "某县项目支出绩效目标申报表 | |||",
            "年度目标 | |||",
            "项目名称 | 农机购置补贴 | ||",
        )
    )
    assert d.goals == {"annual": ""}
    assert d.name == "农机购置补贴"


def test_goal_labels_with_blank_cells_between_are_labels_with_blank_values(read_one) -> None:
    """ "长期目标 | | 年度目标 |": a blank cell after each label is its blank value, not
    a row of column headings; the text row below is not taken as a goal."""
    d = read_one(
        _lines(
            "某县项目支出绩效目标申报表 | |||",
            "项目名称 | 农机购置补贴 | ||",
            "长期目标 | | 年度目标 | |",
            "备注：无 |",
        )
    )
    assert d.goals == {"long_term": "", "annual": ""}


def test_annual_main_goals_and_results_label_is_the_annual_goal(read_one) -> None:
    """ "年度主要目标和成果" (an approval sheet's label) introduces the annual goal, split
    over two lines in its cell or not."""
    d = read_one(
        _lines(
            "某市财政项目支出绩效目标审批表 | |||",
            "项目名称 | 社区养老驿站运营 | ||",
            "年度主要目标 和成果 | 全年为辖区老人提供助餐服务3万人次。 | ||",
        )
    )
    assert d.goals == {"annual": "全年为辖区老人提供助餐服务3万人次。"}
