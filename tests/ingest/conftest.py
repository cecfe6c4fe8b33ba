"""Fixtures of the extraction tests."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from support.extraction import assert_nothing_lost

from perflint.domain.model import Declaration, resolve_pointer
from perflint.domain.text import clean_label, clean_value
from perflint.domain.vocab import vocabulary
from perflint.ingest.coverage import line_starts, span_offsets


def spans_match(text: str, decls: list[Declaration]) -> None:
    """``support.extraction.assert_spans_match``, for values built from several cells.

    Slicing the source by a span gives back the value, except for an
    indicator value built from its comparator, value and unit columns
    (``≥ | 95 | %`` → ``≥95%``): its span is the value cell's, which the value
    contains, and each other part is the cell under its ``extra`` pointer.
    """
    starts = line_starts(text)
    roles = vocabulary().column_role
    for decl in decls:
        data = decl.to_dict(include_source=False)
        for pointer, span in decl.source.spans.items():
            start, end = span_offsets(starts, span)
            assert 0 <= start <= end <= len(text), pointer
            node = resolve_pointer(data, pointer)
            if isinstance(node, dict):
                node = node["text"]
            assert isinstance(node, str), (pointer, node)
            piece = clean_value(text[start:end])
            parts = pointer.split("/")
            if len(parts) == 4 and parts[1] == "indicators" and parts[3] == "value" and piece != node:
                ind = decl.indicators[int(parts[2])]
                assert any(k in roles for k in ind.extra), pointer  # built from parts
                assert piece and piece in node, pointer
                for key, part in ind.extra.items():
                    if roles.get(key) in ("comparator", "unit", "nature") and part in node:
                        assert node.startswith(part) or node.endswith(part), (pointer, key)
                continue
            assert piece == node, pointer
        for pointer, label in decl.source.labels.items():
            if label.span is not None:
                start, end = span_offsets(starts, label.span)
                assert clean_label(text[start:end]) == label.text, pointer
        for i, value in enumerate(decl.unrecognized):
            assert f"/unrecognized/{i}" in decl.source.spans
            assert value


@pytest.fixture(scope="session")
def check_spans() -> Callable[[str, list[Declaration]], None]:
    """:func:`spans_match`, for tests that cannot take function-scoped fixtures (hypothesis)."""
    return spans_match


@pytest.fixture
def read_one(extract) -> Callable[..., Declaration]:
    """``read_one(text, layout=None)``: the one declaration of ``text``, checked
    for lost characters and spans."""

    def run(text: str, layout: str | None = None) -> Declaration:
        decls = extract(text, layout=layout)
        assert_nothing_lost(text, decls)
        spans_match(text, decls)
        assert len(decls) == 1, [d.name for d in decls]
        return decls[0]

    return run


@pytest.fixture
def read_all(extract) -> Callable[..., list[Declaration]]:
    """``read_all(text, layout=None)``: every declaration of ``text``, checked."""

    def run(text: str, layout: str | None = None) -> list[Declaration]:
        decls = extract(text, layout=layout)
        assert_nothing_lost(text, decls)
        spans_match(text, decls)
        return decls

    return run
