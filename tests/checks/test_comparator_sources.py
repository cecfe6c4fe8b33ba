"""VAL005 comparator-missing on cost rows whose amount the form says is set by a document or a
contract: such an amount is often paid exactly as written, so the finding offers "=" as well as
"≤" instead of prescribing a ceiling. Made-up forms, in wordings of their own."""

from __future__ import annotations

import pytest
from support.kinds import project, row, run

from perflint.catalog import builtin_catalog


@pytest.fixture(scope="module")
def catalog():
    return builtin_catalog()


def _one(catalog, doc):
    (hit,) = run(catalog, "comparator-missing", doc)
    return hit.variant, hit.args["number"]


def test_a_per_head_amount_the_basis_cites_to_a_document_may_be_exact(catalog):
    doc = project(
        row("产出指标", "成本指标", "寄宿生生活费", "625元/人/学期"),
        basis="依据市财教〔2023〕12号，寄宿生每人每学期625元，由市县按比例负担",
    )
    assert _one(catalog, doc) == ("cost_fixed", "625元/人/学期")


def test_a_monthly_fee_under_a_named_agreement_may_be_exact(catalog):
    doc = project(
        row("产出指标", "成本指标", "办公楼保洁外包费用", "3600元/月"),
        goals={"annual": "按《办公区保洁服务协议》按月支付保洁费，保持办公区整洁"},
    )
    assert _one(catalog, doc) == ("cost_fixed", "3600元/月")


def test_a_line_outside_the_table_counts_as_the_forms_prose(catalog):
    doc = project(
        row("产出指标", "成本指标", "乡村医生补充养老费用", "150元/人/月"),
        unrecognized=["项目概况", "按县人社局2022年8号文件规定，在岗乡村医生每人每月150元"],
    )
    assert _one(catalog, doc) == ("cost_fixed", "150元/人/月")


@pytest.mark.parametrize(
    "value, fields",
    [
        # a lump sum cited to a document is an allocation: still a ceiling
        ("59万元", {"goals": {"annual": "根据县政府专题会议纪要〔2024〕3号文件，安排维修资金59万元"}}),
        # the same per-unit figure, but nothing says where it comes from
        ("490元/平米", {"goals": {"annual": "改造校舍屋面1200平米，预计单方造价490元，年底前完工"}}),
        # a document is cited, but for another figure
        ("490元/平米", {"basis": "依据省财农〔2022〕45号文件，每平米不超过600元"}),
        # a yearly fee, but no contract or agreement is named
        ("8000元/年", {"goals": {"annual": "租用云服务器，保障系统全年运行"}}),
    ],
)
def test_amounts_with_no_stated_source_stay_ceilings(catalog, value, fields):
    doc = project(row("产出指标", "成本指标", "项目支出成本", value), **fields)
    assert _one(catalog, doc) == ("cost", value)


def test_the_figure_is_quoted_with_every_per_unit(catalog):
    doc = project(row("产出指标", "成本指标", "学生伙食成本", "12元/生/天"))
    assert _one(catalog, doc) == ("cost", "12元/生/天")


def test_the_message_offers_both_readings(catalog):
    doc = project(
        row("产出指标", "成本指标", "设备维保费用", "48000元/年"),
        goals={"annual": "依据设备维保合同，全年维保4次"},
    )
    (hit,) = run(catalog, "comparator-missing", doc)
    assert hit.variant == "cost_fixed"
    message = catalog.rules["VAL005"].messages["cost_fixed"]
    assert "={number}" in message["zh"] and "≤{number}" in message["zh"]
    assert "“={number}”" in message["en"] and "“≤{number}”" in message["en"]
