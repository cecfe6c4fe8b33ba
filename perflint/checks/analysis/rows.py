"""The per-declaration analysis: what every rule wants to know about the indicator rows,
worked out once per declaration and shared.

About twenty rules look at every indicator row: its category, its name, the
text that states its target and where that text is, whether the row is a
placeholder, the figures, comparators and percentage in its target.  Each of
them used to walk ``decl.indicators`` and ask for these again (the answers
were memoized per text, but every rule still paid for the walk and the
lookups).  :class:`Analysis` builds the :class:`Row` s once, on first use,
and keeps the derived values on them; :attr:`perflint.checks.base.Context.analysis`
hands the same object to every rule that checks the declaration.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from perflint.checks.analysis.values import (
    Category,
    Comparison,
    PercentTarget,
    Quantity,
    category,
    comparisons,
    display,
    indicator_name,
    is_placeholder_row,
    is_real_row,
    name_pointer,
    owned_elsewhere,
    percent_target,
    quantities,
    skip_cell,
    target_pointer,
    target_text,
    with_named_percent,
)
from perflint.domain.model import Declaration, Indicator

_UNSET: object = object()


def row_args(row: Row, value: str | None, *, fallback: str = "指标", **extra: object) -> dict[str, object]:
    """A row's message args: its category (``fallback`` when it has none), its content and ``value``, then ``extra``."""
    return {"category": row.cat.label or fallback, "content": display(row.name), "value": display(value), **extra}


def valued_rows(
    analysis: Analysis, tokens: Iterable[str], *, satisfaction: bool = True, references: bool = True
) -> Iterator[tuple[Row, str]]:
    """The rows whose 指标值 cell states something of its own, each with that value.

    Skipped, in order:

    * a row with no value cell (``ind.value is None``: a template with no value
      column, whose target stands in 指标内容): rules that read the value have
      no value to read;
    * a value :func:`owned_elsewhere` with ``tokens`` (the placeholders from the
      rule's settings): blank or only whitespace, a placeholder ("无", "/"), an
      unfilled template token, a masked value, or a reference elsewhere
      (``见附件``, ``同上``).  The completeness and placeholder rules report
      those, so a rule on the value would only say the same thing twice.
      With ``references=False`` a reference elsewhere is kept (:func:`skip_cell`):
      the rules on the row's make-up (a value with no name beside it, a value
      that copies its name, a narrative value) count ``见附件`` as a filled cell;
    * with ``satisfaction=False``, a satisfaction row (``row.cat.is_satisfaction``):
      the SAT family reads satisfaction values.

    Rows come in form order; the value is ``row.ind.value`` as read (not normalized).
    """
    key = tuple(tokens)
    skipped = owned_elsewhere if references else skip_cell
    for row in analysis.rows:
        value = row.ind.value
        if value is None or skipped(value, key):
            continue
        if not satisfaction and row.cat.is_satisfaction:
            continue
        yield row, value


def stated_rows(rows: Iterable[Row], tokens: Iterable[str]) -> Iterator[tuple[Row, str]]:
    """Each of ``rows`` whose target states something of its own, with that target text.

    The target is :attr:`Row.target`: the 指标值 cell, or 指标内容 in a template
    with no value column, so unlike :func:`valued_rows` a row without a value
    cell is kept and judged by its name.  Skipped: a target
    :func:`owned_elsewhere` with ``tokens`` (blank, a placeholder, an unfilled
    template token, a masked value, a reference elsewhere such as ``见附件``),
    which the completeness and placeholder rules report.  ``rows`` is any
    selection of the analysis rows (all of them, the satisfaction rows, a
    rule's cost rows), kept in its order.
    """
    key = tuple(tokens)
    for row in rows:
        if not owned_elsewhere(row.target, key):
            yield row, row.target


class Row:
    """One indicator row with what the rules derive from it (computed on first use)."""

    __slots__ = (
        "index",
        "ind",
        "cat",
        "name",
        "target",
        "name_pointer",
        "target_pointer",
        "_quantities",
        "_comparisons",
        "_percent",
        "_real",
        "_placeholder",
    )

    def __init__(self, index: int, ind: Indicator) -> None:
        self.index = index
        self.ind = ind
        self.cat: Category = category(ind)
        self.name = indicator_name(ind)
        self.target = target_text(ind)
        self.name_pointer = name_pointer(index, ind)
        self.target_pointer = target_pointer(index, ind)
        self._quantities: list[Quantity] | None = None
        self._comparisons: list[Comparison] | None = None
        self._percent: object = _UNSET
        self._real: dict[tuple[str, ...], bool] = {}
        self._placeholder: dict[tuple[str, ...], bool] = {}

    @property
    def quantities(self) -> list[Quantity]:
        """The figures in the target text."""
        if self._quantities is None:
            self._quantities = quantities(self.target)
        return self._quantities

    @property
    def comparisons(self) -> list[Comparison]:
        """The comparators (≥, 不低于, 以内 …) of the figures in the target text."""
        if self._comparisons is None:
            self._comparisons = comparisons(self.target)
        return self._comparisons

    @property
    def percent(self) -> PercentTarget | None:
        """The percentage the target states (a percentage in the name counts: ``满意度(%)`` ``95``)."""
        if self._percent is _UNSET:
            self._percent = percent_target(with_named_percent(self.target, self.name))
        return self._percent  # type: ignore[return-value]  # set just above

    def is_real(self, tokens: tuple[str, ...]) -> bool:
        """The row states something (not blank, not only placeholders)."""
        found = self._real.get(tokens)
        if found is None:
            found = self._real[tokens] = is_real_row(self.ind, tokens)
        return found

    def is_placeholder(self, tokens: tuple[str, ...]) -> bool:
        """Every filled cell of the row is a placeholder (the row says "N/A")."""
        found = self._placeholder.get(tokens)
        if found is None:
            found = self._placeholder[tokens] = is_placeholder_row(self.ind, tokens)
        return found


class Analysis:
    """What the rules share about one declaration."""

    __slots__ = ("decl", "_rows", "_texts")

    def __init__(self, decl: Declaration) -> None:
        self.decl = decl
        self._rows: list[Row] | None = None
        self._texts: tuple[tuple[str, str], ...] | None = None

    @property
    def texts(self) -> tuple[tuple[str, str], ...]:
        """Every free-text value with its pointer (:meth:`Declaration.iter_text`), walked
        once for the rules that scan them all (unfilled tokens, unfilled dates)."""
        if self._texts is None:
            self._texts = tuple(self.decl.iter_text())
        return self._texts

    @property
    def rows(self) -> list[Row]:
        """Every indicator row, in order."""
        if self._rows is None:
            self._rows = [Row(i, ind) for i, ind in enumerate(self.decl.indicators)]
        return self._rows

    def satisfaction_rows(self) -> list[Row]:
        return [row for row in self.rows if row.cat.is_satisfaction]

    def cost_rows(self) -> list[Row]:
        return [row for row in self.rows if row.cat.is_cost]

    def real_rows(self, tokens: Iterable[str]) -> list[Row]:
        key = tuple(tokens)
        return [row for row in self.rows if row.is_real(key)]
