"""The money analysis is computed once per money block and shared by the budget rules
(issue 16); what it answers never depends on whether it came from the memo."""

from __future__ import annotations

import tomllib
from decimal import Decimal

import pytest
from support.paths import RULES

from perflint.checks.analysis import money
from perflint.checks.base import Context
from perflint.domain.model import Declaration, FormType, Money, MoneyLine

SETTINGS = tomllib.loads((RULES / "settings.toml").read_text("utf-8"))["settings"]


def dept(basic: str, project: str) -> Declaration:
    lines = [
        MoneyLine("income_total", "按收入性质分", "1698.6"),
        MoneyLine("expenditure_total", "按支出性质分", "1698.6"),
        MoneyLine("income.public", "公共财政拨款", "1698.6"),
        MoneyLine("expenditure.basic", "基本支出", basic),
        MoneyLine("expenditure.project", "项目支出", project),
    ]
    return Declaration(form_type=FormType.DEPARTMENT, money=Money(MoneyLine("total", "资金总额", "1698.6"), lines))


def ctx(*decls: Declaration) -> Context:
    return Context(settings=SETTINGS, bundle=list(decls), today="2026-11-25")


def test_the_same_money_block_is_analysed_once() -> None:
    d = dept("400", "1286.5")
    first = money.analyse(d, {}, ctx(d))
    assert money.analyse(d, {}, ctx(d)) is first
    # another declaration with the same amounts shares it; another tolerance does not
    assert money.analyse(dept("400", "1286.5"), {}, ctx(d)) is first
    assert money.analyse(d, {"amount_tolerance_wan": 20}, ctx(d)) is not first


def test_a_changed_amount_is_analysed_again() -> None:
    d = dept("412.1", "1286.5")
    assert money.analyse(d, {}, ctx(d)).consistent
    d.money.lines[3] = MoneyLine("expenditure.basic", "基本支出", "400")
    assert not money.analyse(d, {}, ctx(d)).consistent


def test_the_bundle_still_decides_between_two_culprits() -> None:
    # basic or project could each explain the gap; a project form of 1286.5 in the same
    # file corroborates 项目支出, so 基本支出 is the culprit — only in that bundle
    d = dept("400", "1286.5")
    project = Declaration(form_type=FormType.PROJECT, money=Money(MoneyLine("total", "资金总额", "1286.5")))
    assert money.analyse(d, {}, ctx(d)).culprit is None
    with_project = money.analyse(d, {}, ctx(d, project))
    assert (with_project.culprit, with_project.expected) == ("expenditure.basic", Decimal("412.1"))
    assert money.analyse(d, {}, ctx(d)).culprit is None


def test_an_unhashable_amount_is_analysed_without_the_memo() -> None:
    d = dept("400", "1286.5")
    d.money.lines[3] = MoneyLine("expenditure.basic", "基本支出", "sNaN", amount=Decimal("sNaN"))
    assert money.analyse(d, {}, ctx(d)).vars["expenditure.basic"].state == "bad"


def test_the_memo_stays_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(money, "MEMO_SIZE", 16)
    for i in range(40):
        d = dept(str(i), "1286.5")
        money.analyse(d, {}, ctx(d))
        assert len(money._MEMO) <= 16
