"""The progress bar of a long run, on stderr (Rich's ``Progress``).

Kept apart from :mod:`perflint.report.terminal` so that a run in a machine format (JSON,
SARIF …) imports Rich only when a bar is really shown (start-up, issue 16).
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from typing import IO, Self

from perflint.i18n import t
from perflint.report._common import ReportOptions, coerce_options, one_line, rel_path, resolve_color

PROGRESS_THRESHOLD = 20


@contextmanager
def progress(
    total: int,
    options: ReportOptions | dict | None = None,
    *,
    stream: IO[str] | None = None,
    threshold: int = PROGRESS_THRESHOLD,
) -> Iterator[Callable[[str], None]]:
    """A progress bar on ``stream`` (stderr) while the engine checks files.

    Yields ``advance(path)``, to be called once per file checked.  The bar is
    shown only when ``stream`` is a TTY, colour is not disabled (``NO_COLOR``)
    and at least ``threshold`` files are checked; otherwise ``advance`` does
    nothing.  The bar is transient: it disappears when done, so it never
    mixes with the report on stdout::

        with progress(len(paths), options) as advance:
            for path in paths:
                check(path)
                advance(path)
    """
    options = coerce_options(options)
    stream = sys.stderr if stream is None else stream
    if total < threshold or not resolve_color(None, stream):
        yield lambda path: None
        return
    from rich.console import Console  # start-up: Rich only when a bar is shown
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
    )

    console = Console(file=stream, highlight=False, markup=False, emoji=False)
    bar = Progress(
        TextColumn(t("term.progress", options.lang)),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        TextColumn("{task.fields[path]}"),
        console=console,
        transient=True,
    )
    with bar:
        task = bar.add_task("check", total=total, path="")

        def advance(path: str) -> None:
            bar.update(task, advance=1, path=one_line(rel_path(path, options.base_dir))[-40:])

        yield advance


class ProgressHook:
    """Progress for an engine that learns the number of files only once it has
    walked the directories: call :meth:`start` with the total, then
    :meth:`advance` once per file; :meth:`close` (or the ``with`` block)
    removes the bar.  Shown under the same conditions as :func:`progress`::

        with ProgressHook(options) as hook:
            result = engine.run(paths, on_start=hook.start, on_file=hook.advance)
    """

    def __init__(
        self,
        options: ReportOptions | dict | None = None,
        *,
        stream: IO[str] | None = None,
        threshold: int = PROGRESS_THRESHOLD,
    ) -> None:
        self.options = coerce_options(options)
        self.stream = sys.stderr if stream is None else stream
        self.threshold = threshold
        self._cm: AbstractContextManager[Callable[[str], None]] | None = None
        self._advance: Callable[[str], None] = lambda path: None

    def start(self, total: int) -> None:
        self.close()
        self._cm = progress(total, self.options, stream=self.stream, threshold=self.threshold)
        self._advance = self._cm.__enter__()

    def advance(self, path: str) -> None:
        self._advance(path)

    def close(self) -> None:
        if self._cm is not None:
            cm, self._cm = self._cm, None
            self._advance = lambda path: None
            cm.__exit__(None, None, None)

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
