"""One cell per line: a name that ends in a figure or a result ("…合格率100%",
"…明显改善") is the whole name when its value comes on the next line; with no value
below it, the cell is the name and its value fused, as before."""

from __future__ import annotations


def _form(*cells: str) -> str:
    head = ["社区路灯改造项目绩效目标表", "项目名称", "社区路灯改造", "一级指标", "二级指标", "三级指标", "指标值"]
    return "\n".join([*head, *cells])


def test_a_name_ending_in_a_figure_keeps_it_when_a_value_follows(read_one) -> None:
    d = read_one(
        _form(
            "产出指标", "质量指标", "灯杆安装验收合格率100%", "≥97%",
            "效益指标", "社会效益指标", "夜间出行条件明显改善", "90%",
            "产出指标", "数量指标", "改造路灯数量", "120盏",
        )
    )  # fmt: skip
    assert [(i.content, i.value) for i in d.indicators] == [
        ("灯杆安装验收合格率100%", "≥97%"),
        ("夜间出行条件明显改善", "90%"),
        ("改造路灯数量", "120盏"),
    ]


def test_a_name_and_value_fused_with_no_value_below_are_cut(read_one) -> None:
    d = read_one(
        _form(
            "产出指标", "质量指标", "亮灯率≥98%",
            "",
            "产出指标", "时效指标", "完工时间", "10月底前",
            "满意度指标", "服务对象满意度指标", "居民满意度≥90%",
        )
    )  # fmt: skip
    assert [(i.level2, i.content, i.value) for i in d.indicators] == [
        ("质量指标", "亮灯率", "≥98%"),
        ("时效指标", "完工时间", "10月底前"),
        ("服务对象满意度指标", "居民满意度", "≥90%"),
    ]
