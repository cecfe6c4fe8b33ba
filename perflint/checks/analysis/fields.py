"""Fields of a declaration named by a short address, for rules written in TOML only.

An address names where a rule looks:

``name``, ``department``, ``filing_unit``, ``implementing_unit``, ``functions``,
``basis``, ``safeguards``, ``preparer``, ``phone``, ``title``, ``year_text``,
``attribute_text``
    A field of the model.
``goals.annual``, ``goals.long_term``, ``goals.overall``, ``goals.*``
    A goal (``*``: every goal the form has).
``money.total``, ``money.<key>``
    An amount: the total or a breakdown line by its key (``source.fiscal``,
    ``income.public``, ``expenditure.basic`` …, see ``perflint/data/labels.toml``).
``indicators.content``, ``indicators.value``, ``indicators.note``
    That cell of every indicator row (optionally only rows of some categories).
``schedule.content``
    The content of every schedule row.
``extra.<key>``
    A recognised field the model has no slot for, by its key in the label
    vocabulary (``extra.leader`` for 项目负责人 and its synonyms,
    ``extra.period``, ``extra.region`` …).
``label:<text>``
    A field whose label, as written on the form, is ``<text>`` (compared as
    labels are: NFKC, no spaces, decorations and bracketed notes ignored),
    such as ``label:项目负责人`` or ``label:绩效目标设定依据``.

:func:`resolve` gives every field an address reaches as a :class:`Field`:
its JSON pointer, its text, and its display name in both languages.  An
address that reaches nothing (the form has no such field) gives ``[]``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from perflint.checks.analysis.values import category, indicator_name, norm
from perflint.domain.model import GOAL_KEYS, Declaration
from perflint.domain.vocab import label_key
from perflint.i18n import pointer_label

SCALARS = (
    "name",
    "department",
    "filing_unit",
    "implementing_unit",
    "functions",
    "basis",
    "safeguards",
    "preparer",
    "phone",
    "title",
    "year_text",
    "attribute_text",
)
INDICATOR_CELLS = ("content", "value", "note")
#: what an address may look like (checked when a rule pack loads)
ADDRESS_PATTERN = (
    r"^(?:(?:name|department|filing_unit|implementing_unit|functions|basis|safeguards|preparer|phone|title"
    r"|year_text|attribute_text)|goals\.(?:annual|long_term|overall|\*)|money\.[a-z_.]+"
    r"|indicators\.(?:content|value|note)|schedule\.content|extra\.[a-z_]+|label:.+)$"
)
_ADDRESS = re.compile(ADDRESS_PATTERN)


@dataclass(frozen=True, slots=True)
class Field:
    """One field an address reached."""

    pointer: str
    text: str
    zh: str
    en: str


def is_address(text: str) -> bool:
    return _ADDRESS.match(text) is not None


def _named(decl: Declaration, pointer: str, text: str) -> Field:
    label = decl.source.labels.get(pointer)
    zh = label.text.strip() if label is not None and label.text.strip() else pointer_label(pointer, "zh")
    return Field(pointer, text, zh, pointer_label(pointer, "en"))


def resolve(decl: Declaration, address: str, categories: tuple[str, ...] = ()) -> list[Field]:
    """The fields ``address`` reaches in ``decl`` (``categories``: only indicator rows whose
    一级 or 二级 category is one of these, e.g. ``("满意度指标",)``)."""
    if address in SCALARS:
        value = getattr(decl, address)
        return [] if value is None else [_named(decl, f"/{address}", str(value))]
    head, _, rest = address.partition(".")
    if head == "goals":
        keys = [k for k in GOAL_KEYS if k in decl.goals] if rest == "*" else [rest] if rest in decl.goals else []
        return [_named(decl, f"/goals/{k}", decl.goals[k]) for k in keys]
    if head == "money":
        line = decl.money.get(rest)
        if line is None:
            return []
        pointer = "/money/total" if rest == "total" else f"/money/lines/{decl.money.lines.index(line)}"
        field = _named(decl, pointer, line.text)
        return [Field(field.pointer, field.text, line.label or field.zh, line.label or field.en)]
    if head == "indicators" and rest in INDICATOR_CELLS:
        out = []
        wanted = {norm(c) for c in categories}
        for i, ind in enumerate(decl.indicators):
            if wanted:
                cat = category(ind)
                if not ({norm(cat.level1 or ""), norm(cat.level2 or "")} & wanted):
                    continue
            value = getattr(ind, rest)
            if value is None:
                continue
            name = indicator_name(ind)
            zh = f"「{name}」{pointer_label(f'/indicators/{i}/{rest}', 'zh').split(' · ')[-1]}"
            en = f"“{name}” {pointer_label(f'/indicators/{i}/{rest}', 'en').split(' · ')[-1]}"
            out.append(Field(f"/indicators/{i}/{rest}", value, zh, en))
        return out
    if head == "schedule" and rest == "content":
        return [_named(decl, f"/schedule/{i}/content", row.content) for i, row in enumerate(decl.schedule)]
    if head == "extra":
        return [
            Field(f"/fields/{i}/text", f.text, f.label, f.label) for i, f in enumerate(decl.fields) if f.key == rest
        ]
    if address.startswith("label:"):
        want = label_key(address[len("label:") :])
        out = []
        for i, extra in enumerate(decl.fields):
            if label_key(extra.label) == want:
                out.append(Field(f"/fields/{i}/text", extra.text, extra.label, extra.label))
        for pointer, label in sorted(decl.source.labels.items()):
            if label_key(label.text) == want and not pointer.startswith("/fields/"):
                value = _value_at(decl, pointer)
                if value is not None:
                    out.append(Field(pointer, value, label.text.strip(), label.text.strip()))
        return out
    return []


def _value_at(decl: Declaration, pointer: str) -> str | None:
    """The text at a pointer of a labelled value (a scalar, a goal or an amount)."""
    parts = pointer.strip("/").split("/")
    if len(parts) == 1 and parts[0] in SCALARS:
        value = getattr(decl, parts[0])
        return None if value is None else str(value)
    if len(parts) == 2 and parts[0] == "goals":
        return decl.goals.get(parts[1])
    if parts[:2] == ["money", "total"] and decl.money.total is not None:
        return decl.money.total.text
    if len(parts) == 3 and parts[:2] == ["money", "lines"] and parts[2].isdigit():
        index = int(parts[2])
        return decl.money.lines[index].text if index < len(decl.money.lines) else None
    return None
