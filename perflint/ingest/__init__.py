"""Reading declarations from files: decode → layout → rows of cells → model."""

from __future__ import annotations

from perflint.domain.model import Declaration
from perflint.ingest.build import Builder
from perflint.ingest.layouts import rows_for


def declarations_from_text(
    text: str, path: str = "<memory>", encoding: str | None = None, layout: str | None = None
) -> list[Declaration]:
    """Extract every declaration in ``text`` (already decoded)."""
    layout, rows = rows_for(text, layout)
    return Builder(text, path, encoding, layout).build(rows)
