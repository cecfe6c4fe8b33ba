"""Header fields (issue 12): money lines of a named level and the year a dated period implies.

Each form here is made up, in a wording and layout of its own; each test states the
principle it holds the reader to.
"""

from __future__ import annotations

from decimal import Decimal

from support.extraction import assert_nothing_lost, assert_spans_match

from perflint.domain.vocab import vocabulary
from perflint.ingest import declarations_from_text


def _read(text: str, layout: str):
    decls = declarations_from_text(text, "x.txt", "utf-8", layout)
    assert_spans_match(text, decls)
    assert_nothing_lost(text, decls)
    return decls


# -- a level's funds are no misspelling of another level's ----------------------------------


def test_no_level_word_is_read_as_a_typo_of_another():
    vocab = vocabulary()
    # one character from 上级资金 / 市级主管部门, but the character is a level: another label
    # (上级补助 is the one label a character away from each of these)
    for key in ("本级补助", "乡级补助", "区级补助"):
        assert vocab.near(key) is None, key
    # nor is a word that says which year: 上年预算 is last year's budget, not 当年预算
    assert vocab.near("上年预算") is None and vocab.near("去年预算") is None
    assert vocab.near("当年度目标").key == "annual"  # type: ignore[union-attr]  # this year: 本年度目标
    # a slip in a word that is not a level is still read
    assert vocab.near("上级资余").key == "income.superior"  # type: ignore[union-attr]


def test_the_forms_own_level_funds_are_a_part_not_the_superiors():
    text = "项目名称\t镇村公交运营补贴\n资金来源（万元）\t\n资金总额\t86\n镇级资金\t26\n州级资金\t60\n上级资金\t\n"
    d = _read(text, "tabbed")[0]
    assert d.money.total is not None and d.money.total.amount == Decimal(86)
    keys = {line.label: line.key for line in d.money.lines}
    assert keys["镇级资金"] == "income.level" and keys["州级资金"] == "income.level"
    assert keys["上级资金"] == "income.superior"


# -- the year of a period dated with points, dashes or YYYYMM ---------------------------------


def test_a_period_dated_within_one_year_gives_the_year_however_its_dates_are_written():
    for period, year in (
        ("2022.3-2022.11", 2022),
        ("2023/01/01—2023/12/31", 2023),
        ("202401-202412", 2024),
        ("2021-03至2021-10", 2021),
    ):
        text = f"项目名称 | 农机购置补贴 |\n实施周期 | {period} |\n资金总额(万元) | 40 |\n"
        d = _read(text, "pipe")[0]
        assert d.year == year, period
        assert d.year_text is None  # no cell states it


def test_a_period_over_several_years_gives_no_year():
    for period in ("2021-2023", "2021.1-2022.12", "2021至2023年"):
        text = f"项目名称 | 农机购置补贴 |\n实施周期 | {period} |\n资金总额(万元) | 40 |\n"
        d = _read(text, "pipe")[0]
        assert d.year is None, period


# -- a notice's year: its target table's title before the years its prose speaks of ------------

_NOTICE = (
    "各乡镇财政所:现将2026年河道保洁经费下达给你们(详见附表),请及时拨付。附件:{attachments}青溪县财政局"
    "{title}资金名称河道保洁经费主管部门青溪县水利局年度金额(万元)88总体目标完成全县河道日常保洁"
    "一级指标二级指标三级指标指标值产出指标数量指标保洁河道长度≥120公里\n"
)


def test_the_target_tables_own_title_gives_a_notices_year():
    # the notice allocates 2026 funds and attaches an allocation table of 2026, but its target
    # table is titled 2025: the form is the target table, its year the one its title states
    text = _NOTICE.format(
        attachments="1.2026年河道保洁经费分配表2.2025年河道保洁经费绩效目标表",
        title="附件22025年河道保洁经费绩效目标表",
    )
    d = _read(text, "lines")[0]
    assert (d.year, d.year_text) == (2025, "2025年")


def test_a_reference_to_an_attached_table_is_no_tables_title():
    # "2026年…(详见附表)" names no table; with no year in the target table's title the year is
    # that of the notice's sentence of allocation (现将2026年…下达)
    text = _NOTICE.format(attachments="河道保洁经费绩效目标表", title="")
    d = _read(text, "lines")[0]
    assert d.year == 2026
    assert text[text.index("2026年") - 2 : text.index("2026年")] == "现将"


# -- a unit in the cell after an amount ------------------------------------------------------


def test_a_unit_split_off_its_amount_by_a_space_is_the_amounts_unit():
    # flattened text where spaces part the cells: "36 万" is one amount and its unit
    for unit, want in (("万", "万元"), ("万元", "万元"), ("元", "元")):
        text = f"社区养老驿站绩效目标表 项目名称 社区养老驿站运营 主管部门 区民政局 资金总额 36 {unit} 总体目标 建成驿站3个\n"
        d = _read(text, "flattened")[0]
        assert d.money.total is not None
        assert (d.money.total.amount, d.money.total.unit) == (Decimal(36), want), unit
        assert d.money.total.text == f"36 {unit}"
        assert d.goals.get("long_term") == "建成驿站3个"


def test_a_unit_on_the_next_line_or_after_other_text_is_not_taken():
    for tail in ("\n万 总体目标 建成驿站3个\n", " 其中 万 总体目标 建成驿站3个\n"):
        text = "社区养老驿站绩效目标表 项目名称 社区养老驿站运营 主管部门 区民政局 资金总额 36" + tail
        d = _read(text, "flattened")[0]
        assert d.money.total is not None and d.money.total.text == "36"
        assert d.money.total.unit is None


# -- the programme over the project -------------------------------------------------------


def test_the_programme_a_project_belongs_to_is_kept_apart_from_its_name():
    for first, second in (("一级项目名称", "二级项目名称"), ("二级项目名称", "一级项目名称")):
        rows = {"一级项目名称": "农村公路建设", "二级项目名称": "桥梁维修加固"}
        text = f"项目支出绩效目标表 |\n{first} | {rows[first]} |\n{second} | {rows[second]} |\n资金总额(万元) | 35 |\n"
        d = _read(text, "pipe")[0]
        assert d.name == "桥梁维修加固", first
        assert [(f.key, f.text) for f in d.fields] == [("program", "农村公路建设")]
        assert d.unrecognized == []


# -- a notice names the project it reports on before the funds it came from ------------------


def test_a_notice_names_the_project_a_unit_carries_out_before_the_funds_it_was_given():
    text = (
        "青溪县人民医院项目情况公示\n"
        "依据县财政局“关于下达2024年县级卫生健康专项经费的通知”文件,2024年乡村医生培训补助项目"
        "由青溪县人民医院组织实施,涉及资金36万元,现公示如下:\n"
        "一、实施地点\n青溪县\n"
    )
    d = _read(text, "lines")[0]
    assert d.name == "2024年乡村医生培训补助项目"


def test_a_project_named_only_by_a_pronoun_is_not_a_name():
    text = (
        "青溪县人民医院项目情况公示\n"
        "依据县财政局“关于下达2024年县级卫生健康专项经费的通知”文件,该项目由青溪县人民医院组织实施,"
        "涉及资金36万元。\n"
    )
    d = _read(text, "lines")[0]
    assert d.name == "2024年县级卫生健康专项经费"  # the funds, as before
