#!/usr/bin/env python3
"""Three promises of issue 11 that precision and recall do not measure, counted over a folder of forms.

perflint is run as a user runs it (``perflint check``, every output format, in Chinese
and in English) on every form of the folders given, and three things are counted:

1. **graded without the table** — declarations that got a grade (优/良/中/差) although
   their reading record says the indicator table was not read with confidence: its
   state is ``partial`` or ``unread``, or fewer than half of its rows were read
   reliably (``unreliable_rows``).  Every format must agree with the JSON report:
   a declaration shown graded in one and not graded in another is counted too.
2. **page chrome** — findings (message, quote and suggestion, in both languages)
   and lines of the draft review opinion (both languages) that carry web-page chrome:
   索引号 / 发布机构 / 发布时间 blocks, 来源:, 扫一扫, [打印] [关闭], 第N页/共N页,
   字体大小, 分享到, 浏览次数, site navigation, attachment links (``….docx``), a bare
   clock time or ``附件:`` quoted as the form's content …  The patterns are this
   script's own, not the reader's, so that chrome the reader misses is still counted.
3. **SRC001 beyond one per declaration** — declarations with more than one
   ``SRC001`` (unrecognised content) finding, and any format whose count of SRC001
   findings differs from the JSON report's.

    python benchmarks/trust_audit.py tests/data/real /work/shared/corpus
    python benchmarks/trust_audit.py tests/data/real -v        # list every case
    python benchmarks/trust_audit.py tests/data/real --json    # the figures as JSON

Forms are the ``*.txt`` files of each folder (``--glob`` for others).  The hold-out sets
named in ``benchmarks/accuracy-floor.json`` (``holdout``) are left out unless
``--include-holdout`` is given: nobody developing perflint runs it on them.
Exit status 0 when all three counts are zero, 1 otherwise.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import re
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
TODAY = "2026-12-04"

#: web-page chrome anywhere in a text (NFKC not needed: the pages write these in full width or ASCII)
CHROME = re.compile(
    r"索引号|发布机构|发文机关|发文时间|发文日期|发布时间|发布日期|成文日期|生成日期|信息来源|来源\s*[:：]|"
    r"主题分类|公开方式|公开范围|浏览次数|点击数|阅读次数|访问量|"
    r"字体\s*[:：]?\s*[【\[]?\s*[大中小]|【\s*[大中小]\s*[中小]|分享到|扫一扫|手机打开|"
    r"打印本页|[【\[]\s*打印|打印\s*[】\]]|[【\[]\s*关闭|关闭窗口|[【\[]\s*下载|下载附件|附件下载|"
    r"第\s*\d+\s*页\s*[/／,，]?\s*共\s*\d+\s*页|_第\s*\d+\s*页|全文预览|预览已结束|"
    r"责任编辑|上一篇|下一篇|相关链接|相关文章|相关阅读|网站地图|当前位置|您当前的位置|首页\s*[>›»]|"
    r"ICP备|公网安备|网站标识码|版权所有|Copyright|©|联系我们|返回顶部|网站纠错|主办.{0,30}承办|"
    r"[^\s“”\"'「」]+\.(?:docx?|xlsx?|pdf|wps|zip|rar)\b|https?://|www\.",
    re.IGNORECASE,
)
#: a quoted piece that is chrome by itself: a bare clock time or date-time, an attachment marker
QUOTED_CHROME = re.compile(
    r"^(?:\d{1,2}:\d{2}(?::\d{2})?|\d{4}[-/.]\d{1,2}[-/.]\d{1,2}(?:\s*\d{1,2}:\d{2}(?::\d{2})?)?|附件\s*\d*\s*[:：]?)$"
)
#: quoted pieces in a message or an opinion line
QUOTED = re.compile(r"“([^”]*)”|「([^」]*)」")
#: a finding line of the text report
TEXT_FINDING = re.compile(r"^\S.*?(?::\d+:\d+)?\s{2}([A-Z]+\d{3})\s{2}")
FORMATS = ("json", "text", "html", "opinion", "sarif", "csv", "jsonl", "junit")


def chrome_in(text: str | None) -> list[str]:
    """The chrome in ``text``: patterns anywhere, and quoted pieces that are chrome by themselves."""
    if not text:
        return []
    found = [m.group(0) for m in CHROME.finditer(text)]
    for m in QUOTED.finditer(text):
        piece = (m.group(1) if m.group(1) is not None else m.group(2) or "").strip()
        if QUOTED_CHROME.match(piece):
            found.append(piece)
    whole = text.strip()
    if QUOTED_CHROME.match(whole):
        found.append(whole)
    return found


def holdout_prefixes() -> tuple[str, ...]:
    try:
        data = json.loads((ROOT / "benchmarks" / "accuracy-floor.json").read_text("utf-8"))
    except (OSError, ValueError):
        return ()
    return tuple(str(p) for p in data.get("holdout", []))


def forms(paths: list[Path], pattern: str, include_holdout: bool) -> list[Path]:
    skip = () if include_holdout else holdout_prefixes()
    out: list[Path] = []
    for p in paths:
        found = sorted(p.glob(pattern)) if p.is_dir() else [p]
        out += [f for f in found if f.is_file() and not (skip and f.name.startswith(skip))]
    return out


def run(files: list[Path], lang: str, folder: Path) -> dict[str, str]:
    """Every format of one ``perflint check`` run over ``files``, by format name."""
    out = {fmt: folder / f"{lang}.{fmt}" for fmt in FORMATS}
    cmd = [sys.executable, "-m", "perflint", "check", "--exit-zero", "--no-cache", "--today", TODAY]
    cmd += ["--lang", lang, "--format", "json", "-o", str(out["json"])]
    for fmt in FORMATS[1:]:
        cmd += ["--report", f"{fmt}:{out[fmt]}"]
    done = subprocess.run(cmd + [str(f) for f in files], capture_output=True, text=True, cwd=ROOT)
    if done.returncode not in (0, 1) or not out["json"].exists():
        sys.exit(f"perflint check failed ({done.returncode}): {done.stderr.strip()[-2000:]}")
    return {fmt: path.read_text("utf-8") for fmt, path in out.items()}


def not_read_in_full(decl: dict[str, Any]) -> str | None:
    """Why the declaration's indicator table was not read with confidence, or None."""
    reading = decl.get("reading")
    if not reading:
        return None
    state = (reading.get("sections") or {}).get("indicators", "read")
    if state in ("partial", "unread"):
        return f"indicators {state}"
    rows = int(reading.get("indicator_rows") or 0)
    unreliable = len(set(reading.get("unreliable_rows") or []))
    if rows and 2 * unreliable > rows:
        return f"{unreliable} of {rows} rows not read reliably"
    return None


def audit(outputs: dict[str, dict[str, str]]) -> dict[str, Any]:
    zh = json.loads(outputs["zh"]["json"])
    decls = zh["declarations"]
    cases: dict[str, list[str]] = {"graded": [], "chrome": [], "src001": []}

    def where(d: dict[str, Any]) -> str:
        return f"{d['path']} #{d['index'] + 1} {d.get('display_name') or ''}".strip()

    # 1. graded without the table, and the formats agreeing on who is graded
    graded = [d for d in decls if d.get("grade")]
    for d in graded:
        why = not_read_in_full(d)
        if why:
            cases["graded"].append(f"{where(d)}: graded {d['grade']} {d.get('score')} with {why}")
    n_graded, n_ungraded = len(graded), len(decls) - len(graded)
    for lang, words in (("zh", ("等级：未评级", "等级：")), ("en", ("Grade: not graded", "Grade: "))):
        for fmt in ("text", "junit"):
            text = outputs[lang][fmt]
            shown_ungraded = text.count(words[0])
            shown_graded = text.count(words[1]) - shown_ungraded
            if (shown_graded, shown_ungraded) != (n_graded, n_ungraded):
                cases["graded"].append(
                    f"{fmt} ({lang}) shows {shown_graded} graded / {shown_ungraded} not graded;"
                    f" the JSON report {n_graded} / {n_ungraded}"
                )
        opinion_ungraded = outputs[lang]["opinion"].count("未评级：" if lang == "zh" else "Not graded: ")
        if opinion_ungraded != n_ungraded:
            cases["graded"].append(f"opinion ({lang}) says not graded {opinion_ungraded} times, JSON {n_ungraded}")
    rows = list(csv.DictReader(io.StringIO(outputs["zh"]["csv"].lstrip("\ufeff"))))
    by_decl = {(r["文件"], r["申报表序号"]): r["等级"] for r in rows if r.get("申报表序号")}
    for d in decls:
        shown = by_decl.get((d["path"], str(d["index"] + 1)))
        if shown is not None and (shown in ("优", "良", "中", "差")) != bool(d.get("grade")):
            cases["graded"].append(f"csv shows {shown} for {where(d)}, JSON grade {d.get('grade')!r}")

    # 2. page chrome in findings (both languages) and in the opinion (both languages)
    for f in zh["findings"]:
        texts = [f.get(k) for k in ("message_zh", "message_en", "quote", "suggestion_zh", "suggestion_en")]
        hits = [h for t in texts for h in chrome_in(t)]
        if hits:
            line = f":{f['line']}" if f.get("line") else ""
            cases["chrome"].append(f"{f['path']}{line} {f['code']}: {' / '.join(dict.fromkeys(hits))} — {f['message']}")
    for lang in ("zh", "en"):
        for i, line in enumerate(outputs[lang]["opinion"].splitlines(), 1):
            hits = chrome_in(line)
            if hits:
                cases["chrome"].append(f"opinion ({lang}) line {i}: {' / '.join(dict.fromkeys(hits))} — {line[:160]}")

    # 3. SRC001 per declaration, and every format giving as many as the JSON report
    per_decl = Counter((f["path"], f["declaration"]) for f in zh["findings"] if f["code"] == "SRC001")
    for (path, index), n in sorted(per_decl.items(), key=str):
        if n > 1 or index is None:
            cases["src001"].append(f"{path} declaration {index}: {n} SRC001")
    total = sum(per_decl.values())
    shown = {
        "text": sum(
            1 for line in outputs["zh"]["text"].splitlines() if TEXT_FINDING.match(line) and "  SRC001  " in line
        ),
        "jsonl": sum(1 for line in outputs["zh"]["jsonl"].splitlines() if '"code":"SRC001"' in line.replace(" ", "")),
        "csv": sum(1 for r in rows if r.get("规则代码") == "SRC001"),
        "sarif": sum(1 for r in json.loads(outputs["zh"]["sarif"])["runs"][0]["results"] if r["ruleId"] == "SRC001"),
        "html": outputs["zh"]["html"].count('<a href="#rule-SRC001">SRC001</a><br>'),
        "junit": outputs["zh"]["junit"].count("SRC001") - outputs["zh"]["junit"].count('type="SRC001"'),
    }
    for fmt, n in shown.items():
        if n != total:
            cases["src001"].append(f"{fmt} shows {n} SRC001 findings, the JSON report {total}")
    return {
        "forms": len(zh["files"]),
        "declarations": len(decls),
        "graded": n_graded,
        "graded without the indicator table": len(cases["graded"]),
        "page chrome in findings or opinion": len(cases["chrome"]),
        "declarations with more than one SRC001": len(cases["src001"]),
        "cases": cases,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("paths", nargs="*", type=Path, default=[ROOT / "tests" / "data" / "real"])
    parser.add_argument("--glob", default="*.txt", help="which files of a folder are forms (default *.txt)")
    parser.add_argument("--include-holdout", action="store_true", help="also the hold-out sets (for the judge)")
    parser.add_argument("-v", "--verbose", action="store_true", help="list every case")
    parser.add_argument("--json", action="store_true", help="the figures (and cases) as JSON")
    args = parser.parse_args(argv)
    files = forms(args.paths, args.glob, args.include_holdout)
    if not files:
        print("no forms found", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="trust-audit-") as tmp:
        outputs = {lang: run(files, lang, Path(tmp)) for lang in ("zh", "en")}
    figures = audit(outputs)
    if args.json:
        print(
            json.dumps(
                figures if args.verbose else {k: v for k, v in figures.items() if k != "cases"},
                ensure_ascii=False,
                indent=2,
            )
        )
    else:
        print(f"{figures['forms']} forms, {figures['declarations']} declarations, {figures['graded']} graded")
        for key, name in (
            ("graded without the indicator table", "graded"),
            ("page chrome in findings or opinion", "chrome"),
            ("declarations with more than one SRC001", "src001"),
        ):
            print(f"{key}: {figures[key]}")
            if args.verbose:
                for case in figures["cases"][name]:
                    print(f"  {case}")
    counts = (figures[k] for k in figures if k.startswith(("graded without", "page chrome", "declarations with")))
    return 1 if any(counts) else 0


if __name__ == "__main__":
    sys.exit(main())
