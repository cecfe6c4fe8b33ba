"""Golden files: every output format, byte for byte.

Regenerate after an intended change with::

    UPDATE_GOLDEN=1 .venv/bin/pytest tests/report/test_report_golden.py

and review the diff of ``tests/golden/`` before committing it.
"""

from __future__ import annotations

import dataclasses
import os
from functools import lru_cache
from pathlib import Path

import pytest
from support.paths import GOLDEN, ROOT, SARIF_SCHEMA
from support.report_sample import sample_result

from perflint.report import renderer
from perflint.report._common import ReportOptions

TODAY = "2026-01-01"
UPDATE = os.environ.get("UPDATE_GOLDEN") == "1"

#: golden file name -> (format, options)
CASES: dict[str, tuple[str, ReportOptions]] = {
    "sample.text.txt": ("text", ReportOptions(width=100)),
    "sample.text.en.txt": ("text", ReportOptions(lang="en", width=100)),
    "sample.text.color.txt": ("text", ReportOptions(color=True, width=100)),
    "sample.quiet.txt": ("text", ReportOptions(quiet=True, width=100)),
    "sample.statistics.txt": ("text", ReportOptions(statistics=True, width=100)),
    "sample.sarif.json": ("sarif", ReportOptions(base_dir="samples")),
    "sample.github.txt": ("github", ReportOptions()),
    "sample.gitlab.json": ("gitlab", ReportOptions(base_dir="samples")),
    "sample.junit.xml": ("junit", ReportOptions()),
    "sample.csv": ("csv", ReportOptions()),
    "sample.html": ("html", ReportOptions()),
    "sample.en.html": ("html", ReportOptions(lang="en")),
    "sample.opinion.txt": ("opinion", ReportOptions()),
    "sample.opinion.en.txt": ("opinion", ReportOptions(lang="en")),
}


def as_bytes(out: str | bytes) -> bytes:
    return out if isinstance(out, bytes) else out.encode("utf-8")


def check_golden(name: str, actual: bytes, hint: str = "") -> None:
    path = GOLDEN / name
    if UPDATE or not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(actual)
        if not UPDATE:
            pytest.fail(f"golden file {name} was missing and has been written; check it and re-run")
        return
    expected = path.read_bytes()
    if actual != expected:
        a, b = actual.decode("utf-8", "replace").splitlines(), expected.decode("utf-8", "replace").splitlines()
        first = next((i for i, (x, y) in enumerate(zip(a, b)) if x != y), min(len(a), len(b)))
        got = a[first] if first < len(a) else "<end>"
        want = b[first] if first < len(b) else "<end>"
        pytest.fail(
            f"{name} differs at line {first + 1}:\n  got:  {got!r}\n  want: {want!r}\n"
            f"{hint}(UPDATE_GOLDEN=1 .venv/bin/pytest tests/report/test_report_golden.py regenerates the "
            "golden files; review the diff)"
        )


@pytest.mark.parametrize("name", sorted(CASES))
def test_sample_golden(name: str) -> None:
    fmt, options = CASES[name]
    out = as_bytes(renderer(fmt)(sample_result(), options))
    again = as_bytes(renderer(fmt)(sample_result(), options))
    assert out == again, "output is not deterministic"
    check_golden(name, out)


# -- the bundled examples, through the real engine ------------------------------------
#
# These follow the rule catalog: when a rule is added or its message changes,
# regenerate with UPDATE_GOLDEN=1 and review the diff.

EXAMPLE_CASES: dict[str, tuple[str, ReportOptions]] = {
    "examples.text.txt": ("text", ReportOptions(width=100)),
    "examples.text.en.txt": ("text", ReportOptions(lang="en", width=100)),
    "examples.statistics.txt": ("text", ReportOptions(statistics=True)),
    "examples.sarif.json": ("sarif", ReportOptions()),
    "examples.github.txt": ("github", ReportOptions()),
    "examples.gitlab.json": ("gitlab", ReportOptions()),
    "examples.junit.xml": ("junit", ReportOptions()),
    "examples.csv": ("csv", ReportOptions()),
    "examples.html": ("html", ReportOptions()),
    "examples.opinion.txt": ("opinion", ReportOptions()),
    "examples.opinion.en.txt": ("opinion", ReportOptions(lang="en")),
}


@lru_cache(maxsize=1)
def examples_result():
    """The examples (plus one missing file) checked by the built-in catalog, today fixed."""
    from perflint.catalog import builtin_catalog
    from perflint.engine import Engine
    from perflint.engine.config import load_config

    here = Path.cwd()
    os.chdir(ROOT)
    try:
        catalog = builtin_catalog()
        cfg = load_config(catalog, cwd=ROOT, overrides={"today": TODAY})
        paths = sorted(
            p.relative_to(ROOT).as_posix()
            for p in (ROOT / "examples").iterdir()
            if p.suffix in (".txt", ".json", ".jsonl")
        )
        return Engine(catalog, cfg).run(paths + ["examples/no-such-form.txt"])
    finally:
        os.chdir(here)


@pytest.mark.parametrize("name", sorted(EXAMPLE_CASES))
def test_examples_golden(name: str) -> None:
    fmt, options = EXAMPLE_CASES[name]
    result = examples_result()
    assert result.declarations and result.findings
    out = as_bytes(renderer(fmt)(result, options))
    assert out == as_bytes(renderer(fmt)(result, options))
    check_golden(name, out, hint="The rule catalog or the examples changed? ")


def test_cli_text_matches_the_renderer(monkeypatch) -> None:
    """`perflint check` (not a TTY) prints exactly what the text reporter renders."""
    from typer.testing import CliRunner

    from perflint.cli import app

    monkeypatch.chdir(ROOT)
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    paths = sorted(
        p.relative_to(ROOT).as_posix() for p in (ROOT / "examples").iterdir() if p.suffix in (".txt", ".json", ".jsonl")
    )  # (a missing path is a usage error on the command line: the engine reports it as INP001)
    run = CliRunner().invoke(app, ["check", "--today", TODAY, *paths])
    assert run.exit_code in (0, 1), run.output
    full = examples_result()
    existing = dataclasses.replace(full, files=[f for f in full.files if "no-such-form" not in f.path])
    expected = renderer("text")(existing, ReportOptions())
    assert run.stdout_bytes.decode("utf-8") == expected
    assert "\x1b[" not in run.stdout_bytes.decode("utf-8")


def test_examples_sarif_validates_against_the_schema() -> None:
    import json

    import jsonschema

    schema = json.loads(SARIF_SCHEMA.read_text("utf-8"))
    doc = json.loads(renderer("sarif")(examples_result(), ReportOptions()))
    jsonschema.Draft7Validator(schema).validate(doc)
    results = doc["runs"][0]["results"]
    assert results and all(r["partialFingerprints"]["perflint/v1"] for r in results)


def test_cli_writes_sarif_uris_relative_to_the_run_directory(monkeypatch) -> None:
    """An absolute path on the command line still gives a %SRCROOT%-relative URI."""
    import json

    from typer.testing import CliRunner

    from perflint.cli import app

    monkeypatch.chdir(ROOT)
    target = ROOT / "examples" / "bundle-qingxi-2020.txt"
    run = CliRunner().invoke(app, ["check", "--today", TODAY, "--format", "sarif", "--exit-zero", str(target)])
    assert run.exit_code == 0, run.output
    doc = json.loads(run.stdout_bytes)
    assert doc["runs"][0]["results"]
    for res in doc["runs"][0]["results"]:
        loc = res["locations"][0]["physicalLocation"]["artifactLocation"]
        assert loc == {"uri": "examples/bundle-qingxi-2020.txt", "uriBaseId": "%SRCROOT%"}
