"""The result of a run: what reporters receive.

The engine fills these; reporters only read them.  Everything is sorted
deterministically before it reaches a reporter.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from perflint.findings import Finding, Severity


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
