"""The kinds of catalog part B (BUD/DATE/TXT/XF/REV/REL/SRC) never raise, whatever a declaration holds."""

from __future__ import annotations

import tomllib

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from support.paths import ROOT

from perflint.checks import register
from perflint.checks.base import Context
from perflint.domain.model import Declaration

MODULES = {
    "perflint.checks.budget",
    "perflint.checks.dates",
    "perflint.checks.text",
    "perflint.checks.crossform",
    "perflint.checks.review",
    "perflint.checks.relevance",
    "perflint.checks.source",
}
KINDS = [k for k in register() if k.__module__ in MODULES]
SETTINGS = tomllib.loads((ROOT / "rules" / "settings.toml").read_text("utf-8"))["settings"]

PIECES = [
    "2019",
    ".",
    "年",
    "月",
    "日",
    "13",
    "02-30",
    "万元",
    "元",
    "，",
    "；",
    "＂",
    "“",
    "”",
    "（",
    "/",
    "1、",
    "2，",
    "全县",
    "区",
    "预预算科",
    "进设",
    "网给",
    "１２",
    "-",
    "e9",
    "1e999999",
    "   ",
    "\u3000",
    "提高",
    "%",
    "满意度",
    "服装",
    "负责",
]
text = st.lists(st.sampled_from(PIECES) | st.text(max_size=4), max_size=8).map("".join)
amount = st.one_of(st.none(), st.sampled_from(["0", "-5", "1e5", "1E+999999", "0.00001", "1698.6", "16986000"]))
line = st.fixed_dictionaries(
    {
        "key": st.sampled_from(
            [
                "income_total",
                "expenditure_total",
                "income.public",
                "income.other",
                "expenditure.basic",
                "expenditure.project",
                "other",
            ]
        ),
        "label": text,
        "text": text,
        "amount": amount,
        "unit": st.sampled_from(["万元", "元"]),
    }
)
date = st.one_of(
    st.none(),
    text,
    st.fixed_dictionaries(
        {
            "text": text,
            "value": st.sampled_from([None, "2019", "2019-13", "2019-02-30", "2019-1", "20x9-01-01"]),
            "precision": st.sampled_from([None, "year", "month", "day"]),
        }
    ),
)
declaration = st.fixed_dictionaries(
    {
        "form_type": st.sampled_from(["项目支出", "专项资金", "部门整体支出", "unknown"]),
        "year": st.one_of(st.none(), st.integers(1900, 2999)),
        "name": st.one_of(st.none(), text),
        "department": st.one_of(st.none(), text),
        "functions": st.one_of(st.none(), text),
        "money": st.fixed_dictionaries({"total": st.one_of(st.none(), line), "lines": st.lists(line, max_size=6)}),
        "schedule": st.lists(st.fixed_dictionaries({"content": text, "start": date, "end": date}), max_size=3),
        "goals": st.dictionaries(st.sampled_from(["long_term", "annual", "overall"]), text),
        "indicators": st.lists(
            st.fixed_dictionaries(
                {"level1": st.one_of(st.none(), text), "content": text, "value": st.one_of(st.none(), text)}
            ),
            max_size=4,
        ),
        "reviews": st.lists(
            st.fixed_dictionaries(
                {
                    "section": st.sampled_from(["主管部门", "预算科", "x"]),
                    "opinion": text,
                    "date": st.one_of(st.none(), text),
                }
            ),
            max_size=3,
        ),
        "preparer": st.one_of(st.none(), text),
        "filing_date": date,
        "unrecognized": st.lists(text, max_size=2),
    }
)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(declaration, min_size=1, max_size=3))
def test_kinds_never_raise(docs) -> None:
    decls = [Declaration.from_dict(d) for d in docs]
    for kind in KINDS:
        k = kind()
        if k.scope == "bundle":
            list(k.check_bundle(decls, {}, Context(settings=SETTINGS, bundle=decls, today="2026-11-25")))
        else:
            for i, decl in enumerate(decls):
                list(k.check(decl, {}, Context(settings=SETTINGS, bundle=decls, index=i, today="2026-11-25")))
