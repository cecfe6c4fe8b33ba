"""Header fields (issue 12): the total as a flattened PDF prints it, and the year a page heading gives.

Each form here is made up, in a wording and layout of its own; each test states the
principle it holds the reader to.
"""

from __future__ import annotations

from decimal import Decimal

from support.extraction import assert_nothing_lost, assert_spans_match

from perflint.ingest import declarations_from_text


def _read(text: str, layout: str):
    decls = declarations_from_text(text, "x.txt", "utf-8", layout)
    assert_spans_match(text, decls)
    assert_nothing_lost(text, decls)
    return decls


# -- a decimal broken at its cell's edge ------------------------------------------------------


def _flat(total: str) -> str:
    return (
        "项目支出绩效目标表 项目名称 乡村道路养护 主管部门 某县交通运输局 "
        f"资金情况(万元) 年度资金总额 {total} 其中:财政拨款 {total} 其他资金 0 "
        "年度总体目标 完成乡村道路日常养护,保持路况良好。 一级指标 二级指标 三级指标 指标值 "
        "产出指标 数量指标 养护里程 ≥120公里\n"
    )


def test_an_amount_to_the_yuan_cut_before_its_last_digit_is_one_amount():
    # four decimals in 万元 (to the yuan), the cell's edge before the last one: one number
    d = _read(_flat("1250.375 6"), "flattened")[0]
    assert d.money.total is not None and d.money.total.amount == Decimal("1250.3756")


def test_two_figures_that_do_not_make_one_decimal_stay_apart():
    # two decimals then a number, or a decimal then a count: two cells, the total the first
    for total, amount in (("65.07 10", "65.07"), ("3.14 2", "3.14"), ("12.3 4", "12.3")):
        d = _read(_flat(total), "flattened")[0]
        assert d.money.total is not None and d.money.total.amount == Decimal(amount), total


# -- a table of costs under the budget's label ------------------------------------------------


def test_no_total_is_taken_from_a_table_of_costs_under_the_label():
    # fused text: under 资金总额, the headings of a spending table (支出明细 | 单价 | 数量), its
    # rows and its sum run together; every figure is an item's or a column's
    text = (
        "项目名称社区助餐服务主管部门某区民政局资金总额支出明细单价数量助餐补贴15元12000人次"
        "送餐车辆租赁3000元6辆小计19.8总体目标为辖区老年人提供助餐服务\n"
    )
    d = _read(text, "lines")[0]
    assert d.money.total is None
    assert [f.text[:8] for f in d.fields if f.key == "money.total"] == ["支出明细单价数量"]
    # the same label with its own amount first, the words of a breakdown after it: the total
    text = "项目名称社区助餐服务主管部门某区民政局资金总额19.8万元(含车辆租赁金额1.8万元)总体目标为辖区老年人提供助餐服务\n"
    d = _read(text, "lines")[0]
    assert d.money.total is not None and d.money.total.amount == Decimal("19.8")


# -- the year a page heading gives the project it names ---------------------------------------


def test_a_heading_that_names_the_project_with_its_year_gives_the_year():
    # a line of its own over the form: the unit, the year, the funds' name; no year in any cell
    body = "项目名称：巾帼创业扶持\n主管部门：某县妇女联合会\n年度目标：扶持妇女创业100人。\n"
    d = _read("某县妇女联合会2023年巾帼创业扶持资金\n" + body, "lines")[0]
    assert d.year == 2023
    # a heading that names no project or funds (the site's section), or a line with a clause: none
    for heading in ("某县妇女联合会2023年部门信息公开", "经研究，2023年安排巾帼创业扶持资金"):
        d = _read(heading + "\n" + body, "lines")[0]
        assert d.year is None, heading


# -- a mark inside a label's word --------------------------------------------------------------


def test_a_mark_between_the_characters_of_a_label_is_no_edge_of_it():
    # fused text: 一★级项目名称 is the programme's label (一级项目名称), not the value "一★级"
    # before 项目名称; the project's name is under 二级项目名称
    text = (
        "项目支出绩效目标表一★级项目名称农业发展专项资金二级项目名称耕地地力保护补贴"
        "主管部门某县农业农村局项目类型延续项目★总体目标保护耕地地力\n"
    )
    d = _read(text, "lines")[0]
    assert d.name == "耕地地力保护补贴"
    assert [f.text for f in d.fields if f.key == "program"] == ["农业发展专项资金"]
    # a mark before a label is the label's own (★总体目标), even where the word before it
    # would make a longer label with it (项目总体目标): the value before stays whole
    assert [f.text for f in d.fields if f.key == "project_kind"] == ["延续项目"]
