"""Satisfaction kinds (SAT family): a 满意度 indicator exists, states a
percentage, sets a high enough lower bound and names who is surveyed.

The satisfaction label sits in 一级 or 二级 depending on the layout
("社会公众或服务对象满意度指标" in the seed's 二级 column with the 一级 cell
merged); :func:`perflint.checks.analysis.values.category` places it either way.  Bounds
follow the statutory reading: 以上/以下/以内 include the number,
超过/不满/低于 exclude it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from perflint.checks.analysis.rows import stated_rows
from perflint.checks.analysis.shape import shifted_table
from perflint.checks.analysis.values import (
    display,
    is_department,
    norm,
    owned_elsewhere,
    vague_terms,
)
from perflint.checks.base import SEVERITY, STRINGS, Context, Hit, Kind, kind, schema, settings
from perflint.domain.findings import Severity
from perflint.domain.model import Declaration


@kind
class SatisfactionPresent(Kind):
    name = "satisfaction-present"
    description = {
        "zh": "须有满意度指标（项目、专项表在各档案下都要求；部门整体表按档案要求或建议）。",
        "en": "A satisfaction indicator is required (project forms in every profile; department forms per profile).",
    }
    params_schema = schema(
        "placeholders", satisfaction_required_department={"type": "boolean"}, recommended_severity=SEVERITY
    )

    def check(self, decl: Declaration, params: dict[str, Any], ctx: Context) -> Iterable[Hit]:
        if not decl.indicators:
            return  # no indicator table at all: required-level1 reports it once
        if shifted_table(decl):
            return  # the table's cells do not stand under its header: nothing in it is known absent
        tokens = settings(params, ctx)["placeholders"]
        analysis = ctx.analysis_for(decl)
        rows = analysis.satisfaction_rows()
        if any(row.is_real(tokens) for row in rows):
            return
        # a benefit row about satisfaction is misfiled (misclassified), not absent
        if any("满意" in norm(row.name) and row.is_real(tokens) for row in analysis.rows):
            return
        severity = None
        if is_department(decl) and not ctx.setting(params, "satisfaction_required_department", False):
            severity = Severity(params.get("recommended_severity", "info"))
        pointer = rows[0].target_pointer if rows else "/indicators"
        yield Hit(
            pointer,
            {"form": str(decl.form_type)},
            severity=severity,
            variant="recommended" if severity is not None else None,
            suggest=True,
        )


_VAGUE_SAT = re.compile(r"^(?:非常|比较|较为|较|基本|十分|总体|普遍|大部分|群众)?(?:满意|认可|好评|好|高|良好)$")


@kind
class SatisfactionFormat(Kind):
    name = "satisfaction-format"
    description = {
        "zh": "满意度指标值须是百分数（可带≥、以上等），不能写“满意”“较满意”。",
        "en": "A satisfaction value must be a percentage (with or without a comparator), not words like “satisfied”.",
    }
    params_schema = schema("placeholders")

    def check(self, decl: Declaration, params: dict[str, Any], ctx: Context) -> Iterable[Hit]:
        tokens = settings(params, ctx)["placeholders"]
        for row, text in stated_rows(ctx.analysis_for(decl).satisfaction_rows(), tokens):
            if row.percent is not None:
                continue
            t = norm(text).rstrip("。.")
            variant = "vague" if _VAGUE_SAT.match(t) or "满意" in t else None
            yield Hit(
                row.target_pointer,
                {"value": display(text), "content": display(row.name)},
                variant=variant,
                suggest=True,
            )


def _fmt(number: Decimal) -> str:
    return f"{number.normalize():f}"


@kind
class SatisfactionThreshold(Kind):
    name = "satisfaction-threshold"
    description = {
        "zh": "满意度目标的下限低于规定值（默认85%）；恰为100%时提示抽样调查难以验证。",
        "en": "The satisfaction lower bound is below the minimum (85% by default); exactly 100% is noted as untestable.",
    }
    params_schema = schema(
        "placeholders",
        satisfaction_min_percent={"type": "number", "minimum": 0, "maximum": 100},
        flag_100_percent={"type": "string", "enum": ["error", "warning", "info", "off"]},
    )

    def check(self, decl: Declaration, params: dict[str, Any], ctx: Context) -> Iterable[Hit]:
        tokens = settings(params, ctx)["placeholders"]
        minimum = Decimal(str(ctx.setting(params, "satisfaction_min_percent", 85)))
        flag_100 = ctx.setting(params, "flag_100_percent", "info")
        for row, text in stated_rows(ctx.analysis_for(decl).satisfaction_rows(), tokens):
            target = row.percent
            if target is None:
                continue  # satisfaction-format reports it
            args = {"value": display(text), "percent": target.text, "min": _fmt(minimum)}
            if target.lower is None:
                yield Hit(row.target_pointer, args, variant="no_lower", suggest=True)
            elif target.exact == 100 or (target.lower == 100 and target.lower_inclusive and target.upper is None):
                if flag_100 != "off":
                    yield Hit(row.target_pointer, args, variant="exact_100", severity=Severity(flag_100))
            elif target.lower < minimum:
                yield Hit(
                    row.target_pointer,
                    {**args, "lower": _fmt(target.lower), "op": "≥" if target.lower_inclusive else ">"},
                    suggest=True,
                )


_SUBJECTS = [
    "群众",
    "办事群众",
    "服务对象",
    "受益",
    "受益人",
    "受益群众",
    "学员",
    "学生",
    "家长",
    "师生",
    "企业",
    "患者",
    "病人",
    "公众",
    "社会公众",
    "居民",
    "村民",
    "市民",
    "农户",
    "农民",
    "游客",
    "用户",
    "参训",
    "培训对象",
    "职工",
    "员工",
    "干部",
    "老人",
    "老年人",
    "残疾人",
    "人口",
    "纳税人",
    "申请人",
    "办事人",
    "群体",
    "对象",
    "客户",
    "读者",
    "观众",
    "住户",
    "业主",
    "商户",
    "经营者",
    "投资者",
    "来访",
    "服务单位",
    "参会",
]
_METHOD = re.compile(r"维度|方式|方法|调查|问卷|测评|抽样|回访|进行|通过|开展")
#: the last character of a noun for people or bodies surveyed (干警, 教师, 驾驶员, 患者, 农户,
#: 学生, 学校, 医院, 幼儿园, 金融机构, 用人单位, 保险公司, 合作社, 家庭 …): a group
#: named before 满意 that the subject list does not know is still a group of people
#: (not 会: “社会满意度” names nobody)
_PERSON_END = frozenset("人员者户民生警师众工属客友童兵士校院园构位司社庭")
#: a place people live in, named before 满意, stands for its residents (“社区满意度”,
#: “试点村满意度”, “改造小区满意度”): a survey samples the community's households
_RESIDENCE_END = ("社区", "小区", "村", "村居", "居委会", "村委会")
#: words between a group and 满意 (“学生总体满意度”, “驾驶员的满意度”)
_BETWEEN = ("的", "综合", "总体", "整体")


def _names_people(text: str) -> bool:
    """The words right before 满意 end in a noun for people (“干警满意度”, “参训教师满意率”)
    or for a place its residents are surveyed in (“社区满意度”)."""
    before = text.split("满意", 1)[0] if "满意" in text else ""
    trimmed = True
    while trimmed:
        trimmed = False
        for word in _BETWEEN:
            if before.endswith(word):
                before = before[: -len(word)]
                trimmed = True
    if before.endswith(_RESIDENCE_END):
        return True
    return len(before) >= 2 and before[-1] in _PERSON_END


#: "税务局对我单位…的满意度": the party named before 对 is who is surveyed; an authority there
#: (a bureau, a commission, a government) is no group the spending serves
_AUTHORITY_SURVEYED = re.compile(r"^([^对，,、；;]{1,12}?(?:局|厅|委员会|委|政府|机关|主管部门))对")


@kind
class SatisfactionSubject(Kind):
    name = "satisfaction-subject"
    description = {
        "zh": "满意度指标内容须写明调查对象（如“办事群众满意度”），不能只写模糊词或调查方法。",
        "en": "The satisfaction indicator must name who is surveyed (e.g. “applicants' satisfaction”), not vague words or the method.",
    }
    params_schema = schema("placeholders", "vague_terms", subject_terms=STRINGS)

    def check(self, decl: Declaration, params: dict[str, Any], ctx: Context) -> Iterable[Hit]:
        s = settings(params, ctx)
        subjects = [norm(x) for x in params.get("subject_terms", _SUBJECTS)]
        for row in ctx.analysis_for(decl).satisfaction_rows():
            name = row.name
            if owned_elsewhere(name, s["placeholders"]):
                continue  # content-missing / PH family
            t = norm(name)
            has_subject = any(x in t for x in subjects) or _names_people(t)
            vague = [
                v
                for v in vague_terms(name, s["vague_terms"], True)
                if v in ("较", "基本", "好", "良好", "一定程度", "有所", "明显")
            ]
            args = {"content": display(name), "terms": "、".join(vague)}
            authority = _AUTHORITY_SURVEYED.match(t)
            if authority and "满意" in t:
                yield Hit(row.name_pointer, {**args, "subject": authority.group(1)}, variant="authority", suggest=True)
            elif "满意" not in t and _METHOD.search(t):
                yield Hit(row.name_pointer, args, variant="method", suggest=True)
            elif vague:
                yield Hit(row.name_pointer, args, variant="vague", suggest=True)
            elif not has_subject or "满意" not in t:
                yield Hit(row.name_pointer, args, suggest=True)
