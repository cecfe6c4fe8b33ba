"""Money: the amounts of a form and the equations between them.

The money block of a form is a small system of equations::

    资金总额 = 按收入性质分 = 按支出性质分
    按收入性质分 = 公共财政拨款 + 政府性基金拨款 + 专户非税 + 其他资金
    按支出性质分 = 基本支出 + 项目支出

(a project form has only ``资金总额 = 财政拨款 + 自筹 + … + 其他``).
:func:`analyse` reads every amount, derives blank totals from their parts and
finds, where one amount explains every broken equation, that culprit and the
value that would balance the system (see :mod:`perflint.checks.budget`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from typing import Any

from perflint.checks.analysis import CheckContext
from perflint.checks.analysis.values import CACHE_SIZE, norm, norm_set
from perflint.domain.model import Declaration, FormType, MoneyLine
from perflint.domain.text import parse_amount

TEN_THOUSAND = Decimal(10000)


@dataclass(frozen=True, slots=True)
class Amount:
    """One money line as the arithmetic sees it.

    ``state`` is ``value`` (parsed), ``blank`` (empty or a placeholder) or
    ``bad`` (text that is not a number).  ``wan`` is the amount in 万元.
    """

    name: str  # "total" or the line key
    pointer: str
    label: str
    text: str
    state: str
    wan: Decimal | None
    written_unit: str | None  # unit written with the number (万元/元) if any
    field_unit: str  # unit the label or form gives


def fmt(value: Decimal | None) -> str:
    """A Decimal as a plain number: no exponent, no trailing zeros."""
    if value is None:
        return ""
    try:
        if value == value.to_integral_value():
            return str(value.quantize(Decimal(1)))
        return format(value.normalize(), "f")
    except ArithmeticError:  # beyond the context precision: print it as it is
        return format(value, "f")


def placeholders_of(params: dict[str, Any], ctx: CheckContext) -> frozenset[str]:
    return norm_set(ctx.setting(params, "placeholders", []) or [])


@lru_cache(maxsize=CACHE_SIZE)
def _parse_amount(text: str) -> tuple[Decimal | None, str | None]:
    # the same amount is read by every budget rule: parse it once; 萬 is 万 (23.8萬元 is 23.8 万元)
    return parse_amount(text.replace("萬", "万"))


def read_amount(line: MoneyLine, pointer: str, placeholders: frozenset[str]) -> Amount:
    label = norm(line.label).rstrip(":：") or line.key
    text = norm(line.text or "")
    written: str | None = None
    if line.amount is not None:
        value: Decimal | None = line.amount
        _, written = _parse_amount(line.text or "")
        state = "value"
    elif not text or text in placeholders:
        value, state = None, "blank"
    else:
        value, written = _parse_amount(line.text)
        state = "value" if value is not None else "bad"
    if value is not None and (not value.is_finite() or not -12 <= value.adjusted() <= 12):
        value, state = None, "bad"  # NaN, or a magnitude no budget line has: not an amount
    unit = written or line.unit or "万元"
    wan = None
    if value is not None:
        wan = value / TEN_THOUSAND if unit == "元" else value
    return Amount(line.key, pointer, label, line.text or "", state, wan, written, line.unit or "万元")


def amounts(decl: Declaration, placeholders: frozenset[str]) -> list[Amount]:
    out = []
    if decl.money.total is not None:
        out.append(read_amount(decl.money.total, "/money/total", placeholders))
    for i, line in enumerate(decl.money.lines):
        out.append(read_amount(line, f"/money/lines/{i}", placeholders))
    return out


def tolerance(params: dict[str, Any], ctx: CheckContext) -> Decimal:
    raw = ctx.setting(params, "amount_tolerance_wan", "0.01")
    try:
        return abs(Decimal(str(raw)))
    except InvalidOperation:
        return Decimal("0.01")


@dataclass(slots=True)
class Equation:
    """``lhs = sum(rhs)``; ``owner`` names the rule family that reports it."""

    owner: str  # "three-way" | "income" | "expenditure" | "source"
    lhs: str
    rhs: list[str]


@dataclass(slots=True)
class Analysis:
    vars: dict[str, Amount]
    equations: list[Equation]
    #: values derived for blank totals/subtotals when the system is consistent
    derived: dict[str, Decimal] = field(default_factory=dict)
    broken: list[Equation] = field(default_factory=list)
    #: the single amount that explains every mismatch, with the value that fixes it
    culprit: str | None = None
    expected: Decimal | None = None
    scale: bool = False  # culprit off by exactly ×10⁴

    @property
    def consistent(self) -> bool:
        return not self.broken

    def owner_of(self, name: str, form: FormType) -> str:
        dept = dept_like(self.vars, form)
        if name.startswith(("income.", "source.")):
            return "income" if dept else "source"
        if name.startswith("expenditure."):
            return "expenditure"
        return "three-way" if dept else "source"


def dept_like(vs: dict[str, Amount], form: FormType) -> bool:
    """Whole-department arithmetic applies: the form says so, or it has the
    income-nature / expenditure-nature subtotals."""
    return form == FormType.DEPARTMENT or "income_total" in vs or "expenditure_total" in vs


def _is_part(name: str) -> bool:
    return "." in name


def build_equations(vs: dict[str, Amount], form: FormType) -> list[Equation]:
    eqs: list[Equation] = []
    has_t, has_i, has_e = "total" in vs, "income_total" in vs, "expenditure_total" in vs
    if has_t and has_i:
        eqs.append(Equation("three-way", "total", ["income_total"]))
    if has_t and has_e:
        eqs.append(Equation("three-way", "total", ["expenditure_total"]))
    elif has_i and has_e:
        eqs.append(Equation("three-way", "income_total", ["expenditure_total"]))
    groups = {
        "income": [n for n in vs if n.startswith(("income.", "source."))],
        "expenditure": [n for n in vs if n.startswith("expenditure.")],
    }
    for group, parts in groups.items():
        if not parts or all(vs[p].state == "blank" for p in parts):
            continue  # the breakdown was not filled in: nothing to add up
        sub = "income_total" if group == "income" else "expenditure_total"
        lhs = sub if sub in vs else ("total" if has_t else None)
        if lhs is None:
            continue
        owner = group
        if group == "income" and not dept_like(vs, form):
            owner = "source"
        eqs.append(Equation(owner, lhs, parts))
    return eqs


def _solve(
    vs: dict[str, Amount], eqs: list[Equation], free: set[str], tol: Decimal
) -> tuple[dict[str, Decimal], list[Equation]]:
    """Propagate known values; return derived values and broken equations."""
    known: dict[str, Decimal] = {}
    for name, a in vs.items():
        if name in free:
            continue
        if a.state == "value" and a.wan is not None:
            known[name] = a.wan
        elif a.state == "blank" and _is_part(name):
            known[name] = Decimal(0)
    derived: dict[str, Decimal] = {}
    progress = True
    while progress:
        progress = False
        for eq in eqs:
            names = [eq.lhs, *eq.rhs]
            unknown = [n for n in names if n not in known]
            if len(unknown) != 1:
                continue
            u = unknown[0]
            rhs_sum = sum((known[n] for n in eq.rhs if n != u), Decimal(0))
            value = rhs_sum if u == eq.lhs else known[eq.lhs] - rhs_sum
            known[u] = derived[u] = value
            progress = True
    broken = []
    for eq in eqs:
        names = [eq.lhs, *eq.rhs]
        if any(n not in known for n in names):
            continue
        if abs(known[eq.lhs] - sum((known[n] for n in eq.rhs), Decimal(0))) > tol:
            broken.append(eq)
    return derived, broken


def _corroborated_project(decl: Declaration, ctx: CheckContext, placeholders: frozenset[str], tol: Decimal) -> bool:
    """True when the 专项/项目 forms of the bundle add up exactly to 项目支出."""
    line = decl.money.get("expenditure.project")
    if line is None or not ctx.bundle:
        return False
    a = read_amount(line, "", placeholders)
    total = project_forms_sum(ctx.bundle, decl, placeholders)
    return a.wan is not None and total is not None and abs(total - a.wan) <= tol


def project_forms_sum(bundle: list[Declaration], dept: Declaration, placeholders: frozenset[str]) -> Decimal | None:
    forms = [
        d
        for d in bundle
        if d.form_type in (FormType.PROJECT, FormType.SPECIAL)
        and (d.year is None or dept.year is None or d.year == dept.year)
    ]
    if not forms:
        return None
    total = Decimal(0)
    for d in forms:
        if d.money.total is None:
            return None
        a = read_amount(d.money.total, "", placeholders)
        if a.wan is None:
            return None
        total += a.wan
    return total


#: analyses by what they depend on (form type, money lines, placeholders, tolerance): the
#: budget rules each ask for the same declaration's analysis (five times per declaration
#: with the default rules); emptied when full, so memory stays bounded
_MEMO: dict[tuple[Any, ...], tuple[Analysis, list[tuple[str, Decimal]]]] = {}
MEMO_SIZE = 1 << 12


def _line_key(line: MoneyLine | None) -> tuple[Any, ...] | None:
    return None if line is None else (line.key, line.label, line.text, line.amount, line.unit)


def analyse(decl: Declaration, params: dict[str, Any], ctx: CheckContext) -> Analysis:
    """The money analysis of ``decl``: computed once for each content of its money block
    (the result is shared by every caller: read it, do not change it)."""
    placeholders = placeholders_of(params, ctx)
    tol = tolerance(params, ctx)
    money = decl.money
    key = (decl.form_type, _line_key(money.total), tuple(map(_line_key, money.lines)), placeholders, tol)
    try:
        entry = _MEMO.get(key)
        hashable = True
    except TypeError:  # an amount that cannot be hashed (a signalling NaN read from JSON)
        entry, hashable = None, False
    if entry is None:
        entry = _analyse(decl, placeholders, tol)
        if hashable:
            if len(_MEMO) >= MEMO_SIZE:
                _MEMO.clear()
            _MEMO[key] = entry
    result, candidates = entry
    if len(candidates) > 1 and _corroborated_project(decl, ctx, placeholders, tol):
        candidates = [c for c in candidates if c[0] != "expenditure.project"]
        if len(candidates) == 1:  # the bundle decides the culprit: this answer is not shared
            result = Analysis(result.vars, result.equations, result.derived, result.broken)
            _blame(result, *candidates[0], tol)
    return result


def _analyse(
    decl: Declaration, placeholders: frozenset[str], tol: Decimal
) -> tuple[Analysis, list[tuple[str, Decimal]]]:
    """The analysis of ``decl`` alone, and the amounts that could each explain every broken
    equation (the culprit when there is one; the bundle may still decide between several)."""
    vs: dict[str, Amount] = {}
    for a in amounts(decl, placeholders):
        vs.setdefault(a.name, a)  # a repeated key: the first line counts
    eqs = build_equations(vs, decl.form_type)
    result = Analysis(vs, eqs)
    derived, broken = _solve(vs, eqs, set(), tol)
    result.derived = derived
    if not broken:
        return result, []
    result.broken = broken
    candidates: list[tuple[str, Decimal]] = []
    for name, a in vs.items():
        if a.state != "value":
            continue
        d2, b2 = _solve(vs, eqs, {name}, tol)
        if not b2 and name in d2 and d2[name] >= 0:  # a negative amount explains nothing
            candidates.append((name, d2[name]))
    if len(candidates) == 1:
        _blame(result, *candidates[0], tol)
    return result, candidates


def _blame(result: Analysis, name: str, expected: Decimal, tol: Decimal) -> None:
    result.culprit, result.expected = name, expected
    actual = result.vars[name].wan
    if actual is not None and expected != 0:
        for factor in (TEN_THOUSAND, 1 / TEN_THOUSAND):
            if abs(actual - expected * factor) <= tol * max(factor, Decimal(1)):
                result.scale = True


def derived_total(decl: Declaration, params: dict[str, Any], ctx: CheckContext) -> Decimal | None:
    """资金总额 as the other amounts of the form give it, in 万元, when the
    total is blank and the rest of the money block is consistent; for the rule
    that reports a blank total (REQ006), so that it suggests the same value
    the budget rules would."""
    a = analyse(decl, params, ctx)
    total = a.vars.get("total")
    if total is None or total.state != "blank" or not a.consistent:
        return None
    return a.derived.get("total")
