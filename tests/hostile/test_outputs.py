"""An output may replace perflint's own earlier JSON report that a folder walk finds, never an input.

``perflint check . -o out.json --format json`` run twice was refused the second time: the
walk found out.json (a JSON file it skips, not a declaration) and took it for an input.
A form, a declaration JSON or a file named on the command line is still refused (exit 2).
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from support.paths import EXAMPLES
from typer.testing import CliRunner

from perflint.cli import app

runner = CliRunner()
FORM = EXAMPLES / "clean-library-2023.txt"


@pytest.fixture
def tree(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    shutil.copyfile(FORM, tmp_path / "form.txt")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def check(*args: str):
    return runner.invoke(app, ["check", "--no-cache", "--lang", "en", *args])


@pytest.mark.parametrize("fmt", ["json", "sarif"])
def test_a_report_of_an_earlier_run_is_replaced(tree: Path, fmt: str) -> None:
    for _ in range(2):
        res = check(".", "--format", fmt, "-o", "out.json")
        assert res.exit_code == 0, res.output
        doc = json.loads((tree / "out.json").read_text("utf-8"))
    assert doc.get("tool", {}).get("name") == "perflint" or doc.get("runs")


def test_a_declaration_json_found_by_the_walk_is_still_refused(tree: Path) -> None:
    extracted = runner.invoke(app, ["extract", "form.txt"])
    (tree / "decl.json").write_text(extracted.stdout, "utf-8")
    res = check(".", "--format", "json", "-o", "decl.json")
    assert res.exit_code == 2 and (tree / "decl.json").read_text("utf-8") == extracted.stdout


def test_a_form_or_a_named_json_file_is_still_refused(tree: Path) -> None:
    before = (tree / "form.txt").read_bytes()
    assert check(".", "--format", "json", "-o", "form.txt").exit_code == 2
    assert (tree / "form.txt").read_bytes() == before
    (tree / "old.json").write_text("{}", "utf-8")
    assert check("old.json", "form.txt", "--format", "json", "-o", "old.json").exit_code == 2
    assert (tree / "old.json").read_text("utf-8") == "{}"


def test_an_output_outside_the_inputs_is_not_read(tree: Path, tmp_path_factory, monkeypatch) -> None:
    """Replacing the report of an earlier run elsewhere does not parse it first (a big
    JSON Lines report took longer to read than the check)."""
    import perflint.cli

    def never(path):
        raise AssertionError(f"{path} read")

    out = tmp_path_factory.mktemp("reports") / "out.jsonl"
    out.write_text('{"code": "X"}\n', "utf-8")
    monkeypatch.setattr(perflint.cli, "earlier_report", never)
    res = check("form.txt", "--format", "jsonl", "-o", str(out))
    assert res.exit_code == 0, res.output
