"""PDF with a text layer (optional: ``pip install 'perflint-cn[pdf]'``), read with pdfplumber.

* Tables are found from their ruling lines (pdfplumber's ``lines`` strategy):
  each row a row of cells; a cell spanning columns is one cell, and the rows a
  cell spans downwards get an empty cell in its place, as Word writes merged
  cells.  Lines a cell wraps onto are joined (without a space between Chinese
  characters).
* Text outside tables becomes paragraphs, one per printed line, in reading order
  with the tables (by their position on the page).
* Page numbers ("第 2 页 共 16 页", "- 2 -", "2/16") are left out.
* A PDF whose pages hold no text at all (a scan) gets ``INP019``; one that
  needs a password ``INP016``; a damaged one ``INP014``.  At most
  :data:`MAX_PAGES` pages are read.

Places: "第3页 表2 第7行「指标值」列", "第3页".
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from typing import Any

from perflint.domain.problems import InputError
from perflint.ingest.render import Place, Rendering

MAX_PAGES = 200
_PAGE_NUMBER = re.compile(
    r"^\s*(?:第\s*\d+\s*页\s*[,，/]?\s*(?:共\s*\d+\s*页)?|[-—–]\s*\d+\s*[-—–]|\d+\s*/\s*\d+|\d{1,3}|Page\s+\d+(?:\s+of\s+\d+)?)\s*$",
    re.IGNORECASE,
)
_CJK = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]")


def _join(lines: list[str]) -> str:
    """Lines a cell wrapped onto, joined; no space between Chinese characters."""
    out = ""
    for line in lines:
        line = line.strip()
        if not line:
            continue
        if out and not (_CJK.match(out[-1]) or _CJK.match(line[0])):
            out += " "
        out += line
    return out


def _inside(obj: dict[str, Any], boxes: list[tuple[float, float, float, float]]) -> bool:
    x = (obj["x0"] + obj["x1"]) / 2
    y = (obj["top"] + obj["bottom"]) / 2
    return any(x0 <= x <= x1 and top <= y <= bottom for x0, top, x1, bottom in boxes)


def _outside(boxes: list[tuple[float, float, float, float]]) -> Callable[[dict[str, Any]], bool]:
    """A filter keeping everything but the characters inside ``boxes`` (the tables)."""

    def keep(obj: dict[str, Any]) -> bool:
        return obj.get("object_type") != "char" or not _inside(obj, boxes)

    return keep


def render(data: bytes) -> Rendering:
    try:
        # start-up: pdfplumber (an extra) is imported when a PDF is read
        import pdfplumber
        from pdfminer.pdfdocument import PDFPasswordIncorrect
    except ImportError:
        raise InputError(
            "INP018", "pdf-extra", suffix=".pdf", command="pip install 'perflint-cn[pdf]'", reason="pdfplumber missing"
        ) from None
    try:
        pdf = pdfplumber.open(io.BytesIO(data))
    except PDFPasswordIncorrect:
        raise InputError("INP016", "pdf", reason="the PDF needs a password") from None
    except Exception as exc:
        if "password" in str(exc).lower() or "encrypt" in type(exc).__name__.lower():
            raise InputError("INP016", "pdf", reason="the PDF needs a password") from None
        raise InputError("INP014", "pdf", reason=f"{type(exc).__name__}: {exc}"[:200]) from None
    chars = images = 0
    tables = 0
    #: ("p", text, place) paragraphs and ("t", rows, key, split) tables, in reading order
    blocks: list[tuple[Any, ...]] = []
    with pdf:
        for number, page in enumerate(pdf.pages[:MAX_PAGES], 1):
            chars += len(page.chars)
            images += len(page.images)
            if not page.chars:
                continue
            found = page.find_tables({"vertical_strategy": "lines", "horizontal_strategy": "lines"})
            boxes = [t.bbox for t in found]
            items: list[tuple[float, int, Any]] = []
            for k, table in enumerate(found):
                items.append((table.bbox[1], 1, k))
            words = page.filter(_outside(boxes))
            for line in words.extract_text_lines(strip=True, return_chars=False):
                if not _PAGE_NUMBER.match(line["text"]):
                    items.append((line["top"], 0, line["text"]))
            items.sort(key=lambda item: (item[0], item[1]))
            for i, (_top, kind, what) in enumerate(items):
                if kind == 0:
                    blocks.append(("p", what, Place(f"第{number}页")))
                    continue
                tables += 1
                rows = _table(found[what], number, tables)
                # the first thing on a page, right after a table that ended its page: it may go on
                follows = i == 0 and bool(blocks) and blocks[-1][0] == "t" and blocks[-1][3] and bool(blocks[-1][1])
                if follows and rows and _continues(blocks[-1][1][-1], rows[0]):
                    last = blocks[-1][1][-1]
                    for j, (text, _place) in enumerate(rows[0]):
                        if text:
                            last[j] = (_join([last[j][0], text]), last[j][1])
                    rows = rows[1:]
                    if not rows:  # the whole page was the rest of that row
                        blocks[-1] = (*blocks[-1][:3], i == len(items) - 1)
                        continue
                blocks.append(("t", rows, ("pdf", tables), i == len(items) - 1))
    if chars == 0:
        variant = "scanned" if images else "no-text"
        raise InputError("INP019", variant, pages=len(pdf.pages), reason="no text layer")
    out = Rendering()
    for block in blocks:
        if block[0] == "p":
            out.paragraph(block[1], block[2])
        else:
            for cells in block[1]:
                out.row(cells, block[2])
    return out


def _continues(last: list[tuple[str, Place]], first: list[tuple[str, Place]]) -> bool:
    """Is ``first`` (the first row of a table at the top of a page) the rest of ``last``
    (the row that ended the table on the page before), cut by the page break?

    Only where the new row's text stands in columns the last row had text in,
    with its first two columns (the labels and categories) empty.
    """
    if len(last) != len(first) or len(first) < 3:
        return False
    if any(text for text, _ in first[:2]):
        return False
    filled = [j for j, (text, _) in enumerate(first) if text]
    return bool(filled) and all(last[j][0] for j in filled)


def _table(table: Any, page: int, number: int) -> list[list[tuple[str, Place]]]:
    rows = table.rows
    texts = table.extract()
    out: list[list[tuple[str, Place]]] = []
    width = max((len(row.cells) for row in rows), default=0)
    # where each column starts (None: no cell starts in it, a column only spanned over)
    starts: list[float | None] = []
    for j in range(width):
        xs = [row.cells[j][0] for row in rows if j < len(row.cells) and row.cells[j] is not None]
        starts.append(min(xs) if xs else None)
    for r, (row, values) in enumerate(zip(rows, texts), 1):
        cells: list[tuple[str, Place]] = []
        base = f"第{page}页 表{number} 第{r}行"
        for j, (box, value) in enumerate(zip(row.cells, values)):
            if box is None:
                x = starts[j]
                if x is None:
                    continue
                left = next((row.cells[k] for k in range(j - 1, -1, -1) if row.cells[k] is not None), None)
                if left is not None and left[2] > x + 1:
                    continue  # covered by a cell spanning columns
                cells.append(("", Place(base, j + 1)))  # covered by a cell spanning rows from above
                continue
            cells.append((_join((value or "").split("\n")), Place(base, j + 1)))
        out.append(cells)
    return out
