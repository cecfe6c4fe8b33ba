"""The benchmark generator (benchmarks/generate.py) writes what it claims.

Small and untimed: a few dozen declarations with a fixed seed.  The same seed
gives the same bytes; every text file reads back into its forms with no input
problem and no leftover text; GBK files are GBK; each planted defect makes its
rule fire on its declaration (and those rules stay silent elsewhere); defects
are planted at about their documented rates; the JSON copies follow
schemas/declaration.schema.json and read back.
"""

from __future__ import annotations

import importlib.util
import json
import math
import sys
from collections import defaultdict
from dataclasses import replace
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator
from support.paths import ROOT

from perflint.catalog import builtin_catalog
from perflint.engine import Engine
from perflint.engine.config import Config
from perflint.ingest.files import load_file

SEED = 7
DECLS = 40


def _load_generator():
    spec = importlib.util.spec_from_file_location("perflint_bench_generate", ROOT / "benchmarks" / "generate.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


gen = _load_generator()


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict]:
    out = tmp_path_factory.mktemp("bench")
    manifest = gen.generate(out, DECLS, SEED, jobs=1)
    return out, manifest


@pytest.fixture(scope="module")
def findings(generated: tuple[Path, dict]) -> dict[tuple[str, int | None], set[str]]:
    out, manifest = generated
    engine = Engine(builtin_catalog(), replace(Config(), today="2026-06-30"))
    result = engine.run([str(out / f["text"]) for f in manifest["files"]])
    by: dict[tuple[str, int | None], set[str]] = defaultdict(set)
    for finding in result.findings:
        by[(Path(finding.path).name, finding.declaration)].add(finding.code)
    return by


def _tree(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_same_seed_same_bytes(generated: tuple[Path, dict], tmp_path: Path) -> None:
    out, _ = generated
    again = gen.generate(tmp_path / "again", DECLS, SEED, jobs=1)
    assert _tree(out) == _tree(tmp_path / "again")
    assert again["decls"] == DECLS
    other = gen.generate(tmp_path / "other", DECLS, SEED + 1, jobs=1, with_json=False)
    assert other["files"] != again["files"] or _tree(tmp_path / "other") != _tree(out)


def test_plan_adds_up(generated: tuple[Path, dict]) -> None:
    _, manifest = generated
    assert sum(len(f["forms"]) for f in manifest["files"]) == DECLS
    assert all(1 <= len(f["forms"]) <= 3 for f in manifest["files"])
    assert set(manifest["form_counts"]) == {"项目支出", "专项资金", "部门整体支出"}


def test_every_text_file_extracts_cleanly(generated: tuple[Path, dict]) -> None:
    out, manifest = generated
    for entry in manifest["files"]:
        result = load_file(str(out / entry["text"]))
        assert result.problems == [], entry["text"]
        assert len(result.declarations) == len(entry["forms"]), entry["text"]
        for decl, form in zip(result.declarations, entry["forms"]):
            assert decl.form_type.value == form["form_type"]
            assert decl.year is not None and decl.department
            assert decl.unrecognized == [], (entry["text"], decl.unrecognized)
            assert decl.indicators, entry["text"]
            if form["form_type"] != "部门整体支出":
                assert decl.name == form["name"]
                assert decl.money.total is not None and decl.money.total.amount is not None
                assert decl.schedule
            else:
                assert any(line.key == "expenditure.project" and line.amount is not None for line in decl.money.lines)


def test_gbk_files_are_gbk(generated: tuple[Path, dict]) -> None:
    out, manifest = generated
    encodings = {f["encoding"] for f in manifest["files"]}
    assert encodings == {"utf-8", "gbk"}
    for entry in manifest["files"]:
        data = (out / entry["text"]).read_bytes()
        if entry["encoding"] == "gbk":
            with pytest.raises(UnicodeDecodeError):
                data.decode("utf-8")
            text = data.decode("gbk")
            assert "\r\n" in text and "绩效目标申报表" in text
            assert load_file(str(out / entry["text"])).encoding in ("gbk", "gb2312", "gb18030")
        else:
            assert "绩效目标申报表" in data.decode("utf-8")
            assert b"\r" not in data


def test_planted_defects_fire_their_rules(
    generated: tuple[Path, dict], findings: dict[tuple[str, int | None], set[str]]
) -> None:
    _, manifest = generated
    planted_kinds = set()
    for entry in manifest["files"]:
        name = Path(entry["text"]).name
        for i, form in enumerate(entry["forms"]):
            codes = findings[(name, i)]
            for kind, rules in manifest["defect_rules"].items():
                fired = any(code in codes for code in rules)
                if kind in form["defects"]:
                    planted_kinds.add(kind)
                    assert fired, f"{name} form {i}: planted {kind}, none of {rules} fired ({sorted(codes)})"
                else:
                    assert not fired, f"{name} form {i}: {rules} fired without a planted {kind}"
    assert len(planted_kinds) >= 5, planted_kinds


def test_clean_files_leave_nothing_unrecognized(
    generated: tuple[Path, dict], findings: dict[tuple[str, int | None], set[str]]
) -> None:
    codes = set().union(*findings.values())
    assert "SRC001" not in codes
    assert not {c for c in codes if c.startswith(("INP", "PL"))}


def test_defect_rates(tmp_path: Path) -> None:
    """Over 1,500 forms (text only, no checking) each kind is planted at about its rate."""
    manifest = gen.generate(tmp_path, 1500, SEED, with_json=False, jobs=1)
    forms = [form for f in manifest["files"] for form in f["forms"]]
    with_schedule = sum(1 for form in forms if form["form_type"] != "部门整体支出")
    for kind, (rate, _) in gen.DEFECTS.items():
        n = with_schedule if kind == "date-out-of-year" else len(forms)
        count = manifest["defect_counts"][kind]
        spread = 4 * math.sqrt(n * rate * (1 - rate))
        assert abs(count - n * rate) <= spread, (kind, count, n * rate)
    gbk = manifest["encodings"]["gbk"] / len(manifest["files"])
    assert 0.22 <= gbk <= 0.38


def test_json_copies_follow_the_schema(generated: tuple[Path, dict]) -> None:
    out, manifest = generated
    schema = json.loads((ROOT / "schemas" / "declaration.schema.json").read_text("utf-8"))
    validator = Draft202012Validator(schema)
    for entry in manifest["files"]:
        docs = json.loads((out / entry["json"]).read_text("utf-8"))
        assert isinstance(docs, list) and len(docs) == len(entry["forms"])
        for doc in docs:
            errors = sorted(validator.iter_errors(doc), key=str)
            assert not errors, (entry["json"], errors[0].message)
            assert doc["source"]["path"] == entry["text"]
        back = load_file(str(out / entry["json"]))
        assert back.problems == [] and len(back.declarations) == len(docs)
