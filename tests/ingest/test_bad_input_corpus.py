"""The bad-input corpus: every case yields its specific INP code, never an exception.

Small cases are files in ``tests/bad_inputs/``; big or binary-heavy ones are
generated here.  Each problem's message must render completely (every
``{field}`` of its template filled) in both languages.
"""

from __future__ import annotations

import re
import string
import time
import tomllib
from pathlib import Path

import pytest
from support.bad_inputs import BAD, EXPECTED

from perflint.domain.problems import InputProblem
from perflint.ingest.files import FileResult, ReadOptions, load_bytes, load_file
from perflint.messages import render
from perflint.resources import rules_dir


def _templates() -> dict[str, dict]:
    out = {}
    for path in sorted(rules_dir().rglob("*.toml")):
        data = tomllib.loads(path.read_text("utf-8"))
        if data.get("kind") == "input":  # input problems and the reading notes rendered like them
            out[data["code"]] = data
    return out


TEMPLATES = _templates()


def assert_renders(problem: InputProblem) -> None:
    """The problem's template exists in both languages and every field is filled."""
    rule = TEMPLATES[problem.code]
    template = rule["message"] if problem.variant is None else rule["messages"][problem.variant]
    for lang in ("zh", "en"):
        fields = {f for _, f, _, _ in string.Formatter().parse(template[lang]) if f}
        missing = fields - set(problem.args)
        assert not missing, (problem.code, problem.variant, lang, missing)
        text = render(template[lang], problem.args)
        assert not re.search(r"\{[a-z_]+\}", text), text


def check(result: FileResult, expected: list[tuple[str, str | None]], count: int) -> None:
    # input problems only: the reading notes (SRC002, DOC001) are pinned in tests/ingest/test_reading.py
    assert [(p.code, p.variant) for p in result.problems if p.code.startswith("INP")] == expected
    assert len(result.declarations) == count
    for problem in result.problems:
        assert problem.path == result.path
        assert_renders(problem)


def test_every_corpus_file_is_listed() -> None:
    assert sorted(p.name for p in BAD.iterdir() if p.is_file()) == sorted(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_corpus_case(name: str) -> None:
    expected, count = EXPECTED[name]
    check(load_file(str(BAD / name)), expected, count)


def test_unreadable_path_and_directory(tmp_path: Path) -> None:
    check(load_file(str(tmp_path / "missing.txt")), [("INP001", "not-found")], 0)
    check(load_file(str(tmp_path)), [("INP001", "is-directory")], 0)
    check(load_file(str(tmp_path / "nul\0name.txt")), [("INP001", "os-error")], 0)


def test_permission_denied(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "locked.txt"
    target.write_text("专项资金绩效目标申报表\n", "utf-8")
    real_open = open

    def deny(path, *args, **kwargs):
        if str(path) == str(target):
            raise PermissionError(13, "Permission denied")
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr("builtins.open", deny)
    check(load_file(str(target)), [("INP001", "permission")], 0)


def test_unreadable_directory(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("os.access", lambda *a, **k: False)
    check(load_file(str(tmp_path)), [("INP001", "unreadable-directory")], 0)


def test_file_over_the_size_limit(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    big.write_bytes(b"x" * 2048)
    result = load_file(str(big), ReadOptions(max_bytes=1024))
    check(result, [("INP006", None)], 0)
    assert result.problems[0].args == {"size": 2048, "limit": 1024}
    # exactly at the limit is fine (and then simply not a declaration)
    check(load_file(str(big), ReadOptions(max_bytes=2048)), [("INP003", "no-labels")], 0)
    check(load_bytes(b"x" * 10, "mem.txt", ReadOptions(max_bytes=5)), [("INP006", None)], 0)


@pytest.mark.slow  # worker processes over many files / a megabyte: CI's slow suite
def test_one_megabyte_single_line_is_quick() -> None:
    line = ("项目名称示例文字，" * 40_000).encode("utf-8")[: 1 << 20]
    line = line.decode("utf-8", "ignore").encode("utf-8")
    start = time.perf_counter()
    result = load_bytes(line, "long.txt")
    assert time.perf_counter() - start < 10
    assert all(p.code in ("INP003",) for p in result.problems if p.code.startswith("INP"))


def test_very_deep_json_array_file(tmp_path: Path) -> None:
    deep = tmp_path / "deep.json"
    deep.write_text("[" * 100_000 + "]" * 100_000, "utf-8")
    result = load_file(str(deep))
    check(result, [("INP007", None)], 0)
    assert result.problems[0].args["limit"] == 64
    # a raised limit is capped (schema validation recurses once per level)
    capped = load_file(str(deep), ReadOptions(max_json_depth=200_000))
    assert [(p.code, p.args["limit"]) for p in capped.problems] == [("INP007", 128)]
    nested = "[" * 100 + "]" * 100
    assert [p.code for p in load_bytes(nested.encode(), "n.json", ReadOptions(max_json_depth=100)).problems] == [
        "INP005"
    ]


def test_gbk_file_forced_as_utf8_names_the_right_encoding() -> None:
    result = load_file(str(BAD / "gbk-form.txt"), ReadOptions(encoding="utf-8"))
    check(result, [("INP002", "forced-hint")], 0)
    assert result.problems[0].args["guess"] == "gb18030"
    assert result.problems[0].args["line"] == 1
    ok = load_file(str(BAD / "gbk-form.txt"), ReadOptions(encoding="gbk"))
    check(ok, [], 1)
    assert ok.encoding == "gb18030"


def test_unknown_forced_encoding() -> None:
    check(
        load_file(str(BAD / "gbk-form.txt"), ReadOptions(encoding="no-such-codec")), [("INP002", "unknown-encoding")], 0
    )


def test_utf8_forced_on_a_utf8_file_with_bom() -> None:
    data = b"\xef\xbb\xbf" + "专项资金绩效目标申报表\n\t专项名称\n\t示例\n".encode()
    result = load_bytes(data, "bom.txt", ReadOptions(encoding="utf-8"))
    assert [p for p in result.problems if p.code.startswith("INP")] == [] and result.text.startswith("专项")


def test_nul_bytes_late_in_the_file() -> None:
    data = "专项资金绩效目标申报表\n".encode() * 2000 + b"\x00\x00"
    check(load_bytes(data, "late-nul.txt"), [("INP008", None)], 0)


def test_undecodable_noise() -> None:
    noise = bytes(range(128, 256)) * 8
    check(load_bytes(noise, "noise.txt"), [("INP002", None)], 0)


def test_json_content_in_a_txt_file_is_read_as_json() -> None:
    result = load_bytes('{"form_type": "专项资金", "name": "河道保洁"}'.encode(), "exported.txt")
    check(result, [], 1)
    assert result.declarations[0].source.layout == "json"


def test_same_form_twice_names_both_places() -> None:
    result = load_file(str(BAD / "same-form-twice.txt"))
    (problem,) = [p for p in result.problems if p.code.startswith("INP")]
    assert problem.args["first"] == 1 and problem.args["second"] == 2
    assert problem.args["first_line"] == 1 and problem.args["line"] == 12
    assert problem.declaration == 1


def test_file_result_readable_flag() -> None:
    assert not load_file(str(BAD / "picture-named.txt")).readable
    assert not load_file(str(BAD / "trailing-comma.json")).readable
    assert load_file(str(BAD / "lines-one-bad.jsonl")).readable  # two lines were read
    assert load_file(str(BAD / "stray-byte.txt")).readable


def test_undecodable_file_name_is_shown_escaped(tmp_path: Path) -> None:
    import os

    raw = os.fsencode(str(tmp_path)) + b"/\xff\xfe-form.txt"
    try:
        with open(raw, "wb") as fh:
            fh.write("专项资金绩效目标申报表\n\t专项名称\n\t示例\n".encode())
    except OSError:
        pytest.skip("file system refuses non-UTF-8 names")
    name = os.fsdecode(raw)
    result = load_file(name)
    assert result.declarations and "\\xff\\xfe-form.txt" in result.path
    result.path.encode("utf-8")  # printable everywhere
    assert result.declarations[0].source.path == result.path
