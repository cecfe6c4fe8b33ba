"""Small text helpers shared by extraction and checks."""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal, InvalidOperation
from functools import lru_cache

#: padding: whitespace of every kind, U+3000 and zero-width space and BOM
PAD = " \t\u3000\u00a0\u2002\u2003\u2009\u200b\ufeff\n\r\f\v"


#: every padding character: PAD and all Unicode whitespace (none is above U+3000)
PAD_CHARS = "".join(sorted(set(PAD) | {chr(c) for c in range(0x3001) if chr(c).isspace()}))
PAD_SET = _PAD_SET = frozenset(PAD_CHARS)


def is_pad(ch: str) -> bool:
    return ch in _PAD_SET


TICKS = "√✓✔☑■▇●"
BOX = "□☐▢口"


def clean_value(raw: str) -> str:
    """A value as extracted: padding (spaces, tabs, U+3000 …) trimmed from each
    line, blank lines dropped, lines joined with a newline."""
    if "\n" not in raw:
        return raw.strip(PAD_CHARS)
    return "\n".join([piece for line in raw.split("\n") if (piece := line.strip(PAD_CHARS))])


#: str.translate table that deletes every padding character
_DELETE_PAD = dict.fromkeys(map(ord, PAD_CHARS))


def clean_label(raw: str) -> str:
    """A label as written, with all padding removed (labels wrap across lines)."""
    return raw.translate(_DELETE_PAD)


def nfkc(text: str) -> str:
    return unicodedata.normalize("NFKC", text)


_SPACE = re.compile(r"\s+")  # \s is exactly str.isspace() for str patterns


@lru_cache(maxsize=4096)
def compact(text: str) -> str:
    """NFKC with all whitespace removed: the form checks compare on (cached:
    checks compare the same labels and values again and again)."""
    return _SPACE.sub("", text if text.isascii() else unicodedata.normalize("NFKC", text))


_OPTION = re.compile(r"(新增|延续|新建|续建|一次性|经常性|阶段性)(?:专项|项目)?")


def parse_ticks(text: str) -> list[str]:
    """The options ticked in an attribute cell.

    Templates print ``WORD□`` (or ``□WORD``); the tick may sit on either side
    of the box (``延续专项√□``, ``延续专项□√``, ``☑新增``).  A tick belongs to
    the word before it when the template puts words first, else to the word
    after it.  A cell that names one option and has no boxes (``新建``)
    counts as that option ticked.
    """
    t = _folded(text)
    options = [(m.start(), m.end(), _canon(m.group(1))) for m in _OPTION.finditer(t)]
    if not options:
        return []
    marks = [i for i, ch in enumerate(t) if ch in TICKS]
    if not marks and not any(ch in BOX for ch in t):
        names = {o[2] for o in options}
        return sorted(names) if len(names) == 1 else []
    stripped = t.lstrip(" \u3000")
    box_first = bool(stripped) and (stripped[0] in BOX or stripped[0] in TICKS)
    ticked: set[str] = set()
    for p in marks:
        if box_first:
            owner = next((o for o in options if o[0] > p), None)
        else:
            owner = next((o for o in reversed(options) if o[1] <= p), None)
        if owner is not None:
            ticked.add(owner[2])
    return sorted(ticked)


#: what may stand around the options of a list: boxes, ticks, spacing, punctuation and
#: numbering (``1.一次性项目□  2.经常性项目■``)
_AROUND_OPTIONS = re.compile(rf"[\s,，、;；.．()（）\d{BOX}{TICKS}]*")


def options_only(text: str) -> bool:
    """Whether ``text`` holds nothing but options of an attribute list, at least one of them
    with a box or a tick (口, a common character, is no box here)."""
    t = _folded(text)
    if not any(ch in TICKS or (ch in BOX and ch != "口") for ch in t):
        return False
    rest = _OPTION.sub("", t)
    return len(rest) < len(t) and _AROUND_OPTIONS.fullmatch(rest) is not None


def option_names(text: str) -> set[str]:
    """The options a cell names, ticked or not (新建 is 新增, 续建 延续)."""
    return {_canon(m.group(1)) for m in _OPTION.finditer(_folded(text))}


#: the Traditional characters of the option words (延續項目, 經常性專項, 階段性), for finding
#: options only
_OPTION_TRADITIONAL = str.maketrans("續項專經階", "续项专经阶")


def _folded(text: str) -> str:
    """``text`` in NFKC with the option words' Traditional characters folded and the pinyin
    some mirrors insert dropped (延續(xù)項目 is 延续项目): for finding options only."""
    t = nfkc(text)
    if t.isascii():
        return t
    if "(" in t:
        t = _AMOUNT_PINYIN.sub("", t)
    return t.translate(_OPTION_TRADITIONAL)


def _canon(name: str) -> str:
    return {"新建": "新增", "续建": "延续"}.get(name, name)


#: at most 15 digits before the point (a trillion yuan and more) and 10 after: a longer
#: run of digits is not an amount anyone wrote, and Decimal arithmetic on it fails
_AMOUNT = re.compile(r"^[-+]?\d{1,15}(?:\.\d{1,10})?$")
#: the pinyin some mirrors insert after a character (萬(wàn)元): not part of the amount
_AMOUNT_PINYIN = re.compile(r"\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]{1,7}\)")


def parse_amount(text: str) -> tuple[Decimal | None, str | None]:
    """An amount and the unit written with it (``万元``, ``元`` or ``None``).

    Commas, spaces and full-width digits are accepted: ``1,698.6``,
    ``１６９８．６``, ``50万``, ``3,309,840.00元``, ``￥1200元整``, ``895.8萬(wàn)元``.
    """
    if not text.isascii() and any(ch.isdigit() and not ch.isdecimal() for ch in text):
        return None, None  # superscripts, circled digits (556⁴⁸, ①): NFKC would make 55648 of them
    # 萬 and 億 (Traditional) are 万 and 亿: folded here for reading the figure only, the
    # value's text and span keep the characters as written
    t = compact(text).lstrip("¥￥").removesuffix("整").replace("萬", "万").replace("億", "亿")
    if "(" in t:
        t = _AMOUNT_PINYIN.sub("", t)  # 895.8萬(wàn)元
    unit = None
    factor = 1
    for suffix, name, times in (
        ("亿元", "万元", 10000),
        ("亿", "万元", 10000),
        ("万元", "万元", 1),
        ("万", "万元", 1),
        ("元", "元", 1),
    ):
        if t.endswith(suffix):
            t = t[: -len(suffix)]
            unit, factor = name, times
            break
    t = t.replace(",", "").replace("，", "")
    if not _AMOUNT.match(t):
        return None, unit
    try:
        return Decimal(t) * factor, unit  # 1.2亿元 is 12000 万元
    except InvalidOperation:  # pragma: no cover - the regex already guards
        return None, unit


def unit_from_label(label: str) -> str | None:
    t = compact(label).replace("萬", "万")  # 金額(萬元)
    if "万元" in t:
        return "万元"
    if re.search(r"[(（:：]元[)）]?|单位:?元", t):
        return "元"
    return None
