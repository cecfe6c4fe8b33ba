"""A table whose rows come out named by bare numbers was read with its columns shifted.

Set J's rj13 (a town's list of projects, one project a row, 产出 / 效益 / 满意度 as columns,
a 序号 column first) was read as one form whose rows were named "1", "10", "2" with the
project names as values, and every cell became a 满意度 row: 66 findings, 25 of them errors,
49 false.  An indicator is never named by a bare number, so when such names are common in rows
that state no category of their own, the table is marked partial and no row is judged.  The
forms below are made up, in other wordings."""

from __future__ import annotations

import pytest

from perflint.catalog import builtin_catalog
from perflint.engine.config import Config
from perflint.engine.core import Engine
from perflint.ingest.files import load_bytes

#: a town's list of projects, one a row, with the target columns after the money; the header
#: breaks its category columns over lines, as the page's export did
PROJECT_LIST = """某镇2024年衔接资金项目计划表 | |||||||
项目计划情况 | |||||||
序号 | 项目名称 | 建设期(月) | 责任人 | 资金来源及规模 | 绩效目标 | 带动机制 | ||
资金来源 | 资金(万元) | 产出 指标 |
效益 指标 |
满意度 指标 |
||||
1 | 东岭村茶叶加工厂 | 8 | 王某 | 县级 | 120 | 新建加工厂房600平方米,购置揉捻机2台。 | 带动农户增收≥30户 | 群众满意度≥90% | 厂房归村集体所有,出租收益用于公益岗位。 |
2 | 西岭村冷库建设 | 6 | 李某 | 县级 | 80 | 新建冷库1座,容量300吨。 | 村集体年收益≥3万元 | 群众满意度≥90% | 冷库归村集体所有,租赁收益按比例分红。 |
3 | 南岭村道路硬化 | 5 | 张某 | 县级 | 60 | 硬化道路2公里,宽4.5米。 | 受益群众≥500人 | 群众满意度≥90% | 道路由村委会负责日常管护。 |
"""

#: a filer who wrote numbers where the indicator names go, each row with its own category
NUMBERS_AS_NAMES = """项目支出绩效目标表(2023年度) | | | |
项目名称 | 集镇环境整治 | | |
一级指标 | 二级指标 | 指标内容 | 指标值 |
产出指标 | 数量指标 | 60 | 100 |
产出指标 | 质量指标 | 60 | 100 |
效益指标 | 社会效益指标 | 30 | 100 |
满意度指标 | 服务对象满意度指标 | 10 | 100 |
"""


@pytest.fixture(scope="module")
def engine() -> Engine:
    return Engine(builtin_catalog(), Config(today="2024-03-01"))


def _declarations(engine: Engine, text: str):
    fr = load_bytes(text.encode("utf-8"), "form.txt")
    [rep] = engine.file_reports(fr, "form.txt")
    return rep.declarations


def test_rows_named_by_numbers_mark_the_table_unread_and_nothing_is_judged(engine):
    with_rows = [d for d in _declarations(engine, PROJECT_LIST) if d.reading and d.reading["indicator_rows"]]
    assert with_rows  # the list was read into rows (the case this guards)
    for d in with_rows:
        assert d.reading["sections"]["indicators"] == "partial"
        assert d.reading["unreliable_rows"] == list(range(d.reading["indicator_rows"]))
        assert not d.grade
        codes = {f.code for f in d.findings}
        assert not codes & {"IND004", "IND007", "SAT002", "SAT004", "VAL001"}, codes


def test_numbers_beside_their_own_categories_are_the_filers_and_are_reported(engine):
    [d] = _declarations(engine, NUMBERS_AS_NAMES)
    assert d.reading is not None and d.reading["indicator_rows"] == 4
    assert d.reading["unreliable_rows"] == []
    assert "IND004" in {f.code for f in d.findings}
