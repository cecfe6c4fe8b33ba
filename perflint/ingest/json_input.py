"""JSON input: one declaration, a list of them, or JSON Lines — with positions.

The standard library's parser forgets where values were, so this module has
its own small JSON reader.  It is iterative (a 100,000-deep array cannot
reach Python's recursion limit: nesting deeper than ``max_depth`` is refused
with ``INP007``), strict (RFC 8259: no comments, no single quotes, no
trailing commas), and it records the start and end of every value and every
object key, in characters of the decoded text.  Strings are decoded by the
standard library's C ``scanstring``; numbers stay exact (``int`` or
``Decimal``, never ``float``).

What it reports, each as an :class:`~perflint.domain.problems.InputProblem`:

``INP004`` invalid-json
    A syntax error, with line, column and a variant naming the error
    (``expected-comma-object``, ``single-quote``, ``comment`` …).  In JSON
    Lines (``.jsonl``/``.ndjson``, or several documents in one ``.json``) the
    reader skips to the next line that starts a document and goes on.
``INP005`` schema-violation
    The document does not follow ``schemas/declaration.schema.json``; one
    problem per violation, naming the JSON pointer, line and column.  A
    declaration with a violation is not built (its data would be misread).
``INP007`` json-too-deep
    Nesting beyond ``max_depth`` (default 64, at most 128); the rest of the
    file is not read.
``INP009`` json-duplicate-key
    An object names the same key twice; the last value wins (as in most
    parsers), so the first is silently lost — hence an error.
``INP010`` json-non-finite-number
    ``NaN``, ``Infinity`` or ``-Infinity``: not JSON, though some writers
    emit them; read as ``null``.
``INP003`` not-a-declaration
    The file holds no document at all, or only an empty list.

Where spans point (``source.spans``)
    A declaration read from hand-written JSON gets a span for every value it
    contains, pointing at the JSON token (a string with its quotes, a number,
    ``true``/``false``/``null``; an object or array from its opening to its
    closing bracket — except that an object with a ``text`` member, such as
    a money line or a date, points at that text token, as the text extractor
    does).  Its ``source.path`` is the JSON file and ``source.layout`` is
    ``json``, so findings land on the right line of the JSON file.

    A document whose ``source`` names both a ``path`` and a ``layout`` (what
    ``perflint extract`` writes) is taken as it is: its spans, labels and
    template refer to the *original* file (``tabbed`` text, or ``json`` when
    the original was itself JSON), so ``source.path``, ``encoding``,
    ``layout`` and ``index`` are kept too, and extract → JSON → read gives
    back equal declarations (``to_dict`` and all).
    The findings of such a declaration belong to ``source.path`` (the
    engine must report them there, not at the JSON file's lines).  Drop
    ``source`` (or use ``perflint extract --no-source``) to have findings
    point into the JSON file instead.
"""

from __future__ import annotations

import bisect
import difflib
import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from perflint.domain.model import Declaration, Source, Span, escape_pointer
from perflint.domain.problems import InputError, InputProblem
from perflint.resources import schema

if TYPE_CHECKING:
    # typeshed declares scanstring only in _json; json.decoder's is that one
    # (or its pure-Python twin where the C module is missing)
    from _json import scanstring

    # jsonschema is imported when a document needs validating
    from jsonschema import Draft202012Validator
    from jsonschema.exceptions import ValidationError
else:
    from json.decoder import scanstring

DEFAULT_MAX_DEPTH = 64
#: ``max_depth`` is capped here: schema validation recurses once per level,
#: and a declaration is never more than a few levels deep.
MAX_DEPTH_CAP = 128
LINES_SUFFIXES = (".jsonl", ".ndjson")

_WS = re.compile(r"[ \t\n\r]*")
_NUMBER = re.compile(r"-?(?:0|[1-9][0-9]*)(\.[0-9]+)?([eE][-+]?[0-9]+)?")
#: what may follow a number: whitespace, a separator, a closing bracket
_DELIMITERS = frozenset(" \t\r\n,]}")
_TOKEN = re.compile(r"[^\s,\]}]+")
_SURROGATE = re.compile("[\ud800-\udfff]")
_IDENT = re.compile(r"[A-Za-z_$][A-Za-z0-9_$]*")
#: longest integer literal turned into ``int`` (Python refuses very long ones)
_MAX_INT_DIGITS = 4000


# -- positions ---------------------------------------------------------------


class LineIndex:
    """Character offset → 1-based line and column (columns in characters)."""

    __slots__ = ("starts",)

    def __init__(self, text: str) -> None:
        starts = [0]
        find = text.find
        pos = find("\n")
        while pos != -1:
            starts.append(pos + 1)
            pos = find("\n", pos + 1)
        self.starts = starts

    def pos(self, offset: int) -> tuple[int, int]:
        line = bisect.bisect_right(self.starts, offset) - 1
        return line + 1, offset - self.starts[line] + 1

    def span(self, start: int, end: int) -> Span:
        l1, c1 = self.pos(start)
        l2, c2 = self.pos(end)
        return Span(l1, c1, l2, c2)


# -- the reader ----------------------------------------------------------------


class JsonSyntax(Exception):
    """A syntax error at ``offset``; ``variant`` names it for the message."""

    def __init__(self, variant: str, offset: int, reason: str, **args: Any) -> None:
        super().__init__(variant, offset)
        self.variant = variant
        self.offset = offset
        self.reason = reason
        self.args_map = args


class JsonTooDeep(Exception):
    def __init__(self, offset: int, limit: int) -> None:
        super().__init__(offset, limit)
        self.offset = offset
        self.limit = limit


@dataclass(slots=True)
class Document:
    """One top-level JSON value with the positions of everything in it.

    ``values`` and ``keys`` map a JSON pointer (relative to this document) to
    the ``(start, end)`` character offsets of the value and of the object key
    that introduced it.
    """

    value: Any
    start: int
    end: int
    values: dict[str, tuple[int, int]] = field(default_factory=dict)
    keys: dict[str, tuple[int, int]] = field(default_factory=dict)
    #: (pointer, key start, key end, first key start)
    duplicates: list[tuple[str, int, int, int]] = field(default_factory=list)
    #: (pointer, start, end, token)
    non_finite: list[tuple[str, int, int, str]] = field(default_factory=list)
    #: pointers of objects with a string ``text`` member (money lines, dates …)
    text_objects: set[str] = field(default_factory=set)


class _Frame:
    __slots__ = ("is_object", "value", "pointer", "start", "key", "key_span")

    def __init__(self, is_object: bool, value: Any, pointer: str, start: int) -> None:
        self.is_object = is_object
        self.value = value
        self.pointer = pointer
        self.start = start
        self.key: str | None = None
        self.key_span = (start, start)


def _char_name(ch: str) -> str:
    if ch.isprintable() and not ch.isspace():
        return ch
    return f"U+{ord(ch):04X}"


def _unexpected(text: str, i: int, variant: str, expected: str) -> JsonSyntax:
    """The most helpful error for an unexpected character where ``expected`` was wanted.

    ``variant`` names the general case (``expected-colon`` …); single quotes,
    comments and the end of the data get their own variants.
    """
    if i >= len(text):
        return JsonSyntax("unexpected-end", i, f"unexpected end of data; expected {expected}")
    ch = text[i]
    if ch == "'":
        return JsonSyntax("single-quote", i, "strings and keys take double quotes, not single quotes")
    if ch == "/" and text[i + 1 : i + 2] in ("/", "*"):
        return JsonSyntax("comment", i, "JSON does not allow comments")
    return JsonSyntax(variant, i, f"unexpected character {_char_name(ch)!r}; expected {expected}", char=_char_name(ch))


class _Reader:
    def __init__(self, text: str, max_depth: int) -> None:
        self.text = text
        self.n = len(text)
        self.max_depth = max_depth

    def ws(self, i: int) -> int:
        return _WS.match(self.text, i).end()  # type: ignore[union-attr]

    def string(self, i: int) -> tuple[str, int]:
        """Decode the string whose opening quote is at ``i``."""
        try:
            value, end = scanstring(self.text, i + 1, True)
        except json.JSONDecodeError as exc:
            msg = exc.msg
            if msg.startswith("Unterminated string"):
                raise JsonSyntax("unterminated-string", i, "unterminated string") from None
            if msg.startswith("Invalid control character"):
                raise JsonSyntax(
                    "control-char",
                    exc.pos,
                    "control character inside a string; write it as an escape such as \\n or \\t",
                    char=_char_name(self.text[exc.pos]),
                ) from None
            raise JsonSyntax("bad-escape", exc.pos, "invalid escape sequence in a string") from None
        if "\\u" in self.text[i:end] and _SURROGATE.search(value):
            raise JsonSyntax("surrogate", i, "a \\u escape names half of a surrogate pair, not a character")
        return value, end

    def key(self, frame: _Frame, i: int, doc: Document) -> int:
        """Read ``"key":`` at ``i`` into ``frame``; return the offset of the value."""
        text = self.text
        if i >= self.n or text[i] != '"':
            if i < self.n and text[i] == "}":
                raise JsonSyntax("trailing-comma", i, "a comma before '}' (trailing comma)")
            if i < self.n and (ident := _IDENT.match(text, i)):
                raise JsonSyntax(
                    "unquoted-key",
                    i,
                    "object keys must be strings in double quotes",
                    key=ident.group(0)[:40],
                )
            raise _unexpected(text, i, "expected-key", "a key in double quotes")
        key, end = self.string(i)
        pointer = f"{frame.pointer}/{escape_pointer(key)}"
        if key in frame.value:
            first = doc.keys.get(pointer, (i, end))[0]
            doc.duplicates.append((pointer, i, end, first))
            stale = pointer + "/"
            for table in (doc.values, doc.keys):
                for p in [p for p in table if p.startswith(stale)]:
                    del table[p]
        frame.key = key
        frame.key_span = (i, end)
        doc.keys[pointer] = (i, end)
        j = self.ws(end)
        if j >= self.n or text[j] != ":":
            raise _unexpected(text, j, "expected-colon", "':' after the key")
        return self.ws(j + 1)

    def scalar(self, i: int, pointer: str, doc: Document) -> tuple[Any, int]:
        text = self.text
        ch = text[i]
        if ch == '"':
            return self.string(i)
        if ch == "-" or "0" <= ch <= "9":
            if text.startswith("-Infinity", i):
                doc.non_finite.append((pointer, i, i + 9, "-Infinity"))
                return None, i + 9
            m = _NUMBER.match(text, i)
            if m is None or (m.end() < self.n and text[m.end()] not in _DELIMITERS):
                bad = _TOKEN.match(text, i)
                token = bad.group(0) if bad else ch
                raise JsonSyntax("bad-number", i, f"invalid number {token[:40]!r}", token=token[:40])
            token = m.group(0)
            if m.group(1) is None and m.group(2) is None and len(token) <= _MAX_INT_DIGITS:
                return int(token), m.end()
            return Decimal(token), m.end()
        for word, value in (("true", True), ("false", False), ("null", None)):
            if text.startswith(word, i):
                return value, i + len(word)
        for word in ("NaN", "Infinity"):
            if text.startswith(word, i):
                doc.non_finite.append((pointer, i, i + len(word), word))
                return None, i + len(word)
        if ch in "}]":
            if self._after_comma(i):
                raise JsonSyntax("trailing-comma", i, "a comma before a closing bracket (trailing comma)")
            raise JsonSyntax("expected-value", i, f"expected a value, found {ch!r}", char=ch)
        raise _unexpected(text, i, "expected-value", "a value")

    def _after_comma(self, i: int) -> bool:
        j = i - 1
        while j >= 0 and self.text[j] in " \t\r\n":
            j -= 1
        return j >= 0 and self.text[j] == ","

    def document(self, i: int) -> Document:
        """Read one JSON value starting at ``i`` (no leading whitespace)."""
        text, n = self.text, self.n
        doc = Document(None, i, i)
        stack: list[_Frame] = []
        while True:
            # -- a value is expected at i ------------------------------------
            if i >= n:
                raise JsonSyntax("unexpected-end", i, "unexpected end of data; expected a value")
            if stack:
                parent = stack[-1]
                if parent.is_object:
                    assert parent.key is not None  # key() has read the key of the value that follows
                    pointer = f"{parent.pointer}/{escape_pointer(parent.key)}"
                else:
                    pointer = f"{parent.pointer}/{len(parent.value)}"
            else:
                pointer = ""
            ch = text[i]
            if ch == "{" or ch == "[":
                if len(stack) >= self.max_depth:
                    raise JsonTooDeep(i, self.max_depth)
                frame = _Frame(ch == "{", {} if ch == "{" else [], pointer, i)
                stack.append(frame)
                j = self.ws(i + 1)
                closer = "}" if frame.is_object else "]"
                if j < n and text[j] == closer:
                    stack.pop()
                    value, start, i = frame.value, frame.start, j + 1
                elif frame.is_object:
                    i = self.key(frame, j, doc)
                    continue
                else:
                    i = j
                    continue
            else:
                start = i
                value, i = self.scalar(i, pointer, doc)
            # -- a value is complete: attach it and climb ----------------------
            while True:
                if not stack:
                    doc.values[""] = (start, i)
                    doc.value, doc.start, doc.end = value, start, i
                    return doc
                frame = stack[-1]
                if frame.is_object:
                    child = f"{frame.pointer}/{escape_pointer(frame.key)}"  # type: ignore[arg-type]
                    frame.value[frame.key] = value
                else:
                    child = f"{frame.pointer}/{len(frame.value)}"
                    frame.value.append(value)
                doc.values[child] = (start, i)
                j = self.ws(i)
                if j >= n:
                    raise JsonSyntax("unexpected-end", j, "unexpected end of data; expected ',' or a closing bracket")
                c = text[j]
                if c == ",":
                    k = self.ws(j + 1)
                    if frame.is_object:
                        i = self.key(frame, k, doc)
                    else:
                        if k < n and text[k] == "]":
                            raise JsonSyntax("trailing-comma", k, "a comma before ']' (trailing comma)")
                        i = k
                    break
                if c == ("}" if frame.is_object else "]"):
                    stack.pop()
                    value, start, i = frame.value, frame.start, j + 1
                    continue
                if frame.is_object:
                    raise _unexpected(text, j, "expected-comma-object", "',' or '}' after an object member")
                raise _unexpected(text, j, "expected-comma-array", "',' or ']' after an array element")


def read_documents(
    text: str,
    max_depth: int = DEFAULT_MAX_DEPTH,
    lines: bool = False,
    index: LineIndex | None = None,
    path: str = "<memory>",
) -> tuple[list[Document], list[InputProblem]]:
    """Every top-level JSON value in ``text``, and the syntax problems met.

    Several values separated by whitespace (JSON Lines, or concatenated
    documents) are all read.  After a syntax error, reading resumes at the
    next line that starts with ``{`` or ``[`` when ``lines`` is true or when
    at least one document was read already; otherwise it stops.  Nesting
    deeper than ``max_depth`` always stops reading (``INP007``).
    """
    index = index or LineIndex(text)
    reader = _Reader(text, max_depth)
    docs: list[Document] = []
    problems: list[InputProblem] = []
    i = reader.ws(0)
    if text.startswith("\ufeff", i):  # a BOM inside the text (decoded as part of it)
        i = reader.ws(i + 1)
    n = len(text)
    while i < n:
        try:
            doc = reader.document(i)
        except JsonTooDeep as exc:
            line, column = index.pos(exc.offset)
            problems.append(
                InputProblem(
                    "INP007",
                    path,
                    {"limit": exc.limit, "line": line, "column": column},
                    index.span(exc.offset, exc.offset + 1),
                )
            )
            return docs, problems
        except JsonSyntax as exc:
            line, column = index.pos(exc.offset)
            end = min(exc.offset + 1, n)
            problems.append(
                InputProblem(
                    "INP004",
                    path,
                    {"reason": exc.reason, "line": line, "column": column, **exc.args_map},
                    index.span(exc.offset, end),
                    variant=exc.variant,
                )
            )
            if not (lines or docs):
                return docs, problems
            i = _resync(text, exc.offset, i)
            continue
        docs.append(doc)
        j = reader.ws(doc.end)
        if j < n and text[j] not in "{[":
            line, column = index.pos(j)
            err = _unexpected(text, j, "trailing-data", "nothing after the end of the document")
            problems.append(
                InputProblem(
                    "INP004",
                    path,
                    {"reason": err.reason, "line": line, "column": column, "char": _char_name(text[j]), **err.args_map},
                    index.span(j, j + 1),
                    variant=err.variant,
                )
            )
            if not lines:
                return docs, problems
            j = _resync(text, j)
        i = j
    return docs, problems


_DOC_START = re.compile(r"\n[ \t\r]*[\[{]")


def _resync(text: str, offset: int, doc_start: int | None = None) -> int:
    """Offset of the next line that starts a document, after ``offset``.

    The line holding ``offset`` itself counts when it starts a document and
    the failed document began on an earlier line (a document missing its
    closing bracket runs into the next line).
    """
    line_start = text.rfind("\n", 0, offset) + 1
    if doc_start is not None and line_start > doc_start:
        m = _DOC_START.match(text, line_start - 1)
        if m is not None:
            return m.end() - 1
    m = _DOC_START.search(text, offset)
    if m is None:
        return len(text)
    return m.end() - 1


# -- schema validation ---------------------------------------------------------


@lru_cache(maxsize=1)
def validator() -> Draft202012Validator:
    from jsonschema import Draft202012Validator  # start-up: jsonschema (~60 ms) only to validate JSON input

    return Draft202012Validator(schema("declaration.schema.json"))


# A quick yes to "is this valid?": the schema compiled to plain Python checks.
# It answers True only when the schema surely holds (it knows exactly the
# keywords of declaration.schema.json, with jsonschema's semantics, and says
# False whenever in doubt, e.g. for a Decimal where an integer is wanted); on
# False jsonschema itself looks for the errors.  A schema with any other
# keyword is not compiled: then jsonschema always decides.

_Check = Callable[[Any], bool]
_ANNOTATIONS = frozenset({"description", "title", "$schema", "$id", "$comment", "$defs", "examples", "default"})


class _Unsupported(Exception):
    pass


def _always(value: Any) -> bool:
    return True


def _never(value: Any) -> bool:
    return False


_TYPE_TESTS: dict[str, _Check] = {
    "object": lambda v: type(v) is dict,
    "array": lambda v: type(v) is list,
    "string": lambda v: type(v) is str,
    "null": lambda v: v is None,
    "boolean": lambda v: type(v) is bool,
    "integer": lambda v: type(v) is int,
    "number": lambda v: type(v) is int,  # a Decimal or float: in doubt
}


def _compile(node: Any, root: dict[str, Any], refs: dict[str, _Check]) -> _Check:
    if node is True:
        return _always
    if node is False:
        return _never
    if not isinstance(node, dict):
        raise _Unsupported(repr(node))
    checks: list[_Check] = []
    unknown = (
        set(node)
        - _ANNOTATIONS
        - {
            "type",
            "enum",
            "pattern",
            "minimum",
            "maximum",
            "properties",
            "additionalProperties",
            "propertyNames",
            "items",
            "prefixItems",
            "minItems",
            "maxItems",
            "uniqueItems",
            "anyOf",
            "$ref",
        }
    )
    if unknown:
        raise _Unsupported(", ".join(sorted(unknown)))
    if "$ref" in node:
        ref = node["$ref"]
        if not isinstance(ref, str) or not ref.startswith("#/$defs/") or "/" in ref[8:] or "~" in ref:
            raise _Unsupported(str(ref))
        name = ref[8:]
        if name not in refs:
            refs[name] = _never  # a cycle would stay in doubt, never wrongly valid
            refs[name] = _compile(root["$defs"][name], root, refs)

        def check_ref(v: Any, _name: str = name) -> bool:
            return refs[_name](v)

        checks.append(check_ref)
    if "type" in node:
        names = node["type"] if isinstance(node["type"], list) else [node["type"]]
        if any(n not in _TYPE_TESTS for n in names):
            raise _Unsupported(str(names))
        tests = [_TYPE_TESTS[n] for n in names]

        def check_type(v: Any, _tests: list[_Check] = tests) -> bool:
            return any(t(v) for t in _tests)

        checks.append(check_type)
    if "enum" in node:
        allowed = node["enum"]
        if not all(a is None or type(a) is str for a in allowed):
            raise _Unsupported("enum")

        def check_enum(v: Any, _allowed: list[str | None] = allowed) -> bool:
            return (v is None or type(v) is str) and v in _allowed

        checks.append(check_enum)
    if "pattern" in node:
        search = re.compile(node["pattern"]).search

        def check_pattern(v: Any, _search: Callable[[str], re.Match[str] | None] = search) -> bool:
            return type(v) is not str or _search(v) is not None

        checks.append(check_pattern)
    for key, op in (("minimum", "min"), ("maximum", "max")):
        if key in node:
            limit = node[key]
            if type(limit) is not int:
                raise _Unsupported(key)
            if op == "min":

                def check_min(v: Any, _l: int = limit) -> bool:
                    return type(v) is int and v >= _l or type(v) in (str, dict, list, bool) or v is None

                checks.append(check_min)
            else:

                def check_max(v: Any, _l: int = limit) -> bool:
                    return type(v) is int and v <= _l or type(v) in (str, dict, list, bool) or v is None

                checks.append(check_max)
    if "properties" in node or "additionalProperties" in node or "propertyNames" in node:
        props = {k: _compile(sub, root, refs) for k, sub in node.get("properties", {}).items()}
        extra = node.get("additionalProperties", True)
        extra_check = None if extra is True else (False if extra is False else _compile(extra, root, refs))
        key_check = _compile(node["propertyNames"], root, refs) if "propertyNames" in node else None

        def check_object(v: Any, _props=props, _extra=extra_check, _names=key_check) -> bool:
            if type(v) is not dict:
                return not isinstance(v, dict)  # a dict subclass: in doubt
            for key, item in v.items():
                check = _props.get(key)
                if check is None:
                    if _extra is False:
                        return False
                    if _extra is not None and not _extra(item):
                        return False
                elif not check(item):
                    return False
                if _names is not None and not _names(key):
                    return False
            return True

        checks.append(check_object)
    if "items" in node or "prefixItems" in node or "minItems" in node or "maxItems" in node or "uniqueItems" in node:
        prefix = [_compile(sub, root, refs) for sub in node.get("prefixItems", [])]
        rest = _compile(node["items"], root, refs) if "items" in node else None
        low, high = node.get("minItems", 0), node.get("maxItems")
        unique = node.get("uniqueItems", False)
        if type(low) is not int or (high is not None and type(high) is not int) or type(unique) is not bool:
            raise _Unsupported("array")

        def check_array(v: Any, _prefix=prefix, _rest=rest, _low=low, _high=high, _unique=unique) -> bool:
            if type(v) is not list:
                return not isinstance(v, list)
            if len(v) < _low or (_high is not None and len(v) > _high):
                return False
            for i, item in enumerate(v):
                if i < len(_prefix):
                    if not _prefix[i](item):
                        return False
                elif _rest is not None and not _rest(item):
                    return False
            # duplicates, or items jsonschema compares its own way: in doubt
            return not _unique or (all(type(x) is str for x in v) and len(set(v)) == len(v))

        checks.append(check_array)
    if "anyOf" in node:
        branches = [_compile(sub, root, refs) for sub in node["anyOf"]]
        if not branches:
            raise _Unsupported("anyOf")

        def check_any_of(v: Any, _b: list[_Check] = branches) -> bool:
            return any(b(v) for b in _b)

        checks.append(check_any_of)
    if not checks:
        return _always
    if len(checks) == 1:
        return checks[0]

    def check_all(v: Any, _checks: tuple[_Check, ...] = tuple(checks)) -> bool:
        return all(c(v) for c in _checks)

    return check_all


@lru_cache(maxsize=1)
def quick_check() -> _Check | None:
    """The declaration schema as a plain function (``None``: not compilable)."""
    root = schema("declaration.schema.json")
    try:
        return _compile(root, root, {})
    except (_Unsupported, KeyError, TypeError, re.error):
        return None


_TYPE_NAMES = (
    (bool, "boolean"),
    (int, "integer"),
    (Decimal, "number"),
    (float, "number"),
    (str, "string"),
    (list, "array"),
    (dict, "object"),
    (type(None), "null"),
)


def json_type(value: Any) -> str:
    for cls, name in _TYPE_NAMES:
        if isinstance(value, cls):
            return name
    return type(value).__name__


def _short(value: Any, limit: int = 60) -> str:
    try:
        text = json.dumps(value, ensure_ascii=False, default=str)
    except (TypeError, ValueError, RecursionError):
        text = f"<{json_type(value)}>"
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _pointer(path: Any) -> str:
    return "".join(f"/{escape_pointer(str(p))}" for p in path)


def _branch_types(subschemas: list[dict[str, Any]]) -> list[str]:
    root = validator().schema
    types: list[str] = []
    for sub in subschemas:
        if "$ref" in sub:
            sub = root["$defs"][sub["$ref"].rsplit("/", 1)[-1]]
        t = sub.get("type")
        if t is None and "anyOf" in sub:
            types.extend(_branch_types(sub["anyOf"]))
            continue
        for name in [t] if isinstance(t, str) else t or []:
            if name not in types:
                types.append(name)
    return types


def describe(error: ValidationError) -> list[tuple[str, str, dict[str, Any], bool]]:
    """Turn one validation error into ``(pointer, variant, args, at_key)`` items."""
    pointer = _pointer(error.absolute_path)
    kw = error.validator
    inst = error.instance
    if kw == "anyOf":
        allowed = _branch_types(error.validator_value)
        actual = json_type(inst)
        if actual in allowed or (actual == "integer" and "number" in allowed):
            # Explain the errors of the branch whose type fits the value.
            by_branch: dict[int, list[ValidationError]] = {}
            for sub in error.context or []:
                by_branch.setdefault(int(sub.relative_schema_path[0]), []).append(sub)
            for number, branch in enumerate(error.validator_value):
                types = _branch_types([branch])
                if (actual in types or (actual == "integer" and "number" in types)) and number in by_branch:
                    return [
                        item
                        for sub in sorted(by_branch[number], key=lambda e: _pointer(e.absolute_path))
                        for item in describe(sub)
                    ]
        return [(pointer, "type", {"expected": " | ".join(allowed), "actual": json_type(inst)}, False)]
    if kw == "type":
        expected = error.validator_value
        expected = " | ".join(expected) if isinstance(expected, list) else str(expected)
        return [(pointer, "type", {"expected": expected, "actual": json_type(inst)}, False)]
    if kw == "enum":
        return [
            (
                pointer,
                "enum",
                {"value": _short(inst), "allowed": ", ".join(_short(v) for v in error.validator_value)},
                False,
            )
        ]
    if kw == "additionalProperties" and isinstance(inst, dict):
        known = sorted(error.schema.get("properties", {}))
        out = []
        for key in sorted(set(inst) - set(known)):
            close = difflib.get_close_matches(key, known, n=1, cutoff=0.6)
            args = {"property": _short(key), "known": ", ".join(known)}
            if close:
                args["suggestion"] = close[0]
            out.append(
                (
                    f"{pointer}/{escape_pointer(key)}",
                    "unknown-property-hint" if close else "unknown-property",
                    args,
                    True,
                )
            )
        return out
    if kw == "pattern" and pointer.endswith("/amount"):
        return [(pointer, "amount-format", {"value": _short(inst)}, False)]
    if kw == "pattern" and pointer.endswith("/value"):
        return [(pointer, "date-format", {"value": _short(inst)}, False)]
    if kw == "propertyNames" or "propertyNames" in error.schema_path:
        return [(pointer, "pointer-format", {"value": _short(inst)}, False)]
    if kw in ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"):
        return [(pointer, "range", {"value": _short(inst), "limit": str(error.validator_value), "bound": kw}, False)]
    if kw in ("minItems", "maxItems") and "/source/" in pointer + "/":
        return [(pointer, "span-format", {"value": _short(inst)}, False)]
    return [(pointer, "constraint", {"value": _short(inst), "keyword": str(kw)}, False)]


def _reason(variant: str, args: dict[str, Any]) -> str:
    """Plain-English reason, for renderers that ignore variants."""
    match variant:
        case "type":
            return f"expected {args['expected']}, found {args['actual']}"
        case "enum":
            return f"{args['value']} is not one of {args['allowed']}"
        case "unknown-property" | "unknown-property-hint":
            hint = f" (did you mean {args['suggestion']!r}?)" if "suggestion" in args else ""
            return f"unknown property {args['property']}{hint}"
        case "amount-format":
            return f'amount {args["value"]} is not a decimal string such as "556.5"'
        case "date-format":
            return f'date value {args["value"]} is not an ISO date such as "2019-01"'
        case "pointer-format":
            return f"key {args['value']} is not a JSON pointer"
        case "range":
            return f"{args['value']} is out of range ({args['bound']} {args['limit']})"
        case "span-format":
            return f"{args['value']} is not a span [line, column, end_line, end_column]"
    return f"{args.get('value', '')} violates '{args.get('keyword', variant)}'"


def _is_span(item: Any) -> bool:
    return type(item) is list and len(item) == 4 and all(type(n) is int and n >= 1 for n in item)


def _source_map_ok(src: Any) -> bool:
    """A fast check of ``source.spans``/``template``/``labels`` (thousands of
    small arrays that jsonschema validates slowly); same verdict as the schema."""
    if not isinstance(src, dict):
        return False
    spans = src.get("spans", {})
    if not isinstance(spans, dict) or not all((k == "" or k.startswith("/")) and _is_span(v) for k, v in spans.items()):
        return False
    template = src.get("template", [])
    if not isinstance(template, list) or not all(_is_span(v) for v in template):
        return False
    labels = src.get("labels", {})
    if not isinstance(labels, dict):
        return False
    for key, label in labels.items():
        if not (key == "" or key.startswith("/")) or not isinstance(label, dict):
            return False
        if set(label) - {"text", "span"} or not isinstance(label.get("text", ""), str):
            return False
        if label.get("span") is not None and not _is_span(label["span"]):
            return False
    return True


def _validation_errors(value: Any) -> list[ValidationError]:
    src = value.get("source") if isinstance(value, dict) else None
    if src is not None and _source_map_ok(src):
        light = {k: v for k, v in src.items() if k not in ("spans", "template", "labels")}
        value = {**value, "source": light}
    check = quick_check()
    if check is not None and check(value):
        return []
    return list(validator().iter_errors(value))


def schema_problems(
    doc: Document, prefix: str, value: Any, path: str, index: LineIndex, declaration: int | None = None
) -> list[InputProblem]:
    out: list[InputProblem] = []
    seen: set[tuple[str, str]] = set()
    errors = sorted(_validation_errors(value), key=lambda e: (_pointer(e.absolute_path), str(e.validator)))
    for error in errors:
        for pointer, variant, args, at_key in describe(error):
            full = prefix + pointer
            if (full, variant) in seen:
                continue
            seen.add((full, variant))
            where = (doc.keys.get(full) if at_key else None) or _nearest(doc.values, full)
            span = index.span(*where) if where else None
            args = {
                **args,
                "pointer": full or "/",
                "line": span.line if span else 1,
                "column": span.column if span else 1,
            }
            args["reason"] = _reason(variant, args)
            out.append(InputProblem("INP005", path, args, span, full, variant, declaration))
    return out


def _nearest(table: dict[str, tuple[int, int]], pointer: str) -> tuple[int, int] | None:
    probe = pointer
    while True:
        if probe in table:
            return table[probe]
        if not probe:
            return None
        probe = probe.rsplit("/", 1)[0]


# -- documents → declarations --------------------------------------------------


def _json_spans(doc: Document, prefix: str, index: LineIndex) -> dict[str, Span]:
    """Spans of every value under ``prefix``, keyed relative to it (``/source`` left out)."""
    spans: dict[str, Span] = {}
    cut = len(prefix)
    node_prefix = prefix + "/"
    for pointer, (start, end) in doc.values.items():
        if pointer != prefix and not pointer.startswith(node_prefix):
            continue
        rel = pointer[cut:]
        if rel == "/source" or rel.startswith("/source/"):
            continue
        text_member = doc.values.get(pointer + "/text")
        if text_member is not None and pointer in doc.text_objects:
            start, end = text_member
        spans[rel] = index.span(start, end)
    return spans


def _keeps_source(value: dict[str, Any]) -> bool:
    """Does the document carry the source map of a text file (``perflint extract`` output)?"""
    src = value.get("source")
    return (
        isinstance(src, dict)
        and isinstance(src.get("path"), str)
        and src["path"] not in ("", "<memory>", "-")
        and isinstance(src.get("layout"), str)
        and src["layout"] != ""
    )


def declarations_from_json(
    text: str, path: str, encoding: str | None, max_depth: int = DEFAULT_MAX_DEPTH, lines: bool | None = None
) -> tuple[list[Declaration], list[InputProblem]]:
    """Read the declarations of a JSON (or JSON Lines) file; problems are returned, not raised."""
    if lines is None:
        lines = path.lower().endswith(LINES_SUFFIXES)
    max_depth = max(1, min(max_depth, MAX_DEPTH_CAP))
    plain = _plain_declarations(text, max_depth)
    if plain is not None:
        return plain, []
    index = LineIndex(text)
    docs, problems = read_documents(text, max_depth, lines, index, path)
    decls: list[Declaration] = []
    count = 0
    for doc in docs:
        _text_members(doc)
        for pointer, s, e, first in doc.duplicates:
            span = index.span(s, e)
            first_line, _ = index.pos(first)
            problems.append(
                InputProblem(
                    "INP009",
                    path,
                    {
                        "key": _short(pointer.rsplit("/", 1)[-1].replace("~1", "/").replace("~0", "~")),
                        "pointer": pointer,
                        "line": span.line,
                        "column": span.column,
                        "first_line": first_line,
                    },
                    span,
                    pointer,
                )
            )
        for pointer, s, e, token in doc.non_finite:
            span = index.span(s, e)
            problems.append(
                InputProblem(
                    "INP010",
                    path,
                    {"token": token, "pointer": pointer or "/", "line": span.line, "column": span.column},
                    span,
                    pointer,
                )
            )
        if isinstance(doc.value, dict):
            candidates = [("", doc.value)]
        elif isinstance(doc.value, list):
            candidates = [(f"/{i}", item) for i, item in enumerate(doc.value)]
        else:
            span = index.span(doc.start, doc.end)
            args = {
                "expected": "object | array",
                "actual": json_type(doc.value),
                "pointer": "/",
                "line": span.line,
                "column": span.column,
            }
            args["reason"] = _reason("type", args)
            problems.append(InputProblem("INP005", path, args, span, "", "type"))
            continue
        for prefix, value in candidates:
            position = count
            count += 1
            if _foreign(value):
                # An object that shares no key with the declaration (a metadata
                # file, another tool's output) is one "not a declaration", not a
                # schema violation per key.
                span = index.span(*doc.values.get(prefix, (doc.start, doc.end)))
                keys = "、".join(sorted(value)[:5]) + ("…" if len(value) > 5 else "")
                problems.append(
                    InputProblem(
                        "INP003", path, {"pointer": prefix or "/", "keys": keys}, span, prefix, "foreign-json", position
                    )
                )
                continue
            found = schema_problems(doc, prefix, value, path, index, position)
            if found:
                problems.extend(found)
                continue
            try:
                decl = Declaration.from_dict(value)
            except Exception as exc:  # the schema should make this impossible; never crash on input
                span = index.span(*doc.values.get(prefix, (doc.start, doc.end)))
                args = {
                    "pointer": prefix or "/",
                    "line": span.line,
                    "column": span.column,
                    "value": type(exc).__name__,
                    "keyword": "model",
                }
                args["reason"] = f"cannot build a declaration: {type(exc).__name__}"
                problems.append(InputProblem("INP005", path, args, span, prefix, "constraint", position))
                continue
            if _keeps_source(value):
                decl.source = Source.from_dict(value["source"])
            else:
                decl.source = Source(
                    path=path, encoding=encoding, layout="json", index=position, spans=_json_spans(doc, prefix, index)
                )
            decls.append(decl)
    if not decls and not problems:
        problems.append(InputProblem("INP003", path, {"reason": "empty" if not docs else "empty-list"}, variant=None))
    problems.sort(key=InputProblem.sort_key)
    return decls, problems


class _InDoubt(Exception):
    """The quick reading cannot vouch for the document: read it with positions."""


def _pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    obj = dict(pairs)
    if len(obj) != len(pairs):
        raise _InDoubt("duplicate key")
    return obj


def _int(token: str) -> int | Decimal:
    return int(token) if len(token) <= _MAX_INT_DIGITS else Decimal(token)


def _constant(token: str) -> Any:
    raise _InDoubt(token)  # NaN, Infinity: reported with their positions


_PLAIN = json.JSONDecoder(
    object_pairs_hook=_pairs, parse_int=_int, parse_float=Decimal, parse_constant=_constant, strict=True
)
_ESCAPED_SURROGATE = re.compile(r"\\u[dD][89a-fA-F]")


def _depth_within(value: Any, limit: int) -> bool:
    """Are containers nested at most ``limit`` deep in ``value``?"""
    stack = [(value, 1)]
    while stack:
        node, depth = stack.pop()
        children = node.values() if type(node) is dict else node
        for child in children:
            if type(child) is dict or type(child) is list:
                if depth >= limit:
                    return False
                if child:
                    stack.append((child, depth + 1))
    return True


def _plain_declarations(text: str, max_depth: int) -> list[Declaration] | None:
    """The declarations of a document that needs no positions, or ``None``.

    ``perflint extract`` output — one well-formed document whose
    declarations all carry their source map and follow the schema — is read
    with the standard library's C parser: positions in the JSON file are
    only needed to report a problem or for declarations without a source
    map.  Anything else (a syntax error, several documents, a duplicate key,
    NaN, a lone surrogate, nesting beyond ``max_depth``, a schema violation
    …) returns ``None`` and the position-tracking reader reads the file, so
    the result is the same either way.
    """
    if "\\u" in text and (_SURROGATE.search(text) or _ESCAPED_SURROGATE.search(text)):
        return None
    try:
        value = _PLAIN.decode(text)
    except (ValueError, RecursionError, _InDoubt):
        return None
    if type(value) is dict:
        candidates = [value]
    elif type(value) is list and value:
        candidates = value
    else:
        return None
    if not _depth_within(value, max_depth):
        return None
    decls: list[Declaration] = []
    for item in candidates:
        if not isinstance(item, dict) or not _keeps_source(item) or _foreign(item) or _validation_errors(item):
            return None
        try:
            decl = Declaration.from_dict(item)
        except Exception:
            return None
        decl.source = Source.from_dict(item["source"])
        decls.append(decl)
    return decls


def _foreign(value: Any) -> bool:
    """A non-empty object most of whose keys are not declaration properties
    (a metadata file, another tool's output): one "not a declaration", rather
    than a schema violation for every foreign key."""
    if not isinstance(value, dict) or len(value) < 3:
        return False  # one or two stray keys are more likely typos: name each
    known = schema("declaration.schema.json").get("properties", {})
    foreign = sum(1 for key in value if key not in known)
    return foreign > len(value) - foreign


def _text_members(doc: Document) -> None:
    """Mark which objects have a string ``text`` member (money lines, dates, extra fields)."""
    has_text: set[str] = set()

    def visit(node: Any, pointer: str) -> None:
        stack = [(node, pointer)]
        while stack:
            item, ptr = stack.pop()
            if isinstance(item, dict):
                if isinstance(item.get("text"), str):
                    has_text.add(ptr)
                for key, child in item.items():
                    if isinstance(child, (dict, list)):
                        stack.append((child, f"{ptr}/{escape_pointer(key)}"))
            elif isinstance(item, list):
                for i, child in enumerate(item):
                    if isinstance(child, (dict, list)):
                        stack.append((child, f"{ptr}/{i}"))

    visit(doc.value, "")
    doc.text_objects = has_text


def parse_json(text: str, max_depth: int = DEFAULT_MAX_DEPTH) -> Any:
    """Parse one JSON document strictly; raise :class:`InputError` on any problem.

    A convenience for callers that want a value, not declarations.
    """
    index = LineIndex(text)
    docs, problems = read_documents(text, max_depth, False, index)
    if not problems and len(docs) == 1 and not docs[0].duplicates and not docs[0].non_finite:
        return docs[0].value
    if problems:
        p = problems[0]
        raise InputError(p.code, p.variant, span=p.span, **p.args)
    doc = docs[0] if docs else None
    if doc is None:
        raise InputError("INP003", reason="empty")
    if doc.duplicates:
        pointer, s, e, _ = doc.duplicates[0]
        line, column = index.pos(s)
        raise InputError("INP009", key=pointer.rsplit("/", 1)[-1], pointer=pointer, line=line, column=column)
    if doc.non_finite:
        pointer, s, e, token = doc.non_finite[0]
        line, column = index.pos(s)
        raise InputError("INP010", token=token, pointer=pointer or "/", line=line, column=column)
    raise InputError("INP004", "trailing-data", reason="more than one document", line=1, column=1)
