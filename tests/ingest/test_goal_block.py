"""The goal written under the heading of the goals block (项目绩效目标 | <goal>, "(7)绩效目标。
<goal>", "三、绩效目标" over a paragraph) reaches the declaration's goals, so that the goal rules
see it, only where the text is with confidence the goal (issues 12 and 14).  Made-up forms,
in wordings and layouts that differ from the real ones the rule was drawn from."""

from __future__ import annotations

from dataclasses import replace

import pytest

from perflint.catalog import builtin_catalog
from perflint.engine import Engine
from perflint.engine.config import Config


def _lines(*rows: str) -> str:
    return "\n".join(rows)


_GOAL = "为全镇6个村铺设供水管网12公里，年底前解决1800户群众饮水困难。"


def test_goal_in_the_heading_row_of_a_one_year_project_is_the_annual_goal(read_one) -> None:
    d = read_one(
        _lines(
            "某镇项目支出绩效目标表 | |||",
            "项目名称 | 农村饮水巩固提升 | ||",
            "项目实施期 | 2024年 | ||",
            f"项目绩效目标 | {_GOAL} | ||",
            "一级指标 | 二级指标 | 三级指标 | 指标值 |",
            "产出指标 | 数量指标 | 铺设管网长度 | ≥12公里 |",
        )
    )
    assert d.goals == {"annual": _GOAL}
    assert not any(f.key == "goals_block" for f in d.fields)
    assert d.source.labels["/goals/annual"].text == "项目绩效目标"


_TWO_GOALS = {"long_term": "三年内全镇农村自来水普及率达到98%。", "annual": "2024年铺设供水管网12公里。"}


def _cell_lines(*rows: str | list[str]) -> str:
    """Rows apart by blank lines, each cell on a tab-indented line of its own (how a saved
    web page's table is read)."""
    return "\n\n".join("\n".join(f"\t{cell}" for cell in row) if isinstance(row, list) else row for row in rows)


@pytest.mark.parametrize(
    "text, goals",
    [
        # a goal with no period, or with a period of years, is the goal as a whole
        pytest.param(
            _lines(
                "某镇项目支出绩效目标表 | |||",
                "项目名称 | 农村饮水巩固提升 | ||",
                f"绩效目标 | {_GOAL} | ||",
                "一级指标 | 二级指标 | 三级指标 | 指标值 |",
                "产出指标 | 数量指标 | 铺设管网长度 | ≥12公里 |",
            ),
            {"overall": _GOAL},
            id="no-period-overall",
        ),
        pytest.param(
            _lines(
                "某镇项目支出绩效目标表 | |||",
                "项目名称 | 农村饮水巩固提升 | ||",
                "项目实施期 | 2023年—2025年 | ||",
                f"绩效目标 | {_GOAL} | ||",
                "一级指标 | 二级指标 | 三级指标 | 指标值 |",
                "产出指标 | 数量指标 | 铺设管网长度 | ≥12公里 |",
            ),
            {"overall": _GOAL},
            id="period-of-years-overall",
        ),
        # the goal of a department form is the overall goal
        pytest.param(
            _lines(
                "某县水利局部门整体支出绩效目标表 | |||",
                "部门名称 | 某县水利局 | ||",
                "起止时间 | 2024年1月1日至2024年12月31日 | ||",
                f"绩效目标 | {_GOAL} | ||",
            ),
            {"overall": _GOAL},
            id="department-overall",
        ),
        # the goal after a numbered prose label on its line
        pytest.param(
            _lines(
                "某区水务局2024年农村饮水巩固提升项目支出预算绩效目标表",
                "",
                "(1)项目概述。为全镇农村饮水工程提供建设资金。",
                "(4)起止时间。2024年3月-2024年11月",
                "(6)年度预算安排。财政拨款120万元。",
                f"(7)绩效目标。{_GOAL}",
            ),
            {"annual": _GOAL},
            id="numbered-prose-label",
        ),
        # "绩效目标" alone on its line among the column headings of a table given one cell a
        # line: the line below is the next cell, not a goal, whatever it says
        pytest.param(
            _lines(
                "某区项目支出绩效目标",
                "单位名称",
                "年度预算安排",
                "绩效目标",
                "",
                "某区交通运输局负责全区农村公路的日常养护和管理工作。",
                "",
                "3600",
            ),
            {},
            id="heading-among-column-headings",
        ),
        # "项目绩效目标 | 实施期总目标 | 当年总体目标" over a row of two goals: the heading of
        # the block, then its columns (one a heading the vocabulary does not know)
        pytest.param(
            _lines(
                "某镇项目支出绩效目标表 | |||",
                "项目名称 | 农村饮水巩固提升 | ||",
                "项目绩效目标 | 实施期总目标 | 当年总体目标 |",
                "三年内全镇农村自来水普及率达到98%。 | 2024年铺设供水管网12公里。 |",
                "一级指标 | 二级指标 | 三级指标 | 指标值 |",
                "产出指标 | 数量指标 | 铺设管网长度 | ≥12公里 |",
            ),
            _TWO_GOALS,
            id="heading-over-columns-of-goals",
        ),
        # "项目绩效目标 | 总体目标描述 | <goal>": the block's heading, the label of its one goal
        # (a description of the goal as a whole), then the goal
        pytest.param(
            _lines(
                "项目名称: | 农村饮水巩固提升 | 项目编号: |",
                f"项目绩效目标 | 总体目标描述 | {_GOAL} |",
                "指标类型 | 指标名称 | 指标值 |",
                "产出指标 | 铺设管网长度 | ≥12公里 |",
            ),
            {"long_term": _GOAL},
            id="described-goal-heading-same-row",
        ),
        # a sentence that announces the goals is no goal
        pytest.param(
            _lines(
                "某区水务局2024年农村饮水巩固提升项目支出预算绩效目标表",
                "",
                "(1)项目概述。为全镇农村饮水工程提供建设资金。",
                "(4)起止时间。2024年3月-2024年11月",
                "(7)绩效目标。根据区政府工作安排，结合项目实施方案，现将本项目绩效目标设定如下：",
            ),
            {},
            id="sentence-announcing-goals",
        ),
        # "长期目标 | 2024-2026年 | 年度目标": the period heads the column of the period's goal;
        # the goals are in the row below, in the columns' order
        pytest.param(
            _lines(
                "某镇项目支出绩效目标表 | |||",
                "项目名称 | 农村饮水巩固提升 | ||",
                "长期目标 | 2024-2026年 | 年度目标 | |",
                "三年内全镇农村自来水普及率达到98%。 | 2024年铺设供水管网12公里。 | |",
                "一级指标 | 二级指标 | 三级指标 | 指标值 |",
                "产出指标 | 数量指标 | 铺设管网长度 | ≥12公里 |",
            ),
            _TWO_GOALS,
            id="period-heads-goal-column",
        ),
        # a row given a cell a line: the goal is the next cell of the heading's own row ...
        pytest.param(
            _cell_lines(
                "某镇项目支出绩效目标表",
                ["项目名称", "农村饮水巩固提升"],
                ["项目实施期", "2024年"],
                ["项目绩效目标", _GOAL],
                ["一级指标", "二级指标", "三级指标", "指标值"],
                ["产出指标", "数量指标", "铺设管网长度", "≥12公里"],
            ),
            {"annual": _GOAL},
            id="cell-a-line-heading-row",
        ),
        # ... and a goals heading that ends its row (a column heading) claims nothing from the row below
        pytest.param(
            _cell_lines(
                "某区项目支出绩效目标表",
                ["单位名称", "项目内容", "绩效目标"],
                ["某区交通运输局", "农村公路养护", _GOAL],
            ),
            {},
            id="cell-a-line-column-heading",
        ),
    ],
)
def test_goals_read_from_the_layout(read_one, text: str, goals: dict[str, str]) -> None:
    assert read_one(text).goals == goals


def test_paragraph_under_a_numbered_section_heading(read_one) -> None:
    d = read_one(
        _lines(
            "某区2024年农村饮水巩固提升项目绩效目标公开",
            "一、项目名称",
            "农村饮水巩固提升",
            "三、绩效目标",
            "",
            _GOAL,
            "",
            "四、绩效指标",
        )
    )
    assert _GOAL in d.goals.values()


@pytest.mark.parametrize(
    "value",
    [
        "某市交通运输局",  # a name in a table given one cell a line
        "实施期总目标 2024年",  # a heading
        "2024030101 36000 18000 2400 960",  # a row of numbers
        "来源：某某县人民政府办公室 发布时间：2024-03-01 浏览次数：12",  # page chrome
        "产出指标 数量指标 铺设管网长度 ≥12公里 质量指标 验收合格率 100%",  # the indicator table run on
        "一、项目绩效目标表……………3 二、部门整体绩效目标表……………5",  # a table of contents
    ],
)
def test_text_that_is_not_the_goal_stays_unclaimed(read_one, value: str) -> None:
    d = read_one(
        _lines(
            "某镇项目支出绩效目标表 | |||",
            "项目名称 | 农村饮水巩固提升 | ||",
            f"绩效目标 | {value} | ||",
            "一级指标 | 二级指标 | 三级指标 | 指标值 |",
            "产出指标 | 数量指标 | 铺设管网长度 | ≥12公里 |",
        )
    )
    assert d.goals == {}


def test_a_form_with_goal_fields_of_its_own_keeps_them(read_one) -> None:
    d = read_one(
        _lines(
            "某镇项目支出绩效目标表 | |||",
            "项目名称 | 农村饮水巩固提升 | ||",
            "项目绩效目标 | 按水利部门要求，做好全镇农村饮水工程建设管理工作。 | ||",
            f"年度目标 | {_GOAL} | ||",
        )
    )
    assert d.goals == {"annual": _GOAL}
    assert any(f.key == "goals_block" for f in d.fields)


def test_medium_and_long_term_goal_label(read_one) -> None:
    d = read_one(
        _lines(
            "某镇农村饮水巩固提升项目绩效目标",
            "（一）中长期绩效目标",
            "",
            "到2026年，全镇农村自来水普及率达到98%，供水保证率不低于95%。",
        )
    )
    assert d.goals.get("long_term") == "到2026年，全镇农村自来水普及率达到98%，供水保证率不低于95%。"


# -- the goal rules see the goal so read ----------------------------------------------------


def _codes(tmp_path, text: str) -> set[str]:
    path = tmp_path / "form.txt"
    path.write_text(text, "utf-8")
    engine = Engine(builtin_catalog(), replace(Config(), today="2026-12-04"))
    result = engine.run([str(path)])
    return {f.code for fr in result.files for d in fr.declarations for f in d.findings}


def _form(goal: str, period: str = "2024年") -> str:
    return _lines(
        "2024年某县项目支出绩效目标表 | |||",
        "项目名称 | 县城污水管网改造 | ||",
        f"项目实施期 | {period} | ||",
        "年度资金总额 | 800万元 | ||",
        f"项目绩效目标 | {goal} | ||",
        "一级指标 | 二级指标 | 三级指标 | 指标值 |",
        "产出指标 | 数量指标 | 改造污水管网长度 | ≥5公里 |",
        "产出指标 | 时效指标 | 项目完成及时率 | ≥100% |",
        "效益指标 | 社会效益指标 | 污水收集率 | ≥90% |",
        "满意度指标 | 服务对象满意度指标 | 沿线居民满意度 | ≥90% |",
    )


def test_goal_rules_run_on_the_goal_of_a_goals_heading(tmp_path) -> None:
    """The annual share of the works against a completion indicator (CON003), next year's
    work in the annual goal (DATE008): both now seen on a goal written under 项目绩效目标."""
    assert "CON003" in _codes(tmp_path, _form("完成县城污水管网改造主体工程的70%，改造管网5公里。"))
    assert "DATE008" in _codes(tmp_path, _form("完成管网改造5公里，明年完成剩余管网的竣工验收。"))
    clean = _codes(tmp_path, _form("完成县城污水管网改造5公里，污水收集率达到90%。"))
    assert not clean & {"CON003", "DATE008", "TXT005", "REL003", "REQ010"}
