"""Grades per declaration: 优 / 良 / 中 / 差, the four review grades of 财预〔2015〕88号.

The formula (every number is configurable under ``[tool.perflint.grade]``)::

    penalty(s) = min(cap[s], weight[s] × n[s])      for s in error, warning, info
    score      = max(0, 100 − Σ penalty(s))

where ``n[s]`` counts the declaration's findings of severity ``s``, each rule
counted at most ``per-rule-max`` times (one systematic defect repeated on
every indicator row should not sink a form on its own).  Defaults:

============  ======  =====
severity      weight  cap
============  ======  =====
error         20      100
warning       5       30
info          1       10
============  ======  =====

Bands: 优 ≥ 90, 良 ≥ 80, 中 ≥ 60, 差 < 60 (the score bands the 预算司 unified
for evaluation results).  A declaration with any error is graded at best 中
(``error-cap``): under 88号 a 中 form is returned for revision, and an error is
by definition something that blocks submission.

Info findings cost at most 10 points and warnings at most 30, so advice
alone never takes a form below 良 and a form without errors never falls below
中: 差 ("does not enter the next budget step") needs at least one error, a
defect that blocks submission.

Findings are also counted per review aspect (完整性 completeness, 相关性
relevance, 适当性 appropriateness, 可行性 feasibility).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from perflint.domain.findings import Aspect, Finding, Severity

GRADES = ("优", "良", "中", "差")
GRADE_EN = {"优": "excellent", "良": "good", "中": "fair", "差": "poor"}


@dataclass(frozen=True, slots=True)
class GradeConfig:
    weights: dict[str, float] = field(default_factory=lambda: {"error": 20, "warning": 5, "info": 1})
    caps: dict[str, float] = field(default_factory=lambda: {"error": 100, "warning": 30, "info": 10})
    bands: dict[str, float] = field(default_factory=lambda: {"优": 90, "良": 80, "中": 60})
    per_rule_max: int = 3
    error_cap: str = "中"

    @classmethod
    def from_dict(cls, data: dict[str, Any] | None) -> GradeConfig:
        base = cls()
        data = data or {}
        return cls(
            weights={**base.weights, **data.get("weights", {})},
            caps={**base.caps, **data.get("caps", {})},
            bands={**base.bands, **data.get("bands", {})},
            per_rule_max=int(data.get("per-rule-max", base.per_rule_max)),
            error_cap=str(data.get("error-cap", base.error_cap)),
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "weights": dict(self.weights),
            "caps": dict(self.caps),
            "bands": dict(self.bands),
            "per-rule-max": self.per_rule_max,
            "error-cap": self.error_cap,
        }


@dataclass(frozen=True, slots=True)
class Grade:
    grade: str
    score: float
    aspects: dict[str, dict[str, int]]


def band(score: float, config: GradeConfig) -> str:
    for name in GRADES[:-1]:
        if score >= config.bands.get(name, 0):
            return name
    return GRADES[-1]


#: the column of :func:`aspect_counts` a severity counts in
_COLUMN = {Severity.ERROR: "errors", Severity.WARNING: "warnings", Severity.INFO: "infos"}
_ASPECTS = tuple(a.value for a in Aspect)
_SEVERITIES = tuple(s.value for s in Severity)


def aspect_counts(findings: Iterable[Finding]) -> dict[str, dict[str, int]]:
    out = {a: {"findings": 0, "errors": 0, "warnings": 0, "infos": 0} for a in _ASPECTS}
    for f in findings:
        if f.aspect is None:
            continue
        row = out[str(f.aspect)]
        row["findings"] += 1
        row[_COLUMN[f.severity]] += 1
    return out


def grade(findings: Iterable[Finding], config: GradeConfig | None = None) -> Grade:
    config = config or _DEFAULT
    findings = list(findings)
    per_rule: dict[tuple[str, str], int] = {}
    counts: Counter[str] = Counter()
    limit = config.per_rule_max
    for f in findings:
        severity = f.severity  # a str enum: counts the same as its value
        key = (f.code, severity)
        n = per_rule.get(key, 0)
        if n >= limit > 0:
            continue
        per_rule[key] = n + 1
        counts[severity] += 1
    name, score = _scored(config, tuple(counts[sev] for sev in _SEVERITIES))
    return Grade(name, score, aspect_counts(findings))


_DEFAULT = GradeConfig()
#: id(config) -> (config, {counts per severity: (grade, score)}): a run grades thousands of
#: declarations with a handful of different counts
_SCORED: dict[int, tuple[GradeConfig, dict[tuple[int, ...], tuple[str, float]]]] = {}


def _scored(config: GradeConfig, counts: tuple[int, ...]) -> tuple[str, float]:
    """The grade and score of a declaration with ``counts`` findings of each severity
    (in :class:`Severity` order), after the per-rule limit."""
    memo = _SCORED.get(id(config))
    if memo is None or memo[0] is not config:
        if len(_SCORED) >= 16:
            _SCORED.clear()
        memo = _SCORED[id(config)] = (config, {})
    found = memo[1].get(counts)
    if found is not None:
        return found
    penalty = Decimal(0)
    for sev, n in zip(_SEVERITIES, counts):
        weight = Decimal(str(config.weights.get(sev, 0)))
        cap = Decimal(str(config.caps.get(sev, 100)))
        penalty += min(cap, weight * n)
    score = max(Decimal(0), Decimal(100) - penalty).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    name = band(float(score), config)
    if counts[_SEVERITIES.index(Severity.ERROR.value)] and config.error_cap in GRADES:
        if GRADES.index(name) < GRADES.index(config.error_cap):
            name = config.error_cap
    found = memo[1][counts] = (name, float(score))
    return found
