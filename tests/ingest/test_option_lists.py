"""An attribute's option list wrapped onto a second line or split over cells, and amounts
written with Traditional 億/萬: read as written, the tick and the amount found."""

from __future__ import annotations

from decimal import Decimal

from support.extraction import assert_nothing_lost, assert_spans_match

from perflint.ingest import declarations_from_text

_HEAD = "项目支出绩效目标表\n（2024年度）\n项目名称\t乡村道路养护\n主管部门\t某镇交通办\n"
_TAIL = "资金总额（万元）\t86\n年度绩效目标\t养护道路40公里\n"


def _read(text: str, layout: str = "tabbed"):
    decls = declarations_from_text(text, "x.txt", "utf-8", layout)
    assert_spans_match(text, decls)
    assert_nothing_lost(text, decls)
    return decls


def test_a_tick_on_the_second_line_of_an_option_list_is_read():
    text = _HEAD + "专项属性\t□ 新建项目\n\t☑ 续建项目\n" + _TAIL
    (decl,) = _read(text)
    assert decl.attribute == "延续"
    assert decl.attribute_text == "□ 新建项目\n☑ 续建项目"
    assert not any("续建" in u for u in decl.unrecognized)


def test_a_tick_in_the_next_cell_of_the_row_is_read():
    text = (
        "项目支出绩效目标表\n（2024年度）\n项目名称   乡村道路养护\n"
        "项目属性   1.一次性项目□          2.经常性项目■\n主管部门   某镇交通办\n"
        "资金总额（万元）   86\n"
    )
    (decl,) = _read(text, "spaced")
    assert decl.attribute == "经常性"
    assert "2.经常性项目■" in (decl.attribute_text or "")


def test_a_list_with_no_tick_stays_unticked_and_other_text_is_not_taken():
    text = _HEAD + "项目属性\t新增□\n\t延续□\n" + _TAIL
    (decl,) = _read(text)
    assert decl.attribute is None
    assert decl.attribute_text == "新增□\n延续□"
    # words after the list (not options) are not part of it
    text = _HEAD + "项目属性\t新增□\n\t另见附件√\n" + _TAIL
    (decl,) = _read(text)
    assert decl.attribute_text == "新增□"
    assert decl.attribute is None


def test_an_option_named_again_is_another_list():
    text = _HEAD + "项目属性\t新增□ 延续□\n\t新增√\n" + _TAIL
    (decl,) = _read(text)
    assert decl.attribute_text == "新增□ 延续□"
    assert decl.attribute is None


def test_traditional_yi_and_wan_amounts_are_read_and_kept_as_written():
    text = _HEAD + "項目屬性\t延續項目\n資金總額（萬元）\t3,500萬\n其中：財政撥款\t0.3億元\n"
    (decl,) = _read(text)
    assert decl.attribute == "延续"  # 延續項目, the one option named
    total = decl.money.total
    assert total is not None and total.text == "3,500萬"
    assert (total.amount, total.unit) == (Decimal(3500), "万元")
    (line,) = decl.money.lines
    assert line.text == "0.3億元"
    assert line.amount == Decimal(3000) and line.unit == "万元"
