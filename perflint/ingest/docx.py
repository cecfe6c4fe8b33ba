"""Word documents (.docx, .docm): the body's paragraphs and tables, as Word saves them as text.

The main part (``word/document.xml``) is parsed with lxml through
:func:`perflint.ingest.package.parse_xml` (no DTD, no entities, no network);
nothing else of the package is unpacked, and macros (``vbaProject.bin``) are
never even read.

* Paragraphs outside tables are lines; each table row is a row of cells.
* A cell spanning columns (``gridSpan``) is one cell; a cell merged
  vertically (``vMerge``) is written in its first row and left empty in the
  rows below, exactly as Word's "save as text" does, so the builder carries
  merged level cells down the same way.
* A table nested in a cell is unfolded: its rows become rows, the outer
  row's other cells standing in its first row (and empty below), so an
  indicator table Word users put inside the "年度绩效指标" cell reads like
  one drawn in place.
* Check boxes: symbol characters (``w:sym`` in Wingdings, Wingdings 2 or
  Symbol) become the Unicode boxes and ticks they show; a check-box content
  control or legacy check-box field is written ☑ when checked and ☐ when not.
* Deleted text of tracked changes, field instructions, drawings and text boxes
  are left out; inserted text is read.

Places: "表2 第7行「指标值」列" for a cell (tables numbered in document
order, nested ones included; rows counted in their table; the column named by
the table's heading row when there is one), "正文第3段" for a paragraph.
"""

from __future__ import annotations

from typing import Any

from perflint.domain.problems import InputError
from perflint.ingest.package import Package, parse_xml
from perflint.ingest.render import Place, Rendering

_NS = (
    "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "http://purl.oclc.org/ooxml/wordprocessingml/main",  # ISO 29500 strict
)
_W14 = "http://schemas.microsoft.com/office/word/2010/wordml"

#: symbol fonts' characters that forms use as boxes and ticks
_SYMBOLS = {
    "wingdings": {0xA8: "□", 0x6F: "□", 0x71: "□", 0xFE: "☑", 0xFD: "☒", 0x78: "☒", 0xFC: "√", 0xFB: "×", 0x9F: "•"},
    "wingdings 2": {0xA3: "□", 0x2A: "□", 0x52: "☑", 0x53: "☒", 0x54: "☒", 0x50: "√", 0x4F: "×", 0x51: "×"},
    "symbol": {0xD6: "√", 0xB4: "×", 0xB7: "•", 0xA3: "≤", 0xB3: "≥", 0xB1: "±"},
}


class _Tags:
    """Qualified tag names for one WordprocessingML namespace."""

    def __init__(self, ns: str) -> None:
        w = "{" + ns + "}"
        self.body = w + "body"
        self.p = w + "p"
        self.r = w + "r"
        self.t = w + "t"
        self.tab = w + "tab"
        self.br = w + "br"
        self.cr = w + "cr"
        self.sym = w + "sym"
        self.tbl = w + "tbl"
        self.tr = w + "tr"
        self.tc = w + "tc"
        self.tcPr = w + "tcPr"
        self.gridSpan = w + "gridSpan"
        self.vMerge = w + "vMerge"
        self.trPr = w + "trPr"
        self.gridBefore = w + "gridBefore"
        self.hyperlink = w + "hyperlink"
        self.smartTag = w + "smartTag"
        self.ins = w + "ins"
        self.moveFrom = w + "moveFrom"
        self.moveTo = w + "moveTo"
        self.sdt = w + "sdt"
        self.sdtContent = w + "sdtContent"
        self.sdtPr = w + "sdtPr"
        self.customXml = w + "customXml"
        self.fldSimple = w + "fldSimple"
        self.fldChar = w + "fldChar"
        self.ffData = w + "ffData"
        self.checkBox = w + "checkBox"
        self.checked = w + "checked"
        self.default = w + "default"
        self.noBreakHyphen = w + "noBreakHyphen"
        self.bdo = w + "bdo"
        self.dir = w + "dir"
        self.val = w + "val"
        self.font = w + "font"
        self.char = w + "char"
        self.type = w + "type"
        self.inline = {self.hyperlink, self.smartTag, self.ins, self.moveTo, self.customXml, self.fldSimple}
        self.inline |= {self.bdo, self.dir}


class _Reader:
    def __init__(self, root: Any, tags: _Tags) -> None:
        self.root = root
        self.t = tags
        self.out = Rendering()
        self.tables = 0
        self.paragraphs = 0

    # -- text of a paragraph ------------------------------------------------------
    def para_text(self, p: Any) -> str:
        parts: list[str] = []
        self._inline(p, parts)
        return "".join(parts)

    def _inline(self, node: Any, parts: list[str]) -> None:
        t = self.t
        for child in node:
            tag = child.tag
            if tag == t.r:
                self._run(child, parts)
            elif tag == t.sdt:
                self._sdt_inline(child, parts)
            elif tag in t.inline:
                self._inline(child, parts)
            # anything else (deleted text, bookmarks, proofing marks, drawings) holds no text read

    def _sdt_inline(self, sdt: Any, parts: list[str]) -> None:
        t = self.t
        props = sdt.find(t.sdtPr)
        box = props.find(f"{{{_W14}}}checkbox") if props is not None else None
        content = sdt.find(t.sdtContent)
        if box is not None:
            checked = box.find(f"{{{_W14}}}checked")
            on = checked is not None and checked.get(f"{{{_W14}}}val", "1") in ("1", "true", "on")
            parts.append("☑" if on else "☐")
            return
        if content is not None:
            self._inline(content, parts)

    def _run(self, run: Any, parts: list[str]) -> None:
        t = self.t
        for child in run:
            tag = child.tag
            if tag == t.t:
                if child.text:
                    parts.append(child.text)
            elif tag == t.tab:
                parts.append("    ")
            elif tag == t.br or tag == t.cr:
                if child.get(t.type) not in ("page", "column"):
                    parts.append("\n")
            elif tag == t.sym:
                parts.append(_symbol(child.get(t.font, ""), child.get(t.char, "")))
            elif tag == t.fldChar:
                box = child.find(f"{t.ffData}/{t.checkBox}")
                if box is not None:
                    state = box.find(t.checked)
                    if state is None:
                        state = box.find(t.default)
                    on = state is not None and state.get(t.val, "1") in ("1", "true", "on")
                    parts.append("☑" if on else "☐")
            elif tag == t.noBreakHyphen:
                parts.append("-")

    # -- blocks -------------------------------------------------------------------
    def blocks(self, container: Any) -> list[Any]:
        """The paragraphs and tables of a body, cell or block content control, in order."""
        t = self.t
        out = []
        for child in container:
            tag = child.tag
            if tag == t.p or tag == t.tbl:
                out.append(child)
            elif tag == t.sdt:
                content = child.find(t.sdtContent)
                if content is not None:
                    out.extend(self.blocks(content))
            elif tag == t.customXml or tag == t.ins or tag == t.moveTo:
                out.extend(self.blocks(child))
        return out

    def body(self) -> Rendering:
        body = self.root.find(self.t.body)
        if body is None:
            raise InputError("INP014", "missing-part", part="w:body", reason="the document has no body")
        for block in self.blocks(body):
            if block.tag == self.t.p:
                text = self.para_text(block)
                if text.strip():
                    self.paragraphs += 1
                    self.out.paragraph(text, Place(f"正文第{self.paragraphs}段"))
            else:
                for cells, key in self.table(block):
                    self.out.row(cells, key)
        return self.out

    def table(self, tbl: Any) -> list[tuple[list[tuple[str, Place]], object]]:
        """The rows of ``tbl`` (nested tables unfolded), each with the key of the table it belongs to."""
        t = self.t
        self.tables += 1
        number = self.tables
        rows: list[tuple[list[tuple[str, Place]], object]] = []
        for index, tr in enumerate(self._rows(tbl), 1):
            column = 0
            props = tr.find(t.trPr)
            if props is not None:
                before = props.find(t.gridBefore)
                if before is not None:
                    column = _int(before.get(t.val), 0)
            base = f"表{number} 第{index}行"
            # each cell: a plain (text, place), or the rows unfolded from a nested table
            cells: list[tuple[str, Place] | list[tuple[list[tuple[str, Place]], object]]] = []
            for tc in self._cells(tr):
                span, merged = 1, None
                tcpr = tc.find(t.tcPr)
                if tcpr is not None:
                    gs = tcpr.find(t.gridSpan)
                    if gs is not None:
                        span = max(1, _int(gs.get(t.val), 1))
                    vm = tcpr.find(t.vMerge)
                    if vm is not None:
                        merged = vm.get(t.val) or "continue"
                place = Place(base, column + 1)
                column += span
                if merged == "continue":
                    cells.append(("", place))
                    continue
                blocks = self.blocks(tc)
                if any(b.tag == t.tbl for b in blocks):
                    cells.append(self._unfold(blocks, place))
                    continue
                texts = [self.para_text(b) for b in blocks]
                cells.append(("\n".join(x for x in texts if x.strip()), place))
            if all(isinstance(c, tuple) for c in cells):
                rows.append(([c for c in cells if isinstance(c, tuple)], number))
                continue
            depth = max(len(c) if isinstance(c, list) else 1 for c in cells)
            for k in range(depth):
                row: list[tuple[str, Place]] = []
                key: object = number
                for c in cells:
                    if isinstance(c, tuple):
                        row.append(c if k == 0 else ("", c[1]))
                    elif k < len(c):
                        row.extend(c[k][0])
                        key = c[k][1]
                rows.append((row, key))
        return rows

    def _unfold(self, blocks: list[Any], place: Place) -> list[tuple[list[tuple[str, Place]], object]]:
        out: list[tuple[list[tuple[str, Place]], object]] = []
        texts: list[str] = []
        for b in blocks:
            if b.tag == self.t.p:
                text = self.para_text(b)
                if text.strip():
                    texts.append(text)
                continue
            if texts:
                out.append(([("\n".join(texts), place)], None))
                texts = []
            out.extend(self.table(b))
        if texts:
            out.append(([("\n".join(texts), place)], None))
        return out

    def _rows(self, tbl: Any) -> list[Any]:
        t = self.t
        out = []
        for child in tbl:
            if child.tag == t.tr:
                out.append(child)
            elif child.tag in (t.sdt, t.customXml):
                inner = child.find(t.sdtContent) if child.tag == t.sdt else child
                if inner is not None:
                    out.extend(c for c in inner if c.tag == t.tr)
        return out

    def _cells(self, tr: Any) -> list[Any]:
        t = self.t
        out = []
        for child in tr:
            if child.tag == t.tc:
                out.append(child)
            elif child.tag in (t.sdt, t.customXml):
                inner = child.find(t.sdtContent) if child.tag == t.sdt else child
                if inner is not None:
                    out.extend(c for c in inner if c.tag == t.tc)
        return out


def _int(value: str | None, default: int) -> int:
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default


def _symbol(font: str, char: str) -> str:
    try:
        code = int(char, 16)
    except ValueError:
        return ""
    if 0xF000 <= code <= 0xF0FF:
        code -= 0xF000
    table = _SYMBOLS.get(font.strip().lower())
    if table is not None:
        return table.get(code, "")
    return chr(code) if 0x20 <= code < 0xD800 else ""


def render(package: Package) -> Rendering:
    """The canonical text and rows of a Word package (its main part already known to be WordprocessingML)."""
    part = package.main or "word/document.xml"
    root = parse_xml(package.read(part), part)
    ns = next((n for n in _NS if root.tag == f"{{{n}}}document"), None)
    if ns is None:
        raise InputError("INP014", "bad-xml", part=part, reason=f"unexpected root element {root.tag}")
    return _Reader(root, _Tags(ns)).body()
