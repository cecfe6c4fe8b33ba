"""Saved web pages (.html, .htm, web archives .mht, and spreadsheets exported as HTML under .xls):
their tables and text, without the page around them.

Parsed with selectolax (the Lexbor engine: an HTML5 parser that builds the
tree a browser builds, however broken the markup, and never fetches or runs
anything).

* Tables become rows of cells: ``colspan`` is one cell, ``rowspan`` leaves an
  empty cell in the rows below, as Word writes merged cells.  A table inside a
  cell is unfolded into rows (layout tables around a form, an indicator table
  inside the "年度绩效指标" cell).
* Text outside tables becomes paragraphs (``<p>``, ``<div>``, headings, lines
  broken by ``<br>``).
* Page chrome is left out: scripts, styles, ``<nav>``/``<header>``/``<footer>``,
  blocks whose class or id says navigation, toolbar, share or copyright, the
  publishing-metadata table (索引号 / 发布机构 / 发布日期 …) and lines such as
  "扫一扫在手机打开当前页", "【打印】【关闭】", "【字体：大 中 小】", "当前位置：…".

Encoding: a byte-order mark, else the page's ``<meta charset>``, else UTF-8,
else GB18030.  Places: "表2 第7行「指标值」列", "正文第3段".
"""

from __future__ import annotations

import email
import email.policy
import re
from typing import Any

from perflint.domain.problems import InputError
from perflint.ingest.readers import ReadOptions
from perflint.ingest.render import Grid, Place, Rendering

_SKIP_TAGS = frozenset(
    [
        "script",
        "style",
        "noscript",
        "template",
        "iframe",
        "object",
        "embed",
        "svg",
        "canvas",
        "head",
        "title",
        "nav",
        "header",
        "footer",
        "aside",
        "button",
        "select",
        "option",
        "input",
        "textarea",
        "map",
        "area",
        "audio",
        "video",
        "source",
        "link",
        "meta",
    ]
)
_BLOCK_TAGS = frozenset(
    [
        "p",
        "div",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "li",
        "ul",
        "ol",
        "dl",
        "dt",
        "dd",
        "section",
        "article",
        "main",
        "blockquote",
        "pre",
        "address",
        "center",
        "form",
        "fieldset",
        "hr",
        "tr",
        "caption",
        "figure",
        "figcaption",
    ]
)
#: class or id words of page chrome (matched at word starts, so "article-header" is not "header")
_CHROME_ATTR = re.compile(
    r"(?:^|[\s_-])(?:nav|menu|topbar|top-bar|breadcrumb|crumb|position|location|share|bdshare|jiathis|toolbar|tools?"
    r"|print|copyright|footer|header|sidebar|qrcode|erweima|related|pager|pagination|search|login|skip)(?:$|[\s_\d-])",
    re.IGNORECASE,
)
_CHROME_LINE = re.compile(
    r"^(?:索引号|发布机构|发文机关|主题分类|发布日期|发布时间|生成日期|成文日期|信息来源|来源|浏览次数|访问量|点击数|阅读次数|文号|"
    r"当前位置|您当前的位置|您现在的位置|所在位置)\s*[:：]"
    r"|扫一扫|用手机扫|手机打开当前页|【?\s*打印(?:本页|此页)?\s*】?\s*【?\s*关闭(?:窗口|本页)?\s*】?|"
    r"【\s*字[体号]\s*[:：]|字体\s*[:：]?\s*[【\[]?\s*大\s*[中]?\s*小|分享到|上一篇|下一篇|版权所有|ICP\s*备|网站地图|"
    r"网站标识码|公网安备|技术支持|主办单位|承办单位|联系我们|加入收藏|设为首页|无障碍|关怀版|^首页(?:\s|$)",
    re.IGNORECASE,
)
_META_LABELS = re.compile(r"索引号|发布机构|发文机关|主题分类|发布日期|生成日期|成文日期|文\s*号|有效性|体裁分类")
_SPACE = re.compile(r"[ \t\n\r\f]+")
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_MAX_SPAN = 1000


def decode(data: bytes, options: ReadOptions) -> str:
    """The page's text: BOM, declared charset, UTF-8, else GB18030."""
    if options.encoding:
        return data.decode(options.encoding, "replace")
    for bom, codec in ((b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be")):
        if data.startswith(bom):
            return data[len(bom) :].decode(codec, "replace")
    m = _CHARSET.search(data[:4096])
    if m is not None:
        name = m.group(1).decode("ascii").lower()
        if name in ("gb2312", "gbk", "gb_2312-80", "x-gbk", "cp936"):
            name = "gb18030"
        try:
            return data.decode(name)
        except (LookupError, UnicodeDecodeError):
            pass
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("gb18030", "replace")


def _from_mht(data: bytes) -> bytes:
    """The HTML part of a web archive (MHTML)."""
    message = email.message_from_bytes(data, policy=email.policy.compat32)
    for part in message.walk():
        if part.get_content_type() == "text/html":
            payload = part.get_payload(decode=True)
            if isinstance(payload, bytes):
                charset = part.get_content_charset()
                if charset and b"charset" not in payload[:4096].lower():
                    payload = b'<meta charset="' + charset.encode("ascii", "ignore") + b'">' + payload
                return payload
    raise InputError("INP014", "missing-part", part="text/html", reason="the web archive holds no HTML page")


class _Page:
    def __init__(self) -> None:
        self.out = Rendering()
        self.tables = 0
        self.paragraphs = 0
        self.line: list[str] = []

    # -- text ---------------------------------------------------------------------
    def flush(self) -> None:
        text = _clean("".join(self.line))
        self.line = []
        for piece in text.split("\n"):
            piece = piece.strip()
            if piece and not _CHROME_LINE.search(piece):
                self.paragraphs += 1
                self.out.paragraph(piece, Place(f"正文第{self.paragraphs}段"))

    def walk(self, node: Any) -> None:
        child = node.first_child
        while child is not None:
            self.visit(child)
            child = child.next

    def visit(self, node: Any) -> None:
        tag = node.tag
        if tag == "-text":
            self.line.append(node.text_content or "")
            return
        if tag in _SKIP_TAGS or tag.startswith("-") or _chrome_block(node):
            return
        if tag == "br":
            self.line.append("\n")
            return
        if tag == "table":
            self.flush()
            if _metadata_table(node):
                return
            key = object()
            for cells, table in self.table(node):
                self.out.row(cells, table if table is not None else key)
            return
        block = tag in _BLOCK_TAGS
        if block:
            self.flush()
        self.walk(node)
        if block:
            self.flush()

    # -- tables -------------------------------------------------------------------
    def table(self, node: Any) -> list[tuple[list[tuple[str, Place]], object]]:
        self.tables += 1
        number = self.tables
        grid = Grid()
        contents: dict[tuple[int, int], Any] = {}
        taken: dict[int, set[int]] = {}
        rows = _rows(node)
        for r, tr in enumerate(rows):
            col = 0
            busy = taken.setdefault(r, set())
            for td in _cells(tr):
                while col in busy:
                    col += 1
                colspan = _span(td.attributes.get("colspan"))
                rowspan = _span(td.attributes.get("rowspan"))
                rowspan = min(rowspan, len(rows) - r)
                for k in range(r, r + rowspan):
                    spot = taken.setdefault(k, set())
                    for c in range(col, col + colspan):
                        spot.add(c)
                grid.add(r, col, "", rowspan, 1)
                contents[(r, col)] = td
                col += colspan
        out: list[tuple[list[tuple[str, Place]], object]] = []
        for r, cells in grid.rows():
            base = f"表{number} 第{r + 1}行"
            plain: list[tuple[str, Place] | list[tuple[list[tuple[str, Place]], object]]] = []
            for col, _text, continued in cells:
                place = Place(base, col + 1)
                td = None if continued else contents.get((r, col))
                if td is None:
                    plain.append(("", place))
                elif td.css_first("table") is not None:
                    plain.append(self._unfold(td, place))
                else:
                    plain.append((_cell_text(td), place))
            if all(isinstance(x, tuple) for x in plain):
                out.append(([x for x in plain if isinstance(x, tuple)], number))
                continue
            depth = max(len(x) if isinstance(x, list) else 1 for x in plain)
            for k in range(depth):
                row: list[tuple[str, Place]] = []
                key: object = number
                for cell in plain:
                    if isinstance(cell, tuple):
                        row.append(cell if k == 0 else ("", cell[1]))
                    elif k < len(cell):
                        row.extend(cell[k][0])
                        key = cell[k][1]
                out.append((row, key))
        return out

    def _unfold(self, td: Any, place: Place) -> list[tuple[list[tuple[str, Place]], object]]:
        """A cell holding tables: its text blocks and its tables' rows, in order."""
        out: list[tuple[list[tuple[str, Place]], object]] = []
        lines: list[str] = []

        def flush() -> None:
            text = _clean("".join(lines))
            lines.clear()
            for piece in text.split("\n"):
                piece = piece.strip()
                if piece and not _CHROME_LINE.search(piece):
                    out.append(([(piece, place)], None))

        def visit(node: Any) -> None:
            child = node.first_child
            while child is not None:
                tag = child.tag
                if tag == "-text":
                    lines.append(child.text_content or "")
                elif tag in _SKIP_TAGS or tag.startswith("-") or _chrome_block(child):
                    pass
                elif tag == "br":
                    lines.append("\n")
                elif tag == "table":
                    flush()
                    if not _metadata_table(child):
                        out.extend(self.table(child))
                else:
                    if tag in _BLOCK_TAGS:
                        lines.append("\n")
                    visit(child)
                    if tag in _BLOCK_TAGS:
                        lines.append("\n")
                child = child.next

        visit(td)
        flush()
        return out


def _span(value: str | None) -> int:
    try:
        n = int(str(value).strip()) if value is not None else 1
    except ValueError:
        return 1
    return max(1, min(n, _MAX_SPAN))


def _rows(table: Any) -> list[Any]:
    """The rows of ``table`` itself (in thead, tbody, tfoot or directly), not of tables inside it."""
    out = []
    child = table.first_child
    while child is not None:
        if child.tag == "tr":
            out.append(child)
        elif child.tag in ("thead", "tbody", "tfoot"):
            inner = child.first_child
            while inner is not None:
                if inner.tag == "tr":
                    out.append(inner)
                inner = inner.next
        child = child.next
    return out


def _cells(tr: Any) -> list[Any]:
    out = []
    child = tr.first_child
    while child is not None:
        if child.tag in ("td", "th"):
            out.append(child)
        child = child.next
    return out


def _cell_text(td: Any) -> str:
    parts: list[str] = []

    def visit(node: Any) -> None:
        child = node.first_child
        while child is not None:
            tag = child.tag
            if tag == "-text":
                parts.append(child.text_content or "")
            elif tag == "br":
                parts.append("\n")
            elif tag in _SKIP_TAGS or tag.startswith("-"):
                pass
            else:
                block = tag in _BLOCK_TAGS
                if block:
                    parts.append("\n")
                visit(child)
                if block:
                    parts.append("\n")
            child = child.next

    visit(td)
    return "\n".join(line.strip() for line in _clean("".join(parts)).split("\n") if line.strip())


def _clean(text: str) -> str:
    """HTML white space collapsed (runs of spaces, tabs and newlines → one space), <br> and blocks kept as newlines."""
    return "\n".join(_SPACE.sub(" ", piece) for piece in text.split("\n"))


def _chrome_block(node: Any) -> bool:
    attrs = node.attributes
    words = " ".join(str(attrs.get(k) or "") for k in ("class", "id", "role"))
    if not words.strip() or not _CHROME_ATTR.search(words):
        return False
    # a block that holds a table with a form in it is content, whatever it is called
    return node.css_first("table") is None or _metadata_table(node.css_first("table"))


def _metadata_table(table: Any) -> bool:
    """The publishing-metadata table of a government page (索引号, 发布机构, 发布日期 …)."""
    text = table.text(deep=True, separator=" ")
    if len(text) > 600:
        return False
    return len(set(_META_LABELS.findall(text))) >= 2


def render(data: bytes, options: ReadOptions, mht: bool = False) -> Rendering:
    # start-up: selectolax is imported when a web page is read
    from selectolax.lexbor import LexborHTMLParser

    if mht:
        data = _from_mht(data)
    page = LexborHTMLParser(decode(data, options))
    body = page.body
    if body is None:
        raise InputError("INP014", "corrupt", reason="the page has no body")
    reader = _Page()
    reader.walk(body)
    reader.flush()
    return reader.out
