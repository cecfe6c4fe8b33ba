"""The result of a run: what reporters receive.

The engine fills these; reporters only read them.  Everything is sorted
deterministically before it reaches a reporter.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from perflint.domain.findings import Finding, Severity


@dataclass(frozen=True, slots=True)
class RuleInfo:
    """Rule metadata reporters need (SARIF rules, HTML glossary, explain)."""

    code: str
    name: str
    severity: Severity
    aspect: str
    summary: dict[str, str]  # {"zh": …, "en": …}
    why: dict[str, str] = field(default_factory=dict)
    help_uri: str | None = None
    family: str = ""
    #: a reading note, not a defect (see perflint.catalog.rules.Rule.note)
    note: bool = False


@dataclass(slots=True)
class DeclarationReport:
    """One declaration as reported: identity, grade and its findings."""

    path: str
    index: int
    form_type: str
    name: str | None
    unit: str | None  # filing unit or department
    year: int | None
    total: str | None  # total funds as written, with unit (e.g. "556 万元")
    grade: str  # 优 / 良 / 中 / 差
    score: float
    #: per review aspect (completeness, relevance, appropriateness, feasibility):
    #: {"findings": n, "errors": n, "warnings": n, "infos": n}
    aspects: dict[str, dict[str, int]] = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)
    #: what the document is (perflint.domain.model.DOCUMENT_KINDS)
    document_kind: str = "declaration"
    #: why it has no grade (``grade`` is then ""): the document kind, or
    #: ``indicators-partial`` / ``indicators-unread`` / ``indicators-unreliable`` (more than
    #: half of the table's rows not read reliably); None when graded
    ungraded: str | None = None
    #: what was read (perflint.domain.model.Reading.to_dict()), None for JSON input
    reading: dict[str, Any] | None = None

    @property
    def defects(self) -> list[Finding]:
        """The findings about the declaration itself, without reading notes."""
        return [f for f in self.findings if not f.note]

    @property
    def notes(self) -> list[Finding]:
        """Reading notes: what was or was not read, what the document is."""
        return [f for f in self.findings if f.note]

    @property
    def display_name(self) -> str:
        return self.name or self.unit or f"#{self.index + 1}"


@dataclass(slots=True)
class FileReport:
    path: str
    encoding: str | None = None
    readable: bool = True
    declarations: list[DeclarationReport] = field(default_factory=list)
    #: findings not tied to one declaration (input problems, bundle-level)
    findings: list[Finding] = field(default_factory=list)
    #: source lines, for reporters that show the offending line (1-based index + 1)
    lines: list[str] = field(default_factory=list)
    #: findings dropped by ignores in this file, per rule (counted, never shown)
    suppressed_by: dict[str, int] = field(default_factory=dict)

    def iter_findings(self) -> Iterator[Finding]:
        """The file's own findings, then each declaration's, in report order."""
        yield from self.findings
        for decl in self.declarations:
            yield from decl.findings


@dataclass(slots=True)
class RunResult:
    files: list[FileReport] = field(default_factory=list)
    rules: dict[str, RuleInfo] = field(default_factory=dict)  # code -> info, for rules that fired
    suppressed: int = 0  # findings dropped by ignores / per-file ignores
    profile: str = ""
    version: str = ""
    options: dict[str, Any] = field(default_factory=dict)

    @property
    def findings(self) -> list[Finding]:
        out: list[Finding] = []
        for f in self.files:
            out.extend(f.findings)
            for d in f.declarations:
                out.extend(d.findings)
        return sorted(out, key=Finding.sort_key)

    @property
    def declarations(self) -> list[DeclarationReport]:
        return [d for f in self.files for d in f.declarations]

    def counts(self) -> dict[str, int]:
        out = {s.value: 0 for s in Severity}
        for f in self.findings:
            out[f.severity.value] += 1
        return out

    @property
    def unreadable_files(self) -> int:
        return sum(1 for f in self.files if not f.readable)


@dataclass(slots=True)
class RunSummary:
    """What a streaming run keeps about the files already reported: counts only.

    The engine hands each :class:`FileReport` to the reporters as soon as it is
    complete and then forgets it; this summary is all that grows, and it grows
    with the number of distinct rules, not with the number of files.
    """

    profile: str = ""
    version: str = ""
    options: dict[str, Any] = field(default_factory=dict)
    counts: dict[str, int] = field(default_factory=lambda: {s.value: 0 for s in Severity})
    by_rule: dict[str, int] = field(default_factory=dict)
    grades: dict[str, int] = field(default_factory=dict)
    files: int = 0
    declarations: int = 0
    unreadable_files: int = 0
    suppressed: int = 0
    suppressed_by_rule: dict[str, int] = field(default_factory=dict)
    #: code -> info, for rules that fired (filled by the engine at the end)
    rules: dict[str, RuleInfo] = field(default_factory=dict)
    #: highest severity rank seen (-1: no finding)
    max_rank: int = -1
    internal_errors: int = 0
    #: files answered from the result cache
    cached_files: int = 0

    def add(self, report: FileReport, suppressed_by: dict[str, int] | None = None) -> None:
        self.files += 1
        if not report.readable:
            self.unreadable_files += 1
        self.declarations += len(report.declarations)
        for decl in report.declarations:
            self.grades[decl.grade] = self.grades.get(decl.grade, 0) + 1
        for finding in report.iter_findings():
            self.counts[finding.severity.value] += 1
            self.by_rule[finding.code] = self.by_rule.get(finding.code, 0) + 1
            self.max_rank = max(self.max_rank, finding.severity.rank)
            if finding.code == "PL001":
                self.internal_errors += 1
        for code, n in (suppressed_by or {}).items():
            self.suppressed += n
            self.suppressed_by_rule[code] = self.suppressed_by_rule.get(code, 0) + n

    @property
    def findings(self) -> int:
        return sum(self.counts.values())
