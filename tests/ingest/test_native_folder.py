"""A folder of mixed submissions (.docx, .xlsx, .pdf, .html, .txt, .json) in one run:
in parallel, answered from the result cache the second time, the same output either way."""

from __future__ import annotations

import importlib.util
import json
import shutil
from pathlib import Path

import pytest
from support.paths import DATA, EXAMPLES, SEED
from typer.testing import CliRunner

from perflint.cli import app

NATIVE = DATA / "native"
runner = CliRunner()


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("submissions")
    (root / "word").mkdir()
    for name in ("seed.docx", "seed.xlsx", "seed.html", "project-2015-nested.docx", "project-2021.xlsx"):
        shutil.copyfile(NATIVE / name, root / "word" / name)
    if importlib.util.find_spec("pdfplumber") is not None:
        shutil.copyfile(NATIVE / "seed.pdf", root / "seed.pdf")
    shutil.copyfile(SEED, root / "seed.txt")
    shutil.copyfile(EXAMPLES / "declarations-2024.json", root / "declarations-2024.json")
    (root / "notes.md").write_text("不是申报表", "utf-8")  # not a declaration name: not walked
    return root


def check(*args: str) -> tuple[int, dict]:
    res = runner.invoke(app, ["check", *args, "--format", "json", "--today", "2019-03-01", "--no-color"])
    assert "Traceback" not in res.output
    return res.exit_code, json.loads(res.stdout)


@pytest.mark.slow  # subprocesses or a browser: the slow suite (CI runs it)
def test_mixed_folder_in_parallel_with_the_cache(folder, tmp_path):
    cache = tmp_path / "cache"
    code1, first = check(str(folder), "--jobs", "2", "--cache-dir", str(cache))
    entries = sorted(cache.glob("results/*/*/*.json"))
    stamps = [p.stat().st_mtime_ns for p in entries]
    code2, second = check(str(folder), "--jobs", "2", "--cache-dir", str(cache))
    code3, serial = check(str(folder), "--jobs", "1", "--no-cache")
    assert code1 == code2 == code3 == 1
    assert first == second == serial
    names = sorted(Path(f["path"]).name for f in first["files"])
    expected = ["declarations-2024.json", "project-2015-nested.docx", "project-2021.xlsx", "seed.docx", "seed.html"]
    expected += ["seed.txt", "seed.xlsx"] + (["seed.pdf"] if (folder / "seed.pdf").exists() else [])
    assert names == sorted(expected)
    assert all(f["readable"] for f in first["files"])
    assert len(entries) == len(expected)  # every file, native ones included, went into the cache
    # read back, not rewritten (under the same run key: editing perflint's own source changes the key)
    runs = {p.parent.parent for p in entries}
    assert sorted(p for p in cache.glob("results/*/*/*.json") if p.parent.parent in runs) == entries
    assert [p.stat().st_mtime_ns for p in entries] == stamps
    by_name = {Path(f["path"]).name: f for f in first["files"]}
    assert by_name["seed.docx"]["declarations"] == by_name["seed.txt"]["declarations"] == 3
    codes = {}
    for f in first["findings"]:
        codes.setdefault(Path(f["path"]).name, set()).add((f["declaration"], f["code"], f["pointer"]))
    assert codes["seed.docx"] == codes["seed.txt"] == codes["seed.xlsx"]
