"""Value kinds (VAL family): whether each 指标值 can be checked at year end.

Ownership: a blank value is ``value-missing``'s only; placeholders, template
tokens and references are the PH family's; a narrative value is
``value-is-narrative``'s (so ``vague-terms`` does not also pick words out of
it); satisfaction values are the SAT family's and cost values the COST
family's.  In templates without a value column (2019 部门整体, ``value is
None``) the target is read from the indicator text itself.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from perflint.checks.analysis.measure import bare_name, hint, name_family, plain, unit_family
from perflint.checks.analysis.rates import unwanted_rate
from perflint.checks.analysis.rows import row_args, stated_rows, valued_rows
from perflint.checks.analysis.shape import value_absence_read
from perflint.checks.analysis.values import (
    QUANTITY,
    TIMELINESS,
    Op,
    Quantity,
    allowlisted,
    comparisons,
    display,
    is_blank,
    is_department,
    is_placeholder,
    looks_like_duties,
    norm,
    owned_by_category_check,
    owned_elsewhere,
    quantities,
    strip_numbering,
    unit_in_name,
    vague_terms,
    with_named_percent,
)
from perflint.checks.base import SEVERITY, STRINGS, Context, Hit, Kind, kind, schema, settings
from perflint.domain.findings import Severity
from perflint.domain.model import Declaration
from perflint.domain.vocab import simplified
from perflint.i18n import has, t


def _is_narrative(text: str, max_len: int) -> bool:
    t = unicodedata.normalize("NFKC", text).strip().rstrip("。.")
    return len(norm(t)) > max_len or bool(re.search(r"[;；。]", t))


def _unit_column(ind) -> str | None:
    for key, value in ind.extra.items():
        if any(word in key for word in ("度量单位", "计量单位", "单位")) and not is_blank(value):
            return value
    return None


@kind
class ValueMissing(Kind):
    name = "value-missing"
    description = {
        "zh": "指标有内容，但指标值为空。",
        "en": "An indicator has a name but its target value is blank.",
    }
    params_schema = schema("placeholders", "optional_categories")

    def check(self, decl: Declaration, params: dict[str, Any], ctx: Context) -> Iterable[Hit]:
        tokens = settings(params, ctx)["placeholders"]
        optional = {norm(o) for o in ctx.setting(params, "optional_categories") or ()}
        for row in ctx.analysis_for(decl).rows:
            i, ind = row.index, row.ind
            if ind.value is None:
                continue  # the template has no value column
            if is_blank(ind.value) and not value_absence_read(decl, i):
                continue  # a blank not read with confidence: the value may stand in a cell not found
            name = row.name
            cat = row.cat
            if is_blank(ind.value) and not is_blank(name) and not is_placeholder(name, tokens):
                yield Hit(
                    f"/indicators/{i}/value", {"category": cat.label or "指标", "content": display(name)}, suggest=True
                )
            elif is_blank(ind.value) and is_blank(name) and cat.label:
                # A whole row of a required category left empty.  A category
                # with no real row at all is its category rule's; cost rows are
                # cost-present's and optional ones na-without-justification's.
                if (
                    cat.is_cost
                    or norm(cat.label) in optional
                    or owned_by_category_check(decl, i, tokens)
                    or any(
                        other.cat.label == cat.label and other.is_real(tokens)
                        for other in ctx.analysis_for(decl).rows
                        if other.index != i
                    )
                ):
                    continue
                yield Hit(f"/indicators/{i}/value", {"category": cat.label}, variant="empty_row", suggest=True)


#: 财预〔2021〕101号's costs that are harms, not money: what the project may do to society or
#: the environment. No money rule judges them, so an unmeasurable value is this rule's.
_HARM_COSTS = ("社会成本指标", "生态环境成本指标")
#: a harm stated as absent: 无负面影响, 不产生污染, 未造成不良影响, 没有, 零
_NO_HARM = re.compile(r"^(?:无|不|未|没有|零|杜绝)")


#: a deadline in words, the standard of a timeliness value: 年底前, 6月底前, 故障发生后一周内, 三个工作日内
_DEADLINE = re.compile(
    r"(?:年底|年末|月底|月末|季末|季度末|年中)(?:前|之前)|"
    r"(?:[一二三四五六七八九十两]+|\d+)个?(?:周|星期|日|天|月|小时|工作日)(?:内|以内|之内)"
)


@kind
class NotMeasurable(Kind):
    name = "not-measurable"
    description = {
        "zh": "指标值没有数字，也不是公认的定性标准，年终无法据此打分。",
        "en": "The value has no figure and is not an accepted qualitative standard; it cannot be scored.",
    }
    params_schema = schema(
        "placeholders", "qualitative_allowlist", error_categories=STRINGS, error_on_department={"type": "boolean"}
    )

    def check(self, decl: Declaration, params: dict[str, Any], ctx: Context) -> Iterable[Hit]:
        s = settings(params, ctx)
        errors = set(params.get("error_categories", ["数量指标", "成本指标", "满意度指标"]))
        dept_error = params.get("error_on_department", True)
        for row, text in stated_rows(ctx.analysis_for(decl).rows, s["placeholders"]):
            ind, cat = row.ind, row.cat
            harm = cat.level2 in _HARM_COSTS
            if (cat.is_cost and not harm) or cat.is_satisfaction:
                continue  # cost-quantified / satisfaction-format
            if cat.level2 == QUANTITY and _one_lot(text):
                # 施工材料 1批: one lot of whatever size; the count says nothing of the quantity
                yield Hit(
                    row.target_pointer,
                    {"category": cat.label or "指标", "value": display(text)},
                    severity=Severity.WARNING,
                    suggest=True,
                    variant="lot",
                )
                continue
            if quantities(text) or allowlisted(text, s["qualitative_allowlist"]):
                continue
            if cat.level2 == TIMELINESS and _DEADLINE.search(norm(text)):
                continue  # a deadline in words (年底前, 一周内) is checked at year's end like a date
            if harm and (ind.value is None or _NO_HARM.match(simplified(norm(text)))):
                continue  # 无负面影响, 不产生…, 未造成…: a stated absence is the standard of a harm
            error = not harm and (
                cat.level2 in errors
                or cat.level1 in errors
                or (dept_error and is_department(decl) and ind.value is None)
            )
            yield Hit(
                row.target_pointer,
                {"category": cat.label or "指标", "value": display(text)},
                severity=Severity.ERROR if error else Severity.WARNING,
                suggest=True,
                variant="embedded" if ind.value is None else None,
            )


def _one_lot(text: str | None) -> bool:
    """The value's only figure is one 批 (a lot, a batch: 1批, ≥1批); 批次 counts sampling rounds
    and 2批 at least counts something."""
    if not text:
        return False
    qs = quantities(text)
    flat = strip_numbering(text)
    return bool(qs) and all(q.unit == "批" and q.number == 1 and flat[q.end : q.end + 1] != "次" for q in qs)


@kind
class VagueTerms(Kind):
    name = "vague-terms"
    description = {
        "zh": "指标值使用“提高”“进一步”“较”“好”等模糊词，且后面没有数字。",
        "en": "The value uses vague words (提高, 进一步, 较, 好 …) with no figure after them.",
    }
    params_schema = schema("placeholders", "vague_terms", "vague_allow_if_numeric", "max_value_len")

    def check(self, decl: Declaration, params: dict[str, Any], ctx: Context) -> Iterable[Hit]:
        s = settings(params, ctx)
        for row, text in stated_rows(ctx.analysis_for(decl).rows, s["placeholders"]):
            ind, cat = row.ind, row.cat
            if cat.is_satisfaction or cat.is_cost:
                continue
            if ind.value is not None and _is_narrative(text, s["max_value_len"]):
                continue  # value-is-narrative reports the whole cell
            if looks_like_duties(text):
                continue  # duties-as-indicators reports the row
            terms = vague_terms(text, s["vague_terms"], s["vague_allow_if_numeric"])
            if terms:
                yield Hit(
                    row.target_pointer,
                    {
                        "category": cat.label or "指标",
                        "value": display(text),
                        "terms": "、".join(terms),
                        "terms_en": ", ".join(terms),
                        "count": len(terms),
                    },
                    suggest=True,
                    variant="embedded" if ind.value is None else None,
                )


@kind
class UnitMissing(Kind):
    name = "unit-missing"
    description = {
        "zh": "指标值中的数字没有单位，且没有度量单位栏补充。",
        "en": "A number in the value has no unit, and no unit column supplies one.",
    }
    params_schema = schema("placeholders")

    def check(self, decl: Declaration, params: dict[str, Any], ctx: Context) -> Iterable[Hit]:
        tokens = settings(params, ctx)["placeholders"]
        for row, text in stated_rows(ctx.analysis_for(decl).rows, tokens):
            ind, cat = row.ind, row.cat
            if cat.is_satisfaction or cat.is_cost or _unit_column(ind):
                continue
            if ind.value is not None and unit_in_name(row.name):
                continue  # 营造林面积(亩) | 80000: the name carries the unit
            bare = [q for q in quantities(text) if q.unit is None and q.number != 0]  # nought needs no unit
            if bare and cat.level2 == TIMELINESS and all(_date_serial(q.number) for q in bare):
                continue  # a date shown as a spreadsheet serial (=44,561): no time element (IND009), not no unit
            if bare:
                yield Hit(
                    row.target_pointer,
                    {"category": cat.label or "指标", "value": display(text), "number": bare[0].text},
                    suggest=True,
                    variant="embedded" if ind.value is None else None,
                )


def _date_serial(number: Decimal) -> bool:
    """A spreadsheet date serial of the years 2000–2049 (36526–54789), a date shown as a number."""
    return number == number.to_integral_value() and 36526 <= number <= 54789


#: what a figure is, for the comparator rule: rates and amounts always need a direction;
#: quantities when the form gives other values one; 100 %, 0 %, frequencies and dates never
_NEEDS_DIRECTION = {"percent": "rate", "money": "cost", "unit_cost": "cost"}
_EXEMPT_FAMILIES = {"frequency"}


#: cost rows that state a standard or a price, paid as written: exact by nature (补贴标准 71.86元/平方米,
#: 国家助学金 3300元, 财政资金补助 1600元/亩); traditional forms too (國家助學金), not 标准化 (a kind of works)
_STANDARD_NAME = re.compile(
    r"[标標]准(?!化)|单价|價格|价格|定额|助[学學]|[奖獎][学學]|[补補]助|[补補]贴|[资資]助|奖补|[奖獎]励"
)
#: rates whose better side is plain from the name: the direction can be stated, not asked
_HIGHER_BETTER = re.compile(
    r"(?:合格|达标|覆盖|完成|稳定|知晓|成活|存活|及时|到位|利用|普及|入学|参与|执行|验收|完好|正常|通过|优良|"
    r"治愈|救治|接种|受益|使用|保有|就业|签约|建档|规范化?|标准化|办结|结案|回复|响应|入库|上线|运行)率$|满意度$|满意程度$"
)
_RANGE = re.compile(r"\d(?:%|‰|[\u4e00-\u9fff]{1,3})?[-~～—–至到]\d")  # matched on the text without spaces
_LOWER_BETTER = re.compile(
    r"(?:发生|事故|投诉|差错|出错|死亡|发病|失败|退回|空置|流失|违规|违纪|不合格|超标|损失|返工)率$"
)


#: the form names where an amount comes from: a document (…67号文件, 鲁财科教(2024)67号) or a contract
_SOURCE = re.compile(r"文件|\d号文|[〔(（\[]\d{4}[〕)）\]]|合同|协议|规定")
_CONTRACT = re.compile(r"合同|协议")
#: one further per-unit after the one a figure was read with: 780元/生 + /年
_MORE_PER = re.compile(r"/[\u4e00-\u9fffA-Za-z²㎡]{1,3}")


def _fixed_by_source(decl: Declaration, q: Quantity) -> bool:
    """A per-unit amount the form says is set elsewhere, so it is paid as written and may be exact:
    the form's prose (goals, basis, a line outside the table) gives the same amount in a sentence citing
    a document or a contract (``根据…67号文件,…公用经费每生每年780元`` with ``780元/生/年``), or it is a
    yearly or monthly fee and the prose names the contract or agreement that sets it (``《…服务合同》``
    with ``70000元/年``).
    A lump sum is left alone: an allocation cited to a document is still a ceiling."""
    unit = q.unit or ""
    if unit_family(unit) != "unit_cost":
        return False
    periodic = unit.endswith(("/年", "/月"))
    prose = [*decl.goals.values(), decl.basis, decl.functions, *(f.text for f in decl.fields), *decl.unrecognized]
    for text in prose:
        for sentence in re.split(r"[。；;\n]", text or ""):
            if not _SOURCE.search(sentence):
                continue
            if periodic and _CONTRACT.search(sentence):
                return True
            if any(
                g.number == q.number and unit_family(g.unit or "") in ("money", "unit_cost")
                for g in quantities(sentence)
            ):
                return True
    return False


def _quoted(text: str, q: Quantity) -> str:
    """The figure as written, with every per-unit (``780元/生/年``, not ``780元/生``)."""
    if text[q.start : q.end] != q.text:
        return q.text
    end = q.end
    while more := _MORE_PER.match(text, end):
        end = more.end()
    return text[q.start : end]


def _figure_kind(q: Quantity, named_unit: str | None, cost_row: bool) -> str | None:
    unit = q.unit or named_unit
    if q.kind == "date" or not unit or unit == "date":
        return None
    family = unit_family(unit)
    if family in _EXEMPT_FAMILIES or family is None:
        return None
    if family == "time" and unit == "年" and 1900 <= q.number <= 2100:
        return None  # 2023年底, 2021年全年: a year, not a duration
    if family == "percent":
        number = q.number / 10 if unit == "‰" else q.number
        return "rate" if 0 < number < 100 else None  # =100 % and 0 % are exact targets
    kind = _NEEDS_DIRECTION.get(family, "quantity")
    if kind == "cost" and not cost_row:
        return None  # an award standard or an income: not a cost target
    return kind


def _in_goals(decl: Declaration, q: Quantity, named_unit: str | None) -> bool:
    """The figure is the project's stated scope: the goals give the same number in the same unit
    (``为18个社区分馆新增图书`` / ``覆盖社区分馆个数 18个``)."""
    unit = q.unit or named_unit or ""
    for goal in decl.goals.values():
        for g in quantities(goal):
            if g.number == q.number and (g.unit or "") in (unit, unit.lstrip(_MAGNITUDE_CHARS)):
                return True
    return False


_MAGNITUDE_CHARS = "万亿千百"


@kind
class ComparatorMissing(Kind):
    name = "comparator-missing"
    description = {
        "zh": "需要方向的指标值没有写方向：比率（低于100%）、金额与单位成本，以及在其他指标都写了方向时的数量。",
        "en": "A value that needs a direction states none: rates below 100%, amounts and unit costs, and quantities "
        "where the form gives its other values one.",
    }
    params_schema = schema(
        "placeholders",
        "max_value_len",
        comparator_required={"type": "boolean"},
        advisory_severity=SEVERITY,
        quantities={"enum": ["always", "when-others-have", "never"]},
    )

    def check(self, decl: Declaration, params: dict[str, Any], ctx: Context) -> Iterable[Hit]:
        tokens = settings(params, ctx)["placeholders"]
        # where the profile makes 指标性质 mandatory the rule's own severity
        # applies; elsewhere the missing direction is advice
        required = bool(ctx.setting(params, "comparator_required", False))
        severity = None if required else Severity(params.get("advisory_severity", "info"))
        quantity_mode = params.get("quantities", "always" if required else "never")
        max_len = settings(params, ctx)["max_value_len"]
        candidates = []
        directed = 0
        for row in ctx.analysis_for(decl).rows:
            ind = row.ind
            if ind.value is None:
                continue
            if any(not is_blank(v) and "性质" in k for k, v in ind.extra.items()):
                directed += 1
                continue  # a 指标性质 column gives the direction
            text = ind.value
            if owned_elsewhere(text, tokens) or not (row.cat.level1 or row.cat.level2):
                continue  # a row of no known category: the table was not read as one
            if row.cat.is_satisfaction:
                continue  # the SAT family reads satisfaction values
            if _is_narrative(text, max_len):
                continue  # value-is-narrative reports the whole cell
            if sum(1 for q in quantities(row.name) if q.is_percent) >= 2:
                continue  # 优100% 良90% 中85%: a grading scale, not a target
            if _RANGE.search("".join(text.split())):
                continue  # 20%-30%, 50～60人: a range is bounded on both sides
            if sum(1 for q in quantities(text) if q.is_percent) >= 2:
                continue  # 返本20%,分红按8%: a rule of payment in words, not one target to bound
            named_unit = unit_in_name(row.name)
            found = [c for c in comparisons(text) if (c.unit or named_unit) and c.unit != "date"]
            if any(c.word for c in comparisons(text)):
                directed += 1
                continue
            if hint(row.name) is not None:
                continue  # 苗木成活率(≥**%) / 85: the template printed the direction
            if not found:
                continue
            what = _figure_kind(found[0].quantity, named_unit, row.cat.is_cost)
            if what is None:
                continue
            name = bare_name(row.name)
            if what == "cost" and _STANDARD_NAME.search(simplified(name)):
                continue  # a standard or a price is paid as written: no direction to ask for
            if what == "cost" and _fixed_by_source(decl, found[0].quantity):
                what = "cost_fixed"  # set by a document or a contract: "=" is as likely as "≤"
            if what == "rate":
                what = (
                    "rate_floor"
                    if _HIGHER_BETTER.search(name)
                    else "rate_ceiling"
                    if _LOWER_BETTER.search(name)
                    else what
                )
            candidates.append((row, found[0], what, named_unit))
        for row, c, what, named_unit in candidates:
            if what == "quantity":
                if quantity_mode == "never":
                    continue
                if quantity_mode == "when-others-have" and (not directed or _in_goals(decl, c.quantity, named_unit)):
                    continue
            yield Hit(
                row.target_pointer,
                row_args(
                    row,
                    row.ind.value or "",
                    number=_quoted(row.ind.value or "", c.quantity)
                    if c.quantity.unit
                    else f"{c.quantity.text}{named_unit or ''}",
                ),
                severity=severity,
                variant=what,
                suggest=True,
            )


_RATE = re.compile(r"率|满意|占比|比例|比重|覆盖|合格|达标|完成|及时|到位")


@kind
class PercentRange(Kind):
    name = "percent-range"
    description = {
        "zh": "比率类指标的百分数超出0–100%。",
        "en": "A rate is given as a percentage outside 0–100%.",
    }
    params_schema = schema("placeholders", growth_rate_terms=STRINGS)

    def check(self, decl: Declaration, params: dict[str, Any], ctx: Context) -> Iterable[Hit]:
        tokens = settings(params, ctx)["placeholders"]
        growth = [
            norm(t)
            for t in params.get(
                "growth_rate_terms", ["增长", "增幅", "增速", "提高", "提升", "上升", "同比", "环比", "倍"]
            )
        ]
        for row, text in stated_rows(ctx.analysis_for(decl).rows, tokens):
            name = row.name
            both = norm(name) + norm(text)
            if any(g in both for g in growth):
                continue
            if not (_RATE.search(both) or row.cat.is_satisfaction):
                continue
            for c in comparisons(text):
                if not c.quantity.is_percent:
                    continue
                number = c.number / 10 if c.unit == "‰" else c.number
                impossible = number > 100 or (number == 100 and c.op is Op.GT) or (number == 0 and c.op is Op.LT)
                if impossible:
                    yield Hit(
                        row.target_pointer,
                        {"category": row.cat.label or "指标", "value": display(text), "percent": c.quantity.text},
                        suggest=True,
                    )
                    break


_TRIVIAL_WORDS = {"完成", "是", "有", "好", "正常", "已", "可以", "能"}


@kind
class TrivialTarget(Kind):
    name = "trivial-target"
    description = {
        "zh": "目标恒能达到（≥0、≤100%、“完成”“是”），起不到约束作用。",
        "en": "The target is always met (≥0, ≤100%, “完成”, “是”), so it constrains nothing.",
    }
    params_schema = schema("placeholders", trivial_words=STRINGS)

    def check(self, decl: Declaration, params: dict[str, Any], ctx: Context) -> Iterable[Hit]:
        tokens = settings(params, ctx)["placeholders"]
        words = {norm(w) for w in params.get("trivial_words", sorted(_TRIVIAL_WORDS))}
        for row, text in valued_rows(ctx.analysis_for(decl), tokens):
            i = row.index
            t = norm(text).rstrip("。.")
            trivial = t in words
            if not trivial:
                cs = comparisons(text)
                if len(cs) == 1:
                    c = cs[0]
                    trivial = bool(
                        (c.number == 0 and c.op in (Op.GE,) and c.word)
                        or (c.quantity.is_percent and c.number >= 100 and c.op in (Op.LE,) and c.word)
                    )
            if trivial:
                yield Hit(
                    f"/indicators/{i}/value",
                    {"category": row.cat.label or "指标", "value": display(text)},
                    suggest=True,
                )


#: rates that are a share of a whole and so cannot exceed 100 % (a completion rate of a
#: plan or a growth rate can: those are left out)
_NOT_A_SHARE = re.compile(
    r"增长|增幅|增速|提高率|提升率|上升|同比|环比|倍|回报率|收益率|贡献率|周转率|利润率|产出率|超额|"
    r"(?<!及时)(?<!按时)(?<!按期)完成率(?!及时)|计划完成|任务完成|目标完成"
)


#: words that say "reach" rather than "at least": 达到100% is exactly all of it
_REACH = {"达", "达到", "力争", "保持在"}


@kind
class RateFloor100(Kind):
    name = "rate-floor-100"
    description = {
        "zh": "份额类比率（合格率、覆盖率、及时率、满意度……）的目标写成“≥100%”：比率不可能超过 100%。",
        "en": "A share-type rate (pass, coverage, on-time, satisfaction …) targeted at “≥100%”: it cannot exceed 100%.",
    }
    params_schema = schema("placeholders")

    def check(self, decl: Declaration, params: dict[str, Any], ctx: Context) -> Iterable[Hit]:
        tokens = settings(params, ctx)["placeholders"]
        for row, text in stated_rows(ctx.analysis_for(decl).rows, tokens):
            both = plain(row.name) + plain(text)
            if not (_RATE.search(both) or row.cat.is_satisfaction) or _NOT_A_SHARE.search(both):
                continue
            if not row.cat.is_satisfaction and unwanted_rate(row.name) is not None:
                continue  # 逾期率≥100%: a rate to keep low, CON009's (“=100%” would be wrong advice)
            p = row.percent
            if p is None or p.lower != 100 or not p.lower_inclusive or p.upper is not None:
                continue
            words = {c.word for c in comparisons(with_named_percent(text, row.name)) if c.quantity.is_percent}
            if words & _REACH:
                continue  # 达到100%: reaching all of it, not a floor
            yield Hit(
                row.target_pointer,
                row_args(row, text),
                suggest=True,
            )


#: what an output count can be: people, households, items, areas, lengths, weights, volumes
_OUTPUT_FAMILIES = ("people", "household", "count", "area", "length", "weight", "volume")
#: counts that are better kept low (incidents, complaints, overruns, consumption, inputs the
#: rules cap such as meetings and staff): for these a ceiling is the target, not a slip
_LESS_IS_BETTER = re.compile(
    r"事故|投诉|举报|违规|违纪|违法|差错|错误|失误|超标|超支|超期|逾期|延误|积压|滞留|死亡|伤亡|损失|"
    r"发生|发案|案发|上访|信访|污染|排放|耗|库存|闲置|空置|返工|返修|故障|不合格|隐患|风险|"
    r"减少|降低|下降|压减|压缩|控制|上限|限额|最多|不超过|以内|"
    r"会议|接待|出国|出境|出差|公务用车|公车|编制|人员|聘用|占用|占地|人均|每"
)


@kind
class QuantityCeiling(Kind):
    name = "quantity-ceiling"
    description = {
        "zh": "数量指标（要完成的产出）写成上限（“<=6962人”“≤500亩”）：完成得再少也达标。",
        "en": "A quantity indicator (an output to deliver) written as a ceiling (“<=6962人”, “≤500亩”): "
        "delivering less, even nothing, would meet it.",
    }
    params_schema = schema("placeholders")

    def check(self, decl: Declaration, params: dict[str, Any], ctx: Context) -> Iterable[Hit]:
        tokens = settings(params, ctx)["placeholders"]
        for row, text in valued_rows(ctx.analysis_for(decl), tokens):
            if row.cat.level2 != "数量指标" or _LESS_IS_BETTER.search(simplified(plain(row.name))):
                continue
            if _RANGE.search("".join(text.split())):
                continue  # 50～60人: bounded on both sides
            named = unit_in_name(row.name)
            # a bare figure counts what the name counts (车辆采购数量 小于等于1)
            counted = name_family(row.name) in ("count", "people", "household")
            found = [c for c in comparisons(text) if (c.unit or named or counted) and c.unit != "date"]
            if len(found) != 1:
                continue  # one target figure, or the value says more than one thing
            c = found[0]
            if c.op not in (Op.LE, Op.LT) or not c.word or c.number <= 0:
                continue
            if not (unit_family(c.unit or named) in _OUTPUT_FAMILIES or (counted and not (c.unit or named))):
                continue
            number = c.quantity.text if c.quantity.unit else f"{c.quantity.text}{named or ''}"
            yield Hit(
                row.target_pointer,
                row_args(row, text, fallback="数量指标", number=number),
                suggest=True,
            )


_MONEY_NAME = re.compile(r"费|资金|金额|成本|投入|投资|补助|补贴|资助|奖补|单价|价格|造价|工资|报酬|租金")
#: an amount of money in prose with no unit at all: 完成…项目投资500, (元? 万元?)
_BARE_AMOUNT = re.compile(r"(?:投资|资金|经费|预算|投入|金额)(?:总额|额度)?\s*(\d+(?:\.\d+)?)(?=[,，。;；、\s]|$)")
#: a figure with 万 but no 元 (620万/月, 854万), or a figure per unit with no currency (28.40/株)
_WAN_ONLY = re.compile(r"(?<![\d.])(\d+(?:\.\d+)?)\s*(万|亿)(?![元\w])|(?<![\d.])(\d+(?:\.\d+)?)\s*(万|亿)(?=[/／])")
_PER_NO_CURRENCY = re.compile(r"(?<![\d.])(\d+(?:\.\d+)?)\s*[/／]\s*([\u4e00-\u9fff]{1,3})")
_LENGTH_NAME = re.compile(
    r"长度|里程|道路|公路|路面|河道|渠|沟|管网|管道|堤|围墙|护栏|线路|步道|栈道|跑道"
    r"|射程|距离|高度|宽度|深度|半径|直径|跨度"
)
_NOT_LENGTH = re.compile(r"带宽|宽带|网络|存储|内存|流量|容量|网速")


def _goal_label(decl: Declaration, key: str) -> str:
    """The goal's label as the form writes it, else its name in the i18n table."""
    label = decl.source.labels.get(f"/goals/{key}")
    if label is not None and label.text:
        return label.text.strip().rstrip(":：")
    return t(f"field.goals.{key}", "zh") if has(f"field.goals.{key}") else "绩效目标"


@kind
class MoneyUnitIncomplete(Kind):
    name = "money-unit-incomplete"
    description = {
        "zh": "金额没有写货币单位（“≤620万/月”“≤28.40/株”），或用“M”表示米。",
        "en": "An amount without its currency unit (“≤620万/月”, “≤28.40/株”), or “M” written for metres.",
    }
    params_schema = schema("placeholders")

    def check(self, decl: Declaration, params: dict[str, Any], ctx: Context) -> Iterable[Hit]:
        tokens = settings(params, ctx)["placeholders"]
        for row, value in valued_rows(ctx.analysis_for(decl), tokens, satisfaction=False):
            text = unicodedata.normalize("NFKC", value)
            args = row_args(row, value)
            money_row = row.cat.is_cost or bool(_MONEY_NAME.search(plain(row.name)))
            # a sheet whose note states its money unit ("单位：万元") gives "250万" its currency
            if money_row and "元" not in text and not unit_in_name(row.name) and not decl.money.unit:
                m = _WAN_ONLY.search(text)
                if m:
                    written = m.group(0)
                    yield Hit(row.target_pointer, {**args, "written": written}, variant="wan", suggest=True)
                    continue
                m = _PER_NO_CURRENCY.search(text)
                if m and row.cat.is_cost:
                    yield Hit(row.target_pointer, {**args, "written": m.group(0)}, variant="per", suggest=True)
                    continue
            metres = [q for q in quantities(text) if q.unit == "M"]
            if metres and _LENGTH_NAME.search(plain(row.name)) and not _NOT_LENGTH.search(plain(row.name)):
                yield Hit(row.target_pointer, {**args, "written": metres[0].text}, variant="metre", suggest=True)
        if decl.money.unit:
            return  # the sheet's money-unit note gives the goals' amounts their unit too
        for key in sorted(decl.goals):
            goal = unicodedata.normalize("NFKC", decl.goals[key] or "")
            for m in _BARE_AMOUNT.finditer(goal):
                number = Decimal(m.group(1))
                if number == number.to_integral_value() and 1900 <= number <= 2100:
                    continue  # 资金2023, …: a year, not an amount
                pointer = f"/goals/{key}"
                yield Hit(pointer, {"field": _goal_label(decl, key), "written": m.group(0)}, variant="goal")
                break


_COMPLIANCE = re.compile(r"合规|准确|足额|按标准|按规定|专款专用|资金安全|违规")
_RATE_NAME = re.compile(r"率|性|比例|比率|%|百分比")
#: what an accuracy must be 100 % about: paying out and accounting for money
_PAYMENT = re.compile(r"发放|支付|拨付|兑付|资金|补助|补贴|工资|报酬|核算|结算")


@kind
class ComplianceBelow100(Kind):
    name = "compliance-rate-below-100"
    description = {
        "zh": "合规、准确、足额、按标准发放一类的比率目标低于 100%，等于容许违规。",
        "en": "A compliance, accuracy, full-payment or at-standard rate targeted below 100 %, which tolerates "
        "irregularities.",
    }
    params_schema = schema("placeholders")

    def check(self, decl: Declaration, params: dict[str, Any], ctx: Context) -> Iterable[Hit]:
        tokens = settings(params, ctx)["placeholders"]
        for row, value in valued_rows(ctx.analysis_for(decl), tokens, satisfaction=False):
            name = bare_name(row.name)
            m = _COMPLIANCE.search(name)
            if m is None or not _RATE_NAME.search(name) or "违规" in name:
                continue  # a 违规率 should be 0, not 100: another matter
            if m.group(0) == "准确" and not _PAYMENT.search(name):
                continue  # 预报准确率, 认定准确率: accuracy of a judgement, rightly below 100 %
            if sum(1 for q in quantities(row.name) if q.is_percent) >= 2:
                continue  # a grading scale
            p = row.percent
            if p is None:
                continue
            floor = p.lower if p.lower is not None else p.upper
            if floor is None or floor >= 100 or p.upper is not None and p.lower is None:
                continue
            yield Hit(
                row.target_pointer,
                row_args(row, value, word=m.group(0)),
                suggest=True,
            )


#: a count's unit written as the name of the count: 80人数, 12户数, 5个数 (数 ends the value)
#: (a number starts only where no digit is before it: a search over 200,000 digits stays linear)
_COUNT_WORD_UNIT = re.compile(
    r"(?<![\d.])(\d+(?:\.\d+)?)\s*(人次|人|户|个|次|件|项|台|套|家|所|辆|批|场|期)数(?![\u4e00-\u9fffA-Za-z])"
)
#: 人/次 ("people per time") written for the count 人次
_PER_TIME = re.compile(r"(?<![\d.])(\d+(?:\.\d+)?)\s*人\s*[/／]\s*次(?![\u4e00-\u9fff/／])")
_PERSON_TIMES_NAME = re.compile(r"人次|人数")


@kind
class UnitMalformed(Kind):
    name = "unit-malformed"
    description = {
        "zh": "计数单位写成了指标名称（“80人数”应为“80人”）或写成“人/次”（应为“人次”）。",
        "en": "A count's unit written as the quantity's name (80人数 for 80人) or as 人/次 (for 人次).",
    }
    params_schema = schema("placeholders")

    def check(self, decl: Declaration, params: dict[str, Any], ctx: Context) -> Iterable[Hit]:
        tokens = settings(params, ctx)["placeholders"]
        for row, value in valued_rows(ctx.analysis_for(decl), tokens):
            text = unicodedata.normalize("NFKC", value)
            args = row_args(row, value)
            m = _COUNT_WORD_UNIT.search(text)
            if m:
                written, unit = m.group(0).replace(" ", ""), m.group(2)
                yield Hit(
                    row.target_pointer,
                    {**args, "written": written, "unit": unit, "fixed": m.group(1) + unit},
                    suggest=True,
                )
                continue
            m = _PER_TIME.search(text)
            if m and _PERSON_TIMES_NAME.search(plain(row.name)):
                yield Hit(
                    row.target_pointer,
                    {**args, "written": m.group(0).replace(" ", ""), "unit": "人次", "fixed": m.group(1) + "人次"},
                    variant="per_time",
                    suggest=True,
                )
