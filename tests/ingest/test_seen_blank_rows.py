"""A field's blank cell seen in rows of web-page text (issue 11/12): a label alone on its row, its
empty cell closed, in a table whose next row carries its value beside its label, is a blank answer
the checks may claim; a label whose value may sit in the row below is not.

The forms are made up; the layouts are those of crawled HTML tables (cells between bars).
"""

from __future__ import annotations

from perflint.ingest.files import load_bytes


def _reading(text: str):
    decl = load_bytes(text.encode("utf-8"), "x.txt").declarations[0]
    assert decl.reading is not None
    return decl, decl.reading


_HEAD = "项目支出绩效目标表\n(2024年度)\n项目名称 | 社区绿化养护 |\n"
_TABLE = "年度绩效目标 | 完成全年养护 |\n一级指标 | 二级指标 | 三级指标 | 指标值 |\n产出指标 | 数量指标 | 养护面积 | 30万平方米 |\n"


def test_a_lone_label_row_with_its_cell_closed_empty_before_a_labelled_row_is_blank():
    for blank_row in ("主管部门 |  |\n", "| 主管部门 | |\n", "主管部门 | | |\n"):
        decl, reading = _reading(_HEAD + blank_row + "实施单位 | 区园林所 |\n" + _TABLE)
        assert decl.department == ""
        assert "/department" in reading.blank_fields, blank_row


def test_a_lone_label_row_whose_value_may_be_below_is_not_claimed_blank():
    for rows in (
        "主管部门 |  |\n区园林局 | |\n实施单位 | 区园林所 |\n",  # the next row opens with no label
        "主管部门 | 实施单位 |\n区园林局 | 区园林所 |\n",  # a header row of two labels, values below
        "主管部门\n实施单位 | 区园林所 |\n",  # no closed empty cell: the row may be cut
    ):
        _, reading = _reading(_HEAD + rows + _TABLE)
        assert "/department" not in reading.blank_fields, rows
    # the row below is a header row (labels only): its values, and maybe this one's, are elsewhere
    _, reading = _reading(_HEAD + "主管部门 |  |\n" + _TABLE.split("\n", 1)[1])
    assert "/department" not in reading.blank_fields
