"""GitLab Code Quality report (the Code Climate JSON subset GitLab reads).

A JSON list; each finding is an issue with ``description``, ``check_name``,
``fingerprint`` (unique within the report and stable when lines move),
``severity`` (``critical`` / ``major`` / ``info``) and ``location`` (path
relative to ``options.base_dir``, begin/end lines).  Use it as
``artifacts: reports: codequality:`` in ``.gitlab-ci.yml``.

Streams (:func:`stream_gitlab`): each file's issues are written as soon as the
file is checked.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from functools import partial
from typing import IO, Any

from perflint.domain.findings import Finding, Severity
from perflint.domain.result import FileReport, RunResult, RunSummary
from perflint.report._common import (
    ReportOptions,
    coerce_options,
    iter_all,
    iter_file,
    one_line,
    printable,
    rel_path,
)
from perflint.report._stream import JsonArray, PathRun, Writer, dumps, pretty

SEVERITY = {Severity.ERROR: "critical", Severity.WARNING: "major", Severity.INFO: "info"}


def issue(f: Finding, fingerprint: str, options: ReportOptions) -> dict[str, Any]:
    begin = f.span.line if f.span else 1
    end = max(f.span.end_line, begin) if f.span else begin
    return {
        "type": "issue",
        "check_name": f.code,
        "description": f"{f.code} {one_line(f.text(options.lang))}",
        "categories": ["Style"] if f.severity is Severity.INFO else ["Bug Risk"],
        "severity": SEVERITY[f.severity],
        "fingerprint": fingerprint,
        "location": {"path": printable(rel_path(f.path, options.base_dir)), "lines": {"begin": begin, "end": end}},
    }


def _fingerprint(base: str, n: int) -> str:
    """The ``n``-th (from 0) finding with fingerprint ``base``: identical findings
    (same rule, place and arguments) still need distinct fingerprints."""
    return base if n == 0 else hashlib.sha256(f"{base}\x1f{n}".encode()).hexdigest()[:32]


def build(result: RunResult, options: ReportOptions | dict | None = None) -> list[dict[str, Any]]:
    options = coerce_options(options)
    out = []
    seen: dict[str, int] = {}
    for _file, _decl, f in iter_all(result):
        base = f.fingerprint()
        n = seen.get(base, 0)
        seen[base] = n + 1
        out.append(issue(f, _fingerprint(base, n), options))
    return out


def render(result: RunResult, options: ReportOptions | dict | None = None) -> str:
    return pretty(build(result, options)) + "\n"


def render_gitlab(result: RunResult, options: ReportOptions | dict | None = None) -> str:
    return render(result, options)


def _fingerprint_json(fingerprint: str) -> str:
    """The fingerprint's member as an issue laid out holds it (the first of its kind: the
    description before it is a JSON string, whose quotes are escaped)."""
    return f'"fingerprint": {json.dumps(fingerprint)}'


def prepare_gitlab(options: ReportOptions, report: FileReport) -> list[tuple[str, str, str]]:
    """Each issue of ``report`` laid out (in a worker process with ``--jobs``) with its first
    fingerprint: (path, fingerprint, text); the writer numbers repeated fingerprints."""
    out = []
    for _decl, f in iter_file(report):
        base = f.fingerprint()
        out.append((f.path, base, dumps(issue(f, base, options), 1)))
    return out


class GitlabSink:
    """Writes each file's issues as soon as the file is checked, and the
    closing bracket at the end."""

    def __init__(self, options: ReportOptions | dict | None, out: IO[bytes]) -> None:
        self.options = coerce_options(options)
        self.write = Writer(out)
        self.issues = JsonArray(self.write, 0)
        self.seen = PathRun()  # a fingerprint includes the path

    def start(self, summary: RunSummary) -> None:
        pass

    def preparer(self) -> Callable[[FileReport], list[tuple[str, str, str]]]:
        """What a worker process lays out of each report for :meth:`file` (picklable)."""
        return partial(prepare_gitlab, self.options)

    def file(self, report: FileReport, prepared: list[tuple[str, str, str]] | None = None) -> None:
        """Write ``report``'s issues; ``prepared``: what :func:`prepare_gitlab` laid out of it."""
        texts = []
        for path, base, text in prepare_gitlab(self.options, report) if prepared is None else prepared:
            n = self.seen.count(path, base) - 1
            if n:  # the first of its fingerprint keeps it as laid out; the others are numbered
                text = text.replace(_fingerprint_json(base), _fingerprint_json(_fingerprint(base, n)), 1)
            texts.append(self.issues.laid_out(text))
        if texts:
            self.write("".join(texts))

    def finish(self, summary: RunSummary) -> None:
        self.issues.close()
        self.write("\n")


def stream_gitlab(options: Any, out: IO[bytes]) -> GitlabSink:
    return GitlabSink(options, out)
