"""Baselines: ``--write-baseline`` records a run, ``--baseline`` reports only what is new.

The seed goes through the edits a repository of declarations sees between
commits: lines moved, forms reordered, one defect fixed and one introduced.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator
from typer.testing import CliRunner

from perflint.cli import app
from perflint.domain.findings import Finding, Severity
from perflint.domain.result import DeclarationReport, FileReport
from perflint.engine.baseline import Baseline, BaselineWriter, field_path
from perflint.resources import schema

SEED = Path(__file__).resolve().parents[1] / "data" / "seed" / "wangcheng-2019.txt"
runner = CliRunner()


@pytest.fixture()
def repo(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("PERFLINT_TODAY", "2019-01-15")
    (tmp_path / "declarations").mkdir()
    (tmp_path / "declarations" / "wangcheng-2019.txt").write_text(SEED.read_text("utf-8"), "utf-8")
    return tmp_path


def check(*args: str):
    res = runner.invoke(app, ["check", "declarations", "--no-cache", "--jobs", "1", "--format", "json", *args])
    return res, (json.loads(res.stdout) if res.stdout.strip() else None)


def seed_lines(repo: Path) -> list[str]:
    return (repo / "declarations" / "wangcheng-2019.txt").read_text("utf-8").split("\n")


def write_seed(repo: Path, lines: list[str]) -> None:
    (repo / "declarations" / "wangcheng-2019.txt").write_text("\n".join(lines), "utf-8")


def test_write_baseline_records_every_finding_and_exits_0(repo):
    res, report = check()
    assert res.exit_code == 1
    total = sum(report["summary"]["counts"].values())
    res, again = check("--write-baseline", "perflint-baseline.json")
    assert res.exit_code == 0, res.output
    assert again["findings"] == report["findings"]  # writing a baseline reports as usual
    doc = json.loads((repo / "perflint-baseline.json").read_text("utf-8"))
    assert doc["format"] == "perflint-baseline" and doc["version"] == 1
    assert sum(e["count"] for e in doc["findings"]) == total > 50
    assert f"已将 {total} 条问题写入基线" in res.stderr
    # readable entries, no line numbers, no dates: a baseline diffs well
    entry = next(e for e in doc["findings"] if e["code"] == "SAT004")
    assert entry["declaration"] == "name:政务公开信息系统维护"
    assert entry["field"] == "/indicators/*/content" and entry["quote"] == "服务较满意"
    assert set(doc) == {"format", "version", "findings"}
    assert {key for e in doc["findings"] for key in e} == {
        "fingerprint",
        "code",
        "path",
        "declaration",
        "field",
        "quote",
        "count",
    }


def test_moved_lines_and_reordered_forms_report_nothing_new(repo):
    res, first = check("--write-baseline", "base.json")
    total = sum(first["summary"]["counts"].values())
    lines = seed_lines(repo)
    start = next(i for i, line in enumerate(lines) if line.startswith("部门整体支出绩效目标申报表"))
    # three blank lines on top, the department form moved before the two project forms
    write_seed(repo, ["", "", "", *lines[start:], "", *lines[:start]])
    res, moved = check()
    assert moved["findings"] != []  # the findings are all there, on other lines
    assert {f["line"] for f in moved["findings"]} != {f["line"] for f in first["findings"]}
    res, report = check("--baseline", "base.json")
    assert res.exit_code == 0, res.output
    assert report["findings"] == []
    assert report["summary"]["baseline"] == {"matched": total, "fixed": 0}
    Draft202012Validator(schema("report.schema.json")).validate(report)
    assert f"{total} 条已记录的问题未报告，0 条已修复" in res.stderr


def test_fixed_and_new_findings(repo):
    check("--write-baseline", "base.json")
    text = (repo / "declarations" / "wangcheng-2019.txt").read_text("utf-8")
    # a fix (an unmeasurable value made measurable) and a new defect (a duplicated character)
    text = text.replace("便民服务效果好", "群众办事满意率达到95%以上")
    text = text.replace("依据省市目标管理考核要求实施", "依据省市目标管理考核要求的的实施")
    (repo / "declarations" / "wangcheng-2019.txt").write_text(text, "utf-8")
    res, report = check("--baseline", "base.json")
    new = report["findings"]
    assert new, res.output
    assert all("的的" in (f["quote"] or "") for f in new), [(f["code"], f["quote"]) for f in new]
    assert "TXT001" in {f["code"] for f in new}
    # VAL002 and VAL003 on 便民服务效果好 are gone; the old REQ008 quote changed
    assert report["summary"]["baseline"]["fixed"] >= 3
    assert report["summary"]["counts"] == {
        s: sum(1 for f in new if f["severity"] == s) for s in ("error", "warning", "info")
    }


def test_text_summary_says_what_the_baseline_left_out(repo):
    check("--write-baseline", "base.json")
    res = runner.invoke(app, ["check", "declarations", "--no-cache", "--baseline", "base.json"])
    assert res.exit_code == 0
    assert "未发现问题" in res.stdout and "基线中已有" in res.stdout and "条已修复" in res.stdout


def test_bad_baseline_is_a_usage_error(repo):
    res, _ = check("--baseline", "missing.json")
    assert res.exit_code == 2 and "missing.json" in res.stderr and "--write-baseline" in res.stderr
    (repo / "broken.json").write_text("{not json", "utf-8")
    res, _ = check("--baseline", "broken.json")
    assert res.exit_code == 2 and "broken.json" in res.stderr and "JSON" in res.stderr
    (repo / "other.json").write_text('{"runs": []}', "utf-8")
    res, _ = check("--baseline", "other.json")
    assert res.exit_code == 2 and "不是 perflint 基线文件" in res.stderr
    assert "Traceback" not in res.output


def _finding(pointer: str, quote: str, line: int) -> Finding:
    from perflint.domain.model import Span

    return Finding(
        code="VAL002",
        name="not-measurable",
        severity=Severity.WARNING,
        path="a.txt",
        message={"zh": "x"},
        pointer=pointer,
        span=Span(line, 1, line, 5),
        declaration=0,
        quote=quote,
    )


def _report(*findings: Finding) -> FileReport:
    decl = DeclarationReport("a.txt", 0, "专项资金", "某专项", None, 2019, None, "中", 70.0, findings=list(findings))
    return FileReport("a.txt", declarations=[decl])


def test_rows_inserted_above_and_repeated_findings():
    assert field_path("/indicators/12/value") == "/indicators/*/value"
    assert field_path("/money/lines/3") == "/money/lines/*"
    writer = BaselineWriter()
    writer.add(_report(_finding("/indicators/1/value", "提高", 10), _finding("/indicators/4/value", "提高", 13)))
    assert writer.findings == 2 and len(writer.entries) == 1  # one fingerprint, counted twice
    base = Baseline(counts=writer_counts(writer), paths={k: "a.txt" for k in writer.entries})
    base.left.update(base.counts)
    # a row inserted above: both move down a row and a line; a third identical one is new
    report = base.apply(
        _report(
            _finding("/indicators/2/value", "提高", 11),
            _finding("/indicators/5/value", "提高", 14),
            _finding("/indicators/6/value", "提 高", 15),
        )
    )
    assert [f.pointer for f in report.declarations[0].findings] == ["/indicators/6/value"]
    assert base.matched == 2 and base.fixed == 0


def writer_counts(writer: BaselineWriter):
    from collections import Counter

    return Counter({k: e["count"] for k, e in writer.entries.items()})
