"""Properties of the reporters over arbitrary declaration text."""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET
from html.parser import HTMLParser

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from rich.cells import cell_len

from perflint.domain.findings import Finding, Severity
from perflint.domain.model import Span
from perflint.domain.result import DeclarationReport, FileReport, RunResult
from perflint.report import csv_report, github, html, junit, sarif, terminal
from perflint.report._common import strip_control

# CJK, ASCII, punctuation that matters to some format, control characters
TEXT = st.lists(
    st.one_of(
        st.sampled_from(list("产出指标满意度　：，。“”")),
        st.sampled_from(list(":,%\r\n\t<>&\"'=+-@`*_[]()#|\\")),
        st.sampled_from(["<b>", "<script>", "</td>", "<img src=x>", "-->", "]]>", "::error::", "\x1b[31m"]),
        st.characters(codec="utf-8", exclude_categories=("Cs",)),
    ),
    max_size=25,
).map("".join)

SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def one(message: str, path: str = "a/表.txt", quote: str | None = None, name: str = "名称") -> RunResult:
    f = Finding(
        "VAL002",
        "not-measurable",
        Severity.WARNING,
        path,
        {"zh": message, "en": message},
        pointer="/indicators/0/value",
        span=Span(1, 1, 1, 2),
        declaration=0,
        declaration_name=name,
        suggestion={"zh": message, "en": message},
        quote=quote,
    )
    decl = DeclarationReport(
        path=path,
        index=0,
        form_type="专项资金",
        name=name,
        unit=message,
        year=2020,
        total=None,
        grade="中",
        score=70.0,
        findings=[f],
    )
    return RunResult(
        files=[FileReport(path=path, declarations=[decl], lines=[message or "x"])],
        version="0.1.0",
        profile="hunan-2019",
    )


@SETTINGS
@given(TEXT, TEXT)
def test_github_one_line_per_finding(message, path):
    out = github.render(one(message, path or "a.txt"))
    assert out.count("\n") == 1 and "\r" not in out
    head = out.split("::", 2)
    assert head[0] == "" and head[1].startswith("warning file=")


@SETTINGS
@given(TEXT)
def test_sarif_is_json_and_keeps_the_message(message):
    doc = json.loads(sarif.render(one(message)))
    text = doc["runs"][0]["results"][0]["message"]["text"]
    assert text.startswith(strip_control(message))
    assert "\x1b" not in text and "\u202e" not in text


@SETTINGS
@given(TEXT, TEXT)
def test_junit_is_well_formed(message, name):
    ET.fromstring(junit.render(one(message, name=name or "x")).encode("utf-8"))


@SETTINGS
@given(TEXT)
def test_csv_round_trips_and_is_injection_safe(message):
    rows = list(csv.reader(io.StringIO(csv_report.render(one(message, quote=message)).decode("utf-8-sig"), newline="")))
    assert len(rows) == 2 and len(rows[1]) == len(csv_report.COLUMNS)
    for cell in rows[1]:
        assert not cell.startswith(("=", "+", "-", "@", "\t", "\r"))


class _Tags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)


@SETTINGS
@given(TEXT)
@example('<script>alert(1)</script><img src="http://x/y.png">')
def test_html_never_gains_markup_from_input(message):
    baseline = _Tags()
    baseline.feed(html.render(one("x", quote="x", name="x")))
    probe = _Tags()
    probe.feed(html.render(one(message, quote=message, name=message or "x")))
    assert probe.tags == baseline.tags


@SETTINGS
@given(
    st.text(alphabet=st.sampled_from(list("ab\t表格　，x\u0301")), max_size=300),
    st.integers(1, 320),
    st.integers(0, 40),
    st.integers(20, 120),
)
def test_excerpt_fits_and_points_inside(line, column, length, width):
    text, start, caret = terminal.excerpt(line, column, column + length, width)
    assert cell_len(text) <= width
    assert caret >= 1
    assert start <= cell_len(text)


@SETTINGS
@given(TEXT)
def test_terminal_never_passes_control_sequences(message):
    from perflint.report._common import ReportOptions

    out = terminal.render(one(message), ReportOptions(width=80))
    assert "\x1b" not in out and "\x07" not in out
