"""Review sections: the 主管部门 sign-off the applicant side must complete, and
the finance sections (业务科室 / 预算科 / 绩效评价科) it must leave blank."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from perflint.checks.analysis.values import norm, norm_set
from perflint.checks.base import Context, Hit, Kind, kind
from perflint.domain.dates import is_unfilled_template
from perflint.domain.findings import Severity
from perflint.domain.model import Declaration, Review

_SUFFIXES = ("审核意见", "意见")
#: template text printed in every review cell: it is not an opinion
_TEMPLATE_TOKENS = ("（盖章）", "(盖章)", "（签章）", "(签章)", "盖章", "签章", "签字", "（签字）")


def section_key(name: str) -> str:
    t = norm(name)
    for suffix in _SUFFIXES:
        if t.endswith(suffix) and len(t) > len(suffix):
            return t[: -len(suffix)]
    return t


def matching(decl: Declaration, sections: list[str]) -> Iterator[tuple[int, Review]]:
    wanted = {section_key(s) for s in sections}
    for i, review in enumerate(decl.reviews):
        if section_key(review.section) in wanted:
            yield i, review


_TEMPLATE_KEYS = tuple(norm(token) for token in _TEMPLATE_TOKENS)


def opinion_text(review: Review, placeholders: frozenset[str]) -> str:
    t = norm(review.opinion or "")
    for token in _TEMPLATE_KEYS:
        t = t.replace(token, "")
    return "" if t in placeholders else t


def date_filled(review: Review) -> bool:
    d = (review.date or "").strip()
    return bool(d) and not is_unfilled_template(d)


def _placeholders(params: dict[str, Any], ctx: Context) -> frozenset[str]:
    return norm_set(ctx.setting(params, "placeholders", []) or [])


@kind
class ApplicantReviewBlank(Kind):
    name = "applicant-review-blank"
    description = {
        "zh": "主管部门审核意见栏没有意见、日期未填（“年 月 日”）；有意见但未注明日期时提示。",
        "en": "The supervising department's review has no opinion and an unfilled date (“年 月 日”); an "
        "opinion without a date is advice.",
    }
    params_schema = {
        "type": "object",
        "properties": {
            "applicant_sections": {"type": "array", "items": {"type": "string"}},
            "placeholders": {"type": "array", "items": {"type": "string"}},
            "report_undated": {"type": "boolean"},
        },
        "additionalProperties": False,
    }

    def check(self, decl: Declaration, params: dict[str, Any], ctx: Context) -> Iterator[Hit]:
        sections = ctx.setting(params, "applicant_sections", ["主管部门审核意见"]) or []
        placeholders = _placeholders(params, ctx)
        for i, review in matching(decl, sections):
            opinion = opinion_text(review, placeholders)
            args = {"section": review.section, "date": " ".join((review.date or "").split())}
            if not opinion and not date_filled(review):
                # The unfilled "年 月 日" is the visible evidence; the blank
                # opinion has no text to underline.
                where = f"/reviews/{i}/date" if review.date else f"/reviews/{i}/section"
                yield Hit(where, args)
            elif opinion and not date_filled(review) and params.get("report_undated", True):
                yield Hit(f"/reviews/{i}/date", args, variant="undated", severity=Severity.INFO)


@kind
class FinancePrefilled(Kind):
    name = "finance-section-prefilled"
    description = {
        "zh": "财政部门审核意见（业务科室、预算科、绩效评价科）在报送时应为空白，却已填写内容或日期。",
        "en": "The finance sections (业务科室, 预算科, 绩效评价科) must be blank at submission but hold text or a "
        "date.",
    }
    params_schema = {
        "type": "object",
        "properties": {
            "finance_sections": {"type": "array", "items": {"type": "string"}},
            "placeholders": {"type": "array", "items": {"type": "string"}},
        },
        "additionalProperties": False,
    }

    def check(self, decl: Declaration, params: dict[str, Any], ctx: Context) -> Iterator[Hit]:
        sections = ctx.setting(params, "finance_sections", ["业务科室", "预算科", "绩效评价科"]) or []
        placeholders = _placeholders(params, ctx)
        for i, review in matching(decl, sections):
            opinion = opinion_text(review, placeholders)
            if opinion:
                text = " ".join((review.opinion or "").split())
                yield Hit(
                    f"/reviews/{i}/opinion",
                    {"section": review.section, "text": text if len(text) <= 30 else text[:29] + "…"},
                )
            elif date_filled(review):
                yield Hit(
                    f"/reviews/{i}/date",
                    {"section": review.section, "text": " ".join((review.date or "").split())},
                    variant="date",
                )
