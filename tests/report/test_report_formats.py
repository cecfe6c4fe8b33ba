"""Behaviour of each output format on a hand-built RunResult."""

from __future__ import annotations

import csv
import io
import json
import re
import xml.etree.ElementTree as ET

import jsonschema
import pytest
from rich.cells import cell_len
from support.paths import SARIF_SCHEMA as SCHEMA
from support.report_sample import ALPHA, INJECTION, empty_result, sample_result

from perflint.domain.findings import Finding, Severity
from perflint.domain.model import Span
from perflint.report import (
    BUILTIN_FORMATS as FORMATS,
)
from perflint.report import (
    csv_report,
    github,
    gitlab,
    junit,
    opinion,
    renderer,
    sarif,
    terminal,
)
from perflint.report._common import (
    ReportOptions,
    coerce_options,
    pointer_label,
    rel_path,
    resolve_color,
)

MINE = ("text", "sarif", "github", "gitlab", "junit", "csv", "html", "opinion")


# -- options --------------------------------------------------------------------


def test_options_coerce_and_defaults():
    assert coerce_options(None) == ReportOptions()
    assert ReportOptions().lang == "zh"
    opts = coerce_options({"lang": "en-US", "quiet": True, "unknown": 1, "fail_on": "warning"})
    assert (opts.lang, opts.quiet, opts.fail_on) == ("en", True, Severity.WARNING)


@pytest.mark.parametrize(
    "flag,env,tty,expected",
    [
        (True, {"NO_COLOR": "1"}, False, True),
        (False, {}, True, False),
        (None, {"NO_COLOR": "1"}, True, False),
        (None, {"FORCE_COLOR": "1"}, False, True),
        (None, {}, True, True),
        (None, {}, False, False),
        (None, {"TERM": "dumb"}, True, False),
    ],
)
def test_resolve_color(flag, env, tty, expected):
    class Stream(io.StringIO):
        def isatty(self):
            return tty

    assert resolve_color(flag, Stream(), env) is expected


@pytest.mark.parametrize(
    "path,base,expected",
    [
        ("/work/repo/forms/a.txt", "/work/repo", "forms/a.txt"),
        ("/elsewhere/a.txt", "/work/repo", "/elsewhere/a.txt"),
        ("forms\\b.txt", None, "forms/b.txt"),
        ("./forms/../c.txt", None, "c.txt"),
        ("forms/d.txt", "forms", "d.txt"),
        ("-", "/x", "-"),
    ],
)
def test_rel_path(path, base, expected):
    assert rel_path(path, base) == expected


def test_pointer_labels():
    assert pointer_label("/indicators/3/value", "zh") == "绩效指标 · 第 4 行 · 指标值"
    assert pointer_label("/goals/annual", "zh") == "年度绩效目标"
    assert pointer_label("/money/total/amount", "en") == "total funds · amount"
    assert pointer_label("", "zh") == ""


def test_every_format_is_registered_and_deterministic():
    result = sample_result()
    for fmt in MINE:
        assert fmt in FORMATS
        render = renderer(fmt)
        first, second = render(result, ReportOptions()), render(sample_result(), ReportOptions())
        assert first == second, fmt
        assert first, fmt
        data = first if isinstance(first, str) else first.decode("utf-8-sig")
        assert "/work/" not in data and "\x1b" not in data


def test_every_format_handles_an_empty_run():
    for fmt in MINE:
        out = renderer(fmt)(empty_result(), None)
        assert out is not None


# -- terminal ---------------------------------------------------------------------


def test_terminal_plain_has_no_ansi_and_groups_by_declaration():
    out = terminal.render(sample_result(), ReportOptions(width=100))
    assert "\x1b[" not in out
    assert "── 社区图书室运行维护（专项资金 · 2019年度 · 示例县文化馆 · 资金总额 120 万元）" in out
    assert f"{ALPHA}:7:21  VAL002  警告  指标值“提高服务效率”不可衡量。" in out
    assert "等级：差（52.5 分）— 不得进入下一步预算安排流程" in out
    assert "文件 3 个，申报表 3 份，无法读取 1 个，已忽略 3 条" in out


def test_terminal_colour_when_asked():
    out = terminal.render(sample_result(), ReportOptions(color=True))
    assert "\x1b[" in out


def test_terminal_underline_counts_cells_for_cjk():
    out = terminal.render(sample_result(), ReportOptions(width=100)).splitlines()
    i = next(i for i, line in enumerate(out) if line.startswith(f"{ALPHA}:7:21  VAL002"))
    source, carets = out[i + 1], out[i + 2]
    bar = source.index("│")
    start = carets.index("^")
    # the underline starts under 提 and covers 提高服务效率 (6 characters, 12 cells)
    assert cell_len(source[:bar]) == cell_len(carets[: carets.index("│")])
    prefix = source[: source.index("提高服务效率")]
    assert cell_len(prefix) == cell_len(carets[:start])
    assert carets.count("^") == cell_len("提高服务效率") == 12


def test_terminal_excerpt_of_a_long_line_keeps_the_span_in_view():
    line = "\t" + "网站合格达标，" * 80 + "目标值"
    col = line.index("目标值") + 1
    text, start, width = terminal.excerpt(line, col, col + 3, 60)
    assert cell_len(text) <= 60
    assert text.startswith("…")
    shown = text[: len(text)]
    # the caret lands exactly under 目标值
    cells_before = cell_len(shown[: shown.index("目标值")])
    assert (start, width) == (cells_before, 6)


def test_terminal_control_characters_do_not_reach_the_terminal():
    f = Finding("X001", "x", Severity.ERROR, "a.txt", {"zh": "坏\x1b[31m红", "en": "bad"}, span=Span(1, 1, 1, 2))
    result = sample_result()
    result.files[0].findings.append(f)
    out = terminal.render(result, ReportOptions())
    assert "\x1b" not in out


def test_terminal_quiet_and_statistics():
    quiet = terminal.render(sample_result(), ReportOptions(quiet=True)).strip().splitlines()
    assert len(quiet) == 12 + 1
    assert quiet[-1].startswith("共 12 条问题")
    assert all(line.startswith("samples/") for line in quiet[:-1])
    stats = terminal.render(sample_result(), ReportOptions(statistics=True)).strip().splitlines()
    # one row per rule and severity: VAL002 reported 2 warnings and 1 info, not "3 warnings"
    assert stats[0].split()[:3] == ["2", "VAL002", "警告"]
    assert ["1", "VAL002", "提示"] in [line.split()[:3] for line in stats]
    assert len(stats) == 11


def test_terminal_english():
    out = terminal.render(sample_result(), ReportOptions(lang="en"))
    assert "Grade: poor (score 52.5) — may not enter the next budget step" in out
    assert "12 finding(s) (2 error(s), 6 warning(s), 4 info)" in out


def test_progress_is_silent_off_a_tty():
    stream = io.StringIO()
    with terminal.progress(100, stream=stream) as advance:
        for i in range(100):
            advance(f"f{i}.txt")
    assert stream.getvalue() == ""


# -- SARIF ------------------------------------------------------------------------


def test_sarif_validates_against_the_official_schema():
    doc = json.loads(sarif.render(sample_result()))
    schema = json.loads(SCHEMA.read_text("utf-8"))
    jsonschema.Draft7Validator(schema).validate(doc)
    empty = json.loads(sarif.render(empty_result()))
    jsonschema.Draft7Validator(schema).validate(empty)


def test_sarif_content():
    doc = json.loads(sarif.render(sample_result(), ReportOptions(base_dir="samples")))
    run = doc["runs"][0]
    assert run["columnKind"] == "unicodeCodePoints"
    rules = run["tool"]["driver"]["rules"]
    ids = [r["id"] for r in rules]
    assert ids == sorted(ids)
    for res in run["results"]:
        assert rules[res["ruleIndex"]]["id"] == res["ruleId"]
        loc = res["locations"][0]["physicalLocation"]
        assert not loc["artifactLocation"]["uri"].startswith("/")
        assert loc["artifactLocation"]["uriBaseId"] == "%SRCROOT%"
        region = loc.get("region")
        if region:
            assert min(region.values(), key=lambda v: v if isinstance(v, int) else 99) >= 1
    levels = {r["level"] for r in run["results"]}
    assert levels == {"error", "warning", "note"}
    val = next(r for r in run["results"] if r["ruleId"] == "VAL002" and "提高服务效率" in r["message"]["text"])
    assert val["locations"][0]["physicalLocation"]["region"] == {
        "startLine": 7,
        "startColumn": 21,
        "endLine": 7,
        "endColumn": 27,
        "snippet": {"text": "提高服务效率"},
    }
    assert val["locations"][0]["logicalLocations"][0]["fullyQualifiedName"] == "/indicators/0/value"
    assert val["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "alpha.txt"
    assert run["properties"]["suppressed"] == 3
    vague = next(r for r in rules if r["id"] == "VAL002")
    assert vague["helpUri"] == "https://example.org/rules/VAL002"
    assert vague["defaultConfiguration"]["level"] == "error"
    txt = next(r for r in rules if r["id"] == "TXT003")
    assert "\\`\\*\\` 与 \\[链接\\]\\(x\\)" in txt["help"]["markdown"]
    inj = next(r for r in run["results"] if "<script>" in r["message"]["text"])
    assert "\\<script\\>" in inj["message"]["markdown"]


def test_sarif_fingerprints_survive_line_moves():
    a = json.loads(sarif.render(sample_result()))
    moved = sample_result()
    for file in moved.files:
        for decl in file.declarations:
            decl.findings = [
                Finding(
                    **{
                        **{s: getattr(f, s) for s in Finding.__slots__},
                        "span": None
                        if f.span is None
                        else Span(f.span.line + 5, f.span.column, f.span.end_line + 5, f.span.end_column),
                    }
                )
                for f in decl.findings
            ]
    b = json.loads(sarif.render(moved))
    fa = [r["partialFingerprints"] for r in a["runs"][0]["results"]]
    fb = [r["partialFingerprints"] for r in b["runs"][0]["results"]]
    assert sorted(map(str, fa)) == sorted(map(str, fb))


def test_sarif_uri_is_percent_encoded():
    uri, base = sarif.artifact_uri("表格/申报 表.txt", None)
    assert (uri, base) == ("%E8%A1%A8%E6%A0%BC/%E7%94%B3%E6%8A%A5%20%E8%A1%A8.txt", "%SRCROOT%")


# -- GitHub -------------------------------------------------------------------------


def test_github_commands_cannot_be_injected():
    out = github.render(sample_result())
    lines = out.splitlines()
    assert len(lines) == 12
    pattern = re.compile(r"^::(error|warning|notice) file=[^:,]+(,[a-zA-Z]+=[^:,]*)*::[^\r\n]*$")
    for line in lines:
        assert pattern.match(line), line
    inj = next(line for line in lines if "script" in line)
    assert "%0A::error::pwned" in inj and "100%25" in inj
    assert inj.startswith("::warning file=samples/alpha.txt,line=9,col=9,endLine=9,endColumn=55,title=VAL002::")


def test_github_property_escaping():
    assert github.escape_property("a:b,c%d\ne") == "a%3Ab%2Cc%25d%0Ae"
    assert github.escape_data("a:b,c%d\r\n") == "a:b,c%25d%0D%0A"


# -- GitLab code quality ------------------------------------------------------------


def test_gitlab_code_quality():
    issues = json.loads(gitlab.render(sample_result(), {"base_dir": "samples"}))
    assert len(issues) == 12
    for issue in issues:
        assert set(issue) >= {"description", "check_name", "fingerprint", "severity", "location"}
        assert issue["severity"] in {"info", "minor", "major", "critical", "blocker"}
        assert issue["location"]["lines"]["begin"] >= 1
        assert not issue["location"]["path"].startswith(("/", "samples/"))
    assert len({i["fingerprint"] for i in issues}) == len(issues)
    assert {i["severity"] for i in issues} == {"critical", "major", "info"}


def test_gitlab_fingerprints_unique_for_identical_findings():
    result = sample_result()
    decl = result.files[2].declarations[1]
    decl.findings = decl.findings + decl.findings
    issues = gitlab.build(result)
    assert len({i["fingerprint"] for i in issues}) == len(issues) == 14


# -- JUnit ---------------------------------------------------------------------------


def test_junit_structure_and_escaping():
    out = junit.render(sample_result())
    root = ET.fromstring(out.encode("utf-8"))
    assert root.tag == "testsuites"
    suites = root.findall("testsuite")
    assert [s.get("name") for s in suites] == ["samples/alpha.txt", "samples/beta.txt", "samples/missing.json"]
    assert [len(s.findall("testcase")) for s in suites] == [2, 2, 1]
    assert root.get("failures") == "2"
    first = suites[0].findall("testcase")[0]
    assert first.get("name") == "#1 社区图书室运行维护"
    assert [f.get("type") for f in first.findall("failure")] == ["IND002"]
    assert INJECTION.replace("\n", " ") in first.find("system-out").text
    assert "<script>" not in out


def test_junit_fail_on_warning():
    root = ET.fromstring(junit.render(sample_result(), {"fail_on": "warning"}).encode("utf-8"))
    # at most one <failure> per test case, and totals that add up
    cases = root.iter("testcase")
    assert all(len(case.findall("failure")) <= 1 for case in cases)
    failing = sum(1 for case in root.iter("testcase") if case.find("failure") is not None)
    assert root.get("failures") == str(failing) and int(root.get("failures")) <= int(root.get("tests"))
    assert failing == 4
    many = [c.find("failure") for c in root.iter("testcase") if c.find("failure") is not None]
    assert any("条问题" in f.get("message") and len(f.text.splitlines()) > 1 for f in many)


# -- CSV -----------------------------------------------------------------------------


def test_csv_bom_columns_and_injection():
    data = csv_report.render(sample_result())
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    assert rows[0][:3] == ["文件", "行", "列"]
    assert len(rows) == 13 and all(len(r) == len(csv_report.COLUMNS) for r in rows)
    for row in rows[1:]:
        for cell in row:
            assert not cell.startswith(("=", "+", "-", "@")), cell
    names = [r[6] for r in rows[1:]]
    assert '\'=HYPERLINK("x")乡村道路养护' in names
    en = list(csv.reader(io.StringIO(csv_report.render(sample_result(), {"lang": "en"}).decode("utf-8-sig"))))
    assert en[0] == [
        h.replace("_", " ") if h in ("end_line", "end_column", "declaration_name", "document_kind") else h
        for h in (
            "path",
            "line",
            "column",
            "end_line",
            "end_column",
            "declaration",
            "declaration_name",
            "document_kind",
            "grade",
            "code",
            "rule",
            "severity",
            "aspect",
            "pointer",
            "field",
            "message",
            "suggestion",
            "quoted text",
            "fingerprint",
            "reading note",
        )
    ]


@pytest.mark.parametrize(
    "value,expected",
    [
        ("=1+1", "'=1+1"),
        ("+A", "'+A"),
        ("-2", "'-2"),
        ("@SUM", "'@SUM"),
        ("\tx", "'\tx"),
        ("＝1", "'＝1"),
        ("正常", "正常"),
        (5, "5"),
        (None, ""),
    ],
)
def test_csv_safe_cell(value, expected):
    assert csv_report.safe_cell(value) == expected


# -- opinion ---------------------------------------------------------------------------


def test_opinion_lists_problems_most_severe_first_and_the_consequence():
    text = opinion.render(sample_result())
    blocks = text.strip().split("\n\n")
    first = blocks[0].splitlines()
    assert first[0] == "【社区图书室运行维护】（专项资金，2019年度，示例县文化馆，资金总额 120 万元）"
    assert first[1] == "经审核，该绩效目标申报表评定为“差”。需修改的问题如下："
    assert first[2].startswith("1. 产出指标缺少“数量指标”。增加数量指标")
    assert [line.split(".")[0] for line in first[2:7]] == ["1", "2", "3", "4", "5"]
    assert first[7] == "另有 2 条提示性意见，供单位完善时参考。"
    assert first[8].endswith("审核结果为“差”的，不得进入下一步预算安排流程。")
    assert "财预〔2015〕88号" in first[8]
    assert any("退回单位修改后重新报送审核" in b for b in blocks)
    assert any("直接进入下一步预算安排流程" in b for b in blocks)
    assert "【samples/missing.json】文件未能审核" in text


def test_opinion_deduplicates_and_handles_good():
    result = sample_result()
    decl = result.files[2].declarations[1]
    decl.findings = decl.findings + decl.findings
    decl.grade = "良"
    text = opinion.render(result)
    block = next(b for b in text.split("\n\n") if b.startswith("【示例县文化馆】"))
    assert block.count("“预预算科”中“预”重复") == 1
    assert "与单位沟通完善后进入下一步预算安排流程" in block


def test_opinion_english():
    text = opinion.render(sample_result(), {"lang": "en"})
    assert "graded “poor”. The following must be fixed:" in text
    assert "may not enter the next budget step" in text


def test_an_ungraded_declaration_is_said_so():
    result = sample_result()
    result.files[0].declarations[0].grade = ""
    text = terminal.render(result, ReportOptions())
    assert "等级：未评级（96 分）\n" in text
    assert "评定为“未评级”" in opinion.render(result)
    assert "is graded “not graded”" in opinion.render(result, {"lang": "en"})


def test_progress_bar_on_a_tty(monkeypatch):
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setenv("TERM", "xterm-256color")

    class Tty(io.StringIO):
        def isatty(self):
            return True

    stream = Tty()
    with terminal.ProgressHook(stream=stream, threshold=3) as hook:
        hook.start(5)
        for i in range(5):
            hook.advance(f"forms/{i}.txt")
    assert "检查中" in stream.getvalue()
    quiet = Tty()
    with terminal.ProgressHook(stream=quiet, threshold=10) as hook:
        hook.start(5)
        hook.advance("a.txt")
    assert quiet.getvalue() == ""


def test_terminal_marks_a_span_that_runs_over_several_lines():
    result = sample_result()
    alpha = next(f for f in result.files if f.path == ALPHA)
    alpha.findings.append(
        Finding(
            "DATE006", "schedule-granularity", Severity.INFO, ALPHA, {"zh": "进度计划只有一行。"}, span=Span(7, 2, 9, 5)
        )
    )
    lines = terminal.render(result, ReportOptions()).splitlines()
    i = lines.index(f"{ALPHA}:7:2  DATE006  提示  进度计划只有一行。")
    assert lines[i + 2].endswith("^ 续至第 9 行")


def test_github_multi_line_span_has_no_columns():
    f = Finding("DATE006", "schedule-granularity", Severity.INFO, "a.txt", {"zh": "m"}, span=Span(3, 2, 5, 4))
    assert github.command(f, ReportOptions()) == "::notice file=a.txt,line=3,endLine=5,title=DATE006::m"
    g = Finding("X001", "x", Severity.ERROR, "a.txt", {"zh": "m"}, span=Span(3, 2, 3, 3))
    assert github.command(g, ReportOptions()) == "::error file=a.txt,line=3,col=2,endLine=3,endColumn=2,title=X001::m"


def test_failed_plugins_are_reported():
    result = sample_result()
    result.options["plugin_errors"] = [{"group": "perflint.kinds", "name": "broken", "error": "ImportError: <x>"}]
    assert "插件加载失败：broken（perflint.kinds）：ImportError: <x>" in terminal.render(result, ReportOptions())
    doc = json.loads(sarif.render(result))
    jsonschema.Draft7Validator(json.loads(SCHEMA.read_text("utf-8"))).validate(doc)
    note = doc["runs"][0]["invocations"][0]["toolConfigurationNotifications"][0]
    assert note["level"] == "error" and "broken" in note["message"]["text"]
    from perflint.report import html as html_report

    page = html_report.render(result)
    assert "加载失败的插件" in page and "ImportError: &lt;x&gt;" in page


def test_bidi_overrides_and_c1_controls_are_made_visible():
    from perflint.report._common import strip_control

    assert strip_control("甲\u202e乙\u2066丙\x85丁\x9b") == "甲\ufffd乙\ufffd丙\ufffd丁\ufffd"
    assert strip_control("a\tb\nc\rd") == "a\tb\nc\rd"


def test_junit_and_csv_carry_the_grade():
    root = ET.fromstring(junit.render(sample_result()).encode("utf-8"))
    first = root.find("testsuite").findall("testcase")[0]
    assert first.find("system-out").text.splitlines()[0] == "等级：差（52.5 分）— 不得进入下一步预算安排流程"
    rows = list(csv.reader(io.StringIO(csv_report.render(sample_result()).decode("utf-8-sig"))))
    col = rows[0].index("等级")
    assert {r[col] for r in rows[1:]} == {"差", "中", "优", ""}


def test_format_score():
    from perflint.report._common import format_score

    assert [format_score(x) for x in (52.5, 71.0, 100, 87.25, None)] == ["52.5", "71", "100", "87.2", "—"]


def test_opinion_gives_a_repeated_suggestion_once():
    result = sample_result()
    decl = result.files[2].declarations[0]
    tip = {"zh": "改成可验收的目标。", "en": "State a target."}
    decl.findings = [
        Finding(
            "VAL002",
            "not-measurable",
            Severity.WARNING,
            ALPHA,
            {"zh": f"指标值“{v}”无法衡量。"},
            pointer=f"/indicators/{i}/value",
            span=Span(7, 1 + i, 7, 2 + i),
            declaration=0,
            suggestion=tip,
        )
        for i, v in enumerate(("提高效率", "效果明显"))
    ]
    block = opinion.render(result).split("\n\n")[0]
    assert "1. 指标值“提高效率”无法衡量。改成可验收的目标。" in block
    assert "2. 指标值“效果明显”无法衡量。\n" in block
