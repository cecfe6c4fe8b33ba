"""perflint.checks.analysis.segment: the same words, offsets, search words and tags as jieba
(``HMM=False``), from an index of jieba's dictionary built once per machine.

The reference is real jieba, on every text of the examples, the test inputs
and the rule files (their examples, messages and settings), and on generated strings that mix
dictionary words, Han characters, ASCII letters, digits, punctuation and
white space.  The index itself is checked against jieba's prefix dictionary
entry by entry; then rebuilding (changed dictionary, damaged file),
falling back to memory when the cache folder cannot be written, and two
processes building the same index at once.  A whole check run segments
without importing jieba at all.
"""

from __future__ import annotations

import json
import logging
import os
import re
import subprocess
import sys
import time
import tomllib
import unicodedata
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from support.paths import ROOT

from perflint.checks.analysis import segment

# -- the reference ---------------------------------------------------------------


@pytest.fixture(scope="module")
def jieba_ref() -> Any:
    import jieba
    import jieba.posseg

    jieba.setLogLevel(logging.WARNING)
    jieba.initialize()
    return jieba


def _reference(jieba: Any, text: str) -> tuple[list, list, list]:
    return (
        list(jieba.tokenize(text, HMM=False)),
        list(jieba.cut_for_search(text, HMM=False)),
        [(p.word, p.flag) for p in jieba.posseg.cut(text, HMM=False)],
    )


def _ours(text: str) -> tuple[list, list, list]:
    return segment.tokenize(text), segment.cut_for_search(text), segment.pos_cut(text)


def _assert_same(jieba: Any, text: str) -> None:
    ref, ours = _reference(jieba, text), _ours(text)
    for name, a, b in zip(("tokenize", "cut_for_search", "posseg"), ref, ours):
        assert b == a, f"{name} differs on {text!r}"
    assert segment.cut(text) == [w for w, _, _ in ref[0]]


# -- texts of the project ----------------------------------------------------------

_SEPARATORS = re.compile(r"[\t|｜,，:：;；]")


def _decode(data: bytes) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("gb18030", "replace")


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for k, v in value.items():
            yield str(k)
            yield from _strings(v)
    elif isinstance(value, list):
        for v in value:
            yield from _strings(v)


#: the hold-out sets being collected (``holdout`` in benchmarks/accuracy-floor.json): never read
_HELD_OUT = tuple(json.loads((ROOT / "benchmarks" / "accuracy-floor.json").read_text("utf-8")).get("holdout", ()))


def _project_texts(real_forms: bool = False) -> list[str]:
    """Every line and cell of the examples, bad inputs, test data and rules; the labelled
    real forms (tests/data/real, a few hundred pages) only with ``real_forms``."""
    texts: set[str] = set()
    files = [
        p
        for folder in ("examples", "tests/bad_inputs", "tests/data")
        for p in sorted((ROOT / folder).rglob("*"))
        if p.is_file()
        and p.stat().st_size < 400_000
        # text files (Word, Excel and PDF fixtures are zip or binary: their bytes are no text)
        and p.suffix.lower() not in (".docx", ".xlsx", ".xlsm", ".xls", ".pdf", ".doc", ".wps", ".et", ".zip", ".png")
        and (p.parent.name != "real" or (real_forms and p.suffix == ".txt" and not p.name.startswith(_HELD_OUT)))
    ]
    for path in files:
        text = _decode(path.read_bytes())
        if path.suffix == ".json":
            try:
                found = list(_strings(json.loads(text)))
            except ValueError:
                found = [text]
        else:
            found = [text]
        lines = [line for t in found for line in t.splitlines()]
        texts.update(lines)
        texts.update(cell for line in lines for cell in _SEPARATORS.split(line))
    for path in sorted((ROOT / "rules").rglob("*.toml")):
        for t in _strings(tomllib.loads(path.read_text("utf-8"))):
            texts.update(t.splitlines())
            texts.update(_SEPARATORS.split(t))
    # the checks segment compacted text (NFKC, no white space) too
    texts.update(["".join(ch for ch in unicodedata.normalize("NFKC", t) if not ch.isspace()) for t in texts])
    # a line break ends a block, so a text of several lines segments as its
    # lines do (and \r\n is among the edge cases)
    return sorted(t for t in texts if "\n" not in t)


@pytest.mark.slow  # 15,000 texts (about 5 s); the edge cases below stay in the default run
def test_project_texts_segment_like_jieba(jieba_ref: Any) -> None:
    texts = _project_texts()
    assert len(texts) > 1500
    for text in texts:
        _assert_same(jieba_ref, text)


@pytest.mark.slow
def test_real_forms_segment_like_jieba(jieba_ref: Any) -> None:
    """The same over the text of every labelled real form (about 25 s: the slow suite)."""
    texts = sorted(set(_project_texts(real_forms=True)) - set(_project_texts()))
    assert len(texts) > 1000
    for text in texts:
        _assert_same(jieba_ref, text)


def test_edge_cases_segment_like_jieba(jieba_ref: Any) -> None:
    for text in [
        "",
        " ",
        "\r\n",
        "\n\r",
        "\u3000",
        "\xa0x",
        "a\r\nb",
        "B超检查",
        "AT&T和c++及C#",
        "2024年完成3.5万元",
        "95%以上",
        "1-2月",
        "x_y.z",
        "\ufeff项目",
        "𠀀𠀁项目",
        "\ud800项目",
        "一万一千五百二十颗",
        "ａｂｃ１２３",
        "abc123中文def",
        "a1b2c3",
        "..%%--__",
        "　项 目　",
        "信息系统建设项目",
        "中华人民共和国国务院",
        "长江大桥南京市长",
        "十二五规划",
    ]:
        _assert_same(jieba_ref, text)


# -- generated strings ---------------------------------------------------------------


def _dictionary_words() -> list[str]:
    words = []
    with open(segment._jieba_dir() / "dict.txt", "rb") as f:
        for n, line in enumerate(f):
            if n % 401 == 0 or b"+" in line or b"." in line or (line[:1].isascii() and n % 7 == 0):
                words.append(line.split(b" ")[0].decode("utf-8"))
    return words


_WORDS = _dictionary_words()
_PIECES = st.one_of(
    st.sampled_from(_WORDS),
    st.sampled_from(["项目", "建设", "资金", "完成", "率", "达到", "万元", "年", "个", "以上", "≥", "%", "（", "）"]),
    st.text(
        alphabet="的一是在了不和有大这中人上为们地个用工时要动国产以我到他会作来分生对于学下级就年阶义发成部"
        "民可出能方进同行面说种过命度革而多子后自社加小机也经力线本电高量长党得实家定深法表着水理化争现所二起政三好"
        "十战无农使性前等反体合斗路图把结第里正新开论之物从当两些还天资事队批点育重其思与间内去因件日利相由压员气业代"
        "全组数果期导平各基或月毛然如应形想制心样干都向变关问比展那它最及外没看治提五解系林者米群头意只明四道马认次文"
        "通但条较克又公孔领军流入接席位情运器并飞原油放立题质指建区验活众很教决特此常石强极土少已根共直团统式转别造切"
        "九你取西持总料连任志观调七么山程百报更见必真保热委手改管处己将修支识病象几先老光专什六型具示复安带每东增则完"
        "风回南广劳轮科北打积车计给节做务被整联步类集号列温装即毫知轴研单色坚据速防史拉世设达尔场织历花受求传口断况采"
        "精金界品判参层止边清至万确究书术状厂须离再目海交权且儿青才证低越际八试规斯近注办布门铁需走议县兵固除般引齿千"
        "胜细影济白格效置推空配刀叶率述今选养德话查差半敌始片施响收华觉备名红续均药标记难存测士身紧液派准斤角降维板许"
        "破述技消底床田势端感往神便贺村构照容非搞亚磨族火段算适讲按值美态黄易彪服早班麦削信排台声该击素张密害侯草何树",
        min_size=1,
        max_size=6,
    ),
    st.text(alphabet="abcxyzABCXYZ0123456789", min_size=1, max_size=4),
    st.text(alphabet=" \t\r\n\u3000\xa0.,%-+#&_/：，。、；！？“”《》()（）[]【】~·", min_size=1, max_size=3),
)


_GENERATED = st.lists(_PIECES, max_size=12).map("".join)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_GENERATED)
def test_generated_strings_segment_like_jieba(jieba_ref: Any, text: str) -> None:
    _assert_same(jieba_ref, text)


@pytest.mark.slow  # 1,000 generated strings; the default run draws 100 of the same kind
@settings(max_examples=1000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_GENERATED)
def test_many_generated_strings_segment_like_jieba(jieba_ref: Any, text: str) -> None:
    _assert_same(jieba_ref, text)


# -- the index ----------------------------------------------------------------------


def _index_against_jieba(jieba_ref: Any, every: int) -> None:
    """The process-wide index holds jieba's dictionary: the same number of entries and total,
    and each ``every``-th word (every word when 1) with jieba's frequency and tag."""
    lex = segment.lexicon()
    assert lex.source in ("index", "built") and lex.path is not None and lex.path.is_file()
    table = segment._open_index(
        lex.path, segment._key(segment._jieba_dir() / "dict.txt", segment._jieba_version(segment._jieba_dir()))
    )
    assert table is not None and table.total == jieba_ref.dt.total
    freq = jieba_ref.dt.FREQ
    tags = jieba_ref.posseg.dt.word_tag_tab
    assert table.entries == len(freq)  # no entry more, no entry less
    find = table.find
    for n, (word, f) in enumerate(freq.items()):
        if n % every == 0:
            assert find(word) == (f, tags.get(word)), word
    for word in ["", "项目建设资金", "zzzz", "B", "超", "不存在的词语"]:
        assert find(word) == ((freq[word], tags.get(word)) if word in freq else None)


def test_index_holds_jiebas_prefix_dictionary(jieba_ref: Any) -> None:
    # each 10th of jieba's ~500,000 entries (words and prefixes, in dictionary order); the slow suite looks up all
    _index_against_jieba(jieba_ref, every=10)


@pytest.mark.slow  # all ~500,000 entries (1-3 s); the default run checks each 10th
def test_index_holds_every_entry_of_jiebas_prefix_dictionary(jieba_ref: Any) -> None:
    _index_against_jieba(jieba_ref, every=1)


def test_each_substring_is_looked_up_once() -> None:
    lex = segment.lexicon()
    lex.entry.cache_clear()
    lex.pieces.cache_clear()
    segment.pos_cut("信息系统建设项目信息系统")
    misses = lex.entry.cache_info().misses
    lex.pieces.cache_clear()
    segment.cut("信息系统建设项目信息系统")
    assert lex.entry.cache_info().misses == misses


_SMALL_DICT = """AB 3 eng
中华人民共和国 5 ns
中华 10 nz
华人 20 n
人民 30 n
共和国 12 n
国 40 n
共和 3 v
中 50 f
人 60 n
民 2 ng
和 70 c
信息系统 4 n
信息 25 n
系统 25 n
中华 11 nr
零词 0 n
"""


def _write_dict(path: Path, text: str, mtime: float | None = None) -> None:
    path.write_text(text, "utf-8")
    if mtime is not None:
        os.utime(path, (mtime, mtime))


def test_custom_dictionary_matches_jieba(tmp_path: Path, jieba_ref: Any) -> None:
    """Repeated words (last one wins, both count), a word after its own
    prefix, frequency 0: the index reproduces jieba's reading of them."""
    dictionary = tmp_path / "dict.txt"
    _write_dict(dictionary, _SMALL_DICT)
    tok = jieba_ref.Tokenizer(str(dictionary))
    tok.tmp_dir = str(tmp_path)
    pos = jieba_ref.posseg.POSTokenizer(tok)
    built = segment.load(dictionary, tmp_path / "cache")
    again = segment.load(dictionary, tmp_path / "cache")
    assert (built.source, again.source) == ("built", "index")
    tok.check_initialized()
    assert built.total == again.total == tok.total
    for word in list(tok.FREQ) + ["中华人", "零", "X"]:
        want = (tok.FREQ[word], pos.word_tag_tab.get(word)) if word in tok.FREQ else None
        assert built.entry(word) == again.entry(word) == want, word
    for text in ["中华人民共和国信息系统", "中华人民和AB零词", "人民共和国中华", "信息系统的信息"]:
        words = [w for w, _ in again.pieces(text)]
        assert words == tok.lcut(text, HMM=False)
        assert [(w, "eng" if e else (again.tag(w) or "x")) for w, e in again.pieces(text)] == [
            (p.word, p.flag) for p in pos.cut(text, HMM=False)
        ]


# A dictionary laid out unlike jieba's: more entries than the first table has slots (the
# table grows while it is built), a repeated word given a new tag (takes it), a prefix met
# before its word, a word longer than its
# prefixes' words, a character outside the BMP, digits and a word of frequency 0.
_GROWING_DICT = "".join(f"词{i:02d}号 {i + 1} n\n" for i in range(40)) + (
    "甲乙丙丁戊 7 n\n甲乙 3 v\n丙丁 2 a\n丙丁 4 d\n𠀀字 6 x\n𠀀 1 y\n2024 5 m\n零 0 n\n甲乙丙 1 q\n甲乙 9 v\n"
)


def test_index_built_in_its_compact_form_reads_as_jieba(tmp_path: Path, jieba_ref: Any) -> None:
    """The index is built straight from the dictionary's lines: the built (mapped) file, the
    same file found by a later process and the in-memory form (cache not writable) hold
    jieba's entries, total and tags, and segment alike."""
    dictionary = tmp_path / "dict.txt"
    _write_dict(dictionary, _GROWING_DICT)
    tok = jieba_ref.Tokenizer(str(dictionary))
    tok.tmp_dir = str(tmp_path)
    pos = jieba_ref.posseg.POSTokenizer(tok)
    tok.check_initialized()
    blocker = tmp_path / "a-file"
    blocker.write_text("x", "utf-8")
    built = segment.load(dictionary, tmp_path / "cache")
    again = segment.load(dictionary, tmp_path / "cache")
    kept = segment.load(dictionary, blocker / "cache")
    assert [lex.source for lex in (built, again, kept)] == ["built", "index", "memory"]
    assert built.path == again.path and built.path is not None
    table = segment._open_index(built.path, segment._key(dictionary, "custom"))
    assert table is not None and table.entries == len(tok.FREQ) and table.total == tok.total
    for lex in (built, again, kept):
        assert lex.total == tok.total
        for word in list(tok.FREQ) + ["甲乙丙丁戊己", "字", "X"]:
            want = (tok.FREQ[word], pos.word_tag_tab.get(word)) if word in tok.FREQ else None
            assert lex.entry(word) == want, (lex.source, word)
        for text in ["甲乙丙丁戊词07号2024", "丙丁甲乙零词39号", "词4号甲乙丙"]:
            assert [w for w, _ in lex.pieces(text)] == tok.lcut(text, HMM=False)
            assert [(w, "eng" if e else (lex.tag(w) or "x")) for w, e in lex.pieces(text)] == [
                (p.word, p.flag) for p in pos.cut(text, HMM=False)
            ]


def test_bad_dictionary_line_is_named(tmp_path: Path) -> None:
    dictionary = tmp_path / "dict.txt"
    _write_dict(dictionary, "中华 10 nz\n华人\n")
    with pytest.raises(ValueError, match="第 2 行") as info:
        segment.load(dictionary, tmp_path / "cache")
    assert str(dictionary) in str(info.value) and "line 2" in str(info.value)
    assert not list((tmp_path / "cache" / "lexicon").glob("*.lock"))


def _sample_texts() -> list[str]:
    """Every 5th line/cell of the real forms r1xx–r9xx (their .txt), and the seed's."""
    real = sorted((ROOT / "tests" / "data" / "real").glob("r[1-9][0-9][0-9]*.txt"))
    assert len(real) > 100 and not any(p.name.startswith(_HELD_OUT) for p in real)
    texts: set[str] = set()
    for path in real:
        for line in _decode(path.read_bytes()).splitlines():
            texts.add(line)
            texts.update(_SEPARATORS.split(line))
    sample = sorted(t for t in texts if t.strip())[::5]
    for line in (ROOT / "tests" / "data" / "seed" / "wangcheng-2019.txt").read_text("utf-8").splitlines():
        sample.append(line)
        sample.extend(_SEPARATORS.split(line))
    return sample


@pytest.mark.slow  # two builds of jieba's whole dictionary (~1.5 s each) and ~10,000 texts
def test_first_run_and_warm_run_segment_alike(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """jieba's dictionary through each path a run can take: built in an empty cache folder (a
    first run), found there (a warm run), kept in memory (cache not writable): the same
    tokens, search words and tags on a sample of the real forms' and the seed's text."""
    blocker = tmp_path / "a-file"
    blocker.write_text("x", "utf-8")
    lexicons = [
        segment.load(cache_dir=tmp_path / "cache"),
        segment.load(cache_dir=tmp_path / "cache"),
        segment.load(cache_dir=blocker / "cache"),
    ]
    assert [lex.source for lex in lexicons] == ["built", "index", "memory"]
    texts = _sample_texts()
    assert len(texts) > 2000
    results = []
    for lex in lexicons:
        monkeypatch.setattr(segment, "_lexicon", lex)
        results.append([(segment.tokenize(t), segment.cut_for_search(t), segment.pos_cut(t)) for t in texts])
    assert results[0] == results[1] == results[2]


_FIRST_RUN_MEMORY = """
import resource, sys
from perflint.checks.analysis import segment
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
lex = segment.load(cache_dir=sys.argv[1])
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
with open("/proc/self/status") as f:
    now = next(int(line.split()[1]) for line in f if line.startswith("VmRSS:"))
print(lex.source, (peak - before) // 1024, (now - before) // 1024)
"""


@pytest.mark.slow  # builds jieba's whole dictionary in a subprocess
@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc/self/status")
def test_first_run_holds_about_what_the_index_holds(tmp_path: Path) -> None:
    """Building the index in an empty cache folder costs a few times the index's size (12 MB;
    31 MB at the peak), not jieba's dictionary as Python strings (113 MB at the peak and 74 MB
    kept when the index was built from a dict), and keeps only the mapped file afterwards."""
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")]))
    out = subprocess.run(
        [sys.executable, "-c", _FIRST_RUN_MEMORY, str(tmp_path / "cache")],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=True,
    ).stdout.split()
    source, peak_mb, kept_mb = out[0], int(out[1]), int(out[2])
    assert source == "built"
    assert peak_mb < 60, f"first run: peak {peak_mb} MB above start-up"
    assert kept_mb < 20, f"first run: {kept_mb} MB kept after building"


def test_changed_dictionary_rebuilds(tmp_path: Path) -> None:
    dictionary, cache = tmp_path / "dict.txt", tmp_path / "cache"
    _write_dict(dictionary, _SMALL_DICT, mtime=1_700_000_000)
    first = segment.load(dictionary, cache)
    assert first.source == "built" and first.entry("新词") is None
    assert segment.load(dictionary, cache).source == "index"
    _write_dict(dictionary, _SMALL_DICT + "新词 9 n\n", mtime=1_700_000_100)
    second = segment.load(dictionary, cache)
    assert second.source == "built" and second.path != first.path
    assert second.entry("新词") == (9, "n") and second.total == first.total + 9
    # same size, only the time changes: still a new key
    _write_dict(dictionary, _SMALL_DICT + "新词 8 n\n", mtime=1_700_000_200)
    third = segment.load(dictionary, cache)
    assert third.source == "built" and third.path not in (first.path, second.path)
    assert third.entry("新词") == (8, "n")
    assert sorted(p.name for p in (cache / "lexicon").iterdir()) == sorted(
        p.name for p in (first.path, second.path, third.path)
    )  # no temporary or lock file left


def test_damaged_index_is_rebuilt(tmp_path: Path) -> None:
    dictionary, cache = tmp_path / "dict.txt", tmp_path / "cache"
    _write_dict(dictionary, _SMALL_DICT)
    path = segment.load(dictionary, cache).path
    assert path is not None
    data = path.read_bytes()
    for damaged in (data[: len(data) // 2], b"", b"x" * len(data), data[:8] + bytes(20) + data[28:]):
        path.write_bytes(damaged)
        lex = segment.load(dictionary, cache)
        assert lex.source == "built" and lex.entry("华人") == (20, "n")
        assert path.read_bytes() == data


def test_unwritable_cache_falls_back_to_memory(tmp_path: Path, jieba_ref: Any) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", "utf-8")
    dictionary = tmp_path / "dict.txt"
    _write_dict(dictionary, _SMALL_DICT)
    lex = segment.load(dictionary, blocker / "cache")
    assert lex.source == "memory" and lex.problem and lex.path is None
    assert lex.entry("华人") == (20, "n") and lex.entry("中华") == (11, "nr")
    # the process-wide lexicon, pointed at the same place: same results as jieba
    segment.set_cache_dir(blocker / "cache")
    try:
        assert segment.lexicon().source == "memory"
        for text in ["农村饮水安全巩固提升工程", "2024年完成3.5万元ABC项目建设，覆盖率≥95%"]:
            _assert_same(jieba_ref, text)
    finally:
        segment.set_cache_dir(None)
    assert segment.lexicon().source in ("index", "built")


def test_stale_or_abandoned_lock_does_not_block(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    dictionary, cache = tmp_path / "dict.txt", tmp_path / "cache"
    _write_dict(dictionary, _SMALL_DICT)
    lock = cache / "lexicon" / (segment._index_name(segment._key(dictionary, "custom"), "custom") + ".lock")
    lock.parent.mkdir(parents=True)
    lock.touch()
    old = time.time() - segment.LOCK_STALE - 10
    os.utime(lock, (old, old))
    assert segment.load(dictionary, cache).source == "built"
    assert not lock.exists()
    # a fresh lock whose builder never finishes: wait a little, then build
    (cache / "lexicon" / lock.name[: -len(".lock")]).unlink()
    lock.touch()
    monkeypatch.setattr(segment, "LOCK_WAIT", 0.2)
    assert segment.load(dictionary, cache).source == "built"


_BUILD = """
import sys
from perflint.checks.analysis import segment
lex = segment.load(cache_dir=sys.argv[1])
print(lex.source, segment.pos_cut("农村饮水安全巩固提升工程，覆盖率≥95%"))
"""


@pytest.mark.slow  # subprocesses or a browser: the slow suite (CI runs it)
def test_two_processes_building_at_once(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")]))
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", _BUILD, str(cache)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
        )
        for _ in range(2)
    ]
    outs = [p.communicate(timeout=120) for p in procs]
    assert [p.returncode for p in procs] == [0, 0], [err for _, err in outs]
    sources = sorted(out.split(" ", 1)[0] for out, _ in outs)
    assert sources in (["built", "index"], ["built", "built"])
    assert len({out.split(" ", 1)[1] for out, _ in outs}) == 1
    files = list((cache / "lexicon").iterdir())
    assert len(files) == 1 and files[0].suffix == ".idx"
    assert segment.load(cache_dir=cache).source == "index"


def test_word_segmentation_never_imports_jieba() -> None:
    """perflint.checks.analysis.segment reads jieba's dictionary through its own index: loading
    the kinds touches no dictionary, and a whole check run (REL001 segments
    every project name) imports no jieba module at all, jieba.posseg included."""
    code = (
        "import runpy, sys\n"
        "import perflint.checks as c, perflint.checks.analysis.segment as s\n"
        "c.register()\n"
        "print('after register:', s._lexicon is not None, file=sys.stderr)\n"
        "sys.argv = ['perflint', 'check', '--no-cache', sys.argv[1]]\n"
        "try:\n"
        "    runpy.run_module('perflint', run_name='__main__', alter_sys=True)\n"
        "except SystemExit:\n"
        "    pass\n"
        "print('after check:', s._lexicon is not None, file=sys.stderr)\n"
        "print('jieba modules:', sorted(m for m in sys.modules if m.partition('.')[0] == 'jieba'),"
        " file=sys.stderr)\n"
    )
    example = ROOT / "examples" / "clean-library-2023.txt"
    out = subprocess.run(
        [sys.executable, "-c", code, str(example)], check=False, capture_output=True, text=True, cwd=ROOT, timeout=120
    )
    lines = [line for line in out.stderr.splitlines() if line.startswith(("after", "jieba"))]
    assert lines == ["after register: False", "after check: True", "jieba modules: []"], out.stderr
