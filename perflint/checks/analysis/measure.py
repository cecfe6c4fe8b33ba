"""What an indicator measures: the kind of quantity its name asks for, the kind
its value gives, template hints, money amounts and periods, as the
consistency, arithmetic and unit rules compare them.

Everything here is pure and message-free, like :mod:`.values`:

* :func:`plain` — a name or value for *matching words*: NFKC, no whitespace,
  Traditional characters folded and the pinyin some mirrors insert dropped
  (``應(yīng)受助學(xué)生數(shù)`` → ``应受助学生数``).  Never for what a message shows.
* :func:`hint` — a template hint left in a name: ``项目总投入(≥**万元)`` says
  the target is a floor in 万元; ``成活率(≥**%)`` a floor in percent.
* :func:`unit_family` — what a unit measures: ``money``, ``unit_cost``
  (元/亩), ``percent``, ``people``, ``household``, ``count``, ``frequency``
  (次/月), ``time``, ``area``, ``length``, ``weight``, ``volume``.
* :func:`name_family` — what the name asks for, from how it ends: ``…费`` is
  money, ``…人数`` people, ``…数量`` a count, ``…率`` a rate, ``…时间`` a time.
* :func:`to_wan` — an amount in 万元, exactly (:class:`decimal.Decimal`).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache

from perflint.checks.analysis.values import CACHE_SIZE, UNITS, Op, Quantity, quantities
from perflint.domain.vocab import simplified

TEN_THOUSAND = Decimal(10000)


@lru_cache(maxsize=CACHE_SIZE)
def plain(text: str | None) -> str:
    """``text`` for matching words: NFKC, whitespace removed, Simplified, no pinyin."""
    if not text:
        return ""
    t = "".join(unicodedata.normalize("NFKC", text).split())
    return simplified(t)


# ---------------------------------------------------------------------------
# Template hints in names
# ---------------------------------------------------------------------------

#: ``(≥**%)``, ``（≤**万元）``, ``≥**人`` — a comparator and unit the template printed
_HINT = re.compile(r"(≥|≤|>=|<=|>|<|=|≧|≦)\s*[*＊]{1,3}\s*([^\s()（）*＊\d≥≤<>=≧≦]{0,6})")
_HINT_OPS = {
    "≥": Op.GE,
    "≧": Op.GE,
    ">=": Op.GE,
    ">": Op.GT,
    "≤": Op.LE,
    "≦": Op.LE,
    "<=": Op.LE,
    "<": Op.LT,
    "=": Op.EQ,
}


@dataclass(frozen=True, slots=True)
class Hint:
    """A template hint left in an indicator name: its comparator and unit ("" when none)."""

    op: Op
    unit: str
    text: str


def _leading_unit(text: str) -> str:
    """The longest unit (with a 万/亿 prefix) at the start of ``text``."""
    for start in (1, 0) if text[:1] in _MAGNITUDES else (0,):
        for unit in UNITS:  # longest first
            if text.startswith(unit, start):
                return text[: start + len(unit)]
    return text[:1] if text[:1] in _MAGNITUDES else ""


@lru_cache(maxsize=CACHE_SIZE)
def hint(name: str | None) -> Hint | None:
    """The template hint of ``name`` (``项目总投入(≥**万元)`` → ≥ 万元), if any."""
    t = unicodedata.normalize("NFKC", name or "")
    m = _HINT.search(t)
    if m is None:
        return None
    return Hint(_HINT_OPS[m.group(1)], _leading_unit(m.group(2)), m.group(0))


_HINT_STRIP = re.compile(
    r"[(（]\s*(?:≥|≤|>=|<=|>|<|=|≧|≦)?\s*[*＊]{1,3}[^()（）]{0,6}[)）]|(?:≥|≤|≧|≦)[*＊]{1,3}\S{0,4}$"
)
_NUMBERING = re.compile(r"^(?:指标|目标)?\s*[0-9一二三四五六七八九十]{1,2}\s*[:：、.．]\s*|^[★☆*＊]+")


@lru_cache(maxsize=CACHE_SIZE)
def bare_name(name: str | None) -> str:
    """``name`` for reading what it asks: plain, without template hints
    (``(≥**%)``), numbering (``指标1:``) or stars (``★★★``)."""
    t = plain(name)
    t = _HINT_STRIP.sub("", t)
    for _ in range(2):
        t = _NUMBERING.sub("", t)
    return t.rstrip("。.;；,，")


# ---------------------------------------------------------------------------
# Units
# ---------------------------------------------------------------------------

_PEOPLE = {"人", "人次", "名", "位", "人数"}
_HOUSEHOLD = {"户", "户次"}
_TIME = {"天", "日", "工作日", "个工作日", "月", "个月", "年", "小时", "分钟", "秒", "周", "季度", "h"}
_AREA = {"平方米", "平米", "㎡", "m2", "m²", "亩", "公顷", "平方公里"}
_LENGTH = {"公里", "千米", "km", "米", "M"}
_WEIGHT = {"吨", "公斤", "千克"}
_VOLUME = {"立方米", "方", "升"}
_FREQ_DENOMINATORS = {"天", "日", "周", "月", "年", "季度", "季", "半年", "学期"}
_MAGNITUDES = "万亿千百"


def _base(unit: str) -> str:
    """A unit without its 万/亿 prefix (万亩 → 亩, 万人次 → 人次); 万 alone stays."""
    if len(unit) > 1 and unit[0] in _MAGNITUDES:
        return unit[1:]
    return unit


@lru_cache(maxsize=CACHE_SIZE)
def unit_family(unit: str | None) -> str | None:
    """What ``unit`` measures (see the module docstring); ``None`` when unknown."""
    if not unit or unit == "date":
        return None
    u = unicodedata.normalize("NFKC", unit)
    if u in ("%", "‰"):
        return "percent"
    head, slash, per = u.partition("/")
    if "元" in head or head in ("万", "亿"):
        return "unit_cost" if slash else "money"
    base = _base(head)
    if slash:
        if per.split("·")[0] in _FREQ_DENOMINATORS:
            return "frequency"
        if per == "次" and base in _PEOPLE | _HOUSEHOLD:
            # "101人/次", "24户/次": 人次 and 户次 written with a slash, a count of visits
            return "people" if base in _PEOPLE else "household"
        return None
    if base in _PEOPLE:
        return "people"
    if base in _HOUSEHOLD:
        return "household"
    if base in _TIME:
        return "time"
    if base in _AREA:
        return "area"
    if base in _LENGTH:
        return "length"
    if base in _WEIGHT:
        return "weight"
    if base in _VOLUME:
        return "volume"
    return "count"


#: name endings, longest first within a family; the longest ending over all families wins
_NAME_ENDINGS: dict[str, tuple[str, ...]] = {
    "money": (
        "费",
        "费用",
        "资金",
        "金额",
        "经费",
        "成本",
        "总成本",
        "投入",
        "投资",
        "总投资",
        "报酬",
        "工资",
        "薪酬",
        "单价",
        "价格",
        "造价",
        "补助标准",
        "补贴标准",
        "资助标准",
        "奖补标准",
        "奖励标准",
        "发放金额",
        "补助金额",
        "租金",
        "奖金",
    ),
    "people": ("人数", "人口数", "人口", "人次", "人员数", "学生数", "户籍人口", "受益人群", "受助学生数"),
    "household": ("户数",),
    "count": ("数量", "个数", "次数", "件数", "项数", "座数", "册数", "场数", "场次", "处数", "村数", "篇数", "数"),
    "rate": ("率", "比例", "占比", "比重", "比率", "百分比"),
    "time": ("时间", "日期", "时限", "时点", "时效", "完成时间", "完工时间", "开工时间"),
    "area": ("面积",),
    "length": ("长度", "里程"),
}
#: endings of the count family that are not counts
_NOT_COUNT = ("指数", "系数", "分数", "倍数", "函数", "参数", "基数", "总数占比", "少数", "多数", "半数", "无数")


@lru_cache(maxsize=CACHE_SIZE)
def name_family(name: str | None) -> str | None:
    """What the indicator ``name`` asks for, from how it ends (``None`` when it
    does not say): ``money``, ``people``, ``household``, ``count``, ``rate``,
    ``time``, ``area`` or ``length``."""
    t = bare_name(name)
    t = re.sub(r"[(（][^()（）]*[)）]$", "", t)  # a bracketed unit or note at the end
    if not t:
        return None
    best: tuple[int, str] | None = None
    for family, endings in _NAME_ENDINGS.items():
        for ending in endings:
            if t.endswith(ending) and (best is None or len(ending) > best[0]):
                best = (len(ending), family)
    if best is None:
        return None
    if best[1] == "count" and t.endswith(_NOT_COUNT):
        return None
    return best[1]


# ---------------------------------------------------------------------------
# Money
# ---------------------------------------------------------------------------


def to_wan(number: Decimal, unit: str | None) -> Decimal | None:
    """``number`` in 万元 (exactly) for a unit of 元, 万元, 万, 亿元, 亿; ``None``
    for anything else (a unit cost such as 元/人 included)."""
    if not unit or "/" in unit:
        return None
    u = unicodedata.normalize("NFKC", unit)
    if u in ("万元", "万"):
        return number
    if u in ("亿元", "亿"):
        return number * TEN_THOUSAND
    if u == "元":
        return number / TEN_THOUSAND
    if u == "千元":
        return number / 10
    return None


def money_quantities(text: str | None, named_unit: str | None = None) -> list[Quantity]:
    """The amounts of money in ``text`` (元, 万元 …, unit costs included); a bare
    figure counts when the name states a money unit (``总投入(万元)`` / ``6070``)."""
    out = []
    named = unit_family(named_unit) in ("money", "unit_cost")
    for q in quantities(text):
        if q.kind == "date":
            continue
        family = unit_family(q.unit)
        if family in ("money", "unit_cost") or (q.unit is None and named):
            out.append(q)
    return out


_PER_PERIOD = re.compile(
    r"(?<![\d.])(?P<n>\d+(?:\.\d+)?)\s*(?:(?P<mag>[万亿千])\s*)?(?:(?P<yuan>元)\s*)?[/／每]\s*(?P<per>月|年|季度|季|天|日|周)(?![·•・\w])"
)
_PER_PERIOD_PREFIX = re.compile(
    r"每(?P<per>月|年|季度|天|日|周)[^\d]{0,6}?(?P<n>\d+(?:\.\d+)?)\s*(?P<mag>[万亿千])?\s*(?P<yuan>元)"
)
_PERIOD_MONTHS = {"月": Decimal(1), "年": Decimal(12), "季度": Decimal(3), "季": Decimal(3)}


@dataclass(frozen=True, slots=True)
class PeriodAmount:
    """An amount per period read from a value: ``≤620万/月`` → 620 万元 a month."""

    wan: Decimal
    per: str  # 月 | 年 | 季度 …
    text: str  # as written
    yuan_written: bool  # the currency was written (万元/元), not only 万


def period_amount(text: str | None) -> PeriodAmount | None:
    """The first amount per period of ``text`` (``620万/月``, ``每月不超过620万元``)."""
    t = unicodedata.normalize("NFKC", text or "")
    for pattern in (_PER_PERIOD, _PER_PERIOD_PREFIX):
        m = pattern.search(t)
        if m is None:
            continue
        n = Decimal(m.group("n"))
        mag = m.group("mag") or ""
        if not mag and not m.group("yuan"):
            continue  # 3次/月: a frequency, not money
        wan = to_wan(n, (mag + "元") if mag else "元")
        if wan is None:
            continue
        return PeriodAmount(wan, m.group("per"), m.group(0), bool(m.group("yuan")))
    return None


def months_of(per: str) -> Decimal | None:
    """How many months one ``per`` period lasts (月 1, 季度 3, 年 12)."""
    return _PERIOD_MONTHS.get(per)


def fmt(value: Decimal) -> str:
    """A Decimal as a plain number: no exponent, no trailing zeros."""
    if value == value.to_integral_value():
        return str(value.quantize(Decimal(1)))
    return format(value.normalize(), "f")


def fmt_wan(value: Decimal, places: int = 2) -> str:
    """An amount in 万元 for a message: at most ``places`` decimals, no trailing zeros."""
    rounded = value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP) if value.adjusted() < 12 else value
    return fmt(rounded)
