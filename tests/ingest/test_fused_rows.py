"""A sheet whose cells ran together, one row a line (perflint.ingest.fusedrows). Made-up
sheets, in wording and columns unlike the real page that showed the layout (r803)."""

from __future__ import annotations

import pytest

from perflint.ingest.coverage import uncovered
from perflint.ingest.files import load_bytes
from perflint.ingest.fusedrows import _restated, headings, split_value

SHEET = """2024年部门项目支出绩效目标表
单位:某市图书馆 金额单位:万元
项目名称资金总额绩效指标
流动图书车下乡12.00
一级指标二级指标指标名称指标值计量单位评分规则
产出指标数量指标下乡服务场次40场次按实际场次计分-定量
质量指标借阅登记准确率98%以上抽查登记准确情况-定量
时效指标

-定性
成本指标经济成本指标单场服务成本≤3000元/场超支不得分-定量
效益指标社会效益指标农村读者借阅量明显增加对比上年借阅数-定性
满意度指标服务对象满意度指标读者满意度不低于90%问卷调查-定量
"""


def _read(text: str):
    fr = load_bytes(text.encode("utf-8"), "sheet.txt")
    [decl] = fr.declarations
    return fr, decl


def test_rows_are_read_again_from_the_headers_order():
    fr, decl = _read(SHEET)
    rows = [(i.level1, i.level2, i.content, i.value) for i in decl.indicators]
    assert rows == [
        ("产出指标", "数量指标", "下乡服务场次", "40场次"),
        ("产出指标", "质量指标", "借阅登记准确率", "98%以上"),
        ("成本指标", "经济成本指标", "单场服务成本", "≤3000元/场"),
        ("效益指标", "社会效益指标", "农村读者借阅量", "明显增加"),
        ("满意度指标", "服务对象满意度指标", "读者满意度", "不低于90%"),
    ]
    # the later columns run together are kept under the header's names, not judged
    assert decl.indicators[0].extra == {"计量单位、评分细则": "按实际场次计分-定量"}
    assert decl.indicators[1].inherited == ["level1"]
    # nothing lost: the header is template text, the empty 时效 row too, the lines above it unread
    assert uncovered(fr.text or "", fr.declarations) == []
    assert "流动图书车下乡12.00" in "".join(decl.unrecognized)


def test_rows_of_fused_text_are_read_but_not_judged():
    _fr, decl = _read(SHEET)
    assert decl.reading.sections["indicators"] == "partial"
    assert decl.reading.unreliable_rows == list(range(len(decl.indicators)))


def test_a_column_between_name_and_value_keeps_the_two_run_together():
    """三级指标 | 指标说明 | 指标值: where the name ends is not known without separators, unless
    the explanation restates the name's ending; the value is still told from the two."""
    text = SHEET.replace("一级指标二级指标指标名称指标值", "一级指标二级指标指标名称指标说明指标值")
    _fr, decl = _read(text)
    first = decl.indicators[0]
    # no ending recurs: the row has no name of its own, only the two cells' text
    assert (first.content, first.value, first.level3) == ("下乡服务场次", "40场次", None)
    assert first.extra["指标内容、备注"] == "下乡服务场次"
    assert decl.reading.sections["indicators"] == "partial"
    assert decl.reading.unreliable_rows == list(range(len(decl.indicators)))


#: a made-up sheet, the explanation column between the name and the value restating the
#: name's ending (or the name written twice), the text cut inside its last row
EXPLAINED = """2025年度项目绩效目标表
单位:某区民政局
年度绩效指标
一级指标二级指标三级指标指标解释指标值评分方式
产出指标数量指标助餐服务人次全年为老年人提供助餐的服务人次≥36000人次按比例扣分
质量指标餐食抽检合格率餐食抽检合格率100%抽检
送餐准时率按约定时间送达的送餐准时率不低于95%按比例扣分
时效指标补贴发放时间补贴按季度发放2025年12月底前逾期扣分
效益指标社会效益指标老年人就餐便利程度老年人就餐便利"""


def test_a_name_whose_explanation_restates_its_ending_is_split_from_it():
    fr, decl = _read(EXPLAINED)
    rows = [(i.level2, i.content, i.level3, i.value) for i in decl.indicators]
    assert rows == [
        ("数量指标", "助餐服务人次", "助餐服务人次", "≥36000人次"),
        ("质量指标", "餐食抽检合格率", "餐食抽检合格率", "100%"),  # written twice
        ("质量指标", "送餐准时率", "送餐准时率", "不低于95%"),
        # 发放 recurs, but 补贴发放 names no measure: name and explanation stay together
        ("时效指标", "补贴发放时间补贴按季度发放", None, "2025年12月底前"),
        # the text stops inside the last row: no value, the row kept (便利 names no measure)
        ("社会效益指标", "老年人就餐便利程度老年人就餐便利", None, None),
    ]
    assert decl.indicators[0].extra["指标解释"] == "全年为老年人提供助餐的服务人次"
    assert decl.reading.unreliable_rows == list(range(len(decl.indicators)))
    assert uncovered(fr.text or "", fr.declarations) == []


def test_a_row_with_no_value_before_the_end_still_leaves_the_table_as_read():
    # the same last row, the text going on after it: a row with no value, not a cut one
    _fr, decl = _read(EXPLAINED + "\n")
    assert not any(i.content == "助餐服务人次" for i in decl.indicators)


@pytest.mark.parametrize(
    "cell, name",
    [
        ("入库图书册数当年新入库的图书册数", "入库图书册数"),
        ("巡查覆盖率巡查覆盖率", "巡查覆盖率"),
        ("维修及时率按时维修", None),  # nothing recurs
        ("完成率工作完成率", "完成率"),
        ("达标达标率达标", None),  # the name would be two characters
        ("补贴发放时间补贴按季度发放", None),  # 补贴发放 names no measure
        ("水质达标率水质达标率水质达标率", None),  # recurs in two places: a guess
    ],
)
def test_restated(cell, name):
    cut = _restated(cell, 0, len(cell))
    assert (cell[:cut] if cut is not None else None) == name


def test_a_row_whose_value_cannot_be_found_leaves_the_table_as_read():
    text = SHEET.replace("农村读者借阅量明显增加对比上年借阅数", "农村读者借阅量对比上年借阅数情况良好")
    _fr, decl = _read(text)
    assert not any(i.content == "下乡服务场次" and i.value == "40场次" for i in decl.indicators)


def test_headings_in_order():
    assert headings("一级指标二级指标三级指标指标值度量单位备注") == [
        "level1",
        "level2",
        "level3",
        "value",
        "extra:度量单位",
        "note",
    ]


@pytest.mark.parametrize(
    ("cell", "value"),
    [
        ("客运班线开通数≥6条说明文字", "≥6条"),
        ("每日配送餐数120份以上按日统计", "120份以上"),
        ("补贴标准45元/人.每月按月发放", "45元/人.每月"),
        ("工程完工时间2025年6月30日前竣工验收", "2025年6月30日前"),
        ("群众安全感有所提高问卷", "有所提高"),
        ("受理件办结率大于95%抽查", "大于95%"),
        ("改造户数(户)300按合同", "300"),  # the unit note in the name is no value
    ],
)
def test_split_value(cell, value):
    found = split_value(cell, 0, len(cell))
    assert found is not None and cell[found[0] : found[1]] == value


def test_split_value_needs_a_name_before_it():
    assert split_value("95%以上", 0, 5) is None
