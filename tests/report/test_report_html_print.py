"""The HTML report as an auditor gets it: Chinese field names and rule titles, a compact
A4 print layout (the seed's three forms on at most 8 pages with every finding and the
three draft opinions), and a note on the fonts it needs."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

SEED = Path(__file__).resolve().parents[1] / "data" / "seed" / "wangcheng-2019.txt"
CHROMIUM = next((p for p in ("/usr/bin/chromium", "/usr/bin/chromium-browser") if Path(p).exists()), None)


@pytest.fixture(scope="module")
def seed_report(tmp_path_factory) -> tuple[str, dict]:
    """The seed's report as a reviewer makes it: `perflint check --format html`, and its JSON."""
    tmp = tmp_path_factory.mktemp("print")
    env = {**os.environ, "PERFLINT_TODAY": "2019-01-15"}
    base = [sys.executable, "-m", "perflint", "check", "--no-cache", "--exit-zero", str(SEED)]
    subprocess.run([*base, "--format", "html", "-o", str(tmp / "r.html")], check=True, env=env, timeout=120)
    import json

    out = subprocess.run([*base, "--format", "json"], check=True, env=env, capture_output=True, timeout=120)
    return (tmp / "r.html").read_text("utf-8"), json.loads(out.stdout)


def _visible(html: str) -> str:
    body = html.split("<body>", 1)[1]
    return re.sub(r"<[^>]+>", " ", body)


def test_fields_and_rules_in_chinese_for_auditors(seed_report):
    html, report = seed_report
    text = _visible(html)
    # no JSON pointer in the text (only as a tooltip), the form's own field names instead
    assert not re.search(r"(?<![\w/])/(indicators|money|goals|reviews|schedule)/", text)
    assert 'title="/indicators/1/value"' in html
    assert "绩效指标 · 第 2 行 · 指标值" in text
    # every finding's rule with its Chinese title next to the code, not only the English slug
    assert "VAL002" in text and "指标值没有数字" in text and "SAT004" in text and "满意度指标内容须写明调查对象" in text
    # every finding and every draft opinion is in the report
    for finding in report["findings"]:
        assert finding["message"].split("“")[0][:12] in text, finding["code"]
    assert text.count("审核意见（草稿）") == 3


def test_print_stylesheet_for_a4(seed_report):
    html, _ = seed_report
    css = html.split("<style>", 1)[1].split("</style>", 1)[0]
    assert "@page { size: A4;" in css and "@media print" in css
    assert "nav { break-after: page" not in css  # no page for the table of contents alone
    # the year and the funds never wrap ("201 / 9")
    assert re.search(r'<td class="nowrap">2019</td><td class="nowrap">556 万元</td>', html)
    # the fonts it needs, readable in English when the Chinese fonts are missing
    assert "Noto Sans CJK" in css and "WenQuanYi" in css
    assert "Needs a Chinese font" in html and "fonts-noto-cjk" in html


def _pages(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page(?![a-z])", pdf))


@pytest.mark.slow  # subprocesses or a browser: the slow suite (CI runs it)
@pytest.mark.browser
@pytest.mark.skipif(CHROMIUM is None, reason="headless Chromium not installed")
def test_seed_prints_on_at_most_8_a4_pages(seed_report, tmp_path):
    html, _ = seed_report
    page = tmp_path / "r.html"
    page.write_text(html, "utf-8")
    pdf = tmp_path / "r.pdf"
    profile = tmp_path / "profile"
    run = subprocess.run(
        [
            CHROMIUM,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            f"--user-data-dir={profile}",
            "--no-pdf-header-footer",
            f"--print-to-pdf={pdf}",
            page.as_uri(),
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 0 and pdf.exists(), run.stderr[-2000:]
    pages = _pages(pdf.read_bytes())
    assert 3 <= pages <= 8, f"{pages} A4 pages"
    pdfplumber = pytest.importorskip("pdfplumber")
    with pdfplumber.open(pdf) as doc:
        texts = [p.extract_text() or "" for p in doc.pages]
        width_mm = doc.pages[0].width / 72 * 25.4
    assert abs(width_mm - 210) < 1  # A4
    whole = "".join(texts).replace("\n", "")
    assert whole.count("审核意见（草稿）") == 3
    # the contents share the first page with the overview
    assert "目录" in texts[0] and "总览" in texts[0]
