"""Regular expressions from rule packs and configuration, vetted before use.

Rule packs and configs are data: nothing in them is evaluated, imported or
executed.  A check kind that takes a regular expression as a parameter must
compile it with :func:`compile_safe` (once, when the rule loads), never with
``re.compile`` directly.  The pattern must be in a vetted subset that cannot
backtrack catastrophically on the short texts of a declaration:

* at most :data:`MAX_PATTERN_LENGTH` characters;
* no backreferences (``\\1``, ``(?P=name)``) and no conditional groups
  (``(?(1)…)``), which make matching NP-hard in general;
* no nested quantifiers: inside ``*``, ``+``, ``{n,}`` (or a bounded repeat
  with a wide range) there may be no further repetition other than ``?`` —
  the classic ``(a+)+``, ``(\\w*\\s?)*`` and ``(\\d{1,3},)*`` shapes;
* inside an unbounded quantifier, alternatives must be plain literals none of
  which is a prefix of another (``(?:万元|元)*`` is fine, ``(a|a)*`` and
  ``(a|ab)*`` are not);
* repeat bounds at most :data:`MAX_REPEAT_BOUND`;
* the pattern must compile.

A refused pattern raises :class:`UnsafeRegex` whose ``reason`` names the
problem; :data:`REASONS` words it in Chinese and English for the error the
catalog shows (with the rule file and line).  :func:`search` also caps the
length of the text searched.
"""

from __future__ import annotations

import re
from functools import lru_cache

try:  # Python 3.11+
    from re import _constants as _c
    from re import _parser as _p
except ImportError:  # pragma: no cover - older layouts
    import sre_constants as _c  # type: ignore[no-redef]
    import sre_parse as _p  # type: ignore[no-redef]

MAX_PATTERN_LENGTH = 256
MAX_REPEAT_BOUND = 100
MAX_TEXT_LENGTH = 20_000

#: reason key → message template per language ({pattern} and {detail} are filled)
REASONS: dict[str, dict[str, str]] = {
    "too-long": {"zh": "正则表达式过长（{detail} 个字符，上限 {limit}）。",
                 "en": "regular expression too long ({detail} characters, limit {limit})."},
    "syntax": {"zh": "正则表达式语法错误：{detail}。", "en": "regular expression syntax error: {detail}."},
    "backreference": {"zh": "正则表达式不能使用反向引用或条件分组。",
                      "en": "regular expressions may not use backreferences or conditional groups."},
    "nested-quantifier": {"zh": "正则表达式中有嵌套的重复（如 (a+)+），可能导致灾难性回溯。",
                          "en": "the regular expression nests repetitions (like (a+)+), which can backtrack catastrophically."},
    "ambiguous-alternation": {"zh": "重复的分组中有可以相互重叠的选择分支（如 (a|ab)*），可能导致灾难性回溯。",
                              "en": "a repeated group has overlapping alternatives (like (a|ab)*), which can backtrack catastrophically."},
    "large-repeat": {"zh": "正则表达式的重复次数过大（{detail}，上限 {limit}）。",
                     "en": "a repetition bound is too large ({detail}, limit {limit})."},
}


class UnsafeRegex(ValueError):
    """A pattern outside the vetted subset."""

    def __init__(self, reason: str, pattern: str, detail: str = "", limit: int | str = "") -> None:
        super().__init__(f"{reason}: {pattern!r} {detail}".strip())
        self.reason = reason
        self.pattern = pattern
        self.detail = detail
        self.limit = limit

    def message(self, lang: str = "zh") -> str:
        template = REASONS[self.reason].get(lang) or REASONS[self.reason]["zh"]
        return template.format(detail=self.detail, limit=self.limit, pattern=self.pattern)


_REPEATS = {_c.MAX_REPEAT, _c.MIN_REPEAT}
if hasattr(_c, "POSSESSIVE_REPEAT"):
    _REPEATS.add(_c.POSSESSIVE_REPEAT)
_BACKREFS = {_c.GROUPREF, _c.GROUPREF_EXISTS}
if hasattr(_c, "GROUPREF_IGNORE"):
    _BACKREFS.add(_c.GROUPREF_IGNORE)


def _children(op: object, av: object) -> list[list]:
    """Sub-patterns (as lists of (op, av)) of one parsed node."""
    if op in _REPEATS:
        return [list(av[2])]
    if op == _c.SUBPATTERN:
        return [list(av[-1])]
    if op == _c.BRANCH:
        return [list(branch) for branch in av[1]]
    if op in (_c.ASSERT, _c.ASSERT_NOT):
        return [list(av[1])]
    if hasattr(_c, "ATOMIC_GROUP") and op == _c.ATOMIC_GROUP:
        return [list(av)]
    return []


def _unbounded(op: object, av: object) -> bool:
    return op in _REPEATS and (av[1] == _c.MAXREPEAT or av[1] > 1 and av[1] - av[0] > 10)


def _literal_string(items: list) -> str | None:
    """The string a sub-pattern matches if it is a plain literal, else ``None``."""
    out = []
    for op, av in items:
        if op != _c.LITERAL:
            return None
        out.append(chr(av))
    return "".join(out)


def _walk(items: list, pattern: str, inside_unbounded: bool) -> None:
    for op, av in items:
        if op in _BACKREFS:
            raise UnsafeRegex("backreference", pattern)
        if op in _REPEATS:
            low, high = av[0], av[1]
            for bound in (low, high):
                if bound != _c.MAXREPEAT and bound > MAX_REPEAT_BOUND:
                    raise UnsafeRegex("large-repeat", pattern, str(bound), MAX_REPEAT_BOUND)
            unbounded = _unbounded(op, av)
            if unbounded and inside_unbounded:
                raise UnsafeRegex("nested-quantifier", pattern)
            if inside_unbounded and high != _c.MAXREPEAT and high > 1:
                raise UnsafeRegex("nested-quantifier", pattern)
            _walk(list(av[2]), pattern, inside_unbounded or unbounded)
            continue
        if op == _c.BRANCH and inside_unbounded:
            words = [_literal_string(list(branch)) for branch in av[1]]
            if any(w is None or w == "" for w in words):
                raise UnsafeRegex("ambiguous-alternation", pattern)
            for a in words:
                for b in words:
                    if a is not b and b.startswith(a):  # type: ignore[union-attr]
                        raise UnsafeRegex("ambiguous-alternation", pattern)
        for child in _children(op, av):
            _walk(child, pattern, inside_unbounded)


def check_pattern(pattern: str) -> None:
    """Raise :class:`UnsafeRegex` unless ``pattern`` is in the vetted subset."""
    if not isinstance(pattern, str):
        raise UnsafeRegex("syntax", repr(pattern), "not a string")
    if len(pattern) > MAX_PATTERN_LENGTH:
        raise UnsafeRegex("too-long", pattern, str(len(pattern)), MAX_PATTERN_LENGTH)
    try:
        parsed = _p.parse(pattern)
    except (re.error, RecursionError, OverflowError) as exc:
        raise UnsafeRegex("syntax", pattern, str(exc)) from None
    _walk(list(parsed), pattern, False)


@lru_cache(maxsize=512)
def compile_safe(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """Vet and compile ``pattern`` (cached: each pattern is compiled once)."""
    check_pattern(pattern)
    try:
        return re.compile(pattern, flags)
    except (re.error, RecursionError, OverflowError) as exc:  # pragma: no cover - parse already passed
        raise UnsafeRegex("syntax", pattern, str(exc)) from None


def search(pattern: str, text: str, flags: int = 0) -> re.Match[str] | None:
    """``compile_safe(pattern).search`` on at most :data:`MAX_TEXT_LENGTH` characters of ``text``."""
    return compile_safe(pattern, flags).search(text[:MAX_TEXT_LENGTH])
