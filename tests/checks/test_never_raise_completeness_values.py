"""The kinds of catalog part A (REQ/PH/IND/VAL/SAT/COST) never raise, whatever
the declaration holds (bad input must not produce a traceback), and every hit
points into the declaration."""

from __future__ import annotations

import random

import pytest

from perflint.catalog import builtin_catalog
from perflint.checks.base import Context
from perflint.domain.model import Declaration

FAMILIES = ("REQ", "PH", "IND", "VAL", "SAT", "COST")
PIECES = list("0123456789.%％／/—-，。；、≥≤><=*X×（）()《》　 \t\n") + [
    "以上",
    "以下",
    "以内",
    "超过",
    "不满",
    "低于",
    "百分之",
    "九十",
    "零",
    "满意",
    "较",
    "提高",
    "元",
    "万元",
    "人次",
    "产出指标",
    "效益指标",
    "数量指标",
    "时效指标",
    "成本指标",
    "经济成本指标",
    "满意度指标",
    "经济效益指标",
    "社会公众或服务对象满意度指标",
    "无",
    "见附件",
    "同上",
    "负责",
    "**",
    "XX",
    "每人每月",
    "维度",
    "进行",
]


def _junk(rnd: random.Random) -> str:
    return "".join(rnd.choice(PIECES) for _ in range(rnd.randint(0, 12)))


def _maybe(rnd: random.Random):
    return rnd.choice([None, "", _junk(rnd), _junk(rnd)])


def _declaration(rnd: random.Random) -> Declaration:
    doc = {
        "form_type": rnd.choice(["专项资金", "项目支出", "部门整体支出", "unknown"]),
        "year_text": _maybe(rnd),
        "filing_unit": _maybe(rnd),
        "name": _maybe(rnd),
        "attribute_text": _maybe(rnd),
        "department": _maybe(rnd),
        "functions": _maybe(rnd),
        "basis": _maybe(rnd),
        "safeguards": _maybe(rnd),
        "preparer": _maybe(rnd),
        "phone": _maybe(rnd),
        "goals": {k: _junk(rnd) for k in rnd.sample(["long_term", "annual", "overall"], rnd.randint(0, 3))},
        "money": {
            "total": rnd.choice(
                [
                    None,
                    {
                        "text": _junk(rnd),
                        "amount": rnd.choice(["", "0", "-5", "556"]),
                        "unit": rnd.choice(["万元", "元"]),
                    },
                ]
            ),
            "lines": [{"key": "income_total", "text": "1", "amount": rnd.choice(["", "12.5"])}],
        },
        "schedule": [
            {"content": _junk(rnd), "start": rnd.choice([None, "2019.1"]), "end": rnd.choice([None, "2019.12"])}
            for _ in range(rnd.randint(0, 2))
        ],
        "indicators": [
            {
                "level1": _maybe(rnd),
                "level2": _maybe(rnd),
                "level3": _maybe(rnd),
                "content": rnd.choice(["", _junk(rnd)]),
                "value": _maybe(rnd),
                "note": _maybe(rnd),
                "extra": rnd.choice([{}, {"度量单位": _junk(rnd)}, {"指标性质": "≥"}]),
            }
            for _ in range(rnd.randint(0, 8))
        ],
    }
    return Declaration.from_dict(doc)


@pytest.mark.parametrize("profile", ["hunan-2019", "cn-2015", "cn-2021"])
def test_kinds_never_raise(profile):
    cat = builtin_catalog()
    rules = [r for code, r in cat.rules.items() if code.startswith(FAMILIES)]
    settings = {**cat.settings, **cat.profiles[profile].settings}
    rnd = random.Random(f"perflint-{profile}")
    for _ in range(150):
        decl = _declaration(rnd)
        ctx = Context(settings=settings, bundle=[decl], index=0, profile=profile)
        for rule in rules:
            for hit in cat.kinds[rule.kind].check(decl, dict(rule.params), ctx):
                assert hit.pointer.startswith("/"), (rule.code, hit)
