"""Hostile and broken Office files: one input finding each, fast, no traceback, the rest checked.

A zip bomb, an XML entity bomb (billion laughs), an external entity, an
encrypted .docx, a .docx renamed .xlsx and a truncated archive, each next to
a good declaration in one folder.
"""

from __future__ import annotations

import io
import json
import time
import zipfile
from pathlib import Path

import pytest
from support.paths import DATA
from typer.testing import CliRunner

from perflint.cli import app
from perflint.ingest.files import load_file

NATIVE = DATA / "native"
runner = CliRunner()

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _zip(members: dict[str, bytes], method: int = zipfile.ZIP_DEFLATED) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", method) as z:
        for name, body in members.items():
            z.writestr(name, body)
    return buf.getvalue()


def _docx_with(document: bytes) -> bytes:
    """The seed .docx with its main part replaced."""
    src = zipfile.ZipFile(NATIVE / "seed.docx")
    members = {n: src.read(n) for n in src.namelist()}
    members["word/document.xml"] = document
    return _zip(members)


LAUGHS = (
    b'<?xml version="1.0"?>\n<!DOCTYPE w:document [\n<!ENTITY a "lollollollollollollollollollol">\n'
    + b"".join(b'<!ENTITY %c "%s">\n' % (98 + i, b"".join(b"&%c;" % (97 + i) for _ in range(10))) for i in range(9))
    + b'<!ENTITY z "&j;&j;&j;&j;&j;&j;&j;&j;&j;&j;">\n]>\n'
    + b'<w:document xmlns:w="'
    + W.encode()
    + b'"><w:body><w:p><w:r><w:t>&z;</w:t></w:r></w:p></w:body></w:document>'
)
EXTERNAL = (
    b'<?xml version="1.0"?>\n<!DOCTYPE w:document [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n'
    b'<w:document xmlns:w="' + W.encode() + b'"><w:body><w:p><w:r><w:t>&x;</w:t></w:r></w:p></w:body></w:document>'
)


def hostile() -> dict[str, tuple[bytes, str, str]]:
    """name -> (bytes, code, variant)."""
    seed = (NATIVE / "seed.docx").read_bytes()
    bomb = _zip({"[Content_Types].xml": b"<Types/>", "word/document.xml": b" " * (40 * 1024 * 1024)})
    many = _zip({f"word/media/p{i}.xml": b"x" for i in range(5001)}, zipfile.ZIP_STORED)
    encrypted = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504) + "EncryptedPackage".encode("utf-16-le") + bytes(1000)
    return {
        "bomb.docx": (bomb, "INP015", "ratio"),
        "many-parts.docx": (many, "INP015", "too-many-parts"),
        "laughs.docx": (_docx_with(LAUGHS), "INP015", "xml-entities"),
        "external.docx": (_docx_with(EXTERNAL), "INP015", "xml-entities"),
        "laughs.xlsx": (_xlsx_with_dtd(), "INP015", "xml-entities"),
        "encrypted.docx": (encrypted, "INP016", "office"),
        "encrypted.xlsx": (encrypted, "INP016", "office"),
        "word.xlsx": (seed, "INP017", "docx"),
        "sheet.docx": ((NATIVE / "seed.xlsx").read_bytes(), "INP017", "xlsx"),
        "pdf.docx": (b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n", "INP017", "pdf"),
        "truncated.docx": (seed[: len(seed) // 2], "INP014", "truncated"),
        "damaged-body.docx": (_damaged(seed), "INP014", "corrupt"),
        "empty.xlsx": (b"", "INP003", "empty"),
    }


def _damaged(data: bytes) -> bytes:
    """``data`` with bytes in the middle of the packed document body overwritten."""
    info = zipfile.ZipFile(io.BytesIO(data)).getinfo("word/document.xml")
    middle = info.header_offset + 30 + len(info.filename) + info.compress_size // 2
    return data[:middle] + b"\xff" * 64 + data[middle + 64 :]


def _xlsx_with_dtd() -> bytes:
    src = zipfile.ZipFile(NATIVE / "seed.xlsx")
    members = {n: src.read(n) for n in src.namelist()}
    sheet = members["xl/worksheets/sheet1.xml"]
    members["xl/worksheets/sheet1.xml"] = LAUGHS[: LAUGHS.index(b"<w:document")] + sheet.split(b"?>", 1)[-1]
    return _zip(members)


@pytest.mark.parametrize("name", sorted(hostile()))
def test_one_finding_fast_no_traceback(name, tmp_path):
    data, code, variant = hostile()[name]
    path = tmp_path / name
    path.write_bytes(data)
    start = time.process_time()
    result = load_file(str(path))
    took = time.process_time() - start
    assert [(p.code, p.variant) for p in result.problems] == [(code, variant)], result.problems
    assert not result.declarations
    assert result.readable == (code == "INP003")  # an empty file is read, and holds nothing
    assert took < 0.5, f"{name}: {took:.2f} s"


def test_the_other_files_are_checked(tmp_path):
    for name, (data, _code, _variant) in hostile().items():
        (tmp_path / name).write_bytes(data)
    (tmp_path / "good.docx").write_bytes((NATIVE / "seed.docx").read_bytes())
    res = runner.invoke(app, ["check", str(tmp_path), "--format", "json", "--no-cache", "--today", "2019-03-01"])
    assert res.exit_code == 1, res.output
    assert "Traceback" not in res.output
    report = json.loads(res.stdout)
    by_file = {Path(f["path"]).name: f for f in report["files"]}
    assert len(by_file) == len(hostile()) + 1
    assert by_file["good.docx"]["readable"] and by_file["good.docx"]["declarations"] == 3
    codes = {(Path(f["path"]).name, f["code"]) for f in report["findings"]}
    for name, (_data, code, _variant) in hostile().items():
        assert (name, code) in codes
        assert by_file[name]["readable"] == (code == "INP003")


def test_macros_are_never_read(tmp_path):
    """An .xlsm / .docm is read for its cells; its VBA project is not even unpacked."""
    src = zipfile.ZipFile(NATIVE / "seed.docx")
    members = {n: src.read(n) for n in src.namelist()}
    members["word/vbaProject.bin"] = b"\xd0\xcf\x11\xe0 not a real macro project"
    path = tmp_path / "macro.docm"
    path.write_bytes(_zip(members))
    result = load_file(str(path))
    assert not result.problems and len(result.declarations) == 3
