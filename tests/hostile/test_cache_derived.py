"""perflint's derived caches -- the parsed rules, the dictionary index -- are untrusted too,
and ``--cache-dir`` / ``--no-cache`` govern every cache.

Before: a full dictionary index (no empty slot) made every lookup loop for ever, on every
run, ``--no-cache`` included; a parse-cache entry nested thousands deep crashed every
run; ``--no-cache`` still wrote 12 MB to ``~/.cache/perflint`` and the parsed rules
ignored ``--cache-dir``.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from array import array
from pathlib import Path

import pytest
from support.paths import EXAMPLES

from perflint.catalog.loader import Catalog
from perflint.checks.analysis import segment
from perflint.resources import CACHE_ENV, rules_dir

FORM = EXAMPLES / "bundle-qingxi-2020.txt"
_SMALL_DICT = "中华 30 ns\n华人 20 n\n人民 40 n\n中华人民 5 nz\n共和国 10 n\n"


@pytest.fixture
def alarm():
    """Fail instead of hanging: SIGALRM after 10 seconds."""
    if not hasattr(signal, "setitimer"):
        pytest.skip("needs SIGALRM")

    def expire(signum, frame):
        raise TimeoutError("did not finish")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, 10)
    yield
    signal.setitimer(signal.ITIMER_REAL, 0)
    signal.signal(signal.SIGALRM, previous)


def _slots(data: bytearray) -> tuple[int, array]:
    """Where the slot array of an index starts, and the slots."""
    _, key_len, _, nslots, _, tags_len, _ = segment._HEADER.unpack_from(data, 0)
    start = segment._HEADER.size + key_len + tags_len
    return start, array(segment._SLOT, data[start : start + 4 * nslots])


def test_a_full_dictionary_index_cannot_loop(tmp_path: Path, alarm: None) -> None:
    dictionary, cache = tmp_path / "dict.txt", tmp_path / "cache"
    dictionary.write_text(_SMALL_DICT, "utf-8")
    path = segment.load(dictionary, cache).path
    assert path is not None
    data = bytearray(path.read_bytes())
    start, slots = _slots(data)
    some = next(off for off in slots if off)
    for i in range(len(slots)):  # every slot taken: no probe ends on an empty one
        slots[i] = some
    data[start : start + 4 * len(slots)] = slots.tobytes()
    path.write_bytes(bytes(data))
    lex = segment.load(dictionary, cache)
    assert lex.source == "index"
    assert lex.entry("不在词典里") is None


def test_offsets_and_tags_outside_the_index_are_no_words(tmp_path: Path) -> None:
    dictionary, cache = tmp_path / "dict.txt", tmp_path / "cache"
    dictionary.write_text(_SMALL_DICT, "utf-8")
    path = segment.load(dictionary, cache).path
    assert path is not None
    data = bytearray(path.read_bytes())
    start, slots = _slots(data)
    for i in range(len(slots)):
        slots[i] = 0xFFFFFFF0 if slots[i] else 0
    data[start : start + 4 * len(slots)] = slots.tobytes()
    path.write_bytes(bytes(data))
    lex = segment.load(dictionary, cache)
    assert lex.entry("华人") is None and lex.pieces("中华人民") is not None


def _parse_cache(tmp_path: Path) -> tuple[Path, Catalog]:
    cache = tmp_path / "cache"
    honest = Catalog.load(trusted=[rules_dir()], cache_dir=cache)
    (entry,) = (cache / "catalog").glob("*.json")
    return entry, honest


def _same(a: Catalog, b: Catalog) -> None:
    assert sorted(a.rules) == sorted(b.rules)
    assert {c: (r.severity, r.params) for c, r in a.rules.items()} == {
        c: (r.severity, r.params) for c, r in b.rules.items()
    }
    assert a.settings == b.settings


@pytest.mark.parametrize("poison", ["deep", "nested", "nan", "huge"])
def test_a_poisoned_parse_cache_is_not_used(tmp_path: Path, poison: str, alarm: None) -> None:
    entry, honest = _parse_cache(tmp_path)
    doc = json.loads(entry.read_text("utf-8"))
    rule = next(name for name in doc["files"] if name.endswith(".toml") and "params" in doc["files"][name])
    doc["files"][rule]["params"] = {"x": "POISON"}
    text = json.dumps(doc, ensure_ascii=False)
    value = {
        "deep": "[" * 100_000 + "]" * 100_000,  # crashed every run (RecursionError)
        "nested": "[" * 40 + "]" * 40,
        "nan": "NaN",
        "huge": json.dumps(["较"] * 2_000_000, ensure_ascii=False),
    }[poison]
    entry.write_text(text.replace('"POISON"', value), "utf-8")
    again = Catalog.load(trusted=[rules_dir()], cache_dir=tmp_path / "cache")
    _same(again, honest)


def test_an_honest_parse_cache_is_used(tmp_path: Path) -> None:
    entry, honest = _parse_cache(tmp_path)
    before = entry.stat().st_mtime_ns
    _same(Catalog.load(trusted=[rules_dir()], cache_dir=tmp_path / "cache"), honest)
    assert entry.stat().st_mtime_ns == before  # read, not written again


def _run(tmp_path: Path, *args: str) -> subprocess.CompletedProcess:
    home = tmp_path / "home"
    home.mkdir(exist_ok=True)
    env = {k: v for k, v in os.environ.items() if k != CACHE_ENV}
    env.update(HOME=str(home), XDG_CACHE_HOME=str(home / ".cache"), NO_COLOR="1")
    return subprocess.run(
        [sys.executable, "-m", "perflint", "check", *args, str(FORM)],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def _files(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*"))


@pytest.mark.slow
def test_no_cache_writes_nothing_anywhere(tmp_path: Path) -> None:
    done = _run(tmp_path, "--no-cache")
    assert done.returncode == 1, done.stderr
    assert _files(tmp_path / "home") == []
    assert _files(tmp_path) == ["home"]


@pytest.mark.slow
def test_every_cache_follows_cache_dir(tmp_path: Path) -> None:
    done = _run(tmp_path, "--cache-dir", "here")
    assert done.returncode == 1, done.stderr
    assert _files(tmp_path / "home") == []
    names = {p.split(os.sep)[0] for p in _files(tmp_path / "here")}
    assert {"CACHEDIR.TAG", "results", "catalog", "lexicon"} <= names


def test_a_parse_cache_entry_of_the_wrong_shape_is_read_again(tmp_path: Path) -> None:
    """A rule or profile of the wrong shape in the parse cache made every run fail with a
    catalog error blaming perflint's own rule files; the files are read again instead."""
    entry, honest = _parse_cache(tmp_path)
    doc = json.loads(entry.read_text("utf-8"))
    rule = next(name for name in doc["files"] if name.endswith(".toml") and "params" in doc["files"][name])
    profile = next(name for name in doc["files"] if name.startswith("profiles/"))
    doc["files"][rule] = {"name": 5, "kind": ["x"]}
    doc["files"][profile] = {"name": None, "settings": "x"}
    entry.write_text(json.dumps(doc, ensure_ascii=False), "utf-8")
    _same(Catalog.load(trusted=[rules_dir()], cache_dir=tmp_path / "cache"), honest)
