"""benchmarks/metamorphic.py renders one model of a form in each layout family faithfully
(merged labels, row marks, rowspans, punctuation) and compares readings field by field."""

from __future__ import annotations

import importlib.util
import sys
from types import ModuleType

import pytest
from support.paths import ROOT


@pytest.fixture(scope="module")
def mm() -> ModuleType:
    spec = importlib.util.spec_from_file_location("perflint_metamorphic", ROOT / "benchmarks" / "metamorphic.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def model(mm: ModuleType):  # a made-up form: two level-1 groups, a merged level-2 pair
    rows = (
        mm.Row("产出指标", "数量指标", "维修桥梁(座)", "≥12座"),
        mm.Row("产出指标", "数量指标", "培训人次", "300人次"),
        mm.Row("产出指标", "质量指标", "验收合格率", "100%"),
        mm.Row("满意度指标", "服务对象满意度指标", "群众满意度", "≥90%"),
    )
    return mm.Model("t#0", 2023, "桥梁维修", "某县交通局", "某县公路站", "80", "万元", "完成维修。", rows)


def test_pipe_rows_and_merged_labels(mm: ModuleType, model) -> None:
    plain = mm.pipe_rows(model).splitlines()
    assert "产出指标 | 数量指标 | 培训人次 | 300人次 |" in plain
    merged = mm.pipe_rows(model, merged=True).splitlines()
    # the 一级 label only on its group's first row, the 二级 label only on its subgroup's first row
    assert "产出指标 | 数量指标 | 维修桥梁(座) | ≥12座 |" in merged
    assert "培训人次 | 300人次 |" in merged
    assert "质量指标 | 验收合格率 | 100% |" in merged
    assert "满意度指标 | 服务对象满意度指标 | 群众满意度 | ≥90% |" in merged


def test_cell_layouts(mm: ModuleType, model) -> None:
    lines = mm.cell_lines(model).splitlines()
    assert lines[lines.index("培训人次") + 1] == "300人次"
    bars = mm.cell_bars(model).splitlines()
    i = bars.index("培训人次 |")
    assert bars[i - 3 : i + 3] == ["|", "产出指标 |", "数量指标 |", "培训人次 |", "300人次 |", "|"]
    tab = mm.LAYOUTS[[lay.name for lay in mm.LAYOUTS].index("tab")].render(model)
    assert "产出指标\t数量指标\t培训人次\t300人次\n" in tab


def test_html_rowspans_cover_the_merged_rows(mm: ModuleType, model) -> None:
    page = mm.html_table(model, merged=True)
    assert '<td rowspan="3">产出指标</td><td rowspan="2">数量指标</td>' in page
    assert "<tr><td>培训人次</td><td>300人次</td></tr>" in page
    assert "<tr><td>满意度指标</td>" in page  # a group of one row spans nothing


def test_punctuation_variants(mm: ModuleType, model) -> None:
    full = mm.punctuated(model, mm._TO_FULL)
    assert full.rows[0].content == "维修桥梁（座）" and full.rows[2].value == "100％"
    assert mm.punctuated(full, mm._TO_ASCII).rows == model.rows


def test_a_rendering_read_back_compares_equal_and_a_changed_one_does_not(mm: ModuleType, model) -> None:
    from perflint.catalog import builtin_catalog
    from perflint.engine.config import Config
    from perflint.engine.core import Engine

    engine = Engine(builtin_catalog(), Config(today=mm.TODAY))
    pipe = mm.LAYOUTS[0]
    same = mm.compare(model, pipe, engine)
    assert same.declarations == 1 and not same.field_diffs and not same.rows_lost, same
    lying = mm.Layout("lying", ".txt", lambda m: mm.pipe_rows(m).replace("300人次", "301人次"))
    changed = mm.compare(model, lying, engine)
    assert changed.rows_lost == ["产出指标 / 数量指标 / 培训人次 / 300人次"]


def test_hold_out_sets_are_never_read(mm: ModuleType) -> None:
    held = mm.holdout_sets() + ("r9",)
    assert all(not ident.startswith(held) for ident, _, _ in mm.development_forms())
