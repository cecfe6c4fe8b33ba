"""Budget arithmetic: amounts that parse, sums that add up, 万元 versus 元.

The money block of a form is a small system of equations::

    资金总额 = 按收入性质分 = 按支出性质分
    按收入性质分 = 公共财政拨款 + 政府性基金拨款 + 专户非税 + 其他资金
    按支出性质分 = 基本支出 + 项目支出

(a project form has only ``资金总额 = 财政拨款 + 自筹 + … + 其他``).  A blank
breakdown line counts as 0 once any line of its group is filled; a blank total
or subtotal is unknown and is *derived* from the others.

One wrong number usually breaks two equations at once (a wrong 按支出性质分
disagrees with 资金总额 and with its parts).  To report one defect once, at the
line that holds it, :func:`analyse` tries every filled amount in turn: if
freeing exactly one amount makes every equation hold, that amount is the
culprit, and the value that balances the system is its suggested correction.
Only when no single amount explains the mismatch are the broken equations
reported as such.  The culprit is reported by the rule that owns it
(BUD002 the totals, BUD003 income lines, BUD004 expenditure lines, BUD005
project source lines), or by BUD006 when the culprit is off by exactly ×10⁴
(元 written where 万元 is expected).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from typing import Any

import perflint.ingest  # noqa: F401  (initialise ingest before textutil: they import each other)
from perflint.checks.base import Context, Hit, Kind, kind
from perflint.findings import Severity
from perflint.model import Declaration, FormType, MoneyLine
from perflint.textutil import parse_amount
from perflint.values import CACHE_SIZE, norm, norm_set

TEN_THOUSAND = Decimal(10000)

# -- amounts -------------------------------------------------------------------


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


def _placeholders(params: dict[str, Any], ctx: Context) -> frozenset[str]:
    return norm_set(ctx.setting(params, "placeholders", []) or [])


@lru_cache(maxsize=CACHE_SIZE)
def _parse_amount(text: str) -> tuple[Decimal | None, str | None]:
    # the same amount is read by every budget rule: parse it once
    return parse_amount(text)


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


def tolerance(params: dict[str, Any], ctx: Context) -> Decimal:
    raw = ctx.setting(params, "amount_tolerance_wan", "0.01")
    try:
        return abs(Decimal(str(raw)))
    except InvalidOperation:
        return Decimal("0.01")


# -- the equation system -------------------------------------------------------


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


def _solve(vs: dict[str, Amount], eqs: list[Equation], free: set[str],
           tol: Decimal) -> tuple[dict[str, Decimal], list[Equation]]:
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


def _corroborated_project(decl: Declaration, ctx: Context, placeholders: frozenset[str], tol: Decimal) -> bool:
    """True when the 专项/项目 forms of the bundle add up exactly to 项目支出."""
    line = decl.money.get("expenditure.project")
    if line is None or not ctx.bundle:
        return False
    a = read_amount(line, "", placeholders)
    total = project_forms_sum(ctx.bundle, decl, placeholders)
    return a.wan is not None and total is not None and abs(total - a.wan) <= tol


def project_forms_sum(bundle: list[Declaration], dept: Declaration, placeholders: frozenset[str]) -> Decimal | None:
    forms = [d for d in bundle if d.form_type in (FormType.PROJECT, FormType.SPECIAL)
             and (d.year is None or dept.year is None or d.year == dept.year)]
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


def analyse(decl: Declaration, params: dict[str, Any], ctx: Context) -> Analysis:
    placeholders = _placeholders(params, ctx)
    tol = tolerance(params, ctx)
    vs: dict[str, Amount] = {}
    for a in amounts(decl, placeholders):
        vs.setdefault(a.name, a)  # a repeated key: the first line counts
    eqs = build_equations(vs, decl.form_type)
    result = Analysis(vs, eqs)
    derived, broken = _solve(vs, eqs, set(), tol)
    result.derived = derived
    if not broken:
        return result
    result.broken = broken
    candidates: list[tuple[str, Decimal]] = []
    for name, a in vs.items():
        if a.state != "value":
            continue
        d2, b2 = _solve(vs, eqs, {name}, tol)
        if not b2 and name in d2 and d2[name] >= 0:  # a negative amount explains nothing
            candidates.append((name, d2[name]))
    if len(candidates) > 1 and _corroborated_project(decl, ctx, placeholders, tol):
        candidates = [c for c in candidates if c[0] != "expenditure.project"]
    if len(candidates) == 1:
        name, expected = candidates[0]
        result.culprit, result.expected = name, expected
        actual = vs[name].wan
        if actual is not None and expected != 0:
            for factor in (TEN_THOUSAND, 1 / TEN_THOUSAND):
                if abs(actual - expected * factor) <= tol * max(factor, Decimal(1)):
                    result.scale = True
    return result


def derived_total(decl: Declaration, params: dict[str, Any], ctx: Context) -> Decimal | None:
    """资金总额 as the other amounts of the form give it, in 万元, when the
    total is blank and the rest of the money block is consistent; for the rule
    that reports a blank total (REQ006), so that it suggests the same value
    the budget rules would."""
    a = analyse(decl, params, ctx)
    total = a.vars.get("total")
    if total is None or total.state != "blank" or not a.consistent:
        return None
    return a.derived.get("total")


def _parts_text(a: Analysis, names: list[str]) -> str:
    out = []
    for n in names:
        v = a.vars[n]
        if v.state == "value":
            out.append(f"{v.label} {fmt(v.wan)}")
    return " + ".join(out) if out else "0"


def _sum_parts(a: Analysis, names: list[str]) -> Decimal:
    return sum((a.vars[n].wan for n in names if a.vars[n].state == "value" and a.vars[n].wan is not None),
               Decimal(0))


_SCHEMA_BASE: dict[str, Any] = {
    "placeholders": {"type": "array", "items": {"type": "string"}},
    "amount_tolerance_wan": {"type": "number", "minimum": 0},
}


class _SumKind(Kind):
    """Reports the findings of :func:`analyse` that belong to one owner."""

    owner = ""

    def check(self, decl: Declaration, params: dict[str, Any], ctx: Context) -> Iterator[Hit]:
        a = analyse(decl, params, ctx)
        if a.consistent:
            yield from self.consistent(decl, a, params, ctx)
            return
        if a.culprit is not None:
            if a.scale or a.owner_of(a.culprit, decl.form_type) != self.owner:
                return
            v = a.vars[a.culprit]
            related = [eq for eq in a.equations if a.culprit in (eq.lhs, *eq.rhs)]
            eq = related[0] if related else None
            yield Hit(v.pointer, {
                "label": v.label, "amount": fmt(v.wan), "expected": fmt(a.expected),
                "difference": fmt(abs((v.wan or Decimal(0)) - (a.expected or Decimal(0)))),
                "relation": self.relation(a, eq) if eq else "",
            }, variant="culprit", suggest=True)
            return
        for eq in a.broken:
            if eq.owner != self.owner:
                continue
            lhs = a.vars[eq.lhs]
            amount = lhs.wan if lhs.state == "value" else a.derived.get(eq.lhs)
            if amount is None:
                continue
            total = _sum_parts(a, eq.rhs)
            variant = "mismatch" if lhs.state == "value" else "mismatch-derived"
            yield Hit(lhs.pointer, {
                "label": lhs.label, "amount": fmt(amount), "parts": _parts_text(a, eq.rhs),
                "sum": fmt(total), "difference": fmt(abs(amount - total)),
                "relation": self.relation(a, eq), "expected": fmt(total),
            }, variant=variant)

    def consistent(self, decl: Declaration, a: Analysis, params: dict[str, Any],
                   ctx: Context) -> Iterator[Hit]:
        return iter(())

    @staticmethod
    def relation(a: Analysis, eq: Equation) -> str:
        lhs = a.vars[eq.lhs]
        return f"{lhs.label} = {' + '.join(a.vars[n].label for n in eq.rhs)}"


@kind
class DepartmentTotals(_SumKind):
    name = "budget-three-way"
    owner = "three-way"
    description = {
        "zh": "部门整体支出：资金总额、按收入性质分、按支出性质分三者相等；小计空白时给出推算值。",
        "en": "Whole-department form: 资金总额, the income-nature subtotal and the expenditure-nature subtotal "
              "are equal; a blank subtotal is reported with its derived value.",
    }
    params_schema = {
        "type": "object",
        "properties": {
            **_SCHEMA_BASE,
            "report_blank_subtotal": {"type": "boolean"},
        },
        "additionalProperties": False,
    }

    def consistent(self, decl: Declaration, a: Analysis, params: dict[str, Any],
                   ctx: Context) -> Iterator[Hit]:
        if not params.get("report_blank_subtotal", True):
            return
        # The blank 资金总额 itself is REQ006's finding (with the same derived
        # value); only the blank subtotals are reported here.
        for sub, prefix in (("income_total", ("income.", "source.")), ("expenditure_total", ("expenditure.",))):
            v = a.vars.get(sub)
            if v is None or v.state != "blank" or sub not in a.derived:
                continue
            parts = [n for n in a.vars if n.startswith(prefix)]
            if not parts or all(a.vars[p].state == "blank" for p in parts):
                continue
            others = [a.vars[n] for n in ("total", "income_total", "expenditure_total")
                      if n in a.vars and n != sub and a.vars[n].state == "value"]
            other = others[0] if others else None
            yield Hit(v.pointer, {
                "label": v.label, "parts": _parts_text(a, parts), "expected": fmt(a.derived[sub]),
                "other_label": other.label if other else "", "other_amount": fmt(other.wan) if other else "",
            }, variant="missing" if other is None else "missing-matches",
                severity=Severity.WARNING, suggest=True)


@kind
class IncomeComponents(_SumKind):
    name = "budget-income-parts"
    owner = "income"
    description = {
        "zh": "部门整体支出：按收入性质分 = 公共财政拨款 + 政府性基金拨款 + 专户非税收入 + 其他资金（空白按 0 计）。",
        "en": "Whole-department form: the income-nature subtotal equals the sum of its income lines "
              "(blank lines count as 0).",
    }
    params_schema = {"type": "object", "properties": dict(_SCHEMA_BASE), "additionalProperties": False}


@kind
class ExpenditureComponents(_SumKind):
    name = "budget-expenditure-parts"
    owner = "expenditure"
    description = {
        "zh": "部门整体支出：按支出性质分（空白时为资金总额）= 基本支出 + 项目支出。",
        "en": "Whole-department form: the expenditure-nature subtotal (or 资金总额 when it is blank) equals "
              "基本支出 + 项目支出.",
    }
    params_schema = {"type": "object", "properties": dict(_SCHEMA_BASE), "additionalProperties": False}


@kind
class SourceBreakdown(_SumKind):
    name = "budget-source-parts"
    owner = "source"
    description = {
        "zh": "项目/专项：资金总额 = 财政拨款 + 自有/自筹 + 其他等来源之和。",
        "en": "Project/special-fund form: 资金总额 equals the sum of its funding sources.",
    }
    params_schema = {"type": "object", "properties": dict(_SCHEMA_BASE), "additionalProperties": False}


@kind
class AmountParse(Kind):
    name = "amount-parse"
    description = {
        "zh": "金额栏必须是数字（允许千分位逗号、全角数字、万元/元后缀）。",
        "en": "Amount fields must be numbers (thousands commas, full-width digits and a 万元/元 suffix are fine).",
    }
    params_schema = {
        "type": "object",
        "properties": {"placeholders": {"type": "array", "items": {"type": "string"}},
                       "allow_negative": {"type": "boolean"}},
        "additionalProperties": False,
    }

    def check(self, decl: Declaration, params: dict[str, Any], ctx: Context) -> Iterator[Hit]:
        for a in amounts(decl, _placeholders(params, ctx)):
            if a.state == "bad":
                yield Hit(a.pointer, {"label": a.label, "text": _quote(a.text)})
            elif a.wan is not None and a.wan < 0 and not params.get("allow_negative", False):
                yield Hit(a.pointer, {"label": a.label, "text": _quote(a.text)}, variant="negative")


def _quote(text: str, limit: int = 30) -> str:
    flat = " ".join((text or "").split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


_DECIMALS = re.compile(r"\.(\d+)")


@kind
class WanYuan(Kind):
    name = "wan-yuan-confusion"
    description = {
        "zh": "万元/元混淆：应相等的金额相差正好一万倍、万元栏金额过大、万元栏写了“元”、万元金额小数位超过 4 位。",
        "en": "万元/元 confusion: amounts that should be equal differ by exactly ×10⁴, a 万元 amount is too large, "
              "a 万元 field holds 元, or a 万元 amount has more than 4 decimals.",
    }
    params_schema = {
        "type": "object",
        "properties": {**_SCHEMA_BASE, "wan_yuan_max": {"type": "number", "exclusiveMinimum": 0}},
        "additionalProperties": False,
    }

    def check(self, decl: Declaration, params: dict[str, Any], ctx: Context) -> Iterator[Hit]:
        a = analyse(decl, params, ctx)
        limit = Decimal(str(ctx.setting(params, "wan_yuan_max", 100000)))
        for name, v in a.vars.items():
            if v.state != "value" or v.wan is None:
                continue
            args = {"label": v.label, "text": v.text.strip(), "amount": fmt(v.wan), "limit": fmt(limit)}
            if a.culprit == name and a.scale:
                yield Hit(v.pointer, {**args, "expected": fmt(a.expected)}, variant="scale",
                          severity=Severity.ERROR, suggest=True)
            elif v.field_unit == "万元" and v.written_unit == "元":
                yield Hit(v.pointer, args, variant="yuan-in-wan", severity=Severity.WARNING)
            elif v.field_unit == "万元" and v.wan > limit:
                yield Hit(v.pointer, {**args, "expected": fmt(v.wan / TEN_THOUSAND)}, variant="too-large",
                          severity=Severity.WARNING, suggest=True)
            elif v.field_unit == "万元" and v.written_unit != "元":
                m = _DECIMALS.search(norm(v.text).replace(",", ""))
                if m and len(m.group(1).rstrip("0")) > 4:
                    yield Hit(v.pointer, args, variant="precision", severity=Severity.WARNING)


@kind
class ProjectsVersusDepartment(Kind):
    name = "projects-vs-department"
    scope = "bundle"
    description = {
        "zh": "同一文件中各项目/专项表的资金总额之和不应超过部门整体表的项目支出；不足部分提示未覆盖的金额。",
        "en": "Within one file, the 资金总额 of the project/special-fund forms must not exceed the department "
              "form's 项目支出; a shortfall is reported as the uncovered amount.",
    }
    params_schema = {
        "type": "object",
        "properties": {**_SCHEMA_BASE, "require_full_coverage": {"type": "boolean"},
                       "wan_yuan_max": {"type": "number", "exclusiveMinimum": 0}},
        "additionalProperties": False,
    }

    def check(self, decl: Declaration, params: dict[str, Any], ctx: Context) -> Iterator[Hit]:
        return self.check_bundle(ctx.bundle or [decl], params, ctx)

    def check_bundle(self, decls: list[Declaration], params: dict[str, Any], ctx: Context) -> Iterator[Hit]:
        placeholders = _placeholders(params, ctx)
        tol = tolerance(params, ctx)
        depts = [i for i, d in enumerate(decls) if d.form_type == FormType.DEPARTMENT]
        if len(depts) != 1:
            return  # none, or several departments in one file: no single reference
        index = depts[0]
        dept = decls[index]
        line = dept.money.get("expenditure.project")
        if line is None:
            return
        pointer = f"/money/lines/{dept.money.lines.index(line)}"
        project = read_amount(line, pointer, placeholders)
        if project.wan is None:
            return
        sub_ctx = Context(settings=ctx.settings, bundle=decls, index=index, profile=ctx.profile, today=ctx.today)
        if not analyse(dept, params, sub_ctx).consistent:
            return  # the department's own arithmetic is wrong: BUD002–004 report it
        forms = [d for d in decls if d.form_type in (FormType.PROJECT, FormType.SPECIAL)
                 and (d.year is None or dept.year is None or d.year == dept.year)]
        total = project_forms_sum(decls, dept, placeholders)
        if total is None:
            return  # no project forms, or one without a usable total (REQ006/BUD001)
        limit = Decimal(str(ctx.setting(params, "wan_yuan_max", 100000)))
        for d in forms:
            j = decls.index(d)
            sub = Context(settings=ctx.settings, bundle=decls, index=j, profile=ctx.profile, today=ctx.today)
            own = read_amount(d.money.total, "", placeholders) if d.money.total is not None else None
            if not analyse(d, params, sub).consistent or (own is not None and own.wan is not None
                                                          and own.field_unit == "万元" and own.wan > limit):
                return  # a project total in doubt: BUD005/BUD006 report it on that form
        names = "、".join(f"「{d.display_name}」{fmt(read_amount(d.money.total, '', placeholders).wan)}"
                         for d in forms if d.money.total is not None)
        args = {"project_label": project.label, "project": fmt(project.wan), "sum": fmt(total),
                "count": len(forms), "forms": names, "gap": fmt(abs(project.wan - total))}
        if total > project.wan + tol:
            yield Hit(pointer, args, variant="over", severity=Severity.ERROR, declaration=index)
        elif total < project.wan - tol:
            severity = Severity.WARNING if params.get("require_full_coverage", False) else Severity.INFO
            yield Hit(pointer, args, variant="gap", severity=severity, declaration=index)
