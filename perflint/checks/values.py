"""Value kinds (VAL family): whether each 指标值 can be checked at year end.

Ownership: a blank value is ``value-missing``'s only; placeholders, template
tokens and references are the PH family's; a narrative value is
``value-is-narrative``'s (so ``vague-terms`` does not also pick words out of
it); satisfaction values are the SAT family's and cost values the COST
family's.  In templates without a value column (2019 部门整体, ``value is
None``) the target is read from the indicator text itself.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from typing import Any

from perflint.checks.analysis.values import (
    Op,
    allowlisted,
    comparisons,
    display,
    is_blank,
    is_department,
    is_placeholder,
    looks_like_duties,
    norm,
    owned_by_category_check,
    owned_elsewhere,
    quantities,
    unit_in_name,
    vague_terms,
)
from perflint.checks.base import SEVERITY, STRINGS, Context, Hit, Kind, kind, schema, settings
from perflint.domain.findings import Severity
from perflint.domain.model import Declaration


def _owned_elsewhere(text: str | None, tokens: Sequence[str]) -> bool:
    return owned_elsewhere(text, tokens)


def _is_narrative(text: str, max_len: int) -> bool:
    t = unicodedata.normalize("NFKC", text).strip().rstrip("。.")
    return len(norm(t)) > max_len or bool(re.search(r"[;；。]", t))


def _unit_column(ind) -> str | None:
    for key, value in ind.extra.items():
        if any(word in key for word in ("度量单位", "计量单位", "单位")) and not is_blank(value):
            return value
    return None


@kind
class ValueMissing(Kind):
    name = "value-missing"
    description = {
        "zh": "指标有内容，但指标值为空。",
        "en": "An indicator has a name but its target value is blank.",
    }
    params_schema = schema("placeholders", "optional_categories")

    def check(self, decl: Declaration, params: dict[str, Any], ctx: Context) -> Iterable[Hit]:
        tokens = settings(params, ctx)["placeholders"]
        optional = {norm(o) for o in ctx.setting(params, "optional_categories") or ()}
        for row in ctx.analysis_for(decl).rows:
            i, ind = row.index, row.ind
            if ind.value is None:
                continue  # the template has no value column
            name = row.name
            cat = row.cat
            if is_blank(ind.value) and not is_blank(name) and not is_placeholder(name, tokens):
                yield Hit(
                    f"/indicators/{i}/value", {"category": cat.label or "指标", "content": display(name)}, suggest=True
                )
            elif is_blank(ind.value) and is_blank(name) and cat.label:
                # A whole row of a required category left empty.  A category
                # with no real row at all is its category rule's; cost rows are
                # cost-present's and optional ones na-without-justification's.
                if (
                    cat.is_cost
                    or norm(cat.label) in optional
                    or owned_by_category_check(decl, i, tokens)
                    or any(
                        other.cat.label == cat.label and other.is_real(tokens)
                        for other in ctx.analysis_for(decl).rows
                        if other.index != i
                    )
                ):
                    continue
                yield Hit(f"/indicators/{i}/value", {"category": cat.label}, variant="empty_row", suggest=True)


@kind
class NotMeasurable(Kind):
    name = "not-measurable"
    description = {
        "zh": "指标值没有数字，也不是公认的定性标准，年终无法据此打分。",
        "en": "The value has no figure and is not an accepted qualitative standard; it cannot be scored.",
    }
    params_schema = schema(
        "placeholders", "qualitative_allowlist", error_categories=STRINGS, error_on_department={"type": "boolean"}
    )

    def check(self, decl: Declaration, params: dict[str, Any], ctx: Context) -> Iterable[Hit]:
        s = settings(params, ctx)
        errors = set(params.get("error_categories", ["数量指标", "成本指标", "满意度指标"]))
        dept_error = params.get("error_on_department", True)
        for row in ctx.analysis_for(decl).rows:
            ind, cat = row.ind, row.cat
            if cat.is_cost or cat.is_satisfaction:
                continue  # cost-quantified / satisfaction-format
            text = row.target
            if _owned_elsewhere(text, s["placeholders"]):
                continue
            if quantities(text) or allowlisted(text, s["qualitative_allowlist"]):
                continue
            error = (
                cat.level2 in errors
                or cat.level1 in errors
                or (dept_error and is_department(decl) and ind.value is None)
            )
            yield Hit(
                row.target_pointer,
                {"category": cat.label or "指标", "value": display(text)},
                severity=Severity.ERROR if error else Severity.WARNING,
                suggest=True,
                variant="embedded" if ind.value is None else None,
            )


@kind
class VagueTerms(Kind):
    name = "vague-terms"
    description = {
        "zh": "指标值使用“提高”“进一步”“较”“好”等模糊词，且后面没有数字。",
        "en": "The value uses vague words (提高, 进一步, 较, 好 …) with no figure after them.",
    }
    params_schema = schema("placeholders", "vague_terms", "vague_allow_if_numeric", "max_value_len")

    def check(self, decl: Declaration, params: dict[str, Any], ctx: Context) -> Iterable[Hit]:
        s = settings(params, ctx)
        for row in ctx.analysis_for(decl).rows:
            ind, cat = row.ind, row.cat
            if cat.is_satisfaction or cat.is_cost:
                continue
            text = row.target
            if _owned_elsewhere(text, s["placeholders"]):
                continue
            if ind.value is not None and _is_narrative(text, s["max_value_len"]):
                continue  # value-is-narrative reports the whole cell
            if looks_like_duties(text):
                continue  # duties-as-indicators reports the row
            terms = vague_terms(text, s["vague_terms"], s["vague_allow_if_numeric"])
            if terms:
                yield Hit(
                    row.target_pointer,
                    {
                        "category": cat.label or "指标",
                        "value": display(text),
                        "terms": "、".join(terms),
                        "terms_en": ", ".join(terms),
                        "count": len(terms),
                    },
                    suggest=True,
                    variant="embedded" if ind.value is None else None,
                )


@kind
class UnitMissing(Kind):
    name = "unit-missing"
    description = {
        "zh": "指标值中的数字没有单位，且没有度量单位栏补充。",
        "en": "A number in the value has no unit, and no unit column supplies one.",
    }
    params_schema = schema("placeholders")

    def check(self, decl: Declaration, params: dict[str, Any], ctx: Context) -> Iterable[Hit]:
        tokens = settings(params, ctx)["placeholders"]
        for row in ctx.analysis_for(decl).rows:
            ind, cat = row.ind, row.cat
            if cat.is_satisfaction or cat.is_cost or _unit_column(ind):
                continue
            if ind.value is not None and unit_in_name(row.name):
                continue  # 营造林面积(亩) | 80000: the name carries the unit
            text = row.target
            if _owned_elsewhere(text, tokens):
                continue
            bare = [q for q in quantities(text) if q.unit is None]
            if bare:
                yield Hit(
                    row.target_pointer,
                    {"category": cat.label or "指标", "value": display(text), "number": bare[0].text},
                    suggest=True,
                    variant="embedded" if ind.value is None else None,
                )


@kind
class ComparatorMissing(Kind):
    name = "comparator-missing"
    description = {
        "zh": "定量指标值没有写方向（≥、≤、不低于、以上、以内……）。",
        "en": "A quantitative value states no direction (≥, ≤, not less than, 以上, 以内 …).",
    }
    params_schema = schema("placeholders", comparator_required={"type": "boolean"}, advisory_severity=SEVERITY)

    def check(self, decl: Declaration, params: dict[str, Any], ctx: Context) -> Iterable[Hit]:
        tokens = settings(params, ctx)["placeholders"]
        # where the profile makes 指标性质 mandatory the rule's own severity
        # applies; elsewhere the missing direction is advice
        severity = (
            None
            if ctx.setting(params, "comparator_required", False)
            else Severity(params.get("advisory_severity", "info"))
        )
        for row in ctx.analysis_for(decl).rows:
            i, ind = row.index, row.ind
            if ind.value is None:
                continue
            if any(not is_blank(v) and "性质" in k for k, v in ind.extra.items()):
                continue  # a 指标性质 column gives the direction
            text = ind.value
            if _owned_elsewhere(text, tokens):
                continue
            named_unit = unit_in_name(row.name)
            found = [c for c in comparisons(text) if (c.unit or named_unit) and c.unit != "date"]
            if found and not any(c.word for c in found):
                yield Hit(
                    f"/indicators/{i}/value",
                    {
                        "category": row.cat.label or "指标",
                        "value": display(text),
                        "number": found[0].quantity.text,
                    },
                    severity=severity,
                    suggest=True,
                )


_RATE = re.compile(r"率|满意|占比|比例|比重|覆盖|合格|达标|完成|及时|到位")


@kind
class PercentRange(Kind):
    name = "percent-range"
    description = {
        "zh": "比率类指标的百分数超出0–100%。",
        "en": "A rate is given as a percentage outside 0–100%.",
    }
    params_schema = schema("placeholders", growth_rate_terms=STRINGS)

    def check(self, decl: Declaration, params: dict[str, Any], ctx: Context) -> Iterable[Hit]:
        tokens = settings(params, ctx)["placeholders"]
        growth = [
            norm(t)
            for t in params.get(
                "growth_rate_terms", ["增长", "增幅", "增速", "提高", "提升", "上升", "同比", "环比", "倍"]
            )
        ]
        for row in ctx.analysis_for(decl).rows:
            text = row.target
            if _owned_elsewhere(text, tokens):
                continue
            name = row.name
            both = norm(name) + norm(text)
            if any(g in both for g in growth):
                continue
            if not (_RATE.search(both) or row.cat.is_satisfaction):
                continue
            for c in comparisons(text):
                if not c.quantity.is_percent:
                    continue
                number = c.number / 10 if c.unit == "‰" else c.number
                impossible = number > 100 or (number == 100 and c.op is Op.GT) or (number == 0 and c.op is Op.LT)
                if impossible:
                    yield Hit(
                        row.target_pointer,
                        {"category": row.cat.label or "指标", "value": display(text), "percent": c.quantity.text},
                        suggest=True,
                    )
                    break


_TRIVIAL_WORDS = {"完成", "是", "有", "好", "正常", "已", "可以", "能"}


@kind
class TrivialTarget(Kind):
    name = "trivial-target"
    description = {
        "zh": "目标恒能达到（≥0、≤100%、“完成”“是”），起不到约束作用。",
        "en": "The target is always met (≥0, ≤100%, “完成”, “是”), so it constrains nothing.",
    }
    params_schema = schema("placeholders", trivial_words=STRINGS)

    def check(self, decl: Declaration, params: dict[str, Any], ctx: Context) -> Iterable[Hit]:
        tokens = settings(params, ctx)["placeholders"]
        words = {norm(w) for w in params.get("trivial_words", sorted(_TRIVIAL_WORDS))}
        for row in ctx.analysis_for(decl).rows:
            i, ind = row.index, row.ind
            if ind.value is None:
                continue
            text = ind.value
            if _owned_elsewhere(text, tokens):
                continue
            t = norm(text).rstrip("。.")
            trivial = t in words
            if not trivial:
                cs = comparisons(text)
                if len(cs) == 1:
                    c = cs[0]
                    trivial = bool(
                        (c.number == 0 and c.op in (Op.GE,) and c.word)
                        or (c.quantity.is_percent and c.number >= 100 and c.op in (Op.LE,) and c.word)
                    )
            if trivial:
                yield Hit(
                    f"/indicators/{i}/value",
                    {"category": row.cat.label or "指标", "value": display(text)},
                    suggest=True,
                )
