"""Bytes to text: BOM, strict UTF-8, then chardet, with an override.

The order is fixed and documented: a byte-order mark wins (UTF-8, UTF-16
LE/BE, UTF-32 LE/BE); else the bytes are tried as strict UTF-8; only when that
fails is chardet asked, and its GB2312/GBK answers are decoded as GB18030 (a
superset).  CRLF and CR line ends become LF so that line numbers match what an
editor shows.  The encoding used is recorded on every declaration.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass

from perflint.errors import InputError

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le", "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32-be", "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig", "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "utf-16"),
)

#: Magic numbers of binary formats that are sometimes given a .txt name.
_MAGIC = (
    (b"\x89PNG\r\n\x1a\n", "PNG"),
    (b"PK\x03\x04", "ZIP/Office"),
    (b"%PDF-", "PDF"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "OLE (.doc/.xls)"),
    (b"\xff\xd8\xff", "JPEG"),
    (b"GIF8", "GIF"),
    (b"\x1f\x8b", "gzip"),
    (b"Rar!", "RAR"),
    (b"7z\xbc\xaf", "7-Zip"),
    (b"\x7fELF", "ELF"),
)

_GB_FAMILY = {"gb2312", "gbk", "gb18030", "hz-gb-2312", "iso-2022-cn"}
_ALIASES = {"gbk": "gb18030", "gb2312": "gb18030", "cp936": "gb18030"}


@dataclass(frozen=True, slots=True)
class Decoded:
    text: str
    encoding: str
    bom: bool = False


def _normalise_newlines(text: str) -> str:
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text


def _decode_with(data: bytes, encoding: str, bom: bool = False) -> Decoded:
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise InputError("INP002", encoding=encoding, offset=exc.start,
                         reason=exc.reason) from None
    except LookupError:
        raise InputError("INP002", encoding=encoding, offset=0,
                         reason="unknown encoding") from None
    return Decoded(_normalise_newlines(text), encoding, bom)


def sniff_binary(data: bytes) -> str | None:
    """Name the binary format of ``data`` or return ``None`` if it looks like text."""
    for magic, name in _MAGIC:
        if data.startswith(magic):
            return name
    head = data[:8192]
    if any(head.startswith(bom) for bom, _, _ in _BOMS):
        return None
    if b"\x00" in head:
        # UTF-16 without BOM has NULs every other byte; we require a BOM for
        # UTF-16, so NULs mean binary (or a corrupt file) either way.
        return "binary (NUL bytes)"
    return None


def decode(data: bytes, encoding: str | None = None) -> Decoded:
    """Decode ``data``; raise :class:`InputError` (``INP002``/``INP008``) when impossible."""
    if encoding:
        enc = _ALIASES.get(encoding.lower(), encoding)
        for bom, _name, family in _BOMS:
            if data.startswith(bom) and codecs.lookup(enc).name.startswith(family.split("-")[0]):
                return _decode_with(data[len(bom):], enc, True)
        return _decode_with(data, enc)
    for bom, name, _family in _BOMS:
        if data.startswith(bom):
            if name == "utf-8-sig":
                return _decode_with(data, name, True)
            return _decode_with(data[len(bom):], name, True)
    kind = sniff_binary(data)
    if kind is not None:
        raise InputError("INP008", kind=kind)
    try:
        return Decoded(_normalise_newlines(data.decode("utf-8")), "utf-8")
    except UnicodeDecodeError as utf8_error:
        first_bad = utf8_error.start
    candidates: list[str] = []
    try:
        import chardet

        guess = chardet.detect(data[:200_000])
        name = (guess.get("encoding") or "").lower()
        if name:
            candidates.append("gb18030" if name in _GB_FAMILY else name)
    except Exception:  # chardet missing or failing: fall through to GB18030
        pass
    if "gb18030" not in candidates:
        candidates.append("gb18030")
    last: InputError | None = None
    for candidate in candidates:
        if candidate in ("ascii", "utf-8"):
            continue
        try:
            decoded = _decode_with(data, candidate)
        except InputError as exc:
            last = exc
            continue
        if _plausible(decoded.text):
            return decoded
    raise InputError(
        "INP002",
        encoding="utf-8" if last is None else last.args_map.get("encoding", "utf-8"),
        offset=first_bad,
        reason="not valid UTF-8, GB18030 or any encoding chardet suggested",
    )


def _plausible(text: str) -> bool:
    """Reject decodings that produce mostly control characters or private-use code points."""
    if not text:
        return True
    bad = sum(1 for ch in text if (ord(ch) < 32 and ch not in "\t\n\r\f") or 0xE000 <= ord(ch) <= 0xF8FF)
    return bad <= max(2, len(text) // 100)
