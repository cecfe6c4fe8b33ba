"""What single cells say: comparators, units, amounts, ticks.

Small pure functions the builder uses to read one cell: is it a comparator
(``≥``, ``>=``, ``不低于``), a unit, a leading amount with its unit
(``854万``, ``12.26亿元``, ``3,309,840.00``); and how an indicator's value is
built from the cells of its comparator, value and unit columns.
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal, InvalidOperation

#: a cell that is only a comparator (a 指标值方向 / 比较符 / 指标性质 cell)
_COMPARATOR = re.compile(
    r"(?:[≥≤≧≦＞＜<>=＝]{1,2}|不低于|不少于|不高于|不超过|不大于|不小于|大于等于|小于等于|大于|小于|等于|约|≈|±)"
)
#: a value that opens with a comparator of its own
_LEADING_COMPARATOR = re.compile(r"^\s*(?:[≥≤≧≦＞＜<>=＝≈±]|不低于|不少于|不高于|不超过|大于|小于|等于|约|达到)")
#: a unit cell that says nothing (a placeholder)
_NO_UNIT = frozenset({"", "/", "-", "—", "－", "无", "空", "\\", "不适用", "/ "})


def is_comparator(text: str) -> bool:
    """``≥``, ``>=``, ``不低于`` …: the whole cell is one comparator."""
    t = unicodedata.normalize("NFKC", text).strip()
    return bool(t) and _COMPARATOR.fullmatch(t) is not None


def compose_value(value: str, comparator: str | None, unit: str | None) -> str:
    """An indicator's value from its columns: ``"95"`` with ``"≥"`` and ``"%"`` → ``"≥95%"``.

    The comparator goes in front of a value that starts with a number and has
    none of its own; the unit after a value that ends with a digit.  A value
    in words (``按月安排``, ``应保尽保``) stays as written.
    """
    v = value.strip()
    if not v:
        return value
    if comparator and is_comparator(comparator) and not _LEADING_COMPARATOR.match(v):
        first = unicodedata.normalize("NFKC", v[0])
        if first.isdigit() or first in ".+-":
            v = comparator.strip() + v
    if unit is not None:
        u = unit.strip()
        if u not in _NO_UNIT and unicodedata.normalize("NFKC", v[-1]).isdigit() and len(u) <= 10:
            v = v + u
    return v


# -- amounts -------------------------------------------------------------------------------

_AMOUNT_HEAD = re.compile(
    r"\s*(?:安排|下达|拨付|共计|合计|总计|计|约|为)?\s*[¥￥]?\s*(?P<num>\d{1,3}(?:[,，]\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)\s*(?P<unit>[亿億]元|[亿億]|[万萬]元|[万萬]|千元|元)?"
)
_UNIT_FACTOR = {
    "亿元": ("万元", Decimal(10000)),
    "亿": ("万元", Decimal(10000)),
    "万元": ("万元", Decimal(1)),
    "万": ("万元", Decimal(1)),
    "千元": ("元", Decimal(1000)),
    # Traditional 億/萬 (some mirrors serve forms in Traditional characters): read, not rewritten
    "億元": ("万元", Decimal(10000)),
    "億": ("万元", Decimal(10000)),
    "萬元": ("万元", Decimal(1)),
    "萬": ("万元", Decimal(1)),
    "元": ("元", Decimal(1)),
}


def leading_amount(text: str) -> tuple[Decimal, str | None, int] | None:
    """The amount a cell starts with: (amount, unit, where it ends in ``text``).

    ``854万854万(…)`` → 854 万元; ``12.26亿`` → 122600 万元; ``3,309,840.00`` →
    3309840.00 with no unit; ``安排77300万元`` → 77300 万元; the rest of the cell
    is left to the caller.
    ``None`` when the cell does not start with a number.
    """
    t = unicodedata.normalize("NFKC", text) if not text.isascii() else text
    if len(t) != len(text):
        return None  # offsets would not map back; such cells are rare
    m = _AMOUNT_HEAD.match(t)
    if m is None:
        return None
    try:
        amount = Decimal(m.group("num").replace(",", "").replace("，", ""))
    except InvalidOperation:  # pragma: no cover - the pattern guards
        return None
    unit = None
    if m.group("unit"):
        unit, factor = _UNIT_FACTOR[m.group("unit")]
        amount *= factor
    return amount, unit, m.end()
