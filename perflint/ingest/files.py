"""Reading one input file into declarations, never raising for bad input."""

from __future__ import annotations

import os
from dataclasses import dataclass, field

from perflint.errors import InputError, InputProblem
from perflint.ingest import declarations_from_text
from perflint.ingest.decode import decode
from perflint.model import Declaration

DEFAULT_MAX_BYTES = 20 * 1024 * 1024
JSON_SUFFIXES = (".json", ".jsonl", ".ndjson")


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
        return not any(p.code in FATAL_CODES for p in self.problems)


#: input problems after which nothing of the file could be read
FATAL_CODES = {"INP001", "INP002", "INP004", "INP006", "INP007", "INP008"}


def is_json_name(path: str) -> bool:
    return path.lower().endswith(JSON_SUFFIXES)


def read_bytes(path: str, max_bytes: int) -> bytes:
    if path == "-":
        import sys

        data = sys.stdin.buffer.read(max_bytes + 1)
    else:
        try:
            size = os.path.getsize(path)
        except OSError as exc:
            raise InputError("INP001", reason=exc.strerror or str(exc)) from None
        if size > max_bytes:
            raise InputError("INP006", size=size, limit=max_bytes)
        try:
            with open(path, "rb") as fh:
                data = fh.read(max_bytes + 1)
        except OSError as exc:
            raise InputError("INP001", reason=exc.strerror or str(exc)) from None
    if len(data) > max_bytes:
        raise InputError("INP006", size=len(data), limit=max_bytes)
    return data


def load_bytes(data: bytes, path: str, options: ReadOptions | None = None) -> FileResult:
    options = options or ReadOptions()
    result = FileResult(path)
    try:
        decoded = decode(data, options.encoding)
    except InputError as exc:
        result.problems.append(exc.problem(path))
        return result
    result.encoding = decoded.encoding
    result.text = decoded.text
    stripped = decoded.text.lstrip()
    if is_json_name(path) or (path == "-" and stripped[:1] in "{["):
        from perflint.ingest.json_input import declarations_from_json

        try:
            decls, problems = declarations_from_json(decoded.text, path, decoded.encoding,
                                                     max_depth=options.max_json_depth)
        except InputError as exc:
            result.problems.append(exc.problem(path))
            return result
        result.declarations = decls
        result.problems.extend(problems)
        return result
    if not stripped:
        result.problems.append(InputProblem("INP003", path, {"reason": "empty"}))
        return result
    decls = declarations_from_text(decoded.text, path, decoded.encoding, options.layout)
    if not decls or not any(_recognised(d) for d in decls):
        result.problems.append(InputProblem("INP003", path, {"reason": "no-labels"}))
        return result
    result.declarations = decls
    return result


def _recognised(d: Declaration) -> bool:
    return bool(d.source.labels) or d.title is not None


def load_file(path: str, options: ReadOptions | None = None) -> FileResult:
    """Read ``path`` ("-" for stdin); problems are returned, never raised."""
    options = options or ReadOptions()
    try:
        data = read_bytes(path, options.max_bytes)
    except InputError as exc:
        return FileResult(path, problems=[exc.problem(path)])
    return load_bytes(data, path, options)
