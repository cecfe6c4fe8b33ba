"""Indicator-structure kinds (IND family): required categories, names that
are missing, copied, too long or duplicated, misfiled indicators, duties
restated as indicators, and too few measurable indicators.

Ownership: 满意度 presence is ``satisfaction-present``'s and 成本 presence
``cost-present``'s, so the category kinds leave those two out; placeholder
cells are the PH family's.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from typing import Any

from perflint.checks.analysis.rows import valued_rows
from perflint.checks.analysis.shape import doubtful_rows, name_absence_read, shifted_table
from perflint.checks.analysis.values import (
    BENEFIT,
    OUTPUT,
    QUALITY,
    QUANTITY,
    TIMELINESS,
    category,
    common_prefix_len,
    containment,
    display,
    is_blank,
    is_measurable,
    is_placeholder_row,
    is_real_row,
    looks_like_duties,
    norm,
    one_level_down,
    quantities,
    skip_cell,
    strip_numbering,
    target_pointer,
)
from perflint.checks.base import SEVERITY, STRINGS, Context, Hit, Kind, applies, kind, schema, settings
from perflint.domain.findings import Severity
from perflint.domain.model import Declaration, escape_pointer

_REQUIRED_DEFAULT = [OUTPUT, BENEFIT]
#: the categories other rules own: satisfaction-present and cost-present
_OWNED = ["满意度指标", "成本指标"]
_REQUIRED_SCHEMA = {"type": "object", "additionalProperties": STRINGS}


def _required_level1(params: dict[str, Any], ctx: Context, decl: Declaration) -> list[str]:
    """The profile's ``required_level1`` for this form type, less the categories
    that ``satisfaction-present`` and ``cost-present`` report."""
    table = ctx.setting(params, "required_level1") or {}
    wanted = table.get(str(decl.form_type))
    if wanted is None:
        wanted = table.get("项目支出") if str(decl.form_type) == "unknown" else None
    if wanted is None:
        wanted = _REQUIRED_DEFAULT
    owned = set(params.get("owned_elsewhere", _OWNED))
    return [name for name in wanted if name not in owned]


def _skip_cell(text: str | None, tokens: Sequence[str]) -> bool:
    """Blank, placeholder or template text: owned by VAL001 / the PH family."""
    return skip_cell(text, tokens)


@kind
class RequiredLevel1(Kind):
    name = "required-level1"
    description = {
        "zh": "检查档案要求的一级指标（产出、效益……）是否齐全；旧称归一时给出提示。",
        "en": "The profile's required first-level categories (output, benefit …) must be present; legacy names are noted.",
    }
    params_schema = schema(required_level1=_REQUIRED_SCHEMA, owned_elsewhere=STRINGS, legacy_names=STRINGS)

    def check(self, decl: Declaration, params: dict[str, Any], ctx: Context) -> Iterable[Hit]:
        required = _required_level1(params, ctx, decl)
        if not decl.indicators:
            yield Hit(
                "/indicators",
                {"categories": "、".join(required), "category": required[0] if required else ""},
                variant="none",
            )
            return
        if shifted_table(decl):
            return  # the table's cells do not stand under its header: nothing in it is known absent
        present = {row.cat.level1 for row in ctx.analysis_for(decl).rows}
        for name in required:
            if name not in present:
                yield Hit("/indicators", {"category": name})
        legacy = {norm(x).rstrip(":：") for x in params.get("legacy_names", [])}
        for row in ctx.analysis_for(decl).rows:
            i, ind = row.index, row.ind
            for field in ("level1", "level2"):
                raw = getattr(ind, field)
                if raw and field not in ind.inherited and norm(raw).rstrip(":：") in legacy:
                    canon = row.cat
                    yield Hit(
                        f"/indicators/{i}/{field}",
                        {"label": raw, "canonical": canon.level2 if field == "level2" else canon.level1},
                        variant="legacy",
                        severity=Severity.INFO,
                    )


@kind
class RequiredLevel2(Kind):
    name = "required-level2"
    description = {
        "zh": "产出指标下须有数量、质量、时效二级指标（成本由成本指标规则检查）。",
        "en": "The output block needs quantity, quality and timeliness indicators (cost has its own rule).",
    }
    params_schema = schema(
        "placeholders",
        output_level2=STRINGS,
        severity={"type": "object", "additionalProperties": SEVERITY},
        owned_elsewhere=STRINGS,
    )

    def check(self, decl: Declaration, params: dict[str, Any], ctx: Context) -> Iterable[Hit]:
        tokens = settings(params, ctx)["placeholders"]
        if not any(ind.level2 is not None for ind in decl.indicators):
            return  # template without a 二级 column (2019 部门整体)
        if shifted_table(decl):
            return  # the table's cells do not stand under its header: nothing in it is known absent
        parent = OUTPUT
        block = [(row.index, row.ind, row.cat) for row in ctx.analysis_for(decl).rows if row.cat.level1 == parent]
        if not block:
            return  # the whole 一级 is missing: required-level1 reports it
        if all(one_level_down(ind) for _, ind, _ in block):
            return  # NDRC tables: 产出指标 is itself the 二级 under 实施效果指标, with none below it
        owned = set(params.get("owned_elsewhere", _OWNED))
        wanted = [n for n in ctx.setting(params, "output_level2") or [QUANTITY, QUALITY, TIMELINESS] if n not in owned]
        severities = {QUANTITY: "error", QUALITY: "error", TIMELINESS: "warning", **params.get("severity", {})}
        for name in wanted:
            severity = severities.get(name, "error")
            rows = [(i, ind) for i, ind, c in block if c.level2 == name]
            if any(is_real_row(ind, tokens) for _, ind in rows):
                continue
            pointer = target_pointer(rows[0][0], rows[0][1]) if rows else f"/indicators/{block[0][0]}/level1"
            variant = None
            if rows:
                variant = "placeholder" if any(is_placeholder_row(ind, tokens) for _, ind in rows) else "blank"
            yield Hit(pointer, {"category": name, "parent": parent}, severity=Severity(severity), variant=variant)


@kind
class EmptyCategory(Kind):
    name = "empty-category"
    description = {
        "zh": "必填的一级指标下每一行都只是占位符。",
        "en": "Every row of a required first-level category is a placeholder.",
    }
    params_schema = schema("placeholders", required_level1=_REQUIRED_SCHEMA, owned_elsewhere=STRINGS)

    def check(self, decl: Declaration, params: dict[str, Any], ctx: Context) -> Iterable[Hit]:
        tokens = settings(params, ctx)["placeholders"]
        if shifted_table(decl):
            return  # the table's cells do not stand under its header: nothing in it is known absent
        for name in _required_level1(params, ctx, decl):
            rows = [row for row in ctx.analysis_for(decl).rows if row.cat.level1 == name]
            if rows and not any(row.is_real(tokens) for row in rows):
                yield Hit(rows[0].target_pointer, {"category": name, "rows": len(rows)})


@kind
class ContentMissing(Kind):
    name = "content-missing"
    description = {
        "zh": "填了指标值却没有指标内容（指标名称），或名称只是一个数字。",
        "en": "A value is given but the indicator name is empty or only a number.",
    }
    params_schema = schema("placeholders")

    def check(self, decl: Declaration, params: dict[str, Any], ctx: Context) -> Iterable[Hit]:
        tokens = settings(params, ctx)["placeholders"]
        for row, cell in valued_rows(ctx.analysis_for(decl), tokens, references=False):
            if not name_absence_read(decl, row.index):
                continue  # a name cell not read with confidence: it may stand in a cell not found
            name = row.name
            cat = row.cat.label or "指标"
            if is_blank(name):
                yield Hit(row.name_pointer, {"category": cat, "value": display(cell)}, suggest=True)
            elif re.fullmatch(r"[\d.,%％\s]+", unicodedata.normalize("NFKC", name).strip()):
                yield Hit(
                    row.name_pointer,
                    {"category": cat, "value": display(cell), "content": display(name)},
                    variant="number",
                    suggest=True,
                )


@kind
class ValueCopiesContent(Kind):
    name = "value-copies-content"
    description = {
        "zh": "指标值照抄指标内容，没有给出目标水平。",
        "en": "The value repeats the indicator name instead of stating a target level.",
    }
    params_schema = schema(
        "placeholders",
        similarity_threshold={"type": "number", "minimum": 0, "maximum": 1},
        min_prefix={"type": "integer", "minimum": 1},
        min_value_length={"type": "integer", "minimum": 1},
    )

    def check(self, decl: Declaration, params: dict[str, Any], ctx: Context) -> Iterable[Hit]:
        tokens = settings(params, ctx)["placeholders"]
        threshold = float(ctx.setting(params, "similarity_threshold", 0.5))
        min_prefix = params.get("min_prefix", 20)
        min_len = params.get("min_value_length", 8)
        for row, cell in valued_rows(ctx.analysis_for(decl), tokens, references=False):
            i = row.index
            name = row.name
            if _skip_cell(name, tokens):
                continue
            value, content = norm(cell), norm(name)
            args = {"category": row.cat.label or "指标", "value": display(cell), "content": display(name)}
            if value == content:
                yield Hit(f"/indicators/{i}/value", args, variant="equal", suggest=True)
                continue
            prefix = common_prefix_len(value, content)
            if prefix >= min_prefix:
                yield Hit(f"/indicators/{i}/value", {**args, "prefix": prefix}, variant="prefix", suggest=True)
                continue
            if len(value) < min_len:
                continue
            # A value that brings a figure of its own sets a level: not a copy.
            content_numbers = {q.number for q in quantities(name)}
            if any(q.number not in content_numbers for q in quantities(cell)):
                continue
            ratio = containment(value, content)
            if ratio >= threshold:
                yield Hit(f"/indicators/{i}/value", {**args, "ratio": f"{ratio:.2f}"}, suggest=True)


#: the pinyin some mirrors print after characters, with the "?" of a lost character:
#: 享受?chē)?guó)家助學(xué)金 — not the filer's words, neither length nor sentences
_MIRROR_PINYIN = re.compile(r"\??\(?[a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]{1,7}\)")


def _sentences(text: str) -> int:
    return len([s for s in re.split(r"[。；;！!？?\n]", unicodedata.normalize("NFKC", text)) if s.strip()])


@kind
class ContentIsParagraph(Kind):
    name = "content-is-paragraph"
    description = {
        "zh": "指标内容是一段话（过长或多句），应拆成若干个简短的指标名称。",
        "en": "The indicator name is a paragraph (too long or several sentences); split it into short names.",
    }
    params_schema = schema("placeholders", "max_content_len", max_sentences={"type": "integer", "minimum": 1})

    def check(self, decl: Declaration, params: dict[str, Any], ctx: Context) -> Iterable[Hit]:
        s = settings(params, ctx)
        max_sentences = params.get("max_sentences", 2)
        for row in ctx.analysis_for(decl).rows:
            ind = row.ind
            if ind.value is None:
                continue  # template without a value column: the name carries the target
            name = row.name
            if _skip_cell(name, s["placeholders"]):
                continue
            bare = _MIRROR_PINYIN.sub("", unicodedata.normalize("NFKC", name))
            length, sentences = len(norm(bare)), _sentences(bare)
            if length > s["max_content_len"] or sentences > max_sentences:
                yield Hit(
                    row.name_pointer,
                    {
                        "category": row.cat.label or "指标",
                        "content": display(name, 24),
                        "length": length,
                        "sentences": sentences,
                        "max": s["max_content_len"],
                    },
                    suggest=True,
                )


@kind
class ValueIsNarrative(Kind):
    name = "value-is-narrative"
    description = {
        "zh": "指标值是一段叙述（过长、含句号分号或多个分句），不是一个目标值。",
        "en": "The value is narrative (too long, sentence punctuation or several clauses), not a target.",
    }
    params_schema = schema("placeholders", "max_value_len", max_clauses={"type": "integer", "minimum": 1})

    def check(self, decl: Declaration, params: dict[str, Any], ctx: Context) -> Iterable[Hit]:
        s = settings(params, ctx)
        max_clauses = params.get("max_clauses", 2)
        for row, cell in valued_rows(ctx.analysis_for(decl), s["placeholders"], references=False):
            i = row.index
            t = unicodedata.normalize("NFKC", cell).strip().rstrip("。.")
            length = len(norm(t))
            clauses = len([c for c in re.split(r"[,，;；。]", t) if c.strip()])
            if length > s["max_value_len"] or re.search(r"[;；。]", t) or clauses > max_clauses:
                yield Hit(
                    f"/indicators/{i}/value",
                    {
                        "category": row.cat.label or "指标",
                        "value": display(cell, 24),
                        "length": length,
                        "max": s["max_value_len"],
                    },
                    suggest=True,
                )


@kind
class DuplicateWithinForm(Kind):
    name = "duplicate-within-form"
    description = {
        "zh": "同一张表里两行指标内容相同。",
        "en": "Two rows of one form have the same indicator name.",
    }
    params_schema = schema("placeholders")

    def check(self, decl: Declaration, params: dict[str, Any], ctx: Context) -> Iterable[Hit]:
        tokens = settings(params, ctx)["placeholders"]
        seen: dict[str, int] = {}
        pairs: list[tuple[Any, int]] = []  # (row, index of the first row with its name)
        for row in ctx.analysis_for(decl).rows:
            i = row.index
            name = row.name
            if _skip_cell(name, tokens):
                continue
            key = re.sub(r"[\W_]+", "", norm(name))
            if len(re.findall(r"[\u4e00-\u9fff]", key)) < 4:
                continue  # a number or a fragment ("88", "指标") repeated is a misreading, not a copy
            if key in seen:
                pairs.append((row, seen[key]))
            else:
                seen[key] = i
        repeated = _repeated_block(pairs)
        # a duplicate rests on two rows: the first must be read with confidence too (the row a
        # finding points at is checked by the engine)
        unsure = doubtful_rows(decl) | set(decl.reading.unreliable_rows if decl.reading else ())
        for row, first_index in pairs:
            if row.index in repeated or first_index in unsure:
                continue
            first = decl.indicators[first_index]
            yield Hit(
                row.name_pointer,
                {
                    "content": display(row.name),
                    "category": row.cat.label or "指标",
                    "first_category": category(first).label or "指标",
                    "first_row": first_index + 1,
                    "row": row.index + 1,
                },
            )


#: rows repeated in order, as many as this, are a second table (中期 and 年度 side by side, a
#: page read twice), not indicators copied within one table
_REPEATED_RUN = 3


def _repeated_block(pairs: list[tuple[Any, int]]) -> set[int]:
    """The rows among ``pairs`` (row, first row with its name) that repeat a run of rows in order."""
    by_offset: dict[int, list[int]] = {}
    for row, first in pairs:
        by_offset.setdefault(row.index - first, []).append(row.index)
    out: set[int] = set()
    for rows in by_offset.values():
        run = [rows[0]]
        for index in rows[1:] + [-1]:
            if index == run[-1] + 1:
                run.append(index)
                continue
            if len(run) >= _REPEATED_RUN:
                out.update(run)
            run = [index]
    return out


_TIME = re.compile(
    r"日|月|年|天|小时|时限|工作日|周|季度|分钟|秒|前|及时|按时|准时|限时|即时|实时|时间|时长|期限|"
    r"周期|截止|当天|当日|同步|进度|时效|按期|如期|逾期|当年|按计划|"
    r"限内|工期内|"  # 法定审限内结案率, 规定时限内办结率: a rate within a set time limit is one of timeliness
    r"(?:19|20)\d\d[.\-/]\d{1,2}"  # 2020.1.1-2020.12.31
)
_UNIT_PRICE = re.compile(
    r"每(?:人|户|名|位|家|个|次)(?:每(?:月|年|天|日|次|季度?))?[^，,；;。]{0,8}?\d|"
    r"(?:元|万元)/(?:人|户|次|月|年|天|名|个)|人均"
)
_INPUT = re.compile(
    r"(?P<group>工作人员|人员|职工|员工|干部|工作者)\s*\d+\s*(?:名|人)|资金\s*\d+(?:\.\d+)?\s*万?元|"
    r"(?:投入|配备|聘用|招聘)[^，,；;。]{0,6}\d+\s*(?:名|人)"
)


def _project_object(decl: Declaration, found: re.Match[str]) -> bool:
    """The people counted are what the project is for (村组干部 in a project named 村组干部报酬,
    or in its goal "按时发放村组干部报酬"): counting those paid is its output, not an input."""
    group = found.group("group")
    if not group:
        return False
    where = [decl.name or "", *decl.goals.values()]
    return any(group in norm(text) for text in where)


@kind
class Misclassified(Kind):
    name = "misclassified"
    description = {
        "zh": "指标放错了类别：时效值无时间要素、质量值是金额、数量值是单价、满意度放在效益下、数量统计的是投入。",
        "en": "An indicator sits in the wrong category: no time element under timeliness, money under quality, "
        "a unit price under quantity, satisfaction under benefit, inputs counted as outputs.",
    }
    params_schema = schema(
        "placeholders",
        checks={
            "type": "array",
            "items": {"enum": ["time", "quality_money", "quantity_unit_price", "satisfaction_in_benefit", "input"]},
        },
        input_severity=SEVERITY,
    )

    def check(self, decl: Declaration, params: dict[str, Any], ctx: Context) -> Iterable[Hit]:
        tokens = settings(params, ctx)["placeholders"]
        enabled = set(
            params.get("checks", ["time", "quality_money", "quantity_unit_price", "satisfaction_in_benefit", "input"])
        )
        for row in ctx.analysis_for(decl).rows:
            ind, cat = row.ind, row.cat
            name = row.name
            value = row.target
            vptr = row.target_pointer
            value_ok = not _skip_cell(value, tokens)
            args = {"category": cat.label or "指标", "value": display(value), "content": display(name)}
            if cat.level2 == TIMELINESS and value_ok and "time" in enabled:
                has_pct = any(q.is_percent for q in quantities(value))
                # a rate whose name was not read: the name may be what says it is timely (及时率)
                unread = has_pct and is_blank(name) and not name_absence_read(decl, row.index)
                if not _TIME.search(norm(value)) and not (has_pct and _TIME.search(norm(name))) and not unread:
                    yield Hit(vptr, args, variant="time", suggest=True)
            if cat.level2 == QUALITY and value_ok and "quality_money" in enabled:
                money = [q for q in quantities(value) if q.unit and "元" in q.unit]
                if money:
                    yield Hit(vptr, {**args, "amount": money[0].text}, variant="quality_money", suggest=True)
            if cat.level2 == QUANTITY and value_ok and "quantity_unit_price" in enabled:
                if _UNIT_PRICE.search(unicodedata.normalize("NFKC", value)):
                    yield Hit(vptr, args, variant="quantity_unit_price", suggest=True)
            if (
                cat.level1 == BENEFIT
                and not cat.is_satisfaction
                and "satisfaction_in_benefit" in enabled
                and ind.value is not None  # templates without a value column have no 满意度 block
                and not _skip_cell(name, tokens)
                and "满意" in norm(name)
            ):
                yield Hit(row.name_pointer, args, variant="satisfaction_in_benefit", suggest=True)
            if (
                cat.level2 == QUANTITY
                and "input" in enabled
                and not _skip_cell(name, tokens)
                and (m := _INPUT.search(unicodedata.normalize("NFKC", name)))
                and not _project_object(decl, m)
            ):
                yield Hit(
                    row.name_pointer,
                    {**args, "input": m.group(0)},
                    variant="input",
                    severity=Severity(params.get("input_severity", "info")),
                )


@kind
class DutiesAsIndicators(Kind):
    name = "duties-as-indicators"
    description = {
        "zh": "指标内容复述职能职责或实施内容（以“负责”开头，或与职能概述、实施内容高度相似）。",
        "en": "The indicator restates duties or tasks (starts with 负责, or closely matches the functions or schedule).",
    }
    params_schema = schema(
        "placeholders",
        "max_value_len",
        "qualitative_allowlist",
        similarity_threshold={"type": "number", "minimum": 0, "maximum": 1},
        min_length={"type": "integer", "minimum": 1},
    )

    def check(self, decl: Declaration, params: dict[str, Any], ctx: Context) -> Iterable[Hit]:
        tokens = settings(params, ctx)["placeholders"]
        threshold = float(ctx.setting(params, "similarity_threshold", 0.5))
        min_length = params.get("min_length", 12)
        references = [("functions", decl.functions or "")] + [("schedule", r.content) for r in decl.schedule]
        for row in ctx.analysis_for(decl).rows:
            ind = row.ind
            name = row.name
            if _skip_cell(name, tokens):
                continue
            args = {"category": row.cat.label or "指标", "content": display(name)}
            if looks_like_duties(name):
                yield Hit(row.name_pointer, args, variant="duty_verbs", suggest=True)
                continue
            if len(norm(strip_numbering(name))) < min_length:
                continue
            if ind.value is not None and (is_measurable(ind.value, settings(params, ctx)) or row.quantities):
                # a named indicator with a target figure (measurable, or a bare count whose unit
                # is VAL004's concern) may share words with the task it measures
                continue
            for source, text in references:
                if is_blank(text):
                    continue
                ratio = containment(strip_numbering(name), text)
                if ratio >= threshold:
                    yield Hit(
                        row.name_pointer,
                        {**args, "source": source, "ratio": f"{ratio:.2f}"},
                        variant=source,
                        suggest=True,
                    )
                    break


@kind
class MinMeasurable(Kind):
    name = "min-measurable"
    description = {
        "zh": "一张表中可衡量的指标（有数字和单位，或公认的定性标准）少于规定个数。",
        "en": "A form has fewer measurable indicators (a figure with a unit, or an accepted standard) than required.",
    }
    params_schema = schema(
        "placeholders",
        "max_value_len",
        "qualitative_allowlist",
        min_measurable_indicators={"type": "integer", "minimum": 1},
        form_types={"type": "array", "items": {"enum": ["project", "department"]}},
    )

    def check(self, decl: Declaration, params: dict[str, Any], ctx: Context) -> Iterable[Hit]:
        if not applies(params, decl) or not decl.indicators:
            return
        if shifted_table(decl):
            return  # the table's cells do not stand under its header: nothing in it is known absent
        s = settings(params, ctx)
        minimum = int(ctx.setting(params, "min_measurable_indicators", 3))
        measurable = [
            row.index
            for row in ctx.analysis_for(decl).rows
            if is_measurable(row.target, s, None if row.ind.value is None else row.name)
        ]
        if len(measurable) < minimum:
            yield Hit("/indicators", {"count": len(measurable), "min": minimum, "rows": len(decl.indicators)})


#: the columns that should explain a row's value or say how it is scored (指标值说明, 指标解释,
#: 指标值设定依据, 评分标准, 扣分标准, 备注): a fixed choice such as 绩效标准 (计划标准 / 行业标准)
#: or 指标方向 (正向指标) is the same on many rows by design and is not one of them
_EXPLAINING = re.compile(r"说明|解释|依据|评分|扣分|备注|计算方法")


@kind
class BoilerplateNote(Kind):
    name = "boilerplate-note"
    description = {
        "zh": "说明或评分一栏每一行都写着同一句话（“该指标值数据合理”“未达指标值酌情扣分”），没有说明任何一个指标。",
        "en": "An explanation or scoring column holds the same sentence on every row (该指标值数据合理, 未达指标值酌情扣分): "
        "it explains no indicator.",
    }
    params_schema = schema(
        "placeholders",
        min_rows={"type": "integer", "minimum": 2},
        min_chars={"type": "integer", "minimum": 1},
    )

    def check(self, decl: Declaration, params: dict[str, Any], ctx: Context) -> Iterable[Hit]:
        tokens = settings(params, ctx)["placeholders"]
        min_rows = int(params.get("min_rows", 3))
        min_chars = int(params.get("min_chars", 6))
        unsure = doubtful_rows(decl) | set(decl.reading.unreliable_rows if decl.reading else ())
        columns: dict[str, list[tuple[int, str]]] = {}
        for i, ind in enumerate(decl.indicators):
            row_cells = [(name, text) for name, text in ind.extra.items() if _EXPLAINING.search(name)]
            if ind.note is not None:
                row_cells.append(("", ind.note))
            for name, text in row_cells:
                if _skip_cell(text, tokens):
                    continue
                columns.setdefault(name, []).append((i, text))
        for name, filled in columns.items():
            texts = {"".join(unicodedata.normalize("NFKC", text).split()).rstrip("。.") for _, text in filled}
            if len(filled) < min_rows or len(texts) != 1:
                continue  # a cell that says something else: the column is written row by row
            (text,) = texts
            if len(re.findall(r"[\u4e00-\u9fff]", text)) < min_chars:
                continue  # 计划标准, 正向: a short fixed choice, not an explanation
            if re.search(r"\d|[一二两三四五六七八九十百]个?(?:百分点|分|%)", text):
                continue  # 每低1个百分点扣1分: one rule with its figures, which may hold for every row
            if any(i in unsure for i, _ in filled):
                continue  # the sameness rests on every row: each must be read with confidence
            first = filled[0][0]
            pointer = f"/indicators/{first}/note" if not name else f"/indicators/{first}/extra/{escape_pointer(name)}"
            yield Hit(pointer, {"column": name or "备注", "text": display(filled[0][1]), "rows": len(filled)})
