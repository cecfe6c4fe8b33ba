"""JSON files in a walked folder that are not declarations (metadata, other tools' output)
are skipped and counted; a JSON file named on the command line is always checked."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

SEED = Path(__file__).resolve().parents[1] / "data" / "seed" / "wangcheng-2019.txt"


def perflint(cwd: Path, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONIOENCODING": "utf-8", "PERFLINT_TODAY": "2019-01-15", "NO_COLOR": "1"}
    return subprocess.run(
        [sys.executable, "-m", "perflint", "check", "--no-cache", *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=cwd,
        timeout=120,
    )


@pytest.fixture()
def repo(tmp_path: Path) -> Path:
    """A CI repository of declarations with the other JSON such repositories hold."""
    (tmp_path / "declarations" / "meta").mkdir(parents=True)
    (tmp_path / "declarations" / "wangcheng-2019.txt").write_text(SEED.read_text("utf-8"), "utf-8")
    meta = tmp_path / "declarations" / "meta"
    (meta / "package.json").write_text(json.dumps({"name": "forms", "version": "1.0.0"}), "utf-8")
    (meta / "index.json").write_text(json.dumps([{"file": "a.txt", "owner": "x"}]), "utf-8")
    (meta / "empty.json").write_text("[]", "utf-8")
    (meta / "nothing.json").write_text("", "utf-8")
    # a declaration in JSON with a bad field: it has a declaration's shape, so it is checked
    decl = {"form_type": "专项资金", "name": "示例专项", "year": "二〇一九"}
    (tmp_path / "declarations" / "decl.json").write_text(json.dumps(decl, ensure_ascii=False), "utf-8")
    # broken JSON is not known to be something else: reported
    (tmp_path / "declarations" / "broken.json").write_text('{"form_type": "专项资金",', "utf-8")
    return tmp_path


@pytest.mark.slow  # subprocesses or a browser: the slow suite (CI runs it)
def test_walked_json_that_is_not_a_declaration_is_skipped_and_counted(repo: Path) -> None:
    proc = perflint(repo, "declarations", "--format", "json")
    report = json.loads(proc.stdout)
    paths = {f["path"] for f in report["files"]}
    assert paths == {"declarations/wangcheng-2019.txt", "declarations/decl.json", "declarations/broken.json"}
    assert report["summary"]["skipped_json"] == 4 and report["summary"]["files"] == 3
    assert not any(f["path"].startswith("declarations/meta/") for f in report["findings"])
    assert "INP003" not in {f["code"] for f in report["findings"]}
    assert {f["code"] for f in report["findings"] if f["path"] == "declarations/broken.json"} <= {"INP004", "INP005"}
    assert any(f["path"] == "declarations/broken.json" for f in report["findings"])
    assert "跳过 4 个非申报表 JSON 文件" in proc.stderr  # machine formats: said on stderr

    text = perflint(repo, "declarations", "-q")
    assert "跳过 4 个非申报表 JSON 文件" in text.stdout.splitlines()[-1]
    assert "跳过" not in text.stderr  # the text summary says it once
    en = perflint(repo, "declarations", "-q", "--lang", "en")
    assert "4 JSON file(s) that are not declarations skipped" in en.stdout


def test_metadata_only_folder_exits_0(repo: Path) -> None:
    proc = perflint(repo, "declarations/meta")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "跳过 4 个非申报表 JSON 文件" in proc.stdout
    assert "没有找到要检查的文件" not in proc.stderr


def test_json_named_on_the_command_line_is_still_an_error(repo: Path) -> None:
    proc = perflint(repo, "declarations/meta/package.json", "declarations/meta/empty.json", "--format", "json")
    assert proc.returncode == 1
    report = json.loads(proc.stdout)
    found = {(f["path"], f["code"], f["severity"]) for f in report["findings"]}
    assert ("declarations/meta/empty.json", "INP003", "error") in found
    assert ("declarations/meta/package.json", "INP005", "error") in found  # "version" is no declaration field
    assert "skipped_json" not in report["summary"]
