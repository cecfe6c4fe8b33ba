"""--report FORMAT:PATH writes further formats of the same run."""

from __future__ import annotations

from support.paths import EXAMPLES
from typer.testing import CliRunner

from perflint.cli import app

EXAMPLE = str(EXAMPLES / "bundle-qingxi-2020.txt")
runner = CliRunner()


def test_several_reports_in_one_run_equal_separate_runs(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    sarif, html = tmp_path / "r.sarif", tmp_path / "r.html"
    both = runner.invoke(
        app,
        [
            "check",
            EXAMPLE,
            "--today",
            "2026-11-25",
            "--format",
            "json",
            "--report",
            f"sarif:{sarif}",
            "--report",
            f"html:{html}",
        ],
    )
    assert both.exit_code == 1, both.output  # the example has errors
    alone = {
        fmt: runner.invoke(app, ["check", EXAMPLE, "--today", "2026-11-25", "--format", fmt]).stdout
        for fmt in ("json", "sarif", "html")
    }
    assert both.stdout == alone["json"]
    assert sarif.read_text("utf-8") == alone["sarif"]
    assert html.read_text("utf-8") == alone["html"]


def test_a_malformed_report_spec_is_a_usage_error_before_reading_input(tmp_path):
    res = runner.invoke(app, ["check", str(tmp_path / "missing.txt"), "--report", "pdf:x.pdf"])
    assert res.exit_code == 2
    assert "--report" in res.stderr and "sarif" in res.stderr
