"""JSON input: one declaration, a list of them, or JSON Lines.

Validated against ``schemas/declaration.schema.json``.
"""

from __future__ import annotations

import json
from typing import Any

from jsonschema import Draft202012Validator

from perflint.errors import InputError, InputProblem
from perflint.model import Declaration, Source
from perflint.resources import schema


def _validator() -> Draft202012Validator:
    return Draft202012Validator(schema("declaration.schema.json"))


def declarations_from_json(text: str, path: str, encoding: str | None,
                           max_depth: int = 64) -> tuple[list[Declaration], list[InputProblem]]:
    documents: list[Any]
    try:
        data = json.loads(text)
        documents = data if isinstance(data, list) else [data]
    except json.JSONDecodeError as first:
        lines = [ln for ln in text.splitlines() if ln.strip()]
        try:
            documents = [json.loads(ln) for ln in lines]
        except json.JSONDecodeError:
            raise InputError("INP004", reason=first.msg, line=first.lineno, column=first.colno) from None
    validator = _validator()
    decls: list[Declaration] = []
    problems: list[InputProblem] = []
    for i, doc in enumerate(documents):
        errors = sorted(validator.iter_errors(doc), key=lambda e: list(e.absolute_path))
        if errors:
            for err in errors:
                pointer = "".join(f"/{p}" for p in err.absolute_path)
                problems.append(InputProblem("INP005", path, {"pointer": f"/{i}{pointer}", "reason": err.message}))
            continue
        decl = Declaration.from_dict(doc)
        src = doc.get("source") or {}
        decl.source = Source.from_dict({**src, "path": path, "encoding": src.get("encoding") or encoding,
                                        "index": i})
        decls.append(decl)
    return decls, problems
