"""Spreadsheet values as the cell shows them: Excel number formats applied.

A sheet stores 556 and shows "556.00" (``0.00``), 0.9 and shows "90%"
(``0%``), 43466 and shows "2019年1月1日" (``yyyy"年"m"月"d"日"``).  A
reviewer reads what is shown, so the readers of .xlsx and .xls apply the
cell's format: :func:`display` covers what forms use — General, fixed
decimals, thousands separators, percentages, currency and unit literals,
sections for negative numbers and zero, dates and times (including the
Chinese built-in formats 27–36 and 50–58) — and falls back to General for
the rest (fractions, scientific notation, conditions).
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

#: built-in formats of a zh-CN Excel that are not in the file (ECMA-376 18.8.30)
ZH_BUILTIN = {
    27: 'yyyy"年"m"月"',
    28: 'm"月"d"日"',
    29: 'm"月"d"日"',
    30: "m-d-yy",
    31: 'yyyy"年"m"月"d"日"',
    32: 'h"时"mm"分"',
    33: 'h"时"mm"分"ss"秒"',
    34: '上午/下午h"时"mm"分"',
    35: '上午/下午h"时"mm"分"ss"秒"',
    36: 'yyyy"年"m"月"',
    50: 'yyyy"年"m"月"',
    51: 'm"月"d"日"',
    52: 'yyyy"年"m"月"',
    53: 'm"月"d"日"',
    54: 'm"月"d"日"',
    55: '上午/下午h"时"mm"分"',
    56: '上午/下午h"时"mm"分"ss"秒"',
    57: 'yyyy"年"m"月"',
    58: 'm"月"d"日"',
}

_EPOCH_1900 = dt.datetime(1899, 12, 30)
_EPOCH_1904 = dt.datetime(1904, 1, 1)


def serial_to_datetime(value: float, date1904: bool = False) -> dt.datetime | None:
    """A spreadsheet date serial as a datetime (None when out of range)."""
    try:
        return (_EPOCH_1904 if date1904 else _EPOCH_1900) + dt.timedelta(days=float(value))
    except (OverflowError, ValueError):
        return None


def _sections(fmt: str) -> list[str]:
    """The ``;``-separated sections of a format, quotes and escapes respected."""
    out, cur, i, n = [], [], 0, len(fmt)
    while i < n:
        ch = fmt[i]
        if ch == '"':
            j = fmt.find('"', i + 1)
            j = n - 1 if j < 0 else j
            cur.append(fmt[i : j + 1])
            i = j + 1
            continue
        if ch == "\\" and i + 1 < n:
            cur.append(fmt[i : i + 2])
            i += 2
            continue
        if ch == ";":
            out.append("".join(cur))
            cur = []
        else:
            cur.append(ch)
        i += 1
    out.append("".join(cur))
    return out


_BRACKET = re.compile(r"\[[^\]]*\]")
_DATE_CODES = re.compile(r"(?<!\\)[ymdhsYMDHS]|上午/下午|AM/PM|A/P", re.IGNORECASE)


def _strip_quoted(section: str) -> str:
    return re.sub(r'"[^"]*"|\\.', "", section)


def is_date_format(fmt: str) -> bool:
    section = _BRACKET.sub("", _sections(fmt)[0])
    return bool(_DATE_CODES.search(_strip_quoted(section))) and "General" not in section


def general(value: float | int) -> str:
    """Excel's General format, near enough: integers whole, others to 10 significant digits."""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int) or float(value).is_integer() and abs(value) < 1e15:
        return str(int(value))
    text = f"{value:.10g}"
    if "e" in text:
        mantissa, exp = text.split("e")
        return f"{mantissa}E{'+' if int(exp) >= 0 else '-'}{abs(int(exp)):02d}"
    return text


def display(value: object, fmt: str | None, date1904: bool = False) -> str:
    """``value`` as a cell formatted with ``fmt`` shows it."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    fmt = fmt or "General"
    if isinstance(value, (dt.datetime, dt.date, dt.time)):
        if not is_date_format(fmt):
            fmt = "yyyy-mm-dd" if not isinstance(value, dt.time) else "h:mm:ss"
        return _date(value, fmt)
    if isinstance(value, dt.timedelta):
        return str(value)
    if not isinstance(value, (int, float)):
        return str(value)
    if is_date_format(fmt):
        moment = serial_to_datetime(value, date1904)
        return general(value) if moment is None else _date(moment, fmt)
    try:
        return _number(value, fmt)
    except (InvalidOperation, ValueError, OverflowError):
        return general(value)


def _pick(sections: list[str], value: float) -> tuple[str, bool]:
    """The section for ``value`` and whether the minus sign is the format's business."""
    if value < 0 and len(sections) >= 2 and sections[1].strip():
        return sections[1], True
    if value == 0 and len(sections) >= 3 and sections[2].strip():
        return sections[2], True
    return sections[0], False


_PLACEHOLDER = re.compile(r"[0#?]")


def _number(value: float | int, fmt: str) -> str:
    section, signed = _pick(_sections(fmt), value)
    section = _BRACKET.sub(lambda m: _currency(m.group(0)), section)
    if "General" in section or "general" in section:
        body = general(abs(value) if signed else value)
        return _literal(section.replace("General", "\0").replace("general", "\0")).replace("\0", body)
    plain = _strip_quoted(section)
    if not _PLACEHOLDER.search(plain) or "/" in plain or "E+" in plain.upper() or "E-" in plain.upper():
        if not _PLACEHOLDER.search(plain) and section.strip():
            return _literal(section)  # a format of text only ("-" for zero)
        return general(value)
    # the number pattern: from the first to the last placeholder
    tokens = _tokens(section)
    first = next(i for i, t in enumerate(tokens) if t[0] == "num")
    last = max(i for i, t in enumerate(tokens) if t[0] == "num")
    pattern = "".join(t[1] for t in tokens[first : last + 1] if t[0] == "num")
    scale = 0
    k = last + 1
    while k < len(tokens) and tokens[k] == ("num_comma", ","):
        scale += 1
        k += 1
    percent = sum(t[1].count("%") for t in tokens if t[0] == "lit" and not t[2])
    number = Decimal(repr(float(value))) if isinstance(value, float) else Decimal(value)
    number = number * (Decimal(100) ** percent) / (Decimal(1000) ** scale)
    if signed:
        number = abs(number)
    int_pat, _, dec_pat = pattern.partition(".")
    grouping = "," in int_pat
    int_pat = int_pat.replace(",", "")
    decimals = len(dec_pat)
    rounded = number.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    negative = rounded < 0
    digits = f"{abs(rounded):f}"
    whole, _, frac = digits.partition(".")
    min_int = int_pat.count("0")
    whole = whole.lstrip("0")
    if len(whole) < min_int:
        whole = "0" * (min_int - len(whole)) + whole
    if grouping and whole:
        whole = f"{int(whole):,}"
    if dec_pat:
        # optional decimals (#) drop their trailing zeros
        required = dec_pat.count("0")
        frac = frac[:decimals]
        while len(frac) > required and frac.endswith("0"):
            frac = frac[:-1]
        shown = whole + ("." + frac if frac or "." in pattern and required else "")
    else:
        shown = whole
    if not shown:
        shown = "0" if min_int else ""
    before = "".join(_lit(t) for t in tokens[:first])
    after = "".join(_lit(t) for t in tokens[k:])
    return ("-" if negative and not signed else "") + before + shown + after


def _currency(bracket: str) -> str:
    """``[$¥-804]`` → ``"¥"``; colours and conditions vanish."""
    if bracket.startswith("[$"):
        symbol = bracket[2:-1].split("-")[0]
        return '"' + symbol + '"' if symbol else ""
    return ""


def _tokens(section: str) -> list[tuple[str, str, bool]]:
    """(kind, text, quoted) pieces: ``num`` placeholders, ``num_comma`` scaling commas, ``lit`` text."""
    out: list[tuple[str, str, bool]] = []
    i, n = 0, len(section)
    while i < n:
        ch = section[i]
        if ch == '"':
            j = section.find('"', i + 1)
            j = n if j < 0 else j
            out.append(("lit", section[i + 1 : j], True))
            i = j + 1
        elif ch == "\\" and i + 1 < n:
            out.append(("lit", section[i + 1], True))
            i += 2
        elif ch in "_":
            out.append(("lit", " ", True))  # _x: the width of x
            i += 2
        elif ch == "*":
            i += 2  # *x: fill with x
        elif ch in "0#?" or ch in ".," and _near_placeholder(section, i):
            out.append(("num", ch, False))
            i += 1
        elif ch == ",":
            out.append(("num_comma", ",", False))
            i += 1
        elif ch == "@":
            i += 1
        else:
            out.append(("lit", ch, False))
            i += 1
    return out


def _near_placeholder(section: str, i: int) -> bool:
    return i + 1 < len(section) and section[i + 1] in "0#?"


def _lit(token: tuple[str, str, bool]) -> str:
    return token[1] if token[0] == "lit" else ""


def _literal(section: str) -> str:
    return "".join(_lit(t) for t in _tokens(section))


_DATE_TOKEN = re.compile(
    r'"[^"]*"|\\.|上午/下午|AM/PM|A/P|yyyy|yy|mmmmm|mmmm|mmm|mm|m|dddd|ddd|dd|d|hh|h|ss|s|\[h+\]|\.0+|.',
    re.IGNORECASE,
)
_WEEKDAYS = "一二三四五六日"


def _date(value: dt.datetime | dt.date | dt.time, fmt: str) -> str:
    section = _BRACKET.sub(lambda m: m.group(0) if m.group(0).lower().startswith("[h") else "", _sections(fmt)[0])
    if isinstance(value, dt.time):
        value = dt.datetime.combine(dt.date(1899, 12, 30), value)
    elif not isinstance(value, dt.datetime):
        value = dt.datetime.combine(value, dt.time())
    tokens = _DATE_TOKEN.findall(section)
    twelve = any(t.upper() in ("AM/PM", "A/P") or t == "上午/下午" for t in tokens)
    out = []
    for i, tok in enumerate(tokens):
        low = tok.lower()
        if tok.startswith('"'):
            out.append(tok[1:-1])
        elif tok.startswith("\\"):
            out.append(tok[1:])
        elif low == "yyyy":
            out.append(f"{value.year:04d}")
        elif low == "yy":
            out.append(f"{value.year % 100:02d}")
        elif low in ("m", "mm") and _is_minute(tokens, i):
            out.append(f"{value.minute:02d}" if low == "mm" else str(value.minute))
        elif low == "mm":
            out.append(f"{value.month:02d}")
        elif low == "m":
            out.append(str(value.month))
        elif low in ("mmm", "mmmm", "mmmmm"):
            out.append(f"{value.month}月")
        elif low == "dd":
            out.append(f"{value.day:02d}")
        elif low == "d":
            out.append(str(value.day))
        elif low in ("ddd", "dddd"):
            out.append("星期" + _WEEKDAYS[value.weekday()])
        elif low in ("h", "hh"):
            hour = value.hour % 12 or 12 if twelve else value.hour
            out.append(f"{hour:02d}" if low == "hh" else str(hour))
        elif low.startswith("[h"):
            out.append(str(value.hour))
        elif low in ("s", "ss"):
            out.append(f"{value.second:02d}" if low == "ss" else str(value.second))
        elif tok == "上午/下午":
            out.append("上午" if value.hour < 12 else "下午")
        elif low == "am/pm":
            out.append("AM" if value.hour < 12 else "PM")
        elif low == "a/p":
            out.append("A" if value.hour < 12 else "P")
        elif tok.startswith(".0"):
            out.append("." + f"{value.microsecond:06d}"[: len(tok) - 1])
        elif tok in "_*":
            continue
        else:
            out.append(tok)
    return "".join(out)


def _is_minute(tokens: list[str], i: int) -> bool:
    """``m`` after an hour or before a second means minutes."""
    for j in range(i - 1, -1, -1):
        low = tokens[j].lower()
        if low in ("h", "hh") or low.startswith("[h"):
            return True
        if low.strip() and low[0].isalpha() and low not in ("am/pm", "a/p"):
            break
    for j in range(i + 1, len(tokens)):
        low = tokens[j].lower()
        if low in ("s", "ss"):
            return True
        if low.strip() and low[0].isalpha():
            break
    return False
