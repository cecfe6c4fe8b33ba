"""Arithmetic kinds (ARI family): the figures of one form that must multiply or
add up.

* ``unit-cost-product`` — unit costs × the quantities they are paid for, with
  the lump sums of the other cost rows, against 资金总额: ``按 70人 × 704元/人 =
  4.93 万元，与资金总额 5 万元不符``.
* ``period-cost-cap`` — a cap per month (``≤620万/月``) over the months of the
  project period, against 资金总额: a cap above the whole budget constrains
  nothing.
* ``weights-sum`` — the weights (权重/分值 columns) of the indicators add up to 100.
* ``plan-total`` — the amounts a sentence of the form lists add up to the 合计 it
  states, and that total stays within 资金总额 (or the medium-term total):
  ``需20万元;…需20万元;…需10万元,合计50万元`` against 25 万元 a year.

All arithmetic is :class:`decimal.Decimal`; amounts are compared in 万元 within
the shared ``amount_tolerance_wan``.  Bounds are read as bounds: a unit cost
“≤32元/册” and a quantity “≥15000册” give no product to compare, only exact
figures (or caps times exact quantities) do.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from perflint.checks.analysis.dates import date_range, months_between, periods
from perflint.checks.analysis.measure import fmt, fmt_wan, money_quantities, period_amount, plain, to_wan
from perflint.checks.analysis.rows import Row, valued_rows
from perflint.checks.analysis.tolerance import amount_tolerance
from perflint.checks.analysis.values import (
    Op,
    Quantity,
    comparison_for,
    display,
    norm,
    quantities,
    unit_in_name,
)
from perflint.checks.analysis.written import NOT_PROSE
from perflint.checks.base import Context, Hit, Kind, kind, schema, settings
from perflint.domain.dates import bounds
from perflint.domain.findings import Severity
from perflint.domain.model import Declaration

INFINITY = Decimal("Infinity")


def _tolerance(params: dict[str, Any], ctx: Context) -> Decimal:
    return amount_tolerance(ctx.setting(params, "amount_tolerance_wan", None))


def _funds(decl: Declaration) -> tuple[Decimal, str] | None:
    """资金总额 in 万元, with the text as written."""
    total = decl.money.total
    if total is None or total.amount is None or total.amount <= 0:
        return None
    wan = to_wan(total.amount, total.unit or "万元")
    if wan is None:
        return None
    return wan, fmt(wan)


def _cost_rows(decl: Declaration, ctx: Context, tokens: tuple[str, ...]) -> list[Row]:
    return [row for row, _ in valued_rows(ctx.analysis_for(decl), tokens) if row.cat.is_cost]


# -- ARI001 unit cost × quantity --------------------------------------------------

#: units that name the same thing (平米 = 平方米 = ㎡)
_SAME_UNIT = {
    "平米": "平方米",
    "㎡": "平方米",
    "m2": "平方米",
    "m²": "平方米",
    "千米": "公里",
    "km": "公里",
    "千克": "公斤",
    "名": "人",
    "位": "人",
}
_TIME_DENOMINATORS = {"月", "年", "天", "日", "季度", "季", "周", "小时", "学期"}


def _canon_unit(unit: str) -> str:
    u = unicodedata.normalize("NFKC", unit)
    return _SAME_UNIT.get(u, u)


@dataclass(frozen=True, slots=True)
class Item:
    """One cost item: ``lo``–``hi`` in 万元, and how it is written."""

    lo: Decimal
    hi: Decimal
    formula: str
    unit_cost: bool
    #: how far the product may be off because its factors are rounded (71.86元/平方米)
    slack: Decimal = Decimal(0)


def _half_ulp(number: Decimal) -> Decimal:
    """Half a unit of the last place written: 71.86 → 0.005; a whole number is exact (0)."""
    exponent = number.as_tuple().exponent
    if not isinstance(exponent, int) or exponent >= 0:
        return Decimal(0)
    return Decimal(5).scaleb(exponent - 1)


def _interval(op: Op | None, number: Decimal) -> tuple[Decimal, Decimal]:
    """The range a figure allows: a cap (≤) is [0, n], a floor on a quantity (≥) [n, ∞),
    anything else (=, no comparator, a floor on a cost) exactly n."""
    if op in (Op.LE, Op.LT):
        return Decimal(0), number
    return number, number


def _op(text: str, q: Quantity) -> Op | None:
    found = comparison_for(text, q)
    return found[0] if found else None


def _quantity_for(denominator: str, row: Row, rows: list[Row]) -> tuple[Quantity, str, Row] | None:
    """The quantity a unit cost per ``denominator`` is paid for: a figure in that unit in
    the cost row's own name (``饲料库120平米`` / ``490元/平米``), else the one figure in
    that unit among the other indicators' values (ambiguous: ``None``)."""
    want = _canon_unit(denominator)
    own = [q for q in quantities(row.name) if q.unit and _canon_unit(q.unit) == want]
    if len(own) == 1:
        return own[0], row.name, row
    found: dict[Decimal, tuple[Quantity, str, Row]] = {}
    for other in rows:
        if other is row or other.cat.is_cost or other.ind.value is None:
            continue
        for q in quantities(other.ind.value):
            if q.unit and _canon_unit(q.unit) == want:
                found.setdefault(q.number, (q, other.ind.value, other))
    if len(found) == 1:
        return next(iter(found.values()))
    return None


@kind
class UnitCostProduct(Kind):
    name = "unit-cost-product"
    description = {
        "zh": "单位成本 × 数量（加上其他成本行的金额）与资金总额不符。",
        "en": "Unit cost × quantity (plus the other cost rows' amounts) does not match the total funds.",
    }
    params_schema = schema("placeholders", amount_tolerance_wan={"type": "number", "minimum": 0})

    def check(self, decl: Declaration, params: dict[str, Any], ctx: Context) -> Iterable[Hit]:
        funds = _funds(decl)
        if funds is None:
            return
        total, total_text = funds
        tol = _tolerance(params, ctx)
        tokens = settings(params, ctx)["placeholders"]
        rows = ctx.analysis_for(decl).rows
        items: list[Item] = []
        complete = True
        first: Row | None = None
        for row in _cost_rows(decl, ctx, tokens):
            value = row.ind.value or ""
            money = money_quantities(value, unit_in_name(row.name))
            if not money:
                continue  # a rate or wording: not an amount (cost-quantified's)
            q = money[0]
            unit = q.unit or unit_in_name(row.name) or ""
            head, slash, per = unit.partition("/")
            if not slash:
                wan = to_wan(q.number, unit)
                if wan is None:
                    complete = False
                    continue
                if abs(wan - total) <= tol:
                    continue  # the budget restated as a cost row: not an item of it
                lo, hi = _interval(_op(value, q), wan)
                items.append(Item(lo, hi, q.text if q.unit else f"{q.text}{unit}", False))
                continue
            if per.split("·")[0] in _TIME_DENOMINATORS or "·" in per or "/" in per:
                complete = False  # per month, per person-year: period-cost-cap's or unknown
                continue
            paired = _quantity_for(per, row, rows)
            per_wan = to_wan(q.number, head)
            if paired is None or per_wan is None:
                complete = False
                continue
            amount, text, _ = paired
            c_lo, c_hi = _interval(_op(value, q), per_wan)
            n_op = _op(text, amount)
            n_lo, n_hi = (amount.number, INFINITY) if n_op in (Op.GE, Op.GT) else _interval(n_op, amount.number)
            hi = INFINITY if n_hi == INFINITY else c_hi * n_hi
            per_unit = per_wan / q.number if q.number else Decimal(0)  # 万元 per written unit of the cost
            slack = _half_ulp(q.number) * per_unit * amount.number + _half_ulp(amount.number) * per_wan
            items.append(Item(c_lo * n_lo, hi, f"{amount.text} × {q.text}", True, slack))
            first = first or row
        if first is None:
            return
        lo = sum((i.lo for i in items), Decimal(0))
        hi = sum((i.hi for i in items), Decimal(0))
        tol += sum((i.slack for i in items), Decimal(0))
        formula = " + ".join(i.formula for i in items)
        args = {"formula": formula, "total": total_text}
        if lo > total + tol:
            yield Hit(
                first.target_pointer,
                {**args, "sum": fmt_wan(lo), "difference": fmt_wan(lo - total)},
                variant="over",
                suggest=True,
            )
        elif complete and hi != INFINITY and hi < total - tol:
            bound = "exact" if lo == hi else "at_most"
            yield Hit(
                first.target_pointer,
                {**args, "sum": fmt_wan(hi), "difference": fmt_wan(total - hi)},
                variant=f"under_{bound}",
                suggest=True,
                severity=Severity.INFO,  # other costs may explain the rest; more than the funds cannot be
            )


# -- ARI002 a cap per month over the period ------------------------------------------

_PERIOD_NAME = re.compile(r"周期|期限|期间|使用期|实施期|项目期|起止|保障期")


def _period(decl: Declaration, rows: list[Row]) -> tuple[str, str, str] | None:
    """(first day, last day, as written) of the project or spending period: 项目期 /
    起止时间, else an indicator that states it (``各项费用使用周期`` / ``2020年1月--2020年11月``)."""
    for _, _, text, start, end in periods(decl):
        if start is not None and end is not None:
            s, e = bounds(start), bounds(end)
            if s and e and s[0] <= e[1] and (start.text != end.text):
                return s[0], e[1], text
    for row in rows:
        value = row.ind.value
        if value and _PERIOD_NAME.search(plain(row.name)):
            span = date_range(value)
            if span is not None and months_between(*span) > 1:
                return span[0], span[1], value.strip()
    return None


@kind
class PeriodCostCap(Kind):
    name = "period-cost-cap"
    description = {
        "zh": "每月（每季、每年）的成本上限乘以项目期的月数后超过资金总额，上限不起约束作用。",
        "en": "A cost cap per month (quarter, year) times the months of the project period exceeds the total funds, so "
        "the cap constrains nothing.",
    }
    params_schema = schema("placeholders", amount_tolerance_wan={"type": "number", "minimum": 0})

    def check(self, decl: Declaration, params: dict[str, Any], ctx: Context) -> Iterable[Hit]:
        funds = _funds(decl)
        if funds is None:
            return
        total, total_text = funds
        tol = _tolerance(params, ctx)
        tokens = settings(params, ctx)["placeholders"]
        rows = ctx.analysis_for(decl).rows
        period = None
        for row in _cost_rows(decl, ctx, tokens):
            value = row.ind.value or ""
            amount = period_amount(value)
            if amount is None:
                continue
            unit_months = {"月": 1, "季度": 3, "季": 3, "年": 12}.get(amount.per)
            if unit_months is None:
                continue
            if re.search(r"[≥>]|不低于|不少于|以上", norm(value)):
                continue  # a floor: cost-floor's
            period = period or _period(decl, rows)
            if period is None:
                return
            months = months_between(period[0], period[1])
            allowed = amount.wan * Decimal(months) / Decimal(unit_months)
            if allowed > total + tol:
                yield Hit(
                    row.target_pointer,
                    {
                        "value": display(value),
                        "content": display(row.name),
                        "amount": fmt(amount.wan),
                        "per": amount.per,
                        "months": months,
                        "period": display(period[2]),
                        "allowed": fmt_wan(allowed),
                        "total": total_text,
                    },
                    suggest=True,
                )


# -- ARI003 weights -----------------------------------------------------------------

_WEIGHT_KEY = re.compile(r"权重|分值")


def _weight(ind: Any) -> tuple[str, Decimal] | None:
    for key, value in ind.extra.items():
        if _WEIGHT_KEY.search(key) and "评分" not in key:
            t = norm(value).rstrip("分%")
            if not t:
                return None
            try:
                return key, Decimal(t)
            except InvalidOperation:
                return None
    return None


@kind
class WeightsSum(Kind):
    name = "weights-sum"
    description = {
        "zh": "指标的权重（分值）合计不等于 100。",
        "en": "The indicators' weights (scores) do not add up to 100.",
    }
    params_schema = schema("placeholders", expected={"type": "number", "exclusiveMinimum": 0})

    def check(self, decl: Declaration, params: dict[str, Any], ctx: Context) -> Iterable[Hit]:
        expected = Decimal(str(params.get("expected", 100)))
        weights: list[Decimal] = []
        key = ""
        unweighted = 0
        for ind in decl.indicators:
            found = _weight(ind)
            if found is None:
                if any(_WEIGHT_KEY.search(k) and "评分" not in k and norm(v) for k, v in ind.extra.items()):
                    return  # a weight that is not a number: nothing to add up
                if norm(ind.content) and norm(ind.value):
                    unweighted += 1  # an indicator with no weight read for it
                continue
            key = found[0]
            weights.append(found[1])
        if len(weights) < 3 or unweighted:
            return  # too few weights, or an indicator whose weight was not read: the sum is not the table's
        total = sum(weights, Decimal(0))
        if total == expected:
            return
        yield Hit(
            "/indicators",
            {
                "column": key,
                "sum": fmt(total),
                "expected": fmt(expected),
                "parts": "+".join(fmt(w) for w in weights),
                "difference": fmt(abs(expected - total)),
                "count": len(weights),
            },
            variant="short" if total < expected else "over",
            suggest=True,
        )


# -- ARI004 the items of a written budget breakdown against their total and the funds --

#: the word that introduces a total of the items before it (合计50万元, 共计 50 万元)
_TOTAL_WORD = re.compile(r"(?:合计|共计|总计)[为是约:：]?\s*$")


def _prose(decl: Declaration) -> Iterable[tuple[str, str]]:
    """(pointer, text) of the form's prose: the further fields, the goals, the schedule's tasks."""
    for i, extra in enumerate(decl.fields):
        if extra.key not in NOT_PROSE and extra.text:
            yield f"/fields/{i}/text", extra.text
    for key, text in decl.goals.items():
        if text:
            yield f"/goals/{key}", text
    for i, row in enumerate(decl.schedule):
        if row.content:
            yield f"/schedule/{i}/content", row.content


def _breakdowns(text: str) -> Iterable[tuple[list[Quantity], Quantity]]:
    """(items, total) of each sentence that lists two or more amounts and then their
    合计/共计/总计 (``勘察设计需20万元;督导检查需20万元;审计验收需10万元,合计50万元``).
    A sentence with 其中 (a part of an item) is left alone."""
    t = unicodedata.normalize("NFKC", text)
    for sentence in re.split(r"[。\n]", t):
        items: list[Quantity] = []
        for q in money_quantities(sentence):
            if "/" in (q.unit or ""):
                items = []  # a unit cost: not an item of a sum
                continue
            if _TOTAL_WORD.search(sentence[: q.start]):
                if len(items) >= 2 and "其中" not in sentence[: q.start]:
                    yield items, q
                items = []
            else:
                items.append(q)


#: what may stand between a whole and the 其中 that opens its parts (资助资金160.77万元,其中)
_BEFORE_QIZHONG = re.compile(r"[\s,，:：;；、]*$")
#: at most this many characters of a 其中 listing for each of its parts: a longer stretch is
#: no listing but running text (a flattened table, the next section)
_PART_SPAN = 40
#: after the last part, the sentence may close in a few words with no further figure
_PART_TAIL = 15
_FIGURE = re.compile(r"\d")
_TOTAL_WORD_ANY = re.compile(r"合计|共计|总计")


def _parts(text: str) -> Iterable[tuple[Quantity, list[Quantity]]]:
    """(whole, parts) of each sentence that gives an amount and then, right after it, its
    parts under 其中 (``资助资金160.77万元,其中春季资助801人,资助资金85.5万元,秋季…75.3万元``).
    Only a plain listing counts: one 其中, two or more amounts after it and no unit cost,
    the parts close together and the sentence ending with the last of them."""
    t = unicodedata.normalize("NFKC", text)
    for sentence in re.split(r"[。\n]", t):
        at = sentence.find("其中")
        if at < 0 or sentence.count("其中") > 1:
            continue
        amounts = money_quantities(sentence)
        before = [q for q in amounts if q.end <= at]
        parts = [q for q in amounts if q.start >= at]
        if not before or len(parts) < 2 or not _BEFORE_QIZHONG.match(sentence[before[-1].end : at]):
            continue
        whole = before[-1]
        if _TOTAL_WORD_ANY.search(sentence, at):
            continue  # the parts are summed to a 合计 of their own: a breakdown (_breakdowns)
        if any("/" in (q.unit or "") for q in (whole, *parts)):
            continue  # unit costs are no parts of a sum
        tail = sentence[parts[-1].end :]
        if len(tail.strip()) > _PART_TAIL or _FIGURE.search(tail):
            continue
        if parts[-1].end - at > _PART_SPAN * len(parts):
            continue
        yield whole, parts


@kind
class PlanTotal(Kind):
    name = "plan-total"
    description = {
        "zh": "文字中列出的分项金额与其合计不符，或合计超过资金总额（且没有相应的中期资金总额）。",
        "en": "The amounts listed in the form's text do not add up to their stated total, or the total exceeds the "
        "funds (with no medium-term total to match it).",
    }
    params_schema = schema(amount_tolerance_wan={"type": "number", "minimum": 0})

    def check(self, decl: Declaration, params: dict[str, Any], ctx: Context) -> Iterable[Hit]:
        tolerance = _tolerance(params, ctx)
        funds = _funds(decl)
        medium = [
            to_wan(line.amount, line.unit or "万元")
            for line in decl.money.lines
            if line.key == "total_period" and line.amount is not None
        ]
        medium_wan = [m for m in medium if m is not None]
        loose = [(f"/unrecognized/{i}", text) for i, text in enumerate(decl.unrecognized)]
        for pointer, text in [*_prose(decl), *loose]:
            for whole, pieces in _parts(text):
                # parts under 其中 may name only some of the whole (the rest unlisted): only parts
                # that come to more than the whole cannot be its parts
                part_wan = [to_wan(q.number, q.unit) for q in pieces]
                whole_wan = to_wan(whole.number, whole.unit)
                if whole_wan is None or any(w is None for w in part_wan):
                    continue
                added = sum((w for w in part_wan if w is not None), Decimal(0))
                if added - whole_wan > tolerance:
                    yield Hit(
                        pointer,
                        {
                            "formula": " + ".join(q.text for q in pieces),
                            "sum": fmt_wan(added, 4),
                            "stated": whole.text,
                            "stated_wan": fmt_wan(whole_wan, 4),
                            "total": "" if funds is None else funds[1],
                            "difference": fmt_wan(added - whole_wan, 4),
                        },
                        variant="parts",
                        suggest=True,
                    )
            if pointer.startswith("/unrecognized/"):
                continue  # a line the reader could not place: only a 其中 listing is plain enough
            for items, total in _breakdowns(text):
                parts = [to_wan(q.number, q.unit) for q in items]
                stated = to_wan(total.number, total.unit)
                if stated is None or any(p is None for p in parts):
                    continue
                exact = [p for p in parts if p is not None]
                added = sum(exact, Decimal(0))
                args = {
                    "formula": " + ".join(q.text for q in items),
                    "sum": fmt_wan(added, 4),
                    "stated": total.text,
                    "stated_wan": fmt_wan(stated, 4),
                    "total": "" if funds is None else funds[1],
                    "difference": fmt_wan(abs(added - stated), 4),
                }
                if abs(added - stated) > tolerance:
                    yield Hit(pointer, args, variant="sum", suggest=True)
                    continue
                if funds is None or stated <= funds[0] + tolerance:
                    continue
                if any(stated <= m + tolerance for m in medium_wan):
                    continue  # the breakdown covers the whole period, and the form says how much that is
                args["over"] = fmt_wan(stated - funds[0], 4)
                yield Hit(pointer, args, variant=None if not medium_wan else "medium", suggest=True)
