"""Cost kinds (COST family): a quantified cost indicator exists, cost values
are amounts or ratios, and a total-cost target stays within the funds.

Cost rows are 成本指标 under 产出 (285号/88号 and the Hunan 2019 template),
the 经济成本 row of the 2021 成本 category, or a 二级 heading the vocabulary does
not know that names the budget's control (预算(或投资规模)控制指标 in NDRC-style tables).  A cost row holding only a
placeholder counts as absent and is reported here, not by the PH family.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from perflint.checks.analysis.measure import fmt, hint, money_quantities, name_family, plain, to_wan, unit_family
from perflint.checks.analysis.rows import Row, row_args, stated_rows, valued_rows
from perflint.checks.analysis.shape import shifted_table
from perflint.checks.analysis.tolerance import amount_tolerance
from perflint.checks.analysis.values import (
    Op,
    comparison_for,
    display,
    is_department,
    is_placeholder,
    norm,
    one_level_down,
    quantities,
    unit_in_name,
)
from perflint.checks.base import SEVERITY, STRINGS, Context, Hit, Kind, kind, schema, settings
from perflint.domain.findings import Severity
from perflint.domain.model import Declaration

_MONEY_CATEGORIES = ["成本指标", "经济成本指标"]


#: a 二级 heading the vocabulary does not know that names the budget's control (NDRC-style
#: tables: 预期产出指标 | 预算(或投资规模)控制指标): the cost category of that template
_BUDGET_CONTROL = re.compile(r"预算[^指]{0,8}控制指标|投资规模控制指标")


def _cost_rows(decl: Declaration, ctx: Context, categories: list[str]) -> list[Row]:
    return [
        row
        for row in ctx.analysis_for(decl).rows
        if row.cat.level2 in categories
        or (row.cat.level2 is None and row.cat.level1 == "成本指标")
        or (row.cat.level2 is None and _BUDGET_CONTROL.search("".join((row.ind.level2 or "").split())))
    ]


def quantified(text: str | None, name: str | None = None) -> bool:
    """A money amount with a unit (元/万元, per-unit costs included) or a ratio;
    the unit may be stated in the indicator name (``总投入(万元)`` / ``6070``)."""
    named = unit_in_name(name) or ""
    for q in quantities(text):
        unit = q.unit or named
        if unit and ("元" in unit or unit in ("%", "‰", "万", "亿")):
            return True
    # "≤28.40/株": a cost per unit whose currency is missing is still a quantified cost
    # (VAL009 reports the missing 元)
    return bool(text and _PER_UNIT_FIGURE.search(unicodedata.normalize("NFKC", text)))


_PER_UNIT_FIGURE = re.compile(r"\d(?:\.\d+)?\s*[万千]?\s*/\s*[\u4e00-\u9fff]{1,3}(?![\u4e00-\u9fff])")


@kind
class CostPresent(Kind):
    name = "cost-present"
    description = {
        "zh": "须至少有一个量化的成本指标（金额、单位成本或比率）；占位符视为没有。",
        "en": "At least one quantified cost indicator (amount, unit cost or ratio) is needed; placeholders count as none.",
    }
    params_schema = schema(
        "placeholders",
        cost_is_level1={"type": "boolean"},
        required_level1={"type": "object", "additionalProperties": STRINGS},
        categories=STRINGS,
        level1_severity=SEVERITY,
    )

    def check(self, decl: Declaration, params: dict[str, Any], ctx: Context) -> Iterable[Hit]:
        if not decl.indicators:
            return  # no indicator table at all: required-level1 reports it once
        if shifted_table(decl):
            return  # the table's cells do not stand under its header: nothing in it is known absent
        if is_department(decl):
            required = (ctx.setting(params, "required_level1") or {}).get(str(decl.form_type), [])
            if "成本指标" not in required:
                return  # the profile's department template has no cost block
        if any(one_level_down(ind) for ind in decl.indicators):
            return  # an NDRC table (实施效果指标 over 产出/效益/满意度, then 过程管理指标) has no cost block
        # 101号 (cost_is_level1): cost is a required 一级 category → error
        severity = (
            Severity(params.get("level1_severity", "error")) if ctx.setting(params, "cost_is_level1", False) else None
        )
        tokens = settings(params, ctx)["placeholders"]
        rows = _cost_rows(decl, ctx, params.get("categories", _MONEY_CATEGORIES))
        if any(quantified(row.target, row.name) for row in rows):
            return
        real = [row for row, _ in stated_rows(rows, tokens)]
        placeholders = [row for row in rows if is_placeholder(row.target, tokens)]
        row: Row | None = None
        variant: str | None = None
        if real:
            row, variant = real[0], "unquantified"
        elif placeholders:
            row, variant = placeholders[0], "placeholder"
        pointer = row.target_pointer if row is not None else "/indicators"
        total = decl.money.total
        if total is None or total.amount is None:
            variant = f"{variant}_nototal" if variant else "nototal"
        yield Hit(
            pointer,
            {
                "value": display(row.target) if row is not None else "",
                "total": "" if total is None or total.amount is None else f"{total.amount:f}",
                "unit": (total.unit or "") if total is not None else "万元",
            },
            variant=variant,
            severity=severity,
            suggest=True,
        )


_YES_NO = re.compile(r"是否|未超|不超|没有超|无超|超出|节约|控制|合理|符合")


@kind
class CostQuantified(Kind):
    name = "cost-quantified"
    description = {
        "zh": "成本指标值须是金额（元/万元）、单位成本或比率，不能是“未超预算”之类的是非表述。",
        "en": "A cost value must be an amount (元/万元), a unit cost or a ratio, not yes/no wording such as “within budget”.",
    }
    params_schema = schema("placeholders", categories=STRINGS)

    def check(self, decl: Declaration, params: dict[str, Any], ctx: Context) -> Iterable[Hit]:
        tokens = settings(params, ctx)["placeholders"]
        for row, text in stated_rows(_cost_rows(decl, ctx, params.get("categories", _MONEY_CATEGORIES)), tokens):
            if quantified(text, row.name):
                continue
            both = norm(row.name) + norm(text)
            yield Hit(
                row.target_pointer,
                {"value": display(text), "content": display(row.name), "category": row.cat.label},
                variant="yes_no" if _YES_NO.search(both) else None,
                suggest=True,
            )


def _wan(number: Decimal, unit: str) -> Decimal | None:
    if "/" in unit:
        return None  # a unit cost, not a total
    if unit.startswith("亿"):
        return number * 10000
    if unit.startswith("万"):
        return number
    if unit == "元":
        return number / 10000
    return None


@kind
class CostWithinFunds(Kind):
    name = "cost-within-funds"
    description = {
        "zh": "总成本目标不得超过资金总额（万元、元换算后比较）。",
        "en": "A total-cost target must not exceed the total funds (after converting 万元/元).",
    }
    params_schema = schema("placeholders", categories=STRINGS, amount_tolerance_wan={"type": "number", "minimum": 0})

    def check(self, decl: Declaration, params: dict[str, Any], ctx: Context) -> Iterable[Hit]:
        total = decl.money.total
        if total is None or total.amount is None or total.amount <= 0:
            return  # total-funds reports a missing total
        funds = _wan(total.amount, total.unit or "万元")
        if funds is None:
            return
        tolerance = amount_tolerance(ctx.setting(params, "amount_tolerance_wan", None))
        tokens = settings(params, ctx)["placeholders"]
        for row, text in stated_rows(_cost_rows(decl, ctx, params.get("categories", _MONEY_CATEGORIES)), tokens):
            named = unit_in_name(row.name)
            for c in row.comparisons:
                unit = c.unit or named
                if not unit or "元" not in unit or c.op in (Op.GE, Op.GT):
                    continue
                wan = _wan(c.number, unit)
                if wan is not None and wan > funds + tolerance:
                    yield Hit(
                        row.target_pointer,
                        {"value": display(text), "cost": f"{wan.normalize():f}", "total": f"{funds.normalize():f}"},
                        suggest=True,
                    )
                    break


#: cost rows whose floor is meant: savings, reductions
_SAVING = re.compile(r"节约|节省|降低|减少|下降|结余|盈余|压减|压缩")


@kind
class CostFloor(Kind):
    name = "cost-floor"
    description = {
        "zh": "成本指标写成下限（“项目总投入≥6070万元”，或模板提示“(≥**万元)”）：成本目标应是上限；支出金额以整个预算为下限也一样。",
        "en": "A cost target written as a floor (“项目总投入 ≥ 6070万元”, or a “(≥**万元)” template hint): a cost target "
        "is a ceiling; the same for a spending amount whose floor is the whole budget.",
    }
    params_schema = schema("placeholders", amount_tolerance_wan={"type": "number", "minimum": 0})

    def check(self, decl: Declaration, params: dict[str, Any], ctx: Context) -> Iterable[Hit]:
        tokens = settings(params, ctx)["placeholders"]
        total = decl.money.total
        funds = None
        if total is not None and total.amount is not None and total.amount > 0:
            funds = to_wan(total.amount, total.unit or "万元")
        tolerance = amount_tolerance(ctx.setting(params, "amount_tolerance_wan", None))
        for row, value in valued_rows(ctx.analysis_for(decl), tokens, satisfaction=False):
            if _SAVING.search(plain(row.name)):
                continue
            named = unit_in_name(row.name)
            money = money_quantities(value, named)
            if not money:
                continue
            q = money[0]
            found = comparison_for(value, q)
            op = found[0] if found else None
            h = hint(row.name)
            floor = op in (Op.GE, Op.GT) or (op is None and h is not None and h.op in (Op.GE, Op.GT))
            if not floor:
                continue
            wan = to_wan(q.number, q.unit or named)
            restates = funds is not None and wan is not None and abs(wan - funds) <= tolerance
            if not (row.cat.is_cost or (restates and name_family(row.name) == "money")):
                continue  # an income or a benefit in money may well be a floor
            written = q.text if q.unit else f"{q.text}{named or ''}"
            yield Hit(
                row.target_pointer,
                row_args(row, value, amount=written, total="" if funds is None else f"{funds.normalize():f}"),
                variant={
                    (False, False): None,
                    (False, True): "budget",
                    (True, False): "hint_floor",
                    (True, True): "hint_budget",
                }[(op is None, restates)],
                suggest=True,
            )


# -- COST005 the budget restated as the only cost indicator ---------------------------


@kind
class CostOnlyTotal(Kind):
    name = "cost-only-total"
    description = {
        "zh": "唯一量化的成本指标只是把资金总额复述一遍（“项目总成本≤1125万元”，资金总额 1125 万元），没有单位成本或分项成本。",
        "en": "The only quantified cost indicator restates the total funds (“项目总成本≤1125万元” with 1125 万元 of funds), "
        "with no unit or itemised cost.",
    }
    params_schema = schema("placeholders", categories=STRINGS, amount_tolerance_wan={"type": "number", "minimum": 0})

    def check(self, decl: Declaration, params: dict[str, Any], ctx: Context) -> Iterable[Hit]:
        if is_department(decl):
            return  # a department's cost block is its budget by design
        total = decl.money.total
        if total is None or total.amount is None or total.amount <= 0:
            return
        funds = _wan(total.amount, total.unit or "万元")
        if funds is None:
            return
        tolerance = amount_tolerance(ctx.setting(params, "amount_tolerance_wan", None))
        tokens = settings(params, ctx)["placeholders"]
        restating: list[tuple[Row, str]] = []
        for row, text in stated_rows(_cost_rows(decl, ctx, params.get("categories", _MONEY_CATEGORIES)), tokens):
            if not quantified(text, row.name):
                continue
            named = unit_in_name(row.name)
            money = money_quantities(text, named)
            if len(money) != 1:
                return  # a ratio, or several amounts: more than the budget restated
            q = money[0]
            unit = q.unit or named or ""
            wan = _wan(q.number, unit)
            if wan is None or abs(wan - funds) > tolerance:
                return  # a unit cost or an item of the budget: a cost the reviewer can judge
            found = comparison_for(text, q)
            op = found[0] if found else None
            h = hint(row.name)
            if op in (Op.GE, Op.GT) or (op is None and h is not None and h.op in (Op.GE, Op.GT)):
                return  # the budget as a floor: cost-floor's
            restating.append((row, q.text if q.unit else f"{q.text}{named or ''}"))
        if not restating:
            return
        row, amount = restating[0]
        yield Hit(
            row.target_pointer,
            {
                "content": display(row.name),
                "value": display(row.target),
                "amount": amount,
                "total": f"{funds.normalize():f}",
            },
            suggest=True,
        )


# -- COST006 a cost target of zero ----------------------------------------------------

#: costs whose target is rightly nothing: overspending, losses, fines, irregular spending
_ZERO_MEANT = re.compile(r"超支|超出|超预算|超标|损失|罚款|罚没|违规|违纪|挪用|浪费|赔偿|事故|结余|节约|闲置")


@kind
class CostZero(Kind):
    name = "cost-zero"
    description = {
        "zh": "成本指标的目标金额是 0（“办公费总成本 =0万元”“出差单位成本 =0万元/人”）：有支出的项目，成本不可能为零。",
        "en": "A cost target of zero (“办公费总成本 =0万元”, “出差单位成本 =0万元/人”): a project that spends money "
        "cannot cost nothing.",
    }
    params_schema = schema("placeholders", categories=STRINGS)

    def check(self, decl: Declaration, params: dict[str, Any], ctx: Context) -> Iterable[Hit]:
        tokens = settings(params, ctx)["placeholders"]
        for row, text in stated_rows(_cost_rows(decl, ctx, params.get("categories", _MONEY_CATEGORIES)), tokens):
            if _ZERO_MEANT.search(plain(row.name)):
                continue
            money = money_quantities(text, unit_in_name(row.name))
            if len(money) != 1 or money[0].number != 0:
                continue
            q = money[0]
            found = comparison_for(text, q)
            if found is not None and found[0] in (Op.GE, Op.GT):
                continue  # "≥0": no target at all, but not a zero cost (cost-floor's)
            yield Hit(
                row.target_pointer,
                {"content": display(row.name), "value": display(text), "category": row.cat.label or "成本指标"},
                suggest=True,
            )


# -- COST007 the cost indicators are only a control rate -------------------------------

#: rates measured against the budget itself: 100 % says only that the budget is spent
_BUDGET_RATE = re.compile(r"控制率|执行率|支出率|使用率|到位率|完成率|拨付率|支付率|控制比例|控制程度")
#: a value that is a percentage and nothing else (≥95%, 100%, 0.00%)
_BARE_PERCENT = re.compile(r"(?:[≥≤<>]=?|=)?\d+(?:\.\d+)?%")
#: a word that makes a name a rate or a share of something
_RATE_WORD = re.compile(r"率|比|占|百分|%|％|度|指数")
#: units a unit cost can be stated per (the first quantity indicator's, for the suggestion)
_PER_FAMILIES = ("people", "household", "count", "area", "length", "weight", "volume")


def _unit_cost_hint(decl: Declaration, ctx: Context, funds: Decimal) -> tuple[str, str] | None:
    """(quantity as written, unit cost in 元 per unit) from the first 数量 indicator that states
    a definite count (``主体班培训人次 280人次`` → 164 万元 ÷ 280人次 ≈ 5857 元/人次)."""
    for row in ctx.analysis_for(decl).rows:
        if row.cat.level2 != "数量指标" or not row.comparisons:
            continue
        c = row.comparisons[0]
        if c.op not in (Op.EQ, Op.GE) or c.number <= 0 or c.quantity.kind == "date":
            continue
        if unit_family(c.unit) not in _PER_FAMILIES:
            continue
        unit = c.unit or ""
        per = funds * 10000 / c.number
        places = Decimal(1) if per >= 100 else Decimal("0.01")
        return f"{display(row.name, 20)} {c.quantity.text}", f"{fmt(per.quantize(places))} 元/{unit}"
    return None


@kind
class CostRateOnly(Kind):
    name = "cost-rate-only"
    description = {
        "zh": "成本指标只有“成本控制率 100%”之类对预算本身的比率，没有任何金额或单位成本。",
        "en": "The cost indicators are only a rate against the budget itself (“成本控制率 100%”), with no amount "
        "or unit cost at all.",
    }
    params_schema = schema("placeholders", categories=STRINGS)

    def check(self, decl: Declaration, params: dict[str, Any], ctx: Context) -> Iterable[Hit]:
        if is_department(decl):
            return  # a department's cost block is its budget by design
        tokens = settings(params, ctx)["placeholders"]
        rates: list[Row] = []
        for row, text in stated_rows(_cost_rows(decl, ctx, params.get("categories", _MONEY_CATEGORIES)), tokens):
            if not quantified(text, row.name):
                continue  # yes/no wording: COST002 reports it (blanks and placeholders: COST001)
            if money_quantities(text, unit_in_name(row.name)) or _PER_UNIT_FIGURE.search(
                unicodedata.normalize("NFKC", text)
            ):
                return  # an amount or a unit cost: a cost the reviewer can judge
            name = plain(row.name)
            if _SAVING.search(name):
                return  # a saving or reduction rate is a target beyond the budget itself
            if _BUDGET_RATE.search(name):
                rates.append(row)
            elif _BARE_PERCENT.fullmatch(
                "".join(unicodedata.normalize("NFKC", text).split())
            ) and not _RATE_WORD.search(name):
                # "按照定价标准采购 100%", "20万元 | 100%": a percentage under a name that names no rate
                # at all is a percentage of nothing, no more a cost than a control rate
                rates.append(row)
            else:
                return  # a share or a rate of something else (自筹资金占比 30%): not this rule's
        if not rates:
            return
        budget_rates = [r for r in rates if _BUDGET_RATE.search(plain(r.name))]
        rates_only_percent = not budget_rates
        row = (budget_rates or rates)[0]
        total = decl.money.total
        funds = None
        if total is not None and total.amount is not None and total.amount > 0:
            funds = to_wan(total.amount, total.unit or "万元")
        example_zh = example_en = "“每亩建设成本≤1600元”"
        if funds is not None:
            example_zh = example_en = f"“总成本≤{fmt(funds)}万元”"
            per = _unit_cost_hint(decl, ctx, funds)
            if per is not None:
                example_zh += f"；按“{per[0]}”计，单位成本约 {per[1]}"
                example_en += f"; for “{per[0]}” the unit cost is about {per[1]}"
        yield Hit(
            row.target_pointer,
            {
                "content": display(row.name),
                "value": display(row.target),
                "total": "" if funds is None else fmt(funds),
                "example": example_zh,
                "example_en": example_en,
            },
            variant=("percent" if rates_only_percent else None)
            if funds is not None
            else ("percent_nototal" if rates_only_percent else "nototal"),
            suggest=True,
        )


# -- COST008 a cost target written as an exact amount --------------------------------

#: standards and prices: an exact figure is what they are (补助标准 =23万元/个)
_STANDARD = re.compile(r"标准|单价|价格|定额|补助|补贴|奖励|奖补|资助|报酬|工资|租金")


@kind
class CostExact(Kind):
    name = "cost-exact"
    description = {
        "zh": "成本指标写成恰好等于某个金额（“出差总成本 =1万元”）：成本目标是上限，应写“≤”。",
        "en": "A cost target written as an exact amount (“出差总成本 =1万元”): a cost target is a ceiling and reads “≤”.",
    }
    params_schema = schema("placeholders", categories=STRINGS)

    def check(self, decl: Declaration, params: dict[str, Any], ctx: Context) -> Iterable[Hit]:
        tokens = settings(params, ctx)["placeholders"]
        for row, text in stated_rows(_cost_rows(decl, ctx, params.get("categories", _MONEY_CATEGORIES)), tokens):
            name = plain(row.name)
            if name_family(row.name) != "money" or _STANDARD.search(name) or _SAVING.search(name):
                continue  # a standard or a price is exact by nature; a saving is a floor
            money = money_quantities(text, unit_in_name(row.name))
            if len(money) != 1 or money[0].number <= 0:
                continue  # several amounts, or zero (cost-zero's)
            q = money[0]
            found = comparison_for(text, q)
            if found is None or found[0] is not Op.EQ:
                continue  # no direction is VAL005's, a floor COST004's
            written = q.text if q.unit else f"{q.text}{unit_in_name(row.name) or ''}"
            yield Hit(
                row.target_pointer,
                row_args(row, text, fallback="成本指标", amount=written),
                suggest=True,
            )


# -- COST009 a unit cost written as a lump sum ------------------------------------------------

#: a payment to each recipient: its amount is a rate per head, per case, per month …
_PER_RECIPIENT = re.compile(r"(?:补助|补贴|奖励|奖补|资助|津贴|慰问金|报酬|标准)$")
#: a name that says what its amount is per (每人, 人均, 单价 …): the unit cost is stated
_PER_NAMED = re.compile(r"每|平均|人均|户均|亩均|生均|年均|月均|单价|单位|单个|单次|/|／")
#: a quantity in the name: 防疫室84平米, 围墙300米
_NAMED_QUANTITY = re.compile(
    r"\d+(?:\.\d+)?\s*(平方米|平米|㎡|立方米|公里|千米|亩|米|m|km|人次|人|户|个|座|间|套|台|辆|处|所|场|次|件|册|株|吨)"
)
#: an amount under this share of the funds is no item the project pays as a whole
_SMALL_SHARE = Decimal("0.01")


def _per_unit(decl: Declaration, ctx: Context, name: str) -> str | None:
    """What the amount is likely per: the unit of the name's own quantity (防疫室84平米 → 平米),
    else that of the quantity indicator whose name holds the cost's subject (参审案件补助 →
    陪审员参审案件数量 ≥900件 → 件)."""
    own = _NAMED_QUANTITY.search(name)
    if own is not None:
        return own.group(1)
    subject = _PER_RECIPIENT.sub("", name)
    if len(subject) < 2:
        return None
    for row in ctx.analysis_for(decl).rows:
        if row.cat.level2 != "数量指标" or subject not in plain(row.name):
            continue
        for c in row.comparisons:
            if c.unit and unit_family(c.unit) in _PER_FAMILIES:
                return c.unit
    return None


@kind
class CostPerUnitMissing(Kind):
    name = "cost-per-unit-missing"
    description = {
        "zh": "成本指标的金额远小于资金总额，名称又是补助标准或带有数量（“参审案件补助 100元”“防疫室84平米 1050元”），却没有写按什么计（元/件、元/平米）。",
        "en": "A cost amount far below the funds, under a name that is a payment standard or holds a quantity "
        "(“参审案件补助 100元”, “防疫室84平米 1050元”), without saying what it is per (元/件, 元/平米).",
    }
    params_schema = schema("placeholders", categories=STRINGS)

    def check(self, decl: Declaration, params: dict[str, Any], ctx: Context) -> Iterable[Hit]:
        if is_department(decl):
            return
        total = decl.money.total
        if total is None or total.amount is None or total.amount <= 0:
            return
        funds = to_wan(total.amount, total.unit or "万元")
        if funds is None:
            return
        tokens = settings(params, ctx)["placeholders"]
        for row, text in stated_rows(_cost_rows(decl, ctx, params.get("categories", _MONEY_CATEGORIES)), tokens):
            flat = unicodedata.normalize("NFKC", text)
            name = plain(row.name)
            if "/" in flat or "每" in flat or _PER_NAMED.search(name):
                continue  # the unit cost says what it is per
            money = money_quantities(text, unit_in_name(row.name))
            if len(money) != 1 or money[0].number <= 0 or "/" in (money[0].unit or ""):
                continue
            amount = to_wan(money[0].number, money[0].unit or unit_in_name(row.name) or "万元")
            if amount is None or amount >= funds * _SMALL_SHARE:
                continue
            if not (_PER_RECIPIENT.search(name) or _NAMED_QUANTITY.search(name)):
                continue  # a small item paid as a whole (印刷费 ≤500元) is a cost like any other
            per = _per_unit(decl, ctx, name)
            share = (amount / funds * 100).quantize(Decimal("0.01"))
            yield Hit(
                row.target_pointer,
                {
                    "content": display(row.name),
                    "value": display(text),
                    "amount": money[0].text,
                    "total": fmt(funds),
                    "share": fmt(share),
                    "per": per or "",
                    "example": f"≤{money[0].text}/{per}" if per else f"≤{money[0].text}/人（或/件、/次）",
                    "example_en": f"≤{money[0].text}/{per}" if per else f"≤{money[0].text}/人 (or /件, /次)",
                },
                variant=None if per else "unknown",
                suggest=True,
            )
