"""DATE011 expired-plan-cited and DATE012 notice-after-year (issue 14): years that have
passed, run directly on small made-up declarations in wordings of their own."""

from __future__ import annotations

from typing import Any

import pytest
from support.kinds import hits, project, run

from perflint.catalog import builtin_catalog


@pytest.fixture(scope="module")
def catalog():
    return builtin_catalog()


def _form(year: int | None, basis: str, **more: Any) -> dict[str, Any]:
    return project(year=year, name="示例项目", basis=basis, **more)


# -- DATE011 -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "year, basis, fires",
    [
        # a five-year plan, a span of years, an annual scheme: each long over
        (2019, "按照《某县农村公路建设“十二五”规划》实施。", True),
        (2022, "依据《某区养老服务体系建设规划(2014~2018年)》。", True),
        (2023, "根据《某市2020年度河道保洁工作要点》开展保洁。", True),
        (2024, "依据关于印发〈2021年度全市防汛抢险演练计划〉的通知。", False),  # no 《》: no title read
        (2024, "依据《关于印发〈2021年度全市防汛抢险演练计划〉的通知》。", True),  # the plan a notice issues
        # the period covers the budget year, or ended the year the form was drawn up in
        (2021, "依据《某省全民健身实施计划(2016-2020年)》。", False),
        (2021, "依据《某市2020年度道路养护实施方案》。", False),
        (2023, "依据《某县乡村振兴“十四五”规划》。", False),
        # not a plan of work: a law or measure of any year, a notice about a period, an allocation
        (2023, "依据《某省物业管理条例(2012年)》和《某市专项资金管理办法(2015年)》。", False),
        (2021, "依据《关于加强“十三五”时期水土保持监测工作的通知》。", False),
        (2020, "依据《关于下达2016年中央预算内投资计划的通知》续建。", False),
        (2020, "依据《某省2016年度农业综合开发资金分配方案》。", False),
        # an edition year is no period
        (2022, "依据《某市城区排水专项规划(2015年修订版)》。", False),
        # the clause tells of that year's work
        (2020, "2016年按照《某县2016年度植树造林实施方案》完成造林5000亩。", False),
        # no budget year: nothing to compare
        (None, "按照《某县农村公路建设“十二五”规划》实施。", False),
    ],
)
def test_expired_plan_cited(catalog, year, basis, fires):
    got = hits(catalog, "expired-plan-cited", _form(year, basis))
    assert got == ([("/basis", None)] if fires else [])


def test_last_years_scheme_beside_this_years(catalog):
    # drawn up when this year's scheme was out: last year's is stale
    doc = _form(
        2019,
        "依据《某市2019年度妇幼健康服务考核方案》。",
        unrecognized=["测算标准:参照《某市2018年度妇幼健康服务考核方案》执行"],
    )
    got = run(catalog, "expired-plan-cited", doc)
    assert [(h.pointer, h.variant, h.args["end"], h.args["title"]) for h in got] == [
        ("/unrecognized/0", "loose", 2018, "某市2018年度妇幼健康服务考核方案")
    ]


def test_one_finding_counts_the_others(catalog):
    doc = _form(
        2025,
        "依据《某区2019年度控烟工作方案》、《某区2020年度控烟工作方案》、《某区2019年度控烟工作方案》。",
    )
    got = run(catalog, "expired-plan-cited", doc)
    assert [(h.variant, h.args["more"], h.args["end"]) for h in got] == [("more", 1, 2019)]


# -- DATE012 -----------------------------------------------------------------------------------


def _notice(year: int | None, *unrecognized: str, name: str = "某专项资金") -> dict[str, Any]:
    return {
        "form_type": "专项资金",
        "year": year,
        "name": name,
        "document_kind": "notice",
        "unrecognized": list(unrecognized),
    }


@pytest.mark.parametrize(
    "doc, expected",
    [
        (_notice(2021, "某市财政局 某市农业农村局", "2022年2月8日"), [("/unrecognized/1", None)]),
        # the date after the office's name at the foot, the annex following
        (_notice(2020, "有关事项通知如下。某市财政局2021年1月5日附件1分配表"), [("/unrecognized/0", None)]),
        # the 版记 line of the footer
        (_notice(2020, "某县财政局办公室 2021年2月3日印发"), [("/unrecognized/0", None)]),
        (_notice(2020, "2021年2月3日印发"), [("/unrecognized/0", None)]),
        # within the year, or ahead of it (提前下达)
        (_notice(2021, "某市财政局", "2021年11月30日"), []),
        (_notice(2022, "某市财政局", "2021年11月30日"), []),
        # a deadline in the prose is not the notice's date
        (_notice(2021, "请于2022年1月15日前报送绩效自评报告。"), []),
        # a settlement or a reward is paid after its year
        (_notice(2021, "某市财政局", "2022年2月8日", name="2021年度耕地地力保护补贴清算资金"), []),
        # not a notice
        ({**_notice(2021, "某市财政局", "2022年2月8日"), "document_kind": "declaration"}, []),
        # the prose names another year's targets
        (_notice(2023, "现将2022年度该项资金区域绩效目标表随文下达。"), [("/unrecognized/0", "named")]),
        (_notice(2023, "现将2023年度该项资金区域绩效目标表随文下达。"), []),
    ],
)
def test_notice_after_year(catalog, doc, expected):
    assert hits(catalog, "notice-after-year", doc) == expected


@pytest.mark.parametrize(
    "basis",
    [
        "“十三五”期间,依照《某市城乡供水“十三五”规划》建成水厂3座。",
        "2018年,按照《某县农村饮水安全规划(2016-2020年)》完成管网改造。",
    ],
)
def test_a_clause_telling_of_the_plans_years(catalog, basis):
    # the history of the work done under the plan, not the basis of this year's
    assert hits(catalog, "expired-plan-cited", _form(2023, basis)) == []


@pytest.mark.parametrize(
    "prose",
    [
        "根据2022年度绩效目标完成情况下达2023年资金。",  # last year's results decide this year's money
        "按2022年度绩效目标自评结果下达。",
    ],
)
def test_last_years_results_are_no_targets_issued(catalog, prose):
    assert hits(catalog, "notice-after-year", _notice(2023, prose)) == []


def test_the_notice_date_as_written_without_the_footer_word(catalog):
    got = run(catalog, "notice-after-year", _notice(2020, "某县财政局办公室 2021年2月3日印发"))
    assert [h.args["date"] for h in got] == ["2021年2月3日"]
