"""benchmarks/trust_audit.py counts what it claims: graded declarations whose table was not
read with confidence, page chrome in findings and opinions, more than one SRC001."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest
from support.paths import ROOT


@pytest.fixture(scope="module")
def audit() -> ModuleType:
    spec = importlib.util.spec_from_file_location("perflint_trust_audit", ROOT / "benchmarks" / "trust_audit.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize(
    "text",
    [
        "有 8 段内容无法归入任何栏目，第一段是：“15:40”。",
        "第一段是：“2020-03-04 13:32来源: 石嘴山网”。",
        "“扫一扫在手机打开当前页”",
        "[打印] [关闭]",
        "第2页 / 共16页",
        "【字体：大 中 小】",
        "第一段是：“市直部门预算项目支出绩效目标表.docx”。",
        "有一段内容（3 字）无法归入任何栏目：“附件:”。",
        "全文预览已结束",
        "当前位置:首页 > 政府信息公开",
    ],
)
def test_chrome_is_found(audit, text):
    assert audit.chrome_in(text)


@pytest.mark.parametrize(
    "text",
    [
        "写明衡量什么，如“网站可用率”，指标值写“≥99%”。",
        "立项依据没有引用具体文件（文件名、文号或会议纪要号）。",
        "“组织协调推进全州食品安全重点工作;承办州食品安全委员会会议”",
        "打印机采购数量≥12台",
        "项目来源",
        "2022年1月5日前完成",
    ],
)
def test_form_content_is_not_chrome(audit, text):
    assert not audit.chrome_in(text)


def _decl(state: str, rows: int, unreliable: list[int]) -> dict:
    return {"reading": {"sections": {"indicators": state}, "indicator_rows": rows, "unreliable_rows": unreliable}}


def test_not_read_in_full(audit):
    assert audit.not_read_in_full(_decl("read", 4, [0, 1])) is None
    assert audit.not_read_in_full(_decl("absent", 0, [])) is None
    assert audit.not_read_in_full(_decl("read", 4, [0, 1, 2])) == "3 of 4 rows not read reliably"
    assert audit.not_read_in_full(_decl("partial", 4, [])) == "indicators partial"
    assert audit.not_read_in_full({"reading": None}) is None


def test_forms_leave_the_holdout_out(audit, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """The hold-out sets named in accuracy-floor.json are skipped unless asked for; the test
    names its own set, so it holds whichever set is the hold-out (or none) at the time."""
    for name in ("r101.txt", "r801.txt", "r101.gold.json"):
        (tmp_path / name).write_text("x", "utf-8")
    assert isinstance(audit.holdout_prefixes(), tuple)  # read from the real floor file
    monkeypatch.setattr(audit, "holdout_prefixes", lambda: ("r8",))
    assert [p.name for p in audit.forms([tmp_path], "*.txt", include_holdout=False)] == ["r101.txt"]
    assert [p.name for p in audit.forms([tmp_path], "*.txt", include_holdout=True)] == ["r101.txt", "r801.txt"]
    monkeypatch.setattr(audit, "holdout_prefixes", lambda: ())
    assert [p.name for p in audit.forms([tmp_path], "*.txt", include_holdout=False)] == ["r101.txt", "r801.txt"]


@pytest.mark.slow
def test_a_run_over_made_up_forms(audit, tmp_path: Path):
    """Two runs of perflint (Chinese and English) over a well-read form and one cut inside its table."""
    head = (
        "| 项目支出绩效目标表 | | | |\n| (2022年度) | | | |\n| 项目名称 | 城区公厕提质改造 | | |\n"
        "| 主管部门 | 青溪区城市管理局 | | |\n| 项目资金 (万元) | 年度资金总额: | 85.00 | |\n"
        "| 年度总体目标 | 完成城区12座公厕提质改造。 | | |\n| 一级指标 | 二级指标 | 三级指标 | 指标值 |\n"
        "| 产出指标 | 数量指标 | 改造公厕座数 | ≥12座 |\n"
    )
    (tmp_path / "a.txt").write_text(
        head
        + "| 满意度指标 | 服务对象满意度指标 | 周边居民满意度 | ≥85% |\n| 填报人 | 李某 | 填报日期 | 2022年1月5日 |\n",
        "utf-8",
    )
    (tmp_path / "b.txt").write_text(head, "utf-8")
    files = audit.forms([tmp_path], "*.txt", include_holdout=False)
    outputs = {lang: audit.run(files, lang, tmp_path) for lang in ("zh", "en")}
    figures = audit.audit(outputs)
    assert (figures["forms"], figures["declarations"], figures["graded"]) == (2, 2, 1)
    assert figures["graded without the indicator table"] == 0, figures["cases"]
    assert figures["page chrome in findings or opinion"] == 0, figures["cases"]
    assert figures["declarations with more than one SRC001"] == 0, figures["cases"]
