"""A hostile configuration is a clear error (exit 2) naming the file and the key, never a traceback.

Each case used to fail: 5,000 nested arrays in ``perflint.toml`` or ``--settings`` gave a
RecursionError and exit 1; ``max-file-size = 99999999999999999999`` and ``nan`` weights
gave internal errors; ``nan`` thresholds and negative tolerances were taken silently;
``--encoding rot13`` (or zlib, base64, hex) was an internal error.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from support.paths import EXAMPLES
from typer.testing import CliRunner

from perflint.cli import app
from perflint.ingest.files import ReadOptions, load_file

CLEAN = EXAMPLES / "clean-library-2023.txt"
runner = CliRunner()


def check(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, *args: str, config: str | None = None):
    monkeypatch.chdir(tmp_path)
    if config is not None:
        (tmp_path / "perflint.toml").write_text(config, "utf-8")
    return runner.invoke(app, ["check", "--no-cache", "--lang", "en", *args, str(CLEAN)])


def assert_config_error(result, *words: str) -> None:
    out = result.output
    assert result.exit_code == 2, out
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert "Traceback" not in out and "internal error" not in out and "内部错误" not in out, out
    for word in words:
        assert word in out, out


DEEP = "[" * 5000 + "]" * 5000


def test_thousands_of_nested_arrays_in_the_file(tmp_path, monkeypatch):
    result = check(tmp_path, monkeypatch, config=f"[settings]\nx = {DEEP}\n")
    assert_config_error(result, "perflint.toml", "nested")


def test_nested_arrays_that_parse_are_refused_before_anything_recurses(tmp_path, monkeypatch):
    deep = "[" * 300 + "]" * 300
    result = check(tmp_path, monkeypatch, config=f"[settings]\nsatisfaction_min_percent = {deep}\n")
    assert_config_error(result, "perflint.toml", "settings.satisfaction_min_percent", "nested")


def test_thousands_of_nested_arrays_in_settings(tmp_path, monkeypatch):
    result = check(tmp_path, monkeypatch, "--settings", f"x={DEEP}")
    assert_config_error(result, "--settings", "nested")


@pytest.mark.parametrize(
    ("config", "key"),
    [
        ("max-file-size = 99999999999999999999\n", "max-file-size"),
        ("time-limit = nan\n", "time-limit"),
        ("[grade]\nweights = { error = nan }\n", "grade.weights.error"),
        ("[grade]\ncaps = { warning = inf }\n", "grade.caps.warning"),
        ('[grade]\nbands = { "优" = nan }\n', "grade.bands.优"),
        ("[settings]\nsatisfaction_min_percent = nan\n", "settings.satisfaction_min_percent"),
        ("[settings]\nsatisfaction_min_percent = -5\n", "settings.satisfaction_min_percent"),
        ("[settings]\namount_tolerance_wan = -1\n", "settings.amount_tolerance_wan"),
        ("[settings]\nsimilarity_threshold = 2\n", "settings.similarity_threshold"),
        ("[rules.XF005]\nthreshold = nan\n", "rules.XF005.threshold"),
        ("[rules.REL002]\nsimilarity = -inf\n", "rules.REL002.similarity"),
    ],
)
def test_numbers_are_checked_for_type_range_and_finiteness(tmp_path, monkeypatch, config, key):
    assert_config_error(check(tmp_path, monkeypatch, config=config), "perflint.toml", f"[{key}]")


@pytest.mark.parametrize(
    "args", [("--settings", "amount_tolerance_wan=-3"), ("--settings", "similarity_threshold=nan")]
)
def test_settings_on_the_command_line_are_checked_too(tmp_path, monkeypatch, args):
    assert_config_error(check(tmp_path, monkeypatch, *args), "--settings")


def test_a_huge_max_file_size_on_the_command_line(tmp_path, monkeypatch):
    result = check(tmp_path, monkeypatch, "--max-file-size", "99999999999999999999")
    assert_config_error(result, "--max-file-size")


def test_sensible_numbers_still_load(tmp_path, monkeypatch):
    config = "time-limit = 5.5\nmax-file-size = 1000000\n[settings]\nsatisfaction_min_percent = 90\n"
    config += "amount_tolerance_wan = 0\n[grade]\nweights = { error = 25.5 }\n"
    result = check(tmp_path, monkeypatch, config=config)
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize("codec", ["rot13", "zlib", "base64", "hex", "no-such-codec"])
def test_encoding_accepts_text_encodings_only(tmp_path, monkeypatch, codec):
    assert_config_error(check(tmp_path, monkeypatch, "--encoding", codec), "--encoding", codec)


def test_a_binary_codec_is_an_input_problem_for_the_library():
    result = load_file(str(CLEAN), ReadOptions(encoding="rot13"))
    assert [p.code for p in result.problems] == ["INP002"]
    assert not result.declarations


def test_a_text_encoding_is_still_accepted(tmp_path, monkeypatch):
    assert check(tmp_path, monkeypatch, "--encoding", "utf-8").exit_code == 0
