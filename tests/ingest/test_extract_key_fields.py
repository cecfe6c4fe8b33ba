"""The key fields of a declaration (year, name, department, total and its unit) read
from layouts and wordings of templates the other tests do not use (issue 12).

Each form here is made up: it follows a layout principle, not the words of one real form.
"""

from __future__ import annotations

from decimal import Decimal

from support.extraction import assert_nothing_lost, assert_spans_match

from perflint.domain.text import parse_amount
from perflint.ingest import declarations_from_text


def _read(text: str, layout: str):
    decls = declarations_from_text(text, "x.txt", "utf-8", layout)
    assert_spans_match(text, decls)
    assert_nothing_lost(text, decls)
    return decls


# -- the total's unit comes from the form, or stays unknown ---------------------------------


def test_a_total_with_no_unit_anywhere_has_no_unit():
    text = "项目名称\t乡村道路养护\n资金总额\t2800000.00\n其中：财政拨款\t2800000.00\n"
    d = _read(text, "tabbed")[0]
    assert d.money.total is not None and d.money.total.amount == 2800000
    assert d.money.total.unit is None  # not 万元: 280亿元 and 280万元 cannot be told apart
    assert d.to_dict()["money"]["total"]["unit"] is None


def test_a_traditional_unit_note_gives_the_sheet_its_unit():
    text = "項目名稱 | 社區圖書室運維 |\n金額單位:元 | |\n資金總額 | 12000 |\n"
    d = _read(text, "pipe")[0]
    assert d.money.total is not None and d.money.total.unit == "元"


def test_a_heading_the_vocabulary_does_not_know_gives_its_block_a_unit():
    text = "项目名称 | 河道保洁 |\n投入经费安排（元） | |\n资金总额 | 36000 |\n"
    d = _read(text, "pipe")[0]
    assert d.money.total is not None and d.money.total.unit == "元"


# -- a table row the page broke after its label ---------------------------------------------


def test_a_row_broken_after_its_label_gives_the_label_the_next_rows_first_cell():
    text = "社区服务项目绩效目标表 |\n项目名称 |\n老年食堂运营补贴 | 年度资金总额(万元) | 12 |\n主管部门 | 区民政局 |\n"
    d = _read(text, "pipe")[0]
    assert d.name == "老年食堂运营补贴"
    assert d.money.total is not None and d.money.total.amount == 12
    assert d.department == "区民政局"


def test_a_label_with_its_empty_cell_or_a_label_below_stays_blank():
    for text in (
        "社区服务项目绩效目标表 |\n项目名称 | |\n老年食堂运营补贴 | |\n主管部门 | 区民政局 |\n",
        "社区服务项目绩效目标表 |\n项目名称 |\n主管部门 | 区民政局 |\n",
    ):
        d = _read(text, "pipe")[0]
        assert d.name == ""
        assert d.department == "区民政局"


# -- the 主管部门 of several levels: the most local one is the form's --------------------------


def test_the_most_local_of_the_levels_departments_is_the_forms_department():
    text = (
        "林业改革发展资金区域绩效目标表 |\n项目名称 | 林业改革发展资金 |\n中央主管部门 | 国家林草局 |\n"
        "省级财政部门 | 某省财政厅 |\n省级主管部门 | 某省林业局 |\n市级主管部门 | 某市林业局 |\n资金总额 | 90 |\n"
    )
    d = _read(text, "pipe")[0]
    assert d.department == "某市林业局"
    assert {f.text for f in d.fields if f.key == "superior_department"} == {"国家林草局", "某省财政厅", "某省林业局"}


def test_a_central_department_run_into_its_label_is_no_forms_department():
    text = "区域绩效目标表\n资金名称\n车辆购置税收入补助资金\n中央主管部门\n交通运输部\n省级主管部门\n某省交通运输厅\n"
    d = _read(text, "lines")[0]
    assert d.department == "某省交通运输厅"


# -- a notice in Traditional characters, with the pinyin a mirror inserts -------------------


def test_a_notice_in_traditional_characters_gives_its_year_and_amount():
    text = (
        "某縣財(cái)政局關於提前下達(dá)2022年社區養老服務補助資(zī)金的通知\n"
        "各鄉鎮:現(xiàn)安排社區養老服務補助資(zī)金36.5萬(wàn)元,用於日間照料中心運營。\n"
        "績(jī)效目標(biāo)表\n項目名稱\n社區養老服務補助\n"
    )
    d = _read(text, "lines")[0]
    assert d.year == 2022
    total = d.money.total
    assert total is not None and total.amount == Decimal("36.5") and total.unit == "万元"
    assert total.text == "36.5萬(wàn)元"  # quoted as written, the mirror's pinyin and all


def test_an_amount_with_a_mirrors_pinyin_parses():
    assert parse_amount("895.8萬(wàn)元") == (Decimal("895.8"), "万元")
    assert parse_amount("1,200元(yuán)") == (Decimal("1200"), "元")


# -- a title that names the project of a form with no name cell -----------------------------


def test_a_title_names_the_project_of_a_form_without_a_name_cell():
    text = "青溪县民政局2023年困难群众临时救助项目支出绩效目标表\n主管部门 | 青溪县民政局 |\n资金总额 | 40 |\n"
    d = _read(text, "pipe")[0]
    assert d.name == "困难群众临时救助项目"  # after the unit and the year that open the title
    text = "青溪县2023年高标准农田建设项目绩效目标表\n主管部门 | 青溪县农业农村局 |\n资金总额 | 40 |\n"
    assert _read(text, "pipe")[0].name == "青溪县2023年高标准农田建设项目"  # a place is part of the name


def test_a_name_cell_wins_over_the_title():
    text = "青溪县民政局2023年困难群众临时救助项目支出绩效目标表\n项目名称 | 临时救助 |\n资金总额 | 40 |\n"
    assert _read(text, "pipe")[0].name == "临时救助"
    text = "青溪县民政局2023年困难群众临时救助项目支出绩效目标表\n项目名称 | |\n资金总额 | 40 |\n"
    assert _read(text, "pipe")[0].name == ""  # left blank: a finding, not a name taken from elsewhere


# -- a money block's heading at the end of a line of value text -----------------------------


def test_a_money_heading_that_ends_a_line_of_value_text_is_part_of_the_value():
    text = "项目支出绩效目标表\n项目名称\n乡村学校午餐补助项目资金\n项目类型\n其他事业发展性支出\n资金总额\n50\n"
    d = _read(text, "lines")[0]
    assert d.name == "乡村学校午餐补助项目资金"
    assert d.money.total is not None and d.money.total.amount == 50


def test_a_numbered_money_heading_stays_a_heading():
    text = "项目支出绩效目标表\n项目名称\n乡村学校午餐补助\n二、项目资金\n资金总额\n50\n"
    d = _read(text, "lines")[0]
    assert d.name == "乡村学校午餐补助"
    assert d.money.total is not None and d.money.total.amount == 50


# -- a money value holds a figure; a stated 合计 row is the total ---------------------------


_WHOLE_UNIT = """部门整体支出绩效目标表
部门名称 | 县农业农村局 |
总体资金情况(万元) | 当年金额 | 占比 |
财政拨款 | 420.5 | 100% |
其他资金 | 0 | 0% |
基本支出 | 300 | 71.3% |
项目支出 | 120.5 | 28.7% |
合计 | 420.5 | 100% |
项目名称 | 项目总预算 | 本年度预算 | 资金投向说明 |
农机补贴 | 80 | 80 | 购机补贴 |
"""


def test_a_money_heading_followed_by_a_heading_is_no_label_and_value():
    d = _read(_WHOLE_UNIT, "pipe")[0]
    texts = [line.text for line in d.money.lines] + [d.money.total.text if d.money.total else ""]
    assert "资金投向说明" not in texts  # the next heading of the project list, not an amount
    assert d.money.total is not None and d.money.total.amount == Decimal("420.5")


def test_the_funding_tables_sum_row_is_the_stated_total():
    d = _read(_WHOLE_UNIT, "pipe")[0]
    assert d.money.total is not None
    assert (d.money.total.label, d.money.total.unit) == ("合计", "万元")
    # one a line: a 合计 row with a share and no amount is passed; the next one states it
    text = (
        "部门整体支出绩效目标表\n部门名称\n县林业局\n收入构成\n财政拨款\n96\n100%\n合计\n100%\n"
        "支出构成\n基本支出\n60\n62.5%\n项目支出\n36\n37.5%\n合计\n96\n100%\n"
    )
    d = _read(text, "lines")[0]
    assert d.money.total is not None and d.money.total.amount == 96
    # marks and zeros of the other columns: the whole is the largest amount of the row
    text = (
        "项目名称 | 图书馆运行 |\n任务 | 说明 | 预算金额(万元) | | |\n"
        "日常运转 | 水电物业 | 12.5 | | |\n资金合计 | — | 0 | 30.25 | 0 |\n"
    )
    d = _read(text, "pipe")[0]
    assert d.money.total is not None and d.money.total.amount == Decimal("30.25")


def test_a_sum_row_never_replaces_a_stated_total_nor_makes_a_form():
    text = "项目名称 | 村道养护 |\n资金总额(万元) | 50 |\n乡镇 | 金额 |\n东乡 | 20 |\n合计 | 20 |\n"
    d = _read(text, "pipe")[0]
    assert d.money.total is not None and d.money.total.amount == 50
    # a 合计 in the indicator table is no total: the total stays unread
    text = (
        "项目名称 | 村道养护 |\n年度预算安排(万元) | |\n一级指标 | 二级指标 | 三级指标 | 指标值 |\n"
        "成本指标 | 经济成本指标 | 养护费用合计 | ≤50万元 |\n合计 | 50 | | |\n"
    )
    d = _read(text, "pipe")[0]
    assert d.money.total is None or d.money.total.amount is None


def test_a_money_value_in_words_or_a_placeholder_stays_the_value():
    for written in ("待定", "五百万", "详见预算明细表", "/"):
        d = _read(f"项目名称 | 村道养护 |\n资金总额 | {written} |\n", "pipe")[0]
        assert d.money.total is not None and d.money.total.text == written


# -- a label joined to another word by 及/和/与 is one label ----------------------------------


def test_a_label_joined_to_another_by_a_conjunction_takes_the_next_line_as_its_value():
    # after rk16, other words: a prose notice's numbered heading names two things at once; the
    # conjunction and the second word are the label's, the answer is on the next line
    for heading, person in (
        ("五、实施单位及联系人", "王芳"),
        ("五、實施單位和負責人", "李剛"),
        ("实施单位与经办人", "赵一"),
    ):
        text = (
            "青溪县职业中学助学金发放公示\n一、实施期限\n2020.1.1-2020.12.31.\n"
            f"{heading}\n青溪县职业中学 {person}\n六、资金来源及规模\n财政资金12.5万元。\n"
        )
        [d] = _read(text, "lines")
        assert d.implementing_unit == f"青溪县职业中学 {person}", heading
    # a value after the label on its own line stays the value
    [d] = _read("青溪县职业中学助学金发放公示\n实施单位:青溪县职业中学\n资金总额:12.5万元\n", "lines")
    assert d.implementing_unit == "青溪县职业中学"


# -- an empty cell never takes the next label as its value ------------------------------------


def test_a_blank_field_does_not_take_the_next_prompt_as_its_value():
    # after rk12 and r913, other words: 填报单位 left blank, the next prompt on the same line
    head = "项目支出绩效目标表\n(2021年度)\n\n"
    rest = "\n\n项目名称    村道养护\n主管部门    青溪县交通局\n"
    for prompt in ("经办人(签字):", "联系人:", "财务负责人（签章）："):
        [d] = declarations_from_text(
            head + "填报单位(盖章)                      " + prompt + rest, "x.txt", "utf-8", None
        )
        assert d.filing_unit == "", prompt
        assert d.name == "村道养护"
    # a unit written there is read
    [d] = declarations_from_text(head + "填报单位(盖章)    青溪县交通局" + rest, "x.txt", "utf-8", None)
    assert d.filing_unit == "青溪县交通局"
