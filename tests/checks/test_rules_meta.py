"""Every rule is complete: identity, docs in both languages, messages, examples.

Nothing here counts rules: a rule added with its file must pass as it is.
The rule files of catalog part B (budget, dates, text, crossform, review,
relevance, source) are also checked as raw TOML against their kinds.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator
from support.paths import EXAMPLES
from support.raw_rules import FAMILIES, builtin_rule_codes, builtin_rule_files, kinds, load_rule, part_b_rule_files

from perflint.catalog import INTERNAL_ERROR_CODE, LANGS, builtin_catalog, catalog_for
from perflint.resources import rules_dir

SECTIONS = ("summary", "what", "why")


def _rules():
    return [pytest.param(code, id=f"{code}-{rule.name}") for code, rule in builtin_catalog().rules.items()]


def test_catalog_loads_without_plugin_errors():
    cat = builtin_catalog()
    assert cat.plugin_errors == []
    assert {"hunan-2019", "cn-2015", "cn-2021"} <= set(cat.profiles)
    assert INTERNAL_ERROR_CODE in cat.rules


@pytest.mark.parametrize("code", _rules())
def test_rule_is_complete(code):
    rule = builtin_catalog().rules[code]
    assert rule.code and rule.name and rule.kind and rule.severity and rule.aspect
    assert rule.name == rule.path.stem
    assert rule.path.parent.name != "profiles"
    for lang in LANGS:
        doc = rule.doc.get(lang) or {}
        for section in SECTIONS:
            assert doc.get(section, "").strip(), f"{rule.path}: doc.{lang}.{section} missing"
        assert rule.message.get(lang, "").strip(), f"{rule.path}: message.{lang} missing"
        for variant, pair in rule.messages.items():
            assert pair.get(lang, "").strip(), f"{rule.path}: messages.{variant}.{lang} missing"
        if rule.suggestion is not None:
            assert rule.suggestion.get(lang, "").strip()
    # the same doc sections in the same order in both languages
    text = rule.path.read_text("utf-8")
    assert "TODO" not in text, f"{rule.path}: scaffold TODO left in"
    data = tomllib.loads(text)
    assert [list(data["doc"][lang]) for lang in LANGS] == [list(SECTIONS)] * 2
    cases = {ex.case for ex in rule.examples}
    if rule.kind == "internal":
        # a crash cannot be written as input data: the engine tests cover the bad case
        assert "good" in cases
    else:
        assert cases == {"bad", "good"}, f"{rule.path}: needs a bad and a good example"


def test_codes_unique_and_family_folders():
    cat = builtin_catalog()
    by_folder: dict[str, set[str]] = {}
    for rule in cat.rules.values():
        folder = rule.path.relative_to(rules_dir()).parts[0]
        by_folder.setdefault(folder, set()).add(rule.family)
    for folder, families in by_folder.items():
        assert len(families) == 1, f"rules/{folder} mixes families {sorted(families)}"


def test_every_rule_file_loads_as_one_rule():
    """Each rule file of the built-in pack becomes one rule, under the code it states."""
    cat = builtin_catalog()
    assert sorted(Path(r.path).resolve() for r in cat.rules.values()) == sorted(
        p.resolve() for p in builtin_rule_files()
    )
    codes = builtin_rule_codes()
    assert len(codes) == len(set(codes)), "two rule files state the same code"
    assert sorted(cat.rules) == codes


def test_every_kind_is_used():
    """A kind no rule uses is dead code; the generic kinds are used by the example packs."""
    cat = builtin_catalog()
    packs = sorted(p for p in (EXAMPLES / "packs").iterdir() if p.is_dir())
    used = {r.kind for r in catalog_for(packs).rules.values()}
    assert sorted(set(cat.kinds) - used) == []


def test_aliases_do_not_shadow():
    cat = builtin_catalog()
    codes = set(cat.rules)
    names = {r.name for r in cat.rules.values()}
    seen: dict[str, str] = {}
    for rule in cat.rules.values():
        for alias in rule.aliases:
            assert alias not in codes and alias not in names, f"{rule.code}: alias {alias} shadows a rule"
            assert alias not in seen, f"alias {alias} used by {seen.get(alias)} and {rule.code}"
            seen[alias] = rule.code


def test_new_rule_scaffold_loads(tmp_path):
    """scripts/new_rule.py writes a rule that passes the schema and its kind's params_schema."""
    import importlib.util
    import shutil

    from perflint.catalog import Catalog

    spec = importlib.util.spec_from_file_location("new_rule", rules_dir().parent / "scripts" / "new_rule.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    cat = builtin_catalog()
    kind = sorted(k for k in cat.kinds)[0]
    pack = tmp_path / "rules"
    shutil.copytree(rules_dir() / "profiles", pack / "profiles")
    shutil.copy(rules_dir() / "settings.toml", pack / "settings.toml")
    assert module.main(["--family", "ZZ", "--kind", kind, "--name", "brand-new-rule", "--rules-dir", str(pack)]) == 0
    written = pack / "zz" / "brand-new-rule.toml"
    text = written.read_text("utf-8")
    for section in ("[message]", "[suggestion]", "[doc.zh]", "[doc.en]", "[params]", 'case = "bad"', 'case = "good"'):
        assert section in text
    loaded = Catalog.load(packs=[pack], kind_classes=[type(k) for k in cat.kinds.values()])
    assert loaded.rules["ZZ001"].name == "brand-new-rule"
    assert module.main(["--family", "ZZ", "--kind", "no-such-kind", "--name", "x-y", "--rules-dir", str(pack)]) == 2


def test_every_setting_is_read_by_some_kind():
    """A shared or profile setting that no code reads would silently do nothing when a user sets it."""
    import perflint

    source = "".join(p.read_text("utf-8") for p in Path(perflint.__file__).parent.rglob("*.py"))
    cat = builtin_catalog()
    unread = [k for k in sorted(cat.setting_names()) if f'"{k}"' not in source and f"'{k}'" not in source]
    assert unread == []


@pytest.mark.parametrize("code", _rules())
def test_templates_parse(code):
    """Every message template parses and uses plain named fields (braces doubled when literal)."""
    import string

    rule = builtin_catalog().rules[code]
    pairs = [rule.message, *rule.messages.values()] + ([rule.suggestion] if rule.suggestion else [])
    for pair in pairs:
        for lang in LANGS:
            try:
                fields = [f for _, f, spec, conv in string.Formatter().parse(pair[lang]) if f is not None]
            except ValueError as exc:
                pytest.fail(f"{rule.path}: {lang} template does not parse ({exc}): {pair[lang]!r}")
            for name in fields:
                assert name.isidentifier(), f"{rule.path}: field {{{name}}} is not a plain name"


# -- catalog part B as raw TOML ------------------------------------------------------


def test_every_part_b_family_has_rules_with_unique_codes() -> None:
    codes: dict[str, list[str]] = {}
    for path in part_b_rule_files():
        rule = load_rule(path)
        codes.setdefault(FAMILIES[path.parent.name], []).append(rule["code"])
    assert sorted(codes) == sorted(FAMILIES.values()), "a family folder without rules"
    everything = [c for v in codes.values() for c in v]
    assert len(everything) == len(set(everything))


@pytest.mark.parametrize("path", part_b_rule_files(), ids=[p.stem for p in part_b_rule_files()])
def test_rule_structure(path: Path) -> None:
    rule = load_rule(path)
    family = FAMILIES[path.parent.name]
    assert rule["name"] == path.stem
    assert re.fullmatch(rf"{family}\d{{3}}", rule["code"]), rule["code"]
    assert f"{family}-{rule['code'][len(family) :]}" in rule.get("aliases", [])
    assert rule["severity"] in ("error", "warning", "info")
    assert rule["aspect"] in ("completeness", "relevance", "appropriateness", "feasibility")
    known = kinds()
    assert rule["kind"] in known or rule["kind"] in ("input", "internal")  # notes rendered from reading
    kind = known[rule["kind"]]
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
