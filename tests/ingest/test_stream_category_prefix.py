"""One cell per line: an indicator name that begins with the words of its own category
("成本控制率" under 成本指标) is a name, not that category said again plus a name."""

from __future__ import annotations


def test_a_name_opening_with_its_rows_category_stays_whole(read_one) -> None:
    text = "\n".join(
        [
            "项目绩效目标表",
            "项目名称",
            "城区公厕保洁",
            "一级指标",
            "二级指标",
            "三级指标",
            "指标值",
            "产出指标",
            "数量指标",
            "保洁公厕座数",
            "36座",
            "产出指标",
            "成本指标",
            "成本节约率",
            "≥3%",
            "产出指标",
            "质量指标",
            "质量抽检合格率",
            "≥95%",
            "产出指标",
            "质量指标",  # the category alone, said again under a merged cell: still the level
            "质量指标",
            "保洁达标天数",
            "≥360天",
        ]
    )
    d = read_one(text)
    assert [(i.level2, i.content, i.value) for i in d.indicators] == [
        ("数量指标", "保洁公厕座数", "36座"),
        ("成本指标", "成本节约率", "≥3%"),
        ("质量指标", "质量抽检合格率", "≥95%"),
        ("质量指标", "保洁达标天数", "≥360天"),
    ]
