"""Rows of a sheet whose cells ran together: read again from the header's column order.

Some budget systems' sheets reach the web as text with every cell of a row run together on
one line and nothing between the cells: the header ("一级指标二级指标三级指标指标值指标值内容
评分标准…") and then one row per line ("成本指标经济成本指标学生补助标准17元/人.每天反映…-定量").
Read as one cell a line, each row is a name, its value and the later columns in one cell.

What can be told apart without separators, and only that, is read again:

* category names at the front of a line are known words (``[categories]`` of labels.toml);
  a line of a category alone opens a group, and a row without one stays in the group above;
* when the header puts the value column right after the name column (三级指标 | 指标值), the
  name runs to the first value: a figure with its comparator and unit ("大于90%", "≥300盏",
  "95%以上", "17元/人.每天"), a date ("2023年12月31日"), or a value in words ("有所提升");
* the rest of the line is the later columns (explanation, scoring, unit, type) run together,
  kept under the header's names for them, not judged.

When another column stands between the name and the value (三级指标 | 指标内容 | 指标值), where
the name ends is not known, and the rows are left as they were read. Either way the table stays
a reading of fused text: :mod:`perflint.ingest.reading` marks its rows unreliable, so they are
read (``extract``) but no finding is built on them.
"""

from __future__ import annotations

import re
import unicodedata

from perflint.domain.model import Declaration, Indicator, Span, escape_pointer
from perflint.domain.vocab import NormText, Vocabulary, vocabulary

_COMP = r"(?:[≥≤≧≦＞＜<>=＝]{1,2}|大于等于|小于等于|不低于|不少于|不高于|不超过|不大于|不小于|大于|小于|高于|低于|达到)"
_NUM = r"\d+(?:\.\d+)?"
_DATE = re.compile(r"(?:19|20)\d{2}年\d{1,2}月(?:\d{1,2}日)?(?:之前|以前|前|底前|底)?")
#: a value in words: a degree, then a change (有所减轻, 明显增加, 稳步提高)
_SOME = re.compile(r"(?:有所|明显|显著|稳步|逐步|持续|进一步)[增减提降改上下加][\u4e00-\u9fff]")
_CJK = re.compile(r"[\u4e00-\u9fff]")
#: what an indicator's name ends in: the measure it names (a rate, a count, an amount, a time …)
_MEASURE_END = re.compile(
    r"(?:率|数|量|次|度|额|比|标准|时间|时限|期限|周期|成本|费用|面积|里程|长度|规模|比例|水平)[)）%]*$"
)
#: what the builder calls a heading's column, by the name the form gives it
_HEADING_NAMES = {"note": "备注", "content": "指标内容", "level3": "三级指标"}


def _value_pattern(vocab: Vocabulary) -> re.Pattern[str]:
    inline = vocab.data.get("inline", {})
    units = sorted({str(u) for u in inline.get("units", [])} | {"%", "‰"}, key=len, reverse=True)
    suffixes = sorted({"及以上", "及以下", "以上", "以下", "以内", *map(str, inline.get("suffixes", []))}, key=len)
    alt_units = "|".join(re.escape(u) for u in units)
    alt_suffixes = "|".join(re.escape(w) for w in reversed(suffixes))
    per = r"(?:/[\u4e00-\u9fff]|[.·•]每[\u4e00-\u9fff])*"  # 元/人.每天, 元/月/人
    return re.compile(rf"{_COMP}?\s*{_NUM}\s*(?:(?:{alt_units})次?{per})?(?:{alt_suffixes})?")


_PATTERNS: dict[int, re.Pattern[str]] = {}


def _pattern(vocab: Vocabulary) -> re.Pattern[str]:
    found = _PATTERNS.get(id(vocab))
    if found is None:
        found = _PATTERNS[id(vocab)] = _value_pattern(vocab)
    return found


def headings(text: str, vocab: Vocabulary | None = None) -> list[str]:
    """The column keys a header run together names, in order ("level1", "level2", "level3",
    "value", "extra:度量单位" …); pieces no heading matches are left out."""
    vocab = vocab or vocabulary()
    key = "".join(unicodedata.normalize("NFKC", text).split())
    out: list[str] = []
    i = 0
    while i < len(key):
        for size in range(min(12, len(key) - i), 1, -1):
            info = vocab.match(key[i : i + size])
            if info is not None and info.kind == "indicator_col":
                out.append(info.key)
                i += size
                break
        else:
            i += 1
    return out


def split_value(text: str, start: int, end: int, vocab: Vocabulary | None = None) -> tuple[int, int] | None:
    """Where the first value in ``text[start:end]`` is, after a name of two characters or more
    (not inside a bracketed note such as "(个)"): ``(value start, value end)``, or ``None``."""
    vocab = vocab or vocabulary()
    found: list[tuple[int, int]] = []
    for pattern in (_DATE, _pattern(vocab), _SOME):
        for m in pattern.finditer(text, start, end):
            if m.end() > m.start() and _name_before(text, start, m.start()):
                found.append((m.start(), -m.end()))
                break
    for word in _qualitative(vocab):
        k = text.find(word, start, end)
        if k != -1 and _name_before(text, start, k):
            found.append((k, -(k + len(word))))
    if not found:
        return None
    s, neg_e = min(found)
    return s, -neg_e


def _qualitative(vocab: Vocabulary) -> list[str]:
    return [str(w) for w in vocab.data.get("inline", {}).get("qualitative", [])]


def _name_before(text: str, start: int, at: int) -> bool:
    head = text[start:at]
    opened = head.count("(") + head.count("（") - head.count(")") - head.count("）")
    return opened <= 0 and len(_CJK.findall(head)) >= 2


class _Offsets:
    def __init__(self, text: str) -> None:
        self.starts = [0]
        for i, ch in enumerate(text):
            if ch == "\n":
                self.starts.append(i + 1)

    def line(self, offset: int) -> int:
        lo, hi = 0, len(self.starts)
        while lo + 1 < hi:
            mid = (lo + hi) // 2
            if self.starts[mid] <= offset:
                lo = mid
            else:
                hi = mid
        return lo + 1

    def span(self, start: int, end: int) -> Span:
        a, b = self.line(start), self.line(end)
        return Span(a, start - self.starts[a - 1] + 1, b, end - self.starts[b - 1] + 1)

    def offset(self, line: int, column: int) -> int:
        return self.starts[min(max(line, 1), len(self.starts)) - 1] + column - 1


def _trim(text: str, s: int, e: int) -> tuple[int, int]:
    """``[s, e)`` without white space at either end."""
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return s, e


def _peel(text: str, s: int, e: int, vocab: Vocabulary) -> tuple[int, str, int] | None:
    """The category name at the front of ``text[s:e]``: (depth, canonical name, its end)."""
    norm = NormText(text, s, e)
    for length in range(min(len(norm.chars), 16), 1, -1):
        cat = vocab.category(norm.chars[:length])
        if cat is not None:
            return cat[0], cat[1], norm.raw_after(length)
    return None


def _restated(text: str, start: int, end: int) -> int | None:
    """Where a name ends in ``text[start:end]``, a name and the cell after it (its explanation)
    run together, when the explanation restates the name's ending: the longest ending of the
    run (two characters or more) found once more earlier, and only once, closing a name of three
    characters or more that ends in a measure (a rate, count, amount, time …): "入库图书册数" +
    "当年新入库的图书册数"; a name written twice. ``None`` when no ending recurs, it recurs in more
    than one place, or the piece before it names no measure ("补贴发放" of "补贴发放时间补贴按季度
    发放"): the split would be a guess."""
    seg = text[start:end]
    for size in range(len(seg) // 2, 1, -1):
        tail = seg[-size:]
        if len(_CJK.findall(tail)) < 2:
            continue
        ends = [k + size for k in range(len(seg) - 2 * size + 1) if seg.startswith(tail, k)]
        if not ends:
            continue
        name = seg[: ends[0]]
        if len(ends) == 1 and len(_CJK.findall(name)) >= 3 and _MEASURE_END.search(name):
            return start + ends[0]
        return None
    return None


def reread(text: str, decl: Declaration, header: int) -> bool:
    """Read ``decl``'s table again from its header run together into row ``header`` (see the
    module's note); True when its rows were replaced."""
    vocab = vocabulary()
    old = decl.indicators[header]
    cols = headings(old.content or old.level3 or "", vocab)
    name_col = next((c for c in ("level3", "content") if c in cols), None)
    if name_col is None or "value" not in cols[cols.index(name_col) + 1 :]:
        return False
    # a column between the name and its value (三级指标 | 指标内容 | 指标值): where the name ends
    # is known only where the second column restates the name's ending (see _restated)
    between = [c for c in cols[cols.index(name_col) + 1 : cols.index("value")] if c not in ("level1", "level2")]
    between_name = "、".join(_HEADING_NAMES.get(c, c.split(":", 1)[-1]) for c in between)
    later: list[str] = []
    for c in cols[cols.index("value") + 1 :]:
        name = _HEADING_NAMES.get(c, c.split(":", 1)[-1])
        if c not in ("value", "level1", "level2", "level3") and name not in later:
            later.append(name)
    rest_name = "、".join(later) or "其余各栏"
    where = _Offsets(text)
    spans = decl.source.spans
    row_spans = [s for p, s in spans.items() if p.startswith("/indicators/") and not s.is_empty]
    head_span = spans.get(f"/indicators/{header}/content") or spans.get(f"/indicators/{header}/level3")
    if head_span is None or not row_spans:
        return False
    first_line = head_span.end_line + 1
    # cells the old reading took for rows above the header (a sheet's project line): no rows
    before: list[tuple[int, int]] = sorted(
        {
            (where.offset(sp.line, sp.column), where.offset(sp.end_line, sp.end_column))
            for p, sp in spans.items()
            if p.startswith("/indicators/")
            and not sp.is_empty
            and sp.end_line < head_span.line
            and p.rsplit("/", 1)[-1] not in decl.indicators[int(p.split("/")[2])].inherited
        }
    )
    # lines something else was read from (a field, the page's chrome, template text) are no rows
    taken = {
        line
        for p, sp in spans.items()
        if not p.startswith(("/indicators/", "/unrecognized/")) and not sp.is_empty
        for line in range(sp.line, sp.end_line + 1)
    }
    taken.update(line for sp in decl.source.chrome + decl.source.template for line in range(sp.line, sp.end_line + 1))
    last_line = max(s.end_line for s in row_spans)
    rows: list[tuple[Indicator, dict[str, tuple[int, int]]]] = []
    template: list[tuple[int, int]] = []
    levels: dict[str, tuple[str, tuple[int, int]]] = {}
    used: set[str] = set()
    for line in range(first_line, last_line + 1):
        if line in taken:
            continue
        s = where.offset(line, 1)
        e = text.find("\n", s)
        e = len(text) if e == -1 else e
        s, e = _trim(text, s, e)
        if s >= e:
            continue
        fresh: set[str] = set()
        while (peeled := _peel(text, s, e, vocab)) is not None:
            depth, _canon, cut = peeled
            slot = "level1" if depth == 1 else "level2"
            for gone in ("level1", "level2") if slot == "level1" else ("level2",):
                if gone in levels and gone not in used:
                    template.append(levels[gone][1])  # a category with no row under it (an empty row)
                levels.pop(gone, None)
                used.discard(gone)
            levels[slot] = (text[s:cut].strip(), (s, cut))
            fresh.add(slot)
            s, e = _trim(text, cut, e)
        if s >= e:
            continue
        if not levels:
            before.append((s, e))  # a line before the first category: no indicator row
            continue
        found = split_value(text, s, e, vocab)
        if found is None and e - s <= 6:
            template.append((s, e))  # "-定性": the later columns of an empty row
            continue
        if found is None and between and e == len(text.rstrip()) and not text.endswith("\n"):
            # the text stops inside this row (cut mid-line): its value was never written out
            found = (e, e)
        if found is None:
            return False  # a row whose value cannot be told from its name: leave the table as read
        vs, ve = found
        ns, ne = _trim(text, s, vs)
        cells = {"value": (vs, ve)} if vs < ve else {}
        rs, re_ = _trim(text, ve, e)
        ind = Indicator(content=text[ns:ne], value=text[vs:ve] if vs < ve else None)
        name_end = _restated(text, ns, ne) if between else None
        if between and name_end is None:
            # the name and the column after it, run together: where one ends is not known, so
            # the row has no name of its own, only the two cells' text
            both = f"{_HEADING_NAMES.get(name_col, name_col)}、{between_name}"
            cells["content"] = (ns, ne)
            ind.extra[both] = ind.content
            cells[f"extra:{both}"] = (ns, ne)
        elif name_end is not None:
            cs, ce = _trim(text, name_end, ne)
            ne = _trim(text, ns, name_end)[1]
            ind.content = text[ns:ne]
            cells[name_col] = (ns, ne)
            ind.extra[between_name] = text[cs:ce]
            cells[f"extra:{between_name}"] = (cs, ce)
        else:
            cells[name_col] = (ns, ne)
        if name_col == "level3" and name_col in cells:
            ind.level3 = ind.content
        if rs < re_:
            ind.extra[rest_name] = text[rs:re_]
            cells[f"extra:{rest_name}"] = (rs, re_)
        for slot, (label, at) in levels.items():
            setattr(ind, slot, label)
            cells[slot] = at
            used.add(slot)
            if slot not in fresh:
                ind.inherited.append(slot)
        rows.append((ind, cells))
    if not rows:
        return False
    template.extend(at for slot, (_label, at) in levels.items() if slot not in used)
    _replace(decl, rows, where, head_span, template, before, text)
    return True


def _replace(
    decl: Declaration,
    rows: list[tuple[Indicator, dict[str, tuple[int, int]]]],
    where: _Offsets,
    head_span: Span,
    template: list[tuple[int, int]],
    before: list[tuple[int, int]],
    text: str,
) -> None:
    source = decl.source
    for p in [p for p in source.spans if p.startswith("/indicators/")]:
        del source.spans[p]
    for p in [p for p in source.labels if p.startswith("/indicators/")]:
        del source.labels[p]
    source.template.append(head_span)  # the header, run together
    source.template.extend(where.span(s, e) for s, e in template)
    # what the old reading left unrecognised stays so, less the categories now a row's levels;
    # the lines under the header before the first category (a sheet's unit and project lines)
    # are no row: unrecognised too
    cells = [c for _ind, row in rows for c in row.values()]
    pieces: list[tuple[str, Span | None]] = []
    for i, piece in enumerate(decl.unrecognized):
        span = source.spans.pop(f"/unrecognized/{i}", None)
        if span is not None:
            a = where.offset(span.line, span.column)
            b = where.offset(span.end_line, span.end_column)
            if any(x <= a and b <= y for x, y in cells):
                continue
        pieces.append((piece, span))
    pieces.extend((text[s:e], where.span(s, e)) for s, e in before)
    decl.unrecognized = []
    for piece, span in pieces:
        if span is not None:
            source.spans[f"/unrecognized/{len(decl.unrecognized)}"] = span
        decl.unrecognized.append(piece)
    decl.indicators = []
    for index, (ind, row) in enumerate(rows):
        for col, (s, e) in row.items():
            name = f"extra/{escape_pointer(col[6:])}" if col.startswith("extra:") else col
            source.spans[f"/indicators/{index}/{name}"] = where.span(s, e)
        if "level3" in row:
            source.spans[f"/indicators/{index}/content"] = source.spans[f"/indicators/{index}/level3"]
        decl.indicators.append(ind)
