"""Dates and periods of a declaration as the date rules see them."""

from __future__ import annotations

import calendar
import re
import unicodedata
from collections.abc import Iterator

from perflint.domain.dates import DateValue, bounds, normalise_date_text, parse_date
from perflint.domain.model import Declaration


def date_fields(decl: Declaration) -> Iterator[tuple[str, str, DateValue]]:
    """(pointer, role, value) of every applicant-side date: schedule and 填报日期."""
    for i, row in enumerate(decl.schedule):
        if row.start is not None:
            yield f"/schedule/{i}/start", "start", row.start
        if row.end is not None:
            yield f"/schedule/{i}/end", "end", row.end
    if decl.filing_date is not None:
        yield "/filing_date", "filing", decl.filing_date


_PIECE = re.compile(
    r"(?<!\d)(?:19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])?(?!\d)"  # 202001, 20200131
    r"|(?<!\d)(?P<y>(?:19|20)\d{2})(?!\d)"
    r"(?:(?P<s>[./\-])(?P<m>\d{1,2})(?!\d)(?:(?P=s)(?P<d>\d{1,2})(?!\d))?"
    r"|\s*年\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*[日号])?"
    r"|\s*年)?"
)


def periods(decl: Declaration) -> Iterator[tuple[str, str, str, DateValue | None, DateValue | None]]:
    """(pointer, label, text, start, end) of each 项目起止时间 / 项目期 field
    (``2022年3月-2022年11月``, ``2022.3—2022.11``, ``2022-03-01至2022-11-30``).
    A single date stands for both ends; start and end are ``None`` when no
    date can be read."""
    for i, extra in enumerate(decl.fields):
        if extra.key != "period" or not extra.text or not extra.text.strip():
            continue
        pieces = [parse_date(m.group(0)) for m in _PIECE.finditer(normalise_period(extra.text))]
        pieces = [p for p in pieces if p.value is not None]
        label = (extra.label or "").strip().rstrip(":：")
        if not pieces:
            yield f"/fields/{i}/text", label, extra.text.strip(), None, None
        else:
            yield f"/fields/{i}/text", label, extra.text.strip(), pieces[0], pieces[1] if len(pieces) > 1 else pieces[0]


def normalise_period(text: str) -> str:
    return unicodedata.normalize("NFKC", text)


def parsed(value: DateValue | None) -> DateValue | None:
    """The value parsed (re-parsing the text when the model did not, or when a
    hand-written JSON value is inconsistent such as ``2019-13``), or ``None``."""
    if value is None:
        return None
    if value.value is not None and value.precision is not None and _valid(value):
        return value
    if not value.text or not value.text.strip():
        return None
    again = parse_date(value.text)
    return again if again.value is not None and _valid(again) else None


def _valid(value: DateValue) -> bool:
    shape = {"year": 4, "month": 7, "day": 10}.get(value.precision or "")
    if shape is None or value.value is None or len(value.value) != shape:
        return False
    try:
        year = int(value.value[:4])
        if value.precision != "year":
            month = int(value.value[5:7])
            if not 1 <= month <= 12:
                return False
            if value.precision == "day":
                day = int(value.value[8:10])
                return 1 <= day <= calendar.monthrange(year, month)[1]
    except ValueError:
        return False
    return True


_PARTS = re.compile(
    r"^(?P<y>(?:19|20)\d{2})[.\-/年](?P<m>\d{1,2})(?:月)?(?:[.\-/](?P<d>\d{1,2})|(?P<d2>\d{1,2})日)?(?:日|号)?$"
)


def impossible_date(text: str) -> tuple[int, int, int | None] | None:
    """(year, month, day) when ``text`` has the shape of a date but names a
    month or day that does not exist (``2019.13``, ``2019-02-30``)."""
    t = normalise_date_text(text)
    m = _PARTS.match(t)
    if not m:
        return None
    year, month = int(m["y"]), int(m["m"])
    day_s = m["d"] or m["d2"]
    day = int(day_s) if day_s else None
    if not 1 <= month <= 12:
        return year, month, day
    if day is not None and not 1 <= day <= calendar.monthrange(year, month)[1]:
        return year, month, day
    return None


# -- dates inside values -----------------------------------------------------------

_DATE_PIECE = re.compile(
    r"(?:19|20)\d{2}(?:\s*年\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*[日号])?|[./\-]\d{1,2}(?:[./\-]\d{1,2})?(?!\d)|\s*年)"
)
_RANGE_FILLER = re.compile(r"^[\s\-—–~～至到起止:：,，()（）底末]*$")


def date_range(text: str | None) -> tuple[str, str] | None:
    """(first day, last day) of a value that is nothing but one or two dates
    (``2020年1月--2020年11月``, ``2020.1.1-2020.12.31``), as ISO dates."""
    t = unicodedata.normalize("NFKC", text or "").strip()
    pieces = list(_DATE_PIECE.finditer(t))
    if not 1 <= len(pieces) <= 2:
        return None
    if not _RANGE_FILLER.match(_DATE_PIECE.sub("", t)):
        return None
    spans = []
    for m in pieces:
        b = bounds(parse_date(m.group(0)))
        if b is None:
            return None
        spans.append(b)
    if spans[0][0] > spans[-1][1]:
        return None
    return spans[0][0], spans[-1][1]


_YEAR_END = re.compile(r"((?:19|20)\d{2})\s*年\s*(?:底|末|年底|年末)")
_MONTH_END = re.compile(r"((?:19|20)\d{2})\s*年\s*(\d{1,2})\s*月\s*(?:底|末|前|以前|之前)")


def deadline(text: str | None) -> tuple[str, str] | None:
    """(the date as written, the last day it allows) of a timeliness value that
    names one date: ``2023年底`` → 2023-12-31, ``2023年6月底前`` → 2023-06-30,
    ``2023年11月30日前`` → 2023-11-30.  ``None`` for ranges, several dates or none."""
    t = unicodedata.normalize("NFKC", text or "").strip()
    m = _YEAR_END.search(t)
    if m and len(_DATE_PIECE.findall(t)) <= 1:
        return m.group(0), f"{int(m.group(1)):04d}-12-31"
    m = _MONTH_END.search(t)
    if m and len(_DATE_PIECE.findall(t)) <= 1:
        month = int(m.group(2))
        if 1 <= month <= 12:
            year = int(m.group(1))
            return m.group(0), f"{year:04d}-{month:02d}-{calendar.monthrange(year, month)[1]:02d}"
    pieces = _DATE_PIECE.findall(t)
    if len(pieces) != 1:
        return None
    b = bounds(parse_date(pieces[0]))
    return (pieces[0], b[1]) if b is not None else None


def months_between(start: str, end: str) -> int:
    """Calendar months from the month of ISO date ``start`` to that of ``end``, both counted."""
    return (int(end[:4]) * 12 + int(end[5:7])) - (int(start[:4]) * 12 + int(start[5:7])) + 1
