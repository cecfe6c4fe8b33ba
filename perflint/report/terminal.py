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

Streams (:func:`stream_text`, :class:`TextSink`): each file's block is written
as soon as the file is checked, the summary at the end.  Without colour the
lines are written as plain text, without a Rich render per line (the same
bytes Rich prints); with colour each file's block goes through Rich.
"""

from __future__ import annotations

import io
import re
import shutil
import sys
from collections.abc import Callable, Mapping
from functools import lru_cache, partial
from typing import IO, TYPE_CHECKING

from rich.cells import cell_len

from perflint.domain.findings import Finding, Severity
from perflint.domain.result import DeclarationReport, FileReport, RunResult, RunSummary
from perflint.i18n import t
from perflint.report._common import (
    SEVERITIES,
    ReportOptions,
    coerce_options,
    consequence,
    decl_findings,
    declaration_parts,
    file_findings,
    format_score,
    grade_label,
    one_line,
    plugin_errors_in,
    printable,
    rel_path,
    severity_label,
    sorted_declarations,
    sorted_files,
    source_line,
    strip_control,
    ungraded_reason,
)
from perflint.report._stream import Tally, Writer, summary_of

# the progress bar, kept apart so that a run in a machine format imports no Rich
from perflint.report.progress import PROGRESS_THRESHOLD as PROGRESS_THRESHOLD
from perflint.report.progress import ProgressHook as ProgressHook
from perflint.report.progress import progress as progress

if TYPE_CHECKING:
    # start-up: the rest of Rich (about 25 ms) only for colour, --statistics or a summary too wide
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

SEVERITY_STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}
GRADE_STYLE = {"优": "bold green", "良": "green", "中": "yellow", "差": "bold red"}
TAB = "    "
PLAIN_ENCODINGS = {"utf-8", "utf8", "utf-8-sig", "ascii"}
DEFAULT_WIDTH = 100
#: the control codes Rich removes from any text it prints (``rich.control.STRIP_CONTROL_CODES``,
#: BEL, BS, VT, FF, CR: a test holds the two equal; importing rich.control costs 7 ms)
STRIP_CONTROL_CODES = (7, 8, 11, 12, 13)
_RICH_DROPS = re.compile("[" + "".join(re.escape(chr(c)) for c in STRIP_CONTROL_CODES) + "]")


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
    from rich.console import Console  # start-up: only for colour, --statistics or a wide summary

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


@lru_cache(maxsize=4096)
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
    caret_start = cell_len(prefix) + sum(widths[lo : max(start, lo)])
    if start >= hi:  # the span starts beyond the window (very long prefix)
        caret_start = cell_len(text) - cell_len(suffix)
        return text, caret_start, 1
    caret_width = sum(widths[max(start, lo) : min(end, hi)])
    return text, caret_start, max(caret_width, 1)


# -- pieces -------------------------------------------------------------------
#
# A printed line is built once as ``(base_style, [(text, style), …])`` and
# written either through Rich (colour) or as its plain text, which is what
# Rich prints without colour: the same bytes, without the cost of a Rich
# render per line.

Segment = tuple[str, str | None]
Line = tuple[str | None, list[Segment]]


def _location(f: Finding, options: ReportOptions) -> str:
    path = printable(rel_path(f.path, options.base_dir))
    if f.span is None:
        return path
    return f"{path}:{f.span.line}:{f.span.column}"


def _finding_line(f: Finding, options: ReportOptions) -> Line:
    return (
        None,
        [
            (_location(f, options), "bold"),
            ("  ", None),
            (f.code, "bold"),
            ("  ", None),
            (severity_label(f.severity, options.lang), SEVERITY_STYLE[f.severity]),
            ("  ", None),
            (one_line(f.text(options.lang)), None),
        ],
    )


def _source_block(f: Finding, file: FileReport | None, options: ReportOptions, width: int) -> list[Line]:
    if f.span is None:
        return []
    line = source_line(file, f.span.line)
    if line is None:
        return []
    gutter = max(len(str(f.span.line)), 3)
    end = f.span.end_column if f.span.end_line == f.span.line else None
    shown, caret_start, caret_width = excerpt(line, f.span.column, end, max(width - gutter - 5, 20))
    first: Line = (None, [(f"  {f.span.line:>{gutter}} │ ", "dim"), (shown, None)])
    second: Line = (
        None,
        [(f"  {'':>{gutter}} │ ", "dim"), (" " * caret_start, None), ("^" * caret_width, SEVERITY_STYLE[f.severity])],
    )
    if f.span.end_line > f.span.line:
        second[1].append((t("term.continues", options.lang, line=f.span.end_line), "dim"))
    return [first, second]


def _suggestion(f: Finding, options: ReportOptions) -> Line | None:
    tip = f.suggestion_text(options.lang)
    if not tip:
        return None
    return (
        None,
        [
            ("  ", None),
            (t("word.suggestion", options.lang) + t("word.colon", options.lang), "green"),
            (one_line(tip), None),
        ],
    )


def _declaration_header(decl: DeclarationReport, options: ReportOptions) -> Line:
    parts = " · ".join(one_line(p) for p in declaration_parts(decl, options.lang))
    return (
        "dim",
        [
            ("── ", None),
            (one_line(decl.display_name), "bold"),
            (f"（{parts}）" if options.lang == "zh" else f" ({parts})", None),
        ],
    )


def _grade_line(decl: DeclarationReport, options: ReportOptions) -> Line:
    lang = options.lang
    if decl.ungraded:
        return (None, [("  ", None), (t("term.ungraded_line", lang, reason=ungraded_reason(decl, lang)), "dim")])
    cons = consequence(decl.grade, lang)
    line = t(
        "term.grade_line" if cons else "term.grade_line_bare",
        lang,
        grade="\x00",
        score=format_score(decl.score),
        consequence=cons,
    )
    before, _, after = line.partition("\x00")
    return (
        None,
        [
            ("  ", None),
            (before, None),
            (grade_label(decl.grade, lang), GRADE_STYLE.get(decl.grade, "bold")),
            (after, None),
        ],
    )


def _file_header(file: FileReport, options: ReportOptions) -> Line:
    segments: list[Segment] = [(printable(rel_path(file.path, options.base_dir)), "bold underline")]
    if file.encoding and file.encoding.lower().replace("_", "-") not in PLAIN_ENCODINGS:
        segments.append((f"  ({file.encoding})", "dim"))
    if not file.readable:
        segments.append(("  " + t("term.unreadable_file", options.lang), "red"))
    return (None, segments)


def _findings_block(
    findings: list[Finding], file: FileReport | None, options: ReportOptions, width: int, out: list[Line]
) -> None:
    for f in findings:
        out.append(_finding_line(f, options))
        if options.quiet:
            continue
        if f.location:  # the cell of the Word / Excel / PDF original
            out.append((None, [("  " + t("term.location", options.lang), "cyan"), (one_line(f.location), None)]))
        if options.show_source:
            out.extend(_source_block(f, file, options, width))
        tip = _suggestion(f, options)
        if tip is not None:
            out.append(tip)


def file_lines(file: FileReport, options: ReportOptions, width: int | None = None) -> list[Line]:
    """The lines printed for one file: its header, its findings, each
    declaration with its findings and grade, and a blank line."""
    width = terminal_width(options) if width is None else width
    block: list[Line] = []
    if not options.quiet:
        block.append(_file_header(file, options))
    _findings_block(file_findings(file), file, options, width, block)
    for decl in sorted_declarations(file):
        if not options.quiet:
            block.append(_declaration_header(decl, options))
        ordered = decl_findings(decl)
        defects = [f for f in ordered if not f.note]
        notes = [f for f in ordered if f.note]
        _findings_block(defects, file, options, width, block)
        if notes and not options.quiet:
            block.append(("dim", [("  " + t("term.notes", options.lang), None)]))
        _findings_block(notes, file, options, width, block)
        if not options.quiet:
            block.append(_grade_line(decl, options))
    if block and not options.quiet:
        block.append((None, []))
    return block


def rich_text(line: Line) -> Text:
    from rich.text import Text  # start-up: Rich only for colour

    base, segments = line
    text = Text(style=base or "")
    for chunk, style in segments:
        text.append(chunk, style=style)
    return text


def finding_line(f: Finding, options: ReportOptions) -> Text:
    return rich_text(_finding_line(f, options))


def plain_text(text: str) -> str:
    """What Rich prints for ``Text(text)`` without colour and without wrapping
    (``soft_wrap``), each line right-stripped as :func:`render` leaves it:
    the control codes Rich drops (BEL, BS, VT, FF, CR) removed and tabs
    expanded to the next multiple of 8 cells."""
    text = _RICH_DROPS.sub("", text)
    lines = text.split("\n")
    if "\t" in text:
        for i, line in enumerate(lines):
            if "\t" in line:
                from rich.text import Text  # start-up: Rich only for a tab

                expanded = Text(line)
                expanded.expand_tabs(8)
                lines[i] = expanded.plain
    return "\n".join(line.rstrip() for line in lines) + "\n"


def summary_line(
    tally: Tally, suppressed: int, options: ReportOptions, baseline: Mapping | None = None, skipped_json: int = 0
) -> str:
    lang = options.lang
    counts = tally.counts
    n = sum(counts.values())
    head = t("term.found", lang, n=n, **counts) if n else t("term.clean", lang)
    parts = [
        t("term.files", lang, n=tally.files),
        t("term.declarations", lang, n=tally.declarations),
        t("term.unreadable", lang, n=tally.unreadable),
        t("term.suppressed", lang, n=suppressed),
    ]
    if skipped_json:
        parts.append(t("term.skipped_json", lang, n=skipped_json))
    if baseline:
        parts.append(t("term.baseline", lang, n=baseline.get("matched", 0), fixed=baseline.get("fixed", 0)))
    sep = t("word.sep", lang)
    return head + ("；" if lang == "zh" else "; ") + sep.join(parts)


def _summary_tables(tally: Tally, options: ReportOptions) -> list[Table]:
    # start-up: Rich's tables only for colour or a summary too wide for plain_table
    from rich import box
    from rich.table import Table
    from rich.text import Text

    lang = options.lang
    counts = tally.counts
    sev = Table(
        title=t("term.by_severity", lang), box=box.SIMPLE_HEAD, title_justify="left", show_edge=False, pad_edge=False
    )
    sev.add_column(t("col.severity", lang))
    sev.add_column(t("col.count", lang), justify="right")
    for s in SEVERITIES:
        sev.add_row(Text(severity_label(s, lang), style=SEVERITY_STYLE[s]), str(counts[s.value]))
    sev.add_row(t("word.total", lang), str(sum(counts.values())), style="bold")
    tables = [sev]
    rows = tally.rule_counts()
    if rows:
        rules = Table(
            title=t("term.by_rule", lang), box=box.SIMPLE_HEAD, title_justify="left", show_edge=False, pad_edge=False
        )
        rules.add_column(t("col.code", lang))
        rules.add_column(t("col.name", lang))
        rules.add_column(t("col.severity", lang))
        rules.add_column(t("col.count", lang), justify="right")
        for code, name, severity, n in rows:
            rules.add_row(code, name, Text(severity_label(severity, lang), style=SEVERITY_STYLE[severity]), str(n))
        tables.append(rules)
    return tables


def _summary_rows(tally: Tally, options: ReportOptions) -> list[tuple[str, list[str], list[list[str]]]]:
    """The cells of :func:`_summary_tables` as text: (title, headers, rows) of each table;
    the last column of each is right-aligned."""
    lang = options.lang
    counts = tally.counts
    severities = [[severity_label(s, lang), str(counts[s.value])] for s in SEVERITIES]
    tables = [
        (
            t("term.by_severity", lang),
            [t("col.severity", lang), t("col.count", lang)],
            [*severities, [t("word.total", lang), str(sum(counts.values()))]],
        )
    ]
    rows = tally.rule_counts()
    if rows:
        tables.append(
            (
                t("term.by_rule", lang),
                [t("col.code", lang), t("col.name", lang), t("col.severity", lang), t("col.count", lang)],
                [[code, name, severity_label(severity, lang), str(n)] for code, name, severity, n in rows],
            )
        )
    return tables


def plain_table(title: str, headers: list[str], rows: list[list[str]], width: int) -> str | None:
    """What Rich prints without colour for a ``Table(title=title, box=box.SIMPLE_HEAD,
    title_justify="left", show_edge=False, pad_edge=False)`` of these headers and rows
    (the last column right-aligned, the others left-aligned), each line right-stripped;
    None when Rich would wrap or cut something (the table or its title wider than
    ``width``, a cell Rich could lay out otherwise): then Rich lays it out.

    Columns are as wide as their widest cell, three spaces apart (one cell of padding,
    the box's blank vertical, one cell of padding), under a rule of ``─`` as wide as
    the table."""
    cells = [headers, *rows]
    if any(not text.isprintable() for row in cells for text in row):
        return None
    widths = [max(cell_len(row[i]) for row in cells) for i in range(len(headers))]
    total = sum(widths) + 3 * (len(widths) - 1)
    if total > width or cell_len(title) > total or not title.isprintable() or 0 in widths:
        return None
    last = len(widths) - 1

    def line(row: list[str]) -> str:
        parts = []
        for i, text in enumerate(row):
            pad = " " * (widths[i] - cell_len(text))
            parts.append(pad + text if i == last else text + pad)
        return "   ".join(parts).rstrip() + "\n"

    return title.rstrip() + "\n" + line(headers) + "─" * total + "\n" + "".join(line(row) for row in rows)


def _plain_summary(tally: Tally, options: ReportOptions, width: int) -> str | None:
    """The summary tables and the blank line after each, as :meth:`TextSink.finish` prints
    them through Rich without colour; None when one of them needs Rich."""
    out = []
    for title, headers, rows in _summary_rows(tally, options):
        table = plain_table(title, headers, rows, width)
        if table is None:
            return None
        out.append(table + "\n")
    return "".join(out)


def _statistics(tally: Tally, options: ReportOptions) -> list[Text]:
    from rich.text import Text  # start-up: Rich only for --statistics

    out = []
    for code, name, severity, n in tally.rule_counts():
        label = severity_label(severity, options.lang)
        text = Text(f"{n:>5}  ")
        text.append(f"{code:<8}", style="bold")
        text.append(label + " " * max(0, 8 - cell_len(label)), style=SEVERITY_STYLE[severity])
        text.append(name)
        out.append(text)
    return out


# -- the writer ----------------------------------------------------------------------


class TextSink:
    """Writes the ``text`` report as files complete: each file's block as soon
    as the file is checked, the summary at the end; keeps only counts.

    ``write`` receives text.  Without colour the lines are written as plain
    text (no Rich render per line); with colour (or ``rich=True``) each
    file's block goes through Rich.  ``--statistics`` prints only the
    counts per rule, at the end.
    """

    def __init__(
        self, options: ReportOptions | dict | None, write: Callable[[str], None], *, rich: bool = False
    ) -> None:
        self.options = coerce_options(options)
        self.write = write
        self.rich = rich or self.options.color
        self.width = terminal_width(self.options)
        self.tally = Tally()
        self._buffer: io.StringIO | None = None
        self._console: Console | None = None

    def _rich_console(self) -> tuple[Console, io.StringIO]:
        if self._console is None or self._buffer is None:
            self._buffer = io.StringIO()
            self._console = _console(self.options, self._buffer)
        return self._console, self._buffer

    def _printed(self, *, strip: bool = True) -> str:
        """What the console printed since the last call (each line right-stripped)."""
        _, buffer = self._rich_console()
        text = buffer.getvalue()
        buffer.seek(0)
        buffer.truncate(0)
        return "\n".join(line.rstrip() for line in text.split("\n")) if strip else text

    def start(self, summary: RunSummary) -> None:
        pass

    def preparer(self) -> Callable[[FileReport], str] | None:
        """What a worker process lays out of each report for :meth:`file` (picklable);
        None with colour, which goes through Rich here, and with ``--statistics``."""
        if self.rich or self.options.statistics:
            return None
        return partial(prepare_text, self.options, self.width)

    def file(self, report: FileReport, prepared: str | None = None) -> None:
        """Write ``report``'s block; ``prepared``: what :func:`prepare_text` laid out of it."""
        self.tally.add(report)
        if self.options.statistics:
            return
        if prepared is not None and not self.rich:
            self.write(prepared)
            return
        lines = file_lines(report, self.options, self.width)
        if not lines:
            return
        if self.rich:
            console, _ = self._rich_console()
            for line in lines:
                console.print(rich_text(line))
            self.write(self._printed())
        else:
            self.write("".join(plain_text("".join(chunk for chunk, _ in segments)) for _, segments in lines))

    def finish(self, summary: RunSummary) -> None:
        options = self.options
        extra = summary.options or {}
        line = summary_line(
            self.tally, summary.suppressed, options, extra.get("baseline"), extra.get("skipped_json", 0)
        )
        if not self.rich and not options.statistics:
            # start-up: without colour the summary is laid out here, the same bytes as Rich's
            tables = "" if options.quiet else _plain_summary(self.tally, options, self.width)
            if tables is not None:
                parts = [] if options.quiet else [plain_text(t("term.summary", options.lang)), tables]
                if not options.quiet:
                    parts += [
                        plain_text(one_line(t("term.plugin_failed", options.lang, **err)))
                        for err in plugin_errors_in(summary.options)
                    ]
                self.write("".join([*parts, plain_text(line)]))
                return
        from rich.text import Text  # start-up: Rich only when the summary needs it

        console, _ = self._rich_console()
        if options.statistics:
            for text in _statistics(self.tally, options):
                console.print(text)
            self.write(self._printed(strip=False))
            return
        if not options.quiet:
            console.print(Text(t("term.summary", options.lang), style="bold"))
            for table in _summary_tables(self.tally, options):
                console.print(table)
                console.print()
            for err in plugin_errors_in(summary.options):
                console.print(Text(one_line(t("term.plugin_failed", options.lang, **err)), style="red"))
        console.print(Text(line, style="bold"))
        self.write(self._printed())


def prepare_text(options: ReportOptions, width: int, report: FileReport) -> str:
    """The block :meth:`TextSink.file` writes for ``report`` without colour, laid out in a worker."""
    return "".join(
        plain_text("".join(chunk for chunk, _ in segments)) for _, segments in file_lines(report, options, width)
    )


def stream_text(options: ReportOptions | dict | None, out: IO[bytes]) -> TextSink:
    return TextSink(options, Writer(out))


# -- entry point -------------------------------------------------------------------


def render(result: RunResult, options: ReportOptions | dict | None = None) -> str:
    parts: list[str] = []
    summary = summary_of(result)
    sink = TextSink(options, parts.append)
    sink.start(summary)
    for file in sorted_files(result):
        sink.file(file)
    sink.finish(summary)
    return "".join(parts)


def render_text(result: RunResult, options: ReportOptions | dict | None = None) -> str:
    return render(result, options)
