"""Labels of other templates: synonyms, typos, labels broken over lines."""

from __future__ import annotations

from decimal import Decimal

from perflint.domain.vocab import vocabulary


def _lines(*rows: str) -> str:
    return "\n".join(rows)


def test_labels_of_other_provinces_templates(read_one) -> None:
    text = _lines(
        "项目名称 | 社区食堂设备更新 | |",
        "主管预算部门 | 青溪区民政局 | 项目预算金额(万元) | 12.5 |",
        "项目年度目标 | 年内更新3个社区食堂的厨房设备 |",
    )
    d = read_one(text)
    assert (d.name, d.department) == ("社区食堂设备更新", "青溪区民政局")
    assert (d.money.total.amount, d.money.total.unit) == (Decimal("12.5"), "万元")
    assert d.goals == {"annual": "年内更新3个社区食堂的厨房设备"}


def test_county_department_is_the_department_and_the_province_one_an_extra(read_one) -> None:
    text = _lines(
        "项目支出名称 | 农机购置补贴 |",
        "省级主管部门 | 某省农业农村厅 |",
        "区县主管部门 | 青溪县农业农村局 |",
        "当年预算 | 80 |",
    )
    d = read_one(text)
    assert (d.name, d.department, d.money.total.amount) == ("农机购置补贴", "青溪县农业农村局", Decimal(80))
    assert [(f.key, f.text) for f in d.fields] == [("superior_department", "某省农业农村厅")]


def test_a_label_with_a_one_character_typo_is_read_and_keeps_its_spelling(read_one) -> None:
    text = "资金总额 | 20 |\n其中:财政投款 | 20 |\n"
    d = read_one(text, "pipe")
    (line,) = d.money.lines
    assert (line.key, line.amount) == ("income.public", Decimal(20))
    label = d.source.labels["/money/lines/0"]
    assert label.text == "财政投款"  # a rule can compare it with the vocabulary's 财政拨款


def test_typo_matching_never_crosses_words_of_opposite_meaning() -> None:
    vocab = vocabulary()
    assert vocab.match("财政投款").text == "财政拨款"
    assert vocab.match("资金余额") is None  # 余 / 总: another amount, not 资金总额
    assert vocab.match("四级指标") is None  # 一级, 二级 and 三级 are equally near
    assert vocab.match("2022年度") is None


def test_label_broken_over_two_lines_is_joined(read_one) -> None:
    text = _lines(
        "项目名称",
        "乡村道路养护",
        "主管部门",
        "及编码",
        "[101]青溪县交通运输局",
        "主管部门(单位)名称及",
        "部门预算编码",
    )
    decl = read_one(text, "lines")
    assert (decl.name, decl.department) == ("乡村道路养护", "[101]青溪县交通运输局")
    assert decl.source.labels["/department"].text == "主管部门及编码"


def test_two_column_headings_on_two_lines_stay_apart(read_one) -> None:
    # "项目" + "金额(万元)" would make 项目金额, but these are two headings
    text = _lines("序号", "项目", "金额(万元)", "1", "村道硬化", "30")
    decl = read_one(text, "lines")
    assert decl.money.total is None or decl.money.total.amount != Decimal(1)


def test_years_as_forms_and_notices_give_them(extract) -> None:
    def year(text: str, layout: str | None = None) -> int | None:
        decls = extract(text, layout=layout)
        return decls[0].year

    assert year("青溪县项目支出绩效目标申报表 | ||||\n2021年 | ||||\n项目名称 | 路灯维修 | |\n", "pipe") == 2021
    assert year("项目名称 | 校舍维修 |\n预算年度 | 2023 |\n资金总额 | 12 |\n", "pipe") == 2023
    notice = (
        "关于下达2024年村级公益事业资金的通知\n各乡镇：现将资金下达给你们。\n项目名称 | 村道硬化 |\n资金总额 | 30 |\n"
    )
    assert year(notice, "pipe") == 2024
    flat = "专项资金绩效目标表 ( 2019 年度) 专项名称 残疾人康复补助 主管部门 青溪县残联 资金额度 120 万"
    assert year(flat, "flattened") == 2019


def test_the_annual_total_before_the_total_of_the_whole_period(read_one) -> None:
    both = read_one("项目名称 | 水质监测站 |\n项目总预算 | 75.00 |\n项目当年预算(万元) | 25.00 |\n", "pipe")
    assert both.money.total.amount == Decimal("25.00")
    assert [(line.key, line.amount) for line in both.money.lines] == [("total_period", Decimal("75.00"))]
    period = read_one("项目名称 | 文物修缮 |\n实施期资金总额 | 1,000,000 |\n年度资金总额 | |\n", "pipe")
    assert (period.money.total.key, period.money.total.amount) == ("total_period", Decimal(1000000))
    assert period.source.labels["/money/total"].text == "实施期资金总额"


def test_a_note_inside_a_label_run_together_with_its_value(read_one) -> None:
    text = "项目名称宗教场所消防改造部门(单位)名称青溪县民族宗教局部门预算编码230001资金总额:30"
    d = read_one(text, "lines")
    assert (d.name, d.department, d.money.total.amount) == ("宗教场所消防改造", "青溪县民族宗教局", Decimal(30))
    assert d.source.labels["/department"].text == "部门(单位)名称"


def test_a_provincial_form_whose_only_department_is_the_provincial_one(read_one) -> None:
    # 省级主管部门 with no county department below it: the form's own department
    text = _lines(
        "項目名稱 | 全省智慧消防平台建設 |",
        "項目等級 | 二級項目 |",
        "省級主管部門 | 某省消防救援總隊 |",
        "2021年金額(元) | 1,200,000 |",
    )
    d = read_one(text, "pipe")
    assert (d.name, d.department) == ("全省智慧消防平台建設", "某省消防救援總隊")
    assert [(f.key, f.text) for f in d.fields] == [("project_level", "二級項目")]
    assert (d.money.total.amount, d.money.total.unit) == (Decimal(1200000), "元")


def test_a_finance_department_above_the_form_is_never_its_department(read_one) -> None:
    d = read_one("项目名称 | 农机购置补贴 |\n省级财政部门 | 某省财政厅 |\n", "pipe")
    assert d.department is None
    assert [(f.key, f.text) for f in d.fields] == [("superior_department", "某省财政厅")]


def test_a_money_label_opening_with_the_budget_year() -> None:
    vocab = vocabulary()
    assert vocab.match("2021年金额(元)").key == "total"
    assert vocab.match("2023年度预算数").key == "total"
    assert vocab.match("2021年项目名称") is None  # a year before a field label is a title or sentence
    assert vocab.match("2021年") is None


def test_a_district_department_label_names_the_department(read_one) -> None:
    text = _lines(
        "项目名称 | 残疾人事业发展补助资金 |",
        "市级主管部门 | 某市残联 |",
        "区级主管部门 | 青溪区残联 |",
    )
    d = read_one(text, "pipe")
    assert d.department == "青溪区残联"
    assert [(f.key, f.text) for f in d.fields] == [("superior_department", "某市残联")]


def test_a_department_label_naming_its_sector() -> None:
    # 区级林业主管部门: the level's department label with the sector word in between
    vocab = vocabulary()
    assert (vocab.match("区级林业主管部门").kind, vocab.match("区级林业主管部门").key) == ("field", "department")
    assert vocab.match("省级教育主管部门").key == "superior_department"
    assert vocab.match("区级林业主管") is None


def test_project_completion_and_project_benefit_are_the_output_and_benefit_levels(read_one) -> None:
    # after tests/data/real/r301: 一级指标 "项目完成指标" / "项目效益指标", the latter broken
    # over two lines ("项目效益" / "指标") in the text of a web page
    text = _lines(
        "项目名称",
        "计划生育特别扶助",
        "一级指标 二级指标 三级指标 指标值",
        "项目完成指标",
        "数量指标 扶助独生子女伤残、死亡家庭人数 63人",
        "成本指标 人均扶助标准 ≤1000元/人",
        "项目效益",
        "指标",
        "社会效益",
        "指标",
        "特扶家庭按时足额领取扶助金比例 100%",
        "满意度指标 满意度指标 受益群众满意度 ≥90%",
    )
    d = read_one(text)
    assert [ind.level1 for ind in d.indicators][:2] == ["项目完成指标", "项目完成指标"]
    assert vocabulary().category("项目效益") == (1, "效益指标")
    # the broken level label is a level, not an indicator named "项目效益" without a value
    assert "项目效益" not in [ind.content for ind in d.indicators]
    assert vocabulary().category(d.indicators[2].level1 or "") == (1, "效益指标")


def test_a_field_label_with_one_stray_character_after_it(read_one) -> None:
    # "专项名称金 |": a stray character copied after the label; the label keeps it, for a rule
    d = read_one("专项名称金 |\n林业草原生态保护恢复资金 | |||\n", "pipe")
    assert d.name == "林业草原生态保护恢复资金"
    assert d.source.labels["/name"].text == "专项名称金"
    assert vocabulary().match("资金总额度") is None  # money labels: 额度 is another word


def test_the_guangxi_public_tables_title_and_output_sub_categories(read_one) -> None:
    # a 预算项目绩效目标公开表 (after r705): its level-2 categories name their level-1
    # (产出数量指标, 产出质量指标), the header's first cell spans the rows below
    text = _lines(
        "2023年度预算项目绩效目标公开表 | |||||||",
        "项目名称 | 校舍维修补贴 | ||||||",
        "项目年度绩效目标衡量指标 | 一级指标 | 二级指标 | 指标内容 | 指标值 | |||",
        "产出指标 | 产出数量指标 | 新增学位 | 小学600人,初中700人,最后以实际招生人数为准。 | ||||",
        "产出质量指标 | 协议履约 | 按协议履约 | ||||",
    )
    d = read_one(text)
    assert d.title == "预算项目绩效目标公开表" and d.year == 2023
    assert [(i.level2, i.content, i.value) for i in d.indicators] == [
        ("产出数量指标", "新增学位", "小学600人,初中700人,最后以实际招生人数为准。"),
        ("产出质量指标", "协议履约", "按协议履约"),
    ]


def test_the_department_of_a_jiangsu_project_disclosure(read_one) -> None:
    # 项目绩效公开 (after r711, one cell per line): 实施部门 is the department, 预算单位 the unit
    text = _lines("项目名称", "文化公园运转经费", "实施部门", "青溪市文化广电和旅游局", "项目类型", "常年安排项目")
    assert read_one(text, "lines").department == "青溪市文化广电和旅游局"


def test_a_title_written_in_the_department_cell_names_the_department(read_one) -> None:
    # a 部门整体 approval (after r710): the 部门(单位)名称 cell holds the table's title
    text = _lines(
        "部门整体支出绩效目标表 | |",
        "(2022年度) | |",
        "部门(单位)名称 | 青溪展览馆2022年部门整体绩效目标 | |",
    )
    d = read_one(text)
    assert d.department == "青溪展览馆"


def test_the_dongguan_tables_annual_amount_is_the_total(read_one) -> None:
    # 东莞市财政项目支出绩效目标表 (after r504, r507): the year's request for city funds
    text = _lines("项目名称 | 物业管理费支出 | |", "本年度申请市财政预算资金(万元) | 282.92 | |")
    d = read_one(text, "pipe")
    assert d.money.total is not None and (d.money.total.amount, d.money.total.unit) == (Decimal("282.92"), "万元")


def test_a_heading_that_names_the_third_level_indicators_content_is_the_name_column(read_one) -> None:
    # "三级指标名称/内容" heads the indicator's name; read as a column of its own,
    # the rows whose merged category cells are missing lost their name to it and
    # the rows that kept them lost their value
    text = _lines(
        "年度绩效指标 | 一级指标 | 二级指标 | 三级指标名称 | 指标值 | |||",
        "效益指标 | 社会效益指标 | 受益农户数 | ≥300户 | ||||",
        "可持续影响指标 | 设施使用年限 | ≥10年 | |||||",
        "满意度指标 | 服务对象满意度指标 | 农户满意度 | ≥90% | ||||",
        "填报人:李四 |",
    )
    d = read_one(text, "pipe")
    rows = [(i.level1, i.level2, i.content, i.value) for i in d.indicators]
    assert rows == [
        ("效益指标", "社会效益指标", "受益农户数", "≥300户"),
        ("效益指标", "可持续影响指标", "设施使用年限", "≥10年"),
        ("满意度指标", "服务对象满意度指标", "农户满意度", "≥90%"),
    ]
    assert not any(i.extra for i in d.indicators)


def test_the_total_heading_first_in_a_header_row_takes_the_first_amount_below(read_one) -> None:
    # a two-row money header (a heading over several sub-columns), then a row of amounts
    # alone: the first heading's amount is the first amount, whatever the spans after it
    head = _lines(
        "项目名称 | 老旧小区雨污分流改造 | |",
        "项目资金情况 | 年度资金总额(万元) | 财政拨款(万元) | 自筹 |",
        "省级 | 县级 |",
    )
    d = read_one(_lines(head, "48 | 30 | 18 | 0 |"), "pipe")
    assert (d.money.total.amount, d.money.total.unit) == (Decimal(48), "万元")
    # a row that is not amounts alone ends the wait: nothing is taken from further below
    d = read_one(_lines(head, "主管部门 | 青溪县住房和城乡建设局 |", "48 | 30 | 18 | 0 |"), "pipe")
    assert d.money.total is None


def test_money_lines_under_year_columns_take_the_amount_of_the_totals_column(read_one) -> None:
    # a funding table with a column for each year: the 合计 row places the total's column
    # (本年预算, the right one of two), and each money line's amount is the one in that
    # column, not the first (last year's); a line with one amount has no sure column
    text = _lines(
        "项目支出绩效目标表",
        "项目名称 乡镇文化站设备更新",
        "资金来源(万元) 科 目 上年预算 本年预算",
        "合 计 50 80",
        "财政拨款 40 65",
        "上级补助",
        "自筹资金 10 15",
        "实施内容 更新音响及灯光设备",
    )
    d = read_one(text, "spaced")
    assert d.money.total is not None and d.money.total.amount == Decimal("80")
    lines = {m.key: m.amount for m in d.money.lines}
    assert lines["income.public"] == Decimal("65")
    assert lines["income.own"] == Decimal("15")
    assert lines.get("income.superior") is None


def test_a_money_line_with_fewer_amounts_than_the_year_columns_is_read_as_before(read_one) -> None:
    text = _lines(
        "项目支出绩效目标表",
        "项目名称 乡镇文化站设备更新",
        "资金来源(万元) 科 目 上年预算 本年预算",
        "合 计 50 80",
        "财政拨款 65",
        "实施内容 更新音响及灯光设备",
    )
    d = read_one(text, "spaced")
    assert [(m.key, m.amount) for m in d.money.lines] == [("income.public", Decimal("65"))]
