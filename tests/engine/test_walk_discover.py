"""Directory walking: sorted, deterministic, gitignore-style excludes, survives bad trees."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from perflint.engine.discover import DEFAULT_EXCLUDES, discover, is_special, walk
from perflint.ingest.files import load_file


def make(root: Path, *names: str) -> None:
    for name in names:
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("专项资金绩效目标申报表\n", "utf-8")


def rel(root: Path, paths: list[str]) -> list[str]:
    return [Path(p).relative_to(root).as_posix() for p in paths]


def test_walk_is_sorted_and_filters_suffixes(tmp_path: Path) -> None:
    make(
        tmp_path,
        "b.txt",
        "a.json",
        "c/z.jsonl",
        "c/a.ndjson",
        "d.TXT",
        "notes.md",
        "img.png",
        "e.text",
        "c/sub/deep.txt",
    )
    got = rel(tmp_path, discover([str(tmp_path)]))
    assert got == ["a.json", "b.txt", "c/a.ndjson", "c/sub/deep.txt", "c/z.jsonl", "d.TXT", "e.text"]
    assert discover([str(tmp_path)]) == discover([str(tmp_path)])


def test_default_excludes_and_hidden_entries(tmp_path: Path) -> None:
    make(
        tmp_path,
        "keep.txt",
        ".hidden.txt",
        ".git/x.txt",
        "node_modules/m.json",
        "sub/build/b.txt",
        "sub/dist/d.txt",
        "venv/v.txt",
        ".venv/v.txt",
        "__pycache__/p.txt",
        ".tox/t.txt",
        "builder/ok.txt",
    )
    assert rel(tmp_path, discover([str(tmp_path)])) == ["builder/ok.txt", "keep.txt"]
    assert ".git/" in DEFAULT_EXCLUDES


def test_gitignore_style_excludes(tmp_path: Path) -> None:
    make(
        tmp_path,
        "a.txt",
        "drafts/x.txt",
        "sub/drafts/y.txt",
        "old.bak.txt",
        "top.txt",
        "sub/top.txt",
        "keep/keep.txt",
        "keep/drop.txt",
    )
    got = rel(
        tmp_path,
        discover([str(tmp_path)], exclude=["drafts/", "*.bak.txt", "/top.txt", "keep/*", "!keep/keep.txt", "# c"]),
    )
    assert got == ["a.txt", "keep/keep.txt", "sub/top.txt"]


def test_explicit_files_are_always_read(tmp_path: Path) -> None:
    make(tmp_path, "form.docx.txt", "build/x.txt")
    explicit = [str(tmp_path / "build/x.txt"), str(tmp_path / "readme.md"), str(tmp_path / "missing.txt"), "-"]
    assert discover(explicit, exclude=["*.txt"]) == explicit


def test_each_file_once_and_argument_order_kept(tmp_path: Path) -> None:
    make(tmp_path, "one/a.txt", "two/b.txt")
    got = discover([str(tmp_path / "two"), str(tmp_path), str(tmp_path / "two" / "b.txt")])
    assert rel(tmp_path, got) == ["two/b.txt", "one/a.txt"]


def test_symlink_loops_end(tmp_path: Path) -> None:
    make(tmp_path, "a/form.txt")
    try:
        os.symlink(tmp_path / "a", tmp_path / "a" / "loop")
        os.symlink(tmp_path, tmp_path / "a" / "up")
        os.symlink(tmp_path / "a" / "form.txt", tmp_path / "link.txt")
    except (OSError, NotImplementedError):
        pytest.skip("no symlinks here")
    assert rel(tmp_path, discover([str(tmp_path)])) == ["a/form.txt", "link.txt"]
    followed = rel(tmp_path, discover([str(tmp_path)], follow_symlinks=True))
    assert followed == ["a/form.txt", "link.txt"]


def test_dangling_symlink_is_reported_when_read(tmp_path: Path) -> None:
    try:
        os.symlink(tmp_path / "gone.txt", tmp_path / "dangling.txt")
    except (OSError, NotImplementedError):
        pytest.skip("no symlinks here")
    (path,) = discover([str(tmp_path)])
    assert [(p.code, p.variant) for p in load_file(path).problems] == [("INP001", "not-found")]


def test_unreadable_directory_is_kept_not_fatal(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    make(tmp_path, "ok.txt", "secret/x.txt", "z.txt")
    real_scandir = os.scandir

    def scandir(path):
        if str(path).endswith("secret"):
            raise PermissionError(13, "Permission denied")
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    result = walk([str(tmp_path)])
    assert rel(tmp_path, result.files) == ["ok.txt", "z.txt", "secret"]
    assert rel(tmp_path, result.unreadable) == ["secret"]


def test_non_utf8_file_names(tmp_path: Path) -> None:
    raw = os.fsencode(str(tmp_path)) + b"/\xb1\xa8\xb1\xed.txt"  # 报表 in GBK
    try:
        with open(raw, "wb") as fh:
            fh.write("专项资金绩效目标申报表\n\t专项名称\n\t示例\n".encode())
    except OSError:
        pytest.skip("file system refuses non-UTF-8 names")
    (path,) = discover([str(tmp_path)])
    result = load_file(path)
    assert result.declarations
    assert result.path.endswith("\\xb1\\xa8\\xb1\\xed.txt")


def test_deep_tree_does_not_recurse(tmp_path: Path) -> None:
    folder = tmp_path
    for i in range(60):
        folder = folder / f"d{i}"
    folder.mkdir(parents=True)
    (folder / "deep.txt").write_text("x", "utf-8")
    (path,) = discover([str(tmp_path)])
    assert path.endswith("deep.txt")


def test_special_files_are_listed_and_known_as_special(tmp_path: Path) -> None:
    # listed, so that the engine reports them (INP001), but never read: see is_special
    make(tmp_path, "a.txt")
    if not hasattr(os, "mkfifo"):
        pytest.skip("no FIFOs")
    os.mkfifo(tmp_path / "pipe.txt")
    (tmp_path / "link.txt").symlink_to("pipe.txt")
    (tmp_path / "dangling.txt").symlink_to("nowhere.txt")
    found = discover([str(tmp_path)])
    assert rel(tmp_path, found) == ["a.txt", "dangling.txt", "link.txt", "pipe.txt"]
    assert [Path(p).name for p in found if is_special(p)] == ["link.txt", "pipe.txt"]
