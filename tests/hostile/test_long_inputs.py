"""Crafted long fields are read and checked in linear time, and say so once (issue 17, item 2).

Each case was quadratic (or worse) before: the sizes here took seconds to minutes
then and take milliseconds now.  ``benchmarks/adversarial.py`` times the whole CLI
on the full-size set (every input under 1 MB within 5 s).
"""

from __future__ import annotations

import time
from decimal import Decimal
from pathlib import Path

import pytest
from support.paths import ROOT

from perflint.catalog import Catalog
from perflint.checks.analysis.values import template_remnant
from perflint.domain.model import _dec
from perflint.domain.text import parse_amount
from perflint.domain.vocab import vocabulary
from perflint.engine import Engine
from perflint.engine.config import Config
from perflint.engine.core import MAX_HITS_PER_RULE
from perflint.engine.findings import ARG_MAX, QUOTE_MAX, display_arg, quote, shorten
from perflint.ingest.build import split_piece
from perflint.ingest.layouts import line_rows

SEED = (ROOT / "tests" / "data" / "seed" / "wangcheng-2019.txt").read_text("utf-8")
INDICATOR = "\t便民服务效果好\n"
SATISFACTION = "\t90%以上\n"


def _timed(fn, *args):  # CPU time: a busy machine does not count
    start = time.process_time()
    out = fn(*args)
    return out, time.process_time() - start


def test_an_unclosed_fill_in_note_repeated_is_found_in_linear_time() -> None:
    # "（填写" × 50,000 took 118 s in a whole run: a search per "（" to the end of the cell
    found, spent = _timed(template_remnant, "（填写" * 20_000)
    assert found is None and spent < 0.5, spent
    assert template_remnant("指标值（填写具体数值）") == "(填写具体数值)"


def test_a_run_of_decoration_is_split_in_linear_time() -> None:
    # "*" × 200,000 took minutes: every star scanned the rest of the run
    vocab = vocabulary()
    parts, spent = _timed(split_piece, "*" * 100_000, False, vocab)
    assert spent < 0.5, spent
    assert [p[0] for p in parts] == ["value"]
    # a label after the stars is still found: ★项目名称：X
    kinds = [p[0] for p in split_piece("★★项目名称：示例", False, vocab)]
    assert "label" in kinds


class _Counting:
    """The vocabulary, counting the texts of two or more lines looked up as labels."""

    def __init__(self) -> None:
        self.vocab = vocabulary()
        self.joined = 0

    def __getattr__(self, name: str):
        return getattr(self.vocab, name)

    def match(self, text: str):
        self.joined += len(text) >= 2
        return self.vocab.match(text)


def test_many_one_character_lines_are_read_in_linear_time() -> None:
    # "1\n" × 100,000 took 15 s: each line joined the next sixteen lines fifteen ways and
    # looked each up; the joined texts repeat, so each is looked up once
    counting = _Counting()
    rows = line_rows("1\n" * 2_000, counting)  # type: ignore[arg-type]
    assert len(rows) == 2_000
    assert counting.joined <= 16, counting.joined  # was 15 a line: 30,000
    rows, spent = _timed(line_rows, "1\n" * 20_000)
    assert len(rows) == 20_000 and spent < 3.0, spent
    # a label printed one character a line is still joined back
    assert len(line_rows("绩\n效\n目\n标\n示例\n")) == 2


def test_a_number_of_200000_digits_is_not_an_amount() -> None:
    assert parse_amount("9" * 200_000) == (None, None)
    assert parse_amount("1" * 16) == (None, None)
    assert parse_amount("123456789012345.5万元") == (Decimal("123456789012345.5"), "万元")
    assert _dec("9" * 8000) is None and _dec("NaN") is None and _dec("Infinity") is None
    assert _dec("48.6") == Decimal("48.6")


def test_long_text_in_messages_and_quotes_is_cut_with_an_ellipsis() -> None:
    digits = "9" * 8000 + "%"
    shown = display_arg(digits, "zh")
    assert len(shown) == ARG_MAX and "…" in shown and shown.startswith("999") and shown.endswith("9%")
    assert display_arg("满意度", "zh") == "满意度"
    assert len(display_arg(["预" * 50] * 20, "en")) == ARG_MAX * 4
    assert shorten("一二三四五六七八九十", 5) == "一二三…十"
    q = quote({"indicators": [{"value": digits}]}, "/indicators/0/value")
    assert q is not None and len(q) == QUOTE_MAX and q.endswith("…")
    # spaces collapse; a short cell is quoted whole
    assert quote({"a": " 一  二 "}, "/a") == "一 二"


@pytest.fixture(scope="module")
def engine() -> Engine:
    return Engine(Catalog.load(), Config(today="2025-01-01"))


def _findings(engine: Engine, tmp_path: Path, text: str) -> list:
    path = tmp_path / "form.txt"
    path.write_text(text, "utf-8")
    return engine.run([str(path)]).findings


def _txt001(found: list) -> list:
    """TXT001 findings on the indicator the cases replace (the seed has its own elsewhere)."""
    return [f for f in found if f.code == "TXT001" and f.declaration == 0 and f.pointer.startswith("/indicators/")]


def test_a_doubled_character_repeated_in_one_field_is_one_finding(engine: Engine, tmp_path: Path) -> None:
    # "预预" × 100,000 gave one TXT001 finding per pair
    assert _txt001(_findings(engine, tmp_path, SEED)) == []
    txt001 = _txt001(_findings(engine, tmp_path, SEED.replace(INDICATOR, "\t" + "预预" * 2_000 + "\n", 1)))
    assert len(txt001) == 1, len(txt001)
    assert txt001[0].quote is not None and len(txt001[0].quote) <= QUOTE_MAX
    # two different doubled characters in one field are two findings
    found = _findings(engine, tmp_path, SEED.replace(INDICATOR, "\t完成预预算和绩绩效评价\n", 1))
    assert len(_txt001(found)) == 2


def test_one_rule_reports_at_most_a_bounded_number_of_findings_per_form(engine: Engine, tmp_path: Path) -> None:
    # distinct doubled characters, each its own finding: capped, the rest counted as suppressed
    chars = [chr(0x4E00 + i) for i in range(MAX_HITS_PER_RULE + 40)]
    field = "，".join(c + c for c in chars)
    path = tmp_path / "form.txt"
    path.write_text(SEED.replace(INDICATOR, "\t" + field + "\n", 1), "utf-8")
    result = engine.run([str(path)])
    assert len(_txt001(result.findings)) == MAX_HITS_PER_RULE
    assert result.suppressed >= 1


def test_an_8000_digit_satisfaction_value_is_quoted_short(engine: Engine, tmp_path: Path) -> None:
    found = _findings(engine, tmp_path, SEED.replace(SATISFACTION, "\t" + "9" * 8000 + "%\n", 1))
    assert found
    for f in found:
        assert all(len(m) < 400 for m in f.message.values()), f.code
        assert f.quote is None or len(f.quote) <= QUOTE_MAX


def test_a_long_run_of_digits_is_searched_in_linear_time() -> None:
    # 200,000 digits then % as a value: a number pattern tried from every digit was
    # quadratic (VAL011's count units: 19 s of CPU for the whole file)
    from perflint.checks import values

    for pattern in (values._COUNT_WORD_UNIT, values._PER_TIME, values._WAN_ONLY):
        found, spent = _timed(pattern.search, "9" * 20_000 + "%")
        assert found is None and spent < 0.5, (pattern.pattern, spent)
    assert values._COUNT_WORD_UNIT.search("≥80人数").group(0) == "80人数"
    assert values._WAN_ONLY.search("补助5万/人").group(0) == "5万"
