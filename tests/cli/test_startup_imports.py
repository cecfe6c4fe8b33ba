"""Start-up imports only what the run needs (issue #6).

Each case runs perflint in a fresh interpreter and looks at ``sys.modules`` when
it exits: a heavy module that sneaks back onto the start-up path of a plain run
(jsonschema for a run that validates nothing, chardet for UTF-8 input, rich or
the rule catalog for ``--version``) fails here.  Nothing is timed.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from support.paths import ROOT
from support.raw_rules import builtin_rule_codes

CLEAN = ROOT / "examples" / "clean-library-2023.txt"

#: runs ``python -m perflint ARGS`` and writes the names in sys.modules at exit to OUT
_RUNNER = """
import atexit, json, runpy, sys
out = sys.argv[1]
sys.argv = ["perflint", *sys.argv[2:]]
atexit.register(lambda: open(out, "w", encoding="utf-8").write(json.dumps(sorted(sys.modules))))
runpy.run_module("perflint", run_name="__main__", alter_sys=True)
"""

#: rich's modules that cost start-up time (its small helpers may come with typer)
RICH_HEAVY = (
    "rich.console",
    "rich.table",
    "rich.progress",
    "rich.traceback",
    "rich.syntax",
    "rich.markdown",
    "rich.panel",
    "rich.live",
)


def _modules(tmp_path: Path, *args: str, code: str | None = None) -> tuple[set[str], subprocess.CompletedProcess]:
    out = tmp_path / "modules.json"
    env = dict(os.environ)
    env.pop("PYTHONPATH", None)
    env["PYTHONPATH"] = str(ROOT)  # this checkout, whatever is installed
    env["PERFLINT_TODAY"] = "2025-06-01"
    cmd = [sys.executable, "-c", code or _RUNNER, str(out), *args]
    proc = subprocess.run(cmd, cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120)
    assert out.exists(), proc.stderr
    return set(json.loads(out.read_text("utf-8"))), proc


def _loaded(modules: set[str], *names: str) -> list[str]:
    return sorted(m for m in modules if any(m == n or m.startswith(n + ".") for n in names))


@pytest.fixture()
def workdir(tmp_path):
    """A folder with no perflint.toml or pyproject.toml above it that perflint would read."""
    folder = tmp_path / "work"
    folder.mkdir()
    return folder


def test_version_imports_neither_rich_nor_the_catalog(workdir):
    modules, proc = _modules(workdir, "--version")
    assert proc.returncode == 0 and "perflint" in proc.stdout
    assert _loaded(modules, *RICH_HEAVY) == []
    assert _loaded(modules, "perflint.catalog", "perflint.checks", "perflint.engine.config", "perflint.engine") == []
    assert _loaded(modules, "jsonschema", "chardet", "pydantic") == []


def test_check_of_a_clean_utf8_file_imports_neither_jsonschema_nor_chardet(workdir):
    modules, proc = _modules(workdir, "check", str(CLEAN), "--format", "json")
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["summary"]["files"] == 1
    assert _loaded(modules, "jsonschema") == []
    assert _loaded(modules, "chardet") == []


def test_check_with_a_valid_config_file_does_not_import_jsonschema(workdir):
    (workdir / "perflint.toml").write_text(
        'profile = "hunan-2019"\nfail-on = "warning"\nignore = ["TXT004"]\nlang = "en"\n'
        "[settings]\nsatisfaction_min_percent = 85\n[grade]\nper-rule-max = 2\n",
        "utf-8",
    )
    modules, proc = _modules(workdir, "check", str(CLEAN), "--format", "json", "--profile", "hunan-2019")
    assert proc.returncode in (0, 1), proc.stderr
    assert json.loads(proc.stdout)["config"]["ignore"] == ["TXT004"]
    assert _loaded(modules, "jsonschema") == []


def test_a_config_error_still_says_where(workdir):
    """The quick path does not lose the jsonschema messages: a bad key is named with its line."""
    (workdir / "perflint.toml").write_text('profile = "hunan-2019"\nfail-onn = "warning"\n', "utf-8")
    modules, proc = _modules(workdir, "check", str(CLEAN))
    assert proc.returncode == 2
    assert "perflint.toml:2" in proc.stderr and "fail-on" in proc.stderr
    assert "jsonschema" in modules


_CATALOG = """
import atexit, json, sys
out = sys.argv[1]
atexit.register(lambda: open(out, "w", encoding="utf-8").write(json.dumps(sorted(sys.modules))))
from perflint.catalog import builtin_catalog
from perflint.engine.config import load_config
cat = builtin_catalog()
assert cat.plugin_errors == []
print(json.dumps(sorted(cat.rules)))
load_config(cat, overrides={"profile": "cn-2021", "fail-on": "info", "lang": "en", "select": ["VAL"]})
"""


def test_builtin_catalog_and_config_overrides_validate_nothing_at_run_time(workdir):
    modules, proc = _modules(workdir, code=_CATALOG)
    assert proc.returncode == 0, proc.stderr
    # the quick path loaded the whole pack: a rule for every rule file
    assert json.loads(proc.stdout) == builtin_rule_codes()
    assert _loaded(modules, "jsonschema") == []
    # plugins are found without importlib.metadata (it imports the email package)
    assert _loaded(modules, "importlib.metadata", "email") == []


def test_a_machine_format_imports_no_rich_and_a_time_limit_no_jsonschema(workdir):
    # the progress bar's module imports Rich only when a bar is shown (issue 16)
    (workdir / "perflint.toml").write_text("time-limit = 600\n", "utf-8")
    modules, proc = _modules(workdir, "check", str(CLEAN), "--format", "json")
    assert proc.returncode == 0, proc.stderr
    assert _loaded(modules, *RICH_HEAVY) == []
    assert _loaded(modules, "perflint.report.terminal", "jsonschema") == []
