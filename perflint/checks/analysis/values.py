"""Shared analysis of indicator text: placeholders, numbers, units, comparators.

Everything here is pure and language-aware but message-free: the check kinds
turn the results into hits, the rule files word them.

Conventions:

* Text is compared after NFKC (full-width ``／`` ``％`` ``１２`` become ``/``
  ``%`` ``12``) with whitespace, including U+3000, removed: :func:`norm`.
* Comparison words follow the statutory reading (《民法典》第1259条):
  ``以上`` ``以下`` ``以内`` include the stated number; ``超过`` ``不满`` ``低于``
  exclude it.  So ``90%以上`` is ≥ 90 and ``超过90%`` is > 90.
* Chinese numerals count as numbers (``百分之九十``, ``三十``, ``五个``), except a
  lone ``一``, which occurs in too many set phrases (一站式, 一流, 一次办,
  最后一公里) to mean a figure.

Speed: some seventy rules ask the same few questions about the same cells
(is it blank, a placeholder, which category, which figures).  Every analysis
here is a pure function of its string arguments (and of settings passed as
values), so each is memoized on those arguments with a bounded
:func:`functools.lru_cache`: a cell is analysed once per run however many
rules look at it, and a changed cell is simply a new key.  Functions that
return a list return a fresh copy of the cached tuple, so a caller may
change what it gets.  Settings lists are turned into tuples for the key.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from functools import lru_cache
from typing import Any

from perflint.domain.model import Declaration, Indicator
from perflint.domain.vocab import simplified, vocabulary

#: entries kept per memoized analysis (one per distinct cell text; a
#: declaration has a few hundred): 4096 keeps a run's memory flat (about 25
#: caches; at 1 << 14 they held most of a worker's 100 MB) at the same speed
CACHE_SIZE = 1 << 12

# ---------------------------------------------------------------------------
# Normalisation
# ---------------------------------------------------------------------------


@lru_cache(maxsize=CACHE_SIZE)
def norm(text: str | None) -> str:
    """NFKC with every whitespace character (U+3000 included) removed."""
    if not text:
        return ""
    # str.split() splits on exactly the characters str.isspace() accepts
    return "".join(unicodedata.normalize("NFKC", text).split())


def is_blank(text: str | None) -> bool:
    """``None`` or nothing but whitespace."""
    return not norm(text)


def norm_set(tokens: Iterable[Any]) -> frozenset[str]:
    """``{norm(str(t)) for t in tokens}``, worked out once per distinct
    settings list (the blank token included, when there is one).

    The rules ask again and again with the same list object (a setting or a rule's
    parameter, several times per declaration): a list or tuple seen before, whose
    contents are still equal to what they were, is answered without building and
    hashing a key (the memo holds the list itself, so its identity is not reused)."""
    if type(tokens) is list or type(tokens) is tuple:
        seen = _SEEN.get(id(tokens))
        if seen is not None and seen[0] is tokens and tokens == seen[1]:
            return seen[2]
        result = _norm_set(tuple(map(str, tokens)))
        if len(_SEEN) >= 64:
            _SEEN.clear()
        _SEEN[id(tokens)] = (tokens, tokens.copy() if type(tokens) is list else tokens, result)
        return result
    return _norm_set(tuple(map(str, tokens)))


#: id of a list or tuple -> (it, a copy of its contents then, its normalised set)
_SEEN: dict[int, tuple[Any, Any, frozenset[str]]] = {}


@lru_cache(maxsize=64)
def _norm_set(tokens: tuple[str, ...]) -> frozenset[str]:
    return frozenset(map(norm, tokens))


_FILLER = set("/\\-—–_*…·.、|")


def _token_set(tokens: Iterable[str]) -> frozenset[str]:
    return _token_sets(tuple(tokens))[0]


@lru_cache(maxsize=64)
def _token_sets(tokens: tuple[str, ...]) -> tuple[frozenset[str], frozenset[str]]:
    # the same settings list is normalised once, not once per cell:
    # (normalised tokens, the same casefolded)
    normed = frozenset(n for n in map(norm, tokens) if n)
    return normed, frozenset(x.casefold() for x in normed)


def is_placeholder(text: str | None, tokens: Iterable[str]) -> bool:
    """The cell holds only a "nothing filled in" token (``/``, ``无``, ``N/A`` …).

    Blank text is *not* a placeholder (it is missing).  A run of filler marks
    such as ``//`` or ``- -`` counts, and a trailing ``。`` is ignored.  A site's mask
    (``******``, ``[055]****``) is no placeholder either: the filer filled the field and the
    publishing site hid it (:func:`site_mask`), so no rule may call it blank or unfilled.
    """
    if not text or site_mask(text):
        return False
    return _is_placeholder(text, tokens if isinstance(tokens, tuple) else tuple(tokens))


@lru_cache(maxsize=CACHE_SIZE)
def _is_placeholder(text: str, tokens: tuple[str, ...]) -> bool:
    n = norm(text)
    t = n.rstrip("。.")
    if not t:
        # only filler punctuation such as "。" would land here
        return bool(n) and all(ch in _FILLER or ch in "。." for ch in n)
    normed, folded = _token_sets(tokens)
    if t in normed or t.casefold() in folded:
        return True
    return all(ch in _FILLER for ch in t)


# ---------------------------------------------------------------------------
# Template remnants and external references
# ---------------------------------------------------------------------------

_REMNANT_PATTERNS = (
    # ≥**%, **月**日前, 20XX年**月**日: exactly two stars where a figure goes; stars inside a
    # word (太**城管) or three and more (****, ≤****000元) are a site's masks of a filled form
    re.compile(r"(?<![\w*])\*\*(?![*\d])|(?<=[年月])\*\*(?=[月日])"),
    re.compile(r"(?<![A-Za-z])[XxＸｘ×]{2,}(?![A-Za-z])"),  # XX, ××
    # （填写…）: a note of at most 80 characters, so that a search over "（填写" × 50,000
    # with no closing bracket is linear (it was quadratic: 118 s)
    re.compile(r"[(（]\s*(?:请)?(?:填写|填报|输入)[^)）]{0,80}[)）]"),
    re.compile(r"^请(?:填写|填报|输入)"),
    re.compile(r"^(?:目标|指标|内容)\s*[0-9一二三四五六七八九]$"),  # 目标1
    re.compile(r"^\d(?:[.、．]\d){2,}[.、．…]*$|^\d(?:[.、．]\d)+[.、．]*…+$"),  # 1.2.3.…
)

#: matches where at least one of _REMNANT_PATTERNS does
_ANY_REMNANT = re.compile("|".join(f"(?:{p.pattern})" for p in _REMNANT_PATTERNS))


@lru_cache(maxsize=CACHE_SIZE)
def template_remnant(text: str | None) -> str | None:
    """The first unfilled template token in ``text`` (``**``, ``XX``, ``（填写…）`` …)."""
    t = unicodedata.normalize("NFKC", text or "").strip()
    if not t or not _ANY_REMNANT.search(t):  # one scan rules out every pattern (most cells)
        return None
    for pattern in _REMNANT_PATTERNS:
        m = pattern.search(t)
        if m:
            return m.group(0)
    return None


#: a value the publishing site starred out ("****", "[055]****", "太**城管", "≥**000元"): three
#: or more stars, or stars touching a word or a figure — what the filer wrote is hidden, not missing
_SITE_MASK = re.compile(r"\*{3,}|(?<=\w)\*\*|\*\*(?=\w)")


@lru_cache(maxsize=CACHE_SIZE)
def site_mask(text: str | None) -> bool:
    """``text`` carries a mask the publishing site put over a filled value (not a template blank)."""
    t = unicodedata.normalize("NFKC", text or "")
    return bool(_SITE_MASK.search(t)) and not template_remnant(t)


#: stars touching a figure ("≤****000元")
_MASKED_FIGURE = re.compile(r"\d\*\*|\*\*\d")
#: what a masked code keeps around its stars ("[055]****")
_CODE_MARKS = re.compile(r"[\[\]()\d\s]")


def masked_value(text: str | None) -> bool:
    """The publishing site starred out what ``text`` states, so no rule can judge it: stars
    touching a figure, or a cell of nothing but stars and a bracketed code ("****", "[055]****")."""
    if not site_mask(text):
        return False
    t = unicodedata.normalize("NFKC", text or "")
    stars = _CODE_MARKS.sub("", t)
    return bool(_MASKED_FIGURE.search(t)) or (len(stars) >= 3 and not stars.strip("*"))


_EXTERNAL = re.compile(
    r"^(?:详见|参见|请见|见|同|参照|按照?)(?:附件|附表|附页|正文|上表|上年|上栏|上|前|去年|往年|[《(（])"
)


@lru_cache(maxsize=CACHE_SIZE)
def external_reference(text: str | None, max_len: int = 30) -> bool:
    """The field only points elsewhere: 见附件, 详见附件2, 同上, 参照上年 …"""
    t = norm(text).rstrip("。.")
    return bool(t) and len(t) <= max_len and bool(_EXTERNAL.match(t))


def skip_cell(text: str | None, tokens: Iterable[str]) -> bool:
    """Blank, a placeholder or an unfilled template token: a cell the
    completeness and placeholder rules report, so other rules skip it."""
    if not text:
        return True
    return _skip_cell(text, tokens if isinstance(tokens, tuple) else tuple(tokens), False)


def owned_elsewhere(text: str | None, tokens: Iterable[str]) -> bool:
    """:func:`skip_cell`, or a reference elsewhere (``见附件``, ``同上``)."""
    if not text:
        return True
    return _skip_cell(text, tokens if isinstance(tokens, tuple) else tuple(tokens), True)


@lru_cache(maxsize=CACHE_SIZE)
def _skip_cell(text: str, tokens: tuple[str, ...], references: bool) -> bool:
    return (
        is_blank(text)
        or _is_placeholder(text, tokens)
        or bool(template_remnant(text))
        or masked_value(text)
        or (references and external_reference(text))
    )


# ---------------------------------------------------------------------------
# Numbers
# ---------------------------------------------------------------------------

_CN_DIGIT = {
    "〇": 0,
    "零": 0,
    "○": 0,
    "一": 1,
    "壹": 1,
    "二": 2,
    "两": 2,
    "贰": 2,
    "三": 3,
    "叁": 3,
    "四": 4,
    "肆": 4,
    "五": 5,
    "伍": 5,
    "六": 6,
    "陆": 6,
    "七": 7,
    "柒": 7,
    "八": 8,
    "捌": 8,
    "九": 9,
    "玖": 9,
}
_CN_UNIT = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
_CN_CHARS = "".join(_CN_DIGIT) + "".join(_CN_UNIT) + "万点"


def cn_to_decimal(text: str) -> Decimal | None:
    """Chinese numerals to a number: 九十 → 90, 九十五点五 → 95.5, 二〇一九 → 2019,
    一万二千 → 12000.  ``None`` when ``text`` is not a well-formed numeral."""
    if not text or any(ch not in _CN_CHARS for ch in text):
        return None
    integer, _, fraction = text.partition("点")
    if fraction and any(ch not in _CN_DIGIT for ch in fraction):
        return None
    if integer and all(ch in _CN_DIGIT for ch in integer) and len(integer) > 1:
        whole = int("".join(str(_CN_DIGIT[ch]) for ch in integer))
    else:
        whole = 0
        section = 0
        digit: int | None = None
        for ch in integer:
            if ch in _CN_DIGIT:
                if _CN_DIGIT[ch] == 0:
                    continue  # 三百零五: 零 only marks a skipped position
                if digit is not None:
                    return None
                digit = _CN_DIGIT[ch]
            elif ch in _CN_UNIT:
                section += (1 if digit is None else digit) * _CN_UNIT[ch]
                digit = None
            elif ch == "万":
                section += digit or 0
                if section == 0:
                    return None
                whole += section * 10000
                section, digit = 0, None
        section += digit or 0
        whole += section
        if not integer:
            return None
    if fraction:
        return Decimal(f"{whole}.{''.join(str(_CN_DIGIT[ch]) for ch in fraction)}")
    return Decimal(whole)


# Units, longest first when matching.  "万"/"亿" prefixes combine with the
# base units (万元, 万人次, 亿元) through the optional magnitude group.
UNITS = sorted(
    {
        "%",
        "‰",
        "元",
        "人",
        "人次",
        "个",
        "次",
        "件",
        "项",
        "台",
        "套",
        "辆",
        "家",
        "户",
        "天",
        "日",
        "工作日",
        "个工作日",
        "月",
        "个月",
        "年",
        "小时",
        "分钟",
        "秒",
        "周",
        "季度",
        "篇",
        "份",
        "场",
        "期",
        "批",
        "平方米",
        "平米",
        "㎡",
        "m2",
        "m²",
        "公里",
        "千米",
        "km",
        "米",
        "吨",
        "公斤",
        "千克",
        "分",
        "条",
        "所",
        "名",
        "间",
        "处",
        "座",
        "本",
        "册",
        "张",
        "页",
        "棵",
        "株",
        "亩",
        "公顷",
        "倍",
        "级",
        "星",
        "岁",
        "号",
        "起",
        "例",
        "门",
        "课时",
        "学时",
        "班",
        "届",
        "轮",
        "盏",
        "栋",
        "幢",
        "路",
        "部",
        "支",
        "组",
        "类",
        "种",
        "位",
        "床",
        "村",
        "镇",
        "个村",
        "个镇",
        "站",
        "点",
        "块",
        "口",
        "孔",
        "宗",
        "笔",
        "单",
        "版",
        "集",
        "首",
        "幅",
        "h",
        "GB",
        "TB",
        "M",
        "G",
        "兆",
        "立方米",
        "方",
        "升",
        "千瓦",
        "度",
        "兆瓦",
        "小时/天",
        "分/人",
        # livestock, fish and packaged goods are counted in their own measure words
        "只",
        "头",
        "羽",
        "匹",
        "尾",
        "箱",
        "袋",
        "瓶",
        "盒",
        "车次",
        "架次",
        "台次",
    },
    key=len,
    reverse=True,
)
_MAGNITUDE = "万亿千百"
#: Traditional spellings of magnitudes and units, one character for one, so that a unit is read
#: in a folded copy of the text at the same offsets (160.77萬元 is 万元) while the figure is
#: quoted as written
_UNIT_FOLD = str.maketrans(
    "萬億圓個畝噸臺輛項戶場間張塊條節種處層棟時週", "万亿元个亩吨台辆项户场间张块条节种处层栋时周"
)

_ARABIC = r"\d+(?:\.\d+)?"
_NUM = re.compile(
    # a date: a plausible year and a real month (1346.0088 is a figure, not a date)
    rf"(?P<date>(?<!\d)(?:19|20)\d{{2}}[.\-/年](?:1[0-2]|0?[1-9])(?!\d)(?:[.\-/月](?:3[01]|[12]\d|0?[1-9])(?!\d))?[日号]?)"
    rf"|(?P<prod>{_ARABIC}(?:[*×xX]{_ARABIC})+)"
    rf"|(?P<pct>百分之[{_CN_CHARS}]+)"
    rf"|(?P<ar>{_ARABIC})"
    rf"|(?P<cn>[{_CN_CHARS}]+)"
)
_ENUM = re.compile(r"(?:(?<=^)|(?<=[。；;！!？?\n：:]))\s*[(（]?\d{1,2}(?:[、，,)）]|[.．](?!\d))")
_CN_ENUM = re.compile(r"(?:(?<=^)|(?<=[。；;\n：:]))\s*[(（]?[一二三四五六七八九十]{1,2}[、)）]")


_THOUSANDS = re.compile(r"(?<=\d),(?=\d{3}(?!\d))")


@lru_cache(maxsize=CACHE_SIZE)
def strip_numbering(text: str) -> str:
    """Remove list enumerators (``1、``, ``2，``, ``(3)``, ``一、``), which are not
    figures, and thousands separators (``5,560,000`` → ``5560000``)."""
    t = unicodedata.normalize("NFKC", text)
    t = _ENUM.sub("", t)
    t = _CN_ENUM.sub("", t)
    return _THOUSANDS.sub("", t)


@dataclass(frozen=True, slots=True)
class Quantity:
    """A figure found in text with the unit written right after it."""

    number: Decimal
    unit: str | None
    text: str
    start: int
    end: int
    kind: str = "number"  # number | percent | date | product

    @property
    def is_percent(self) -> bool:
        return self.unit in ("%", "‰")


#: UNITS by first character, each list still longest first
_UNITS_BY_FIRST: dict[str, tuple[str, ...]] = {}
for _unit in UNITS:
    _UNITS_BY_FIRST[_unit[0]] = _UNITS_BY_FIRST.get(_unit[0], ()) + (_unit,)
del _unit
# per-unit rates: 元/人, 元/人·月, 万元/系统·年, 次/年
_RATE_UNIT = re.compile(r"[/／](?:[\u4e00-\u9fff]{1,3})(?:[·•・][\u4e00-\u9fff]{1,2})?")
_PER_TAIL = re.compile(r"[·•・][\u4e00-\u9fff]{1,2}")
_CJK = re.compile(r"[\u4e00-\u9fff]")


def _per_unit_end(text: str, end: int) -> int:
    """Where a per-unit rate after a unit ends (``元/人``, ``元/人·月``, ``万元/系统·年``), or
    ``end`` when none follows.  A known unit right after the slash is taken as it is, so that
    ``1000元/人给补助对象兑付`` reads ``元/人``; an unknown one counts only when the run of
    characters stops within three (``元/村``, ``万元/系统·年``)."""
    if end >= len(text) or text[end] not in "/／":
        return end
    at = end + 1
    for unit in _UNITS_BY_FIRST.get(text[at : at + 1], ()):
        if _CJK.match(unit) and text.startswith(unit, at):
            stop = at + len(unit)
            tail = _PER_TAIL.match(text, stop)
            return tail.end() if tail else stop
    m = _RATE_UNIT.match(text, end)
    if m is None or (m.end() < len(text) and _CJK.match(text[m.end()])):
        return end  # nothing, or a longer run of words: not a unit
    return m.end()


def _unit_at(text: str, pos: int) -> tuple[str | None, int]:
    i = pos
    while i < len(text) and text[i] in " \u3000":
        i += 1
    if text.startswith(("百分比", "百分率"), i):
        return "%", i + 3  # "≥98百分比": the unit column's word for %, not 百 × 分
    magnitude = ""
    if i < len(text) and text[i] in _MAGNITUDE:
        magnitude = text[i]
        i += 1
    for unit in _UNITS_BY_FIRST.get(text[i : i + 1], ()):
        if text.startswith(unit, i):
            end = _per_unit_end(text, i + len(unit))
            return magnitude + text[i:end], end
    if magnitude:  # "50万" alone: a magnitude is unit enough
        return magnitude, i
    return None, pos


_YEAR4 = re.compile(r"\d{4}")
_PRODUCT_SEP = re.compile(r"[*×xX]")
_CN_RUN = re.compile(r"[〇零○一壹二两贰三叁四肆五伍六陆七柒八捌九玖十拾百佰千仟万点]+")


def quantities(text: str | None) -> list[Quantity]:
    """Every figure in ``text`` (after NFKC and list numbering removal)."""
    if not text:
        return []
    return list(_quantities(text))


@lru_cache(maxsize=CACHE_SIZE)
def _quantities(text: str) -> tuple[Quantity, ...]:
    t = strip_numbering(text)
    units = t.translate(_UNIT_FOLD)  # where units are read: same offsets, Traditional folded
    out: list[Quantity] = []
    for m in _NUM.finditer(t):
        start, end = m.start(), m.end()
        before = t[start - 1] if start else ""
        after = t[end] if end < len(t) else ""
        if m.group("date"):
            year = _YEAR4.match(m.group(0))
            assert year is not None  # the date alternative of _NUM starts with four digits
            out.append(Quantity(Decimal(year.group(0)), "date", m.group(0), start, end, "date"))
            continue
        if m.group("prod"):
            unit, uend = _unit_at(units, end)
            last = _PRODUCT_SEP.split(m.group("prod"))[-1]
            out.append(Quantity(Decimal(last), unit, t[start:uend], start, uend, "product"))
            continue
        if m.group("pct"):
            value = cn_to_decimal(m.group("pct")[3:])
            if value is not None:
                out.append(Quantity(value, "%", m.group(0), start, end, "percent"))
            continue
        if m.group("ar"):
            if (before.isascii() and before.isalpha()) or (
                after.isascii() and after.isalpha() and not _unit_at(units, end)[0]
            ):
                continue  # ISO9001, 5G, IPv6: names, not figures
            if before in ("*", "＊") or after in ("*", "＊"):
                continue  # "≤****000元": the rest of a figure the publishing site starred out
            try:
                number = Decimal(m.group("ar"))
            except InvalidOperation:  # pragma: no cover - regex guards
                continue
            unit, uend = _unit_at(units, end)
            out.append(
                Quantity(number, unit, t[start:uend], start, uend, "percent" if unit in ("%", "‰") else "number")
            )
            continue
        word = m.group("cn")
        # A Chinese numeral counts when it is a real figure: two or more
        # numeral characters (三十, 九十五) or one other than 一 followed by a
        # unit (五个, 三次).  Set phrases (一站式, 万家, 千方百计) are skipped
        # by requiring a unit after a single character.
        for sub in _CN_RUN.finditer(word):
            s, e = start + sub.start(), start + sub.end()
            digits = sub.group(0)
            value = cn_to_decimal(digits)
            if value is None:
                continue
            unit, uend = _unit_at(units, e)
            if len(digits) == 1:
                if digits in "一壹万千百点" or unit is None or unit in _MAGNITUDE:
                    continue
            elif unit is None and not any(ch in _CN_DIGIT for ch in digits if ch not in "一"):
                continue  # 千万, 百万 without a unit: rhetoric, not a figure
            out.append(Quantity(value, unit, t[s:uend], s, uend, "percent" if unit in ("%", "‰") else "number"))
    return tuple(out)


_NAME_UNIT = re.compile(r"[(（]\s*(?:单位\s*[:：]\s*)?([^()（）]{1,8}?)\s*[)）]")


@lru_cache(maxsize=CACHE_SIZE)
def unit_in_name(name: str | None) -> str | None:
    """A unit the indicator name states in brackets: ``营造林面积(亩)``,
    ``培训人数（单位：人次）``, ``完成率(%)``."""
    t = unicodedata.normalize("NFKC", name or "").translate(_UNIT_FOLD)
    for m in _NAME_UNIT.finditer(t):
        inner = m.group(1).lstrip("≥≤<>=*Xx ")  # (≥**万元): a unit after a template comparator
        unit, end = _unit_at(inner, 0)
        if unit and end == len(inner):
            return unit
    return None


def with_named_percent(text: str, name: str | None) -> str:
    """``text`` with ``%`` after its bare figures when the name says the unit is
    percent (``满意度(%)`` / ``≥95``)."""
    if unit_in_name(name) not in ("%", "‰"):
        return text
    return _BARE_FIGURE.sub(r"\1%", unicodedata.normalize("NFKC", text))


_BARE_FIGURE = re.compile(r"(\d+(?:\.\d+)?)(?![\d.%‰])")


def has_number(text: str | None) -> bool:
    return bool(text) and bool(_quantities(text))


# ---------------------------------------------------------------------------
# Comparators (statutory reading)
# ---------------------------------------------------------------------------


class Op(StrEnum):
    GE = ">="
    GT = ">"
    LE = "<="
    LT = "<"
    EQ = "="


# Words before the number.  Longest first at match time.
_PREFIX_OPS: dict[str, Op] = {
    "≥": Op.GE,
    "≧": Op.GE,  # U+2267, which NFKC leaves as it is
    ">=": Op.GE,
    "不低于": Op.GE,
    "不少于": Op.GE,
    "不小于": Op.GE,
    "大于等于": Op.GE,
    "大于或等于": Op.GE,
    "至少": Op.GE,
    "最少": Op.GE,
    "最低": Op.GE,
    "达到": Op.GE,
    "达": Op.GE,
    "力争": Op.GE,
    "保持在": Op.EQ,
    "不低于于": Op.GE,
    ">": Op.GT,
    "超过": Op.GT,
    "高于": Op.GT,
    "大于": Op.GT,
    "多于": Op.GT,
    "≤": Op.LE,
    "≦": Op.LE,  # U+2266
    "<=": Op.LE,
    "不高于": Op.LE,
    "不超过": Op.LE,
    "不多于": Op.LE,
    "不大于": Op.LE,
    "小于等于": Op.LE,
    "小于或等于": Op.LE,
    "最多": Op.LE,
    "最高": Op.LE,
    "控制在": Op.LE,
    "<": Op.LT,
    "低于": Op.LT,
    "小于": Op.LT,
    "少于": Op.LT,
    "不满": Op.LT,
    "不足": Op.LT,
    "未满": Op.LT,
    "=": Op.EQ,
    "为": Op.EQ,
    "等于": Op.EQ,
}
# Words after the number (and its unit).
_SUFFIX_OPS: dict[str, Op] = {
    "及以上": Op.GE,
    "以上": Op.GE,
    "或以上": Op.GE,
    "之上": Op.GE,
    "以上(含)": Op.GE,
    "以上(含本数)": Op.GE,
    "及以下": Op.LE,
    "以下": Op.LE,
    "或以下": Op.LE,
    "以内": Op.LE,
    "之内": Op.LE,
    "内": Op.LE,
    "以下(含)": Op.LE,
    "以上(不含)": Op.GT,
    "以下(不含)": Op.LT,
    "(含)以上": Op.GE,
    "(含本数)以上": Op.GE,
    "(含)以下": Op.LE,
    "(含本数)以下": Op.LE,
    "(不含)以上": Op.GT,
    "(不含本数)以上": Op.GT,
    "(不含)以下": Op.LT,
    "(不含本数)以下": Op.LT,
    "前": Op.LE,
    "之前": Op.LE,
    "以前": Op.LE,
}
_PREFIX_KEYS = sorted(_PREFIX_OPS, key=len, reverse=True)
_SUFFIX_KEYS = sorted(_SUFFIX_OPS, key=len, reverse=True)


@dataclass(frozen=True, slots=True)
class Comparison:
    """``op number unit`` as read from a value (``≥ 90 %``)."""

    op: Op
    number: Decimal
    unit: str | None
    word: str  # the comparison word as written ("以上", "超过", "≥" …); "" when implied
    quantity: Quantity

    @property
    def inclusive(self) -> bool:
        return self.op in (Op.GE, Op.LE, Op.EQ)


def comparison_for(text: str, q: Quantity) -> tuple[Op, str] | None:
    """The comparison word governing quantity ``q`` of ``text``, if any."""
    t = strip_numbering(text)
    head = t[max(0, q.start - 6) : q.start].rstrip(" \u3000")
    for key in _PREFIX_KEYS:
        if head.endswith(key):
            return _PREFIX_OPS[key], key
    tail = t[q.end : q.end + 8].lstrip(" \u3000")
    for key in _SUFFIX_KEYS:
        if tail.startswith(key):
            return _SUFFIX_OPS[key], key
    return None


def comparisons(text: str | None) -> list[Comparison]:
    """Each figure of ``text`` with its direction; an unmarked figure reads ``=``."""
    if not text:
        return []
    return list(_comparisons(text))


@lru_cache(maxsize=CACHE_SIZE)
def _comparisons(text: str) -> tuple[Comparison, ...]:
    out = []
    for q in _quantities(text):
        found = comparison_for(text, q)
        op, word = found if found else (Op.EQ, "")
        out.append(Comparison(op, q.number, q.unit, word, q))
    return tuple(out)


# starts only where a number starts, one optional % between the spaces: linear on a
# 200,000-digit value (the old \d+…\s*%?\s* retried every digit, quadratically)
_RANGE = re.compile(r"(?<![\d.])(\d+(?:\.\d+)?)\s*(?:%\s*)?[-~～—至到]\s*(\d+(?:\.\d+)?)\s*%")


@dataclass(frozen=True, slots=True)
class PercentTarget:
    """The acceptable range of a percentage target.

    ``lower``/``upper`` are ``None`` when unbounded on that side; the
    ``*_inclusive`` flags follow the statutory reading of the comparison word.
    """

    lower: Decimal | None
    lower_inclusive: bool
    upper: Decimal | None
    upper_inclusive: bool
    text: str  # the percentage as written, e.g. "90%以上"

    @property
    def exact(self) -> Decimal | None:
        if self.lower is not None and self.lower == self.upper:
            return self.lower
        return None


@lru_cache(maxsize=CACHE_SIZE)
def percent_target(text: str | None) -> PercentTarget | None:
    """The first percentage of ``text`` as a range (``None`` without one).

    ``90%以上`` → [90, ∞); ``超过90%`` → (90, ∞); ``不满90%`` → (−∞, 90);
    ``85%-95%`` → [85, 95]; ``百分之九十`` → [90, 90].
    """
    if not text:
        return None
    t = strip_numbering(text)
    m = _RANGE.search(t)
    if m:
        lo, hi = Decimal(m.group(1)), Decimal(m.group(2))
        if lo <= hi:
            return PercentTarget(lo, True, hi, True, m.group(0))
    for q in quantities(t):
        if not q.is_percent:
            continue
        number = q.number / 10 if q.unit == "‰" else q.number
        found = comparison_for(t, q)
        op, word = found if found else (Op.EQ, "")
        shown = (
            (word + q.text)
            if found and _PREFIX_OPS.get(word) is not None and t.find(word + q.text) >= 0
            else (q.text + word if found else q.text)
        )
        if op is Op.GE:
            return PercentTarget(number, True, None, False, shown)
        if op is Op.GT:
            return PercentTarget(number, False, None, False, shown)
        if op is Op.LE:
            return PercentTarget(None, False, number, True, shown)
        if op is Op.LT:
            return PercentTarget(None, False, number, False, shown)
        return PercentTarget(number, True, number, True, shown)
    return None


def has_comparator(text: str | None) -> bool:
    """Whether any figure of ``text`` carries a direction word, or the text
    states one in words (达到, 控制在 … 前)."""
    if not text:
        return False
    return any(c.word for c in _comparisons(text))


# ---------------------------------------------------------------------------
# Measurability and vagueness
# ---------------------------------------------------------------------------

_STANDARD = re.compile(r"(?:符合|达到|满足|执行|按照?)《[^》]+》")


def allowlisted(text: str | None, allowlist: Iterable[str]) -> bool:
    """A qualitative value a reviewer accepts: 合格, 通过验收, 符合《…》标准 …"""
    if not text:
        return False
    return _allowlisted(text, allowlist if isinstance(allowlist, tuple) else tuple(allowlist))


@lru_cache(maxsize=CACHE_SIZE)
def _allowlisted(text: str, allowlist: tuple[str, ...]) -> bool:
    t = simplified(norm(text)).rstrip("。.")  # 應保盡保 is 应保尽保
    if not t:
        return False
    if _STANDARD.search(t):
        return True
    for word in allowlist:
        w = norm(word)
        if w and (t == w or (w in t and len(t) <= len(w) + 6)):
            return True
    return False


def is_measurable(text: str | None, settings: dict[str, Any], name: str | None = None) -> bool:
    """The measurable-value test: short (≤ ``max_value_len``) and either a figure
    with a unit or percent (the unit may be stated in the indicator ``name``,
    ``营造林面积(亩)`` / ``80000``), or an allowlisted qualitative standard."""
    if not text:
        return False
    return _is_measurable(
        text,
        tuple(settings.get("placeholders", ())),
        int(settings.get("max_value_len", 30)),
        tuple(settings.get("qualitative_allowlist", ())),
        name,
    )


@lru_cache(maxsize=CACHE_SIZE)
def _is_measurable(
    text: str, placeholders: tuple[str, ...], max_len: int, allowlist: tuple[str, ...], name: str | None
) -> bool:
    if _skip_cell(text, placeholders, False):  # blank, a placeholder or a template token
        return False
    t = norm(strip_numbering(text))
    if len(t) > max_len:
        return False
    found = _quantities(text)
    if any(q.unit for q in found):
        return True
    if found and name is not None and unit_in_name(name):
        return True
    return _allowlisted(text, allowlist)


def vague_terms(text: str | None, terms: Iterable[str], allow_if_numeric: bool = True) -> list[str]:
    """Vague words in ``text`` in order of appearance (each once).

    With ``allow_if_numeric`` a word followed closely by a figure is fine:
    ``提高5%``, ``提升至95%``.  Of two overlapping words the longer counts,
    and of two as long the one first in code-point order (``极大幅度``:
    大幅 before 极大), so the result does not depend on hashing.
    """
    if not text:
        return []
    return list(_vague_terms(text, terms if isinstance(terms, tuple) else tuple(terms), bool(allow_if_numeric)))


@lru_cache(maxsize=64)
def _vague_patterns(terms: tuple[str, ...]) -> tuple[tuple[str, re.Pattern[str]], ...]:
    """The normalised terms, longest first, each with its literal pattern."""
    wanted = sorted({norm(x) for x in terms if norm(x)}, key=lambda w: (-len(w), w))
    return tuple((w, re.compile(re.escape(w))) for w in wanted)


@lru_cache(maxsize=CACHE_SIZE)
def _vague_terms(text: str, terms: tuple[str, ...], allow_if_numeric: bool) -> tuple[str, ...]:
    t = unicodedata.normalize("NFKC", text)
    if not t:
        return ()
    found: list[tuple[int, str]] = []
    taken: list[tuple[int, int]] = []
    qs = _quantities(t) if allow_if_numeric else ()
    for term, pattern in _vague_patterns(terms):
        if term not in t:
            continue
        for m in pattern.finditer(t):
            s, e = m.start(), m.end()
            if any(s < b and a < e for a, b in taken):
                continue  # inside a longer term already found
            if allow_if_numeric and any(0 <= _offset(t, q) - e <= 4 for q in qs):
                continue
            taken.append((s, e))
            found.append((s, term))
    seen: list[str] = []
    for _, term in sorted(found):
        if term not in seen:
            seen.append(term)
    return tuple(seen)


def _offset(text: str, q: Quantity) -> int:
    # quantities() works on text with numbering stripped; re-find the figure.
    pos = text.find(q.text)
    return pos if pos >= 0 else q.start


_PUNCT = re.compile(r"[\W_]+", re.UNICODE)


def bigrams(text: str | None) -> set[str]:
    return set(_bigrams(text))


@lru_cache(maxsize=CACHE_SIZE)
def _bigrams(text: str | None) -> frozenset[str]:
    t = _PUNCT.sub("", norm(text))
    return frozenset(t[i : i + 2] for i in range(len(t) - 1))


def containment(part: str | None, whole: str | None) -> float:
    """Share of ``part``'s character bigrams that also occur in ``whole``."""
    a = _bigrams(part)
    if not a:
        return 0.0
    return len(a & _bigrams(whole)) / len(a)


def common_prefix_len(a: str | None, b: str | None) -> int:
    x, y = norm(a), norm(b)
    n = 0
    for c1, c2 in zip(x, y):
        if c1 != c2:
            break
        n += 1
    return n


_DUTY_START = ("负责", "承担", "为", "指导", "协调", "监督", "组织", "参与")


_ITEM_NUMBER = re.compile(r"(?:^|(?<=[。；;\n]))\s*[(（]?\d{1,2}(?:[、，,)）]|[.．](?!\d))")


def list_items(text: str | None) -> list[str]:
    """Split an enumerated cell (``1、… 2、…`` or ``1，… 2，…``) into items."""
    return list(_list_items(text or ""))


@lru_cache(maxsize=CACHE_SIZE)
def _list_items(text: str) -> tuple[str, ...]:
    t = unicodedata.normalize("NFKC", text)
    parts = _ITEM_NUMBER.split(t)
    items = [p.strip(" \u3000\n；;。") for p in parts if p.strip(" \u3000\n；;。")]
    return tuple(items or ([t.strip()] if t.strip() else []))


@lru_cache(maxsize=CACHE_SIZE)
def looks_like_duties(text: str | None) -> bool:
    """The cell restates duties: it starts with 负责, or most of its numbered
    items start with a duty verb (负责, 承担, 为 …)."""
    t = norm(strip_numbering(text or ""))
    if t.startswith("负责"):
        return True
    items = _list_items(text or "")
    if len(items) < 2:
        return False
    dutyish = sum(1 for it in items if norm(it).startswith(_DUTY_START))
    return dutyish * 2 >= len(items) and any(norm(it).startswith("负责") for it in items)


# ---------------------------------------------------------------------------
# Indicator categories
# ---------------------------------------------------------------------------

OUTPUT = "产出指标"
BENEFIT = "效益指标"
SATISFACTION = "满意度指标"
COST = "成本指标"
QUANTITY, QUALITY, TIMELINESS = "数量指标", "质量指标", "时效指标"
COST_L2 = ("成本指标", "经济成本指标", "社会成本指标", "生态环境成本指标")
_PARENT = {
    QUANTITY: OUTPUT,
    QUALITY: OUTPUT,
    TIMELINESS: OUTPUT,
    "经济效益指标": BENEFIT,
    "社会效益指标": BENEFIT,
    "生态效益指标": BENEFIT,
    "可持续影响指标": BENEFIT,
    "经济成本指标": COST,
    "社会成本指标": COST,
    "生态环境成本指标": COST,
    SATISFACTION: SATISFACTION,
}


@dataclass(frozen=True, slots=True)
class Category:
    """Canonical 一级 and 二级 names of an indicator row (``None`` when unknown)."""

    level1: str | None
    level2: str | None

    @property
    def label(self) -> str:
        """The most specific name, for messages."""
        return self.level2 or self.level1 or ""

    @property
    def is_cost(self) -> bool:
        return self.level1 == COST or self.level2 in COST_L2

    @property
    def is_satisfaction(self) -> bool:
        return self.level1 == SATISFACTION or self.level2 == SATISFACTION


#: first-level names that group the categories the rules know one level down (NDRC tables:
#: 实施效果指标 over 产出指标 / 效益指标 / 满意度指标)
_UMBRELLAS = frozenset({"实施效果指标"})


def _canon(text: str | None) -> tuple[int, str] | None:
    if is_blank(text):
        return None
    return vocabulary().category(text or "")


def one_level_down(ind: Indicator) -> bool:
    """Whether ``ind``'s category stands one level down under an umbrella (NDRC tables:
    实施效果指标 | 产出指标 | <indicator>): that category has no 二级 of its own."""
    l1, l2 = _canon(ind.level1), _canon(ind.level2)
    return l1 is not None and l1[1] in _UMBRELLAS and l2 is not None and l2[0] == 1


def category(ind: Indicator) -> Category:
    """Canonical categories of ``ind``; labels a layout put in the wrong column
    (the satisfaction label in 一级 or 二级) are placed where they belong."""
    return _category(ind.level1, ind.level2)


@lru_cache(maxsize=CACHE_SIZE)
def _category(level1_text: str | None, level2_text: str | None) -> Category:
    # the vocabulary is the packaged labels.toml, loaded once per process
    l1 = _canon(level1_text)
    l2 = _canon(level2_text)
    level1 = level2 = None
    for column, found in (("level1", l1), ("level2", l2)):
        if found is None:
            continue
        depth, name = found
        if name == COST and column == "level2" and level1 in (None, OUTPUT):
            level1, level2 = level1 or OUTPUT, COST  # 285号 family: 成本 is a 二级 under 产出
        elif depth == 1 and name == SATISFACTION:
            level1, level2 = SATISFACTION, level2 or SATISFACTION
        elif depth == 1 and column == "level2" and level1 in _UMBRELLAS:
            level1 = name  # NDRC tables: 产出/效益/满意度 one level down under 实施效果指标
        elif depth == 1:
            level1 = level1 or name
        elif name == SATISFACTION:
            level1, level2 = SATISFACTION, SATISFACTION
        elif name == COST and level1 in (None, OUTPUT):
            level2 = COST  # 285号 family: 成本 under 产出
            level1 = level1 or OUTPUT
        else:
            level2 = name
    if level2 and level1 is None:
        level1 = _PARENT.get(level2)
    return Category(level1, level2)


def indicator_name(ind: Indicator) -> str:
    """指标内容, or the 三级指标 of templates that name indicators there."""
    if not is_blank(ind.content):
        return ind.content
    return ind.level3 or ""


def name_pointer(index: int, ind: Indicator) -> str:
    if is_blank(ind.content) and not is_blank(ind.level3):
        return f"/indicators/{index}/level3"
    return f"/indicators/{index}/content"


def target_text(ind: Indicator) -> str:
    """The text that states the target: 指标值, or 指标内容 in templates
    without a value column (``value is None``)."""
    return indicator_name(ind) if ind.value is None else ind.value


def target_pointer(index: int, ind: Indicator) -> str:
    return name_pointer(index, ind) if ind.value is None else f"/indicators/{index}/value"


def is_placeholder_row(ind: Indicator, tokens: Iterable[str]) -> bool:
    """Every filled cell of the row is a placeholder (the row says "N/A")."""
    tokens = tuple(tokens)
    cells = [indicator_name(ind)] + ([] if ind.value is None else [ind.value])
    filled = [c for c in cells if not is_blank(c)]
    return bool(filled) and all(is_placeholder(c, tokens) for c in filled)


def is_real_row(ind: Indicator, tokens: Iterable[str]) -> bool:
    """The row states something: not blank, not only placeholders."""
    tokens = tuple(tokens)
    cells = [indicator_name(ind)] + ([] if ind.value is None else [ind.value])
    return any(not is_blank(c) and not is_placeholder(c, tokens) for c in cells)


def rows(decl: Declaration) -> list[tuple[int, Indicator, Category]]:
    return [(i, ind, category(ind)) for i, ind in enumerate(decl.indicators)]


def is_department(decl: Declaration) -> bool:
    return str(decl.form_type) == "部门整体支出"


def form_key(decl: Declaration) -> str:
    """``department`` or ``project`` (项目支出, 专项资金 and unknown forms)."""
    return "department" if is_department(decl) else "project"


def display(text: str | None, limit: int = 40) -> str:
    """A value shortened for quoting in a message (whitespace collapsed)."""
    t = " ".join((text or "").split())
    return t if len(t) <= limit else t[: limit - 1] + "…"


def dice(a: str | None, b: str | None) -> float:
    """Dice similarity of the character bigrams of ``a`` and ``b`` (1.0 when both have none)."""
    x, y = _bigrams(a), _bigrams(b)
    if not x and not y:
        return 1.0
    return 2 * len(x & y) / (len(x) + len(y))


def owned_by_category_check(decl: Declaration, index: int, placeholders: Sequence[str]) -> bool:
    """Whether the placeholder row ``index`` is reported by a category check
    rather than as a placeholder: its 二级 (数量/质量/时效) has no real row
    (``required-level2``), or its whole 一级 has none (``empty-category``,
    ``satisfaction-present``, ``cost-present``)."""
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
