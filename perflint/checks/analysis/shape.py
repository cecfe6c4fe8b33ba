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
from perflint.domain.vocab import vocabulary

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


def doubtful_rows(decl: Declaration) -> set[int]:
    """Indicator rows whose shape is not confident enough for a claim about them."""
    reading = decl.reading
    if reading is None:
        return set()  # a declaration given as JSON states its rows as they are
    whole = reading.state("indicators") == "read"
    # the header promises a cell for the value: a value column, or a column not understood that
    # may hold it; a template with only category and name columns states its target in the name
    columns = reading.indicator_columns
    value_cell = not columns or any(c not in _NAME_COLUMNS for c in columns)
    out: set[int] = set()
    for i, ind in enumerate(decl.indicators):
        if (
            (ind.value is None and value_cell and not whole)  # no value cell found, table not read in full
            or _heading_row(ind)
            or _unit_note_row(ind)
            or _run_together(ind)
            or _target_in_name(ind)
            or _starts_mid_clause(ind)
            or _header_value(ind)
        ):
            out.add(i)
    return out


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
