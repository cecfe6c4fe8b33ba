"""JSON input: the positional reader, spans, syntax and schema problems."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest

from perflint.domain.model import Span
from perflint.domain.problems import InputError
from perflint.ingest.json_input import (
    LineIndex,
    declarations_from_json,
    parse_json,
    read_documents,
)


def read(text: str, path: str = "in.json", **kw):
    decls, problems = declarations_from_json(text, path, "utf-8", **kw)
    return decls, problems


def codes(problems) -> list[tuple[str, str | None, str]]:
    return [(p.code, p.variant, p.pointer) for p in problems]


def token_at(text: str, span: Span) -> str:
    lines = text.split("\n")
    assert span.line == span.end_line, "tokens in these tests are on one line"
    return lines[span.line - 1][span.column - 1 : span.end_column - 1]


# -- the reader agrees with the standard library on valid JSON -------------------

VALID = [
    "{}",
    "[]",
    "0",
    "-0",
    "1.5e3",
    '"a\\u00e9\\n"',
    "true",
    "null",
    '{"a": [1, 2, {"b": null}], "c": "中文"}',
    '[[], {}, [[]], {"x": {"y": {}}}]',
    '{"k": "\\ud83d\\ude00 emoji via escapes"}',
    '  \n {"spaced" :  [ 1 , 2 ] }  \n',
    '{"a/b": 1, "m~n": 2}',
]


@pytest.mark.parametrize("text", VALID)
def test_reader_matches_stdlib(text: str) -> None:
    expected = json.loads(text, parse_float=Decimal)
    assert parse_json(text) == expected


def test_numbers_are_exact_never_float() -> None:
    value = parse_json("[0.1, 1e400, 12345678901234567890123, -7]")
    assert value == [Decimal("0.1"), Decimal("1e400"), 12345678901234567890123, -7]
    assert not any(isinstance(v, float) for v in value)
    huge = "9" * 5000  # longer than Python's int-from-str limit
    assert parse_json(huge) == Decimal(huge)


# -- spans ------------------------------------------------------------------------

HAND_WRITTEN = """{
  "form_type": "专项资金",
  "name": "河道保洁",
  "year": 2024,
  "money": {"total": {"text": "30", "amount": "30"}},
  "filing_date": "2023.11",
  "indicators": [
    {"level1": "产出指标", "content": "保洁长度", "value": "≥20公里"}
  ]
}
"""


def test_spans_point_at_json_tokens() -> None:
    (decl,), problems = read(HAND_WRITTEN, "hand.json")
    assert problems == []
    spans = decl.source.spans
    assert decl.source.path == "hand.json" and decl.source.layout == "json"
    assert token_at(HAND_WRITTEN, spans["/name"]) == '"河道保洁"'
    assert token_at(HAND_WRITTEN, spans["/year"]) == "2024"
    assert token_at(HAND_WRITTEN, spans["/indicators/0/value"]) == '"≥20公里"'
    assert spans["/indicators/0/value"].line == 8
    # a money line or a date points at its text, as the text extractor does
    assert token_at(HAND_WRITTEN, spans["/money/total"]) == '"30"'
    assert token_at(HAND_WRITTEN, spans["/filing_date"]) == '"2023.11"'
    # containers span from bracket to bracket
    assert spans["/indicators/0"].line == 8 and spans[""] == Span(1, 1, 10, 2)
    # a field left out falls back to the nearest container
    assert decl.span("/indicators/0/note") == spans["/indicators/0"]
    assert decl.span("/safeguards") == spans[""]


def test_columns_count_characters_not_bytes() -> None:
    text = '{"department": "白沙区", "name": "泵站"}'
    (decl,), _ = read(text)
    assert decl.source.spans["/name"] == Span(1, 31, 1, 35)
    assert text[30:34] == '"泵站"'


def test_pointer_escaping_in_spans_and_problems() -> None:
    text = '{"indicators": [{"content": "x", "extra": {"a/b": "1", "c~d": "2"}}]}'
    (decl,), problems = read(text)
    assert problems == []
    assert "/indicators/0/extra/a~1b" in decl.source.spans
    assert "/indicators/0/extra/c~0d" in decl.source.spans


def test_list_and_json_lines_index_declarations_by_position() -> None:
    text = '[{"name": "甲"}, {"name": "乙"}]'
    decls, problems = read(text)
    assert [d.name for d in decls] == ["甲", "乙"] and problems == []
    assert [d.source.index for d in decls] == [0, 1]
    assert token_at(text, decls[1].source.spans["/name"]) == '"乙"'
    lines = '{"name": "甲"}\n\n{"name": "乙"}\n'
    decls, problems = read(lines, "in.jsonl")
    assert [(d.name, d.source.spans["/name"].line) for d in decls] == [("甲", 1), ("乙", 3)]


# -- where source comes from (the documented choice) -----------------------------


def test_document_with_its_own_spans_keeps_them_and_the_original_path() -> None:
    doc = {
        "name": "河道保洁",
        "source": {
            "path": "forms/a.txt",
            "encoding": "gb18030",
            "layout": "tabbed",
            "index": 2,
            "spans": {"/name": [4, 2, 4, 6]},
            "template": [],
            "labels": {"/name": {"text": "专项名称", "span": [3, 2, 3, 6]}},
        },
    }
    (decl,), problems = read(json.dumps(doc, ensure_ascii=False), "extracted.json")
    assert problems == []
    assert decl.source.path == "forms/a.txt" and decl.source.index == 2
    assert decl.source.spans == {"/name": Span(4, 2, 4, 6)}
    assert decl.source.labels["/name"].text == "专项名称"
    assert decl.to_dict() == {**decl.to_dict(), "source": decl.source.to_dict()}


def test_document_without_a_text_layout_gets_json_positions() -> None:
    for source in (
        '{"path": "forms/a.txt", "spans": {"/name": [1, 1, 1, 2]}}',
        '{"path": "<memory>", "layout": "tabbed", "spans": {"/name": [1, 1, 1, 2]}}',
        '{"layout": "tabbed", "spans": {"/name": [1, 1, 1, 2]}}',
    ):
        (decl,), problems = read(f'{{"name": "河道保洁", "source": {source}}}', "x.json")
        assert problems == []
        assert decl.source.path == "x.json" and decl.source.layout == "json"
        assert decl.source.spans["/name"] == Span(1, 10, 1, 16)
    assert "/name" in decl.source.spans
    assert not any(k.startswith("/source") for k in decl.source.spans)


# -- syntax problems ---------------------------------------------------------------

SYNTAX = [
    ('{"a": 1,}', "trailing-comma", 1, 9),
    ("[1, 2,]", "trailing-comma", 1, 7),
    ('{"a": 1 "b": 2}', "expected-comma-object", 1, 9),
    ("[1 2]", "expected-comma-array", 1, 4),
    ("{'a': 1}", "single-quote", 1, 2),
    ('{"a": 1} // note', "comment", 1, 10),
    ("{a: 1}", "unquoted-key", 1, 2),
    ('{"a" 1}', "expected-colon", 1, 6),
    ('{"a": }', "expected-value", 1, 7),
    ('{"a": 1, }', "trailing-comma", 1, 10),
    ('{"a": @}', "expected-value", 1, 7),
    ('{"a": "x', "unterminated-string", 1, 7),
    ('{"a": "x\ty"}', "control-char", 1, 9),
    ('{"a": "\\q"}', "bad-escape", 1, 8),
    ('{"a": "\\udc00"}', "surrogate", 1, 7),
    ('{"a": 012}', "bad-number", 1, 7),
    ('{"a": 5万元}', "bad-number", 1, 7),
    ('{"a": 1} x', "trailing-data", 1, 10),
    ('{"a": [1, 2', "unexpected-end", 1, 12),
]


@pytest.mark.parametrize("text,variant,line,column", SYNTAX)
def test_syntax_errors_name_the_case_and_position(text, variant, line, column) -> None:
    decls, problems = read(text)
    assert decls == []
    (p,) = [p for p in problems if p.code == "INP004"]
    assert (p.variant, p.args["line"], p.args["column"]) == (variant, line, column), p.args
    assert p.span is not None and (p.span.line, p.span.column) == (line, column)
    assert p.args["reason"]


def test_multiline_positions() -> None:
    text = '{\n  "name": "甲",\n  "year": 2024,\n}\n'
    _, (p,) = read(text)
    assert (p.variant, p.args["line"], p.args["column"]) == ("trailing-comma", 4, 1)


def test_json_lines_skip_a_broken_line_and_read_the_rest() -> None:
    text = '{"name": "甲"}\n{"name": "乙"\n{"name": "丙"}\n{"name": oops}\n{"name": "丁"}\n'
    decls, problems = read(text, "x.jsonl")
    assert [d.name for d in decls] == ["甲", "丙", "丁"]
    assert [(p.code, p.args["line"]) for p in problems] == [("INP004", 3), ("INP004", 4)]


def test_plain_json_stops_at_the_first_syntax_error() -> None:
    decls, problems = read('[{"name": "甲"},, {"name": "乙"}]')
    assert decls == [] and [p.code for p in problems] == ["INP004"]


# -- depth, duplicates, NaN -----------------------------------------------------------


def test_deep_nesting_is_refused_without_recursion() -> None:
    deep = "[" * 100_000 + "]" * 100_000
    decls, problems = read(deep)
    assert decls == []
    assert [(p.code, p.args["limit"], p.args["column"]) for p in problems] == [("INP007", 64, 65)]
    deep_obj = '{"a":' * 100_000 + "1" + "}" * 100_000
    assert [p.code for p in read(deep_obj)[1]] == ["INP007"]


def test_depth_limit_is_configurable_and_exact() -> None:
    ok = '{"extra": ' * 0 + "[" * 10 + "]" * 10
    assert [p.code for p in read(ok, max_depth=10)[1]] == ["INP005"]  # not a declaration shape, but read
    assert [p.code for p in read(ok, max_depth=9)[1]] == ["INP007"]


def test_duplicate_key_is_an_error_and_the_last_value_wins() -> None:
    text = '{\n "name": "甲",\n "name": "乙"\n}'
    (decl,), problems = read(text)
    assert decl.name == "乙"
    (p,) = problems
    assert (p.code, p.pointer, p.args["line"], p.args["first_line"], p.args["key"]) == (
        "INP009",
        "/name",
        3,
        2,
        '"name"',
    )
    assert token_at(text, decl.source.spans["/name"]) == '"乙"'


def test_duplicate_container_key_drops_stale_positions() -> None:
    text = '{"money": {"total": {"text": "1"}}, "money": {"lines": []}}'
    (decl,), problems = read(text)
    assert [p.code for p in problems] == ["INP009"]
    assert "/money/total/text" not in decl.source.spans and "/money/lines" in decl.source.spans


@pytest.mark.parametrize("token", ["NaN", "Infinity", "-Infinity"])
def test_non_finite_numbers(token: str) -> None:
    (decl,), problems = read(f'{{"name": "甲", "year": {token}}}')
    assert decl.year is None
    assert [(p.code, p.args["token"], p.pointer) for p in problems] == [("INP010", token, "/year")]


# -- schema problems -------------------------------------------------------------------


def test_schema_violations_name_pointer_line_and_column() -> None:
    text = (
        '[\n {"name": "甲", "year": "2024"},\n {"name": "乙"},\n'
        ' {"money": {"total": {"text": "30", "amount": 30}}},\n'
        ' {"form_type": "专项基金", "indicators": [{"content": "x", "valeu": "1"}]}\n]'
    )
    decls, problems = read(text)
    assert [d.name for d in decls] == ["乙"] and decls[0].source.index == 1
    got = [(p.code, p.variant, p.pointer, p.args["line"], p.declaration) for p in problems]
    assert got == [
        ("INP005", "type", "/0/year", 2, 0),
        ("INP005", "type", "/2/money/total/amount", 4, 2),
        ("INP005", "enum", "/3/form_type", 5, 3),
        ("INP005", "unknown-property-hint", "/3/indicators/0/valeu", 5, 3),
    ]
    hint = problems[-1]
    assert hint.args["suggestion"] == "value"
    assert token_at(text, hint.span) == '"valeu"'


def test_schema_variants_for_formats() -> None:
    cases = {
        '{"money": {"total": {"amount": "五百"}}}': "amount-format",
        '{"filing_date": {"text": "x", "value": "2019/1"}}': "date-format",
        '{"year": 1800}': "range",
        '{"source": {"spans": {"name": [1, 2, 3, 4]}}}': "pointer-format",
        '{"source": {"spans": {"/name": [1, 2]}}}': "span-format",
        '{"filing_date": 20190105}': "type",
        '{"whatever": 1}': "unknown-property",
    }
    for text, variant in cases.items():
        _, problems = read(text)
        assert [p.variant for p in problems] == [variant], text


def test_top_level_scalar_and_empty_inputs() -> None:
    assert codes(read("42")[1]) == [("INP005", "type", "")]
    assert [(p.code, p.args["reason"]) for p in read("")[1]] == [("INP003", "empty")]
    assert [(p.code, p.args["reason"]) for p in read("  [ ]\n")[1]] == [("INP003", "empty-list")]


def test_every_declaration_field_is_optional() -> None:
    (decl,), problems = read("{}")
    assert problems == [] and decl.name is None and decl.indicators == []


def test_parse_json_raises_input_errors() -> None:
    with pytest.raises(InputError) as err:
        parse_json('{"a": 1, "a": 2}')
    assert err.value.code == "INP009"
    with pytest.raises(InputError) as err:
        parse_json("[NaN]")
    assert err.value.code == "INP010"
    with pytest.raises(InputError) as err:
        parse_json("{")
    assert err.value.code == "INP004"


def test_line_index() -> None:
    idx = LineIndex("ab\ncd\n\nx")
    assert [idx.pos(i) for i in (0, 2, 3, 6, 7)] == [(1, 1), (1, 3), (2, 1), (3, 1), (4, 1)]


def test_read_documents_reports_value_and_key_offsets() -> None:
    text = '{"a": [10, "x"]}'
    (doc,), problems = read_documents(text)
    assert problems == []
    assert doc.values["/a/1"] == (11, 14) and doc.keys["/a"] == (1, 4)


def test_split_by_origin_reports_extract_output_at_the_original_file() -> None:
    from perflint.ingest.files import load_bytes, split_by_origin

    original = load_bytes("专项资金绩效目标申报表\n（2024年度）\n\t专项名称\n\t河道保洁\n".encode(), "forms/a.txt")
    docs = [d.to_dict() for d in original.declarations] + [{"name": "手写"}]
    fr = load_bytes(json.dumps(docs, ensure_ascii=False).encode(), "out.json")
    own, other = split_by_origin(fr)
    assert own.path == "out.json" and [d.name for d in own.declarations] == ["手写"]
    assert other.path == "forms/a.txt" and other.text is None
    assert [d.to_dict() for d in other.declarations] == [d.to_dict() for d in original.declarations]
    plain = load_bytes(b'{"name": "x"}', "plain.json")
    assert split_by_origin(plain) == [plain]


def test_an_object_with_no_declaration_key_is_one_not_a_declaration_finding(tmp_path):
    from perflint.ingest.files import load_file

    meta = tmp_path / "001.meta.json"
    meta.write_text(
        '{"url": "https://example.org/x", "title": 1, "region": "某县", "layout": "pipe"}', encoding="utf-8"
    )
    result = load_file(str(meta))
    assert [(p.code, p.variant) for p in result.problems] == [("INP003", "foreign-json")]
    assert result.problems[0].span is not None and result.problems[0].span.line == 1
