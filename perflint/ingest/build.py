"""Rows of cells → declarations.

The builder walks the rows of one file in order.  A title row starts a new
declaration; a label cell (from the vocabulary) says what the next cell is;
table headers switch to the schedule or indicator table until a row starts
with a field label again.  Every character that is not padding ends up in a
label, a value, template text or :attr:`Declaration.unrecognized`, each with
its span, so nothing the user wrote is dropped silently.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from perflint.dates import parse_date
from perflint.ingest.layouts import Cell, Row
from perflint.ingest.vocab import COLONS, DECOR, LabelInfo, NormText, Vocabulary, is_pad, vocabulary
from perflint.model import (
    Declaration,
    DateValue,
    ExtraField,
    FormType,
    Indicator,
    Label,
    MoneyLine,
    Review,
    ScheduleRow,
    Source,
    Span,
)
from perflint.textutil import clean_label, clean_value, parse_amount, parse_ticks, unit_from_label


class SourceMap:
    """Character offsets ↔ 1-based (line, column)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.starts = [0]
        for i, ch in enumerate(text):
            if ch == "\n":
                self.starts.append(i + 1)

    def pos(self, offset: int) -> tuple[int, int]:
        line = bisect.bisect_right(self.starts, offset) - 1
        return line + 1, offset - self.starts[line] + 1

    def span(self, start: int, end: int) -> Span:
        l1, c1 = self.pos(start)
        l2, c2 = self.pos(end)
        return Span(l1, c1, l2, c2)

    def offset(self, line: int, column: int) -> int:
        return self.starts[line - 1] + column - 1


def trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and is_pad(text[start]):
        start += 1
    while end > start and is_pad(text[end - 1]):
        end -= 1
    return start, end


@dataclass
class Segment:
    kind: str  # label | value | template
    start: int
    end: int
    info: LabelInfo | None = None


_YEAR = re.compile(r"((?:19|20)\d{2}|20[Xx×]{2}|\s*)\s*年度")
_DATE_TEMPLATE = re.compile(r"(?:(?:19|20)\d{2}\s*)?年[\s\u3000]*(?:\d{1,2}[\s\u3000]*)?月[\s\u3000]*(?:\d{1,2}[\s\u3000]*)?日")
_SEAL = re.compile(r"[（(]\s*(?:盖章|签章|公章)\s*[)）]")
_QIZHONG = re.compile(r"^其中\s*[:：]?")
_TRAILING_VALUE = re.compile(
    r"((?:[≥≤<>=＞＜]=?|不低于|不少于|不高于|不超过|大于等于|小于等于|达到)?\s*"
    r"\d[\d.,]*\s*(?:%|‰|[个人次件项台套辆家户天日月年元万亩吨株米]{1,3})?(?:以上|以下|以内)?)$"
)

FIELD_ATTRS = {
    "filing_unit", "name", "attribute", "department", "implementing_unit",
    "functions", "basis", "safeguards", "preparer", "phone", "filing_date",
}
FOOTER_KEYS = ("preparer", "phone", "filing_date")
FORM_TYPES = {ft.value: ft for ft in FormType}
STRUCTURAL = ("money_group", "review_group", "schedule_start", "indicator_start")


@dataclass
class _Table:
    kind: str  # schedule | indicators
    columns: list[str | None] = field(default_factory=list)
    width: int = 0
    last_levels: dict[str, tuple[str, str]] = field(default_factory=dict)


class _FormBuilder:
    def __init__(self, owner: "Builder", index: int) -> None:
        self.owner = owner
        self.text = owner.text
        self.smap = owner.smap
        self.vocab = owner.vocab
        self.decl = Declaration(source=Source(owner.path, owner.encoding, owner.layout, index))
        self.pending: tuple[LabelInfo, int, int] | None = None  # label, its start, end
        self.table: _Table | None = None
        self.money_unit: str | None = owner.default_unit
        self.labels_seen = 0
        self.has_title = False

    # -- recording -----------------------------------------------------------
    def _label(self, pointer: str, start: int, end: int) -> None:
        s, e = trim(self.text, start, end)
        self.decl.source.labels[pointer] = Label(clean_label(self.text[s:e]), self.smap.span(s, e))

    def _value(self, pointer: str, start: int, end: int) -> str:
        s, e = trim(self.text, start, end)
        self.decl.source.spans[pointer] = self.smap.span(s, e)
        return clean_value(self.text[s:e])

    def _template(self, start: int, end: int) -> None:
        s, e = trim(self.text, start, end)
        if s < e:
            self.decl.source.template.append(self.smap.span(s, e))

    def unrecognized(self, start: int, end: int) -> None:
        s, e = trim(self.text, start, end)
        if s >= e:
            return
        pointer = f"/unrecognized/{len(self.decl.unrecognized)}"
        self.decl.unrecognized.append(self._value(pointer, s, e))

    @property
    def substantive(self) -> bool:
        return self.labels_seen > 0

    # -- cell splitting ------------------------------------------------------
    def split(self, cell: Cell, fused: bool) -> list[Segment]:
        text = self.text
        norm = NormText(text, cell.start, cell.end)
        chars = norm.chars
        segments: list[Segment] = []
        i = 0
        n = len(chars)
        value_from: int | None = None  # normalised index where a value run starts
        while i < n:
            j = i
            while j < n and chars[j] in DECOR:
                j += 1
            q = _QIZHONG.match(chars[j:])
            if q and q.end() > 0 and j + q.end() < n:
                if value_from is not None:
                    segments.append(Segment("value", norm.raw_offset(value_from), norm.raw_offset(i)))
                    value_from = None
                segments.append(Segment("template", norm.raw_offset(i), norm.raw_after(j + q.end())))
                i = j + q.end()
                continue
            found = self.vocab.match_prefix(chars, j)
            if found is None and i == 0:
                whole = self.vocab.match(chars)
                if whole is not None:  # a misspelt label such as 预预算科
                    found = (whole, n - j)
            if found is not None:
                info, length = found
                k = j + length
                # optional bracket note, then optional colon
                if k < n and chars[k] in "([【":
                    close = next((m for m in range(k + 1, min(n, k + 16)) if chars[m] in ")]】"), None)
                    if close is not None:
                        k = close + 1
                colon = k < n and chars[k] in COLONS
                if colon:
                    k += 1
                at_start = i == 0 or value_from is None
                boundary = k >= n or colon
                gap_before = i == 0 or is_pad(text[norm.raw_offset(i) - 1]) or text[norm.raw_offset(i) - 1] in "|"
                accept = False
                if at_start and (boundary or fused):
                    accept = True
                elif value_from is not None and colon and gap_before and length >= 2:
                    accept = True  # "填报人：　联系电话：" on one line
                elif value_from is not None and fused and length >= 4:
                    accept = True
                if accept:
                    if value_from is not None:
                        segments.append(Segment("value", norm.raw_offset(value_from), norm.raw_offset(i)))
                        value_from = None
                    segments.append(Segment("label", norm.raw_offset(i), norm.raw_after(k), info))
                    i = k
                    continue
            if value_from is None:
                value_from = i
            i += 1
        if value_from is not None:
            segments.append(Segment("value", norm.raw_offset(value_from), cell.end))
        return segments

    # -- rows ----------------------------------------------------------------
    def add_row(self, row: Row) -> None:
        fused = self.owner.layout in ("lines", "flattened")
        cells = [trim(self.text, c.start, c.end) for c in row.cells]
        infos = [self.vocab.match(self.text[s:e]) if s < e else None for s, e in cells]
        for col_kind, kind in (("indicator_col", "indicators"), ("schedule_col", "schedule")):
            if sum(1 for inf in infos if inf is not None and inf.kind == col_kind) >= 2:
                self._close_pending_for_table()
                if self.table is None or self.table.kind != kind:
                    self.table = _Table(kind)
                self.labels_seen += 1
                self._header(row, cells, infos, col_kind)
                return
        if self.table is not None:
            if self._table_row(row, fused):
                return
            self.table = None
        nonblank = [i for i, (s, e) in enumerate(cells) if s < e]
        if nonblank:
            first = infos[nonblank[0]]
            if first is not None and first.kind in ("indicator_start", "schedule_start") and len(nonblank) > 1:
                # "部门整体支出年度绩效指标 | 产出指标 | …": the table label, then data
                self._close_pending_for_table()
                self.labels_seen += 1
                self.table = _Table("indicators" if first.kind == "indicator_start" else "schedule")
                self._table_row(row, fused)
                return
        for cell in row.cells:
            self._field_cell(cell, fused, row)
        if self.pending is not None and self.owner.layout == "tabbed" and row.cells and row.cells[-1].table:
            # In Word tables a label's value is in the same row; a label that
            # ends its row has a blank value.
            if self.pending[0].kind not in STRUCTURAL:
                self._close_pending_blank()

    def _close_pending_for_table(self) -> None:
        if self.pending is not None:
            if self.pending[0].kind in STRUCTURAL:
                self.pending = None
            else:
                self._close_pending_blank()

    def _close_pending_blank(self) -> None:
        if self.pending is None:
            return
        info, start, end = self.pending
        self.pending = None
        self._assign(info, start, end, end, end)

    def _field_cell(self, cell: Cell, fused: bool, row: Row) -> None:
        s, e = trim(self.text, cell.start, cell.end)
        if s >= e:
            if self.pending is not None and self.pending[0].kind not in ("money_group", "review_group", "schedule_start", "indicator_start"):
                info, ls, le = self.pending
                self.pending = None
                self._assign(info, ls, le, s, s)
            return
        if not row.free and self.vocab.title(self.text[s:e]) and not self.has_title and not self.substantive:
            self._title(s, e)
            return
        segments = self.split(Cell(s, e, cell.table), fused)
        for seg in segments:
            if seg.kind == "template":
                self._template(seg.start, seg.end)
            elif seg.kind == "label":
                self._close_pending_structural()
                if self.pending is not None:
                    self._close_pending_blank()
                self._start_label(seg)
            else:
                self._value_segment(seg.start, seg.end)
        # a label with a colon and nothing after it has a blank value
        if segments and segments[-1].kind == "label" and self.pending is not None:
            raw = self.text[segments[-1].start:segments[-1].end].rstrip()
            if raw and raw[-1] in COLONS and self.pending[0].kind not in ("money_group", "review_group"):
                self._close_pending_blank()

    def _close_pending_structural(self) -> None:
        if self.pending is not None and self.pending[0].kind in ("money_group", "review_group", "schedule_start", "indicator_start"):
            self.pending = None

    def _start_label(self, seg: Segment) -> None:
        info = seg.info
        assert info is not None
        self.labels_seen += 1
        if info.kind == "schedule_start":
            self._template_label(seg)
            self.table = _Table("schedule", columns=[None])
            self.pending = (info, seg.start, seg.end)
            return
        if info.kind == "indicator_start":
            self._template_label(seg)
            self.table = _Table("indicators", columns=[None])
            self.pending = (info, seg.start, seg.end)
            return
        if info.kind in ("schedule_col", "indicator_col"):
            # a header outside its table: start the table implicitly
            kind = "schedule" if info.kind == "schedule_col" else "indicators"
            self.table = _Table(kind, columns=[])
            self.table.columns.append(info.key)
            self._template(seg.start, seg.end)
            return
        if info.kind == "money_group":
            unit = unit_from_label(self.text[seg.start:seg.end])
            if unit:
                self.money_unit = unit
            self._template_label(seg)
            self.pending = (info, seg.start, seg.end)
            return
        if info.kind == "review_group":
            self._template_label(seg)
            self.pending = (info, seg.start, seg.end)
            return
        self.pending = (info, seg.start, seg.end)

    def _template_label(self, seg: Segment) -> None:
        s, e = trim(self.text, seg.start, seg.end)
        key = f"/$template/{len(self.decl.source.template)}"
        self.decl.source.labels[key] = Label(clean_label(self.text[s:e]), self.smap.span(s, e))
        self.decl.source.template.append(self.smap.span(s, e))

    def _value_segment(self, start: int, end: int) -> None:
        if self.pending is None or self.pending[0].kind in ("schedule_start", "indicator_start"):
            if self.pending is not None and self.table is not None:
                return self._stray(start, end)
            self.unrecognized(start, end)
            return
        info, ls, le = self.pending
        if info.kind in ("money_group", "review_group"):
            self.pending = None
            if info.kind == "money_group":
                # "资金情况（万元） | 50" : a value right after a group label is the total
                self._assign(LabelInfo("money", "total", info.text), ls, le, start, end)
                return
            self.unrecognized(start, end)
            return
        self.pending = None
        self._assign(info, ls, le, start, end)

    def _stray(self, start: int, end: int) -> None:
        self.unrecognized(start, end)

    # -- assignment ----------------------------------------------------------
    def _assign(self, info: LabelInfo, ls: int, le: int, vs: int, ve: int) -> None:
        d = self.decl
        kind, key = info.kind, info.key
        if kind == "field":
            pointer = f"/{key}"
            current = getattr(d, "attribute_text" if key == "attribute" else key)
            if current not in (None, "") or (key == "filing_date" and current is not None and current.text):
                self._extra(key, ls, le, vs, ve)
                return
            if key == "attribute":
                pointer = "/attribute_text"
            self._label(pointer, ls, le)
            text = self._value(pointer, vs, ve)
            if key == "filing_date":
                d.filing_date = parse_date(text)
            elif key == "attribute":
                d.attribute_text = text
                ticked = parse_ticks(text)
                d.attribute = ticked[0] if len(ticked) == 1 else None
            else:
                setattr(d, key, text)
            if key == "filing_unit":
                self._maybe_split_seal(pointer)
        elif kind == "goal":
            if key in d.goals and d.goals[key]:
                self._extra("goal." + key, ls, le, vs, ve)
                return
            pointer = f"/goals/{key}"
            self._label(pointer, ls, le)
            d.goals[key] = self._value(pointer, vs, ve)
        elif kind == "money":
            label_raw = self.text[ls:le]
            written = clean_label(label_raw).rstrip(COLONS)
            if key == "total" and d.money.total is None:
                pointer = "/money/total"
            else:
                pointer = f"/money/lines/{len(d.money.lines)}"
            self._label(pointer, ls, le)
            text = self._value(pointer, vs, ve)
            amount, unit_written = parse_amount(text) if text else (None, None)
            unit = unit_from_label(label_raw) or unit_written or self.money_unit or "万元"
            if unit_written == "元" and unit == "万元":
                unit = "元"
            line = MoneyLine(key=key, label=written, text=text, amount=amount, unit=unit)
            if pointer == "/money/total":
                d.money.total = line
            else:
                d.money.lines.append(line)
        elif kind == "review":
            n = len(d.reviews)
            pointer = f"/reviews/{n}"
            self._label(f"{pointer}/section", ls, le)
            review = Review(section=key)
            d.reviews.append(review)
            self._review_value(review, pointer, vs, ve)
        else:  # a header or group label given a value: keep it as an extra field
            self._extra(key, ls, le, vs, ve)

    def _extra(self, key: str, ls: int, le: int, vs: int, ve: int) -> None:
        d = self.decl
        pointer = f"/fields/{len(d.fields)}"
        self._label(pointer, ls, le)
        text = self._value(pointer, vs, ve)
        d.fields.append(ExtraField(key=key, label=clean_label(self.text[ls:le]).rstrip(COLONS), text=text))

    def _maybe_split_seal(self, pointer: str) -> None:
        """"填报单位（盖章）：XX局" keeps the seal mark in the label; nothing to do.
        A value that is only a seal mark is template text, the unit is blank."""
        d = self.decl
        if d.filing_unit and _SEAL.fullmatch(d.filing_unit.strip()):
            span = d.source.spans[pointer]
            d.source.template.append(span)
            d.source.spans[pointer] = Span(span.line, span.column, span.line, span.column)
            d.filing_unit = ""

    def _review_value(self, review: Review, pointer: str, vs: int, ve: int) -> None:
        text = self.text
        s, e = trim(text, vs, ve)
        chunk = text[s:e]
        taken: list[tuple[int, int]] = []
        m = None
        for m in _DATE_TEMPLATE.finditer(chunk):
            pass
        if m is not None:
            ds, de = s + m.start(), s + m.end()
            review.date = self._value(f"{pointer}/date", ds, de)
            taken.append((ds, de))
        for sm in _SEAL.finditer(chunk):
            self._template(s + sm.start(), s + sm.end())
            taken.append((s + sm.start(), s + sm.end()))
        taken.sort()
        pieces: list[tuple[int, int]] = []
        pos = s
        for ts, te in taken:
            if ts > pos:
                pieces.append(trim(text, pos, ts))
            pos = max(pos, te)
        pieces.append(trim(text, pos, e))
        pieces = [p for p in pieces if p[0] < p[1]]
        if pieces:
            review.opinion = self._value(f"{pointer}/opinion", pieces[0][0], pieces[-1][1])
            # anything of the date or seal inside that range is part of the opinion text
        else:
            anchor = s if s < e else vs
            self.decl.source.spans[f"{pointer}/opinion"] = self.smap.span(anchor, anchor)
            review.opinion = ""

    def _title(self, s: int, e: int) -> None:
        d = self.decl
        found = self.vocab.title(self.text[s:e])
        chunk = self.text[s:e]
        ym = _YEAR.search(chunk)
        if ym and self.vocab.title(chunk[: ym.start()] + chunk[ym.end():]):
            # "项目支出绩效目标申报表(2023年度)": title and year in one cell
            self._year(s + ym.start(), s + ym.end())
            before, after = trim(self.text, s, s + ym.start()), trim(self.text, s + ym.end(), e)
            ts, te = before if before[1] > before[0] else after
            bracket = re.match(r"\s*[（(]", chunk[ym.start() - 1:ym.start()] if ym.start() else "")
            te2 = te
            while te2 > ts and self.text[te2 - 1] in "（( \u3000":
                te2 -= 1
            d.title = self._value("/title", ts, te2)
            rest_s, rest_e = te2, s + ym.start()
            if rest_e > rest_s:
                self._template(rest_s, rest_e)
            tail = trim(self.text, s + ym.end(), e)
            if tail[1] > tail[0] and (ts, te) != tail:
                self._template(*tail)
            del bracket
        else:
            d.title = self._value("/title", s, e)
        self.has_title = True
        if found:
            ft = found[1]
            if ft in FORM_TYPES and ft != "unknown":
                d.form_type = FORM_TYPES[ft]

    def _year(self, s: int, e: int) -> None:
        d = self.decl
        if d.year_text is not None:
            self.unrecognized(s, e)
            return
        d.year_text = self._value("/year_text", s, e)
        m = re.search(r"(?:19|20)\d{2}", d.year_text)
        d.year = int(m.group(0)) if m else None

    # -- tables --------------------------------------------------------------
    def _table_row(self, row: Row, fused: bool) -> bool:
        """Handle ``row`` as part of the current table; False ends the table."""
        table = self.table
        assert table is not None
        cells = [trim(self.text, c.start, c.end) for c in row.cells]
        nonblank = [(i, c) for i, c in enumerate(cells) if c[0] < c[1]]
        if not nonblank:
            return True
        first_i, (fs, fe) = nonblank[0]
        # header cells?
        infos = [self.vocab.match(self.text[s:e]) if s < e else None for s, e in cells]
        col_kind = "schedule_col" if table.kind == "schedule" else "indicator_col"
        header_hits = sum(1 for inf in infos if inf is not None and inf.kind == col_kind)
        if header_hits >= 2:
            self._header(row, cells, infos, col_kind)
            return True
        first = infos[first_i]
        if first is not None and first.kind not in (col_kind, "indicator_start", "schedule_start"):
            if self.vocab.category(self.text[fs:fe]) is None:
                if self.pending is not None and self.pending[0].kind in ("indicator_start", "schedule_start"):
                    self.pending = None
                return False
        if first is None and table.kind == "schedule" and len(nonblank) == 1 and fused is False:
            pass
        if first is not None and first.kind in ("indicator_start", "schedule_start") and self.vocab.category(self.text[fs:fe]) is None:
            # "部门整体支出年度绩效指标 | 产出指标 | …": label column then data
            self._template_label(Segment("label", fs, fe, first))
            cells = cells[first_i + 1:]
            if table.width:
                cells = [(fs, fs)] + cells  # keep positional alignment
        self.pending = None
        if table.kind == "schedule":
            self._schedule_row(cells)
        else:
            self._indicator_row(cells, fused)
        return True

    def _header(self, row: Row, cells, infos, col_kind: str) -> None:
        table = self.table
        assert table is not None
        columns: list[str | None] = []
        for (s, e), inf in zip(cells, infos):
            if inf is not None and inf.kind == col_kind:
                columns.append(inf.key)
                self._template(s, e)
            elif inf is not None and inf.kind in ("indicator_start", "schedule_start"):
                columns.append(None)
                self._template_label(Segment("label", s, e, inf))
            elif s < e:
                columns.append(None)
                self.unrecognized(s, e)
            else:
                columns.append(None)
        table.columns = columns
        table.width = len(columns)
        self.pending = None

    def _schedule_row(self, cells: list[tuple[int, int]]) -> None:
        table = self.table
        assert table is not None
        n = len(self.decl.schedule)
        pointer = f"/schedule/{n}"
        values: dict[str, tuple[int, int]] = {}
        if table.width and len(cells) == table.width:
            for col, c in zip(table.columns, cells):
                if col in ("content", "start", "end"):
                    values[col] = c
                elif c[0] < c[1]:
                    self.unrecognized(*c)
        else:
            rest = [c for c in cells if c[0] < c[1]]
            for col, c in zip(("content", "start", "end"), rest):
                values[col] = c
            for c in rest[3:]:
                self.unrecognized(*c)
        if not any(s < e for s, e in values.values()):
            return
        row = ScheduleRow(content="")
        if "content" in values:
            row.content = self._value(f"{pointer}/content", *values["content"])
        for col in ("start", "end"):
            if col in values:
                text = self._value(f"{pointer}/{col}", *values[col])
                setattr(row, col, parse_date(text))
        self.decl.schedule.append(row)

    def _indicator_row(self, cells: list[tuple[int, int]], fused: bool) -> None:
        table = self.table
        assert table is not None
        text = self.text
        assigned: dict[str, tuple[int, int]] = {}
        extra: dict[str, tuple[int, int]] = {}
        positional = table.width and len(cells) == table.width
        if positional:
            for col, c in zip(table.columns, cells):
                if col is None:
                    if c[0] < c[1]:
                        cat = self.vocab.category(text[c[0]:c[1]])
                        if cat and "level1" not in assigned:
                            assigned["level1"] = c
                        else:
                            self.unrecognized(*c)
                elif col.startswith("extra:"):
                    extra[col[6:]] = c
                else:
                    assigned[col] = c
        else:
            rest = list(cells)
            while rest and rest[0][0] >= rest[0][1]:
                rest.pop(0)
            # peel categories
            while rest:
                s, e = rest[0]
                if s >= e:
                    rest.pop(0)
                    continue
                cat = self.vocab.category(text[s:e])
                if cat is None:
                    peeled = self._peel_category(s, e) if fused else None
                    if peeled is None:
                        break
                    level, cs, ce, remainder = peeled
                    slot = self._level_slot(level, text[cs:ce], assigned, rest)
                    assigned[slot] = (cs, ce)
                    rest[0] = remainder
                    continue
                level = self._level_slot(cat[0], text[s:e], assigned, rest)
                assigned[level] = (s, e)
                rest.pop(0)
            data_cols = [c for c in table.columns if c not in (None, "level1", "level2")] or ["content", "value", "note"]
            if "level3" not in table.columns and "content" not in data_cols:
                data_cols.insert(0, "content")
            rest = [c for c in rest if c[0] < c[1]] if not table.width else rest
            if fused and len(rest) == 1 and "value" in data_cols:
                split = self._split_trailing_value(*rest[0])
                if split is not None:
                    rest = list(split)
            for col, c in zip(data_cols, rest):
                if col.startswith("extra:"):
                    extra[col[6:]] = c
                else:
                    assigned[col] = c
            for c in rest[len(data_cols):]:
                self.unrecognized(*c)
        if not any(s < e for s, e in assigned.values()) and not any(s < e for s, e in extra.values()):
            return
        n = len(self.decl.indicators)
        pointer = f"/indicators/{n}"
        ind = Indicator(value=None if "value" not in table.columns and "value" not in assigned and table.width else "")
        if not table.width and "value" not in assigned:
            ind.value = None
        has_level3 = "level3" in table.columns
        if not has_level3:
            ind.level3 = None
        for col in ("level1", "level2", "level3"):
            if col in assigned and assigned[col][0] < assigned[col][1]:
                raw = self._value(f"{pointer}/{col}", *assigned[col])
                if col == "level3":
                    setattr(ind, col, raw)
                else:
                    setattr(ind, col, raw)
                    table.last_levels[col] = (raw, f"{pointer}/{col}")
                    if col == "level1":
                        table.last_levels.pop("level2", None)
            elif col in ("level1", "level2"):
                if col == "level2" and "level1" in assigned and assigned["level1"][0] < assigned["level1"][1]:
                    continue
                prev = table.last_levels.get(col)
                if prev is not None:
                    setattr(ind, col, prev[0])
                    self.decl.source.spans[f"{pointer}/{col}"] = self.decl.source.spans[prev[1]]
                    ind.inherited.append(col)
            elif col == "level3" and has_level3 and col in assigned:
                ind.level3 = self._value(f"{pointer}/{col}", *assigned[col])
        for col in ("content", "value", "note"):
            if col in assigned:
                setattr(ind, col, self._value(f"{pointer}/{col}", *assigned[col]))
            elif col == "note":
                ind.note = None
        if "content" not in assigned and "level3" in assigned and has_level3:
            # 三级指标 is the indicator's name in the 2021 tables
            ind.content = ind.level3 or ""
            self.decl.source.spans[f"{pointer}/content"] = self.decl.source.spans[f"{pointer}/level3"]
        for name, c in extra.items():
            if c[0] < c[1]:
                ind.extra[name] = self._value(f"{pointer}/extra/{name}", *c)
        self.decl.indicators.append(ind)

    def _level_slot(self, level: int, raw: str, assigned: dict, rest: list) -> str:
        key = self.vocab.category(raw)
        canon = key[1] if key else raw
        ambiguous = canon in self.vocab.level1.values() and canon in self.vocab.level2.values()
        if ambiguous:
            if "level1" in assigned:
                return "level2"
            nxt = rest[1] if len(rest) > 1 else None
            if nxt is not None and self.vocab.category(self.text[nxt[0]:nxt[1]]):
                return "level1"
            if self.table is not None and "level1" in self.table.last_levels and canon == "成本指标":
                return "level2"
            return "level1" if canon != "成本指标" or "level1" not in (self.table.last_levels if self.table else {}) else "level2"
        if level == 1 and "level1" not in assigned:
            return "level1"
        return "level2" if "level2" not in assigned else "level3"

    def _peel_category(self, s: int, e: int):
        norm = NormText(self.text, s, e)
        best = None
        for length in range(min(len(norm.chars), 16), 1, -1):
            cat = self.vocab.category(norm.chars[:length])
            if cat is not None and length < len(norm.chars):
                best = (cat[0], length)
                break
        if best is None:
            return None
        level, length = best
        cut = norm.raw_after(length)
        return level, s, cut, trim(self.text, cut, e)

    def _split_trailing_value(self, s: int, e: int):
        chunk = self.text[s:e]
        m = _TRAILING_VALUE.search(chunk)
        if m is None or m.start() == 0:
            return None
        cut = s + m.start()
        return trim(self.text, s, cut), trim(self.text, cut, e)

    # -- finishing -----------------------------------------------------------
    def finish(self) -> Declaration:
        if self.pending is not None:
            if self.pending[0].kind in ("money_group", "review_group", "schedule_start", "indicator_start"):
                self.pending = None
            else:
                self._close_pending_blank()
        d = self.decl
        if d.form_type is FormType.UNKNOWN:
            d.form_type = infer_form_type(d)
        return d


def infer_form_type(d: Declaration) -> FormType:
    title = d.title or ""
    if "整体" in title or any(line.key in ("income_total", "expenditure_total") for line in d.money.lines):
        return FormType.DEPARTMENT
    if "专项" in title or (d.source.labels.get("/name") and "专项" in d.source.labels["/name"].text):
        return FormType.SPECIAL
    if "项目" in title or d.name is not None:
        return FormType.PROJECT
    return FormType.UNKNOWN


class Builder:
    """Builds every declaration of one file from its rows."""

    def __init__(self, text: str, path: str, encoding: str | None, layout: str,
                 vocab: Vocabulary | None = None) -> None:
        self.text = text
        self.path = path
        self.encoding = encoding
        self.layout = layout
        self.vocab = vocab or vocabulary()
        self.smap = SourceMap(text)
        self.default_unit = _unit_note(text)

    def build(self, rows: list[Row]) -> list[Declaration]:
        forms: list[_FormBuilder] = []
        current = _FormBuilder(self, 0)
        footer_from = 0  # index of the first form the next footer belongs to
        preamble: list[Row] = []
        for row in rows:
            cell_text = self._row_text(row)
            if row.free or len(row.cells) == 1:
                title = self.vocab.title(cell_text) if len(cell_text) <= 60 else None
                if title is not None and (current.substantive or current.has_title):
                    if current.substantive:
                        forms.append(current)
                        current = _FormBuilder(self, len(forms))
                    else:
                        # a second title before any field: the first was a page heading
                        d = current.decl
                        if d.title is not None:
                            span = d.source.spans.pop("/title")
                            d.source.template.append(span)
                            d.title = None
                            current.has_title = False
                            if "/year_text" in d.source.spans:
                                d.source.template.append(d.source.spans.pop("/year_text"))
                                d.year_text = None
                                d.year = None
                if title is not None and not current.has_title:
                    s, e = trim(self.text, row.cells[0].start, row.cells[-1].end)
                    current._title(s, e)
                    continue
                if row.free and _YEAR.search(cell_text) and current.decl.year_text is None and len(cell_text) <= 20:
                    s, e = trim(self.text, row.cells[0].start, row.cells[0].end)
                    ym = _YEAR.search(self.text[s:e])
                    assert ym is not None
                    ys, ye = trim(self.text, s + ym.start(), s + ym.end())
                    if ys > s:
                        self._bracket_template(current, s, ys)
                    current._year(ys, ye)
                    if ye < e:
                        self._bracket_template(current, ye, e)
                    continue
            is_footer = self._is_footer(row)
            if is_footer and current.substantive and footer_from < len(forms) + 1:
                pass
            current.add_row(row)
            if is_footer:
                current._footer_seen = True  # type: ignore[attr-defined]
                for fb in forms[footer_from:]:
                    fb.shared_footer = current  # type: ignore[attr-defined]
                current.footer_group_start = footer_from  # type: ignore[attr-defined]
            elif getattr(current, "_footer_seen", False) and row.cells and row.cells[0].table:
                pass
            if getattr(current, "_footer_seen", False) and not is_footer:
                pass
            if is_footer:
                continue
        forms.append(current)
        # footers: a footer belongs to every form since the previous footer
        decls = [fb.finish() for fb in forms]
        group: list[int] = []
        for i, fb in enumerate(forms):
            group.append(i)
            if getattr(fb, "_footer_seen", False):
                for j in group[:-1]:
                    _share_footer(decls[i], decls[j])
                group = []
        del preamble
        return [d for d in decls if _worth_keeping(d)] or decls[:1]

    def _row_text(self, row: Row) -> str:
        if not row.cells:
            return ""
        s, e = trim(self.text, row.cells[0].start, row.cells[-1].end)
        return self.text[s:e]

    def _is_footer(self, row: Row) -> bool:
        if not row.free or not row.cells:
            return False
        s, e = trim(self.text, row.cells[0].start, row.cells[0].end)
        found = self.vocab.match_prefix(NormText(self.text, s, e).chars, 0)
        return found is not None and found[0].kind == "field" and found[0].key in FOOTER_KEYS

    def _bracket_template(self, fb: _FormBuilder, s: int, e: int) -> None:
        fb._template(s, e)


def _share_footer(src: Declaration, dst: Declaration) -> None:
    for key in FOOTER_KEYS:
        if getattr(dst, key) is not None:
            continue
        value = getattr(src, key)
        if value is None:
            continue
        setattr(dst, key, value)
        pointer = f"/{key}"
        if pointer in src.source.spans:
            dst.source.spans[pointer] = src.source.spans[pointer]
        if pointer in src.source.labels:
            dst.source.labels[pointer] = src.source.labels[pointer]


def _worth_keeping(d: Declaration) -> bool:
    return bool(d.title or d.name or d.department or d.indicators or d.money.total or d.money.lines)


def _unit_note(text: str) -> str | None:
    m = re.search(r"(?:金额)?单位\s*[:：]\s*(万元|元)", text[:5000])
    return m.group(1) if m else None
