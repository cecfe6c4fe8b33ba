"""The HTML audit report: self-contained, escaped, and it renders in a browser."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from html import escape
from html.parser import HTMLParser
from pathlib import Path

import pytest
from support.paths import GOLDEN
from support.report_sample import INJECTION, sample_result

from perflint.report import html as html_report
from perflint.report._common import ReportOptions

CHROMIUM = next(
    (
        p
        for p in ("/usr/bin/chromium", shutil.which("chromium") or "", shutil.which("chromium-browser") or "")
        if p and Path(p).exists()
    ),
    None,
)
REMOTE = re.compile(r"^\s*(?:[a-z][a-z0-9+.-]*:|//)", re.IGNORECASE)


class Collector(HTMLParser):
    """Tags, URL-bearing attributes, inline style text and visible text of a page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.urls: list[str] = []
        self.styles: list[str] = []
        self.text: list[str] = []
        self.handlers: list[str] = []
        self._in_style = False

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self._in_style = tag == "style"
        for name, value in attrs:
            if name in ("src", "href", "srcset", "action", "data", "poster", "xlink:href", "background"):
                self.urls.append(value or "")
            if name.startswith("on"):
                self.handlers.append(name)
            if name == "style":
                self.styles.append(value or "")

    def handle_endtag(self, tag):
        if tag == "style":
            self._in_style = False

    def handle_data(self, data):
        (self.styles if self._in_style else self.text).append(data)


def collect(page: str) -> Collector:
    c = Collector()
    c.feed(page)
    c.close()
    return c


def assert_offline(page: str) -> Collector:
    c = collect(page)
    assert "script" not in c.tags
    assert not c.handlers
    for tag in ("iframe", "object", "embed", "img", "link", "video", "audio", "base", "form"):
        assert tag not in c.tags, tag
    for url in c.urls:
        assert url.startswith("#") or not REMOTE.match(url), url
    for css in c.styles:
        assert "@import" not in css
        for url in re.findall(r"url\(([^)]*)\)", css):
            assert not REMOTE.match(url.strip("'\" ")) or url.strip("'\" ").startswith("data:"), url
    return c


# -- static checks -------------------------------------------------------------


def test_html_is_self_contained_and_escaped():
    page = html_report.render(sample_result())
    c = assert_offline(page)
    text = "".join(c.text)
    # the declaration's <script> is shown as text
    assert '<script>alert("x")</script>' in text
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in page
    assert escape(INJECTION.split("\n")[0]) in page
    assert "Content-Security-Policy" in page and "default-src &#x27;none&#x27;" in page
    assert '<html lang="zh-CN">' in page
    assert "@page { size: A4" in page and "break-before: page" in page


def test_html_contents():
    page = html_report.render(sample_result())
    text = "".join(collect(page).text)
    for needle in (
        "绩效目标审核报告",
        "总览",
        "等级分布",
        "问题级别分布",
        "按规则统计",
        "规则说明",
        "完整性",
        "相关性",
        "适当性",
        "可行性",
        "审核意见（草稿）",
        "文件级问题",
        "社区图书室运行维护",
        "资金总额",
        "120 万元",
        "不得进入下一步预算安排流程",
        "绩效指标 · 第 1 行 · 指标值",
        "提高服务效率",
        "产出指标缺少必备的二级指标。",
        "数量、质量、时效是产出的基本维度。",
    ):
        assert needle in text, needle
    # the form's field names for the auditor; the JSON pointer only as a tooltip
    assert "/indicators/0/value" not in text and 'title="/indicators/0/value"' in page
    # one section per declaration, each starting a new printed page
    assert page.count('<section class="declaration"') == 3
    # the grade chart is inline SVG with one bar per grade
    svg = page[page.index("<svg") : page.index("</svg>")]
    assert svg.count("<rect") == 4


def test_html_english():
    page = html_report.render(sample_result(), ReportOptions(lang="en"))
    text = "".join(assert_offline(page).text)
    assert '<html lang="en">' in page
    for needle in (
        "Performance-target review report",
        "Overview",
        "Rules used",
        "Review opinion (draft)",
        "may not enter the next budget step",
        "completeness",
    ):
        assert needle in text, needle


def test_quoted_text_falls_back_to_the_source_span():
    result = sample_result()
    alpha = next(f for f in result.files if f.path.endswith("alpha.txt"))
    txt003 = next(f for f in alpha.declarations[0].findings if f.code == "TXT003")
    assert txt003.quote is None
    assert html_report.quoted(txt003, alpha) == "社区图书室运行维护　"


# -- in a real browser -----------------------------------------------------------


def _chromium(args: list[str], tmp: Path) -> subprocess.CompletedProcess:
    profile = tmp / "profile"
    profile.mkdir(exist_ok=True)
    cmd = [
        CHROMIUM,
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-extensions",
        f"--user-data-dir={profile}",
        "--enable-logging=stderr",
        "--v=0",
        *args,
    ]
    return subprocess.run(cmd, check=False, capture_output=True, text=True, timeout=120)


def page_requests(netlog: Path) -> list[str]:
    """URLs the page itself asked the network for (browser housekeeping excluded)."""
    data = json.loads(netlog.read_text("utf-8"))
    names = {v: k for k, v in data["constants"]["logEventTypes"].items()}
    out = []
    for ev in data["events"]:
        params = ev.get("params") or {}
        if names.get(ev["type"]) != "URL_REQUEST_START_JOB":
            continue
        url = params.get("url") or ""
        if params.get("initiator") == "not an origin":  # the browser's own updater/account pings
            continue
        if url and not url.startswith(("file:", "data:", "about:", "chrome:")):
            out.append(url)
    return sorted(out)


def _console_problems(stderr: str) -> list[str]:
    return [
        line for line in stderr.splitlines() if re.search(r"CONSOLE|Uncaught|Refused to|Content Security Policy", line)
    ]


@pytest.mark.slow  # subprocesses or a browser: the slow suite (CI runs it)
@pytest.mark.browser
@pytest.mark.skipif(CHROMIUM is None, reason="headless Chromium not installed")
def test_examples_report_renders_in_chromium(tmp_path):
    """The golden report of the bundled examples (real engine output) renders offline too."""
    page = tmp_path / "examples.html"
    page.write_bytes((GOLDEN / "examples.html").read_bytes())
    netlog = tmp_path / "net.json"
    run = _chromium([f"--log-net-log={netlog}", "--dump-dom", page.as_uri()], tmp_path)
    assert run.returncode == 0, run.stderr[-2000:]
    assert_offline(run.stdout)
    assert page_requests(netlog) == []
    assert _console_problems(run.stderr) == []
    assert run.stdout.count('<section class="declaration"') >= 3


@pytest.mark.slow  # subprocesses or a browser: the slow suite (CI runs it)
@pytest.mark.browser
@pytest.mark.skipif(CHROMIUM is None, reason="headless Chromium not installed")
def test_html_renders_in_chromium_without_errors_or_requests(tmp_path):
    page = tmp_path / "report.html"
    page.write_text(html_report.render(sample_result()), "utf-8")
    netlog = tmp_path / "net.json"
    run = _chromium([f"--log-net-log={netlog}", "--dump-dom", page.as_uri()], tmp_path)
    assert run.returncode == 0, run.stderr[-2000:]
    dom = run.stdout
    c = assert_offline(dom)
    assert '<script>alert("x")</script>' in "".join(c.text)
    assert "社区图书室运行维护" in dom
    assert page_requests(netlog) == []
    assert _console_problems(run.stderr) == []
    shot = tmp_path / "report.png"
    run = _chromium([f"--screenshot={shot}", "--window-size=1240,1754", "--hide-scrollbars", page.as_uri()], tmp_path)
    assert run.returncode == 0, run.stderr[-2000:]
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


@pytest.mark.slow  # subprocesses or a browser: the slow suite (CI runs it)
@pytest.mark.browser
@pytest.mark.skipif(CHROMIUM is None, reason="headless Chromium not installed")
def test_request_detection_catches_a_page_that_loads_something(tmp_path):
    """The network check above can fail: a page with a remote image is caught."""
    page = tmp_path / "bad.html"
    page.write_text('<!DOCTYPE html><p>x</p><img src="http://127.0.0.1:9/x.png">', "utf-8")
    netlog = tmp_path / "net.json"
    run = _chromium([f"--log-net-log={netlog}", "--dump-dom", page.as_uri()], tmp_path)
    assert run.returncode == 0
    assert page_requests(netlog) == ["http://127.0.0.1:9/x.png"]
    with pytest.raises(AssertionError):
        assert_offline(page.read_text("utf-8"))


def test_quoted_text_over_several_lines_drops_layout_whitespace():
    from perflint.domain.findings import Finding, Severity
    from perflint.domain.model import Span
    from perflint.domain.result import FileReport

    file = FileReport(path="a.txt", lines=["\t实施内容", "\t　购书", "", "\t2023.1　", "\t2023.3"])
    f = Finding("DATE006", "x", Severity.INFO, "a.txt", {"zh": "m"}, span=Span(2, 2, 5, 8))
    assert html_report.quoted(f, file) == "购书\n2023.1\n2023.3"


def test_long_quotes_are_cut_with_their_length():
    from perflint.domain.findings import Finding, Severity
    from perflint.domain.model import Span
    from perflint.domain.result import DeclarationReport, FileReport, RunResult

    text = "网站合格达标。" * 60
    f = Finding(
        "IND006",
        "content-is-paragraph",
        Severity.WARNING,
        "a.txt",
        {"zh": "太长"},
        span=Span(1, 1, 1, len(text) + 1),
        declaration=0,
    )
    decl = DeclarationReport("a.txt", 0, "专项资金", "示例", None, 2020, None, "中", 70.0, findings=[f])
    page = html_report.render(RunResult(files=[FileReport("a.txt", declarations=[decl], lines=[text])]))
    assert text[: html_report.QUOTE_MAX] + "…（共 420 字）" in page
    assert text not in page


def test_quotes_of_whole_blocks_are_cut_shorter():
    from perflint.domain.findings import Finding, Severity
    from perflint.domain.model import Span
    from perflint.domain.result import DeclarationReport, FileReport, RunResult

    lines = ["\t产出指标", "\t" + "网站合格达标。" * 30, "\t满意度指标"]
    f = Finding(
        "IND011",
        "min-measurable",
        Severity.WARNING,
        "a.txt",
        {"zh": "可衡量的指标太少"},
        pointer="/indicators",
        span=Span(1, 2, 3, 7),
        declaration=0,
    )
    decl = DeclarationReport("a.txt", 0, "专项资金", "示例", None, 2020, None, "中", 70.0, findings=[f])
    page = html_report.render(RunResult(files=[FileReport("a.txt", declarations=[decl], lines=lines)]))
    whole = html_report.quoted(f, FileReport("a.txt", lines=lines))
    assert whole[: html_report.QUOTE_MAX_BLOCK] + f"…（共 {len(whole)} 字）" in page


@pytest.mark.slow  # subprocesses or a browser: the slow suite (CI runs it)
@pytest.mark.browser
@pytest.mark.skipif(CHROMIUM is None, reason="headless Chromium not installed")
def test_html_prints_on_a4_with_a_page_per_declaration(tmp_path):
    from perflint.domain.result import DeclarationReport, FileReport, RunResult

    n = 10  # small declarations: without page breaks several would share a page
    decls = [
        DeclarationReport("a.txt", i, "专项资金", f"示例专项{i}", "示例单位", 2020, "10 万元", "优", 95.0)
        for i in range(n)
    ]
    page = tmp_path / "report.html"
    page.write_text(html_report.render(RunResult(files=[FileReport("a.txt", declarations=decls)])), "utf-8")
    pdf = tmp_path / "report.pdf"
    run = _chromium(["--no-pdf-header-footer", f"--print-to-pdf={pdf}", page.as_uri()], tmp_path)
    assert run.returncode == 0, run.stderr[-2000:]
    data = pdf.read_bytes()
    boxes = {tuple(round(float(x)) for x in box.split()) for box in re.findall(rb"/MediaBox\s*\[\s*([^\]]*)\]", data)}
    assert boxes == {(0, 0, 595, 842)}  # A4 in points
    # the overview, then one page for each declaration
    assert len(re.findall(rb"/Type\s*/Page\b", data)) >= 1 + n


class _Balance(HTMLParser):
    VOID = frozenset({"meta", "br", "col", "img", "hr", "link", "input", "rect", "line"})

    def __init__(self):
        super().__init__()
        self.stack: list[str] = []
        self.errors: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag, attrs):
        pass

    def handle_endtag(self, tag):
        if tag in self.VOID:
            return
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"</{tag}> closes <{self.stack[-1] if self.stack else '-'}>")
        else:
            self.stack.pop()


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_html_markup_is_balanced(lang):
    checker = _Balance()
    checker.feed(html_report.render(sample_result(), ReportOptions(lang=lang)))
    assert checker.errors == [] and checker.stack == []
