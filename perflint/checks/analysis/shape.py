"""Whether what was read has the shape of what a rule judges: a form, a goal, an indicator row.

A rule's logic is only as good as the reading under it.  On layouts nobody has
seen, cells run together, a column header lands where a goal should be and the
next table's heading becomes a row.  These tests say when a piece read has the
shape a finding needs, from the model alone (labels, cells, the reading record),
never from the words of one form:

* :func:`is_goal_heading` / :func:`is_heading_list` — the text read as a goal
  names a goal field (``实施周期总目标(2022年--2024年)``, a table of contents
  ``一、总体绩效目标1二、分项绩效目标2``) instead of stating a goal;
* :func:`doubtful_rows` — indicator rows whose shape is not confident (the value
  cell was not found in a table not read in full, several cells run into the
  name, a name starting with the tail of the cell before it, a column header
  read as the value, a category heading or the next table's header read as a row);
* :func:`no_form_evidence` — a "declaration" read from text with nothing of a
  form in it (no title, name, form type, amount or indicator row).
"""

from __future__ import annotations

import re
from functools import lru_cache

from perflint.checks.analysis.values import norm
from perflint.domain.model import Declaration, FormType, Indicator
from perflint.domain.vocab import label_key, vocabulary

# -- goals -------------------------------------------------------------------------------

#: words that say which goal a heading names (its period or scope), longest first
_GOAL_QUALIFIERS = tuple(
    sorted(
        [
            "实施周期",
            "实施期",
            "中长期",
            "中期",
            "长期",
            "滚动",
            "年度",
            "当年度",
            "当年",
            "本年度",
            "本年",
            "总体",
            "总",
            "整体",
            "绩效",
            "部门",
            "项目",
            "分项",
            "阶段性",
            "阶段",
            "区域",
            "一年",
            "二年",
            "三年",
            "五年",
            "1年",
            "2年",
            "3年",
            "5年",
        ],
        key=len,
        reverse=True,
    )
)
#: what a goal heading ends with once its qualifiers are gone
_GOAL_HEADS = frozenset(
    {"目标", "目标完成情况", "目标实际完成情况", "目标完成值", "完成情况", "实际完成情况", "完成值"}
)
#: a number before a heading (二、 (2) 3.) and a year (2022年度)
_ENUM = re.compile(r"^(?:[一二三四五六七八九十]{1,3}[、.]|\(?[一二三四五六七八九十\d]{1,2}[)、.])")
_YEAR = re.compile(r"^(?:19|20)\d{2}年度?")
#: what a period written after a heading is made of: (2022年--2024年), (2019-2021)
_PERIOD_CHARS = frozenset("0123456789年度至-—–~～")
_LIST_MARK = re.compile(r"[一二三四五六七八九十]{1,3}、")


@lru_cache(maxsize=1024)
def is_goal_heading(text: str | None) -> bool:
    """``text`` names a goal field rather than stating a goal: a goal word with its period
    or scope (``中期滚动目标(2019年--2021年)``, ``年度总体目标完成情况``), read where the
    goal should be because the goals stand in the row below.  A bare ``目标`` is not taken
    for a heading (it is as likely a goal cut short)."""
    key = norm(text).strip("。.,，:：;；")
    key = _YEAR.sub("", _ENUM.sub("", key))
    if key.endswith(")") and "(" in key:
        head, _, period = key[:-1].rpartition("(")
        if period[:1].isdigit() and set(period) <= _PERIOD_CHARS:
            key = head
    qualified = False
    while key not in _GOAL_HEADS:
        word = next((w for w in _GOAL_QUALIFIERS if key.startswith(w)), None)
        if word is None:
            return False
        key = key[len(word) :]
        qualified = True
    return qualified or key != "目标"


@lru_cache(maxsize=1024)
def is_heading_list(text: str | None) -> bool:
    """``text`` is a list of headings (a table of contents, a run of section titles):
    two or more numbered items that are goal headings once their page numbers go."""
    key = norm(text)
    items = [re.sub(r"\d+$", "", item) for item in _LIST_MARK.split(key) if item]
    return sum(1 for item in items if is_goal_heading(item)) >= 2


def not_a_goal(text: str | None) -> bool:
    """What was read as a goal is a heading or a list of headings, not a goal."""
    return is_goal_heading(text) or is_heading_list(text)


# -- indicator rows ----------------------------------------------------------------------

#: a score band after a category heading: 产出指标 (40-50)分, 成本指标（20分）
_SCORE = re.compile(r"[(（]\d+(?:[-—–~～]\d+)?分?[)）]分?$")
#: the unit note over a table: 单位：万元
_UNIT_NOTE = re.compile(r"(?:^|[\s(（])单位\s*[:：]\s*(?:万元|元|亿元|千元)")
#: a comparator with its figure: ≥280亿元, 不低于95%
_COMPARATOR = r"(?:[≥≤≧≦><]=?|不低于|不少于|不高于|不超过|不大于|不小于)"
#: a name that ends in a whole target: comparator, figure and a short unit (收入≥280亿元)
_TARGET_END = re.compile(_COMPARATOR + r"(\d+(?:\.\d+)?)[^\d]{0,4}$")
_HAS_COMPARATOR = re.compile(_COMPARATOR)
_MID_CLAUSE = re.compile(r"^[\u4e00-\u9fff][,，;；]")
_FIGURE_END = re.compile(r"\d(?:\.\d+)?\s*[%％]?$")


#: the columns of a template without a value column (the 2019 部门整体支出 form)
_NAME_COLUMNS = frozenset({"level1", "level2", "level3", "content", "note"})


def _heading_row(ind: Indicator) -> bool:
    """The row's name is a category heading (the next 一级 heading, with its score band; a
    二级 heading of another or of no group): a heading read as an indicator, not one."""
    found = vocabulary().category(_SCORE.sub("", norm(ind.content)))
    if found is None:
        return False
    level, canon = found
    if level == 1:
        return True
    own = vocabulary().category(ind.level2 or "")
    return own is None or own[1] != canon


def _heading_value(ind: Indicator) -> bool:
    """The value cell is a category heading (``(二)社会效益指标``, ``三、满意度指标``): in a list
    of numbered categories each followed by its indicators, the next heading read as this
    row's value.  A category name is never a target, and the row's own value went elsewhere."""
    value = _ENUM.sub("", norm(ind.value)).strip()
    return bool(value) and vocabulary().category(_SCORE.sub("", value)) is not None


def _unit_note_row(ind: Indicator) -> bool:
    """A cell of the row is a table's unit note (单位：万元): the header of the next table."""
    cells = [ind.content, ind.value or "", ind.note or "", *ind.extra.values()]
    return any(_UNIT_NOTE.search(cell) for cell in cells if cell)


def _run_together(ind: Indicator) -> bool:
    """The name holds the value and the figures before it (``…比率90%80%70%`` = ``70%``):
    several cells read as one."""
    value = norm(ind.value)
    content = norm(ind.content)
    if not value or len(content) <= len(value) or not content.endswith(value):
        return False
    return _FIGURE_END.search(content[: -len(value)]) is not None


def _target_in_name(ind: Indicator) -> bool:
    """The name states its own target (``收入≥280亿元``) and the value cell another figure
    (``30%``): which of them is the target (the other a weight or score) is not known."""
    value = norm(ind.value)
    found = _TARGET_END.search(norm(ind.content))
    if not value or found is None or _HAS_COMPARATOR.search(value):
        return False  # a value with its own comparator is the target (处理时间≤3天的比例 | ≥90%)
    return found.group(1) not in value


def _starts_mid_clause(ind: Indicator) -> bool:
    """The name starts with a one-character clause (``底,项目开展率``): the tail of the cell
    before it (``截至2026年12月`` + ``底``), cut off where no cell ends."""
    return _MID_CLAUSE.match(norm(ind.content)) is not None


def _header_value(ind: Indicator) -> bool:
    """The value names what is counted instead of stating it (``扶持村数``, ``受益人数``): a
    short value with no figure ending in a count noun is a column header read as the value."""
    value = norm(ind.value)
    return 2 <= len(value) <= 8 and value.endswith("数") and not any(c.isdigit() for c in value)


#: a cell that is a target, not a name: a figure with its comparator and unit (100%, ≥95%,
#: 375万平方米), or a bare yes/no or period word (是, 否, 全年)
_TARGET_CELL = re.compile(_COMPARATOR + r"?\d+(?:\.\d+)?[^\d.,，;；。]{0,5}$")
_TARGET_WORDS = frozenset({"是", "否", "有", "无", "全年", "及时", "达标"})
#: a form's or a part's title: what ends a table (…项目绩效目标, …绩效目标表, …申报表)
_TITLE_END = re.compile(r"(?:绩效目标|目标表|申报表|自评表|评价表)$")
#: prose: a sentence of several clauses
_CLAUSES = re.compile(r"[,，;；、。]")


def _target_cell(text: str | None) -> bool:
    key = norm(text)
    return bool(key) and (key in _TARGET_WORDS or (len(key) <= 12 and _TARGET_CELL.match(key) is not None))


def _prose(text: str | None) -> bool:
    key = norm(text)
    return len(key) >= 16 and len(_CLAUSES.findall(key)) >= 1 and not _target_cell(key)


def _misplaced(ind: Indicator) -> bool:
    """The row's cells do not stand under their header: a target in the name column with
    nothing or prose where the value should be (``是 | 保障绿化养护的稳定正常运行,…``), or an
    empty value cell with the target in a column of its own that is not the value's (the
    row has one cell fewer than the header and slid left)."""
    value = ind.value
    if _target_cell(ind.content) and (is_blank_text(value) or _prose(value)):
        return True
    if value is None or not is_blank_text(value):
        return False  # (a template without a value column states its target elsewhere)
    others = [ind.level1, ind.level2, ind.level3, *(v for k, v in ind.extra.items() if not _is_note_column(k))]
    return any(_target_cell(cell) for cell in others)


def _is_note_column(name: str) -> bool:
    return any(word in name for word in ("备注", "说明", "单位", "描述", "依据", "权重", "分值"))


def is_blank_text(text: str | None) -> bool:
    return not norm(text)


def shifted_table(decl: Declaration) -> bool:
    """The indicator table's rows are shifted relative to its header: two or more rows have a
    target where a name belongs and no value (or prose) where the value belongs.  Which cell
    is which is then not known for any row — the table is not read with confidence as a
    whole, and no row of it, nor its absence of anything, is claimed."""
    if decl.reading is None:
        return False
    stray = set(decl.reading.unreliable_rows)  # pieces the reader already set aside
    return sum(1 for i, ind in enumerate(decl.indicators) if i not in stray and _shifted_row(ind)) >= 2


def _shifted_row(ind: Indicator) -> bool:
    """A row of two or more cells of its own that do not stand under their header (a lone
    figure spilled onto a line of its own is a stray cell, not a shifted row)."""
    own = {
        norm(cell)
        for name, cell in (("level1", ind.level1), ("level2", ind.level2), ("level3", ind.level3))
        if name not in ind.inherited
    }
    own |= {norm(ind.content), norm(ind.value), *(norm(v) for v in ind.extra.values())}
    own.discard("")
    return len(own) >= 2 and _misplaced(ind)


def _label_fragment(ind: Indicator) -> bool:
    """A row with no value whose name is a piece of a category label split over two lines
    (``服务对象`` of ``服务对象 / 满意度指标``, ``指标`` of ``经济效益 / 指标``): a label, not a row."""
    if not is_blank_text(ind.value):
        return False
    key = label_key(ind.content or "")
    if not key or key in _CATEGORY_KEYS:
        return False
    return any(name != key and (name.startswith(key) or name.endswith(key)) for name in _CATEGORY_KEYS)


_CATEGORY_KEYS = frozenset({*vocabulary().level1, *vocabulary().level2})


def _ends_table(ind: Indicator) -> bool:
    """The row is a heading that ends the table: a form's or a part's title (``…项目绩效目标``)
    or a goal heading (``(一)中长期绩效目标``) read as a name or a value — the next project or
    the next part of the page begins there."""
    content = norm(ind.content)
    return (
        is_goal_heading(ind.content)
        or is_goal_heading(ind.value)
        or (len(content) >= 6 and _TITLE_END.search(content) is not None and not _target_cell(ind.value))
    )


def _trailing_prose(rows: list[Indicator]) -> list[int]:
    """The rows at the end of the table that are sentences of several clauses with an empty
    value cell: the text after the table (the next part's goal, a note) run on into its last
    category, not indicators of it."""
    out: list[int] = []
    for i in range(len(rows) - 1, -1, -1):
        ind = rows[i]
        content = norm(ind.content)
        if ind.value is None or not is_blank_text(ind.value) or len(content) < 20:
            break
        if len(_CLAUSES.findall(content)) < 2:
            break
        out.append(i)
    return out


def doubtful_rows(decl: Declaration) -> set[int]:
    """Indicator rows whose shape is not confident enough for a claim about them."""
    reading = decl.reading
    if reading is None:
        return set()  # a declaration given as JSON states its rows as they are
    if shifted_table(decl):
        return set(range(len(decl.indicators)))
    whole = reading.state("indicators") == "read"
    # the header promises a cell for the value: a value column, or a column not understood that
    # may hold it; a template with only category and name columns states its target in the name
    columns = reading.indicator_columns
    value_cell = not columns or any(c not in _NAME_COLUMNS for c in columns)
    out: set[int] = set(_trailing_prose(decl.indicators))
    for i, ind in enumerate(decl.indicators):
        if _ends_table(ind):
            # the table ended at a heading: this row and all after it belong to another part
            out.update(range(i, len(decl.indicators)))
            break
        if (
            _label_fragment(ind)
            or (ind.value is None and value_cell and not whole)  # no value cell found, table not read in full
            or _heading_row(ind)
            or _heading_value(ind)
            or _unit_note_row(ind)
            or _run_together(ind)
            or _target_in_name(ind)
            or _starts_mid_clause(ind)
            or _header_value(ind)
        ):
            out.add(i)
    return out


def value_absence_read(decl: Declaration, index: int) -> bool:
    """Whether a row may be claimed to have no value (an error: it claims an absence): the
    table was read in full (or up to where the text stops: the rows before the cut are whole)
    under a header whose value column was recognised, and the row's cells stand in place.  A
    blank read anywhere else may be a cell that was not found."""
    reading = decl.reading
    if reading is None:
        return True  # a declaration given as JSON states its rows as they are
    state = reading.state("indicators")
    whole = state == "read" or (state == "partial" and reading.notes.get("indicators") == "truncated")
    if not whole or "value" not in reading.indicator_columns:
        return False
    return not _misplaced(decl.indicators[index])


def name_absence_read(decl: Declaration, index: int) -> bool:
    """The same for a row claimed to have no name while it has a value (IND004): a name
    column (``content`` or ``level3``) recognised besides the value column, in a table read
    in full, the row's cells in place."""
    reading = decl.reading
    if reading is None:
        return True
    columns = reading.indicator_columns
    named = "content" in columns or "level3" in columns
    return named and value_absence_read(decl, index) and not _name_elsewhere(decl.indicators[index])


def _name_elsewhere(ind: Indicator) -> bool:
    """A row with no name that holds text under a heading the reader did not understand (not
    a unit, comparator, weight or note column): that cell may be the name, under a heading
    no template taught the reader ("三级指标内容"), or the row's cells slid under the wrong
    headings where merged cells were left out.  Its name is then not known to be absent."""
    if not is_blank_text(ind.content) or not is_blank_text(ind.level3):
        return False
    roles = vocabulary().column_role
    return any(
        not is_blank_text(cell) and label_key(name) not in roles and not _is_note_column(name)
        for name, cell in ind.extra.items()
    )


# -- the form ----------------------------------------------------------------------------


def no_form_evidence(decl: Declaration) -> bool:
    """Nothing of a form was read: no title, name, form type, unit, amount or indicator
    row, only a stray label (``…2021年度绩效目标公开`` gives a "goal" ``公开``).  Such a
    declaration is no evidence that a form was filed, so nothing is claimed about it."""
    if decl.reading is None:
        return False
    money = decl.money.total is not None or bool(decl.money.lines)
    return not (
        decl.title
        or decl.name
        or decl.form_type != FormType.UNKNOWN
        or decl.department
        or decl.filing_unit
        or decl.implementing_unit
        or money
        or decl.indicators
    )


#: field labels that are no answer of the form: the indicator table's, the template's, text left over
_NOT_FIELDS = ("/indicators", "/$template", "/unrecognized")


def _read_nothing(decl: Declaration, pointer: str) -> bool:
    """Nothing, or a single stray mark, was read as the answer of the field at ``pointer``."""
    span = decl.source.spans.get(pointer)
    if span is None or span.is_empty:
        return True
    return span.line == span.end_line and span.end_column - span.column <= 1


def in_header_row(decl: Declaration, pointer: str) -> bool:
    """The field's label stands in a row of column headers (单位编码 | 单位名称 | 年度预算安排 | …
    of a project list): nothing read after it, nor after at least two of the next three labels.
    Its answers are the rows below, in cells no field was read from: a blank here is no claim."""
    label = decl.source.labels.get(pointer)
    if label is None or label.span is None or not _read_nothing(decl, pointer):
        return False
    here = (label.span.line, label.span.column)
    after = sorted(
        ((lab.span.line, lab.span.column), p)
        for p, lab in decl.source.labels.items()
        if lab.span is not None and not p.startswith(_NOT_FIELDS) and (lab.span.line, lab.span.column) > here
    )[:3]
    return len(after) == 3 and sum(_read_nothing(decl, p) for _, p in after) >= 2
