"""The built-in rule files read as plain TOML, and catalog part B run straight through its kinds.

Nothing here goes through the catalog loader: the rule files are listed and
read as data, so tests can hold the loader to them.  The budget, dates, text,
crossform, review, relevance and source families (catalog part B) can also be
run by calling each rule's kind directly, without the engine.
"""

from __future__ import annotations

import functools
import tomllib
from pathlib import Path
from typing import Any

from perflint.checks import register
from perflint.checks.base import Context, Hit, Kind
from perflint.domain.model import Declaration
from support.paths import RULES

#: rule folder → code prefix
FAMILIES = {
    "budget": "BUD",
    "dates": "DATE",
    "text": "TXT",
    "crossform": "XF",
    "review": "REV",
    "relevance": "REL",
    "source": "SRC",
}
TODAY = "2026-11-25"


def builtin_rule_files() -> list[Path]:
    """Every rule file of the built-in pack: its TOML files but settings, profiles and data."""
    out = []
    for path in sorted(RULES.rglob("*.toml")):
        folders = path.relative_to(RULES).parts[:-1]
        if not folders or folders[0] == "profiles" or "data" in folders:
            continue
        out.append(path)
    return out


def builtin_rule_codes() -> list[str]:
    """The codes of :func:`builtin_rule_files`, sorted."""
    return sorted(load_rule(path)["code"] for path in builtin_rule_files())


@functools.cache
def settings() -> dict[str, Any]:
    """The built-in settings, read once per test process (callers never change them)."""
    return tomllib.loads((RULES / "settings.toml").read_text("utf-8"))["settings"]


@functools.cache
def kinds() -> dict[str, type[Kind]]:
    return {k.name: k for k in register()}


def part_b_rule_files() -> list[Path]:
    """The part-B rules that a check kind runs (reading notes rendered from input problems are not)."""
    return list(_part_b_rule_files())


@functools.cache
def _part_b_rule_files() -> tuple[Path, ...]:
    return tuple(
        sorted(
            p
            for fam in FAMILIES
            for p in (RULES / fam).glob("*.toml")
            if load_rule(p)["kind"] not in ("input", "internal")
        )
    )


@functools.cache
def load_rule(path: Path) -> dict[str, Any]:
    """A rule file as data, read once per test process: callers read it, never change it."""
    return tomllib.loads(path.read_text("utf-8"))


def run_rule(
    rule: dict[str, Any], decls: list[Declaration], overrides: dict[str, Any] | None = None, profile: str = "hunan-2019"
) -> list[tuple[int | None, Hit]]:
    """Every hit of ``rule`` on ``decls``, as (declaration index, hit)."""
    kind = kinds()[rule["kind"]]()
    params = dict(rule.get("params", {}))
    merged = {**settings(), **(overrides or {})}
    out: list[tuple[int | None, Hit]] = []
    if kind.scope == "bundle":
        ctx = Context(settings=merged, bundle=decls, index=0, profile=profile, today=TODAY)
        out.extend((h.declaration, h) for h in kind.check_bundle(decls, params, ctx))
    else:
        for i, decl in enumerate(decls):
            ctx = Context(settings=merged, bundle=decls, index=i, profile=profile, today=TODAY)
            out.extend((i, h) for h in kind.check(decl, params, ctx))
    return out
