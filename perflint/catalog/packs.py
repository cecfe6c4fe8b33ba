"""Rule-pack discovery: the built-in pack is the ``rules/`` folder."""

from __future__ import annotations

from pathlib import Path

from perflint.resources import rules_dir


def builtin_packs() -> list[Path]:
    """Folders of rule TOML files; the ``perflint.packs`` entry point names this."""
    return [rules_dir()]
