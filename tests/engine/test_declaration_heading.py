"""What heads a declaration in every report is what was read, not a misreading (issue 11).

A capture often puts a label or the next cells where the total's value should be
("年度资金总额: | 全年预算数", "执行数B)", a whole cost table run together): the heading
shows the total only when an amount was read from it."""

from __future__ import annotations

import pytest

from perflint.catalog import builtin_catalog
from perflint.domain.result import RunResult
from perflint.engine.config import Config
from perflint.engine.core import Engine
from perflint.ingest.files import load_bytes
from perflint.report import renderer

FORM = """| 项目支出绩效目标表 | | | | |
| (2022年度) | | | | |
| 项目名称 | 城区公厕提质改造 | | | |
| 主管部门 | 青溪区城市管理局 | | | |
| 项目资金 (万元) | 年度资金总额: | {total} | | |
| 年度总体目标 | 完成城区12座公厕提质改造。 | | | |
| 一级指标 | 二级指标 | 三级指标 | 指标值 | |
| 产出指标 | 数量指标 | 改造公厕座数 | ≥12座 | |
| 满意度指标 | 服务对象满意度指标 | 周边居民满意度 | ≥85% | |
| 填报人 | 李某 | 填报日期 | 2022年1月5日 | |
"""


@pytest.fixture(scope="module")
def engine() -> Engine:
    return Engine(builtin_catalog(), Config(today="2022-06-01"))


def heading(engine: Engine, total: str) -> tuple[str | None, str]:
    fr = load_bytes(FORM.format(total=total).encode("utf-8"), "form.txt")
    [rep] = engine.file_reports(fr, "form.txt")
    [decl] = rep.declarations
    opinion = renderer("opinion")(RunResult(files=[rep]), None)
    return decl.total, opinion.splitlines()[0]


@pytest.mark.parametrize("misread", ["全年预算数", "执行数B)", "成本构成金额测算(公式)依据2020年实际执行数"])
def test_a_total_that_is_no_amount_heads_no_report(engine, misread):
    total, first = heading(engine, misread)
    assert total is None
    assert first == "【城区公厕提质改造】（项目支出，2022年度，青溪区城市管理局）"


def test_a_total_read_as_an_amount_heads_the_report(engine):
    total, first = heading(engine, "85.00")
    assert total == "85 万元"
    assert first.endswith("资金总额 85 万元）")
