"""Words: segmentation of the text a person wrote (dictionary words, search
words, parts of speech), memoized per text."""

from __future__ import annotations

from bisect import bisect_right
from functools import lru_cache

from perflint.checks.analysis import segment

HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"


@lru_cache(maxsize=4096)
def tokens(text: str) -> tuple[tuple[str, int, int], ...]:
    """Words of ``text`` as (word, start, end), dictionary-only (no HMM guessing,
    which would glue a stray duplicated character to its neighbour)."""
    return tuple(segment.tokenize(text))


@lru_cache(maxsize=1024)
def search_words(text: str) -> tuple[str, ...]:
    """Search-mode words (``信息系统`` → 信息, 系统, 信息系统)."""
    return tuple(segment.cut_for_search(text))


@lru_cache(maxsize=1024)
def tagged(text: str) -> tuple[tuple[str, str], ...]:
    """(word, part-of-speech flag) pairs."""
    return tuple(segment.pos_cut(text))


def token_at(toks: tuple[tuple[str, int, int], ...], pos: int) -> tuple[str, int, int] | None:
    # the tokens tile the text in order: a binary search, not a scan per position
    # (预 × 100,000 made TXT001 quadratic)
    i = bisect_right(toks, pos, key=lambda tok: tok[1]) - 1
    if i >= 0 and toks[i][1] <= pos < toks[i][2]:
        return toks[i]
    return None


def inside_words(text: str, start: int, end: int, strict: bool = False) -> bool:
    """True when ``text[start:end]`` is covered by real words that extend past it:
    one longer word contains it (引进设备 ⊃ 进设), or it starts inside one
    word and ends inside another (推进|设施 ⊃ 进设).  With ``strict``, one end
    inside a longer word is enough (既|使用 ⊃ 既使, 标准|话术 ⊃ 标准话)."""
    toks = tokens(text)
    first, last = token_at(toks, start), token_at(toks, end - 1)
    if first is None or last is None:
        return False
    if first is last:
        return first[2] - first[1] > end - start
    if strict:
        return first[1] < start or last[2] > end
    return first[1] < start and last[2] > end
