"""The grading formula (优/良/中/差) and per-aspect counts."""

from __future__ import annotations

import pytest

from perflint.domain.findings import Aspect, Finding, Severity
from perflint.engine.grade import GradeConfig, band, grade


def _f(code: str, sev: str, aspect: Aspect = Aspect.COMPLETENESS) -> Finding:
    return Finding(
        code=code, name=code.lower(), severity=Severity(sev), path="x", message={"zh": "", "en": ""}, aspect=aspect
    )


@pytest.mark.parametrize(
    "findings, expected",
    [
        ([], ("优", 100.0)),
        ([_f("A001", "info")] * 3, ("优", 97.0)),
        ([_f(f"A{i:03d}", "info") for i in range(30)], ("优", 90.0)),  # infos capped at 10
        ([_f("W001", "warning"), _f("W002", "warning")], ("优", 90.0)),
        ([_f(f"W{i:03d}", "warning") for i in range(3)], ("良", 85.0)),
        ([_f(f"W{i:03d}", "warning") for i in range(20)], ("中", 70.0)),  # warnings capped at 30
        # without an error a form never falls below 中
        ([_f(f"W{i:03d}", "warning") for i in range(20)] + [_f(f"I{i:03d}", "info") for i in range(50)], ("中", 60.0)),
        ([_f("E001", "error")] + [_f(f"W{i:03d}", "warning") for i in range(20)], ("差", 50.0)),
        ([_f("E001", "error")], ("中", 80.0)),  # any error: at best 中
        ([_f("E001", "error"), _f("E002", "error")], ("中", 60.0)),
        ([_f(f"E{i:03d}", "error") for i in range(3)], ("差", 40.0)),
    ],
)
def test_default_formula(findings, expected):
    g = grade(findings)
    assert (g.grade, g.score) == expected


def test_per_rule_cap():
    same = [_f("W001", "warning")] * 10
    assert grade(same).score == 85.0  # counted 3 times
    assert grade(same, GradeConfig(per_rule_max=0)).score == 70.0  # no per-rule limit; warning cap 30


def test_configurable_bands_and_cap():
    cfg = GradeConfig.from_dict({"bands": {"优": 95}, "error-cap": "良", "weights": {"error": 5}})
    assert band(94, cfg) == "良"
    assert grade([_f("E001", "error")], cfg).grade == "良"
    assert grade([_f("E001", "error")], GradeConfig(error_cap="差")).grade == "差"


def test_aspect_counts():
    g = grade([_f("A", "error", Aspect.RELEVANCE), _f("B", "info", Aspect.RELEVANCE), _f("C", "warning")])
    assert g.aspects["relevance"] == {"findings": 2, "errors": 1, "warnings": 0, "infos": 1}
    assert g.aspects["completeness"] == {"findings": 1, "errors": 0, "warnings": 1, "infos": 0}
    assert g.aspects["feasibility"]["findings"] == 0
