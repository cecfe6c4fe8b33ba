"""One cell per line: a 二级 category of another template, known by its shape (a known
category with 目标 for 指标, a known category of three characters or more with words in
front), is the row's category, not its name; two categories run together are not one."""

from __future__ import annotations

from perflint.domain.vocab import vocabulary


def _form(*rows: tuple[str, str, str, str]) -> str:
    lines = ["乡村道路养护项目绩效目标表", "项目名称", "乡村道路养护", "一级指标", "二级指标", "三级指标", "指标值"]
    for row in rows:
        lines.extend(row)
    return "\n".join(lines)


def test_a_category_with_target_for_indicator_is_the_rows_category(read_one) -> None:
    d = read_one(
        _form(
            ("产出指标", "数量指标", "养护道路里程", "42公里"),
            ("效益指标", "经济效益目标", "运输成本下降", "≥5%"),
            ("效益指标", "可持续影响目标", "道路使用年限", "≥8年"),
        )
    )
    assert [(i.level1, i.level2, i.content, i.value) for i in d.indicators] == [
        ("产出指标", "数量指标", "养护道路里程", "42公里"),
        ("效益指标", "经济效益目标", "运输成本下降", "≥5%"),
        ("效益指标", "可持续影响目标", "道路使用年限", "≥8年"),
    ]


def test_a_qualified_satisfaction_category_is_the_rows_category(read_one) -> None:
    d = read_one(
        _form(
            ("产出指标", "时效指标", "完工时间", "11月底前"),
            ("满意度指标", "沿线村民满意度指标", "村民满意度", "≥92%"),
        )
    )
    assert [(i.level2, i.content, i.value) for i in d.indicators] == [
        ("时效指标", "完工时间", "11月底前"),
        ("沿线村民满意度指标", "村民满意度", "≥92%"),
    ]


def test_shapes_that_are_no_category() -> None:
    v = vocabulary()
    assert v.category("沿线村民满意度目标") == (2, "满意度指标")
    assert v.category("经济效益目标") == (2, "经济效益指标")
    assert v.category("空气质量指标") is None  # a short category with words in front: a name
    assert v.category("成本指标经济成本指标") is None  # two categories run together
    assert v.category("年度目标") is None
    assert v.category("培训人数3000人指标") is None
