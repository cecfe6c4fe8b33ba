"""``cache`` and ``cache-dir`` in the configuration (and as command-line overrides)."""

from __future__ import annotations

from pathlib import Path

import pytest
from support.tiny_pack import load

from perflint.engine.config import ConfigError, load_config


@pytest.fixture()
def cat(tmp_path):
    return load(tmp_path / "catalog")


def _write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, "utf-8")
    return path


def test_defaults(tmp_path, cat):
    cfg = load_config(cat, cwd=tmp_path)
    assert cfg.cache is True and cfg.cache_dir is None


def test_cache_dir_is_relative_to_the_config_file(tmp_path, cat):
    _write(tmp_path / "proj" / "pyproject.toml", '[tool.perflint]\ncache = false\ncache-dir = "build/perflint"\n')
    deep = tmp_path / "proj" / "a" / "b"
    deep.mkdir(parents=True)
    cfg = load_config(cat, cwd=deep)
    assert cfg.cache is False
    assert cfg.cache_dir == str((tmp_path / "proj").resolve() / "build" / "perflint")


def test_absolute_and_home_cache_dirs(tmp_path, cat, monkeypatch):
    target = tmp_path / "elsewhere"
    _write(tmp_path / "perflint.toml", f'cache-dir = "{target.as_posix()}"\n')
    assert load_config(cat, cwd=tmp_path).cache_dir == str(target)
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    _write(tmp_path / "perflint.toml", 'cache-dir = "~/perflint-cache"\n')
    assert load_config(cat, cwd=tmp_path).cache_dir == str(tmp_path / "home" / "perflint-cache")


def test_command_line_overrides_the_file(tmp_path, cat):
    _write(tmp_path / "proj" / "perflint.toml", 'cache = true\ncache-dir = "from-file"\n')
    cfg = load_config(cat, cwd=tmp_path / "proj", overrides={"cache": False, "cache-dir": "cli-cache"})
    assert cfg.cache is False
    assert cfg.cache_dir == str((tmp_path / "proj").resolve() / "cli-cache")
    cfg = load_config(cat, cwd=tmp_path / "proj", overrides={"cache": None, "cache-dir": None})
    assert cfg.cache is True and cfg.cache_dir == str((tmp_path / "proj").resolve() / "from-file")


@pytest.mark.parametrize(
    "text, key, needle",
    [
        ('cache = "no"\n', "cache", "boolean"),
        ("cache-dir = 3\n", "cache-dir", "string"),
        ('cache-dir = ""\n', "cache-dir", "non-empty"),
        ('cache-dirr = "x"\n', "cache-dirr", "cache-dir"),  # did you mean
    ],
)
def test_bad_values_name_file_line_and_key(tmp_path, cat, text, key, needle):
    _write(tmp_path / "perflint.toml", 'profile = "hunan-2019"\n' + text)
    with pytest.raises(ConfigError) as err:
        load_config(cat, cwd=tmp_path)
    [problem] = err.value.problems
    assert problem.path.endswith("perflint.toml") and problem.line == 2 and problem.key == key
    assert needle in problem.text("en")


def test_bad_override(tmp_path, cat):
    with pytest.raises(ConfigError) as err:
        load_config(cat, cwd=tmp_path, overrides={"cache-dir": ""})
    [problem] = err.value.problems
    assert problem.key == "--cache-dir"


def test_summary_leaves_the_cache_out(tmp_path, cat):
    """Reports record the options that change findings, without paths: the cache changes neither."""
    _write(tmp_path / "perflint.toml", 'cache = false\ncache-dir = "c"\n')
    summary = load_config(cat, cwd=tmp_path).summary()
    assert not any("cache" in key for key in summary)
