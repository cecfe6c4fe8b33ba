"""`--help` in the user's language (Chinese by default, like all output), and `explain`
showing its examples as the rows of the form a reviewer knows."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
import typer

from perflint import cli
from perflint.catalog import builtin_catalog


def perflint(*args: str, **env: str) -> str:
    base = {k: v for k, v in os.environ.items() if k not in ("LC_ALL", "LC_MESSAGES", "LANG")}
    proc = subprocess.run(
        [sys.executable, "-m", "perflint", *args],
        capture_output=True,
        text=True,
        env={**base, "PYTHONIOENCODING": "utf-8", "COLUMNS": "100", **env},
        timeout=60,
    )
    assert proc.returncode == 0, proc.stderr
    return proc.stdout


def test_help_is_chinese_by_default():
    out = perflint("--help")
    assert "用法：perflint" in out and "命令" in out and "检查申报表并报告问题。" in out
    assert "显示此帮助并退出。" in out and "Show this message" not in out
    out = perflint("check", "--help")
    assert "输出格式：" in out and "只报告不在此基线文件中的问题。" in out and "退出码：" in out
    assert "选项" in out and "Options" not in out and "Output format" not in out
    assert "…" not in out  # Chinese help is folded, never cut off


@pytest.mark.slow  # subprocesses or a browser: the slow suite (CI runs it)
def test_help_follows_lang_and_the_locale():
    out = perflint("check", "--help", "--lang", "en")
    assert "Usage: perflint check" in out and "Output format" in out and "输出格式" not in out
    assert "Output format" in perflint("check", "--lang=en", "--help")
    assert "Explain one rule" in perflint("explain", "--help", LANG="en_US.UTF-8")
    assert "解释一条规则" in perflint("explain", "--help", LANG="zh_CN.UTF-8")
    assert "解释一条规则" in perflint("explain", "--help", LANG="C.UTF-8")
    # --lang wins over the locale
    assert "解释一条规则" in perflint("explain", "--help", "--lang", "zh", LC_ALL="en_GB.UTF-8")


@pytest.mark.parametrize(
    ("argv", "env", "lang"),
    [
        ([], {}, "zh"),
        (["check", "--lang", "en", "--help"], {}, "en"),
        (["check", "--lang=en"], {"LANG": "zh_CN.UTF-8"}, "en"),
        (["check", "--lang"], {"LANG": "en_US"}, "en"),
        (["check"], {"LC_ALL": "zh_TW.UTF-8", "LANG": "en_US"}, "zh"),
        (["check"], {"LC_MESSAGES": "en_US"}, "en"),
        (["check", "--lang", "fr"], {}, "zh"),
    ],
)
def test_help_lang(argv, env, lang):
    assert cli.help_lang(argv, env) == lang


def test_every_option_has_chinese_help():
    command = typer.main.get_command(cli.app)
    for name, sub in command.commands.items():
        texts = cli.HELP_ZH[name]
        assert texts.get(""), name
        for param in sub.params:
            assert param.name in texts, f"{name} {param.name}: no Chinese help"


def test_explain_shows_examples_as_form_rows():
    out = perflint("explain", "VAL002")
    assert "一级指标 | 二级指标 | 内容 | 指标值" in out
    assert "产出指标 | 时效指标 | 办件平均办理时长 | ≤3个工作日" in out
    assert '"indicators"' not in out and '"level1"' not in out
    out = perflint("explain", "BUD007")
    assert "── 第 1 份申报表" in out and "资金总额（万元） | 556" in out
    out = perflint("explain", "TXT001", "--lang", "en")
    assert "review · row 1 · section (as written in the form) | 预预算科" in out


def test_no_example_is_shown_as_model_json():
    catalog = builtin_catalog()
    for rule in catalog.rules.values():
        for ex in rule.examples:
            rows = cli.example_rows({"case": ex.case, **ex.data}, "zh")
            assert rows, rule.code
            if "text" in ex.data:  # input given as text (JSON input too) is shown as it is
                continue
            for row in rows:
                assert not row.lstrip().startswith(("{", "[")), (rule.code, row)
                assert '"level1"' not in row and '"form_type"' not in row, (rule.code, row)
