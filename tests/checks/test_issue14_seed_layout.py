"""The issue-14 consistency rules on made-up forms in the seed's layout (one cell per
line, tab-indented, the Hunan 2019 专项资金 template): the seed with one row or field
changed fires the rule there, and the seed as it is stays silent."""

from __future__ import annotations

from dataclasses import replace

import pytest
from support.paths import SEED

from perflint.catalog import builtin_catalog
from perflint.engine import Engine
from perflint.engine.config import Config

#: the seed's 时效指标 row: its content cell and its value cell
_TIMELY_ROW = (
    "\t电子政务把不同的政府职能部门通过网络集成在一起，让公众享受“一站式”服务，"
    "以有效地节省服务时间，提高服务效率。\n\t提高办事效率\n"
)


@pytest.fixture(scope="module")
def engine():
    return Engine(builtin_catalog(), replace(Config(), profile="hunan-2019", today="2026-12-04"))


def _seed() -> str:
    return SEED.read_text("utf-8")


def _findings(engine, tmp_path, text: str) -> list[tuple[int, str, str, str]]:
    path = tmp_path / "form.txt"
    path.write_text(text, "utf-8")
    result = engine.run([str(path)])
    return [
        (d.index, f.code, f.pointer, f.message.get("zh", ""))
        for fr in result.files
        for d in fr.declarations
        for f in d.findings
    ]


def _with_timely_row(content: str, value: str) -> str:
    text = _seed()
    assert _TIMELY_ROW in text
    return text.replace(_TIMELY_ROW, f"\t{content}\n\t{value}\n", 1)


def test_the_seed_has_none_of_these_findings(engine, tmp_path):
    assert [
        f for f in _findings(engine, tmp_path, _seed()) if f[1] in ("CON009", "CON010", "CON011", "CON012", "COST009")
    ] == []


@pytest.mark.parametrize(
    "code, bad, good, said",
    [
        # CON009: a rate to keep low given a floor; the same row kept low is silent
        pytest.param(
            "CON009", ("网站运行故障率", "≥98%"), ("网站运行故障率", "≤2%"), ("故障", "≥98%"), id="unwanted-rate-floor"
        ),
        # CON010: the figure's unit written as the count's name (≥80人数 for ≥80人)
        pytest.param(
            "CON010", ("培训网站维护人员", "≥80人数"), ("培训网站维护人员", "≥80人"), ("“人”",), id="unit-count-name"
        ),
        # CON012: a change named (明显提高) but a level given
        pytest.param(
            "CON012", ("网上办事知晓率明显提高", "95%"), ("网上办事知晓率", "≥95%"), (), id="change-named-level"
        ),
        # CON002: 人/次 is 人次 written with a slash, a count of people, not of households
        pytest.param(
            "CON002", ("网上办事企业户数", "≥300人/次"), ("网上办事企业户数", "≥300户"), (), id="households-in-visits"
        ),
    ],
)
def test_timely_row_changed_in_the_seed_layout(engine, tmp_path, code, bad, good, said):
    """The seed's 时效指标 row rewritten: the bad row fires the rule on that row's value
    (its message naming what it saw), the good row stays silent."""
    got = [f for f in _findings(engine, tmp_path, _with_timely_row(*bad)) if f[1] == code]
    assert [(i, p) for i, _, p, _ in got] == [(0, "/indicators/1/value")]
    for part in said:
        assert part in got[0][3], part
    assert [f for f in _findings(engine, tmp_path, _with_timely_row(*good)) if f[1] == code] == []


def test_wan_dropped_in_the_seed_layout(engine, tmp_path):
    goal = "\t政府通过统一平台或跨平台结构提供服务，\n"
    text = _seed()
    assert goal in text
    bad = text.replace(goal, "\t全年网上办件1.2345万件，其中网上预审1.2345件，办结率100%\n", 1)
    got = [f for f in _findings(engine, tmp_path, bad) if f[1] == "CON011"]
    assert [(i, p) for i, _, p, _ in got] == [(0, "/goals/annual")]
    good = text.replace(goal, "\t全年网上办件1.2345万件，其中网上预审1.2345万件，办结率100%\n", 1)
    assert [f for f in _findings(engine, tmp_path, good) if f[1] == "CON011"] == []


def test_cost_per_unit_missing_in_the_seed_layout(engine, tmp_path):
    # COST009: a payment standard of 200元 on a form of 556万元, with no per-unit
    cost = "\t成本指标\n\t/\n\t/\n"
    text = _seed()
    assert cost in text
    bad = text.replace(cost, "\t成本指标\n\t网站信息员补助\n\t200元\n", 1)
    got = [f for f in _findings(engine, tmp_path, bad) if f[1] == "COST009"]
    assert [(i, p.endswith("/value")) for i, _, p, _ in got] == [(0, True)]
    good = text.replace(cost, "\t成本指标\n\t网站信息员补助\n\t≤200元/人·月\n", 1)
    assert [f for f in _findings(engine, tmp_path, good) if f[1] == "COST009"] == []


#: a made-up form in a pipe table with a unit column (the seed's template has none)
_UNIT_COLUMN_FORM = """项目支出绩效目标申报表
（2024年度）
| 项目名称 | 示例社区养老服务补助 |
| 主管部门 | 示例区民政局 |
| 资金总额（万元） | 120 |
| 年度绩效目标 | 为全区1200名高龄老人发放补助，发放及时率100% |
| 一级指标 | 二级指标 | 三级指标 | 指标值 | 计量单位 |
| 产出指标 | 数量指标 | 补助发放人数 | ≥1200 | 人 |
| 产出指标 | 时效指标 | 补助发放及时率 | 100 | % |
| 效益指标 | 社会效益指标 | 高龄老人基本生活保障 | {value} | {unit} |
| 满意度指标 | 服务对象满意度指标 | 受助老人满意度 | ≥90 | % |
"""


@pytest.mark.parametrize(
    "value, unit, fires", [("应保尽保", "%", True), ("应保尽保", "无", False), ("100", "%", False)]
)
def test_unit_without_figure_in_a_unit_column_table(engine, tmp_path, value, unit, fires):
    text = _UNIT_COLUMN_FORM.format(value=value, unit=unit)
    got = [(i, p) for i, code, p, _ in _findings(engine, tmp_path, text) if code == "CON013"]
    assert got == ([(0, "/indicators/2/value")] if fires else [])


_BUDGET_CONTROL_FORM = """项目支出绩效目标申报表
（2024年度）
| 项目名称 | 示例农村道路养护补助 |
| 主管部门 | 示例区交通运输局 |
| 资金总额（万元） | 300 |
| 年度绩效目标 | 养护农村公路120公里，优良路率不低于80% |
| 一级指标 | 二级指标 | 三级指标 | 指标值 |
| 预期产出指标 | 数量指标 | 养护农村公路里程 | ≥120公里 |
| 预期产出指标 | 质量指标 | 优良路率 | ≥80% |
| 预期产出指标 | 时效指标 | 养护任务完成时间 | 2024年12月底前 |
| 预期产出指标 | 预算控制指标 | {name} | {value} |
| 预期效果指标 | 社会效益指标 | 群众出行条件 | 通行时间缩短10%以上 |
| 满意度指标 | 服务对象满意度指标 | 沿线群众满意度 | ≥90% |
"""


@pytest.mark.parametrize(
    "name, value, fires", [("年度预算执行率", "≥95%", True), ("每公里养护成本", "≤2.5万元/公里", False)]
)
def test_budget_control_row_is_a_cost_row(engine, tmp_path, name, value, fires):
    # COST007 on a table whose cost category is headed 预算控制指标
    text = _BUDGET_CONTROL_FORM.format(name=name, value=value)
    got = [(i, p) for i, code, p, _ in _findings(engine, tmp_path, text) if code == "COST007"]
    assert got == ([(0, "/indicators/3/value")] if fires else [])
