"""Where bundled data lives: ``rules/`` and ``schemas/``.

In a wheel they are copied into ``perflint/_bundled/``; in a source checkout
(or an editable install) they are the top-level folders of the repository.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

_PKG = Path(__file__).resolve().parent


def _find(name: str) -> Path:
    bundled = _PKG / "_bundled" / name
    if bundled.is_dir():
        return bundled
    return _PKG.parent / name


def rules_dir() -> Path:
    return _find("rules")


def schemas_dir() -> Path:
    return _find("schemas")


@lru_cache(maxsize=None)
def schema(name: str) -> dict:
    """Load ``schemas/<name>`` (for example ``declaration.schema.json``)."""
    return json.loads((schemas_dir() / name).read_text("utf-8"))
