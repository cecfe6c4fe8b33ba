"""Regex parameters from packs: a vetted subset, compiled once, never catastrophic."""

from __future__ import annotations

import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from perflint.safe_regex import MAX_TEXT_LENGTH, REASONS, UnsafeRegex, check_pattern, compile_safe, search

ACCEPTED = [
    r"\d+(?:\.\d+)?\s*(?:万元|元)",
    r"^[≥≤<>=]?\s*\d+(?:\.\d+)?%$",
    r"〔\d{4}〕\d+号",
    r"《[^》]{1,40}》",
    r"(?:万元|元)*",
    r"(?=\d)\d+",
    r"(?:ab)+c",
    r"第\d+条",
    r"(?i)n/?a",
    r"(\d|x)*",
    r"\d+\.\d+",
    r"[^》]+》.*",
    r"\s*(?:\w+)",
]

REFUSED = [
    (r"(a+)+$", "nested-quantifier"),
    (r"(\w*\s?)*", "nested-quantifier"),
    (r"(?:\d+\s*)+$", "nested-quantifier"),
    (r"(\d{1,3},)*\d", "nested-quantifier"),
    (r"((ab)*c)*", "nested-quantifier"),
    (r"(?:a+){1,3}x", "nested-quantifier"),
    (r"(?:(a){1,3}b){1,3}", "nested-quantifier"),
    (r"(?:\d?.)*a", "nested-quantifier"),
    (r"(?:a?b)+$", "nested-quantifier"),
    (r"(a|a)*b", "ambiguous-alternation"),
    (r"^(a|a)*$", "ambiguous-alternation"),
    (r"(a|ab)*c", "ambiguous-alternation"),
    (r".*.*=", "adjacent-quantifiers"),
    (r"\w*\w*aa", "adjacent-quantifiers"),
    (r"\d+\.?\d+", "adjacent-quantifiers"),
    (r"\w*(\w+)x", "adjacent-quantifiers"),
    (r"a*(?:b|a+)", "adjacent-quantifiers"),
    (r"(?:a*a?)a?a?a\d", "adjacent-quantifiers"),
    (r"(\d\d|\s*)\s*x", "adjacent-quantifiers"),
    (r"a{1,3}.{1,3}(?:a|b)*\d", "adjacent-quantifiers"),
    (r"(.)\1", "backreference"),
    (r"(?P<y>\d)(?P=y)", "backreference"),
    (r"(a)?(?(1)b|c)", "backreference"),
    (r"a{1000}", "large-repeat"),
    ("x" * 300, "too-long"),
    (r"(unclosed", "syntax"),
]


@pytest.mark.parametrize("pattern", ACCEPTED)
def test_accepted(pattern: str) -> None:
    assert compile_safe(pattern) is compile_safe(pattern)  # compiled once


@pytest.mark.parametrize("pattern,reason", REFUSED)
def test_refused(pattern: str, reason: str) -> None:
    with pytest.raises(UnsafeRegex) as err:
        check_pattern(pattern)
    assert err.value.reason == reason
    for lang in ("zh", "en"):
        text = err.value.message(lang)
        assert text and "{" not in text


def test_every_reason_has_both_languages() -> None:
    for reason, texts in REASONS.items():
        assert set(texts) == {"zh", "en"}, reason


def test_search_caps_the_text() -> None:
    text = "a" * (MAX_TEXT_LENGTH + 10) + "万元"
    assert search(r"万元", text) is None
    assert search(r"\d+万元", "共556万元") is not None


ATOMS = ["a", "b", r"\d", r"\w", ".", "[ab]", "(?:a|b)", "(?:ab|c)", "(a)", r"\s"]
QUANTS = ["", "*", "+", "?", "{1,3}", "{2,}"]


@st.composite
def patterns(draw) -> str:
    def piece(depth: int) -> str:
        if depth < 2 and draw(st.booleans()):
            inner = "".join(piece(depth + 1) for _ in range(draw(st.integers(1, 3))))
            return f"(?:{inner}){draw(st.sampled_from(QUANTS))}"
        return draw(st.sampled_from(ATOMS)) + draw(st.sampled_from(QUANTS))

    return "".join(piece(0) for _ in range(draw(st.integers(1, 4))))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(patterns())
def test_accepted_patterns_never_backtrack_catastrophically(pattern: str) -> None:
    try:
        compiled = compile_safe(pattern)
    except UnsafeRegex:
        return
    for evil in ("a" * 2500 + "!", "ab" * 1250 + "!", "1 " * 1250 + "!", "aab" * 900):
        start = time.process_time()
        compiled.search(evil)
        assert time.process_time() - start < 1.0, pattern


@pytest.mark.fuzz
@settings(max_examples=5_000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(patterns())
def test_fuzz_accepted_patterns_never_backtrack_catastrophically(pattern: str) -> None:
    test_accepted_patterns_never_backtrack_catastrophically.hypothesis.inner_test(pattern)
