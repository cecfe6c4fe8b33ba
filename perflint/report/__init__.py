"""Reporters: each output format is a module with ``render(result, options) -> str | bytes``.

Reporters only format findings; they never re-run logic.  Formats are found
through the ``perflint.formats`` entry points (:func:`formats`): each entry
point names a function returning ``{format name: module}``; the built-in
formats (:data:`BUILTIN_FORMATS`) register the same way.  A new format is one
module plus one line of registration; modules are imported only when used.

A run is written through a :class:`Sink` (see :func:`open_sink`): ``start``
once, ``file`` for each file's report as soon as it is checked, ``finish``
with the run's :class:`~perflint.domain.result.RunSummary`.  A format whose module
offers ``stream_<format>(options, out) -> Sink`` writes as files complete and keeps
nothing; any other format is collected into a :class:`RunResult` and
rendered at the end, with exactly the same output.

A streaming writer may also offer ``preparer()``: a picklable function that lays
one report's part out (``json``, ``jsonl``, and ``text`` without colour).  With
``--jobs`` the worker that checked a file calls it and sends the result, and the
parent's ``file(report, prepared)`` only writes it (numbering repeated
fingerprints), so that the parent's work does not limit what more workers gain.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from functools import lru_cache
from typing import IO, Any, Protocol

from perflint import plugins
from perflint.domain.result import FileReport, RunResult, RunSummary
from perflint.plugins import PluginError

BUILTIN_FORMATS: dict[str, str] = {
    "text": "perflint.report.terminal",
    "json": "perflint.report.json_report",
    "jsonl": "perflint.report.json_report",
    "sarif": "perflint.report.sarif",
    "github": "perflint.report.github",
    "gitlab": "perflint.report.gitlab",
    "junit": "perflint.report.junit",
    "csv": "perflint.report.csv_report",
    "html": "perflint.report.html",
    "opinion": "perflint.report.opinion",
}


def builtin_formats() -> dict[str, str]:
    """The built-in formats; the ``perflint.formats`` entry point ``builtin`` names this."""
    return dict(BUILTIN_FORMATS)


@lru_cache(maxsize=1)
def _registry() -> tuple[dict[str, str], tuple[PluginError, ...]]:
    loaded, errors = plugins.load_group(plugins.FORMATS, builtin_formats)
    found: dict[str, str] = {}
    for name, table in loaded:
        try:
            items = {str(k): str(v) for k, v in dict(table).items()}
        except Exception as exc:  # a broken plugin must not break the tool
            errors.append(PluginError(plugins.FORMATS, name, f"{type(exc).__name__}: {exc}"))
            continue
        for fmt, module in items.items():
            found.setdefault(fmt, module)  # the first registration of a name wins
    return found, tuple(errors)


def formats() -> dict[str, str]:
    """Every output format: name → the module that writes it."""
    return _registry()[0]


def format_errors() -> tuple[PluginError, ...]:
    """Format plugins that could not be loaded."""
    return _registry()[1]


def renderer(fmt: str) -> Callable[..., Any]:
    module = importlib.import_module(formats()[fmt])
    return getattr(module, f"render_{fmt}", None) or module.render


class Sink(Protocol):
    def start(self, summary: RunSummary) -> None: ...

    def file(self, report: FileReport) -> None: ...

    def finish(self, summary: RunSummary) -> None: ...


class Collect:
    """Keeps every report and renders the whole run at the end (formats that
    cannot stream)."""

    def __init__(self, render: Callable[..., Any], options: Any, out: IO[bytes]) -> None:
        self.render = render
        self.options = options
        self.out = out
        self.files: list[FileReport] = []

    def start(self, summary: RunSummary) -> None:
        pass

    def file(self, report: FileReport) -> None:
        self.files.append(report)

    def finish(self, summary: RunSummary) -> None:
        data = self.render(as_result(self.files, summary), self.options)
        self.out.write(data.encode("utf-8") if isinstance(data, str) else data)


def as_result(files: list[FileReport], summary: RunSummary) -> RunResult:
    """The :class:`RunResult` a collecting run would have produced."""
    return RunResult(
        files=sorted(files, key=lambda f: f.path),
        rules=dict(summary.rules),
        suppressed=summary.suppressed,
        profile=summary.profile,
        version=summary.version,
        options=dict(summary.options),
    )


def open_sink(fmt: str, options: Any, out: IO[bytes]) -> Sink:
    """A sink writing ``fmt`` to the binary stream ``out``: the module's
    ``stream_<fmt>(options, out)`` when it has one, else a :class:`Collect`."""
    module = importlib.import_module(formats()[fmt])
    factory = getattr(module, f"stream_{fmt}", None)
    if factory is not None:
        return factory(options, out)
    return Collect(renderer(fmt), options, out)
