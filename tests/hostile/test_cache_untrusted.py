"""What the caches hold is untrusted: a crafted entry is a miss, never a crash, a hang or a clean file.

Each crafted result entry below used to be taken as it stood: ``"files": []`` made the
file vanish from the run (exit 0, "no files found"), ``line_count: 200000000`` allocated
1.6 GB, aspects that are not counts crashed the HTML and JSON reports, a suppression
count that is not a number crashed every format.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from support.paths import EXAMPLES

from perflint.catalog import builtin_catalog
from perflint.engine import Engine
from perflint.engine.cache import ResultCache
from perflint.engine.config import Config
from perflint.report import renderer

FORM = EXAMPLES / "bundle-qingxi-2020.txt"


@pytest.fixture(scope="module")
def engine() -> Engine:
    return Engine(builtin_catalog(), Config(today="2024-06-01"))


def _entry(engine: Engine, tmp_path: Path) -> tuple[str, Path, Path]:
    """A form checked once with a cache: its path, the cache folder and the entry file."""
    form = tmp_path / "form.txt"
    shutil.copyfile(FORM, form)
    root = tmp_path / "cache"
    cache = ResultCache(root, engine.fingerprint())
    reports, cached = engine.check_path(str(form), cache)
    assert not cached and any(r.findings or r.declarations for r in reports)
    (entry,) = root.glob("results/*/*/*.json")
    return str(form), root, entry


def _first_finding_with_span(doc: dict[str, Any]) -> dict[str, Any]:
    report = doc["files"][0]
    return next(
        f for f in [*report["findings"], *(f for d in report["declarations"] for f in d["findings"])] if f["span"]
    )


def _set(path: list[Any], value: Any) -> Callable[[dict[str, Any]], None]:
    def change(doc: dict[str, Any]) -> None:
        node = doc
        for key in path[:-1]:
            node = node[key]
        node[path[-1]] = value

    return change


def _span(doc: dict[str, Any]) -> None:
    _first_finding_with_span(doc)["span"] = [5, 1, 999_999, 3]


def _moved(doc: dict[str, Any]) -> None:
    report = doc["files"][0]
    for decl in report["declarations"]:
        for f in decl["findings"]:
            f["path"] = "../../etc/passwd"


def _deep(doc: dict[str, Any]) -> None:
    doc["files"][0]["declarations"][0]["reading"] = "DEEP"


CRAFTED = {
    "no report: the file would vanish": _set(["files"], []),
    "a clean report at another path": _set(["files", 0, "path"], "elsewhere.txt"),
    "findings moved to another path": _moved,
    "200 million lines": _set(["files", 0, "line_count"], 200_000_000),
    "aspects that are not counts (crashed HTML)": _set(["files", 0, "declarations", 0, "aspects"], {"c": "x"}),
    "a suppression count that is text": _set(["files", 0, "suppressed_by"], {"REQ001": "x"}),
    "a span past the end of the file": _span,
    "an unknown severity": lambda doc: _first_finding_with_span(doc).update(severity="fatal"),
    "an unknown grade": _set(["files", 0, "declarations", 0, "grade"], "A+"),
    "a score that is not a number": _set(["files", 0, "declarations", 0, "score"], "NaN"),
    "a message that is not a table": lambda doc: _first_finding_with_span(doc).update(message="x"),
    "a line number that is not one": _set(["files", 0, "lines"], {"x": "text"}),
    "nesting too deep to parse": _deep,
}


@pytest.mark.parametrize("name", list(CRAFTED))
def test_a_crafted_result_entry_is_a_miss(engine: Engine, tmp_path: Path, name: str) -> None:
    form, root, entry = _entry(engine, tmp_path)
    honest, _ = engine.check_path(form)
    doc = json.loads(entry.read_text("utf-8"))
    CRAFTED[name](doc)
    text = json.dumps(doc)
    if name == "nesting too deep to parse":
        text = text.replace('"DEEP"', "[" * 100_000 + "]" * 100_000)
    entry.write_text(text.replace('"NaN"', "NaN"), "utf-8")

    cache = ResultCache(root, engine.fingerprint())
    result = engine.run([form], cache=cache)
    assert cache.hits == 0 and cache.misses >= 1
    assert [r.path for r in result.files] == [r.path for r in honest]
    codes = [f.code for r in result.files for f in r.iter_findings()]
    assert codes == [f.code for r in honest for f in r.iter_findings()]
    for fmt in ("html", "text", "json"):  # the run it goes into renders
        assert renderer(fmt)(result, {})


def test_an_honest_entry_is_still_a_hit(engine: Engine, tmp_path: Path) -> None:
    form, root, _ = _entry(engine, tmp_path)
    cache = ResultCache(root, engine.fingerprint())
    reports, cached = engine.check_path(form, cache)
    honest, _ = engine.check_path(form)
    assert cached and cache.hits == 1
    assert [f.code for r in reports for f in r.iter_findings()] == [f.code for r in honest for f in r.iter_findings()]
