"""Catalog loading, validation (file, line, did-you-mean) and rule references."""

from __future__ import annotations

import pytest
from support.tiny_pack import KINDS, RULES, load

from perflint.catalog import CatalogError, ReferenceError_, locate


def test_loads_rules_profiles_and_settings(tmp_path):
    cat = load(tmp_path)
    assert list(cat.rules) == sorted(cat.rules)
    assert set(cat.profiles) == {"hunan-2019", "cn-2021"}
    assert cat.settings["satisfaction_min_percent"] == 85
    assert cat.rules["TST001"].family == "TST"


@pytest.mark.parametrize(
    "ref, codes",
    [
        ("TST001", ["TST001"]),  # code
        ("tst001", ["TST001"]),  # codes are case-insensitive
        ("value-missing", ["TST002"]),  # name
        ("TST", ["TST001", "TST002", "TST003", "TST010"]),  # family prefix
        ("TST00", ["TST001", "TST002", "TST003"]),
        ("old-value-missing", ["TST002"]),  # alias
        ("TST-001", ["TST001"]),
        ("ALL", ["INP001", "PL001", "TST001", "TST002", "TST003", "TST010", "XT001"]),
    ],
)
def test_resolve(tmp_path, ref, codes):
    cat = load(tmp_path)
    assert sorted(r.code for r in cat.resolve(ref)) == codes


def test_resolution_order_code_beats_alias(tmp_path):
    files = dict(RULES)
    # TST003's alias is TST001, which is also a code: the code wins.
    files["core/crash.toml"] = files["core/crash.toml"].replace(
        'aspect = "feasibility"', 'aspect = "feasibility"\n        aliases = ["TST001", "value-missing"]'
    )
    cat = load(tmp_path, files)
    assert [r.code for r in cat.resolve("TST001")] == ["TST001"]
    assert [r.code for r in cat.resolve("value-missing")] == ["TST002"]


def test_unknown_reference_suggests(tmp_path):
    cat = load(tmp_path)
    with pytest.raises(ReferenceError_) as exc:
        cat.resolve("value-mising")
    assert exc.value.suggestion == "value-missing"


def _problems(tmp_path, files):
    with pytest.raises(CatalogError) as exc:
        load(tmp_path, files)
    return exc.value.problems


def test_unknown_key_names_file_line_and_suggestion(tmp_path):
    files = dict(RULES)
    files["core/name-empty.toml"] = files["core/name-empty.toml"].replace('severity = "error"', 'severty = "error"')
    problems = _problems(tmp_path, files)
    texts = [p.text("en") for p in problems]
    assert any("name-empty.toml:4" in t and "severty" in t and "did you mean “severity”" in t for t in texts), texts


def test_bad_severity_and_kind_suggest(tmp_path):
    files = dict(RULES)
    files["core/name-empty.toml"] = files["core/name-empty.toml"].replace('severity = "error"', 'severity = "eror"')
    files["core/value-missing.toml"] = files["core/value-missing.toml"].replace(
        'kind = "tiny-value-missing"', 'kind = "tiny-value-mising"'
    )
    problems = _problems(tmp_path, files)
    by_key = {(p.path.rsplit("/", 1)[-1], p.key): p for p in problems}
    sev = by_key[("name-empty.toml", "severity")]
    assert sev.line == 4 and "“error”" in sev.text("en")
    kind = by_key[("value-missing.toml", "kind")]
    assert kind.line == 3 and "tiny-value-missing" in kind.text("en")
    assert "是否想写" in kind.text("zh")


def test_params_validated_against_kind_schema(tmp_path):
    files = dict(RULES)
    files["core/name-empty.toml"] = files["core/name-empty.toml"].replace('field = "name"', 'feild = "name"')
    problems = _problems(tmp_path, files)
    keys = {p.key for p in problems}
    assert "params.feild" in keys
    p = next(p for p in problems if p.key == "params.feild")
    assert p.line == 9 and "field" in p.text("en")


def test_name_must_equal_stem_and_codes_unique(tmp_path):
    files = dict(RULES)
    files["core/other-name.toml"] = files["core/name-empty.toml"]
    problems = _problems(tmp_path, files)
    texts = "\n".join(p.text("en") for p in problems)
    assert "must equal the file name “other-name”" in texts


def test_duplicate_code_names_both_files(tmp_path):
    files = dict(RULES)
    files["core/name-empty-2.toml"] = files["core/name-empty.toml"].replace(
        'name = "name-empty"', 'name = "name-empty-2"'
    )
    problems = _problems(tmp_path, files)
    dup = [p for p in problems if p.key == "code"]
    assert len(dup) == 1
    assert dup[0].path.endswith("name-empty.toml") or dup[0].path.endswith("name-empty-2.toml")
    text = dup[0].text("en")
    assert "TST001" in text and "name-empty" in text and text.count(".toml") == 2


def test_toml_syntax_error_has_line(tmp_path):
    files = dict(RULES)
    files["core/crash.toml"] = files["core/crash.toml"] + "\n        oops = \n"
    problems = _problems(tmp_path, files)
    assert any(p.path.endswith("crash.toml") and p.line and "TOML" in p.text("en") for p in problems)


def test_profile_validation(tmp_path):
    files = dict(RULES)
    files["profiles/cn-2021.toml"] = files["profiles/cn-2021.toml"].replace('TST002 = "error"', 'TST02 = "error"')
    problems = _problems(tmp_path, files)
    assert any("TST02" in p.text("en") and p.path.endswith("cn-2021.toml") for p in problems)


def test_failing_plugin_is_recorded_not_fatal(tmp_path, monkeypatch):
    import importlib.metadata

    from perflint import catalog as catalog_mod

    class EP:
        def __init__(self, name, fn):
            self.name, self._fn = name, fn

        def load(self):
            return self._fn

    def broken():
        raise ImportError("no module named nonsense")

    eps = [EP("broken", broken), EP("good", lambda: KINDS)]
    monkeypatch.setattr(importlib.metadata, "entry_points", lambda group: eps if group == "perflint.kinds" else [])
    from support.tiny_pack import write_pack

    files = dict(RULES)
    files["core/from-plugin.toml"] = (
        files["core/crash.toml"]
        .replace('code = "TST003"', 'code = "TST004"')
        .replace('name = "crash"', 'name = "from-plugin"')
        .replace('kind = "tiny-crash"', 'kind = "zebra-stripes"')
    )
    cat = catalog_mod.Catalog.load(packs=[write_pack(tmp_path, files)])
    assert [e.name for e in cat.plugin_errors] == ["broken"]
    assert "tiny-field-empty" in cat.kinds
    # the rule whose kind probably came from the broken plugin is skipped, not fatal
    assert "TST004" not in cat.rules and "TST003" in cat.rules
    [skip] = cat.skipped
    assert skip.path.endswith("from-plugin.toml") and skip.line == 3 and "zebra-stripes" in skip.text("en")


def test_locate_nested_tables():
    text = "[tool.other]\nx = 1\n\n[tool.perflint]\nselect = []\n\n[tool.perflint.settings]\nfoo = 1\n"
    assert locate(text, ["tool", "perflint", "select"]) == 5
    assert locate(text, ["tool", "perflint", "settings", "foo"]) == 8
    rule = 'code = "A"\n[[examples]]\ncase = "bad"\n[[examples]]\ncase = "good"\nx = 1\n'
    assert locate(rule, ["examples", 1, "x"]) == 6


def test_example_declarations_follow_the_input_schema(tmp_path):
    files = dict(RULES)
    files["core/value-missing.toml"] = files["core/value-missing.toml"].replace(
        'declaration = { name = "x", indicators = [ { content = "a", value = "1次" } ] }',
        'declaration = { name = "x", indicator = [ { content = "a", value = "1次" } ] }',
    )
    problems = _problems(tmp_path, files)
    [p] = problems
    assert p.path.endswith("value-missing.toml") and p.line == 29  # the good example's declaration
    assert "indicator" in p.text("en") and "declaration.schema.json" in p.text("en")


def test_example_settings_must_be_known(tmp_path):
    files = dict(RULES)
    files["core/value-missing.toml"] = files["core/value-missing.toml"].replace(
        'case = "good"\n', 'case = "good"\n        settings = { soft_prefx = "!" }\n'
    )
    [p] = _problems(tmp_path, files)
    assert p.key == "examples.1.settings.soft_prefx" and "did you mean “soft_prefix”" in p.text("en")
