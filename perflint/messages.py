"""Rendering message templates (named fields, per language)."""

from __future__ import annotations

import string
import tomllib
from functools import lru_cache
from typing import Any

from perflint.errors import InputProblem
from perflint.resources import rules_dir


class _Safe(dict):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def render(template: str, args: dict[str, Any]) -> str:
    """Fill ``{name}`` fields; unknown fields stay visible instead of failing."""
    formatter = string.Formatter()
    try:
        return formatter.vformat(template, (), _Safe(args))
    except (ValueError, IndexError, KeyError):
        return template


@lru_cache(maxsize=1)
def _input_rules() -> dict[str, dict[str, Any]]:
    out = {}
    for path in sorted((rules_dir() / "input").glob("*.toml")):
        data = tomllib.loads(path.read_text("utf-8"))
        out[data["code"]] = data
    return out


def input_problem_text(problem: InputProblem, lang: str = "zh") -> str:
    rule = _input_rules().get(problem.code)
    if rule is None:
        return f"{problem.code} {problem.args}"
    return f"{problem.code} {render(rule['message'][lang], problem.args)}"
