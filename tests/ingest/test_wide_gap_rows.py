"""A sheet printed with aligned columns: cells apart by runs of two spaces or more.
A single space is then inside a cell — a label broken in two ("生态效益 指标"), a name
with a space of its own — unless each word is a label or category of its own."""

from __future__ import annotations

from decimal import Decimal


def _sheet(*rows: str) -> str:
    return "\n".join(rows) + "\n"


WIDE = _sheet(
    "项目支出绩效目标表",
    "(2024年度)",
    "项目名称      乡村学校饮水改造",
    "主管部门      临川县教育 体育局",
    "资金总额      42.6",
    "一级指标      二级指标      三级指标      指标值",
    "产出指标      数量指标      改造学校      ≥14所",
    "产出指标      质量指标      水质 达标率      100%",
    "效益指标      生态效益 指标      节水量      ≥800吨",
    "效益指标      社会效益 指标      受益 师生人数      ≥5200人",
    "项目完成 指标      时效指标      完工时间      2024年9月",
    "满意度指标 服务对象满意度指标      师生满意度      ≥92%",
)


def test_a_single_space_is_inside_a_cell_when_wide_gaps_set_the_cells_apart(read_one) -> None:
    d = read_one(WIDE)
    assert d.source.layout == "spaced"
    assert (d.year, d.name, d.money.total.amount) == (2024, "乡村学校饮水改造", Decimal("42.6"))
    assert d.department == "临川县教育 体育局"
    assert [(i.level1, i.level2, i.content, i.value) for i in d.indicators] == [
        ("产出指标", "数量指标", "改造学校", "≥14所"),
        ("产出指标", "质量指标", "水质 达标率", "100%"),
        ("效益指标", "生态效益 指标", "节水量", "≥800吨"),
        ("效益指标", "社会效益 指标", "受益 师生人数", "≥5200人"),
        ("项目完成 指标", "时效指标", "完工时间", "2024年9月"),
        # two categories a narrow gap sets apart are still two cells
        ("满意度指标", "服务对象满意度指标", "师生满意度", "≥92%"),
    ]


def test_rows_with_single_spaces_between_cells_are_still_split_on_them(read_one) -> None:
    # the same rows with one space between cells: no wide gaps, every space may end a cell
    narrow = "\n".join(" ".join(line.split()) for line in WIDE.split("\n"))
    d = read_one(narrow)
    assert ("产出指标", "数量指标", "改造学校", "≥14所") in [
        (i.level1, i.level2, i.content, i.value) for i in d.indicators
    ]
