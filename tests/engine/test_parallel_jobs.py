"""--jobs: worker processes give exactly the output of one process, in the same order."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest
from support.paths import ROOT
from typer.testing import CliRunner

from perflint.catalog import builtin_catalog
from perflint.cli import app
from perflint.domain.result import FileReport
from perflint.engine import Engine, parallel
from perflint.engine.config import Config
from perflint.engine.run import _Prepare
from perflint.report import open_sink
from perflint.report._common import ReportOptions

runner = CliRunner()


@pytest.fixture(scope="module")
def many(tmp_path_factory) -> Path:
    """The examples copied into nested folders: 24 files, several declarations each."""
    folder = tmp_path_factory.mktemp("many")
    for n in range(4):
        sub = folder / f"batch-{n}"
        sub.mkdir()
        for path in sorted((ROOT / "examples").glob("*.*")):
            if path.suffix in (".txt", ".json"):
                shutil.copyfile(path, sub / f"{n}-{path.name}")
    return folder


def check(*args: str) -> tuple[int, str]:
    res = runner.invoke(app, ["check", *args, "--today", "2024-06-01", "--no-cache", "--no-color"])
    return res.exit_code, res.stdout


FORMATS = ["text", "json", "jsonl", "sarif", "csv"]


@pytest.fixture(scope="module")
def outputs(many, tmp_path_factory) -> dict[int, tuple[int, dict[str, str]]]:
    """For --jobs 1, 2 and 3: the exit code and every format's output, from one run each
    (text on stdout, the others through --report FORMAT:PATH, which writes what --format
    FORMAT prints: tests/cli/test_cli_reports.py holds the two equal)."""
    out = {}
    for jobs in (1, 2, 3):
        folder = tmp_path_factory.mktemp(f"jobs-{jobs}")
        extra = [a for fmt in FORMATS[1:] for a in ("--report", f"{fmt}:{folder / ('report.' + fmt)}")]
        code, text = check(str(many), "--format", "text", "--jobs", str(jobs), *extra)
        out[jobs] = (
            code,
            {"text": text} | {fmt: (folder / ("report." + fmt)).read_text("utf-8") for fmt in FORMATS[1:]},
        )
    return out


@pytest.mark.parametrize("fmt", FORMATS)
def test_jobs_do_not_change_the_output(outputs, fmt):
    one, two, three = ((outputs[j][0], outputs[j][1][fmt]) for j in (1, 2, 3))
    assert one == two == three
    assert one[0] == 1 and one[1]


def test_reports_arrive_in_display_path_order(many):
    engine = Engine(builtin_catalog(), Config(today="2024-06-01"))
    paths = [r.path for r in engine.stream([str(many)], jobs=2)]
    assert paths == sorted(paths) and len(paths) == 24


def test_spawned_workers_load_the_same_engine(many, monkeypatch):
    """Where fork is unavailable (Windows, macOS) workers rebuild the engine from its recipe."""
    import multiprocessing

    engine = Engine(builtin_catalog(), Config(today="2024-06-01", ignore=["TXT005"]))
    files = engine.files([str(many / "batch-0")])
    serial = [engine.check_path(p) for p in files]
    monkeypatch.setattr(parallel, "_context", lambda: multiprocessing.get_context("spawn"))
    # each report also laid out for a JSON Lines output in the worker (the preparer is pickled)
    sink = open_sink("jsonl", ReportOptions(lang="en"), io.BytesIO())
    spawned = list(parallel.check_paths(engine, files, 2, None, prepare=_Prepare([sink.preparer()])))
    assert [(reports, cached) for reports, cached, _ in spawned] == serial
    for reports, _, made in spawned:
        assert made is not None and len(made) == len(reports)
        for report, (prepared,) in zip(reports, made):
            assert prepared == sink.preparer()(report)


def test_workers_leave_a_callers_collector_as_it_was(many):
    """The objects forked workers inherit are frozen while they start (gc.freeze) and
    thawed again in a process that had frozen nothing: a Python caller's objects are
    still collected after the run."""
    import gc

    engine = Engine(builtin_catalog(), Config(today="2024-06-01"))
    files = engine.files([str(many / "batch-0")])
    assert gc.get_freeze_count() == 0
    seen = []
    for _ in parallel.check_paths(engine, files, 2, None):
        seen.append(gc.get_freeze_count())
    assert seen and seen[0] == 0 and gc.get_freeze_count() == 0


def test_workers_inherit_the_lexicon_loaded_once(many, monkeypatch):
    """The word-segmentation lexicon is loaded before the workers start, so that each does
    not load it again (with --no-cache and no index, reading the whole dictionary)."""
    from perflint.checks.analysis import segment

    engine = Engine(builtin_catalog(), Config(today="2024-06-01"))
    files = engine.files([str(many / "batch-0")])
    monkeypatch.setattr(segment, "_lexicon", None)
    started = []
    monkeypatch.setattr(parallel, "_Worker", _recording(parallel._Worker, started, segment))
    list(parallel.check_paths(engine, files, 2, None))
    assert started and all(started)


def _recording(worker: type, started: list[bool], segment) -> type:
    """``_Worker`` noting, as each starts, whether the lexicon is loaded."""

    class Recording(worker):  # type: ignore[misc, valid-type]
        def __init__(self, *args, **kwargs):
            started.append(segment._lexicon is not None)
            super().__init__(*args, **kwargs)

    return Recording


def test_a_worker_whose_preparer_fails_leaves_the_layout_to_the_parent():
    def broken(report):
        raise ValueError("no layout")

    assert parallel.prepared(broken, [FileReport("a.txt")]) is None
    assert parallel.prepared(None, [FileReport("a.txt")]) is None
    assert parallel.prepared(lambda r: r.path, [FileReport("a.txt")]) == ["a.txt"]


def test_default_jobs_is_the_usable_cpu_count():
    assert 1 <= parallel.default_jobs() <= (__import__("os").cpu_count() or 1)


def test_few_files_stay_in_process(many, monkeypatch):
    """Starting workers costs more than checking a handful of files."""

    def boom(*_a, **_k):
        raise AssertionError("no pool for three files")

    monkeypatch.setattr(parallel, "check_paths", boom)
    engine = Engine(builtin_catalog(), Config(today="2024-06-01"))
    files = engine.files([str(many / "batch-1")])[:3]
    assert len(list(engine.stream(files, jobs=8))) == 3
