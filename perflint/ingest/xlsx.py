"""Excel workbooks (.xlsx, .xlsm), read with openpyxl: every sheet, cells as they are shown.

* Every worksheet is read, in the workbook's order (chart sheets hold no cells).
* A merged range is one cell: its value written once, in its first row; the
  rows it covers below get an empty cell in its place (as Word writes a
  vertically merged cell), so merged label and level cells read like a Word
  table's.
* Numbers are written as displayed (:mod:`perflint.ingest.numfmt`): 556 with
  ``0.00`` is "556.00", 0.9 with ``0%`` is "90%", a date serial with a date
  format is the date; a formula is its cached value (what Excel showed when
  the file was saved) and is never evaluated.
* A row whose only cell is a title, the year or a footer line is a paragraph.

The package is checked first (:mod:`perflint.ingest.package`: archive limits,
no DTD in any XML part); openpyxl also parses through defusedxml when it is
installed, as it is with perflint.  Macros (``.xlsm``) are never loaded
(``keep_vba=False``) and external links are dropped.

Places: ``Sheet1!D12`` (the merged range's first cell).
"""

from __future__ import annotations

import io
import re
import warnings
from typing import Any

from perflint.domain.problems import InputError
from perflint.ingest.numfmt import ZH_BUILTIN, display
from perflint.ingest.package import Package, check_parts
from perflint.ingest.render import Place, Rendering, sheet_ref


def render(package: Package, data: bytes) -> Rendering:
    check_parts(package)
    # start-up: openpyxl is imported when a workbook is read
    import openpyxl
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # "unknown extension", "data validation not supported" …
            # read-only mode streams the cells (several times faster); the merged ranges
            # it does not give are read from each sheet's part (_merges)
            book = openpyxl.load_workbook(
                io.BytesIO(data), read_only=True, data_only=True, keep_vba=False, keep_links=False, rich_text=False
            )
    except InvalidFileException as exc:
        raise InputError("INP014", "corrupt", reason=str(exc)) from None
    except KeyError as exc:  # a part the workbook names is missing
        raise InputError("INP014", "missing-part", part=str(exc).strip("'\""), reason=str(exc)) from None
    except Exception as exc:
        # defusedxml refuses entities (EntitiesForbidden, DTDForbidden …)
        if type(exc).__module__.startswith("defusedxml"):
            raise InputError("INP015", "xml-entities", part="", reason=str(exc)) from None
        raise
    try:
        date1904 = getattr(book, "epoch", None) is not None and book.epoch.year == 1904
        out = Rendering()
        for sheet in book.worksheets:
            _sheet(out, sheet, _merges(package, sheet), date1904)
    finally:
        book.close()
    return out


_MERGE = re.compile(rb"<(?:\w+:)?mergeCell\b[^>]*?\bref=\"([A-Za-z]+[0-9]+)(?::([A-Za-z]+[0-9]+))?\"")
_REF = re.compile(r"([A-Za-z]+)([0-9]+)")


def _cell_ref(ref: bytes) -> tuple[int, int]:
    m = _REF.fullmatch(ref.decode("ascii"))
    assert m is not None
    col = 0
    for ch in m.group(1).upper():
        col = col * 26 + ord(ch) - 64
    return int(m.group(2)), col


def _merges(package: Package, sheet: Any) -> list[tuple[int, int, int, int]]:
    """The merged ranges of ``sheet``, (first row, first column, last row, last column), from its part."""
    part = str(getattr(sheet, "_worksheet_path", "") or "").lstrip("/")
    if not part:
        return []
    out = []
    for m in _MERGE.finditer(package.read(part)):
        r0, c0 = _cell_ref(m.group(1))
        r1, c1 = _cell_ref(m.group(2)) if m.group(2) else (r0, c0)
        out.append((min(r0, r1), min(c0, c1), max(r0, r1), max(c0, c1)))
    return out


def _text(cell: Any, date1904: bool) -> str:
    value = cell.value
    if value is None:
        return ""
    fmt = cell.number_format
    try:
        fmt_id = cell.style_array.numFmtId
    except (AttributeError, IndexError, TypeError):
        fmt_id = None
    if isinstance(value, (int, float)) and not isinstance(value, bool) and fmt_id in ZH_BUILTIN and fmt == "General":
        fmt = ZH_BUILTIN[fmt_id]
    return display(value, fmt, date1904)


def _sheet(out: Rendering, sheet: Any, ranges: list[tuple[int, int, int, int]], date1904: bool) -> None:
    title = str(sheet.title)
    cells = {(c.row, c.column): c for row in sheet.iter_rows() for c in row if c.value is not None}
    merged: dict[tuple[int, int], tuple[int, int, int, int]] = {}
    covered_across: set[tuple[int, int]] = set()
    continued: set[tuple[int, int]] = set()
    for r0, c0, r1, c1 in ranges:
        merged[(r0, c0)] = (r0, c0, r1, c1)
        for r in range(r0, r1 + 1):
            for c in range(c0, c1 + 1):
                if (r, c) == (r0, c0):
                    continue
                if c == c0:
                    continued.add((r, c))
                else:
                    covered_across.add((r, c))
    texts: dict[tuple[int, int], str] = {}
    for (r, c), cell in cells.items():
        if (r, c) in covered_across or (r, c) in continued:
            continue
        text = _text(cell, date1904)
        if text.strip():
            texts[(r, c)] = text
    if not texts:
        return
    first_col = min(c for _, c in texts)
    by_row: dict[int, list[int]] = {}
    for r, c in texts:
        by_row.setdefault(r, []).append(c)
    # rows run to the sheet's last column, so that an empty last column (备注) is an empty cell
    last = max(max(c for _, c in texts), max((merged[k][3] for k in merged if k in texts), default=0))
    for r in sorted(by_row):
        row: list[tuple[str, Place]] = []
        c = first_col
        while c <= last:
            if (r, c) in covered_across:
                c += 1
                continue
            text = texts.get((r, c), "")
            row.append((text, Place(sheet_ref(title, r, c))))
            span = merged.get((r, c))
            c = (span[3] if span else c) + 1
        out.row(row)
