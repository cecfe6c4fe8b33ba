"""What a file's bytes are, and opening Office packages (ZIP archives of XML) safely.

:func:`sniff` names the format from the first bytes, whatever the file is
called.  :func:`open_package` opens an Office Open XML package (.docx,
.xlsx) under limits that stop a zip bomb before anything is unpacked: the
number of members, their total unpacked size and the compression ratio of
each large member, all read from the archive's directory.  (Python's
``zipfile`` never unpacks more than a member's stated size, and a member that
lies about it fails its CRC check, so the stated sizes bound the work.)
:func:`parse_xml` parses a part with lxml without ever expanding an entity or
touching the network, and refuses a part that declares a DTD at all: no
Office part has one, and a DTD is how entity bombs (billion laughs) and
external entities get in.

Every refusal is an :class:`~perflint.domain.problems.InputError` of the
input family: ``INP014`` damaged, ``INP015`` refused as unsafe, ``INP016``
encrypted, ``INP017`` not what its name says.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass
from typing import Any

from perflint.domain.problems import InputError

#: limits on an archive, read from its directory before anything is unpacked
MAX_MEMBERS = 5_000
MAX_UNPACKED = 256 * 1024 * 1024
MAX_PART = 64 * 1024 * 1024
#: members larger than this must not be packed tighter than MAX_RATIO
RATIO_FLOOR = 1024 * 1024
MAX_RATIO = 100

OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTED_PACKAGE = "EncryptedPackage".encode("utf-16-le")
_HTML_START = re.compile(
    rb"\A(?:\xef\xbb\xbf)?\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|meta|table|title|div|p[\s>])",
    re.IGNORECASE | re.DOTALL,
)
_XML_DECL = re.compile(rb"\A(?:\xef\xbb\xbf)?\s*<\?xml", re.IGNORECASE)


def sniff(data: bytes) -> str:
    """The format of ``data`` by its first bytes.

    ``zip``, ``ole2`` (old Word/Excel/WPS, and encrypted Office files),
    ``pdf``, ``rtf``, ``mht`` (a web archive), ``html``, ``xml``, ``utf16``
    (text or markup in UTF-16, told apart by the caller) or ``text``.
    """
    head = data[:1024]
    if head.startswith((b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08")):
        return "zip"
    if head.startswith(OLE2):
        return "ole2"
    if b"%PDF-" in head:
        return "pdf"
    if head.lstrip().startswith(b"{\\rtf"):
        return "rtf"
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf16"
    low = head.lower()
    if low.startswith(b"mime-version:") or (b"mime-version:" in low and b"multipart/related" in low):
        return "mht"
    if _HTML_START.match(head):
        return "html"
    if _XML_DECL.match(head):
        if b"<html" in low or b"xhtml" in low:
            return "html"
        return "xml"
    return "text"


def ole2_encrypted(data: bytes) -> bool:
    """An OLE2 container holding an encrypted Office Open XML package (a password-protected .docx/.xlsx)."""
    return data.startswith(OLE2) and _ENCRYPTED_PACKAGE in data


@dataclass(slots=True)
class Package:
    """An opened Office Open XML package: its archive and what its main part is."""

    zip: zipfile.ZipFile
    #: ``docx``, ``xlsx``, ``pptx``, ``odf`` (OpenDocument) or ``zip`` (anything else)
    kind: str
    main: str | None

    def read(self, name: str, limit: int = MAX_PART) -> bytes:
        """The unpacked bytes of member ``name`` (``INP014`` when it is missing or damaged)."""
        try:
            info = self.zip.getinfo(name)
        except KeyError:
            raise InputError("INP014", "missing-part", part=name, reason=f"no part {name}") from None
        if info.file_size > limit:
            raise InputError(
                "INP015", "part-too-large", part=name, size=info.file_size, limit=limit, reason="too large"
            )
        try:
            return self.zip.read(info)
        except (zipfile.BadZipFile, EOFError, OSError, ValueError, NotImplementedError, RuntimeError) as exc:
            raise _damaged(exc) from None
        except Exception as exc:  # zlib.error and friends: a damaged member
            raise _damaged(exc) from None


def _damaged(exc: BaseException) -> InputError:
    text = str(exc) or type(exc).__name__
    variant = "truncated" if isinstance(exc, EOFError) or "truncated" in text.lower() else "corrupt"
    return InputError("INP014", variant, reason=text)


def open_package(data: bytes) -> Package:
    """Open ``data`` as a ZIP archive and check it against the limits; see the module documentation."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except (zipfile.BadZipFile, EOFError, OSError, ValueError, NotImplementedError) as exc:
        text = str(exc) or type(exc).__name__
        # no end-of-archive record: the file was cut short (a broken download or copy)
        variant = "truncated" if "not a zip file" in text.lower() or isinstance(exc, EOFError) else "corrupt"
        raise InputError("INP014", variant, reason=text) from None
    if len(infos) > MAX_MEMBERS:
        raise InputError("INP015", "too-many-parts", count=len(infos), limit=MAX_MEMBERS, reason="too many parts")
    total = 0
    for info in infos:
        if info.flag_bits & 0x1:
            raise InputError("INP016", "zip-password", reason="encrypted ZIP members")
        total += info.file_size
        if info.file_size > RATIO_FLOOR and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            raise InputError(
                "INP015",
                "ratio",
                part=info.filename,
                ratio=info.file_size // max(info.compress_size, 1),
                limit=MAX_RATIO,
                reason="compression ratio too high",
            )
    if total > MAX_UNPACKED:
        raise InputError("INP015", "unpacked-size", size=total, limit=MAX_UNPACKED, reason="unpacks too large")
    names = {info.filename for info in infos}
    kind, main = _package_kind(archive, names)
    return Package(archive, kind, main)


def _package_kind(archive: zipfile.ZipFile, names: set[str]) -> tuple[str, str | None]:
    main = None
    if "_rels/.rels" in names:
        try:
            root = parse_xml(Package(archive, "zip", None).read("_rels/.rels", 1024 * 1024), "_rels/.rels")
        except InputError:
            root = None
        if root is not None:
            for rel in root:
                if str(rel.get("Type", "")).endswith("/officeDocument"):
                    main = str(rel.get("Target", "")).lstrip("/")
                    break
    if main is None:
        main = next((n for n in ("word/document.xml", "xl/workbook.xml", "ppt/presentation.xml") if n in names), None)
    if main is not None and main.startswith("word/"):
        return "docx", main
    if main is not None and main.startswith("xl/"):
        return "xlsx", main
    if main is not None and main.startswith("ppt/"):
        return "pptx", main
    if "mimetype" in names and "content.xml" in names:
        return "odf", "content.xml"
    return "zip", None


def _prolog_has_dtd(data: bytes) -> bool | None:
    """Does a DTD (``<!DOCTYPE``) come before the root element?  None: the
    prolog goes on past ``data`` (more bytes are needed to tell).

    Comments and processing instructions are skipped as XML defines them, so
    a ``<`` inside a comment is not taken for the root; UTF-16 is decoded first.
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff")) or (len(data) > 1 and (data[0] == 0 or data[1] == 0)):
        codec = (
            "utf-16" if data.startswith((b"\xff\xfe", b"\xfe\xff")) else "utf-16-be" if data[0] == 0 else "utf-16-le"
        )
        text = data.decode(codec, "ignore")
        return _scan_prolog(text.encode("utf-8"))
    return _scan_prolog(data)


def _scan_prolog(data: bytes) -> bool | None:
    i = 3 if data.startswith(b"\xef\xbb\xbf") else 0
    n = len(data)
    while True:
        while i < n and data[i] in b" \t\r\n":
            i += 1
        if i >= n:
            return None
        if data.startswith(b"<?", i):
            j = data.find(b"?>", i + 2)
            if j < 0:
                return None
            i = j + 2
        elif data.startswith(b"<!--", i):
            j = data.find(b"-->", i + 4)
            if j < 0:
                return None
            i = j + 3
        elif data.startswith(b"<!", i):
            if n - i < 9:
                return None
            # <!DOCTYPE, or any other declaration: not an Office part
            return True
        else:
            return False


def parse_xml(data: bytes, part: str = "") -> Any:
    """The root element of an XML part, parsed with lxml: no DTD, no entity
    expansion, no network, no huge-tree mode (``INP015`` for a DTD or an
    entity, ``INP014`` for XML that is not well formed)."""
    # start-up: lxml is imported when an Office document is read
    from lxml import etree

    if _prolog_has_dtd(data):
        raise InputError("INP015", "xml-entities", part=part, reason="the XML declares a DTD or entities")
    parser = etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
    )
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        raise InputError("INP014", "bad-xml", part=part, reason=str(exc)) from None
    except ValueError as exc:
        raise InputError("INP014", "bad-xml", part=part, reason=str(exc)) from None
    if root.getroottree().docinfo.doctype:
        raise InputError("INP015", "xml-entities", part=part, reason="the XML declares a DTD")
    return root


def check_parts(package: Package, suffixes: tuple[str, ...] = (".xml", ".rels")) -> None:
    """Refuse a package any XML part of which declares a DTD (``INP015``).

    For packages a library parses itself (openpyxl): only the first bytes of
    each part are unpacked.
    """
    for info in package.zip.infolist():
        if not info.filename.lower().endswith(suffixes):
            continue
        head = b""
        found: bool | None = None
        try:
            with package.zip.open(info) as fh:
                while found is None:
                    chunk = fh.read(16384)
                    head += chunk
                    found = _prolog_has_dtd(head)
                    if not chunk or len(head) > MAX_PART:
                        break
        except Exception as exc:  # a damaged member
            raise _damaged(exc) from None
        if found:
            raise InputError("INP015", "xml-entities", part=info.filename, reason="the XML declares a DTD or entities")
