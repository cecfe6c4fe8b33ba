"""The readers of native formats, one behaviour at a time: merged and nested cells, check boxes,
numbers as displayed, web-page chrome, CSV, .xls, legacy files without LibreOffice, PDF without
its extra or without a text layer."""

from __future__ import annotations

import datetime as dt
import importlib.util
import io
import zipfile

import pytest
from support.paths import DATA

from perflint.ingest import convert
from perflint.ingest.files import input_suffixes, load_bytes, load_file, reader_for
from perflint.ingest.numfmt import display
from perflint.ingest.package import sniff

NATIVE = DATA / "native"
HAS_PDF = importlib.util.find_spec("pdfplumber") is not None


def test_every_native_suffix_is_walked():
    for suffix in (".docx", ".docm", ".xlsx", ".xlsm", ".xls", ".html", ".htm", ".pdf", ".csv", ".tsv", ".doc"):
        assert suffix in input_suffixes()
        assert reader_for("A" + suffix.upper()).name != "text"


def test_nested_indicator_table_and_check_box_symbols():
    result = load_file(str(NATIVE / "project-2015-nested.docx"))
    assert not result.problems
    (decl,) = result.declarations
    # ☑ and □ are Wingdings 2 symbols (w:sym) in this document
    assert decl.attribute_text == "☑新增\u3000□延续" and decl.attribute == "新增"
    assert [(i.level1, i.level2, i.level3, i.value) for i in decl.indicators][:2] == [
        ("产出指标", "数量指标", "改造农村公路里程", "≥12公里"),
        ("产出指标", "数量指标", "新建错车道", "≥30处"),
    ]
    assert len(decl.indicators) == 8
    where = decl.source.locations
    assert where["/indicators/0/value"] == "表2 第2行「指标值」列"  # the nested table is 表2
    assert where["/money/total"].startswith("表1 第4行")
    # the same form as a web page, the table nested in a cell too
    page = load_file(str(NATIVE / "project-2015-nested.html")).declarations[0]
    assert [(i.level3, i.value) for i in page.indicators] == [(i.level3, i.value) for i in decl.indicators]


def _docx(body: str) -> bytes:
    ns = (
        'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
        'xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml"'
    )
    xml = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document {ns}><w:body>{body}</w:body></w:document>'
    )
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("word/document.xml", xml)
    return buf.getvalue()


def _p(*runs: str) -> str:
    return "<w:p>" + "".join(runs) + "</w:p>"


def _t(text: str) -> str:
    return f'<w:r><w:t xml:space="preserve">{text}</w:t></w:r>'


def _tc(text: str, props: str = "") -> str:
    return f"<w:tc><w:tcPr>{props}</w:tcPr>{_p(_t(text))}</w:tc>"


def test_content_controls_fields_and_tracked_changes():
    checkbox = (
        '<w:sdt><w:sdtPr><w14:checkbox><w14:checked w14:val="{v}"/></w14:checkbox></w:sdtPr>'
        "<w:sdtContent><w:r><w:t>{glyph}</w:t></w:r></w:sdtContent></w:sdt>"
    )
    body = (
        _p(_t("项目支出绩效目标申报表"))
        + "<w:tbl>"
        + "<w:tr>"
        + _tc("项目名称")
        + "<w:tc>"
        + _p(_t("乡村"), "<w:del><w:r><w:delText>删掉的</w:delText></w:r></w:del>", "<w:ins>" + _t("道路") + "</w:ins>")
        + "</w:tc></w:tr><w:tr>"
        + _tc("项目属性")
        + "<w:tc>"
        + _p(checkbox.format(v="1", glyph="☒"), _t("新增 "), checkbox.format(v="0", glyph="☐"), _t("延续"))
        + "</w:tc></w:tr>"
        + "<w:tr>"
        + _tc("主管部门")
        + "<w:tc>"
        + _p(
            '<w:r><w:fldChar w:fldCharType="begin"/></w:r>',
            "<w:r><w:instrText> MERGEFIELD dept </w:instrText></w:r>",
            '<w:r><w:fldChar w:fldCharType="separate"/></w:r>',
            _t("青溪区交通运输局"),
            '<w:r><w:fldChar w:fldCharType="end"/></w:r>',
        )
        + "</w:tc></w:tr></w:tbl>"
    )
    (decl,) = load_bytes(_docx(body), "form.docx").declarations
    assert decl.name == "乡村道路"
    assert decl.attribute_text == "☑新增 ☐延续" and decl.attribute == "新增"
    assert decl.department == "青溪区交通运输局"


def test_vertical_merge_gives_an_empty_cell_below():
    body = (
        "<w:tbl><w:tr>"
        + _tc("一级指标")
        + _tc("二级指标")
        + _tc("指标内容")
        + _tc("指标值")
        + "</w:tr><w:tr>"
        + _tc("产出指标", '<w:vMerge w:val="restart"/>')
        + _tc("数量指标")
        + _tc("培训人次")
        + _tc("≥300人次")
        + "</w:tr><w:tr>"
        + _tc("", "<w:vMerge/>")
        + _tc("质量指标")
        + _tc("考核合格率")
        + _tc("≥95%")
        + "</w:tr></w:tbl>"
    )
    result = load_bytes(_docx(_p(_t("项目支出绩效目标申报表")) + body), "form.docx")
    decl = result.declarations[0]
    assert [(i.level1, i.level2, i.value) for i in decl.indicators] == [
        ("产出指标", "数量指标", "≥300人次"),
        ("产出指标", "质量指标", "≥95%"),
    ]
    assert "level1" in decl.indicators[1].inherited
    assert decl.source.locations["/indicators/1/level1"] == "表1 第2行「一级指标」列"


def test_workbook_numbers_as_displayed_and_formula_results():
    result = load_file(str(NATIVE / "project-2021.xlsx"))
    (decl,) = result.declarations
    assert decl.money.total is not None and decl.money.total.text == "150.00"  # =D6+D7 with #,##0.00
    assert decl.indicators[1].value == "96.2%"  # =25/26 with 0.0%
    assert decl.source.locations["/money/total"].startswith("绩效目标表!D5")
    assert [i.level1 for i in decl.indicators].count("成本指标") == 2


@pytest.mark.parametrize(
    "value, fmt, shown",
    [
        (556, "0.00", "556.00"),
        (1698.6, "General", "1698.6"),
        (0.1 + 0.2, "General", "0.3"),
        (1234567.891, "#,##0.00", "1,234,567.89"),
        (0.9, "0%", "90%"),
        (0.8567, "0.0%", "85.7%"),
        (2.5, "0", "3"),
        (-3.5, "0.0;(0.0)", "(3.5)"),
        (-3.5, "0.0", "-3.5"),
        (0, '0.00;-0.00;"-"', "-"),
        (12, '0"万元"', "12万元"),
        (12.5, "[$¥-804]#,##0.00", "¥12.50"),
        (12.5, "[Red]0.0", "12.5"),
        (1.5, "#.##", "1.5"),
        (43466, 'yyyy"年"m"月"d"日"', "2019年1月1日"),
        (43466.5, "yyyy-mm-dd hh:mm", "2019-01-01 12:00"),
        (dt.datetime(2019, 12, 31), "yyyy/m/d", "2019/12/31"),
        (dt.datetime(2019, 3, 5), "General", "2019-03-05"),
        ("已完成", "0.00", "已完成"),
        (True, "General", "TRUE"),
    ],
)
def test_number_formats(value, fmt, shown):
    assert display(value, fmt) == shown


def test_xls_and_csv_read_like_the_workbook():
    xlsx = load_file(str(NATIVE / "project-2021.xlsx")).declarations[0]
    xls = load_file(str(NATIVE / "project-2021.xls"))
    assert not xls.problems
    assert xls.declarations[0].to_dict(include_source=False) == xlsx.to_dict(include_source=False)
    assert xls.declarations[0].source.locations["/name"].startswith("绩效目标表!B3")
    csv = load_file(str(NATIVE / "project-2021.csv"))
    decl = csv.declarations[0]
    assert decl.name == xlsx.name and len(decl.indicators) == len(xlsx.indicators)
    assert decl.source.locations["/name"].startswith("B3")


def test_web_page_chrome_is_left_out():
    result = load_file(str(NATIVE / "seed.html"))
    for word in ("索引号", "发布机构", "扫一扫", "打印", "关闭", "版权所有", "首页", "当前位置", "字体", "_hmt"):
        assert word not in result.text, word
    assert result.text.startswith("长沙市望城区政务服务中心2019年绩效目标申报表\n")
    assert all(not d.unrecognized for d in result.declarations)


def test_an_xls_exported_as_a_web_page_is_read_as_one():
    page = (NATIVE / "seed.html").read_bytes()
    result = load_bytes(page, "导出.xls")
    assert not result.problems and len(result.declarations) == 3
    assert result.declarations[0].source.layout == "html"


def test_gbk_web_page_with_a_meta_charset():
    page = (NATIVE / "seed.html").read_text("utf-8").replace('<meta charset="utf-8">', '<meta charset="gb2312">')
    result = load_bytes(page.encode("gb18030"), "page.htm")
    assert len(result.declarations) == 3 and result.declarations[0].name == "政务公开信息系统维护"


def test_legacy_without_libreoffice_names_the_conversion(monkeypatch):
    monkeypatch.setenv("PERFLINT_SOFFICE", "")
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(100) + "WordDocument".encode("utf-16-le")
    result = load_bytes(ole, "申报表.doc")
    assert [(p.code, p.variant) for p in result.problems] == [("INP018", "no-converter")]
    assert result.problems[0].args["target"] == ".docx"
    assert "LibreOffice" in result.problems[0].text("zh")
    wps = load_bytes(ole.replace("WordDocument".encode("utf-16-le"), "Workbook".encode("utf-16-le")), "表.et")
    assert wps.problems[0].args["target"] == ".xlsx"


def test_pdf_without_the_extra_names_the_install_command(monkeypatch):
    import builtins

    real = builtins.__import__

    def blocked(name, *args, **kwargs):
        if name.startswith(("pdfplumber", "pdfminer")):
            raise ImportError(name)
        return real(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", blocked)
    result = load_bytes(b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\n", "a.pdf")
    assert [(p.code, p.variant) for p in result.problems] == [("INP018", "pdf-extra")]
    assert "pip install 'perflint-cn[pdf]'" in result.problems[0].text("zh")


@pytest.mark.skipif(not HAS_PDF, reason="perflint-cn[pdf] not installed")
def test_scanned_pdf_says_so():
    from PIL import Image

    buf = io.BytesIO()
    Image.new("L", (200, 280), 255).save(buf, "PDF")
    result = load_bytes(buf.getvalue(), "scan.pdf")
    assert [(p.code, p.variant) for p in result.problems] == [("INP019", "scanned")]


def test_sniffing():
    assert sniff(b"PK\x03\x04rest") == "zip"
    assert sniff(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1") == "ole2"
    assert sniff(b"%PDF-1.7") == "pdf"
    assert sniff(b"{\\rtf1\\ansi") == "rtf"
    assert sniff(b"\xef\xbb\xbf<!DOCTYPE html><html>") == "html"
    assert sniff(b"  <table><tr><td>x</td></tr></table>") == "html"
    assert sniff("专项名称,示例".encode()) == "text"


def test_web_archive():
    page = (NATIVE / "seed.html").read_bytes()
    import base64

    body = base64.encodebytes(page).decode("ascii")
    mht = (
        "MIME-Version: 1.0\r\n"
        'Content-Type: multipart/related; boundary="b"\r\n\r\n'
        "--b\r\nContent-Type: text/html; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n"
        f"{body}\r\n--b--\r\n"
    ).encode("ascii")
    result = load_bytes(mht, "saved.mht")
    assert not result.problems and len(result.declarations) == 3


@pytest.mark.skipif(convert.soffice() is None, reason="LibreOffice not installed")
def test_legacy_word_through_libreoffice():
    result = load_file(str(NATIVE / "seed.doc"))
    assert not result.problems
    assert len(result.declarations) == 3
    decl = result.declarations[0]
    assert decl.source.layout == "doc" and decl.name == "政务公开信息系统维护"
    assert decl.source.locations["/name"] == "表1 第1行「专项名称」栏"
