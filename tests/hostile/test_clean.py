"""``perflint clean`` removes only what perflint wrote, never a folder's other files.

It used to remove the whole folder when it held ``CACHEDIR.TAG`` (any tool's) or only
folders with perflint's names: ``clean --cache-dir DIR`` deleted a folder holding only
``results/important.csv``, or anything next to a ``CACHEDIR.TAG``.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from support.paths import EXAMPLES
from typer.testing import CliRunner

from perflint.cli import app
from perflint.engine.cache import clean

runner = CliRunner()
FORM = EXAMPLES / "clean-library-2023.txt"


def _files(folder: Path) -> list[str]:
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*"))


def _perflint_cache(folder: Path) -> None:
    res = runner.invoke(app, ["check", "--cache-dir", str(folder), str(FORM)])
    assert res.exit_code == 0, res.output
    assert list(folder.glob("results/*/*/*.json"))


def test_a_folder_with_only_results_important_csv(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    (folder / "results").mkdir(parents=True)
    (folder / "results" / "important.csv").write_text("a,b\n1,2\n", "utf-8")
    res = runner.invoke(app, ["clean", "--cache-dir", str(folder), "--lang", "en"])
    assert res.exit_code == 2 and "not a perflint cache" in res.output
    assert _files(folder) == ["results", "results/important.csv"]


def test_another_tools_cachedir_tag_does_not_make_a_folder_perflints(tmp_path: Path) -> None:
    folder = tmp_path / "build"
    folder.mkdir()
    (folder / "CACHEDIR.TAG").write_text("Signature: 8a477f597d28d172789f06886806bc55\n# made by another tool\n")
    (folder / "thesis.txt").write_text("keep me", "utf-8")
    with pytest.raises(PermissionError):
        clean(folder)
    assert _files(folder) == ["CACHEDIR.TAG", "thesis.txt"]


def test_a_folder_with_only_a_cachedir_tag(tmp_path: Path) -> None:
    folder = tmp_path / "other-cache"
    folder.mkdir()
    (folder / "CACHEDIR.TAG").write_text("Signature: 8a477f597d28d172789f06886806bc55\n")
    res = runner.invoke(app, ["clean", "--cache-dir", str(folder)])
    assert res.exit_code == 2
    assert _files(folder) == ["CACHEDIR.TAG"]


def test_only_perflints_entries_go_from_a_shared_folder(tmp_path: Path) -> None:
    folder = tmp_path / "cache"
    _perflint_cache(folder)
    ours = [p for p in _files(folder) if p.endswith((".json", ".idx"))]
    assert ours
    outside = tmp_path / "outside.json"
    outside.write_text('{"format": "not yours"}', "utf-8")
    (folder / "results" / "important.csv").write_text("a,b\n", "utf-8")
    (folder / "notes.txt").write_text("keep", "utf-8")
    (folder / "drafts").mkdir()
    run_dir = next((folder / "results").glob("*/"))
    (run_dir / "ab").mkdir(exist_ok=True)
    (run_dir / "ab" / ("a" * 40 + ".json")).write_text("not an entry", "utf-8")  # a name like ours, not ours
    (folder / "catalog").mkdir(exist_ok=True)  # written only by a process that parsed the rules
    os.symlink(outside, folder / "catalog" / ("0" * 16 + ".json"))  # a link is not followed
    res = runner.invoke(app, ["clean", "--cache-dir", str(folder), "--lang", "en"])
    assert res.exit_code == 0 and "removed" in res.output, res.output
    left = _files(folder)
    assert not any(p in left for p in ours)
    assert "results/important.csv" in left and "notes.txt" in left and "drafts" in left
    assert f"{run_dir.relative_to(folder).as_posix()}/ab/{'a' * 40}.json" in left
    assert outside.read_text("utf-8") == '{"format": "not yours"}'
    assert (folder / "catalog" / ("0" * 16 + ".json")).is_symlink()
    assert "CACHEDIR.TAG" in left  # the folder is not empty: its tag stays


def test_a_whole_perflint_cache_goes(tmp_path: Path) -> None:
    folder = tmp_path / "cache"
    _perflint_cache(folder)
    files, size = clean(folder)
    assert files > 0 and size > 0 and not folder.exists()
