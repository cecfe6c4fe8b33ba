"""A whole run, as ``perflint check`` makes it and as a Python caller can.

:func:`run` checks the files under some paths and writes every output
(standard output or a file, in any registered format) as files complete;
:func:`exit_code` turns the run's summary into the exit status;
:func:`open_cache` opens the result cache a configuration asks for.  The
command line only parses options and prints messages around these.

Output files are written through a temporary file in the same folder and
renamed into place when the run completes, so an interrupted or failed run
never leaves half a report behind.
"""

from __future__ import annotations

import json
import os
import stat
import sys
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import IO, Any, Protocol

from perflint.checks.analysis import segment
from perflint.domain.result import FileReport, RunSummary
from perflint.engine.baseline import Baseline, BaselineWriter
from perflint.engine.cache import ResultCache, default_cache_dir
from perflint.engine.config import Config
from perflint.engine.core import Engine
from perflint.engine.discover import STDIN, shown
from perflint.exitcodes import ExitCode
from perflint.report import Sink, open_sink
from perflint.resources import schema


class OutputError(Exception):
    """An output could not be opened or completed."""

    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


class Progress(Protocol):
    def start(self, total: int) -> None: ...

    def advance(self, path: str) -> None: ...


class Target:
    """Where one format of the run goes: standard output (``path`` None) or a file.

    A regular file (or a new one) is written through a temporary file beside it and
    renamed into place when the run completes, so an interrupted or failed run never
    leaves half a report behind; it gets the mode the umask gives a new file (or keeps
    the mode it had), and a symbolic link is followed, not replaced.  A device, a named
    pipe or a terminal is written straight in (``-o /dev/null``, ``-o >(wc -c)``).
    """

    def __init__(self, path: Path | None, fmt: str, options: dict[str, Any]) -> None:
        self.path = path
        self.fmt = fmt
        self.options = options
        self.stream: IO[bytes] | None = None
        self.tmp: str | None = None
        #: the file the temporary file replaces (a link's target for a symbolic link)
        self.final: str | None = None
        self.mode = 0o644
        self.sink: Sink | None = None

    def open(self) -> None:
        if self.path is None:
            sys.stdout.flush()
            self.stream = sys.stdout.buffer
        else:
            try:
                try:
                    st: os.stat_result | None = os.stat(self.path)  # through links
                except FileNotFoundError:
                    st = None
                if st is not None and not stat.S_ISREG(st.st_mode):
                    # a device, a pipe (-o >(wc -c)), a terminal: write straight in (closed in close/abort)
                    self.stream = open(self.path, "wb")  # noqa: SIM115
                    real = ""
                else:
                    real = os.path.realpath(self.path)
                    self.mode = stat.S_IMODE(st.st_mode) if st is not None else 0o666 & ~_umask()
                    folder, name = os.path.split(real)
                    fd, self.tmp = tempfile.mkstemp(dir=folder or ".", prefix=f".{name}.", suffix=".tmp")
                    self.final = real
                    self.stream = os.fdopen(fd, "wb")
            except OSError as exc:
                raise OutputError(self.path, exc.strerror or str(exc)) from None
        self.sink = open_sink(self.fmt, self.options, self.stream)

    def abort(self) -> None:
        """Drop a half-written output file."""
        if self.tmp is None:
            return
        try:
            if self.stream is not None:
                self.stream.close()
        except OSError:
            pass
        try:
            os.unlink(self.tmp)
        except OSError:
            pass
        self.tmp = None

    def close(self) -> None:
        assert self.stream is not None
        if self.path is None:
            self.stream.flush()
            return
        tmp, final = self.tmp, self.final
        try:
            self.stream.close()
            if tmp is not None and final is not None:
                os.chmod(tmp, self.mode)
                os.replace(tmp, final)
                self.tmp = None
        except OSError as exc:
            if tmp is not None:
                try:
                    os.unlink(tmp)
                except OSError:
                    pass
                self.tmp = None
            raise OutputError(self.path, exc.strerror or str(exc)) from None


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def same_file(a: str | Path, b: str | Path) -> bool:
    """``a`` and ``b`` name the same existing file (through links, any spelling of the path)."""
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


def open_cache(
    engine: Engine, config: Config, *, no_cache: bool = False, cache_dir: Path | None = None
) -> ResultCache | None:
    """The result cache for this run, or None (``--no-cache``, ``cache = false``).

    The word-segmentation index (:mod:`perflint.checks.analysis.segment`) lives
    in the same folder whether or not results are cached: it is derived from
    the installed dictionary, not from any input."""
    configured = getattr(config, "cache_dir", None)
    root = cache_dir or (Path(configured) if configured else None)
    if root is not None:
        segment.set_cache_dir(root)
    if no_cache or getattr(config, "cache", True) is False:
        return None
    return ResultCache(root or default_cache_dir(), engine.fingerprint())


def run(
    engine: Engine,
    paths: Iterable[str],
    targets: list[Target],
    *,
    jobs: int = 1,
    cache: ResultCache | None = None,
    progress: Progress | None = None,
    baseline: Baseline | None = None,
    record: BaselineWriter | None = None,
) -> RunSummary:
    """Check every file under ``paths`` and write each target as files complete.

    A ``.json`` file found by walking a folder that has no declaration's shape (metadata,
    another tool's output, an empty file: :func:`not_a_declaration_json`) is skipped and
    counted (``summary.options["skipped_json"]``); a file named in ``paths``
    is always reported.

    ``record`` collects every finding for a new baseline; ``baseline`` then drops the
    findings it records before anything is counted or written (the counts of dropped
    and fixed findings go to ``summary.options["baseline"]``).

    On any exception (Ctrl-C included) every output file is dropped and the
    exception goes on to the caller."""
    summary = engine.summary()
    try:
        for target in targets:
            target.open()
        for target in targets:
            assert target.sink is not None
            target.sink.start(summary)
        on_start = progress.start if progress is not None else None
        paths = list(paths)
        named = {shown(p) for p in paths if p == STDIN or not os.path.isdir(p)}
        skipped = 0
        sinks = [target.sink for target in targets]
        # workers lay out each report for the outputs that let them (they only write it here);
        # not when a baseline drops findings from the reports before they are written
        preparers = [_preparer(sink) for sink in sinks]
        prepare = _Prepare(preparers) if jobs > 1 and baseline is None and any(preparers) else None
        for report, made in engine.stream_prepared(
            paths, jobs=jobs, cache=cache, on_start=on_start, stats=summary, prepare=prepare
        ):
            if report.path not in named and not_a_declaration_json(report):
                skipped += 1
                if progress is not None:
                    progress.advance(report.path)
                continue
            if record is not None:
                record.add(report)
            if baseline is not None:
                baseline.apply(report)
            summary.add(report, report.suppressed_by)
            for i, sink in enumerate(sinks):
                assert sink is not None
                if made is not None and made[i] is not None:
                    sink.file(report, made[i])  # type: ignore[call-arg]
                else:
                    sink.file(report)
            if progress is not None:
                progress.advance(report.path)
        engine.finish_summary(summary)
        if skipped:
            summary.options["skipped_json"] = skipped
        if baseline is not None:
            summary.options["baseline"] = {"matched": baseline.matched, "fixed": baseline.fixed}
        for target in targets:
            assert target.sink is not None
            target.sink.finish(summary)
        for target in targets:
            target.close()
    except BaseException:
        for target in targets:
            target.abort()
        raise
    return summary


def _preparer(sink: Sink | None) -> Callable[[FileReport], Any] | None:
    """What a worker may lay out for ``sink``: its ``preparer()``, when it has one
    (a streaming writer of perflint's: json, jsonl, text without colour)."""
    make = getattr(sink, "preparer", None)
    return make() if callable(make) else None


class _Prepare:
    """Each report laid out in the worker for every output that lets it (picklable, for
    ``spawn`` workers): a list with one item per output, None where it does not."""

    def __init__(self, preparers: list[Callable[[FileReport], Any] | None]) -> None:
        self.preparers = preparers

    def __call__(self, report: FileReport) -> list[Any]:
        return [None if prepare is None else prepare(report) for prepare in self.preparers]


JSON_SUFFIXES = (".json", ".jsonl", ".ndjson")
#: keys only a declaration has: an object with one of them is taken for a declaration
_DECLARATION_KEYS = frozenset(
    {"form_type", "indicators", "money", "goals", "schedule", "safeguards", "reviews", "functions", "basis"}
)


def not_a_declaration_json(report: FileReport, path: str | None = None) -> bool:
    """A JSON file without the shape of a declaration: it holds no declaration, its only
    findings say why (``INP003`` not a declaration, ``INP005`` schema problems), and no
    object in it has a key only declarations have or mostly declaration keys (a
    ``package.json``, an index of files, another tool's output, ``[]``, an empty file).
    Syntax errors are never skipped: a broken declaration is still a declaration."""
    if not report.path.lower().endswith(JSON_SUFFIXES) or report.declarations or not report.findings:
        return False
    if not all(f.code in ("INP003", "INP005") for f in report.findings):
        return False
    try:
        text = Path(path or report.path).read_text("utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return False
    try:
        if report.path.lower().endswith(".json"):
            docs = [json.loads(text)] if text.strip() else []
        else:
            docs = [json.loads(line) for line in text.splitlines() if line.strip()]
    except (ValueError, RecursionError):
        return False
    return not any(_declaration_shaped(doc) for doc in docs)


def earlier_report(path: str | Path, limit: int = 64 << 20) -> bool:
    """Whether the file at ``path`` is JSON without a declaration's shape -- what a
    folder walk skips, such as perflint's own JSON or SARIF report of an earlier run --
    so that an output may replace it though the walk found it (``perflint check .
    -o out.json`` run twice).  A form, or anything that is not such JSON, is not."""
    if not str(path).lower().endswith(JSON_SUFFIXES):
        return False
    try:
        if os.path.getsize(path) > limit:
            return False
        text = Path(path).read_text("utf-8-sig")
        if str(path).lower().endswith(".json"):
            docs = [json.loads(text)] if text.strip() else []
        else:
            docs = [json.loads(line) for line in text.splitlines() if line.strip()]
    except (OSError, ValueError, RecursionError):
        return False
    return not any(_declaration_shaped(doc) for doc in docs)


def _declaration_shaped(value: Any) -> bool:
    if isinstance(value, list):  # a list of declarations
        return any(_declaration_shaped(item) for item in value if isinstance(item, dict))
    if not isinstance(value, dict) or not value:
        return False
    if _DECLARATION_KEYS & set(value):
        return True
    known = schema("declaration.schema.json").get("properties", {})
    ours = sum(1 for key in value if key in known)
    return ours > len(value) - ours


def exit_code(summary: RunSummary, config: Config, *, exit_zero: bool = False) -> ExitCode:
    """2 for internal errors, else 0 with ``exit_zero``, else 1 when a finding reaches ``fail-on``."""
    if summary.internal_errors:
        return ExitCode.ERROR
    if exit_zero:
        return ExitCode.OK
    threshold = config.fail_threshold()
    if threshold is not None and summary.max_rank >= threshold:
        return ExitCode.FINDINGS
    return ExitCode.OK
