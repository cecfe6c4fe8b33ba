"""The check / rules / explain commands through typer's CliRunner."""

from __future__ import annotations

import json

import pytest
from jsonschema import Draft202012Validator
from support.tiny_pack import FORM, load
from typer.testing import CliRunner

from perflint import cli as cli_mod
from perflint.cli import app
from perflint.resources import schema

runner = CliRunner()


@pytest.fixture()
def env(tmp_path, monkeypatch):
    cat = load(tmp_path / "catalog")
    monkeypatch.setattr(cli_mod, "builtin_catalog", lambda: cat)
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    monkeypatch.setenv("PERFLINT_TODAY", "2019-01-15")
    (work / "bad.txt").write_text(FORM.format(name=""), "utf-8")
    (work / "good.txt").write_text(FORM.format(name="示例专项"), "utf-8")
    return work


def run(*args, input=None):
    return runner.invoke(app, list(args), input=input)


def test_exit_codes(env):
    assert run("check", "good.txt", "--format", "json").exit_code == 0
    res = run("check", "bad.txt", "--format", "json")
    assert res.exit_code == 1, res.output
    assert run("check", "bad.txt", "--format", "json", "--exit-zero").exit_code == 0
    assert run("check", "bad.txt", "--format", "json", "--fail-on", "none").exit_code == 0
    assert run("check", "bad.txt", "--format", "json", "--ignore", "TST001").exit_code == 0


def test_fail_on_levels(env):
    # bad indicator value: a warning only
    (env / "warn.json").write_text(
        json.dumps({"form_type": "专项资金", "name": "x", "indicators": [{"content": "a", "value": ""}]}), "utf-8"
    )
    args = ["check", "warn.json", "--format", "json", "--select", "TST002"]
    res = run(*args)
    assert json.loads(res.stdout)["summary"]["counts"] == {"error": 0, "warning": 1, "info": 0}
    assert res.exit_code == 0
    assert run(*args, "--fail-on", "warning").exit_code == 1
    assert run(*args, "--fail-on", "info").exit_code == 1
    assert run(*args, "--fail-on", "error").exit_code == 0


def test_usage_and_config_errors_exit_2(env):
    res = run("check", "bad.txt", "--select", "TST0001")
    assert res.exit_code == 2 and "TST001" in res.stderr and "Traceback" not in res.output
    res = run("check", "bad.txt", "--fail-on", "sometimes")
    assert res.exit_code == 2
    res = run("check", "bad.txt", "--format", "yaml")
    assert res.exit_code == 2 and "yaml" in res.stderr
    res = run("check", "bad.txt", "--format", "sarf", "--lang", "en")
    assert res.exit_code == 2 and "did you mean “sarif”" in res.stderr
    assert run("check").exit_code == 2
    (env / "perflint.toml").write_text('profle = "cn-2021"\n', "utf-8")
    res = run("check", "bad.txt")
    assert res.exit_code == 2
    assert "perflint.toml:1" in res.stderr and "profle" in res.stderr and "profile" in res.stderr


def test_lang_and_json_schema_valid(env):
    (env / "missing.txt").symlink_to(env / "nowhere.txt")  # exists as a name, cannot be read
    res = run("check", "bad.txt", "good.txt", "missing.txt", "--format", "json", "--lang", "en")
    data = json.loads(res.stdout)
    Draft202012Validator(schema("report.schema.json")).validate(data)
    codes = [(f["path"], f["code"]) for f in data["findings"]]
    assert codes == [("bad.txt", "TST001"), ("missing.txt", "INP001")]
    f = data["findings"][0]
    assert f["message"] == f["message_en"] == "field “name” is empty."
    assert f["message_zh"] == "字段「name」为空。"
    assert (f["line"], f["declaration"], f["pointer"]) == (3, 0, "/name")
    assert data["summary"]["unreadable_files"] == 1 and data["summary"]["files"] == 3
    assert [d["grade"] for d in data["declarations"]] == ["中", "优"]


def test_jsonl_one_finding_per_line(env):
    (env / "missing.txt").symlink_to(env / "nowhere.txt")  # exists as a name, cannot be read
    res = run("check", "bad.txt", "missing.txt", "--format", "jsonl")
    lines = res.stdout.splitlines()
    assert len(lines) == 2
    validator = Draft202012Validator({"$defs": schema("report.schema.json")["$defs"], "$ref": "#/$defs/finding"})
    items = [json.loads(line) for line in lines]
    for item in items:
        validator.validate(item)
    assert [i["code"] for i in items] == ["TST001", "INP001"]


def test_stdin(env):
    res = run("check", "-", "--format", "json", input=FORM.format(name="").encode("utf-8"))
    data = json.loads(res.stdout)
    assert [(f["path"], f["code"]) for f in data["findings"]] == [("<stdin>", "TST001")]
    assert res.exit_code == 1


def test_output_file_and_determinism(env):
    args = ["check", ".", "--format", "json", "--exit-zero"]
    assert run(*args, "--output", "../one.json").exit_code == 0
    assert run(*args, "--output", "../two.json").exit_code == 0
    one, two = (env.parent / "one.json").read_bytes(), (env.parent / "two.json").read_bytes()
    assert one == two and b"TST001" in one
    assert run(*args).stdout_bytes == run(*args).stdout_bytes


def test_settings_and_profile_flags(env):
    (env / "today.json").write_text(json.dumps({"name": "today?"}), "utf-8")
    res = run(
        "check",
        "today.json",
        "--format",
        "json",
        "--profile",
        "cn-2021",
        "--settings",
        "satisfaction_min_percent=99",
        "--lang",
        "en",
    )
    [f] = json.loads(res.stdout)["findings"]
    assert f["message"] == "today 2019-01-15, profile cn-2021, satisfaction minimum 99."
    res = run("check", "today.json", "--format", "json", "--profile", "cn-2021", "--today", "2020-02-02")
    assert "2020-02-02" in json.loads(res.stdout)["findings"][0]["message"]
    assert run("check", "today.json", "--settings", "nonsense_key=1").exit_code == 2


def test_per_file_ignores_from_config(env):
    (env / "perflint.toml").write_text('[per-file-ignores]\n"bad.*" = ["name-empty"]\n', "utf-8")
    res = run("check", "bad.txt", "--format", "json")
    data = json.loads(res.stdout)
    assert data["findings"] == [] and data["summary"]["suppressed"] == 1 and res.exit_code == 0
    assert data["summary"]["suppressed_by_rule"] == {"TST001": 1}


def test_internal_error_exit_2(env):
    (env / "boom.json").write_text(json.dumps({"name": "boom"}), "utf-8")
    res = run("check", "boom.json", "--format", "json")
    assert res.exit_code == 2
    assert [f["code"] for f in json.loads(res.stdout)["findings"]] == ["PL001"]
    assert run("check", "boom.json", "--format", "json", "--ignore", "crash").exit_code == 0


def test_rules_and_explain(env):
    res = run("rules", "--format", "json")
    items = json.loads(res.stdout)
    assert [i["code"] for i in items] == sorted(i["code"] for i in items)
    tst10 = next(i for i in items if i["code"] == "TST010")
    assert tst10["profiles"] == ["cn-2021"]
    crash = next(i for i in items if i["code"] == "TST003")
    assert crash["profiles"] == ["hunan-2019"]  # cn-2021 ignores it
    res = run("rules")
    assert res.exit_code == 0 and "TST001" in res.stdout and "name-empty" in res.stdout
    res = run("rules", "--profile", "cn-2021", "--format", "json")
    assert "TST003" not in [i["code"] for i in json.loads(res.stdout)]
    res = run("explain", "value-missing", "--lang", "en")
    assert res.exit_code == 0
    assert "TST002 value-missing" in res.stdout and "Bad example" in res.stdout and "Good example" in res.stdout
    assert 'soft_prefix = "~"  (settings)' in res.stdout
    res = run("explain", "TST-001")
    assert "TST001 name-empty" in res.stdout and "反例" in res.stdout
    res = run("explain", "value-mising")
    assert res.exit_code == 2 and "value-missing" in res.stderr
    data = json.loads(run("explain", "TST001", "--format", "json").stdout)
    assert data["params"]["field"] == {"value": "name", "from": "rule", "description": None}


def test_broken_pack_exits_2(env, tmp_path, monkeypatch):
    from perflint.catalog import CatalogError, Problem

    def broken():
        raise CatalogError([Problem("rules/x/y.toml", 3, "severty", {"zh": "未知的键", "en": "unknown key"})])

    monkeypatch.setattr(cli_mod, "builtin_catalog", broken)
    res = run("check", "bad.txt", "--lang", "en")
    assert res.exit_code == 2 and "rules/x/y.toml:3 [severty]" in res.stderr


def test_alias_works_with_a_notice(env):
    res = run("check", "bad.txt", "--format", "json", "--select", "TST-001", "--lang", "en")
    assert res.exit_code == 1
    assert [f["code"] for f in json.loads(res.stdout)["findings"]] == ["TST001"]
    assert "“TST-001” is an old name; use TST001 (name-empty)" in res.stderr


def test_failed_plugin_reported_and_strict(env, tmp_path, monkeypatch):
    from perflint.catalog import PluginError

    cat = load(tmp_path / "catalog2")
    cat.plugin_errors.append(PluginError("perflint.kinds", "acme", "ImportError: no module named acme"))
    monkeypatch.setattr(cli_mod, "builtin_catalog", lambda: cat)
    res = run("check", "good.txt", "--format", "json", "--lang", "en")
    assert res.exit_code == 0
    assert "plugin perflint.kinds:acme failed to load" in res.stderr
    assert json.loads(res.stdout)["plugin_errors"] == [
        {"group": "perflint.kinds", "name": "acme", "error": "ImportError: no module named acme"}
    ]
    assert run("check", "good.txt", "--format", "json", "--strict-plugins").exit_code == 2


def test_directory_walk_with_exclude(env):
    (env / "drafts").mkdir()
    (env / "drafts" / "old.txt").write_text(FORM.format(name=""), "utf-8")
    data = json.loads(run("check", ".", "--format", "json").stdout)
    assert [f["path"] for f in data["findings"]] == ["bad.txt", "drafts/old.txt"]
    data = json.loads(run("check", ".", "--format", "json", "--exclude", "drafts/").stdout)
    assert [f["path"] for f in data["findings"]] == ["bad.txt"]


def test_rules_markdown_reference(env):
    res = run("rules", "--format", "markdown", "--lang", "en")
    assert res.exit_code == 0
    for code in ("TST001", "TST002", "XT001", "INP001"):
        assert f"### {code}" in res.stdout
    assert "**Bad example**" in res.stdout and "**Why**: Testing." in res.stdout


def test_empty_directory_warns(env):
    (env / "empty").mkdir()
    res = run("check", "empty", "--format", "json", "--lang", "en")
    assert res.exit_code == 0 and "no files to check were found" in res.stderr
    assert json.loads(res.stdout)["summary"]["files"] == 0


def test_order_of_paths_does_not_matter(env):
    a = run("check", "good.txt", "bad.txt", "missing.txt", "--format", "json").stdout
    b = run("check", "missing.txt", "bad.txt", "good.txt", "--format", "json").stdout
    assert a == b


def test_per_file_ignores_relative_to_config_from_subdirectory(env, monkeypatch):
    (env / "perflint.toml").write_text('[per-file-ignores]\n"forms/*.txt" = ["TST001"]\n', "utf-8")
    (env / "forms").mkdir()
    (env / "forms" / "x.txt").write_text(FORM.format(name=""), "utf-8")
    monkeypatch.chdir(env / "forms")
    data = json.loads(run("check", "x.txt", "--format", "json").stdout)
    assert data["findings"] == [] and data["summary"]["suppressed"] == 1
