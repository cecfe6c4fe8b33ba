"""Text layouts → rows of cells.

Every text layout is first cut into :class:`Row` s of :class:`Cell` s, each
cell a range of the source text.  The builder (``build.py``) turns rows of
cells into declarations, so a table source (.docx, .xlsx) only needs to
produce rows of cells to feed the same model.

Layouts:

``tabbed``
    Word tables saved as text: a cell starts with a tab, rows are separated by
    blank lines, a line without a leading tab continues the cell above (labels
    broken across lines, paragraphs inside a cell).
``pipe``
    HTML tables flattened by a crawler: ``a | b | c |`` per row, or one cell
    per line ending in `` |`` with bare ``|`` lines between rows.
``lines``
    One cell per line (paragraphs copied from a web page or PDF).
``flattened``
    A whole table on one line, cells separated by runs of spaces.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from perflint.ingest.vocab import Vocabulary, is_pad, label_key, vocabulary


@dataclass(slots=True)
class Cell:
    start: int
    end: int
    #: a cell that opened with a tab or a pipe (a table cell), as opposed to a
    #: free-standing line such as a title or a footer.
    table: bool = True


@dataclass(slots=True)
class Row:
    cells: list[Cell] = field(default_factory=list)
    free: bool = False


def _line_spans(text: str) -> list[tuple[int, int]]:
    spans = []
    pos = 0
    for line in text.split("\n"):
        spans.append((pos, pos + len(line)))
        pos += len(line) + 1
    return spans


def _blank(text: str, start: int, end: int) -> bool:
    return all(is_pad(text[i]) for i in range(start, end))


_FOOTER_LINE = re.compile(r"^\s*(填报人|联系电话|填报日期|填表日期|填报单位|单位负责人|联系人)\s*[:：（(]")
_YEAR_LINE = re.compile(r"^\s*[（(]?\s*(?:\d{4}|20\s*\d\s*\d|\s*)\s*年度?\s*[)）]?\s*$")


def is_free_line(line: str, vocab: Vocabulary) -> bool:
    """A line that stands on its own outside the table: title, year, unit, footer."""
    stripped = line.strip(" \t\u3000")
    if not stripped:
        return False
    if _FOOTER_LINE.match(stripped) or _YEAR_LINE.match(stripped):
        return True
    key = label_key(stripped)
    if key.startswith("填报单位"):
        return True
    return vocab.title(stripped) is not None and len(key) <= 40


def detect_layout(text: str) -> str:
    lines = [ln for ln in text.split("\n") if ln.strip()]
    if not lines:
        return "lines"
    tabbed = sum(1 for ln in lines if ln.startswith("\t"))
    piped = sum(1 for ln in lines if ln.rstrip().endswith("|") or " | " in ln)
    if tabbed >= max(3, len(lines) // 5):
        return "tabbed"
    if piped >= max(3, len(lines) // 5):
        return "pipe"
    longest = max(len(ln) for ln in lines)
    spaced = sum(len(re.findall(r"\S {1,}\S", ln)) for ln in lines)
    if longest > 400 and spaced > 20 and len(lines) < 40:
        return "flattened"
    return "lines"


def tabbed_rows(text: str, vocab: Vocabulary | None = None) -> list[Row]:
    vocab = vocab or vocabulary()
    rows: list[Row] = []
    current: Row | None = None  # open row (no blank line seen since)
    last_cell: Cell | None = None  # the table cell continuation lines extend
    for start, end in _line_spans(text):
        line = text[start:end]
        if not line.strip(" \t\r\f\v"):
            # An empty line ends the row.  (A line of U+3000 padding is a
            # blank paragraph inside the cell above and does not.)
            current = None
            continue
        if _blank(text, start, end):
            if last_cell is not None:
                last_cell.end = end
            continue
        if line.startswith("\t"):
            if current is None:
                current = Row()
                rows.append(current)
            pos = start
            pieces = line.split("\t")
            pos += len(pieces[0]) + 1  # pieces[0] is empty: the line starts with a tab
            for piece in pieces[1:]:
                cell = Cell(pos, pos + len(piece), True)
                current.cells.append(cell)
                last_cell = cell
                pos += len(piece) + 1
            continue
        if is_free_line(line, vocab):
            rows.append(Row([Cell(start, end, False)], free=True))
            current = None
            last_cell = None
            continue
        if last_cell is not None:
            last_cell.end = end  # continuation of the cell above
            continue
        rows.append(Row([Cell(start, end, False)], free=True))
    return rows


_PIPE_SPLIT = re.compile(r"\|")


def pipe_rows(text: str, vocab: Vocabulary | None = None) -> list[Row]:
    vocab = vocab or vocabulary()
    rows: list[Row] = []
    for start, end in _line_spans(text):
        line = text[start:end]
        if _blank(text, start, end):
            continue
        if "|" not in line:
            rows.append(Row([Cell(start, end, False)], free=is_free_line(line, vocab)))
            continue
        row = Row()
        pos = start
        for piece in _PIPE_SPLIT.split(line):
            piece_start, piece_end = pos, pos + len(piece)
            if not _blank(text, piece_start, piece_end):
                row.cells.append(Cell(piece_start, piece_end, True))
            pos = piece_end + 1
        if row.cells:
            rows.append(row)
        else:
            rows.append(Row([], free=False))  # a bare "|" line: a row separator
    return [r for r in rows if r.cells]


def line_rows(text: str, vocab: Vocabulary | None = None) -> list[Row]:
    vocab = vocab or vocabulary()
    rows = []
    for start, end in _line_spans(text):
        if _blank(text, start, end):
            continue
        rows.append(Row([Cell(start, end, False)], free=is_free_line(text[start:end], vocab)))
    return rows


_GAP = re.compile(r"(?:[ \u3000]{2,}|\t)")


def flattened_rows(text: str, vocab: Vocabulary | None = None) -> list[Row]:
    """Cells separated by runs of spaces (single spaces too, between CJK text)."""
    vocab = vocab or vocabulary()
    rows: list[Row] = []
    for start, end in _line_spans(text):
        if _blank(text, start, end):
            continue
        row = Row()
        pos = start
        for match in re.finditer(r"\S+", text[start:end]):
            s, e = start + match.start(), start + match.end()
            row.cells.append(Cell(s, e, True))
            pos = e
        rows.append(row)
    return rows


LAYOUTS = {
    "tabbed": tabbed_rows,
    "pipe": pipe_rows,
    "lines": line_rows,
    "flattened": flattened_rows,
}


def rows_for(text: str, layout: str | None = None) -> tuple[str, list[Row]]:
    layout = layout or detect_layout(text)
    return layout, LAYOUTS[layout](text)
