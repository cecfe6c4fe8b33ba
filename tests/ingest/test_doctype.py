"""What kind of document a text is, on what real pages put around their forms."""

from __future__ import annotations

from perflint.ingest.doctype import classify
from perflint.ingest.files import load_bytes

_FORM = """市级部门预算项目绩效目标表 | | | |
(2021年度) | | | |
项目名称 | 档案馆库房消防设备改造安装工程 | | |
部门名称 | 青溪市档案馆 | | |
年度资金总额 | 24.998 | | |
一级指标 | 二级指标 | 三级指标 | 指标值 |
产出指标 | 数量指标 | 改造库房间数 | 6间 |
质量指标 | 验收合格率 | 100% | |
"""


def _kind(text: str) -> str:
    result = load_bytes(text.encode("utf-8"), "form.txt")
    assert result.declarations, result.problems
    return result.declarations[0].document_kind


def test_an_approval_that_names_the_self_evaluation_to_come_is_no_self_evaluation() -> None:
    # after 濮财效批复〔2021〕88号 (tests/data/real/r311), shortened
    letter = (
        "青溪市财政局\n关于“库房消防设备改造安装工程”\n项目绩效目标的批复\n青溪市档案馆:\n"
        "你单位申报的项目绩效目标审核得分为95分,现就绩效目标予以批复:\n"
        "预算年度结束后,要及时上报“项目支出绩效自评表”和“部门项目支出绩效自评总结报告”。\n"
    )
    assert _kind(letter + _FORM) == "approval"
    # a real self-evaluation still is one
    assert classify("项目支出绩效自评表\n" + _FORM + "实际完成值 | 得分 | 偏差原因 |\n", []).kind == "self-evaluation"


def test_a_filled_form_cut_off_before_its_values_is_no_template() -> None:
    # after a 陈仓区 notice (tests/data/real/r318): the capture stops in the indicator rows
    notice = (
        "陈仓区林业局:\n根据市财政局《关于下达2021年中央财政林业生态恢复资金的通知》精神,"
        "现将2021年中央财政林业生态保护恢复专项资金189.42万元下达给你局,现将有关事项通知如下:\n"
    )
    form = """专项资金绩效目标表 | | | |
专项名称 | 林业草原生态保护恢复资金 | | |
主管部门 | 宝鸡市陈仓区林业局 | | |
资金总额 | 189.42 | | |
一级指标 | 二级指标 | 三级指标 | 指标值 |
产出指标 | 数量指标 | 上一轮退耕还林补助面积(万亩) | |
| | 草原有害生物防治面积(万亩) | |
| | 天保工程参保人数(人) | |
"""
    assert _kind(notice + form) == "notice"
    # the same table with nothing filled in is a template
    blank = form.replace("林业草原生态保护恢复资金", "").replace("宝鸡市陈仓区林业局", "").replace("189.42", "")
    assert _kind(blank) == "template"


def test_a_notice_that_asks_for_a_self_evaluation_report_is_no_self_evaluation() -> None:
    # after 津财基指〔2022〕23号 (corpus 037), shortened
    notice = (
        "津财基指〔2022〕23号\n根据《财政部关于下达2022年农业绿色发展专项中央基建投资预算的通知》,"
        "现下达你区2022年预算2350万元,专项用于畜禽粪污资源化利用整县推进项目,请按规定专款专用。\n"
        "请你单位做好绩效监控,于预算年度结束后及时将项目绩效自评报告报我局备案。\n"
    )
    assert _kind(notice + _FORM) == "notice"
    # a self-evaluation titled so on a line of its own still is one
    assert classify("项目绩效自评报告\n" + _FORM, []).kind == "self-evaluation"


def test_a_sample_form_and_lines_to_write_on_make_a_template() -> None:
    # a document-sharing title (tests/data/real/r409) names a sample
    sample = _FORM.replace("24.998", "")
    assert _kind(sample) == "declaration"
    assert _kind("项目支出绩效目标申报表格范例\n" + sample) == "template"
    # blanks to fill in are placeholders, not values
    blank = _FORM.replace("6间", "_________").replace("100%", "……").replace("| 改造库房间数", "| 面积")
    blank = blank.replace("档案馆库房消防设备改造安装工程", "_________").replace("青溪市档案馆", "_______")
    assert _kind(blank + "| | 时效指标 | 完工及时率 | ______ |\n") == "template"
