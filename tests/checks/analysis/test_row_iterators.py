"""The shared row loops of the rules (valued_rows, stated_rows): which rows a rule on
the value or on the target sees, on a made-up declaration with one row of each kind."""

from __future__ import annotations

from perflint.checks.analysis.rows import Analysis, stated_rows, valued_rows
from perflint.domain.model import Declaration, Indicator

TOKENS = ("/", "无")


def _analysis() -> Analysis:
    rows = [
        Indicator(level1="产出指标", level2="数量指标", content="培训人次", value="≥500人次"),  # 0 stated
        Indicator(level1="产出指标", level2="质量指标", content="验收合格率", value=" \u3000"),  # 1 blank
        Indicator(level1="产出指标", level2="时效指标", content="完成时限", value="无"),  # 2 placeholder token
        Indicator(level1="效益指标", level2="社会效益指标", content="受益人数", value="详见附件2"),  # 3 reference
        Indicator(level1="满意度指标", level2="服务对象满意度指标", content="群众满意度", value="≥90%"),  # 4
        Indicator(level1="产出指标", content="新建村道5公里", value=None),  # 5 no value column
        Indicator(level1="产出指标", level2="数量指标", content="", value="≥12公里"),  # 6 no name
    ]
    return Analysis(Declaration(indicators=rows))


def _indexes(pairs) -> list[int]:
    return [row.index for row, _ in pairs]


def test_valued_rows_skip_no_value_cell_and_values_owned_elsewhere() -> None:
    a = _analysis()
    assert _indexes(valued_rows(a, TOKENS)) == [0, 4, 6]
    # the value comes as read, with the row
    assert [(row.index, value) for row, value in valued_rows(a, TOKENS)][0] == (0, "≥500人次")
    # the placeholders are the rule's own: with "无" not among them, the row is valued
    assert _indexes(valued_rows(a, ("/",))) == [0, 2, 4, 6]


def test_valued_rows_leave_out_satisfaction_rows_when_asked() -> None:
    assert _indexes(valued_rows(_analysis(), TOKENS, satisfaction=False)) == [0, 6]


def test_valued_rows_keep_a_reference_elsewhere_when_asked() -> None:
    assert _indexes(valued_rows(_analysis(), TOKENS, references=False)) == [0, 3, 4, 6]


def test_stated_rows_judge_the_target_so_keep_a_row_with_no_value_column() -> None:
    a = _analysis()
    got = [(row.index, text) for row, text in stated_rows(a.rows, TOKENS)]
    assert got == [(0, "≥500人次"), (4, "≥90%"), (5, "新建村道5公里"), (6, "≥12公里")]
    # any selection of rows, in its order
    assert _indexes(stated_rows(a.satisfaction_rows(), TOKENS)) == [4]
    assert _indexes(stated_rows(reversed(a.rows), TOKENS)) == [6, 5, 4, 0]
