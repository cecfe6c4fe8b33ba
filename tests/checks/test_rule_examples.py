"""Every rule's [[examples]] run as tests, once each, through the engine, each rule in isolation.

A bad example must make its rule fire (exactly ``count`` times when given);
a good example must never make it fire.  The example's ``profile`` and
``settings`` apply; everything else is the defaults, with a fixed today.

Every hit a bad example makes must also come out whole: a pointer into the
declaration, a message (and suggestion) with every ``{field}`` filled in both
languages, a message variant the rule file has, and a suggestion only where
the rule file writes one.  The engine falls back to the main message for an
unknown variant and drops a suggestion the rule lacks, so the hits are
checked as the kind yields them, before the engine turns them into findings.
"""

from __future__ import annotations

import copy
import re
from dataclasses import replace

import pytest

from perflint.catalog import Catalog, builtin_catalog
from perflint.checks.base import Hit
from perflint.engine import example_input, run_example
from perflint.engine.config import Config
from perflint.ingest.files import FATAL_CODES

TODAY = "2019-03-01"
UNFILLED = re.compile(r"\{[a-z_]+\}")


def _cases():
    cat = builtin_catalog()
    for rule in cat.rules.values():
        for ex in rule.examples:
            yield pytest.param(rule.code, ex.index, id=f"{rule.code}-{rule.name}-{ex.case}{ex.index}")


def _recording(catalog: Catalog, kind_name: str, hits: list[Hit]) -> Catalog:
    """``catalog`` with the kind ``kind_name`` replaced by a copy that also keeps
    every hit it yields in ``hits`` (the shared catalog is left alone)."""
    kind = catalog.kinds.get(kind_name)
    if kind is None:  # input problems and internal errors: no kind yields them
        return catalog
    spy = copy.copy(kind)

    def check(decl, params, ctx):
        found = list(kind.check(decl, params, ctx) or ())
        hits.extend(found)
        return found

    def check_bundle(decls, params, ctx):
        found = list(kind.check_bundle(decls, params, ctx) or ())
        hits.extend(found)
        return found

    spy.check = check
    spy.check_bundle = check_bundle
    return replace(catalog, kinds={**catalog.kinds, kind_name: spy})


@pytest.mark.parametrize("code, index", list(_cases()))
def test_rule_example(code, index, monkeypatch):
    monkeypatch.setenv("PERFLINT_TODAY", TODAY)
    cat = builtin_catalog()
    rule = cat.rules[code]
    example = rule.examples[index]

    if rule.kind != "input":
        # the example must really be read, or a good example would pass vacuously
        read = example_input(example)
        assert read.declarations, f"{rule.path} example {index}: no declaration read ({read.problems})"
        assert not [p for p in read.problems if p.code in FATAL_CODES], read.problems
    hits: list[Hit] = []
    findings = run_example(_recording(cat, rule.kind, hits), rule, example, Config(today=TODAY))
    shown = [(f.pointer, f.text("en")) for f in findings]
    if example.case == "bad":
        assert findings, f"{code} did not fire on bad example {index} ({rule.path})"
        if example.count is not None:
            assert len(findings) == example.count, shown
    else:
        assert not findings, f"{code} fired on good example {index} ({rule.path}): {shown}"

    label = f"{code} example {index} ({rule.path})"
    for hit in hits:
        assert hit.pointer.startswith("/"), (label, hit)
        if hit.variant is not None:
            # "mismatch" is what the budget kinds call their main message
            assert hit.variant in rule.messages or hit.variant == "mismatch", (label, hit.variant)
        if hit.suggest:
            assert rule.suggestion is not None, f"{label}: suggests without a [suggestion]"
    for finding in findings:
        texts = [finding.message["zh"], finding.message["en"]]
        if finding.suggestion:
            texts += [finding.suggestion["zh"], finding.suggestion["en"]]
        for text in texts:
            assert not UNFILLED.search(text), (label, text)
