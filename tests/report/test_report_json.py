"""The JSON / JSON Lines report: fields, fingerprints, summary."""

from __future__ import annotations

import json

from jsonschema import Draft202012Validator

from perflint.domain.findings import Aspect, Finding, Severity
from perflint.domain.model import Span
from perflint.domain.result import DeclarationReport, FileReport, RunResult
from perflint.report.json_report import render_json, render_jsonl, report_dict
from perflint.resources import schema


def _finding(**kw) -> Finding:
    base = dict(
        code="TST001",
        name="name-empty",
        severity=Severity.ERROR,
        path="a.txt",
        message={"zh": "中文", "en": "English"},
        pointer="/name",
        span=Span(3, 2, 3, 6),
        declaration=0,
        declaration_name="示例",
        aspect=Aspect.COMPLETENESS,
        suggestion={"zh": "建议", "en": "Advice"},
        args={"field": "name"},
        quote="原文",
    )
    base.update(kw)
    return Finding(**base)


def _result() -> RunResult:
    f1 = _finding()
    f2 = _finding(severity=Severity.WARNING)  # same fingerprint basis, different severity
    decl = DeclarationReport(
        path="a.txt",
        index=0,
        form_type="专项资金",
        name="示例",
        unit="某中心",
        year=2019,
        total="556 万元",
        grade="中",
        score=75.0,
        aspects={"completeness": {"findings": 2, "errors": 1, "warnings": 1, "infos": 0}},
        findings=[f1, f2],
    )
    bad = FileReport(
        path="b.txt",
        readable=False,
        findings=[
            _finding(
                path="b.txt",
                code="INP001",
                name="unreadable-file",
                declaration=None,
                declaration_name=None,
                span=None,
                pointer="",
                suggestion=None,
                quote=None,
            )
        ],
    )
    return RunResult(
        files=[FileReport(path="a.txt", encoding="utf-8", declarations=[decl]), bad],
        suppressed=4,
        profile="hunan-2019",
        version="9.9.9",
        options={"profile": "hunan-2019", "today": "2019-01-01", "plugin_errors": []},
    )


def test_fields_and_language():
    data = report_dict(_result(), "en")
    Draft202012Validator(schema("report.schema.json")).validate(data)
    f = data["findings"][0]
    assert (f["message"], f["message_zh"], f["suggestion"], f["suggestion_zh"]) == ("English", "中文", "Advice", "建议")
    assert (f["line"], f["column"], f["end_line"], f["end_column"]) == (3, 2, 3, 6)
    assert data["tool"] == {"name": "perflint", "version": "9.9.9"}
    assert data["config"] == {"profile": "hunan-2019", "today": "2019-01-01"}
    s = data["summary"]
    assert s["counts"] == {"error": 2, "warning": 1, "info": 0}
    assert s["by_rule"] == {"INP001": 1, "TST001": 2}
    assert (s["files"], s["declarations"], s["unreadable_files"], s["suppressed"]) == (2, 1, 1, 4)
    assert s["grades"] == {"优": 0, "良": 0, "中": 1, "差": 0}
    assert data["declarations"][0]["counts"] == {"error": 1, "warning": 1, "info": 0}


def test_fingerprints_unique_and_line_free():
    data = report_dict(_result())
    prints = [f["fingerprint"] for f in data["findings"]]
    assert len(set(prints)) == len(prints)
    assert prints[1] == prints[0] + "-2" or prints[0] == prints[1] + "-2"
    moved = _result()
    moved.files[0].declarations[0].findings = [_finding(span=Span(30, 1, 30, 5))]
    assert report_dict(moved)["findings"][0]["fingerprint"] == prints[0]


def test_jsonl_and_purity():
    text = render_jsonl(_result(), {"lang": "zh"})
    lines = text.splitlines()
    assert len(lines) == 3 and all(json.loads(line)["message"] in ("中文",) for line in lines)
    out = render_json(_result(), {"lang": "en"})
    assert out == render_json(_result(), {"lang": "en"}) and out.endswith("}\n") and "\x1b[" not in out
