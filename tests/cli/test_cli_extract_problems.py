"""`perflint extract` names each problem of a file once per kind, not once per copy (issue 17)."""

from __future__ import annotations

import pytest

from perflint.cli import PROBLEM_EXAMPLES, _say_problems
from perflint.domain.problems import InputProblem


def _duplicate(n: int) -> InputProblem:
    args = {"first": 1, "second": n, "line": 6 * n - 5, "first_line": 1, "name": "示例"}
    return InputProblem("INP013", "f.txt", args)


def test_repeats_of_one_problem_are_counted_after_the_first_examples(capsys: pytest.CaptureFixture[str]) -> None:
    unread = InputProblem("SRC002", "f.txt", {"sections": "绩效指标", "sections_en": "indicators"}, variant="truncated")
    _say_problems("f.txt", [_duplicate(n) for n in range(2, 8002)] + [unread])
    lines = capsys.readouterr().err.splitlines()
    assert len(lines) == PROBLEM_EXAMPLES + 2
    assert [line.split()[1] for line in lines] == ["INP013"] * (PROBLEM_EXAMPLES + 1) + ["SRC002"]
    assert "第 2 份申报表" in lines[0] and "第 4 份申报表" in lines[PROBLEM_EXAMPLES - 1]
    assert f"另有 {8000 - PROBLEM_EXAMPLES} 条" in lines[PROBLEM_EXAMPLES] and "共 8000 条" in lines[PROBLEM_EXAMPLES]
    # a reading note is rendered from its rule's message, not shown as raw arguments
    assert "文本在表中截断" in lines[-1] and "{" not in lines[-1]


def test_a_few_problems_are_all_shown(capsys: pytest.CaptureFixture[str]) -> None:
    _say_problems("f.txt", [_duplicate(n) for n in range(2, 2 + PROBLEM_EXAMPLES)])
    lines = capsys.readouterr().err.splitlines()
    assert len(lines) == PROBLEM_EXAMPLES and all("INP013" in line for line in lines)
