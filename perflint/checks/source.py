"""Content the extractor could not place: reported so that nothing is
silently dropped."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from perflint.checks.base import Context, Hit, Kind, kind
from perflint.model import Declaration


@kind
class Unrecognized(Kind):
    name = "unrecognized-content"
    description = {
        "zh": "表中有提取程序无法归入任何栏目的内容，检查未覆盖这些内容。",
        "en": "The form holds content the extractor could not assign to any field; no check looked at it.",
    }
    params_schema = {
        "type": "object",
        "properties": {"max_quote": {"type": "integer", "minimum": 8}},
        "additionalProperties": False,
    }

    def check(self, decl: Declaration, params: dict[str, Any], ctx: Context) -> Iterator[Hit]:
        limit = int(params.get("max_quote", 40))
        for i, text in enumerate(decl.unrecognized):
            flat = " ".join((text or "").split())
            if not flat:
                continue
            quote = flat if len(flat) <= limit else flat[: limit - 1] + "…"
            yield Hit(f"/unrecognized/{i}", {"text": quote, "length": len(flat)})
