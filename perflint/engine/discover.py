"""Which files to read: explicit files, directories walked, ``-`` for stdin.

:func:`discover` turns the paths a user gives into the list of inputs, in a
deterministic order:

* ``-`` is standard input; an explicit file argument is always read, whatever
  its name and whatever ``exclude`` says (you asked for it); a path that does
  not exist is kept too, so that reading it reports ``INP001``.
* A directory is walked recursively.  Its entries are taken in sorted order
  (by code point), and a file counts as a declaration when its name ends in
  one of the registered readers' suffixes (:func:`perflint.ingest.files.input_suffixes`:
  ``.txt``, ``.text``, ``.json``, ``.jsonl``, ``.ndjson`` and what plugins add;
  any case).  Hidden entries (a name starting with
  ``.``) are skipped, and so are :data:`DEFAULT_EXCLUDES` (version-control
  and build folders).
* ``exclude`` holds ``.gitignore``-style patterns (``drafts/``, ``*.bak.txt``,
  ``/old/**``, ``!keep.txt``), matched against the path relative to the
  directory being walked, with ``/`` separators.
* A FIFO, socket or device found in a directory (also through a symbolic link,
  such as a link to ``/dev/stdin``) is listed but never read: reading it could
  block the run.  The engine reports it as ``INP001`` (variant ``not-a-file``);
  given by name on the command line it is read, as the user asked.
* Symbolic links to files are read.  Symbolic links to directories are only
  followed with ``follow_symlinks=True``; then a directory already visited
  (the same device and inode) is not entered again, so a link loop ends.
* A directory that cannot be listed is not fatal: it stays in the result and
  reading it reports ``INP001`` (variant ``unreadable-directory``).
* File names that are not valid in the file system encoding are kept as
  Python gives them (``surrogateescape``); :func:`load_file` opens them and
  shows them with ``\\xNN`` escapes.
* Each file is listed once, even when two arguments reach it.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from perflint.ingest.files import display_path, input_suffixes

if TYPE_CHECKING:
    import pathspec

STDIN = "-"
#: how standard input is shown in reports
STDIN_NAME = "<stdin>"
DEFAULT_EXCLUDES = (
    ".git/",
    ".hg/",
    ".svn/",
    ".venv/",
    "venv/",
    "node_modules/",
    "__pycache__/",
    "build/",
    "dist/",
    ".tox/",
    ".mypy_cache/",
    ".pytest_cache/",
)


@dataclass(slots=True)
class Walk:
    """The outcome of :func:`walk`: the files, and the directories that could not be listed."""

    files: list[str] = field(default_factory=list)
    unreadable: list[str] = field(default_factory=list)


def _spec(patterns: Iterable[str]) -> pathspec.PathSpec:
    import pathspec  # start-up: only when a folder is walked (about 20 ms)

    lines = [p for p in patterns if p and p.strip() and not p.lstrip().startswith("#")]
    return pathspec.GitIgnoreSpec.from_lines(lines)


def _posix(path: str) -> str:
    return path.replace(os.sep, "/")


def is_declaration_name(name: str) -> bool:
    return name.lower().endswith(input_suffixes())


def walk(
    paths: Iterable[str], exclude: Iterable[str] = (), follow_symlinks: bool = False, use_default_excludes: bool = True
) -> Walk:
    """Expand ``paths``; see the module documentation for the rules."""
    specs: list[pathspec.PathSpec] = []  # the exclusions, built at the first folder
    out = Walk()
    seen: set[str] = set()

    def add(path: str) -> None:
        key = os.path.normpath(path) if path != STDIN else STDIN
        if key not in seen:
            seen.add(key)
            out.files.append(path)

    for raw in paths:
        if raw == STDIN:
            add(raw)
            continue
        try:
            is_dir = os.path.isdir(raw)
        except (OSError, ValueError):
            is_dir = False
        if not is_dir:
            add(raw)
            continue
        if not specs:
            specs += [_spec(exclude), _spec(DEFAULT_EXCLUDES if use_default_excludes else ())]
        found, unreadable = _walk_dir(raw, specs[0], specs[1], follow_symlinks)
        for path in found:
            add(path)
        for path in unreadable:
            out.unreadable.append(path)
            add(path)
    return out


def discover(paths: Iterable[str], exclude: Iterable[str] = (), follow_symlinks: bool = False) -> list[str]:
    """The inputs to read, in order: explicit files as given, directories walked (sorted)."""
    return walk(paths, exclude, follow_symlinks).files


def expand_paths(paths: Iterable[str], exclude: list[str] | None = None) -> list[str]:
    """Files to check: files as given, directories walked recursively (see :func:`discover`)."""
    return discover(list(paths), exclude or [])


def posix(path: str) -> str:
    """``path`` with ``/`` separators and no leading ``./``."""
    return path.replace(os.sep, "/").removeprefix("./")


def shown(path: str) -> str:
    """How a path is shown in reports (``-`` is standard input)."""
    return STDIN_NAME if path == STDIN else posix(display_path(path))


def _walk_dir(
    root: str, user: pathspec.PathSpec, defaults: pathspec.PathSpec, follow_symlinks: bool
) -> tuple[list[str], list[str]]:
    files: list[str] = []
    unreadable: list[str] = []
    visited: set[tuple[int, int]] = set()
    try:
        st = os.stat(root)
        visited.add((st.st_dev, st.st_ino))
    except OSError:
        pass
    # An explicit stack of (directory, its path relative to root) keeps deep
    # trees away from the recursion limit; entries are pushed in reverse so
    # that they come out sorted.
    stack: list[tuple[str, str]] = [(root, "")]
    while stack:
        folder, rel = stack.pop()
        try:
            with os.scandir(folder) as it:
                entries = sorted(it, key=lambda e: e.name)
        except OSError:
            unreadable.append(folder)
            continue
        subdirs: list[tuple[str, str]] = []
        for entry in entries:
            name = entry.name
            if name.startswith("."):
                continue
            rel_path = f"{rel}{name}"
            try:
                is_link = entry.is_symlink()
                is_dir = entry.is_dir(follow_symlinks=True)
            except OSError:
                is_link, is_dir = False, False
            if is_dir:
                probe = _posix(rel_path) + "/"
                if defaults.match_file(probe) or user.match_file(probe):
                    continue
                if is_link and not follow_symlinks:
                    continue
                if follow_symlinks:
                    try:
                        st = entry.stat(follow_symlinks=True)
                    except OSError:
                        continue
                    ident = (st.st_dev, st.st_ino)
                    if ident in visited:
                        continue  # a link loop, or a second way into the same folder
                    visited.add(ident)
                subdirs.append((os.path.join(folder, name), rel_path + "/"))
                continue
            if not is_declaration_name(name):
                continue
            if user.match_file(_posix(rel_path)) or defaults.match_file(_posix(rel_path)):
                continue
            # sockets, FIFOs and devices (also through a link: /dev/stdin) are listed like
            # files; the engine reports them without reading them (reading would block the run):
            # see is_special
            files.append(os.path.join(folder, name))
        for item in reversed(subdirs):
            stack.append(item)
    return _order(root, files), unreadable


def is_special(path: str) -> bool:
    """A FIFO, socket or device (also through links): reading one may never end.  A
    dangling link or a loop is not special: reading it reports which (INP001)."""
    if path == STDIN:
        return False
    try:
        mode = os.stat(path).st_mode
    except (OSError, ValueError):
        return False
    return not (stat.S_ISREG(mode) or stat.S_ISDIR(mode))


def _order(root: str, files: list[str]) -> list[str]:
    """Sort by the path relative to ``root`` compared segment by segment."""
    return sorted(files, key=lambda p: _posix(os.path.relpath(p, root)).split("/"))
