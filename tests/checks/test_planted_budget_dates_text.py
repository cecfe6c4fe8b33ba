"""Planted single defects: a clean bundle yields no finding of catalog part B
(BUD/DATE/TXT/XF/REV/REL/SRC, each rule run straight through its kind), and
planting one defect yields exactly one new finding, at the planted pointer."""

from __future__ import annotations

import copy
import functools
from typing import Any

import pytest
from support.raw_rules import load_rule, part_b_rule_files, run_rule

from perflint.domain.model import Declaration

DEPARTMENT = "长沙市示例区民政局"
FUNCTIONS = "负责全区养老服务体系建设、社会救助和社区建设工作"


def _reviews() -> list[dict[str, Any]]:
    return [
        {"section": "主管部门", "opinion": "经审核，同意申报。", "date": "2019年11月20日"},
        {"section": "业务科室", "opinion": "", "date": "年   月   日"},
        {"section": "预算科", "opinion": "", "date": "年   月   日"},
        {"section": "绩效评价科", "opinion": "", "date": "年   月   日"},
    ]


def _footer() -> dict[str, Any]:
    return {"preparer": "王五", "phone": "0731-88000000", "filing_date": "2019年11月15日"}


SPECIAL: dict[str, Any] = {
    "form_type": "专项资金",
    "year": 2020,
    "year_text": "2020年度",
    "filing_unit": DEPARTMENT,
    "name": "社区养老服务中心运营补助",
    "attribute": "延续",
    "attribute_text": "延续专项√□ 新增专项□",
    "department": DEPARTMENT,
    "money": {"total": {"label": "资金总额（万元）", "text": "300"}},
    "functions": "负责全区养老服务体系建设工作",
    "basis": "《示例区养老服务体系建设规划（2018—2020年）》（示民发〔2018〕12号）",
    "schedule": [
        {"content": "完成社区养老服务中心运营机构招标", "start": "2020.1", "end": "2020.3"},
        {"content": "开展日间照料和助餐服务，按季度拨付运营补助", "start": "2020.4", "end": "2020.11"},
        {"content": "开展服务对象满意度调查并组织验收", "start": "2020.12", "end": "2020.12"},
    ],
    "goals": {
        "long_term": "到2022年建成覆盖全区15个街镇的社区养老服务网络",
        "annual": "2020年新建社区养老服务中心5个，提供日间照料和助餐服务不少于12000人次",
    },
    "indicators": [
        {"level1": "产出指标", "level2": "数量指标", "content": "新建社区养老服务中心数量", "value": "≥5个"},
        {"level1": "产出指标", "level2": "质量指标", "content": "服务安全事故发生次数", "value": "0起"},
        {"level1": "产出指标", "level2": "时效指标", "content": "运营补助拨付时限", "value": "每季度首月15日前"},
        {"level1": "产出指标", "level2": "成本指标", "content": "单个中心年运营补助", "value": "≤60万元"},
        {"level1": "效益指标", "level2": "社会效益指标", "content": "日间照料和助餐服务人次", "value": "≥12000人次"},
        {"level1": "满意度指标", "level2": "服务对象满意度指标", "content": "服务对象满意度", "value": "≥90%"},
    ],
    "safeguards": "成立运营监管小组，按季度检查社区养老服务中心运营情况，补助资金专款专用。",
    "reviews": _reviews(),
    **_footer(),
}

PROJECT: dict[str, Any] = {
    "form_type": "项目支出",
    "year": 2020,
    "year_text": "2020年度",
    "filing_unit": DEPARTMENT,
    "name": "特困人员救助供养",
    "attribute": "延续",
    "attribute_text": "新增□ 延续√",
    "department": DEPARTMENT,
    "money": {
        "total": {"label": "资金总额", "text": "200"},
        "lines": [
            {"key": "income.public", "label": "财政拨款", "text": "180"},
            {"key": "income.own", "label": "自有资金", "text": "20"},
            {"key": "income.other", "label": "其他", "text": ""},
        ],
    },
    "functions": "负责全区社会救助工作",
    "basis": "《特困人员认定办法》（民发〔2016〕178号）",
    "schedule": [
        {"content": "核定特困人员名单", "start": "2020.1", "end": "2020.2"},
        {"content": "按月发放救助供养资金", "start": "2020.3", "end": "2020.12"},
    ],
    "goals": {
        "long_term": "到2022年特困人员救助供养覆盖率保持100%",
        "annual": "2020年救助供养特困人员不少于800人，供养标准达标率100%",
    },
    "indicators": [
        {"level1": "产出指标", "level2": "数量指标", "content": "救助供养特困人员人数", "value": "≥800人"},
        {"level1": "产出指标", "level2": "质量指标", "content": "供养标准达标率", "value": "100%"},
        {"level1": "产出指标", "level2": "时效指标", "content": "救助资金发放时限", "value": "每月10日前"},
        {"level1": "产出指标", "level2": "成本指标", "content": "人均年供养成本", "value": "≤2500元"},
        {"level1": "效益指标", "level2": "社会效益指标", "content": "特困人员基本生活保障率", "value": "100%"},
        {"level1": "满意度指标", "level2": "服务对象满意度指标", "content": "供养对象满意度", "value": "≥90%"},
    ],
    "safeguards": "建立特困人员救助供养台账，每季度核查一次，资金通过社保卡直接发放。",
    "reviews": _reviews(),
    **_footer(),
}

DEPARTMENT_FORM: dict[str, Any] = {
    "form_type": "部门整体支出",
    "year": 2020,
    "year_text": "2020年度",
    "filing_unit": DEPARTMENT,
    "department": DEPARTMENT,
    "money": {
        "total": {"label": "资金总额", "text": "1000"},
        "lines": [
            {"key": "income_total", "label": "按收入性质分", "text": "1000"},
            {"key": "expenditure_total", "label": "按支出性质分", "text": "1000"},
            {"key": "income.public", "label": "公共财政拨款", "text": "1000"},
            {"key": "expenditure.basic", "label": "基本支出", "text": "500"},
            {"key": "income.fund", "label": "政府性基金拨款", "text": ""},
            {"key": "expenditure.project", "label": "项目支出", "text": "500"},
            {"key": "income.nontax", "label": "纳入专户管理的非税收入拨款", "text": ""},
            {"key": "income.other", "label": "其他资金", "text": ""},
        ],
    },
    "functions": FUNCTIONS,
    "goals": {"overall": "2020年全区养老机构床位达到3000张，特困人员应保尽保率100%"},
    "indicators": [
        {"level1": "产出指标", "content": "养老机构床位数≥3000张；新建社区养老服务中心5个", "value": None},
        {"level1": "效益指标", "content": "特困人员应保尽保率100%；服务对象满意度≥90%", "value": None},
    ],
    "reviews": _reviews(),
    **_footer(),
}

CLEAN = [SPECIAL, PROJECT, DEPARTMENT_FORM]


def findings(bundle: list[dict[str, Any]]) -> set[tuple[str, int | None, str]]:
    decls = [Declaration.from_dict(copy.deepcopy(d)) for d in bundle]
    out: set[tuple[str, int | None, str]] = set()
    for path in part_b_rule_files():
        rule = load_rule(path)
        for index, hit in run_rule(rule, decls):
            out.add((rule["code"], index, hit.pointer))
    return out


@functools.cache
def clean_findings() -> frozenset[tuple[str, int | None, str]]:
    """The findings of the clean bundle, computed once for the planted cases (each compares against it)."""
    return frozenset(findings(CLEAN))


def test_clean_bundle_has_no_findings() -> None:
    assert findings(CLEAN) == set()


def _money_line(form: dict[str, Any], key: str) -> int:
    return next(i for i, line in enumerate(form["money"]["lines"]) if line["key"] == key)


def _set_line(form: dict[str, Any], key: str, text: str) -> None:
    form["money"]["lines"][_money_line(form, key)]["text"] = text


def _plant_basic(b: list[dict[str, Any]]) -> None:
    _set_line(b[2], "expenditure.basic", "490")


def _plant_public(b: list[dict[str, Any]]) -> None:
    _set_line(b[2], "income.public", "900")


def _plant_total(b: list[dict[str, Any]]) -> None:
    b[2]["money"]["total"]["text"] = "1010"


def _plant_exp_subtotal(b: list[dict[str, Any]]) -> None:
    _set_line(b[2], "expenditure_total", "1100")


def _plant_project_source(b: list[dict[str, Any]]) -> None:
    b[1]["money"]["total"]["text"] = "210"


def _plant_yuan(b: list[dict[str, Any]]) -> None:
    b[0]["money"]["total"]["text"] = "3000000"


def _plant_unparseable(b: list[dict[str, Any]]) -> None:
    b[0]["money"]["total"]["text"] = "约三百万"


def _plant_end_before_start(b: list[dict[str, Any]]) -> None:
    b[0]["schedule"][1]["end"] = "2020.3"


def _plant_bad_date(b: list[dict[str, Any]]) -> None:
    b[1]["schedule"][0]["end"] = "2020-02-30"


def _plant_outside_year(b: list[dict[str, Any]]) -> None:
    b[1]["schedule"][1]["end"] = "2021.6"


def _plant_late_filing(b: list[dict[str, Any]]) -> None:
    b[0]["filing_date"] = "2021年1月5日"


def _plant_typo(b: list[dict[str, Any]]) -> None:
    b[1]["safeguards"] = b[1]["safeguards"].replace("建立", "按装系统并建立")


def _plant_county_term(b: list[dict[str, Any]]) -> None:
    b[0]["safeguards"] = "在全县范围内" + b[0]["safeguards"]


def _plant_copy(b: list[dict[str, Any]]) -> None:
    b[1]["indicators"][4]["value"] = "服务质量显著提升并保持稳定"
    b[0]["indicators"][4]["value"] = "服务质量显著提升并保持稳定"


def _plant_review(b: list[dict[str, Any]]) -> None:
    b[1]["reviews"][0] = {"section": "主管部门", "opinion": "", "date": "年   月   日"}


def _plant_finance(b: list[dict[str, Any]]) -> None:
    b[0]["reviews"][2]["opinion"] = "同意"


def _plant_unfilled_filing(b: list[dict[str, Any]]) -> None:
    b[2]["filing_date"] = "年　　月　　日"


def _plant_name_keyword(b: list[dict[str, Any]]) -> None:
    b[0]["name"] = "社区养老服务中心运营补助和助浴车辆购置"


def _plant_annual_copy(b: list[dict[str, Any]]) -> None:
    b[1]["goals"]["annual"] = b[1]["goals"]["long_term"]


def _plant_department(b: list[dict[str, Any]]) -> None:
    b[1]["department"] = "长沙市示例区财政局"


def _plant_unrecognized(b: list[dict[str, Any]]) -> None:
    b[2]["unrecognized"] = ["附：测算依据另附"]


PLANTS = [
    ("basic-expenditure", _plant_basic, ("BUD004", 2, "/money/lines/3")),
    ("public-income", _plant_public, ("BUD003", 2, "/money/lines/2")),
    ("department-total", _plant_total, ("BUD002", 2, "/money/total")),
    ("expenditure-subtotal", _plant_exp_subtotal, ("BUD002", 2, "/money/lines/1")),
    ("project-total-vs-sources", _plant_project_source, ("BUD005", 1, "/money/total")),
    ("yuan-in-wan-field", _plant_yuan, ("BUD006", 0, "/money/total")),
    ("unparseable-amount", _plant_unparseable, ("BUD001", 0, "/money/total")),
    ("end-before-start", _plant_end_before_start, ("DATE002", 0, "/schedule/1/end")),
    ("impossible-date", _plant_bad_date, ("DATE002", 1, "/schedule/0/end")),
    ("outside-year", _plant_outside_year, ("DATE003", 1, "/schedule/1/end")),
    ("filing-after-year", _plant_late_filing, ("DATE004", 0, "/filing_date")),
    ("unfilled-filing-date", _plant_unfilled_filing, ("DATE005", 2, "/filing_date")),
    ("typo", _plant_typo, ("TXT004", 1, "/safeguards")),
    ("county-term", _plant_county_term, ("TXT002", 0, "/safeguards")),
    ("copied-value", _plant_copy, ("XF004", 1, "/indicators/4/value")),
    ("blank-department-review", _plant_review, ("REV001", 1, "/reviews/0/date")),
    ("finance-prefilled", _plant_finance, ("REV002", 0, "/reviews/2/opinion")),
    ("name-keyword", _plant_name_keyword, ("REL001", 0, "/name")),
    ("annual-equals-long-term", _plant_annual_copy, ("REL002", 1, "/goals/annual")),
    ("other-department", _plant_department, ("XF002", 1, "/department")),
    ("unrecognized", _plant_unrecognized, ("SRC001", 2, "/unrecognized/0")),
]


@pytest.mark.parametrize(("plant", "expected"), [(p[1], p[2]) for p in PLANTS], ids=[p[0] for p in PLANTS])
def test_planted_defect_gives_one_finding(plant: Any, expected: tuple[str, int, str]) -> None:
    bundle = copy.deepcopy(CLEAN)
    plant(bundle)
    assert findings(bundle) - clean_findings() == {expected}
