"""Forms as public pages give them: budget disclosures written as prose, notices
that name their project only in their text, PDF text with labels and amounts
in blocks, spaced rows, attachment lists.

Excerpts of real pages are marked with their source address; the others are
written for the test."""

from __future__ import annotations

from decimal import Decimal

from perflint.domain.vocab import vocabulary
from perflint.ingest.build import _project_heading
from perflint.ingest.layouts import spaced_rows


def _lines(*rows: str) -> str:
    return "\n".join(rows)


# source: https://www.ahyeji.gov.cn/public/6596441/25914636.html (shortened)
_DISCLOSURE = (
    "1.“文化中心运营专项经费”项目。 (1)项目概述。主要用于文化中心整体运营。 (2)立项依据。文化中心运行管理需要。 "
    "(3)实施主体。六安市叶集区文化旅游体育局。 (4)起止时间。2025年1月1日-2025年12月31日 "
    "(6)年度预算安排。财政拨款634万元。 (7)绩效目标。保障文化中心日常运转。 "
    "2.“文旅体专项经费”项目。 (1)项目概述。主要用于文化、旅游、广电、体育、文物等专项工作支出。 "
    "(6)年度预算安排。财政拨款306.18万元。 (7)绩效目标。完成文化工作主要项目支出。 项目支出绩效目标表 |"
)


def test_prose_disclosure_gives_one_declaration_per_project(read_all) -> None:
    text = _lines(
        _DISCLOSURE,
        "| (2025年度) | ||||",
        "| 项目名称 | 快乐健身暖民心建设资金 | ||||",
        "| 主管部门及代码 | [027]六安市叶集区文化旅游体育局 | ||||",
    )
    decls = read_all(text)
    assert [d.name for d in decls] == ["文化中心运营专项经费", "文旅体专项经费", "快乐健身暖民心建设资金"]
    first, second, form = decls
    assert first.money.total is not None and first.money.total.amount == Decimal("634")
    assert second.money.total is not None and second.money.total.amount == Decimal("306.18")
    assert first.implementing_unit == "六安市叶集区文化旅游体育局。"
    assert first.year == 2025  # from its period
    assert form.title == "项目支出绩效目标表" and form.year == 2025


def test_prose_project_followed_by_its_own_form_is_one_declaration(read_all) -> None:
    # source: tests/data/real/r128 (金寨县司法局), shortened
    text = _lines(
        "1.“法治宣传经费、法治建设经费”项目。",
        "(1)项目概述。开展全县行政应诉业务培训工作。",
        "(6)年度预算安排:财政预算内拨款安排50.00万元。",
        "项目支出绩效目标申报表 |",
        "( 2024 年度) |",
        "项目名称 |",
        "法治宣传经费、法治建设经费 |",
        "主管部门及代码 |",
        "[017]金寨县司法局 |",
    )
    decls = read_all(text)
    assert len(decls) == 1
    assert decls[0].name == "法治宣传经费、法治建设经费"
    assert decls[0].department == "[017]金寨县司法局"


def test_prose_project_whose_first_part_label_runs_on_is_one_declaration_with_its_form(read_all) -> None:
    # written for the test: a numbered preamble before the form whose first part names
    # its label at more length ("项目内容及范围" for 项目内容); the preamble is the same
    # project's, not a declaration of its own
    text = _lines(
        "某县交通运输局2025年部门项目基本信息",
        "2、“农村公路日常养护”项目",
        "(1)项目内容及范围:对全县农村公路开展日常养护。",
        "(2)立项依据:县政府常务会议纪要。",
        "(3)实施单位和期限:",
        "实施主体:某县公路事业发展中心",
        "(4)年度预算安排:财政资金80万元。",
        "项目支出绩效目标表 |",
        "|||||",
        "( 2025 年度) |",
        "填报单位(盖章): |",
        "项目名称 |",
        "农村公路日常养护 |",
        "主管部门及代码 |",
        "某县交通运输局 |",
    )
    decls = read_all(text)
    assert len(decls) == 1
    assert decls[0].name == "农村公路日常养护"
    assert decls[0].department == "某县交通运输局"


def test_numbered_line_before_a_part_with_no_label_is_no_project_head(read_all) -> None:
    # the same lines, the first part opening with no label: the numbered line is no head,
    # and the form is read as before
    text = _lines(
        "2、“农村公路日常养护”项目",
        "(1)全县农村公路开展日常养护。",
        "项目支出绩效目标表 |",
        "项目名称 |",
        "农村公路日常养护 |",
    )
    decls = read_all(text)
    assert decls[-1].name == "农村公路日常养护"


def test_prose_project_head_on_a_line_of_its_own(read_one) -> None:
    # source: a 卢村乡 page of 2022 重点项目及绩效目标情况 (tests/data/real/r224), shortened
    text = _lines(
        "2022年度重点项目及绩效目标情况",
        "",
        "1、“水源地保护”项目",
        "",
        "(1)项目概述:卢村水源地保护区范围总面积142.31平方千米。",
        "",
        "(4)起止时间:2021-2023",
        "",
        "(6)年度预算安排:500万元。",
    )
    d = read_one(text)
    assert d.name == "水源地保护"
    assert d.money.total is not None and d.money.total.amount == Decimal("500")


def test_numbered_list_without_parts_is_no_project(read_all) -> None:
    text = _lines(
        "项目名称 | 村道硬化 |",
        "主管部门 | 青溪县交通局 |",
        "备注 | 1.“四好农村路”建设。 |",
    )
    decls = read_all(text)
    assert [d.name for d in decls] == ["村道硬化"]


def test_notice_names_its_project_in_its_text(read_one) -> None:
    # after https://www.tongxin.gov.cn (同心县下马关镇 公示, tests/data/real/r201), shortened
    text = _lines(
        "标 题: | 关于下马关镇设施农业黄金蜜(葡萄)种植项目绩效目标设定的公示 |",
        "根据文件精神,安排资金50万元,实施同心县下马关镇设施农业黄金蜜(葡萄)种植项目,项目负责人金秀梧。",
        "一、 产出指标",
        "数量指标:种植数量(≥**株)>=17600株;",
    )
    d = read_one(text)
    assert d.name == "同心县下马关镇设施农业黄金蜜(葡萄)种植项目"
    assert d.money.total is not None and d.money.total.amount == Decimal("50")


def test_notice_names_the_funds_it_hands_down(read_one) -> None:
    text = _lines(
        "各有关乡镇财政所:",
        "根据《关于下达2020年市级财政专项扶贫资金(第二批扶贫开发项目)的通知》文件精神,现将资金12万元下达给你们。",
        "绩效目标表",
        "一级指标 | 二级指标 | 三级指标 | 指标值 |",
        "产出指标 | 数量指标 | 扶持村数 | 3个 |",
    )
    d = read_one(text)
    assert d.name == "2020年市级财政专项扶贫资金(第二批扶贫开发项目)"


def test_notice_name_from_a_form_label_wins(read_one) -> None:
    text = _lines(
        "现将2020年省级财政水利发展资金500万元下达给你局,用于农村饮水安全项目,请抓紧实施。 |",
        "项目名称 | 农村饮水安全巩固提升工程专项 |",
        "资金总额 | 500 |",
    )
    assert read_one(text).name == "农村饮水安全巩固提升工程专项"


def test_pdf_block_amount_goes_to_its_money_label(read_one) -> None:
    # source: a 永济市 form (tests/data/real/r123), shortened: labels in a block, then values;
    # the amounts' unit printed after them
    text = (
        "项目支出绩效目标申报表 (2023年度) 项目名称 2023年文物保护经费 实施单位 项目属性 一次性项目(1年结束) "
        "项目期 实施期资金总额: 1,000,000 年度资金总额: 立项依据 根据永文保发【2022】26号关于将2022年文物保护经费"
        "纳入财政预算的请示 项目资金 (元)"
    )
    d = read_one(text, "flattened")
    assert d.money.total is not None
    assert d.money.total.amount == Decimal("1000000") and d.money.total.unit == "元"
    assert d.basis is None or "永文保发" in d.basis
    assert all("永文保发" not in (line.text or "") for line in d.money.lines)


def test_spaced_column_words_are_one_cell() -> None:
    text = "项目资金申请(万元) 项目 上年度安排资金 本年度申请资金\n合 计 213.4 259\n"
    rows = spaced_rows(text)
    assert [text[c.start : c.end] for c in rows[1].cells] == ["合 计", "213.4", "259"]
    # single characters that make no column word stay apart
    assert len(spaced_rows("甲 乙 12\n")[0].cells) == 3


def test_numbered_attachment_is_no_title() -> None:
    vocab = vocabulary()
    assert vocab.title("2.薄弱环节改善与能力提升补助资金绩效目标表") is None
    assert vocab.title("薄弱环节改善与能力提升补助资金绩效目标表") is not None


def test_indicators_stated_in_numbered_sentences(read_one) -> None:
    # after http://www.olshare.net/p118/2019nfpzjgk/20200526/185693.html (simplified, shortened)
    text = _lines(
        "项目名称",
        "2019年高等职业院校国家助学金资助补助资金项目",
        "绩效目标",
        "(一)产出指标",
        "1、数量指标:资助建档立卡贫困子女1966人。",
        "4、成本指标:享受国家助学金平均每生每年3300元。",
    )
    d = read_one(text, "lines")
    assert [(i.level2, i.content, i.value) for i in d.indicators] == [
        ("数量指标", "资助建档立卡贫困子女", "1966人"),
        ("成本指标", "享受国家助学金平均每生每年", "3300元"),
    ]


def test_one_cell_per_line_rows_opened_by_a_bare_pipe_after_a_run_of_pipes(read_one) -> None:
    # after a 湘潭市 form (tests/data/real/r304): "||" closes a row, "|" opens the next
    rows = [
        ["项目支出名称", "雾炮车降尘抑尘服务", "预算部门", "湘潭市环境卫生管理处"],
        ["年度本级 预算金额", "250万", "该项目支出上级资金", "0"],
        ["本年度 绩效指标", "一级指标", "二级指标", "三级指标", "指标值及单位", "绩效标准"],
        ["产出指标", "数量指标", "配备车辆数", "10辆", "计划标准"],
        ["雾炮车风炮射程", "≥80M", "计划标准"],
        ["质量指标", "服务周期内空气质量", "优良", "计划标准"],
        ["满意度指标", "市民满意度", "≥90%", "计划标准"],
    ]
    lines = ["2023年项目支出绩效目标申报表"]
    for row in rows:
        lines += ["|", *(f"{cell} |" for cell in row), "||"]
    d = read_one(_lines(*lines))
    assert d.money.total is not None and d.money.total.amount == Decimal("250")
    assert [(i.level2, i.content, i.value) for i in d.indicators][:3] == [
        ("数量指标", "配备车辆数", "10辆"),
        ("数量指标", "雾炮车风炮射程", "≥80M"),
        ("质量指标", "服务周期内空气质量", "优良"),
    ]
    assert (d.indicators[3].content, d.indicators[3].value) == ("市民满意度", "≥90%")


def test_allocation_list_headings_open_no_indicator_table(read_all) -> None:
    # after a 莆田市 notice (tests/data/real/r118): an allocation list before the form
    text = _lines(
        "附件1",
        "2022年度补助资金分配表",
        "序号 | 项目单位 | 补助项目 | 补助金额 | 备注 |",
        "1 | 莆田市图书馆 | 全国智慧图书馆体系建设 | 15 | 标签标引1万条 |",
        "合计 | | | 15 | |",
        "附件2",
        "公共数字文化建设专项转移支付绩效目标表",
        "项目名称 | 全国智慧图书馆体系建设 |",
        "年度金额: | 15 |",
        "一级指标 | 二级指标 | 三级指标 | 指标值 |",
        "产出指标 | 数量指标 | 标签标引条数 | 1万条 |",
    )
    decls = read_all(text)
    assert len(decls) == 1
    assert [(i.content, i.value) for i in decls[0].indicators] == [("标签标引条数", "1万条")]


def test_prose_project_unquoted_with_parts_numbered_without_opening_brackets(read_one) -> None:
    # after 市文旅局2023年项目及绩效目标情况 (宣城市, tests/data/real/r322), shortened
    text = _lines(
        "市文旅局2023年项目及绩效目标情况",
        "1.非遗传承与保护",
        "1)项目概述。加强专项资金管理和监督,推进文化生态保护区建设。",
        "3)实施主体。宣城市文化和旅游局。",
        "4)起止时间。2023年1月1日至2023年12月31日。",
        "5)项目内容。积极申报2024年度中央和省级非遗保护资助项目。",
    )
    d = read_one(text)
    assert d.name == "非遗传承与保护"
    assert d.implementing_unit == "宣城市文化和旅游局。"
    assert d.year == 2023  # its period's, not the year its text speaks of


def test_numbered_line_before_a_numbered_sentence_is_no_project(read_one) -> None:
    text = _lines(
        "项目名称",
        "村道硬化",
        "年度目标",
        "1.完成村道硬化",
        "1)硬化村道3公里。",
    )
    d = read_one(text)
    assert d.name == "村道硬化"


def test_allocation_list_headings_on_one_line_are_no_fields(read_all) -> None:
    # after a 惠安县 notice (corpus 015): the list's 项目名称 heading is not the form's name
    text = _lines(
        "2024年补助项目资金分配表",
        "序号 镇、村 项目名称 项目内容 资金投入(万元) 补助金额(万元)",
        "1 东岭镇彭城村 道路改造建设 全长约550米。 40 10",
        "附件2",
        "补助资金绩效目标表",
        "项目名称",
        "道路改造建设",
    )
    decls = read_all(text)
    assert [d.name for d in decls] == ["道路改造建设"]


def test_short_level_headings_and_levels_named_with_zhi(read_one) -> None:
    # after a 临邑县 form (tests/data/real/r412): 一级 / 二级 / 三级 / 年度数值 headings,
    # levels named 产出值 / 数量值, then the page footer
    cells = [
        "项目名称", "小学教育公用经费",
        "绩效指标", "一级", "二级", "三级", "年度数值", "备注",
        "产出值", "数量值", "小学就读人数", "<=6962人", " ",
        "质量值", "教学条件改善、办学水平提高", "=100%", " ",
        "效益值", "社会效益值", "教学质量提高、办学条件改善", "=100%", " ",
        "内容保障 | 公务邮箱",
        "临邑县人民政府主办  临邑县人民政府办公室承办",
        "地址:山东省德州市临邑县广场大街111号",
    ]  # fmt: skip
    d = read_one("\n\n".join(cells))
    assert [(i.level1, i.level2, i.content, i.value) for i in d.indicators] == [
        ("产出值", "数量值", "小学就读人数", "<=6962人"),
        ("产出值", "质量值", "教学条件改善、办学水平提高", "=100%"),
        ("效益值", "社会效益值", "教学质量提高、办学条件改善", "=100%"),
    ]


def test_the_name_label_again_after_the_indicators_starts_the_next_project(read_all) -> None:
    # after a 天津市河北区人民法院 page (tests/data/real/r401), shortened: two project
    # tables one after another under one title
    text = _lines(
        "项目支出绩效目标表",
        "(2023年)",
        "项目名称 | 安全隐患维修 | |||||",
        "预算规模及资金用途 | 预算数 | 20.00 | |",
        "一级指标 | 二级指标 | 三级指标 | 指标值 |",
        "产出指标 | 数量指标 | 维修面积 | ≥400平方米 |",
        "项目名称 | 办案业务费(陪审员及互联网专线) | |||||",
        "预算规模及资金用途 | 预算数 | 24.00 | |",
        "一级指标 | 二级指标 | 三级指标 | 指标值 |",
        "产出指标 | 数量指标 | 聘用调解员人数 | 1人 |",
    )
    first, second = read_all(text)
    assert (first.name, [i.content for i in first.indicators]) == ("安全隐患维修", ["维修面积"])
    assert (second.name, [i.content for i in second.indicators]) == (
        "办案业务费(陪审员及互联网专线)",
        ["聘用调解员人数"],
    )
    assert second.year == 2023
    assert second.money.total is not None and second.money.total.amount == Decimal("24.00")


def test_spaced_rows_whose_blank_cells_vanished_fill_the_columns_they_fit(read_one) -> None:
    # after a spreadsheet preview (tests/data/real/r314), shortened: 指标性质 left blank on
    # every row, and 度量单位 on some
    text = _lines(
        "项目名称 食品安全工作经费",
        "一级指标 二级指标 三级指标 指标性质 指标值 度量单位 权重(%)",
        "产出指标 成本指标 检查差旅费 470 人/天 2",
        "产出指标 时效指标 完成时限 1 5",
        "产出指标 质量指标 工作齐抓共管 100 % 10",
        "产出指标 数量指标 宣传活动次数 ≥ 2 次 10",
    )
    d = read_one(text, "spaced")
    assert [(i.content, i.value) for i in d.indicators] == [
        ("检查差旅费", "470人/天"),
        ("完成时限", "1"),
        ("工作齐抓共管", "100%"),
        ("宣传活动次数", "≥2次"),
    ]


def test_prose_parts_without_a_head_then_the_form_are_one_declaration(read_all) -> None:
    # source: https://siseiken.net/OpennessContent/download/2098061.html (宁国市文旅局,
    # tests/data/real/r411), shortened
    text = _lines(
        "信息名称 | 宁国市文旅局“毛竹山、官山遗址工程和上坦桥工程”项目及绩效目标情况 | 内容概述 |",
        "(1)项目概述:毛竹山、官山遗址项目主要是毛竹山、官山遗址保护性设施改造,以及周边防排水工程建设等。",
        "上坦桥工程项目主要是上坦桥本体保护维修一期工程,实施五个拱券维修及北端上下雁翅维修等。",
        "(3)起止时间:毛竹山、官山遗址保护性设施及防排水工程:2020年11月——2021年7月止。"
        "上坦桥本体保护维修一期工程:2020年9月——2021年1月止。",
        "(5)年度预算安排:200万",
        "(6)绩效目标和指标:(见该项目绩效目标表)",
        "毛竹山、官山遗址工程和上坦桥工程项目绩效目标表",
        "项目名称 |",
        "毛竹山、官山遗址工程和上坦桥工程项目 |",
        "|||||",
        "年度资金总额 |",
        "200 |",
    )
    decls = read_all(text)
    assert [d.name for d in decls] == ["毛竹山、官山遗址工程和上坦桥工程项目"]
    assert decls[0].indicators == []  # the prose is no indicator table


def test_spaced_money_headings_take_their_amounts_from_the_total_row(read_one) -> None:
    # after a 湘阴县 form (tests/data/real/r106), shortened
    text = _lines(
        "项目支出预算绩效目标申报表",
        "项目名称 公办和普惠性民办幼儿园公用经费",
        "项目资金情况 项目资金申请(万元) 项 目  上年度安排资金 本年度申请资金",
        "合 计 213.4 259",
        "县级资金 213.4 259",
        "项目立项依据 湘财教﹝2019﹞24号",
    )
    d = read_one(text, "spaced")
    assert d.money.total is not None
    assert (d.money.total.label, d.money.total.amount) == ("本年度申请资金", Decimal("259"))


def test_projects_one_after_another_under_their_headings(read_all) -> None:
    # a page listing two projects' targets, each under "<name>项目绩效目标", no form
    # header: two declarations, named by their headings, with the page heading's year
    text = _lines(
        "2024年青溪市重点项目绩效目标情况",
        "",
        "老旧小区加装电梯补助项目项目绩效目标",
        "",
        "一级指标",
        "二级指标",
        "指标名称",
        "指标值",
        "产出指标",
        "数量指标",
        "加装电梯数",
        "≥30台",
        "质量指标",
        "验收合格率",
        "100%",
        "",
        "社区养老服务站运营经费项目绩效目标",
        "",
        "一级指标",
        "二级指标",
        "指标名称",
        "指标值",
        "产出指标",
        "数量指标",
        "服务老人人次",
        "≥5000人次",
    )
    decls = read_all(text)
    assert [(d.name, d.year) for d in decls] == [
        ("老旧小区加装电梯补助项目", 2024),
        ("社区养老服务站运营经费", 2024),
    ]
    assert [[(i.content, i.value) for i in d.indicators] for d in decls] == [
        [("加装电梯数", "≥30台"), ("验收合格率", "100%")],
        [("服务老人人次", "≥5000人次")],
    ]


def test_a_generic_targets_heading_names_no_project() -> None:
    for line in ("专项资金绩效目标", "2023年度项目绩效目标", "部门整体绩效目标", "项目支出绩效目标表"):
        assert _project_heading(vocabulary(), line, (0, len(line))) is None, line
    line = "2023年乡村道路养护项目绩效目标"
    assert _project_heading(vocabulary(), line, (0, len(line))) == (0, len("2023年乡村道路养护项目"))


def test_prose_project_then_its_form_cut_in_its_header_is_one_declaration(read_all) -> None:
    # after tests/data/real/r505, other words: a unit's numbered prose about one project, then
    # the form's title and first label, where the page ends: nothing names another project
    prose = (
        "(1)项目概述。对全县农村公路开展日常养护,保障道路安全畅通。",
        "(2)立项依据。根据《青溪县农村公路养护管理办法》实施。",
        "(3)实施主体。青溪县交通运输局",
        "(6)年度预算安排。财政拨款120万元。",
        "(7)绩效目标。完成全县农村公路日常养护任务。",
    )
    decls = read_all(_lines(*prose, "", "项目支出绩效目标表", "", "(2024年度)", "", "项目名称", ""))
    assert len(decls) == 1
    assert decls[0].implementing_unit == "青溪县交通运输局"
    assert decls[0].basis is not None and "养护管理办法" in decls[0].basis  # the prose is what was read
    # a form after it whose own cells were read is a form of its own (or the same project's)
    filled = read_all(_lines(*prose, "项目支出绩效目标表 |", "项目名称 | 城区道路照明维护 |", "年度资金总额 | 80 |"))
    assert [d.name for d in filled][-1] == "城区道路照明维护"
