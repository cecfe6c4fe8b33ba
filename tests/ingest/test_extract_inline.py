"""Indicators written inline: prose notices, several indicators in one cell, run-together PDF tables."""

from __future__ import annotations

from perflint.domain.vocab import vocabulary
from perflint.ingest.inline import InlineLevel, InlineRow, InlineText, read_inline


def _lines(*rows: str) -> str:
    return "\n".join(rows)


def _rows(d) -> list[tuple]:
    return [(i.level1, i.level2, i.content, i.value) for i in d.indicators]


def test_prose_notice_with_indicators_after_category_names(read_one) -> None:
    text = _lines(
        "发布机构 | 青溪镇人民政府 |",
        "发文时间 | 2023-05-06 |",
        "标 题: | 关于青溪镇茶园提质项目绩效目标设定的公示 |",
        "经研究，现将绩效目标设定如下:",
        "一、 产出指标",
        "数量指标:新建茶园面积(≥**亩)>=300亩;补植茶苗(≥**万株)>=12万株;时效指标:完工及时率(≥**%)>=100%。",
        "二、 效益指标",
        "经济效益指标:带动茶农增收(≥**万元)≥40万元,新增就业岗位(≥**个)≥25个;生态效益指标:水土流失减少。",
        "三、 满意度指标",
        "服务对象满意度指标,茶农满意度(≥**%)≥90%。",
        "附件:青溪镇茶园提质项目绩效目标设定表.xlsx",
        "青溪镇人民政府",
    )
    d = read_one(text)
    assert d.title == "关于青溪镇茶园提质项目绩效目标设定的公示"
    assert _rows(d) == [
        ("产出指标", "数量指标", "新建茶园面积", ">=300亩"),
        ("产出指标", "数量指标", "补植茶苗", ">=12万株"),
        ("产出指标", "时效指标", "完工及时率", ">=100%"),
        ("效益指标", "经济效益指标", "带动茶农增收", "≥40万元"),
        ("效益指标", "经济效益指标", "新增就业岗位", "≥25个"),
        ("效益指标", "生态效益指标", "水土流失减少", None),
        ("满意度指标", "服务对象满意度指标", "茶农满意度", "≥90%"),
    ]
    # the attachment line ends the indicators; it and the signature are not indicators
    assert "青溪镇人民政府" in d.unrecognized


def test_several_indicators_in_one_cell_of_a_table(read_one) -> None:
    text = _lines(
        "项目名称 | 档案数字化 | |",
        "主管部门 | 青溪县档案馆 | |",
        "年度绩效目标 | 产出指标 | 扫描档案页数50万页;建立目录数据库2个;数字化验收合格率≥98%。 |",
        "效益指标 | 查档服务时间缩短基本健全;档案利用人次≥3000人次。 |",
        "资金拨付对象 | 青溪县档案馆 |",
    )
    d = read_one(text, "pipe")
    assert [(i.level1, i.content, i.value) for i in d.indicators] == [
        ("产出指标", "扫描档案页数", "50万页"),
        ("产出指标", "建立目录数据库", "2个"),
        ("产出指标", "数字化验收合格率", "≥98%"),
        ("效益指标", "查档服务时间缩短", "基本健全"),
        ("效益指标", "档案利用人次", "≥3000人次"),
    ]


def test_pdf_text_with_the_table_run_together(read_one) -> None:
    text = (
        "项目支出绩效目标表(2022年度)项目名称村级道路维护主管部门青溪镇人民政府"
        "年度绩效指标一级指标二级指标绩效标准指标值"
        "产出指标数量指标维护道路里程反映全年道路维护情况45公里巡查次数反映巡查频次120次"
        "质量指标养护验收合格率反映养护质量>95%成本指标成本控制率不超预算单公里养护成本反映成本控制情况"
    )
    d = read_one(text, "lines")
    assert (d.year, d.name, d.department) == (2022, "村级道路维护", "青溪镇人民政府")
    assert [(i.level2, i.content, i.value) for i in d.indicators] == [
        ("数量指标", "维护道路里程", "45公里"),
        ("数量指标", "巡查次数", "120次"),
        ("质量指标", "养护验收合格率", ">95%"),
        ("成本指标", "成本控制率", "不超预算"),
        ("成本指标", "单公里养护成本", ""),  # the table has a value column; the text stops first
    ]
    assert d.indicators[0].extra == {"指标解释": "反映全年道路维护情况"}


def test_two_numbers_fused_across_columns() -> None:
    # "数量指标88100": a score of 88 in one column, 100 in the next
    text = "数量指标88100质量指标68100…"
    items = read_inline(text, 0, len(text), vocabulary(), runon=True)
    got = []
    for item in items:
        if isinstance(item, InlineLevel):
            got.append(("level", item.canon))
        elif isinstance(item, InlineRow):
            assert item.content is not None and item.value is not None
            got.append((text[slice(*item.content)], text[slice(*item.value)]))
        else:
            assert isinstance(item, InlineText)
            got.append(("text", text[item.start : item.end]))
    assert got == [("level", "数量指标"), ("88", "100"), ("level", "质量指标"), ("68", "100"), ("text", "…")]


def test_a_figure_inside_a_name_does_not_end_it() -> None:
    text = "产出指标:开展3次培训的参训人数≥120人;"
    rows = [i for i in read_inline(text, 0, len(text), vocabulary()) if isinstance(i, InlineRow)]
    assert [(text[slice(*r.content)], text[slice(*r.value)]) for r in rows] == [("开展3次培训的参训人数", "≥120人")]


def test_a_standard_word_after_a_figure_stays_in_the_value(read_one) -> None:
    # "100%达标": the figure and what it must reach, one value; two in one sentence part
    text = _lines(
        "关于青溪镇助学补助项目情况的公示",
        "七、绩效目标",
        "(一)产出指标",
        "1、质量指标:补助标准100%达标。",
        "2、时效指标:补助发放率100%达标,补助到位率100%到位。",
    )
    d = read_one(text)
    assert [(i.level2, i.content, i.value) for i in d.indicators] == [
        ("质量指标", "补助标准", "100%达标"),
        ("时效指标", "补助发放率", "100%达标"),
        ("时效指标", "补助到位率", "100%到位"),
    ]


def test_a_notice_listing_one_indicator_a_line_under_numbered_headings(read_one) -> None:
    # after a county notice (tests/data/real/r805), in other words: each row a line of its
    # own closed by ";" or "。", written name-comparator-value or name-comma-value, under
    # headings "一、…指标" / "(二)…指标" that never become a row's value
    text = _lines(
        "项目名称:某乡冬季供暖补助",
        "现将具体绩效目标设定如下:",
        "一、产出指标",
        "(一)数量指标",
        "补助困难家庭户数≥120户;",
        "(二)质量指标",
        "补助资金发放准确率=100%;",
        "(三)时效指标",
        "发放时限,2024年12月20日前;",
        "(四)成本指标",
        "每户补助标准≤800元/户;",
        "二、效益指标",
        "(一)社会效益指标",
        "困难家庭冬季取暖条件,改善;",
        "(二)可持续影响指标",
        "群众生活保障水平,稳步提升。",
        "三、满意度指标",
        "受助家庭满意度≥90%。",
    )
    d = read_one(text)
    assert _rows(d) == [
        ("产出指标", "数量指标", "补助困难家庭户数", "≥120户"),
        ("产出指标", "质量指标", "补助资金发放准确率", "=100%"),
        ("产出指标", "时效指标", "发放时限", "2024年12月20日前"),
        ("产出指标", "成本指标", "每户补助标准", "≤800元/户"),
        ("效益指标", "社会效益指标", "困难家庭冬季取暖条件", "改善"),
        ("效益指标", "可持续影响指标", "群众生活保障水平", "稳步提升"),
        ("满意度指标", None, "受助家庭满意度", "≥90%"),
    ]


def test_a_heading_after_a_row_without_its_value_starts_the_next_group(read_one) -> None:
    # one cell a line under numbered headings: a row left without its value ends at the
    # next heading, which is the category of the rows below, not the value of the row above
    text = _lines(
        "项目名称:社区图书室运行",
        "一、产出指标",
        "(一)数量指标",
        "新增图书册数",
        "(二)质量指标",
        "图书借阅完好率",
        "≥95%",
    )
    d = read_one(text)
    assert [(i.level2, i.content, i.value) for i in d.indicators] == [
        ("数量指标", "新增图书册数", None),
        ("质量指标", "图书借阅完好率", "≥95%"),
    ]


def test_bracketed_category_headings_over_numbered_indicators(read_one) -> None:
    # after a city's list of project targets (tests/data/real/r801), in other words: a
    # heading names 一级-二级 in brackets, each numbered line gives a name and, in brackets,
    # its value; the list ends at the first line that is neither
    text = _lines(
        "项目名称:社区养老服务中心运营补贴",
        "【产出指标-数量指标】",
        "指标1:服务老人人数(≥260人)",
        "指标2：助餐服务次数（≥3000次）",
        "[产出指标—成本指标]",
        "指标1:人均运营补贴(≤1500元)",
        "【效益指标-社会效益指标】",
        "指标1:老年人生活照料水平(明显改善)",
        "【满意度指标-服务对象满意度指标】",
        "指标1:入住老人满意度(≥92%)",
        "本级项目合计 560000",
    )
    d = read_one(text)
    assert _rows(d) == [
        ("产出指标", "数量指标", "指标1:服务老人人数", "≥260人"),
        ("产出指标", "数量指标", "指标2：助餐服务次数", "≥3000次"),
        ("产出指标", "成本指标", "指标1:人均运营补贴", "≤1500元"),
        ("效益指标", "社会效益指标", "指标1:老年人生活照料水平", "明显改善"),
        ("满意度指标", "服务对象满意度指标", "指标1:入住老人满意度", "≥92%"),
    ]


def test_a_bracket_after_a_name_is_a_value_only_for_a_figure_or_a_numbered_item() -> None:
    # "(县内培训)" is a note of the name; "(≥95%)" and a numbered item's bracket are values
    from perflint.ingest import declarations_from_text

    text = _lines(
        "项目名称:农技培训",
        "一、产出指标",
        "培训人员(县内培训)",
        "≥300人",
        "结业率(≥95%)",
    )
    (d,) = declarations_from_text(text)
    assert [(i.content, i.value) for i in d.indicators] == [("培训人员(县内培训)", "≥300人"), ("结业率", "≥95%")]


def test_a_prose_row_with_one_figure_is_one_row_and_its_direction_word_is_the_values() -> None:
    # after rk12, other words: "名称达70%,目的" is one target and a purpose clause, not two rows
    vocab = vocabulary()

    def rows(text: str, runon: bool) -> list[tuple]:
        return [
            (text[slice(*i.content)] if i.content else None, text[slice(*i.value)] if i.value else None)
            for i in read_inline(text, 0, len(text), vocab, runon=runon)
            if isinstance(i, InlineRow)
        ]

    for runon in (False, True):
        one = "社会效益指标:图书借阅率达85%,营造书香校园氛围。"
        assert rows(one, runon) == [("图书借阅率达85%,营造书香校园氛围", None)]
        # a figure at the end: the direction word before it is the value's
        assert rows("质量指标:设备验收合格率达98%", runon) == [("设备验收合格率", "达98%")]
        # two targets, each with its figure, are still two rows
        two = "数量指标:培训教师达到120人次,发放资料300份。"
        assert rows(two, runon) == [("培训教师", "达到120人次"), ("发放资料", "300份")]
