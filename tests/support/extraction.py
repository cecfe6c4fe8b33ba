"""Assertions shared by the extraction tests (not a test module)."""

from __future__ import annotations

from typing import Any

from perflint.domain.model import Declaration, resolve_pointer
from perflint.domain.text import clean_label, clean_value
from perflint.ingest.coverage import line_starts, span_offsets, uncovered


def assert_nothing_lost(text: str, decls: list[Declaration]) -> None:
    missing = uncovered(text, decls)
    assert not missing, "characters in no span: " + repr("".join(text[i] for i in missing[:80]))


def assert_spans_match(text: str, decls: list[Declaration]) -> None:
    """Slicing the source by every span gives back the value (or label)."""
    starts = line_starts(text)
    for decl in decls:
        data = decl.to_dict(include_source=False)
        for pointer, span in decl.source.spans.items():
            start, end = span_offsets(starts, span)
            assert 0 <= start <= end <= len(text), pointer
            node: Any = resolve_pointer(data, pointer)
            if isinstance(node, dict):
                node = node["text"]  # DateValue, MoneyLine, ExtraField: the text as written
            assert isinstance(node, str), (pointer, node)
            assert clean_value(text[start:end]) == node, pointer
        for pointer, label in decl.source.labels.items():
            if label.span is None:
                continue
            start, end = span_offsets(starts, label.span)
            assert clean_label(text[start:end]) == label.text, pointer
        for i, value in enumerate(decl.unrecognized):
            assert f"/unrecognized/{i}" in decl.source.spans
            assert value


def summary(decl: Declaration) -> tuple:
    total = decl.money.total
    return (
        str(decl.form_type),
        decl.year,
        decl.name,
        decl.department,
        None if total is None else total.amount,
        len(decl.indicators),
    )
