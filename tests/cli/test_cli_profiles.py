"""`--profile cn-2015` and `--profile cn-2021` judge a real form differently where the
two frameworks differ: 101号 makes 成本指标 a first-level category of its own, 88号 has
产出、效益、满意度 as its first level and cost under output."""

from __future__ import annotations

import functools
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

REAL = Path(__file__).resolve().parents[1] / "data" / "real"


@functools.cache
def findings(path: Path, profile: str) -> list[dict]:
    proc = subprocess.run(
        [sys.executable, "-m", "perflint", "check", "--no-cache", "--exit-zero", "--format", "json"]
        + ["--profile", profile, str(path)],
        capture_output=True,
        text=True,
        env={**os.environ, "PERFLINT_TODAY": "2024-06-30"},
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)["findings"]


def keys(found: list[dict]) -> set[tuple[str, str, str]]:
    return {(f["code"], f["pointer"], f["severity"]) for f in found}


@pytest.mark.parametrize(
    ("form", "framework", "flagged_under", "variant_text"),
    [
        # 2020 road project: 成本指标 a second-level row under 产出指标 (the 88号 layout)
        ("r225.txt", "88号", "cn-2021", "单列为一级指标"),
        # 2021 project form laid out by 101号: 成本指标 a first-level category
        ("r301.txt", "101号", "cn-2015", "一级指标为产出、效益、满意度"),
    ],
)
def test_profiles_differ_where_the_frameworks_do(form, framework, flagged_under, variant_text):
    path = REAL / form
    under = {p: findings(path, p) for p in ("cn-2015", "cn-2021")}
    assert keys(under["cn-2015"]) != keys(under["cn-2021"]), form
    placement = {p: [f for f in found if f["code"] == "IND013"] for p, found in under.items()}
    other = "cn-2015" if flagged_under == "cn-2021" else "cn-2021"
    assert len(placement[flagged_under]) == 1 and placement[other] == [], (framework, placement)
    (finding,) = placement[flagged_under]
    assert variant_text in finding["message"] and finding["severity"] == "warning"
    assert finding["pointer"].startswith("/indicators/") and finding["line"] > 0


def test_cost_is_its_own_level1_only_under_101():
    # the same 88号-layout form: a missing cost indicator is an error under 101号, a warning under 88号
    path = REAL / "r225.txt"
    sev = {p: {f["severity"] for f in findings(path, p) if f["code"] == "COST001"} for p in ("cn-2015", "cn-2021")}
    assert sev == {"cn-2015": {"warning"}, "cn-2021": {"error"}}


def test_default_profile_does_not_run_the_framework_rule():
    assert [f for f in findings(REAL / "r301.txt", "hunan-2019") if f["code"] == "IND013"] == []
