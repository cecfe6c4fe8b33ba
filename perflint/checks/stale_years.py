"""Years that have passed (issue 14): a basis that cites a plan or scheme whose period
had ended, and a notice that issues a year's targets after that year.

* ``expired-plan-cited`` — a cited plan, scheme or programme (《…规划》《…方案》《…计划》
  《…纲要》《…要点》) states its own period (“十二五”, “(2016—2020年)”, “2016年度”), and that
  period had ended by the time a form for the budget year was drawn up.
* ``notice-after-year`` — a notice that carries a target table is dated after the end of
  the table's budget year, or says in its prose that the targets it issues are another
  year's.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator
from typing import Any

from perflint.checks.analysis.written import NOT_PROSE
from perflint.checks.base import Context, Hit, Kind, kind
from perflint.domain.model import Declaration

_NO_PARAMS: dict[str, Any] = {"type": "object", "properties": {}, "additionalProperties": False}
_PROSE = ("name", "functions", "basis", "safeguards")
_NAMES = {"/name": "项目名称", "/functions": "部门职能", "/basis": "立项依据", "/safeguards": "保障措施"}


def _texts(decl: Declaration) -> Iterator[tuple[str, str]]:
    """The applicant's prose, then the text no field took (a flattened table, a notice's
    prose): a cited title and a date are judged by themselves, not by the field they stand in."""
    found: list[tuple[str, str | None]] = [(f"/{attr}", getattr(decl, attr)) for attr in _PROSE]
    found += [(f"/goals/{key}", decl.goals[key]) for key in sorted(decl.goals)]
    found += [(f"/schedule/{i}/content", row.content) for i, row in enumerate(decl.schedule)]
    found += [(f"/fields/{i}/text", f.text) for i, f in enumerate(decl.fields) if f.key not in NOT_PROSE]
    found += [(f"/unrecognized/{i}", text) for i, text in enumerate(decl.unrecognized)]
    for pointer, text in found:
        if text:
            yield pointer, unicodedata.normalize("NFKC", text)


def _field(decl: Declaration, pointer: str) -> str:
    """The label of the field at ``pointer`` as written, for messages (表中 for text no field took)."""
    if pointer.startswith("/unrecognized/"):
        return "表中"
    label = decl.source.labels.get(pointer)
    text = (label.text if label is not None else "").strip().strip("*＊").rstrip(":：").strip()
    if text:
        return text
    if pointer.startswith("/fields/"):
        return decl.fields[int(pointer.split("/")[2])].label or "表中"
    if pointer.startswith("/goals/"):
        return "绩效目标"
    return _NAMES.get(pointer, "表中")


# -- DATE011 a cited plan whose period had ended ----------------------------------------------

_CITED = re.compile(r"《([^《》]+)》")
#: the marks around the title a 印发 notice issues (关于印发<X>的通知)
_MARKS = "<>〈〉“”\"'《》"
#: the document types that govern a period's work
_PLAN = re.compile(r"规划|方案|计划|纲要|要点")
#: a title that ends in one of these is that kind of document, not the plan it may name
_NOT_PLAN_END = re.compile(r"(?:通知|函|意见|决定|批复|通报|报告|公告|办法|条例|规定|细则|标准|指南|法)$")
#: a plan of money (an investment or allocation plan) funds projects that may run for years
_MONEY_PLAN = re.compile(r"资金|预算|投资|下达|分配|拨付")
_RANGE = re.compile(r"((?:19|20)\d\d)年?\s*[-—–~～至到]\s*((?:19|20)\d\d)年?")
_YEAR = re.compile(r"((?:19|20)\d\d)年(度)?(?!\s*(?:修订|修正|版|第))")
_EDITION = re.compile(r"(?:19|20)\d\d年?(?:修订|修正)?版|(?:19|20)\d\d年(?:修订|修正)")
_FIVE_YEAR = {"十一五": 2010, "十二五": 2015, "十三五": 2020, "十四五": 2025, "十五五": 2030}
_FIVE = re.compile("|".join(_FIVE_YEAR))


def _document(title: str) -> str | None:
    """The plan a cited title names (the one a 印发 notice issues), or None when the title
    is no plan or scheme of work."""
    title = title.strip()
    at = title.find("印发")
    if at >= 0 and title.endswith(("通知", "函")):  # “关于印发<X>的通知”: the document is X
        title = title[at + 2 :].removesuffix("通知").removesuffix("函").removesuffix("的").strip(_MARKS)
    elif _NOT_PLAN_END.search(title):
        return None
    if not _PLAN.search(title) or _MONEY_PLAN.search(title):
        return None
    return title


def _period(document: str) -> tuple[int, bool] | None:
    """(the last year of the plan's own period, whether it is one year), or None when the
    title states no period (an edition year is none)."""
    text = _EDITION.sub("", document)
    ends: list[tuple[int, bool]] = []
    for m in _RANGE.finditer(text):
        first, last = int(m.group(1)), int(m.group(2))
        if first < last:
            ends.append((last, False))
    text = _RANGE.sub("", text)
    for m in _FIVE.finditer(text):
        ends.append((_FIVE_YEAR[m.group(0)], False))
    for m in _YEAR.finditer(text):
        ends.append((int(m.group(1)), True))
    if not ends:
        return None
    return max(ends)  # several periods named: the latest decides


def _series(document: str) -> str:
    """The title with its years taken out: the same scheme of another year has the same series."""
    return re.sub(r"(?:19|20)\d\d年?度?", "", document)


def _clause(text: str, start: int, end: int) -> str:
    """The clause around a citation, every cited title left out."""
    lo = max(text.rfind(p, 0, start) for p in "。;；\n") + 1
    his = [i for i in (text.find(p, end) for p in "。;；\n") if i >= 0]
    hi = min(his) if his else len(text)
    return _CITED.sub("", text[lo:start] + text[end:hi])


_A_YEAR = re.compile(r"((?:19|20)\d\d)年")


def _told_of(clause: str, end: int) -> bool:
    """Whether a clause names a year of the plan's period outside its title (“2016年按照《…》
    完成…”, “十三五期间…”): it tells of the work done then, not of a basis for this year."""
    if any(int(y) <= end for y in _A_YEAR.findall(clause)):
        return True
    return any(name in clause for name, last in _FIVE_YEAR.items() if last <= end)


@kind
class ExpiredPlanCited(Kind):
    name = "expired-plan-cited"
    description = {
        "zh": "引用的规划、方案或计划（“十二五”规划、“2016年度……方案”）在编制本年度预算时已经到期。",
        "en": "A cited plan or scheme (a 十二五 plan, a “2016年度…方案”) had ended by the time the budget year's "
        "form was drawn up.",
    }
    params_schema = _NO_PARAMS

    def check(self, decl: Declaration, params: dict[str, Any], ctx: Context) -> Iterable[Hit]:
        year = decl.year
        if year is None:
            return
        cited: list[tuple[str, str, str, int, bool]] = []  # pointer, title, document, end, annual
        for pointer, text in _texts(decl):
            for m in _CITED.finditer(text):
                if len(m.group(1)) > 160:
                    continue  # no title: the marks of two titles far apart
                document = _document(m.group(1))
                if document is None:
                    continue
                period = _period(document)
                if period is None:
                    continue
                end, annual = period
                if _told_of(_clause(text, m.start(), m.end()), end):
                    continue  # the clause tells of the plan's own years (2016年按照《2016年度…方案》…)
                cited.append((pointer, m.group(1), document, end, annual))
        current = {_series(doc) for _, _, doc, end, _ in cited if end >= year}
        stale: list[tuple[str, str, int]] = []
        for pointer, title, document, end, annual in cited:
            # a form is drawn up in the year before its budget year: a plan that ran to that
            # year was still the one in force, unless the form itself cites its successor
            if end <= year - 2 or (end == year - 1 and annual and _series(document) in current):
                if all(title != t for _, t, _ in stale):
                    stale.append((pointer, title, end))
        if not stale:
            return
        pointer, title, end = stale[0]
        yield Hit(
            pointer,
            {
                "title": title,
                "end": end,
                "year": year,
                "field": _field(decl, pointer),
                "more": len(stale) - 1,
            },
            # text no field took has no label to name: “表中” / “the form”
            variant="-".join(
                part
                for part, used in (("loose", pointer.startswith("/unrecognized/")), ("more", len(stale) > 1))
                if used
            )
            or None,
            suggest=True,
        )


# -- DATE012 a notice that issues a year's targets after that year ---------------------------------

_DATE = r"((?:19|20)\d\d)年(\d{1,2})月(\d{1,2})日"
#: the notice's own date: a line of its own, or after the issuing office's name at the foot (the
#: 版记 line “某县财政局办公室 2022年3月1日印发” included)
_SIGNED_ALONE = re.compile(rf"^{_DATE}(?:印发|印)?$")
_SIGNED = re.compile(rf"(?:局|厅|委|委员会|政府|办公室|办|中心|站|所){_DATE}(?=$|附件|附表|印发|[(（]此件)")
#: money whose year is rightly not the notice's: a settlement or a reward for a year's results
_LATE_BY_NATURE = re.compile(r"清算|结算|奖励|奖补|以奖代补|结转|结余|考核奖|补发|据实")
#: the notice's prose saying which year's targets it issues
_TARGETS_OF = re.compile(r"((?:19|20)\d\d)年[^。;；,，根按依]{0,40}?绩效目标(?:表)?(?:一并|同时|随文|随同|予以)?下达")


def _signed(decl: Declaration) -> tuple[str, str, int, int, int] | None:
    """(pointer, the date as written, year, month, day) of the notice's own date."""
    for i, text in enumerate(decl.unrecognized):
        plain = "".join(unicodedata.normalize("NFKC", text or "").split())  # the date with no spaces
        m = _SIGNED_ALONE.search(plain) or _SIGNED.search(plain)
        if m:
            written = f"{m.group(1)}年{m.group(2)}月{m.group(3)}日"
            return f"/unrecognized/{i}", written, int(m.group(1)), int(m.group(2)), int(m.group(3))
    return None


@kind
class NoticeAfterYear(Kind):
    name = "notice-after-year"
    description = {
        "zh": "下达绩效目标的通知日期晚于目标表的预算年度，或通知正文说下达的是另一年度的目标。",
        "en": "A notice issuing targets is dated after the target table's budget year, or its prose says the "
        "targets it issues are another year's.",
    }
    params_schema = _NO_PARAMS

    def check(self, decl: Declaration, params: dict[str, Any], ctx: Context) -> Iterable[Hit]:
        year = decl.year
        if decl.document_kind != "notice" or year is None:
            return
        for pointer, text in _texts(decl):
            for m in _TARGETS_OF.finditer(text):
                named = int(m.group(1))
                if named != year:
                    yield Hit(
                        pointer, {"text": m.group(0), "named": named, "year": year}, variant="named", suggest=True
                    )
                    return
        prose = "".join(t for _, t in _texts(decl))
        if _LATE_BY_NATURE.search(prose) or _LATE_BY_NATURE.search(decl.title or ""):
            return  # a settlement or a reward is paid after the year it is for
        signed = _signed(decl)
        if signed is None:
            return
        pointer, written, y, month, day = signed
        if y > year and 1 <= month <= 12 and 1 <= day <= 31:
            yield Hit(pointer, {"date": written, "year": year}, suggest=True)
