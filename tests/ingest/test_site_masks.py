"""Stars a publishing site put over a filled form's names and figures are not template blanks.

A template leaves "≥**%" where a figure goes: exactly two stars, not inside a word, not
touching a digit.  A tender or disclosure site masks what was filled in: "青**城管" (stars
inside a word), "****", "[055]****", "≤****000元" (three or more, touching a figure).  A
masked form is a filled form: read and checked as a declaration, and no rule judges what the
mask hides.  The small forms below are made up after tests/data/real/r702.
"""

from __future__ import annotations

import pytest

from perflint.catalog import builtin_catalog
from perflint.checks.analysis.values import masked_value, quantities, site_mask, template_remnant
from perflint.domain.result import FileReport
from perflint.engine.config import Config
from perflint.engine.core import Engine
from perflint.ingest.files import load_bytes

_PREFACE = """1.“青**环卫清扫车辆燃油维修费”项目。
(1)项目概述:
****环卫所清扫车燃油定点采购、车辆故障定点维修费
(3)实施主体:
****
(6)年度预算安排:
120.00万元
(7) 绩效目标。
"""

_FORM = """项目支出绩效目标申报表 | | | |
( 2023 年度) | | | |
项目名称 | 环卫清扫车辆维修燃油费 | | |
主管部门及代码 | [061]**** | 实施单位 | **** |
年度资金总额: | 120.00 | | |
年度目标 | 保障清扫车辆的维修及燃油费用,完成**日常清扫任务 | | |
一级指标 | 二级指标 | 三级指标 | 指标值 |
产出指标 | 数量指标 | 维修养护车辆数 | ≥30辆 |
| 质量指标 | 维修质量合格率 | ≥95% |
| 时效指标 | 维修完成及时率 | ≥98% |
| 成本指标 | 项目总成本 | ≤****000元 |
效益指标 | 社会效益指标 | 道路保洁达标率 | ≥95% |
满意度指标 | 服务对象满意度指标 | 群众满意度 | ≥90% |
"""


@pytest.fixture(scope="module")
def engine() -> Engine:
    return Engine(builtin_catalog(), Config(today="2023-06-01"))


def _report(engine: Engine, text: str) -> FileReport:
    fr = load_bytes(text.encode("utf-8"), "form.txt")
    [rep] = engine.file_reports(fr, "form.txt")
    return rep


@pytest.mark.parametrize(
    ("text", "blank"),
    [
        ("≥**%", True),
        ("(≥**株)", True),
        ("**月**日前", True),
        ("2023年**月**日", True),
        ("≤**万元", True),
        ("青**城管", False),  # inside a word
        ("完成**日常清扫任务", False),
        ("****", False),  # three or more
        ("[061]****", False),
        ("≤****000元", False),  # touching a figure
        ("≥**000元", False),
    ],
)
def test_a_template_blank_is_two_stars_where_a_figure_goes(text: str, blank: bool) -> None:
    assert bool(template_remnant(text)) is blank
    assert site_mask(text) is not blank


def test_a_mask_over_a_value_hides_it_from_every_rule() -> None:
    assert masked_value("****") and masked_value("[061]****") and masked_value("≤****000元")
    # a mask inside a name leaves the name readable
    assert not masked_value("青**环卫清扫车辆燃油维修费")
    # the digits after a mask are no figure ("000元" is not zero yuan)
    assert quantities("≤****000元") == []
    assert [q.number for q in quantities("≤3000元")] == [3000]


def test_a_masked_form_is_a_declaration_checked_without_claims_on_the_masks(engine: Engine) -> None:
    rep = _report(engine, _FORM)
    [decl] = rep.declarations
    assert decl.document_kind == "declaration"
    codes = {f.code for f in rep.iter_findings()}
    assert "DOC001" not in codes
    # no placeholder, template-token or cost claim about what the site starred out
    # (a vague goal with a mask in it is still a vague goal)
    masked = [
        f for f in rep.iter_findings() if f.code.startswith(("PH", "COST", "VAL")) and "*" in f.message.get("zh", "")
    ]
    assert masked == [], [f.message["zh"] for f in masked]
    # the same form left blank, with a template's "≥**%" where the figures go, is a template
    blank = _FORM.replace("保障清扫车辆的维修及燃油费用,完成**日常清扫任务", "")
    for filled in ("环卫清扫车辆维修燃油费", "[061]****", "| **** |", "120.00"):
        blank = blank.replace(filled, "| |" if filled.startswith("|") else "")
    for figure in ("30辆", "95%", "98%", "****000元", "90%"):
        blank = blank.replace(figure, "**" + figure[-1])
    assert _report(engine, blank).declarations[0].document_kind == "template"


def test_a_numbered_prose_preface_of_the_same_project_is_no_declaration_of_its_own(engine: Engine) -> None:
    # the preface names the project in other words ("…车辆燃油维修费" / "…车辆维修燃油费")
    rep = _report(engine, _PREFACE + _FORM)
    assert [d.name for d in rep.declarations] == ["环卫清扫车辆维修燃油费"]
    # a preface about another project (other name, other budget) stays a declaration of its own
    other = _PREFACE.replace("环卫清扫车辆燃油维修费", "公园绿化养护费").replace("120.00万元", "80.00万元")
    assert len(_report(engine, other + _FORM).declarations) == 2


def test_a_masked_field_is_neither_blank_nor_unfilled(engine: Engine) -> None:
    # made up after r810: the site starred out the codes, the contact and the lead's phone
    form = _FORM.replace(
        "主管部门及代码 | [061]**** | 实施单位 | **** |",
        "主管部门及代码 | [061]**** | 实施单位 | **** |\n"
        "项目编码 | ********************* | 部门预算编码 | ****** |\n"
        "项目负责人及电话 | 王** 138****5678 | | |",
    )
    rep = _report(engine, form)
    claims = [
        (f.code, f.message["zh"])
        for f in rep.iter_findings()
        if f.code.startswith(("REQ", "PH")) and ("编码" in f.message["zh"] or "负责人" in f.message["zh"])
    ]
    assert claims == []
    # the same fields really left blank are still reported
    blank = form.replace("********************* | 部门预算编码 | ****** |", " | 部门预算编码 | |")
    blank = blank.replace("王** 138****5678", "")
    found = {f.code for f in _report(engine, blank).iter_findings()}
    assert "REQ014" in found
