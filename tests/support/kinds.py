"""Running one check kind directly on a small declaration written as a dict: what the
tests of the issue-14 families (ARI, CON, the cost, budget, date and value rules) share."""

from __future__ import annotations

from typing import Any

from perflint.catalog import Catalog
from perflint.checks.base import Context, Hit
from perflint.domain.model import Declaration


def run(catalog: Catalog, kind: str, doc: dict[str, Any], profile: str = "hunan-2019") -> list[Hit]:
    """The hits of ``kind`` on ``doc`` with the profile's settings and no parameters."""
    settings = {**catalog.settings, **catalog.profiles[profile].settings}
    decl = Declaration.from_dict(doc)
    ctx = Context(settings=settings, bundle=[decl], index=0, profile=profile)
    return list(catalog.kinds[kind].check(decl, {}, ctx))


def hits(catalog: Catalog, kind: str, doc: dict[str, Any], profile: str = "hunan-2019") -> list[tuple[str, Any]]:
    """(pointer, variant) of each hit."""
    return [(h.pointer, h.variant) for h in run(catalog, kind, doc, profile)]


def row(level1: str | None, level2: str | None, content: str, value: str = "", **extra: Any) -> dict[str, Any]:
    """One indicator row."""
    return {"level1": level1, "level2": level2, "content": content, "value": value, **extra}


def project(*rows_: dict[str, Any], total: str | None = None, **fields: Any) -> dict[str, Any]:
    """A project form with these indicator rows, a total (as written) and further fields."""
    doc: dict[str, Any] = {"form_type": "项目支出", "indicators": list(rows_), **fields}
    if total is not None:
        doc["money"] = {"total": {"key": "total", "label": "资金总额", "text": total, "amount": total}}
    return doc
