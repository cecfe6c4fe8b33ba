"""Indicator tables read by their header: columns mapped, values built from their parts."""

from __future__ import annotations

from decimal import Decimal


def _lines(*rows: str) -> str:
    return "\n".join(rows)


def _rows(d) -> list[tuple]:
    return [(i.level1, i.level2, i.content, i.value) for i in d.indicators]


def test_value_built_from_comparator_value_and_unit_columns(read_one) -> None:
    text = _lines(
        "| 项目名称 | 乡村学校食堂改造 | | | | |",
        "| 一级指标 | 二级指标 | 三级指标 | 计算符号 | 目标值 | 度量单位 | 指标值说明 |",
        "| 产出指标 | 数量指标 | 改造食堂个数 | = | 6 | 个 | 按计划 |",
        "| 食堂验收合格率 | ≥ | 95 | % | 抽查 |",
        "| 效益指标 | 社会效益指标 | 就餐环境 | | 明显改善 | % | |",
    )
    d = read_one(text)
    assert _rows(d) == [
        ("产出指标", "数量指标", "改造食堂个数", "=6个"),
        ("产出指标", "数量指标", "食堂验收合格率", "≥95%"),
        ("效益指标", "社会效益指标", "就餐环境", "明显改善"),  # a value in words stays as written
    ]
    first = d.indicators[0]
    assert first.extra == {"计算符号": "=", "度量单位": "个", "指标值说明": "按计划"}
    # each part keeps its span: the value cell's under value, the others under extra
    assert {"/indicators/0/value", "/indicators/0/extra/计算符号", "/indicators/0/extra/度量单位"} <= set(
        d.source.spans
    )


def test_nature_column_gives_the_comparator_only_when_it_holds_one(read_one) -> None:
    text = _lines(
        "| 一级指标 | 二级指标 | 三级指标 | 指标性质 | 指标值 | 计量单位 |",
        "| 产出指标 | 质量指标 | 维修合格率 | ≥ | 98 | % |",
        "| 时效指标 | 完成时限 | 定量 | 10 | 月 |",
        "| 成本指标 | 经济成本指标 | 单位成本 | 定量 | 1.2万元 | % |",
    )
    d = read_one(text)
    assert [i.value for i in d.indicators] == ["≥98%", "10月", "1.2万元"]


def test_one_cell_per_line_table_with_weight_unit_and_nature_columns(read_one) -> None:
    # a page that prints each cell on its own line ending in " |", a bare "|" for an empty cell
    text = _lines(
        "项目名称 |",
        "村级公益岗位补贴 |",
        "绩效指标 |",
        "指标 |",
        "指标权重 |",
        "计量单位 |",
        "指标性质 |",
        "指标值 |",
        "补贴发放人数 |",
        "30 |",
        "人 |",
        "≥ |",
        "45 |",
        "群众满意度 |",
        "20 |",
        "% |",
        "≥ |",
        "90 |",
        "促进就业增收 |",
        "20 |",
        "|",
        "定性 |",
        "|",
    )
    d = read_one(text)
    assert [(i.content, i.value) for i in d.indicators] == [
        ("补贴发放人数", "≥45人"),
        ("群众满意度", "≥90%"),
        ("促进就业增收", ""),
    ]
    assert d.indicators[0].extra == {"指标权重": "30", "计量单位": "人", "指标性质": "≥"}


def test_pipe_rows_opened_by_a_bare_pipe_line(read_one) -> None:
    # each row opens with a bare "|" and the last cell of a row closes it ("… | |||")
    text = _lines(
        "|",
        "项目名称 |",
        "社区公园提升 | |||",
        "|",
        "绩效指标 |",
        "一级指标 |",
        "二级指标 |",
        "三级指标 |",
        "计量单位 |",
        "指标性质 |",
        "指标值 |",
        "|",
        "产出指标 |",
        "数量指标 |",
        "新增绿地面积 |",
        "平方米 |",
        "≥ |",
        "1200 | |",
        "|",
        "增设座椅 |",
        "张 |",
        "= |",
        "40 | |||",
        "|",
        "质量指标 |",
        "苗木成活率 |",
        "% |",
        "≥ |",
        "90 | ||",
    )
    d = read_one(text)
    assert d.name == "社区公园提升"
    assert _rows(d) == [
        ("产出指标", "数量指标", "新增绿地面积", "≥1200平方米"),
        ("产出指标", "数量指标", "增设座椅", "=40张"),
        ("产出指标", "质量指标", "苗木成活率", "≥90%"),
    ]


def test_wide_sheet_of_several_projects_under_a_department_subtotal(read_all) -> None:
    text = _lines(
        "| 部门预算项目绩效目标申报表(2024年度) | | |",
        "| 金额单位:元 | | |",
        "| 单位名称 | 项目名称 | 预算数 | 年度目标 | 一级指标 | 二级指标 | 三级指标 | 指标性质 | 指标值 | 度量单位 |",
        "| 301-青溪镇部门 | 1,250,000.00 | |",
        "| 301001-青溪镇人民政府 | 村道保洁 | 450,000.00 | 村道常年整洁 | 产出指标 | 数量指标 | 保洁里程 | ≥ | 30 | 公里 |",
        "| 满意度指标 | 服务对象满意度指标 | 村民满意度 | ≥ | 90 | % |",
        "| 路灯维护 | 800,000.00 | 路灯亮灯率保持高位 | 产出指标 | 质量指标 | 亮灯率 | ≥ | 98 | % |",
        "| 产出指标 | 数量指标 | 维护路灯数 | = | 1200 | 盏 |",
    )
    first, second = read_all(text)
    assert (first.name, first.department, first.year) == ("村道保洁", "301-青溪镇部门", 2024)
    assert (second.name, second.department, second.year) == ("路灯维护", "301-青溪镇部门", 2024)
    assert (first.money.total.amount, first.money.total.unit) == (Decimal("450000.00"), "元")
    assert (second.money.total.amount, second.money.total.unit) == (Decimal("800000.00"), "元")
    assert [(i.content, i.value) for i in first.indicators] == [("保洁里程", "≥30公里"), ("村民满意度", "≥90%")]
    assert [(i.level2, i.content, i.value) for i in second.indicators] == [
        ("质量指标", "亮灯率", "≥98%"),
        ("数量指标", "维护路灯数", "=1200盏"),
    ]
    assert second.goals == {"annual": "路灯亮灯率保持高位"}
    assert [(f.key, f.text) for f in first.fields if f.key == "subtotal"] == [("subtotal", "1,250,000.00")]


def test_stream_table_with_a_category_broken_over_lines_and_label_words_as_names(read_one) -> None:
    text = _lines(
        "项目名称",
        "农村饮水巩固提升",
        "一级指标",
        "二级指标",
        "三级指标",
        "指标值",
        "产出指标",
        "时效指标",
        "完成时间",  # also a schedule heading: here the indicator's name
        "2024年底前",
        "效益指标",
        "经济效益",
        "指标",
        "年节约供水成本",
        "≥12万元",
    )
    d = read_one(text, "lines")
    assert _rows(d) == [
        ("产出指标", "时效指标", "完成时间", "2024年底前"),
        ("效益指标", "经济效益\n指标", "年节约供水成本", "≥12万元"),  # as written, over two lines
    ]


def test_allocation_list_before_the_form_does_not_give_it_a_name(read_one) -> None:
    # 序号 | 乡镇名称 | 项目名称 | 金额: headings of an allocation list, then the form itself
    text = _lines(
        "序号 |",
        "乡镇名称 |",
        "项 目 名 称 |",
        "金额 |",
        "1 |",
        "青溪镇 |",
        "塘坝清淤 |",
        "20 |",
        "附件2",
        "2024年小型水利工程专项资金绩效目标表",
        "项目名称 |",
        "小型水利工程专项资金 |",
        "资金总额 |",
        "20 |",
    )
    d = read_one(text, "pipe")
    assert (d.title, d.name, d.money.total.amount) == (
        "2024年小型水利工程专项资金绩效目标表",
        "小型水利工程专项资金",
        Decimal(20),
    )


def test_town_by_indicator_matrix_keeps_the_towns_as_columns(read_one) -> None:
    text = _lines(
        "| 一级指标 | 二级指标 | 三级指标 | 指标解释 | 东村 | 西村 |",
        "| 产出指标 | 数量指标 | 修复水圳(条) | 反映水圳修复情况 | 2 | 1 |",
    )
    d = read_one(text, "pipe")
    (ind,) = d.indicators
    assert (ind.level1, ind.level2, ind.content) == ("产出指标", "数量指标", "修复水圳(条)")
    assert ind.extra == {"指标解释": "反映水圳修复情况", "东村": "2", "西村": "1"}


def test_ndrc_tables_with_process_management_categories(read_one) -> None:
    text = _lines(
        "一级指标 |",
        "二级指标 |",
        "三级指标 |",
        "指标值 |",
        "过程管理指标 |",
        "资金管理指标 |",
        "投资完成率 |",
        "≥95% |",
        "监督检查指标 |",
        "审计指出问题项目比例 |",
        "≤1% |",
    )
    d = read_one(text, "pipe")
    assert _rows(d) == [
        ("过程管理指标", "资金管理指标", "投资完成率", "≥95%"),
        ("过程管理指标", "监督检查指标", "审计指出问题项目比例", "≤1%"),
    ]


def test_rows_run_together_and_values_in_words(read_one) -> None:
    # a row whose closing "| ||" the page left out runs into the next one
    text = _lines(
        "一级指标 |",
        "二级指标 |",
        "三级指标 |",
        "单位 |",
        "指标值 | |",
        "产出指标 |",
        "数量指标 |",
        "出栏生猪稳定率 |",
        "% |",
        "≥95% |",
        "能繁母猪存栏稳定率 |",
        "% |",
        "90% | |||",
    )
    d = read_one(text, "pipe")
    assert [(i.content, i.value, i.extra) for i in d.indicators] == [
        ("出栏生猪稳定率", "≥95%", {"单位": "%"}),
        ("能繁母猪存栏稳定率", "90%", {"单位": "%"}),
    ]
    fused = _lines(
        "绩效指标一级指标二级指标指标内容指标值",
        "效益指标可持续影响指标乡村学校办学条件稳步提高",
        "社会公众或服务对象满意度指标家长满意度≥90%",
    )
    d = read_one(fused, "lines")
    assert _rows(d) == [
        ("效益指标", "可持续影响指标", "乡村学校办学条件", "稳步提高"),
        ("社会公众或服务对象满意度指标", None, "家长满意度", "≥90%"),  # a 一级 category of its own
    ]


def test_a_short_category_word_under_its_own_category_is_the_indicator_name(read_one) -> None:
    # one cell per paragraph: "服务对象满意度指标 / 满意度 / 90%": 满意度 names the row,
    # it is no second level; "其他需说明的问题" after the table is a field, not a row
    text = "\n\n".join(
        [
            "项目名称",
            "雾炮车作业服务",
            "一级指标",
            "二级指标",
            "三级指标",
            "指标值",
            "产出指标",
            "数量指标",
            "作业车辆",
            "10台",
            "服务对象满意度指标",
            "满意度",
            "90%",
            "其他需说明的问题",
            "无",
        ]
    )
    d = read_one(text, "lines")
    assert [(i.level1, i.content, i.value) for i in d.indicators] == [
        ("产出指标", "作业车辆", "10台"),
        ("服务对象满意度指标", "满意度", "90%"),
    ]
    assert [(f.key, f.text) for f in d.fields] == [("other_notes", "无")]


def test_rows_under_merged_leading_cells_are_aligned_to_the_header(read_one) -> None:
    # 指标类型 is merged down the rows of each group (rowspan): the rows after the
    # first have one cell fewer and belong at the header's right end, or every
    # description is read as the value
    text = _lines(
        "| 项目名称 | 河道保洁经费 | | |",
        "| 指标类型 | 指标名称 | 指标值 | 指标描述 |",
        "| 产出指标 | 数量指标 | 12公里 | 完成全区12公里河道的保洁 |",
        "| 质量指标 | 98% | 河面无明显漂浮物 |",
        "| 时效指标 | 全年 | 全年 |",
        "| 效益指标 | 社会效益指标 | 是 | 改善沿河居民生活环境 |",
        "| 长效管护机制 | 是 | 形成河道保洁的日常巡查制度 |",
    )
    d = read_one(text)
    assert [(i.level1, i.content, i.value) for i in d.indicators] == [
        ("产出指标", "数量指标", "12公里"),
        ("产出指标", "质量指标", "98%"),
        ("产出指标", "时效指标", "全年"),
        ("效益指标", "社会效益指标", "是"),
        ("效益指标", "长效管护机制", "是"),  # not a category: aligned because 是 is a value, the sentence is not
    ]
    assert d.indicators[1].extra == {"指标描述": "河面无明显漂浮物"}


def test_a_short_row_is_not_aligned_right_when_its_cells_read_left(read_one) -> None:
    # the trailing cell left out, not a merged leading one: the row stays as read
    text = _lines(
        "| 一级指标 | 二级指标 | 三级指标 | 指标值 | 备注 |",
        "| 产出指标 | 数量指标 | 培训人数 | 200人 | 按计划 |",
        "| 数量指标 | 结业人数 | 180人 |",
        "| 培训合格率 | 95% | 考核 |",
    )
    d = read_one(text)
    assert [(i.level2, i.content, i.value) for i in d.indicators][1:] == [
        ("数量指标", "结业人数", "180人"),  # a 二级 category stays under 二级
        ("数量指标", "培训合格率", "95%"),  # the value already sits under 指标值
    ]


def test_a_row_of_tick_boxes_ends_the_indicator_table(read_one) -> None:
    text = _lines(
        "| 项目名称 | 河道保洁经费 | | |",
        "| 一级指标 | 二级指标 | 三级指标 | 指标值 |",
        "| 满意度指标 | 服务对象满意度 | 沿河居民满意率 | ≥90% |",
        "| 上年评价结果 | 优秀□ 良好□ 合格□ | 附评价报告 |",
    )
    d = read_one(text)
    assert [(i.content, i.value) for i in d.indicators] == [("沿河居民满意率", "≥90%")]
