"""The reader's memo tables stay bounded, and a table emptied when full reads the same.

A worker checks file after file; a memo table that grows with every new text (a
value, a project name) holds memory to the end of the run (issue 16: at 100,000
declarations the tables held hundreds of thousands of entries per worker).
"""

from __future__ import annotations

import pytest
from support.paths import SEED

from perflint.domain import text as domain_text
from perflint.domain import vocab as vocab_module
from perflint.domain.vocab import MEMO_SIZE, label_key, vocabulary
from perflint.ingest import build, layouts
from perflint.ingest.files import load_file


def _tables() -> list[dict]:
    v = vocabulary()
    return [v._match_cache, v._title_cache, v.split_cache, v.footer_cache, v.free_line_cache]


@pytest.fixture
def small_memo(monkeypatch):
    """Every memo table of the reader capped at 16 entries, emptied before and after."""
    for table in _tables():
        table.clear()
    monkeypatch.setattr(vocab_module, "MEMO_SIZE", 16)
    monkeypatch.setattr(build, "_SPLIT_CACHE_SIZE", 16)
    monkeypatch.setattr(layouts, "MEMO_SIZE", 16)
    yield 16
    for table in _tables():
        table.clear()


def test_the_memo_functions_have_a_bound() -> None:
    assert label_key.cache_info().maxsize == MEMO_SIZE
    assert 0 < (domain_text.compact.cache_info().maxsize or 0) <= MEMO_SIZE
    assert 0 < MEMO_SIZE <= 8192


def test_label_and_title_tables_stay_within_the_bound(small_memo) -> None:
    v = vocabulary()
    texts = [f"项目{i}名称" for i in range(3 * small_memo)] + ["项目名称", "部门（单位）名称"]
    first = [(v.match(t), v.title(t)) for t in texts]
    assert len(v._match_cache) <= small_memo
    assert len(v._title_cache) <= small_memo
    # asked again after the tables were emptied: the same answers
    assert [(v.match(t), v.title(t)) for t in texts] == first
    assert first[-2][0] is not None and first[-2][0].key == v.match("项目名称").key


def test_reading_with_small_tables_reads_the_same_and_keeps_them_small(small_memo) -> None:
    bounded = load_file(str(SEED))
    assert all(len(table) <= small_memo for table in _tables())
    assert bounded.declarations
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(vocab_module, "MEMO_SIZE", MEMO_SIZE)
        mp.setattr(build, "_SPLIT_CACHE_SIZE", MEMO_SIZE)
        mp.setattr(layouts, "MEMO_SIZE", MEMO_SIZE)
        for table in _tables():
            table.clear()
        default = load_file(str(SEED))
        assert any(len(table) > small_memo for table in _tables())
    assert [d.to_dict() for d in bounded.declarations] == [d.to_dict() for d in default.declarations]
