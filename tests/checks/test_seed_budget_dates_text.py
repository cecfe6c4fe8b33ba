"""The seed submission measured against the reviewer's gold list (catalog part B).

Every hard item of the BUD/DATE/TXT/XF/REV/REL/SRC families must fire, at the
field it concerns, and nothing else of these families may: the listed true
negatives (BUD003/BUD004 on the department form, XF001, XF005, DATE004 on
2018.12, TXT002 on 区县级, REL001 on the first form) included.  The seed is
``tests/data/seed/wangcheng-2019.txt`` (its README gives the provenance).
"""

from __future__ import annotations

from dataclasses import replace

import pytest
from support.paths import SEED

from perflint.catalog import builtin_catalog
from perflint.engine import Engine
from perflint.engine.config import Config

FAMILIES = ("BUD", "DATE", "TXT", "XF", "REV", "REL", "SRC")

# (code, declaration, pointer, severity): F1 = 0, F2 = 1, F3 = 2.
GOLD = {
    # F1 政务公开信息系统维护
    ("DATE001", 0, "/filing_date", "info"),  # 2018.12: month precision
    ("TXT003", 0, "/goals/annual", "info"),  # ends in "，"
    ("TXT005", 0, "/goals/annual", "info"),  # nothing measurable
    ("REV001", 0, "/reviews/0/date", "warning"),  # 主管部门 blank
    ("DATE006", 0, "/schedule/0", "info"),  # one full-year row, 7 items
    ("XF002", 0, "/department", "info"),  # B1: only the 长沙市 prefix differs
    # F2 政务公开日常事务专项和政务大厅窗口工作人员服装
    ("DATE001", 1, "/filing_date", "info"),
    ("TXT005", 1, "/goals/long_term", "info"),
    ("TXT005", 1, "/goals/annual", "info"),
    ("REV001", 1, "/reviews/0/date", "warning"),
    ("DATE006", 1, "/schedule/0", "info"),
    ("REL001", 1, "/name", "info"),  # 服装 only
    ("XF004", 1, "/indicators/2/value", "info"),  # B2: 提高办事效率 as in F1
    # F3 部门整体支出
    ("BUD002", 2, "/money/lines/1", "warning"),  # 按支出性质分 blank: 412.1 + 1286.5 = 1698.6
    ("BUD007", 2, "/money/lines/5", "info"),  # B3: 72.5 万元 without a form, once
    ("TXT002", 2, "/indicators/0/content", "warning"),  # 全县（含省市驻县单位）
    ("TXT003", 2, "/indicators/0/content", "info"),  # 相关政策，；
    ("TXT003", 2, "/indicators/1/content", "info"),  # ＂ vs “”, and 1， vs 1、
    ("TXT004", 2, "/indicators/1/content", "info"),  # 进设, 电力子政务, 网给
    ("TXT005", 2, "/goals/overall", "info"),
    ("TXT001", 2, "/reviews/2/section", "warning"),  # 预预算科
    ("TXT001", 2, "/reviews/3/section", "warning"),  # 绩绩效评价科
    ("REV001", 2, "/reviews/0/date", "warning"),
    ("DATE001", 2, "/filing_date", "info"),
}


@pytest.fixture(scope="module")
def result():
    catalog = builtin_catalog()
    codes = [c for c in catalog.rules if c.startswith(FAMILIES) and catalog.rules[c].enabled_in("hunan-2019")]
    engine = Engine(catalog, replace(Config(), profile="hunan-2019", today="2026-11-25"), only=codes)
    return engine.run([str(SEED)])


@pytest.fixture(scope="module")
def mine(result):
    return [f for f in result.findings if f.code.startswith(FAMILIES)]


def test_gold_items_fire_and_nothing_else(mine) -> None:
    got = {(f.code, f.declaration, f.pointer, str(f.severity)) for f in mine}
    assert got == GOLD


def test_true_negatives(mine) -> None:
    codes = {(f.code, f.declaration) for f in mine}
    for absent in [("BUD003", 2), ("BUD004", 2), ("DATE004", 0), ("DATE004", 1), ("DATE004", 2), ("REL001", 0)]:
        assert absent not in codes
    assert not [f for f in mine if f.code in ("XF001", "XF005")]
    # 区县级 in the 效益 block is not a county term in a district's form
    assert [f.pointer for f in mine if f.code == "TXT002"] == ["/indicators/0/content"]
    # the blank total is REQ006's finding, not BUD002's
    assert not [f for f in mine if f.code.startswith("BUD") and f.pointer == "/money/total"]


def test_counts_per_item(mine) -> None:
    typos = sorted(f.args["wrong"] for f in mine if f.code == "TXT004")
    assert typos == ["电力子政务", "网给", "进设"]
    assert [f.args["keyword"] for f in mine if f.code == "REL001"] == ["服装"]
    assert len([f for f in mine if f.code == "BUD007"]) == 1
    variants = sorted(f.text("en") for f in mine if f.code == "TXT003" and f.declaration == 2)
    assert len(variants) == 3


def test_messages_quote_amounts(mine) -> None:
    [bud] = [f for f in mine if f.code == "BUD002"]
    assert "基本支出 412.1 + 项目支出 1286.5 = 1698.6 万元" in bud.message["zh"]
    assert "1698.6" in (bud.suggestion or {}).get("zh", "")
    assert bud.message["en"] and "{" not in bud.message["en"]
    [gap] = [f for f in mine if f.code == "BUD007"]
    assert "72.5" in gap.message["zh"] and "1214" in gap.message["zh"]


def test_findings_land_on_their_lines(result, mine) -> None:
    lines = result.files[0].lines
    by_key = {(f.code, f.declaration, f.pointer): f for f in mine}
    expectations = {
        ("TXT001", 2, "/reviews/2/section"): "预预算科",
        ("TXT001", 2, "/reviews/3/section"): "绩绩效评价科",
        ("BUD007", 2, "/money/lines/5"): "项目支出",
        ("TXT002", 2, "/indicators/0/content"): "全县",
        ("DATE006", 0, "/schedule/0"): "网络到村到校",
    }
    for key, needle in expectations.items():
        f = by_key[key]
        assert f.span is not None, key
        assert needle in lines[f.span.line - 1], (key, lines[f.span.line - 1])
