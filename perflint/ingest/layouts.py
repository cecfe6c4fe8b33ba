"""Text layouts → rows of cells.

Every text layout is first cut into :class:`Row` s of :class:`Cell` s, each
cell a range of the source text.  The builder (``build.py``) turns rows of
cells into declarations, so a table source (.docx, .xlsx) only needs to
produce rows of cells to feed the same model.

Layouts:

``tabbed``
    Word tables saved as text: a cell starts with a tab, rows are separated by
    blank lines, a line without a leading tab continues the cell above (labels
    broken across lines, paragraphs inside a cell).  Or a row per line with
    tabs between its cells (Excel "Text (Tab delimited)", TSV).
``pipe``
    HTML tables flattened by a crawler: ``a | b | c |`` per row, or one cell
    per line ending in `` |`` with bare ``|`` lines between rows.
``lines``
    One cell per line (paragraphs copied from a web page or PDF).
``flattened``
    A whole table on one line, cells separated by runs of spaces.
``spaced``
    A row per line, cells separated by spaces (a sheet copied as text).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import StrEnum

from perflint.domain.vocab import MEMO_SIZE, PAD, Vocabulary, label_key, vocabulary


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
    #: a line outside the table (title, year, footer)
    free: bool = False
    #: a cell from a stream that does not mark rows (one cell per line): the
    #: builder fills table columns from consecutive stream cells.
    stream: bool = False


def _line_spans(text: str) -> list[tuple[int, int]]:
    spans = []
    pos = 0
    for line in text.split("\n"):
        spans.append((pos, pos + len(line)))
        pos += len(line) + 1
    return spans


_NON_PAD = re.compile(r"[^\s\u200b\ufeff]")


def _blank(text: str, start: int, end: int) -> bool:
    return _NON_PAD.search(text, start, end) is None


_FOOTER_LINE = re.compile(r"^\s*(填报人|联系电话|填报日期|填表日期|填报单位|单位负责人|联系人)\s*[:：（(]")
_YEAR_LINE = re.compile(r"^\s*[（(]?\s*(?:\d{4}|20\s*\d\s*\d|\s*)\s*年度?\s*[)）]?\s*$")


def is_free_line(line: str, vocab: Vocabulary) -> bool:
    """A line that stands on its own outside the table: title, year, unit, footer."""
    cache = vocab.free_line_cache
    found = cache.get(line)
    if found is None:
        found = _is_free_line(line, vocab)
        if len(cache) >= MEMO_SIZE:
            cache.clear()
        cache[line] = found
    return found


def _is_free_line(line: str, vocab: Vocabulary) -> bool:
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
    # a cell per line after a tab (Word), or a row per line with tabs between cells (Excel, TSV)
    tabbed = sum(1 for ln in lines if ln.startswith("\t") or "\t" in ln.strip(" \t\r"))
    piped = sum(1 for ln in lines if ln.rstrip().endswith("|") or " | " in ln)
    if tabbed >= max(3, len(lines) // 5):
        return "tabbed"
    if piped >= max(3, len(lines) // 5):
        return "pipe"
    longest = max(len(ln) for ln in lines)
    spaced = sum(len(re.findall(r"\S {1,}\S", ln)) for ln in lines)
    rows = _spaced_score(lines, vocabulary()) if spaced >= 6 else 0
    if rows >= max(5, len(lines) // 6):
        return "spaced"
    if longest > 400 and spaced > 20 and len(lines) < 40:
        return "flattened"
    return "lines"


def _row_per_line(text: str) -> bool:
    """Tab-separated text with a row per line (Excel "Text (Tab delimited)",
    TSV): most lines with a tab hold two cells or more.  Word saves a table
    with a cell per line instead, rows apart by blank lines."""
    tabbed = multi = 0
    for line in text.split("\n"):
        if "\t" not in line or not line.strip():
            continue
        tabbed += 1
        body = line[1:] if line[0] == "\t" else line
        if "\t" in body.rstrip("\t\r") and body.strip("\t\r "):
            multi += 1
    return tabbed > 0 and multi * 5 >= tabbed * 3


def _tsv_rows(text: str, vocab: Vocabulary) -> list[Row]:
    """A row per line, cells between tabs; a line without a tab stands alone."""
    rows: list[Row] = []
    for start, end in _line_spans(text):
        line = text[start:end]
        if _blank(text, start, end):
            continue
        if "\t" not in line:
            rows.append(Row([Cell(start, end, False)], free=is_free_line(line, vocab)))
            continue
        pos = start + 1 if line[0] == "\t" else start
        cells = []
        for piece in text[pos:end].split("\t"):
            cells.append(Cell(pos, pos + len(piece), True))
            pos += len(piece) + 1
        while cells and _blank(text, cells[-1].start, cells[-1].end):
            cells.pop()  # the tabs Excel writes after a row's last filled cell
        rows.append(Row(cells))
    return rows


def tabbed_rows(text: str, vocab: Vocabulary | None = None) -> list[Row]:
    vocab = vocab or vocabulary()
    if _row_per_line(text):
        return _tsv_rows(text, vocab)
    rows: list[Row] = []
    current: Row | None = None  # open row (no blank line seen since)
    last_cell: Cell | None = None  # the table cell continuation lines extend
    non_pad = _NON_PAD.search
    end = -1
    for line in text.split("\n"):
        start = end + 1
        end = start + len(line)
        if not line.strip(" \t\r\f\v"):
            # An empty line ends the row.  (A line of U+3000 padding is a
            # blank paragraph inside the cell above and does not.)
            current = None
            continue
        if line[0] == "\t":
            if current is None:
                current = Row()
                rows.append(current)
            cells = current.cells
            pos = start + 1  # the line starts with a tab
            for piece in line[1:].split("\t"):
                last_cell = Cell(pos, pos + len(piece), True)
                cells.append(last_cell)
                pos += len(piece) + 1
            continue
        if non_pad(line) is None:
            if last_cell is not None:
                last_cell.end = end
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


def _only_pipes(line: str) -> bool:
    stripped = line.strip(" \t\u3000")
    return bool(stripped) and all(ch == "|" for ch in stripped)


def _pipe_mode(text: str, spans: list[tuple[int, int]]) -> str:
    """How a pipe text marks cells: ``rows`` (``a | b |`` per line),
    ``trailing`` (one cell per line ending in `` |``) or ``separated`` (cells
    on their own lines with bare ``|`` lines between them)."""
    bare = cell_lines = multi = 0
    for start, end in spans:
        line = text[start:end]
        if _only_pipes(line):
            bare += 1
        elif "|" in line:
            if _cell_line(line):
                cell_lines += 1
            else:
                multi += 1
    if multi >= max(cell_lines, 1) and multi >= bare // 4:
        return "rows"
    if cell_lines == 0 and bare > 0:
        return "separated"
    if multi > cell_lines:
        return "rows"
    if _rows_marked(text, spans):
        return "marked"
    return "trailing"


def _rows_marked(text: str, spans: list[tuple[int, int]]) -> bool:
    """One cell per line, each row opened by a bare ``|`` line and closed by
    ``text | |||``: the bare ``|`` marks a row, not an empty cell."""
    closes = after = 0
    previous_closed = False
    for start, end in spans:
        line = text[start:end]
        if not line.strip():
            continue
        if _only_pipes(line):
            if previous_closed and line.count("|") == 1:
                after += 1
            # "text |" then "||||" closes a row as "text | |||" does
            previous_closed = line.count("|") >= 2 and not previous_closed
            closes += previous_closed
            continue
        previous_closed = _cell_line(line) and line.count("|") >= 2
        closes += previous_closed
    return after >= 3 and after * 2 >= closes


def _cell_line(line: str) -> bool:
    """ "text |" or "text | |||": one cell, optionally closing its row."""
    body = line.rstrip(" \t\u3000|")
    return bool(body.strip()) and "|" not in body and len(body) < len(line.rstrip(" \t\u3000"))


def _split_pipe_line(text: str, start: int, end: int) -> list[Cell]:
    """``a | b | | c |||`` → cells a, b, (empty), c: outer empty pieces dropped."""
    pieces = text[start:end].split("|")
    lo, hi = 0, len(pieces)
    while lo < hi and _NON_PAD.search(pieces[lo]) is None:
        lo += 1
    while hi > lo and _NON_PAD.search(pieces[hi - 1]) is None:
        hi -= 1
    pos = start + sum(len(piece) + 1 for piece in pieces[:lo])
    cells: list[Cell] = []
    for piece in pieces[lo:hi]:
        cells.append(Cell(pos, pos + len(piece), True))
        pos += len(piece) + 1
    return cells


def pipe_rows(text: str, vocab: Vocabulary | None = None) -> list[Row]:
    """Rows from pipe-marked text, in any of its three forms (see ``_pipe_mode``).

    A line made only of pipes ends a row (``||||``), or, when cells sit one
    per line ending in `` |``, a single bare ``|`` is an empty cell.  In the
    ``trailing`` form a line without a pipe inside an open row continues a
    cell that the next `` |`` line closes (paragraphs inside a cell).  Lines
    without pipes outside the table (notices, titles) are free rows.
    """
    vocab = vocab or vocabulary()
    spans = _line_spans(text)
    mode = _pipe_mode(text, spans)
    # one cell per line and never a row separator: the rows are unknown, so
    # every cell is a stream cell.
    stream = mode == "separated" or (mode == "trailing" and not any(text[s:e].count("|") >= 2 for s, e in spans))
    marked = mode == "marked"
    if marked:
        mode = "trailing"
    rows: list[Row] = []
    last_bare = False
    current: Row | None = None
    open_from: int | None = None  # start of a multi-line cell (trailing form)

    def flush_open(upto: int) -> None:
        nonlocal open_from, current
        if open_from is None:
            return
        add_cell(Cell(open_from, upto, True))
        open_from = None

    def add_cell(cell: Cell) -> None:
        nonlocal current
        if stream:
            rows.append(Row([cell], stream=True))
            return
        if current is None:
            current = Row()
            rows.append(current)
        current.cells.append(cell)

    for start, end in spans:
        line = text[start:end]
        if _blank(text, start, end):
            if mode == "trailing" and open_from is not None:
                continue
            current = None if mode != "trailing" else current
            continue
        if _only_pipes(line):
            flush_open(start - 1 if start else start)
            bar = start + line.index("|")
            if line.count("|") >= 2 or mode == "rows" or marked:
                current = None  # a row ends (or, marked, the next one starts)
            elif mode == "trailing" or (mode == "separated" and last_bare):
                add_cell(Cell(bar, bar, True))  # an empty cell
            last_bare = True
            continue
        last_bare = False
        if mode == "separated":
            rows.append(Row([Cell(start, end, True)], free=is_free_line(line, vocab), stream=True))
            continue
        if "|" not in line:
            if mode == "trailing" and vocab.title(line) is not None and not marked:
                # a form's title between tables, not part of a cell
                flush_open(start - 1)
                rows.append(Row([Cell(start, end, False)], free=True))
                current = None
                continue
            if mode == "trailing" and (
                current is not None or open_from is not None or (stream and rows and not rows[-1].free)
            ):
                if open_from is None:
                    open_from = start
                continue
            rows.append(Row([Cell(start, end, False)], free=is_free_line(line, vocab)))
            current = None
            continue
        if mode == "trailing" and _cell_line(line):
            cell_start = open_from if open_from is not None else start
            open_from = None
            bar = start + line.index("|")
            add_cell(Cell(cell_start, bar, True))
            if line.count("|") >= 2:
                current = None  # "text | |||": the last cell of its row
            continue
        flush_open(start - 1)
        current = None
        cells = _split_pipe_line(text, start, end)
        if cells:
            rows.append(Row(cells))
    flush_open(len(text))
    return [r for r in rows if r.cells]


def line_rows(text: str, vocab: Vocabulary | None = None) -> list[Row]:
    """One cell per line; the builder reads them as a stream.

    A label printed vertically, one or two characters a line (``年\n度\n目\n标``),
    is joined back into one cell when the joined text is a known label.
    """
    vocab = vocab or vocabulary()
    lines = [(s, e) for s, e in _line_spans(text) if not _blank(text, s, e)]
    short = _short_runs(text, lines)
    joins: dict[str, bool] = {}
    rows: list[Row] = []
    i = 0
    while i < len(lines):
        start, end = lines[i]
        # only a run of short lines can be a label printed vertically
        j = _vertical_run(text, lines[i : i + short[i]], i, vocab, joins) if short[i] else i
        if j > i + 1:
            end = lines[j - 1][1]
        # a label broken over lines: "主管部门" + "及编码", "…名称及" + "部门预算编码"
        nxt = max(j, i + 1)
        while nxt < len(lines) and _joins_label(text, start, end, lines[nxt], vocab):
            end = lines[nxt][1]
            nxt += 1
        j = nxt
        line = text[start:end]
        free = is_free_line(line, vocab)
        for s, e in [(start, end)] if free or j > i + 1 else _list_items(text, start, end, vocab):
            rows.append(Row([Cell(s, e, False)], free=free, stream=True))
        i = max(j, i + 1)
    return rows


#: a bracketed heading that names categories: 【产出指标-数量指标】, [效益指标—社会效益指标]
_BRACKET_HEADING = re.compile(r"[【\[][^【】\[\]]{2,30}[】\]]")
#: what joins the categories of a bracketed heading: 产出指标-数量指标
_HEADING_SEP = re.compile(r"[-—–_/、\s]+")
#: a numbered item of a list of indicators after the end of the one before it: "；指标2:"
_ITEM_START = re.compile(r"(?<=[;；。】\]])\s*(?=指标\s?\d{1,2}\s?[:：])")


def _list_items(text: str, start: int, end: int, vocab: Vocabulary) -> list[tuple[int, int]]:
    """A line of a list of indicators cut into its parts, each read as a line of its own:
    a bracketed heading of categories and the numbered items after it on the same line
    ("【产出指标-数量指标】指标1:养护里程(≥86公里);指标2:修复桥涵(5座)【效益指标-…】…"),
    the heading at the line's start or right after an item's end.  The whole line when it
    holds no such heading (a sentence that names a category in brackets stays whole)."""
    cuts = {
        m.start()
        for m in _BRACKET_HEADING.finditer(text, start, end)
        if (m.start() == start or text[m.start() - 1] in ")）;；。")  # a line's start, an item's end
        and any(vocab.category(part) is not None for part in _HEADING_SEP.split(text[m.start() + 1 : m.end() - 1]))
    }
    if not cuts:
        return [(start, end)]
    heads = sorted(cuts)
    cuts.update(m.end() for m in _BRACKET_HEADING.finditer(text, start, end) if m.start() in heads)
    cuts.update(m.end() for m in _ITEM_START.finditer(text, heads[0], end))
    bounds = sorted(c for c in cuts if start < c < end)
    out = []
    for s, e in zip([start, *bounds], [*bounds, end], strict=True):
        s, e = trim_span(text, s, e)
        if s < e:
            out.append((s, e))
    return out


#: words that tie the parts of a label broken over lines (名称及 / 编码)
_JOINERS = ("及", "和", "与", "、", "(", "（")


def _joins_label(text: str, start: int, end: int, nxt: tuple[int, int], vocab: Vocabulary) -> bool:
    """Does the short line ``nxt`` finish a label that ``text[start:end]`` begins?

    The joined text must be a label in the vocabulary that says more than the
    first part alone (not just a bracketed note).  Unless a joining word ties
    them (名称及 / 部门预算编码), the label must be six characters or more and
    the line no label itself: "项目" + "金额(万元)" are two column headings.
    """
    piece = text[nxt[0] : nxt[1]].strip(PAD)
    if not piece or len(piece) > 12 or end - start > 40 or piece.isascii():
        return False  # (an ASCII line finishes no label: every label is Chinese)
    if label_key(piece) == "指标" and vocab.category(text[start:end]) is not None:
        # "经济效益" / "指标": a category broken over two lines
        return vocab.category(text[start : nxt[1]]) is not None
    joined = text[start : nxt[1]]
    key = label_key(joined)
    head = label_key(text[start:end])
    if vocab.exact.get(key) is None or key == head:
        return False
    if head.endswith(_JOINERS) or label_key(piece).startswith(_JOINERS):
        return True
    if len(key) < 6:
        return False  # "项目" + "金额(万元)": two column headings, not one label
    return vocab.match(piece) is None and vocab.category(piece) is None


def _short_line(text: str, span: tuple[int, int]) -> bool:
    """A line short enough to be a piece of a label printed vertically: one or two
    characters, not all ASCII (every label is Chinese: a run of "1", "a" or "|"
    lines is no label, and is not tried as one)."""
    piece = text[span[0] : span[1]]
    return (span[1] - span[0] <= 2 or len(piece.strip(PAD)) <= 2) and not piece.isascii()


def _short_runs(text: str, lines: list[tuple[int, int]]) -> list[int]:
    """For each line, how many short lines (at most 16) run from it: counted once for
    all lines, not again from every line."""
    short = [0] * (len(lines) + 1)
    for k in range(len(lines) - 1, -1, -1):
        if _short_line(text, lines[k]):
            short[k] = min(16, short[k + 1] + 1)
    return short


def _vertical_run(text: str, run: list[tuple[int, int]], i: int, vocab: Vocabulary, joins: dict[str, bool]) -> int:
    """End (exclusive) of the longest part of ``run`` (the short lines from line ``i``)
    that joins into a label or category; ``i`` when there is none.  ``joins`` remembers
    the answer for each joined text (100,000 lines of "1" join into 16 texts)."""
    joined = [""]  # the lines joined, built once, not once per end
    for s, e in run:
        joined.append(joined[-1] + text[s:e])
    for n in range(len(run), 1, -1):
        piece = joined[n]
        found = joins.get(piece)
        if found is None:
            found = joins[piece] = vocab.match(piece) is not None or vocab.category(piece) is not None
        if found:
            return i + n
    return i


_GAP = re.compile(r"(?:[ \u3000]{2,}|\t)")


def flattened_rows(text: str, vocab: Vocabulary | None = None) -> list[Row]:
    """A table run together on one line, cells separated by spaces.

    Every space-separated token is a stream cell; neighbouring tokens that
    together make a label (``部门(单位) 名称``, ``项目资金 (万元)``) are joined.
    """
    vocab = vocab or vocabulary()
    rows: list[Row] = []
    for start, end in _line_spans(text):
        tokens = [m.span() for m in _TOKEN.finditer(text, start, end)]
        i = 0
        while i < len(tokens):
            j = i + 1
            for k in range(min(len(tokens), i + 4), i + 1, -1):
                joined = text[tokens[i][0] : tokens[k - 1][1]]
                if len(joined) <= 30 and vocab.match(joined) is not None:
                    j = k
                    break
            rows.append(Row([Cell(tokens[i][0], tokens[j - 1][1], True)], stream=True))
            i = j
    return rows


def _label_tokens(text: str, start: int, end: int, vocab: Vocabulary) -> list[tuple[int, int]]:
    """The space-separated tokens of ``text[start:end]``; neighbours that make
    one label together (``部门(单位) 名称``, ``总 体 目 标``) are one token."""
    tokens = [m.span() for m in _TOKEN.finditer(text, start, end)]
    out: list[tuple[int, int]] = []
    i = 0
    while i < len(tokens):
        j = i + 1
        for k in range(min(len(tokens), i + 4), i + 1, -1):
            joined = text[tokens[i][0] : tokens[k - 1][1]]
            if len(joined) <= 30 and vocab.match(joined) is not None:
                j = k
                break
            if all(e - s == 1 for s, e in tokens[i:k]) and label_key(joined) in vocab.column_words:
                j = k  # 合 计, 序 号: a column word spaced out
                break
        out.append((tokens[i][0], tokens[j - 1][1]))
        i = j
    return _close_brackets(text, out)


def _close_brackets(text: str, tokens: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Tokens joined back while a bracket is open ("资产股权年收益率( ≥**% )"): a
    space inside a bracketed note never ends a cell (at most three tokens further)."""
    out: list[tuple[int, int]] = []
    taken = 0
    for s, e in tokens:
        if out and 0 < taken < 4 and _opened(text[out[-1][0] : out[-1][1]]) > 0:
            out[-1] = (out[-1][0], e)
            taken += 1
            continue
        out.append((s, e))
        taken = 1 if _opened(text[s:e]) > 0 else 0
    return out


def _opened(piece: str) -> int:
    """Brackets ``piece`` opens and does not close."""
    return piece.count("(") + piece.count("（") - piece.count(")") - piece.count("）")


def spaced_rows(text: str, vocab: Vocabulary | None = None) -> list[Row]:
    """One table row per line, cells separated by spaces (a sheet or a Word
    table copied as plain text).

    Every line is a row of its space-separated tokens; a line of one token
    is read as in ``lines`` (a label printed vertically or broken over lines
    is joined back).  Cell text that itself holds spaces is put back
    together by the builder, which knows the table's columns.
    """
    vocab = vocab or vocabulary()
    lines = [(s, e) for s, e in _line_spans(text) if not _blank(text, s, e)]
    short = _short_runs(text, lines)
    wide = _wide_gapped(text, lines)
    joins: dict[str, bool] = {}
    rows: list[Row] = []
    i = 0
    while i < len(lines):
        start, end = lines[i]
        if wide and _WIDE_GAP.search(text, start, end):
            tokens = _wide_cells(text, start, end, vocab)
        else:
            tokens = _label_tokens(text, start, end, vocab)
        if len(tokens) > 1:
            step = 1
            if i + 1 < len(lines) and _finishes_category(text, tokens[-1], lines[i + 1], vocab):
                # "效益指标 经济效益" / "指标", "满意度指标 服务对象" / "满意度指标": the
                # row's last cell is a category broken over two lines
                tokens[-1] = (tokens[-1][0], trim_span(text, *lines[i + 1])[1])
                step = 2
            rows.append(Row([Cell(s, e, True) for s, e in tokens]))
            i += step
            continue
        j = _vertical_run(text, lines[i : i + short[i]], i, vocab, joins) if short[i] else i
        if j > i + 1:
            end = lines[j - 1][1]
        nxt = max(j, i + 1)
        while nxt < len(lines) and _joins_label(text, start, end, lines[nxt], vocab):
            end = lines[nxt][1]
            nxt += 1
        start, end = trim_span(text, start, end)
        rows.append(Row([Cell(start, end, True)], free=is_free_line(text[start:end], vocab)))
        i = nxt
    return rows


#: a gap between cells of a sheet printed with aligned columns: two spaces or more, or a tab
_WIDE_GAP = re.compile(r"(?<=\S)(?:[ \u3000]{2,}|[ \u3000]*\t[ \t\u3000]*)(?=\S)")


def _wide_gapped(text: str, lines: list[tuple[int, int]]) -> bool:
    """Whether the rows set their cells apart by wide gaps (two spaces or more):
    four lines in five of those with several tokens have one.  Then a single
    space is inside a cell ("经济效益 指标", "受益 人数"), not between two."""
    multi = wide = 0
    for start, end in lines:
        if len(text[start:end].split()) < 2:
            continue
        multi += 1
        wide += _WIDE_GAP.search(text, start, end) is not None
    return multi >= 5 and wide * 5 >= multi * 4


def _wide_cells(text: str, start: int, end: int, vocab: Vocabulary) -> list[tuple[int, int]]:
    """The cells of a row whose cells are apart by wide gaps.  A piece between
    two gaps is one cell, unless each of its space-separated words is a label
    or a category on its own ("产出指标 数量指标": two columns a narrow gap
    set apart)."""
    out: list[tuple[int, int]] = []
    at = start
    for gap in [*_WIDE_GAP.finditer(text, start, end), None]:
        s, e = trim_span(text, at, gap.start() if gap else end)
        if s < e:
            words = [m.span() for m in re.finditer(r"\S+", text[s:e])]
            if len(words) > 1 and all(
                vocab.category(text[s + a : s + b]) is not None or vocab.match(text[s + a : s + b]) is not None
                for a, b in words
            ):
                out += _label_tokens(text, s, e, vocab)
            else:
                out.append((s, e))
        if gap:
            at = gap.end()
    return out


def _finishes_category(text: str, last: tuple[int, int], nxt: tuple[int, int], vocab: Vocabulary) -> bool:
    """Whether the line ``nxt``, one short token, finishes the category that the
    token ``last`` (the end of the line above) begins: the two together are a
    category, and ``last`` alone is none or the same one."""
    piece = text[nxt[0] : nxt[1]].strip(PAD)
    if not piece or len(piece) > 12 or any(ch.isspace() for ch in piece):
        return False
    whole = vocab.category(text[last[0] : last[1]] + piece)
    if whole is None:
        return False
    alone = vocab.category(text[last[0] : last[1]])
    return alone is None or alone == whole


def trim_span(text: str, start: int, end: int) -> tuple[int, int]:
    """``[start, end)`` without padding at either end."""
    piece = text[start:end]
    left = piece.lstrip(PAD)
    start += len(piece) - len(left)
    return start, start + len(left.rstrip(PAD))


def _spaced_score(lines: list[str], vocab: Vocabulary) -> int:
    """How many lines are table rows with cells separated by spaces: two tokens
    or more, one of them a label, a column heading or a category."""
    score = 0
    for line in lines:
        tokens = line.split()
        if len(tokens) < 2 or len(tokens) > 40:
            continue
        if any(vocab.match(t) is not None or vocab.category(t) is not None for t in tokens[:6]):
            score += 1
    return score


#: a token; a date or a year written with spaces (2021 年 1 月 28 日, ( 2019 年度)) stays one token
_TOKEN = re.compile(
    r"[（(][ \t]*(?:19|20)\d{2}[ \t]*年度?[ \t]*[)）]|"
    r"\S*?(?:19|20)\d{2}[ \t]*年[ \t]*\d{1,2}[ \t]*月(?:[ \t]*\d{1,2}[ \t]*日)?\S*|\S+"
)


LAYOUTS = {
    "tabbed": tabbed_rows,
    "pipe": pipe_rows,
    "lines": line_rows,
    "flattened": flattened_rows,
    "spaced": spaced_rows,
}


class Layout(StrEnum):
    """The text layouts (``--layout``)."""

    TABBED = "tabbed"
    PIPE = "pipe"
    LINES = "lines"
    FLATTENED = "flattened"
    SPACED = "spaced"


def rows_for(text: str, layout: str | None = None) -> tuple[str, list[Row]]:
    """The layout (detected unless given) and the rows of ``text``."""
    layout = layout or detect_layout(text)
    if layout not in LAYOUTS:
        raise ValueError(f"unknown layout {layout!r}; one of: {', '.join(LAYOUTS)}")
    return str(layout), LAYOUTS[layout](text)
