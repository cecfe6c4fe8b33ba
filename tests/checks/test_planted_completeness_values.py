"""Planted single defects: a clean, well-filled declaration yields no finding
of the REQ/PH/IND/VAL/SAT/COST families, and planting one defect yields
exactly one new finding, at the planted pointer."""

from __future__ import annotations

import copy
from dataclasses import replace

import pytest

from perflint.catalog import builtin_catalog
from perflint.domain.model import Declaration
from perflint.engine import Engine
from perflint.engine.config import Config

FAMILIES = ("REQ", "PH", "IND", "VAL", "SAT", "COST")

CLEAN = {
    "form_type": "专项资金",
    "year": 2024,
    "year_text": "2024年度",
    "filing_unit": "某县交通运输局",
    "name": "农村公路日常养护",
    "attribute": "延续",
    "attribute_text": "延续专项√□        新增专项□",
    "department": "某县交通运输局",
    "money": {"total": {"text": "120", "amount": "120", "unit": "万元"}},
    "functions": "负责全县农村公路的规划、建设、养护和路政管理工作。",
    "basis": "《某县农村公路养护管理办法》（某政发〔2021〕12号）",
    "schedule": [
        {"content": "第一季度完成路况普查", "start": "2024.1", "end": "2024.3"},
        {"content": "第二至四季度实施日常养护和病害修复", "start": "2024.4", "end": "2024.12"},
    ],
    "goals": {
        "long_term": "到2026年全县农村公路优良中等路率达到85%以上",
        "annual": "2024年完成420公里农村公路日常养护，优良中等路率不低于80%",
    },
    "indicators": [
        {"level1": "产出指标", "level2": "数量指标", "content": "日常养护里程", "value": "≥420公里"},
        {"level1": "产出指标", "level2": "质量指标", "content": "路面病害修复率", "value": "≥95%"},
        {"level1": "产出指标", "level2": "时效指标", "content": "病害修复完成时限", "value": "发现后≤7天"},
        {"level1": "产出指标", "level2": "成本指标", "content": "每公里年养护成本", "value": "≤2800元/公里"},
        {
            "level1": "效益指标",
            "level2": "经济效益指标",
            "content": "/",
            "value": "/",
            "note": "养护项目不直接产生经济收益",
        },
        {"level1": "效益指标", "level2": "社会效益指标", "content": "沿线群众平均出行时间缩短", "value": "≥10分钟"},
        {
            "level1": "效益指标",
            "level2": "生态效益指标",
            "content": "/",
            "value": "/",
            "note": "日常养护不改变沿线生态环境",
        },
        {"level1": "效益指标", "level2": "可持续影响指标", "content": "优良中等路率", "value": "≥80%"},
        {"level1": "满意度指标", "level2": "服务对象满意度指标", "content": "沿线群众满意度", "value": "90%以上"},
    ],
    "safeguards": "成立养护工作专班，按月检查养护质量，资金按进度拨付并接受审计。",
    "preparer": "王芳",
    "phone": "0731-88123456",
    "filing_date": "2023.12.5",
}

SAT_ROW = 8


@pytest.fixture(scope="module")
def engine():
    cat = builtin_catalog()
    codes = [c for c in cat.rules if c.startswith(FAMILIES) and cat.rules[c].enabled_in("hunan-2019")]
    return Engine(cat, replace(Config(), profile="hunan-2019"), only=codes)


def run(engine, doc):
    result = engine.run_declarations([Declaration.from_dict(doc)])
    return sorted((f.code, f.pointer) for f in result.findings if f.code.startswith(FAMILIES))


def test_clean_declaration_is_clean(engine):
    assert run(engine, CLEAN) == []


def _plant(path, value):
    doc = copy.deepcopy(CLEAN)
    node = doc
    for key in path[:-1]:
        node = node[key]
    node[path[-1]] = value
    return doc


CASES = [
    # (id, path into the document, planted value, expected code, expected pointer)
    ("blank value", ["indicators", 0, "value"], "", "VAL001", "/indicators/0/value"),
    ("blank value U+3000", ["indicators", 1, "value"], "\u3000\u3000", "VAL001", "/indicators/1/value"),
    ("slash value", ["indicators", 1, "value"], "/", "PH001", "/indicators/1/value"),
    ("full-width slash padded", ["indicators", 5, "value"], "\u3000／\u3000", "PH001", "/indicators/5/value"),
    ("wu in safeguards", ["safeguards"], "无", "PH001", "/safeguards"),
    ("template remnant", ["indicators", 1, "value"], "≥**%", "PH002", "/indicators/1/value"),
    ("see attachment", ["basis"], "详见附件", "PH003", "/basis"),
    ("optional category without reason", ["indicators", 4, "note"], "", "PH004", "/indicators/4/value"),
    ("satisfaction vague", ["indicators", SAT_ROW, "value"], "较满意", "SAT002", f"/indicators/{SAT_ROW}/value"),
    ("satisfaction 70", ["indicators", SAT_ROW, "value"], "≥70%", "SAT003", f"/indicators/{SAT_ROW}/value"),
    (
        "satisfaction full-width 70",
        ["indicators", SAT_ROW, "value"],
        "≥７０％",
        "SAT003",
        f"/indicators/{SAT_ROW}/value",
    ),
    (
        "satisfaction chinese numeral",
        ["indicators", SAT_ROW, "value"],
        "百分之七十",
        "SAT003",
        f"/indicators/{SAT_ROW}/value",
    ),
    ("satisfaction exceeds 84", ["indicators", SAT_ROW, "value"], "超过84%", "SAT003", f"/indicators/{SAT_ROW}/value"),
    ("satisfaction 100", ["indicators", SAT_ROW, "value"], "100%", "SAT003", f"/indicators/{SAT_ROW}/value"),
    (
        "satisfaction subject",
        ["indicators", SAT_ROW, "content"],
        "服务满意度",
        "SAT004",
        f"/indicators/{SAT_ROW}/content",
    ),
    ("blank name", ["indicators", 5, "content"], "", "IND004", "/indicators/5/content"),
    ("both ticked", ["attribute_text"], "延续专项√□        新增专项√□", "REQ004", "/attribute_text"),
    ("no citation", ["basis"], "根据上级要求实施", "REQ008", "/basis"),
    ("cost over funds", ["indicators", 3, "value"], "≤800万元", "COST003", "/indicators/3/value"),
    ("unit missing", ["indicators", 0, "value"], "≥420", "VAL004", "/indicators/0/value"),
    ("percent out of range", ["indicators", 1, "value"], "≥105%", "VAL006", "/indicators/1/value"),
    ("trivial", ["indicators", 1, "value"], "≤100%", "VAL007", "/indicators/1/value"),
    ("blank filing unit", ["filing_unit"], "（盖章）", "REQ002", "/filing_unit"),
    ("blank total", ["money", "total"], {"text": "", "amount": "", "unit": "万元"}, "REQ006", "/money/total"),
]


@pytest.mark.parametrize("path, value, code, pointer", [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_planted_defect_yields_exactly_one_finding(engine, path, value, code, pointer):
    assert run(engine, _plant(path, value)) == [(code, pointer)]


def test_satisfaction_85_inclusive_passes_and_84_fails(engine):
    assert run(engine, _plant(["indicators", SAT_ROW, "value"], "85%以上")) == []
    assert run(engine, _plant(["indicators", SAT_ROW, "value"], "超过85%")) == []
    assert run(engine, _plant(["indicators", SAT_ROW, "value"], "84%以上")) == [
        ("SAT003", f"/indicators/{SAT_ROW}/value")
    ]


def test_satisfaction_label_in_level1_or_level2(engine):
    doc = copy.deepcopy(CLEAN)
    doc["indicators"][SAT_ROW] = {
        "level1": "社会公众或服务对象满意度指标",
        "content": "沿线群众满意度",
        "value": "90%以上",
    }
    assert run(engine, doc) == []
    doc["indicators"][SAT_ROW] = {
        "level1": "效益指标",
        "level2": "社会公众或服务对象满意度指标",
        "content": "沿线群众满意度",
        "value": "90%以上",
        "inherited": ["level1"],
    }
    assert run(engine, doc) == []


def test_removing_satisfaction_yields_one_finding(engine):
    doc = copy.deepcopy(CLEAN)
    del doc["indicators"][SAT_ROW]
    assert run(engine, doc) == [("SAT001", "/indicators")]


@pytest.mark.parametrize("profile", ["cn-2015", "cn-2021"])
def test_clean_declaration_is_clean_in_other_profiles(profile):
    cat = builtin_catalog()
    codes = [c for c in cat.rules if c.startswith(FAMILIES) and cat.rules[c].enabled_in(profile)]
    engine = Engine(cat, replace(Config(), profile=profile), only=codes)
    doc = copy.deepcopy(CLEAN)
    if profile == "cn-2021":  # 101号 lays cost out as a first-level category of its own (IND013)
        for row in doc["indicators"]:
            if row.get("level2") == "成本指标":
                row.update(level1="成本指标", level2="经济成本指标")
    assert run(engine, doc) == []
