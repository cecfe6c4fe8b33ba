"""Placeholder kinds (PH family): "/" and friends, template remnants,
references to attachments, and optional categories marked N/A.

Ownership: a row of a cost category is ``cost-present``'s, a row of an
optional category (经济效益, 生态效益, 可持续影响 …) is
``na-without-justification``'s, and a placeholder row standing for a whole
missing category is the category check's.  So one row never yields two
findings.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import Any

from perflint.checks.analysis.values import (
    COST_L2,
    display,
    external_reference,
    indicator_name,
    is_blank,
    is_placeholder,
    is_placeholder_row,
    name_pointer,
    norm,
    owned_by_category_check,
    site_mask,
    template_remnant,
)
from perflint.checks.base import Context, Hit, Kind, kind, schema, settings
from perflint.domain.findings import Severity
from perflint.domain.model import Declaration, Indicator

# label of each narrative field, for messages
FIELD_LABELS_ZH = {
    "name": "项目（专项）名称",
    "department": "部门名称",
    "implementing_unit": "实施单位",
    "functions": "职能职责概述",
    "basis": "立项依据",
    "safeguards": "实施保障措施",
    "filing_unit": "填报单位",
    "preparer": "填报人",
    "phone": "联系电话",
    "goals/long_term": "长期绩效目标",
    "goals/annual": "年度绩效目标",
    "goals/overall": "整体绩效目标",
    "schedule": "实施内容",
}
FIELD_LABELS_EN = {
    "name": "project name",
    "department": "department",
    "implementing_unit": "implementing unit",
    "functions": "functions summary",
    "basis": "legal basis",
    "safeguards": "safeguards",
    "filing_unit": "filing unit",
    "preparer": "preparer",
    "phone": "phone",
    "goals/long_term": "long-term goal",
    "goals/annual": "annual goal",
    "goals/overall": "overall goal",
    "schedule": "schedule content",
}
NARRATIVE_FIELDS = [
    "name",
    "department",
    "implementing_unit",
    "functions",
    "basis",
    "safeguards",
    "filing_unit",
    "preparer",
    "phone",
    "goals",
    "schedule",
]
#: the footer and the filing unit are checked by filing-unit and preparer-block,
#: which count a placeholder there as blank
DEFAULT_FIELDS = ["name", "department", "implementing_unit", "functions", "basis", "safeguards", "goals", "schedule"]


def narrative_cells(decl: Declaration, fields: list[str]) -> Iterator[tuple[str, str, str, str]]:
    """(pointer, text, label zh, label en) of the narrative fields present."""
    for field in fields:
        if field == "goals":
            for key in ("long_term", "annual", "overall"):
                if key in decl.goals:
                    yield (
                        f"/goals/{key}",
                        decl.goals[key],
                        FIELD_LABELS_ZH[f"goals/{key}"],
                        FIELD_LABELS_EN[f"goals/{key}"],
                    )
        elif field == "schedule":
            for i, row in enumerate(decl.schedule):
                yield f"/schedule/{i}/content", row.content, FIELD_LABELS_ZH["schedule"], FIELD_LABELS_EN["schedule"]
        else:
            value = getattr(decl, field)
            if value is not None:
                yield f"/{field}", value, FIELD_LABELS_ZH[field], FIELD_LABELS_EN[field]


def _optional(cat_label: str, optional: list[str]) -> bool:
    return bool(cat_label) and norm(cat_label) in {norm(o) for o in optional}


@kind
class PlaceholderInRequired(Kind):
    name = "placeholder-in-required"
    description = {
        "zh": "必填栏目或必填类别的指标只填了“/”“无”等占位符。",
        "en": "A required field or an indicator of a required category holds only a placeholder such as “/”.",
    }
    params_schema = schema(
        "placeholders", "optional_categories", fields={"type": "array", "items": {"enum": NARRATIVE_FIELDS}}
    )

    def check(self, decl: Declaration, params: dict[str, Any], ctx: Context) -> Iterable[Hit]:
        tokens = settings(params, ctx)["placeholders"]
        optional = list(ctx.setting(params, "optional_categories") or ())

        def owned(text: str) -> bool:
            # references and template tokens have their own rules; a site's mask hides a filled value
            return external_reference(text) or bool(template_remnant(text)) or site_mask(text)

        for pointer, text, zh, en in narrative_cells(decl, params.get("fields", DEFAULT_FIELDS)):
            if is_placeholder(text, tokens) and not owned(text):
                yield Hit(pointer, {"field": zh, "field_en": en, "text": display(text)}, suggest=True)
        for row in ctx.analysis_for(decl).rows:
            i, ind, cat = row.index, row.ind, row.cat
            if cat.level2 in COST_L2 or cat.level1 == "成本指标" or _optional(cat.level2 or "", optional):
                continue
            if is_placeholder_row(ind, tokens):
                if owned_by_category_check(decl, i, tokens):
                    continue
                pointer = row.target_pointer
                text = ind.value if ind.value is not None and not is_blank(ind.value) else row.name
                if owned(text):
                    continue
                yield Hit(
                    pointer,
                    {
                        "field": cat.label or "指标",
                        "field_en": cat.label or "indicator",
                        "text": display(text),
                        "category": cat.label,
                    },
                    variant="indicator",
                    suggest=True,
                )
                continue
            for _, pointer, text, cell in indicator_cells_of(i, ind):
                if is_placeholder(text, tokens) and not owned(text):
                    yield Hit(
                        pointer,
                        {
                            "field": cat.label or "指标",
                            "field_en": cat.label or "indicator",
                            "text": display(text),
                            "category": cat.label,
                            "content": display(row.name),
                        },
                        variant="value" if cell == "value" else "indicator",
                        suggest=True,
                    )


def indicator_cells_of(i: int, ind) -> Iterator[tuple[int, str, str, str]]:
    yield i, name_pointer(i, ind), indicator_name(ind), "content"
    if ind.value is not None:
        yield i, f"/indicators/{i}/value", ind.value, "value"


#: a phone, mobile or ID number with its middle digits starred out by the page that
#: published the form (139****8136, 0731-8****123): privacy masking, not a blank to fill
_MASKED_NUMBER = re.compile(r"(?<![\d*])\d{3,4}-?\d{0,4}[*＊]{3,8}\d{3,4}(?![\d*])")


@kind
class TemplateRemnant(Kind):
    name = "template-remnant"
    description = {
        "zh": "模板中的待填符号（**、XX、××、（填写…））没有替换成实际内容。",
        "en": "Unfilled template tokens (**, XX, ××, “(fill in …)”) are left in the form.",
    }
    params_schema = schema()

    _SKIP = (
        "/form_type",
        "/title",
        "/attribute",
        "/year",
        "/filing_date/value",
        "/filing_date/precision",
        "/source",
        "/unrecognized",
    )

    def check(self, decl: Declaration, params: dict[str, Any], ctx: Context) -> Iterable[Hit]:
        seen: set[tuple[str, str]] = set()
        for pointer, text in ctx.analysis_for(decl).texts:  # walked once per declaration
            token = template_remnant(text)  # memoized: the cheap test first
            if not token:
                continue
            if pointer.startswith(self._SKIP) or pointer.endswith(
                ("/key", "/unit", "/label", "/section", "/precision")
            ):
                continue
            # one finding per cell text and row: a name copied into both
            # 三级指标 and 指标内容 is one defect, reported on 指标内容
            if pointer.startswith("/indicators/") and pointer.endswith("/level3"):
                ind = decl.indicators[int(pointer.split("/")[2])]
                if norm(ind.content) == norm(text):
                    continue
            if _MASKED_NUMBER.search(text):
                continue  # "139****8136": a phone or ID number the publishing site masked
            row = pointer.rsplit("/", 1)[0] if pointer.startswith("/indicators/") else pointer
            if (row, norm(text)) in seen:
                continue
            seen.add((row, norm(text)))
            value = _filled_value(decl, pointer)
            if value is not None:
                # "社区读者满意度(≥**%)" over the value "≥90%": the target is set, only the hint
                # of the template is left in the name
                yield Hit(
                    pointer,
                    {"token": token, "text": display(text), "value": display(value)},
                    variant="name_hint",
                    severity=Severity.WARNING,
                )
                continue
            yield Hit(pointer, {"token": token, "text": display(text)}, suggest=True)
        yield from _instructions(decl, seen)


#: an instruction to whoever fills the template in (…表头行请不要修改, 请勿删除此行): never the
#: filer's own words
_DO_NOT = re.compile(r"请(?:不要|勿)(?:修改|删除|改动|更改|合并|拆分|调整|插入)")
#: how a template's guidance for a cell opens (明确当年申请预算资金的主要投向…, 简要说明…)
_GUIDANCE = re.compile(r"^(?:明确|简要说明|说明|简述|列明|写明|阐明|阐述|概述)")


def _ellipsis(text: str) -> bool:
    """A cell that is only an ellipsis (……, ...): the template's stand-in for the answers to come."""
    return bool(text) and set(text) <= set("….。") and ("…" in text or len(text) >= 3)


def _instructions(decl: Declaration, seen: set[tuple[str, str]]) -> Iterator[Hit]:
    """Instructions of the template left in the text perflint could not place (a budget system's
    note on its header rows; a cell's guidance shown beside the template's …… stand-in): the
    instructions are never the filer's answers, so no field is needed to judge them."""
    cells = [(i, t.strip()) for i, t in enumerate(decl.unrecognized) if t and t.strip()]
    for k, (i, text) in enumerate(cells):
        flat = norm(text)
        near = [cells[j][1] for j in (k - 1, k + 1) if 0 <= j < len(cells)]
        m = _DO_NOT.search(flat)
        guidance = (
            m is None and _GUIDANCE.match(flat) and len(flat) <= 60 and any(_ellipsis(norm(other)) for other in near)
        )
        if m is None and not guidance:
            continue
        pointer = f"/unrecognized/{i}"
        if (pointer, flat) in seen:
            continue
        seen.add((pointer, flat))
        yield Hit(pointer, {"text": display(text)}, variant="instruction", severity=Severity.WARNING)


def _filled_value(decl: Declaration, pointer: str) -> str | None:
    """The value of the indicator whose name ``pointer`` is, when it is filled in (no template token)."""
    parts = pointer.split("/")
    if len(parts) != 4 or parts[1] != "indicators" or parts[3] not in ("content", "level3"):
        return None
    value = decl.indicators[int(parts[2])].value
    if not value or not value.strip() or template_remnant(value) or not re.search(r"\d", value):
        return None
    return value


@kind
class ExternalReference(Kind):
    name = "external-reference"
    description = {
        "zh": "必填栏目只写“见附件”“同上”等，表本身无法审核。",
        "en": "A required field only refers elsewhere (“see attachment”, “same as above”).",
    }
    params_schema = schema(
        fields={"type": "array", "items": {"enum": NARRATIVE_FIELDS}}, max_length={"type": "integer", "minimum": 4}
    )

    def check(self, decl: Declaration, params: dict[str, Any], ctx: Context) -> Iterable[Hit]:
        limit = params.get("max_length", 30)
        for pointer, text, zh, en in narrative_cells(decl, params.get("fields", NARRATIVE_FIELDS)):
            if external_reference(text, limit):
                yield Hit(pointer, {"field": zh, "field_en": en, "text": display(text)})
        for row in ctx.analysis_for(decl).rows:
            i, ind = row.index, row.ind
            for _, pointer, text, _cell in indicator_cells_of(i, ind):
                if external_reference(text, limit):
                    cat = row.cat
                    yield Hit(
                        pointer,
                        {"field": cat.label or "指标", "field_en": cat.label or "indicator", "text": display(text)},
                    )
                    break


_REASON_MIN = 4
#: words that say an indicator does not apply: a cell saying so, longer than the word, is a reason
_REASON_TERMS = ("不适用", "不涉及", "不产生", "不存在", "无此")


def _states_reason(ind: Indicator, terms: tuple[str, ...], min_length: int) -> bool:
    """A cell of the row other than the remarks says why the indicator does not apply
    (“本项目不适用此指标” in the name cell of a template without a 备注 column)."""
    for cell in (ind.content, ind.level3, *ind.extra.values()):
        text = norm(cell)
        if len(text) >= min_length and any(term in text and text != term for term in terms):
            return True
    return False


@kind
class NaWithoutJustification(Kind):
    name = "na-without-justification"
    description = {
        "zh": "可选类别（经济效益、生态效益、可持续影响等）填“/”时，备注应说明不适用的理由。",
        "en": "An optional category marked “/” should give the reason in the remarks column.",
    }
    params_schema = schema(
        "placeholders",
        "optional_categories",
        min_reason_length={"type": "integer", "minimum": 1},
        reason_terms={"type": "array", "items": {"type": "string"}},
    )

    def check(self, decl: Declaration, params: dict[str, Any], ctx: Context) -> Iterable[Hit]:
        tokens = settings(params, ctx)["placeholders"]
        optional = list(ctx.setting(params, "optional_categories") or ())
        min_reason = params.get("min_reason_length", _REASON_MIN)
        terms = tuple(params.get("reason_terms", _REASON_TERMS))
        for row in ctx.analysis_for(decl).rows:
            ind, cat = row.ind, row.cat
            if not _optional(cat.level2 or cat.level1 or "", optional):
                continue
            target = ind.value if ind.value is not None else row.name
            blank_row = is_blank(target) and is_blank(row.name)
            if not is_placeholder(target, tokens) and not blank_row:
                continue
            note = ind.note
            if note is not None and not is_placeholder(note, tokens) and len(norm(note)) >= min_reason:
                continue
            if _states_reason(ind, terms, min_reason):
                continue  # the reason is given in another cell of the row (the template may have no 备注)
            # Point at the "/" itself: the blank remark has no text to underline.
            pointer = row.target_pointer
            yield Hit(
                pointer,
                {"category": cat.label, "text": display(target)},
                suggest=True,
                variant="blank" if blank_row else None,
            )
