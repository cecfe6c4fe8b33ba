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
        "properties": {"max_quote": {"type": "integer", "minimum": 8}},
        "additionalProperties": False,
    }

    def check(self, decl: Declaration, params: dict[str, Any], ctx: Context) -> Iterator[Hit]:
        limit = int(params.get("max_quote", 40))
        pieces = [(i, " ".join((text or "").split())) for i, text in enumerate(decl.unrecognized)]
        pieces = [(i, flat) for i, flat in pieces if flat]
        if not pieces:
            return
        first_index, first = pieces[0]
        length = sum(len(flat) for _, flat in pieces)
        args = {"text": _quote(first, limit), "length": length, "count": len(pieces)}
        if decl.reading is not None and decl.reading.text_chars:
            args["share"] = f"{100 * length / max(decl.reading.text_chars, 1):.0f}%"
        # one note per declaration: how much was left unread and where it starts
        yield Hit(f"/unrecognized/{first_index}", args, variant="one" if len(pieces) == 1 else None)


def _quote(flat: str, limit: int) -> str:
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"
