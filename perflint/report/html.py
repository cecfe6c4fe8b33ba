"""The HTML audit report: one self-contained, printable file.

Inline CSS and inline SVG only: no script, no external font, stylesheet or
image, and a Content-Security-Policy that forbids loading anything, so the
file opens offline and makes no network request.  Every piece of text that
comes from a declaration goes through :func:`html.escape`; ``<script>`` in a
form is shown as text, never run.  Chinese interface by default (English with
``lang = "en"``), A4 print layout with a page break before each declaration.

Contents: overview (files, declarations, findings by severity and by rule,
grade distribution as an SVG bar chart); one section per declaration (name,
unit, year, total funds, grade, the four review aspects with counts, the
findings table, the draft review opinion); file-level findings; a glossary
of the rules used.

Not streamed: an audit report for people is read as a whole, opens with the
run's totals and is as long as the run, so ``perflint check --format html``
collects the reports and renders them at the end (its memory grows with the
run; use ``json``, ``jsonl``, ``sarif`` or ``csv`` for very large runs).
"""

from __future__ import annotations

from html import escape

from perflint.domain.findings import Finding, Severity
from perflint.domain.result import DeclarationReport, FileReport, RunResult
from perflint.i18n import t
from perflint.report import opinion as opinion_mod
from perflint.report._common import (
    GRADES,
    SEVERITIES,
    ReportOptions,
    aspect_counts,
    aspect_label,
    coerce_options,
    consequence,
    decl_findings,
    file_findings,
    form_label,
    format_score,
    grade_counts,
    grade_label,
    plugin_errors,
    pointer_label,
    rel_path,
    rule_counts,
    rule_summary,
    rule_title,
    rule_why,
    rules_used,
    severity_label,
    sorted_declarations,
    sorted_files,
    strip_control,
    ungraded_reason,
)

CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'"
QUOTE_MAX = 40  # characters of a quote shown in the findings table (the form has the rest)
QUOTE_MAX_BLOCK = 30  # … of text taken from a span over several lines (a whole table, say)
#: read when the Chinese fonts are missing (then every Chinese character is a box)
FONT_NOTE = (
    "Needs a Chinese font: PingFang SC, Microsoft YaHei, Source Han Sans / Noto Sans CJK SC or WenQuanYi. "
    "If characters show as boxes, install one (Debian/Ubuntu: apt install fonts-noto-cjk)."
)
GRADE_COLORS = {"优": "#2e7d32", "良": "#558b2f", "中": "#ef6c00", "差": "#c62828"}

CSS = """
:root { --err: #c62828; --warn: #b26a00; --info: #1565c0; --line: #d0d4da; --muted: #5f6670; --bg: #f6f7f9; }
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body { margin: 0 auto; max-width: 210mm; padding: 12mm 12mm 20mm; color: #1d2125; background: #fff;
  font: 10.5pt/1.6 "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC",
  "Source Han Sans SC", "WenQuanYi Micro Hei", system-ui, sans-serif; }
h1 { font-size: 20pt; margin: 0 0 2mm; }
h2 { font-size: 14pt; margin: 8mm 0 3mm; padding-bottom: 1mm; border-bottom: 2px solid #1d2125; }
h3 { font-size: 11.5pt; margin: 5mm 0 2mm; }
p { margin: 1.5mm 0; }
.meta { color: var(--muted); margin: 0 0 4mm; }
.meta span + span::before { content: " · "; }
.cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(23mm, 1fr)); gap: 2.5mm; margin: 3mm 0; }
.card { border: 1px solid var(--line); border-radius: 2mm; padding: 2mm 3mm; background: var(--bg); }
.card b { display: block; font-size: 16pt; line-height: 1.2; }
.card small { color: var(--muted); }
table { width: 100%; border-collapse: collapse; margin: 2mm 0 4mm; }
th, td { border: 1px solid var(--line); padding: 1.2mm 2mm; text-align: left; vertical-align: top;
  overflow-wrap: anywhere; }
th { background: var(--bg); font-weight: 600; white-space: nowrap; }
td.num, th.num { text-align: right; white-space: nowrap; }
table.narrow { width: auto; min-width: 60mm; }
table.findings { table-layout: fixed; font-size: 9.5pt; }
table.findings code { font-size: 8pt; }
tr { break-inside: avoid; page-break-inside: avoid; }
thead { display: table-header-group; }
code { font-family: "SFMono-Regular", Consolas, "Liberation Mono", monospace; font-size: 8.5pt;
  color: var(--muted); overflow-wrap: anywhere; }
.sev { font-weight: 600; white-space: nowrap; }
.sev-error { color: var(--err); }
.sev-warning { color: var(--warn); }
.sev-info { color: var(--info); }
.quote { white-space: pre-wrap; background: #fff8e1; display: block; margin-top: 0.5mm; }
.quote:empty { display: none; }
.grade { display: inline-block; min-width: 9mm; text-align: center; color: #fff; font-weight: 700;
  border-radius: 1.5mm; padding: 0 2mm; }
.grade-优 { background: #2e7d32; } .grade-良 { background: #558b2f; }
.grade-中 { background: #ef6c00; } .grade-差 { background: #c62828; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 1mm 4mm; margin: 2mm 0 3mm; }
dl.facts dt { color: var(--muted); }
dl.facts dd { margin: 0; }
.opinion { border: 1px solid var(--line); border-left: 4px solid #1d2125; background: var(--bg);
  padding: 2mm 4mm; margin: 2mm 0 4mm; }
.opinion p { margin: 1mm 0; }
.opinion ol { margin: 1mm 0; padding-left: 7mm; }
.chart { display: block; max-width: 120mm; height: auto; }
nav a, a { color: inherit; }
.muted { color: var(--muted); }
footer { margin-top: 10mm; color: var(--muted); font-size: 9pt; border-top: 1px solid var(--line); padding-top: 2mm; }
section.declaration { break-before: page; page-break-before: always; }
.nowrap { white-space: nowrap; }
.advice { color: var(--muted); display: block; }
.advice:empty { display: none; }
footer .fonts { font-size: 8pt; }
@page { size: A4; margin: 10mm 9mm 11mm; }
@media print {
  /* compact A4: an auditor's printout, several findings to a page */
  body { max-width: none; padding: 0; font-size: 8.5pt; line-height: 1.3; }
  .glance { display: flex; gap: 6mm; align-items: flex-start; }
  .glance > * { flex: 0 0 auto; }
  h1 { font-size: 15pt; }
  h2 { font-size: 11.5pt; margin: 3mm 0 1.5mm; }
  h3 { font-size: 9.5pt; margin: 2.5mm 0 1mm; }
  h2, h3 { break-after: avoid; page-break-after: avoid; }
  .meta { margin-bottom: 2mm; }
  .cards { grid-template-columns: repeat(7, 1fr); gap: 1.5mm; margin: 1.5mm 0; }
  .card { padding: 1mm 2mm; }
  .card b { font-size: 12pt; }
  .chart { max-width: 55mm; }
  th, td { padding: 0.6mm 1.2mm; }
  table { margin: 1mm 0 2mm; }
  table.findings { font-size: 8pt; line-height: 1.25; }
  table.findings small { font-size: 7pt; }
  dl.facts { grid-template-columns: max-content 1fr; gap: 0.3mm 3mm; margin: 1mm 0 2mm; }
  .glance > dl.facts { flex: 1 1 auto; }
  table.aspects { font-size: 8pt; }
  .opinion { padding: 1mm 3mm; margin: 1mm 0 2mm; font-size: 8pt; line-height: 1.3; }
  .opinion ol { padding-left: 5mm; }
  .cards { break-inside: avoid; }
  .opinion li, .opinion p { break-inside: avoid; }
  /* the glossary as running text in two columns: code, title, severity, basis */
  #glossary table { font-size: 7.5pt; margin: 0; }
  #glossary thead, #glossary .summary { display: none; }
  #glossary tbody { display: block; columns: 2; column-gap: 5mm; }
  #glossary tr { display: block; break-inside: avoid; margin: 0 0 1mm; }
  #glossary td { display: inline; border: 0; padding: 0 1mm 0 0; }
  #glossary td br, #glossary td small.muted { display: none; }
  #glossary td:first-child { font-weight: 700; }
  table.byrule { font-size: 8pt; }
  table.byrule thead { display: none; }
  table.byrule tbody { display: grid; grid-template-columns: auto 1fr auto auto auto 1fr auto auto; }
  table.byrule tr { display: contents; }
  #glossary td.why code { display: none; }
  footer { margin-top: 3mm; padding-top: 1mm; font-size: 7pt; }
  footer p { margin: 0.5mm 0; }
  a { text-decoration: none; }
}
"""


def e(text: object) -> str:
    """Escape anything for HTML text or attribute context."""
    return escape(strip_control("" if text is None else str(text)), quote=True)


def _sev(severity: Severity, lang: str) -> str:
    return f'<span class="sev sev-{severity.value}">{e(severity_label(severity, lang))}</span>'


def _grade(grade: str, lang: str) -> str:
    cls = f" grade-{grade}" if grade in GRADES else ""
    return f'<span class="grade{cls}">{e(grade_label(grade, lang))}</span>'


def _anchor(decl: DeclarationReport, order: int) -> str:
    return f"decl-{order}"


def quoted(f: Finding, file: FileReport | None) -> str:
    """The text a finding is about: its quote, else the span's text in the source."""
    if f.quote:
        return f.quote
    if f.span is None or file is None or not file.lines:
        return ""
    s = f.span
    if s.line < 1 or s.end_line > len(file.lines) or s.end_line < s.line:
        return ""
    if s.line == s.end_line:
        return file.lines[s.line - 1][s.column - 1 : s.end_column - 1]
    parts = [file.lines[s.line - 1][s.column - 1 :]]
    parts += file.lines[s.line : s.end_line - 1]
    parts.append(file.lines[s.end_line - 1][: s.end_column - 1])
    # a span over several table rows: drop the layout's indentation and blank lines
    return "\n".join(part.strip() for part in parts if part.strip())


# -- pieces --------------------------------------------------------------------


def grade_chart(counts: dict[str, int], lang: str) -> str:
    """An inline SVG bar chart of declarations per grade."""
    width, height, top, bottom, left = 360, 170, 18, 28, 10
    slot = (width - 2 * left) / len(GRADES)
    peak = max(max(counts.values(), default=0), 1)
    label = t("html.chart_label", lang)
    out = [
        (
            f'<svg class="chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
            f'width="{width}" height="{height}" role="img" aria-label="{e(label)}">'
        ),
        f"<title>{e(label)}</title>",
        (
            f'<line x1="{left}" y1="{height - bottom}" x2="{width - left}" y2="{height - bottom}" '
            f'stroke="#8a9099" stroke-width="1"/>'
        ),
    ]
    usable = height - top - bottom
    for i, grade in enumerate(GRADES):
        n = counts.get(grade, 0)
        bar_h = round(usable * n / peak, 1)
        x = round(left + i * slot + slot * 0.2, 1)
        w = round(slot * 0.6, 1)
        y = round(height - bottom - bar_h, 1)
        cx = round(left + i * slot + slot / 2, 1)
        out.append(
            f'<rect x="{x}" y="{y}" width="{w}" height="{bar_h}" fill="{GRADE_COLORS[grade]}">'
            f"<title>{e(grade_label(grade, lang))}: {n}</title></rect>"
        )
        out.append(
            f'<text x="{cx}" y="{round(y - 4, 1)}" text-anchor="middle" font-size="12" fill="#1d2125">{n}</text>'
        )
        out.append(
            f'<text x="{cx}" y="{height - bottom + 17}" text-anchor="middle" font-size="13" '
            f'fill="#1d2125">{e(grade_label(grade, lang))}</text>'
        )
    out.append("</svg>")
    return "\n".join(out)


def _overview(result: RunResult, options: ReportOptions) -> str:
    lang = options.lang
    counts = result.counts()
    cards = [
        (len(result.files), t("html.card.files", lang)),
        (len(result.declarations), t("word.declarations", lang)),
        (counts["error"], severity_label(Severity.ERROR, lang)),
        (counts["warning"], severity_label(Severity.WARNING, lang)),
        (counts["info"], severity_label(Severity.INFO, lang)),
        (result.unreadable_files, t("html.card.unreadable", lang)),
        (result.suppressed, t("html.card.suppressed", lang)),
    ]
    out = [f'<section id="overview"><h2>{e(t("html.overview", lang))}</h2>', '<div class="cards">']
    for n, label in cards:
        out.append(f'<div class="card"><b>{n}</b><small>{e(label)}</small></div>')
    out.append("</div>")
    failed = plugin_errors(result)
    if failed:
        out.append(f'<h3 class="sev-error">{e(t("html.plugin_errors", lang))}</h3><ul>')
        out.extend(f"<li><code>{e(p['name'])}</code> ({e(p['group'])}): {e(p['error'])}</li>" for p in failed)
        out.append("</ul>")
    out.append('<div class="glance"><div>')
    out.append(f"<h3>{e(t('html.grade_distribution', lang))}</h3>")
    out.append(grade_chart(grade_counts(result), lang))
    ungraded = sum(1 for d in result.declarations if d.ungraded)
    if ungraded:  # the chart shows graded declarations only: say how many it leaves out
        out.append(f'<p class="muted">{e(t("html.ungraded_count", lang, n=ungraded))}</p>')
    out.append("</div><div>")
    out.append(f"<h3>{e(t('html.findings_by_severity', lang))}</h3>")
    out.append(
        f'<table class="narrow"><thead><tr><th>{e(t("col.severity", lang))}</th>'
        f'<th class="num">{e(t("col.count", lang))}</th></tr></thead><tbody>'
    )
    for s in SEVERITIES:
        out.append(f'<tr><td>{_sev(s, lang)}</td><td class="num">{counts[s.value]}</td></tr>')
    out.append(f'<tr><th>{e(t("word.total", lang))}</th><th class="num">{sum(counts.values())}</th></tr>')
    out.append("</tbody></table></div></div>")
    rows = rule_counts(result.findings)
    if rows:
        out.append(f"<h3>{e(t('html.findings_by_rule', lang))}</h3>")
        out.append(
            f'<table class="byrule"><thead><tr><th>{e(t("col.code", lang))}</th><th>{e(t("col.name", lang))}</th>'
            f'<th>{e(t("col.severity", lang))}</th><th class="num">{e(t("col.count", lang))}</th>'
            f"</tr></thead><tbody>"
        )
        for code, name, severity, n in rows:
            out.append(
                f'<tr><td><a href="#rule-{e(code)}">{e(code)}</a></td>'
                f"<td>{e(rule_title(result.rules.get(code), name, lang))}</td>"
                f'<td>{_sev(severity, lang)}</td><td class="num">{n}</td></tr>'
            )
        out.append("</tbody></table>")
    out.append("</section>")
    return "\n".join(out)


def _contents(decls: list[tuple[int, FileReport, DeclarationReport]], options: ReportOptions) -> str:
    """The declarations at a glance: a linked table with grade and counts."""
    lang = options.lang
    if not decls:
        return ""
    heads = "".join(
        f"<th>{e(t(k, lang))}</th>"
        for k in ("col.declaration_name", "col.form_type", "field.year", "col.total", "word.grade")
    )
    sev_heads = "".join(f'<th class="num">{e(severity_label(s, lang))}</th>' for s in SEVERITIES)
    out = [
        f'<nav aria-label="{e(t("html.contents", lang))}"><h2>{e(t("html.contents", lang))}</h2>',
        f'<table class="contents"><thead><tr><th class="num">#</th>{heads}{sev_heads}</tr></thead><tbody>',
    ]
    for order, _file, decl in decls:
        counts = {s: sum(1 for f in decl.findings if f.severity is s) for s in SEVERITIES}
        cells = "".join(f'<td class="num">{counts[s]}</td>' for s in SEVERITIES)
        out.append(
            f'<tr><td class="num">{order}</td>'
            f'<td><a href="#{_anchor(decl, order)}">{e(decl.display_name)}</a></td>'
            f"<td>{e(form_label(decl.form_type, lang))}</td>"
            f'<td class="nowrap">{e(decl.year if decl.year is not None else "")}</td>'
            f'<td class="nowrap">{e(decl.total or "")}</td><td>{_grade(decl.grade, lang)}</td>{cells}</tr>'
        )
    out.append("</tbody></table></nav>")
    return "\n".join(out)


def _findings_table(
    findings: list[Finding], file: FileReport | None, options: ReportOptions, rules: dict | None = None
) -> str:
    """The findings as an auditor reads them: severity and rule by code and title, the field
    by the form's own name (the JSON pointer only as a tooltip) with the quoted text under
    it, and the message with its suggestion."""
    lang = options.lang
    if not findings:
        return f'<p class="muted">{e(t("html.no_findings", lang))}</p>'
    head = "".join(f"<th>{e(t(k, lang))}</th>" for k in ("html.rule", "html.field_quote", "html.message_suggestion"))
    cols = "".join(f'<col style="width:{w}%">' for w in (4, 15, 33, 48))
    out = [
        (
            f'<table class="findings"><colgroup>{cols}</colgroup>'
            f'<thead><tr><th class="num">#</th>{head}</tr></thead><tbody>'
        )
    ]
    first_advice: dict[str, int] = {}
    for i, f in enumerate(findings, 1):
        label = pointer_label(f.pointer, lang)
        where = [f"<b>{e(label)}</b>"] if label else []
        if f.location:  # the cell of the Word / Excel / PDF original
            where.append(f'<small class="muted">{e(f.location)}</small>')
        elif f.span is not None:
            where.append(f'<small class="muted">{e(t("html.source_line", lang, n=f.span.line))}</small>')
        title = f' title="{e(f.pointer)}"' if f.pointer else ""
        quote = quoted(f, file)
        limit = QUOTE_MAX if f.quote or f.span is None or f.span.end_line == f.span.line else QUOTE_MAX_BLOCK
        if len(quote) > limit:
            quote = quote[:limit] + t("html.quote_cut", lang, n=len(quote))
        where.append(f'<span class="quote">{e(quote)}</span>')  # empty: hidden (one markup for every input)
        rule = rule_title((rules or {}).get(f.code), f.name, lang)
        suggestion = f.suggestion_text(lang)
        if suggestion and suggestion in first_advice:  # the same advice again: point back to it
            suggestion = t("html.same_suggestion", lang, n=first_advice[suggestion])
        elif suggestion:
            first_advice[suggestion] = i
        advice = e(t("html.suggestion", lang)) + e(suggestion) if suggestion else ""  # empty: hidden
        out.append(
            f'<tr class="finding sev-row-{f.severity.value}"><td class="num">{i}</td>'
            f'<td>{_sev(f.severity, lang)} <a href="#rule-{e(f.code)}">{e(f.code)}</a><br>'
            f"<small>{e(rule)}</small></td>"
            f"<td{title}>{' '.join(where)}</td>"
            f'<td>{e(f.text(lang))}<span class="advice">{advice}</span></td></tr>'
        )
    out.append("</tbody></table>")
    return "\n".join(out)


def _opinion_box(decl: DeclarationReport, lang: str) -> str:
    op = opinion_mod.build(decl, lang)
    out = ['<div class="opinion">', f"<p><b>{e(op.heading)}</b></p>"]
    lead = (
        op.graded
        + ("" if lang == "zh" else " ")
        + (t("opinion.problems", lang) if op.problems else t("opinion.no_problems", lang))
    )
    out.append(f"<p>{e(lead)}</p>")
    if op.problems:
        out.append("<ol>" + "".join(f"<li>{e(p)}</li>" for p in op.problems) + "</ol>")
    if op.infos:
        out.append(f"<p>{e(op.infos_text)}</p>")
    if op.consequence:
        out.append(f"<p>{e(op.consequence)}</p>")
    out.append("</div>")
    return "\n".join(out)


def _declaration(
    order: int, file: FileReport, decl: DeclarationReport, options: ReportOptions, rules: dict | None = None
) -> str:
    lang = options.lang
    facts = [
        (
            t("col.path", lang),
            e(rel_path(file.path, options.base_dir))
            + (
                f' <span class="muted">({e(t("html.encoding", lang))}: {e(file.encoding)})</span>'
                if file.encoding
                else ""
            ),
        ),
        (t("col.form_type", lang), e(form_label(decl.form_type, lang))),
        (t("col.unit", lang), e(decl.unit or t("word.unknown", lang))),
        (t("field.year", lang), e(decl.year if decl.year is not None else t("word.unknown", lang))),
        (t("col.total", lang), e(decl.total or t("word.unknown", lang))),
        (
            t("word.grade", lang),
            (
                f'{e(t("grade.none", lang))} <span class="muted">{e(ungraded_reason(decl, lang))}</span>'
                if decl.ungraded
                else f"{_grade(decl.grade, lang)} "
                f'<span class="muted">{e(t("word.score", lang))} {e(format_score(decl.score))}'
                f" · {e(consequence(decl.grade, lang))}</span>"
            ),
        ),
    ]
    if decl.document_kind != "declaration":
        facts.insert(1, (t("col.document_kind", lang), e(t(f"kind.{decl.document_kind}", lang))))
    out = [
        f'<section class="declaration" id="{_anchor(decl, order)}">',
        f"<h2>{order}. {e(decl.display_name)}</h2>",
        '<div class="glance">',
        '<dl class="facts">',
    ]
    for dt, dd in facts:
        out.append(f"<dt>{e(dt)}</dt><dd>{dd}</dd>")
    out.append("</dl>")
    out.append(f"<div><h3>{e(t('html.aspects', lang))}</h3>")
    sev_heads = "".join(f'<th class="num">{e(severity_label(s, lang))}</th>' for s in SEVERITIES)
    out.append(
        f'<table class="aspects narrow"><thead><tr><th>{e(t("col.aspect", lang))}</th>'
        f'<th class="num">{e(t("word.findings", lang))}</th>{sev_heads}</tr></thead><tbody>'
    )
    for aspect, c in aspect_counts(decl).items():
        out.append(
            f'<tr><td>{e(aspect_label(aspect, lang))}</td><td class="num">{c["findings"]}</td>'
            f'<td class="num">{c["errors"]}</td><td class="num">{c["warnings"]}</td>'
            f'<td class="num">{c["infos"]}</td></tr>'
        )
    out.append("</tbody></table></div></div>")
    ordered = decl_findings(decl)
    out.append(f"<h3>{e(t('html.findings', lang))}</h3>")
    out.append(_findings_table([f for f in ordered if not f.note], file, options, rules))
    notes = [f for f in ordered if f.note]
    if notes:  # what was or was not read: after the defects, never in the grade or the opinion
        out.append(f"<h3>{e(t('html.notes', lang))}</h3>")
        out.append(_findings_table(notes, file, options, rules))
    out.append(f"<h3>{e(t('html.opinion', lang))}</h3>")
    out.append(_opinion_box(decl, lang))
    out.append("</section>")
    return "\n".join(out)


def _file_level(result: RunResult, options: ReportOptions) -> str:
    lang = options.lang
    parts = []
    for file in sorted_files(result):
        own = file_findings(file)
        if not own:
            continue
        status = "" if file.readable else f' <span class="sev sev-error">{e(t("term.unreadable_file", lang))}</span>'
        parts.append(f"<h3><code>{e(rel_path(file.path, options.base_dir))}</code>{status}</h3>")
        parts.append(_findings_table(own, file, options, result.rules))
    if not parts:
        return ""
    return (
        f'<section id="file-findings"><h2>{e(t("html.file_findings", lang))}</h2>\n' + "\n".join(parts) + "\n</section>"
    )


def _glossary(result: RunResult, options: ReportOptions) -> str:
    lang = options.lang
    rules = rules_used(result)
    if not rules:
        return ""
    out = [
        f'<section id="glossary"><h2>{e(t("html.glossary", lang))}</h2>',
        (
            f"<table><thead><tr><th>{e(t('col.code', lang))}</th><th>{e(t('col.name', lang))}</th>"
            f'<th>{e(t("col.severity", lang))}</th><th class="summary">{e(t("col.summary", lang))}</th>'
            f"<th>{e(t('col.why', lang))}</th></tr></thead><tbody>"
        ),
    ]
    for info in rules:
        ref = f"<br><code>{e(info.help_uri)}</code>" if info.help_uri else ""
        aspect = f'<br><small class="muted">{e(aspect_label(info.aspect, lang))}</small>' if info.aspect else ""
        out.append(
            f'<tr id="rule-{e(info.code)}"><td>{e(info.code)}</td>'
            f'<td>{e(rule_title(info, info.name, lang))}<br><small class="muted">{e(info.name)}</small>{aspect}</td>'
            f'<td>{_sev(info.severity, lang)}</td><td class="summary">{e(rule_summary(info, lang))}</td>'
            f'<td class="why">{e(rule_why(info, lang))}{ref}</td></tr>'
        )
    out.append("</tbody></table></section>")
    return "\n".join(out)


def render(result: RunResult, options: ReportOptions | dict | None = None) -> str:
    options = coerce_options(options)
    lang = options.lang
    title = t("html.title", lang)
    decls = []
    order = 0
    for file in sorted_files(result):
        for decl in sorted_declarations(file):
            order += 1
            decls.append((order, file, decl))
    meta = [t("html.generated_by", lang, version=result.version or "")]
    if result.profile:
        meta.append(t("html.profile", lang, profile=result.profile))
    body = [
        "<header>",
        f"<h1>{e(title)}</h1>",
        '<p class="meta">' + "".join(f"<span>{e(m)}</span>" for m in meta) + "</p>",
        "</header>",
        "<main>",
        _overview(result, options),
        _contents(decls, options),
        *(_declaration(order, file, decl, options, result.rules) for order, file, decl in decls),
        _file_level(result, options),
        _glossary(result, options),
        "</main>",
        f"<footer><p>{e(t('html.disclaimer', lang))}</p>"
        f'<p class="fonts">{e(t("html.fonts", lang))}<br><span lang="en">{e(FONT_NOTE)}</span></p></footer>',
    ]
    html_lang = "zh-CN" if lang == "zh" else "en"
    head = (
        "<!DOCTYPE html>\n"
        f'<html lang="{html_lang}">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{e(CSP)}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="color-scheme" content="light">\n'
        '<meta name="generator" content="perflint">\n'
        f"<title>{e(title)}</title>\n<style>{CSS}</style>\n</head>\n<body>\n"
    )
    return head + "\n".join(part for part in body if part) + "\n</body>\n</html>\n"


def render_html(result: RunResult, options: ReportOptions | dict | None = None) -> str:
    return render(result, options)
