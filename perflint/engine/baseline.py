"""Baselines: record today's findings, then report only what is new.

``perflint check --write-baseline FILE`` records every finding of a run by a
*content* fingerprint; ``perflint check --baseline FILE`` drops the findings
the file records and counts how many were dropped and how many recorded
findings are gone (fixed).

The fingerprint is made of what a reviewer would call "the same problem":

* the rule code and the file (path with forward slashes);
* the declaration, by its project name (else its unit, else its number in
  the file), so that another form inserted before it changes nothing;
* the field, as a JSON pointer with its row numbers left out
  (``/indicators/*/value``), so that a row inserted above changes nothing;
* the quoted text of the field, with its white space collapsed.

Line and column numbers, the declaration's position and the message's
arguments (which may count rows) are left out, so moving lines, reordering
forms and unrelated edits keep a finding's fingerprint.  Two findings with the
same fingerprint (the same rule on two rows quoting the same text) are
counted: the baseline holds how many there were, and one more is new.

The file is JSON, sorted, without a date, so that it diffs well in a
repository; each entry also shows the rule, file, declaration, field and
quote it was made from, for a person reading the diff.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import stat
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from perflint.domain.findings import Finding
from perflint.domain.result import DeclarationReport, FileReport

FORMAT = "perflint-baseline"
VERSION = 1

_INDEX = re.compile(r"/\d+(?=/|$)")
_SPACE = re.compile(r"\s+")


class BaselineError(Exception):
    """A baseline file that cannot be read or written: ``reason`` per language."""

    def __init__(self, path: str | Path, zh: str, en: str) -> None:
        super().__init__(f"{path}: {en}")
        self.path = str(path)
        self.reason = {"zh": zh, "en": en}

    def text(self, lang: str = "zh") -> str:
        return f"{self.path}: {self.reason.get(lang) or self.reason['zh']}"


def declaration_identity(finding: Finding, decl: DeclarationReport | None) -> str:
    """The declaration a finding belongs to, by what it is called rather than where it sits."""
    if finding.declaration is None:
        return ""
    if decl is not None:
        if decl.name:
            return f"name:{decl.name.strip()}"
        if decl.unit:
            return f"unit:{decl.unit.strip()}"
    if finding.declaration_name:
        return f"name:{finding.declaration_name.strip()}"
    return f"#{finding.declaration + 1}"


def field_path(pointer: str) -> str:
    """The JSON pointer without row numbers: ``/indicators/3/value`` → ``/indicators/*/value``."""
    return _INDEX.sub("/*", pointer or "")


def entry_of(finding: Finding, decl: DeclarationReport | None) -> dict[str, str]:
    """What the fingerprint is made of, readable."""
    return {
        "code": finding.code,
        "path": finding.path.replace("\\", "/"),
        "declaration": declaration_identity(finding, decl),
        "field": field_path(finding.pointer),
        "quote": _SPACE.sub(" ", finding.quote or "").strip(),
    }


def fingerprint(entry: dict[str, str]) -> str:
    basis = "\x1f".join(entry[k] for k in ("code", "path", "declaration", "field", "quote"))
    return hashlib.sha256(basis.encode("utf-8")).hexdigest()[:32]


def _pairs(report: FileReport) -> list[tuple[Finding, DeclarationReport | None]]:
    out: list[tuple[Finding, DeclarationReport | None]] = [(f, None) for f in report.findings]
    for decl in report.declarations:
        out += [(f, decl) for f in decl.findings]
    return out


@dataclass
class BaselineWriter:
    """Collects the fingerprints of a run (``--write-baseline``)."""

    entries: dict[str, dict[str, Any]] = field(default_factory=dict)

    def add(self, report: FileReport) -> None:
        for finding, decl in _pairs(report):
            entry = entry_of(finding, decl)
            key = fingerprint(entry)
            if key in self.entries:
                self.entries[key]["count"] += 1
            else:
                self.entries[key] = {"fingerprint": key, **entry, "count": 1}

    @property
    def findings(self) -> int:
        return sum(e["count"] for e in self.entries.values())

    def document(self) -> dict[str, Any]:
        rows = sorted(
            self.entries.values(), key=lambda e: (e["path"], e["declaration"], e["code"], e["field"], e["quote"])
        )
        return {"format": FORMAT, "version": VERSION, "findings": rows}

    def write(self, path: str | Path) -> None:
        """Write the baseline atomically (a temporary file renamed into place), with the
        mode the umask gives a new file or the mode the old file had."""
        text = json.dumps(self.document(), ensure_ascii=False, indent=2) + "\n"
        real = os.path.realpath(path)
        folder, name = os.path.split(real)
        try:
            try:
                mode = stat.S_IMODE(os.stat(real).st_mode)
            except FileNotFoundError:
                mask = os.umask(0o022)
                os.umask(mask)
                mode = 0o666 & ~mask
            fd, tmp = tempfile.mkstemp(dir=folder or ".", prefix=f".{name}.", suffix=".tmp")
            try:
                with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as out:
                    out.write(text)
                os.chmod(tmp, mode)
                os.replace(tmp, real)
            except BaseException:
                try:
                    os.unlink(tmp)
                except OSError:
                    pass
                raise
        except OSError as exc:
            reason = exc.strerror or str(exc)
            raise BaselineError(path, f"无法写入基线文件：{reason}", f"cannot write the baseline: {reason}") from None


@dataclass
class Baseline:
    """A recorded baseline, applied to the reports of a run (``--baseline``)."""

    #: fingerprint -> how many findings it stood for
    counts: Counter[str]
    #: fingerprint -> the file it belongs to
    paths: dict[str, str]
    #: findings of this run the baseline left out
    matched: int = 0
    #: files of this run (only their entries can be "fixed")
    seen: set[str] = field(default_factory=set)
    left: Counter[str] = field(default_factory=Counter)

    @classmethod
    def load(cls, path: str | Path) -> Baseline:
        try:
            text = Path(path).read_text("utf-8-sig")
        except FileNotFoundError:
            raise BaselineError(
                path,
                "基线文件不存在（先用 --write-baseline 生成）。",
                "the baseline file does not exist (make one with --write-baseline).",
            ) from None
        except (OSError, UnicodeDecodeError) as exc:
            reason = getattr(exc, "strerror", None) or str(exc)
            raise BaselineError(path, f"无法读取基线文件：{reason}", f"cannot read the baseline: {reason}") from None
        try:
            doc = json.loads(text)
        except json.JSONDecodeError as exc:
            raise BaselineError(
                path,
                f"基线文件不是有效的 JSON（第 {exc.lineno} 行第 {exc.colno} 列：{exc.msg}）。",
                f"the baseline is not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg}).",
            ) from None
        if not isinstance(doc, dict) or doc.get("format") != FORMAT or not isinstance(doc.get("findings"), list):
            raise BaselineError(
                path,
                "不是 perflint 基线文件（应由 --write-baseline 生成）。",
                "not a perflint baseline (made by --write-baseline).",
            )
        if doc.get("version") != VERSION:
            raise BaselineError(
                path,
                f"基线文件版本 {doc.get('version')!r} 不受支持（支持 {VERSION}），请重新生成。",
                f"baseline version {doc.get('version')!r} is not supported (expected {VERSION}); write it again.",
            )
        counts: Counter[str] = Counter()
        paths: dict[str, str] = {}
        for i, row in enumerate(doc["findings"]):
            key = row.get("fingerprint") if isinstance(row, dict) else None
            n = row.get("count", 1) if isinstance(row, dict) else None
            if not isinstance(key, str) or not isinstance(n, int) or isinstance(n, bool) or n < 1:
                raise BaselineError(
                    path,
                    f"基线第 {i + 1} 条缺少 fingerprint 或 count 无效。",
                    f"entry {i + 1} has no fingerprint or an invalid count.",
                )
            counts[key] += n
            paths[key] = str(row.get("path", ""))
        return cls(counts=counts, paths=paths, left=Counter(counts))

    def apply(self, report: FileReport) -> FileReport:
        """Drop the findings the baseline records from ``report`` (in place) and return it."""
        self.seen.add(report.path.replace("\\", "/"))

        def keep(finding: Finding, decl: DeclarationReport | None) -> bool:
            key = fingerprint(entry_of(finding, decl))
            if self.left[key] > 0:
                self.left[key] -= 1
                self.matched += 1
                return False
            return True

        report.findings = [f for f in report.findings if keep(f, None)]
        for decl in report.declarations:
            decl.findings = [f for f in decl.findings if keep(f, decl)]
        return report

    @property
    def fixed(self) -> int:
        """Recorded findings of the files checked in this run that did not come back."""
        return sum(n for key, n in self.left.items() if n > 0 and self.paths.get(key) in self.seen)
