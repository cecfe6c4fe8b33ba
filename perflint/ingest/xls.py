"""Excel 97–2003 workbooks (.xls), read with xlrd: every sheet, merged cells, cells as shown.

Like the .xlsx reader (:mod:`perflint.ingest.xlsx`): a merged range is one
cell written in its first row, with an empty cell below it in the rows it
covers; numbers and dates are written as their format shows them
(:mod:`perflint.ingest.numfmt`); formulas are their stored results; macros are
never run.  An encrypted workbook gets ``INP016``.  (A ".xls" that a budget
system wrote as a web page or as an .xlsx is read as what it is.)

Places: ``Sheet1!D12``.
"""

from __future__ import annotations

from typing import Any

from perflint.domain.problems import InputError
from perflint.ingest.numfmt import ZH_BUILTIN, display, serial_to_datetime
from perflint.ingest.render import Place, Rendering, sheet_ref


def render(data: bytes) -> Rendering:
    # start-up: xlrd is imported when an .xls workbook is read
    import xlrd

    try:
        try:
            book = xlrd.open_workbook(file_contents=data, formatting_info=True, on_demand=False)
        except NotImplementedError:  # formatting of some old BIFF versions
            book = xlrd.open_workbook(file_contents=data, formatting_info=False)
    except xlrd.biffh.XLRDError as exc:
        if "encrypt" in str(exc).lower():
            raise InputError("INP016", "xls", reason=str(exc)) from None
        raise InputError("INP014", "corrupt", reason=str(exc)) from None
    out = Rendering()
    for sheet in book.sheets():
        _sheet(out, book, sheet)
    return out


def _format(book: Any, sheet: Any, r: int, c: int) -> str | None:
    try:
        xf = book.xf_list[sheet.cell_xf_index(r, c)]
    except (IndexError, AttributeError):
        return None
    fmt = book.format_map.get(xf.format_key)
    if fmt is None:
        return ZH_BUILTIN.get(xf.format_key)
    return str(fmt.format_str)


def _text(book: Any, sheet: Any, r: int, c: int) -> str:
    import xlrd  # start-up: already loaded by render()

    cell = sheet.cell(r, c)
    kind = cell.ctype
    if kind in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK):
        return ""
    if kind == xlrd.XL_CELL_TEXT:
        return str(cell.value)
    if kind == xlrd.XL_CELL_BOOLEAN:
        return "TRUE" if cell.value else "FALSE"
    if kind == xlrd.XL_CELL_ERROR:
        return str(xlrd.error_text_from_code.get(cell.value, "#ERR"))
    fmt = _format(book, sheet, r, c)
    if kind == xlrd.XL_CELL_DATE:
        moment = serial_to_datetime(cell.value, bool(book.datemode))
        return display(moment if moment is not None else cell.value, fmt or "yyyy-mm-dd")
    return display(cell.value, fmt)


def _sheet(out: Rendering, book: Any, sheet: Any) -> None:
    title = str(sheet.name)
    merged: dict[tuple[int, int], tuple[int, int, int, int]] = {}
    across: set[tuple[int, int]] = set()
    below: set[tuple[int, int]] = set()
    for rlo, rhi, clo, chi in getattr(sheet, "merged_cells", []):
        merged[(rlo, clo)] = (rlo, rhi, clo, chi)
        for r in range(rlo, rhi):
            for c in range(clo, chi):
                if (r, c) != (rlo, clo):
                    (below if c == clo else across).add((r, c))
    texts: dict[tuple[int, int], str] = {}
    for r in range(sheet.nrows):
        for c in range(sheet.row_len(r)):
            if (r, c) in across or (r, c) in below:
                continue
            text = _text(book, sheet, r, c)
            if text.strip():
                texts[(r, c)] = text
    if not texts:
        return
    first = min(c for _, c in texts)
    last = max(max(c for _, c in texts), max((m[3] - 1 for k, m in merged.items() if k in texts), default=0))
    for r in sorted({r for r, _ in texts}):
        row: list[tuple[str, Place]] = []
        c = first
        while c <= last:
            if (r, c) in across:
                c += 1
                continue
            row.append((texts.get((r, c), ""), Place(sheet_ref(title, r + 1, c + 1))))
            span = merged.get((r, c))
            c = span[3] if span else c + 1
        out.row(row)
