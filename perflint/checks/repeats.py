"""Repeated text: a word typed twice in a row (环境环境分局, 补助补助标准).

A doubled single character is TXT001's (duplicated-char); this module finds a
whole word of two or more characters written twice with nothing between the
copies.  Word segmentation decides what a word is: both copies must be made of
whole words (环境|环境|分局), so that a repeat that runs across word boundaries
(研究|研究生) or a reduplicated word is not taken for a slip.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from perflint.checks.analysis.words import HAN, token_at, tokens
from perflint.checks.analysis.written import field_label, free_text, snippet
from perflint.checks.base import Context, Hit, Kind, kind
from perflint.domain.model import Declaration
from perflint.domain.vocab import label_key, simplified_map, vocabulary

_HAN_CHAR = re.compile(rf"[{HAN}]")
#: the longest word looked for
_LONGEST = 16


def _repeats(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each run of 2–16 Chinese characters written twice with nothing between
    the copies, the shortest at each place, left to right (a scan, not a regular expression: a
    backreference is no safe pattern)."""
    n = len(text)
    i = 0
    while i < n - 3:
        if text[i] == text[i + 1]:
            i += 1  # a doubled character (TXT001's), or a run of one character: no word starts here
            continue
        for size in range(2, min(_LONGEST, (n - i) // 2) + 1):
            if text[i] == text[i + size] and text[i : i + size] == text[i + size : i + 2 * size]:
                word, end = text[i : i + size], i + 2 * size
                if text.startswith(word, end):
                    # three copies or more: a pattern or a table of one word, not a word typed twice
                    while text.startswith(word, end):
                        end += size
                    i = end - 1
                elif all(_HAN_CHAR.match(ch) for ch in word):
                    yield i, end  # the caller may turn it down: the next place is tried as well
                break
        i += 1


def _ends_word(text: str, end: int) -> bool:
    """A word ends at ``end``."""
    tok = token_at(tokens(text), end - 1)
    return tok is not None and tok[2] == end


def _whole_words(text: str, start: int, end: int) -> bool:
    """``text[start:end]`` begins and ends at word boundaries."""
    toks = tokens(text)
    first, last = token_at(toks, start), token_at(toks, end - 1)
    return first is not None and last is not None and first[1] == start and last[2] == end


def _is_label(norm: str, labels: set[str]) -> bool:
    return norm in labels or norm in vocabulary().exact or vocabulary().category(norm) is not None


def _runs_into_label(text: str, start: int, end: int, labels: set[str]) -> bool:
    """The repeated word is part of a fixed label of the form: the word itself is one
    (评价标准评价标准), the second copy opens one (新增项目|项目分类, 三级指标|指标内容) or the
    first copy closes one.  In a row whose cells were read together, a value meets the next
    label this way; the form's text has no slip."""
    half = (end - start) // 2
    word = label_key(text[start : start + half])
    if _is_label(word, labels):
        return True
    vocab = vocabulary()
    after = label_key(text[start + half : start + half + 16])
    if vocab.match_prefix(after) is not None or any(after.startswith(lab) for lab in labels):
        return True
    before = label_key(text[max(0, start - 16) : start + half])
    return any(before.endswith(lab) for lab in labels | set(vocab.exact) if len(lab) > half)


def _second_copy_fits(text: str, start: int, end: int) -> bool:
    """The second copy ``text[start:end]`` is whole words, or opens a longer word whose rest is
    a word of its own (交易|交易中心, 环境|环境质量: the segmenter glued the copy to the word after
    it).  研究|研究生 and 人民|人民币 are a word and a longer one meeting, not a repeat."""
    toks = tokens(text)
    first = token_at(toks, start)
    if first is None or first[1] != start:
        return False
    if first[2] > end:
        rest = text[end : first[2]]
        return len(rest) >= 2 and _whole_words(rest, 0, len(rest)) and len(tokens(rest)) == 1
    return _whole_words(text, start, end)


def repeated_words(text: str, allow: set[str], labels: set[str]) -> list[tuple[int, int, str]]:
    """(start, end, word) of every word typed twice inside a run of words (offsets and word in
    ``text`` as written; Traditional characters are folded for segmentation)."""
    folded, where = simplified_map(text)
    out: list[tuple[int, int, str]] = []
    taken = 0
    for start, end in _repeats(folded):
        if start < taken:
            continue  # inside a repeat already found
        word = folded[start : (start + end) // 2]
        if word + word in allow or word in allow:
            continue
        if (
            start == 0
            or end >= len(folded)
            or not _HAN_CHAR.match(folded[start - 1])
            or not _HAN_CHAR.match(folded[end])
        ):
            # the repeat is the whole value, or stands at its edge: two cells of a row holding
            # the same text (an indicator and its note) read as one, not a slip inside a phrase
            continue
        middle = start + len(word)
        if not (_ends_word(folded, middle) and _second_copy_fits(folded, middle, end)):
            # the first copy must end a word and the second must start one (生态环境|环境|分局):
            # 研究研究生 cut 研|究研究|生 or 民人民 inside a word are no repeat of a word
            continue
        if _runs_into_label(folded, start, end, labels):
            continue
        taken = end
        lo, hi = where[start], where[end - 1] + 1
        out.append((lo, hi, text[lo : where[middle]]))
    return out


@kind
class RepeatedWord(Kind):
    name = "repeated-word"
    local = True
    description = {
        "zh": "同一个词连写两遍（环境环境分局、补助补助标准）：两份都由完整的词组成、前后都是汉字；栏目名称与值相接处不报告。",
        "en": "A word written twice in a row (环境环境分局, 补助补助标准): both copies made of whole words, with "
        "Chinese text on both sides; a value meeting the next label is not reported.",
    }
    params_schema = {
        "type": "object",
        "properties": {
            "allow": {"type": "array", "items": {"type": "string"}},
            "labels": {"type": "array", "items": {"type": "string"}},
        },
        "additionalProperties": False,
    }

    def check(self, decl: Declaration, params: dict[str, Any], ctx: Context) -> Iterator[Hit]:
        allow = set(params.get("allow", []))
        labels = {label_key(lab) for lab in params.get("labels", [])}
        # text no field took (a notice's prose) is searched too: a slip inside a sentence is the
        # filer's wherever perflint placed it
        texts = list(free_text(decl)) + [(f"/unrecognized/{i}", t) for i, t in enumerate(decl.unrecognized) if t]
        said: set[str] = set()  # the same slip copied into several fields is one finding
        for pointer, text in texts:
            for start, end, word in repeated_words(text, allow, labels):
                if word in said:
                    continue
                said.add(word)
                yield Hit(
                    pointer,
                    {
                        "word": word,
                        "field": field_label(decl, pointer),
                        "text": snippet(text, start, end),
                    },
                    suggest=True,
                )
