"""Helpers shared by the completeness, placeholder, indicator, value,
satisfaction and cost kinds (catalog part A).  Not a kind module: the
leading underscore keeps :func:`perflint.checks.register` from importing it
as one."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from perflint.checks.base import Context
from perflint.model import Declaration
from perflint.values import form_key

SEVERITY = {"type": "string", "enum": ["error", "warning", "info"]}
STRINGS = {"type": "array", "items": {"type": "string"}}
FORM_TYPES = {"type": "array", "items": {"type": "string", "enum": ["project", "department"]},
              "uniqueItems": True}

#: settings read by the value helpers in :mod:`perflint.values`
VALUE_SETTINGS = ("placeholders", "max_value_len", "qualitative_allowlist", "max_content_len",
                  "vague_terms", "vague_allow_if_numeric")

SHARED_PROPS: dict[str, Any] = {
    "placeholders": STRINGS,
    "max_value_len": {"type": "integer", "minimum": 1},
    "max_content_len": {"type": "integer", "minimum": 1},
    "qualitative_allowlist": STRINGS,
    "vague_terms": STRINGS,
    "vague_allow_if_numeric": {"type": "boolean"},
    "optional_categories": STRINGS,
}


def schema(*shared: str, **own: Any) -> dict[str, Any]:
    """A params schema: some shared settings (overridable per rule) plus own keys."""
    props = {name: SHARED_PROPS[name] for name in shared}
    props.update(own)
    return {"type": "object", "properties": props, "additionalProperties": False}


def settings(params: dict[str, Any], ctx: Context) -> dict[str, Any]:
    """The value-analysis settings with the rule's own overrides applied.

    Word lists are tuples: the memoized analyses of :mod:`perflint.values`
    take them as they are, without a copy per cell."""
    out = {name: ctx.setting(params, name) for name in VALUE_SETTINGS}
    out["placeholders"] = tuple(out["placeholders"] or ())
    out["qualitative_allowlist"] = tuple(out["qualitative_allowlist"] or ())
    out["vague_terms"] = tuple(out["vague_terms"] or ())
    out["max_value_len"] = int(out["max_value_len"] or 30)
    out["max_content_len"] = int(out["max_content_len"] or 60)
    if out["vague_allow_if_numeric"] is None:
        out["vague_allow_if_numeric"] = True
    return out


def applies(params: dict[str, Any], decl: Declaration, default: tuple[str, ...] = ("project", "department")) -> bool:
    return form_key(decl) in params.get("form_types", default)


def owned_by_category_check(decl: Declaration, index: int, placeholders: Sequence[str]) -> bool:
    """Whether the placeholder row ``index`` is reported by a category check
    rather than as a placeholder: its 二级 (数量/质量/时效) has no real row
    (``required-level2``), or its whole 一级 has none (``empty-category``,
    ``satisfaction-present``, ``cost-present``)."""
    from perflint.values import QUANTITY, QUALITY, TIMELINESS, category, is_real_row

    cat = category(decl.indicators[index])
    others = [(category(ind), ind) for j, ind in enumerate(decl.indicators) if j != index]
    if cat.level2 in (QUANTITY, QUALITY, TIMELINESS):
        if not any(c.level2 == cat.level2 and is_real_row(ind, placeholders) for c, ind in others):
            return True
    if cat.is_satisfaction:
        return not any(c.is_satisfaction and is_real_row(ind, placeholders) for c, ind in others)
    if cat.level1 is not None:
        return not any(c.level1 == cat.level1 and is_real_row(ind, placeholders) for c, ind in others)
    return False
