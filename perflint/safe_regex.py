"""Regular expressions from rule packs and configuration, vetted before use.

Rule packs and configs are data: nothing in them is evaluated, imported or
executed.  A check kind that takes a regular expression as a parameter must
compile it with :func:`compile_safe` (once, when the rule loads), never with
``re.compile`` directly.  The pattern must be in a vetted subset that cannot
backtrack catastrophically on the short texts of a declaration:

* at most :data:`MAX_PATTERN_LENGTH` characters;
* no backreferences (``\\1``, ``(?P=name)``) and no conditional groups
  (``(?(1)…)``), which make matching NP-hard in general;
* no nested quantifiers: inside any repetition that can match more than once
  (``*``, ``+``, ``{n,m}`` with m > 1) there may be no further repetition
  other than ``?``, and inside an unbounded one not even ``?`` — the classic
  ``(a+)+``, ``(\\w*\\s?)*``, ``(\\d{1,3},)*``, ``((a){1,3}){1,3}`` and
  ``(?:\\d?.)*a`` shapes;
* inside an unbounded quantifier, alternatives must be plain literals none of
  which is a prefix of another (``(?:万元|元)*`` is fine, ``(a|a)*`` and
  ``(a|ab)*`` are not);
* after an unbounded repetition, no further repetition (other than ``?``)
  that can match the same characters, unless something the first cannot
  match stands between them (``.*.*=``, ``\\w*\\w*x``, ``\\d+\\.?\\d+``,
  ``a*a{1,3}`` are refused; ``\\d+\\.\\d+`` and ``\\d+\\s*万元`` are fine);
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
from typing import Any

try:  # Python 3.11+
    # private modules: typeshed has no stubs for re._constants / re._parser
    from re import _constants as _c  # type: ignore[attr-defined]
    from re import _parser as _p  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - older layouts
    import sre_constants as _c
    import sre_parse as _p

MAX_PATTERN_LENGTH = 256
MAX_REPEAT_BOUND = 100
MAX_TEXT_LENGTH = 5_000

#: reason key → message template per language ({pattern} and {detail} are filled)
REASONS: dict[str, dict[str, str]] = {
    "too-long": {
        "zh": "正则表达式过长（{detail} 个字符，上限 {limit}）。",
        "en": "regular expression too long ({detail} characters, limit {limit}).",
    },
    "syntax": {"zh": "正则表达式语法错误：{detail}。", "en": "regular expression syntax error: {detail}."},
    "backreference": {
        "zh": "正则表达式不能使用反向引用或条件分组。",
        "en": "regular expressions may not use backreferences or conditional groups.",
    },
    "nested-quantifier": {
        "zh": "正则表达式中有嵌套的重复（如 (a+)+），可能导致灾难性回溯。",
        "en": "the regular expression nests repetitions (like (a+)+), which can backtrack catastrophically.",
    },
    "ambiguous-alternation": {
        "zh": "重复的分组中有可以相互重叠的选择分支（如 (a|ab)*），可能导致灾难性回溯。",
        "en": "a repeated group has overlapping alternatives (like (a|ab)*), which can backtrack catastrophically.",
    },
    "adjacent-quantifiers": {
        "zh": "正则表达式中两个重复可以匹配相同的字符且紧挨着（如 .*.* 或 \\w*\\w*），可能导致严重的回溯。",
        "en": "two repetitions that can match the same characters follow each other (like .*.* or \\w*\\w*), which can backtrack badly.",
    },
    "large-repeat": {
        "zh": "正则表达式的重复次数过大（{detail}，上限 {limit}）。",
        "en": "a repetition bound is too large ({detail}, limit {limit}).",
    },
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


#: one parsed node, ``(opcode, argument)``: the argument's shape depends on the
#: opcode (a ``(min, max, body)`` tuple for a repeat, ``(None, branches)`` for a
#: branch, a code point for a literal, …), which no static type can follow
_Node = tuple[Any, Any]


def _children(op: object, av: Any) -> list[list[_Node]]:
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


def _unbounded(op: object, av: Any) -> bool:
    return op in _REPEATS and (av[1] == _c.MAXREPEAT or av[1] > 1 and av[1] - av[0] > 10)


def _literal_string(items: list[_Node]) -> str | None:
    """The string a sub-pattern matches if it is a plain literal, else ``None``."""
    out: list[str] = []
    for op, av in items:
        if op != _c.LITERAL:
            return None
        out.append(chr(av))
    return "".join(out)


def _walk(items: list[_Node], pattern: str, inside_unbounded: bool, inside_repeat: bool = False) -> None:
    for op, av in items:
        if op in _BACKREFS:
            raise UnsafeRegex("backreference", pattern)
        if op in _REPEATS:
            low, high = av[0], av[1]
            for bound in (low, high):
                if bound != _c.MAXREPEAT and bound > MAX_REPEAT_BOUND:
                    raise UnsafeRegex("large-repeat", pattern, str(bound), MAX_REPEAT_BOUND)
            unbounded = _unbounded(op, av)
            if (unbounded or high > 1) and (inside_unbounded or inside_repeat):
                raise UnsafeRegex("nested-quantifier", pattern)
            if inside_unbounded:
                # even an optional part makes the repeated body match the same text
                # in several ways: (?:\d?.)*a splits "1111" 2^n ways before failing
                raise UnsafeRegex("nested-quantifier", pattern)
            _walk(list(av[2]), pattern, inside_unbounded or unbounded, inside_repeat or high > 1)
            continue
        if op == _c.BRANCH and inside_unbounded:
            words = [w for w in (_literal_string(list(branch)) for branch in av[1]) if w]
            if len(words) != len(av[1]):  # a branch that is not a non-empty literal
                raise UnsafeRegex("ambiguous-alternation", pattern)
            for a in words:
                for b in words:
                    if a is not b and b.startswith(a):
                        raise UnsafeRegex("ambiguous-alternation", pattern)
        for child in _children(op, av):
            _walk(child, pattern, inside_unbounded, inside_repeat)


# -- adjacent repetitions -------------------------------------------------------
#
# ``\w*\w*x`` or ``.*.*=`` backtrack polynomially (cubic with ``search``):
# two unbounded repetitions that can match the same characters, with nothing
# between them that the first cannot match.  Character sets are compared on
# a sample of the characters declarations are made of.

_SAMPLE = frozenset(
    [chr(c) for c in range(0x20, 0x7F)]
    + list("\t\n\u3000，。：；、（）《》〔〕％≥≤—…中文元万年月日号条项目资金")
    + list("０１２ａＡ\u00e9\u00a0")
)
_CATEGORY = {
    "CATEGORY_DIGIT": r"\d",
    "CATEGORY_NOT_DIGIT": r"\D",
    "CATEGORY_SPACE": r"\s",
    "CATEGORY_NOT_SPACE": r"\S",
    "CATEGORY_WORD": r"\w",
    "CATEGORY_NOT_WORD": r"\W",
    "CATEGORY_LINEBREAK": r"\n",
    "CATEGORY_NOT_LINEBREAK": r"[^\n]",
}


def _category(cat: object) -> frozenset[str]:
    rx = _CATEGORY.get(str(cat))
    if rx is None:
        return _SAMPLE
    compiled = re.compile(rx)
    return frozenset(ch for ch in _SAMPLE if compiled.fullmatch(ch))


def _charset(items: list[_Node]) -> frozenset[str] | None:
    """The sample characters a one-character sub-pattern matches, ``None`` if it is not one character."""
    if len(items) != 1:
        return None
    op, av = items[0]
    if op == _c.LITERAL:
        return frozenset({chr(av)})
    if op == _c.NOT_LITERAL:
        return _SAMPLE - {chr(av)}
    if op == _c.ANY:
        return _SAMPLE - {"\n"}
    if op == _c.CATEGORY:
        return _category(av)
    if op == _c.IN:
        negate = False
        out: set[str] = set()
        for iop, iav in av:
            if iop == _c.NEGATE:
                negate = True
            elif iop == _c.LITERAL:
                out.add(chr(iav))
            elif iop == _c.RANGE:
                out.update(ch for ch in _SAMPLE if iav[0] <= ord(ch) <= iav[1])
            elif iop == _c.CATEGORY:
                out.update(_category(iav))
            else:
                return _SAMPLE
        return frozenset(_SAMPLE - out if negate else out)
    if op == _c.SUBPATTERN:
        return _charset(list(av[-1]))
    return None


def _first(items: list[_Node]) -> frozenset[str]:
    """The sample characters a sub-pattern can start with (all of them when unsure)."""
    for op, av in items:
        if op in (_c.AT, _c.ASSERT, _c.ASSERT_NOT):
            continue
        single = _charset([(op, av)])
        if single is not None:
            return single
        if op in _REPEATS and av[0] >= 1:
            return _first(list(av[2]))
        if op == _c.SUBPATTERN:
            return _first(list(av[-1]))
        return _SAMPLE
    return _SAMPLE


def _check_adjacent(
    items: list[_Node], pattern: str, open_sets: list[frozenset[str]] | None = None
) -> list[frozenset[str]]:
    """Walk one sequence; return the repetitions still open at its end."""
    open_sets = [] if open_sets is None else open_sets
    for op, av in items:
        if op in (_c.AT, _c.ASSERT, _c.ASSERT_NOT):
            continue
        if op in _REPEATS:
            body = list(av[2])
            chars = _charset(body) or _SAMPLE
            if (_unbounded(op, av) or av[1] > 1) and any(chars & other for other in open_sets):
                raise UnsafeRegex("adjacent-quantifiers", pattern)
            if av[1] == 1 and av[0] == 0 and any(_first(body) & other for other in open_sets):
                # a*a?a?a: each optional part the open repetition could also take doubles the splits
                raise UnsafeRegex("adjacent-quantifiers", pattern)
            after_body = _check_adjacent(body, pattern, list(open_sets))
            if _unbounded(op, av) or av[1] > max(av[0], 1):
                # a variable count stays open: .{1,3}(?:a|b)* tries each split again
                open_sets = open_sets + [chars]
            elif av[0] >= 1:
                open_sets = after_body
            else:  # optional: either the body was skipped or it was matched
                open_sets = open_sets + [o for o in after_body if o not in open_sets]
            continue
        if op == _c.SUBPATTERN:  # a plain group is part of this sequence
            open_sets = _check_adjacent(list(av[-1]), pattern, open_sets)
            continue
        single = _charset([(op, av)])
        if single is not None:
            open_sets = [o for o in open_sets if o & single]
            continue
        after: list[frozenset[str]] = []
        for child in _children(op, av):  # alternatives: each continues this sequence
            for still in _check_adjacent(child, pattern, list(open_sets)):
                if still not in after:
                    after.append(still)  # (a|\s*)\s*x: what a branch leaves open stays open
        if op == _c.BRANCH:
            open_sets = after
    return open_sets


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
    _check_adjacent(list(parsed), pattern)


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
