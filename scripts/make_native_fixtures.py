"""Write the native-format fixtures in tests/data/native/ (.docx, .xlsx, .html, .pdf, .csv).

    python scripts/make_native_fixtures.py            # needs python-docx and openpyxl ('.[dev]')
    python scripts/make_native_fixtures.py --check    # fail if a committed fixture would change

The seed (tests/data/seed/wangcheng-2019.txt: two 专项资金 forms and one 部门整体支出
form, saved from Word as text) is turned back into the Word tables it was saved
from: its rows of cells on a six-column grid, a cell spanning columns where its
row has fewer cells (``gridSpan``), and the blank label and level cells under
a label merged downwards (``vMerge``) — as Word writes them when it saves a
table as text, so the text export and the document hold the same cells.  The
same tables become a workbook (one sheet per form, merged ranges), a saved web
page (``rowspan``/``colspan``, wrapped in a government site's page chrome) and,
when LibreOffice is installed, a PDF printed from the Word document.

A few invented forms in other templates are written out from their table
structure as well: a 项目支出 form of the 财预〔2015〕88号 family with its
indicator table nested in a cell and ticked boxes as Wingdings symbols and a
check-box content control, a 2021 form with 成本指标 as its own 一级 category
as a workbook with formulas (their cached values) and number formats, and an
.xls and .csv of small forms.

Outputs are deterministic (fixed timestamps in the packages), so the script
regenerates byte-identical files.
"""

from __future__ import annotations

import argparse
import csv
import io
import os
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "tests" / "data" / "seed" / "wangcheng-2019.txt"
OUT = ROOT / "tests" / "data" / "native"
GRID = 6


# -- the model: paragraphs and tables of cells ----------------------------------------
@dataclass
class C:
    text: str = ""
    span: int = 1
    #: "restart" starts a cell merged downwards, "continue" is covered by the one above
    vmerge: str | None = None
    nested: Table | None = None


@dataclass
class Table:
    rows: list[list[C]] = field(default_factory=list)
    grid: int = GRID


@dataclass
class Para:
    text: str
    align: str = "left"
    bold: bool = False
    size: int | None = None


Doc = list  # of Para | Table

_SPANS = {1: [6], 2: [1, 5], 3: [1, 1, 4], 4: [1, 2, 1, 2], 5: [1, 1, 1, 1, 2], 6: [1] * 6}


def seed_document() -> Doc:
    """The seed's paragraphs and tables, from its text export.

    Word saves a table as text with each cell on a line starting with a tab
    (a line holding only the tab is an empty cell: a merged cell's lower part),
    a cell's further paragraphs on lines of their own, and a blank line after
    each row; lines outside tables have no tab.
    """
    sys.path.insert(0, str(ROOT))
    from perflint.domain.vocab import vocabulary
    from perflint.ingest.layouts import is_free_line

    vocab = vocabulary()
    doc: Doc = []
    table: Table | None = None
    row: list[C] | None = None
    for line in SEED.read_text("utf-8").split("\n"):
        if line.startswith("\t"):
            if table is None:
                table = Table()
                doc.append(table)
            if row is None:
                row = []
                table.rows.append(row)
            row.append(C(line[1:]))
            continue
        if not line.strip(" \t"):
            row = None
            continue
        if row is not None and not is_free_line(line, vocab):
            row[-1].text += "\n" + line
            continue
        if table is not None and table.rows and not is_free_line(line, vocab):
            table.rows[-1][-1].text += "\n" + line  # a cell's paragraph after a blank one
            continue
        table = row = None
        title = "申报表" in line
        doc.append(Para(line.strip() if title else line, "center" if title or "年度" in line else "left", title))
    for block in doc:
        if isinstance(block, Table):
            for cells in block.rows:
                for cell, span in zip(cells, _SPANS[len(cells)]):
                    cell.span = span
            _merge_down(block)
    return doc


def _starts(row: list[C]) -> dict[int, C]:
    out, col = {}, 0
    for cell in row:
        out[col] = cell
        col += cell.span
    return out


def _merge_down(table: Table) -> None:
    """A blank cell in the label or level columns under a cell of the same width merges into it."""
    for above, below in zip(table.rows, table.rows[1:]):
        top = _starts(above)
        for col, cell in _starts(below).items():
            if col > 1 or cell.text.strip():
                continue
            up = top.get(col)
            if up is None or up.span != cell.span:
                continue
            cell.vmerge = "continue"
            cell.text = ""
            if up.vmerge is None:
                up.vmerge = "restart"


# -- invented forms in other templates --------------------------------------------------
def project_2015() -> Doc:
    """A 项目支出 form (财预〔2015〕88号 family): nested indicator table, ticked boxes."""
    ind = Table(grid=4)
    ind.rows.append([C("一级指标"), C("二级指标"), C("三级指标"), C("指标值")])
    data = [
        ("产出指标", "数量指标", "改造农村公路里程", "≥12公里"),
        ("", "", "新建错车道", "≥30处"),
        ("", "质量指标", "工程验收合格率", "100%"),
        ("", "时效指标", "完工时间", "2024年10月底前"),
        ("", "成本指标", "每公里改造成本", "≤45万元"),
        ("效益指标", "社会效益指标", "沿线群众出行时间", "平均缩短10分钟以上"),
        ("", "可持续影响指标", "道路设计使用年限", "≥15年"),
        ("满意度指标", "服务对象满意度指标", "沿线群众满意度", "≥90%"),
    ]
    for row in data:
        ind.rows.append([C(x) for x in row])
    for col in (0, 1):
        for above, below in zip(ind.rows[1:], ind.rows[2:]):
            if not below[col].text:
                below[col].vmerge = "continue"
                if above[col].vmerge is None:
                    above[col].vmerge = "restart"
    t = Table(grid=6)
    t.rows = [
        [C("项目名称"), C("石门乡农村公路提质改造", 5)],
        [C("主管部门"), C("青溪区交通运输局", 2), C("实施单位"), C("青溪区农村公路建设中心", 2)],
        [C("项目属性"), C("☑新增　□延续", 2), C("项目期"), C("1年", 2)],
        [C("项目资金\n（万元）", vmerge="restart"), C("年度资金总额：", 2), C("540", 3)],
        [C(vmerge="continue"), C("其中：财政拨款", 2), C("500", 3)],
        [C(vmerge="continue"), C("其他资金", 2), C("40", 3)],
        [
            C("总体目标"),
            C(
                "年度目标：完成石门乡12公里农村公路提质改造，新建错车道30处，10月底前完工并通过验收，改善沿线群众出行条件。",
                5,
            ),
        ],
        [C("绩效指标"), C("", 5, nested=ind)],
    ]
    return [
        Para("项目支出绩效目标申报表", "center", True, 16),
        Para("（2024年度）", "center"),
        Para("填报单位（盖章）：青溪区交通运输局"),
        t,
        Para("填报人：李明　　联系电话：0731-8100 0002　　填报日期：2023年12月5日"),
    ]


def project_2021_rows() -> tuple[list[list[C]], dict[str, str]]:
    """A 2021 form (成本指标 as its own 一级 category) for a workbook; formulas with cached values."""
    rows = [
        [C("项目支出绩效目标表", 6)],
        [C("（2022年度）", 6)],
        [C("项目名称"), C("城区公厕智能化改造", 5)],
        [C("主管部门"), C("青溪区城市管理局", 2), C("实施单位"), C("青溪区环境卫生服务中心", 2)],
        [C("项目资金（万元）", vmerge="restart"), C("年度资金总额", 2), C("", 3)],
        [C(vmerge="continue"), C("其中：财政拨款", 2), C("", 3)],
        [C(vmerge="continue"), C("其他资金", 2), C("", 3)],
        [C("年度目标"), C("完成城区26座公厕智能化改造，实现厕位引导、异味监测和能耗统计，改善如厕环境。", 5)],
        [C("一级指标"), C("二级指标"), C("三级指标", 2), C("指标值"), C("备注")],
        [C("产出指标", vmerge="restart"), C("数量指标"), C("改造公厕数量", 2), C("26座"), C("")],
        [C(vmerge="continue"), C("质量指标"), C("设备验收合格率", 2), C(""), C("")],
        [C(vmerge="continue"), C("时效指标"), C("完工时间", 2), C("2022年9月30日前"), C("")],
        [C("成本指标", vmerge="restart"), C("经济成本指标"), C("单座改造成本", 2), C("≤6.5万元"), C("")],
        [C(vmerge="continue"), C("社会成本指标"), C("施工期间临时关闭天数", 2), C("≤15天"), C("")],
        [C("效益指标"), C("社会效益指标"), C("如厕环境", 2), C("明显改善"), C("")],
        [C("满意度指标"), C("服务对象满意度指标"), C("市民满意度", 2), C("≥90%"), C("")],
        [C("填报人：王芳　联系电话：0731-8100 0003　填报日期：2021年11月20日", 6)],
    ]
    # cells whose value a formula computes (cached value, number format)
    formulas = {"D5": "=D6+D7", "E11": "=25/26"}
    return rows, formulas


# -- writers ----------------------------------------------------------------------------
def write_docx(doc: Doc, path: Path, checkbox_symbols: bool = False) -> None:
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn
    from docx.shared import Pt

    document = docx.Document()
    styles = document.styles["Normal"]
    styles.font.name = "宋体"
    styles.element.rPr.rFonts.set(qn("w:eastAsia"), "宋体")
    body = document

    def fill(paragraph, text: str) -> None:
        if not checkbox_symbols:
            paragraph.add_run(text)
            return
        for piece in re.split(r"([☑□])", text):
            if piece in ("☑", "□"):
                run = paragraph.add_run()
                sym = run._r.makeelement(
                    qn("w:sym"), {qn("w:font"): "Wingdings 2", qn("w:char"): "F052" if piece == "☑" else "F0A3"}
                )
                run._r.append(sym)
            elif piece:
                paragraph.add_run(piece)

    def cell_text(cell, text: str) -> None:
        lines = text.split("\n")
        fill(cell.paragraphs[0], lines[0])
        for line in lines[1:]:
            fill(cell.add_paragraph(), line)

    def table(container, spec: Table):
        tbl = container.add_table(rows=len(spec.rows), cols=spec.grid)
        tbl.style = "Table Grid"
        starts: dict[tuple[int, int], C] = {}
        for r, row in enumerate(spec.rows):
            col = 0
            for cell in row:
                starts[(r, col)] = cell
                col += cell.span
        # merge across, then down (the whole run of a restart cell and its continuations)
        for (r, col), cell in sorted(starts.items()):
            if cell.vmerge == "continue":
                continue
            bottom = r
            while starts.get((bottom + 1, col)) is not None and starts[(bottom + 1, col)].vmerge == "continue":
                bottom += 1
            a = tbl.cell(r, col)
            if cell.span > 1 or bottom > r:
                a = a.merge(tbl.cell(bottom, col + cell.span - 1))
            if cell.nested is not None:
                table(a, cell.nested)
            elif cell.text:
                cell_text(a, cell.text)
        return tbl

    for block in doc:
        if isinstance(block, Para):
            p = body.add_paragraph()
            fill(p, block.text)
            if block.align == "center":
                p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            for run in p.runs:
                run.bold = block.bold or None
                if block.size:
                    run.font.size = Pt(block.size)
        else:
            table(body, block)
    document.core_properties.author = "perflint fixtures"
    buf = io.BytesIO()
    document.save(buf)
    path.write_bytes(_stable_zip(buf.getvalue()))


def _stable_zip(data: bytes, patch: dict[str, bytes] | None = None) -> bytes:
    """The package again with fixed timestamps and metadata (so it regenerates byte for byte)."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            body = (patch or {}).get(info.filename, src.read(info.filename))
            if info.filename == "docProps/core.xml":
                body = re.sub(rb"<dcterms:(created|modified)[^>]*>[^<]*</dcterms:\1>", b"", body)
            fixed = zipfile.ZipInfo(info.filename, (2024, 1, 1, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            dst.writestr(fixed, body)
    return out.getvalue()


def _sheet_rows(doc: Doc) -> list[list[list[C]]]:
    """The document as sheets (a new sheet at each form title): rows of cells."""
    sheets: list[list[list[C]]] = [[]]
    for block in doc:
        if isinstance(block, Para):
            if "申报表" in block.text and sheets[-1]:
                sheets.append([])
            sheets[-1].append([C(block.text.strip(), GRID)])
        else:
            sheets[-1].extend(block.rows)
    return sheets


def write_xlsx(
    sheets: list[tuple[str, list[list[C]]]],
    path: Path,
    formulas: dict[str, str] | None = None,
    values: dict[str, object] | None = None,
    formats: dict[str, str] | None = None,
) -> None:
    import openpyxl
    from openpyxl.styles import Alignment, Border, Side

    thin = Side(style="thin")
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for title, rows in sheets:
        ws = wb.create_sheet(title)
        for col in "ABCDEF":
            ws.column_dimensions[col].width = 18
        for r, row in enumerate(rows, 1):
            col = 1
            for cell in row:
                if cell.vmerge != "continue":
                    bottom = r
                    while bottom < len(rows) and _covered(rows[bottom], col):
                        bottom += 1
                    target = ws.cell(r, col)
                    text = cell.text.strip()
                    target.value = _typed(text)
                    target.alignment = Alignment(wrap_text=True, vertical="center")
                    if len(row) > 1:
                        target.border = Border(thin, thin, thin, thin)
                    if cell.span > 1 or bottom > r:
                        ws.merge_cells(start_row=r, start_column=col, end_row=bottom, end_column=col + cell.span - 1)
                col += cell.span
        for ref, formula in (formulas or {}).items():
            ws[ref].value = formula
        for ref, value in (values or {}).items():
            if ref in (formulas or {}):
                continue
            ws[ref].value = value
        for ref, fmt in (formats or {}).items():
            ws[ref].number_format = fmt
    buf = io.BytesIO()
    wb.save(buf)
    data = buf.getvalue()
    patch = {}
    if formulas:
        # openpyxl writes formulas without a cached value: add the value Excel would have stored
        zf = zipfile.ZipFile(io.BytesIO(data))
        for name in zf.namelist():
            if name.startswith("xl/worksheets/sheet"):
                xml = zf.read(name)
                for ref, value in (values or {}).items():
                    if ref in formulas:
                        xml = re.sub(
                            rb'(<c r="' + ref.encode() + rb'"[^>]*>)<f>([^<]*)</f><v\s*/?>(?:</v>)?',
                            lambda m, v=value: (
                                m.group(1) + b"<f>" + m.group(2) + b"</f><v>" + str(v).encode() + b"</v>"
                            ),
                            xml,
                        )
                patch[name] = xml
    path.write_bytes(_stable_zip(data, patch))


def _covered(row: list[C], col: int) -> bool:
    pos = 1
    for cell in row:
        if pos == col:
            return cell.vmerge == "continue"
        pos += cell.span
    return False


def _typed(text: str) -> object:
    """A number cell where the text is a plain number (as a budget system's export has it)."""
    if re.fullmatch(r"\d+(?:\.\d+)?", text):
        return float(text) if "." in text else int(text)
    return text


CHROME_TOP = """<div class="header"><div class="logo">青溪区人民政府门户网站</div>
<ul class="nav"><li><a href="/">首页</a></li><li><a href="/zwgk/">政务公开</a></li><li><a href="/bsfw/">办事服务</a></li><li><a href="/hdjl/">互动交流</a></li></ul></div>
<div class="position">当前位置：首页 &gt; 政务公开 &gt; 财政预决算</div>
<table class="meta"><tr><td>索引号：</td><td>430112/2019-00123</td><td>发布机构：</td><td>望城区政务服务中心</td></tr>
<tr><td>主题分类：</td><td>财政预决算</td><td>发布日期：</td><td>2019-01-21</td></tr></table>
<div class="tools">【字体：<a>大</a> <a>中</a> <a>小</a>】 <a>扫一扫在手机打开当前页</a></div>
"""
CHROME_BOTTOM = """<div class="tools"><a href="javascript:window.print()">【打印】</a> <a href="javascript:window.close()">【关闭】</a></div>
<div class="footer">版权所有：青溪区人民政府 主办：青溪区人民政府办公室 湘ICP备12345678号</div>
<script>var _hmt = _hmt || []; document.write("统计");</script>
"""


def write_html(doc: Doc, path: Path, title: str) -> None:
    out = [
        "<!DOCTYPE html>",
        '<html lang="zh-CN"><head><meta charset="utf-8"><title>' + _esc(title) + "</title>",
        "<style>table.form{border-collapse:collapse} table.form td{border:1px solid #000;padding:4px}</style></head><body>",
        CHROME_TOP,
        '<div class="article"><h2 class="title">' + _esc(title) + "</h2>",
        '<div class="content">',
    ]
    for block in doc:
        if isinstance(block, Para):
            style = ' style="text-align:center"' if block.align == "center" else ""
            text = _esc(block.text).replace(" ", "&nbsp;")
            out.append(f"<p{style}>{'<b>' + text + '</b>' if block.bold else text}</p>")
        else:
            out.append(_html_table(block))
    out += ["</div></div>", CHROME_BOTTOM, "</body></html>", ""]
    path.write_text("\n".join(out), "utf-8")


def _html_table(table: Table) -> str:
    rows = table.rows
    lines = ['<table class="form" width="100%">']
    for r, row in enumerate(rows):
        cells = []
        col = 0
        for cell in row:
            if cell.vmerge == "continue":
                col += cell.span
                continue
            down = 1
            while r + down < len(rows) and _covered(rows[r + down], col + 1):
                down += 1
            attrs = (f' colspan="{cell.span}"' if cell.span > 1 else "") + (f' rowspan="{down}"' if down > 1 else "")
            inner = (
                _html_table(cell.nested) if cell.nested else "".join(f"<p>{_esc(x)}</p>" for x in cell.text.split("\n"))
            )
            cells.append(f"<td{attrs}>{inner}</td>")
            col += cell.span
        lines.append("<tr>" + "".join(cells) + "</tr>")
    lines.append("</table>")
    return "\n".join(lines)


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def write_pdf(docx_path: Path, pdf_path: Path) -> bool:
    """Print ``docx_path`` to PDF with LibreOffice (False when it is not installed)."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        return False
    with tempfile.TemporaryDirectory() as tmp:
        profile = Path(tmp, "profile").as_uri()
        subprocess.run(
            [
                soffice,
                f"-env:UserInstallation={profile}",
                "--headless",
                "--convert-to",
                "pdf",
                "--outdir",
                tmp,
                str(docx_path),
            ],
            check=True,
            capture_output=True,
            timeout=180,
        )
        made = Path(tmp, docx_path.with_suffix(".pdf").name)
        data = made.read_bytes()
    # fixed dates and document id, so the file regenerates the same
    data = re.sub(rb"/(CreationDate|ModDate)\s*\(D:[^)]*\)", lambda m: b"/" + m.group(1) + b"(D:20240101000000Z)", data)
    data = re.sub(rb"/ID\s*\[\s*<[0-9A-Fa-f]+>\s*<[0-9A-Fa-f]+>\s*\]", lambda m: b" " * len(m.group(0)), data)
    pdf_path.write_bytes(data)
    return True


def write_via_libreoffice(src: Path, dst: Path, target: str) -> bool:
    """``src`` saved by LibreOffice as ``target`` (e.g. "doc") into ``dst`` (False when it is not installed)."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        return False
    with tempfile.TemporaryDirectory() as tmp:
        profile = Path(tmp, "profile").as_uri()
        subprocess.run(
            [
                soffice,
                f"-env:UserInstallation={profile}",
                "--headless",
                "--convert-to",
                target,
                "--outdir",
                tmp,
                str(src),
            ],
            check=True,
            capture_output=True,
            timeout=180,
        )
        shutil.copyfile(Path(tmp, src.with_suffix("." + target).name), dst)
    return True


def write_xls_via_libreoffice(xlsx_path: Path, xls_path: Path) -> bool:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        return False
    with tempfile.TemporaryDirectory() as tmp:
        profile = Path(tmp, "profile").as_uri()
        subprocess.run(
            [
                soffice,
                f"-env:UserInstallation={profile}",
                "--headless",
                "--convert-to",
                "xls",
                "--outdir",
                tmp,
                str(xlsx_path),
            ],
            check=True,
            capture_output=True,
            timeout=180,
        )
        shutil.copyfile(Path(tmp, xlsx_path.with_suffix(".xls").name), xls_path)
    return True


def write_csv(rows: list[list[C]], path: Path, shown: dict[str, str] | None = None) -> None:
    """The rows as a budget system exports them to CSV: one field per cell (no merged
    columns), UTF-8 with a BOM; ``shown``: displayed values by the cell's sheet reference."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    for r, row in enumerate(rows, 1):
        line: list[str] = []
        col = 0
        for cell in row:
            ref = f"{chr(65 + col)}{r}"
            text = "" if cell.vmerge == "continue" else cell.text.strip()
            line.append((shown or {}).get(ref, text))
            col += cell.span
        writer.writerow(line)
    path.write_bytes(("\ufeff" + buf.getvalue()).encode("utf-8"))


def generate(out: Path, with_pdf: bool = True) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    made: list[Path] = []
    seed = seed_document()
    write_docx(seed, out / "seed.docx")
    made.append(out / "seed.docx")
    sheets = _sheet_rows(seed)
    write_xlsx([(name, rows) for name, rows in zip(("专项1", "专项2", "部门整体"), sheets)], out / "seed.xlsx")
    made.append(out / "seed.xlsx")
    write_html(seed, out / "seed.html", "长沙市望城区政务服务中心2019年绩效目标申报表")
    made.append(out / "seed.html")
    if with_pdf and write_pdf(out / "seed.docx", out / "seed.pdf"):
        made.append(out / "seed.pdf")
    if with_pdf and write_via_libreoffice(out / "seed.docx", out / "seed.doc", "doc"):
        made.append(out / "seed.doc")

    project = project_2015()
    write_docx(project, out / "project-2015-nested.docx", checkbox_symbols=True)
    made.append(out / "project-2015-nested.docx")
    write_html(project, out / "project-2015-nested.html", "石门乡农村公路提质改造项目支出绩效目标申报表")
    made.append(out / "project-2015-nested.html")

    rows, formulas = project_2021_rows()
    values = {"D5": 150, "D6": 150, "D7": 0, "E11": 0.961538461538462}
    formats = {"D5": "#,##0.00", "D6": "#,##0.00", "D7": "#,##0.00", "E11": "0.0%"}
    write_xlsx([("绩效目标表", rows)], out / "project-2021.xlsx", formulas, values, formats)
    made.append(out / "project-2021.xlsx")
    if with_pdf and write_xls_via_libreoffice(out / "project-2021.xlsx", out / "project-2021.xls"):
        made.append(out / "project-2021.xls")
    write_csv(rows, out / "project-2021.csv", {"D5": "150.00", "D6": "150.00", "D7": "0.00", "E11": "96.2%"})
    made.append(out / "project-2021.csv")
    return made


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--check", action="store_true", help="fail if a committed fixture would change")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    if not args.check:
        for path in generate(args.out):
            print(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path)
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        changed = []
        for path in generate(Path(tmp), with_pdf=False):
            committed = args.out / path.name
            if not committed.exists() or committed.read_bytes() != path.read_bytes():
                changed.append(path.name)
    if changed:
        print("would change:", ", ".join(changed))
        return 1
    return 0


if __name__ == "__main__":
    os.environ.setdefault("PYTHONHASHSEED", "0")
    raise SystemExit(main())
