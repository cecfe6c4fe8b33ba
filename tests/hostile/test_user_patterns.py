"""Regular expressions a configuration or a rule pack supplies are vetted when it loads.

``basis_patterns = ["^(a|a)*$"]`` used to hang every run on a 41-character basis and
``["("]`` failed every file with PL001; both are now configuration errors (exit 2)
naming the file and the key, before any file is read.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from support.paths import ROOT

SEED = ROOT / "tests" / "data" / "seed" / "wangcheng-2019.txt"


def perflint(cwd: Path, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONIOENCODING": "utf-8", "PERFLINT_TODAY": "2025-01-01", "NO_COLOR": "1"}
    return subprocess.run(
        [sys.executable, "-m", "perflint", *args], capture_output=True, env=env, cwd=cwd, timeout=60, text=True
    )


def _form(tmp_path: Path, basis: str) -> Path:
    text = SEED.read_text("utf-8").replace("依据省市目标管理考核要求实施", basis)
    path = tmp_path / "form.txt"
    path.write_text(text, "utf-8")
    return path


@pytest.mark.parametrize(
    "pattern,why",
    [
        ("^(a|a)*$", "重叠"),  # exponential: ambiguous alternation
        ("(?:\\\\d?.)*a", "嵌套"),  # exponential: an optional part inside a repetition
        ("(", "语法错误"),  # does not compile
        ("\\\\d+\\\\s*%?\\\\s*-", "紧挨"),  # adjacent repetitions
    ],
)
def test_an_unsafe_basis_pattern_is_a_configuration_error(tmp_path: Path, pattern: str, why: str) -> None:
    (tmp_path / "perflint.toml").write_text(f'[rules.REQ008]\nbasis_patterns = ["依据", "{pattern}"]\n', "utf-8")
    form = _form(tmp_path, "a" * 40 + "!")
    start = time.monotonic()
    done = perflint(tmp_path, "check", "--no-cache", str(form))
    assert time.monotonic() - start < 30
    assert done.returncode == 2, done.stdout + done.stderr
    assert "perflint.toml" in done.stderr and "basis_patterns.1" in done.stderr, done.stderr
    assert why in done.stderr, done.stderr
    assert "PL001" not in done.stdout and "Traceback" not in done.stderr


def test_a_safe_basis_pattern_is_used(tmp_path: Path) -> None:
    (tmp_path / "perflint.toml").write_text('[rules.REQ008]\nbasis_patterns = ["考核要求"]\n', "utf-8")
    form = _form(tmp_path, "依据省市考核要求实施")
    done = perflint(tmp_path, "check", "--no-cache", "--select", "REQ008", str(form))
    assert done.returncode == 0, done.stdout + done.stderr
    (tmp_path / "perflint.toml").write_text('[rules.REQ008]\nbasis_patterns = ["《[^》]+》"]\n', "utf-8")
    done = perflint(tmp_path, "check", "--no-cache", "--select", "REQ008", str(form))
    assert "REQ008" in done.stdout, done.stdout + done.stderr


def test_an_unsafe_pattern_in_a_rule_pack_is_refused_when_the_pack_loads(tmp_path: Path) -> None:
    pack = tmp_path / "pack" / "rules" / "local"
    pack.mkdir(parents=True)
    (pack / "name-shape.toml").write_text(
        textwrap.dedent(
            """\
            code = "LOC001"
            name = "name-shape"
            kind = "field-pattern"
            severity = "warning"
            aspect = "completeness"

            [params]
            fields = ["name"]
            pattern = "(?:\\\\d?.)*a"

            [message]
            zh = "名称不合要求。"
            en = "bad name."
            [doc.zh]
            summary = "x"
            what = "x"
            why = "x"
            [doc.en]
            summary = "x"
            what = "x"
            why = "x"
            [[examples]]
            case = "good"
            declaration = { form_type = "项目支出" }
            """
        ),
        "utf-8",
    )
    (tmp_path / "perflint.toml").write_text('packs = ["pack"]\n', "utf-8")
    done = perflint(tmp_path, "check", "--no-cache", str(_form(tmp_path, "x")))
    assert done.returncode == 2, done.stdout + done.stderr
    assert "name-shape.toml" in done.stderr and "params.pattern" in done.stderr, done.stderr
    assert "Traceback" not in done.stderr
