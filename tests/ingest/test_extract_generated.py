"""Generated inputs: random rows of cells in every layout, random junk.

Whatever the input, extraction must not raise, every non-blank character must
land in a label, a value, template text or ``unrecognized``, and slicing the
source by any span must give back the value (or, for an indicator value built
from its comparator, value and unit columns, the value cell; see conftest.py).
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from support.extraction import assert_nothing_lost

from perflint.domain.vocab import vocabulary
from perflint.ingest import declarations_from_text

_vocab = vocabulary()
LABELS = sorted({info.text for info in _vocab.exact.values()})
CATEGORIES = sorted(set(_vocab.level1) | set(_vocab.level2))
VALUES = [
    "556",
    "1,698.6",
    "≥95%",
    "/",
    "提高办事效率",
    "2019.1",
    "年   月   日",
    "（盖章）",
    "延续专项√□ 新增专项□",
    "其中：财政拨款：12",
    "专项资金绩效目标申报表",
    "（2020年度）",
    "填报人：张三",
    "𠀀𠀁古字",
    "ABC def",
    "★",
    "*",
    "(必填)",
    "　",
]
# cell text: labels, categories, values and random text with CJK and astral-plane characters
TEXT = st.one_of(
    st.sampled_from(LABELS),
    st.sampled_from(CATEGORIES),
    st.sampled_from(VALUES),
    st.text(
        alphabet=st.sampled_from("预算科指标值年度一二三四五六七八九十0123456789.%≥：:（）()|*★ \u3000𠀀😀\t"),
        min_size=0,
        max_size=12,
    ),
)
ROWS = st.lists(st.lists(TEXT, min_size=1, max_size=6), min_size=1, max_size=25)

# PERFLINT_EXTRACT_EXAMPLES=2000 for a long run
SETTINGS = settings(
    max_examples=int(os.environ.get("PERFLINT_EXTRACT_EXAMPLES", "60")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)


def _check(text: str, layout: str | None, check_spans) -> None:
    decls = declarations_from_text(text, layout=layout)
    assert decls
    assert_nothing_lost(text, decls)
    check_spans(text, decls)


def _clean(cell: str, forbidden: str) -> str:
    return "".join(" " if ch in forbidden else ch for ch in cell)


@SETTINGS
@given(ROWS)
def test_tabbed_rows(check_spans, rows: list[list[str]]) -> None:
    lines = []
    for row in rows:
        lines.extend("\t" + _clean(cell, "\t\n") for cell in row)
        lines.append("")
    _check("\n".join(lines), "tabbed", check_spans)


@SETTINGS
@given(ROWS, st.sampled_from(["rows", "trailing", "separated"]))
def test_pipe_rows(check_spans, rows: list[list[str]], form: str) -> None:
    lines = []
    for row in rows:
        cells = [_clean(cell, "|\n") for cell in row]
        if form == "rows":
            lines.append(" | ".join(cells) + " |")
        elif form == "trailing":
            lines.extend(f"{cell} |" if cell.strip() else "|" for cell in cells)
            lines.append("|" * (len(cells) + 1))
        else:
            for cell in cells:
                lines.extend([cell, "|"])
    _check("\n".join(lines), "pipe", check_spans)


@SETTINGS
@given(ROWS)
def test_lines(check_spans, rows: list[list[str]]) -> None:
    _check("\n".join(_clean(cell, "\n") for row in rows for cell in row), "lines", check_spans)


@SETTINGS
@given(ROWS)
def test_flattened(check_spans, rows: list[list[str]]) -> None:
    _check("  ".join(_clean(cell, "\n") for row in rows for cell in row), "flattened", check_spans)


@SETTINGS
@given(st.text(max_size=400))
def test_junk_with_detected_layout(check_spans, text: str) -> None:
    text = text.replace("\r", "\n")
    _check(text, None, check_spans)
