"""Reading one input file into declarations, never raising for bad input.

:func:`load_file` (a path, or ``-`` for standard input) and
:func:`load_bytes` (bytes already in memory) return a :class:`FileResult`:
the declarations read and every :class:`~perflint.errors.InputProblem` met.
Nothing a user can put in a file makes them raise.

Which reader: ``.json``, ``.jsonl`` and ``.ndjson`` files, and any input
whose text starts with ``{`` or ``[`` followed by ``"``, ``{``, ``[`` or a
closing bracket, are read as JSON; everything else as form text.

Paths that are not valid in the file system's encoding (bytes smuggled into a
``str`` with ``surrogateescape``) are opened as they are but shown with
``\\xNN`` escapes, so no reporter ever meets an unencodable character.
"""

from __future__ import annotations

import errno
import os
import re
import sys
from dataclasses import dataclass, field

from perflint.errors import InputError, InputProblem
from perflint.ingest import declarations_from_text
from perflint.ingest.decode import Decoded, decode
from perflint.model import Declaration, Span

DEFAULT_MAX_BYTES = 20 * 1024 * 1024
JSON_SUFFIXES = (".json", ".jsonl", ".ndjson")
_JSON_START = re.compile(r"\A[\s\ufeff]*(?:\{\s*[\"}]|\[\s*[\[{\]\"])")


@dataclass(slots=True)
class ReadOptions:
    encoding: str | None = None
    layout: str | None = None
    max_bytes: int = DEFAULT_MAX_BYTES
    max_json_depth: int = 64


@dataclass(slots=True)
class FileResult:
    """Everything read from one file: its declarations and what was wrong with it."""

    path: str
    declarations: list[Declaration] = field(default_factory=list)
    problems: list[InputProblem] = field(default_factory=list)
    encoding: str | None = None
    text: str | None = None

    @property
    def readable(self) -> bool:
        """False when a problem stopped the file from being read at all.

        A JSON Lines file with one broken line is still readable: its other
        lines were read.
        """
        if self.declarations:
            return True
        return not any(p.code in FATAL_CODES for p in self.problems)


#: input problems after which nothing (or nothing more) of the file could be read
FATAL_CODES = {"INP001", "INP002", "INP004", "INP006", "INP007", "INP008"}


def is_json_name(path: str) -> bool:
    return path.lower().endswith(JSON_SUFFIXES)


def looks_like_json(text: str) -> bool:
    return _JSON_START.match(text) is not None


def display_path(path: str) -> str:
    """``path`` with undecodable bytes (surrogate escapes) shown as ``\\xNN``."""
    try:
        path.encode("utf-8")
        return path
    except UnicodeEncodeError:
        raw = os.fsencode(path)
        return raw.decode("utf-8", "backslashreplace")


def _os_error(exc: OSError) -> InputError:
    variant = {
        errno.ENOENT: "not-found",
        errno.ENOTDIR: "not-found",
        errno.EACCES: "permission",
        errno.EPERM: "permission",
        errno.EISDIR: "is-directory",
        errno.ELOOP: "symlink-loop",
    }.get(exc.errno or 0, "os-error")
    return InputError("INP001", variant, reason=exc.strerror or str(exc))


def read_bytes(path: str, max_bytes: int) -> bytes:
    """The bytes of ``path`` (``-``: standard input), at most ``max_bytes`` of them."""
    if path == "-":
        try:
            data = sys.stdin.buffer.read(max_bytes + 1)
        except (OSError, ValueError, AttributeError) as exc:
            raise InputError("INP001", "os-error", reason=str(exc)) from None
    else:
        try:
            if os.path.isdir(path):
                if not os.access(path, os.R_OK | os.X_OK):
                    raise InputError("INP001", "unreadable-directory", reason=os.strerror(errno.EACCES))
                raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR))
            size = os.path.getsize(path)
            if size > max_bytes and os.path.isfile(path):
                raise InputError("INP006", size=size, limit=max_bytes)
            with open(path, "rb") as fh:
                data = fh.read(max_bytes + 1)
        except OSError as exc:
            raise _os_error(exc) from None
        except ValueError as exc:  # e.g. an embedded NUL in the path
            raise InputError("INP001", "os-error", reason=str(exc)) from None
    if len(data) > max_bytes:
        raise InputError("INP006", size=len(data), limit=max_bytes)
    return data


def _line_span(text: str, line: int | None) -> Span | None:
    if line is None:
        return None
    lines = text.split("\n")
    if not 1 <= line <= len(lines):
        return Span(line, 1, line, 1)
    return Span(line, 1, line, len(lines[line - 1]) + 1)


def load_bytes(data: bytes, path: str, options: ReadOptions | None = None) -> FileResult:
    """Read the declarations in ``data`` (the content of ``path``)."""
    options = options or ReadOptions()
    result = FileResult(path)
    if len(data) > options.max_bytes:
        result.problems.append(InputProblem("INP006", path, {"size": len(data), "limit": options.max_bytes}))
        return result
    try:
        decoded: Decoded = decode(data, options.encoding)
    except InputError as exc:
        result.problems.append(exc.problem(path))
        return result
    result.encoding = decoded.encoding
    result.text = decoded.text
    for note in decoded.notes:
        result.problems.append(InputProblem(note.code, path, dict(note.args),
                                            _line_span(decoded.text, note.line), variant=note.variant))
    text = decoded.text
    if is_json_name(path) or looks_like_json(text):
        from perflint.ingest.json_input import declarations_from_json

        decls, problems = declarations_from_json(text, path, decoded.encoding,
                                                 max_depth=options.max_json_depth)
        result.declarations = decls
        result.problems.extend(problems)
        return result
    if not text.strip():
        result.problems.append(InputProblem("INP003", path, {"reason": "empty" if not text else "blank"},
                                            variant="empty" if not text else "blank"))
        return result
    decls = declarations_from_text(text, path, decoded.encoding, options.layout)
    if not decls or not any(_recognised(d) for d in decls):
        result.problems.append(InputProblem("INP003", path, {"reason": "no-labels"}, variant="no-labels"))
        return result
    result.declarations = decls
    result.problems.extend(duplicate_problems(decls, path))
    return result


def _recognised(d: Declaration) -> bool:
    return bool(d.source.labels) or d.title is not None


def duplicate_problems(decls: list[Declaration], path: str) -> list[InputProblem]:
    """``INP013`` for every declaration that repeats an earlier one of the same file word for word."""
    seen: dict[str, int] = {}
    out: list[InputProblem] = []
    # Only declarations alike in a few fields can repeat each other word for
    # word: the full comparison is left to those.
    wanted = [bool(d.name or d.department or d.indicators or d.money.total) for d in decls]
    coarse = [_coarse_key(d) if w else None for d, w in zip(decls, wanted)]
    counts: dict[tuple, int] = {}
    for c in coarse:
        if c is not None:
            counts[c] = counts.get(c, 0) + 1
    for i, decl in enumerate(decls):
        if not wanted[i] or counts[coarse[i]] < 2:
            continue
        key = repr(decl.to_dict(include_source=False))
        if key in seen:
            first = decls[seen[key]]
            span = decl.span("/title") or decl.span("/name") or decl.span("")
            first_span = first.span("/title") or first.span("/name") or first.span("")
            out.append(InputProblem("INP013", path, {
                "first": seen[key] + 1, "second": i + 1,
                "first_line": first_span.line if first_span else "?",
                "line": span.line if span else "?",
                "name": decl.display_name,
            }, span, declaration=i))
        else:
            seen[key] = i
    return out


def _coarse_key(d: Declaration) -> tuple:
    """Fields of ``d.to_dict(include_source=False)``: equal bodies have equal keys."""
    return (str(d.form_type), d.title, d.year_text, d.name, d.department, d.preparer,
            len(d.indicators), len(d.unrecognized), len(d.fields), len(d.schedule))


def load_file(path: str, options: ReadOptions | None = None) -> FileResult:
    """Read ``path`` ("-" for stdin); problems are returned, never raised."""
    options = options or ReadOptions()
    shown = display_path(path)
    try:
        data = read_bytes(path, options.max_bytes)
    except InputError as exc:
        return FileResult(shown, problems=[exc.problem(shown)])
    return load_bytes(data, shown, options)


def split_by_origin(result: FileResult) -> list[FileResult]:
    """Regroup declarations by the file their spans point into.

    A JSON file written by ``perflint extract`` keeps the source map of the
    original file (see :mod:`perflint.ingest.json_input`): its spans are lines
    of that file, so its findings must be reported there, not at the JSON
    file's lines.  The first result is ``result`` itself with the declarations
    that belong to it (and all its input problems); each further one holds
    the declarations of one original file, in order of first appearance, with
    ``path`` that file and no text (its lines are not at hand).  A file whose
    declarations all belong to it comes back unchanged, as the only item.
    """
    own: list[Declaration] = []
    foreign: dict[str, list[Declaration]] = {}
    for decl in result.declarations:
        origin = decl.source.path
        if origin in (result.path, "<memory>", "-", ""):
            own.append(decl)
        else:
            foreign.setdefault(origin, []).append(decl)
    if not foreign:
        return [result]
    first = FileResult(result.path, own, list(result.problems), result.encoding, result.text)
    return [first] + [FileResult(path, decls, [], decls[0].source.encoding, None)
                      for path, decls in foreign.items()]
