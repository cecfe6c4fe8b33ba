"""Extraction of the project's own examples."""

from __future__ import annotations

import codecs
from decimal import Decimal
from pathlib import Path

import pytest
from support.extraction import assert_nothing_lost, assert_spans_match, summary

from perflint.domain.model import FormType
from perflint.ingest.files import load_file


def _text_examples(examples_dir: Path) -> list[Path]:
    return sorted(p for p in examples_dir.iterdir() if p.suffix == ".txt")


@pytest.mark.parametrize(
    "name",
    [
        "bundle-qingxi-2020.txt",
        "project-pipe-2022.txt",
        "project-lines-2021.txt",
        "special-water-2021.gbk.txt",
        "clean-library-2023.txt",
    ],
)
def test_every_character_accounted_for(examples_dir: Path, name: str) -> None:
    result = load_file(str(examples_dir / name))
    assert result.declarations and not result.problems
    assert result.text is not None
    assert_nothing_lost(result.text, result.declarations)
    assert_spans_match(result.text, result.declarations)


def test_all_examples_are_covered_by_the_tests(examples_dir: Path) -> None:
    names = {p.name for p in _text_examples(examples_dir)}
    assert names == {
        "bundle-qingxi-2020.txt",
        "project-pipe-2022.txt",
        "project-lines-2021.txt",
        "special-water-2021.gbk.txt",
        "clean-library-2023.txt",
    }


def test_bundle_forms(examples_dir: Path) -> None:
    result = load_file(str(examples_dir / "bundle-qingxi-2020.txt"))
    decls = result.declarations
    assert [summary(d) for d in decls] == [
        ("专项资金", 2020, "不动产登记信息平台运行维护", "青溪区不动产登记中心", Decimal(320), 9),
        ("专项资金", 2020, "登记大厅便民服务和窗口人员培训", "青溪区不动产登记中心", Decimal(180), 9),
        ("部门整体支出", 2020, None, "青溪区不动产登记中心", None, 2),
    ]
    f1, f2, f3 = decls
    assert f1.attribute == f2.attribute == "延续"
    assert [d.year_text for d in decls] == ["2020年度"] * 3
    # the footer after the second form belongs to both 专项 forms
    for d in (f1, f2):
        assert (d.preparer, d.phone) == ("李明", "0731-8000 0000")
        assert d.filing_date is not None and d.filing_date.value == "2019-11"
        assert d.source.spans["/preparer"] == f2.source.spans["/preparer"]
    # the blank 资金总额 is kept blank, its parts are read
    assert f3.money.total is not None
    assert (f3.money.total.text, f3.money.total.amount) == ("", None)
    parts = {line.key: line.amount for line in f3.money.lines}
    assert parts["income_total"] == Decimal("960.5")
    assert parts["expenditure_total"] is None
    assert parts["expenditure.basic"] + parts["expenditure.project"] == Decimal("960.5")
    # the 部门整体 template has no value column
    assert all(ind.value is None for ind in f3.indicators)
    # defects survive extraction as written
    assert f1.indicators[2].value == "提高办事效率"
    assert f1.indicators[3].content == f1.indicators[3].value == "/"
    assert f1.indicators[-1].content == "办事群众较满意"
    assert "进设" in f3.indicators[1].content and "全县" in f3.indicators[0].content
    assert f3.goals["overall"].endswith("，")
    assert f3.source.labels["/reviews/2/section"].text == "预预算科"
    assert [r.section for r in f3.reviews] == ["主管部门", "业务科室", "预算科", "绩效评价科"]
    assert f1.filing_unit == ""
    # merged 一级 cells are carried down and marked
    assert f1.indicators[1].level1 == "产出指标" and f1.indicators[1].inherited == ["level1"]
    assert f1.source.spans["/indicators/1/level1"] == f1.source.spans["/indicators/0/level1"]
    assert f1.indicators[-1].level1 == "社会公众或服务对象满意度指标"


def test_pipe_example(examples_dir: Path) -> None:
    (d,) = load_file(str(examples_dir / "project-pipe-2022.txt")).declarations
    assert summary(d) == ("项目支出", 2022, "城区公厕提质改造", "青溪区城市管理局", Decimal("85.00"), 8)
    assert d.source.layout == "pipe"
    assert d.implementing_unit == "青溪区环境卫生服务中心"
    assert d.attribute == "新增"
    assert [(f.key, f.text) for f in d.fields] == [("period", "2022年3月-2022年11月")]
    second = d.indicators[1]
    assert (second.level1, second.level2, second.content, second.value) == (
        "产出指标",
        "数量指标",
        "新增无障碍设施套数",
        "≥12套",
    )
    assert second.inherited == ["level1", "level2"]
    assert d.indicators[2].level2 == "质量指标"  # the "(必填)" note is template text
    assert d.indicators[-1].level1 == "满意度指标"


def test_lines_example(examples_dir: Path) -> None:
    (d,) = load_file(str(examples_dir / "project-lines-2021.txt")).declarations
    assert summary(d) == ("项目支出", 2021, "乡村道路日常养护", "青溪区交通运输局", Decimal(60), 6)
    assert d.source.labels["/goals/annual"].text == "年度目标"  # printed vertically
    assert d.attribute == "延续"
    assert [(i.level2, i.content, i.value) for i in d.indicators][:2] == [
        ("数量指标", "养护道路里程", "42公里"),
        ("质量指标", "养护路段优良率", "≥85%"),
    ]
    assert d.filing_date is not None and d.filing_date.value == "2020-12-08"
    assert d.unrecognized == []


def test_gbk_example(examples_dir: Path) -> None:
    result = load_file(str(examples_dir / "special-water-2021.gbk.txt"))
    (d,) = result.declarations
    assert result.encoding == "gb18030"
    assert summary(d) == ("专项资金", 2021, "农村饮水安全设施维修养护", "青溪区水利局", Decimal(75), 6)
    assert d.attribute == "延续"  # "延续专项□√": the tick after the box


def test_json_example(examples_dir: Path) -> None:
    result = load_file(str(examples_dir / "declarations-2024.json"))
    assert not result.problems
    assert [d.form_type for d in result.declarations] == [FormType.PROJECT, FormType.SPECIAL]
    assert result.declarations[1].money.total is not None
    assert result.declarations[1].money.total.amount is None


def test_clean_example(examples_dir: Path) -> None:
    (d,) = load_file(str(examples_dir / "clean-library-2023.txt")).declarations
    assert d.unrecognized == [] and d.fields == []
    assert d.filing_unit == "青溪区图书馆"
    assert len(d.schedule) == 4 and all(r.start and r.start.value for r in d.schedule)
    assert d.reviews[0].opinion == "同意申报。" and d.reviews[0].date == "2022年11月20日"
    assert all(i.value for i in d.indicators)


# -- the same text in other encodings and line ends extracts identically ------


def _variants(text: str) -> dict[str, bytes]:
    return {
        "gb18030": text.encode("gb18030"),
        "utf-8-bom": codecs.BOM_UTF8 + text.encode("utf-8"),
        "utf-16-le-bom": codecs.BOM_UTF16_LE + text.encode("utf-16-le"),
        "utf-16-be-bom": codecs.BOM_UTF16_BE + text.encode("utf-16-be"),
        "crlf": text.replace("\n", "\r\n").encode("utf-8"),
        "cr": text.replace("\n", "\r").encode("utf-8"),
    }


@pytest.mark.parametrize("name", ["bundle-qingxi-2020.txt", "project-pipe-2022.txt", "project-lines-2021.txt"])
def test_reencoded_examples_extract_identically(examples_dir: Path, load, name: str) -> None:
    text = (examples_dir / name).read_text("utf-8")
    base = load(text.encode("utf-8"), name).declarations
    expected = [(d.to_dict(include_source=False), d.source.spans, d.source.labels, d.source.template) for d in base]
    for variant, data in _variants(text).items():
        got = load(data, name).declarations
        assert [
            (d.to_dict(include_source=False), d.source.spans, d.source.labels, d.source.template) for d in got
        ] == expected, variant
