"""The rest of issue 14's patterns in the seed's layout (one cell per line, tab-indented,
the Hunan 2019 专项资金 template; tests/checks/test_issue14_seed_layout.py has the first
ones): each made-up variant of the seed, one row, field or label changed, fires the rule
at that place, and the same variant written correctly stays silent.  The seed as it is
stays silent too (test_issue14_real_forms.py::test_silent_on_the_seed and
test_seed_is_silent_on_these_rules below)."""

from __future__ import annotations

from dataclasses import replace

import pytest
from support.paths import DATA, EXAMPLES, SEED

from perflint.catalog import builtin_catalog
from perflint.engine import Engine
from perflint.engine.config import Config

_SEED = SEED.read_text("utf-8")

#: the first form's 时效指标 row (content, value, remark), its 成本指标 and 可持续影响指标 rows
_TIMELY = (
    "\t电子政务把不同的政府职能部门通过网络集成在一起，让公众享受“一站式”服务，"
    "以有效地节省服务时间，提高服务效率。\n\t提高办事效率\n\t　\n"
)
_COST = "\t成本指标\n\t/\n\t/\n"
_LASTING = "\t可持续影响指标\n\t/　\n\t/\n"
_GOAL = "\t政府通过统一平台或跨平台结构提供服务，\n"
_QUALITY = "\t质量指标\n\t行政区域内政府网站合格达标"
_TOTAL = "\t　556\n"
_ATTRIBUTE = "\t专项属性\n"
#: the department form's duties field, after its budget block
_DUTIES = "\t部门职能职责概述\n"
_INDICATOR_NAMES = (
    "质量指标",
    "时效指标",
    "成本指标",
    "经济效益指标",
    "社会效益指标",
    "生态效益指标",
    "可持续影响指标",
    "社会公众或服务对象满意度指标",
)


def _sub(text: str, old: str, new: str) -> str:
    assert old in text, old
    return text.replace(old, new, 1)


def _timely(content: str, value: str, remark: str = "　") -> str:
    return _sub(_SEED, _TIMELY, f"\t{content}\n\t{value}\n\t{remark}\n")


def _cost(content: str, value: str, text: str = _SEED) -> str:
    return _sub(text, _COST, f"\t成本指标\n\t{content}\n\t{value}\n")


def _with_period(text: str) -> str:
    """A 项目起止时间 field before 专项属性, in the same one-cell-a-line layout."""
    return _sub(text, _ATTRIBUTE, "\t项目起止时间\n\t2019年1月-2019年11月\n" + _ATTRIBUTE)


def _quantity(value: str, text: str = _SEED) -> str:
    """A 数量指标 row before the first form's 质量指标 row."""
    row = f"\t数量指标\n\t维护乡镇网站数量\n\t{value}\n\t　\n\n\t\n\t\n"
    return _sub(text, _QUALITY, row + _QUALITY)


def _weights(weights: list[int]) -> str:
    """The first form's 备注 column headed 分值 and filled with each row's weight."""
    text = _sub(_SEED, "\t指标值\n\t备注\n", "\t指标值\n\t分值\n")
    first, sep, rest = text.partition("\t专项实施\n")
    lines = first.split("\n")
    rows = [n for n, line in enumerate(lines) if line.strip() in _INDICATOR_NAMES]
    assert len(rows) == len(weights)
    for n, weight in zip(rows, weights, strict=True):
        lines[n + 3] = f"\t{weight}"
    return "\n".join(lines) + sep + rest


def _department_expenditure(basic: str) -> str:
    text = _sub(_SEED, "按支出性质分：\n", "按支出性质分：1698.6\n")
    return _sub(text, "基本支出：412.1", f"基本支出：{basic}")


def _source(amount: str) -> str:
    return _sub(_SEED, _TOTAL, f"{_TOTAL}\n\t其中：财政拨款\n\t　{amount}\n")


# (pattern of issue 14, code, the variant with the defect, the same variant written right,
#  (declaration, pointer) of the finding)
CASES = [
    (
        "name states a figure the value contradicts",
        "CON001",
        _timely("政务信息公开率100%", "≥95%"),
        _timely("政务信息公开率100%", "=100%"),
        (0, "/indicators/1/value"),
    ),
    (
        "remark explains a value the value column does not carry",
        "CON001",
        _timely("网站正常运行率", "1", "95%（计划标准）"),
        _timely("网站正常运行率", "≥95%", "95%（计划标准）"),
        (0, "/indicators/1/value"),
    ),
    (
        "annual goal 70 % vs a completion-timeliness indicator ≥100 %",
        "CON003",
        _sub(_timely("改造工程完成及时率", "≥100%"), _GOAL, "\t完成网站集约化改造主体工程的70%\n"),
        _sub(_timely("改造工程完成及时率", "=100%"), _GOAL, "\t完成网站集约化改造主体工程\n"),
        (0, "/indicators/1/value"),
    ),
    (
        "unit cost × quantity exceeds the money",
        "ARI001",
        _cost("每个网站年维护费", "=20万元/个", _quantity("=30个")),
        _cost("每个网站年维护费", "=13.9万元/个", _quantity("=40个")),
        (0, "/indicators/3/value"),
    ),
    (
        "monthly cap × the months of the period exceeds the budget",
        "ARI002",
        _with_period(_cost("机房运维费", "≤60万元/月")),
        _with_period(_cost("机房运维费", "≤50万元/月")),
        (0, "/indicators/2/value"),
    ),
    (
        "a rate at ≥100 %",
        "VAL008",
        _timely("办件按时办结率", "≥100%"),
        _timely("办件按时办结率", "=100%"),
        (0, "/indicators/1/value"),
    ),
    (
        "a cost with no comparator",
        "VAL005",
        _cost("网站运维费", "50万元"),
        _cost("网站运维费", "≤50万元"),
        (0, "/indicators/2/value"),
    ),
    (
        "money written with 万 and no 元",
        "VAL009",
        _cost("网站运维费", "≤50万/年"),
        _cost("网站运维费", "≤50万元/年"),
        (0, "/indicators/2/value"),
    ),
    (
        "M for 米",
        "VAL009",
        _timely("新铺设光缆长度", "≥500M"),
        _timely("新铺设光缆长度", "≥500米"),
        (0, "/indicators/1/value"),
    ),
    (
        "a timeliness target later than the project period",
        "DATE007",
        _with_period(_timely("系统升级完成时间", "2019年12月底前")),
        _with_period(_timely("系统升级完成时间", "2019年11月底前")),
        (0, "/indicators/1/value"),
    ),
    (
        "next year's task in the annual goal",
        "DATE008",
        _sub(_SEED, _GOAL, "\t按照明年的任务完成20个乡镇网站改版\n"),
        _sub(_SEED, _GOAL, "\t完成20个乡镇网站改版，为明年的全面推广打好基础\n"),
        (0, "/goals/annual"),
    ),
    (
        "a cost indicator written as a floor",
        "COST004",
        _cost("项目总投入", "≥556万元"),
        _cost("项目总投入", "≤556万元"),
        (0, "/indicators/2/value"),
    ),
    (
        "department 基本支出 + 项目支出 not adding up to the subtotal",
        "BUD004",
        _department_expenditure("471.4"),
        _department_expenditure("412.1"),
        (2, "/money/lines/1"),
    ),
    (
        "department 基本支出 given two amounts",
        "BUD008",
        _sub(_SEED, _DUTIES, f"\t基本支出\n\t1698.6\n\n{_DUTIES}"),
        _sub(_SEED, _DUTIES, f"\t基本支出\n\t412.1\n\n{_DUTIES}"),
        (2, "/money/lines/8"),
    ),
    (
        "a source of funds that does not add up to the total (132 vs 164)",
        "BUD005",
        _source("432"),
        _source("556"),
        (0, "/money/total"),
    ),
    (
        "a typo in a fixed label",
        "TXT006",
        _sub(_SEED, "\t资金总额（万元）\n\t　556", "\t资金总頟（万元）\n\t　556"),
        _sub(_SEED, "\t资金总额（万元）\n\t　556", "\t资金总额(万元)\n\t　556"),
        (0, "/money/total"),
    ),
    (
        "an amount typed twice",
        "BUD009",
        _sub(_SEED, _TOTAL, "\t　556万556万\n"),
        _sub(_SEED, _TOTAL, "\t　556万\n"),
        (0, "/money/total"),
    ),
    (
        "a sustainability indicator that repeats the spending period",
        "CON004",
        _sub(_SEED, _LASTING, "\t可持续影响指标\n\t系统运行保障期限\n\t2019.1-2019.12\n"),
        _sub(_SEED, _LASTING, "\t可持续影响指标\n\t系统持续运行年限\n\t≥5年\n"),
        (0, "/indicators/6/value"),
    ),
    (
        "weights that add up to 90",
        "ARI003",
        _weights([20, 10, 10, 10, 10, 10, 10, 10]),
        _weights([20, 10, 10, 10, 10, 10, 10, 20]),
        (0, "/indicators"),
    ),
    (
        "a duty restated as a target",
        "IND012",
        _timely("维护社会稳定", "≥95%"),
        _timely("网上办件按时办结率", "≥95%"),
        (0, "/indicators/1/value"),
    ),
    (
        "a goal written as the unit's list of duties",
        "REL004",
        _sub(_SEED, _GOAL, "\t负责全区政务公开工作。组织实施电子政务建设。承担政务服务大厅日常管理。\n"),
        _sub(_SEED, _GOAL, "\t完成20个乡镇网站改版，网上办件按时办结率100%。\n"),
        (0, "/goals/annual"),
    ),
]


@pytest.fixture(scope="module")
def engines():
    """One engine per rule, running that rule alone (the variants run in milliseconds)."""
    catalog = builtin_catalog()
    config = replace(Config(), profile="hunan-2019", today="2026-12-04")
    return {code: Engine(catalog, config, only=[code]) for code in {c[1] for c in CASES}}


def _found(engines, tmp_path, text: str, code: str) -> list[tuple[int, str]]:
    path = tmp_path / "form.txt"
    path.write_text(text, "utf-8")
    result = engines[code].run([str(path)])
    return [(d.index, f.pointer) for fr in result.files for d in fr.declarations for f in d.findings if f.code == code]


@pytest.mark.parametrize("pattern, code, bad, good, where", CASES, ids=[c[0] for c in CASES])
def test_pattern_in_the_seed_layout(engines, tmp_path, pattern, code, bad, good, where):
    assert _found(engines, tmp_path, bad, code) == [where]
    assert _found(engines, tmp_path, good, code) == []


def test_seed_is_silent_on_these_rules(engines, tmp_path):
    assert [code for code in sorted(engines) if _found(engines, tmp_path, _SEED, code)] == []


def test_clean_example_is_silent_on_these_rules(engines, tmp_path):
    text = (EXAMPLES / "clean-library-2023.txt").read_text("utf-8")
    assert [code for code in sorted(engines) if _found(engines, tmp_path, text, code)] == []


@pytest.mark.parametrize(
    "form, code",
    [
        ("r317", "ARI001"),  # 10个 × 23万元/个 = 230万元 > 214.06万元 (gold D0)
        ("r304", "VAL009"),  # 雾炮车风炮射程 ≥80M (gold D6)
        ("r109", "CON002"),  # 应受助学生数 100% (gold D3)
    ],
)
def test_catches_the_real_defect(form, code):
    # the settings of the accuracy harness (benchmarks/accuracy.py: Config(today=TODAY))
    engine = Engine(builtin_catalog(), Config(today="2026-12-04"), only=[code])
    result = engine.run([str(DATA / "real" / f"{form}.txt")])
    assert code in {f.code for fr in result.files for d in fr.declarations for f in d.findings}
