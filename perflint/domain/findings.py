"""Findings: plain, frozen data that reporters format and never re-compute."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from perflint.domain.model import Span


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return {"error": 3, "warning": 2, "info": 1}[self.value]

    @property
    def zh(self) -> str:
        return {"error": "错误", "warning": "警告", "info": "提示"}[self.value]


class Aspect(StrEnum):
    """The four review aspects of 财预〔2015〕88号."""

    COMPLETENESS = "completeness"  # 完整性
    RELEVANCE = "relevance"  # 相关性
    APPROPRIATENESS = "appropriateness"  # 适当性
    FEASIBILITY = "feasibility"  # 可行性

    @property
    def zh(self) -> str:
        return {
            "completeness": "完整性",
            "relevance": "相关性",
            "appropriateness": "适当性",
            "feasibility": "可行性",
        }[self.value]


@dataclass(frozen=True, slots=True)
class Finding:
    """One reported defect.

    ``message`` and ``suggestion`` hold the rendered text per language
    (``{"zh": …, "en": …}``); ``args`` are the named fields they were
    rendered from.  ``declaration`` is the 0-based index of the declaration
    in its file (``None`` for file-level findings such as input errors).
    """

    code: str
    name: str
    severity: Severity
    path: str
    message: dict[str, str]
    pointer: str = ""
    span: Span | None = None
    declaration: int | None = None
    declaration_name: str | None = None
    aspect: Aspect | None = None
    suggestion: dict[str, str] | None = None
    args: dict[str, Any] = field(default_factory=dict)
    quote: str | None = None
    #: a reading note (what was or was not read), not a defect of the declaration
    note: bool = False
    #: where a reviewer finds the field in the original file (a Word table's cell, a
    #: workbook's cell, a PDF page): ``表2 第7行「指标值」列``, ``专项1!D12``; None for text
    location: str | None = None

    def text(self, lang: str = "zh") -> str:
        return self.message.get(lang) or self.message.get("zh") or next(iter(self.message.values()), "")

    def suggestion_text(self, lang: str = "zh") -> str | None:
        if not self.suggestion:
            return None
        return self.suggestion.get(lang) or self.suggestion.get("zh")

    def sort_key(self) -> tuple:
        span = self.span.to_list() if self.span else [0, 0, 0, 0]
        return (
            self.path,
            -1 if self.declaration is None else self.declaration,
            *span,
            self.code,
            self.pointer,
            self.text("en"),
        )

    def key(self) -> tuple:
        """Compact tuple for tests: (code, line, pointer)."""
        return (self.code, self.span.line if self.span else None, self.pointer)

    def fingerprint(self) -> str:
        """Stable across edits that move lines: path, code, declaration, pointer, args."""
        basis = "\x1f".join(
            [
                self.path.replace("\\", "/"),
                self.code,
                "" if self.declaration is None else str(self.declaration),
                self.pointer,
                repr(sorted((k, str(v)) for k, v in self.args.items())),
            ]
        )
        return hashlib.sha256(basis.encode("utf-8")).hexdigest()[:32]
