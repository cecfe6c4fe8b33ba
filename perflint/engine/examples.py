"""Rule examples, the documentation that runs as tests: read an example's
input as the CLI would read a file, and run one rule on it."""

from __future__ import annotations

from dataclasses import replace

from perflint.catalog import Catalog, Example, Rule
from perflint.domain.findings import Finding
from perflint.domain.model import Declaration
from perflint.domain.problems import InputProblem
from perflint.engine.config import Config
from perflint.engine.core import Engine
from perflint.ingest.files import FileResult, ReadOptions, load_bytes, load_file


def example_input(example: Example) -> FileResult:
    """Read an example's input the way the CLI would read a file."""
    data = example.data
    path = data.get("path") or ("example.json" if "declaration" in data or "bundle" in data else "example.txt")
    if "declaration" in data or "bundle" in data:
        docs = data["bundle"] if "bundle" in data else [data["declaration"]]
        decls = []
        for i, doc in enumerate(docs):
            decl = Declaration.from_dict(doc)
            decl.source.path = path
            decl.source.index = i
            decls.append(decl)
        return FileResult(path, declarations=decls)
    options = ReadOptions()
    if "max_bytes" in data:
        options.max_bytes = int(data["max_bytes"])
    if "bytes_hex" in data:
        raw = bytes.fromhex(data["bytes_hex"])
    elif "text" in data:
        raw = data["text"].encode(data.get("encoding") or "utf-8")
    else:  # a path alone: read it (the input family documents unreadable files)
        return load_file(path, options)
    if len(raw) > options.max_bytes:
        return FileResult(path, problems=[InputProblem("INP006", path, {"size": len(raw), "limit": options.max_bytes})])
    if data.get("encoding") and "bytes_hex" in data:
        options.encoding = data["encoding"]
    return load_bytes(raw, path, options)


def run_example(catalog: Catalog, rule: Rule, example: Example, base: Config | None = None) -> list[Finding]:
    """The findings of ``rule`` alone on ``example`` (under its profile and settings)."""
    config = replace(
        base or Config(),
        profile=example.profile or (base.profile if base else "hunan-2019"),
        settings={**(base.settings if base else {}), **example.settings},
        select=None,
        extend_select=[],
        ignore=[],
        per_file_ignores={},
        severity={},
    )
    engine = Engine(catalog, config, only=[rule.code])
    fr = example_input(example)
    result = engine.run_file_result(fr, fr.path)
    return [f for f in result.findings if f.code == rule.code]
