"""Dates as they are written in declarations.

Accepted: ``2019``, ``2019.1``, ``2019.12``, ``2019.1.5``, ``2019-01-05``,
``2019/1/5``, ``20190105``, ``201901``, ``2019年``, ``2019年1月``,
``2019年1月5日``, ``2019 年 1 月 5 日``, ``二〇一九年一月`` and the same with
full-width digits.  The result keeps the text as written.
"""

from __future__ import annotations

import calendar
import re
import unicodedata
from dataclasses import dataclass
from typing import Any


@dataclass(slots=True)
class DateValue:
    """A date as written plus what it parsed to.

    ``value`` is an ISO date cut to the precision found (``2019``,
    ``2019-01``, ``2019-01-05``); ``precision`` is ``year``, ``month`` or
    ``day``; both are ``None`` when the text is blank or does not parse.
    """

    text: str
    value: str | None = None
    precision: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "value": self.value, "precision": self.precision}

    @classmethod
    def from_dict(cls, data: dict[str, Any] | str) -> DateValue:
        if isinstance(data, str):
            return parse_date(data)
        return cls(data.get("text", ""), data.get("value"), data.get("precision"))


_CN_DIGITS = {
    "〇": 0,
    "零": 0,
    "○": 0,
    "Ｏ": 0,
    "一": 1,
    "二": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}


def _cn_number(text: str) -> int | None:
    """Chinese numerals as used in dates: 二〇一九, 十二, 二十五, 三十一."""
    if not text:
        return None
    if all(ch in _CN_DIGITS for ch in text):
        return int("".join(str(_CN_DIGITS[ch]) for ch in text))
    if "十" in text:
        tens, _, units = text.partition("十")
        t = _CN_DIGITS.get(tens) if tens else 1
        u = _CN_DIGITS.get(units) if units else 0
        if t is None or u is None:
            return None
        return t * 10 + u
    return None


_CN_DATE = re.compile(
    r"^(?P<y>[〇零○一二三四五六七八九]{4})年"
    r"(?:(?P<m>[一二三四五六七八九十]{1,2})月"
    r"(?:(?P<d>[一二三四五六七八九十]{1,3})日)?)?$"
)
_NUM_DATE = re.compile(
    r"^(?P<y>(?:19|20)\d{2})"
    r"(?:(?:[.\-/年]|\.\s*)(?P<m>\d{1,2})(?:月)?"
    r"(?:[.\-/]?(?P<d>\d{1,2})(?:日|号)?)?)?"
    r"(?:年)?$"
)
_COMPACT = re.compile(r"^(?P<y>(?:19|20)\d{2})(?P<m>0[1-9]|1[0-2])(?P<d>0[1-9]|[12]\d|3[01])?$")


def normalise_date_text(text: str) -> str:
    t = unicodedata.normalize("NFKC", text)
    t = re.sub(r"\s+", "", t)
    return t.rstrip("。.,，;；")


def parse_date(text: str) -> DateValue:
    """Parse ``text``; ``value``/``precision`` are ``None`` when it does not parse
    or names an impossible month or day."""
    raw = text
    t = normalise_date_text(text)
    if not t:
        return DateValue(raw)
    year = month = day = None
    match = _COMPACT.match(t) or _NUM_DATE.match(t)
    if match:
        year = int(match["y"])
        month = int(match["m"]) if match["m"] else None
        day = int(match["d"]) if match["d"] else None
    else:
        cn = _CN_DATE.match(t)
        if not cn:
            return DateValue(raw)
        year = _cn_number(cn["y"])
        month = _cn_number(cn["m"]) if cn["m"] else None
        day = _cn_number(cn["d"]) if cn["d"] else None
        if year is None:
            return DateValue(raw)
    if month is not None and not 1 <= month <= 12:
        return DateValue(raw)
    if day is not None:
        if month is None or not 1 <= day <= calendar.monthrange(year, month)[1]:
            return DateValue(raw)
        return DateValue(raw, f"{year:04d}-{month:02d}-{day:02d}", "day")
    if month is not None:
        return DateValue(raw, f"{year:04d}-{month:02d}", "month")
    return DateValue(raw, f"{year:04d}", "year")


def bounds(value: DateValue) -> tuple[str, str] | None:
    """The first and last day covered by a parsed date, as ISO strings."""
    if value.value is None or value.precision is None:
        return None
    year = int(value.value[:4])
    if value.precision == "year":
        return f"{year:04d}-01-01", f"{year:04d}-12-31"
    month = int(value.value[5:7])
    if value.precision == "month":
        last = calendar.monthrange(year, month)[1]
        return f"{year:04d}-{month:02d}-01", f"{year:04d}-{month:02d}-{last:02d}"
    return value.value, value.value


_BLANK_DATE = re.compile(r"^\s*(?:\d{0,4}|[〇一二三四五六七八九]{0,4})\s*年\s*月\s*日\s*$")


def is_unfilled_template(text: str) -> bool:
    """True for a date template left blank, such as ``年　月　日``."""
    return bool(_BLANK_DATE.match(unicodedata.normalize("NFKC", text)))
