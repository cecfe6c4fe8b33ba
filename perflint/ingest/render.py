"""A native document (.docx, .xlsx, .html, .pdf …) rendered as a canonical text and its rows of cells.

Every reader of a native format produces a :class:`Rendering`: the document
written out as text the way Word saves a form as text (a table cell starts
with a tab, its further paragraphs follow on lines of their own, rows are
separated by blank lines, paragraphs outside tables are lines without a tab),
the :class:`~perflint.ingest.layouts.Row` s of :class:`~perflint.ingest.layouts.Cell` s
over that text, and for every cell the place a reviewer finds it in the
original (:class:`Place`: table, row and column of a Word or web table, the
cell of a sheet, the page of a PDF).  The builder reads the rows exactly as
it reads a text export, so the model and every rule stay the same; the
findings' spans point into the canonical text (what the terminal shows) and
:func:`locations` turns them into the places a reviewer looks up.

Nothing here imports a document library: each format's module does, inside
its functions.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field

from perflint.domain.model import Declaration
from perflint.domain.text import clean_label
from perflint.domain.vocab import Vocabulary, vocabulary
from perflint.ingest.layouts import Cell, Row, is_free_line

#: vocabulary kinds of a table's column headings (一级指标, 指标值, 计划开始时间 …)
_HEADING_KINDS = ("indicator_col", "schedule_col")


@dataclass(slots=True)
class Place:
    """Where a cell is in the original document.

    ``base`` names it on its own ("表2 第7行", "Sheet1!D12", "第3页");
    ``column`` (1-based) and ``header`` (the column heading above it) refine a
    table cell.  :meth:`describe` words it for one value.
    """

    base: str
    column: int | None = None
    header: str | None = None

    def describe(self, pointer: str = "", label: str | None = None) -> str:
        """In words, for the value at ``pointer`` (a table's column heading names
        the column of an indicator or schedule row; a label names a field)."""
        if self.header and pointer.startswith(("/indicators/", "/schedule/")):
            return f"{self.base}「{self.header}」列"
        if label:
            return f"{self.base}「{label}」栏"
        if self.column is not None:
            return f"{self.base}第{self.column}列"
        return self.base


@dataclass(slots=True)
class _Placed:
    start: int
    end: int
    place: Place


def _one_line(text: str) -> str:
    """Text of one paragraph as one line of the canonical text: tabs and line
    breaks inside it would read as new cells and rows."""
    if "\t" in text:
        text = text.replace("\t", "    ")
    if "\r" in text:
        text = text.replace("\r", "")
    return text


class Rendering:
    """Builds the canonical text, its rows and the places of its cells, in document order."""

    def __init__(self, vocab: Vocabulary | None = None) -> None:
        self._parts: list[str] = []
        self._pos = 0
        self.rows: list[Row] = []
        self._placed: list[_Placed] = []
        self.vocab = vocab or vocabulary()
        #: after a table row a blank line ends it; before a paragraph too
        self._open_row = False
        #: column headings of the table being written: table key -> {column: heading}
        self._headers: dict[object, dict[int, str]] = {}

    # -- writing -------------------------------------------------------------
    def _write(self, piece: str) -> tuple[int, int]:
        start = self._pos
        self._parts.append(piece)
        self._pos += len(piece)
        return start, self._pos

    def paragraph(self, text: str, place: Place) -> None:
        """A paragraph outside any table (a title, the year, a footer line)."""
        lines = [_one_line(line) for line in text.split("\n")]
        lines = [line for line in lines if line.strip()]
        if not lines:
            return
        if self._open_row:
            self._write("\n")
            self._open_row = False
        for line in lines:
            start, end = self._write(line)
            self._write("\n")
            self.rows.append(Row([Cell(start, end, False)], free=True))
            self._placed.append(_Placed(start, end, place))

    def row(self, cells: list[tuple[str, Place]], table: object = None) -> None:
        """A table row: each cell's text (paragraphs separated by newlines) and place.

        ``table`` identifies the table (any hashable): a row whose cells are
        two or more column headings (一级指标 | 二级指标 | …) gives the columns
        below it in the same table their headings.
        """
        if not cells:
            return
        filled = [cell for cell in cells if cell[0].strip()]
        if len(filled) == 1 and "\n" not in filled[0][0].strip() and is_free_line(filled[0][0], self.vocab):
            # a title, the year or a footer in a row of its own: a paragraph, as in a text export
            self.paragraph(*filled[0])
            return
        if self._open_row:
            self._write("\n")
        row = Row()
        texts = []
        for text, place in cells:
            lines = [_one_line(line) for line in text.split("\n")]
            lines = [line for line in lines if line.strip()] or [""]
            texts.append("".join(lines))
            self._write("\t")
            start, end = self._write("\n".join(lines))
            self._write("\n")
            row.cells.append(Cell(start, end, True))
            self._placed.append(_Placed(start, end, place))
        self.rows.append(row)
        self._open_row = True
        self._headings(table, texts, [place for _, place in cells])

    def _headings(self, table: object, texts: list[str], places: list[Place]) -> None:
        if table is None:
            return
        match = self.vocab.match
        found = {}
        for text, place in zip(texts, places):
            info = match(text) if text.strip() and len(text) <= 30 else None
            if info is not None and info.kind in _HEADING_KINDS and place.column is not None:
                found[place.column] = clean_label(text)
        if len(found) >= 2:
            self._headers[table] = found
            return
        known = self._headers.get(table)
        if known:
            for place in places:
                if place.column is not None and place.header is None:
                    place.header = known.get(place.column)

    def end_table(self, table: object) -> None:
        """The table is done: its headings apply to no further row."""
        self._headers.pop(table, None)

    # -- results -------------------------------------------------------------
    @property
    def text(self) -> str:
        text = "".join(self._parts)
        if len(self._parts) > 1:
            self._parts = [text]
        return text

    def places(self) -> list[_Placed]:
        return self._placed

    @property
    def empty(self) -> bool:
        return not any(c.start < c.end for row in self.rows for c in row.cells)


def locations(decls: list[Declaration], rendering: Rendering) -> None:
    """Fill ``source.locations`` of ``decls``: for every pointer with a span,
    the place of the cell the span starts in, in words."""
    placed = rendering.places()
    if not placed:
        return
    order = sorted(range(len(placed)), key=lambda i: placed[i].start)
    starts = [placed[i].start for i in order]
    text = rendering.text
    line_starts = [0]
    pos = text.find("\n")
    while pos != -1:
        line_starts.append(pos + 1)
        pos = text.find("\n", pos + 1)
    for decl in decls:
        labels = decl.source.labels
        out = decl.source.locations
        for pointer, span in decl.source.spans.items():
            if span.line < 1 or span.line > len(line_starts):
                continue
            offset = line_starts[span.line - 1] + span.column - 1
            k = bisect.bisect_right(starts, offset) - 1
            if k < 0:
                continue
            cell = placed[order[k]]
            if offset > cell.end:
                continue
            label = labels.get(pointer)
            out[pointer] = cell.place.describe(pointer, label.text if label is not None else None)


def column_letter(index: int) -> str:
    """1 → A, 27 → AA (spreadsheet column names)."""
    out = ""
    while index > 0:
        index, rem = divmod(index - 1, 26)
        out = chr(65 + rem) + out
    return out


def sheet_ref(sheet: str, row: int, column: int) -> str:
    """``Sheet1!D12``; a sheet name other than letters, digits and CJK is quoted as Excel does."""
    plain = sheet and all(ch.isalnum() or ch == "_" for ch in sheet)
    name = sheet if plain else "'" + sheet.replace("'", "''") + "'"
    return f"{name}!{column_letter(column)}{row}"


@dataclass(slots=True)
class Grid:
    """A table as a grid: rows of (text, column, row span, column span) cells.

    Readers of formats that give merged cells as spans (HTML ``rowspan`` /
    ``colspan``, sheets' merged ranges) fill it; :meth:`rows` gives each row's
    cells as Word saves them as text: a cell spanning columns once, the rows
    a cell spans downwards with an empty cell in its place.
    """

    cells: dict[int, list[tuple[int, str, int, int]]] = field(default_factory=dict)

    def add(self, row: int, column: int, text: str, rowspan: int = 1, colspan: int = 1) -> None:
        self.cells.setdefault(row, []).append((column, text, rowspan, colspan))

    def rows(self) -> list[tuple[int, list[tuple[int, str, bool]]]]:
        """(row index, [(column, text, continues a merge from above)]) in order."""
        below: dict[int, list[tuple[int, int]]] = {}
        for r, cells in self.cells.items():
            for column, _text, rowspan, _colspan in cells:
                for k in range(1, rowspan):
                    below.setdefault(r + k, []).append((column, r))
        out = []
        for r in sorted(set(self.cells) | set(below)):
            placed: list[tuple[int, str, bool]] = [
                (column, text, False) for column, text, _rs, _cs in self.cells.get(r, [])
            ]
            placed += [(column, "", True) for column, _ in below.get(r, [])]
            placed.sort(key=lambda c: c[0])
            out.append((r, placed))
        return out
