"""The check kinds of catalog part A (the REQ/PH/IND/VAL/SAT/COST families:
completeness, placeholders, indicators, values, satisfaction, cost) run
directly: fires / does not fire, ownership between rules (one defect, one
finding), profile-dependent severities."""

from __future__ import annotations

import pytest

from perflint.catalog import builtin_catalog
from perflint.checks.base import Context
from perflint.domain.findings import Severity
from perflint.domain.model import Declaration


@pytest.fixture(scope="module")
def catalog():
    return builtin_catalog()


def hits(catalog, kind, doc, profile="hunan-2019", params=None):
    settings = {**catalog.settings, **catalog.profiles[profile].settings}
    decl = Declaration.from_dict(doc)
    k = catalog.kinds[kind]
    return [
        (h.pointer, h.variant, h.severity)
        for h in k.check(decl, params or {}, Context(settings=settings, bundle=[decl], index=0, profile=profile))
    ]


def row(level1, level2, content, value="", **extra):
    out = {"level1": level1, "level2": level2, "content": content, "value": value}
    out.update(extra)
    return out


def special(*rows_, **fields):
    return {"form_type": "专项资金", "indicators": list(rows_), **fields}


# -- completeness --------------------------------------------------------------


def test_year_header(catalog):
    assert hits(catalog, "year-header", {"year_text": "（　　年度）"}) == [("/year_text", None, None)]
    assert hits(catalog, "year-header", {"year_text": "（2019年度）"}) == []
    assert hits(catalog, "year-header", {"year_text": "（２０１９年度）"}) == []
    assert hits(catalog, "year-header", {"year_text": "1899年度"})[0][1] == "implausible"


@pytest.mark.parametrize("text", ["延续专项√□        新增专项□", "延续专项□√  新增专项□", "☑新增 □延续", "延续"])
def test_attribute_one_tick(catalog, text):
    assert hits(catalog, "attribute-tick", {"form_type": "专项资金", "attribute_text": text}) == []


def test_attribute_not_checked_on_department_forms(catalog):
    assert hits(catalog, "attribute-tick", {"form_type": "部门整体支出", "attribute_text": "新增□ 延续□"}) == []


@pytest.mark.parametrize(
    "basis, fires",
    [
        ("区长办公会议纪要2013年58号", False),
        ("县政府常务会议纪要第5期", False),
        ("湘政发〔2019〕10号", False),
        ("《中华人民共和国政府信息公开条例》", False),
        ("依据省市目标管理考核要求实施", True),
        ("根据工作需要", True),
    ],
)
def test_legal_basis_citations(catalog, basis, fires):
    assert bool(hits(catalog, "legal-basis", {"form_type": "专项资金", "basis": basis})) is fires


def test_legal_basis_blank_is_error_and_placeholder_is_left_to_ph001(catalog):
    assert hits(catalog, "legal-basis", {"form_type": "专项资金", "basis": "　"}) == [
        ("/basis", "missing", Severity.ERROR)
    ]
    assert hits(catalog, "legal-basis", {"form_type": "专项资金", "basis": "／"}) == []


def test_total_funds_suggests_the_derived_total(catalog):
    doc = {
        "form_type": "部门整体支出",
        "money": {
            "total": {"text": ""},
            "lines": [
                {"key": "expenditure.basic", "text": "412.1", "amount": "412.1"},
                {"key": "expenditure.project", "text": "1286.5", "amount": "1286.5"},
            ],
        },
    }
    decl = Declaration.from_dict(doc)
    (hit,) = catalog.kinds["total-funds"].check(decl, {}, Context(settings=catalog.settings))
    assert hit.args["derived"] == "1698.6" and hit.suggest


def test_preparer_block_one_finding_for_all_gaps(catalog):
    assert hits(catalog, "preparer-block", {"preparer": "", "phone": "\u3000"}) == [("/preparer", None, None)]
    assert hits(catalog, "preparer-block", {"preparer": "王芳", "phone": "13912345678", "filing_date": "2023.12"}) == []
    assert hits(catalog, "preparer-block", {"preparer": "王芳", "phone": "0731-8812", "filing_date": "2023.12"}) == [
        ("/phone", "phone_format", Severity.INFO)
    ]


def test_goals_by_form_type(catalog):
    assert hits(catalog, "goals-present", {"form_type": "部门整体支出", "goals": {"overall": "x"}}) == []
    assert [h[0] for h in hits(catalog, "goals-present", {"form_type": "专项资金"})] == ["/goals/annual"]
    both_blank = {"form_type": "专项资金", "goals": {"long_term": "", "annual": "\u3000"}}
    assert [h[0] for h in hits(catalog, "goals-present", both_blank)] == ["/goals/long_term", "/goals/annual"]
    annual_only = {"form_type": "项目支出", "goals": {"annual": "完成12座公厕改造"}}
    assert hits(catalog, "goals-present", annual_only) == []
    one_blank = {"form_type": "专项资金", "goals": {"long_term": "三年内优良路率≥85%", "annual": ""}}
    assert hits(catalog, "goals-present", one_blank) == [("/goals/annual", "annual", None)]


# -- placeholders ----------------------------------------------------------------


def test_placeholder_row_of_a_missing_level2_belongs_to_the_category_rule(catalog):
    doc = special(row("产出指标", "数量指标", "/", "/"), row("产出指标", "质量指标", "合格率", "≥95%"))
    assert hits(catalog, "placeholder-in-required", doc) == []
    assert hits(catalog, "required-level2", doc)[0][:2] == ("/indicators/0/value", "placeholder")


def test_placeholder_row_beside_a_real_row_is_ph001(catalog):
    doc = special(row("产出指标", "数量指标", "养护里程", "≥420公里"), row("产出指标", "数量指标", "/", "/"))
    assert hits(catalog, "placeholder-in-required", doc) == [("/indicators/1/value", "indicator", None)]


def test_cost_and_optional_rows_are_not_ph001(catalog):
    doc = special(row("产出指标", "成本指标", "/", "/"), row("效益指标", "生态效益指标", "/", "/"))
    assert hits(catalog, "placeholder-in-required", doc) == []
    assert hits(catalog, "na-without-justification", doc) == [("/indicators/1/value", None, None)]
    assert hits(catalog, "cost-present", doc)[0][:2] == ("/indicators/0/value", "placeholder_nototal")


def test_optional_row_with_a_reason_is_fine(catalog):
    doc = special(row("效益指标", "生态效益指标", "/", "/", note="本项目不涉及生态环境"))
    assert hits(catalog, "na-without-justification", doc) == []


def test_reference_is_ph003_not_ph001(catalog):
    doc = {"form_type": "专项资金", "safeguards": "见附件"}
    assert hits(catalog, "placeholder-in-required", doc) == []
    assert hits(catalog, "external-reference", doc) == [("/safeguards", None, None)]


# -- indicators ------------------------------------------------------------------


def test_level2_not_checked_without_a_level2_column(catalog):
    doc = {"form_type": "部门整体支出", "indicators": [row("产出指标", None, "完成改革任务≥3项", None)]}
    assert hits(catalog, "required-level2", doc) == []


def test_copy_with_a_new_figure_is_a_target(catalog):
    doc = special(row("产出指标", "质量指标", "网站抽查比例每季度不低于要求", "网站抽查比例每季度≥30%"))
    assert hits(catalog, "value-copies-content", doc) == []


def test_timeliness_rate_with_time_words_in_the_name(catalog):
    assert hits(catalog, "misclassified", special(row("产出指标", "时效指标", "留言按时办结率", "≥98%"))) == []
    assert hits(catalog, "misclassified", special(row("产出指标", "时效指标", "办事效率", "≥98%")))[0][1] == "time"


def test_satisfaction_under_benefit_is_misclassified_not_absent(catalog):
    doc = special(row("效益指标", "社会效益指标", "群众满意度", "≥90%"))
    assert hits(catalog, "misclassified", doc) == [("/indicators/0/content", "satisfaction_in_benefit", None)]
    assert hits(catalog, "satisfaction-present", doc) == []


def test_duties_by_similarity_to_functions(catalog):
    functions = "负责全县农村公路的规划、建设、养护和路政管理工作。"
    doc = special(
        row("产出指标", "数量指标", "全县农村公路的规划建设养护和路政管理", "按计划推进"), functions=functions
    )
    assert hits(catalog, "duties-as-indicators", doc)[0][1] == "functions"
    # a named indicator with a measurable value may share words with the task it measures
    named = special(row("产出指标", "数量指标", "全县农村公路养护和路政管理里程", "≥420公里"), functions=functions)
    assert hits(catalog, "duties-as-indicators", named) == []


def test_min_measurable_counts_embedded_targets_of_department_forms(catalog):
    doc = {"form_type": "部门整体支出", "indicators": [row("产出指标", None, "送戏下乡≥120场", None)]}
    assert hits(catalog, "min-measurable", doc) == [("/indicators", None, None)]


# -- values ----------------------------------------------------------------------


def test_value_missing_only_with_a_value_column(catalog):
    assert (
        hits(
            catalog,
            "value-missing",
            {"form_type": "部门整体支出", "indicators": [row("产出指标", None, "完成任务", None)]},
        )
        == []
    )
    assert hits(catalog, "value-missing", special(row("产出指标", "数量指标", "/", ""))) == []


@pytest.mark.parametrize("value", ["", "/", "　／　", "≥**%", "见附件"])
def test_not_measurable_leaves_blank_and_placeholders_to_other_rules(catalog, value):
    assert hits(catalog, "not-measurable", special(row("产出指标", "时效指标", "办结时限", value))) == []


def test_not_measurable_severity_by_category(catalog):
    assert (
        hits(catalog, "not-measurable", special(row("产出指标", "数量指标", "培训人次", "若干")))[0][2]
        == Severity.ERROR
    )
    assert (
        hits(catalog, "not-measurable", special(row("产出指标", "质量指标", "培训质量", "优良")))[0][2]
        == Severity.WARNING
    )


def test_vague_terms_skip_narrative_values(catalog):
    narrative = "建立健全监管机制，有监管台账；与省市平台对接好了，确保网站稳定运行，全面公开服务信息"
    assert hits(catalog, "vague-terms", special(row("产出指标", "质量指标", "网站运行", narrative))) == []


def test_comparator_severity_follows_the_profile(catalog):
    doc = special(
        row("产出指标", "数量指标", "培训人次", "200人次"), row("产出指标", "成本指标", "人均培训成本", "300元/人")
    )
    # cn-2021 requires 指标性质: every figure, a warning (the rule's severity)
    assert hits(catalog, "comparator-missing", doc, profile="cn-2021") == [
        ("/indicators/0/value", "quantity", None),
        ("/indicators/1/value", "cost", None),
    ]
    # elsewhere a missing direction is advice, and a plain count is not asked about
    assert hits(catalog, "comparator-missing", doc, profile="cn-2015") == [
        ("/indicators/1/value", "cost", Severity.INFO)
    ]
    assert catalog.rules["VAL005"].enabled_in("hunan-2019")


@pytest.mark.parametrize(
    "content, value, fires",
    [
        ("猪肉产量稳定率", "90%", "rate_floor"),  # better the higher: write ≥90%
        ("安全事故发生率", "2%", "rate_ceiling"),  # better the lower: write ≤2%
        ("理论教育课时比例", "70%", "rate"),  # a floor or a ceiling?
        ("人均培训成本", "300元/人", "cost"),  # a cost is a ceiling
        ("财政资金补助", "1600元/亩", None),  # a subsidy standard is paid as written
        ("补贴标准", "71.86元/平方米", None),
        ("国家助学金平均每生每年", "3300元", None),
        ("项目(工程)验收合格率", "100%", None),  # exactly 100 %: no direction needed
        ("安全事故发生率", "0%", None),
        ("环境卫生专项考核", "1次/月", None),  # a frequency
        ("项目完成时间", "2023年12月31日", None),  # a date
        ("是否按时完成", "是", None),  # yes/no
        ("工程质量", "符合《公路工程质量检验评定标准》", None),  # a named standard
        ("苗木成活率(≥**%)", "85", None),  # the template printed the direction
        ("受益人口", "≥500人", None),
    ],
)
def test_comparator_knows_which_values_need_a_direction(catalog, content, value, fires):
    level2 = "成本指标" if any(w in content for w in ("补助", "补贴", "助学金", "成本")) else "质量指标"
    got = hits(catalog, "comparator-missing", special(row("产出指标", level2, content, value)))
    assert [variant for _, variant, _ in got] == ([fires] if fires else [])


def test_comparator_leaves_satisfaction_and_grading_scales_alone(catalog):
    doc = special(
        row("满意度指标", "服务对象满意度指标", "群众满意度", "90%"),  # SAT003 reads it
        row("产出指标", "质量指标", "救助覆盖率100%90%85%", "85%"),  # 优/良/中 thresholds, not a target
    )
    assert hits(catalog, "comparator-missing", doc) == []


def test_percent_range_exempts_growth(catalog):
    assert hits(catalog, "percent-range", special(row("效益指标", "经济效益指标", "收入增长率", "≥150%"))) == []
    assert hits(catalog, "percent-range", special(row("产出指标", "质量指标", "覆盖率", "超过100%")))


# -- satisfaction ----------------------------------------------------------------


def test_satisfaction_present_by_profile_for_department_forms(catalog):
    doc = {"form_type": "部门整体支出", "indicators": [row("产出指标", None, "送戏下乡≥120场", None)]}
    assert hits(catalog, "satisfaction-present", doc) == [("/indicators", "recommended", Severity.INFO)]
    assert hits(catalog, "satisfaction-present", doc, profile="cn-2021") == [("/indicators", None, None)]
    assert hits(catalog, "satisfaction-present", special(row("产出指标", "数量指标", "a", "≥1个"))) == [
        ("/indicators", None, None)
    ]


def test_satisfaction_placeholder_row_counts_as_absent(catalog):
    doc = special(row("满意度指标", "服务对象满意度指标", "/", "/"))
    assert hits(catalog, "satisfaction-present", doc) == [("/indicators/0/value", None, None)]
    assert hits(catalog, "placeholder-in-required", doc) == []
    assert hits(catalog, "satisfaction-format", doc) == []


@pytest.mark.parametrize(
    "value, variant",
    [("≥70%", None), ("不满90%", "no_lower"), ("90%以下", "no_lower"), ("100%", "exact_100"), ("≥100%", "exact_100")],
)
def test_satisfaction_threshold_cases(catalog, value, variant):
    out = hits(catalog, "satisfaction-threshold", special(row("满意度指标", None, "学员满意度", value)))
    assert [h[1] for h in out] == [variant]


@pytest.mark.parametrize(
    "value", ["90%以上", "满意度90%以上", "≥85%", "85%以上", "超过85%", "不低于85%", "百分之九十", "９０％以上"]
)
def test_satisfaction_passes(catalog, value):
    doc = special(row("满意度指标", None, "学员满意度", value))
    assert hits(catalog, "satisfaction-format", doc) == []
    assert hits(catalog, "satisfaction-threshold", doc) == []


def test_satisfaction_threshold_setting(catalog):
    doc = special(row("满意度指标", None, "学员满意度", "≥85%"))
    assert hits(catalog, "satisfaction-threshold", doc, params={"satisfaction_min_percent": 90})


@pytest.mark.parametrize(
    "content, variant",
    [
        ("服务较满意", "vague"),
        ("满意度", None),
        ("从服务、形象两个维度进行", "method"),
        # the party before 对 is who is surveyed: an authority is no group the spending serves
        ("县财政局对本单位资金拨付进度的满意度", "authority"),
        ("市住建委对工程质量满意率", "authority"),
    ],
)
def test_satisfaction_subject(catalog, content, variant):
    out = hits(catalog, "satisfaction-subject", special(row("满意度指标", None, content, "≥90%")))
    assert [h[1] for h in out] == [variant]


@pytest.mark.parametrize(
    "content",
    [
        "贴息承办金融机构满意度",
        "吸纳就业用人单位满意度",
        "承保公司满意度",
        "入社合作社满意率",
        "受助家庭满意度",
        "脱贫人口满意度",
        # a place people live in stands for its residents
        "社区满意度",
        "试点村综合满意度",
        "改造小区满意率",
    ],
)
def test_satisfaction_subject_bodies_are_named_groups(catalog, content):
    # institutions, employers, companies and households are parties a survey can sample
    doc = special(row("满意度指标", None, content, "≥90%"))
    assert hits(catalog, "satisfaction-subject", doc) == []


def test_satisfaction_subject_society_names_nobody(catalog):
    out = hits(catalog, "satisfaction-subject", special(row("满意度指标", None, "社会满意度", "≥90%")))
    assert [h[1] for h in out] == [None]


@pytest.mark.parametrize("content", ["辖区满意度", "园区满意度"])
def test_satisfaction_subject_an_area_is_no_residence(catalog, content):
    # only a place people live in (社区, 村, 小区) stands for its residents; an area names nobody
    out = hits(catalog, "satisfaction-subject", special(row("满意度指标", None, content, "≥90%")))
    assert [h[1] for h in out] == [None]


def test_satisfaction_subject_before_dui_that_is_people_is_named(catalog):
    # a group of people before 对 is a surveyed party like any other
    doc = special(row("满意度指标", None, "参训学员对课程安排的满意度", "≥90%"))
    assert hits(catalog, "satisfaction-subject", doc) == []


# -- cost ------------------------------------------------------------------------


def test_cost_present_severity_by_profile(catalog):
    doc = special(row("产出指标", "成本指标", "是否超过预算", "未超预算"))
    assert hits(catalog, "cost-present", doc)[0][2] is None  # rule default: warning
    assert hits(catalog, "cost-present", doc, profile="cn-2021")[0][2] == Severity.ERROR


def test_cost_present_skips_department_forms_without_a_cost_block(catalog):
    doc = {"form_type": "部门整体支出", "indicators": [row("产出指标", None, "送戏下乡≥120场", None)]}
    assert hits(catalog, "cost-present", doc) == []
    assert hits(catalog, "cost-present", doc, profile="cn-2021") == [("/indicators", "nototal", Severity.ERROR)]


def test_cost_within_funds_converts_yuan(catalog):
    funds = {"total": {"text": "556", "amount": "556", "unit": "万元"}}
    ok = special(row("产出指标", "成本指标", "总成本", "≤5,560,000元"), money=funds)
    over = special(row("产出指标", "成本指标", "总成本", "≤5,570,000元"), money=funds)
    per_unit = special(row("产出指标", "成本指标", "单价", "≤600万元/套"), money=funds)
    assert hits(catalog, "cost-within-funds", per_unit) == []
    assert hits(catalog, "cost-within-funds", over) == [("/indicators/0/value", None, None)]
    assert hits(catalog, "cost-within-funds", ok) == []


# -- empty rows: one rule each --------------------------------------------------


def test_empty_rows_go_to_exactly_one_rule(catalog):
    empty_social = special(
        row("产出指标", "数量指标", "养护里程", "≥420公里"),
        row("效益指标", "社会效益指标", "", ""),
        row("效益指标", "可持续影响指标", "优良路率", "≥80%"),
    )
    assert hits(catalog, "value-missing", empty_social) == [("/indicators/1/value", "empty_row", None)]
    assert hits(catalog, "placeholder-in-required", empty_social) == []
    empty_quantity = special(
        row("产出指标", "数量指标", "", ""),
        row("产出指标", "质量指标", "合格率", "≥95%"),
        row("产出指标", "时效指标", "完成时间", "2024年11月30日前"),
    )
    assert hits(catalog, "value-missing", empty_quantity) == []
    assert hits(catalog, "required-level2", empty_quantity) == [("/indicators/0/value", "blank", Severity.ERROR)]
    empty_optional = special(row("效益指标", "生态效益指标", "", ""), row("效益指标", "社会效益指标", "a", "≥1个"))
    assert hits(catalog, "value-missing", empty_optional) == []
    assert hits(catalog, "na-without-justification", empty_optional) == [("/indicators/0/value", "blank", None)]
    spare = special(row("效益指标", "社会效益指标", "出行时间缩短", "≥10分钟"), row("效益指标", "社会效益指标", "", ""))
    assert hits(catalog, "value-missing", spare) == []


@pytest.mark.parametrize("value", ["90%（含）以上", "90％(含本数)以上", "满意度达90%", "满意率在90%以上"])
def test_satisfaction_comparator_spellings(catalog, value):
    doc = special(row("满意度指标", None, "学员满意度", value))
    assert hits(catalog, "satisfaction-format", doc) == []
    assert hits(catalog, "satisfaction-threshold", doc) == []


def test_unit_stated_in_the_name(catalog):
    doc = special(
        row("产出指标", "数量指标", "营造林总面积(亩)", "80000"),
        row("产出指标", "数量指标", "培训人数（单位：人次）", "≥300"),
    )
    assert hits(catalog, "unit-missing", doc) == []
    assert hits(catalog, "unit-missing", special(row("产出指标", "数量指标", "营造林总面积", "80000")))


def test_traditional_money_unit_is_a_unit(catalog):
    # 萬元 is 万元 written in Traditional script: the figure has a unit
    doc = special(row("产出指标", "数量指标", "資助學生人數及金額", "資助820人次,資助金額96.4萬元"))
    assert hits(catalog, "unit-missing", doc) == []
    assert hits(catalog, "unit-missing", special(row("产出指标", "数量指标", "資助金額", "96.4")))


def test_template_remnant_once_per_row_and_not_for_decimals(catalog):
    doc = special(
        {
            "level1": "产出指标",
            "level2": "质量指标",
            "level3": "苗木成活率(≥**%)",
            "content": "苗木成活率(≥**%)",
            "value": "0.5",
        }
    )
    # the value is filled in: the target is set, only the template's hint is left in the name
    assert hits(catalog, "template-remnant", doc) == [("/indicators/0/content", "name_hint", Severity.WARNING)]


def test_a_template_hint_over_a_value_not_filled_in_is_an_error(catalog):
    for value in ("", "≥**%", "达标"):
        doc = special(row("产出指标", "质量指标", "苗木成活率(≥**%)", value))
        found = hits(catalog, "template-remnant", doc)
        assert ("/indicators/0/content", None, None) in found, (value, found)


def test_no_indicator_table_is_reported_once(catalog):
    doc = {"form_type": "专项资金", "indicators": []}
    assert hits(catalog, "required-level1", doc) == [("/indicators", "none", None)]
    for kind in ("satisfaction-present", "cost-present", "min-measurable", "required-level2", "empty-category"):
        assert hits(catalog, kind, doc) == [], kind


def test_percent_stated_in_the_satisfaction_name(catalog):
    doc = special(row("满意度指标", None, "受益群众满意度(%)", "≥90"))
    assert hits(catalog, "satisfaction-format", doc) == []
    assert hits(catalog, "satisfaction-threshold", doc) == []
    low = special(row("满意度指标", None, "受益群众满意度(%)", "80以上"))
    assert [h[1] for h in hits(catalog, "satisfaction-threshold", low)] == [None]


def test_cost_unit_stated_in_the_name(catalog):
    doc = special(row("产出指标", "成本指标", "项目总投入(万元)", "≤6070"))
    assert hits(catalog, "cost-quantified", doc) == []
    assert hits(catalog, "cost-present", doc) == []


def test_cost_within_funds_with_the_unit_in_the_name(catalog):
    funds = {"total": {"text": "556", "amount": "556", "unit": "万元"}}
    assert hits(catalog, "cost-within-funds", special(row("产出指标", "成本指标", "总成本(万元)", "≤800"), money=funds))


def test_a_number_masked_by_the_publishing_site_is_not_a_template_token(catalog):
    doc = special(row("产出指标", "数量指标", "培训人次", "≥300人次"), phone="139****8136")
    assert hits(catalog, "template-remnant", doc) == []
    doc = special(row("产出指标", "质量指标", "合格率", "≥**%"), phone="0731-84512345")
    assert hits(catalog, "template-remnant", doc) == [("/indicators/0/value", None, None)]


@pytest.mark.parametrize(
    ("content", "value"),
    [
        ("按期完成率", "≥95%"),
        ("资金当年下达率", "100%"),
        ("项目实施期", "2020.1.1-2020.12.31"),
        # a rate within a set time limit is itself a timeliness measure (r802)
        ("法定审限内结案率", "≥95%"),
        ("承诺期限内办结率", "100%"),
        ("合同工期内完工率", "≥98%"),
    ],
)
def test_a_timeliness_rate_or_a_date_range_has_its_time_element(catalog, content, value):
    doc = special(row("产出指标", "时效指标", content, value))
    assert [h for h in hits(catalog, "misclassified", doc) if h[1] == "time"] == []


def test_a_timeliness_value_without_any_time_still_fires(catalog):
    doc = special(row("产出指标", "时效指标", "工作效率", "有效提升"))
    assert [h[1] for h in hits(catalog, "misclassified", doc)] == ["time"]
    # a rate with no time limit in its name has no time element either
    doc = special(row("产出指标", "时效指标", "案件结案率", "≥95%"))
    assert [h[1] for h in hits(catalog, "misclassified", doc)] == ["time"]


@pytest.mark.parametrize("value", ["应保尽保", "應保盡保", "应发尽发"])
def test_everyone_eligible_covered_is_a_standard(catalog, value):
    doc = special(row("效益指标", "社会效益指标", "困难群众基本生活保障", value))
    assert hits(catalog, "not-measurable", doc) == []


@pytest.mark.parametrize("value", ["30只", "500头", "2000羽", "0"])
def test_measure_words_and_nought_need_no_further_unit(catalog, value):
    doc = special(row("产出指标", "数量指标", "补助能繁母猪", value))
    assert hits(catalog, "unit-missing", doc) == []


def test_duplicate_within_form_is_not_a_second_table_of_the_same_rows(catalog):
    rows = [
        row("产出指标", "数量指标", "新增图书册数", "≥15000册"),
        row("产出指标", "质量指标", "图书验收合格率", "100%"),
        row("效益指标", "社会效益指标", "社区分馆年借阅量", "≥24万册次"),
        row("满意度指标", "服务对象满意度指标", "社区读者满意度", "≥90%"),
    ]
    # 中期 and 年度 tables one after the other (or a page read twice): the rows repeat in order
    assert hits(catalog, "duplicate-within-form", special(*rows, *rows)) == []
    # one row copied within the table still is a duplicate
    copied = [*rows[:2], rows[0], *rows[2:]]
    assert [p for p, _, _ in hits(catalog, "duplicate-within-form", special(*copied))] == ["/indicators/2/content"]
    # two rows repeated in order are still copies, not a table
    twice = [*rows, rows[0], rows[1]]
    assert len(hits(catalog, "duplicate-within-form", special(*twice))) == 2


@pytest.mark.parametrize(
    "level2, value, lot",
    [
        ("数量指标", "1批", True),  # one lot of any size
        ("数量指标", "≥1批", True),
        ("数量指标", "采购办公桌椅1批", True),
        ("数量指标", "2批", False),  # counts something
        ("数量指标", "抽检10批次", False),  # sampling rounds
        ("数量指标", "1批(120套)", False),  # the size is given
        ("质量指标", "1批", False),  # a count is asked of quantity rows
    ],
)
def test_one_lot_is_no_quantity(catalog, level2, value, lot):
    got = hits(catalog, "not-measurable", special(row("产出指标", level2, "购置应急物资", value)))
    assert [v for _, v, _ in got] == (["lot"] if lot else [])


@pytest.mark.parametrize(
    "unplaced, found",
    [
        (["说明:灰色单元格为公式,请勿修改"], ["/unrecognized/0"]),  # an instruction of the system
        (["简要说明项目的实施内容和资金用途", "……", "1.完成12个村改厕"], ["/unrecognized/0"]),
        (["……", "列明各项支出的测算依据;"], ["/unrecognized/1"]),
        # guidance words with no ellipsis stand-in beside them: the filer may have written them
        (["说明:本项目为延续项目", "1.完成12个村改厕"], []),
        (["明确责任分工,按月调度进度"], []),
    ],
)
def test_template_instructions_left_in_text_not_placed(catalog, unplaced, found):
    doc = {"form_type": "项目支出", "name": "改厕项目", "unrecognized": unplaced}
    got = [(p, v) for p, v, _ in hits(catalog, "template-remnant", doc)]
    assert got == [(p, "instruction") for p in found]


def _noted(column, *notes):
    """Rows of a made-up table whose explanation column ``column`` holds ``notes``."""
    names = ["开展巡回演出场次", "送书下乡册数", "演出合格率", "按期完成率", "群众满意度"]
    values = ["≥60场", "≥5000册", "100%", "100%", "≥90%"]
    out = []
    for name, value, note in zip(names, values, notes, strict=False):
        cell = {"note": note} if column == "note" else {"extra": {column: note}}
        out.append(row("产出指标", "数量指标", name, value, **cell))
    return special(*out)


@pytest.mark.parametrize(
    "doc, fires",
    [
        # the same stock sentence on every row of a 取值依据 / 扣分标准 / 备注 column
        (_noted("取值依据", *["参照往年情况综合确定"] * 4), "/indicators/0/extra/取值依据"),
        (_noted("扣分标准", *["未达到目标的视情况扣分"] * 5), "/indicators/0/extra/扣分标准"),
        # one scoring rule with its figures may hold for every row
        (_noted("扣分标准", *["每低于目标值1个百分点扣1分"] * 5), None),
        (_noted("评分标准", *["每少一个百分点扣两分"] * 5), None),
        (_noted("note", *["数据真实 可靠，设置合理。"] * 3), "/indicators/0/note"),
        # one row with its own basis: the column is written row by row
        (_noted("取值依据", *["参照往年情况综合确定"] * 3, "按2024年演出计划"), None),
        # two rows are too few to call a sentence a stock one
        (_noted("取值依据", *["参照往年情况综合确定"] * 2), None),
        # a fixed choice of the template, the same by design
        (_noted("绩效标准", *["行业标准"] * 5), None),
        (_noted("指标方向", *["正向指标（越大越好）"] * 5), None),
        # a short remark is no explanation
        (_noted("备注", *["已核实"] * 5), None),
    ],
)
def test_boilerplate_note(catalog, doc, fires):
    got = [p for p, _, _ in hits(catalog, "boilerplate-note", doc, params={"min_rows": 3, "min_chars": 6})]
    assert got == ([fires] if fires else [])


def _lead(label, text):
    return {"fields": [{"key": "leader", "label": label, "text": text}]}


@pytest.mark.parametrize(
    "label, text, variant",
    [
        ("项目负责人及电话", "", None),
        ("项目负责人", "/", None),
        ("项目负责人及联系电话", "沈飞", "phone"),
        ("项目负责人及联系电话", "沈飞 0908-5812345", False),
        ("项目负责人及电话", "谢凯13990260322(办公)", False),
        ("项目负责人", "杨柳", False),  # the label asks for no phone
    ],
)
def test_project_lead(catalog, label, text, variant):
    expected = [] if variant is False else [("/fields/0/text", variant, None)]
    assert hits(catalog, "project-lead", _lead(label, text)) == expected


def test_project_lead_not_checked_without_the_field(catalog):
    assert hits(catalog, "project-lead", {"department": "示例县水利局"}) == []


def _dept(label, name, **extra):
    return {"department": name, "source": {"labels": {"/department": {"text": label}}}, **extra}


@pytest.mark.parametrize(
    "label, name, fires",
    [
        ("主管部门及代码", "亳州市气象局", True),
        ("主管部门及代码", "[066]六安市农业农村局", False),
        ("主管部门及编码", "湘潭市城市管理和综合执法局 308001", False),
        ("主管部门", "岳阳县农业农村局", False),  # no code asked for
        ("主管部门及代码", "", False),  # blank: REQ005's
    ],
)
def test_budget_code_beside_the_department(catalog, label, name, fires):
    expected = [("/department", "name_only", None)] if fires else []
    assert hits(catalog, "budget-code", _dept(label, name)) == expected


def test_budget_code_fields_blank_or_holding_the_next_label(catalog):
    doc = _dept(
        "主管部门",
        "广水市教育局",
        fields=[
            {"key": "dept_code", "label": "项目编码:", "text": "项目单位(盖章):广水市马坪镇中心中学"},
            {"key": "dept_code", "label": "项目编码", "text": ""},
            {"key": "dept_code", "label": "部门预算编码", "text": "230001"},
        ],
    )
    assert hits(catalog, "budget-code", doc) == [("/fields/0/text", None, None)]


@pytest.mark.parametrize(
    "text, fires",
    [
        ("（盖章）", True),
        ("(盖章) 单位:万元", True),  # the table's unit note on the same line names no unit
        ("（盖章）金额单位：元", True),
        ("示例县文化和旅游局 单位:万元", False),
        ("示例县文化和旅游局（盖章）", False),
    ],
)
def test_filing_unit_with_only_the_seal_and_the_tables_unit_note(catalog, text, fires):
    got = hits(catalog, "filing-unit", {"form_type": "项目支出", "filing_unit": text})
    assert bool(got) is fires


@pytest.mark.parametrize(
    "basis, fires, fires_whole",
    [
        ("文化中心运行管理需要。", True, True),  # a finished sentence with no citation
        ("根据历年支出情况及养护外包投标情况", False, True),  # unfinished: the citation may follow
        ("根据《全国文化信息共享工程", False, True),  # cut inside the citation
        ("甘财科", False, True),  # a fragment: the rest of the cell may not have been read
        ("根据上级要求", False, True),
        ("", False, True),  # no blank is claimed where the block was read only in part
        ("依据《某县农村公路养护管理办法》实施。", False, False),
        ("渝财(2022)00001", False, False),  # a document number, without 号
    ],
)
def test_legal_basis_in_an_identity_block_read_in_part(catalog, basis, fires, fires_whole):
    doc = {"form_type": "项目支出", "basis": basis, "reading": {"sections": {"identity": "partial"}}}
    assert bool(hits(catalog, "legal-basis", doc)) is fires
    doc["reading"]["sections"]["identity"] = "read"  # read in full: every claim as before
    assert bool(hits(catalog, "legal-basis", doc)) is fires_whole


@pytest.mark.parametrize(
    "level2, value, fires",
    [
        ("社会成本指标", "减少", True),  # a direction, not a standard
        ("生态环境成本指标", "长远", True),
        ("社会成本指标", "无负面影响", False),  # a stated absence is the standard of a harm
        ("生态环境成本指标", "不产生污染", False),
        ("社会成本指标", "未造成不良影响", False),
        ("社会成本指标", "≤1次", False),
        ("经济成本指标", "控制在预算内", False),  # money: COST002's
    ],
)
def test_not_measurable_on_the_harm_costs(catalog, level2, value, fires):
    doc = special(row("成本指标", level2, "实施项目对社会产生的不利影响", value))
    got = hits(catalog, "not-measurable", doc)
    assert got == ([("/indicators/0/value", None, Severity.WARNING)] if fires else [])


@pytest.mark.parametrize(
    ("level2", "value", "fires"),
    [
        ("时效指标", "年底前", False),  # a deadline in words is checked at year's end (r806)
        ("时效指标", "故障发生后一周内", False),
        ("时效指标", "接到申请后三个工作日内", False),
        ("时效指标", "及时", True),  # no deadline at all
        ("时效指标", "尽快完成", True),
        ("质量指标", "年底前", True),  # a deadline is no quality standard
    ],
)
def test_a_deadline_in_words_is_a_timeliness_standard(catalog, level2, value, fires):
    got = hits(catalog, "not-measurable", special(row("产出指标", level2, "维修响应时间", value)))
    assert bool(got) == fires


# -- REQ015 a choice cell with none of its boxes ticked ----------------------------------------


def _choice(text, **more):
    return {
        "form_type": "项目支出",
        "name": "示例项目",
        "fields": [{"key": "project_kind", "label": "项目类型", "text": text}],
        **more,
    }


@pytest.mark.parametrize(
    "text, fires",
    [
        ("□ 常年性项目 □ 延续性项目 □ 一次性项目", True),
        ("经常性□ 阶段性□ 一次性□", True),
        ("运转类: □专项运转类□信息化维护类 发展类:□基建类 □发展建设类", True),  # grouped options
        ("□ 常年性項目 □ 延續(xù)性項目", True),  # a site's pinyin gloss is no word of the form
        ("□ 常年性项目 ☑ 延续性项目 □ 一次性项目", False),
        ("经常性√□ 阶段性□", False),
        ("一次性项目□", False),  # one box beside one name
        ("□ 常年性项目 □ 延续性项目；本项目为新设立的一次性项目", False),  # words beside the boxes
        ("口 常年性项目 口 延续性项目", False),  # 口 is also a character
        ("一次性项目", False),
    ],
)
def test_choice_unticked(catalog, text, fires):
    got = hits(catalog, "choice-unticked", _choice(text))
    assert got == ([("/fields/0/text", None, None)] if fires else [])


def test_choice_unticked_names_the_cells_it_found_once_per_form(catalog):
    doc = _choice(
        "□ 常年性项目 □ 一次性项目",
        unrecognized=["资金性质", "□ 财政拨款 □ 非税收入", "2021年", "重要工作□ 一般工作□"],
    )
    settings = {**catalog.settings, **catalog.profiles["hunan-2019"].settings}
    decl = Declaration.from_dict(doc)
    ctx = Context(settings=settings, bundle=[decl], index=0, profile="hunan-2019")
    (hit,) = catalog.kinds["choice-unticked"].check(decl, {}, ctx)
    assert hit.args["fields"] == "“项目类型”、“资金性质”"  # 2021年 labels nothing
    assert hit.args["count"] == 3


def test_choice_unticked_leaves_the_attribute_to_attribute_tick(catalog):
    doc = {
        "form_type": "项目支出",
        "name": "示例项目",
        "attribute_text": "新增□ 延续□",
        "unrecognized": ["新增□ 延续□"],
    }
    assert hits(catalog, "choice-unticked", doc) == []
    doc["attribute_text"] = "新增√ 延续□"
    assert hits(catalog, "choice-unticked", doc) == [("/unrecognized/0", None, None)]
