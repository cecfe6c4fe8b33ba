"""NDRC tables (中央预算内投资计划绩效目标表): 产出/效益/满意度 stand one level down under
实施效果指标, then 过程管理指标; the finance template's categories (数量/质量/时效 under 产出,
a cost block) are not theirs. A made-up table, not r216's."""

from __future__ import annotations

import pytest

from perflint.catalog import builtin_catalog
from perflint.engine.config import Config
from perflint.engine.core import Engine
from perflint.ingest.files import load_bytes

NDRC = """中央预算内投资计划绩效目标表
(2024年度)
专项名称 | 农业节水灌溉改造 |
下达地方或单位 | 桐溪县发展改革局 |
本次下达中央预算内投资(万元) | 600 |
总体目标 | 完成桐溪县东片灌区节水改造 |
一级指标 | 二级指标 | 三级指标 | 指标值 |
实施效果指标 | 产出指标 | 改造灌溉渠道长度 | ≥18公里 |
实施效果指标 | 效益指标 | 灌区灌溉水利用系数 | ≥0.6 |
实施效果指标 | 满意度指标 | 受益农户满意度 | ≥90% |
过程管理指标 | 资金管理指标 | 中央预算内投资支付率 | ≥90% |
过程管理指标 | 项目管理指标 | 项目开工率 | 100% |

文件下载
"""


@pytest.fixture(scope="module")
def codes() -> list[str]:
    fr = load_bytes(NDRC.encode("utf-8"), "ndrc.txt")
    [rep] = Engine(builtin_catalog(), Config(today="2024-06-01")).file_reports(fr, "ndrc.txt")
    return sorted(f.code for f in rep.iter_findings())


def test_output_one_level_down_is_output(codes):
    assert "IND001" not in codes  # 产出指标 is there, under 实施效果指标


def test_no_finance_template_categories_are_asked_of_it(codes):
    assert "IND002" not in codes  # no 数量/质量/时效 under 产出 in this template
    assert "COST001" not in codes  # and no cost block


def test_a_finance_table_without_output_still_gets_it():
    """Control: the same rows with 产出指标 as a first level of its own but no output row."""
    text = NDRC.replace("实施效果指标 | 产出指标 | 改造灌溉渠道长度 | ≥18公里 |\n", "")
    text = text.replace("实施效果指标 | ", "")
    fr = load_bytes(text.encode("utf-8"), "fin.txt")
    [rep] = Engine(builtin_catalog(), Config(today="2024-06-01")).file_reports(fr, "fin.txt")
    assert "IND001" in {f.code for f in rep.iter_findings()}
