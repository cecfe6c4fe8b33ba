"""Catalog part B rule files: structure, parameter schemas and executable examples.

Runs the rules of the budget, dates, text, crossform, review, relevance and
source families straight through their check kinds, so these tests do not
depend on the engine.  Every bad example must fire (``count`` times when
given), every good example must not, and every message a hit picks must
render without an unfilled ``{field}``.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from perflint.checks import register
from perflint.checks.base import Context, Hit, Kind
from perflint.domain.model import Declaration
from perflint.ingest import declarations_from_text
from perflint.messages import render

ROOT = Path(__file__).resolve().parent.parent
RULES = ROOT / "rules"
FAMILIES = {
    "budget": "BUD",
    "dates": "DATE",
    "text": "TXT",
    "crossform": "XF",
    "review": "REV",
    "relevance": "REL",
    "source": "SRC",
}
EXPECTED_COUNTS = {"BUD": 7, "DATE": 6, "TXT": 5, "XF": 5, "REV": 2, "REL": 2, "SRC": 1}
TODAY = "2026-11-25"


def _settings() -> dict[str, Any]:
    return tomllib.loads((RULES / "settings.toml").read_text("utf-8"))["settings"]


def _kinds() -> dict[str, type[Kind]]:
    return {k.name: k for k in register()}


def _rule_files() -> list[Path]:
    return sorted(p for fam in FAMILIES for p in (RULES / fam).glob("*.toml"))


def _load(path: Path) -> dict[str, Any]:
    return tomllib.loads(path.read_text("utf-8"))


def run_rule(
    rule: dict[str, Any], decls: list[Declaration], settings: dict[str, Any] | None = None, profile: str = "hunan-2019"
) -> list[tuple[int | None, Hit]]:
    """Every hit of ``rule`` on ``decls``, as (declaration index, hit)."""
    kind = _kinds()[rule["kind"]]()
    params = dict(rule.get("params", {}))
    merged = {**_settings(), **(settings or {})}
    out: list[tuple[int | None, Hit]] = []
    if kind.scope == "bundle":
        ctx = Context(settings=merged, bundle=decls, index=0, profile=profile, today=TODAY)
        out.extend((h.declaration, h) for h in kind.check_bundle(decls, params, ctx))
    else:
        for i, decl in enumerate(decls):
            ctx = Context(settings=merged, bundle=decls, index=i, profile=profile, today=TODAY)
            out.extend((i, h) for h in kind.check(decl, params, ctx))
    return out


def example_declarations(example: dict[str, Any]) -> list[Declaration]:
    if "declaration" in example:
        return [Declaration.from_dict(example["declaration"])]
    if "bundle" in example:
        return [Declaration.from_dict(d) for d in example["bundle"]]
    return declarations_from_text(example["text"])


def _ids() -> list[str]:
    return [p.stem for p in _rule_files()]


def test_every_family_has_its_rules() -> None:
    codes: dict[str, list[str]] = {}
    for path in _rule_files():
        rule = _load(path)
        codes.setdefault(FAMILIES[path.parent.name], []).append(rule["code"])
    assert {fam: len(v) for fam, v in codes.items()} == EXPECTED_COUNTS
    everything = [c for v in codes.values() for c in v]
    assert len(everything) == len(set(everything))


@pytest.mark.parametrize("path", _rule_files(), ids=_ids())
def test_rule_structure(path: Path) -> None:
    rule = _load(path)
    family = FAMILIES[path.parent.name]
    assert rule["name"] == path.stem
    assert re.fullmatch(rf"{family}\d{{3}}", rule["code"]), rule["code"]
    assert f"{family}-{rule['code'][len(family) :]}" in rule.get("aliases", [])
    assert rule["severity"] in ("error", "warning", "info")
    assert rule["aspect"] in ("completeness", "relevance", "appropriateness", "feasibility")
    kinds = _kinds()
    assert rule["kind"] in kinds
    kind = kinds[rule["kind"]]
    schema = kind.params_schema
    assert schema.get("additionalProperties") is False
    Draft202012Validator.check_schema(schema)
    errors = list(Draft202012Validator(schema).iter_errors(rule.get("params", {})))
    assert not errors, errors
    assert set(kind.description) == {"zh", "en"}
    for lang in ("zh", "en"):
        assert rule["message"][lang]
        assert [k for k in rule["doc"][lang]] == ["summary", "what", "why"]
        assert all(rule["doc"][lang][k].strip() for k in ("summary", "what", "why"))
    for variant in rule.get("messages", {}).values():
        assert set(variant) == {"zh", "en"}
    cases = [e["case"] for e in rule["examples"]]
    assert "bad" in cases and "good" in cases


def _render_all(rule: dict[str, Any], hit: Hit) -> None:
    template = rule.get("messages", {}).get(hit.variant or "", rule["message"])
    texts = [template["zh"], template["en"]]
    if hit.suggest:
        assert "suggestion" in rule, f"{rule['code']} suggests without a [suggestion]"
        texts += [rule["suggestion"]["zh"], rule["suggestion"]["en"]]
    for text in texts:
        rendered = render(text, hit.args)
        assert not re.search(r"\{[a-z_]+\}", rendered), (rule["code"], hit.variant, rendered)
    if hit.variant is not None:
        assert hit.variant in rule.get("messages", {}) or hit.variant == "mismatch", (rule["code"], hit.variant)


@pytest.mark.parametrize("path", _rule_files(), ids=_ids())
def test_rule_examples(path: Path) -> None:
    rule = _load(path)
    for n, example in enumerate(rule["examples"]):
        decls = example_declarations(example)
        hits = run_rule(rule, decls, example.get("settings"), example.get("profile", "hunan-2019"))
        label = f"{rule['code']} example {n} ({example['case']}: {example.get('title', '')})"
        if example["case"] == "bad":
            assert hits, f"{label} did not fire"
            if "count" in example:
                assert len(hits) == example["count"], f"{label}: {[h for _, h in hits]}"
            for _, hit in hits:
                _render_all(rule, hit)
                assert hit.pointer.startswith("/")
        else:
            assert not hits, f"{label} fired: {[h for _, h in hits]}"


def test_word_segmentation_never_imports_jieba() -> None:
    """perflint.checks.analysis.segment reads jieba's dictionary through its own index: loading
    the kinds touches no dictionary, and a whole check run (REL001 segments
    every project name) imports no jieba module at all, jieba.posseg included."""
    import subprocess
    import sys

    code = (
        "import runpy, sys\n"
        "import perflint.checks as c, perflint.checks.analysis.segment as s\n"
        "c.register()\n"
        "print('after register:', s._lexicon is not None, file=sys.stderr)\n"
        "sys.argv = ['perflint', 'check', '--no-cache', sys.argv[1]]\n"
        "try:\n"
        "    runpy.run_module('perflint', run_name='__main__', alter_sys=True)\n"
        "except SystemExit:\n"
        "    pass\n"
        "print('after check:', s._lexicon is not None, file=sys.stderr)\n"
        "print('jieba modules:', sorted(m for m in sys.modules if m.partition('.')[0] == 'jieba'),"
        " file=sys.stderr)\n"
    )
    example = ROOT / "examples" / "clean-library-2023.txt"
    out = subprocess.run(
        [sys.executable, "-c", code, str(example)], check=False, capture_output=True, text=True, cwd=ROOT, timeout=120
    )
    lines = [line for line in out.stderr.splitlines() if line.startswith(("after", "jieba"))]
    assert lines == ["after register: False", "after check: True", "jieba modules: []"], out.stderr
