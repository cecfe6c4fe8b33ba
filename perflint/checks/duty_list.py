"""A project's goal or description written as the unit's list of duties.

The 三定 wording of a unit's functions (负责拟订…; 综合管理…; 贯彻执行…; 承担…) states what the
unit is responsible for every year, not what this money does this year.  Copied into a goal or
into the project's overview it leaves the form with no task, quantity or result that could be
checked (财预〔2015〕88号: a goal states the expected outputs and effects of the money).  A
goal that opens with a duty and has no figure at all is REL003's; this kind reports a text made
of duties: three clauses or more that open with a verb of the functions wording.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from perflint.checks.analysis.values import form_key
from perflint.checks.analysis.written import field_label, snippet
from perflint.checks.base import Context, Hit, Kind, kind
from perflint.domain.model import Declaration

#: where a clause starts: the text's start, after a full stop, semicolon or comma, or after the
#: number of a list item (1、 2. (3) ③)
_CLAUSE_START = r"(?:^|[;；。，,\n]|\d\s*[、.．)）]|[(（]\d+[)）]|[①-⑳])\s*"
_DIGIT = re.compile(r"\d")
#: the political duty REL003 reports when a goal without figures opens with it
_POLITICAL = re.compile(r"贯彻")


def duty_clauses(text: str, verbs: list[str]) -> list[tuple[int, str]]:
    """(position, verb) of every clause of ``text`` that opens with one of ``verbs``."""
    if not verbs:
        return []
    rx = re.compile(_CLAUSE_START + "(" + "|".join(re.escape(v) for v in verbs) + ")")
    return [(m.start(1), m.group(1)) for m in rx.finditer(text)]


def _fields(decl: Declaration, keys: set[str], goals: bool) -> Iterator[tuple[str, str]]:
    if goals:
        for key in sorted(decl.goals):
            if decl.goals[key]:
                yield f"/goals/{key}", decl.goals[key]
    for i, extra in enumerate(decl.fields):
        if extra.text and extra.key in keys:
            yield f"/fields/{i}/text", extra.text


@kind
class DutyList(Kind):
    name = "duty-list"
    description = {
        "zh": "绩效目标或项目概况写成了单位的职责清单（负责…；承担…；综合管理…），三处以上。",
        "en": "A goal or the project overview written as the unit's list of duties (负责…; 承担…; 综合管理…), "
        "three clauses or more.",
    }
    params_schema = {
        "type": "object",
        "properties": {
            "verbs": {"type": "array", "items": {"type": "string", "minLength": 1}},
            "min_clauses": {"type": "integer", "minimum": 2},
            "fields": {"type": "array", "items": {"type": "string"}},
            "form_types": {"type": "array", "items": {"enum": ["project", "department"]}},
        },
        "additionalProperties": False,
    }

    def check(self, decl: Declaration, params: dict[str, Any], ctx: Context) -> Iterator[Hit]:
        verbs = list(params.get("verbs", []))
        least = int(params.get("min_clauses", 3))
        # the overview of a whole-department form describes the department: its duties belong there
        project = form_key(decl) in params.get("form_types", ["project"])
        for pointer, text in _fields(decl, set(params.get("fields", [])) if project else set(), goals=True):
            found = duty_clauses(text, verbs)
            if len(found) < least:
                continue
            first = found[0][0]
            if pointer.startswith("/goals/") and not _DIGIT.search(text) and _POLITICAL.match(text, first):
                continue  # a goal that opens with 贯彻… and has no figure: REL003 says it
            yield Hit(
                pointer,
                {
                    "field": field_label(decl, pointer),
                    "count": len(found),
                    "verbs": "、".join(dict.fromkeys(v for _, v in found)),
                    "text": snippet(text, first, min(len(text), first + 24), 0),
                },
            )
