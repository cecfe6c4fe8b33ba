"""Checking files in worker processes (``--jobs N``).

Each worker holds its own :class:`~perflint.engine.Engine` and checks whole
files; the parent receives every file's reports in the order the files were
given (``imap`` keeps order), so output does not depend on which worker was
faster.  Where ``fork`` is available (Linux) the workers inherit the parent's
loaded catalog and configuration for free; elsewhere (``spawn``) each worker
loads the same rule packs and kinds again from their import paths.

A worker that dies (killed, out of memory) does not lose files silently: the
pool raises in the parent, and the CLI reports an internal error.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
from collections.abc import Callable, Iterator
from typing import Any, Protocol

from perflint.domain.result import FileReport
from perflint.engine.cache import ResultCache


class Engine(Protocol):
    """What a worker needs of :class:`perflint.engine.core.Engine` (which hands itself over)."""

    def check_path(self, path: str, cache: ResultCache | None = None) -> tuple[list[FileReport], bool]: ...

    def recipe(self) -> _Recipe: ...


#: how a ``spawn`` worker builds the engine again: a function and its arguments
_Recipe = tuple[Callable[..., Engine], tuple[Any, ...]]

#: the engine and cache of this worker process
_state: tuple[Engine, ResultCache | None] | None = None


def default_jobs() -> int:
    """The CPUs this process may use (respects affinity masks and cgroup pins)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


def _context() -> multiprocessing.context.BaseContext:
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("fork" if "fork" in methods else "spawn")


def _adopt(engine: Engine, cache: ResultCache | None) -> None:
    # a worker ends quietly when the run is cancelled: the parent reports and cleans up
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    global _state
    _state = (engine, cache)


def _rebuild(recipe: _Recipe, cache: ResultCache | None) -> None:
    """``spawn`` start: build the same engine again from its recipe."""
    make, args = recipe
    _adopt(make(*args), cache)


def _work(path: str) -> tuple[list[FileReport], bool]:
    assert _state is not None, "worker not initialised"
    engine, cache = _state
    return engine.check_path(path, cache)


def check_paths(
    engine: Engine, files: list[str], workers: int, cache: ResultCache | None
) -> Iterator[tuple[list[FileReport], bool]]:
    ctx = _context()
    # one of two worker initialisers, each with its own arguments
    initializer: Callable[..., None]
    initargs: tuple[Any, ...]
    if ctx.get_start_method() == "fork":
        initializer, initargs = _adopt, (engine, cache)
    else:
        initializer, initargs = _rebuild, (engine.recipe(), cache)
    # Small chunks keep both workers busy to the end; big enough to keep the
    # per-task overhead (pickling a path and a few reports) negligible.
    chunksize = max(1, min(16, len(files) // (workers * 8)))
    with ctx.Pool(workers, initializer=initializer, initargs=initargs) as pool:
        yield from pool.imap(_work, files, chunksize=chunksize)
