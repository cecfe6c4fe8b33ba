"""Bytes to text: BOM, strict UTF-8, then chardet and GB18030, with an override.

The order is fixed and documented:

1. ``--encoding`` given: decode with it (GBK and GB2312 are read as their
   superset GB18030).  A byte-order mark of the same family is skipped.  If
   the bytes do not fit, the file is not read (``INP002``) and the message
   says which encoding the content looks like instead.
2. A byte-order mark wins (UTF-8, UTF-16 LE/BE, UTF-32 LE/BE).
3. Binary content (PNG, ZIP/Office, PDF … signatures, or NUL bytes) is
   refused (``INP008``).
4. Strict UTF-8.
5. When strict UTF-8 fails, the lines are looked at one by one:

   * the file ends in the middle of a character (cut off): the complete part
     is kept, the broken tail becomes U+FFFD, warning ``INP012``;
   * some lines are UTF-8 and others GB18030 (two files pasted together):
     each line is decoded with its own encoding, warning ``INP011``;
   * lines that are UTF-8 except for a few stray bytes: those bytes become
     U+FFFD, warning ``INP012``;
   * no line is UTF-8: the whole file is legacy-encoded.  chardet is asked;
     its GB2312/GBK answers are decoded as GB18030, and GB18030 is always
     tried too.  Of the strict decodings the one with the most CJK text
     wins (chardet sometimes calls short Chinese text Latin-1).  A legacy
     file that is only damaged at the end or in a few places is read with
     U+FFFD and warning ``INP012``.

6. Nothing fits: ``INP002``.

CRLF and CR line ends become LF so that line numbers match what an editor
shows.  The encoding used is recorded on every declaration.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from perflint.domain.problems import InputError

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
    (b"PK\x05\x06", "ZIP/Office"),
    (b"%PDF-", "PDF"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "OLE (.doc/.xls)"),
    (b"{\\rtf", "RTF"),
    (b"\xff\xd8\xff", "JPEG"),
    (b"GIF8", "GIF"),
    (b"\x1f\x8b", "gzip"),
    (b"Rar!", "RAR"),
    (b"7z\xbc\xaf", "7-Zip"),
    (b"\x7fELF", "ELF"),
    (b"MZ", "Windows executable"),
)

#: BOMs skipped when the encoding is forced (utf-16/utf-32 handle theirs).
_FORCED_BOMS = {
    "utf-8": codecs.BOM_UTF8,
    "utf-16-le": codecs.BOM_UTF16_LE,
    "utf-16-be": codecs.BOM_UTF16_BE,
    "utf-32-le": codecs.BOM_UTF32_LE,
    "utf-32-be": codecs.BOM_UTF32_BE,
}
_GB_FAMILY = {"gb2312", "gbk", "gb18030", "hz-gb-2312", "iso-2022-cn", "cp936", "euc-cn"}
_ALIASES = {"gbk": "gb18030", "gb2312": "gb18030", "cp936": "gb18030", "euc-cn": "gb18030"}
#: Share of U+FFFD per non-ASCII byte below which a line counts as damaged
#: UTF-8 rather than another encoding.
_DAMAGE_RATIO = 0.1


@dataclass(frozen=True, slots=True)
class DecodeNote:
    """A warning about decoding that did not stop the file from being read."""

    code: str
    args: dict[str, Any] = field(default_factory=dict)
    variant: str | None = None
    line: int | None = None


@dataclass(frozen=True, slots=True)
class Decoded:
    text: str
    encoding: str
    bom: bool = False
    notes: tuple[DecodeNote, ...] = ()


def _normalise_newlines(text: str) -> str:
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text


#: the vowels with a tone mark that pinyin is written with
_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ"
#: the pinyin a mirror site prints after a character (項(xiàng)目), or after the "?" of a character
#: it lost together with the opening bracket (享受?chē)國)
_MIRROR_PINYIN = re.compile(rf"(?<=[\u4e00-\u9fff])\([a-zü{_TONED}]{{1,6}}\)|\?[a-zü{_TONED}]{{1,6}}\)")
_TONE = re.compile(f"[{_TONED}]")


def drop_mirror_pinyin(text: str) -> str:
    """``text`` without the pinyin some mirror sites insert after characters (區(qū)域 → 區域):
    no part of the form, it splits every word and figure it falls in ("100%達(dá)標(biāo)").

    Only a page that carries three annotations or more with a tone mark is a mirror's; only
    annotations with a tone mark are dropped ("(km)", "(个)" and toneless notes stay). Lines
    keep their numbers; columns on such a line count the text without the annotations."""
    if "(" not in text or _TONE.search(text) is None:
        return text
    toned = [m for m in _MIRROR_PINYIN.finditer(text) if _TONE.search(m.group(0))]
    if len(toned) < 3:
        return text
    out: list[str] = []
    pos = 0
    for m in toned:
        out.append(text[pos : m.start()])
        pos = m.end()
    out.append(text[pos:])
    return "".join(out)


def _line_of(data: bytes, offset: int) -> int:
    return data.count(b"\n", 0, offset) + 1


def _canonical(encoding: str) -> str:
    enc = _ALIASES.get(encoding.lower().replace("_", "-"), encoding)
    try:
        info = codecs.lookup(enc)
    except (LookupError, ValueError):
        info = None
    if info is None or not getattr(info, "_is_text_encoding", True):  # rot13, zlib, hex: not text
        raise InputError(
            "INP002", "unknown-encoding", encoding=encoding, offset=0, line=1, reason="unknown encoding"
        ) from None
    return info.name


def sniff_binary(data: bytes) -> str | None:
    """Name the binary format of ``data`` or return ``None`` if it looks like text."""
    for magic, name in _MAGIC:
        if data.startswith(magic):
            if name == "Windows executable" and b"\x00" not in data[:512]:
                continue  # "MZ…" text
            return name
    if any(data.startswith(bom) for bom, _, _ in _BOMS):
        return None
    if b"\x00" in data:
        # UTF-16 without BOM has NULs every other byte; we require a BOM for
        # UTF-16, so NULs mean binary (or a corrupt file) either way.
        return "binary (NUL bytes)"
    return None


_NON_ASCII = re.compile(r"[^\x00-\x7f]")
_HIGH_BYTES = bytes(range(128, 256))


@cache
def _pattern(name: str) -> re.Pattern[str]:
    """Character classes compiled on first use (wide ranges take milliseconds
    to compile, and UTF-8 input never needs them)."""
    return re.compile(
        {
            # CJK ideographs (and extension A), CJK punctuation, full-width forms
            "cjk": r"[\u4e00-\u9fff\u3000-\u303f\uff00-\uffef\u3400-\u4dbf]",
            # control characters other than \t \n \f \r, and the private-use area
            "implausible": r"[\x00-\x08\x0b\x0e-\x1f\ue000-\uf8ff]",
        }[name]
    )


def _cjk_share(text: str) -> float:
    if text.isascii():
        return 1.0
    non_ascii = len(_NON_ASCII.findall(text))
    return len(_pattern("cjk").findall(text)) / non_ascii


def _plausible(text: str) -> bool:
    """Reject decodings that produce mostly control characters or private-use code points."""
    if not text:
        return True
    bad = len(_pattern("implausible").findall(text))
    return bad <= max(2, len(text) // 100)


def _has_wide(text: str) -> bool:
    """Does ``text`` hold a character of three or more UTF-8 bytes other than U+FFFD?"""
    rest = text.replace("\ufffd", "")
    return bool(rest) and max(rest) >= "\u0800"


def _non_ascii_bytes(data: bytes) -> int:
    return len(data) - len(data.translate(None, _HIGH_BYTES))


#: two bytes of a GB2312 character (EUC-CN: both bytes A1–FE)
_GB_PAIR = re.compile(rb"[\xa1-\xfe]{2}")
#: lead bytes of the 3755 common hanzi (GB2312 level 1)
_GB_LEVEL1 = bytes(range(0xB0, 0xD8))
#: lead bytes of all GB2312 hanzi and of its punctuation and full-width rows
_GB_ORDINARY = bytes(range(0xB0, 0xF8)) + b"\xa1\xa3"


def _plain_gb2312(data: bytes) -> str | None:
    """The text of ``data`` when it is clearly ordinary Chinese in GB2312, else ``None``.

    Strict GB2312 (EUC-CN) with at least 48 two-byte characters, at least
    60 % of them common (level 1) hanzi and 90 % hanzi or Chinese punctuation:
    chardet names such bytes GB2312 (checked on thousands of samples of
    declarations), so asking it would only cost time.  Shorter or unusual
    text is left to chardet.
    """
    try:
        text = data.decode("gb2312")
    except UnicodeDecodeError:
        return None
    leads = b"".join(_GB_PAIR.findall(data))[::2]
    count = len(leads)
    if count < 48:
        return None
    level1 = count - len(leads.translate(None, _GB_LEVEL1))
    ordinary = count - len(leads.translate(None, _GB_ORDINARY))
    if level1 < 0.6 * count or ordinary < 0.9 * count:
        return None
    return text


def _strict(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return None


def guess_legacy(data: bytes) -> str | None:
    """The best strict legacy decoding of ``data`` (chardet's guess or GB18030), or ``None``."""
    best = _legacy(data)
    return None if best is None else best[1]


def _legacy(data: bytes) -> tuple[str, str] | None:
    """Strict legacy decodings; a non-CJK one only when chardet is confident of it."""
    plain = _plain_gb2312(data)
    if plain is not None:
        # what chardet would answer (GB2312, read as GB18030), without asking it
        text = _strict(data, "gb18030")
        if text is not None and _plausible(text) and _cjk_share(text) >= 0.3:
            return text, "gb18030"
    candidates: list[str] = []
    confident = False
    try:
        import chardet  # start-up: chardet (~30 ms) only for input that is neither UTF-8 nor plain GB2312

        guess = chardet.detect(data[:200_000])
        name = (guess.get("encoding") or "").lower()
        confident = (guess.get("confidence") or 0) >= 0.8
        if name and name not in ("ascii", "utf-8", "utf-8-sig"):
            candidates.append("gb18030" if name in _GB_FAMILY else name)
    except Exception:  # chardet missing or failing: GB18030 alone
        pass
    if "gb18030" not in candidates:
        candidates.append("gb18030")
    best: tuple[float, int, str, str] | None = None
    for rank, candidate in enumerate(candidates):
        text = _strict(data, candidate)
        if text is None or not _plausible(text):
            continue
        score = (_cjk_share(text), -rank)
        if best is None or score > best[:2]:
            best = (score[0], score[1], text, candidate)
    if best is None or (best[0] < 0.3 and not confident):
        return None
    return best[2], best[3]


def decode(data: bytes, encoding: str | None = None) -> Decoded:
    """Decode ``data``; raise :class:`InputError` (``INP002``/``INP008``) when impossible."""
    if encoding:
        return _forced(data, encoding)
    for bom, name, _family in _BOMS:
        if data.startswith(bom):
            text = _strict(data if name == "utf-8-sig" else data[len(bom) :], name)
            if text is None:
                break  # a BOM but not that encoding: look at the bytes themselves
            return Decoded(_normalise_newlines(text), name, True)
    kind = sniff_binary(data)
    if kind is not None:
        raise InputError("INP008", kind=kind)
    try:
        return Decoded(_normalise_newlines(data.decode("utf-8")), "utf-8")
    except UnicodeDecodeError as exc:
        first_bad = exc.start
    return _repair(data, first_bad)


def _forced(data: bytes, encoding: str) -> Decoded:
    enc = _canonical(encoding)
    body, bom = data, False
    mark = _FORCED_BOMS.get(enc)
    if mark is not None and data.startswith(mark):
        body, bom = data[len(mark) :], True
    try:
        text = body.decode(enc)
    except UnicodeDecodeError as exc:
        offset = exc.start + (len(data) - len(body))
        args: dict[str, Any] = {
            "encoding": encoding,
            "offset": offset,
            "line": _line_of(data, offset),
            "reason": exc.reason,
        }
        guess = None
        if sniff_binary(data) is None:
            if enc != "utf-8" and _strict(data, "utf-8") is not None:
                guess = "utf-8"
            elif enc != "gb18030":
                guess = guess_legacy(data)
        if guess:
            raise InputError("INP002", "forced-hint", guess=guess, **args) from None
        raise InputError("INP002", "forced", **args) from None
    return Decoded(_normalise_newlines(text), enc, bom)


def _repair(data: bytes, first_bad: int) -> Decoded:
    """Strict UTF-8 failed at ``first_bad``: cut-off file, mixed encodings, stray bytes or legacy."""
    size = len(data)
    # A file cut off in the middle of its last character.
    head = _strict(data[:first_bad], "utf-8")
    if head is not None and size - first_bad < 4 and _incomplete_utf8(data[first_bad:]):
        return Decoded(
            _normalise_newlines(head + "\ufffd"),
            "utf-8",
            notes=(
                DecodeNote(
                    "INP012",
                    {"encoding": "utf-8", "count": 1, "line": _line_of(data, first_bad)},
                    "truncated",
                    _line_of(data, first_bad),
                ),
            ),
        )
    kinds: list[str] = []
    lines = data.split(b"\n")
    for line in lines:
        if line.isascii():
            kinds.append("a")
        elif (as_utf8 := _strict(line, "utf-8")) is not None:
            # Short GBK lines can be valid UTF-8 by accident (as Latin or
            # Cyrillic letters): the reading that looks more Chinese wins.
            as_gb = _strict(line, "gb18030")
            if as_gb is not None and _cjk_share(as_gb) > _cjk_share(as_utf8):
                kinds.append("g")
            else:
                kinds.append("u")
        else:
            mended = line.decode("utf-8", "replace")
            # Chinese UTF-8 is three bytes a character; two-byte "letters"
            # are what other encodings look like when read as UTF-8.
            if _has_wide(mended) and mended.count("\ufffd") <= max(1, _DAMAGE_RATIO * _non_ascii_bytes(line)):
                kinds.append("d")  # UTF-8 with a few broken bytes
            elif _strict(line, "gb18030") is not None:
                kinds.append("g")
            else:
                kinds.append("x")
    if "u" not in kinds and "d" not in kinds:
        return _legacy_whole(data)
    if "g" in kinds:
        gb_lines = [i + 1 for i, k in enumerate(kinds) if k == "g"]
        out = []
        for line, k in zip(lines, kinds):
            out.append(line.decode("gb18030") if k == "g" else line.decode("utf-8", "replace"))
        damaged = sum(1 for k in kinds if k in "dx")
        notes = [
            DecodeNote(
                "INP011",
                {
                    "count": len(gb_lines),
                    "lines": _line_list(gb_lines),
                    "line": gb_lines[0],
                    "encodings": "utf-8 + gb18030",
                },
                None,
                gb_lines[0],
            )
        ]
        if damaged:
            first = next(i + 1 for i, k in enumerate(kinds) if k in "dx")
            notes.append(
                DecodeNote("INP012", {"encoding": "utf-8", "count": damaged, "line": first}, "invalid-bytes", first)
            )
        return Decoded(_normalise_newlines("\n".join(out)), "utf-8+gb18030", notes=tuple(notes))
    text = data.decode("utf-8", "replace")
    count = text.count("\ufffd") - data.decode("utf-8", "ignore").count("\ufffd")
    line_no = _line_of(data, first_bad)
    return Decoded(
        _normalise_newlines(text),
        "utf-8",
        notes=(DecodeNote("INP012", {"encoding": "utf-8", "count": count, "line": line_no}, "invalid-bytes", line_no),),
    )


def _incomplete_utf8(tail: bytes) -> bool:
    """``tail`` (1–3 bytes) is the start of a multi-byte UTF-8 sequence."""
    try:
        codecs.getincrementaldecoder("utf-8")().decode(tail, final=False)
    except UnicodeDecodeError:
        return False
    return True


def _legacy_whole(data: bytes) -> Decoded:
    best = _legacy(data)
    if best is not None:
        text, enc = best
        return Decoded(_normalise_newlines(text), enc)
    # Damaged GB18030: cut off at the end, or a few bytes that fit nothing.
    try:
        data.decode("gb18030")
    except UnicodeDecodeError as exc:
        first_bad, reason = exc.start, exc.reason
    else:  # pragma: no cover - _legacy would have accepted it unless implausible
        first_bad, reason = 0, "implausible text"
    mended = data.decode("gb18030", "replace")
    broken = mended.count("\ufffd") - data.decode("gb18030", "ignore").count("\ufffd")
    non_ascii = _non_ascii_bytes(data)
    if broken and broken <= max(1, _DAMAGE_RATIO * non_ascii / 2) and _plausible(mended) and _cjk_share(mended) > 0.5:
        variant = "truncated" if len(data) - first_bad < 4 else "invalid-bytes"
        line = _line_of(data, first_bad)
        return Decoded(
            _normalise_newlines(mended),
            "gb18030",
            notes=(DecodeNote("INP012", {"encoding": "gb18030", "count": broken, "line": line}, variant, line),),
        )
    raise InputError(
        "INP002",
        encoding="utf-8/gb18030",
        offset=first_bad,
        line=_line_of(data, first_bad),
        reason=f"not valid UTF-8, GB18030 or any encoding chardet suggested ({reason})",
    )


def _line_list(lines: list[int], limit: int = 5) -> str:
    shown = ", ".join(str(n) for n in lines[:limit])
    return shown + (" …" if len(lines) > limit else "")
