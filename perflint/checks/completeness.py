"""Completeness kinds: the required fields of a declaration (REQ family).

Ownership, so that one defect yields one finding: a field holding only a
placeholder (``/``, ``无``) is left to ``placeholder-in-required``, a field
that only points elsewhere (``见附件``) to ``external-reference``, an unfilled
template token (``**``) to ``template-remnant``, and an amount that does not
parse to ``amount-parse``.  These kinds report blank and absent fields.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from perflint.checks.analysis.money import derived_total
from perflint.checks.analysis.shape import in_header_row, not_a_goal
from perflint.checks.analysis.values import (
    display,
    external_reference,
    is_blank,
    is_placeholder,
    norm,
    site_mask,
    template_remnant,
)
from perflint.checks.base import FORM_TYPES, SEVERITY, Context, Hit, Kind, applies, kind, schema, settings
from perflint.domain.findings import Severity
from perflint.domain.model import Declaration
from perflint.domain.text import TICKS, parse_ticks
from perflint.safe_regex import MAX_TEXT_LENGTH, UnsafeRegex, compile_safe


def _owned_elsewhere(text: str | None, placeholders: list[str]) -> bool:
    return is_placeholder(text, placeholders) or external_reference(text) or bool(template_remnant(text))


_FIELDS = ["name", "department", "implementing_unit", "functions", "basis", "safeguards", "filing_unit"]


@kind
class YearHeader(Kind):
    name = "year-header"
    description = {
        "zh": "表头“（ 年度）”须写明四位数的预算年度。",
        "en": "The form header must state a four-digit budget year.",
    }
    params_schema = schema(
        min_year={"type": "integer"},
        max_year={"type": "integer"},
    )

    def check(self, decl: Declaration, params: dict[str, Any], ctx: Context) -> Iterable[Hit]:
        text = decl.year_text or ""
        year = decl.year
        if year is None:
            m = re.search(r"(?<!\d)(\d{4})(?!\d)", unicodedata.normalize("NFKC", text))
            year = int(m.group(1)) if m else None
        if year is None:
            yield Hit("/year_text", {"text": display(text) or "（空）"})
            return
        lo, hi = params.get("min_year", 2000), params.get("max_year", 2100)
        if not lo <= year <= hi:
            yield Hit("/year_text", {"text": display(text) or str(year), "year": year}, variant="implausible")


_SEAL = re.compile(r"[(（]?\s*(?:盖章|签章|公章)\s*[)）]?")
#: the table's unit note printed on the filing unit's line: "单位:万元", "金额单位：元"
_UNIT_NOTE = re.compile(r"[(（]?(?:金额|资金)?单位[:：](?:万元|元|千元|亿元)[)）]?")


@kind
class FilingUnit(Kind):
    name = "filing-unit"
    description = {
        "zh": "“填报单位（盖章）”后须写明单位名称，不能只有盖章提示。",
        "en": "The filing unit must be named, not left as the bare “(seal)” prompt.",
    }
    params_schema = schema("placeholders", require_filing_unit={"type": "boolean"})

    def check(self, decl: Declaration, params: dict[str, Any], ctx: Context) -> Iterable[Hit]:
        if not params.get("require_filing_unit", True) or decl.filing_unit is None:
            return
        text = _UNIT_NOTE.sub("", "".join(_SEAL.sub("", decl.filing_unit).split()))
        if is_blank(text) or is_placeholder(text, settings(params, ctx)["placeholders"]):
            yield Hit("/filing_unit", {"text": display(decl.filing_unit)}, suggest=True)


@kind
class RequiredText(Kind):
    """A narrative field must be filled (and, optionally, be long enough)."""

    name = "required-text"
    description = {
        "zh": "必填的文字栏目（名称、部门、职能概述、保障措施等）不能为空。",
        "en": "A required text field (name, department, functions, safeguards …) must be filled.",
    }
    params_schema = schema(
        "placeholders",
        field={"type": "string", "enum": _FIELDS},
        form_types=FORM_TYPES,
        absent_is_missing={"type": "boolean"},
        min_length={"type": "integer", "minimum": 1},
        short_severity=SEVERITY,
    )

    def check(self, decl: Declaration, params: dict[str, Any], ctx: Context) -> Iterable[Hit]:
        if not applies(params, decl):
            return
        field = params.get("field", "name")
        value = getattr(decl, field)
        pointer = f"/{field}"
        if value is None:
            if params.get("absent_is_missing", False):
                yield Hit(pointer, {"field": field}, variant="absent")
            return
        if is_blank(value):
            yield Hit(pointer, {"field": field})
            return
        if _owned_elsewhere(value, settings(params, ctx)["placeholders"]):
            return
        min_length = params.get("min_length")
        if min_length and len(norm(value)) < min_length:
            yield Hit(
                pointer,
                {"field": field, "text": display(value), "length": len(norm(value)), "min": min_length},
                variant="short",
                severity=Severity(params.get("short_severity", "info")),
            )


@kind
class AttributeTick(Kind):
    name = "attribute-tick"
    description = {
        "zh": "项目（专项）属性“新增/延续”须勾选且只勾选一项。",
        "en": "Exactly one of 新增 (new) / 延续 (continuing) must be ticked.",
    }
    params_schema = schema(form_types=FORM_TYPES, absent_is_missing={"type": "boolean"})

    def check(self, decl: Declaration, params: dict[str, Any], ctx: Context) -> Iterable[Hit]:
        if not applies(params, decl, ("project",)):
            return
        text = decl.attribute_text
        if text is None:
            if is_blank(decl.attribute) and params.get("absent_is_missing", False):
                yield Hit("/attribute_text", {"text": ""}, variant="absent")
            return
        ticked = parse_ticks(text)
        if len(ticked) == 1:
            return
        if not ticked and not is_blank(decl.attribute) and is_blank(text):
            return
        if len(ticked) > 1:
            yield Hit("/attribute_text", {"text": display(text), "ticked": "、".join(ticked)}, variant="both")
        else:
            yield Hit("/attribute_text", {"text": display(text) or "（空）"})


#: an empty box printed before or after an option (口, also a common character, is left out)
_EMPTY_BOX = re.compile(r"[□☐▢]")
#: one option with its box: □常年性项目, 重要工作□
_BOXED_OPTION = re.compile(r"[□☐▢]\s*[\u4e00-\u9fff]{2,}|[\u4e00-\u9fff]{2,}\s*[□☐▢]")
#: a label printed before a choice cell (重要程度:, 资金性质)
_CHOICE_LABEL = re.compile(r"^[\u4e00-\u9fff()（）、/]{2,10}[:：]?$")


def _unticked_choice(text: str) -> bool:
    """A cell of two or more boxed options none of which is ticked, and nothing else
    (``□ 常年性项目 □ 延续性项目 □ 一次性项目``, ``重要工作□ 一般工作□``)."""
    # a pinyin gloss a converting site put after a character (延續(xù)) is no word of the form
    t = re.sub(r"\([a-zA-Z\u00c0-\u024f]{1,6}\)", "", unicodedata.normalize("NFKC", text))
    if any(ch in TICKS for ch in t) or len(_EMPTY_BOX.findall(t)) < 2:
        return False
    rest = _BOXED_OPTION.sub("", t)
    # what is left is spacing, punctuation or the options' own group labels (其他运转类:)
    return len(re.sub(r"[\s:：;；,，、|()（）]|[\u4e00-\u9fff]{2,8}[:：]", "", rest)) == 0


@kind
class ChoiceUnticked(Kind):
    name = "choice-unticked"
    description = {
        "zh": "表中的选择栏（项目类型、资金性质、重要程度……）列出了带方框的选项，却一项也没有勾选。",
        "en": "A choice cell of the form (project type, kind of funds, importance …) lists boxed options "
        "and ticks none of them.",
    }
    params_schema = schema(form_types=FORM_TYPES)

    def check(self, decl: Declaration, params: dict[str, Any], ctx: Context) -> Iterable[Hit]:
        if not applies(params, decl):
            return
        found: list[tuple[str, str, str]] = []  # (pointer, label, text)
        for i, extra in enumerate(decl.fields):
            if extra.text and _unticked_choice(extra.text):
                found.append((f"/fields/{i}/text", (extra.label or "").strip().rstrip(":："), extra.text))
        for i, piece in enumerate(decl.unrecognized):
            if piece and _unticked_choice(piece):
                before = decl.unrecognized[i - 1].strip() if i else ""
                label = before.rstrip(":：") if _CHOICE_LABEL.match(before) and not _EMPTY_BOX.search(before) else ""
                found.append((f"/unrecognized/{i}", label, piece))
        # the 新增/延续 attribute is attribute-tick's
        found = [f for f in found if f[2] != decl.attribute_text]
        if not found:
            return
        labels = [label for _, label, _ in found if label]
        pointer, _, text = found[0]
        yield Hit(
            pointer,
            {
                "fields": "、".join(f"“{label}”" for label in labels) or "选择栏",
                "fields_en": ", ".join(f"“{label}”" for label in labels) or "a choice cell",
                "count": len(found),
                "text": display(text),
            },
        )


def _derived_total(decl: Declaration) -> Decimal | None:
    money = decl.money
    for key in ("income_total", "expenditure_total"):
        line = money.get(key)
        if line is not None and line.amount is not None:
            return line.amount
    for prefix in ("income.", "expenditure.", "source."):
        parts = [ln.amount for ln in money.lines if ln.key.startswith(prefix) and ln.amount is not None]
        if parts:
            return sum(parts, Decimal(0))
    return None


@kind
class TotalFunds(Kind):
    name = "total-funds"
    description = {
        "zh": "资金总额须填写且为正数；能由分项推出时给出建议值。",
        "en": "Total funds must be filled in and positive; a value derived from the breakdown is suggested.",
    }
    params_schema = schema(form_types=FORM_TYPES)

    def check(self, decl: Declaration, params: dict[str, Any], ctx: Context) -> Iterable[Hit]:
        if not applies(params, decl):
            return
        total = decl.money.total
        blank = total is None or is_blank(total.text)
        if blank:
            # The budget rules' own analysis: it suggests a total only when the
            # parts of the money block agree, the same value BUD002 would use.
            derived = derived_total(decl, {}, ctx)
        else:
            derived = _derived_total(decl)
        args = {
            "derived": "" if derived is None else f"{derived.normalize():f}",
            "unit": (total.unit or "") if total is not None else "万元",
        }
        if blank:
            yield Hit("/money/total", {**args, "text": ""}, suggest=derived is not None)
            return
        assert total is not None  # a missing total is blank
        if total.amount is None:
            return  # written but unparseable: amount-parse reports it
        if total.amount <= 0:
            yield Hit(
                "/money/total",
                {**args, "text": display(total.text)},
                variant="not_positive",
                suggest=derived is not None and derived > 0,
            )


DEFAULT_BASIS_PATTERNS = [
    r"《[^》]+》",
    r"[〔\[【(（]\s*\d{4}\s*[〕\]】)）]\s*(?:第\s*)?\d+\s*号",
    r"纪要.{0,12}?\d+\s*号",
    r"纪要.{0,6}第?\s*\d+\s*(?:期|次)",
    r"\d{4}\s*年\s*(?:第\s*)?\d+\s*号",
    r"[\u4e00-\u9fff]{1,8}[发办函字]\s*[〔\[【(（]?\d{4}",
    r"(?:文件|规划|方案|决定|通知|意见|办法|条例|细则|纲要|批复|决议|会议纪要)",
    # a document number without 号: the issuer's abbreviation, the year in brackets, the number (渝财(2022)00001)
    r"[\u4e00-\u9fff]{1,8}[〔\[【(（]\d{4}[〕\]】)）]\d+",
]
#: the built-in patterns, compiled once (two of them, ``纪要.{0,12}?…``, are outside the vetted
#: subset but anchored on 纪要 with a bounded gap: linear on any text); a rule's own
#: ``basis_patterns`` go through :func:`compile_safe`
_DEFAULT_BASIS_RX = [re.compile(unicodedata.normalize("NFKC", p)) for p in DEFAULT_BASIS_PATTERNS]


def _finished(text: str) -> bool:
    """The basis ends its sentence: a cell read in part may stop before the citation (根据《…), and
    only a closing full stop shows the writer said all there was to say."""
    t = "".join(text.split())
    return len(t) >= 4 and t.endswith(("。", ".", "；", ";"))


@kind
class LegalBasis(Kind):
    name = "legal-basis"
    description = {
        "zh": "立项依据须填写，并应引用文件（书名号、文号、纪要号、规划或方案）。",
        "en": "The legal basis must be filled in and should cite a document (title, number, minutes, plan).",
    }
    params_schema = schema(
        "placeholders",
        form_types=FORM_TYPES,
        absent_is_missing={"type": "boolean"},
        basis_patterns={"type": "array", "items": {"type": "string", "format": "regex"}},
    )

    def param_problems(self, params: dict[str, Any]) -> list[tuple[str, dict[str, str]]]:
        # the patterns are matched in NFKC form (（ becomes a group's parenthesis): vet that form
        for i, pattern in enumerate(params.get("basis_patterns", ())):
            try:
                compile_safe(unicodedata.normalize("NFKC", pattern))
            except UnsafeRegex as exc:
                return [(f"basis_patterns.{i}", {"zh": exc.message("zh"), "en": exc.message("en")})]
        return []

    def check(self, decl: Declaration, params: dict[str, Any], ctx: Context) -> Iterable[Hit]:
        if not applies(params, decl, ("project",)):
            return
        text = decl.basis
        # the identity block read only in part: its cells may have run on or been cut, so no blank
        # is claimed, and a basis is judged only when it reads as a finished statement
        whole = decl.reading is None or decl.reading.confident("identity")
        if not whole and (text is None or not _finished(text)):
            return
        if text is None:
            if params.get("absent_is_missing", False):
                yield Hit("/basis", {"text": ""}, variant="missing", severity=Severity.ERROR)
            return
        if is_blank(text):
            yield Hit("/basis", {"text": ""}, variant="missing", severity=Severity.ERROR)
            return
        if _owned_elsewhere(text, settings(params, ctx)["placeholders"]):
            return
        t = unicodedata.normalize("NFKC", text)
        own = params.get("basis_patterns")
        rxs = _DEFAULT_BASIS_RX if own is None else [compile_safe(unicodedata.normalize("NFKC", p)) for p in own]
        if any(rx.search(t[:MAX_TEXT_LENGTH]) for rx in rxs):
            return
        yield Hit("/basis", {"text": display(text)}, suggest=True)


@kind
class SchedulePresent(Kind):
    name = "schedule-present"
    description = {
        "zh": "实施进度计划须至少有一行写明实施内容、开始时间和完成时间。",
        "en": "The schedule needs at least one row with content, a start and an end.",
    }
    params_schema = schema(form_types=FORM_TYPES, template_fields={"type": "array", "items": {"enum": _FIELDS}})

    def check(self, decl: Declaration, params: dict[str, Any], ctx: Context) -> Iterable[Hit]:
        if not applies(params, decl, ("project",)):
            return
        # The long-form templates (285号 family, Hunan 2019) that carry a
        # schedule table also carry these fields; the short 2021 forms have
        # neither, so an empty schedule there is no omission.
        hallmarks = params.get("template_fields", ["functions", "basis", "safeguards"])
        if not decl.schedule and all(getattr(decl, f) is None for f in hallmarks):
            return
        if not decl.schedule:
            yield Hit("/schedule", {})
            return
        for row in decl.schedule:
            if (
                not is_blank(row.content)
                and row.start is not None
                and not is_blank(row.start.text)
                and row.end is not None
                and not is_blank(row.end.text)
            ):
                return
        for i, row in enumerate(decl.schedule):
            for part in ("content", "start", "end"):
                value = getattr(row, part)
                text = value if isinstance(value, str) or value is None else value.text
                if part != "content" and _DATED.search(row.content or ""):
                    continue  # "2023年2月至12月完成采购": the times are written in the content
                if is_blank(text):
                    yield Hit(
                        f"/schedule/{i}/{part}", {"row": i + 1, "content": display(row.content)}, variant="incomplete"
                    )
                    return


#: a time written in a schedule row's text: 2023年2月, 2023.2, 2月至12月, 全年
_DATED = re.compile(r"(?:19|20)\d\d[年.\-/／]\d{1,2}|\d{1,2}月|全年|上半年|下半年|[一二三四]季度")


_GOALS = {"project": ("long_term", "annual"), "department": ("overall",)}


@kind
class GoalsPresent(Kind):
    name = "goals-present"
    description = {
        "zh": "项目（专项）表须有长期目标和年度目标；部门整体表须有整体绩效目标。",
        "en": "Project forms need long-term and annual goals; department forms need the overall goal.",
    }
    params_schema = schema(
        "placeholders",
        form_types=FORM_TYPES,
        goals={
            "type": "object",
            "properties": {
                "project": {"type": "array", "items": {"enum": ["long_term", "annual", "overall"]}},
                "department": {"type": "array", "items": {"enum": ["long_term", "annual", "overall"]}},
            },
            "additionalProperties": False,
        },
    )

    def check(self, decl: Declaration, params: dict[str, Any], ctx: Context) -> Iterable[Hit]:
        if not applies(params, decl):
            return
        form = "department" if str(decl.form_type) == "部门整体支出" else "project"
        wanted = (params.get("goals") or {}).get(form, _GOALS[form])
        if any(not_a_goal(v) for v in decl.goals.values()):
            # a goal cell holds a heading (实施周期总目标(2022年--2024年)): the row read was the
            # goals' header row and the goals stand below it, unread; no goal is known blank
            return
        if not any(not is_blank(v) for v in decl.goals.values()):
            # no goal at all: report the ones the template shows, else the main one
            shown = [k for k in wanted if k in decl.goals] or [wanted[-1]]
            for key in shown:
                yield Hit(f"/goals/{key}", {"goal": key}, variant=key)
            return
        for key in wanted:
            # a goal the template does not have (absent key) is not an omission;
            # one it has but left blank is
            if key in decl.goals and is_blank(decl.goals[key]):
                yield Hit(f"/goals/{key}", {"goal": key}, variant=key)


_PHONE = re.compile(r"^(?:\+?86)?(?:0\d{2,3}[1-9]\d{6,7}|1[3-9]\d{9}|[1-9]\d{6,7})(?:转\d{1,6})?$")


@kind
class PreparerBlock(Kind):
    name = "preparer-block"
    description = {
        "zh": "填报人、联系电话、填报日期须填写；电话格式不对时提示。",
        "en": "Preparer, phone and filing date must be filled in; a malformed phone number is noted.",
    }
    params_schema = schema(
        "placeholders",
        fields={"type": "array", "items": {"enum": ["preparer", "phone", "filing_date"]}},
        check_phone_format={"type": "boolean"},
        absent_is_missing={"type": "boolean"},
    )

    def check(self, decl: Declaration, params: dict[str, Any], ctx: Context) -> Iterable[Hit]:
        wanted = params.get("fields", ["preparer", "phone", "filing_date"])
        texts = {
            "preparer": decl.preparer,
            "phone": decl.phone,
            "filing_date": None if decl.filing_date is None else decl.filing_date.text,
        }
        if all(texts[f] is None for f in wanted) and not params.get("absent_is_missing", False):
            return  # no footer in this template (published tables drop it)
        tokens = settings(params, ctx)["placeholders"]
        missing = [
            f
            for f in ("preparer", "phone", "filing_date")
            if f in wanted and (is_blank(texts[f]) or is_placeholder(texts[f], tokens))
        ]
        if missing:
            yield Hit(
                f"/{missing[0]}",
                {
                    "fields": missing,
                    "count": len(missing),
                    "fields_zh": "、".join(_ZH[f] for f in missing),
                    "fields_en": ", ".join(_EN[f] for f in missing),
                },
            )
        phone = texts["phone"]
        if (
            params.get("check_phone_format", True)
            and "phone" in wanted
            and "phone" not in missing
            and not is_blank(phone)
            and not site_mask(phone)  # "138****5678": the site hid the digits
        ):
            numbers = [p for p in re.split(r"[/、，,;；或]", norm(phone)) if p]
            cleaned = [re.sub(r"[-()（）—－]", "", p) for p in numbers]
            if not cleaned or not all(_PHONE.match(p) for p in cleaned):
                yield Hit("/phone", {"text": display(phone)}, variant="phone_format", severity=Severity.INFO)


_ZH = {"preparer": "填报人", "phone": "联系电话", "filing_date": "填报日期"}
_EN = {"preparer": "preparer", "phone": "phone", "filing_date": "filing date"}


# -- the project lead and the budget codes the template asks for --------------------------

#: a telephone number: seven or more digits, dashes and brackets allowed between them
_PHONE_IN_TEXT = re.compile(r"\d[\d\-－—()（） ]{5,}\d")
_ASKS_PHONE = re.compile(r"电话|联系方式")
_ASKS_CODE = re.compile(r"代码|编码")


@kind
class ProjectLead(Kind):
    name = "project-lead"
    description = {
        "zh": "模板有“项目负责人（及电话）”一栏时，须写明负责人；栏名要求电话的，还须写电话。",
        "en": "Where the template has a 项目负责人 (and phone) field, it must name the lead, and give a phone "
        "number when the label asks for one.",
    }
    params_schema = schema("placeholders")

    def check(self, decl: Declaration, params: dict[str, Any], ctx: Context) -> Iterable[Hit]:
        tokens = settings(params, ctx)["placeholders"]
        for i, extra in enumerate(decl.fields):
            if extra.key != "leader":
                continue
            label = (extra.label or "项目负责人").strip().rstrip(":：")
            text = norm(extra.text)
            if is_blank(text) or is_placeholder(text, tokens):
                yield Hit(f"/fields/{i}/text", {"label": label})
            elif _ASKS_PHONE.search(extra.label or "") and not _PHONE_IN_TEXT.search(text) and not site_mask(text):
                yield Hit(f"/fields/{i}/text", {"label": label, "text": display(extra.text)}, variant="phone")
            return  # one lead per form


@kind
class BudgetCode(Kind):
    name = "budget-code"
    description = {
        "zh": "栏名要求代码（“主管部门及代码”“部门预算编码”“项目编码”）时，栏中须有代码，不能只写名称或留空。",
        "en": "A field whose label asks for a code (主管部门及代码, 部门预算编码, 项目编码) must hold one, not only a "
        "name or nothing.",
    }
    params_schema = schema("placeholders")

    def check(self, decl: Declaration, params: dict[str, Any], ctx: Context) -> Iterable[Hit]:
        label = decl.source.labels.get("/department")
        dept_label = (label.text or "") if label is not None else ""
        if (
            _ASKS_CODE.search(dept_label)
            and decl.department
            and not is_blank(decl.department)
            and not site_mask(decl.department)  # "[***]太**城管": the site may have hidden the code
        ):
            if not re.search(r"\d", decl.department):
                yield Hit(
                    "/department",
                    {"label": dept_label.strip().rstrip(":："), "text": display(decl.department)},
                    variant="name_only",
                )
        seen: set[str] = set()
        for i, extra in enumerate(decl.fields):
            if extra.key != "dept_code" or not _ASKS_CODE.search(extra.label or ""):
                continue
            code_label = (extra.label or "").strip().rstrip(":：")
            # a code the publishing site starred out ("******") was filled in: hidden, not missing
            if re.search(r"\d", extra.text or "") or site_mask(extra.text) or code_label in seen:
                continue
            if in_header_row(decl, f"/fields/{i}"):
                continue  # a column header of a list: the codes stand in its rows
            seen.add(code_label)
            # blank, or the next label read into the cell (项目单位(盖章):…): no code either way
            yield Hit(f"/fields/{i}/text", {"label": code_label, "text": ""})
