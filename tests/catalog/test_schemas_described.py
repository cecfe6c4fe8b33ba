"""The rule-pack, config and report schemas: valid draft 2020-12, every key described in zh and en."""

from __future__ import annotations

import re

import pytest
from jsonschema import Draft202012Validator

from perflint.resources import schema

NAMES = ["rulepack.schema.json", "config.schema.json", "report.schema.json"]
CJK = re.compile(r"[\u4e00-\u9fff]")


def _walk(node, path=""):
    if isinstance(node, dict):
        yield path, node
        for key, value in node.items():
            yield from _walk(value, f"{path}/{key}")
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _walk(value, f"{path}/{i}")


@pytest.mark.parametrize("name", NAMES)
def test_schema_is_valid(name):
    Draft202012Validator.check_schema(schema(name))


@pytest.mark.parametrize("name", NAMES)
def test_every_property_described_in_both_languages(name):
    count = 0
    for path, node in _walk(schema(name)):
        props = node.get("properties")
        if not isinstance(props, dict) or path.endswith("/properties"):
            continue
        for key, sub in props.items():
            desc = sub.get("description", "")
            zh, sep, en = desc.partition(" / ")
            assert sep and CJK.search(zh) and re.search(r"[A-Za-z]{3}", en), f"{name}{path}/properties/{key}: {desc!r}"
            count += 1
    assert count > 10
