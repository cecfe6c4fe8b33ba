"""Content the extractor could not place: reported so that nothing is
silently dropped."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from perflint.checks.base import Context, Hit, Kind, kind
from perflint.domain.model import Declaration


@kind
class Unrecognized(Kind):
    name = "unrecognized-content"
    description = {
        "zh": "表中有提取程序无法归入任何栏目的内容，检查未覆盖这些内容。",
        "en": "The form holds content the extractor could not assign to any field; no check looked at it.",
    }
    params_schema = {
        "type": "object",
        "properties": {
            "max_quote": {"type": "integer", "minimum": 8},
            "max_findings": {"type": "integer", "minimum": 1},
        },
        "additionalProperties": False,
    }

    def check(self, decl: Declaration, params: dict[str, Any], ctx: Context) -> Iterator[Hit]:
        limit = int(params.get("max_quote", 40))
        most = int(params.get("max_findings", 10))
        pieces = [(i, " ".join((text or "").split())) for i, text in enumerate(decl.unrecognized)]
        pieces = [(i, flat) for i, flat in pieces if flat]
        for n, (i, flat) in enumerate(pieces):
            if n == most and len(pieces) > most:
                # the rest in one finding: counted, never silently dropped
                rest = pieces[most:]
                yield Hit(
                    f"/unrecognized/{i}",
                    {"text": _quote(flat, limit), "count": len(rest), "length": sum(len(f) for _, f in rest)},
                    variant="more",
                )
                return
            yield Hit(f"/unrecognized/{i}", {"text": _quote(flat, limit), "length": len(flat)})


def _quote(flat: str, limit: int) -> str:
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"
