"""Small hand-written inputs for each text layout and its quirks."""

from __future__ import annotations

from decimal import Decimal

import pytest
from support.extraction import assert_nothing_lost, assert_spans_match

from perflint.domain.model import FormType


def _lines(*rows: str) -> str:
    return "\n".join(rows)


def _one(extract, text: str, layout: str | None = None):
    decls = extract(text, layout=layout)
    assert_nothing_lost(text, decls)
    assert_spans_match(text, decls)
    assert len(decls) == 1
    return decls[0]


def test_pipe_cells_one_per_line_with_row_marks(extract) -> None:
    text = _lines(
        "绩效目标申报表 |",
        "|||||",
        "(2022年度) |",
        "|||||",
        "项目名称 |",
        "村级活动场所修缮 |",
        "|||",
        "资金情况 |",
        "年度资金总额: |",
        "12.5 |",
        "|||",
        "绩 |",
        "一级指标 |",
        "二级指标 |",
        "三级指标 |",
        "指标值 |",
        "|||",
        "产出指标 |",
        "数量指标 |",
        "修缮活动场所个数 |",
        "3个 |",
        "|||",
        "质量指标 |",
        "验收合格率 |",
        "100% |",
        "|||",
    )
    d = _one(extract, text)
    assert d.source.layout == "pipe"
    assert (d.year, d.name, d.money.total.amount) == (2022, "村级活动场所修缮", Decimal("12.5"))
    assert [(i.level1, i.level2, i.content, i.value, i.inherited) for i in d.indicators] == [
        ("产出指标", "数量指标", "修缮活动场所个数", "3个", []),
        ("产出指标", "质量指标", "验收合格率", "100%", ["level1"]),
    ]
    # the cut-short block label "绩" stays a (template) label
    assert "绩" in {label.text for key, label in d.source.labels.items() if key.startswith("/$template/")}


def test_pipe_rows_closed_by_a_run_of_pipes(extract) -> None:
    text = "专项名称 |\n河道清淤 | ||||\n资金总额 |\n20 | |||\n"
    d = _one(extract, text)
    assert (d.name, d.money.total.amount) == ("河道清淤", Decimal(20))


def test_pipe_cells_separated_by_bare_pipes(extract) -> None:
    text = _lines(
        "项目支出绩效目标申报表",
        "(2024 年度)",
        "项目名称",
        "|",
        "农田灌溉渠维修",
        "|",
        "主管部门",
        "|",
        "|",
        "实施单位",
        "|",
        "乡农业服务中心",
        "|",
        "年度资金总额",
        "|",
        "8.6 万元",
        "|",
        "一级 指标",
        "|",
        "二级指标",
        "|",
        "三级指标",
        "|",
        "指标值",
        "|",
        "产出 指标",
        "|",
        "数量指标",
        "|",
        "维修渠道长度",
        "|",
        "≧1.2公里",
        "|",
    )
    d = _one(extract, text)
    assert (d.year, d.name, d.department, d.implementing_unit) == (2024, "农田灌溉渠维修", "", "乡农业服务中心")
    assert (d.money.total.amount, d.money.total.unit) == (Decimal("8.6"), "万元")
    (ind,) = d.indicators
    assert (ind.level1, ind.level2, ind.content, ind.value) == ("产出 指标", "数量指标", "维修渠道长度", "≧1.2公里")


def test_wide_sheet_with_field_columns(read_one) -> None:
    text = _lines(
        "| 部门预算项目绩效目标申报表(2023年度) | | |",
        "| 金额单位:元 | | |",
        "| 单位名称 | 项目名称 | 预算数 | 年度目标 | 一级指标 | 二级指标 | 三级指标 | 指标性质 | 指标值 | 度量单位 |",
        "| 青溪镇人民政府 | 村道保洁 | 120,000.00 | 保持村道整洁 | 产出指标 | 数量指标 | 保洁里程 | ≥ | 15 | 公里 |",
        "| 满意度指标 | 服务对象满意度指标 | 村民满意度 | ≥ | 90 | % |",
    )
    d = read_one(text)
    assert (d.year, d.name, d.department) == (2023, "村道保洁", "青溪镇人民政府")
    assert (d.money.total.amount, d.money.total.unit) == (Decimal("120000.00"), "元")
    assert d.goals == {"annual": "保持村道整洁"}
    # the value is built from its columns; the columns stay under extra
    assert [(i.level1, i.content, i.value, i.extra) for i in d.indicators] == [
        ("产出指标", "保洁里程", "≥15公里", {"指标性质": "≥", "度量单位": "公里"}),
        ("满意度指标", "村民满意度", "≥90%", {"指标性质": "≥", "度量单位": "%"}),
    ]


def test_lines_with_fused_labels_and_values(extract) -> None:
    text = _lines(
        "绩效目标表",
        "(2020年度)",
        "项目名称农村公路安保工程",
        "项目主管部门青溪区交通运输局",
        "资金情况",
        "(万元)",
        "年度资金总额:30",
        "    其中 :上级资金30",
        "绩效指标一级指标二级指标指标内容指标值",
        "产出指标数量指标安装护栏长度≥2公里",
        "质量指标工程验收合格率100%",
    )
    d = _one(extract, text, "lines")
    assert (d.year, d.name, d.department) == (2020, "农村公路安保工程", "青溪区交通运输局")
    assert (d.money.total.amount, d.money.total.unit) == (Decimal(30), "万元")
    assert [(line.key, line.amount) for line in d.money.lines] == [("income.superior", Decimal(30))]
    assert [(i.level2, i.content, i.value) for i in d.indicators] == [
        ("数量指标", "安装护栏长度", "≥2公里"),
        ("质量指标", "工程验收合格率", "100%"),
    ]


def test_flattened_run_together_year_and_fused_columns(extract) -> None:
    text = "附件2 项目支出绩效自评表(2022年度)项目名称 村道路灯维护 主管部门 青溪镇人民政府 年度资金总额: 1212100%"
    d = _one(extract, text, "flattened")
    assert d.year == 2022
    assert d.name == "村道路灯维护"
    assert d.money.total.amount == Decimal(12)  # 预算数 12 | 执行数 12 | 执行率 100%


def test_traditional_labels(extract) -> None:
    text = "項目名稱 | 社區健身器材更新 |\n主管部門 | 青溪區體育局 |\n年度資金總額 | 6 |\n"
    d = _one(extract, text)
    assert (d.name, d.department, d.money.total.amount) == ("社區健身器材更新", "青溪區體育局", Decimal(6))


def test_period_and_decorations(extract) -> None:
    text = _lines(
        "| 项目名称 | 校园安全监控升级 |",
        "| 项目期 | 2023年3月-2024年6月 |",
        "| *项目属性 | 新增 |",
        "| ★实施单位(选填) | 青溪第二中学 |",
    )
    d = _one(extract, text)
    assert [(f.key, f.text) for f in d.fields] == [("period", "2023年3月-2024年6月")]
    assert (d.attribute, d.implementing_unit) == ("新增", "青溪第二中学")
    assert d.source.labels["/implementing_unit"].text == "★实施单位(选填)"


def test_spaced_and_vertical_labels(extract) -> None:
    text = "项目名称\n图书馆外墙修缮\n总 体 目 标\n年内完成外墙修缮1200平方米\n年\n度\n目\n标\n按期竣工\n"
    d = _one(extract, text, "lines")
    assert d.goals == {"long_term": "年内完成外墙修缮1200平方米", "annual": "按期竣工"}
    assert d.form_type is FormType.PROJECT


def test_traditional_labels_with_pinyin_run_together(extract) -> None:
    text = "項(xiàng)目名稱(chēng)社區(qū)圖書室建設主管部門(mén)青溪區(qū)文化局"
    d = _one(extract, text, "lines")
    assert d.name == "社區(qū)圖書室建設"
    assert d.department == "青溪區(qū)文化局"
    assert d.source.labels["/name"].text == "項(xiàng)目名稱(chēng)"


def test_space_separated_rows(read_one) -> None:
    # a sheet copied as plain text: one row per line, cells separated by spaces
    text = _lines(
        "信息分类: 项目绩效目标 发文日期: 2023-02-01",
        "项目支出绩效目标申报表",
        "(2023年度)",
        "项目名称 社区养老驿站运营 项目负责人及电话 李明13800000000",
        "主管部门 青溪区民政局 实施单位 青溪区养老服务中心",
        "年度",
        "预算",
        "安排",
        "(万元)",
        "资金总额 36.5",
        "其中:财政拨款 36.5",
        "绩效指标 一级指标 二级指标 三级指标 指标值 备注",
        "产出指标 数量指标 服务老人人次 >=12000人次",
        "驿站开放天数( ≥**天 ) >=300天",
        "质量指标 服务投诉处理率 100%",
        "满意度指标 服务对象满意度指标 老人满意度(≥**%) >=90%",
    )
    d = read_one(text)
    assert d.source.layout == "spaced"
    assert (d.year, d.name, d.department) == (2023, "社区养老驿站运营", "青溪区民政局")
    assert (d.money.total.amount, d.money.total.unit) == (Decimal("36.5"), "万元")
    assert [(i.level1, i.level2, i.content, i.value) for i in d.indicators] == [
        ("产出指标", "数量指标", "服务老人人次", ">=12000人次"),
        ("产出指标", "数量指标", "驿站开放天数( ≥**天 )", ">=300天"),  # a name with spaces of its own
        ("产出指标", "质量指标", "服务投诉处理率", "100%"),
        ("满意度指标", "服务对象满意度指标", "老人满意度(≥**%)", ">=90%"),
    ]


def test_space_separated_rows_keep_a_bracketed_note_whole_and_end_at_sign_off(read_one) -> None:
    # "( ≥**% )": spaces inside a bracket never end a cell, whatever cells stand before it;
    # a "…初审意见 (盖章)" row after the table is a sign-off, not an indicator
    text = _lines(
        "项目支出绩效目标申报表",
        "项目名称 合作社入股分红 主管部门 青溪区扶贫办",
        "绩效指标 一级指标 二级指标 三级指标 指标值 备注",
        "效益指标 经济效益指标 *资产股权年收益率( ≥**% ) >=8%  ",
        "满意度指标 服务对象满意度指标 *入股农户满意度( ≥**% ) >=95%  ",
        "财政部门支出股室初审意见 (盖章)",
        "区扶贫办审核意见 (盖章)",
    )
    d = read_one(text, "spaced")
    assert [(i.level2, i.content, i.value) for i in d.indicators] == [
        ("经济效益指标", "*资产股权年收益率( ≥**% )", ">=8%"),
        ("服务对象满意度指标", "*入股农户满意度( ≥**% )", ">=95%"),
    ]


def test_a_row_per_line_with_tabs_between_cells(read_one) -> None:
    # Excel "Text (Tab delimited)": no blank lines between rows, empty cells at the end
    text = _lines(
        "\t项目名称\t乡村道路养护\t\t",
        "\t主管部门\t青溪县交通运输局\t\t",
        "\t年度资金总额\t45\t\t",
        "\t一级指标\t二级指标\t指标内容\t指标值",
        "\t产出指标\t数量指标\t养护里程\t≥30公里",
        "\t\t质量指标\t路面完好率\t≥90%",
    )
    d = read_one(text)
    assert d.source.layout == "tabbed"
    assert (d.name, d.department, d.money.total.amount) == ("乡村道路养护", "青溪县交通运输局", Decimal(45))
    assert [(i.level1, i.level2, i.content, i.value) for i in d.indicators] == [
        ("产出指标", "数量指标", "养护里程", "≥30公里"),
        ("产出指标", "质量指标", "路面完好率", "≥90%"),
    ]


def test_amount_cells_take_the_leading_amount(read_one) -> None:
    text = _lines("项目名称 | 水库除险加固 |", "资金总额 | 12.26亿(含中央补助) |", "其中:财政拨款 | 安排8000万元 |")
    d = read_one(text, "pipe")
    assert (d.money.total.amount, d.money.total.unit, d.money.total.text) == (
        Decimal("122600.00"),
        "万元",
        "12.26亿(含中央补助)",
    )
    assert [(line.amount, line.unit) for line in d.money.lines] == [(Decimal(8000), "万元")]


def test_a_notice_states_the_amount_and_the_year_in_its_text(read_one) -> None:
    text = _lines(
        "关于下达青溪镇2024年小额信贷贴息项目绩效目标的公示",
        "经研究，现将项目资金安排公示如下：项目规模共计120万元，其中财政资金100万元。",
        "项目名称：2024年青溪镇小额信贷贴息项目",
        "数量指标：贴息户数≥300户；满意度指标：受益户满意度≥95%。",
    )
    d = read_one(text, "lines")
    assert (d.name, d.year, d.money.total.amount) == ("2024年青溪镇小额信贷贴息项目", 2024, Decimal(120))
    assert d.source.labels["/money/total"].text == "共计"
    assert [(i.level1, i.level2, i.content, i.value) for i in d.indicators] == [
        (None, "数量指标", "贴息户数", "≥300户"),
        ("满意度指标", None, "受益户满意度", "≥95%"),  # 满意度指标 is a 一级 category too
    ]


def test_spaced_row_whose_last_category_is_broken_over_two_lines(read_one) -> None:
    # "效益指标 经济效益" / "指标" and "满意度指标 服务对象" / "满意度指标": the line
    # below finishes the row's category; it is no indicator row of its own
    text = "\n".join(
        [
            "项目名称 河道保洁经费",
            "一级指标 二级指标 三级指标 指标值",
            "产出指标 数量指标 保洁河道长度 12公里",
            "效益指标 经济效益",
            "指标",
            "节约清淤费用 ≥5万元",
            "满意度指标 服务对象",
            "满意度指标",
            "沿河居民满意率 ≥90%",
        ]
    )
    d = read_one(text, layout="spaced")
    assert [(i.level1, i.content, i.value) for i in d.indicators] == [
        ("产出指标", "保洁河道长度", "12公里"),
        ("效益指标", "节约清淤费用", "≥5万元"),
        ("满意度指标", "沿河居民满意率", "≥90%"),
    ]
    assert d.indicators[2].level2 is not None and d.indicators[2].level2.replace("\n", "") == "服务对象满意度指标"


def test_a_project_texts_heading_gives_the_year_not_a_year_its_prose_recalls(read_one) -> None:
    # a 项目文本 page (one cell per line): the heading names the budget year; a sentence of
    # the 立项依据 recalls when a subsidy began ("…2013年开始发放…代表性传承人…": 代表 is no 表)
    heading = "青溪州文化馆2021年预算重点领域财政项目文本公开"
    text = _lines(
        heading,
        heading,  # a page shows its heading twice
        "一、项目名称",
        "2020年州非遗传承人补助资金",
        "二、立项依据",
        "州级项目代表性传承人按每人每年2000元的标准给予补助(我州于2013年开始发放补助经费)补助资金专项用于代表性传承人。",
    )
    d = read_one(text, "lines")
    assert (d.year, d.title, d.name) == (2021, heading, "2020年州非遗传承人补助资金")
    assert d.unrecognized == []
    # the year a notice's sentence gives its budget ("现下达你区2022年预算2350万元,…") is no heading
    notice = "现下达你区2022年预算2350万元,专项用于畜禽粪污资源化利用项目。\n项目名称:畜禽粪污资源化利用项目\n"
    assert read_one(notice, "lines").title is None


@pytest.mark.parametrize(
    ("text", "layout"),
    [
        # a money group, then the total under a sub-label, then its parts (after the Guangxi 公开表)
        ("项目名称 | 校舍维修 |\n项目资金 (万元) | 合计 | 1800 |\n一般公共预算拨款 | 小计 | 1800 |\n", "pipe"),
        # a total label whose amount stands under 总金额, beside 当年度金额 (one cell per line)
        ("项目名称\n校舍维修\n预算金额\n总金额\n1800万元\n当年度金额\n1800万元\n", "lines"),
    ],
)
def test_a_total_under_a_sub_label_that_names_the_whole_amount(read_one, text, layout) -> None:
    d = read_one(text, layout)
    assert d.money.total is not None and d.money.total.amount == Decimal(1800)


def test_a_wide_sheet_copied_as_text_reads_nature_direction_and_score_columns_apart(read_one) -> None:
    # after a budget system's export (tests/data/real/r802), in other words: 指标性质 holds
    # 正向/反向/定性, 指标方向 the comparator word, then value, unit and score; a 定性 row's
    # value and score sit on lines of their own; a count with no unit keeps its score apart;
    # 成本指标 under 产出指标 is its 二级 category
    text = _lines(
        "单位:元",
        "项目名称 项目单位 预算数 一级指标 二级指标 三级指标 指标性质 指标方向 指标值 计量单位 分值",
        "乡村道路养护 某县交通运输局 200000.00 产出指标 数量指标 养护道路里程 正向 大于等于 35 公里 20",
        "成本指标 养护单价 反向 小于等于 6000 元/公里 10",
        "时效指标 养护完成时间 定性",
        "年底前",
        "10",
        "数量指标 养护设施数量 正向 大于等于 4 10",
        "效益指标 社会效益 群众出行便利程度 定性",
        "明显改善",
        "20",
        "满意度指标 服务对象满意度 沿线群众满意度 正向 等于 95 % 20",
    )
    d = read_one(text, "spaced")
    assert [(i.level1, i.level2, i.content, i.value) for i in d.indicators] == [
        ("产出指标", "数量指标", "养护道路里程", "大于等于35公里"),
        ("产出指标", "成本指标", "养护单价", "小于等于6000元/公里"),
        ("产出指标", "时效指标", "养护完成时间", "年底前"),
        ("产出指标", "数量指标", "养护设施数量", "大于等于4"),
        ("效益指标", "社会效益", "群众出行便利程度", "明显改善"),
        ("满意度指标", "服务对象满意度", "沿线群众满意度", "等于95%"),
    ]
    assert [i.extra.get("分值") for i in d.indicators] == ["20", "10", "10", "10", "20", "20"]
    assert [i.extra.get("指标性质") for i in d.indicators] == ["正向", "反向", "定性", "正向", "定性", "正向"]
    assert "计量单位" not in d.indicators[3].extra


def test_a_line_under_a_row_cut_short_that_fits_no_column_is_a_row_of_its_own(read_one) -> None:
    # only the columns left empty by a row that stops before its value take the lines below
    text = _lines(
        "项目名称 图书采购",
        "一级指标 二级指标 三级指标 指标性质 指标值 计量单位 分值",
        "产出指标 数量指标 采购册数 定性",
        "效益指标 社会效益 借阅人次增长 ≥ 10 % 20",
    )
    d = read_one(text, "spaced")
    assert [(i.content, i.value) for i in d.indicators] == [("采购册数", ""), ("借阅人次增长", "≥10%")]
