"""Checking files in worker processes (``--jobs N``), and the time limit of one file.

Each worker holds its own :class:`~perflint.engine.Engine` and checks one file
at a time, sent over a pipe; the parent yields every file's reports in the
order the files were given, so output does not depend on which worker was
faster.  Where ``fork`` is available (Linux) the workers inherit the parent's
loaded catalog and configuration for free; elsewhere (``spawn``) each worker
loads the same rule packs and kinds again from their import paths.

Nothing a file does can hang the run:

* every file has a time limit (``time-limit``, :data:`DEFAULT_TIME_LIMIT`
  seconds): past it the check of that file stops and the file gets one PL002
  finding (an alarm in the process that checks it — the main thread, here or
  in a worker);
* a worker that dies (killed, out of memory) or outlives the limit by
  :data:`GRACE` seconds (stuck where the alarm cannot reach) is killed and
  replaced; the file it held gets a PL002 finding and the other files are
  checked as usual.
"""

from __future__ import annotations

import gc
import os
import signal
import threading
import time
from collections import deque
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, Protocol

from perflint.checks.analysis import segment
from perflint.domain.problems import InputProblem
from perflint.domain.result import FileReport
from perflint.engine.cache import ResultCache
from perflint.engine.discover import shown
from perflint.ingest.files import FileResult, display_path

if TYPE_CHECKING:
    import multiprocessing.context
    from multiprocessing.connection import Connection

#: seconds one file may take by default (the seed takes a tenth of a second)
DEFAULT_TIME_LIMIT = 30.0
#: seconds past the limit after which the parent kills a worker the alarm did not stop
GRACE = 10.0
TIME_LIMIT_CODE = "PL002"


class Engine(Protocol):
    """What a worker needs of :class:`perflint.engine.core.Engine` (which hands itself over)."""

    def check_path(self, path: str, cache: ResultCache | None = None) -> tuple[list[FileReport], bool]: ...

    def file_reports(self, fr: FileResult, display: str) -> list[FileReport]: ...

    def recipe(self) -> _Recipe: ...


#: how a ``spawn`` worker builds the engine again: a function and its arguments
_Recipe = tuple[Callable[..., Engine], tuple[Any, ...]]
_Result = tuple[list[FileReport], bool]
#: what a worker lays out of one report for the outputs (see :func:`prepared`), or None
Prepare = Callable[[FileReport], Any]
#: a file's reports, whether they came from the cache, and what ``prepare`` made of each (or None)
Checked = tuple[list[FileReport], bool, list[Any] | None]

#: the engine, cache and time limit of this worker process
_state: tuple[Engine, ResultCache | None] | None = None


class FileTimeout(BaseException):
    """The check of one file ran out of time (a BaseException: no rule's
    ``except Exception`` may swallow it)."""


def default_jobs() -> int:
    """The CPUs this process may use (respects affinity masks and cgroup pins)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


@contextmanager
def time_limit(seconds: float | None) -> Iterator[None]:
    """Raise :class:`FileTimeout` in this block after ``seconds`` (main thread only:
    elsewhere, and without ``setitimer``, the block runs unlimited)."""
    if not seconds or not hasattr(signal, "setitimer") or threading.current_thread() is not threading.main_thread():
        yield
        return

    def expire(signum: int, frame: Any) -> None:
        raise FileTimeout

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def stopped(engine: Engine, path: str, variant: str | None, limit: float | None, reason: str = "") -> list[FileReport]:
    """The reports of a file whose check was stopped: one PL002 finding."""
    where = display_path(path)
    args = {"limit": f"{limit:g}" if limit else "-", "reason": reason or "time limit", "path": where}
    problem = InputProblem(TIME_LIMIT_CODE, where, args, variant=variant)
    return engine.file_reports(FileResult(where, problems=[problem]), shown(path))


def check_limited(engine: Engine, path: str, cache: ResultCache | None, limit: float | None) -> _Result:
    """``engine.check_path`` within ``limit`` seconds; past it, the PL002 report (never cached)."""
    try:
        with time_limit(limit):
            return engine.check_path(path, cache)
    except FileTimeout:
        return stopped(engine, path, None, limit), False


def _context() -> multiprocessing.context.BaseContext:
    import multiprocessing  # start-up: multiprocessing (and socket) only for a run with workers

    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("fork" if "fork" in methods else "spawn")


def _quit(signum: int, frame: Any) -> None:
    """A worker told to stop (the run was cancelled): unwind, so that a cache entry being
    written drops its temporary file, and end quietly (the parent reports)."""
    signal.signal(signum, signal.SIG_IGN)
    raise SystemExit(128 + signum)


def _adopt(engine: Engine, cache: ResultCache | None) -> None:
    # a worker ends quietly when the run is cancelled: the parent reports and cleans up
    signal.signal(signal.SIGTERM, _quit)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    global _state
    _state = (engine, cache)


def _rebuild(recipe: _Recipe, cache: ResultCache | None) -> None:
    """``spawn`` start: build the same engine again from its recipe."""
    make, args = recipe
    _adopt(make(*args), cache)


def prepared(prepare: Prepare | None, reports: list[FileReport]) -> list[Any] | None:
    """What ``prepare`` makes of each report (the outputs' text, laid out in the worker so
    that the parent only writes it), or None when there is no ``prepare`` or it fails:
    the parent then lays the reports out itself, with the same result."""
    if prepare is None:
        return None
    try:
        return [prepare(report) for report in reports]
    except Exception:
        return None


def _serve(
    conn: Connection,
    initializer: Callable[..., None],
    initargs: tuple[Any, ...],
    limit: float | None,
    prepare: Prepare | None = None,
) -> None:
    """A worker: check the paths the parent sends, one at a time, until it sends ``None``."""
    initializer(*initargs)
    assert _state is not None, "worker not initialised"
    engine, cache = _state
    try:
        while True:
            path = conn.recv()
            if path is None:
                return
            reports, cached = check_limited(engine, path, cache, limit)
            # with the cache's first write error: the parent reports it once
            error = cache.error if cache is not None else None
            conn.send(((reports, cached, prepared(prepare, reports)), error))
    except (EOFError, OSError):
        return  # the parent is gone


class _Worker:
    def __init__(
        self,
        ctx: Any,
        initializer: Callable[..., None],
        initargs: tuple[Any, ...],
        limit: float | None,
        prepare: Prepare | None = None,
    ):
        self.conn, child = ctx.Pipe()
        self.proc = ctx.Process(target=_serve, args=(child, initializer, initargs, limit, prepare), daemon=True)
        self.proc.start()
        child.close()
        self.limit = limit
        self.task: tuple[int, str] | None = None
        self.deadline = float("inf")
        #: the worker's result-cache write error, if any
        self.cache_error: str | None = None

    def give(self, todo: deque[tuple[int, str]]) -> None:
        if todo and self.task is None:
            self.task = todo.popleft()
            self.deadline = time.monotonic() + self.limit + GRACE if self.limit else float("inf")
            self.conn.send(self.task[1])

    def result(self) -> Checked | None:
        """The answer to the current task when the worker has sent it."""
        try:
            if self.conn.poll():
                answer: Checked
                answer, self.cache_error = self.conn.recv()
                return answer
        except (EOFError, OSError):
            pass
        return None

    def kill(self) -> None:
        if self.proc.is_alive():
            self.proc.kill()
        self.proc.join()
        self.conn.close()

    def close(self) -> None:
        try:
            self.conn.send(None)
        except (OSError, ValueError):
            pass
        self.proc.join(1.0)
        if self.proc.is_alive():
            self.proc.terminate()  # busy: SIGTERM lets it drop a half-written cache entry
            self.proc.join(2.0)
        if self.proc.is_alive():
            self.proc.kill()
            self.proc.join()
        self.conn.close()


def check_paths(
    engine: Engine,
    files: list[str],
    workers: int,
    cache: ResultCache | None,
    limit: float | None = None,
    prepare: Prepare | None = None,
) -> Iterator[Checked]:
    """Each file's reports, checked in ``workers`` processes, in the order of ``files``;
    with ``prepare``, also what the worker made of each report (see :func:`prepared`)."""
    from multiprocessing.connection import wait  # start-up: only for a run with workers

    ctx = _context()
    # one of two worker initialisers, each with its own arguments
    initializer: Callable[..., None]
    initargs: tuple[Any, ...]
    if ctx.get_start_method() == "fork":
        initializer, initargs = _adopt, (engine, cache)
    else:
        initializer, initargs = _rebuild, (engine.recipe(), cache)
    todo = deque(enumerate(files))
    done: dict[int, Checked] = {}
    # the lexicon of the word segmentation, loaded once here: forked workers inherit it,
    # spawned ones find its index built (with --no-cache and no index yet, each worker
    # would read the whole dictionary again)
    segment.lexicon()
    frozen = gc.get_freeze_count()
    if initializer is _adopt:
        # the catalog, configuration and engine the forked workers inherit live as long as
        # the run: out of the collector's reach, its passes in a worker neither walk them
        # nor write to (and so copy) the pages the worker shares with the parent
        gc.freeze()
    pool = [_Worker(ctx, initializer, initargs, limit, prepare) for _ in range(max(1, min(workers, len(files))))]
    if not frozen:
        gc.unfreeze()  # a Python caller's own objects are not left out of its collector's reach
    try:
        for worker in pool:
            worker.give(todo)
        for index in range(len(files)):
            while index not in done:
                busy = [w for w in pool if w.task is not None]
                timeout = max(0.0, min(w.deadline for w in busy) - time.monotonic())
                wait([w.conn for w in busy] + [w.proc.sentinel for w in busy], min(timeout, 3600.0))
                for i, worker in enumerate(pool):
                    if worker.task is None:
                        continue
                    number, path = worker.task
                    answer = worker.result()
                    if answer is not None:
                        done[number] = answer
                        if cache is not None and cache.error is None:
                            cache.error = worker.cache_error
                        worker.task = None
                        worker.give(todo)
                        continue
                    alive = worker.proc.is_alive()
                    if alive and time.monotonic() < worker.deadline:
                        continue
                    # died, or stuck past the limit where the alarm could not stop it: replace it
                    worker.kill()
                    if alive:
                        done[number] = (stopped(engine, path, None, limit), False, None)
                    else:
                        code = worker.proc.exitcode
                        reason = f"signal {-code}" if code is not None and code < 0 else f"exit code {code}"
                        done[number] = (stopped(engine, path, "worker-died", limit, reason), False, None)
                    pool[i] = _Worker(ctx, initializer, initargs, limit, prepare)
                    pool[i].give(todo)
            yield done.pop(index)
    finally:
        for worker in pool:
            worker.close()
