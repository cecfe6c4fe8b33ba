"""What a file name or a JSON file claims cannot drive the terminal, forge output
lines, break XML or move findings to another path.

A name with ESC sequences used to be printed raw by the text format (and a
newline in it forged finding lines); JUnit was not well-formed XML with such a
name; a JSON file could set ``source.path`` to ``../../etc/passwd`` or to an
escape sequence, and SARIF results and GitHub annotations landed there.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from support.paths import ROOT

SEED = ROOT / "tests" / "data" / "seed" / "wangcheng-2019.txt"
NAME = "evil\x1b[31mRED\x1b]0;title\x07\nfake.txt:1:1  REQ001  错误  forged\x0b\u202e.txt"
RAW = ("\x1b", "\x07", "\x0b", "\u202e")


def perflint(cwd: Path, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONIOENCODING": "utf-8", "PERFLINT_TODAY": "2025-01-01", "NO_COLOR": "1"}
    return subprocess.run(
        [sys.executable, "-m", "perflint", *args], capture_output=True, env=env, cwd=cwd, timeout=120, text=True
    )


FORMATS = ["text", "github", "gitlab", "junit", "csv", "sarif", "json"]


@pytest.fixture(scope="module")
def named(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("named")
    (folder / NAME).write_text(SEED.read_text("utf-8"), "utf-8")
    return folder


@pytest.fixture(scope="module")
def outputs(named: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """Every format's report of the hostile name from one run: the text format on
    stdout (the terminal), the others through ``--report FORMAT:PATH``, which writes
    what ``--format FORMAT`` prints (tests/cli/test_cli_reports.py holds the two equal)."""
    reports = tmp_path_factory.mktemp("reports")
    extra = [a for fmt in FORMATS[1:] for a in ("--report", f"{fmt}:{reports / ('report.' + fmt)}")]
    done = perflint(named, "check", "--no-cache", "--format", "text", ".", *extra)
    assert done.returncode == 1, done.stderr
    return {"text": done.stdout} | {fmt: (reports / ("report." + fmt)).read_text("utf-8") for fmt in FORMATS[1:]}


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_hostile_file_name_is_escaped(outputs: dict[str, str], fmt: str) -> None:
    out = outputs[fmt]
    assert "evil" in out, fmt  # the report names the file
    for ch in RAW:
        # JSON carries the exact name as data: its controls \u-escaped, U+202E as it is
        assert ch not in out or (fmt == "json" and ch == "\u202e"), (fmt, repr(ch))
    if fmt in ("text", "github", "gitlab", "junit"):  # csv, sarif, json quote a newline as data
        assert not any(line.startswith("fake.txt") for line in out.splitlines()), fmt
    if fmt == "text":
        assert "evil\\e[31mRED\\e]0;title\\x07\\nfake.txt" in out
    if fmt == "junit":
        ET.fromstring(out)  # well-formed XML


@pytest.mark.slow  # subprocesses or a browser: the slow suite (CI runs it)
def test_a_json_file_cannot_move_its_findings(tmp_path: Path) -> None:
    (tmp_path / "seed.txt").write_text(SEED.read_text("utf-8"), "utf-8")
    done = perflint(tmp_path, "extract", "seed.txt")
    assert done.returncode == 0, done.stderr
    decls = json.loads(done.stdout)[:1]
    decls.append(json.loads(json.dumps(decls[0])))
    decls[0]["source"]["path"] = "../../etc/passwd"
    decls[1]["source"]["path"] = "\x1b[31mred.txt"
    (tmp_path / "claims.json").write_text(json.dumps(decls, ensure_ascii=False), "utf-8")
    for fmt in ("json", "sarif", "github"):
        out = perflint(tmp_path, "check", "--no-cache", "--format", fmt, "claims.json").stdout
        assert "passwd" not in out and "\x1b" not in out and "red.txt" not in out, fmt
    findings = json.loads(perflint(tmp_path, "check", "--no-cache", "--format", "json", "claims.json").stdout)
    assert findings["findings"] and {Path(f["path"]).name for f in findings["findings"]} == {"claims.json"}


def test_a_json_file_still_points_at_its_original_inside_the_tree(tmp_path: Path) -> None:
    (tmp_path / "seed.txt").write_text(SEED.read_text("utf-8"), "utf-8")
    (tmp_path / "seed.json").write_text(perflint(tmp_path, "extract", "seed.txt").stdout, "utf-8")
    report = json.loads(perflint(tmp_path, "check", "--no-cache", "--format", "json", "seed.json").stdout)
    assert {Path(f["path"]).name for f in report["findings"]} == {"seed.txt"}


@pytest.mark.parametrize("command", ["check", "extract"])
def test_a_hostile_name_in_an_error_message_is_escaped(tmp_path: Path, command: str) -> None:
    """``perflint check 'x\\e]0;title\\a'``: the message on stderr named the path raw, and an
    OSC sequence (which click does not strip) retitled the terminal."""
    from typer.testing import CliRunner

    from perflint.cli import app

    name = str(tmp_path / "nope\x1b]0;pwned\x07\u202eX.txt")
    result = CliRunner().invoke(app, [command, name])
    assert result.exit_code == 2
    assert "\x1b" not in result.output and "\x07" not in result.output and "\u202e" not in result.output
    assert "nope\\e]0;pwned\\x07\\u202eX.txt" in result.output
