"""One cell per line: a 二级 category the vocabulary does not know is known by its place,
the short line ending in 指标 right after the row's 一级 category; a name ending in 指标
after both categories stays the name."""

from __future__ import annotations


def test_an_unknown_level2_right_after_level1_is_the_rows_category(read_one) -> None:
    text = "\n".join(
        [
            "农田水利维修项目绩效目标表",
            "项目名称",
            "农田水利维修",
            "一级指标",
            "二级指标",
            "三级指标",
            "指标值",
            "产出指标",
            "工程进度控制指标",
            "渠道维修完成率",
            "≥95%",
            "效益指标",
            "群众获得感指标",
            "灌溉保证率提高",
            "≥10%",
            "产出指标",
            "数量指标",
            "水质达标指标",
            "3项",
        ]
    )
    d = read_one(text)
    assert [(i.level1, i.level2, i.content, i.value) for i in d.indicators] == [
        ("产出指标", "工程进度控制指标", "渠道维修完成率", "≥95%"),
        ("效益指标", "群众获得感指标", "灌溉保证率提高", "≥10%"),
        ("产出指标", "数量指标", "水质达标指标", "3项"),
    ]
