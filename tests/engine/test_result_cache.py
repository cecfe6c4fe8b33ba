"""The result cache: unchanged files are answered from disk, with the same output."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from support.paths import ROOT
from support.tiny_pack import FORM, load
from typer.testing import CliRunner

from perflint import cli as cli_mod
from perflint.catalog import builtin_catalog
from perflint.cli import app
from perflint.engine import Engine
from perflint.engine.cache import ResultCache, clean, default_cache_dir, file_from_dict, file_to_dict
from perflint.engine.config import Config

runner = CliRunner()


@pytest.fixture()
def env(tmp_path, monkeypatch):
    cat = load(tmp_path / "catalog")
    monkeypatch.setattr(cli_mod, "builtin_catalog", lambda: cat)
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    monkeypatch.setenv("PERFLINT_TODAY", "2019-01-15")
    (work / "bad.txt").write_text(FORM.format(name=""), "utf-8")
    (work / "good.txt").write_text(FORM.format(name="示例专项"), "utf-8")
    (work / "boom.json").write_text(json.dumps({"name": "boom"}), "utf-8")
    return work


def run(*args):
    return runner.invoke(app, list(args))


def entries(folder: Path) -> list[Path]:
    return sorted(folder.glob("results/*/*/*.json"))


def test_second_run_reads_the_cache_and_prints_the_same(env, tmp_path):
    cache = tmp_path / "cache"
    first = run("check", "bad.txt", "good.txt", "--format", "json", "--cache-dir", str(cache))
    written = entries(cache)
    assert len(written) == 2 and (cache / "CACHEDIR.TAG").is_file()
    stamps = [p.stat().st_mtime_ns for p in written]
    second = run("check", "bad.txt", "good.txt", "--format", "json", "--cache-dir", str(cache))
    assert second.stdout == first.stdout and second.exit_code == first.exit_code == 1
    assert [p.stat().st_mtime_ns for p in entries(cache)] == stamps  # read, not rewritten
    text1 = run("check", "bad.txt", "--cache-dir", str(tmp_path / "c2"), "--no-color").stdout
    text2 = run("check", "bad.txt", "--cache-dir", str(tmp_path / "c2"), "--no-color").stdout
    assert text1 == text2 and "TST001" in text1


def test_a_changed_file_or_config_is_checked_again(env, tmp_path):
    cache = tmp_path / "cache"
    run("check", "bad.txt", "--format", "json", "--cache-dir", str(cache))
    (env / "bad.txt").write_text(FORM.format(name="已填写"), "utf-8")
    res = run("check", "bad.txt", "--format", "json", "--cache-dir", str(cache))
    assert json.loads(res.stdout)["findings"] == [] and res.exit_code == 0
    # a different selection, date or language of the rules is a different run key
    run("check", "good.txt", "--format", "json", "--cache-dir", str(cache))
    run("check", "good.txt", "--format", "json", "--cache-dir", str(cache), "--today", "2030-01-01")
    assert len({p.parent.parent.name for p in entries(cache)}) == 2


def test_no_cache_writes_nothing(env, tmp_path):
    cache = tmp_path / "cache"
    res = run("check", "bad.txt", "--no-cache", "--cache-dir", str(cache))
    assert res.exit_code == 1 and not cache.exists()


def test_internal_errors_are_not_cached(env, tmp_path):
    cache = tmp_path / "cache"
    assert run("check", "boom.json", "--cache-dir", str(cache)).exit_code == 2
    assert entries(cache) == []


def test_a_damaged_entry_is_a_miss(env, tmp_path):
    cache = tmp_path / "cache"
    first = run("check", "bad.txt", "--format", "json", "--cache-dir", str(cache)).stdout
    for entry in entries(cache):
        entry.write_text('{"format": 1, "key": "x", "files": [', "utf-8")
    again = run("check", "bad.txt", "--format", "json", "--cache-dir", str(cache))
    assert again.stdout == first and again.exit_code == 1
    assert json.loads(entries(cache)[0].read_text("utf-8"))["files"]  # rewritten whole


def test_an_unwritable_cache_is_reported_once_and_the_run_goes_on(env, tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x", "utf-8")
    res = run("check", "bad.txt", "good.txt", "--format", "json", "--cache-dir", str(blocker / "cache"))
    assert res.exit_code == 1 and json.loads(res.stdout)["summary"]["files"] == 2
    assert res.stderr.count("结果缓存无法写入") == 1


def test_clean_removes_only_a_perflint_cache(env, tmp_path):
    cache = tmp_path / "cache"
    run("check", "bad.txt", "--cache-dir", str(cache))
    res = run("clean", "--cache-dir", str(cache), "--lang", "en")
    assert res.exit_code == 0 and "removed the cache" in res.stdout and not cache.exists()
    assert "no cache" in run("clean", "--cache-dir", str(cache), "--lang", "en").stdout
    docs = tmp_path / "documents"
    docs.mkdir()
    (docs / "thesis.txt").write_text("keep me", "utf-8")
    res = run("clean", "--cache-dir", str(docs))
    assert res.exit_code == 2 and (docs / "thesis.txt").is_file()
    with pytest.raises(PermissionError):
        clean(docs)


def test_default_location(monkeypatch, tmp_path):
    monkeypatch.setenv("PERFLINT_CACHE_DIR", str(tmp_path / "x"))
    assert default_cache_dir() == tmp_path / "x"
    monkeypatch.delenv("PERFLINT_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert default_cache_dir() == tmp_path / "xdg" / "perflint"
    monkeypatch.delenv("XDG_CACHE_HOME")
    assert default_cache_dir() == Path.home() / ".cache" / "perflint"


def test_entries_round_trip_every_example(tmp_path):
    """What the cache gives back equals what the engine produced, field for field."""
    engine = Engine(builtin_catalog(), Config(today="2024-06-01"))
    for path in sorted((ROOT / "examples").glob("*.*")):
        if path.suffix not in (".txt", ".json"):
            continue
        reports, cached = engine.check_path(str(path))
        assert not cached
        back = [file_from_dict(json.loads(json.dumps(file_to_dict(r)))) for r in reports]
        assert back == reports, path.name


def test_run_key_depends_on_configuration():
    cat = builtin_catalog()
    base = Engine(cat, Config(today="2024-06-01")).fingerprint()
    assert base == Engine(cat, Config(today="2024-06-01")).fingerprint()
    assert base != Engine(cat, Config(today="2024-06-02")).fingerprint()
    assert base != Engine(cat, Config(today="2024-06-01", ignore=["VAL002"])).fingerprint()
    assert base != Engine(cat, Config(today="2024-06-01", settings={"satisfaction_min_percent": 95})).fingerprint()


def test_the_same_bytes_at_another_path_are_another_entry(tmp_path):
    cache = ResultCache(tmp_path, "k" * 40)
    assert cache.entry_key(b"x", "a.txt") != cache.entry_key(b"x", "b.txt")
    assert cache.entry_key(b"x", "a.txt") != cache.entry_key(b"y", "a.txt")


@pytest.mark.slow  # subprocesses or a browser: the slow suite (CI runs it)
def test_concurrent_runs_share_one_cache(tmp_path):
    """Several processes filling the same cache at once all succeed and agree."""
    cache = tmp_path / "cache"
    cmd = [
        sys.executable,
        "-m",
        "perflint",
        "check",
        str(ROOT / "examples"),
        "--format",
        "json",
        "--today",
        "2024-06-01",
        "--cache-dir",
        str(cache),
        "--jobs",
        "1",
        "--exit-zero",
    ]
    env = {**os.environ, "NO_COLOR": "1"}
    procs = [subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env) for _ in range(4)]
    outs = [p.communicate(timeout=120) for p in procs]
    assert all(p.returncode == 0 for p in procs), [e.decode() for _, e in outs]
    assert len({o for o, _ in outs}) == 1
    assert not list(cache.rglob(".tmp-*"))
    warm = subprocess.run(cmd, capture_output=True, env=env, timeout=120)
    assert warm.stdout == outs[0][0]


def test_an_edited_dictionary_is_not_answered_from_the_cache(tmp_path, monkeypatch):
    """A rule's dictionary file (TXT004's ``dictionary``) decides its findings as much as the
    rule does: editing it must give the new findings, not the cached ones."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("PERFLINT_TODAY", "2019-01-15")
    words = tmp_path / "words.toml"
    (tmp_path / "perflint.toml").write_text(f'[rules.TXT004]\ndictionary = "{words.as_posix()}"\n', "utf-8")
    (tmp_path / "form.txt").write_text(
        "项目名称\t示例专项\n年度绩效目标\t完成乡镇府办公楼维修，改善办公条件。\n", "utf-8"
    )
    cache = tmp_path / "cache"

    def found() -> list[str]:
        res = run("check", "form.txt", "--select", "TXT004", "--format", "json", "--cache-dir", str(cache))
        return [f["message"] for f in json.loads(res.stdout)["findings"] if f["code"] == "TXT004"]

    words.write_text('[[typos]]\nwrong = "乡镇府"\nright = "乡镇政府"\n', "utf-8")
    assert any("乡镇府" in m for m in found())
    words.write_text('[[typos]]\nwrong = "办工楼"\nright = "办公楼"\n', "utf-8")
    assert found() == []
