"""Every rule's [[examples]] run as tests, each rule in isolation.

A bad example must make its rule fire (exactly ``count`` times when given);
a good example must never make it fire.  The example's ``profile`` and
``settings`` apply; everything else is the defaults.
"""

from __future__ import annotations

import pytest

from perflint.catalog import builtin_catalog
from perflint.engine import example_input, run_example
from perflint.ingest.files import FATAL_CODES


def _cases():
    cat = builtin_catalog()
    for rule in cat.rules.values():
        for ex in rule.examples:
            yield pytest.param(rule.code, ex.index, id=f"{rule.code}-{rule.name}-{ex.case}{ex.index}")


@pytest.mark.parametrize("code, index", list(_cases()))
def test_rule_example(code, index, monkeypatch):
    monkeypatch.setenv("PERFLINT_TODAY", "2019-03-01")
    cat = builtin_catalog()
    rule = cat.rules[code]
    example = rule.examples[index]
    from perflint.engine.config import Config

    if rule.kind != "input":
        # the example must really be read, or a good example would pass vacuously
        read = example_input(example)
        assert read.declarations, f"{rule.path} example {index}: no declaration read ({read.problems})"
        assert not [p for p in read.problems if p.code in FATAL_CODES], read.problems
    findings = run_example(cat, rule, example, Config(today="2019-03-01"))
    shown = [(f.pointer, f.text("en")) for f in findings]
    if example.case == "bad":
        assert findings, f"{code} did not fire on bad example {index} ({rule.path})"
        if example.count is not None:
            assert len(findings) == example.count, shown
    else:
        assert not findings, f"{code} fired on good example {index} ({rule.path}): {shown}"
