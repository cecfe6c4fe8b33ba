"""Generic kinds: rules a province or a bureau can write in TOML alone.

Each kind takes field addresses (see :mod:`perflint.checks.analysis.fields`:
``name``, ``goals.annual``, ``money.total``, ``indicators.value``,
``label:项目负责人`` …) and a few parameters:

``field-required``
    The fields must be there and filled.
``field-pattern``
    The text of the fields must (``expect = "match"``) or must not
    (``expect = "no-match"``) match a regular expression from the vetted
    subset (:mod:`perflint.safe_regex`), checked when the pack loads.
``word-list``
    Words that may not appear in the fields; with ``unless_number`` a word
    is let through when the text also states a figure (vague words).
``number-threshold``
    The first figure in the fields (optionally only figures with a given
    unit) must be at least ``min`` and/or at most ``max``.
``amounts-agree``
    An amount must equal the sum of others, within a tolerance in 万元.

Every hit carries ``field`` / ``field_en`` (the field's name as the form
writes it) and ``value`` (its text, shortened), so the rule's message can say
where and what.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from perflint.checks.analysis.fields import ADDRESS_PATTERN, Field, resolve
from perflint.checks.analysis.money import fmt, placeholders_of, read_amount
from perflint.checks.analysis.values import display, has_number, is_blank, is_placeholder, norm, quantities
from perflint.checks.base import FORM_TYPES, STRINGS, Context, Hit, Kind, applies, kind
from perflint.domain.model import Declaration
from perflint.safe_regex import UnsafeRegex, compile_safe

ADDRESSES = {"type": "array", "items": {"type": "string", "pattern": ADDRESS_PATTERN}, "minItems": 1}
_COMMON: dict[str, Any] = {
    "fields": ADDRESSES,
    "categories": {**STRINGS, "description": "only indicator rows of these 一级/二级 categories"},
    "form_types": FORM_TYPES,
}


def _schema(required: list[str], **own: Any) -> dict[str, Any]:
    return {
        "type": "object",
        "properties": {**_COMMON, **own},
        "required": required,
        "additionalProperties": False,
    }


def _fields(decl: Declaration, params: dict[str, Any]) -> Iterable[tuple[str, list[Field]]]:
    categories = tuple(params.get("categories", ()))
    for address in params["fields"]:
        yield address, resolve(decl, address, categories)


def _args(field: Field, **more: Any) -> dict[str, Any]:
    return {"field": field.zh, "field_en": field.en, "value": display(field.text), **more}


def _placeholders(ctx: Context) -> tuple[str, ...]:
    return tuple(ctx.settings.get("placeholders", ()))


@kind
class FieldRequired(Kind):
    name = "field-required"
    description = {
        "zh": "所列字段必须存在并已填写（按字段地址或表上的标签）。",
        "en": "The listed fields must be present and filled (by field address or by the label on the form).",
    }
    params_schema = _schema(
        ["fields"],
        absent_is_missing={
            "type": "boolean",
            "description": "also report a field the form has no place for (default true)",
        },
    )

    def check(self, decl: Declaration, params: dict[str, Any], ctx: Context) -> Iterable[Hit]:
        if not applies(params, decl):
            return
        placeholders = _placeholders(ctx)
        for address, found in _fields(decl, params):
            if not found:
                if params.get("absent_is_missing", True):
                    label = address.removeprefix("label:")
                    yield Hit("", {"field": label, "field_en": label, "value": ""}, variant="absent")
                continue
            filled = [f for f in found if not is_blank(f.text) and not is_placeholder(f.text, placeholders)]
            if not filled:
                yield Hit(found[0].pointer, _args(found[0]))


@kind
class FieldPattern(Kind):
    name = "field-pattern"
    description = {
        "zh": "字段文字必须（或不得）符合一个正则表达式。",
        "en": "The text of a field must (or must not) match a regular expression.",
    }
    params_schema = _schema(
        ["fields", "pattern"],
        pattern={"type": "string", "minLength": 1},
        expect={"enum": ["match", "no-match"], "description": "default: match"},
    )

    def param_problems(self, params: dict[str, Any]) -> list[tuple[str, dict[str, str]]]:
        try:
            compile_safe(params.get("pattern", ""))
        except UnsafeRegex as exc:
            return [("pattern", {"zh": exc.message("zh"), "en": exc.message("en")})]
        return []

    def check(self, decl: Declaration, params: dict[str, Any], ctx: Context) -> Iterable[Hit]:
        if not applies(params, decl):
            return
        pattern = compile_safe(params["pattern"])
        must_match = params.get("expect", "match") == "match"
        placeholders = _placeholders(ctx)
        for _address, found in _fields(decl, params):
            for field in found:
                if is_blank(field.text) or is_placeholder(field.text, placeholders):
                    continue  # blank and placeholder fields are other rules' findings
                match = pattern.search(field.text[:5000])
                if must_match and match is None:
                    yield Hit(field.pointer, _args(field))
                elif not must_match and match is not None:
                    yield Hit(field.pointer, _args(field, match=display(match.group(0))))


@kind
class WordList(Kind):
    name = "word-list"
    description = {
        "zh": "字段中不得出现所列词语；unless_number 为真时，同时写明数字的不报告（含糊词）。",
        "en": "The listed words may not appear in the fields; with unless_number, text that also states a figure passes (vague words).",
    }
    params_schema = _schema(
        ["fields", "words"],
        words={"type": "array", "items": {"type": "string", "minLength": 1}, "minItems": 1},
        unless_number={"type": "boolean", "description": "let a word through when a figure is stated too"},
    )

    def check(self, decl: Declaration, params: dict[str, Any], ctx: Context) -> Iterable[Hit]:
        if not applies(params, decl):
            return
        words = [(w, norm(w)) for w in params["words"]]
        unless_number = params.get("unless_number", False)
        for _address, found in _fields(decl, params):
            for field in found:
                text = norm(field.text)
                hits = [w for w, n in words if n and n in text]
                if not hits or (unless_number and has_number(field.text)):
                    continue
                yield Hit(field.pointer, _args(field, words=hits, word=hits[0]))


@kind
class NumberThreshold(Kind):
    name = "number-threshold"
    description = {
        "zh": "字段中的第一个数字（可限定单位）不得低于 min、不得高于 max。",
        "en": "The first figure in a field (optionally with a given unit) must be at least min and at most max.",
    }
    params_schema = _schema(
        ["fields"],
        min={"type": "number"},
        max={"type": "number"},
        unit={"type": "string", "description": "only figures with this unit, e.g. % or 万元"},
    )

    def check(self, decl: Declaration, params: dict[str, Any], ctx: Context) -> Iterable[Hit]:
        if not applies(params, decl):
            return
        low = None if params.get("min") is None else Decimal(str(params["min"]))
        high = None if params.get("max") is None else Decimal(str(params["max"]))
        unit = params.get("unit")
        for _address, found in _fields(decl, params):
            for field in found:
                figures = [q for q in quantities(field.text) if unit is None or q.unit == unit]
                if not figures:
                    continue
                number = figures[0].number
                if low is not None and number < low:
                    yield Hit(field.pointer, _args(field, number=fmt(number), limit=fmt(low)), variant="below")
                elif high is not None and number > high:
                    yield Hit(field.pointer, _args(field, number=fmt(number), limit=fmt(high)), variant="above")


@kind
class AmountsAgree(Kind):
    name = "amounts-agree"
    description = {
        "zh": "一个金额必须等于其他几个金额之和（单位万元，允许误差）。",
        "en": "An amount must equal the sum of others (in 万元, within a tolerance).",
    }
    params_schema = {
        "type": "object",
        "properties": {
            "total": {"type": "string", "pattern": r"^money\.[a-z_.]+$"},
            "parts": {"type": "array", "items": {"type": "string", "pattern": r"^money\.[a-z_.]+$"}, "minItems": 1},
            "tolerance_wan": {"type": "number", "minimum": 0},
            "form_types": FORM_TYPES,
        },
        "required": ["total", "parts"],
        "additionalProperties": False,
    }

    def check(self, decl: Declaration, params: dict[str, Any], ctx: Context) -> Iterable[Hit]:
        if not applies(params, decl):
            return
        placeholders = placeholders_of(params, ctx)
        total_key = params["total"].removeprefix("money.")
        total_line = decl.money.get(total_key)
        if total_line is None:
            return
        pointer = "/money/total" if total_key == "total" else f"/money/lines/{decl.money.lines.index(total_line)}"
        total = read_amount(total_line, pointer, placeholders)
        parts = []
        for address in params["parts"]:
            line = decl.money.get(address.removeprefix("money."))
            if line is not None:
                parts.append(read_amount(line, "", placeholders))
        if total.state != "value" or total.wan is None or not any(p.state == "value" for p in parts):
            return  # nothing to compare: blank or unreadable amounts are other rules' findings
        if any(p.state == "bad" for p in parts):
            return
        summed = sum((p.wan for p in parts if p.state == "value" and p.wan is not None), Decimal(0))
        tolerance = Decimal(str(params.get("tolerance_wan", ctx.settings.get("amount_tolerance_wan", 0.01))))
        if abs(total.wan - summed) > tolerance:
            labels = "、".join(p.label or p.name for p in parts if p.state == "value")
            yield Hit(
                pointer,
                {
                    "field": total.label or "资金总额",
                    "field_en": total.label or "total",
                    "value": fmt(total.wan),
                    "sum": fmt(summed),
                    "parts": labels,
                    "difference": fmt(total.wan - summed),
                },
            )
