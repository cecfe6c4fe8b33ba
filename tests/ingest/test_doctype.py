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


def test_an_allocation_table_before_the_form_makes_it_an_approval_not_a_notice() -> None:
    # after tests/data/real/r109 and r126: 附件1 an allocation table, 附件2 the target table,
    # no sentence of a notice anywhere: table rows and attachment numbers are no notice prose
    allocation = (
        "附件1 | | | |\n2021年度补助资金分配表 | | | |\n单位:万元 | | | |\n"
        "序号 | 辖区 | 本次下达数 | 备注 |\n1 | 青溪县 | 140 | - |\n2 | 东岭县 | 430 | - |\n附件2 | | | |\n"
    )
    assert _kind(allocation + _FORM) == "approval"
    # tables issued back name themselves so: 提前下达…绩效目标表, 绩效目标审批表, 区域绩效目标表
    assert _kind("邯财社〔2018〕126号提前下达2019年中央财政困难群众救助补助预算指标绩效目标表\n" + _FORM) == "approval"
    assert _kind(_FORM.replace("市级部门预算项目绩效目标表", "项目支出绩效目标审批表")) == "approval"
    assert _kind(_FORM.replace("市级部门预算项目绩效目标表", "残疾人事业发展补助资金区域绩效目标表")) == "approval"


def test_page_chrome_and_one_attachment_line_make_no_notice() -> None:
    # after tests/data/real/r222: a page's metadata, its title, and "附件4:…xls" over the form
    page = (
        "〈meta name=“ArticleTitle” content=“19年度部门整体支出绩效目标(原方志委)”〉 "
        "〈meta name=“PubDate” content=“2019-12-31 15:38:36”〉 〈meta name=“ContentSource” content=“”〉\n\n"
        "19年度部门整体支出绩效目标(原方志委)\n\n时间:2019-12-31 15:38:36 来源::\n\n"
        " 附件4:部门整体支出绩效目标表(60.8).xls\n\n"
    )
    assert _kind(page + _FORM) == "declaration"


def test_documents_cited_inside_the_form_make_no_notice() -> None:
    # after corpus 032: the 立项依据 cell cites two 《关于…的通知》
    basis = (
        "立项依据 | 安徽省卫健委《关于确定基本公共卫生服务两卡制第二批试点县名单的通知》(卫基层秘〔2018〕410号)"
        "将蒙城县列入第二批试点县,《关于规范基本公共卫生服务“两卡制”工作的通知》要求做好系统对接 | | |\n"
    )
    lines = _FORM.splitlines(keepends=True)
    assert _kind("".join(lines[:4]) + basis + "".join(lines[4:])) == "declaration"


def test_an_approval_cited_before_the_form_makes_no_approval() -> None:
    # a unit's page describes its project before the table; its 立项依据 cites the 批复 that set
    # the project up: a document quoted by name is not what this table is
    overview = (
        "(1)项目概述:某遗址保护性设施改造,以及周边防排水工程建设等。\n"
        "(2)立项依据:文物保函〔2014〕3054号《国家文物局关于某遗址保护性设施改造工程立项的批复》\n"
        "(3)年度预算安排:200万\n"
    )
    assert _kind(overview + _FORM) == "declaration"


def test_a_filers_preamble_that_says_how_a_standard_is_set_makes_no_approval() -> None:
    # a unit's own numbered preamble before its table, in sentences; "核定" and "批复" there
    # say how an amount was fixed, not that the table was issued back (after r905, other words)
    preamble = (
        "青溪县卫生健康局2023年部门项目基本信息\n"
        "一、项目概述。村医补助按服务人口核定,每千人补助6000元,所需资金由县级财政承担。\n"
        "二、立项依据。按省里批复的实施方案,由县卫健局组织实施。\n"
        "三、年度预算。年度安排约24.998万元。\n"
    )
    assert _kind(preamble + _FORM) == "declaration"
    # a title line that says so still makes an approval
    assert _kind("青溪市财政局核定的项目支出绩效目标表\n" + _FORM) == "approval"


def test_a_notice_to_a_named_addressee_is_a_notice() -> None:
    # after tests/data/real/r302 and r318: "县林业局:" on its own line, then 根据…《…》, 现下达
    notice = (
        "县林业局:\n根据省财政厅省林业和草原局《关于下达2024年省级财政林业草原专项资金预算的通知》"
        "(川财资环〔2024〕26号)文件,现下达你单位专项资金,请按规定使用。\n"
    )
    assert _kind(notice + _FORM) == "notice"


def test_a_blank_form_is_a_template_by_what_it_leaves_to_fill_in() -> None:
    # after tests/data/real/r204 and r307 (flattened document-sharing previews): an empty year,
    # unticked option boxes, blank dates, bare numbering and sample rows
    blank = (
        "附1: 部门预算项目支出绩效目标申报表 ( 年度) 编制单位(盖章): 项目名称 项目负责人 联系电话 "
        "项目属性 新增项目□ 延续项目□ 项目类别 1.考核奖励□ 2.大型培训□ 3.设备购置□ "
        "实施时间 年 月 日 至 年 月 日 项目支出内容 1. 2. 3. …… 绩效指标 定量指标一 …… 定性指标描述\n"
    )
    assert classify(blank + _FORM, []).kind == "template"
    # a filled form keeps a blank sign-off date, an unticked box and a line to sign on: no template
    filled = _FORM + "项目属性 | 新增项目□ 延续项目☑ | | |\n填报日期: 年 月 日 | 填报人:______ | | |\n"
    assert _kind(filled) == "declaration"


def test_a_form_whose_fields_are_all_blank_is_a_template_even_with_sample_indicators() -> None:
    # after corpus 049: every field of the form empty (with "(450字内)" prompts), the indicator
    # table prefilled with the common indicators and their scoring rules
    fields = [
        "填报单位",
        "项目名称",
        "项目类型",
        "主管部门名称",
        "项目实施单位",
        "项目负责人",
        "联系电话",
        "资金总额",
        "一般公共预算拨款",
        "政府性基金预算拨款",
        "单位职能概述(450字内)",
        "项目概况(450字内)",
        "项目立项的依据(450字内)",
        "项目实施进度计划(450字内)",
        "长期目标(450字内)",
        "年度目标(450字内)",
    ]
    form = "财政支出绩效目标申报表\n(2021年度)\n" + "".join(f"{f} | |\n" for f in fields)
    form += "一级指标 | 二级指标 | 指标内容 | 指标值 |\n投入指标 | 资金到位率 | 资金到位率 | 资金到位率达100% |\n"
    assert _kind(form) == "template"
    # the same form with its fields filled in is a declaration
    filled = form.replace("项目名称 | |", "项目名称 | 乡村道路养护 |").replace("资金总额 | |", "资金总额 | 320 |")
    assert _kind(filled.replace("主管部门名称 | |", "主管部门名称 | 青溪县交通局 |")) == "declaration"


def test_a_template_is_named_by_its_title_not_by_a_sentence_that_quotes_one() -> None:
    # after corpus 048: a site's intro quotes 《绩效目标表【模板】》 over a filled form
    intro = "【#第一文档网# 导语】以下是®第一文档网的小编为您整理的《绩效目标表【模板】》,欢迎阅读!\n\n"
    assert _kind(intro + _FORM) == "declaration"
    # after corpus 027: a sample's own title ("…自评表填写样例") makes it a template
    assert classify("项目支出绩效自评表填写样例.DOC\n" + _FORM.replace("24.998", ""), []).kind == "template"


def test_a_notice_whose_only_labels_are_template_words_in_its_sentences_holds_no_form() -> None:
    # "资金需求" is a word of a form's template; in a notice's sentence, with no value
    # under it, it makes no declaration (and no "table cut" note)
    text = (
        "青溪市财政局关于提前下达青溪市2023年古建筑保护专项资金的通知\n"
        "各县区财政局:\n"
        "结合我市古建筑的保护状况及维修工程的资金需求规模,经研究,下达你县区古建筑保护专项资金(详见附件)。\n"
        "请加强专项资金监管,确保专款专用,做好绩效跟踪管理。\n"
        "附件1.青溪市2023年古建筑保护专项资金安排表\n"
    )
    result = load_bytes(text.encode("utf-8"), "notice.txt")
    assert result.declarations == []
    assert [p.code for p in result.problems] == ["INP003"]


def test_an_expert_panels_opinion_on_the_targets_is_no_declaration() -> None:
    text = (
        "2022年青溪县乡村道路养护经费项目绩效目标及指标评审意见\n"
        "一、对绩效目标的评审意见\n"
        "该项目预算金额为120万元,其中一般公共预算安排120万元。项目内容为乡村道路日常养护。\n" + _FORM
    )
    assert _kind(text) == "other"
    # the opinion named in a sentence of a form's page does not make it one
    assert _kind("本表已根据绩效目标评审意见修改，评审意见见附件。\n" + _FORM) != "other"


def test_a_self_evaluation_known_by_its_title_alone_names_the_title() -> None:
    # after r323 / r414: the report's title is the only sign; the reason says so, never an empty list
    text = "青溪县数据中心2024年度项目支出绩效单位自评报告\n一、基本情况\n本单位2024年度共有项目3个。\n"
    kind = classify(text, [])
    assert kind.kind == "self-evaluation"
    assert kind.reason == "标题：青溪县数据中心2024年度项目支出绩效单位自评报告"


def test_a_target_form_under_a_self_evaluation_title_is_a_declaration() -> None:
    # after r806: a site titled the page "…绩效自评表" over a filled 绩效目标表 with target values only
    page = "2021年青溪市档案馆库房消防设备改造安装工程项目绩效自评表\n"
    form = _FORM + "时效指标 | 完工时间 | 年底前 | |\n"
    assert _kind(page + form) == "declaration"
    # with the columns of a self-evaluation (实际完成值, 得分) it stays a self-evaluation
    scored = page + form.replace("| 指标值 |", "| 指标值 | 实际完成值 | 得分 |")
    assert _kind(scored) == "self-evaluation"
    # and a self-evaluation titled as one throughout is one
    assert _kind(page + form.replace("市级部门预算项目绩效目标表", "项目支出绩效自评表")) == "self-evaluation"


def test_a_unit_publishing_its_own_form_under_a_cited_rule_is_no_notice() -> None:
    # after r503 and r808, other words: a unit's page cites the rule it publishes under, and its
    # numbered preamble cites the documents behind the project; citing is no notice's wording
    page = (
        "青溪县档案馆2021年项目支出绩效目标公开\n"
        "根据《青溪县财政局关于做好2021年预算信息公开工作的通知》要求,"
        "本馆将2021年库房消防设备改造安装工程项目的绩效目标向社会公开,具体内容见下表,欢迎监督。\n"
    )
    assert _kind(page + _FORM) == "declaration"
    preamble = (
        "(1)项目概述。对档案馆库房消防设备进行改造,更换气体灭火装置并安装烟感报警系统,保障馆藏档案安全。\n"
        "(2)立项依据。根据《青溪县档案馆库房安全管理办法》和《消防设施维护保养规程》等有关规定实施。\n"
        "(3)年度预算安排。年度安排资金24.998万元。\n"
    )
    assert _kind(preamble + _FORM) == "declaration"
    # the same citation with a notice's own words (现下达, an addressee) still makes a notice
    notice = (
        "县档案馆:\n根据《青溪县财政局关于下达2021年档案保护资金的通知》要求,"
        "现下达你单位库房消防设备改造资金24.998万元,请按规定使用并做好绩效管理。\n"
    )
    assert _kind(notice + _FORM) == "notice"


def test_a_units_short_note_publishing_its_own_form_is_no_notice() -> None:
    # after rk11/rk14 (as r119/r601/r705/r803 are labelled), other words: the page is one filled
    # form and a few lines by which the unit publishes it (现将…公开, the attachment, its name and date)
    note = (
        "青溪县档案馆2021年项目绩效目标公开\n"
        "按照县财政局关于预算信息公开的有关规定和本馆年度政务公开工作安排,现将本馆2021年库房消防设备"
        "改造安装工程项目的支出预算绩效目标公开如下。\n"
        "附件:青溪县档案馆2021年项目支出绩效目标表\n青溪县档案馆\n2021年3月2日\n"
    )
    assert _kind(note + _FORM) == "declaration"
    # the same lines issuing money to an addressee are a notice's
    issued = note.replace("现将本馆2021年", "现将下达你馆的2021年")
    assert _kind(issued + _FORM) == "notice"
    # and a long letter around the form is no short note
    rules = "".join(f"第{i}条,各项资金应当专款专用,严格按照规定的用途和标准执行,不得挪作他用。\n" for i in range(12))
    letter = note.replace("附件:", rules + "附件:")
    assert _kind(letter + _FORM) == "notice"


def test_an_allocation_table_named_with_a_qualifier_makes_an_approval() -> None:
    # after r606, other words: a funding document's 分配明细表 (not "分配表") before the target table
    allocation = (
        "青溪市2023年文化事业补助资金分配明细表、绩效目标表\n分配明细表\n单位:万元\n"
        "序号 | 县(市、区) | 资助项目内容 | 金额 |\n1 | 青溪县 | 档案库房改造 | 24.998 |\n合计 | | | 24.998 |\n"
    )
    assert _kind(allocation + _FORM) == "approval"
    # a declaration that lists its own 安排 inside the form stays one
    own = _FORM.replace(
        "年度资金总额 | 24.998 | | |\n", "年度资金总额 | 24.998 | | |\n资金安排明细 | 设备购置24.998 | | |\n"
    )
    assert _kind(own) == "declaration"


def test_a_booklets_table_of_contents_is_no_declaration() -> None:
    # after r517, other words: the contents page of a department's booklet of target tables,
    # flattened, page numbers run into the titles; nothing of any form follows
    contents = (
        "青溪县文化局2023年部门预算绩效文本 青溪县文化局编制 目 录 第一部分 部门整体绩效目标一、总体绩效目标1"
        "二、分项绩效目标2第二部分 项目绩效目标1.2023年图书馆运行经费绩效目标表42.2023年非遗保护经费"
        "绩效目标表63.2023年文化下乡演出绩效目标表84.2023年村级文化室补助绩效目标表10"
        " 第一部分 部门整体绩效目标 一、总体绩效目标 青溪县文化局部门总体绩效目标(一)、保障公共文化服务\n"
    )
    assert classify(contents, []).kind != "declaration"
    result = load_bytes(contents.encode("utf-8"), "booklet.txt")
    assert result.document_kind == "other"
    assert not result.declarations or all(d.document_kind == "other" for d in result.declarations)
    # a form whose own page carries a contents line of attachments is still a declaration
    assert _kind("目录:附件1 项目支出绩效目标表2 附件2 资金分配表3\n" + _FORM) != "other"
