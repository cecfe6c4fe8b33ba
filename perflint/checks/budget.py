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
import unicodedata
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

from perflint.checks.analysis.money import (
    TEN_THOUSAND,
    Amount,
    Analysis,
    Equation,
    amounts,
    analyse,
    fmt,
    placeholders_of,
    project_forms_sum,
    read_amount,
    tolerance,
)
from perflint.checks.analysis.values import norm
from perflint.checks.base import Context, Hit, Kind, kind
from perflint.domain.findings import Severity
from perflint.domain.model import Declaration, FormType
from perflint.domain.vocab import label_key

# -- amounts -------------------------------------------------------------------


# -- the equation system -------------------------------------------------------


def _parts_text(a: Analysis, names: list[str]) -> str:
    out = []
    for n in names:
        v = a.vars[n]
        if v.state == "value":
            out.append(f"{v.label} {fmt(v.wan)}")
    return " + ".join(out) if out else "0"


def _sum_parts(a: Analysis, names: list[str]) -> Decimal:
    total = Decimal(0)
    for n in names:
        v = a.vars[n]
        if v.state == "value" and v.wan is not None:
            total += v.wan
    return total


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
            yield Hit(
                v.pointer,
                {
                    "label": v.label,
                    "amount": fmt(v.wan),
                    "expected": fmt(a.expected),
                    "difference": fmt(abs((v.wan or Decimal(0)) - (a.expected or Decimal(0)))),
                    "relation": self.relation(a, eq) if eq else "",
                },
                variant="culprit",
                suggest=True,
            )
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
            yield Hit(
                lhs.pointer,
                {
                    "label": lhs.label,
                    "amount": fmt(amount),
                    "parts": _parts_text(a, eq.rhs),
                    "sum": fmt(total),
                    "difference": fmt(abs(amount - total)),
                    "relation": self.relation(a, eq),
                    "expected": fmt(total),
                },
                variant=variant,
            )

    def consistent(self, decl: Declaration, a: Analysis, params: dict[str, Any], ctx: Context) -> Iterator[Hit]:
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

    def consistent(self, decl: Declaration, a: Analysis, params: dict[str, Any], ctx: Context) -> Iterator[Hit]:
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
            others = [
                a.vars[n]
                for n in ("total", "income_total", "expenditure_total")
                if n in a.vars and n != sub and a.vars[n].state == "value"
            ]
            other = others[0] if others else None
            yield Hit(
                v.pointer,
                {
                    "label": v.label,
                    "parts": _parts_text(a, parts),
                    "expected": fmt(a.derived[sub]),
                    "other_label": other.label if other else "",
                    "other_amount": fmt(other.wan) if other else "",
                },
                variant="missing" if other is None else "missing-matches",
                severity=Severity.WARNING,
                suggest=True,
            )


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
        "properties": {
            "placeholders": {"type": "array", "items": {"type": "string"}},
            "allow_negative": {"type": "boolean"},
        },
        "additionalProperties": False,
    }

    def check(self, decl: Declaration, params: dict[str, Any], ctx: Context) -> Iterator[Hit]:
        for a in amounts(decl, placeholders_of(params, ctx)):
            if a.state == "bad" and typed_twice(a.text) is not None:
                continue  # 854万854万: amount-typed-twice says what is wrong with it
            if a.state == "bad" and _one_amount_among_words(a.text):
                # "安排77300万元", "2023年：48.6": a label run into the amount, not an amount
                # nobody can read (约500万, 五百万, 待定): said, but no error of the filer's
                yield Hit(
                    a.pointer, {"label": a.label, "text": _quote(a.text)}, variant="embedded", severity=Severity.INFO
                )
            elif a.state == "bad":
                yield Hit(a.pointer, {"label": a.label, "text": _quote(a.text)})
            elif a.wan is not None and a.wan < 0 and not params.get("allow_negative", False):
                yield Hit(a.pointer, {"label": a.label, "text": _quote(a.text)}, variant="negative")


#: words that make an amount an estimate or a bound, not an amount
_HEDGE = re.compile(r"约|左右|大约|大概|预计|估|待定|以上|以内|不超过|不低于|上下|多|余|[≤≥<>≦≧]")
_YEAR = re.compile(r"(?:19|20)\d\d\s*年(?:度)?")
_NUMBER = re.compile(r"\d[\d,，]*(?:\.\d+)?")


def _one_amount_among_words(text: str | None) -> bool:
    """One plain number in the cell beside words that are no hedge (a label run into it)."""
    flat = _YEAR.sub("", unicodedata.normalize("NFKC", text or ""))
    return len(_NUMBER.findall(flat)) == 1 and not _HEDGE.search(flat)


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
        values = [v for v in a.vars.values() if v.state == "value" and v.wan is not None]
        for name, v in a.vars.items():
            if v.state != "value" or v.wan is None:
                continue
            args = {"label": v.label, "text": v.text.strip(), "amount": fmt(v.wan), "limit": fmt(limit)}
            # another amount of the form of the same order (a 10亿 budget: 财政拨款 108292.73,
            # 基本支出 93199.91) shows the scale is the form's own, not 元 in a 万元 field
            same_order = any(o is not v and o.wan is not None and o.wan * 10 > limit for o in values)
            if a.culprit == name and a.scale:
                yield Hit(
                    v.pointer,
                    {**args, "expected": fmt(a.expected)},
                    variant="scale",
                    severity=Severity.ERROR,
                    suggest=True,
                )
            elif v.field_unit == "万元" and v.written_unit == "元":
                yield Hit(v.pointer, args, variant="yuan-in-wan", severity=Severity.WARNING)
            elif v.field_unit == "万元" and v.wan > limit and not same_order:
                yield Hit(
                    v.pointer,
                    {**args, "expected": fmt(v.wan / TEN_THOUSAND)},
                    variant="too-large",
                    severity=Severity.WARNING,
                    suggest=True,
                )
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
        "properties": {
            **_SCHEMA_BASE,
            "require_full_coverage": {"type": "boolean"},
            "wan_yuan_max": {"type": "number", "exclusiveMinimum": 0},
        },
        "additionalProperties": False,
    }

    def check(self, decl: Declaration, params: dict[str, Any], ctx: Context) -> Iterator[Hit]:
        return self.check_bundle(ctx.bundle or [decl], params, ctx)

    def check_bundle(self, decls: list[Declaration], params: dict[str, Any], ctx: Context) -> Iterator[Hit]:
        placeholders = placeholders_of(params, ctx)
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
        forms = [
            d
            for d in decls
            if d.form_type in (FormType.PROJECT, FormType.SPECIAL)
            and (d.year is None or dept.year is None or d.year == dept.year)
        ]
        total = project_forms_sum(decls, dept, placeholders)
        if total is None:
            return  # no project forms, or one without a usable total (REQ006/BUD001)
        limit = Decimal(str(ctx.setting(params, "wan_yuan_max", 100000)))
        for d in forms:
            j = decls.index(d)
            sub = Context(settings=ctx.settings, bundle=decls, index=j, profile=ctx.profile, today=ctx.today)
            own = read_amount(d.money.total, "", placeholders) if d.money.total is not None else None
            if not analyse(d, params, sub).consistent or (
                own is not None and own.wan is not None and own.field_unit == "万元" and own.wan > limit
            ):
                return  # a project total in doubt: BUD005/BUD006 report it on that form
        names = "、".join(
            f"「{d.display_name}」{fmt(read_amount(d.money.total, '', placeholders).wan)}"
            for d in forms
            if d.money.total is not None
        )
        args = {
            "project_label": project.label,
            "project": fmt(project.wan),
            "sum": fmt(total),
            "count": len(forms),
            "forms": names,
            "gap": fmt(abs(project.wan - total)),
        }
        if total > project.wan + tol:
            yield Hit(pointer, args, variant="over", severity=Severity.ERROR, declaration=index)
        elif total < project.wan - tol:
            severity = Severity.WARNING if params.get("require_full_coverage", False) else Severity.INFO
            yield Hit(pointer, args, variant="gap", severity=severity, declaration=index)


# -- BUD008 one amount stated twice, differently; BUD009 an amount typed twice --------

_TYPED_TWICE = re.compile(r"^(\d+(?:\.\d+)?)(万元|万|元)\1(?:万元|万|元)?(?![\d.])")


def typed_twice(text: str | None) -> str | None:
    """The amount a cell repeats right away (``854万854万(…)`` → ``854万``), if any."""
    t = "".join(unicodedata.normalize("NFKC", text or "").split()).replace(",", "")
    m = _TYPED_TWICE.match(t)
    return m.group(1) + m.group(2) if m else None


@kind
class AmountConflict(Kind):
    name = "amount-conflict"
    description = {
        "zh": "部门整体支出表中同一项金额（如基本支出）在表中出现两次，数额不同。",
        "en": "On a whole-department form the same amount (e.g. 基本支出) appears twice with different figures.",
    }
    params_schema = {
        "type": "object",
        "properties": {**_SCHEMA_BASE},
        "additionalProperties": False,
    }

    def check(self, decl: Declaration, params: dict[str, Any], ctx: Context) -> Iterator[Hit]:
        if decl.form_type != FormType.DEPARTMENT:
            return  # a project form may state a multi-year and an annual breakdown
        tol = tolerance(params, ctx)
        seen: dict[str, tuple[Amount, Decimal]] = {}
        total: Decimal | None = None
        for a in amounts(decl, placeholders_of(params, ctx)):
            if a.state != "value" or a.wan is None:
                continue
            if a.name == "total" and total is None:
                total = a.wan
            first, first_wan = seen.setdefault(a.name, (a, a.wan))
            if first is a or abs(first_wan - a.wan) <= tol:
                continue
            equals_total = (
                total is not None and a.name != "total" and abs(a.wan - total) <= tol and abs(first_wan - total) > tol
            )
            yield Hit(
                a.pointer,
                {
                    "label": first.label,
                    "first": fmt(first_wan),
                    "second": fmt(a.wan),
                    "total": fmt(total) if total is not None else "",
                },
                variant="equals_total" if equals_total else None,
            )


@kind
class TotalRepeated(Kind):
    name = "total-repeated"
    description = {
        "zh": "资金总额在表中写了两次（同一栏名），数额不同；perflint 以第一处为资金总额。",
        "en": "资金总额 is written twice under the same label with different amounts; perflint takes the first as the total.",
    }
    params_schema = {"type": "object", "properties": {**_SCHEMA_BASE}, "additionalProperties": False}

    def check(self, decl: Declaration, params: dict[str, Any], ctx: Context) -> Iterator[Hit]:
        if decl.form_type == FormType.DEPARTMENT:
            return  # amount-conflict (BUD008) compares every amount of a department form
        tol = tolerance(params, ctx)
        totals = [a for a in amounts(decl, placeholders_of(params, ctx)) if a.name == "total"]
        first = totals[0] if totals else None
        if first is None or first.state != "value" or first.wan is None:
            return
        said: set[Decimal] = set()
        for a in totals[1:]:
            # the same label again ("资金总额（万元）" twice), not a multi-year and an annual total
            if a.state != "value" or a.wan is None or label_key(a.label) != label_key(first.label):
                continue
            if abs(a.wan - first.wan) <= tol or a.wan in said:
                continue
            said.add(a.wan)
            yield Hit(
                a.pointer, {"label": first.label.strip().rstrip(":："), "first": fmt(first.wan), "second": fmt(a.wan)}
            )


@kind
class AmountTypedTwice(Kind):
    name = "amount-typed-twice"
    description = {
        "zh": "金额栏把同一金额连写了两遍（“854万854万”）。",
        "en": "An amount cell repeats the same amount twice in a row (“854万854万”).",
    }
    params_schema = {"type": "object", "properties": {}, "additionalProperties": False}

    def check(self, decl: Declaration, params: dict[str, Any], ctx: Context) -> Iterator[Hit]:
        lines = ([("/money/total", decl.money.total)] if decl.money.total is not None else []) + [
            (f"/money/lines/{i}", line) for i, line in enumerate(decl.money.lines)
        ]
        for pointer, line in lines:
            if line is None:
                continue
            amount = typed_twice(line.text)
            if amount is not None:
                label = (line.label or "").strip().rstrip(":：")
                yield Hit(pointer, {"label": label, "amount": amount, "text": _quote(line.text)}, suggest=True)
