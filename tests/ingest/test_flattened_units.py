"""A flattened table's values end at their unit: 百分比 is one ("=90百分比", as budget systems
print a rate's 度量单位). A made-up form, not r404's."""

from __future__ import annotations

from perflint.catalog import builtin_catalog
from perflint.engine.config import Config
from perflint.engine.core import Engine
from perflint.ingest.files import load_bytes

TEXT = (
    "项目支出绩效目标表(2024年度)项目名称城区路灯节能改造主管部门某区城市管理局项目实施计划组织实施单位"
    "某区路灯所政策依据某财建\n[2023]12号年度绩效目标完成城区路灯节能改造一级指标二级指标三级指标指标目标值"
    "产出指标数量指标改造路灯数量=800盏效益指标社会效益指标夜间出行安全明显提升"
    "满意度指标服务对象满意度居民满意度=90百分比\n"
)


def test_a_value_in_percent_words_ends_the_row_it_closes():
    fr = load_bytes(TEXT.encode("utf-8"), "flat.txt")
    [decl] = fr.declarations
    assert decl.indicators[-1].value == "=90百分比"
    assert decl.indicators[-1].content.endswith("居民满意度")


def test_no_missing_value_is_claimed_for_it():
    fr = load_bytes(TEXT.encode("utf-8"), "flat.txt")
    [rep] = Engine(builtin_catalog(), Config(today="2024-06-01")).file_reports(fr, "flat.txt")
    assert "VAL001" not in {f.code for f in rep.iter_findings()}
