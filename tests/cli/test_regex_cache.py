"""The compiled patterns kept between runs (perflint/_regex_cache.py): the same pattern
objects as :mod:`re` compiles, nothing trusted from a damaged file, written only where allowed."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from perflint import _regex_cache as rc
from perflint.engine.cache import clean

#: named groups, flags set in the pattern and by the caller, look-behind, Unicode classes,
#: a lone surrogate, bounded and unbounded repeats, alternation, a conditional-free backreference
PATTERNS: list[tuple[str, int]] = [
    (r"(?P<year>\d{4})年(?P<month>\d{1,2})月", 0),
    (r"(?i)total\s*[:：]\s*(\d+(?:\.\d+)?)\s*万元", 0),
    (r"^\s*[一二三四五六七八九十]+[、.]", re.MULTILINE),
    (r"(?<![\d.])(\d+)%", 0),
    (r"[\u4e00-\u9fff]{2,8}指标$", 0),
    (r"\ud800|x", 0),
    (r"(a)(b)?\1", re.IGNORECASE | re.DOTALL),
    (r"合计|小计|总计", 0),
    (r"\bword\b", re.ASCII),
]
SAMPLES = ["2019年12月", "TOTAL： 12.5万元", "三、目标", "增长15%", "产出数量指标", "\ud800x", "ABa", "小计", "a word"]


@pytest.fixture
def hooked(monkeypatch: pytest.MonkeyPatch):
    """A fresh hook state; re's own compile and cache restored afterwards."""
    from re import _compiler  # type: ignore[attr-defined]

    monkeypatch.setattr(_compiler, "compile", _compiler.compile)
    for name, value in (
        ("_table", {}),
        ("_age", {}),
        ("_used", set()),
        ("_new", 0),
        ("_file", None),
        ("_original", None),
    ):
        monkeypatch.setattr(rc, name, value)
    re.purge()
    yield
    re.purge()


def _fresh(monkeypatch: pytest.MonkeyPatch) -> None:
    """As a new process: re's compile back in place, nothing loaded."""
    from re import _compiler  # type: ignore[attr-defined]

    if rc._original is not None:
        _compiler.compile = rc._original
    for name, value in (
        ("_table", {}),
        ("_age", {}),
        ("_used", set()),
        ("_new", 0),
        ("_file", None),
        ("_original", None),
    ):
        monkeypatch.setattr(rc, name, value)
    re.purge()


def _compiled() -> list[re.Pattern[str]]:
    re.purge()
    return [re.compile(p, f) for p, f in PATTERNS]


def test_patterns_rebuilt_from_the_file_are_res_own(hooked, monkeypatch, tmp_path):
    from re import _compiler  # type: ignore[attr-defined]

    original = _compiler.compile
    expected = [original(p, f) for p, f in PATTERNS]
    rc.install(tmp_path)
    first = _compiled()
    assert rc._new == len(PATTERNS)
    assert rc.save(tmp_path, True)
    assert rc.cache_file(tmp_path).is_file()

    _fresh(monkeypatch)
    rc.install(tmp_path)
    assert len(rc._table) == len(PATTERNS)
    again = _compiled()
    assert rc._new == 0 and len(rc._used) == len(PATTERNS)  # every one from the file
    assert not rc.save(tmp_path, True)  # nothing new: nothing written
    for want, one, two in zip(expected, first, again):
        for got in (one, two):
            assert got == want and got.groupindex == want.groupindex and got.groups == want.groups
            assert got.flags == want.flags and got.pattern == want.pattern
            for text in SAMPLES:
                a, b = want.search(text), got.search(text)
                assert (a and (a.span(), a.groups())) == (b and (b.span(), b.groups()))


def _write(root: Path, doc: object) -> None:
    path = rc.cache_file(root)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(doc if isinstance(doc, str) else json.dumps(doc), "ascii")


@pytest.mark.parametrize(
    "damage",
    [
        "not json",
        "wrong python",
        "bad base64",
        "refused program",
        "odd length",
        "wrong group names",
        "bad age",
        "deep",
    ],
)
def test_a_damaged_file_is_a_miss(hooked, monkeypatch, tmp_path, damage):
    from re import _compiler  # type: ignore[attr-defined]

    original = _compiler.compile
    rc.install(tmp_path)
    _compiled()
    assert rc.save(tmp_path, True)
    doc = json.loads(rc.cache_file(tmp_path).read_text("ascii"))
    entries = doc["patterns"]
    if damage == "not json":
        doc = '{"identity": "'
    elif damage == "wrong python":
        doc["identity"] = "another python"
    elif damage == "bad base64":
        for e in entries:
            e[3] = "!!" + e[3]
    elif damage == "refused program":  # a program _sre's validator refuses
        for e in entries:
            e[3] = "AAAAAAEAAAACAAAA"
    elif damage == "odd length":
        for e in entries:
            e[3] = e[3][:-4] + "AA=="
    elif damage == "wrong group names":
        for e in entries:
            e[6] = e[6] + ["extra"]
    elif damage == "bad age":
        for e in entries:
            e[7] = -1 if e is entries[0] else "0"
    else:
        doc = "[" * 100_000 + "]" * 100_000
    _write(tmp_path, doc)

    _fresh(monkeypatch)
    rc.install(tmp_path)
    got = _compiled()
    for (p, f), pattern in zip(PATTERNS, got):
        want = original(p, f)
        assert pattern == want and pattern.groupindex == want.groupindex


def test_patterns_no_run_uses_leave_the_file(hooked, monkeypatch, tmp_path):
    """A pattern no run has used in MAX_AGE writes is left out: the file does not keep
    every version of every pattern it has seen (an upgrade, an edited rule pack)."""
    old = [("old-version-(\\d+)", 0), ("(?P<gone>rule pack)", re.IGNORECASE)]
    rc.install(tmp_path)
    for pattern, flags in [*PATTERNS, *old]:
        re.compile(pattern, flags)
    assert rc.save(tmp_path, True)
    for write in range(1, rc.MAX_AGE + 1):
        _fresh(monkeypatch)
        rc.install(tmp_path)
        _compiled()  # the current patterns, not the old ones
        re.compile(f"new-in-write-{write}")  # something new: the file is written again
        assert rc.save(tmp_path, True)
        doc = json.loads(rc.cache_file(tmp_path).read_text("ascii"))
        ages = {(e[0], e[1]): e[7] for e in doc["patterns"]}
        assert all(ages[key] == 0 for key in PATTERNS)
        if write < rc.MAX_AGE:
            assert all(ages[key] == write for key in old)
        else:
            assert not any(key in ages for key in old)
    assert ages[("new-in-write-1", 0)] == rc.MAX_AGE - 1  # used once, then aging too


def test_written_only_where_the_run_may_write(hooked, tmp_path):
    rc.install(tmp_path)
    _compiled()
    assert not rc.save(tmp_path, False)  # --no-cache, cache = false
    assert not rc.save(tmp_path / "elsewhere", True)  # --cache-dir chosen after start-up
    rc.discard()  # perflint clean
    assert not rc.save(tmp_path, True)
    assert not rc.cache_file(tmp_path).exists()


def test_clean_removes_the_file(hooked, tmp_path):
    rc.install(tmp_path)
    _compiled()
    assert rc.save(tmp_path, True)
    files, _ = clean(tmp_path)
    assert files == 2 and not tmp_path.exists()  # the file and CACHEDIR.TAG
