"""Streaming writers: the same bytes as the collected renderers, nothing kept.

Every format with a ``stream_<format>`` writer is fed the reports of a run
one by one, in path order, as ``perflint check`` does, and must write exactly
what the collected renderer writes for the whole run, in every option
combination the CLI passes.  A streaming writer must not keep the reports it
is given, and its memory must not grow with the number of files.
"""

from __future__ import annotations

import dataclasses
import gc
import io
import itertools
import os
import pathlib
import pickle
import random
import shutil
import subprocess
import sys
import tracemalloc
import weakref
from functools import lru_cache
from pathlib import Path

import pytest
from rich.text import Text
from support.paths import ROOT
from support.report_sample import sample_result

from perflint.domain.findings import Finding
from perflint.domain.result import DeclarationReport, FileReport, RunSummary
from perflint.report import Collect, as_result, open_sink, renderer, terminal
from perflint.report._common import ReportOptions
from perflint.report._stream import (
    JsonArray,
    PathRun,
    Tally,
    dumps,
    json_pieces,
    mark,
    summary_of,
)

TODAY = "2026-01-01"
STREAMING = ("text", "json", "jsonl", "sarif", "github", "gitlab", "junit", "csv")
COLLECTED = ("html", "opinion")


# -- runs ------------------------------------------------------------------------------


def _example_paths() -> list[str]:
    return sorted(
        p.relative_to(ROOT).as_posix() for p in (ROOT / "examples").iterdir() if p.suffix in (".txt", ".json", ".jsonl")
    ) + ["examples/no-such-form.txt"]


@lru_cache(maxsize=1)
def _examples_run() -> tuple[tuple[FileReport, ...], RunSummary]:
    """The examples checked as ``perflint check`` checks them: reports in the
    order the engine yields them and the summary the CLI builds."""
    from perflint.catalog import builtin_catalog
    from perflint.engine import Engine
    from perflint.engine.config import load_config

    here = Path.cwd()
    os.chdir(ROOT)
    try:
        catalog = builtin_catalog()
        engine = Engine(catalog, load_config(catalog, cwd=ROOT, overrides={"today": TODAY}))
        summary = engine.summary()
        reports = []
        for report in engine.stream(_example_paths()):
            summary.add(report, report.suppressed_by)
            reports.append(report)
        engine.finish_summary(summary)
    finally:
        os.chdir(here)
    assert [r.path for r in reports] == sorted(r.path for r in reports)
    return tuple(reports), summary


def _sample_run(extras: bool = False) -> tuple[tuple[FileReport, ...], RunSummary]:
    result = sample_result()
    if extras:  # plugin errors, suppressed counts per rule and configuration in the options
        result.options.update(
            {
                "plugin_errors": [{"group": "perflint.rules", "name": "broken", "error": "ImportError: no module"}],
                "suppressed_by_rule": {"VAL003": 2, "TXT001": 1},
                "profile": "hunan-2019",
                "select": ["VAL", "IND"],
                "fail_on": "warning",
                "rules_run": 12,
            }
        )
    return tuple(sorted(result.files, key=lambda f: f.path)), summary_of(result)


def _empty_run() -> tuple[tuple[FileReport, ...], RunSummary]:
    return (), RunSummary(profile="hunan-2019", version="0.1.0", options={"plugin_errors": []})


RUNS = {
    "sample": lambda: _sample_run(),
    "sample+options": lambda: _sample_run(extras=True),
    "examples": _examples_run,
    "empty": _empty_run,
}


# -- option sets the CLI passes ---------------------------------------------------------


def _option_sets(fmt: str) -> list[ReportOptions]:
    bases = (None, "samples", "examples", str(ROOT))
    if fmt == "text":
        modes = ({}, {"quiet": True}, {"statistics": True})
        return [
            ReportOptions(lang=lang, color=color, base_dir=base, show_source=source, width=width, **mode)
            for lang, color, base, source, width, mode in itertools.product(
                ("zh", "en"), (False, True), (None, str(ROOT)), (True, False), (None, 60), modes
            )
        ]
    fail_on = ("error", "warning", "info") if fmt == "junit" else ("error",)
    return [
        ReportOptions(lang=lang, base_dir=base, fail_on=level)
        for lang, base, level in itertools.product(("zh", "en"), bases, fail_on)
    ]


def _as_bytes(out: str | bytes) -> bytes:
    return out if isinstance(out, bytes) else out.encode("utf-8")


def _streamed(fmt: str, options, reports, summary: RunSummary) -> bytes:
    out = io.BytesIO()
    sink = open_sink(fmt, options, out)
    sink.start(summary)
    for report in reports:
        sink.file(report)
    sink.finish(summary)
    return out.getvalue()


def _collected(fmt: str, options, reports, summary: RunSummary) -> bytes:
    return _as_bytes(renderer(fmt)(as_result(list(reports), summary), options))


def _first_difference(a: bytes, b: bytes) -> str:
    x, y = a.decode("utf-8", "replace").splitlines(), b.decode("utf-8", "replace").splitlines()
    i = next((i for i, (p, q) in enumerate(zip(x, y)) if p != q), min(len(x), len(y)))
    return f"line {i + 1}: streamed {x[i] if i < len(x) else '<end>'!r} / collected {y[i] if i < len(y) else '<end>'!r}"


@pytest.mark.parametrize("fmt", STREAMING)
def test_every_streaming_format_has_a_writer(fmt):
    sink = open_sink(fmt, ReportOptions(), io.BytesIO())
    assert not isinstance(sink, Collect)


@pytest.mark.parametrize("fmt", COLLECTED)
def test_reports_for_people_are_collected(fmt):
    assert isinstance(open_sink(fmt, ReportOptions(), io.BytesIO()), Collect)


@pytest.mark.parametrize("run", sorted(RUNS))
@pytest.mark.parametrize("fmt", STREAMING)
def test_streaming_equals_the_collected_render(fmt, run):
    reports, summary = RUNS[run]()
    for options in _option_sets(fmt):
        streamed = _streamed(fmt, options, reports, summary)
        collected = _collected(fmt, options, reports, summary)
        assert streamed == collected, f"{fmt} {options}: {_first_difference(streamed, collected)}"


def test_the_cli_option_dict_is_accepted_like_report_options():
    reports, summary = _examples_run()
    options = {
        "lang": "en",
        "color": False,
        "quiet": False,
        "statistics": False,
        "show_source": True,
        "base_dir": str(ROOT),
        "fail_on": "warning",
    }
    for fmt in STREAMING:
        assert _streamed(fmt, options, reports, summary) == _collected(fmt, options, reports, summary), fmt


# -- text: plain lines are what Rich prints ------------------------------------------------


@pytest.mark.parametrize("run", sorted(RUNS))
def test_plain_text_equals_the_rich_render_without_colour(run):
    """The fast path (no Rich per line) against every line printed through Rich."""
    reports, summary = RUNS[run]()
    for options in _option_sets("text"):
        if options.color:
            continue
        fast: list[str] = []
        slow: list[str] = []
        for parts, rich in ((fast, False), (slow, True)):
            sink = terminal.TextSink(options, parts.append, rich=rich)
            sink.start(summary)
            for report in reports:
                sink.file(report)
            sink.finish(summary)
        assert "".join(fast) == "".join(slow), options


def _rich_print(text: str) -> str:
    buffer = io.StringIO()
    terminal._console(ReportOptions(width=40), buffer).print(Text(text))
    return "\n".join(line.rstrip() for line in buffer.getvalue().split("\n"))


def test_plain_text_handles_what_rich_drops_or_expands():
    alphabet = [
        "a",
        "b",
        " ",
        "\t",
        "\n",
        "\r",
        "\x07",
        "\x08",
        "\x0b",
        "\x0c",
        "\x1c",
        "\x85",
        "\u3000",
        "资",
        "金",
        "ｗ",
        "é",
        "\u200b",
        "😀",
        "\ufffd",
    ]
    rng = random.Random(6)
    cases = ["", "\n", "a\n", "\tx", "资\tx", "ab\tc\td", "a\r\nb", "  ", "x\u3000", "\t"]
    cases += ["".join(rng.choice(alphabet) for _ in range(rng.randint(1, 30))) for _ in range(3000)]
    for case in cases:
        assert terminal.plain_text(case) == _rich_print(case), repr(case)


def test_the_control_codes_dropped_are_riches():
    from rich.control import STRIP_CONTROL_CODES

    assert tuple(STRIP_CONTROL_CODES) == terminal.STRIP_CONTROL_CODES


def _rich_table(title: str, headers: list[str], rows: list[list[str]], width: int) -> str:
    from rich import box
    from rich.table import Table

    table = Table(title=title, box=box.SIMPLE_HEAD, title_justify="left", show_edge=False, pad_edge=False)
    for i, header in enumerate(headers):
        table.add_column(header, justify="right" if i == len(headers) - 1 else "left")
    for row in rows:
        table.add_row(*row)
    buffer = io.StringIO()
    terminal._console(ReportOptions(width=width), buffer).print(table)
    return "\n".join(line.rstrip() for line in buffer.getvalue().split("\n"))


def test_plain_summary_tables_are_what_rich_prints_or_left_to_rich():
    """The summary tables without colour (no Rich): every table laid out is Rich's bytes;
    one that Rich would wrap (too wide, a wide title, a control code) is left to Rich."""
    words = ["a", "PH004", "错误", "na-without-justification", "x y", "ｗｉｄｅ", "规则名称", "", "é", "12345"]
    rng = random.Random(16)

    def word() -> str:
        return rng.choice(["\t", "名\x07"]) if rng.random() < 0.02 else rng.choice(words) * rng.randint(1, 3)

    laid_out = left = 0
    for _ in range(600):
        columns = rng.randint(1, 4)
        headers = [word() for _ in range(columns)]
        rows = [[word() for _ in range(columns)] for _ in range(rng.randint(0, 4))]
        title = rng.choice(["按级别", "By rule", "a much longer title than most tables", "汇总\t"])
        width = rng.choice([20, 40, 60, 100])
        plain = terminal.plain_table(title, headers, rows, width)
        if plain is None:
            left += 1
            continue
        laid_out += 1
        assert plain == _rich_table(title, headers, rows, width), (title, headers, rows, width)
    assert laid_out > 100 and left > 100  # both paths were taken


def test_the_plain_summary_is_the_rich_one():
    """The whole text summary without colour, with and without Rich's tables: long rule
    names and narrow widths included."""
    reports, summary = RUNS[sorted(RUNS)[0]]()
    for width in (40, 60, 100):
        for lang in ("zh", "en"):
            options = ReportOptions(width=width, lang=lang)
            fast: list[str] = []
            slow: list[str] = []
            for parts, rich in ((fast, False), (slow, True)):
                sink = terminal.TextSink(options, parts.append, rich=rich)
                sink.start(summary)
                for report in reports:
                    sink.file(report)
                sink.finish(summary)
            assert fast[-1] == slow[-1], (width, lang)


# -- pieces -----------------------------------------------------------------------------------


def test_json_array_lays_items_out_as_json_dumps():
    import json

    for items in ([], [{}], [{"a": [1, {"b": []}], "c": "x\ny"}], [1, "两", None, [], {"k": {}}]):
        for level in (0, 1, 3):
            parts: list[str] = []
            array = JsonArray(parts.append, level)
            for item in items:
                array.add(item)
            array.close()
            doc: object = items
            for _ in range(level):
                doc = {"k": doc}
            text = "".join(parts)
            expected = json.dumps(doc, ensure_ascii=False, indent=2)
            head, tail = json_pieces(_nest(mark("x"), level), "x")
            assert head + text + tail == expected
    assert dumps({"a": 1}, 2) == '    {\n      "a": 1\n    }'


def _nest(value, level):
    for _ in range(level):
        value = {"k": value}
    return value


def test_path_run_numbers_keys_within_a_path_only():
    run = PathRun()
    assert [run.count("a", "x"), run.count("a", "x"), run.count("a", "y"), run.count("b", "x")] == [1, 2, 1, 1]
    assert run.seen == {"x": 1}


def test_tally_matches_the_collected_counts():
    from perflint.report._common import grade_counts, rule_counts

    reports, summary = _examples_run()
    result = as_result(list(reports), summary)
    tally = Tally()
    for report in reports:
        tally.add(report)
    assert tally.counts == result.counts()
    assert tally.rule_counts() == rule_counts(result.findings)
    assert tally.grade_counts() == grade_counts(result)
    assert (tally.files, tally.declarations, tally.unreadable) == (
        len(result.files),
        len(result.declarations),
        result.unreadable_files,
    )


# -- arrival order ------------------------------------------------------------------------------


def test_reports_are_written_in_arrival_order():
    """An extract file's reports may follow it out of path order: they are
    written as they come (a collected render would sort them)."""
    reports, summary = _sample_run()
    shuffled = (reports[2], reports[0], reports[1])
    out = _streamed("github", ReportOptions(), shuffled, summary).decode("utf-8").splitlines()
    order = list(dict.fromkeys(line.split("file=")[1].split(",")[0] for line in out))
    assert order == [r.path for r in shuffled if any(True for _ in r.iter_findings())]
    collected = _collected("github", ReportOptions(), reports, summary).decode("utf-8").splitlines()
    assert sorted(out) == sorted(collected)
    for fmt in STREAMING:  # every format still gives a whole document
        doc = _streamed(fmt, ReportOptions(), shuffled, summary)
        assert len(doc) == len(_collected(fmt, ReportOptions(), reports, summary)), fmt


def test_identical_findings_keep_distinct_fingerprints_within_a_path():
    import json

    reports, summary = _sample_run()
    alpha = next(r for r in reports if r.path.endswith("alpha.txt"))
    twice = dataclasses.replace(
        alpha, declarations=[dataclasses.replace(d, findings=d.findings + d.findings) for d in alpha.declarations]
    )
    for fmt in ("json", "jsonl", "gitlab"):
        runs = (twice,)
        out = _streamed(fmt, ReportOptions(), runs, summary)
        assert out == _collected(fmt, ReportOptions(), runs, summary), fmt
        if fmt == "jsonl":
            prints = [json.loads(line)["fingerprint"] for line in out.splitlines()]
        elif fmt == "json":
            prints = [f["fingerprint"] for f in json.loads(out)["findings"]]
        else:
            prints = [i["fingerprint"] for i in json.loads(out)]
        assert len(prints) == len(set(prints)) == 2 * sum(len(d.findings) for d in alpha.declarations)


# -- reports laid out in worker processes (--jobs) ------------------------------------------------

#: the writers whose workers lay each report out (text only without colour and without --statistics)
PREPARED = STREAMING


def _streamed_prepared(fmt: str, options, reports, summary: RunSummary) -> bytes | None:
    """As :func:`_streamed`, each report laid out first by the writer's preparer, which
    goes to a worker and its result back as ``--jobs`` sends them (pickled); None when
    the writer lays nothing out in workers for ``options``."""
    out = io.BytesIO()
    sink = open_sink(fmt, options, out)
    made = sink.preparer()
    if made is None:
        return None
    prepare = pickle.loads(pickle.dumps(made))
    sink.start(summary)
    for report in reports:
        sink.file(report, pickle.loads(pickle.dumps(prepare(report))))
    sink.finish(summary)
    return out.getvalue()


@pytest.mark.parametrize("run", sorted(RUNS))
@pytest.mark.parametrize("fmt", PREPARED)
def test_reports_laid_out_in_workers_give_the_same_bytes(fmt, run):
    reports, summary = RUNS[run]()
    laid_out = 0
    for options in _option_sets(fmt):
        made = _streamed_prepared(fmt, options, reports, summary)
        if made is None:
            assert fmt == "text" and (options.color or options.statistics)
            continue
        laid_out += 1
        assert made == _streamed(fmt, options, reports, summary), (options, _first_difference(made, b""))
    assert laid_out


@pytest.mark.parametrize("fmt", ("json", "jsonl", "gitlab"))
def test_fingerprints_laid_out_in_workers_are_numbered_across_reports_of_one_path(fmt):
    """Two reports of one path from two workers (an extract file and the original it points
    at): a fingerprint repeated in the second is numbered after those of the first."""
    import json

    reports, summary = _sample_run()
    alpha = next(r for r in reports if r.path.endswith("alpha.txt"))
    runs = (alpha, dataclasses.replace(alpha), dataclasses.replace(alpha))
    made = _streamed_prepared(fmt, ReportOptions(), runs, summary)
    assert made == _streamed(fmt, ReportOptions(), runs, summary)
    if fmt == "jsonl":
        docs = [json.loads(line) for line in made.splitlines()]
    else:
        doc = json.loads(made)
        docs = doc if fmt == "gitlab" else doc["findings"]
    prints = [d["fingerprint"] for d in docs]
    assert len(prints) == len(set(prints)) == 3 * sum(1 for _ in alpha.iter_findings())


# -- memory ---------------------------------------------------------------------------------------


class _Tracked(FileReport):
    """A FileReport that can be weakly referenced."""

    __slots__ = ("__weakref__",)


def _renamed(report: FileReport, path: str, cls: type[FileReport] = FileReport) -> FileReport:
    """A copy of ``report`` (new lists and findings) at ``path``."""

    def moved(f: Finding) -> Finding:
        return dataclasses.replace(f, path=path)

    return cls(
        path=path,
        encoding=report.encoding,
        readable=report.readable,
        lines=list(report.lines),
        suppressed_by=dict(report.suppressed_by),
        findings=[moved(f) for f in report.findings],
        declarations=[
            DeclarationReport(
                path=path,
                index=d.index,
                form_type=d.form_type,
                name=d.name,
                unit=d.unit,
                year=d.year,
                total=d.total,
                grade=d.grade,
                score=d.score,
                aspects={k: dict(v) for k, v in d.aspects.items()},
                findings=[moved(f) for f in d.findings],
            )
            for d in report.declarations
        ],
    )


class _Discard(io.RawIOBase):
    """A binary stream that keeps nothing."""

    def __init__(self) -> None:
        self.size = 0

    def writable(self) -> bool:
        return True

    def write(self, data) -> int:
        self.size += len(data)
        return len(data)


@pytest.mark.parametrize("fmt", STREAMING)
def test_a_streaming_writer_keeps_no_report(fmt):
    reports, summary = _examples_run()
    for options in (ReportOptions(), ReportOptions(color=True, lang="en"), ReportOptions(statistics=True)):
        sink = open_sink(fmt, options, _Discard())
        sink.start(summary)
        refs = []
        for i, report in enumerate(reports * 3):
            tracked = _renamed(report, f"copy{i:03d}/{report.path}", _Tracked)
            refs.append(weakref.ref(tracked))
            sink.file(tracked)
            del tracked
            if refs[-1]() is not None:  # reports hold no cycles: only a collection could free it now
                gc.collect()
            assert refs[-1]() is None, f"{fmt} keeps report {i}"
        sink.finish(summary)
        assert all(ref() is None for ref in refs)


@pytest.mark.slow
@pytest.mark.parametrize("fmt", STREAMING)
def test_a_streaming_writer_does_not_grow_with_the_number_of_files(fmt):
    reports, summary = _examples_run()
    sink = open_sink(fmt, ReportOptions(), _Discard())
    sink.start(summary)

    def feed(start: int, n: int) -> None:
        for i in range(start, start + n):
            sink.file(_renamed(reports[i % len(reports)], f"d{i:05d}/{reports[i % len(reports)].path}"))

    feed(0, 70)  # warm up caches (i18n, regexes, Rich)
    gc.collect()
    # Everything still allocated, except the interpreter's table of interned strings
    # (pathlib interns each part of a path; the table keeps its size once grown) and
    # tracemalloc's own bookkeeping.
    filters = [
        tracemalloc.Filter(False, pathlib.__file__, all_frames=True),
        tracemalloc.Filter(False, tracemalloc.__file__, all_frames=True),
    ]

    def kept() -> int:
        gc.collect()
        return sum(stat.size for stat in tracemalloc.take_snapshot().filter_traces(filters).statistics("filename"))

    tracemalloc.start(64)
    try:
        feed(70, 70)
        after_some = kept()
        feed(140, 700)
        after_many = kept()
    finally:
        tracemalloc.stop()
    sink.finish(summary)
    # 700 more files (≈ 8,500 findings) may not leave more than a few kilobytes behind
    assert after_many - after_some < 16 * 1024, f"{fmt} grew by {after_many - after_some} bytes"


# -- the CLI, end to end ------------------------------------------------------------------------


@pytest.mark.slow  # worker processes over many files / a megabyte: CI's slow suite
def test_cli_jsonl_over_many_files_is_the_same_with_workers(tmp_path):
    folder = tmp_path / "forms"
    folder.mkdir()
    sources = [ROOT / p for p in _example_paths() if (ROOT / p).exists()]
    for n in range(50):
        for src in sources:
            shutil.copyfile(src, folder / f"{n:02d}-{src.name}")
    assert len(list(folder.iterdir())) >= 300
    env = dict(os.environ, PERFLINT_CACHE_DIR=str(tmp_path / "cache"), NO_COLOR="1")
    env.pop("FORCE_COLOR", None)

    def run(*args: str) -> bytes:
        proc = subprocess.run(
            [
                sys.executable,
                "-m",
                "perflint",
                "check",
                str(folder),
                "--today",
                TODAY,
                "--no-cache",
                "--format",
                "jsonl",
                *args,
            ],
            check=False,
            capture_output=True,
            cwd=tmp_path,
            env=env,
            timeout=600,
        )
        assert proc.returncode in (0, 1), proc.stderr.decode("utf-8", "replace")
        return proc.stdout

    parallel = run("--jobs", "2")
    serial = run("--jobs", "1")
    assert parallel == serial
    lines = serial.decode("utf-8").splitlines()
    reports, _ = _examples_run()
    per_copy = sum(1 for r in reports for _ in r.iter_findings() if r.path != "examples/no-such-form.txt")
    assert len(lines) == 50 * per_copy
    paths = [line.split('"path":"', 1)[1].split('"', 1)[0] for line in lines]
    assert paths == sorted(paths)  # written in path order
