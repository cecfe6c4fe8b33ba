"""Findings on Word, Excel and PDF input name the cell a reviewer looks up (the model's
source.locations) in the terminal, the JSON report, SARIF and the HTML report."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from perflint.engine.findings import native_location
from perflint.resources import schema

NATIVE = Path(__file__).resolve().parents[1] / "data" / "native"
SEED_TXT = Path(__file__).resolve().parents[1] / "data" / "seed" / "wangcheng-2019.txt"


def check(path: Path, *args: str) -> str:
    proc = subprocess.run(
        [sys.executable, "-m", "perflint", "check", "--no-cache", "--exit-zero", *args, str(path)],
        capture_output=True,
        text=True,
        env={**os.environ, "PERFLINT_TODAY": "2019-01-15", "NO_COLOR": "1", "COLUMNS": "120"},
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    return proc.stdout


@pytest.mark.parametrize(
    ("name", "where"),
    [
        ("seed.docx", r"^表1 第4行「专项立项依据」栏$"),
        ("project-2021.xlsx", r"^绩效目标表!E15$"),
        ("seed.pdf", r"^第1页 表1 第4行「专项立项依据」栏$"),
    ],
)
def test_native_findings_name_their_cell(name, where, tmp_path):
    if name.endswith(".pdf"):
        pytest.importorskip("pdfplumber")
    path = NATIVE / name
    out = tmp_path
    text = check(
        path,
        "--report",
        f"json:{out / 'r.json'}",
        "--report",
        f"sarif:{out / 'r.sarif'}",
        "--report",
        f"html:{out / 'r.html'}",
    )
    report = json.loads((out / "r.json").read_text("utf-8"))
    Draft202012Validator(schema("report.schema.json")).validate(report)
    located = [f for f in report["findings"] if f.get("location")]
    assert located and any(re.match(where, f["location"]) for f in located), [f.get("location") for f in located]
    # every finding on a field of the form says where it is
    on_fields = [f for f in report["findings"] if f["pointer"].count("/") >= 1 and f["declaration"] is not None]
    assert sum(1 for f in on_fields if f.get("location")) >= 0.8 * len(on_fields)

    for f in located[:3]:
        assert f"位置：{f['location']}" in text

    sarif = json.loads((out / "r.sarif").read_text("utf-8"))
    results = sarif["runs"][0]["results"]
    messages = [loc.get("message", {}).get("text") for r in results for loc in r["locations"]]
    assert {f["location"] for f in located} <= set(messages)

    html = (out / "r.html").read_text("utf-8")
    assert f'<small class="muted">{located[0]["location"]}</small>' in html


def test_text_input_has_no_location(tmp_path):
    text = check(SEED_TXT, "--report", f"json:{tmp_path / 'r.json'}")
    report = json.loads((tmp_path / "r.json").read_text("utf-8"))
    assert not any("location" in f for f in report["findings"])
    assert "位置：" not in text


def test_location_of_a_row_or_a_sub_field():
    locations = {"/indicators/2/content": "表1 第12行「指标内容」列", "/indicators/2/value": "表1 第12行「指标值」列"}
    assert native_location(locations, "/indicators/2/value") == "表1 第12行「指标值」列"
    assert native_location(locations, "/indicators/2") == "表1 第12行「指标内容」列"
    assert native_location(locations, "/indicators/2/extra/权重") == "表1 第12行「指标内容」列"
    assert native_location(locations, "/indicators/3/value") is None  # never another row's cell
    assert native_location(locations, "/indicators") == "表1 第12行「指标内容」列"
    assert native_location(locations, "/basis") is None
    assert native_location({}, "/basis") is None
