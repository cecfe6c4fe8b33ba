"""One cell per line: a date alone on its line is the value of the indicator row
that waits for it, and still a sign-off date once the rows are complete."""

from __future__ import annotations

import pytest


def _cells(*cells: str) -> str:
    return "\n".join(cells) + "\n"


HEAD = (
    "项目绩效目标表",
    "(2025年度)",
    "项目名称",
    "社区路灯更换",
    "一级指标",
    "二级指标",
    "三级指标",
    "指标值",
    "产出指标",
    "数量指标",
    "更换路灯数量",
    "≥240盏",
    "产出指标",
    "时效指标",
)


@pytest.mark.parametrize("date", ["2025年10月15日", "2025-10-15", "2025.10.15"])
def test_a_date_after_an_indicator_name_is_its_value(read_one, date) -> None:
    text = _cells(*HEAD, "路灯更换完成日期", date, "满意度指标", "服务对象满意度指标", "居民满意率", "≥85%")
    d = read_one(text)
    assert [(i.content, i.value) for i in d.indicators] == [
        ("更换路灯数量", "≥240盏"),
        ("路灯更换完成日期", date),
        ("居民满意率", "≥85%"),  # the table went on past the date
    ]


def test_a_date_after_a_complete_row_still_ends_the_table(read_one) -> None:
    text = _cells(*HEAD, "路灯更换完成日期", "10月底前", "2025年3月2日", "居民满意率")
    d = read_one(text)
    assert [(i.content, i.value) for i in d.indicators] == [
        ("更换路灯数量", "≥240盏"),
        ("路灯更换完成日期", "10月底前"),
    ]
