"""Accounting for every character: which non-blank input is in no span.

Extraction promises that every non-blank character of the input ends up in a
label, a value, template text or ``Declaration.unrecognized``.  This module
checks that promise; tests and ``scripts/corpus_report.py`` use it.
"""

from __future__ import annotations

from perflint.domain.model import Declaration, Span
from perflint.domain.vocab import is_pad


def line_starts(text: str) -> list[int]:
    starts = [0]
    pos = text.find("\n")
    while pos != -1:
        starts.append(pos + 1)
        pos = text.find("\n", pos + 1)
    return starts


def span_offsets(starts: list[int], span: Span) -> tuple[int, int]:
    """Character offsets ``[start, end)`` of ``span`` in the text ``starts`` indexes."""
    return (starts[span.line - 1] + span.column - 1, starts[span.end_line - 1] + span.end_column - 1)


def all_spans(decl: Declaration) -> list[Span]:
    spans = list(decl.source.spans.values())
    spans.extend(label.span for label in decl.source.labels.values() if label.span is not None)
    spans.extend(decl.source.template)
    spans.extend(decl.source.chrome)
    return spans


def uncovered(text: str, declarations: list[Declaration]) -> list[int]:
    """Offsets of non-blank characters of ``text`` that no span covers.

    Cell separators of the pipe layout (``|``) are layout, not content.
    """
    pad = is_pad
    if any(d.source.layout == "pipe" for d in declarations):

        def pad(ch: str) -> bool:
            return ch == "|" or is_pad(ch)

    starts = line_starts(text)
    ranges = sorted(span_offsets(starts, s) for d in declarations for s in all_spans(d))
    missing: list[int] = []
    pos = 0
    for start, end in ranges:
        if start > pos:
            missing.extend(i for i in range(pos, start) if not pad(text[i]))
        pos = max(pos, end)
    missing.extend(i for i in range(pos, len(text)) if not pad(text[i]))
    return missing
