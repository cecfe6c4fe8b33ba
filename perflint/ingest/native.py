"""Readers of the files reviewers receive: Word, Excel, web pages, PDF, CSV, and legacy Office files.

Each reader claims its file-name endings (see :data:`FORMATS`), but what the
bytes are decides how they are read (:func:`perflint.ingest.package.sniff`):
a spreadsheet a budget system exported as a web page and named ``.xls`` is
read as the web page it is; an ``.xlsx`` saved under ``.xls`` as the workbook
it is.  A file whose content belongs to another kind of document than its
name says (a Word document named ``.xlsx``, a PDF named ``.docx``) is
reported (``INP017``) and not read.

Every format is rendered (:class:`perflint.ingest.render.Rendering`) as a
canonical text with rows of cells and fed to the same builder as a text
export; :func:`perflint.ingest.render.locations` then records where each value
is in the original.  The document libraries are imported only when a file of
their kind is read.
"""

from __future__ import annotations

import os
from collections.abc import Callable

from perflint.domain.model import Declaration
from perflint.domain.problems import InputError, InputProblem
from perflint.ingest.build import Builder
from perflint.ingest.package import OLE2, ole2_encrypted, open_package, sniff
from perflint.ingest.readers import FileResult, Reader, ReadOptions
from perflint.ingest.render import Rendering, locations

#: reads what a reader rendered: the text reader's own ending (see ``files.read_rendered``)
Finish = Callable[[FileResult, str, Callable[[], list[Declaration]]], FileResult]

#: (reader name, file-name endings, kind of document, description zh/en)
FORMATS: tuple[tuple[str, tuple[str, ...], str, dict[str, str]], ...] = (
    (
        "docx",
        (".docx", ".docm"),
        "word",
        {
            "zh": "Word 文档（表格、合并单元格、嵌套表格、勾选框）",
            "en": "Word documents (tables, merged cells, nested tables, check boxes)",
        },
    ),
    (
        "xlsx",
        (".xlsx", ".xlsm"),
        "sheet",
        {
            "zh": "Excel 工作簿（每个工作表、合并单元格、按显示格式的数字）",
            "en": "Excel workbooks (every sheet, merged cells, numbers as displayed)",
        },
    ),
    ("xls", (".xls",), "sheet", {"zh": "Excel 97–2003 工作簿", "en": "Excel 97–2003 workbooks"}),
    (
        "html",
        (".html", ".htm", ".shtml", ".xhtml", ".mht", ".mhtml"),
        "web",
        {
            "zh": "保存的网页（表格；网页导航、索引号等页面元素不计入表格）",
            "en": "saved web pages (their tables; page chrome left out)",
        },
    ),
    (
        "pdf",
        (".pdf",),
        "pdf",
        {"zh": "带文字层的 PDF（需安装 perflint-cn[pdf]）", "en": "PDF with a text layer (needs perflint-cn[pdf])"},
    ),
    ("csv", (".csv", ".tsv"), "table", {"zh": "CSV / TSV 表格", "en": "CSV / TSV tables"}),
    (
        "legacy",
        (".doc", ".wps", ".et", ".rtf"),
        "legacy",
        {
            "zh": "旧版 Word/WPS 文档和 WPS 表格（经 LibreOffice 转换）",
            "en": "legacy Word/WPS documents and WPS sheets (converted by LibreOffice)",
        },
    ),
)

#: what a kind of content is called in messages, and the name it should have
_CONTENT = {
    "docx": ("Word 文档", "Word document", ".docx"),
    "xlsx": ("Excel 工作簿", "Excel workbook", ".xlsx"),
    "pptx": ("PowerPoint 演示文稿", "PowerPoint presentation", ".pptx"),
    "odf": ("OpenDocument 文档", "OpenDocument file", ".odt / .ods"),
    "zip": ("ZIP 压缩包", "ZIP archive", ".zip"),
    "pdf": ("PDF 文件", "PDF file", ".pdf"),
    "html": ("网页", "web page", ".html"),
    "text": ("纯文本", "plain text", ".txt"),
    "ole2-word": ("旧版 Word 文档", "legacy Word document", ".doc"),
    "ole2-sheet": ("旧版 Excel 工作簿", "legacy Excel workbook", ".xls"),
    "ole2": ("旧版 Office 文件", "legacy Office file", ".doc / .xls"),
    "rtf": ("RTF 文档", "RTF document", ".rtf"),
    "xml": ("XML 文件", "XML file", ".xml"),
}


def native_readers(finish: Finish) -> list[Reader]:
    """The readers of :data:`FORMATS`; ``finish`` turns a rendering into declarations and problems."""

    def make(name: str, suffixes: tuple[str, ...], family: str, description: dict[str, str]) -> Reader:
        def read(data: bytes, path: str, options: ReadOptions) -> FileResult:
            return read_native(family, data, path, options, finish)

        return Reader(name, suffixes, read, description)

    return [make(*spec) for spec in FORMATS]


def read_native(family: str, data: bytes, path: str, options: ReadOptions, finish: Finish) -> FileResult:
    """Read a native document of the kind ``family`` its name promises; never raises for bad input."""
    result = FileResult(path)
    if not data.strip():
        variant = "empty" if not data else "blank"
        result.problems.append(InputProblem("INP003", path, {"reason": variant}, variant=variant))
        return result
    try:
        rendering, fmt = render(family, data, path, options)
    except InputError as exc:
        result.problems.append(exc.problem(path))
        return result
    except RecursionError:
        result.problems.append(InputProblem("INP015", path, {"reason": "nested too deeply"}, variant="too-deep"))
        return result
    except MemoryError:
        result.problems.append(InputProblem("INP015", path, {"reason": "too large to read"}, variant="unpacked-size"))
        return result
    except Exception as exc:  # a document library failing on a malformed file
        reason = f"{type(exc).__name__}: {exc}"[:300]
        result.problems.append(InputProblem("INP014", path, {"reason": reason}, variant="reader-failed"))
        return result
    text = rendering.text
    result.text = text

    def build() -> list[Declaration]:
        decls = Builder(text, path, None, "tabbed").build(rendering.rows)
        for decl in decls:
            decl.source.layout = fmt
        return decls

    finish(result, text, build)
    locations(result.declarations, rendering)
    return result


def _suffix(path: str) -> str:
    return os.path.splitext(path)[1].lower() or "（无扩展名）"


def _mismatch(path: str, content: str) -> InputError:
    zh, en, right = _CONTENT.get(content, _CONTENT["zip"])
    return InputError("INP017", content, suffix=_suffix(path), actual=zh, actual_en=en, right=right, reason=en)


def _ole2_kind(data: bytes) -> str:
    """``ole2-word`` or ``ole2-sheet`` by the streams an OLE2 file holds."""
    if "WordDocument".encode("utf-16-le") in data:
        return "ole2-word"
    if "Workbook".encode("utf-16-le") in data or "Book".encode("utf-16-le") in data:
        return "ole2-sheet"
    return "ole2"


#: which contents each family reads without complaint
_ACCEPTS = {
    "word": {"docx", "html", "ole2-word", "rtf", "odf"},
    "sheet": {"xlsx", "html", "ole2-sheet", "xml", "odf"},
    "web": {"html"},
    "pdf": {"pdf"},
    "table": {"text"},
    "legacy": {"docx", "xlsx", "html", "ole2-word", "ole2-sheet", "ole2", "rtf", "odf", "xml"},
}


def render(family: str, data: bytes, path: str, options: ReadOptions) -> tuple[Rendering, str]:
    """The rendering of ``data`` and the format read; :class:`InputError` for what cannot be read."""
    kind = sniff(data)
    if kind == "ole2" and ole2_encrypted(data):
        raise InputError("INP016", "office", reason="password-protected Office document")
    content = kind
    package = None
    if kind == "zip":
        package = open_package(data)
        content = package.kind
    elif kind == "ole2":
        content = _ole2_kind(data)
    elif kind in ("mht", "utf16"):
        content = "html" if kind == "mht" or _utf16_markup(data) else "text"
    if content not in _ACCEPTS[family]:
        if family == "legacy" and content == "text":
            content = "text"
        raise _mismatch(path, content)
    if content == "docx":
        assert package is not None
        # start-up: the Word reader (lxml) loads when a Word document is read
        from perflint.ingest import docx

        return docx.render(package), "docx"
    if content == "xlsx":
        assert package is not None
        # start-up: the Excel reader (openpyxl) loads when a workbook is read
        from perflint.ingest import xlsx

        return xlsx.render(package, data), "xlsx"
    if content == "html":
        # start-up: the web-page reader (selectolax) loads when a web page is read
        from perflint.ingest import html

        return html.render(data, options, mht=kind == "mht"), "html"
    if content == "pdf":
        # start-up: the PDF reader (pdfplumber, an extra) loads when a PDF is read
        from perflint.ingest import pdf

        return pdf.render(data), "pdf"
    if content == "text":
        # start-up: the CSV reader loads when a CSV file is read
        from perflint.ingest import delimited

        return delimited.render(data, path, options), "csv"
    if content == "ole2-sheet" and family == "sheet" and data.startswith(OLE2):
        # start-up: the Excel 97 reader (xlrd) loads when an .xls workbook is read
        from perflint.ingest import xls

        return xls.render(data), "xls"
    # .doc, .wps, .et, .rtf, OpenDocument, SpreadsheetML: through LibreOffice
    # start-up: the converter loads when a legacy document is read
    from perflint.ingest import convert

    return convert.render(data, path, content, options, render)


def _utf16_markup(data: bytes) -> bool:
    head = data[:2048].decode("utf-16", "ignore").lower()
    return "<html" in head or "<table" in head
