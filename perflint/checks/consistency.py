"""Consistency kinds (CON family): parts of one form that contradict each other.

* ``name-figure-conflict`` — the indicator's name (or its remark) states a figure
  that its value contradicts: ``…达标率100%`` with ``≥98%``; ``村组干部230人``
  with ``≥230个``; a remark of ``90%`` with a value of ``1``.
* ``unit-name-mismatch`` — the quantity the name asks for does not fit the
  value's unit: a fee counted in 个, a head count in 户 or in percent, a
  completion time in percent, a unit column that says % for an amount in 万元.
* ``goal-indicator-conflict`` — the annual goal completes 70 % of the works while
  the completion-rate indicator asks for 100 %.
* ``sustainability-is-period`` — the sustainability indicator only repeats the
  spending period.
* ``carryover-as-current`` — the goal says the money is carried over (结转2024年…资金)
  while all of it is shown as this year's 财政拨款.
* ``period-funds-conflict`` — the project period is one year while the
  medium-term funds exceed the annual funds (项目期 1年, 中期 449.8 / 年度 189.8).
* ``name-year-conflict`` — the project name states a budget year before the
  form's (``2022年度…专项资金`` in a 2023 table).
* ``goal-copies-field`` — a goal is word for word another field of the form (项目概况,
  部门职能, 立项依据 …): it restates what the money is for and sets no target.
* ``unwanted-rate-floor`` — a rate of something unwanted (逾期发放率, 闲置率,
  故障率) targeted as a floor or at 100 %: as written, the more of it the better.
* ``unit-count-name`` — a unit written as the name of the count (``9间数``,
  ``≥80人数``): the unit is 间, 人.
* ``wan-dropped`` — one figure written with and without 万 in the same text
  (``19.699万亩`` … ``19.699亩``).
* ``change-named-level-given`` — a rate named as a rise or fall given a level
  (``知晓率显著提升`` / ``100%``): no baseline, no change to assess.
* ``unit-without-figure`` — a unit column that gives a unit (%) to a value with no
  figure (``应保尽保``).
* ``percent-of-duty`` (IND012) — a duty or an aim given a percentage
  (``维护社会稳定 ≥95%``): the name names no whole the percentage is of.

Only what the form states is compared: a row whose value is blank, a
placeholder or a reference is the PH and VAL families' and is skipped here.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from perflint.checks.analysis.dates import date_range
from perflint.checks.analysis.measure import bare_name, fmt, hint, name_family, plain, to_wan, unit_family
from perflint.checks.analysis.rates import unwanted_rate
from perflint.checks.analysis.rows import row_args, valued_rows
from perflint.checks.analysis.tolerance import amount_tolerance
from perflint.checks.analysis.values import (
    Op,
    PercentTarget,
    Quantity,
    comparison_for,
    display,
    norm,
    percent_target,
    quantities,
    unit_in_name,
    with_named_percent,
)
from perflint.checks.analysis.written import NOT_PROSE
from perflint.checks.base import Context, Hit, Kind, kind, schema, settings
from perflint.domain.model import Declaration
from perflint.domain.vocab import simplified

HUNDRED = Decimal(100)


def _clip(p: PercentTarget) -> tuple[Decimal, Decimal]:
    """A percentage range as a closed interval inside [0, 100] (a rate cannot leave it)."""
    lo = p.lower if p.lower is not None else Decimal(0)
    hi = p.upper if p.upper is not None else HUNDRED
    return max(lo, Decimal(0)), min(hi, HUNDRED)


def _within(inner: tuple[Decimal, Decimal], outer: tuple[Decimal, Decimal]) -> bool:
    return outer[0] <= inner[0] and inner[1] <= outer[1]


def _figure(p: PercentTarget) -> Decimal | None:
    """The figure a percentage target states (its bound; the lower one of a range)."""
    return p.lower if p.lower is not None else p.upper


# -- CON001 the name or the remark states a figure the value contradicts ----------

_TRAILING = re.compile(r"^[)）(（]*(?:以上|以下|以内|及以上|及以下)?[)）]*$")
#: remarks that only restate the target: "90%(计划标准)", "100%（历史标准）"
_STANDARD_NOTE = re.compile(r"^[≥≤>=<≧≦]?\d+(?:\.\d+)?%(?:以上|以下)?(?:[(（][^()（）]{0,6}标准[)）])?$")


def _trailing_figure(name: str) -> Quantity | None:
    """The figure the name ends with (``…达标率100%``, ``村组干部230人``), with a unit;
    template hints (``(≥**%)``) and bracketed units are not figures."""
    t = unicodedata.normalize("NFKC", name)
    h = hint(name)
    if h is not None:
        t = t.replace(h.text, "")
    found = [q for q in quantities(t) if q.kind != "date" and q.unit]
    if not found:
        return None
    last = found[-1]
    tail = norm(t[last.end :]) if last.end <= len(t) else ""
    # quantities() works on the text with list numbering removed; re-find the figure
    pos = t.rfind(last.text)
    if pos >= 0:
        tail = norm(t[pos + len(last.text) :])
    if not _TRAILING.match(tail):
        return None
    if pos > 0 and t[pos - 1] in "(（":
        return None  # 面积(100亩): a note in brackets, not the name's figure
    return last


def _remark(ind: Any) -> tuple[str, str] | None:
    """(where, text) of a short remark that only restates a target figure."""
    cells: list[tuple[str, str | None]] = [("note", ind.note)]
    for key, value in ind.extra.items():
        if any(word in key for word in ("解释", "说明", "备注")) and "评分" not in key:
            cells.append((f"extra/{key}", value))
    for where, text in cells:
        t = norm(text)
        if t and _STANDARD_NOTE.match(t):
            return where, text or ""
    return None


@kind
class NameFigureConflict(Kind):
    name = "name-figure-conflict"
    description = {
        "zh": "指标名称或备注写明的数值与指标值矛盾（名称“……达标率100%”而指标值“≥98%”）。",
        "en": "The figure the indicator's name or remark states contradicts its value (name “…100%”, value “≥98%”).",
    }
    params_schema = schema("placeholders")

    def check(self, decl: Declaration, params: dict[str, Any], ctx: Context) -> Iterable[Hit]:
        tokens = settings(params, ctx)["placeholders"]
        for row, value in valued_rows(ctx.analysis_for(decl), tokens):
            ind = row.ind
            args = row_args(row, value)
            hit = self._name(row.name, value, args)
            if hit is not None:
                yield Hit(row.target_pointer, hit[1], variant=hit[0], suggest=True)
                continue
            remark = _remark(ind)
            if remark is not None:
                found = self._remark(remark[1], value, args)
                if found is not None:
                    yield Hit(row.target_pointer, found, variant="remark", suggest=True)

    @staticmethod
    def _name(name: str, value: str, args: dict[str, Any]) -> tuple[str, dict[str, Any]] | None:
        fig = _trailing_figure(name)
        if fig is None:
            return None
        t = unicodedata.normalize("NFKC", name)
        stated = t[t.rfind(fig.text) :] if t.rfind(fig.text) >= 0 else fig.text
        args = {**args, "stated": norm(stated)}
        if fig.is_percent:
            named = percent_target(stated)
            found = percent_target(with_named_percent(value, name))
            if named is None or found is None:
                return None
            if _figure(found) == _figure(named):
                return None  # 达标率60% with ≥60%: the same figure given a direction
            if not _within(_clip(found), _clip(named)):
                return "range", {**args, "found": found.text}
            return None
        family = unit_family(fig.unit)
        values = [q for q in quantities(value) if q.kind != "date" and q.unit]
        if not values or family in (None, "percent", "time"):
            return None
        v = values[0]
        if v.unit == fig.unit and v.number != fig.number:
            op = comparison_for(value, v)
            # name 100人 / value ≥120人 is stricter, not a contradiction
            stricter = op is not None and op[0] in (Op.GE, Op.GT) and v.number > fig.number
            if not stricter:
                return "number", {**args, "found": v.text}
        found_family = unit_family(v.unit)
        if (
            v.number == fig.number
            and v.unit != fig.unit
            and found_family != family
            and found_family not in ("money", "unit_cost", "percent")  # 围墙300米 at 300元/米: a price
        ):
            return "unit", {**args, "found": v.text, "unit": fig.unit, "found_unit": v.unit}
        return None

    @staticmethod
    def _remark(remark: str, value: str, args: dict[str, Any]) -> dict[str, Any] | None:
        said = percent_target(remark)
        if said is None:
            return None
        args = {**args, "stated": display(remark)}
        stated = _figure(said)
        found = percent_target(value)
        if found is not None:
            # the remark restates the figure: compare figures, not ranges (60% with ≥60% agree)
            return {**args, "found": found.text} if _figure(found) != stated else None
        figures = [q for q in quantities(value) if q.kind != "date"]
        if len(figures) != 1 or figures[0].unit is not None:
            return None
        number = figures[0].number
        as_percent = number * HUNDRED if number <= 1 else number
        return {**args, "found": figures[0].text} if as_percent != stated else None


# -- CON002 the unit the name implies ------------------------------------------------

#: value families that cannot answer what a name family asks
_MISFITS: dict[str, frozenset[str]] = {
    "money": frozenset({"count", "people", "household", "area", "length", "weight", "volume", "time", "frequency"}),
    "people": frozenset({"household", "percent", "money", "unit_cost", "area", "length", "weight", "volume"}),
    "household": frozenset({"people", "percent", "money", "unit_cost", "area", "length", "weight", "volume"}),
    "count": frozenset({"percent", "money"}),
    "rate": frozenset(
        {"money", "unit_cost", "count", "people", "household", "area", "length", "weight", "volume", "time"}
    ),
    "time": frozenset({"percent", "money", "unit_cost", "people", "household", "area", "length", "weight", "volume"}),
    "area": frozenset({"percent", "money", "people", "household", "length", "weight", "volume", "time"}),
    "length": frozenset({"percent", "money", "people", "household", "area", "weight", "volume", "time"}),
}
_FAMILY_ZH = {
    "money": "金额（元、万元）",
    "unit_cost": "单位成本（元/…）",
    "percent": "百分比",
    "people": "人数（人、人次）",
    "household": "户数",
    "count": "数量（个、次、项……）",
    "frequency": "频次（…/月、…/年）",
    "time": "时间或时长",
    "area": "面积",
    "length": "长度",
    "weight": "重量",
    "volume": "体积",
    "rate": "比率（%）",
}
_FAMILY_EN = {
    "money": "an amount of money (元, 万元)",
    "unit_cost": "a unit cost (元/…)",
    "percent": "a percentage",
    "people": "a number of people (人, 人次)",
    "household": "a number of households",
    "count": "a count (个, 次, 项 …)",
    "frequency": "a frequency (…/月, …/年)",
    "time": "a date or duration",
    "area": "an area",
    "length": "a length",
    "weight": "a weight",
    "volume": "a volume",
    "rate": "a rate (%)",
}
#: a name that asks for timeliness: 按时发放, 及时拨付 (a rate or a deadline answers it)
_TIMELY = re.compile(r"^(?:是否)?(?:按时|及时|按期)")


def _unit_column(ind: Any) -> tuple[str, str] | None:
    for key, value in ind.extra.items():
        if "单位" in key and norm(value):
            return key, value
    return None


@kind
class UnitNameMismatch(Kind):
    name = "unit-name-mismatch"
    description = {
        "zh": "指标名称要求的量（金额、人数、户数、数量、比率、时间）与指标值的单位不符，如物业费以“个”计。",
        "en": "What the name asks for (money, people, households, a count, a rate, a time) does not fit the value's "
        "unit, e.g. a fee counted in 个.",
    }
    params_schema = schema("placeholders")

    def check(self, decl: Declaration, params: dict[str, Any], ctx: Context) -> Iterable[Hit]:
        tokens = settings(params, ctx)["placeholders"]
        for row, value in valued_rows(ctx.analysis_for(decl), tokens, satisfaction=False):
            ind = row.ind
            figures = [q for q in quantities(plain(value)) if q.kind != "date" and q.unit]  # 28.8萬元
            if not figures:
                continue
            first = figures[0]
            got = unit_family(first.unit)
            if got is None:
                continue
            args = row_args(row, value, unit=first.unit, found=_FAMILY_ZH[got], found_en=_FAMILY_EN[got])
            column = _unit_column(ind)
            if column is not None:
                said = unit_family(plain(column[1]))
                if said is not None and said != got and {said, got} != {"money", "unit_cost"}:
                    yield Hit(
                        row.target_pointer,
                        {**args, "column": column[0], "column_unit": column[1].strip()},
                        variant="column",
                        suggest=True,
                    )
                    continue
            named_unit = unit_in_name(row.name)
            if named_unit is not None:
                said = unit_family(named_unit)
                if said is not None and said != got and {said, got} != {"money", "unit_cost"}:
                    yield Hit(
                        row.target_pointer,
                        {**args, "expected": _FAMILY_ZH[said], "expected_en": _FAMILY_EN[said], "named": named_unit},
                        variant="named",
                        suggest=True,
                    )
                continue
            wanted = name_family(row.name)
            name = bare_name(row.name)
            if _TIMELY.match(name) and not re.search(r"率|比例|占比", name):
                # a name that opens with 按时/及时/按期 asks whether something is done on time, whatever
                # it ends in (按时交纳税费: a deadline, not an amount): a rate or a time answers it, and
                # a value in the unit of what is done (按期完成投资额 ≥500万元) says how much, not when
                same = got == wanted or {got, wanted} == {"money", "unit_cost"}
                if got not in ("percent", "time") and not same:
                    yield Hit(row.target_pointer, args, variant="timely", suggest=True)
                continue
            if wanted is None:
                continue
            if wanted == "time" and got == "percent" and bare_name(row.name).endswith("时效"):
                p = row.percent
                if p is not None and p.exact == HUNDRED:
                    continue  # 供应时效 100%: fully on time, loosely put
            if wanted == "rate" and got == "time" and bare_name(row.name).endswith("频率"):
                continue  # 巡查频率 每7天: how often, which a span of days may well say
            if got in _MISFITS.get(wanted, frozenset()):
                yield Hit(
                    row.target_pointer,
                    {**args, "expected": _FAMILY_ZH[wanted], "expected_en": _FAMILY_EN[wanted]},
                    suggest=True,
                )


# -- CON003 the annual goal against the completion indicator -------------------------

_GOAL_SHARE = re.compile(
    r"完成[^，,。；;：:]{0,24}?(\d+(?:\.\d+)?)\s*%|(\d+(?:\.\d+)?)\s*%的?(?:工程|工程量|任务|工作量|建设任务|主体工程)"
)
_COMPLETION = re.compile(r"完成率|完成及时率|及时完成率|完工率|竣工率|完成进度|工程进度|建设进度|完成比例")


@kind
class GoalIndicatorConflict(Kind):
    name = "goal-indicator-conflict"
    description = {
        "zh": "年度目标只完成部分工程（如70%），而完成率（完成及时率）指标要求100%。",
        "en": "The annual goal completes only part of the works (e.g. 70 %) while a completion-rate indicator asks "
        "for 100 %.",
    }
    params_schema = schema("placeholders")

    def check(self, decl: Declaration, params: dict[str, Any], ctx: Context) -> Iterable[Hit]:
        tokens = settings(params, ctx)["placeholders"]
        goal = decl.goals.get("annual") or ""
        m = _GOAL_SHARE.search(unicodedata.normalize("NFKC", goal))
        if m is None:
            return
        share = Decimal(m.group(1) or m.group(2))
        if not Decimal(0) < share < HUNDRED:
            return
        for row, value in valued_rows(ctx.analysis_for(decl), tokens):
            if not _COMPLETION.search(plain(row.name)):
                continue
            p = row.percent
            if p is None or p.lower is None or p.lower <= share:
                continue
            yield Hit(
                row.target_pointer,
                {
                    "content": display(row.name),
                    "value": display(value),
                    "goal": display(m.group(0)),
                    "share": fmt(share),
                    "category": row.cat.label or "指标",
                },
                suggest=True,
            )


# -- CON004 a sustainability indicator that repeats the period ------------------------


@kind
class SustainabilityIsPeriod(Kind):
    name = "sustainability-is-period"
    description = {
        "zh": "可持续影响指标的指标值只是资金使用期或项目期（如“2020年1月—2020年11月”），没有说明持续的影响。",
        "en": "The sustainability indicator's value is only the spending or project period "
        "(“2020年1月—2020年11月”); it states no lasting effect.",
    }
    params_schema = schema("placeholders")

    def check(self, decl: Declaration, params: dict[str, Any], ctx: Context) -> Iterable[Hit]:
        tokens = settings(params, ctx)["placeholders"]
        for row, value in valued_rows(ctx.analysis_for(decl), tokens):
            if row.cat.level2 != "可持续影响指标":
                continue
            span = date_range(value)
            if span is None:
                continue
            # a lasting effect outlives the budget year; without a year, the calendar year it starts in
            year = decl.year or int(span[0][:4])
            if span[1] <= f"{year:04d}-12-31":
                yield Hit(
                    row.target_pointer,
                    {"content": display(row.name), "value": display(value), "end": span[1]},
                    suggest=True,
                )


# -- IND012 a percentage pinned on a duty (an indicator-structure rule, kept with the name checks) --

#: a name that states a duty or an aim: 维护社会稳定, 促进村集体经济发展, 确保日常工作正常运行
_DUTY_AIM = re.compile(r"^(?:维护|促进|保护|保障|确保|维持|推动|推进|助力|带动|营造|巩固|加强|做好|开展|服务于|实现)")
#: a name that states an effect, not a thing to count: it starts with a verb of improvement
#: (改善了农民生产生活条件, 激发为民办事的热情), serves someone (为民众办好事), or ends in one
#: (病人生活得到改善, 办学条件改善): a clause saying what should get better has no whole to
#: take a percentage of
_EFFECT = re.compile(
    r"^(?:改善|提高|提升|增强|激发|丰富|优化|完善|为(?:民|群众|百姓|人民|老百姓|社会))"
    r"|(?:改善|提高|提升|增强|好转)(?:了)?$"
)
#: words that make a percentage meaningful: a rate, a share, a change, a count of something
_HAS_BASE = re.compile(
    r"率|度|比|占|百分|%|覆盖|指数|份额|增长|增幅|下降|降低|减少|增加|节约|合格|达标|完成|到位|普及|知晓|"
    r"程度|水平|进度|完好|成活|参与|利用|执行|兑现|人数|户数|数量|面积"
)


#: 年度, 季度, 月度: a period, not the 度 of a degree or a rate
_PERIOD_WORD = re.compile(r"[年季月]度")
#: 水平/程度 that an improvement verb follows (办学水平提高, 管理水平得到提升): the subject of an
#: effect clause, not a level the percentage could be taken of (办学条件改善程度 ≥90% keeps it)
_LEVEL_IMPROVED = re.compile(r"(?:水平|程度)(?=(?:得到|有所|不断|明显|显著|进一步|逐步|大幅)?(?:提高|提升|改善|增强))")
#: the name of a count (应受助学生数, 参保人次): a percentage of it is a coverage, not a duty
_COUNT_NAME = re.compile(r"[数量次]$")


@kind
class PercentOfDuty(Kind):
    name = "percent-of-duty"
    description = {
        "zh": "指标名称是一项职责或愿景（维护社会稳定、促进经济发展、是否按时发放），却给了一个百分数：百分之几的什么？",
        "en": "The indicator names a duty or an aim (维护社会稳定, 促进经济发展, 是否按时发放) but is given a "
        "percentage: a percentage of what?",
    }
    params_schema = schema("placeholders")

    def check(self, decl: Declaration, params: dict[str, Any], ctx: Context) -> Iterable[Hit]:
        tokens = settings(params, ctx)["placeholders"]
        for row, value in valued_rows(ctx.analysis_for(decl), tokens, satisfaction=False):
            if row.cat.is_cost:
                continue
            name = bare_name(row.name)
            if (
                not name
                or _HAS_BASE.search(_LEVEL_IMPROVED.sub("", _PERIOD_WORD.sub("", name)))
                or sum(1 for q in quantities(name) if q.unit) > 0
            ):
                continue
            p = row.percent
            if p is None:
                continue
            args = row_args(row, value)
            if name.startswith("是否"):
                if p.exact != 100:
                    yield Hit(row.target_pointer, args, variant="yes_no", suggest=True)
            elif _DUTY_AIM.match(name) or _EFFECT.search(name):
                yield Hit(row.target_pointer, args, suggest=True)
            elif row.cat.level2 == "数量指标" and not _COUNT_NAME.search(simplified(name)):
                # "按照全镇党支部书记发放 100%": a quantity indicator states how many, and a name
                # that names no count gives the percentage no whole
                yield Hit(row.target_pointer, args, variant="quantity", suggest=True)


# -- CON005 a one-year project period with money for several years ---------------------

#: a project period of one year, as a duration (项目期 “1年”, “一年”, “12个月”)
_ONE_YEAR = re.compile(r"^(?:1|一|壹)(?:个)?年(?:期)?$|^12个?月$")


@kind
class OneYearPeriodMultiyearFunds(Kind):
    name = "period-funds-conflict"
    description = {
        "zh": "项目期写一年，中期（实施期）资金总额却多于年度资金总额。",
        "en": "The project period is one year, but the medium-term (whole-period) funds exceed the annual funds.",
    }
    params_schema = schema(amount_tolerance_wan={"type": "number", "minimum": 0})

    def check(self, decl: Declaration, params: dict[str, Any], ctx: Context) -> Iterable[Hit]:
        total = decl.money.total
        if total is None or total.amount is None or total.amount <= 0:
            return
        annual = to_wan(total.amount, total.unit or "万元")
        whole = [
            to_wan(line.amount, line.unit or "万元")
            for line in decl.money.lines
            if line.key == "total_period" and line.amount is not None
        ]
        whole_wan = [w for w in whole if w is not None]
        if annual is None or len(whole_wan) != 1:
            return  # no medium-term total, or two that would first have to agree
        tolerance = amount_tolerance(ctx.setting(params, "amount_tolerance_wan", None))
        if whole_wan[0] < annual - tolerance:
            # the whole period includes this year: its total cannot be smaller than the year's
            line = next(i for i, x in enumerate(decl.money.lines) if x.key == "total_period" and x.amount is not None)
            yield Hit(
                f"/money/lines/{line}",
                {
                    "label": (decl.money.lines[line].label or "中期资金总额").strip().rstrip(":："),
                    "whole": fmt(whole_wan[0]),
                    "annual": fmt(annual),
                    "later": fmt(annual - whole_wan[0]),
                },
                variant="below",
            )
            return
        if whole_wan[0] <= annual + tolerance:
            return
        for i, extra in enumerate(decl.fields):
            if extra.key != "period" or not extra.text:
                continue
            text = "".join(unicodedata.normalize("NFKC", extra.text).split())
            if _ONE_YEAR.match(text):
                yield Hit(
                    f"/fields/{i}/text",
                    {
                        "period": text,
                        "label": (extra.label or "项目期").strip().rstrip(":："),
                        "whole": fmt(whole_wan[0]),
                        "annual": fmt(annual),
                        "later": fmt(whole_wan[0] - annual),
                    },
                    suggest=True,
                )
                return


# -- CON006 money said to be carried over, shown as this year's appropriation ------------

#: "结转2024年…资金", "上年结转资金", "以前年度结余资金": the money comes from an earlier year
_CARRIED = re.compile(
    r"(?:结转|结余)(?:的)?(?P<y1>20\d{2}年|上年|上一年度?|以前年度|往年)"
    r"|(?P<y2>20\d{2}年|上年|上一年度?|以前年度|往年)(?:度)?(?:的)?[\u4e00-\u9fff]{0,12}?(?:结转|结余)(?:的)?资金"
)
#: said of money that must not be carried over: 避免资金结转, 不结转
_NOT_CARRIED = re.compile(r"(?:不|未|无|没有|避免|防止|减少|杜绝|压减|清理|盘活)[\u4e00-\u9fff]{0,3}$")
_PROSE_FIELDS = ("overview", "plan", "goal.")


@kind
class CarryoverAsCurrent(Kind):
    name = "carryover-as-current"
    description = {
        "zh": "目标或概况说资金是以前年度结转的，资金来源却把全部资金列为当年财政拨款，没有上年结转。",
        "en": "The goals or the overview say the money is carried over from an earlier year, but the funding "
        "sources show all of it as this year's appropriation and nothing as carried over.",
    }
    params_schema = schema(amount_tolerance_wan={"type": "number", "minimum": 0})

    def check(self, decl: Declaration, params: dict[str, Any], ctx: Context) -> Iterable[Hit]:
        total = decl.money.total
        if total is None or total.amount is None or total.amount <= 0:
            return
        tolerance = amount_tolerance(ctx.setting(params, "amount_tolerance_wan", None))
        public = None
        for i, line in enumerate(decl.money.lines):
            if line.key == "income.carryover" and line.amount is not None and line.amount > 0:
                return  # the carried-over money is shown as such
            if line.key == "income.public" and public is None:
                public = (i, line)
        if public is None or public[1].amount is None:
            return
        annual = to_wan(total.amount, total.unit or "万元")
        appropriated = to_wan(public[1].amount, public[1].unit or total.unit or "万元")
        if annual is None or appropriated is None or abs(annual - appropriated) > tolerance:
            return  # only part of the money is this year's appropriation
        texts = [(f"/goals/{k}", v) for k, v in decl.goals.items()]
        texts += [(f"/fields/{i}/text", f.text) for i, f in enumerate(decl.fields) if f.key.startswith(_PROSE_FIELDS)]
        for _, text in texts:
            t = unicodedata.normalize("NFKC", text or "")
            for m in _CARRIED.finditer(t):
                if _NOT_CARRIED.search(t[max(0, m.start() - 6) : m.start()]):
                    continue
                year = m.group("y1") or m.group("y2") or ""
                if year[:4].isdigit() and decl.year is not None and int(year[:4]) >= decl.year:
                    continue  # money of this year or a later one is not carried over
                start = max(0, t.rfind("，", 0, m.start()) + 1, t.rfind(",", 0, m.start()) + 1)
                end = min(
                    [p for p in (t.find("，", m.end()), t.find(",", m.end()), t.find("。", m.end())) if p >= 0]
                    or [len(t)]
                )
                yield Hit(
                    f"/money/lines/{public[0]}",
                    {
                        "quote": display(t[start:end].strip()),
                        "label": public[1].label or "财政拨款",
                        "amount": fmt(appropriated),
                    },
                    suggest=True,
                )
                return


# -- CON007 the name states another budget year ---------------------------------------------

#: a year in a name (white space removed), alone or as a range: 2022年度, 2020-2021年度, 2021至2023年
_NAMED_YEAR = re.compile(r"((?:19|20)\d{2})年?(?:[-—–~至到]((?:19|20)\d{2}))?年度?")
#: names whose year is rightly an earlier or another one: carried-over money, a settlement
_OTHER_YEAR_MEANT = re.compile(r"结转|结余|续建|延续|以前年度|往年|上年|清算|补发|结算|提前下达|第\d+届")


@kind
class NameYearConflict(Kind):
    name = "name-year-conflict"
    description = {
        "zh": "项目名称写明的年度（“2022年度……专项资金”）早于申报表的年度（2023 年）：沿用了以前年度的表。",
        "en": "The project name states a year (“2022年度…专项资金”) before the form's budget year (2023): an "
        "earlier year's table reused.",
    }
    params_schema = {"type": "object", "properties": {}, "additionalProperties": False}

    def check(self, decl: Declaration, params: dict[str, Any], ctx: Context) -> Iterable[Hit]:
        if decl.year is None or not decl.name:
            return
        name = "".join(unicodedata.normalize("NFKC", decl.name).split())
        if _OTHER_YEAR_MEANT.search(name):
            return
        named: list[tuple[int, int, str]] = []
        for m in _NAMED_YEAR.finditer(name):
            first = int(m.group(1))
            last = int(m.group(2)) if m.group(2) else first
            named.append((min(first, last), max(first, last), m.group(0)))
        if not named or any(lo <= decl.year <= hi for lo, hi, _ in named):
            return  # no year in the name, or one that covers the form's
        if any(hi > decl.year for _, hi, _ in named):
            # a later year: money allocated ahead (提前下达) or a budget year read from an issue
            # date; not the reuse of an old table this rule is about
            return
        yield Hit(
            "/name",
            {"name": display(decl.name), "named": named[0][2], "year": decl.year},
            suggest=True,
        )


# -- CON008 a goal that is another field copied ---------------------------------------------

#: fields that hold no prose a goal could copy
_NOT_PROSE_FIELDS = NOT_PROSE | {"region", "superior_department"}
_GOAL_NAMES = {"annual": "年度目标", "long_term": "长期目标", "overall": "总体目标"}
_FIXED_NAMES = {"/functions": "部门职能", "/basis": "立项依据", "/safeguards": "保障措施"}
#: a goal shorter than this is too short to be a copy rather than the same few words
_MIN_COPY = 8


def _same_text(text: str | None) -> str:
    return norm(text).strip("。.,，;；:：")


def _label(decl: Declaration, pointer: str, default: str) -> str:
    label = decl.source.labels.get(pointer)
    text = (label.text if label is not None else "").strip().strip("*＊").rstrip(":：").strip()
    return text or default


@kind
class GoalCopiesField(Kind):
    name = "goal-copies-field"
    description = {
        "zh": "绩效目标与表中另一栏（项目概况、部门职能、立项依据……）一字不差：目标只是照抄，没有写出要达到的结果。",
        "en": "A goal is word for word another field of the form (项目概况, 部门职能, 立项依据 …): copied, it states no "
        "result to reach.",
    }
    params_schema = {"type": "object", "properties": {}, "additionalProperties": False}

    def check(self, decl: Declaration, params: dict[str, Any], ctx: Context) -> Iterable[Hit]:
        goals: list[tuple[str, str, str]] = [
            (f"/goals/{key}", _label(decl, f"/goals/{key}", _GOAL_NAMES.get(key, "绩效目标")), text)
            for key, text in decl.goals.items()
            if text
        ]
        others: list[tuple[str, str, str]] = [
            (pointer, _label(decl, pointer, name), text)
            for pointer, name, text in (
                ("/functions", _FIXED_NAMES["/functions"], decl.functions),
                ("/basis", _FIXED_NAMES["/basis"], decl.basis),
                ("/safeguards", _FIXED_NAMES["/safeguards"], decl.safeguards),
            )
            if text
        ]
        for i, extra in enumerate(decl.fields):
            if not extra.text or extra.key in _NOT_PROSE_FIELDS:
                continue
            label = (extra.label or "").strip().strip("*＊").rstrip(":：").strip() or extra.key
            (goals if extra.key.startswith("goal") else others).append((f"/fields/{i}/text", label, extra.text))
        spans = decl.source.spans
        for pointer, goal_label, text in goals:
            said = _same_text(text)
            if len(said) < _MIN_COPY:
                continue
            for other, other_label, other_text in others:
                if _same_text(other_text) != said:
                    continue
                a = spans.get(pointer.removesuffix("/text"))
                b = spans.get(other.removesuffix("/text"))
                if a is not None and a == b:
                    continue  # one cell read into two fields: a reading matter, not a copy
                yield Hit(
                    pointer,
                    {"goal": goal_label, "field": other_label, "text": display(text)},
                    suggest=True,
                )
                break


# -- CON009 a rate of something unwanted set as a floor --------------------------------------


@kind
class UnwantedRateFloor(Kind):
    name = "unwanted-rate-floor"
    description = {
        "zh": "越低越好的比率（逾期发放率、闲置率、事故率……）目标却写成下限或 100%（“逾期发放率≥100%”）：按字面，不想要的情况越多越达标。",
        "en": "A rate of something unwanted (late payments, idle assets, incidents …) targeted as a floor or at 100% "
        "(“逾期发放率≥100%”): as written, the more of it the better.",
    }
    params_schema = schema("placeholders")

    def check(self, decl: Declaration, params: dict[str, Any], ctx: Context) -> Iterable[Hit]:
        tokens = settings(params, ctx)["placeholders"]
        for row, _ in valued_rows(ctx.analysis_for(decl), tokens, satisfaction=False):
            found = unwanted_rate(row.name)
            if found is None:
                continue
            rate, unwanted, lowering = found
            p = row.percent
            if p is None or p.lower is None or p.lower <= 0:
                continue  # ≤5%, 0%, =0: the rate kept low, as it should be
            everything = p.lower >= HUNDRED
            if not (everything or p.upper is None):
                continue  # =3%: a low level stated without its direction (VAL005's)
            if lowering and not everything:
                continue  # 降低事故率 ≥10%: may say by how much it falls
            yield Hit(
                row.target_pointer,
                row_args(row, row.target, rate=rate, unwanted=unwanted, figure=fmt(p.lower)),
                variant="all" if everything else None,
                suggest=True,
            )


# -- CON010 a unit written as the name of the count ------------------------------------------

#: measure words a count is kept in; "人数" names the count of 人, the unit is 人
_MEASURE_WORDS = "人次|户次|人|户|间|个|次|台|件|套|辆|所|座|处|家|项|场|期|册|本|头|只|株|棵|名|位|批|宗|条|篇|份"
#: a figure followed by a count's name instead of its unit: 80人数, 9间数
_COUNT_NAME_AFTER_FIGURE = re.compile(rf"\d\s*({_MEASURE_WORDS})数(?![\u4e00-\u9fff\d])")
_UNIT_WRITTEN_AS_COUNT = re.compile(rf"({_MEASURE_WORDS})数")


@kind
class UnitCountName(Kind):
    name = "unit-count-name"
    description = {
        "zh": "单位写成了数量的名称（“人数”“间数”“户数”），而不是计量单位（人、间、户）。",
        "en": "The unit is written as the name of the count (人数, 间数, 户数) instead of the unit (人, 间, 户).",
    }
    params_schema = schema("placeholders")

    def check(self, decl: Declaration, params: dict[str, Any], ctx: Context) -> Iterable[Hit]:
        tokens = settings(params, ctx)["placeholders"]
        for row, cell in valued_rows(ctx.analysis_for(decl), tokens):
            ind = row.ind
            value = "".join(unicodedata.normalize("NFKC", cell).split())
            found = _COUNT_NAME_AFTER_FIGURE.search(value)
            written = f"{found.group(1)}数" if found else None
            column = _unit_column(ind)
            if written is None and column is not None:
                said = "".join(unicodedata.normalize("NFKC", column[1]).split())
                m = _UNIT_WRITTEN_AS_COUNT.fullmatch(said)
                if m is not None and re.search(r"\d", value):
                    written, found = said, m
            if written is None or found is None:
                continue
            yield Hit(
                row.target_pointer,
                row_args(
                    row,
                    cell,
                    written=written,
                    unit=found.group(1),
                    fixed=display(value.replace(written, found.group(1))),
                ),
                suggest=True,
            )


# -- CON011 one figure written with and without 万 ---------------------------------------------

#: a figure and its unit, with or without 万 before it; not a rate per unit (元/亩)
_FIGURE_UNIT = re.compile(
    r"(?<![\d.])(\d+(?:\.\d+)?)\s*(万?)"
    r"(平方米|平方公里|立方米|公顷|公里|千米|人次|元|亩|人|户|吨|株|棵|米|册|头|只|羽|尾|套|台|件|份|千瓦时|千瓦|公斤)"
    r"(?![/／每])"
)
#: fewer significant digits than this and two texts may share the figure by chance (2.5万亩, 2.5亩)
_MIN_SIGNIFICANT = 4


def _significant(figure: str) -> int:
    digits = figure.replace(".", "").lstrip("0")
    if "." not in figure:
        digits = digits.rstrip("0")
    return len(digits)


@kind
class WanDropped(Kind):
    name = "wan-dropped"
    description = {
        "zh": "同一段文字里同一个数字一处带“万”、一处不带（“防治作业面积19.699万亩，无公害防治面积19.699亩”）：相差一万倍，有一处漏写或多写了“万”。",
        "en": "In one text the same figure is written once with 万 and once without (“19.699万亩 … 19.699亩”): "
        "ten thousand times apart, one of them has lost or gained its 万.",
    }
    params_schema = {"type": "object", "properties": {}, "additionalProperties": False}

    def check(self, decl: Declaration, params: dict[str, Any], ctx: Context) -> Iterable[Hit]:
        for pointer, text in ctx.analysis_for(decl).texts:
            if pointer.startswith(("/money", "/reviews")) or "万" not in text:
                continue
            seen: dict[tuple[str, str], dict[bool, str]] = {}
            flat = unicodedata.normalize("NFKC", text)
            for m in _FIGURE_UNIT.finditer(flat):
                figure, wan, unit = m.groups()
                if _significant(figure) < _MIN_SIGNIFICANT:
                    continue
                seen.setdefault((figure, unit), {}).setdefault(bool(wan), m.group(0).replace(" ", ""))
            for (figure, unit), ways in seen.items():
                if len(ways) == 2:
                    yield Hit(
                        pointer,
                        {"with_wan": ways[True], "without": ways[False], "figure": figure, "unit": unit},
                        suggest=True,
                    )
                    break


# -- CON012 a rate named as a change, given a level ------------------------------------------

#: a rate whose name ends in a change: 知晓率显著提升, 覆盖率进一步提高, 发生率下降
_RATE_CHANGE = re.compile(
    r"(率|比例|占比)(?:得到|有所|不断|明显|显著|进一步|逐步|大幅|稳步|持续)?"
    r"(提升|提高|增长|增加|上升|下降|降低|减少)$"
)
#: a value that says it is a change: 提高5个百分点, 比上年增长10%, 同比
_CHANGE_SAID = re.compile(
    r"百分点|同比|环比|比上年|较上年|比去年|较去年|基期|基数|提高|提升|增长|增加|下降|降低|减少|由"
)
#: a rise of half the scale or more is no rise a rate can make: the figure is the level
_LEVEL_FROM = Decimal(50)


@kind
class ChangeNamedLevelGiven(Kind):
    name = "change-named-level-given"
    description = {
        "zh": "指标名称要求比率“提升/提高/下降”（一个变化），指标值却是比率要达到的水平（“知晓率显著提升 100%”）：没有基期水平，无法判断是否提升。",
        "en": "The name asks for a rate to rise or fall (a change), but the value is the level the rate is to reach "
        "(“知晓率显著提升 100%”): with no baseline, nobody can tell whether it rose.",
    }
    params_schema = schema("placeholders")

    def check(self, decl: Declaration, params: dict[str, Any], ctx: Context) -> Iterable[Hit]:
        tokens = settings(params, ctx)["placeholders"]
        for row, value in valued_rows(ctx.analysis_for(decl), tokens, satisfaction=False):
            name = simplified(bare_name(row.name))
            m = _RATE_CHANGE.search(name)
            if m is None or _CHANGE_SAID.search(simplified(plain(value))):
                continue
            p = row.percent
            if p is None:
                continue
            level = p.lower if p.lower is not None else p.upper
            if level is None or level < _LEVEL_FROM:
                continue  # 提高 ≥5%: may well be the rise itself
            rate = name[: m.start(1)] + m.group(1)
            rate = re.split(r"[,，、;；:：]", rate)[-1]
            yield Hit(
                row.target_pointer,
                row_args(row, value, change=m.group(2), rate=rate, level=p.text),
                suggest=True,
            )


# -- CON013 a unit given to a value with no figure -------------------------------------------

#: a unit column's cell that holds a unit (%, 元, 人 …), not an explanation run into the column
_UNIT_CELL = re.compile(r"[%‰]|[\u4e00-\u9fffA-Za-z/·]{1,4}")
#: column cells that say there is no unit
_NO_UNIT = re.compile(r"无|/|-|—|－|空|不适用|定性")


@kind
class UnitWithoutFigure(Kind):
    name = "unit-without-figure"
    description = {
        "zh": "“度量单位/计量单位”栏写了单位（%、人、元……），指标值却是没有数字的文字（“应保尽保”）：定性指标不该有单位，定量指标则缺了数值。",
        "en": "The 度量单位/计量单位 column gives a unit (%, 人, 元 …) but the value is words with no figure "
        "(“应保尽保”): a qualitative target has no unit, a quantitative one lacks its number.",
    }
    params_schema = schema("placeholders")

    def check(self, decl: Declaration, params: dict[str, Any], ctx: Context) -> Iterable[Hit]:
        tokens = settings(params, ctx)["placeholders"]
        for row, cell in valued_rows(ctx.analysis_for(decl), tokens):
            ind = row.ind
            column = _unit_column(ind)
            if column is None:
                continue
            unit = "".join(unicodedata.normalize("NFKC", column[1]).split())
            if not _UNIT_CELL.fullmatch(unit) or _NO_UNIT.search(unit) or unit_family(unit) is None:
                continue  # an explanation in the column, or "无": no unit claimed
            value = unicodedata.normalize("NFKC", cell)
            if re.search(r"\d|[零〇一二三四五六七八九十百千万两]", value) or quantities(value):
                continue  # a figure, in digits or in words
            yield Hit(
                row.target_pointer,
                row_args(row, cell, column=column[0].strip(), unit=unit),
                suggest=True,
            )
