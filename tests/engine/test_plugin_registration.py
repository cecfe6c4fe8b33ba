"""A new input reader or output format is one module plus one entry point."""

from __future__ import annotations

import sys
import types

import pytest
from typer.testing import CliRunner

from perflint import plugins, report
from perflint.cli import app
from perflint.ingest import files
from perflint.ingest.readers import FileResult, Reader


class _EntryPoint:
    def __init__(self, name: str, func):
        self.name, self._func = name, func

    def load(self):
        return self._func


@pytest.fixture
def registry(monkeypatch):
    """Entry points of our choosing, and registries rebuilt around them."""
    groups: dict[str, list[_EntryPoint]] = {}
    monkeypatch.setattr(plugins, "entry_points", lambda group: list(groups.get(group, [])))
    files._registry.cache_clear()
    report._registry.cache_clear()
    yield groups
    files._registry.cache_clear()
    report._registry.cache_clear()


def test_a_format_plugin(registry, tmp_path, monkeypatch):
    module = types.ModuleType("perflint_test_count_format")

    def render(result, options):
        return f"{len(result.findings)} findings in {len(result.files)} files\n"

    module.render = render  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, module.__name__, module)
    registry[plugins.FORMATS] = [_EntryPoint("count", lambda: {"count": module.__name__})]
    assert "count" in report.formats() and "json" in report.formats()  # the built-ins stay
    monkeypatch.chdir(tmp_path)
    (tmp_path / "form.txt").write_text("专项资金绩效目标申报表\n（2019年度）\n\t专项名称\t河道保洁\n", "utf-8")
    result = CliRunner().invoke(app, ["check", "form.txt", "--format", "count", "--no-cache", "--exit-zero"])
    assert result.exit_code == 0, result.output
    assert result.stdout.endswith("findings in 1 files\n")


def test_a_reader_plugin(registry, tmp_path, monkeypatch):
    def read(data: bytes, path: str, options) -> FileResult:
        # a toy format: one "key=value" per line, turned into form text
        text = "专项资金绩效目标申报表\n" + "".join(
            f"\t{k}\t{v}\n" for k, _, v in (line.partition("=") for line in data.decode().splitlines())
        )
        return files.read_text_file(text.encode("utf-8"), path, options)

    registry[plugins.READERS] = [_EntryPoint("kv", lambda: [Reader("kv", (".kv",), read)])]
    assert files.reader_for("a.kv").name == "kv" and files.reader_for("a.txt").name == "text"
    assert ".kv" in files.input_suffixes() and ".json" in files.input_suffixes()
    folder = tmp_path / "forms"
    folder.mkdir()
    (folder / "a.kv").write_text("专项名称=河道保洁\n", "utf-8")
    (folder / "notes.md").write_text("not a declaration", "utf-8")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(app, ["check", "forms", "--format", "json", "--no-cache", "--exit-zero"])
    assert result.exit_code == 0, result.output
    assert '"path": "forms/a.kv"' in result.stdout and "notes.md" not in result.stdout


def test_a_broken_plugin_is_reported_and_the_rest_works(registry):
    def boom():
        raise ImportError("no module named acme")

    registry[plugins.FORMATS] = [_EntryPoint("acme", boom)]
    assert "text" in report.formats()
    assert [e.name for e in report.format_errors()] == ["acme"]
