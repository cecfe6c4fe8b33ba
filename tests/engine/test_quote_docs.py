"""The quoted value of a finding is read from the declaration's fields one top-level field
at a time (issue 16): every field as :meth:`Declaration.to_dict` has it."""

from __future__ import annotations

import pytest
from support.paths import EXAMPLES, SEED

from perflint.domain.model import Declaration, resolve_pointer
from perflint.engine.findings import Docs, quote
from perflint.ingest.files import ReadOptions, load_file


def _declarations() -> list[Declaration]:
    decls = list(load_file(str(SEED), ReadOptions()).declarations)
    for path in sorted(EXAMPLES.glob("*.txt"))[:4]:
        decls += load_file(str(path), ReadOptions()).declarations
    return decls


def _pointers(node: object, pointer: str = "") -> list[str]:
    out = [pointer]
    if isinstance(node, dict):
        for k, v in node.items():
            out += _pointers(v, f"{pointer}/{k.replace('~', '~0').replace('/', '~1')}")
    elif isinstance(node, list):
        for i, v in enumerate(node):
            out += _pointers(v, f"{pointer}/{i}")
    return out


def test_every_field_and_quote_is_the_whole_dicts() -> None:
    decls = _declarations()
    assert decls
    docs = Docs(decls)
    for i, decl in enumerate(decls):
        whole = decl.to_dict(include_source=False)
        for pointer in _pointers(whole)[1:]:
            assert resolve_pointer(docs[i], pointer) == resolve_pointer(whole, pointer), pointer
            assert quote(docs[i], pointer) == quote(whole, pointer), pointer
        for key in whole:
            assert docs[i][key] == whole[key]
        assert len(docs[i]) == len(whole)  # every field was asked for once, none made twice


@pytest.mark.parametrize("pointer", ["/source", "/nothing", "/reading/x", "/indicators/999/value"])
def test_a_pointer_to_nothing_quotes_nothing(pointer: str) -> None:
    decl = _declarations()[0]
    assert quote(Docs([decl])[0], pointer) is None
    assert quote(decl.to_dict(include_source=False), pointer) is None


def test_a_declaration_without_a_reading_record_has_no_reading_field() -> None:
    decl = Declaration(name="示例")
    with pytest.raises(KeyError):
        Docs([decl])[0]["reading"]
