"""Rules, profiles and the problems of loading them: the catalog's data."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from perflint.domain.findings import Aspect, Severity
from perflint.domain.result import RuleInfo

#: kinds that exist only in rule data: the ``input`` family documents and
#: renders InputProblems, ``internal`` renders crashes of other kinds.
PSEUDO_KINDS = ("input", "internal")
INTERNAL_ERROR_CODE = "PL001"
DEFAULT_PROFILE = "hunan-2019"
LANGS = ("zh", "en")

# ---------------------------------------------------------------------------
# data
# ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Example:
    """One ``[[examples]]`` entry of a rule (a test case)."""

    rule: str  # code
    index: int  # position among the rule's examples
    case: str  # "bad" | "good"
    data: dict[str, Any]
    count: int | None = None
    profile: str | None = None
    settings: dict[str, Any] = field(default_factory=dict)

    @property
    def id(self) -> str:
        return f"{self.rule}-{self.case}-{self.index}"


@dataclass(frozen=True, slots=True)
class Rule:
    code: str
    name: str
    kind: str
    severity: Severity
    aspect: Aspect
    path: Path
    status: str = "stable"
    since: str = ""
    aliases: tuple[str, ...] = ()
    profiles: tuple[str, ...] | None = None
    params: dict[str, Any] = field(default_factory=dict)
    message: dict[str, str] = field(default_factory=dict)
    messages: dict[str, dict[str, str]] = field(default_factory=dict)
    suggestion: dict[str, str] | None = None
    doc: dict[str, dict[str, str]] = field(default_factory=dict)
    examples: tuple[Example, ...] = ()
    pack: str = "builtin"
    #: a reading note (what was or was not read), not a defect of the declaration:
    #: it never counts towards a grade or the review opinion
    note: bool = False
    #: parts of the form (perflint.domain.model.SECTIONS) this rule claims something is
    #: missing from: it runs only when they were read in full or are surely not there
    needs: tuple[str, ...] = ()
    #: the document kinds the rule judges (perflint.domain.model.DOCUMENT_KINDS)
    documents: tuple[str, ...] = ("declaration", "approval", "notice")

    @property
    def family(self) -> str:
        return re.sub(r"[0-9]+$", "", self.code)

    def template(self, variant: str | None = None) -> dict[str, str]:
        if variant and variant in self.messages:
            return self.messages[variant]
        return self.message

    def doc_text(self, section: str, lang: str = "zh") -> str:
        return (self.doc.get(lang) or {}).get(section) or (self.doc.get("zh") or {}).get(section, "")

    def enabled_in(self, profile: str) -> bool:
        return self.profiles is None or profile in self.profiles

    def info(self, docs_url: str | None = None) -> RuleInfo:
        """What reporters need of the rule; ``docs_url`` is a URL template with ``{code}``
        (and ``{name}``) for the rule's documentation page."""
        return RuleInfo(
            code=self.code,
            name=self.name,
            severity=self.severity,
            aspect=str(self.aspect),
            summary={lang: self.doc_text("summary", lang) for lang in LANGS},
            why={lang: self.doc_text("why", lang) for lang in LANGS},
            help_uri=docs_url.format(code=self.code, name=self.name) if docs_url else None,
            family=self.family,
            note=self.note,
        )


@dataclass(frozen=True, slots=True)
class Profile:
    name: str
    path: Path
    title: dict[str, str] = field(default_factory=dict)
    description: dict[str, str] = field(default_factory=dict)
    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] = ()
    severity: dict[str, Severity] = field(default_factory=dict)
    settings: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Problem:
    """One defect in a rule pack, profile or config file."""

    path: str
    line: int | None
    key: str
    message: dict[str, str]  # {"zh": …, "en": …}

    def text(self, lang: str = "zh") -> str:
        where = self.path if self.line is None else f"{self.path}:{self.line}"
        key = f" [{self.key}]" if self.key else ""
        return f"{where}{key}: {self.message.get(lang) or self.message['zh']}"


class CatalogError(Exception):
    """Rule packs or profiles are broken; nothing may run."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("\n".join(p.text("en") for p in problems))
        self.problems = problems

    def text(self, lang: str = "zh") -> str:
        return "\n".join(p.text(lang) for p in self.problems)


class ReferenceError_(LookupError):
    """A rule reference (code, name, prefix or alias) that matches nothing."""

    def __init__(self, ref: str, suggestion: str | None) -> None:
        super().__init__(ref)
        self.ref = ref
        self.suggestion = suggestion
