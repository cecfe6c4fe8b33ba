"""Two column sets side by side (the declared targets, then the approved ones): each row is
one indicator, not two.  Its value is the approved one, the target the unit is held to once
the approval is issued; the declared value is kept under its own heading.  Made-up forms."""

from __future__ import annotations

TABLE = (
    "某区水务局_河道保洁项目支出绩效目标表\n"
    "一级指标 | 二级指标 | 三级指标 | 指标值(申报) | 二级指标 | 三级指标 | 指标值(批复)\n"
    "产出指标 | 数量指标 | 保洁河道长度 | 120公里 | 数量指标 | 保洁河道长度 | 100公里\n"
    "产出指标 | 质量指标 | 水面保洁达标率 | ≥95% | 质量指标 | 水面保洁达标率 | ≥98%\n"
    "效益指标 | 生态效益指标 | 河道水质 | 明显改善 | 生态效益指标 | 河道水质 | Ⅳ类以上\n"
)


def test_each_row_of_two_sets_is_one_indicator_valued_by_the_approved_set(read_one) -> None:
    d = read_one(TABLE)
    assert [(i.level2, i.content, i.value) for i in d.indicators] == [
        ("数量指标", "保洁河道长度", "100公里"),
        ("质量指标", "水面保洁达标率", "≥98%"),
        ("生态效益指标", "河道水质", "Ⅳ类以上"),
    ]
    # the declared value is kept, under its heading, not read as a second row
    assert [i.extra for i in d.indicators] == [{"指标值": "120公里"}, {"指标值": "≥95%"}, {"指标值": "明显改善"}]
