"""The text a person wrote on a declaration: every value the applicant filled in (not labels,
keys or amounts), the label of a field for messages, and a short quote around a match.  Shared
by the check families that read prose (text hygiene, repeated words, dates cited in text)."""

from __future__ import annotations

from collections.abc import Iterator

from perflint.domain.model import Declaration
from perflint.i18n import has, t


def free_text(decl: Declaration) -> Iterator[tuple[str, str]]:
    """(pointer, text) of every value the applicant wrote (not labels, keys,
    parsed values or amounts)."""
    # 填报人 is left out: personal names reduplicate characters (丽丽, 婷婷).
    simple = ("filing_unit", "name", "department", "implementing_unit", "functions", "basis", "safeguards")
    for attr in simple:
        value = getattr(decl, attr)
        if value:
            yield f"/{attr}", value
    for key in sorted(decl.goals):
        if decl.goals[key]:
            yield f"/goals/{key}", decl.goals[key]
    for i, row in enumerate(decl.schedule):
        if row.content:
            yield f"/schedule/{i}/content", row.content
    for i, ind in enumerate(decl.indicators):
        for name in ("content", "value", "note"):
            value = getattr(ind, name)
            if value:
                yield f"/indicators/{i}/{name}", value
    for i, review in enumerate(decl.reviews):
        if review.opinion:
            yield f"/reviews/{i}/opinion", review.opinion
    for i, extra in enumerate(decl.fields):
        if extra.text and extra.key not in NOT_PROSE:
            yield f"/fields/{i}/text", extra.text


#: extra fields that hold names, codes, dates or numbers rather than prose (shared by the
#: checks that read the applicant's prose)
NOT_PROSE = frozenset({"leader", "dept_code", "period", "phone"})


def snippet(text: str, start: int, end: int, margin: int = 8) -> str:
    lo, hi = max(0, start - margin), min(len(text), end + margin)
    out = " ".join(text[lo:hi].split())
    return ("…" if lo > 0 else "") + out + ("…" if hi < len(text) else "")


def field_label(decl: Declaration, pointer: str) -> str:
    """The label of the field at ``pointer`` as written, for messages."""
    probe = pointer
    while probe:
        label = decl.source.labels.get(probe)
        if label is not None and label.text:
            return label.text.strip().rstrip(":：")
        if probe.startswith("/indicators/"):
            parts = probe.split("/")
            if len(parts) >= 3 and parts[2].isdigit() and int(parts[2]) < len(decl.indicators):
                ind = decl.indicators[int(parts[2])]
                return ind.level2 or ind.level1 or ""
        probe = probe.rsplit("/", 1)[0]
    # No label as written (JSON input): the field's name from the i18n table,
    # in Chinese like the labels of the forms it stands for.
    parts = [p for p in pointer.strip("/").split("/") if not p.isdigit()]
    while parts:
        key = "field." + ".".join(parts)
        if has(key):
            return t(key, "zh")
        parts.pop()
    return pointer.rsplit("/", 1)[-1]
