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
never see half an entry; a damaged or unreadable entry counts as a miss.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
from pathlib import Path
from typing import Any

from perflint.domain.findings import Aspect, Finding, Severity
from perflint.domain.model import Span
from perflint.domain.result import DeclarationReport, FileReport
from perflint.resources import CACHEDIR_TAG, user_cache_dir

#: bump when the entry layout changes
FORMAT = 2  # 2: findings carry "note"


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

    def entry_key(self, data: bytes, display: str) -> str:
        return digest(self.run_key, display, data)

    def _path(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.json"

    def has(self, key: str) -> bool:
        return self._path(key).is_file()

    def get(self, key: str) -> list[FileReport] | None:
        try:
            raw = self._path(key).read_bytes()
        except OSError:
            self.misses += 1
            return None
        try:
            doc = json.loads(raw)
            if doc.get("format") != FORMAT or doc.get("key") != key:
                raise ValueError("foreign entry")
            reports = [file_from_dict(d) for d in doc["files"]]
        except (ValueError, KeyError, TypeError, AttributeError, IndexError):
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


def clean(root: str | os.PathLike[str]) -> tuple[int, int]:
    """Remove the cache folder ``root``; return (files removed, bytes freed).

    Only a folder perflint made (it holds ``CACHEDIR.TAG`` or only perflint's
    own sub-folders) is removed, so a mistyped ``--cache-dir`` cannot delete
    someone's documents.
    """
    root = Path(root)
    if not root.exists():
        return 0, 0
    if not root.is_dir():
        raise NotADirectoryError(str(root))
    ours = {"CACHEDIR.TAG", "results", "lexicon", "catalog"}
    names = {p.name for p in root.iterdir()}
    if "CACHEDIR.TAG" not in names and not names <= ours:
        raise PermissionError(f"{root}: not a perflint cache (no CACHEDIR.TAG)")
    files = size = 0
    for folder, _dirs, names_ in os.walk(root):
        for name in names_:
            files += 1
            try:
                size += os.lstat(os.path.join(folder, name)).st_size
            except OSError:
                pass
    shutil.rmtree(root)
    return files, size


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
