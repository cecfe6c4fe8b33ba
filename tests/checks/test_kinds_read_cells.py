"""Claims that must not depend on how the cells of a form were laid out: a schedule written in
one cell, an amount run into the words beside it."""

from __future__ import annotations

import pytest
from support.kinds import run

from perflint.catalog import builtin_catalog
from perflint.domain.findings import Severity


@pytest.fixture(scope="module")
def catalog():
    return builtin_catalog()


def _project(**fields):
    # the long-form template's hallmarks (functions, basis) make the schedule required
    return {"form_type": "项目支出", "functions": "负责全区公共图书馆服务", "basis": "实施方案", **fields}


def test_a_schedule_written_in_one_cell_has_its_times(catalog):
    one_cell = _project(schedule=[{"content": "2023年2月至12月完成采购、编目、配送"}])
    assert run(catalog, "schedule-present", one_cell) == []
    # a row with no time anywhere still lacks its start and end
    undated = _project(schedule=[{"content": "完成采购、编目、配送"}])
    assert [h.pointer for h in run(catalog, "schedule-present", undated)] == ["/schedule/0/start"]


@pytest.mark.parametrize("text", ["安排77300万元", "2023年：48.6"])
def test_an_amount_run_into_a_label_is_a_note_not_an_error(catalog, text):
    doc = _project(money={"total": {"key": "total", "label": "资金总额", "text": text}})
    [hit] = run(catalog, "amount-parse", doc)
    assert (hit.variant, hit.severity) == ("embedded", Severity.INFO)


@pytest.mark.parametrize("text", ["约500万", "五百万", "待定", "500万左右"])
def test_an_amount_nobody_can_read_is_an_error(catalog, text):
    doc = _project(money={"total": {"key": "total", "label": "资金总额", "text": text}})
    [hit] = run(catalog, "amount-parse", doc)
    assert (hit.variant, hit.severity) == (None, None)
