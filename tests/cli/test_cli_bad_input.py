"""`perflint check` on bad input: findings, never a traceback; exit 1, not 2.

Runs the real command in a subprocess, as a user (or CI) would.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from support.bad_inputs import BAD, EXPECTED
from support.paths import ROOT

EXAMPLES = sorted(p for p in (ROOT / "examples").iterdir() if p.suffix in (".txt", ".json", ".jsonl"))


def perflint(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONIOENCODING": "utf-8", "PERFLINT_TODAY": "2025-01-01", "NO_COLOR": "1"}
    return subprocess.run(
        [sys.executable, "-m", "perflint", *args], input=stdin, capture_output=True, env=env, cwd=ROOT, timeout=120
    )


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Every bad case, generated big ones, and the bundled examples in one folder."""
    root = tmp_path_factory.mktemp("corpus")
    shutil.copytree(BAD, root / "bad")
    shutil.copytree(ROOT / "examples", root / "examples")
    (root / "bad" / "deep.json").write_text("[" * 100_000 + "]" * 100_000, "utf-8")
    (root / "bad" / "too-big.txt").write_bytes(b"x" * 3000)
    (root / "bad" / "long-line.txt").write_text("指标内容" * 250_000, "utf-8")
    return root


def _report(proc: subprocess.CompletedProcess) -> dict:
    assert b"Traceback" not in proc.stderr, proc.stderr.decode("utf-8", "replace")
    return json.loads(proc.stdout.decode("utf-8"))


def _findings(report: dict, name: str | None = None) -> list[dict]:
    """Findings of the JSON report, optionally of the file called ``name`` only."""
    return [f for f in report["findings"] if name is None or Path(f["path"]).name == name]


def test_directory_of_bad_cases_and_examples(corpus: Path) -> None:
    proc = perflint("check", "--format", "json", "--max-file-size", "2000000", str(corpus))
    assert proc.returncode == 1, proc.stderr.decode("utf-8", "replace")
    report = _report(proc)
    by_file = {Path(f["path"]).name: f for f in report["files"]}
    # a JSON file that is not a declaration is skipped in a walked folder, and counted
    walked = {name: case for name, case in EXPECTED.items() if name != "empty-list.json"}
    assert "empty-list.json" not in by_file and report["summary"]["skipped_json"] == 1
    assert set(walked) | {"deep.json", "too-big.txt", "long-line.txt"} <= set(by_file)
    # every bad case is reported with its code
    for name, (expected, count) in walked.items():
        codes = {f["code"] for f in _findings(report, name)}
        assert {code for code, _ in expected} <= codes, name
        assert by_file[name]["declarations"] == count, name
    assert {f["code"] for f in _findings(report, "deep.json")} == {"INP007"}
    # every example is there, read, with its findings
    for example in EXAMPLES:
        assert by_file[example.name]["declarations"] >= 1, example.name
        assert not any(f["code"].startswith("INP") for f in _findings(report, example.name)), example.name
    assert sum(len(_findings(report, e.name)) for e in EXAMPLES) > 0


def test_size_limit_from_the_command_line(corpus: Path) -> None:
    proc = perflint("check", "--format", "json", "--max-file-size", "2000", str(corpus / "bad" / "too-big.txt"))
    assert proc.returncode == 1
    assert [f["code"] for f in _findings(_report(proc))] == ["INP006"]


@pytest.mark.parametrize("fmt", ["text", "sarif"])
def test_bad_cases_as_explicit_files_in_other_formats(fmt: str) -> None:
    proc = perflint("check", "--format", fmt, "--fail-on", "none", *[str(BAD / n) for n in sorted(EXPECTED)])
    assert proc.returncode == 0, proc.stderr.decode("utf-8", "replace")
    assert b"Traceback" not in proc.stderr
    out = proc.stdout.decode("utf-8")
    for code in sorted({c for expected, _ in EXPECTED.values() for c, _ in expected}):
        assert code in out, (fmt, code)


def test_stdin_never_crashes() -> None:
    for data, code in ((b"\x89PNG\r\n\x1a\n\x00", "INP008"), (b'{"name": "x", "year": NaN}', "INP010")):
        proc = perflint("check", "--format", "json", "--fail-on", "none", "-", stdin=data)
        assert proc.returncode == 0, proc.stderr.decode("utf-8", "replace")
        assert code in {f["code"] for f in _findings(_report(proc))}


def test_missing_path_is_a_usage_error_and_a_dangling_link_a_finding(tmp_path: Path) -> None:
    proc = perflint("check", "--format", "json", str(tmp_path / "nope.txt"))
    assert proc.returncode == 2 and b"nope.txt" in proc.stderr and proc.stdout == b""
    (tmp_path / "dangling.txt").symlink_to(tmp_path / "nowhere.txt")
    proc = perflint("check", "--format", "json", str(tmp_path / "dangling.txt"))
    assert proc.returncode == 1
    assert [f["code"] for f in _findings(_report(proc))] == ["INP001"]


def test_forced_encoding_and_exclude_from_the_command_line(corpus: Path) -> None:
    gbk = str(corpus / "bad" / "gbk-form.txt")
    proc = perflint("check", "--format", "json", "--encoding", "utf-8", gbk)
    assert proc.returncode == 1
    [finding] = [f for f in _findings(_report(proc)) if f["code"].startswith("INP")]
    assert finding["code"] == "INP002" and "gb18030" in finding["message_en"]
    proc = perflint("check", "--format", "json", "--fail-on", "none", "--encoding", "gbk", gbk)
    assert not [f for f in _findings(_report(proc)) if f["code"].startswith("INP")]
    proc = perflint(
        "check", "--format", "json", "--fail-on", "none", "--exclude", "bad/", "--exclude", "*.json", str(corpus)
    )
    names = {Path(f["path"]).name for f in _report(proc)["files"]}
    assert names == {e.name for e in EXAMPLES if e.suffix == ".txt"}


def test_checking_extract_output_reports_at_the_original_file(tmp_path: Path) -> None:
    source = ROOT / "examples" / "bundle-qingxi-2020.txt"
    extracted = perflint("extract", str(source.relative_to(ROOT)))
    assert extracted.returncode == 0
    out = tmp_path / "bundle.json"
    out.write_bytes(extracted.stdout)

    def key(proc):
        return sorted(
            (f["path"], f["code"], f["line"], f["pointer"], f.get("fingerprint", "")) for f in _findings(_report(proc))
        )

    direct = perflint("check", "--format", "json", "--fail-on", "none", str(source.relative_to(ROOT)))
    via_json = perflint("check", "--format", "json", "--fail-on", "none", str(out))
    assert key(direct) and key(via_json) == key(direct)
