"""Configuration files: discovery, precedence, validation with file/line/key/suggestion."""

from __future__ import annotations

import pytest
from support.tiny_pack import load

from perflint.engine.config import ConfigError, find_config, load_config, parse_setting_value
from perflint.engine.grade import GradeConfig


@pytest.fixture()
def cat(tmp_path):
    return load(tmp_path / "catalog")


def _write(path, text):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, "utf-8")
    return path


def test_defaults_without_file(tmp_path, cat, monkeypatch):
    monkeypatch.delenv("PERFLINT_TODAY", raising=False)
    cfg = load_config(cat, cwd=tmp_path / "nothing-here")
    assert cfg.path is None
    assert cfg.profile == "hunan-2019" and cfg.fail_on == "error" and cfg.lang == "zh"


def test_pyproject_found_upwards(tmp_path, cat):
    _write(
        tmp_path / "proj" / "pyproject.toml",
        '[project]\nname = "x"\n\n[tool.perflint]\nprofile = "cn-2021"\nignore = ["TST003"]\n'
        "\n[tool.perflint.settings]\nsatisfaction_min_percent = 90\n",
    )
    deep = tmp_path / "proj" / "a" / "b"
    deep.mkdir(parents=True)
    assert find_config(deep) == (tmp_path / "proj" / "pyproject.toml").resolve()
    cfg = load_config(cat, cwd=deep)
    assert cfg.profile == "cn-2021" and cfg.ignore == ["TST003"]
    assert cfg.settings == {"satisfaction_min_percent": 90}
    assert cfg.root == (tmp_path / "proj").resolve()


def test_pyproject_without_table_is_skipped(tmp_path, cat):
    _write(tmp_path / "outer" / "perflint.toml", 'profile = "cn-2021"\n')
    _write(tmp_path / "outer" / "inner" / "pyproject.toml", '[project]\nname = "x"\n')
    cfg = load_config(cat, cwd=tmp_path / "outer" / "inner")
    assert cfg.profile == "cn-2021" and cfg.path.name == "perflint.toml"


def test_perflint_toml_wins_in_same_directory(tmp_path, cat):
    _write(tmp_path / "pyproject.toml", '[tool.perflint]\nprofile = "cn-2021"\n')
    _write(tmp_path / "perflint.toml", 'profile = "hunan-2019"\nlang = "en"\n')
    cfg = load_config(cat, cwd=tmp_path)
    assert cfg.profile == "hunan-2019" and cfg.lang == "en"


def test_cli_overrides(tmp_path, cat):
    _write(
        tmp_path / "perflint.toml",
        'select = ["TST001"]\nignore = ["TST002"]\nfail-on = "warning"\n[settings]\nsatisfaction_min_percent = 80\n',
    )
    cfg = load_config(
        cat,
        cwd=tmp_path,
        overrides={
            "select": ["TST"],
            "ignore": ["crash"],
            "fail-on": "info",
            "settings": ["satisfaction_min_percent=95", "placeholders=['/', '无', '-']"],
            "today": "2019-06-30",
        },
    )
    assert cfg.select == ["TST"] and cfg.ignore == ["TST002", "crash"] and cfg.fail_on == "info"
    assert cfg.settings == {"satisfaction_min_percent": 95, "placeholders": ["/", "无", "-"]}
    assert cfg.today == "2019-06-30"


def test_today_from_environment(tmp_path, cat, monkeypatch):
    monkeypatch.setenv("PERFLINT_TODAY", "2018-12-31")
    assert load_config(cat, cwd=tmp_path).today == "2018-12-31"


def _error(cat, tmp_path, text, name="perflint.toml", **kw):
    path = _write(tmp_path / name, text)
    with pytest.raises(ConfigError) as exc:
        load_config(cat, config_file=path, cwd=tmp_path, **kw)
    return exc.value


def test_unknown_key_names_file_line_key_and_suggestion(tmp_path, cat):
    err = _error(cat, tmp_path, 'profile = "hunan-2019"\nextend-selct = ["TST"]\n')
    [p] = err.problems
    assert p.path.endswith("perflint.toml") and p.line == 2 and p.key == "extend-selct"
    assert "did you mean “extend-select”" in p.text("en")
    assert "未知的键「extend-selct」" in err.text("zh")


def test_unknown_key_in_pyproject(tmp_path, cat):
    err = _error(cat, tmp_path, '[project]\nname = "x"\n\n[tool.perflint]\nfail_on = "error"\n', name="pyproject.toml")
    [p] = err.problems
    assert p.line == 5 and "fail-on" in p.text("en")


@pytest.mark.parametrize(
    "text, key, needle",
    [
        ('select = ["TST0001"]\n', "select", "TST001"),
        ('ignore = ["value-mising"]\n', "ignore", "value-missing"),
        ('[severity]\nname-empy = "info"\n', "severity.name-empy", "name-empty"),
        ('[per-file-ignores]\n"*.txt" = ["XT01"]\n', "per-file-ignores.*.txt", "XT001"),
        ('profile = "cn-2012"\n', "profile", "cn-2021"),
        ("[settings]\nsatisfaction_min_percnt = 90\n", "settings.satisfaction_min_percnt", "satisfaction_min_percent"),
    ],
)
def test_unknown_references_suggest(tmp_path, cat, text, key, needle):
    err = _error(cat, tmp_path, text)
    [p] = err.problems
    assert p.key == key and p.line is not None
    assert f"“{needle}”" in p.text("en")


def test_bad_values(tmp_path, cat):
    err = _error(cat, tmp_path, 'fail-on = "warn"\n')
    assert "did you mean “warning”" in err.problems[0].text("en")
    err = _error(cat, tmp_path, '[settings]\nsatisfaction_min_percent = "ninety"\n')
    assert "must be a number" in err.problems[0].text("en")
    err = _error(cat, tmp_path, '[severity]\nTST001 = "fatal"\n')
    assert err.problems[0].key == "severity.TST001"


def test_cli_errors_are_named(tmp_path, cat):
    with pytest.raises(ConfigError) as exc:
        load_config(cat, cwd=tmp_path, overrides={"select": ["NOPE"], "settings": ["oops"], "today": "yesterday"})
    keys = sorted(p.key for p in exc.value.problems)
    assert keys == ["--select", "--settings", "--today"]
    assert all(p.path == "<command line>" for p in exc.value.problems)


def test_toml_syntax_error(tmp_path, cat):
    err = _error(cat, tmp_path, "profile = \n")
    assert err.problems[0].line == 1 and "TOML" in err.problems[0].text("en")


def test_grade_table(tmp_path, cat):
    _write(tmp_path / "perflint.toml", '[grade]\nweights = { warning = 10 }\nper-rule-max = 0\nerror-cap = "差"\n')
    cfg = load_config(cat, cwd=tmp_path)
    assert cfg.grade == GradeConfig(weights={"error": 20, "warning": 10, "info": 1}, per_rule_max=0, error_cap="差")
    err = _error(cat, tmp_path, "[grade]\nweight = { warning = 10 }\n")
    assert "did you mean “weights”" in err.problems[0].text("en")


def test_parse_setting_value():
    assert parse_setting_value("90") == 90
    assert parse_setting_value("true") is True
    assert parse_setting_value("['a', 'b']") == ["a", "b"]
    assert parse_setting_value("plain words") == "plain words"


def test_per_rule_params(tmp_path, cat):
    from perflint.domain.model import Declaration, Indicator
    from perflint.engine import Engine

    _write(tmp_path / "perflint.toml", '[rules.value-missing]\nsoft_prefix = "!"\n')
    cfg = load_config(cat, cwd=tmp_path)
    assert cfg.rule_params == {"TST002": {"soft_prefix": "!"}}
    decl = Declaration(name="x", indicators=[Indicator(content="!soft", value="")])
    [f] = [f for f in Engine(cat, cfg).run_declarations([decl]).findings if f.code == "TST002"]
    assert f.severity.value == "info"
    err = _error(cat, tmp_path, '[rules.TST001]\nfeild = "name"\n')
    [p] = err.problems
    assert p.key == "rules.TST001.feild" and p.line == 1 and "did you mean “field”" in p.text("en")
    err = _error(cat, tmp_path, '[rules.value-mising]\nsoft_prefix = "!"\n')
    assert "value-missing" in err.problems[0].text("en")
