"""A sheet that states its money unit in a note ("单位：万元") gives its amounts their currency:
the reader records the note (``money.unit``) and VAL009 does not ask for 元 (r304: "250万" under
"填报单位:(盖章) 单位:万元").
"""

from __future__ import annotations

import pytest
from support.kinds import hits, project, row

from perflint.catalog import builtin_catalog
from perflint.ingest.files import load_bytes


@pytest.fixture(scope="module")
def catalog():
    return builtin_catalog()


FORM = """| 项目支出绩效目标申报表 | | | |
| 填报单位:(盖章) {note} | | | |
| 项目名称 | 城区道路降尘作业 | | |
| 年度资金总额 | 250 | | |
| 一级指标 | 二级指标 | 三级指标 | 指标值 |
| 产出指标 | 数量指标 | 降尘作业道路长度 | ≥30公里 |
| | 成本指标 | 控制在预算成本内 | 250万 |
"""


@pytest.mark.parametrize("note, unit", [("单位:万元", "万元"), ("金额单位：元", "元"), ("", None)])
def test_the_reader_records_the_sheets_money_unit(note: str, unit: str | None) -> None:
    [decl] = load_bytes(FORM.format(note=note).encode("utf-8"), "form.txt").declarations
    assert decl.money.unit == unit
    assert decl.to_dict()["money"].get("unit") == unit


@pytest.mark.parametrize(("unit", "fires"), [("万元", False), ("元", False), (None, True)])
def test_a_stated_money_unit_gives_wan_its_currency(catalog, unit: str | None, fires: bool) -> None:
    doc = project(
        row("产出指标", "成本指标", "控制在预算成本内", "250万"), row("产出指标", "成本指标", "种植补助", "≤28.40/株")
    )
    doc["money"] = {"unit": unit} if unit else {}
    got = hits(catalog, "money-unit-incomplete", doc)
    assert got == ([("/indicators/0/value", "wan"), ("/indicators/1/value", "per")] if fires else [])
