"""Dates: parsing, order, the budget year, the filing date, unfilled templates,
schedule granularity.

Dates are compared as ranges: ``2019.3`` covers 2019-03-01 … 2019-03-31
(:func:`perflint.domain.dates.bounds`), so a month-precision start and a
day-precision end compare the way a reviewer reads them.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache
from typing import Any

from perflint.checks.analysis.dates import (
    date_fields,
    date_range,
    deadline,
    impossible_date,
    months_between,
    parsed,
    periods,
)
from perflint.checks.analysis.measure import to_wan
from perflint.checks.analysis.values import CACHE_SIZE
from perflint.checks.base import Context, Hit, Kind, kind
from perflint.domain.dates import DateValue, bounds, is_unfilled_template
from perflint.domain.findings import Severity
from perflint.domain.model import Declaration

# -- helpers -------------------------------------------------------------------


def is_blank(text: str | None) -> bool:
    return text is None or not text.strip()


def _year_bounds(year: int) -> tuple[str, str]:
    return f"{year:04d}-01-01", f"{year:04d}-12-31"


# -- kinds ---------------------------------------------------------------------


@kind
class DateParse(Kind):
    name = "date-parse"
    description = {
        "zh": "计划开始/完成时间和填报日期必须能识别为日期；填报日期只写到月时提示。",
        "en": "Schedule dates and the filing date must be recognisable dates; a filing date given only to the "
        "month is reported as advice.",
    }
    params_schema = {
        "type": "object",
        "properties": {"filing_precision": {"enum": ["day", "month", "year"]}},
        "additionalProperties": False,
    }

    def check(self, decl: Declaration, params: dict[str, Any], ctx: Context) -> Iterator[Hit]:
        need = params.get("filing_precision", "day")
        order = {"year": 0, "month": 1, "day": 2}
        for pointer, role, value in date_fields(decl):
            text = value.text or ""
            if is_blank(text) or is_unfilled_template(text):
                continue  # blank: REQ rules; "年 月 日": DATE005
            p = parsed(value)
            if p is None:
                if impossible_date(text) is None:  # an impossible date is DATE002's
                    yield Hit(pointer, {"text": text.strip()}, severity=Severity.WARNING)
                continue
            if role == "filing" and order[p.precision or "day"] < order[need]:
                yield Hit(
                    pointer,
                    {"text": text.strip(), "precision": p.precision},
                    variant=f"imprecise-{p.precision}",
                    severity=Severity.INFO,
                )
        # the project period (项目起止时间) is period-parse's (DATE009): it does not depend
        # on the schedule and the footer having been read


@kind
class DateOrder(Kind):
    name = "date-order"
    description = {
        "zh": "计划开始时间不得晚于计划完成时间；月、日必须真实存在。",
        "en": "A planned start must not be after the planned end; months and days must exist.",
    }
    params_schema = {"type": "object", "properties": {}, "additionalProperties": False}

    def check(self, decl: Declaration, params: dict[str, Any], ctx: Context) -> Iterator[Hit]:
        bad: set[str] = set()
        for pointer, _, value in date_fields(decl):
            if value.text and parsed(value) is None and impossible_date(value.text):
                bad.add(pointer)
                yield Hit(pointer, {"text": value.text.strip()}, variant="impossible")
        for i, row in enumerate(decl.schedule):
            start, end = parsed(row.start), parsed(row.end)
            if start is None or end is None:
                continue
            s, e = bounds(start), bounds(end)
            if s is None or e is None:
                continue
            if s[0] > e[1]:
                yield Hit(
                    f"/schedule/{i}/end",
                    {
                        "start": row.start.text.strip() if row.start else "",
                        "end": row.end.text.strip() if row.end else "",
                        "content": _short(row.content),
                    },
                )
        for pointer, label, _, start, end in periods(decl):
            if start is None or end is None:
                continue
            s, e = bounds(start), bounds(end)
            if s and e and s[0] > e[1]:
                yield Hit(pointer, {"start": start.text.strip(), "end": end.text.strip(), "content": label})


def _short(text: str, limit: int = 24) -> str:
    t = " ".join((text or "").split())
    return t if len(t) <= limit else t[: limit - 1] + "…"


def _written(value: DateValue | None) -> str:
    """The text of a date as written, stripped (``""`` when there is no date)."""
    return (value.text if value is not None else "").strip()


@kind
class WithinYear(Kind):
    name = "schedule-within-year"
    description = {
        "zh": "进度计划的日期应落在申报年度内；允许跨年度项目时，只要求与申报年度有交集。",
        "en": "Schedule dates should fall inside the budget year; with multi-year projects allowed, each row "
        "must only overlap the year.",
    }
    params_schema = {
        "type": "object",
        "properties": {"allow_multiyear": {"type": "boolean"}},
        "additionalProperties": False,
    }

    def check(self, decl: Declaration, params: dict[str, Any], ctx: Context) -> Iterator[Hit]:
        if decl.year is None:
            return
        y0, y1 = _year_bounds(decl.year)
        multiyear = bool(ctx.setting(params, "allow_multiyear", False))
        for i, row in enumerate(decl.schedule):
            start, end = parsed(row.start), parsed(row.end)
            s = bounds(start) if start else None
            e = bounds(end) if end else None
            if s and e and s[0] > e[1]:
                continue  # reversed row: DATE002
            args = {"year": decl.year, "content": _short(row.content)}
            if multiyear:
                lo = s[0] if s else (e[0] if e else None)
                hi = e[1] if e else (s[1] if s else None)
                if lo is None or hi is None:
                    continue
                if hi < y0 or lo > y1:
                    pointer = f"/schedule/{i}/end" if hi < y0 else f"/schedule/{i}/start"
                    written = _written(row.end if hi < y0 else row.start)
                    yield Hit(pointer, {**args, "text": written}, variant="no-overlap")
                continue
            # s (e) is set only where row.start (row.end) parsed: _written gives its text
            if s and s[0] < y0:
                yield Hit(f"/schedule/{i}/start", {**args, "text": _written(row.start)}, variant="before")
            elif s and s[0] > y1:
                yield Hit(f"/schedule/{i}/start", {**args, "text": _written(row.start)}, variant="after")
            elif e and e[1] > y1:
                yield Hit(f"/schedule/{i}/end", {**args, "text": _written(row.end)}, variant="after")
            elif e and e[1] < y0:
                yield Hit(f"/schedule/{i}/end", {**args, "text": _written(row.end)}, variant="before")
        # 项目起止时间 covers the whole project: it only has to overlap the year.
        for pointer, label, text, start, end in periods(decl):
            s = bounds(start) if start is not None else None
            e = bounds(end) if end is not None else None
            if s and e and s[0] <= e[1] and (e[1] < y0 or s[0] > y1):
                yield Hit(pointer, {"year": decl.year, "content": label, "text": text}, variant="no-overlap")


def _ordered_ends(decl: Declaration) -> list[tuple[str, str]]:
    """Bounds of the end dates of rows whose start is not after their end
    (a reversed row is DATE002's defect and must not cause a second finding)."""
    out = []
    for row in decl.schedule:
        end = parsed(row.end)
        e = bounds(end) if end else None
        if e is None:
            continue
        start = parsed(row.start)
        s = bounds(start) if start else None
        if s is not None and s[0] > e[1]:
            continue
        out.append(e)
    for _, _, _, start, end in periods(decl):
        s = bounds(start) if start is not None else None
        e = bounds(end) if end is not None else None
        if e is not None and (s is None or s[0] <= e[1]):
            out.append(e)
    return out


@kind
class FilingDate(Kind):
    name = "filing-date"
    description = {
        "zh": "填报日期不得晚于申报年度末、计划完成时间或今天；早于申报年度前两年时提示。",
        "en": "The filing date must not be after the budget year, after the planned end or in the future; one "
        "more than two years before the budget year is suspicious.",
    }
    params_schema = {
        "type": "object",
        "properties": {"max_years_before": {"type": "integer", "minimum": 0}},
        "additionalProperties": False,
    }

    def check(self, decl: Declaration, params: dict[str, Any], ctx: Context) -> Iterator[Hit]:
        value = parsed(decl.filing_date)
        if value is None or decl.filing_date is None:
            return
        b = bounds(value)
        if b is None:
            return
        lo, hi = b
        text = decl.filing_date.text.strip()
        args: dict[str, Any] = {"text": text, "year": decl.year or "", "today": ctx.today}
        if ctx.today and lo > ctx.today:
            yield Hit("/filing_date", args, variant="future", severity=Severity.ERROR)
            return
        if decl.year is not None and lo > _year_bounds(decl.year)[1]:
            yield Hit("/filing_date", args, variant="after-year", severity=Severity.ERROR)
            return
        ends = [b[1] for b in _ordered_ends(decl)]
        if ends and lo > max(ends):
            yield Hit("/filing_date", {**args, "end": max(ends)}, variant="after-plan", severity=Severity.ERROR)
            return
        before = int(params.get("max_years_before", 2))
        if decl.year is not None and hi < f"{decl.year - before:04d}-01-01":
            yield Hit(
                "/filing_date", {**args, "earliest": decl.year - before}, variant="too-early", severity=Severity.WARNING
            )


@kind
class UnfilledDate(Kind):
    name = "unfilled-date"
    description = {
        "zh": "申报单位填写的日期栏（审核签章之外）仍是“年 月 日”空模板。",
        "en": "An applicant-side date (other than the review sign-offs) is still the blank “年 月 日” template.",
    }
    params_schema = {"type": "object", "properties": {}, "additionalProperties": False}

    def check(self, decl: Declaration, params: dict[str, Any], ctx: Context) -> Iterator[Hit]:
        seen: set[str] = set()
        for pointer, _, value in date_fields(decl):
            if value.text and is_unfilled_template(value.text):
                seen.add(pointer)
                yield Hit(pointer, {"text": " ".join(value.text.split())})
        for pointer, text in ctx.analysis_for(decl).texts:  # walked once per declaration
            if not (text and "年" in text and _unfilled(text)):  # the cheap test first
                continue
            if pointer in seen or pointer.startswith(("/reviews/", "/source")):
                continue
            if seen and any(pointer.startswith(p + "/") for p in seen):
                continue
            yield Hit(pointer, {"text": " ".join(text.split())})


@lru_cache(maxsize=CACHE_SIZE)
def _unfilled(text: str) -> bool:
    # every free text of a declaration is tested: each distinct one once
    return is_unfilled_template(text)


_ITEM_SPLIT = re.compile(r"[；;。\n]+|(?:^|(?<=[，,\s]))[（(]?\d{1,2}[)）、.．]")


def count_items(text: str) -> int:
    """Work items listed in a 实施内容 cell: sentences/clauses split on ；。
    and list numbering."""
    pieces = [p.strip(" ，,、\u3000") for p in _ITEM_SPLIT.split(text or "")]
    return sum(1 for p in pieces if len(p) >= 2)


@kind
class ScheduleGranularity(Kind):
    name = "schedule-granularity"
    description = {
        "zh": "进度计划只有覆盖全年的行、没有年内节点，而实施内容列出多项工作。",
        "en": "The schedule only has rows spanning the whole year, with no milestone inside it, although the "
        "work content lists several items.",
    }
    params_schema = {
        "type": "object",
        "properties": {"min_items": {"type": "integer", "minimum": 1}},
        "additionalProperties": False,
    }

    def check(self, decl: Declaration, params: dict[str, Any], ctx: Context) -> Iterator[Hit]:
        if decl.year is None or not decl.schedule:
            return
        y0, y1 = _year_bounds(decl.year)
        jan_end, dec_start = f"{decl.year:04d}-01-31", f"{decl.year:04d}-12-01"
        for row in decl.schedule:
            start, end = parsed(row.start), parsed(row.end)
            if start is None or end is None:
                return  # incomplete rows are REQ009/DATE001's
            s, e = bounds(start), bounds(end)
            if s is None or e is None:
                return
            full = y0 <= s[0] <= jan_end and dec_start <= e[1] <= y1
            if not full:
                return  # a milestone inside the year exists
        items = sum(count_items(r.content) for r in decl.schedule)
        rows = len(decl.schedule)
        min_items = int(params.get("min_items", 3))
        if rows == 1 and items < min_items:
            return
        first = decl.schedule[0]
        yield Hit(
            "/schedule/0",
            {
                "rows": rows,
                "items": items,
                "year": decl.year,
                "start": first.start.text.strip() if first.start else "",
                "end": first.end.text.strip() if first.end else "",
            },
        )


# -- DATE007 a deadline after the project period -------------------------------------

_DEADLINE_NAME = re.compile(r"时间|时限|日期|期限|完成|完工|竣工|交付|验收|投入使用|投用")


def _project_end(decl: Declaration) -> tuple[str, str, str] | None:
    """(last day, as written, label) of the project period (项目期 / 项目起止时间).  The
    schedule is no substitute: a deadline after the last planned task is slack, not a
    contradiction."""
    for _, label, text, start, end in periods(decl):
        if end is None:
            continue
        s = bounds(start) if start is not None else None
        e = bounds(end)
        if e is not None and (s is None or s[0] <= e[1]):
            return e[1], text, label
    return None


@kind
class DeadlineAfterPeriod(Kind):
    name = "deadline-after-period"
    description = {
        "zh": "时效指标的完成时间（“2023年底”）晚于项目期的结束时间（“2023年11月”）。",
        "en": "A timeliness target (“2023年底”) falls after the end of the project period (“2023年11月”).",
    }
    params_schema = {"type": "object", "properties": {}, "additionalProperties": False}

    def check(self, decl: Declaration, params: dict[str, Any], ctx: Context) -> Iterator[Hit]:
        end = None
        for row in ctx.analysis_for(decl).rows:
            value = row.ind.value
            if value is None or not value.strip():
                continue
            if row.cat.level2 != "时效指标" and not _DEADLINE_NAME.search(row.name or ""):
                continue
            found = deadline(value)
            if found is None:
                continue
            end = end or _project_end(decl)
            if end is None:
                return
            if found[1] > end[0]:
                yield Hit(
                    row.target_pointer,
                    {
                        "content": " ".join((row.name or "").split())[:40],
                        "value": found[0],
                        "deadline": found[1],
                        "end": end[1],
                        "label": end[2].rstrip(":："),
                        "end_date": end[0],
                    },
                )


# -- DATE010 a year's work planned to end after the budget year ----------------------------


def _span(decl: Declaration, value: str) -> tuple[str, str] | None:
    """(first day, last day) of the work a timeliness value belongs to: the value's own
    range (``2023.07-2024.01``), else the project period (项目期)."""
    own = date_range(value)
    if own is not None and own[0] != own[1] and deadline(value) is None:
        return own
    for _, _, _, start, end in periods(decl):
        s = bounds(start) if start is not None else None
        e = bounds(end) if end is not None else None
        if s is not None and e is not None and s[0] <= e[1]:
            return s[0], e[1]
    return None


def _medium_term_money(decl: Declaration) -> bool:
    """Whether the form shows more money for the whole period than for the year (中期资金总额
    above 年度资金总额): a multi-year project, whose later work is paid from later budgets."""
    total = decl.money.total
    annual = None
    if total is not None and total.amount is not None:
        annual = to_wan(total.amount, total.unit or "万元")
    for line in decl.money.lines:
        if line.key == "total_period" and line.amount is not None:
            whole = to_wan(line.amount, line.unit or (total.unit if total is not None else None) or "万元")
            if annual is None or whole is None or whole > annual:
                return True  # more for the whole period, or amounts that cannot be compared: no claim
    return False


#: a total the form labels as the year's money (年度资金总额, 当年预算, 本年度资金)
_ANNUAL_TOTAL = re.compile(r"年度|当年|本年")


def _annual_table_only(decl: Declaration) -> bool:
    """The form labels its total as the year's money (年度资金总额), gives no medium-term total
    and no long-term goal: its indicator table is the budget year's."""
    total = decl.money.total
    if total is None or total.amount is None or not _ANNUAL_TOTAL.search(total.label or ""):
        return False
    if decl.goals.get("long_term"):
        return False
    return not any(line.key == "total_period" for line in decl.money.lines)


@kind
class TimelyAfterYear(Kind):
    name = "timely-after-year"
    description = {
        "zh": "一年以内的项目只安排了本年度资金，时效指标却要到下一年才完成（2023 年度表写“服务周期 2023.07-2024.01”）。",
        "en": "A project of at most a year, funded from one year's budget, has a timeliness target that ends after "
        "the budget year (“服务周期 2023.07-2024.01” on a 2023 form).",
    }
    params_schema = {
        "type": "object",
        "properties": {"max_months": {"type": "integer", "minimum": 1}},
        "additionalProperties": False,
    }

    def check(self, decl: Declaration, params: dict[str, Any], ctx: Context) -> Iterator[Hit]:
        if decl.year is None or _medium_term_money(decl):
            return
        first, last = _year_bounds(decl.year)
        longest = int(params.get("max_months", 12))
        for row in ctx.analysis_for(decl).rows:
            value = row.ind.value
            if value is None or not value.strip():
                continue
            if row.cat.level2 != "时效指标" and not _DEADLINE_NAME.search(row.name or ""):
                continue
            found = deadline(value)
            own = date_range(value)
            end = found[1] if found is not None else own[1] if own is not None else None
            if end is None or end <= last:
                continue
            span = _span(decl, value)
            project = _project_end(decl)
            if project is not None and end > project[0]:
                continue  # after the project period as well: DATE007's
            if (
                span is not None
                and span[0] <= last
                and months_between(span[0], span[1]) > longest
                and found is not None
                and _annual_table_only(decl)
            ):
                # a project of several years whose form gives only this year's money and no
                # long-term target: its one table is the year's, and a deadline in a later year
                # cannot be judged at this year's end (2021年12月底完成 on a 2019 table)
                yield Hit(
                    row.target_pointer,
                    {
                        "content": " ".join((row.name or "").split())[:40],
                        "value": " ".join(value.split())[:40],
                        "end": end,
                        "year": decl.year,
                        "period": "" if project is None else " ".join(project[1].split())[:40],
                    },
                    variant="multiyear",
                    suggest=False,  # the rule's advice (bring the period within the year) does not fit a multi-year project
                )
                return
            if span is None or not first <= span[0] <= last or months_between(span[0], span[1]) > longest:
                continue  # work begun before the year, or a project of more than a year: not one year's work
            yield Hit(
                row.target_pointer,
                {
                    "content": " ".join((row.name or "").split())[:40],
                    "value": " ".join(value.split())[:40],
                    "end": end,
                    "year": decl.year,
                },
                suggest=True,
            )
            return
        # no timeliness target says so: the project period itself (项目期 2023年4月-2024年2月)
        for pointer, label, text, start, end_value in periods(decl):
            s = bounds(start) if start is not None else None
            e = bounds(end_value) if end_value is not None else None
            if s is None or e is None or s[0] > e[1] or e[1] <= last or not first <= s[0] <= last:
                continue
            if months_between(s[0], e[1]) > longest:
                continue
            yield Hit(
                pointer,
                {"content": label or "项目期", "value": " ".join(text.split())[:40], "end": e[1], "year": decl.year},
                variant="period",
                suggest=True,
            )
            return


# -- DATE008 next year's work in an annual target ------------------------------------

_NEXT_YEAR = re.compile(r"明年|下一年度|下一年|下年度|来年")
#: next year as the purpose of this year's work, not as its task: 为明年的施工打好基础
_FOR_NEXT_YEAR = re.compile(r"为$|为[^，,；;。]{0,3}$")
_GROUNDWORK = re.compile(r"^[^，,；;。]{0,16}?(?:打好基础|打下基础|奠定基础|做好准备|做准备|创造条件|提供保障|储备)")
#: next year's budget informed by this year's results: how results are used, not a task
_NEXT_BUDGET = re.compile(r"^(?:度|的)?(?:部门)?(?:预算|资金安排)")


def _next_year(text: str) -> re.Match[str] | None:
    """The first 明年 (下一年度 …) that names work to be done, not the purpose of this year's."""
    for m in _NEXT_YEAR.finditer(text):
        after = text[m.end() :]
        if _FOR_NEXT_YEAR.search(text[: m.start()]) or _GROUNDWORK.match(after) or _NEXT_BUDGET.match(after):
            continue
        return m
    return None


@kind
class NextYearInAnnual(Kind):
    name = "next-year-in-annual"
    description = {
        "zh": "年度绩效目标或指标写的是明年（下一年度）的任务。",
        "en": "The annual goal or an indicator speaks of next year's work (明年, 下一年度).",
    }
    params_schema = {"type": "object", "properties": {}, "additionalProperties": False}

    def check(self, decl: Declaration, params: dict[str, Any], ctx: Context) -> Iterator[Hit]:
        cells = [("/goals/annual", decl.goals.get("annual"))]
        for row in ctx.analysis_for(decl).rows:
            cells.append((row.name_pointer, row.name))
            if row.ind.value is not None:
                cells.append((f"/indicators/{row.index}/value", row.ind.value))
        for pointer, text in cells:
            t = " ".join((text or "").split())
            m = _next_year(t)
            if m is None:
                continue
            lo = max(0, m.start() - 10)
            yield Hit(pointer, {"word": m.group(0), "text": t[lo : lo + 30], "year": decl.year or ""})


#: a period given as a duration or a word, not as dates: 1年, 3年, 12个月, 长期
_DURATION = re.compile(
    r"^(?:(?:\d{1,3}|[一二三四五六七八九十两]+)(?:\.\d+)?个?(?:年|月|天|日|周|季度)期?|长期|常年|持续|一次性)$"
)
#: a year as the start of an attempted date: 2024, 20246, 202516
_YEARISH = re.compile(r"(?:19|20)\d{2}")


@kind
class PeriodParse(Kind):
    name = "period-parse"
    description = {
        "zh": "项目期（项目起止时间）写了日期，却无法识别（“20246-202516”）。",
        "en": "The project period (项目起止时间) attempts dates that cannot be read (“20246-202516”).",
    }
    params_schema = {"type": "object", "properties": {}, "additionalProperties": False}

    def check(self, decl: Declaration, params: dict[str, Any], ctx: Context) -> Iterator[Hit]:
        for pointer, label, text, start, _ in periods(decl):
            if start is not None or is_unfilled_template(text):
                continue
            compact = "".join(text.split())
            # 长期, 3年: an answer, not a date; only an attempted date (a year in it) is checked
            if _DURATION.match(compact) or not _YEARISH.search(compact):
                continue
            yield Hit(pointer, {"text": text, "label": label or "项目期"})
