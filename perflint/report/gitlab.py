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
from perflint.report._stream import JsonArray, PathRun, Writer, pretty

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

    def file(self, report: FileReport) -> None:
        items: list[dict[str, Any]] = []
        for _decl, f in iter_file(report):
            base = f.fingerprint()
            items.append(issue(f, _fingerprint(base, self.seen.count(f.path, base) - 1), self.options))
        if items:
            self.write("".join(self.issues.text(item) for item in items))

    def finish(self, summary: RunSummary) -> None:
        self.issues.close()
        self.write("\n")


def stream_gitlab(options: Any, out: IO[bytes]) -> GitlabSink:
    return GitlabSink(options, out)
