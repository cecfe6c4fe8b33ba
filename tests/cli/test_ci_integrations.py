"""The CI integrations this repository publishes: the GitHub Action (action.yml) and the
pre-commit hooks (.pre-commit-hooks.yaml), run as GitHub and pre-commit would run them."""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "tests" / "data" / "seed" / "wangcheng-2019.txt"
EXPR = re.compile(r"\$\{\{\s*([^}]*?)\s*\}\}")


def _action() -> dict:
    return yaml.safe_load((ROOT / "action.yml").read_text("utf-8"))


def _env() -> dict[str, str]:
    """The environment of a CI job: perflint on PATH, dates fixed, no cache in the home folder."""
    env = dict(os.environ)
    env["PATH"] = str(Path(sys.executable).parent) + os.pathsep + env.get("PATH", "")
    env["PERFLINT_TODAY"] = "2019-01-15"
    return env


# -- GitHub Action --------------------------------------------------------------------------


def test_action_is_a_composite_action_whose_expressions_resolve():
    action = _action()
    assert action["runs"]["using"] == "composite"
    assert {"name", "description", "inputs", "outputs", "runs"} <= set(action)
    inputs = set(action["inputs"])
    assert {"paths", "format", "fail-on", "baseline", "sarif-file", "upload-sarif"} <= inputs
    for name, spec in action["inputs"].items():
        assert spec.get("description"), name
        assert isinstance(spec.get("default", ""), str), f"{name}: defaults are strings in GitHub Actions"
    ids = {step.get("id") for step in action["runs"]["steps"]}
    text = (ROOT / "action.yml").read_text("utf-8")
    for expr in EXPR.findall(text):
        for ref in re.findall(r"\b(inputs|steps)\.([\w-]+)(?:\.outputs\.([\w-]+))?", expr):
            kind, name, output = ref
            if kind == "inputs":
                assert name in inputs, expr
            else:
                assert name in ids, expr
                step = next(s for s in action["runs"]["steps"] if s.get("id") == name)
                assert f"{output}=" in step["run"], f"step {name} never sets {output}"
    for step in action["runs"]["steps"]:
        if "run" in step:
            assert step.get("shell") == "bash", step  # composite run steps must name a shell
            assert "${{" not in step["run"], "inputs go through env, not into the script"
    # SARIF is uploaded to code scanning, also after the check step found errors
    upload = next(s for s in action["runs"]["steps"] if "upload-sarif" in s.get("uses", ""))
    assert upload["if"].startswith("always()")


def _run_step(step: dict, inputs: dict[str, str], outputs: dict[str, dict[str, str]], cwd: Path) -> tuple:
    """Run one `run:` step of the composite action as the runner does: bash, env from inputs."""

    def value(expr: str) -> str:
        kind, _, rest = expr.partition(".")
        if kind == "inputs":
            return inputs[rest]
        if kind == "steps":
            sid, _, out = rest.partition(".outputs.")
            return outputs.get(sid, {}).get(out, "")
        raise AssertionError(expr)

    env = _env()
    for key, raw in (step.get("env") or {}).items():
        env[key] = EXPR.sub(lambda m: value(m.group(1)), str(raw))
    out_file = cwd / f".github-output-{step.get('id', 'x')}"
    out_file.write_text("", "utf-8")
    env["GITHUB_OUTPUT"] = str(out_file)
    proc = subprocess.run(
        ["bash", "-e", "-c", step["run"]], cwd=cwd, env=env, capture_output=True, text=True, timeout=120
    )
    written = dict(line.split("=", 1) for line in out_file.read_text("utf-8").splitlines() if "=" in line)
    return proc, written


def _run_action(inputs: dict[str, str], cwd: Path) -> tuple:
    action = _action()
    values = {k: spec.get("default", "") for k, spec in action["inputs"].items()} | inputs
    check = next(s for s in action["runs"]["steps"] if s.get("id") == "check")
    result = next(s for s in action["runs"]["steps"] if s.get("name") == "Result")
    proc, outputs = _run_step(check, values, {}, cwd)
    final, _ = _run_step(result, values, {"check": outputs}, cwd)
    return proc, outputs, final.returncode


@pytest.mark.slow  # four runs of the seed through the action's steps (~4 s): CI runs -m slow
def test_action_check_step_annotates_writes_sarif_and_fails_on_errors(tmp_path):
    work = tmp_path / "repo"
    (work / "declarations").mkdir(parents=True)
    shutil.copy(SEED, work / "declarations" / "wangcheng-2019.txt")
    (work / "declarations" / "has space.txt").write_text(SEED.read_text("utf-8"), "utf-8")
    plain = subprocess.run(
        ["perflint", "check", "--no-cache", "--format", "json", "declarations/wangcheng-2019.txt"],
        cwd=work,
        env=_env(),
        capture_output=True,
    )
    total = len(json.loads(plain.stdout)["findings"])
    proc, outputs, status = _run_action({"paths": "declarations/wangcheng-2019.txt", "args": "--no-cache"}, work)
    assert proc.returncode == 0, proc.stderr  # the check step records the status and goes on
    assert outputs == {"exit-code": "1", "sarif-file": "perflint.sarif"}
    assert status == 1  # … and the last step fails the job
    assert re.search(r"^::error file=declarations/wangcheng-2019\.txt,line=\d+", proc.stdout, re.M)
    sarif = json.loads((work / "perflint.sarif").read_text("utf-8"))
    assert sarif["version"] == "2.1.0" and len(sarif["runs"][0]["results"]) == total > 0

    # a baseline: nothing new, the job passes
    subprocess.run(
        ["perflint", "check", "--no-cache", "--write-baseline", "base.json", "declarations/wangcheng-2019.txt"],
        cwd=work,
        env=_env(),
        capture_output=True,
        check=True,
    )
    proc, outputs, status = _run_action(
        {"paths": "declarations/wangcheng-2019.txt", "baseline": "base.json", "args": "--no-cache"}, work
    )
    assert (outputs["exit-code"], status) == ("0", 0), proc.stderr
    assert f"{total} 条已记录的问题未报告" in proc.stderr

    # several paths on lines, options in args, no SARIF, fail on warnings
    proc, outputs, status = _run_action(
        {
            "paths": "declarations/wangcheng-2019.txt\ndeclarations/wangcheng-2019.txt",
            "sarif-file": "",
            "format": "json",
            "fail-on": "none",
            "args": "--no-cache --lang en",
        },
        work,
    )
    assert outputs == {"exit-code": "0", "sarif-file": ""} and status == 0
    assert json.loads(proc.stdout)["lang"] == "en"

    # a typo in a path is a usage error: exit 2 fails the job
    proc, outputs, status = _run_action({"paths": "declaration/", "args": "--no-cache"}, work)
    assert outputs["exit-code"] == "2" and status == 2 and "declaration/" in proc.stderr


# -- pre-commit -------------------------------------------------------------------------------


def _hooks() -> list[dict]:
    return yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text("utf-8"))


def test_pre_commit_manifest_is_valid():
    clientlib = pytest.importorskip("pre_commit.clientlib")
    hooks = clientlib.load_manifest(str(ROOT / ".pre-commit-hooks.yaml"))
    assert {h["id"] for h in hooks} == {"perflint", "perflint-report"}
    for hook in hooks:
        assert shlex.split(hook["entry"])[0] == "perflint"
        assert re.search(hook["files"], "declarations/wangcheng-2019.txt")
        assert re.search(hook["files"], "申报表/2019/a.json")
        assert not re.search(hook["files"], "docs/notes.txt")


def _git(cwd: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@example.org", *args], cwd=cwd, check=True, capture_output=True
    )


@pytest.fixture()
def git_repo(tmp_path):
    if shutil.which("git") is None or shutil.which("pre-commit", path=_env()["PATH"]) is None:
        pytest.skip("git and pre-commit are needed")
    repo = tmp_path / "repo"
    (repo / "declarations").mkdir(parents=True)
    (repo / "docs").mkdir()
    _git(tmp_path, "init", "-q", str(repo))
    return repo


@pytest.mark.slow  # pre-commit in a git repository (~4 s): CI runs -m slow
def test_pre_commit_runs_the_published_hooks_in_a_git_repository(git_repo, tmp_path):
    """The hooks of .pre-commit-hooks.yaml, entry, files and all, in a local config (language
    system: the perflint under test instead of an installed copy)."""
    hooks = []
    for hook in _hooks():
        hooks.append({**hook, "language": "system"})
    config = {"repos": [{"repo": "local", "hooks": hooks}]}
    (git_repo / ".pre-commit-config.yaml").write_text(yaml.safe_dump(config, allow_unicode=True), "utf-8")
    shutil.copy(SEED, git_repo / "declarations" / "wangcheng-2019.txt")
    (git_repo / "docs" / "notes.txt").write_text("不是申报表。\n", "utf-8")
    _git(git_repo, "add", ".")
    env = _env() | {"PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home"), "PERFLINT_CACHE_DIR": str(tmp_path / "c")}
    run = subprocess.run(["pre-commit", "run"], cwd=git_repo, env=env, capture_output=True, text=True, timeout=120)
    assert run.returncode == 1, run.stdout + run.stderr  # the seed has errors: the commit is refused
    assert "perflint (绩效目标申报表)" in run.stdout and "Failed" in run.stdout
    assert "declarations/wangcheng-2019.txt:" in run.stdout and "IND002" in run.stdout
    assert "docs/notes.txt" not in run.stdout  # outside the declaration folders
    assert not (git_repo / "perflint-report.html").exists()  # the report hook is manual

    report = subprocess.run(
        ["pre-commit", "run", "perflint-report", "--hook-stage", "manual", "--all-files"],
        cwd=git_repo,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert report.returncode == 0, report.stdout + report.stderr
    assert "<html" in (git_repo / "perflint-report.html").read_text("utf-8")

    # a declaration with nothing at or above the hook's --fail-on passes (args as a user sets them)
    hooks[0]["args"] = ["--select", "TXT001"]
    (git_repo / ".pre-commit-config.yaml").write_text(yaml.safe_dump(config, allow_unicode=True), "utf-8")
    _git(git_repo, "add", ".pre-commit-config.yaml")
    run = subprocess.run(["pre-commit", "run", "perflint"], cwd=git_repo, env=env, capture_output=True, text=True)
    assert run.returncode == 0 and "Passed" in run.stdout, run.stdout + run.stderr


@pytest.mark.slow
def test_pre_commit_try_repo_installs_and_runs_the_hook(git_repo, tmp_path):
    """pre-commit as a user runs it: clones this repository, installs perflint into its own
    virtual environment (needs the package index) and runs the hook."""
    shutil.copy(SEED, git_repo / "declarations" / "wangcheng-2019.txt")
    _git(git_repo, "add", ".")
    env = _env() | {"PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home"), "PERFLINT_CACHE_DIR": str(tmp_path / "c")}
    run = subprocess.run(
        ["pre-commit", "try-repo", str(ROOT), "perflint", "--all-files"],
        cwd=git_repo,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    if "An unexpected error has occurred" in run.stdout + run.stderr and "pip" in run.stdout + run.stderr:
        pytest.skip("pre-commit could not install perflint (no package index?)")
    assert run.returncode == 1, run.stdout + run.stderr
    assert "declarations/wangcheng-2019.txt:" in run.stdout and re.search(r"共 \d+ 条问题", run.stdout)
