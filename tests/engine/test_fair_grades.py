"""No grade without the indicator table (issue 11): a declaration whose table was not read
with confidence is shown as not graded, with the reason, in every format and both languages.

Nothing is claimed about a row that was not read reliably (its value is its name again, a
header or a weight read as a row …), so a table most of whose rows were not read reliably
would be graded on the few rows left: the less read, the better the grade.  The forms here
are small made-up ones; the rows are spoilt the way real captures spoil them.
"""

from __future__ import annotations

import csv
import io
import json

import pytest

from perflint.catalog import builtin_catalog
from perflint.domain.model import Declaration, FormType, Indicator, Reading
from perflint.domain.result import FileReport, RunResult
from perflint.engine.config import Config
from perflint.engine.core import Engine, _ungraded
from perflint.ingest.files import load_bytes
from perflint.report import renderer
from perflint.report._common import ReportOptions

TOP = """| 项目支出绩效目标表 | | | | |
| (2022年度) | | | | |
| 项目名称 | 城区公厕提质改造 | | | |
| 主管部门 | 青溪区城市管理局 | | | |
| 项目资金 (万元) | 年度资金总额: | 85.00 | | |
| 年度总体目标 | 完成城区12座公厕提质改造。 | | | |
| 一级指标 | 二级指标 | 三级指标 | 指标值 | |
"""
#: (category cells, name, value) of the four rows
ROWS = [
    ("产出指标 | 数量指标", "改造公厕座数", "≥12座"),
    ("产出指标 | 质量指标", "改造工程验收合格率", "100%"),
    ("成本指标 | 经济成本指标", "每座改造成本", "≤7万元"),
    ("满意度指标 | 服务对象满意度指标", "周边居民满意度", "≥85%"),
]
FOOTER = "| 填报人 | 李某 | 填报日期 | 2022年1月5日 | |\n"


def form(spoilt: int) -> str:
    """The form with the value of its first ``spoilt`` rows read as the row's name again
    (a value cell lost in the capture, the name cell repeated)."""
    rows = [f"| {cats} | {name} | {name if i < spoilt else value} | |\n" for i, (cats, name, value) in enumerate(ROWS)]
    return TOP + "".join(rows) + FOOTER


@pytest.fixture(scope="module")
def engine() -> Engine:
    return Engine(builtin_catalog(), Config(today="2022-06-01"))


def report(engine: Engine, text: str) -> FileReport:
    fr = load_bytes(text.encode("utf-8"), "form.txt")
    [rep] = engine.file_reports(fr, "form.txt")
    return rep


@pytest.mark.parametrize("spoilt", [0, 1, 2])
def test_a_table_read_mostly_reliably_is_graded(engine, spoilt):
    [decl] = report(engine, form(spoilt)).declarations
    assert len(decl.reading["unreliable_rows"]) == spoilt
    assert decl.grade and decl.ungraded is None


def test_a_table_most_of_whose_rows_were_not_read_reliably_is_not_graded(engine):
    rep = report(engine, form(3))
    [decl] = rep.declarations
    assert decl.reading["sections"]["indicators"] == "read"
    assert len(decl.reading["unreliable_rows"]) == 3
    assert decl.grade == "" and decl.ungraded == "indicators-unreliable"


def test_not_graded_is_said_in_every_format_and_both_languages(engine):
    rep = report(engine, form(3))
    result = RunResult(files=[rep], profile="hunan-2019", version="0")
    zh, en = ReportOptions(), ReportOptions(lang="en")
    reason_zh = "绩效指标表的多数行未能可靠读取"
    reason_en = "most rows of the indicator table could not be read reliably"
    grades = ("“优”", "“良”", "“中”", "“差”", "等级：优", "等级：良", "等级：中", "等级：差")

    text = renderer("text")(result, zh)
    assert f"等级：未评级 — {reason_zh}" in text and not any(g in text for g in grades)
    assert f"Grade: not graded — {reason_en}" in renderer("text")(result, en)
    op = renderer("opinion")(result, zh)
    assert f"未评级：{reason_zh}" in op and not any(g in op for g in grades)
    assert f"Not graded: {reason_en}" in renderer("opinion")(result, en)
    html = renderer("html")(result, zh)
    assert reason_zh in html and 'class="grade grade-' not in html
    assert reason_en in renderer("html")(result, en)
    assert "另有 1 份未评级" in html  # the grade chart says what it leaves out
    assert "1 more not graded" in renderer("html")(result, en)
    assert reason_zh in renderer("junit")(result, zh)

    [data] = json.loads(renderer("json")(result, zh))["declarations"]
    assert data["grade"] is None and data["score"] is None and data["ungraded"] == "indicators-unreliable"
    rows = list(csv.DictReader(io.StringIO(renderer("csv")(result, zh).decode("utf-8-sig"))))
    assert rows and {r["等级"] for r in rows} == {"未评级"}
    sarif = json.loads(renderer("sarif")(result, zh))
    assert {r["properties"]["ungraded"] for r in sarif["runs"][0]["results"]} == {"indicators-unreliable"}


def _decl(rows: int, unreliable: list[int], indicators: str = "read") -> Declaration:
    return Declaration(
        form_type=FormType.PROJECT,
        name="示例项目",
        indicators=[
            Indicator(level1="产出指标", level2="数量指标", content=f"指标{i}", value="≥1个") for i in range(rows)
        ],
        reading=Reading(sections={"indicators": indicators}, indicator_rows=rows, unreliable_rows=unreliable),
    )


@pytest.mark.parametrize(
    ("rows", "unreliable", "expected"),
    [
        (4, [], None),
        (4, [0, 1], None),  # half: the grade still rests on half the table
        (4, [0, 1, 2], "indicators-unreliable"),
        (1, [0], "indicators-unreliable"),
        (7, [0, 1, 2, 3, 4], "indicators-unreliable"),
        (4, [0, 0, 1, 1], None),  # a row counted once, however often it is named
        (4, [0, 9, 10], None),  # a row the table does not have is not counted
    ],
)
def test_the_share_of_unreliable_rows_decides(rows, unreliable, expected):
    assert _ungraded(_decl(rows, unreliable)) == expected


@pytest.mark.parametrize("state", ["partial", "unread"])
def test_a_table_not_read_in_full_is_not_graded_however_reliable_its_rows(state):
    assert _ungraded(_decl(4, [], indicators=state)) == f"indicators-{state}"


def test_spoiling_rows_never_raises_the_grade(engine):
    """Fair grades: with rows spoilt, the form is ungraded, or scores no higher than the
    well-read one unless a spoilt row held one of its findings (nothing is claimed about
    a row not read reliably)."""
    [whole] = report(engine, form(0)).declarations
    assert whole.grade
    for spoilt in range(1, len(ROWS) + 1):
        [decl] = report(engine, form(spoilt)).declarations
        held = {f.pointer.split("/")[2] for f in whole.findings if f.pointer.startswith("/indicators/")}
        held_defects = any(str(i) in held for i in range(spoilt))
        assert decl.ungraded or decl.score <= whole.score or held_defects, (spoilt, decl.score, whole.score)
    assert report(engine, form(len(ROWS))).declarations[0].ungraded
