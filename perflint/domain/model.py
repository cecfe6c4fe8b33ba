"""The declaration model: the contract between extraction and checks.

A :class:`Declaration` holds plain values (strings, ``Decimal`` amounts, parsed
dates).  Where each value came from is kept beside it in
:attr:`Source.spans`, a map from a JSON pointer into :meth:`Declaration.to_dict`
to a :class:`Span` in the input file.  Checks report at a pointer; the engine
turns the pointer into a line and column.  Labels as written (for example a
misspelt ``预预算科``) are kept in :attr:`Source.labels` under the pointer of the
value they introduce.

Conventions:

* ``None`` means the template has no such field (or it was not found); ``""``
  means the field is there and blank.  Checks rely on the difference.
* Amounts are :class:`decimal.Decimal`, never ``float``; in JSON they are
  strings so that no digit is lost.
* Spans are 1-based; ``end_column`` is exclusive (the SARIF convention) and
  columns count characters, not bytes.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from typing import Any

from perflint.domain.dates import DateValue

SCHEMA_VERSION = "1"


class FormType(StrEnum):
    PROJECT = "项目支出"
    SPECIAL = "专项资金"
    DEPARTMENT = "部门整体支出"
    UNKNOWN = "unknown"


@dataclass(frozen=True, slots=True, order=True)
class Span:
    """A region of the source: 1-based, end column exclusive, in characters."""

    line: int
    column: int
    end_line: int
    end_column: int

    def to_list(self) -> list[int]:
        return [self.line, self.column, self.end_line, self.end_column]

    @classmethod
    def from_list(cls, items: list[int]) -> Span:
        line, column, end_line, end_column = (int(i) for i in items)
        return cls(line, column, end_line, end_column)

    @property
    def is_empty(self) -> bool:
        return (self.line, self.column) == (self.end_line, self.end_column)

    def cover(self, other: Span) -> Span:
        start = min((self.line, self.column), (other.line, other.column))
        end = max((self.end_line, self.end_column), (other.end_line, other.end_column))
        return Span(start[0], start[1], end[0], end[1])


@dataclass(slots=True)
class Label:
    """A label as it was written in the form, and where."""

    text: str
    span: Span | None = None


def _dec(value: Any) -> Decimal | None:
    if value is None or value == "":
        return None
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        return None
    # NaN, infinity and 200,000-digit numbers are not amounts (arithmetic on them fails)
    return number if number.is_finite() and number.adjusted() < 15 else None


@dataclass(slots=True)
class MoneyLine:
    """One amount: the total or a breakdown line.

    ``key`` is the canonical role (``total``, ``income_total``,
    ``income.public``, ``expenditure.basic``, ``source.fiscal`` …, see
    ``perflint/data/labels.toml``); ``label`` and ``text`` are as written;
    ``unit`` is 万元 or 元 as the label, the cell or the form's unit note says,
    ``None`` when the form states no unit (a reader cannot tell 280万元 from 280元).
    """

    key: str
    label: str
    text: str
    amount: Decimal | None = None
    unit: str | None = "万元"

    def to_dict(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "label": self.label,
            "text": self.text,
            "amount": None if self.amount is None else str(self.amount),
            "unit": self.unit,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> MoneyLine:
        return cls(
            key=data.get("key", "other"),
            label=data.get("label", ""),
            text=data.get("text", "" if data.get("amount") is None else str(data["amount"])),
            amount=_dec(data.get("amount")),
            unit=data.get("unit", "万元"),
        )


@dataclass(slots=True)
class Money:
    total: MoneyLine | None = None
    lines: list[MoneyLine] = field(default_factory=list)
    #: the unit the form's note states for its amounts ("单位：万元", "金额单位：元"), when it has one
    unit: str | None = None

    def get(self, key: str) -> MoneyLine | None:
        if key == "total":
            return self.total
        for line in self.lines:
            if line.key == key:
                return line
        return None

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "total": None if self.total is None else self.total.to_dict(),
            "lines": [line.to_dict() for line in self.lines],
        }
        if self.unit is not None:
            out["unit"] = self.unit
        return out

    @classmethod
    def from_dict(cls, data: dict[str, Any] | None) -> Money:
        data = data or {}
        total = data.get("total")
        return cls(
            total=None if total is None else MoneyLine.from_dict({"key": "total", **total}),
            lines=[MoneyLine.from_dict(d) for d in data.get("lines", [])],
            unit=data.get("unit"),
        )


@dataclass(slots=True)
class ScheduleRow:
    content: str
    start: DateValue | None = None
    end: DateValue | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "content": self.content,
            "start": None if self.start is None else self.start.to_dict(),
            "end": None if self.end is None else self.end.to_dict(),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ScheduleRow:
        return cls(
            content=data.get("content", ""),
            start=None if data.get("start") is None else DateValue.from_dict(data["start"]),
            end=None if data.get("end") is None else DateValue.from_dict(data["end"]),
        )


INDICATOR_FIELDS = ("level1", "level2", "level3", "content", "value", "note")
#: a declaration's plain header fields (strings or the year), in the schema's order
HEADER_FIELDS = (
    "title",
    "year",
    "year_text",
    "filing_unit",
    "name",
    "attribute",
    "attribute_text",
    "department",
    "implementing_unit",
)


@dataclass(slots=True)
class Indicator:
    """One indicator row.

    ``value`` is ``None`` when the template has no value column (the 2019
    部门整体支出 form), ``""`` when the cell is blank.  ``inherited`` names the
    level fields carried down from a merged cell above; their spans point at
    that cell.  ``extra`` keeps further columns by their header (指标性质,
    度量单位, 权重 …).
    """

    level1: str | None = None
    level2: str | None = None
    level3: str | None = None
    content: str = ""
    value: str | None = ""
    note: str | None = None
    extra: dict[str, str] = field(default_factory=dict)
    inherited: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {name: getattr(self, name) for name in INDICATOR_FIELDS}
        if self.extra:
            out["extra"] = dict(self.extra)
        if self.inherited:
            out["inherited"] = list(self.inherited)
        return out

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Indicator:
        return cls(
            level1=data.get("level1"),
            level2=data.get("level2"),
            level3=data.get("level3"),
            content=data.get("content", ""),
            value=data.get("value", ""),
            note=data.get("note"),
            extra=dict(data.get("extra", {})),
            inherited=list(data.get("inherited", [])),
        )


@dataclass(slots=True)
class Review:
    """A review block: 主管部门, 业务科室, 预算科 or 绩效评价科."""

    section: str
    opinion: str = ""
    date: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"section": self.section, "opinion": self.opinion, "date": self.date}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Review:
        return cls(data.get("section", ""), data.get("opinion", ""), data.get("date"))


@dataclass(slots=True)
class ExtraField:
    """A recognised label that the core model has no slot for (项目负责人, 项目概况 …)."""

    key: str
    label: str
    text: str

    def to_dict(self) -> dict[str, Any]:
        return {"key": self.key, "label": self.label, "text": self.text}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ExtraField:
        return cls(data.get("key", ""), data.get("label", ""), data.get("text", ""))


@dataclass(slots=True)
class Source:
    """Where a declaration came from."""

    path: str = "<memory>"
    encoding: str | None = None
    layout: str | None = None
    index: int = 0
    spans: dict[str, Span] = field(default_factory=dict)
    labels: dict[str, Label] = field(default_factory=dict)
    #: Template text that belongs to the form, not to any answer: 盖章 marks,
    #: "其中：" prefixes, table headers.  Kept so that nothing is lost.
    template: list[Span] = field(default_factory=list)
    #: Where a reader of a native file (.docx, .xlsx, .pdf, .html) found each value,
    #: in words a reviewer can look up: pointer -> "表2 第7行「指标值」列",
    #: "Sheet1!D12", "第3页".  Empty for text input, where the span says it.
    locations: dict[str, str] = field(default_factory=dict)
    #: Page chrome of a web page or a PDF (site navigation, 索引号/发布机构
    #: header blocks, "扫一扫", "第2页/共16页"): kept so that nothing is lost,
    #: never checked and never reported.
    chrome: list[Span] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "path": self.path,
            "encoding": self.encoding,
            "layout": self.layout,
            "index": self.index,
            "spans": {k: v.to_list() for k, v in sorted(self.spans.items())},
            "template": [s.to_list() for s in self.template],
            "labels": {
                k: {"text": v.text, "span": None if v.span is None else v.span.to_list()}
                for k, v in sorted(self.labels.items())
            },
        }
        if self.locations:
            out["locations"] = dict(sorted(self.locations.items()))
        if self.chrome:
            out["chrome"] = [s.to_list() for s in self.chrome]
        return out

    @classmethod
    def from_dict(cls, data: dict[str, Any] | None) -> Source:
        data = data or {}
        labels = {}
        for key, item in (data.get("labels") or {}).items():
            span = item.get("span")
            labels[key] = Label(item.get("text", ""), None if span is None else Span.from_list(span))
        return cls(
            path=data.get("path", "<memory>"),
            encoding=data.get("encoding"),
            layout=data.get("layout"),
            index=int(data.get("index", 0)),
            spans={k: Span.from_list(v) for k, v in (data.get("spans") or {}).items()},
            labels=labels,
            template=[Span.from_list(v) for v in (data.get("template") or [])],
            locations={str(k): str(v) for k, v in (data.get("locations") or {}).items()},
            chrome=[Span.from_list(v) for v in (data.get("chrome") or [])],
        )


GOAL_KEYS = ("long_term", "annual", "overall")

#: What a document is (see :mod:`perflint.ingest.doctype`): a filled
#: declaration (申报表); an approval (目标表 issued back to the unit: its
#: indicators are checked, not the filing parts); a self-evaluation (自评表);
#: a notice (公示, 资金下达通知: only the form it carries is checked); a blank
#: or sample template; anything else.
DOCUMENT_KINDS = ("declaration", "approval", "self-evaluation", "notice", "template", "other")

#: The parts of a form, in the order most templates print them.
SECTIONS = ("header", "identity", "money", "schedule", "goals", "indicators", "safeguards", "review", "footer")
#: What was read of a section: all of it; some of it (the text stops inside
#: it); it is not there (the text shows the form has no such part); it could
#: not be read (the text stops before it, or its layout was not understood).
SECTION_STATES = ("read", "partial", "absent", "unread")


@dataclass(slots=True)
class Reading:
    """What was read of a declaration, so that no rule claims anything about what was not.

    ``sections`` gives each part of the form (:data:`SECTIONS`) one of
    :data:`SECTION_STATES`; a section it does not name counts as read (JSON
    input states everything it has).  ``indicator_columns`` are the column
    roles recognised in the indicator table's header; ``truncated`` says the
    text stops inside the form; ``text_chars`` / ``unrecognized_chars`` count
    the form's non-blank characters and those left unrecognised; ``notes``
    say in words why a section was not read (for the reading finding).
    """

    sections: dict[str, str] = field(default_factory=dict)
    indicator_rows: int = 0
    indicator_columns: list[str] = field(default_factory=list)
    truncated: bool = False
    text_chars: int = 0
    unrecognized_chars: int = 0
    notes: dict[str, str] = field(default_factory=dict)
    #: indicator rows that were not read reliably (a row whose value is its name again, a
    #: label fragment read as a row, the last row of a table the text cuts): no finding is
    #: claimed about them
    unreliable_rows: list[int] = field(default_factory=list)
    #: fields (JSON pointers) the text stops inside: their ends were never seen, so no
    #: claim about their whole content (unfinished, nothing measurable …) is made
    cut_fields: list[str] = field(default_factory=list)
    #: fields (JSON pointers) seen blank where the layout gives no exact cells: the label
    #: and then, on the same line, an empty cell or the next label, with a value elsewhere
    #: on that line; a "field is blank" claim may be made about these and no others
    blank_fields: list[str] = field(default_factory=list)

    def state(self, section: str) -> str:
        return self.sections.get(section, "read")

    def confident(self, section: str) -> bool:
        """The whole section was read, or it is surely not there: an absence may be claimed."""
        return self.state(section) in ("read", "absent")

    @property
    def unrecognized_share(self) -> float:
        return 0.0 if not self.text_chars else self.unrecognized_chars / self.text_chars

    def to_dict(self) -> dict[str, Any]:
        return {
            "sections": {k: self.sections[k] for k in SECTIONS if k in self.sections},
            "indicator_rows": self.indicator_rows,
            "indicator_columns": list(self.indicator_columns),
            "truncated": self.truncated,
            "text_chars": self.text_chars,
            "unrecognized_chars": self.unrecognized_chars,
            "notes": dict(sorted(self.notes.items())),
            "unreliable_rows": list(self.unreliable_rows),
            **({"cut_fields": list(self.cut_fields)} if self.cut_fields else {}),
            **({"blank_fields": list(self.blank_fields)} if self.blank_fields else {}),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Reading:
        return cls(
            sections={str(k): str(v) for k, v in (data.get("sections") or {}).items()},
            indicator_rows=int(data.get("indicator_rows", 0)),
            indicator_columns=[str(c) for c in data.get("indicator_columns", [])],
            truncated=bool(data.get("truncated", False)),
            text_chars=int(data.get("text_chars", 0)),
            unrecognized_chars=int(data.get("unrecognized_chars", 0)),
            notes={str(k): str(v) for k, v in (data.get("notes") or {}).items()},
            unreliable_rows=[int(i) for i in data.get("unreliable_rows", [])],
            cut_fields=[str(p) for p in data.get("cut_fields", [])],
            blank_fields=[str(p) for p in data.get("blank_fields", [])],
        )


@dataclass(slots=True)
class Declaration:
    """One performance-target declaration (绩效目标申报表)."""

    form_type: FormType = FormType.UNKNOWN
    title: str | None = None
    year: int | None = None
    year_text: str | None = None
    filing_unit: str | None = None
    name: str | None = None
    attribute: str | None = None
    attribute_text: str | None = None
    department: str | None = None
    implementing_unit: str | None = None
    money: Money = field(default_factory=Money)
    functions: str | None = None
    basis: str | None = None
    schedule: list[ScheduleRow] = field(default_factory=list)
    goals: dict[str, str] = field(default_factory=dict)
    indicators: list[Indicator] = field(default_factory=list)
    safeguards: str | None = None
    reviews: list[Review] = field(default_factory=list)
    preparer: str | None = None
    phone: str | None = None
    filing_date: DateValue | None = None
    fields: list[ExtraField] = field(default_factory=list)
    unrecognized: list[str] = field(default_factory=list)
    source: Source = field(default_factory=Source)
    #: what the document is (:data:`DOCUMENT_KINDS`)
    document_kind: str = "declaration"
    #: what was read of it; None: everything (a JSON declaration states all it has)
    reading: Reading | None = None

    # -- convenience -----------------------------------------------------
    @property
    def display_name(self) -> str:
        return self.name or self.department or self.title or f"#{self.source.index + 1}"

    def review(self, section: str) -> Review | None:
        for item in self.reviews:
            if item.section == section:
                return item
        return None

    def span(self, pointer: str) -> Span | None:
        """The span of the value at ``pointer``, else of its label, else of the
        nearest ancestor that has one."""
        probe = pointer
        while True:
            span = self.source.spans.get(probe)
            if span is not None and not span.is_empty:
                return span
            label = self.source.labels.get(probe)
            if label is not None and label.span is not None:
                return label.span
            if span is not None:
                return span
            if not probe or probe == "/":
                return None
            probe = probe.rsplit("/", 1)[0]

    def iter_text(self) -> Iterator[tuple[str, str]]:
        """Every free-text value with its pointer (for text-hygiene checks): each
        string of :meth:`to_dict` without the source map, in document order.

        Read from the fields directly rather than by walking ``to_dict()``: it
        runs for every declaration (``tests/checks/analysis/test_analysis_memo.py`` pins that the
        two agree)."""
        out: list[tuple[str, str]] = []
        add = _TextCollector(out).add
        add("/form_type", str(self.form_type))
        for name in HEADER_FIELDS:
            add(f"/{name}", getattr(self, name))
        add("/money", self.money.to_dict())
        add("/functions", self.functions)
        add("/basis", self.basis)
        add("/schedule", [row.to_dict() for row in self.schedule])
        for key in GOAL_KEYS:
            if key in self.goals:
                add(f"/goals/{key}", self.goals[key])
        for i, ind in enumerate(self.indicators):
            for name in INDICATOR_FIELDS:
                add(f"/indicators/{i}/{name}", getattr(ind, name))
            if ind.extra:
                add(f"/indicators/{i}/extra", dict(ind.extra))
            if ind.inherited:
                add(f"/indicators/{i}/inherited", list(ind.inherited))
        add("/safeguards", self.safeguards)
        add("/reviews", [r.to_dict() for r in self.reviews])
        add("/preparer", self.preparer)
        add("/phone", self.phone)
        if self.filing_date is not None:
            add("/filing_date", self.filing_date.to_dict())
        add("/fields", [f.to_dict() for f in self.fields])
        add("/unrecognized", list(self.unrecognized))
        return iter(out)

    # -- serialisation -----------------------------------------------------
    def to_dict(self, include_source: bool = True) -> dict[str, Any]:
        out: dict[str, Any] = {key: make(self) for key, make in _DICT_FIELDS}
        if self.reading is not None:
            out["reading"] = self.reading.to_dict()
        if include_source:
            out["source"] = self.source.to_dict()
        return out

    def field_dict(self, key: str) -> Any:
        """One top-level field of :meth:`to_dict` (without the source map), made as
        ``to_dict`` makes it; KeyError for a key it would not have."""
        make = _DICT_FIELD_MAKERS.get(key)
        if make is not None:
            return make(self)
        if key == "reading" and self.reading is not None:
            return self.reading.to_dict()
        raise KeyError(key)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Declaration:
        try:
            form_type = FormType(data.get("form_type", "unknown"))
        except ValueError:
            form_type = FormType.UNKNOWN
        filing = data.get("filing_date")
        return cls(
            form_type=form_type,
            title=data.get("title"),
            year=data.get("year"),
            year_text=data.get("year_text"),
            filing_unit=data.get("filing_unit"),
            name=data.get("name"),
            attribute=data.get("attribute"),
            attribute_text=data.get("attribute_text"),
            department=data.get("department"),
            implementing_unit=data.get("implementing_unit"),
            money=Money.from_dict(data.get("money")),
            functions=data.get("functions"),
            basis=data.get("basis"),
            schedule=[ScheduleRow.from_dict(d) for d in data.get("schedule", [])],
            goals={k: v for k, v in (data.get("goals") or {}).items()},
            indicators=[Indicator.from_dict(d) for d in data.get("indicators", [])],
            safeguards=data.get("safeguards"),
            reviews=[Review.from_dict(d) for d in data.get("reviews", [])],
            preparer=data.get("preparer"),
            phone=data.get("phone"),
            filing_date=None if filing is None else DateValue.from_dict(filing),
            fields=[ExtraField.from_dict(d) for d in data.get("fields", [])],
            unrecognized=list(data.get("unrecognized", [])),
            document_kind=str(data.get("document_kind") or "declaration"),
            reading=None if data.get("reading") is None else Reading.from_dict(data["reading"]),
            source=Source.from_dict(data.get("source")),
        )


class _TextCollector:
    """Collects the strings of a value of :meth:`Declaration.to_dict` with
    their pointers: strings as they are, dicts and lists walked depth-first."""

    __slots__ = ("out",)

    def __init__(self, out: list[tuple[str, str]]) -> None:
        self.out = out

    def add(self, pointer: str, value: Any) -> None:
        if isinstance(value, str):
            self.out.append((pointer, value))
        elif isinstance(value, (dict, list)):
            for key, item in value.items() if isinstance(value, dict) else enumerate(value):
                if isinstance(item, (str, dict, list)):
                    key = str(key)
                    if "~" in key or "/" in key:
                        key = escape_pointer(key)
                    self.add(f"{pointer}/{key}", item)


def escape_pointer(token: str) -> str:
    """Escape one JSON-pointer reference token (RFC 6901)."""
    return token.replace("~", "~0").replace("/", "~1")


def resolve_pointer(document: Any, pointer: str) -> Any:
    """Return the node at ``pointer`` (RFC 6901); ``KeyError`` when absent."""
    if pointer in ("", "/"):
        return document
    node = document
    for raw in pointer.lstrip("/").split("/"):
        token = raw.replace("~1", "/").replace("~0", "~")
        if isinstance(node, list):
            node = node[int(token)]
        elif isinstance(node, dict):
            node = node[token]
        else:
            raise KeyError(pointer)
    return node


def _attr(name: str) -> Callable[[Declaration], Any]:
    return lambda d: getattr(d, name)


#: the top-level fields of :meth:`Declaration.to_dict`, in the schema's order, each with how
#: it is made (``reading`` and ``source`` are added after them)
_DICT_FIELDS: tuple[tuple[str, Callable[[Declaration], Any]], ...] = (
    ("form_type", lambda d: str(d.form_type)),
    *((name, _attr(name)) for name in HEADER_FIELDS),
    ("money", lambda d: d.money.to_dict()),
    ("functions", _attr("functions")),
    ("basis", _attr("basis")),
    ("schedule", lambda d: [row.to_dict() for row in d.schedule]),
    ("goals", lambda d: {k: d.goals[k] for k in GOAL_KEYS if k in d.goals}),
    ("indicators", lambda d: [row.to_dict() for row in d.indicators]),
    ("safeguards", _attr("safeguards")),
    ("reviews", lambda d: [r.to_dict() for r in d.reviews]),
    ("preparer", _attr("preparer")),
    ("phone", _attr("phone")),
    ("filing_date", lambda d: None if d.filing_date is None else d.filing_date.to_dict()),
    ("fields", lambda d: [f.to_dict() for f in d.fields]),
    ("unrecognized", lambda d: list(d.unrecognized)),
    ("document_kind", _attr("document_kind")),
)
_DICT_FIELD_MAKERS: dict[str, Callable[[Declaration], Any]] = dict(_DICT_FIELDS)
#: the top-level keys of :meth:`Declaration.to_dict`, in order (without ``reading`` and ``source``)
DICT_FIELD_NAMES: tuple[str, ...] = tuple(name for name, _ in _DICT_FIELDS)
