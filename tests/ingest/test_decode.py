"""Decoding order: forced encoding, BOM, binary sniffing, strict UTF-8, repair, legacy."""

from __future__ import annotations

import codecs

import pytest

from perflint.domain.problems import InputError
from perflint.ingest.decode import decode, sniff_binary

TEXT = "专项资金绩效目标申报表\n（2024年度）\n\t专项名称\n\t白沙区河道保洁\n\t资金总额（万元）\n\t30\n"


def notes(decoded) -> list[tuple[str, str | None, int | None]]:
    return [(n.code, n.variant, n.line) for n in decoded.notes]


@pytest.mark.parametrize(
    "data,encoding,bom",
    [
        (TEXT.encode("utf-8"), "utf-8", False),
        (codecs.BOM_UTF8 + TEXT.encode("utf-8"), "utf-8-sig", True),
        (codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le"), "utf-16-le", True),
        (codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"), "utf-16-be", True),
        (codecs.BOM_UTF32_LE + TEXT.encode("utf-32-le"), "utf-32-le", True),
        (TEXT.encode("gb18030"), "gb18030", False),
        (TEXT.encode("gbk"), "gb18030", False),
    ],
)
def test_detection(data: bytes, encoding: str, bom: bool) -> None:
    decoded = decode(data)
    assert (decoded.text, decoded.encoding, decoded.bom, decoded.notes) == (TEXT, encoding, bom, ())


def test_line_ends_are_normalised() -> None:
    assert decode(TEXT.replace("\n", "\r\n").encode()).text == TEXT
    assert decode(TEXT.replace("\n", "\r").encode("gb18030")).text == TEXT


def test_big5_is_read_by_chardet() -> None:
    text = "部門整體支出績效目標申報表\n資金總額（萬元）\n"
    decoded = decode(text.encode("big5"))
    assert decoded.text == text and decoded.encoding == "big5"


@pytest.mark.parametrize(
    "magic,kind",
    [
        (b"\x89PNG\r\n\x1a\n", "PNG"),
        (b"PK\x03\x04", "ZIP/Office"),
        (b"%PDF-1.4", "PDF"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "OLE (.doc/.xls)"),
        (b"abc\x00def", "binary (NUL bytes)"),
        (b"{\\rtf1\\ansi", "RTF"),
    ],
)
def test_binary_is_refused(magic: bytes, kind: str) -> None:
    assert sniff_binary(magic + b"rest") == kind
    with pytest.raises(InputError) as err:
        decode(magic + b"rest")
    assert (err.value.code, err.value.args_map["kind"]) == ("INP008", kind)


def test_text_starting_with_mz_is_not_an_executable() -> None:
    assert sniff_binary(b"MZ is a name\n") is None


def test_forced_encoding() -> None:
    assert decode(TEXT.encode("gbk"), "GBK").encoding == "gb18030"
    assert decode(codecs.BOM_UTF8 + TEXT.encode(), "utf-8").text == TEXT
    with pytest.raises(InputError) as err:
        decode(TEXT.encode("gbk"), "utf-8")
    assert (err.value.code, err.value.variant, err.value.args_map["guess"]) == ("INP002", "forced-hint", "gb18030")
    with pytest.raises(InputError) as err:
        decode(("x" * 30 + "\n" + "\n" + "专项").encode("utf-8"), "ascii")
    assert (err.value.variant, err.value.args_map["line"], err.value.args_map["guess"]) == ("forced-hint", 3, "utf-8")


def test_cut_off_utf8_keeps_the_text() -> None:
    data = TEXT.encode() + "资".encode()[:2]
    decoded = decode(data)
    assert decoded.text == TEXT + "\ufffd"
    assert notes(decoded) == [("INP012", "truncated", 7)]


def test_cut_off_gbk_keeps_the_text() -> None:
    decoded = decode(TEXT.encode("gbk") + "资".encode("gbk")[:1])
    assert decoded.text == TEXT + "\ufffd" and decoded.encoding == "gb18030"
    assert notes(decoded) == [("INP012", "truncated", 7)]


def test_stray_byte_in_utf8() -> None:
    data = TEXT.encode()
    decoded = decode(data[:30] + b"\x80" + data[30:])
    assert decoded.encoding == "utf-8" and decoded.text.count("\ufffd") == 1
    assert notes(decoded) == [("INP012", "invalid-bytes", 1)]


def test_stray_byte_in_gbk() -> None:
    data = TEXT.encode("gbk")
    decoded = decode(data + b"\x80" + data)
    assert decoded.encoding == "gb18030" and decoded.text == TEXT + "\ufffd" + TEXT
    assert notes(decoded)[0][:2] == ("INP012", "invalid-bytes")


def test_mixed_utf8_and_gbk_lines() -> None:
    head, tail = TEXT.split("\t专项名称")
    data = head.encode("utf-8") + ("\t专项名称" + tail).encode("gbk")
    decoded = decode(data)
    assert decoded.text == TEXT and decoded.encoding == "utf-8+gb18030"
    ((code, variant, line),) = notes(decoded)
    assert (code, line) == ("INP011", 3)
    assert decoded.notes[0].args["count"] == 3  # the ASCII line "\t30" reads the same either way


def test_short_gbk_lines_are_not_mistaken_for_utf8() -> None:
    # "目标" in GBK is valid UTF-8 by accident (two two-byte Latin letters)
    text = "专项资金绩效目标申报表\n目标\n资金\n"
    decoded = decode(text.encode("gbk"))
    assert decoded.text == text and decoded.encoding == "gb18030" and decoded.notes == ()


def test_noise_and_latin1_are_refused() -> None:
    for data in (bytes(range(128, 256)) * 4, "café déjà".encode("latin-1")):
        with pytest.raises(InputError) as err:
            decode(data)
        assert err.value.code == "INP002"
