"""Every regular expression perflint itself compiles is in the vetted subset of
:mod:`perflint.safe_regex`, or is listed here with the reason it may stay outside;
and none of them backtracks catastrophically on long adversarial text.

The subset is what user-supplied patterns must meet.  The built-in patterns that
predate it are listed by module and name with why they are tolerable; a new
pattern outside the subset fails :func:`test_every_builtin_pattern_is_vetted_or_allowed`
until it is rewritten (usually ``\\s*X?\\s*`` → ``\\s*(?:X\\s*)?``) or listed with a reason.
Quadratic behaviour of a search over a very long run of one character remains
possible for the listed ones; the per-file time limit (PL002) bounds it.
"""

from __future__ import annotations

import importlib
import pkgutil
import re
import signal
import time
from collections.abc import Iterator

import pytest

import perflint
from perflint.safe_regex import UnsafeRegex, check_pattern

#: two repetitions over the same characters meet (\s*…\s*, \d+…\d*): polynomial at worst on a
#: long run of one character, never exponential; timed below, bounded by the time limit
ADJACENT_QUANTIFIERS = "adjacent repetitions: polynomial at worst on a run of one character; timed below"
#: (.)\1-style: a doubled character, one character back: linear
BACKREFERENCE = "a backreference to one character just matched (a doubled character): linear"
#: a long alternation of literal words (page chrome, field addresses): no repetition inside
TOO_LONG = "a long list of literal alternatives, longer than a user pattern may be"
#: \d{1,3}(?:,\d{3})+: the inner count is bounded and a comma separates the repetitions
NESTED_QUANTIFIER = "digit groups separated by a literal comma: each split is forced, linear"

ALLOWED: dict[tuple[str, str], str] = {
    ("perflint.checks.analysis.dates", "_DATE_PIECE"): ADJACENT_QUANTIFIERS,
    ("perflint.checks.analysis.dates", "_MONTH_END"): ADJACENT_QUANTIFIERS,
    ("perflint.checks.analysis.dates", "_PARTS"): ADJACENT_QUANTIFIERS,
    ("perflint.checks.analysis.dates", "_PIECE"): BACKREFERENCE,
    ("perflint.checks.analysis.fields", "_ADDRESS"): TOO_LONG,
    ("perflint.checks.analysis.measure", "_HINT"): ADJACENT_QUANTIFIERS,
    ("perflint.checks.analysis.measure", "_HINT_STRIP"): ADJACENT_QUANTIFIERS,
    ("perflint.checks.analysis.measure", "_NUMBERING"): ADJACENT_QUANTIFIERS,
    ("perflint.checks.analysis.measure", "_PER_PERIOD_PREFIX"): ADJACENT_QUANTIFIERS,
    ("perflint.checks.analysis.values", "_ANY_REMNANT"): ADJACENT_QUANTIFIERS,
    ("perflint.checks.analysis.values", "_NAME_UNIT"): ADJACENT_QUANTIFIERS,
    ("perflint.checks.analysis.values", "_NUM"): TOO_LONG,
    ("perflint.checks.analysis.values", "_RANGE"): ADJACENT_QUANTIFIERS,
    ("perflint.checks.analysis.values", "_REMNANT_PATTERNS[5]"): ADJACENT_QUANTIFIERS,
    ("perflint.checks.budget", "_TYPED_TWICE"): BACKREFERENCE,
    ("perflint.checks.completeness", "_DEFAULT_BASIS_RX[1]"): ADJACENT_QUANTIFIERS,
    ("perflint.checks.completeness", "_DEFAULT_BASIS_RX[2]"): ADJACENT_QUANTIFIERS,
    ("perflint.checks.completeness", "_DEFAULT_BASIS_RX[3]"): ADJACENT_QUANTIFIERS,
    ("perflint.checks.completeness", "_DEFAULT_BASIS_RX[4]"): ADJACENT_QUANTIFIERS,
    ("perflint.checks.completeness", "_PHONE"): ADJACENT_QUANTIFIERS,
    ("perflint.checks.consistency", "_GOAL_SHARE"): ADJACENT_QUANTIFIERS,
    ("perflint.checks.consistency", "_TRAILING"): ADJACENT_QUANTIFIERS,
    ("perflint.checks.cost", "_PER_UNIT_FIGURE"): ADJACENT_QUANTIFIERS,
    ("perflint.checks.indicators", "_INPUT"): ADJACENT_QUANTIFIERS,
    ("perflint.checks.placeholders", "_MASKED_NUMBER"): ADJACENT_QUANTIFIERS,
    ("perflint.checks.relevance", "_RANGE"): ADJACENT_QUANTIFIERS,
    ("perflint.checks.text", "_DUP"): BACKREFERENCE,
    ("perflint.domain.dates", "_BLANK_DATE"): ADJACENT_QUANTIFIERS,
    ("perflint.domain.dates", "_NUM_DATE"): ADJACENT_QUANTIFIERS,
    ("perflint.domain.vocab", "_LIST_ITEM"): ADJACENT_QUANTIFIERS,
    ("perflint.ingest.build", "_DATE_TEMPLATE"): ADJACENT_QUANTIFIERS,
    ("perflint.ingest.build", "_ENUM_HEAD"): ADJACENT_QUANTIFIERS,
    ("perflint.ingest.build", "_LINE_PART"): ADJACENT_QUANTIFIERS,
    ("perflint.ingest.build", "_PLAIN_AMOUNT"): NESTED_QUANTIFIER,
    ("perflint.ingest.build", "_PROSE_HEAD_LINE"): ADJACENT_QUANTIFIERS,
    ("perflint.ingest.build", "_PROSE_ITEM"): ADJACENT_QUANTIFIERS,
    ("perflint.ingest.build", "_PROSE_PART"): ADJACENT_QUANTIFIERS,
    ("perflint.ingest.build", "_TABLE_END"): TOO_LONG,
    ("perflint.ingest.build", "_TRAILING_VALUE"): ADJACENT_QUANTIFIERS,
    ("perflint.ingest.build", "_VALUE_LIKE"): ADJACENT_QUANTIFIERS,
    ("perflint.ingest.cells", "_AMOUNT_HEAD"): NESTED_QUANTIFIER,
    ("perflint.ingest.doctype", "_BLANK_YEAR"): ADJACENT_QUANTIFIERS,
    ("perflint.ingest.html", "_CHROME_LINE"): TOO_LONG,
    ("perflint.ingest.inline", "_PLACEHOLDER"): ADJACENT_QUANTIFIERS,
    ("perflint.ingest.layouts", "_TOKEN"): ADJACENT_QUANTIFIERS,
    ("perflint.ingest.layouts", "_YEAR_LINE"): ADJACENT_QUANTIFIERS,
    ("perflint.ingest.pdf", "_PAGE_NUMBER"): ADJACENT_QUANTIFIERS,
    ("perflint.ingest.reading", "_CHROME"): TOO_LONG,
    ("perflint.ingest.reading", "_CHROME_ANYWHERE"): ADJACENT_QUANTIFIERS,
    ("perflint.plugins", "_EP_VALUE_RE"): ADJACENT_QUANTIFIERS,
}


def builtin_patterns() -> Iterator[tuple[str, str, re.Pattern[str]]]:
    """(module, name, pattern) for every compiled pattern at module level in perflint
    (also inside module-level tuples, lists and dicts), each once."""
    seen: set[int] = set()
    for info in pkgutil.walk_packages(perflint.__path__, "perflint."):
        module = importlib.import_module(info.name)
        for name, value in sorted(vars(module).items()):
            items = [(name, value)]
            if isinstance(value, (tuple, list)):
                items = [(f"{name}[{i}]", v) for i, v in enumerate(value)]
            elif isinstance(value, dict):
                items = [(f"{name}[{k!r}]", v) for k, v in value.items()]
            for label, v in items:
                if isinstance(v, re.Pattern) and isinstance(v.pattern, str) and id(v) not in seen:
                    seen.add(id(v))
                    yield info.name, label, v


PATTERNS = list(builtin_patterns())


def test_the_collection_finds_the_patterns() -> None:
    names = {(m, n) for m, n, _ in PATTERNS}
    assert len(PATTERNS) > 150 and ("perflint.checks.analysis.values", "_RANGE") in names


def test_every_builtin_pattern_is_vetted_or_allowed() -> None:
    outside = []
    for module, name, pattern in PATTERNS:
        try:
            check_pattern(pattern.pattern)
        except UnsafeRegex as exc:
            if (module, name) not in ALLOWED:
                outside.append(f"{module}.{name}: {exc.reason} {pattern.pattern!r}")
    assert not outside, "\n".join(outside)


def test_the_allowed_list_names_existing_patterns() -> None:
    names = {(m, n) for m, n, _ in PATTERNS}
    assert not [key for key in ALLOWED if key not in names]


class _Overrun(Exception):
    pass


def _overrun(signum: int, frame: object) -> None:
    raise _Overrun


#: one character repeated, or a short unit: the shapes that make backtracking blow up
ATOMS = ["9", " ", "9 ", "a", "预", "（填写", "1.", "%", "\u3000", "\n", "-", "（", "*", "X", "|", "1\n"]


def _worst(pattern: re.Pattern[str], size: int, budget: float) -> tuple[float, str]:
    worst = (0.0, "")
    for atom in ATOMS:
        text = "9" + atom * (size // len(atom)) + "!"
        signal.setitimer(signal.ITIMER_REAL, budget * 4)
        start = time.thread_time()  # CPU time: other work on a busy machine does not count
        try:
            pattern.search(text)
            spent = time.thread_time() - start
        except _Overrun:
            spent = budget * 4
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
        worst = max(worst, (spent, atom))
    return worst


def _timed(size: int, budget: float) -> None:
    previous = signal.signal(signal.SIGALRM, _overrun)
    try:
        slow = []
        for module, name, pattern in PATTERNS:
            spent, atom = _worst(pattern, size, budget)
            if spent > budget:
                slow.append(f"{module}.{name}: {spent:.2f} s on {atom!r} × {size}")
    finally:
        signal.signal(signal.SIGALRM, previous)
    assert not slow, "\n".join(slow)


@pytest.mark.skipif(not hasattr(signal, "setitimer"), reason="needs SIGALRM")
def test_no_builtin_pattern_backtracks_badly_on_a_long_cell() -> None:
    # 1,000 characters, the length of a long cell: cubic or exponential shows here
    _timed(1_000, 0.25)


@pytest.mark.slow
@pytest.mark.skipif(not hasattr(signal, "setitimer"), reason="needs SIGALRM")
def test_no_builtin_pattern_backtracks_badly_on_a_long_paragraph() -> None:
    # quadratic (a search over a run of one character) passes, cubic or worse does not
    _timed(4_000, 2.0)
