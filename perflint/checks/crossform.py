"""Cross-form consistency: the declarations of one file (a department's
部门整体 form and its 专项/项目 forms) must agree with each other.

Every kind here has ``scope = "bundle"``: it sees all declarations at once and
reports each defect once, on the declaration that deviates, never once per
pair of forms.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator
from typing import Any

from perflint.checks.analysis.dates import parsed
from perflint.checks.analysis.values import bigrams, containment, norm, norm_set
from perflint.checks.base import Context, Hit, Kind, kind
from perflint.domain.dates import bounds
from perflint.domain.findings import Severity
from perflint.domain.model import Declaration, FormType

HAN = "\u4e00-\u9fff"


# -- helpers -----------------------------------------------------------------------


_REGION = re.compile(r"(?:省|自治区|市|自治州|州|盟|地区|区|县)$")


def same_unit(a: str, b: str) -> bool:
    """True when one name is the other with a region prefix
    (长沙市望城区政务服务中心 ⊃ 望城区政务服务中心)."""
    x, y = norm(a), norm(b)
    if x == y:
        return True
    short, long = sorted((x, y), key=len)
    if not short or not long.endswith(short):
        return False
    return bool(_REGION.search(long[: len(long) - len(short)]))


def _name(d: Declaration) -> str:
    return d.display_name


def _reference(values: list[tuple[int, str]], decls: list[Declaration], prefer_department: bool = True) -> str:
    """The value the others are compared with: the 部门整体 form's if there is
    one, else the most common (ties: the earliest)."""
    if prefer_department:
        for i, v in values:
            if decls[i].form_type == FormType.DEPARTMENT:
                return v
    counts = Counter(v for _, v in values)
    best = max(counts.values())
    return next(v for _, v in values if counts[v] == best)


def _groups(values: list[tuple[int, str]], reference: str) -> dict[str, list[int]]:
    out: dict[str, list[int]] = {}
    for i, v in values:
        if v != reference:
            out.setdefault(v, []).append(i)
    return out


# -- XF001 ---------------------------------------------------------------------------


class _BundleKind(Kind):
    scope = "bundle"

    def check(self, decl: Declaration, params: dict[str, Any], ctx: Context) -> Iterable[Hit]:
        # Run on a single declaration (no bundle): nothing to compare.
        return self.check_bundle(ctx.bundle or [decl], params, ctx)


@kind
class YearConsistency(_BundleKind):
    name = "year-consistency"
    description = {
        "zh": "同一文件中各申报表的年度必须一致。",
        "en": "All declarations of one file must be for the same year.",
    }
    params_schema = {"type": "object", "properties": {}, "additionalProperties": False}

    def check_bundle(self, decls: list[Declaration], params: dict[str, Any], ctx: Context) -> Iterator[Hit]:
        values = [(i, str(d.year)) for i, d in enumerate(decls) if d.year is not None]
        if len({v for _, v in values}) < 2:
            return
        ref = _reference(values, decls, prefer_department=False)
        ref_form = next(_name(decls[i]) for i, v in values if v == ref)
        for value, idx in sorted(_groups(values, ref).items()):
            for i in idx:
                yield Hit(
                    "/year_text",
                    {"year": value, "reference": ref, "reference_form": ref_form, "form": _name(decls[i])},
                    declaration=i,
                )


@kind
class DepartmentNameConsistency(_BundleKind):
    name = "dept-name-consistency"
    description = {
        "zh": "各申报表的部门名称应一致；仅差省/市前缀时提示，完全不同时为错误。",
        "en": "Department names must agree across forms; a difference in the region prefix only is advice, a "
        "different name is an error.",
    }
    params_schema = {"type": "object", "properties": {}, "additionalProperties": False}

    def check_bundle(self, decls: list[Declaration], params: dict[str, Any], ctx: Context) -> Iterator[Hit]:
        values = [(i, norm(d.department)) for i, d in enumerate(decls) if d.department and norm(d.department)]
        if len({v for _, v in values}) < 2:
            return
        ref = _reference(values, decls)
        has_department_form = any(decls[i].form_type == FormType.DEPARTMENT for i, _ in values)
        for value, idx in sorted(_groups(values, ref).items(), key=lambda kv: kv[1][0]):
            i = idx[0]
            department = decls[i].department
            args = {
                "name": department.strip() if department else value,
                "reference": ref,
                "forms": "、".join(f"「{_name(decls[j])}」" for j in idx),
                "count": len(idx),
            }
            if same_unit(value, ref):
                yield Hit("/department", args, variant="prefix", severity=Severity.INFO, declaration=i)
            elif has_department_form:
                yield Hit("/department", args, severity=Severity.ERROR, declaration=i)
            else:
                # Project forms only: the file may collect several units' forms.
                yield Hit("/department", args, variant="differs", severity=Severity.WARNING, declaration=i)


@kind
class PreparerConsistency(_BundleKind):
    name = "preparer-consistency"
    description = {
        "zh": "同一文件中各申报表的填报人、填报日期不一致。",
        "en": "The preparer or the filing date differs between the forms of one file.",
    }
    params_schema = {
        "type": "object",
        "properties": {"fields": {"type": "array", "items": {"enum": ["preparer", "filing_date", "phone"]}}},
        "additionalProperties": False,
    }

    def check_bundle(self, decls: list[Declaration], params: dict[str, Any], ctx: Context) -> Iterator[Hit]:
        for field in params.get("fields", ["preparer", "filing_date"]):
            values: list[tuple[int, str]] = []
            for i, d in enumerate(decls):
                raw = getattr(d, field)
                if field == "filing_date":
                    raw = plausible_date(d, ctx)
                if raw and norm(raw):
                    values.append((i, norm(raw)))
            if len({v for _, v in values}) < 2:
                continue
            ref = _reference(values, decls, prefer_department=False)
            for _value, idx in sorted(_groups(values, ref).items(), key=lambda kv: kv[1][0]):
                i = idx[0]
                shown = getattr(decls[i], field)
                shown = shown.text if field == "filing_date" and shown is not None else shown
                ref_i = next(j for j, v in values if v == ref)
                ref_shown = getattr(decls[ref_i], field)
                ref_shown = ref_shown.text if field == "filing_date" and ref_shown is not None else ref_shown
                yield Hit(
                    f"/{field}",
                    {
                        "value": (shown or "").strip(),
                        "reference": (ref_shown or "").strip(),
                        "reference_form": _name(decls[ref_i]),
                        "forms": "、".join(f"「{_name(decls[j])}」" for j in idx),
                    },
                    variant=field,
                    declaration=i,
                )


def plausible_date(d: Declaration, ctx: Context) -> str | None:
    """The parsed 填报日期, or ``None`` when it is blank, unparsed or implausible
    (after the budget year or in the future): DATE001/004/005 report those, and
    comparing them across forms would report the same defect twice."""
    value = parsed(d.filing_date)
    b = bounds(value) if value is not None else None
    if value is None or b is None:
        return None
    if (ctx.today and b[0] > ctx.today) or (d.year is not None and b[0] > f"{d.year:04d}-12-31"):
        return None
    return value.value


def _placeholder_set(params: dict[str, Any], ctx: Context) -> frozenset[str]:
    return norm_set(ctx.setting(params, "placeholders", []) or [])


_HAN_CHAR = re.compile(f"[{HAN}]")


def _cjk(text: str) -> int:
    return len(_HAN_CHAR.findall(text))


def _is_satisfaction(level1: str | None, level2: str | None) -> bool:
    return "满意" in (level1 or "") or "满意" in (level2 or "")


@kind
class CopyPaste(_BundleKind):
    name = "copy-paste-across-forms"
    description = {
        "zh": "不同项目的申报表中出现完全相同的指标值或指标内容+指标值（复制粘贴）；项目名称重复为错误。",
        "en": "Identical indicator values or content+value pairs in different projects' forms (copy-paste); a "
        "duplicated project name is an error.",
    }
    params_schema = {
        "type": "object",
        "properties": {
            "min_chars": {"type": "integer", "minimum": 1},
            "placeholders": {"type": "array", "items": {"type": "string"}},
        },
        "additionalProperties": False,
    }

    def check_bundle(self, decls: list[Declaration], params: dict[str, Any], ctx: Context) -> Iterator[Hit]:
        projects = [i for i, d in enumerate(decls) if d.form_type != FormType.DEPARTMENT]
        names: dict[str, int] = {}
        for i in projects:
            key = norm(decls[i].name or "")
            if not key:
                continue
            if key in names:
                yield Hit(
                    "/name",
                    {
                        "name": (decls[i].name or "").strip(),
                        "other": names[key] + 1,
                        "other_form": _name(decls[names[key]]),
                    },
                    variant="name",
                    severity=Severity.ERROR,
                    declaration=i,
                )
            else:
                names[key] = i
        placeholders = _placeholder_set(params, ctx)
        min_chars = int(params.get("min_chars", 6))
        seen_value: dict[str, tuple[int, int]] = {}
        seen_pair: dict[tuple[str, str], tuple[int, int]] = {}
        for i in projects:
            for r, ind in enumerate(decls[i].indicators):
                if ind.value is None or _is_satisfaction(ind.level1, ind.level2):
                    continue
                value, content = norm(ind.value), norm(ind.content)
                if not value or value in placeholders:
                    continue
                pair = (content, value)
                first_pair = seen_pair.get(pair)
                first_value = seen_value.get(value)
                if (
                    first_pair is not None
                    and first_pair[0] != i
                    and content
                    and content not in placeholders
                    and _cjk(content + value) >= min_chars
                ):
                    yield Hit(
                        f"/indicators/{r}/value", self._args(decls, i, ind, first_pair), variant="pair", declaration=i
                    )
                elif first_value is not None and first_value[0] != i and _cjk(value) >= min_chars:
                    yield Hit(f"/indicators/{r}/value", self._args(decls, i, ind, first_value), declaration=i)
                seen_pair.setdefault(pair, (i, r))
                seen_value.setdefault(value, (i, r))

    @staticmethod
    def _args(decls: list[Declaration], i: int, ind: Any, first: tuple[int, int]) -> dict[str, Any]:
        other = decls[first[0]].indicators[first[1]]
        return {
            "value": (ind.value or "").strip(),
            "content": ind.content.strip(),
            "category": ind.level2 or ind.level1 or "",
            "other_form": _name(decls[first[0]]),
            "other_category": other.level2 or other.level1 or "",
        }


def strip_duty_words(text: str, words: list[str]) -> str:
    t = norm(text)
    for w in sorted(words, key=len, reverse=True):
        t = t.replace(w, "")
    return t


@kind
class FunctionsConsistency(_BundleKind):
    name = "functions-consistency"
    description = {
        "zh": "项目/专项表的职能职责概述与部门整体表的明显不同（字符二元组重合度低于阈值，去掉“负责”等词后比较）。",
        "en": "A project form's functions summary differs materially from the department form's (character-bigram "
        "containment below the threshold, compared without 负责 and similar words).",
    }
    params_schema = {
        "type": "object",
        "properties": {
            "threshold": {"type": "number", "minimum": 0, "maximum": 1},
            "ignore_words": {"type": "array", "items": {"type": "string"}},
        },
        "additionalProperties": False,
    }

    def check_bundle(self, decls: list[Declaration], params: dict[str, Any], ctx: Context) -> Iterator[Hit]:
        depts = [
            i for i, d in enumerate(decls) if d.form_type == FormType.DEPARTMENT and d.functions and d.functions.strip()
        ]
        if len(depts) != 1:
            return
        dept = decls[depts[0]]
        words = params.get("ignore_words", ["负责", "承担", "主要职责", "主要职能", "职能职责", "职责"])
        threshold = float(params.get("threshold", 0.5))
        whole = strip_duty_words(dept.functions or "", words)
        for i, d in enumerate(decls):
            if d.form_type == FormType.DEPARTMENT or not d.functions or not d.functions.strip():
                continue
            part = strip_duty_words(d.functions, words)
            score = containment(part, whole) if bigrams(part) else 1.0
            if score < threshold:
                yield Hit(
                    "/functions",
                    {
                        "score": f"{score:.2f}",
                        "threshold": f"{threshold:.2f}",
                        "form": _name(d),
                        "department_form": _name(dept),
                    },
                    declaration=i,
                )
