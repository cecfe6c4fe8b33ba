"""Fast catalog loading: the trusted built-in pack, the parse cache, entry points, the quick schema check.

``builtin_catalog()`` skips the JSON Schema passes over the built-in pack at
run time; the first test here is what keeps a broken built-in rule failing
CI: it loads the same pack with every validation on.
"""

from __future__ import annotations

import importlib.metadata
import json
import shutil
import sys
import tomllib

import pytest
from hypothesis import given
from hypothesis import strategies as st
from support.tiny_pack import KINDS, RULES, write_pack

from perflint import plugins
from perflint.catalog import Catalog, CatalogError, builtin_catalog, surely_valid
from perflint.catalog import loader as catalog_mod
from perflint.resources import rules_dir, schema


def test_builtin_pack_passes_full_validation():
    """Every built-in rule, example declaration, kind parameter and profile validates against its schema."""
    full = Catalog.load()  # nothing trusted: jsonschema checks every file
    fast = builtin_catalog()
    assert full.rules == fast.rules
    assert full.profiles == fast.profiles
    assert full.settings == fast.settings
    assert list(full.kinds) == list(fast.kinds)
    assert full.plugin_errors == fast.plugin_errors == []


def _copy_builtin(tmp_path):
    pack = tmp_path / "rules"
    shutil.copytree(rules_dir(), pack)
    return pack


def _kinds():
    return [type(k) for k in builtin_catalog().kinds.values()]


def test_trusted_pack_loads_like_a_validated_one(tmp_path):
    pack = _copy_builtin(tmp_path)
    trusted = Catalog.load(packs=[pack], kind_classes=_kinds(), trusted=[pack])
    checked = Catalog.load(packs=[pack], kind_classes=_kinds())
    assert trusted.rules == checked.rules and trusted.profiles == checked.profiles


def test_broken_file_in_a_trusted_pack_is_still_reported_with_line_and_hint(tmp_path):
    pack = _copy_builtin(tmp_path)
    path = next(p for p in sorted(pack.rglob("*.toml")) if 'severity = "warning"' in p.read_text("utf-8"))
    text = path.read_text("utf-8").replace('severity = "warning"', 'severity = "warnign"', 1)
    path.write_text(text, "utf-8")
    profile = pack / "profiles" / "cn-2021.toml"
    profile.write_text(profile.read_text("utf-8").replace('name = "cn-2021"', "name = 2021", 1), "utf-8")
    with pytest.raises(CatalogError) as err:
        Catalog.load(packs=[pack], kind_classes=_kinds(), trusted=[pack])
    problems = {p.path: p for p in err.value.problems}
    bad = problems[str(path)]
    assert bad.key == "severity" and bad.line == text.splitlines().index('severity = "warnign"') + 1
    assert "warning" in bad.text("en")  # did you mean
    assert str(profile) in problems


def test_params_of_a_plugin_kind_are_validated_even_in_a_trusted_pack(tmp_path):
    files = dict(RULES)
    files["core/value-missing.toml"] = files["core/value-missing.toml"].replace(
        "[[examples]]", "[params]\n        nonsense = 1\n\n        [[examples]]", 1
    )
    pack = write_pack(tmp_path, files)
    with pytest.raises(CatalogError) as err:
        Catalog.load(packs=[pack], kind_classes=KINDS, trusted=[pack])
    assert any("nonsense" in p.text("en") for p in err.value.problems)


# -- the parse cache --------------------------------------------------------


def test_parse_cache_is_written_then_read(tmp_path, monkeypatch):
    pack = _copy_builtin(tmp_path)
    cache = tmp_path / "cache"
    first = Catalog.load(packs=[pack], kind_classes=_kinds(), trusted=[pack], cache_dir=cache)
    [written] = (cache / "catalog").glob("*.json")
    assert (cache / "CACHEDIR.TAG").read_text("utf-8").startswith("Signature: 8a477f597d28d172789f06886806bc55")
    assert not list((cache / "catalog").glob(".*.tmp"))

    def no_parsing(text):
        raise AssertionError("parsed although the cache is fresh")

    monkeypatch.setattr(catalog_mod.tomllib, "loads", no_parsing)
    second = Catalog.load(packs=[pack], kind_classes=_kinds(), trusted=[pack], cache_dir=cache)
    assert second.rules == first.rules and second.profiles == first.profiles and second.settings == first.settings
    assert json.loads(written.read_text("utf-8"))["files"]


def test_parse_cache_follows_edits_and_survives_damage(tmp_path):
    pack = _copy_builtin(tmp_path)
    cache = tmp_path / "cache"
    Catalog.load(packs=[pack], kind_classes=_kinds(), trusted=[pack], cache_dir=cache)
    path = pack / "settings.toml"
    text = path.read_text("utf-8")
    assert "\nsatisfaction_min_percent = 85\n" in text
    path.write_text(text.replace("\nsatisfaction_min_percent = 85\n", "\nsatisfaction_min_percent = 77\n"), "utf-8")
    edited = Catalog.load(packs=[pack], kind_classes=_kinds(), trusted=[pack], cache_dir=cache)
    assert edited.settings["satisfaction_min_percent"] == 77
    [written] = (cache / "catalog").glob("*.json")
    written.write_text("{ not json", "utf-8")
    again = Catalog.load(packs=[pack], kind_classes=_kinds(), trusted=[pack], cache_dir=cache)
    assert again.settings["satisfaction_min_percent"] == 77
    assert json.loads(written.read_text("utf-8"))["key"]  # rewritten


def test_unwritable_cache_is_ignored(tmp_path):
    pack = _copy_builtin(tmp_path)
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x", "utf-8")
    cat = Catalog.load(packs=[pack], kind_classes=_kinds(), trusted=[pack], cache_dir=blocker / "cache")
    assert set(cat.rules) == set(builtin_catalog().rules)


def test_toml_error_in_a_cached_pack_is_reported(tmp_path):
    pack = _copy_builtin(tmp_path)
    cache = tmp_path / "cache"
    Catalog.load(packs=[pack], kind_classes=_kinds(), trusted=[pack], cache_dir=cache)
    path = sorted((pack / "values").glob("*.toml"))[0]
    path.write_text(path.read_text("utf-8") + "\nbroken = = 1\n", "utf-8")
    with pytest.raises(CatalogError) as err:
        Catalog.load(packs=[pack], kind_classes=_kinds(), trusted=[pack], cache_dir=cache)
    [problem] = err.value.problems
    assert problem.path == str(path) and problem.line == len(path.read_text("utf-8").splitlines())


# -- entry points without importlib.metadata ----------------------------------


@pytest.mark.parametrize("group", ["perflint.kinds", "perflint.packs", "console_scripts", "pytest11", "no.such.group"])
def test_entry_point_scan_matches_importlib_metadata(group):
    fast = plugins._scan_entry_points(group)
    assert fast is not None
    assert [(e.name, e.value) for e in fast] == [
        (e.name, e.value) for e in importlib.metadata.entry_points(group=group)
    ]


def test_entry_point_scan_on_a_synthetic_path(tmp_path, monkeypatch):
    def dist(folder, name, text):
        d = folder / name
        d.mkdir(parents=True)
        (d / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {name.split('-')[0]}\nVersion: 1\n", "utf-8")
        if text is not None:
            (d / "entry_points.txt").write_text(text, "utf-8")

    first, second = tmp_path / "a", tmp_path / "b"
    dist(
        first,
        "Alpha_Plugin-1.0.dist-info",
        "# comment\n[perflint.kinds]\nalpha = alpha.kinds:register\n\n[console_scripts]\nalpha = alpha:main\n",
    )
    dist(first, "beta-2.0.dist-info", "[perflint.kinds]\n  beta = beta:register [extra]  \n")
    dist(first, "gamma-0.1.egg-info", "[perflint.packs]\ngamma=gamma:packs\n")
    dist(first, "nothing-1.0.dist-info", None)
    dist(
        second, "alpha.plugin-9.0.dist-info", "[perflint.kinds]\nshadowed = alpha2:register\n"
    )  # same name: first wins
    dist(second, "delta-1.0.dist-info", "[perflint.kinds]\ndelta = delta:register\n")
    monkeypatch.setattr(sys, "path", [str(first), str(tmp_path / "missing"), str(second)])
    for group in ("perflint.kinds", "perflint.packs", "console_scripts"):
        fast = plugins._scan_entry_points(group)
        slow = importlib.metadata.entry_points(group=group)
        assert sorted((e.name, e.value) for e in fast) == sorted((e.name, e.value) for e in slow)
    kinds = {e.name: e.value for e in plugins._scan_entry_points("perflint.kinds")}
    assert kinds == {"alpha": "alpha.kinds:register", "beta": "beta:register [extra]", "delta": "delta:register"}


def test_entry_point_scan_gives_up_on_a_zip_on_sys_path(tmp_path, monkeypatch):
    archive = tmp_path / "plugins.zip"
    archive.write_bytes(b"PK\x05\x06" + b"\0" * 18)
    monkeypatch.setattr(sys, "path", [str(archive)])
    assert plugins._scan_entry_points("perflint.kinds") is None


def test_entry_point_load():
    ep = plugins.EntryPoint("builtin", "perflint.checks:register", "perflint.kinds")
    from perflint.checks import register

    assert ep.load() is register
    assert plugins.EntryPoint("x", "perflint.catalog.packs : builtin_packs", "g").load()() == [rules_dir()]
    with pytest.raises(ValueError):
        plugins.EntryPoint("x", "not a path!", "g").load()


# -- the quick schema check ---------------------------------------------------

CONFIG = schema("config.schema.json")
_keys = st.sampled_from(sorted(CONFIG["properties"]) + ["profil", "Select", "grade", "weights", "error", "优", "x"])
_scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-5, 5),
    st.floats(-2, 120, allow_nan=False),
    st.sampled_from(
        [
            "",
            "error",
            "warning",
            "info",
            "none",
            "zh",
            "en",
            "text",
            "hunan-2019",
            "Bad Name",
            "a_b",
            "优",
            "中",
            "差",
            "REQ",
            "json",
        ]
    ),
)
_values = st.recursive(
    _scalars,
    lambda inner: st.one_of(st.lists(inner, max_size=3), st.dictionaries(_keys, inner, max_size=3)),
    max_leaves=8,
)


@given(st.dictionaries(_keys, _values, max_size=5))
def test_surely_valid_never_accepts_what_jsonschema_rejects(table):
    from jsonschema import Draft202012Validator

    if surely_valid(CONFIG, table):
        assert list(Draft202012Validator(CONFIG).iter_errors(table)) == []


@pytest.mark.parametrize(
    "table, ok",
    [
        ({}, True),
        ({"profile": "cn-2021", "fail-on": "warning", "select": ["REQ"], "max-file-size": 10}, True),
        ({"grade": {"weights": {"error": 10.5}, "bands": {"优": 95}, "error-cap": "中"}}, True),
        ({"per-file-ignores": {"a/*.txt": ["TXT"]}, "severity": {"VAL": "info"}, "settings": {"a_b": [1]}}, True),
        ({"cache": False, "cache-dir": ".cache"}, True),
        ({"max-file-size": True}, False),  # a bool is not an integer
        ({"max-file-size": 0}, False),  # minimum 1
        ({"fail-on": "errors"}, False),
        ({"profile": "Bad Name"}, False),  # pattern
        ({"select": [""]}, False),  # minLength
        ({"selct": []}, False),  # additionalProperties
        ({"grade": {"bands": {"优": 101}}}, False),
        ({"settings": {"Bad": 1}}, False),  # propertyNames
        ({"cache-dir": ""}, False),
        ({"time-limit": 600}, True),  # a time limit in perflint.toml does not import jsonschema
        ({"time-limit": 0}, False),  # exclusiveMinimum 0
    ],
)
def test_surely_valid_cases(table, ok):
    from jsonschema import Draft202012Validator

    assert surely_valid(CONFIG, table) is ok
    assert (list(Draft202012Validator(CONFIG).iter_errors(table)) == []) is ok


def test_surely_valid_defers_on_keywords_it_does_not_know():
    assert surely_valid({"type": "object", "required": ["a"]}, {"a": 1}) is False
    assert surely_valid({"oneOf": [{"type": "string"}]}, "x") is False
    assert surely_valid({"type": "integer"}, 1.0) is False  # jsonschema decides


def test_builtin_rule_toml_is_json_safe():
    """The parse cache stores JSON: the built-in pack has no TOML dates or times."""
    for path in rules_dir().rglob("*.toml"):
        assert catalog_mod._json_safe(tomllib.loads(path.read_text("utf-8"))), path
