"""The default ``text`` format: findings for people, in a terminal (Rich).

Findings are grouped by file and declaration::

    samples/a.txt
    ── 社区图书室运行维护（专项资金 · 2019年度 · 示例县文化馆）
    samples/a.txt:7:21  VAL002  警告  指标值“提高服务效率”不可衡量。
        7 │     产出指标    时效指标    借阅服务更加及时    提高服务效率
          │                                                 ^^^^^^^^^^^^
    等级：差（52.5 分）— 不得进入下一步预算安排流程

then a summary (by severity, by rule, counts of files, declarations,
unreadable files and suppressed findings).  Underlines are measured in
terminal cells, so double-width CJK characters line up.  Colour only when
``options.color`` (see :func:`perflint.report._common.resolve_color`).
"""

from __future__ import annotations

import io
import shutil
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import IO, Self

from rich import box
from rich.cells import cell_len
from rich.console import Console
from rich.table import Table
from rich.text import Text

from perflint.findings import Finding, Severity
from perflint.i18n import t
from perflint.report._common import (
    SEVERITIES,
    ReportOptions,
    coerce_options,
    consequence,
    decl_findings,
    declaration_parts,
    file_findings,
    files_by_path,
    format_score,
    grade_label,
    one_line,
    plugin_errors,
    rel_path,
    resolve_color,
    rule_counts,
    severity_label,
    sorted_declarations,
    sorted_files,
    source_line,
    strip_control,
)
from perflint.result import DeclarationReport, FileReport, RunResult

SEVERITY_STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}
GRADE_STYLE = {"优": "bold green", "良": "green", "中": "yellow", "差": "bold red"}
TAB = "    "
PLAIN_ENCODINGS = {"utf-8", "utf8", "utf-8-sig", "ascii"}
DEFAULT_WIDTH = 100


def terminal_width(options: ReportOptions) -> int:
    """``options.width``; else the terminal's width when stdout is one; else 100."""
    if options.width:
        return max(options.width, 40)
    try:
        if sys.stdout.isatty():
            return max(shutil.get_terminal_size((DEFAULT_WIDTH, 24)).columns, 40)
    except (AttributeError, ValueError, OSError):
        pass
    return DEFAULT_WIDTH


def _console(options: ReportOptions, file: IO[str]) -> Console:
    return Console(
        file=file,
        width=terminal_width(options),
        force_terminal=options.color,
        color_system="standard" if options.color else None,
        no_color=not options.color,
        highlight=False,
        markup=False,
        emoji=False,
        soft_wrap=True,
        legacy_windows=False,
        _environ={},
    )


# -- source excerpts ----------------------------------------------------------

def _cells(ch: str) -> tuple[str, int]:
    if ch == "\t":
        return TAB, len(TAB)
    shown = strip_control(ch)
    if shown == "\r" or shown == "\n":
        shown = " "
    return shown, max(cell_len(shown), 0)


def excerpt(line: str, column: int, end_column: int | None, max_cells: int) -> tuple[str, int, int]:
    """Cut ``line`` to at most ``max_cells`` terminal cells around a span.

    Returns ``(text, caret_start, caret_width)`` in cells: the underline
    starts ``caret_start`` cells into ``text`` and is ``caret_width`` cells
    wide (at least 1).  ``end_column`` is exclusive; ``None`` means to the
    end of the line.  Tabs become four spaces; control characters become
    U+FFFD so a declaration cannot drive the terminal.
    """
    chars = [_cells(ch) for ch in line]
    n = len(chars)
    start = min(max(column - 1, 0), n)
    end = n if end_column is None else min(max(end_column - 1, start), n)
    widths = [w for _, w in chars]
    total = sum(widths)
    if total <= max_cells:
        lo, hi = 0, n
    else:
        # keep some context before the span, then fill to the width
        context = max(4, max_cells // 4)
        lo, before = start, 0
        while lo > 0 and before + widths[lo - 1] <= context:
            lo -= 1
            before += widths[lo]
        budget = max_cells - (1 if lo > 0 else 0) - 1
        hi, used = lo, 0
        while hi < n and used + widths[hi] <= budget:
            used += widths[hi]
            hi += 1
        if hi == n and lo > 0:  # room left at the end: give it back to the start
            budget_left = max_cells - 1 - used
            while lo > 0 and widths[lo - 1] <= budget_left:
                lo -= 1
                budget_left -= widths[lo]
                used += widths[lo]
    prefix = "…" if lo > 0 else ""
    suffix = "…" if hi < n else ""
    text = prefix + "".join(s for s, _ in chars[lo:hi]) + suffix
    caret_start = cell_len(prefix) + sum(widths[lo:max(start, lo)])
    if start >= hi:  # the span starts beyond the window (very long prefix)
        caret_start = cell_len(text) - cell_len(suffix)
        return text, caret_start, 1
    caret_width = sum(widths[max(start, lo):min(end, hi)])
    return text, caret_start, max(caret_width, 1)


# -- pieces -------------------------------------------------------------------

def _location(f: Finding, options: ReportOptions) -> str:
    path = rel_path(f.path, options.base_dir)
    if f.span is None:
        return path
    return f"{path}:{f.span.line}:{f.span.column}"


def finding_line(f: Finding, options: ReportOptions) -> Text:
    text = Text()
    text.append(_location(f, options), style="bold")
    text.append("  ")
    text.append(f.code, style="bold")
    text.append("  ")
    text.append(severity_label(f.severity, options.lang), style=SEVERITY_STYLE[f.severity])
    text.append("  ")
    text.append(one_line(f.text(options.lang)))
    return text


def _source_block(f: Finding, file: FileReport | None, options: ReportOptions) -> list[Text]:
    if f.span is None:
        return []
    line = source_line(file, f.span.line)
    if line is None:
        return []
    gutter = max(len(str(f.span.line)), 3)
    width = terminal_width(options) - gutter - 5
    end = f.span.end_column if f.span.end_line == f.span.line else None
    shown, caret_start, caret_width = excerpt(line, f.span.column, end, max(width, 20))
    first = Text()
    first.append(f"  {f.span.line:>{gutter}} │ ", style="dim")
    first.append(shown)
    second = Text()
    second.append(f"  {'':>{gutter}} │ ", style="dim")
    second.append(" " * caret_start)
    second.append("^" * caret_width, style=SEVERITY_STYLE[f.severity])
    if f.span.end_line > f.span.line:
        second.append(t("term.continues", options.lang, line=f.span.end_line), style="dim")
    return [first, second]


def _suggestion(f: Finding, options: ReportOptions) -> Text | None:
    tip = f.suggestion_text(options.lang)
    if not tip:
        return None
    text = Text("  ")
    text.append(t("word.suggestion", options.lang) + t("word.colon", options.lang), style="green")
    text.append(one_line(tip))
    return text


def _declaration_header(decl: DeclarationReport, options: ReportOptions) -> Text:
    text = Text("── ", style="dim")
    text.append(one_line(decl.display_name), style="bold")
    parts = " · ".join(one_line(p) for p in declaration_parts(decl, options.lang))
    if options.lang == "zh":
        text.append(f"（{parts}）")
    else:
        text.append(f" ({parts})")
    return text


def _grade_line(decl: DeclarationReport, options: ReportOptions) -> Text:
    lang = options.lang
    text = Text("  ")
    cons = consequence(decl.grade, lang)
    line = t("term.grade_line" if cons else "term.grade_line_bare", lang, grade="\x00",
             score=format_score(decl.score), consequence=cons)
    before, _, after = line.partition("\x00")
    text.append(before)
    text.append(grade_label(decl.grade, lang), style=GRADE_STYLE.get(decl.grade, "bold"))
    text.append(after)
    return text


def _findings_block(findings: list[Finding], file: FileReport | None, options: ReportOptions,
                    out: list[Text]) -> None:
    for f in findings:
        out.append(finding_line(f, options))
        if options.quiet:
            continue
        if options.show_source:
            out.extend(_source_block(f, file, options))
        tip = _suggestion(f, options)
        if tip is not None:
            out.append(tip)


def summary_line(result: RunResult, options: ReportOptions) -> str:
    lang = options.lang
    counts = result.counts()
    n = sum(counts.values())
    head = t("term.found", lang, n=n, **counts) if n else t("term.clean", lang)
    parts = [
        t("term.files", lang, n=len(result.files)),
        t("term.declarations", lang, n=len(result.declarations)),
        t("term.unreadable", lang, n=result.unreadable_files),
        t("term.suppressed", lang, n=result.suppressed),
    ]
    sep = t("word.sep", lang)
    return head + ("；" if lang == "zh" else "; ") + sep.join(parts)


def _summary_tables(result: RunResult, options: ReportOptions) -> list[Table]:
    lang = options.lang
    counts = result.counts()
    sev = Table(title=t("term.by_severity", lang), box=box.SIMPLE_HEAD, title_justify="left",
                show_edge=False, pad_edge=False)
    sev.add_column(t("col.severity", lang))
    sev.add_column(t("col.count", lang), justify="right")
    for s in SEVERITIES:
        sev.add_row(Text(severity_label(s, lang), style=SEVERITY_STYLE[s]), str(counts[s.value]))
    sev.add_row(t("word.total", lang), str(sum(counts.values())), style="bold")
    tables = [sev]
    rows = rule_counts(result.findings)
    if rows:
        rules = Table(title=t("term.by_rule", lang), box=box.SIMPLE_HEAD, title_justify="left",
                      show_edge=False, pad_edge=False)
        rules.add_column(t("col.code", lang))
        rules.add_column(t("col.name", lang))
        rules.add_column(t("col.severity", lang))
        rules.add_column(t("col.count", lang), justify="right")
        for code, name, severity, n in rows:
            rules.add_row(code, name, Text(severity_label(severity, lang), style=SEVERITY_STYLE[severity]),
                          str(n))
        tables.append(rules)
    return tables


def _statistics(result: RunResult, options: ReportOptions) -> list[Text]:
    out = []
    for code, name, severity, n in rule_counts(result.findings):
        label = severity_label(severity, options.lang)
        text = Text(f"{n:>5}  ")
        text.append(f"{code:<8}", style="bold")
        text.append(label + " " * max(0, 8 - cell_len(label)), style=SEVERITY_STYLE[severity])
        text.append(name)
        out.append(text)
    return out


# -- entry point -------------------------------------------------------------------

def render(result: RunResult, options: ReportOptions | dict | None = None) -> str:
    options = coerce_options(options)
    buffer = io.StringIO()
    console = _console(options, buffer)
    lines: list[Text] = []
    if options.statistics:
        for text in _statistics(result, options):
            console.print(text)
        return buffer.getvalue()
    files = files_by_path(result)
    for file in sorted_files(result):
        block: list[Text] = []
        if not options.quiet:
            header = Text()
            header.append(rel_path(file.path, options.base_dir), style="bold underline")
            if file.encoding and file.encoding.lower().replace("_", "-") not in PLAIN_ENCODINGS:
                header.append(f"  ({file.encoding})", style="dim")
            if not file.readable:
                header.append("  " + t("term.unreadable_file", options.lang), style="red")
            block.append(header)
        _findings_block(file_findings(file), files.get(file.path), options, block)
        for decl in sorted_declarations(file):
            if not options.quiet:
                block.append(_declaration_header(decl, options))
            _findings_block(decl_findings(decl), file, options, block)
            if not options.quiet:
                block.append(_grade_line(decl, options))
        if block:
            lines.extend(block)
            if not options.quiet:
                lines.append(Text(""))
    for text in lines:
        console.print(text)
    if not options.quiet:
        console.print(Text(t("term.summary", options.lang), style="bold"))
        for table in _summary_tables(result, options):
            console.print(table)
            console.print()
        for err in plugin_errors(result):
            console.print(Text(one_line(t("term.plugin_failed", options.lang, **err)), style="red"))
    console.print(Text(summary_line(result, options), style="bold"))
    return "\n".join(line.rstrip() for line in buffer.getvalue().split("\n"))


def render_text(result: RunResult, options: ReportOptions | dict | None = None) -> str:
    return render(result, options)


# -- progress -----------------------------------------------------------------------

PROGRESS_THRESHOLD = 20


@contextmanager
def progress(total: int, options: ReportOptions | dict | None = None, *,
             stream: IO[str] | None = None, threshold: int = PROGRESS_THRESHOLD) -> Iterator[Callable[[str], None]]:
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
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
    )

    console = Console(file=stream, highlight=False, markup=False, emoji=False)
    bar = Progress(TextColumn(t("term.progress", options.lang)), BarColumn(), MofNCompleteColumn(),
                   TimeElapsedColumn(), TextColumn("{task.fields[path]}"), console=console, transient=True)
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

    def __init__(self, options: ReportOptions | dict | None = None, *, stream: IO[str] | None = None,
                 threshold: int = PROGRESS_THRESHOLD) -> None:
        self.options = coerce_options(options)
        self.stream = sys.stderr if stream is None else stream
        self.threshold = threshold
        self._cm = None
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
