"""The rules of issue 14 on real forms: silent on the seed and on the clean
example, and catching the defects a reviewer labelled in the real forms they
were written for.
"""

from __future__ import annotations

from dataclasses import replace

import pytest
from support.paths import DATA, EXAMPLES, SEED

from perflint.catalog import builtin_catalog
from perflint.engine import Engine
from perflint.engine.config import Config

NEW = (
    "CON001",
    "CON002",
    "CON003",
    "CON004",
    "CON005",
    "CON006",
    "ARI001",
    "ARI002",
    "ARI003",
    "ARI004",
    "VAL008",
    "VAL009",
    "VAL010",
    "COST004",
    "COST005",
    "COST006",
    "COST007",
    "COST008",
    "IND012",
    "BUD008",
    "BUD009",
    "TXT006",
    "DATE007",
    "DATE008",
    "DATE009",
    "DATE010",
    "CON007",
    "CON008",
    "CON009",
    "CON010",
    "CON011",
    "CON012",
    "COST009",
    "CON013",
)


@pytest.fixture(scope="module")
def catalog():
    return builtin_catalog()


# -- the seed, the clean examples and the real forms -------------------------------------------


@pytest.fixture(scope="module")
def engine(catalog):
    return Engine(catalog, replace(Config(), profile="hunan-2019", today="2026-12-04"))


def _codes(engine, path):
    result = engine.run([str(path)])
    return [(f.code, f.pointer) for fr in result.files for d in fr.declarations for f in d.findings]


def test_silent_on_the_seed(engine):
    assert [c for c in _codes(engine, SEED) if c[0] in NEW] == []


def test_silent_on_the_clean_example(engine):
    assert [c for c in _codes(engine, EXAMPLES / "clean-library-2023.txt") if c[0] in NEW + ("VAL005",)] == []


@pytest.mark.parametrize(
    "form, expected",
    [
        ("r102", {"CON003", "VAL008", "BUD009"}),  # 70 % goal vs ≥100 %; 854万854万
        ("r301", {"VAL005"}),  # 成本控制: 严格按照预算标准1000元/人… with no ≤ (the amount read as 1000元/人)
        ("r114", {"ARI002", "CON004", "VAL009"}),  # ≤620万/月 × 11 months > 5652; 保障期限 = the period
        ("r202", {"CON001"}),  # 质量达标率100% / >=98%
        ("r107", {"CON002", "COST005"}),  # 物业费 8个; 项目总成本 ≤1125万元 = the budget
        ("r119", {"COST005"}),  # 项目总成本 ≤1000万元 = the budget
        ("r205", {"COST005"}),  # 项目建设成本 ≤65万元 = the budget
        ("r316", {"COST006", "COST008"}),  # 出差单位成本 =0万元/人, 办公费总成本 =0万元; 出差总成本 =1万元
        ("r213", {"TXT004"}),  # 图班 for 图斑
        ("r217", {"TXT004"}),  # 强制免率 for 强制免疫率
        ("r111", {"VAL010", "TXT004"}),  # 大力支出 for 大力支持
        ("r201", {"CON002", "VAL008", "VAL009"}),  # 人口数 ≥10户; 完成及时率 >=100%; ≤28.40/株
        ("r222", {"BUD008", "CON001", "IND012"}),  # 基本支出 110.61 / 171.41; 90% / 1; 正常运行 100%
        ("r313", {"COST007"}),  # 成本控制率 100% is the only cost indicator (164万元, 280人次)
        ("r315", {"CON005"}),  # 项目期 1年 with 449.8万元 medium-term and 189.8万元 annual funds
        ("r305", {"DATE009"}),  # 项目起止时间 20246-202516
        ("r119", {"CON006"}),  # 结转2024年…资金 in the goal, all 1200万元 as 财政拨款
        ("r101", {"ARI004"}),  # plan 20 + 20 + 10 = 50万元 against 25万元 a year, no medium-term total
        ("r304", {"DATE010"}),  # 2023 form, 250万元 for the year only, 服务周期 2023.07-2024.01
        ("r408", {"CON007"}),  # a 2023 notice whose table is named 2022年度…专项资金
        ("r123", {"CON008"}),  # 实施期目标 = 项目概况 word for word (a list of what the money is for)
        ("r205", {"DATE010"}),  # 建设周期 2023年4月-2024年2月, 项目总预算 = 当年预算 = 65万元
        ("r903", {"CON009", "CON002"}),  # 逾期发放率 >=100%: every payment late; 户数 >=101人/次
        ("r904", {"CON009", "CON010"}),  # 减少国有资产闲置率 =100%; 门面数量 =9 间数
        ("r704", {"CON011"}),  # 防治作业面积19.699万亩, 无公害防治面积19.699亩
        ("r604", {"CON012"}),  # 知晓率显著提升 100%
        ("r401", {"COST009"}),  # 参审案件补助 100元 on 24万元: per case?
        ("r507", {"COST007"}),  # 预算(或投资规模)控制指标: only 年度预算执行率 ≥90%
    ],
)
def test_catches_the_labelled_defects_of_real_forms(engine, form, expected):
    got = {code for code, _ in _codes(engine, DATA / "real" / f"{form}.txt")}
    assert expected <= got, sorted(expected - got)
