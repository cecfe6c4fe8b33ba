"""Generic kinds: rules written in TOML alone, and the example province pack that uses them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from perflint.catalog import Catalog, CatalogError, catalog_for
from perflint.checks.analysis.fields import resolve
from perflint.cli import app
from perflint.domain.model import Declaration, ExtraField, Indicator, Label
from perflint.engine import run_example
from perflint.engine.config import Config

ROOT = Path(__file__).resolve().parents[2]
PACK = ROOT / "examples" / "packs" / "jiangnan-2025"
TODAY = "2025-06-01"

FORM = """| 项目支出绩效目标申报表 | | | |
| (2025年度) | | | |
| 项目名称 | 乡村道路养护 | | |
| 项目负责人 | | | |
| 主管部门 | 江南省某县交通运输局 | | |
| 项目资金 (万元) | 年度资金总额: | 120 | |
| 其中:财政拨款 | 100 | | |
| 自筹资金 | 10 | | |
| 立项依据 | 依据上级要求实施 | | |
| 年度总体目标 | 完成道路养护，争创一流 | | |
| 绩效指标 | 一级指标 | 二级指标 | 三级指标 | 指标值 |
| 产出指标 | 数量指标 | 养护里程 | ≥35公里 | |
| 效益指标 | 社会效益指标 | 群众出行条件 | 明显改善 | |
| 满意度指标 | 服务对象满意度指标 | 沿线村民满意度 | ≥85% | |
"""


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return catalog_for([PACK])


def pack_rules(catalog: Catalog) -> list:
    return sorted((r for r in catalog.rules.values() if Path(r.pack) == PACK.resolve()), key=lambda r: r.code)


def test_the_pack_loads_with_every_generic_kind(catalog):
    rules = pack_rules(catalog)
    assert {r.kind for r in rules} == {
        "field-required",
        "field-pattern",
        "word-list",
        "number-threshold",
        "amounts-agree",
    }
    assert all(r.examples for r in rules)


def test_each_pack_rule_fires_on_its_bad_examples_only(catalog):
    for rule in pack_rules(catalog):
        for example in rule.examples:
            found = run_example(catalog, rule, example, Config(today=TODAY))
            assert bool(found) == (example.case == "bad"), (rule.code, example.case, found)


def test_a_real_run_with_the_pack(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "form.txt").write_text(FORM, "utf-8")
    result = CliRunner().invoke(
        app, ["check", "form.txt", "--pack", str(PACK), "--format", "json", "--today", TODAY, "--no-cache"]
    )
    assert result.exit_code == 1, result.output
    report = json.loads(result.stdout)
    found = {f["code"]: f for f in report["findings"] if f["code"].startswith("JN")}
    assert sorted(found) == ["JN001", "JN002", "JN003", "JN004", "JN005", "JN006"]
    assert found["JN006"]["message_zh"].startswith("年度资金总额 120") and "110" in found["JN006"]["message_zh"]
    assert "90%" in found["JN002"]["message_zh"]


def test_packs_named_in_the_configuration(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "form.txt").write_text(FORM, "utf-8")
    (tmp_path / "perflint.toml").write_text(f'packs = ["{PACK.as_posix()}"]\n', "utf-8")
    result = CliRunner().invoke(app, ["check", "form.txt", "--format", "json", "--today", TODAY, "--no-cache"])
    codes = {f["code"] for f in json.loads(result.stdout)["findings"]}
    assert "JN002" in codes


def _write_rule(folder: Path, body: str) -> Path:
    (folder / "rules").mkdir(parents=True, exist_ok=True)
    (folder / "rules" / "xx-check.toml").write_text(
        'code = "XX001"\nname = "xx-check"\nseverity = "warning"\naspect = "relevance"\n'
        + body
        + '\n[message]\nzh = "x"\nen = "x"\n[doc.zh]\nsummary = "x"\nwhat = "x"\nwhy = "x"\n'
        '[doc.en]\nsummary = "x"\nwhat = "x"\nwhy = "x"\n'
        '[[examples]]\ncase = "good"\ndeclaration = { form_type = "项目支出" }\n',
        "utf-8",
    )
    return folder


@pytest.mark.parametrize(
    ("params", "key"),
    [
        ('pattern = "(a+)+$"', "params.pattern"),  # catastrophic backtracking: refused with its line
        ('pattern = "("', "params.pattern"),  # does not compile
    ],
)
def test_an_unsafe_or_broken_pattern_fails_when_the_pack_loads(tmp_path, params, key):
    pack = _write_rule(tmp_path / "pack", f'kind = "field-pattern"\n[params]\nfields = ["basis"]\n{params}\n')
    with pytest.raises(CatalogError) as err:
        Catalog.load(extra_packs=[pack])
    [problem] = err.value.problems
    assert problem.key == key and problem.line == 8 and problem.path.endswith("xx-check.toml")


def test_a_misspelt_field_address_is_refused(tmp_path):
    pack = _write_rule(tmp_path / "pack", 'kind = "field-required"\n[params]\nfields = ["goal.annual"]\n')
    with pytest.raises(CatalogError) as err:
        Catalog.load(extra_packs=[pack])
    assert "goal.annual" in err.value.text("en")


def test_a_missing_pack_folder_is_an_error(tmp_path):
    with pytest.raises(CatalogError) as err:
        Catalog.load(extra_packs=[tmp_path / "nowhere"])
    assert "nowhere" in err.value.text("zh")


def test_field_addresses():
    decl = Declaration(
        name="乡村道路养护",
        goals={"annual": "养护35公里", "long_term": "路况稳定"},
        indicators=[
            Indicator(level1="产出指标", level2="数量指标", content="养护里程", value="35公里"),
            Indicator(level1="满意度指标", level2="服务对象满意度指标", content="满意度", value="≥90%"),
        ],
        fields=[ExtraField("leader", "项目负责人及电话", "王某")],
    )
    decl.source.labels["/name"] = Label("项目名称")
    assert [(f.pointer, f.text, f.zh) for f in resolve(decl, "name")] == [("/name", "乡村道路养护", "项目名称")]
    assert [f.pointer for f in resolve(decl, "goals.*")] == ["/goals/long_term", "/goals/annual"]
    assert [f.text for f in resolve(decl, "indicators.value", ("满意度指标",))] == ["≥90%"]
    assert [f.text for f in resolve(decl, "extra.leader")] == ["王某"]
    assert [f.text for f in resolve(decl, "label:项目负责人及电话")] == ["王某"]
    assert resolve(decl, "money.total") == [] and resolve(decl, "basis") == []
