"""The bad-input corpus (``tests/bad_inputs/``) and what each case must yield."""

from __future__ import annotations

from support.paths import BAD_INPUTS as BAD

__all__ = ["BAD", "EXPECTED"]

#: file → (expected (code, variant) pairs in order, number of declarations read)
EXPECTED: dict[str, tuple[list[tuple[str, str | None]], int]] = {
    "empty.txt": ([("INP003", "empty")], 0),
    "whitespace-only.txt": ([("INP003", "blank")], 0),
    "memo.txt": ([("INP003", "no-labels")], 0),
    "picture-named.txt": ([("INP008", None)], 0),
    "word-saved-as.txt": ([("INP008", None)], 0),
    "scanned-form.txt": ([("INP008", None)], 0),
    "nul-bytes.txt": ([("INP008", None)], 0),
    "truncated-utf8.txt": ([("INP012", "truncated")], 1),
    "truncated-gbk.txt": ([("INP012", "truncated")], 1),
    "stray-byte.txt": ([("INP012", "invalid-bytes")], 1),
    "mixed-encodings.txt": ([("INP011", None)], 1),
    "gbk-form.txt": ([], 1),
    "nan.json": ([("INP010", None)], 1),
    "duplicate-key.json": ([("INP009", None)], 1),
    "wrong-types.json": (
        [("INP005", "type"), ("INP005", "type"), ("INP005", "unknown-property-hint"), ("INP005", "enum")],
        0,
    ),
    "trailing-comma.json": ([("INP004", "trailing-comma")], 0),
    "truncated.json": ([("INP004", "unterminated-string")], 0),
    "lines-one-bad.jsonl": ([("INP004", "expected-comma-object")], 2),
    "empty-list.json": ([("INP003", None)], 0),
    "sections-missing.txt": ([], 1),
    "sections-out-of-order.txt": ([], 1),
    "two-forms-no-separation.txt": ([], 2),
    "same-form-twice.txt": ([("INP013", None)], 2),
}
