"""Indicators written inline: category names, names and values run together in one text.

Prose notices state their targets in sentences ("数量指标：种植数量(≥**株)>=17600株；
成活率(≥**%)>=85；时效指标：…"), a table cell may hold several indicators
("开展巡查8次;编制宣传资料3个;…"), and a PDF or preview text runs a whole
indicator table together ("数量指标88100质量指标88100…", "…次数反映…情况2280次大楼…").
:func:`read_inline` cuts such a text into category names and indicator rows,
each part with its offsets, so the builder can record every piece.

The words it relies on are data (``[inline]`` and ``[categories]`` of labels.toml).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from perflint.domain.text import PAD_CHARS
from perflint.domain.vocab import NormText, Vocabulary


@dataclass(slots=True)
class InlineLevel:
    """A category name (一级 or 二级) in the text."""

    level: int
    canon: str
    start: int
    end: int


@dataclass(slots=True)
class InlineRow:
    """One indicator: its name, its value (``None``: none stated), further parts."""

    content: tuple[int, int] | None
    value: tuple[int, int] | None
    #: heading -> offsets: an explanation run into the row (指标解释: "反映…")
    extra: dict[str, tuple[int, int]] = field(default_factory=dict)


@dataclass(slots=True)
class InlineText:
    """Template text: separators, template placeholders such as "(≥**株)"."""

    start: int
    end: int


InlineItem = InlineLevel | InlineRow | InlineText

_COMP = r"(?:[≥≤≧≦＞＜<>=＝]{1,2}|不低于|不少于|不高于|不超过|不大于|不小于|大于等于|小于等于|大于|小于|达到|约|达)"
_NUM = r"[0-9０-９]+(?:[.．][0-9０-９]+)?"
_PLACEHOLDER = re.compile(r"[(（][^()（）]{0,12}(?:\*\*|＊＊|xx|XX|××)[^()（）]{0,12}[)）]\s*$")
_SEPARATOR = re.compile(r"[;；。\n]+")
_ITEM_SEPARATOR = re.compile(r"[;；。]+")
_LEAD = re.compile(r"[\s:：,，;；。、.．\-—]+")
_ENUM = re.compile(
    r"\s*(?:[一二三四五六七八九十]+[、.．]|[(（][一二三四五六七八九十\d]+[)）]|\d+[、.．](?!\d)|[①-⑩])\s*"
)
_CJK = re.compile(r"[\u4e00-\u9fff]")
#: brackets and dashes alone: what stands around category names in "【产出指标-数量指标】"
_GLUE = re.compile(r"[\s【】\[\]()（）〔〕<>《》\-—–_/·]+")


@dataclass(frozen=True, slots=True)
class _Patterns:
    categories: re.Pattern[str]
    value_end: re.Pattern[str]
    value_any: re.Pattern[str]
    qualitative: tuple[str, ...]
    explanation: tuple[str, ...]
    units: frozenset[str]


@lru_cache(maxsize=4)
def _patterns(vocab: Vocabulary) -> _Patterns:
    inline = vocab.data.get("inline", {})
    keys = set(vocab.level1) | set(vocab.level2)
    long = sorted(
        {k for k in keys if k.endswith("指标")} | {k[:-2] + "目标" for k in keys if k.endswith("指标")}, key=len
    )
    short = sorted(keys - set(long), key=len)
    alt_long = "|".join(re.escape(k) for k in reversed(long))
    alt_short = "|".join(re.escape(k) for k in reversed(short))
    # a full category name anywhere; a short one (数量, 效益) only before a colon
    categories = re.compile(rf"(?P<long>{alt_long})|(?P<short>{alt_short})(?=[:：])")
    units = sorted({str(u) for u in inline.get("units", [])}, key=len, reverse=True)
    alt_units = "|".join(re.escape(u) for u in units) or "%"
    # words after a figure that belong to the value ("100%达标", "95%以上")
    suffixes = sorted({"及以上", "及以下", "以上", "以下", "以内", *map(str, inline.get("suffixes", []))}, key=len)
    alt_suffixes = "|".join(re.escape(w) for w in reversed(suffixes))
    value = (
        rf"{_COMP}?\s*{_NUM}\s*(?:(?:{alt_units})(?:/[^\d\s,，;；。、()（）]{{1,3}})?|/[^\d\s,，;；。、()（）]{{1,3}}|[%％])?"
        rf"(?:\s*[-—~～至]\s*{_NUM}\s*(?:{alt_units}|[%％])?)?(?:{alt_suffixes})?"
    )
    # at the end of an item any short word after a figure is its unit ("50万页", "2022年底")
    value_end = rf"{_COMP}?\s*{_NUM}\s*(?:[%％]|[\u4e00-\u9fff]{{1,2}}(?:/[\u4e00-\u9fff]{{1,2}})?)?"
    return _Patterns(
        categories=categories,
        value_end=re.compile(rf"(?:{value}|{value_end})\s*$"),
        value_any=re.compile(value),
        qualitative=tuple(sorted((str(q) for q in inline.get("qualitative", [])), key=len, reverse=True)),
        explanation=tuple(str(w) for w in inline.get("explanation", [])),
        units=frozenset(units),
    )


def _trim(text: str, s: int, e: int) -> tuple[int, int]:
    piece = text[s:e]
    left = piece.lstrip(PAD_CHARS)
    s2 = s + len(piece) - len(left)
    return s2, s2 + len(left.rstrip(PAD_CHARS))


def find_categories(text: str, start: int, end: int, vocab: Vocabulary) -> list[InlineLevel]:
    """Category names in ``text[start:end]`` (offsets into ``text``)."""
    pats = _patterns(vocab)
    norm = NormText(text, start, end)
    out: list[InlineLevel] = []
    for m in pats.categories.finditer(norm.chars):
        key = m.group(0)
        cat = vocab.category(key) or vocab.category(key[:-2] + "指标")
        if cat is None:
            continue
        out.append(InlineLevel(cat[0], cat[1], norm.raw_offset(m.start()), norm.raw_after(m.end())))
    return out


def qualitative_end(text: str, start: int, end: int, vocab: Vocabulary) -> int | None:
    """Where a value in words ends ``text[start:end]`` ("…发展情况稳步提高" → 稳步提高), if one does."""
    piece = text[start:end].rstrip(PAD_CHARS + "。.")
    for word in _patterns(vocab).qualitative:
        if piece.endswith(word) and len(piece) > len(word) + 1:
            return start + len(piece) - len(word)
    return None


def has_inline_indicators(text: str, start: int, end: int, vocab: Vocabulary) -> bool:
    """Does ``text[start:end]`` state indicators inline: a category name then a
    colon, or several items with figures separated by semicolons?"""
    piece = text[start:end]
    if any(c in piece for c in ":：") and find_categories(text, start, end, vocab):
        return True
    items = [p for p in _ITEM_SEPARATOR.split(piece) if p.strip()]
    if len(items) < 2:
        return False
    pats = _patterns(vocab)
    found = 0
    for item in items:
        item = item.strip().rstrip(",，")
        if any(item.endswith(word) and len(item) > len(word) + 1 for word in pats.qualitative):
            found += 1
            continue
        m = pats.value_end.search(item)
        # a name of two characters or more, then a figure with a unit or comparator
        if m is None or sum(1 for ch in item[: m.start()] if _CJK.match(ch)) < 2:
            continue
        figure = m.group(0)
        if any(not ch.isdigit() and ch not in ".．, " for ch in figure):
            found += 1
    return found >= 2


def read_inline(text: str, start: int, end: int, vocab: Vocabulary, runon: bool = False) -> list[InlineItem]:
    """Cut ``text[start:end]`` into category names, indicator rows and template text.

    ``runon``: the text is a table run together (PDF, preview), so a row also
    ends where a figure is followed by the next name.
    """
    out: list[InlineItem] = []
    pos = start
    for level in find_categories(text, start, end, vocab):
        if level.start < pos:
            continue
        _chunk(text, pos, level.start, vocab, runon, out)
        out.append(level)
        pos = level.end
    _chunk(text, pos, end, vocab, runon, out)
    return out


def _chunk(text: str, s: int, e: int, vocab: Vocabulary, runon: bool, out: list[InlineItem]) -> None:
    s, e = _trim(text, s, e)
    if s >= e:
        return
    lead = _LEAD.match(text, s, e)
    if lead is not None and lead.end() > s:
        out.append(InlineText(s, lead.end()))
        s = lead.end()
    enum = _ENUM.match(text, s, e)
    if enum is not None and enum.end() > s and enum.end() == e:
        out.append(InlineText(s, e))  # "一、" before the next category
        return
    if _GLUE.fullmatch(text, s, e):
        out.append(InlineText(s, e))  # "【", "-", "】" around and between category names
        return
    pos = s
    for m in _SEPARATOR.finditer(text, s, e):
        _items(text, pos, m.start(), vocab, runon, out)
        if m.group(0).strip():
            out.append(InlineText(m.start(), m.end()))
        pos = m.end()
    _items(text, pos, e, vocab, runon, out)


def _items(text: str, s: int, e: int, vocab: Vocabulary, runon: bool, out: list[InlineItem]) -> None:
    """One piece between separators: one row, or several when figures end them
    ("…≥80万元,促使…≥80万元"; run-on: "…2280次大楼…200次")."""
    s, e = _trim(text, s, e)
    if s >= e:
        return
    pats = _patterns(vocab)
    cuts: list[tuple[int, int]] = []  # (end of a row, start of the next)
    for m in pats.value_any.finditer(text, s, e):
        after = m.end()
        if after >= e or not m.group(0).strip():
            continue
        head = text[s if not cuts else cuts[-1][1] : m.start()]
        if sum(1 for ch in head if _CJK.match(ch)) < 2:
            continue  # a figure inside the name ("开展3次培训")
        nxt = text[after]
        if nxt in ",，、":
            if not _states_a_target(text, after + 1, e, pats):
                # "学校绿化覆盖达70%,优化校园生态环境": what follows the figure states no target
                # of its own (no figure, no value in words): a prose row with one figure is one row
                continue
            cuts.append((after, after + 1))
        elif runon and _CJK.match(nxt) and sum(1 for ch in text[after:e] if _CJK.match(ch)) >= 4:
            if any(text.startswith(u, after) for u in pats.units if _CJK.match(u[:1])):
                continue
            if len(head.strip()) >= 4:
                cuts.append((after, after))
    if runon:
        # "成本控制率不超预算水电气消耗下降率…": a value in words, then the next name
        for word in pats.qualitative:
            k = text.find(word, s, e)
            while k != -1:
                after = k + len(word)
                if k - s >= 2 and sum(1 for ch in text[after:e] if _CJK.match(ch)) >= 4:
                    if not any(a < after <= b for a, b in cuts) and all(c[0] != after for c in cuts):
                        cuts.append((after, after))
                k = text.find(word, after, e)
        cuts.sort()
    pos = s
    for row_end, row_next in cuts:
        _row(text, pos, row_end, vocab, out)
        if row_next > row_end:
            out.append(InlineText(row_end, row_next))
        pos = row_next
    _row(text, pos, e, vocab, out)


def _states_a_target(text: str, s: int, e: int, pats: _Patterns) -> bool:
    """Whether ``text[s:e]`` states a target of its own: a figure, or a value in words at its end."""
    if any(m.group(0).strip() and any(ch.isdigit() for ch in m.group(0)) for m in pats.value_any.finditer(text, s, e)):
        return True
    piece = text[s:e].rstrip(PAD_CHARS + "。.")
    return any(piece.endswith(word) and len(piece) > len(word) + 1 for word in pats.qualitative)


def _row(text: str, s: int, e: int, vocab: Vocabulary, out: list[InlineItem]) -> None:
    s, e = _trim(text, s, e)
    if s >= e:
        return
    pats = _patterns(vocab)
    piece = text[s:e]
    tail = None
    while piece and piece[-1] in "…." and len(piece) > 1:
        piece = piece[:-1]  # "88100…": the preview cut the row
    if len(piece) < e - s:
        tail = (s + len(piece), e)
        e = s + len(piece)
    row = InlineRow(None, None)
    digits = piece.strip()
    if digits.isdigit() and len(digits) >= 4 and digits.endswith("100") and not digits.startswith("0"):
        # "88100": two columns fused, the second the common 100 (score, per cent)
        cut = e - 3
        row.content, row.value = (s, cut), (cut, e)
    else:
        m = pats.value_end.search(text, s, e)
        value_start = None
        if m is not None and m.start() > s and m.group(0).strip():
            value_start = m.start()
        elif m is not None and m.start() == s:
            row.value = (s, e)  # only a figure
        if value_start is None and row.value is None:
            for word in pats.qualitative:
                if piece.endswith(word) and len(piece) > len(word) + 1:
                    value_start = e - len(word)
                    break
        if value_start is not None:
            row.value = _trim(text, value_start, e)
            cs, ce = _trim(text, s, value_start)
            hole = _PLACEHOLDER.search(text, cs, ce)
            if hole is not None and hole.start() > cs:
                out.append(InlineText(hole.start(), ce))
                cs, ce = _trim(text, cs, hole.start())
            row.content = (cs, ce) if cs < ce else None
        elif row.value is None:
            row.content = (s, e)
    if row.content is not None:
        cs, ce = row.content
        for word in pats.explanation:
            k = text.find(word, cs + 2, ce)
            if k != -1:
                row.content = _trim(text, cs, k)
                row.extra["指标解释"] = (k, ce)
                break
    out.append(row)
    if tail is not None:
        out.append(InlineText(*tail))
