"""End to end with the built-in catalog over the project's examples/ folder."""

from __future__ import annotations

import json

import pytest
from jsonschema import Draft202012Validator
from support.paths import EXAMPLES
from typer.testing import CliRunner

from perflint.cli import app
from perflint.resources import schema

runner = CliRunner()

pytestmark = pytest.mark.skipif(not EXAMPLES.is_dir(), reason="no examples/ folder")


@pytest.fixture()
def in_examples(monkeypatch):
    monkeypatch.chdir(EXAMPLES.parent)
    monkeypatch.setenv("PERFLINT_TODAY", "2024-06-01")


def test_examples_json_valid_deterministic_and_no_crash(in_examples):
    args = ["check", "examples", "--format", "json", "--exit-zero"]
    first = runner.invoke(app, args)
    second = runner.invoke(app, args)
    assert first.exit_code == 0, first.stderr
    assert first.stdout_bytes == second.stdout_bytes
    data = json.loads(first.stdout)
    Draft202012Validator(schema("report.schema.json")).validate(data)
    assert data["plugin_errors"] == []
    assert "PL001" not in data["summary"]["by_rule"], [f for f in data["findings"] if f["code"] == "PL001"]
    assert data["summary"]["declarations"] >= 1
    assert all(f["path"].startswith("examples/") for f in data["findings"])
    assert len({f["fingerprint"] for f in data["findings"]}) == len(data["findings"])


@pytest.mark.parametrize("profile", ["hunan-2019", "cn-2015", "cn-2021"])
def test_every_profile_runs(in_examples, profile):
    res = runner.invoke(app, ["check", "examples", "--format", "jsonl", "--profile", profile, "--exit-zero"])
    assert res.exit_code == 0, res.stderr
    for line in res.stdout.splitlines():
        assert json.loads(line)["code"] != "PL001"


def test_text_is_default_format(in_examples):
    res = runner.invoke(app, ["check", "examples", "--exit-zero", "--no-color"])
    assert res.exit_code == 0
    assert not res.stdout.lstrip().startswith("{")
