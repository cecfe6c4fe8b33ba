"""The figures of the labelled real-form set (tests/data/real, see its README) never fall below
their floors in benchmarks/accuracy-floor.json.

The floors are a ratchet: when a change raises a figure, raise its floor in the same commit;
a change that lowers one must say why in its commit (and lower the floor there), so that no
loss of trust or of reading goes unnoticed. Every finding perflint gives on the set must have
been judged by hand (``python benchmarks/accuracy.py --label``, then judge the stubs):
unjudged findings make precision meaningless.

Hold-out sets (``holdout`` in the floor file, e.g. r4xx) are left out: a floor on them would
invite tuning on them. They are measured on their own (``accuracy.py --only r4``)."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
FLOOR = json.loads((ROOT / "benchmarks" / "accuracy-floor.json").read_text("utf-8"))


@pytest.fixture(scope="module")
def accuracy() -> Any:
    spec = importlib.util.spec_from_file_location("perflint_accuracy", ROOT / "benchmarks" / "accuracy.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def figures(accuracy) -> dict[str, Any]:
    figs, _judged, _forms = accuracy.evaluate(None, skip=tuple(FLOOR["holdout"]))
    return figs


def test_listing_the_forms_leaves_the_hold_out_sets_out(accuracy, monkeypatch):
    # a script that lists the forms to look for patterns must not read a hold-out set by accident
    listed = {form.ident for form in accuracy.forms(None)}
    everything = {form.ident for form in accuracy.forms(None, include_holdout=True)}
    monkeypatch.setattr(accuracy, "holdout_prefixes", lambda: ("r9",))
    assert not any(form.ident.startswith("r9") for form in accuracy.forms(None))
    assert any(ident.startswith("r9") for ident in everything)
    held = tuple(FLOOR["holdout"])
    assert not any(ident.startswith(held) for ident in listed) if held else listed == everything


def test_every_finding_on_the_set_has_been_judged(figures):
    unjudged = figures["precision"]["unlabelled"] + figures["precision_notes"]["unlabelled"]
    assert unjudged <= FLOOR["max_unjudged"], (
        f"{unjudged} findings on the real-form set have no verdict: run "
        "`python benchmarks/accuracy.py --label` and judge them"
    )


def test_precision_holds(figures):
    assert figures["precision"]["precision"] >= FLOOR["precision"]
    assert figures["precision_by_severity"]["error"]["precision"] >= FLOOR["precision_error"]
    assert figures["precision_notes"]["precision"] >= FLOOR["precision_notes"]


def test_recall_holds(figures):
    assert figures["recall"]["recall"] >= FLOOR["recall"]


@pytest.mark.parametrize("field", sorted(FLOOR["reading"]))
def test_reading_holds(figures, field):
    assert figures["reading"][field]["accuracy"] >= FLOOR["reading"][field], field


def test_document_kinds_hold(figures):
    assert figures["document_kind"]["accuracy"] >= FLOOR["document_kind"]


def test_nothing_untrustworthy(figures):
    trust = figures["trust"]
    assert trust.get("most SRC001 in one declaration", 0) <= 1
    assert trust.get("graded with the indicator table not read in full", 0) == 0
    assert trust.get("findings quoting page chrome", 0) == 0
