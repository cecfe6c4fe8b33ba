"""The result cache: findings of files that have not changed since the last run.

Where it lives (first that applies): ``--cache-dir``, ``cache-dir`` in the
configuration, the environment variable ``PERFLINT_CACHE_DIR``,
``$XDG_CACHE_HOME/perflint``, ``~/.cache/perflint``.  ``perflint clean``
removes it; ``--no-cache`` (or ``cache = false``) neither reads nor writes it.

Layout::

    <cache dir>/CACHEDIR.TAG          marks the folder as a cache for backup tools
    <cache dir>/results/<run key>/<2 hex>/<entry key>.json

The *run key* is a hash of everything that can change a file's findings
other than the file itself: the perflint version, the effective
configuration (profile, selection, settings, severities, grade formula,
the date taken as today, reading options) and the rule catalog (every
active rule's kind, parameters, messages and the code of the kinds that run
them, by module and plugin version).  The *entry key* adds the file's display
path (findings carry it, and per-file ignores depend on it) and a hash of its
bytes.  Changing any of these makes a new key; stale entries are simply never
read again, and ``perflint clean`` reclaims the space.

Entries are JSON, not pickle: a cache folder restored from a CI cache or
shared between users must not be able to run code.  Every entry is written to
a temporary file in the same folder and renamed into place, so concurrent runs
never see half an entry.

What is read back is untrusted data (:func:`check_entry`): an entry whose
shape, types or bounds are not what :meth:`ResultCache.put` writes -- no report
for the file, a report or finding at another path, a line count beyond what
:data:`MAX_LINES`, a span outside the file, an unknown severity or
grade, a number that is not finite, an entry larger than :data:`MAX_ENTRY` --
is a miss, and the file is checked again.  (Validation cannot tell a forged
entry that is well formed from a real one: whoever can write the cache folder
decides what it says, so a cache is shared only with those trusted to write it.)
"""

from __future__ import annotations

import hashlib
import json
import math
import os
import re
import stat
import tempfile
from pathlib import Path
from typing import Any

from perflint.domain.findings import Aspect, Finding, Severity
from perflint.domain.model import DOCUMENT_KINDS, Span
from perflint.domain.result import DeclarationReport, FileReport
from perflint.engine.grade import GRADES
from perflint.ingest.files import _plausible_origin
from perflint.resources import CACHEDIR_TAG, user_cache_dir

#: bump when the entry layout changes
FORMAT = 2  # 2: findings carry "note"
#: the largest entry file read back (bytes); a larger one is a miss
MAX_ENTRY = 64 << 20
#: the most lines an entry may claim (a list of this many lines is 32 MB; a longer
#: file -- 4 million lines, where the default size limit is 20 MB -- is just checked again)
MAX_LINES = 1 << 22


def default_cache_dir() -> Path:
    """``$PERFLINT_CACHE_DIR``, else ``$XDG_CACHE_HOME/perflint``, else ``~/.cache/perflint``."""
    return user_cache_dir()


def digest(*parts: bytes | str) -> str:
    h = hashlib.blake2b(digest_size=20)
    for part in parts:
        data = part.encode("utf-8") if isinstance(part, str) else part
        h.update(len(data).to_bytes(8, "little"))
        h.update(data)
    return h.hexdigest()


class ResultCache:
    """Findings per (file bytes, display path) under one run key."""

    def __init__(self, root: str | os.PathLike[str], run_key: str) -> None:
        self.root = Path(root)
        self.run_key = run_key
        self.folder = self.root / "results" / run_key[:32]
        self.hits = 0
        self.misses = 0
        #: the first write error (reported once by the caller), if any
        self.error: str | None = None
        self._ready = False
        #: key -> display path of the keys made but not yet read: an entry must be that file's
        self._made: dict[str, str] = {}

    def entry_key(self, data: bytes, display: str) -> str:
        key = digest(self.run_key, display, data)
        self._made[key] = display
        return key

    def _path(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.json"

    def has(self, key: str) -> bool:
        found = self._path(key).is_file()
        if not found:
            self._made.pop(key, None)
        return found

    def get(self, key: str) -> list[FileReport] | None:
        display = self._made.pop(key, None)
        try:
            path = self._path(key)
            if path.stat().st_size > MAX_ENTRY:
                raise ValueError("entry too large")
            doc = json.loads(path.read_bytes())
            if not isinstance(doc, dict) or doc.get("format") != FORMAT or doc.get("key") != key:
                raise ValueError("foreign entry")
            check_entry(doc["files"], display)
            reports = [file_from_dict(d) for d in doc["files"]]
        except (OSError, ValueError, KeyError, TypeError, AttributeError, IndexError, RecursionError):
            self.misses += 1
            return None
        self.hits += 1
        return reports

    def put(self, key: str, reports: list[FileReport]) -> None:
        if self.error is not None:
            return
        target = self._path(key)
        data = json.dumps(
            {"format": FORMAT, "key": key, "files": [file_to_dict(r) for r in reports]},
            ensure_ascii=False,
            separators=(",", ":"),
        ).encode("utf-8")
        try:
            if not self._ready:
                _prepare(self.root)
                self._ready = True
            target.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".tmp-", suffix=".json")
            try:
                with os.fdopen(fd, "wb") as fh:
                    fh.write(data)
                os.replace(tmp, target)
            except BaseException:
                with _suppress():
                    os.unlink(tmp)
                raise
        except OSError as exc:
            self.error = f"{exc.filename or target}: {exc.strerror or exc}"


class _suppress:
    def __enter__(self) -> None:
        return None

    def __exit__(self, *exc: object) -> bool:
        return True


def _prepare(root: Path) -> None:
    root.mkdir(parents=True, exist_ok=True)
    tag = root / "CACHEDIR.TAG"
    if not tag.exists():
        try:
            tag.write_text(CACHEDIR_TAG, "utf-8")
        except OSError:
            pass


#: what perflint writes in a cache folder, by sub-folder: the names of its files
#: (temporary and lock files included) and how each kind of file begins
_RESULT_DIR = re.compile(r"[0-9a-f]{32}\Z")
_SHARD_DIR = re.compile(r"[0-9a-f]{2}\Z")
_OURS: dict[str, list[tuple[re.Pattern[str], bytes | None]]] = {
    "results": [
        (re.compile(r"[0-9a-f]{40}\.json\Z"), b'{"format":'),
        (re.compile(r"\.tmp-[A-Za-z0-9_]+\.json\Z"), None),
    ],
    "catalog": [
        (re.compile(r"[0-9a-f]{16}\.json\Z"), b'{"key": "'),
        (re.compile(r"\.[0-9a-f]{16}\.json\.\d+\.tmp\Z"), None),
    ],
    "regex": [  # perflint/_regex_cache.py
        (re.compile(r"[\w.-]+-[0-9a-f]{16}\.json\Z"), b'{"identity": "'),
        (re.compile(r"\.[\w.-]+-[0-9a-f]{16}\.json\.\d+\.tmp\Z"), None),
    ],
    "lexicon": [
        (re.compile(r"jieba-[\w.+-]+-[0-9a-f]{16}\.idx\Z"), b"PFLEX\x00"),
        (re.compile(r"jieba-[\w.+-]+-[0-9a-f]{16}\.idx\.lock\Z"), b""),
        (re.compile(r"\.jieba-[\w.+-]+-[0-9a-f]{16}\.idx\.[A-Za-z0-9_]+\.tmp\Z"), None),
    ],
}


def _ours(path: str, kinds: list[tuple[re.Pattern[str], bytes | None]]) -> bool:
    """A regular file (not a link) whose name and first bytes are those of a file perflint writes."""
    name = os.path.basename(path)
    for pattern, head in kinds:
        if pattern.match(name):
            try:
                if not stat.S_ISREG(os.lstat(path).st_mode):
                    return False
                if head is None:
                    return True
                with open(path, "rb") as f:
                    start = f.read(len(head) or 1)
                return start == head if head else start == b""
            except OSError:
                return False
    return False


def _entries(root: Path) -> list[str]:
    """The files of ``root`` that perflint wrote (walks only perflint's own folder layout)."""
    found: list[str] = []

    def listing(folder: str) -> list[str]:
        try:
            return sorted(os.listdir(folder))
        except OSError:
            return []

    def folders(folder: str, pattern: re.Pattern[str]) -> list[str]:
        out = []
        for name in listing(folder):
            path = os.path.join(folder, name)
            if pattern.match(name) and not os.path.islink(path) and os.path.isdir(path):
                out.append(path)
        return out

    for sub, kinds in _OURS.items():
        top = os.path.join(root, sub)
        if os.path.islink(top) or not os.path.isdir(top):
            continue
        leaves = [top]
        if sub == "results":  # results/<run key>/<2 hex>/<entry>.json
            leaves = [shard for run in folders(top, _RESULT_DIR) for shard in folders(run, _SHARD_DIR)]
        for leaf in leaves:
            found.extend(p for p in (os.path.join(leaf, n) for n in listing(leaf)) if _ours(p, kinds))
    return found


def _layout(root: Path) -> list[str]:
    """perflint's own sub-folders of ``root`` (no links), deepest first."""
    out = []
    results = os.path.join(root, "results")
    if os.path.isdir(results) and not os.path.islink(results):
        for run in sorted(os.listdir(results)):
            run_dir = os.path.join(results, run)
            if not _RESULT_DIR.match(run) or os.path.islink(run_dir) or not os.path.isdir(run_dir):
                continue
            for shard in sorted(os.listdir(run_dir)):
                shard_dir = os.path.join(run_dir, shard)
                if _SHARD_DIR.match(shard) and not os.path.islink(shard_dir) and os.path.isdir(shard_dir):
                    out.append(shard_dir)
            out.append(run_dir)
    for sub in _OURS:
        path = os.path.join(root, sub)
        if os.path.isdir(path) and not os.path.islink(path):
            out.append(path)
    return out


def clean(root: str | os.PathLike[str]) -> tuple[int, int]:
    """Remove what perflint wrote in the cache folder ``root``; return (files removed, bytes freed).

    Only files perflint writes are removed -- recognised by their place in its layout,
    their names and their first bytes -- then the folders they leave empty, and the
    folder's ``CACHEDIR.TAG`` when it is perflint's and nothing else is left.  Anything
    else stays: a mistyped ``--cache-dir`` cannot delete someone's documents, nor a
    ``CACHEDIR.TAG`` another tool wrote make a folder perflint's.  A folder holding
    nothing perflint wrote but something else raises PermissionError.
    """
    root = Path(root)
    if not root.exists():
        return 0, 0
    if root.is_symlink() or not root.is_dir():
        raise NotADirectoryError(str(root))
    files = size = 0
    for path in _entries(root):
        try:
            size += os.lstat(path).st_size
            os.unlink(path)
            files += 1
        except FileNotFoundError:
            continue
    for folder in _layout(root):  # perflint's folders left empty, deepest first
        with _suppress():
            os.rmdir(folder)  # fails unless empty
    tag = root / "CACHEDIR.TAG"
    left = os.listdir(root)
    if left == ["CACHEDIR.TAG"] and not tag.is_symlink():
        with _suppress():
            if tag.read_text("utf-8") == CACHEDIR_TAG:
                os.unlink(tag)
                os.rmdir(root)
                files += 1
                size += len(CACHEDIR_TAG)
    elif not left:
        with _suppress():
            os.rmdir(root)
    if files == 0 and root.exists() and os.listdir(root):
        raise PermissionError(f"{root}: not a perflint cache (nothing perflint wrote)")
    return files, size


# ---------------------------------------------------------------------------
# checking an entry read back: shape, types and bounds
# ---------------------------------------------------------------------------

_SEVERITIES = frozenset(s.value for s in Severity)
_ASPECTS = frozenset(str(a) for a in Aspect)


def _need(ok: bool) -> None:
    if not ok:
        raise ValueError("not an entry perflint wrote")


def _opt(value: Any, kind: type) -> bool:
    return value is None or isinstance(value, kind)


def _str_map(value: Any) -> bool:
    return isinstance(value, dict) and all(isinstance(k, str) and isinstance(v, str) for k, v in value.items())


def _count(value: Any) -> bool:
    return type(value) is int and value >= 0


def _check_finding(f: Any, path: str, line_count: int) -> None:
    _need(isinstance(f, dict) and f.get("path") == path)
    _need(isinstance(f.get("code"), str) and isinstance(f.get("name"), str) and f.get("severity") in _SEVERITIES)
    message = f.get("message")
    _need(_str_map(message) and isinstance(message.get("zh"), str))
    _need(isinstance(f.get("pointer"), str) and isinstance(f.get("args"), dict))
    span = f.get("span")
    if span is not None:
        _need(isinstance(span, list) and len(span) == 4 and all(_count(n) for n in span))
        line, column, end_line, end_column = span
        _need(1 <= line <= end_line <= line_count and (line, column) <= (end_line, end_column))
    _need(f.get("declaration") is None or _count(f.get("declaration")))
    _need(_opt(f.get("declaration_name"), str) and (f.get("aspect") is None or f.get("aspect") in _ASPECTS))
    _need(f.get("suggestion") is None or _str_map(f.get("suggestion")))
    _need(_opt(f.get("quote"), str) and _opt(f.get("location"), str) and isinstance(f.get("note", False), bool))


def _check_report(d: Any, line_limit: int) -> None:
    _need(isinstance(d, dict) and isinstance(d.get("path"), str) and _opt(d.get("encoding"), str))
    _need(isinstance(d.get("readable"), bool))
    line_count = d.get("line_count")
    _need(_count(line_count) and line_count <= line_limit)
    lines = d.get("lines")
    _need(_str_map(lines) and all(k.isdigit() and 1 <= int(k) <= line_count for k in lines))
    suppressed = d.get("suppressed_by")
    _need(isinstance(suppressed, dict) and all(isinstance(k, str) and _count(v) for k, v in suppressed.items()))
    path = d["path"]
    findings, declarations = d.get("findings"), d.get("declarations")
    _need(isinstance(findings, list) and isinstance(declarations, list))
    for f in findings:
        _check_finding(f, path, line_count)
    for x in declarations:
        _need(isinstance(x, dict) and x.get("path") == path and _count(x.get("index")))
        _need(isinstance(x.get("form_type"), str) and all(_opt(x.get(k), str) for k in ("name", "unit", "total")))
        _need(x.get("year") is None or type(x.get("year")) is int)
        _need(x.get("grade") in ("", *GRADES) and x.get("document_kind", "declaration") in DOCUMENT_KINDS)
        score = x.get("score")
        _need(type(score) in (int, float) and math.isfinite(score) and 0 <= score <= 100)
        aspects = x.get("aspects")
        _need(isinstance(aspects, dict) and all(isinstance(v, dict) for v in aspects.values()))
        _need(all(_count(n) for v in aspects.values() for n in v.values()))
        _need(_opt(x.get("ungraded"), str) and (x.get("reading") is None or isinstance(x.get("reading"), dict)))
        _need(isinstance(x.get("findings"), list))
        for f in x["findings"]:
            _check_finding(f, path, line_count)


def check_entry(files: Any, display: str | None) -> None:
    """Raise ValueError unless ``files`` is what :meth:`ResultCache.put` writes for the
    file shown as ``display`` (None: not known): its own report first, then only
    reports at files a JSON file may point to; every span inside its file."""
    _need(isinstance(files, list) and len(files) >= 1)
    for n, d in enumerate(files):
        _check_report(d, MAX_LINES)
        if display is not None:
            _need(d["path"] == display if n == 0 else d["path"] != display and _plausible_origin(d["path"], display))


# ---------------------------------------------------------------------------
# (de)serialisation: plain JSON data, nothing that can run code
# ---------------------------------------------------------------------------


def finding_to_dict(f: Finding) -> dict[str, Any]:
    return {
        "code": f.code,
        "name": f.name,
        "severity": f.severity.value,
        "path": f.path,
        "message": f.message,
        "pointer": f.pointer,
        "span": f.span.to_list() if f.span else None,
        "declaration": f.declaration,
        "declaration_name": f.declaration_name,
        "aspect": None if f.aspect is None else str(f.aspect),
        "suggestion": f.suggestion,
        "args": f.args,
        "quote": f.quote,
        "note": f.note,
        "location": f.location,
    }


def finding_from_dict(d: dict[str, Any]) -> Finding:
    return Finding(
        code=d["code"],
        name=d["name"],
        severity=Severity(d["severity"]),
        path=d["path"],
        message=dict(d["message"]),
        pointer=d["pointer"],
        span=None if d["span"] is None else Span.from_list(d["span"]),
        declaration=d["declaration"],
        declaration_name=d["declaration_name"],
        aspect=None if d["aspect"] is None else Aspect(d["aspect"]),
        suggestion=d["suggestion"],
        args=d["args"],
        quote=d["quote"],
        note=bool(d.get("note", False)),
        location=d.get("location"),
    )


def file_to_dict(r: FileReport) -> dict[str, Any]:
    # only the source lines a finding points at are kept (the others are "")
    keep: dict[int, str] = {}
    for f in r.iter_findings():
        if f.span is not None:
            for n in range(max(f.span.line, 1), min(f.span.end_line, len(r.lines)) + 1):
                keep[n] = r.lines[n - 1]
    return {
        "path": r.path,
        "encoding": r.encoding,
        "readable": r.readable,
        "line_count": len(r.lines),
        "lines": {str(n): text for n, text in sorted(keep.items())},
        "suppressed_by": r.suppressed_by,
        "findings": [finding_to_dict(f) for f in r.findings],
        "declarations": [
            {
                "path": d.path,
                "index": d.index,
                "form_type": d.form_type,
                "name": d.name,
                "unit": d.unit,
                "year": d.year,
                "total": d.total,
                "grade": d.grade,
                "score": d.score,
                "aspects": d.aspects,
                "findings": [finding_to_dict(f) for f in d.findings],
                "document_kind": d.document_kind,
                "ungraded": d.ungraded,
                "reading": d.reading,
            }
            for d in r.declarations
        ],
    }


def file_from_dict(d: dict[str, Any]) -> FileReport:
    lines = [""] * int(d["line_count"])
    for n, text in d["lines"].items():
        lines[int(n) - 1] = text
    return FileReport(
        path=d["path"],
        encoding=d["encoding"],
        readable=d["readable"],
        lines=lines,
        suppressed_by=dict(d["suppressed_by"]),
        findings=[finding_from_dict(f) for f in d["findings"]],
        declarations=[
            DeclarationReport(
                path=x["path"],
                index=x["index"],
                form_type=x["form_type"],
                name=x["name"],
                unit=x["unit"],
                year=x["year"],
                total=x["total"],
                grade=x["grade"],
                score=x["score"],
                aspects=x["aspects"],
                findings=[finding_from_dict(f) for f in x["findings"]],
                document_kind=x.get("document_kind", "declaration"),
                ungraded=x.get("ungraded"),
                reading=x.get("reading"),
            )
            for x in d["declarations"]
        ],
    )
