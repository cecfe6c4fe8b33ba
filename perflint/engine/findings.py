"""Turning what the kinds and readers report into :class:`Finding` s.

Hit args become plain JSON data (:func:`plain`), message templates are
rendered in both languages (:func:`render_pair`), a pointer becomes the span a
reporter shows (:func:`locate_span`) and the quoted value (:func:`quote`).
:func:`make_finding` is the one place a finding is built from a rule.
"""

from __future__ import annotations

import string
from decimal import Decimal
from functools import lru_cache
from typing import Any

from perflint.catalog import Rule
from perflint.domain.findings import Finding, Severity
from perflint.domain.model import Declaration, Span, resolve_pointer
from perflint.domain.result import FileReport
from perflint.messages import render

QUOTE_MAX = 80
#: characters of a field read to make its quote (spaces collapse, so more than QUOTE_MAX)
QUOTE_SCAN = QUOTE_MAX * 8
#: characters of a text argument shown in a message: an 8,000-digit number is cut in the middle
ARG_MAX = 80


def plain(value: Any) -> Any:
    """Hit args as plain JSON data (Decimal → str, tuples → lists …)."""
    if value is None or isinstance(value, (bool, int, str)):
        return value
    if isinstance(value, float):
        return value
    if isinstance(value, Decimal):
        return decimal_text(value)
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set, frozenset)):
        items = [plain(v) for v in value]
        return sorted(items, key=str) if isinstance(value, (set, frozenset)) else items
    return str(value)


def decimal_text(value: Decimal) -> str:
    text = format(value, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text or "0"


def display_arg(value: Any, lang: str) -> Any:
    if isinstance(value, list):
        sep = "、" if lang == "zh" else ", "
        return shorten(sep.join(str(display_arg(v, lang)) for v in value), ARG_MAX * 4)
    if isinstance(value, bool):
        return ("是" if value else "否") if lang == "zh" else ("yes" if value else "no")
    if isinstance(value, float):
        return f"{value:g}"
    if isinstance(value, str) and len(value) > ARG_MAX:
        return shorten(value)
    return value


def shorten(text: str, limit: int | None = None) -> str:
    """``text`` cut in the middle with an ellipsis when longer than ``limit`` characters
    (:data:`ARG_MAX`): its start and its end stay readable (``9999…9999%``)."""
    limit = limit or ARG_MAX
    if len(text) <= limit:
        return text
    tail = limit // 4
    return text[: limit - tail - 1] + "…" + text[len(text) - tail :]


def render_pair(templates: dict[str, str], args: dict[str, Any]) -> dict[str, str]:
    out = {}
    for lang in ("zh", "en"):
        template = templates.get(lang) or templates.get("zh") or ""
        parts = _compiled(template)
        if parts is None:  # attribute access, format specs …: the general renderer
            out[lang] = render(template, {k: display_arg(v, lang) for k, v in args.items()})
            continue
        pieces = []
        for literal, name in parts:
            pieces.append(literal)
            if name is not None:
                pieces.append(str(display_arg(args[name], lang)) if name in args else "{" + name + "}")
        out[lang] = "".join(pieces)
    return out


@lru_cache(maxsize=4096)
def _compiled(template: str) -> tuple[tuple[str, str | None], ...] | None:
    """A message template as (literal, field) pairs when every field is a plain
    ``{name}`` — what :func:`perflint.messages.render` would do, parsed once
    instead of for every finding; None for anything fancier."""
    try:
        parsed = list(string.Formatter().parse(template))
    except ValueError:
        return None
    out = []
    for literal, name, spec, conversion in parsed:
        if name is not None and (spec or conversion or not name.isidentifier()):
            return None
        out.append((literal, name))
    return tuple(out)


def locate_span(decl: Declaration, pointer: str) -> Span | None:
    """Where a finding at ``pointer`` is shown.

    The value's span (else its label's, else the nearest ancestor's, see
    :meth:`Declaration.span`); for a container with no span of its own
    (``/indicators``, ``/schedule``) the region its children cover, and for a
    value with no trace in the text the region of its nearest such ancestor
    (the indicator row of a missing cell); for the
    whole declaration (``""``) its title, else its first span.
    """
    span = decl.span(pointer) if pointer and pointer != "/" else None
    if span is not None:
        return span
    spans = decl.source.spans
    probe = pointer.rstrip("/")
    while probe:
        # A blank cell that left no trace in the text (a pipe row without
        # that cell) is shown at its row: the region its siblings cover.
        prefix = probe + "/"
        carried = _carried_pointers(decl, probe)
        children = [v for k, v in spans.items() if k.startswith(prefix) and not v.is_empty and k not in carried]
        if children:
            out = children[0]
            for child in children[1:]:
                out = out.cover(child)
            return out
        probe = probe.rsplit("/", 1)[0]
    title = spans.get("/title")
    if title is not None and not title.is_empty:
        return title
    real = sorted(v for v in spans.values() if not v.is_empty)
    return real[0] if real else None


def _carried_pointers(decl: Declaration, pointer: str) -> set[str]:
    """Pointers of an indicator row's levels carried down from a merged cell
    above: they point at another row and do not locate this one."""
    head, _, index = pointer.rpartition("/")
    if head != "/indicators" or not index.isdigit() or int(index) >= len(decl.indicators):
        return set()
    return {f"{pointer}/{name}" for name in decl.indicators[int(index)].inherited}


def quote(doc: dict[str, Any] | None, pointer: str) -> str | None:
    if doc is None or not pointer or pointer == "/":
        return None
    try:
        node = resolve_pointer(doc, pointer)
    except (KeyError, IndexError, ValueError, TypeError):
        return None
    if isinstance(node, dict):
        node = node.get("text") if isinstance(node.get("text"), str) else None
    if not isinstance(node, str) or not node.strip():
        return None
    # collapse the spaces of the start only: a 600 KB cell is not split once per finding
    cut = len(node) > QUOTE_SCAN
    text = " ".join(node[:QUOTE_SCAN].split())
    return text if len(text) <= QUOTE_MAX and not cut else text[: QUOTE_MAX - 1] + "…"


def make_finding(
    rule: Rule | None,
    code: str,
    *,
    severity: Severity,
    path: str,
    args: dict[str, Any],
    variant: str | None = None,
    pointer: str = "",
    span: Span | None = None,
    index: int | None = None,
    decl: Declaration | None = None,
    suggest: bool = False,
    quote: str | None = None,
) -> Finding:
    """A finding of ``rule`` (``None``: a code with no rule file, shown with its raw args)."""
    note = rule is None or rule.note
    if rule is None:
        message = {"zh": f"{code} {args}", "en": f"{code} {args}"}
        name, aspect, suggestion = code.lower(), None, None
    else:
        message = render_pair(rule.template(variant), args)
        name, aspect = rule.name, rule.aspect
        suggestion = render_pair(rule.suggestion, args) if suggest and rule.suggestion else None
    return Finding(
        code=code,
        name=name,
        severity=severity,
        path=path,
        message=message,
        pointer=pointer,
        span=span,
        declaration=index,
        declaration_name=None if decl is None else decl.display_name,
        aspect=aspect,
        suggestion=suggestion,
        args=args,
        quote=quote,
        note=note,
        location=None if decl is None else native_location(decl.source.locations, pointer),
    )


def native_location(locations: dict[str, str], pointer: str) -> str | None:
    """Where the field at ``pointer`` sits in the original document (Word, Excel, web page,
    PDF): the location of the field itself, else of the first cell under it (a row), else
    of the nearest field above it."""
    if not locations or not pointer:
        return None
    here = pointer
    while here.count("/") >= 2 or here == pointer:  # never widen to a whole table (/indicators)
        if here in locations:
            return locations[here]
        below = sorted(k for k in locations if k.startswith(here + "/"))
        if below:
            return locations[below[0]]
        if "/" not in here.strip("/"):
            break
        here = here.rsplit("/", 1)[0]
    return None


class Docs:
    """Each declaration as a plain dict (for quoting a finding's value), made
    only for declarations that have findings, and of those only the top-level
    fields a finding points into (see :class:`_PartialDoc`)."""

    __slots__ = ("decls", "made")

    def __init__(self, decls: list[Declaration]) -> None:
        self.decls = decls
        self.made: dict[int, dict[str, Any]] = {}

    def __getitem__(self, index: int) -> dict[str, Any]:
        doc = self.made.get(index)
        if doc is None:
            doc = self.made[index] = _PartialDoc(self.decls[index])
        return doc


class _PartialDoc(dict[str, Any]):
    """``decl.to_dict(include_source=False)``, each top-level field made when first
    looked up: a finding on ``/department`` does not lay out every indicator row
    (8,000 small declarations spent 0.35 s making whole dicts for their quotes)."""

    __slots__ = ("decl",)

    def __init__(self, decl: Declaration) -> None:
        super().__init__()
        self.decl = decl

    def __missing__(self, key: str) -> Any:
        value = self.decl.field_dict(key)
        self[key] = value
        return value


def cited_lines(lines: list[str], report: FileReport) -> list[str]:
    """The file's lines with those no finding points at blanked (reporters only
    show cited lines; a report in flight or in the cache stays small)."""
    keep = [False] * len(lines)
    for f in report.iter_findings():
        if f.span is not None:
            for n in range(max(f.span.line, 1), min(f.span.end_line, len(lines)) + 1):
                keep[n - 1] = True
    return [line if k else "" for line, k in zip(lines, keep)]


def dedup(findings: list[Finding]) -> list[Finding]:
    seen: set[tuple] = set()
    out = []
    for f in findings:
        key = (
            f.code,
            f.severity.value,
            f.declaration,
            f.pointer,
            f.message.get("zh"),
            f.message.get("en"),
            None if f.span is None else tuple(f.span.to_list()),
        )
        if key in seen:
            continue
        seen.add(key)
        out.append(f)
    return out
