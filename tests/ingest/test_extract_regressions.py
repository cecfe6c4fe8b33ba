"""Inputs property-based tests once found broken, kept as plain tests."""

from __future__ import annotations

from support.extraction import assert_nothing_lost, assert_spans_match

from perflint.ingest import declarations_from_text


def test_extra_column_named_with_a_slash_gets_an_escaped_pointer():
    rows = [["一级指标", "一级指标", "/"], ["一级指标", "一般公共预算"]]
    text = "\n\n".join("\n".join("\t" + cell for cell in row) for row in rows)
    decls = declarations_from_text(text, "x.txt", "utf-8", "tabbed")
    assert_spans_match(text, decls)
    assert_nothing_lost(text, decls)
    assert "/indicators/0/extra/~1" in decls[0].source.spans
