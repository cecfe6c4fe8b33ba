"""Reading one input file into declarations, never raising for bad input.

:func:`load_file` (a path, or ``-`` for standard input) and
:func:`load_bytes` (bytes already in memory) return a :class:`FileResult`:
the declarations read and every :class:`~perflint.domain.problems.InputProblem` met.
Nothing a user can put in a file makes them raise.

Which reader (:func:`reader_for`): the registered reader whose suffixes end
the file's name (:mod:`perflint.ingest.readers`); otherwise the text reader.
The built-in readers are text exports (``.txt``, ``.text``) and JSON
(``.json``, ``.jsonl``, ``.ndjson``); any text whose first characters are
``{`` or ``[`` followed by ``"``, ``{``, ``[`` or a closing bracket is read as
JSON whatever its name.

Paths that are not valid in the file system's encoding (bytes smuggled into a
``str`` with ``surrogateescape``) are opened as they are but shown with
``\\xNN`` escapes, so no reporter ever meets an unencodable character.
"""

from __future__ import annotations

import errno
import os
import re
import sys
from collections.abc import Callable
from functools import lru_cache

from perflint import plugins
from perflint.domain.model import Declaration, Span
from perflint.domain.problems import InputError, InputProblem
from perflint.i18n import t
from perflint.ingest import declarations_from_text
from perflint.ingest.decode import Decoded, decode, drop_mirror_pinyin
from perflint.ingest.doctype import Kind, classify
from perflint.ingest.json_input import declarations_from_json
from perflint.ingest.native import native_readers
from perflint.ingest.readers import DEFAULT_MAX_BYTES, FATAL_CODES, FileResult, Reader, ReadOptions
from perflint.ingest.reading import assess, form_read, separate_outside
from perflint.plugins import PluginError

_JSON_START = re.compile(r"\A[\s\ufeff]*(?:\{\s*[\"}]|\[\s*[\[{\]\"])")

__all__ = [
    "DEFAULT_MAX_BYTES",
    "FATAL_CODES",
    "FileResult",
    "ReadOptions",
    "Reader",
    "display_path",
    "input_suffixes",
    "load_bytes",
    "load_file",
    "reader_for",
    "readers",
]


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
    """Read the declarations in ``data`` (the content of ``path``) with the reader its name calls for."""
    options = options or ReadOptions()
    if len(data) > options.max_bytes:
        return FileResult(
            path, problems=[InputProblem("INP006", path, {"size": len(data), "limit": options.max_bytes})]
        )
    return reader_for(path).read(data, path, options)


def _decoded(data: bytes, path: str, options: ReadOptions) -> tuple[FileResult, str | None]:
    """The file decoded into text (``None`` when it cannot be), with its decoding notes."""
    result = FileResult(path)
    try:
        decoded: Decoded = decode(data, options.encoding)
    except InputError as exc:
        result.problems.append(exc.problem(path))
        return result, None
    result.encoding = decoded.encoding
    text = drop_mirror_pinyin(decoded.text)
    result.text = text
    for note in decoded.notes:
        result.problems.append(
            InputProblem(note.code, path, dict(note.args), _line_span(decoded.text, note.line), variant=note.variant)
        )
    return result, text


def read_text_file(data: bytes, path: str, options: ReadOptions) -> FileResult:
    """A text export of a form (any Chinese encoding), or JSON recognised by its first characters."""
    result, text = _decoded(data, path, options)
    if text is None:
        return result
    if looks_like_json(text):
        return _read_json_text(result, text, options)
    return read_rendered(result, text, lambda: declarations_from_text(text, path, result.encoding, options.layout))


def read_rendered(result: FileResult, text: str, build: Callable[[], list[Declaration]]) -> FileResult:
    """The declarations ``build`` reads from ``text`` (a text export, or the canonical
    text of a native document: :mod:`perflint.ingest.native`), with the problems of the
    whole file; fills ``result`` and returns it."""
    path = result.path
    if not text.strip():
        result.problems.append(
            InputProblem(
                "INP003", path, {"reason": "empty" if not text else "blank"}, variant="empty" if not text else "blank"
            )
        )
        return result
    decls = build()
    if not decls or not any(_recognised(d) for d in decls):
        kind = classify(text, [])
        result.document_kind = kind.kind
        if kind.kind in ("self-evaluation", "template"):
            result.problems.append(_kind_note(path, kind))
        else:
            result.problems.append(InputProblem("INP003", path, {"reason": "no-labels"}, variant="no-labels"))
        return result
    separate_outside(text, decls)
    assess(text, decls)
    kind = classify(text, decls)
    result.document_kind = kind.kind
    prose_only: list[Declaration] = []
    if kind.kind == "notice":
        # a notice that ends before its form (or names a form it does not include) gives
        # "declarations" built from words of its sentences (本次下达资金320万元): no form
        prose_only = [d for d in decls if not form_read(d, text)]
        decls = [d for d in decls if form_read(d, text)]
    for decl in decls:
        decl.document_kind = kind.kind
    if kind.kind != "declaration":
        result.problems.append(_kind_note(path, kind))
    result.declarations = decls
    result.problems.extend(duplicate_problems(decls, path))
    if kind.kind in CHECKED_KINDS:
        result.problems.extend(reading_problems(decls, path))
    if prose_only and not decls:
        # say once that the notice's text holds no target table (of the file, not of a form)
        result.problems.extend(
            p for p in reading_problems(prose_only[:1], path, of_file=True) if p.variant == "not-found"
        )
    return result


#: document kinds whose forms are checked (the others get one note saying what they are)
CHECKED_KINDS = ("declaration", "approval", "notice")


def _kind_note(path: str, kind: Kind) -> InputProblem:
    """``DOC001``: what the document is, when it is not a declaration."""
    return InputProblem("DOC001", path, {"kind": kind.kind, "reason": kind.reason}, variant=kind.kind)


def _row_span(decl: Declaration, index: int) -> Span | None:
    """Where indicator row ``index`` starts (its first cell with a span of its own)."""
    prefix = f"/indicators/{index}/"
    own = [
        span
        for pointer, span in decl.source.spans.items()
        if pointer.startswith(prefix)
        and not span.is_empty
        and pointer[len(prefix) :] not in decl.indicators[index].inherited
    ]
    return min(own) if own else decl.span("/indicators")


def reading_problems(decls: list[Declaration], path: str, of_file: bool = False) -> list[InputProblem]:
    """``SRC002`` once per declaration whose indicator table or other parts could not be read
    in full: what was not read and why, so that the absence of findings there is not taken
    for a clean bill (``of_file``: about the file, no declaration having been read)."""
    out = []
    for index, decl in enumerate(decls):
        reading = decl.reading
        if reading is None:
            continue
        missing = [
            s
            for s, state in reading.sections.items()
            if state in ("unread", "partial") and reading.notes.get(s) not in ("after-table", "cells")
        ]
        if not missing:
            continue
        if "project-list" in reading.notes.values():
            # a list of projects, one a row: its layout was recognised, not lost; what it lacks
            # is a single form's fields (a list has no form header, and no footer to be cut
            # before: it ends at its last row)
            why = "project-list"
        elif reading.notes.get("indicators") == "rows":
            # the rows read say they were not told apart: the stronger word, truncated or not
            why = "rows"
        elif reading.truncated:
            why = "truncated"
        elif reading.notes.get("indicators") in ("values", "not-found"):
            why = reading.notes["indicators"]
        else:
            why = "layout" if "layout" in reading.notes.values() else "no-title"
        partial = reading.sections.get("indicators") == "partial" and decl.indicators
        # at the last row read when the table is cut, else at the form's first line
        span = _row_span(decl, len(decl.indicators) - 1) if partial else decl.span("")
        out.append(
            InputProblem(
                "SRC002",
                path,
                {
                    "sections": "、".join(t(f"section.{s}", "zh") for s in missing),
                    "sections_en": ", ".join(t(f"section.{s}", "en") for s in missing),
                    "layout": decl.source.layout or "",
                    "reason": why,
                },
                span,
                variant=why,
                declaration=None if of_file else index,
            )
        )
    return out


def read_json_file(data: bytes, path: str, options: ReadOptions) -> FileResult:
    """Declarations as JSON (one, a list, or JSON Lines), e.g. what ``perflint extract`` writes."""
    result, text = _decoded(data, path, options)
    if text is None:
        return result
    return _read_json_text(result, text, options)


def _read_json_text(result: FileResult, text: str, options: ReadOptions) -> FileResult:
    decls, problems = declarations_from_json(text, result.path, result.encoding, max_depth=options.max_json_depth)
    result.declarations = decls
    result.problems.extend(problems)
    return result


TEXT_READER = Reader(
    "text",
    (".txt", ".text"),
    read_text_file,
    {"zh": "表格导出的文本（任意中文编码）", "en": "text exports of forms (any Chinese encoding)"},
)
JSON_READER = Reader(
    "json",
    (".json", ".jsonl", ".ndjson"),
    read_json_file,
    {"zh": "JSON 申报数据（含 perflint extract 的输出）", "en": "declarations as JSON (incl. perflint extract output)"},
)


def builtin_readers() -> list[Reader]:
    """The built-in readers; the ``perflint.readers`` entry point ``builtin`` names this."""
    return [TEXT_READER, JSON_READER, *native_readers(read_rendered)]


@lru_cache(maxsize=1)
def _registry() -> tuple[tuple[Reader, ...], tuple[PluginError, ...]]:
    loaded, errors = plugins.load_group(plugins.READERS, builtin_readers)
    found: list[Reader] = []
    for name, items in loaded:
        try:
            items = list(items)
            for item in items:
                if not isinstance(item, Reader):
                    raise TypeError(f"{item!r} is not a Reader")
        except Exception as exc:  # a broken plugin must not break the tool
            errors.append(PluginError(plugins.READERS, name, f"{type(exc).__name__}: {exc}"))
            continue
        found.extend(items)
    return tuple(found), tuple(errors)


def readers() -> tuple[Reader, ...]:
    """Every registered reader, built-in first."""
    return _registry()[0]


def reader_errors() -> tuple[PluginError, ...]:
    """Reader plugins that could not be loaded."""
    return _registry()[1]


def reader_for(path: str) -> Reader:
    """The reader for a file of this name: the first whose suffixes match, else the text reader."""
    low = path.lower()
    for reader in readers():
        if low.endswith(reader.suffixes):
            return reader
    return TEXT_READER


def input_suffixes() -> tuple[str, ...]:
    """The file-name endings a directory walk picks up: every reader's."""
    return tuple(dict.fromkeys(s for reader in readers() for s in reader.suffixes))


def _recognised(d: Declaration) -> bool:
    """A form's title, or a label that took a value, or the template words of a table
    that gave indicator rows: a text whose only labels are template words with nothing
    read under them (资金需求, 项目内容 in a notice's sentences) holds no form."""
    labels = d.source.labels
    return (
        d.title is not None
        or any(not p.startswith("/$template/") for p in labels)
        or (bool(labels) and bool(d.indicators))
    )


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
        c = coarse[i]  # None where not wanted
        if c is None or counts[c] < 2:
            continue
        key = repr({k: v for k, v in decl.to_dict(include_source=False).items() if k != "reading"})
        if key in seen:
            first = decls[seen[key]]
            span = decl.span("/title") or decl.span("/name") or decl.span("")
            first_span = first.span("/title") or first.span("/name") or first.span("")
            out.append(
                InputProblem(
                    "INP013",
                    path,
                    {
                        "first": seen[key] + 1,
                        "second": i + 1,
                        "first_line": first_span.line if first_span else "?",
                        "line": span.line if span else "?",
                        "name": decl.display_name,
                    },
                    span,
                    declaration=i,
                )
            )
        else:
            seen[key] = i
    return out


def _coarse_key(d: Declaration) -> tuple:
    """Fields of ``d.to_dict(include_source=False)``: equal bodies have equal keys."""
    return (
        str(d.form_type),
        d.title,
        d.year_text,
        d.name,
        d.department,
        d.preparer,
        len(d.indicators),
        len(d.unrecognized),
        len(d.fields),
        len(d.schedule),
    )


def load_file(path: str, options: ReadOptions | None = None) -> FileResult:
    """Read ``path`` ("-" for stdin); problems are returned, never raised."""
    options = options or ReadOptions()
    shown = display_path(path)
    try:
        data = read_bytes(path, options.max_bytes)
    except InputError as exc:
        return FileResult(shown, problems=[exc.problem(shown)])
    return load_bytes(data, shown, options)


_ORIGIN_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def _plausible_origin(origin: str, path: str) -> bool:
    """Whether a JSON file's ``source.path`` may be where its findings are reported:
    a name without control characters inside the working directory or the JSON
    file's own folder (``../../etc/passwd`` or an escape sequence is not)."""
    if not isinstance(origin, str) or _ORIGIN_CONTROL.search(origin) or len(origin) > 4096:
        return False
    try:
        here = os.path.realpath(os.getcwd())
        target = os.path.realpath(os.path.join(here, origin))
        folder = os.path.realpath(os.path.dirname(os.path.join(here, path)))
    except (OSError, ValueError):
        return False
    return any(target == root or target.startswith(root.rstrip(os.sep) + os.sep) for root in (here, folder))


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
        if origin in (result.path, "<memory>", "-", "") or not _plausible_origin(origin, result.path):
            own.append(decl)  # an untrusted claim stays data (source.path), never a report location
        else:
            foreign.setdefault(origin, []).append(decl)
    if not foreign:
        return [result]
    first = FileResult(result.path, own, list(result.problems), result.encoding, result.text)
    return [first] + [FileResult(path, decls, [], decls[0].source.encoding, None) for path, decls in foreign.items()]
