"""The declaration JSON Schema matches the model, and extract → JSON → read round-trips."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator
from support.paths import ROOT
from typer.testing import CliRunner

from perflint.cli import app
from perflint.domain.model import (
    DateValue,
    Declaration,
    ExtraField,
    Indicator,
    Label,
    Money,
    MoneyLine,
    Reading,
    Review,
    ScheduleRow,
    Source,
    Span,
)
from perflint.ingest.files import load_bytes, load_file
from perflint.resources import schema, schemas_dir

EXAMPLES = sorted(p for p in (ROOT / "examples").iterdir() if p.suffix in (".txt", ".json", ".jsonl") and p.is_file())
SCHEMA = schema("declaration.schema.json")
VALIDATOR = Draft202012Validator(SCHEMA)


def _walk(node, path=""):
    if isinstance(node, dict):
        yield path, node
        for key, value in node.items():
            yield from _walk(value, f"{path}/{key}")
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _walk(value, f"{path}/{i}")


def test_schema_is_valid_draft_2020_12() -> None:
    assert SCHEMA["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    Draft202012Validator.check_schema(SCHEMA)


def test_every_property_is_described_in_chinese_and_english() -> None:
    cjk = re.compile(r"[\u4e00-\u9fff]")
    described = 0
    for path, node in _walk(SCHEMA):
        for name, sub in node.get("properties", {}).items() if isinstance(node.get("properties"), dict) else []:
            desc = sub.get("description", "")
            zh, sep, en = desc.partition(" / ")
            assert sep and cjk.search(zh) and re.search(r"[A-Za-z]{3}", en), f"{path}/properties/{name}: {desc!r}"
            described += 1
    for name, sub in SCHEMA["$defs"].items():
        assert " / " in sub.get("description", ""), name
    assert described > 60


def test_every_object_with_properties_refuses_unknown_ones() -> None:
    for path, node in _walk(SCHEMA):
        if isinstance(node.get("properties"), dict) and "type" in node:
            assert node.get("additionalProperties") is False, path


def _full_declaration() -> Declaration:
    """A declaration with every slot filled, so to_dict shows every key."""
    span = Span(1, 1, 1, 3)
    return Declaration(
        title="专项资金绩效目标申报表",
        year=2024,
        year_text="2024年度",
        filing_unit="白沙区水利局",
        name="河道保洁",
        attribute="延续",
        attribute_text="延续☑ 新增□",
        department="白沙区水利局",
        implementing_unit="白沙区河道所",
        money=Money(
            MoneyLine("total", "资金总额（万元）", "30", None), [MoneyLine("income.public", "财政拨款", "30")], "万元"
        ),
        functions="河道管理",
        basis="《白沙区河道管理办法》",
        schedule=[
            ScheduleRow("保洁", DateValue("2024.1", "2024-01", "month"), DateValue("2024.12", "2024-12", "month"))
        ],
        goals={"long_term": "长期", "annual": "年度", "overall": "整体"},
        indicators=[Indicator("产出指标", "数量指标", "三级", "保洁长度", "≥20公里", "无", {"权重": "10"}, ["level1"])],
        safeguards="专人负责",
        reviews=[Review("主管部门", "同意", "2024年1月1日")],
        preparer="王某",
        phone="0731-1",
        filing_date=DateValue("2023.11", "2023-11", "month"),
        fields=[ExtraField("leader", "项目负责人", "李某")],
        unrecognized=["多余文字"],
        reading=Reading(
            sections={"indicators": "partial"}, indicator_rows=1, truncated=True, notes={"indicators": "truncated"}
        ),
        source=Source(
            "a.txt",
            "utf-8",
            "tabbed",
            0,
            {"/name": span},
            {"/name": Label("专项名称", span)},
            [span],
            {"/name": "表1 第2行「专项名称」列"},
            [span],
        ),
    )


def _props(def_name: str) -> set[str]:
    return set(SCHEMA["$defs"][def_name]["properties"])


def test_schema_properties_are_exactly_the_model_keys() -> None:
    data = _full_declaration().to_dict()
    assert set(SCHEMA["properties"]) - {"$schema"} == set(data)
    assert _props("moneyLine") == set(data["money"]["total"])
    assert set(SCHEMA["properties"]["money"]["properties"]) == set(data["money"])
    assert _props("scheduleRow") == set(data["schedule"][0])
    assert _props("date") == set(data["filing_date"])
    assert _props("indicator") == set(data["indicators"][0])
    assert _props("review") == set(data["reviews"][0])
    assert _props("extraField") == set(data["fields"][0])
    assert _props("source") == set(data["source"])
    assert set(SCHEMA["properties"]["goals"]["properties"]) == set(data["goals"])
    assert list(VALIDATOR.iter_errors(data)) == []
    assert list(VALIDATOR.iter_errors(Declaration().to_dict())) == []


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_extracted_examples_validate_and_round_trip(path: Path) -> None:
    first = load_file(str(path))
    assert first.declarations, path
    out = [d.to_dict() for d in first.declarations]
    for doc in out:
        assert list(VALIDATOR.iter_errors(doc)) == []
    text = json.dumps(out, ensure_ascii=False, indent=2)
    again = load_bytes(text.encode("utf-8"), "extracted.json")
    assert again.problems == []
    assert [d.to_dict() for d in again.declarations] == out
    # without the source map the content still round-trips; spans now point into the JSON
    bare = json.dumps([d.to_dict(include_source=False) for d in first.declarations], ensure_ascii=False)
    again = load_bytes(bare.encode("utf-8"), "bare.json")
    assert [d.to_dict(include_source=False) for d in again.declarations] == [
        d.to_dict(include_source=False) for d in first.declarations
    ]
    assert all(d.source.path == "bare.json" and d.source.layout == "json" for d in again.declarations)


SEED_LIKE = (
    "专项资金绩效目标申报表\n（  2024年度）\n填报单位（盖章）\n\t专项名称\n\t河道保洁\u3000\n\t专项属性\n"
    "\t延续专项√□        新增专项□\n\n\t部门名称\n\t\u3000白沙区水利局\u3000\n\t资金总额（万元）\n\t\u300030\n\n"
    "\t部门相应职能职责概述\n\t全区河道的日常管理和保洁\n\n\t专项立项\n依据\n\t《白沙区河道管理办法》\n\n"
    "\t专项年度绩效指标\n\t一级指标\n\t二级指标\n\t指标内容\n\t指标值\n\t备注\n\n"
    "\t产出指标\n\t数量指标\n\t保洁河道长度\n\t≥20公里\n\t\n\n\t\n\t时效指标\n\t完成时间\n\t2024年12月前\n\t\n\n"
    "\t社会公众或服务对象满意度指标\n\t\n\t沿岸群众满意度\n\t≥90%\n\t\n"
    "填报人：　　　　联系电话：　　　　填报日期：2023.12\n"
)


def test_seed_like_tabbed_text_round_trips_in_every_encoding() -> None:
    for encoding in ("utf-8", "gb18030"):
        first = load_bytes(SEED_LIKE.encode(encoding), "seed-like.txt")
        assert first.problems == [] and first.declarations
        out = [d.to_dict() for d in first.declarations]
        assert all(list(VALIDATOR.iter_errors(doc)) == [] for doc in out)
        again = load_bytes(json.dumps(out, ensure_ascii=False).encode(), "seed-like.json")
        assert [d.to_dict() for d in again.declarations] == out


runner = CliRunner()


def test_schema_command_prints_the_schema() -> None:
    result = runner.invoke(app, ["schema"])
    assert result.exit_code == 0
    assert json.loads(result.stdout) == SCHEMA
    assert (schemas_dir() / "declaration.schema.json").is_file()


def test_extract_command_output_validates() -> None:
    result = runner.invoke(app, ["extract", *[str(p) for p in EXAMPLES]])
    assert result.exit_code == 0, result.output
    docs = json.loads(result.stdout)
    assert len(docs) >= len(EXAMPLES)
    for doc in docs:
        assert list(VALIDATOR.iter_errors(doc)) == []
