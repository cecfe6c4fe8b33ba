"""CSV: one row per finding, for spreadsheets.

UTF-8 with a byte-order mark so Excel shows Chinese correctly, CRLF line
ends, a fixed column order (:data:`COLUMNS`; headers in the chosen
language).  Text cells that start with ``=``, ``+``, ``-``, ``@``, a tab or a
CR are prefixed with ``'`` so a spreadsheet never runs a declaration's text
as a formula (CSV injection).  Returns bytes: write them as they are.

Streams (:func:`stream_csv`): the header row first, then each file's rows as
soon as the file is checked.
"""

from __future__ import annotations

import codecs
import csv
import io
from collections.abc import Callable
from functools import partial
from typing import IO, Any

from perflint.domain.findings import Finding
from perflint.domain.result import DeclarationReport, FileReport, RunResult, RunSummary
from perflint.i18n import t
from perflint.report._common import (
    ReportOptions,
    aspect_label,
    coerce_options,
    grade_label,
    iter_all,
    iter_file,
    pointer_label,
    rel_path,
    severity_label,
    strip_control,
)

COLUMNS = (
    "path",
    "line",
    "column",
    "end_line",
    "end_column",
    "declaration",
    "declaration_name",
    "document_kind",
    "grade",
    "code",
    "name",
    "severity",
    "aspect",
    "pointer",
    "field",
    "message",
    "suggestion",
    "quote",
    "fingerprint",
    "note",
)
_DANGEROUS = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")


def safe_cell(value: object) -> str:
    """A cell value that a spreadsheet will not evaluate."""
    if value is None:
        return ""
    if isinstance(value, int):
        return str(value)
    text = strip_control(str(value))
    if text.startswith(_DANGEROUS):
        return "'" + text
    return text


def row(decl: DeclarationReport | None, f: Finding, options: ReportOptions) -> list[str]:
    """One finding's cells, in :data:`COLUMNS` order."""
    lang = options.lang
    span = f.span
    name = f.declaration_name or (decl.display_name if decl is not None else None)
    record = {
        "path": rel_path(f.path, options.base_dir),
        "line": span.line if span else None,
        "column": span.column if span else None,
        "end_line": span.end_line if span else None,
        "end_column": span.end_column if span else None,
        "declaration": None if f.declaration is None else f.declaration + 1,
        "declaration_name": name,
        "document_kind": decl.document_kind if decl is not None else None,
        "grade": grade_label(decl.grade, lang) if decl is not None else None,
        "code": f.code,
        "name": f.name,
        "severity": severity_label(f.severity, lang),
        "aspect": aspect_label(f.aspect, lang),
        "pointer": f.pointer,
        "field": pointer_label(f.pointer, lang),
        "message": f.text(lang),
        "suggestion": f.suggestion_text(lang),
        "quote": f.quote,
        "fingerprint": f.fingerprint(),
        "note": "1" if f.note else "",
    }
    return [safe_cell(record[c]) for c in COLUMNS]


def rows(result: RunResult, options: ReportOptions) -> list[list[str]]:
    return [row(decl, f, options) for _file, decl, f in iter_all(result)]


def render(result: RunResult, options: ReportOptions | dict | None = None) -> bytes:
    options = coerce_options(options)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow([t(f"col.{c}", options.lang) for c in COLUMNS])
    writer.writerows(rows(result, options))
    return buffer.getvalue().encode("utf-8-sig")


def render_csv(result: RunResult, options: ReportOptions | dict | None = None) -> bytes:
    return render(result, options)


def _rows(rows: list[list[str]]) -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL).writerows(rows)
    return buffer.getvalue().encode("utf-8")


def prepare_csv(options: ReportOptions, report: FileReport) -> bytes:
    """The rows of ``report``, encoded (laid out in a worker process with ``--jobs``)."""
    rows = [row(decl, f, options) for decl, f in iter_file(report)]
    return _rows(rows) if rows else b""


class CsvSink:
    """Writes the byte-order mark and the header row first, then each file's
    rows as soon as the file is checked."""

    def __init__(self, options: ReportOptions | dict | None, out: IO[bytes]) -> None:
        self.options = coerce_options(options)
        self.out = out
        self.started = False

    def start(self, summary: RunSummary | None = None) -> None:
        if not self.started:
            self.started = True
            self.out.write(codecs.BOM_UTF8 + _rows([[t(f"col.{c}", self.options.lang) for c in COLUMNS]]))

    def preparer(self) -> Callable[[FileReport], bytes]:
        """What a worker process lays out of each report for :meth:`file` (picklable)."""
        return partial(prepare_csv, self.options)

    def file(self, report: FileReport, prepared: bytes | None = None) -> None:
        """Write ``report``'s rows; ``prepared``: what :func:`prepare_csv` laid out of it."""
        self.start()
        text = prepare_csv(self.options, report) if prepared is None else prepared
        if text:
            self.out.write(text)

    def finish(self, summary: RunSummary) -> None:
        self.start()


def stream_csv(options: Any, out: IO[bytes]) -> CsvSink:
    return CsvSink(options, out)
