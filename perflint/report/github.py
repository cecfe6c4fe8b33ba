"""GitHub Actions workflow commands: annotations on the pull request.

One line per finding::

    ::error file=forms/a.txt,line=7,col=21,endLine=7,endColumn=27,title=VAL002::指标值“提高服务效率”不可衡量。

``warning`` and ``notice`` for the other severities.  Property values escape
``%``, CR, LF, ``:`` and ``,``; the message escapes ``%``, CR and LF, so a
declaration that contains ``::`` or a newline can never start a command of its
own.  ``endColumn`` is exclusive in our spans and inclusive for GitHub; columns
are only sent for a span on one line (GitHub refuses them otherwise).

Streams (:func:`stream_github`): each file's lines are written as soon as the
file is checked.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import IO, Any

from perflint.domain.findings import Finding, Severity
from perflint.domain.result import FileReport, RunResult, RunSummary
from perflint.i18n import t
from perflint.report._common import (
    ReportOptions,
    coerce_options,
    iter_all,
    iter_file,
    rel_path,
    strip_control,
)

COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def escape_data(text: str) -> str:
    return strip_control(text).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def command(f: Finding, options: ReportOptions) -> str:
    props = [("file", rel_path(f.path, options.base_dir))]
    if f.span is not None:
        s = f.span
        end_line = max(s.end_line, s.line)
        props.append(("line", str(max(s.line, 1))))
        if end_line == s.line:
            # GitHub's endColumn is inclusive (it defaults to col): the last character,
            # not the one after it as in our spans
            props += [
                ("col", str(max(s.column, 1))),
                ("endLine", str(end_line)),
                ("endColumn", str(max(s.end_column - 1, s.column, 1))),
            ]
        else:
            # columns may only be given for an annotation on a single line
            props.append(("endLine", str(end_line)))
    props.append(("title", f.code))
    message = f.text(options.lang)
    tip = f.suggestion_text(options.lang)
    if tip:
        message += f"\n{t('word.suggestion', options.lang)}{t('word.colon', options.lang)}{tip}"
    head = ",".join(f"{key}={escape_property(value)}" for key, value in props)
    return f"::{COMMANDS[f.severity]} {head}::{escape_data(message)}"


def render(result: RunResult, options: ReportOptions | dict | None = None) -> str:
    options = coerce_options(options)
    lines = [command(f, options) for _file, _decl, f in iter_all(result)]
    return "".join(line + "\n" for line in lines)


def render_github(result: RunResult, options: ReportOptions | dict | None = None) -> str:
    return render(result, options)


def prepare_github(options: ReportOptions, report: FileReport) -> bytes:
    """The workflow commands of ``report``, encoded (laid out in a worker process with ``--jobs``)."""
    return "".join(command(f, options) + "\n" for _decl, f in iter_file(report)).encode("utf-8")


class GithubSink:
    """Writes each file's workflow commands as soon as the file is checked."""

    def __init__(self, options: ReportOptions | dict | None, out: IO[bytes]) -> None:
        self.options = coerce_options(options)
        self.out = out

    def start(self, summary: RunSummary) -> None:
        pass

    def preparer(self) -> Callable[[FileReport], bytes]:
        """What a worker process lays out of each report for :meth:`file` (picklable)."""
        return partial(prepare_github, self.options)

    def file(self, report: FileReport, prepared: bytes | None = None) -> None:
        """Write ``report``'s commands; ``prepared``: what :func:`prepare_github` laid out of it."""
        text = prepare_github(self.options, report) if prepared is None else prepared
        if text:
            self.out.write(text)

    def finish(self, summary: RunSummary) -> None:
        pass


def stream_github(options: Any, out: IO[bytes]) -> GithubSink:
    return GithubSink(options, out)
