"""Where a web page's text of a form ends, and how much of it each form takes (issue 11).

The forms here are made up; they differ in wording and layout from the real pages that
showed each problem (r216, r406, r803, r401, r603)."""

from __future__ import annotations

import pytest

from perflint.catalog import builtin_catalog
from perflint.engine.config import Config
from perflint.engine.core import Engine
from perflint.ingest.files import load_bytes
from perflint.ingest.reading import fused_headings

#: one cell per line, its table ending on a 可持续影响指标 row (no satisfaction row last)
LINES_FORM = """绿溪县水利局2024年项目支出绩效目标表
项目名称
农村饮水安全巡检
主管部门
绿溪县水利局
资金总额(万元)
36.5
年度目标
完成全县42处集中供水工程巡检。
一级指标
二级指标
三级指标
指标值
产出指标
数量指标
巡检供水工程处数
≥42处
质量指标
水质抽检合格率
≥95%
时效指标
巡检完成时间
2024年11月底前
成本指标
经济成本指标
每处巡检费用
≤0.8万元
满意度指标
服务对象满意度指标
受益群众满意度
≥90%
效益指标
社会效益指标
农村供水保障水平
稳定提升
可持续影响指标
工程长效运行年限
"""
LAST_VALUE = "≥5年\n"
PAGE_LINKS = "\n附件下载:\n\n分享到:\n"


@pytest.fixture(scope="module")
def engine() -> Engine:
    return Engine(builtin_catalog(), Config(today="2024-06-01"))


def _decl(text: str):
    [decl] = load_bytes(text.encode("utf-8"), "page.txt").declarations
    return decl


def _codes(engine: Engine, text: str) -> list[str]:
    fr = load_bytes(text.encode("utf-8"), "page.txt")
    [rep] = engine.file_reports(fr, "page.txt")
    return sorted(f.code for f in rep.iter_findings())


def test_the_pages_own_links_after_the_last_row_show_the_text_was_not_cut():
    # control: the text stops after a row that is not the satisfaction row: perhaps cut
    assert _decl(LINES_FORM + LAST_VALUE).reading.truncated
    # the page's links under the form follow: the page showed the form to its end
    decl = _decl(LINES_FORM + LAST_VALUE + PAGE_LINKS)
    assert not decl.reading.truncated
    assert decl.reading.sections["indicators"] == "read"


def test_a_previews_links_prove_nothing_about_the_end():
    """A document-sharing site shows the first pages of a file, then its links."""
    decl = _decl("已阅读3页,还剩12页未读\n" + LINES_FORM + LAST_VALUE + PAGE_LINKS)
    assert decl.reading.truncated
    assert decl.reading.sections["indicators"] == "partial"


def test_a_page_link_read_as_the_last_rows_value_is_chrome():
    decl = _decl(LINES_FORM + "返回列表\n")
    last = decl.indicators[-1]
    assert last.content == "工程长效运行年限" and last.value is None
    assert not decl.reading.truncated
    assert any(decl.source.chrome)


def test_a_shared_page_title_does_not_end_the_first_form_before_it_begins():
    """Two forms under one page title: the first form's text runs to where the second's own
    cells begin, not to the title they share."""
    text = (
        "青山镇2023年项目绩效目标公开\n"
        "项目名称 | 道路养护 |\n主管部门 | 青山镇人民政府 |\n资金总额 | 20 |\n"
        "一级指标 | 二级指标 | 三级指标 | 指标值 |\n"
        "产出指标 | 数量指标 | 养护里程 | ≥12公里 |\n"
        "满意度指标 | 服务对象满意度指标 | 村民满意度 | ≥90% |\n"
        "项目名称 | 路灯维护 |\n主管部门 | 青山镇人民政府 |\n资金总额 | 8 |\n"
        "一级指标 | 二级指标 | 三级指标 | 指标值 |\n"
        "产出指标 | 数量指标 | 维护路灯盏数 | ≥300盏 |\n"
        "满意度指标 | 服务对象满意度指标 | 村民满意度 | ≥90% |\n"
    )
    first, second = load_bytes(text.encode("utf-8"), "two.txt").declarations
    own = "".join("".join(text.splitlines()[1:7]).replace("|", "").split())
    assert first.reading.text_chars >= len(own) - 5
    assert second.reading.text_chars > 0


#: a budget system's sheet flattened: the header and every row run together on one line each
FUSED_SHEET = """2024年部门项目支出绩效目标表
单位:某市图书馆 金额单位:万元
项目名称资金总额绩效指标
流动图书车下乡12.00
一级指标二级指标指标名称指标值计量单位评分规则
产出指标数量指标下乡服务场次40场次按实际场次计分-定量
质量指标借阅登记准确率98%以上抽查登记准确情况-定量
效益指标社会效益指标农村读者借阅量明显增加对比上年借阅数-定性
满意度指标服务对象满意度指标读者满意度90%以上问卷调查-定量
"""


def test_a_header_run_together_into_a_row_leaves_every_row_a_guess(engine):
    decl = _decl(FUSED_SHEET)
    assert decl.reading.sections["indicators"] == "partial"
    assert decl.reading.notes["indicators"] == "layout"
    assert decl.reading.unreliable_rows == list(range(len(decl.indicators)))
    found = _codes(engine, FUSED_SHEET)
    # one reading note; no claim built on a name, its value and its scoring text in one cell
    assert found.count("SRC002") == 1
    assert not {"COST001", "IND002", "VAL002", "VAL003", "IND007", "IND011"} & set(found)


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("一级指标二级指标三级指标指标值度量单位", 5),
        ("一级指标二级指标指标名称指标值计量单位评分规则", 6),
        ("二级指标 三级指标 指标值", 3),
        ("受益群众满意度90%以上问卷调查", 0),  # a row, not headings
        ("指标值", 0),  # one heading is no header run together
        ("数量指标巡检供水工程处数≥42处质量指标", 0),
    ],
)
def test_fused_headings(text, count):
    assert fused_headings(text) == count


#: a preview's text with the whole form run together; an OCR slip (完成口期) lets the schedule's
#: date cell run on over the goal and the indicator table
SWALLOWED = (
    "还剩1页未读,继续阅读\n文本内容:\n"
    "市级部门预算项目支出绩效目标表(2024年度)一级项目名称城市照明专项资金二级项目名称城区路灯节能改造"
    "项目类型新增项目资金用途业务类项目主管部门某区城市管理局项目开始日期2024-03-01项目完成口期2024-10-31"
    "项目总投资80万元基本情况保障夜间照明项目实施计划组织实施单位某区路灯所政策依据某财建\n"
    "[2023]12号其他依据年度绩效目标完成城区路灯节能改造一级指标二级指标三级指标指标目标值产出指标数量指标"
    "改造路灯数量=800盏质量指标验收合格率=100百分比效益指标社会效益指标夜间出行安全明显提升"
    "满意度指标服务对象满意度居民满意度=90百分比\n"
)


def test_a_field_cell_that_ran_over_the_table_is_a_layout_note_not_a_cut(engine):
    """The table is in the text, inside a cell read for another field: the text was not cut,
    its cells were not told apart."""
    decl = _decl(SWALLOWED)
    assert not decl.indicators
    assert not decl.reading.truncated
    assert decl.reading.sections["indicators"] == "unread"
    assert decl.reading.notes["indicators"] == "layout"
    assert _codes(engine, SWALLOWED).count("SRC002") == 1


def test_a_text_ending_in_the_next_tables_title_was_not_cut_in_this_form(engine):
    # after rk11, other words: a page of forms, one after another under one title; the capture
    # stops in the second form's title, after the first form's table
    form = LINES_FORM + LAST_VALUE
    title = form.splitlines()[0]
    decl = _decl(form + title[:14] + "\n")
    assert not decl.reading.truncated
    # the title's start is no indicator row of this form
    assert [i.level3 or i.content for i in decl.indicators][-1] == "工程长效运行年限"
    assert "SRC002" not in _codes(engine, form + title[:14] + "\n")
    # a whole title of another kind of table ends the form as well
    assert not _decl(form + "绿溪县2024年农村供水资金分配明细表\n").reading.truncated
    # control: stopping inside a row that is no title's start is a cut
    assert _decl(form + "效益指标\n经济效益指标\n").reading.truncated
    # and the next form's 项目名称 cut after its first words is that form's name, not a title
    second = form + "附件2\n绿溪县2024年农村饮水巡检项目绩效目标表\n项目名称\n绿溪县2024年农村饮水巡检\n"
    result = load_bytes(second.encode("utf-8"), "page.txt")
    assert result.declarations[-1].reading.truncated
