"""Draft review opinion (审核意见) per declaration, ready to paste.

For each declaration: its identity, the grade, the problems to fix (findings
at error and warning, deduplicated, most severe first, numbered), the number
of advisory notes (infos), and the consequence the grade carries under
财预〔2015〕88号 (优: proceeds; 良: refined with the unit, then proceeds;
中: returned for revision; 差: does not enter the next budget step).  The
same text appears in the HTML report.  Chinese by default, English with
``lang = "en"``.

Not streamed: opinions are an audit document for people, so ``perflint check
--format opinion`` collects the reports and renders them at the end (its
memory grows with the run).
"""

from __future__ import annotations

from dataclasses import dataclass

from perflint.domain.findings import Finding, Severity
from perflint.domain.result import DeclarationReport, FileReport, RunResult
from perflint.i18n import t
from perflint.report._common import (
    ReportOptions,
    by_severity,
    coerce_options,
    consequence,
    declaration_parts,
    file_findings,
    grade_label,
    one_line,
    rel_path,
    sorted_declarations,
    sorted_files,
    ungraded_reason,
)


@dataclass(frozen=True, slots=True)
class Opinion:
    """One declaration's draft opinion, in parts (the HTML report lays them out)."""

    heading: str
    graded: str
    problems: tuple[str, ...]
    infos: int
    infos_text: str
    consequence: str

    def lines(self, lang: str) -> list[str]:
        joiner = "" if lang == "zh" else " "
        out = [
            self.heading,
            self.graded + joiner + (t("opinion.problems", lang) if self.problems else t("opinion.no_problems", lang)),
        ]
        out += [t("opinion.item", lang, n=i, text=text) for i, text in enumerate(self.problems, 1)]
        if self.infos:
            out.append(self.infos_text)
        if self.consequence:
            out.append(self.consequence)
        return out

    def text(self, lang: str) -> str:
        return "\n".join(self.lines(lang))


def problem_text(f: Finding, lang: str, with_tip: bool = True) -> str:
    """A finding in plain words: its message, then its suggestion if any."""
    text = one_line(f.text(lang))
    tip = f.suggestion_text(lang) if with_tip else None
    if tip:
        text += ("" if lang == "zh" and text.endswith(("。", "！", "？", "；")) else " ") + one_line(tip)
    return text


def problems(findings: list[Finding], lang: str) -> list[str]:
    """Errors and warnings, most severe first, each distinct message once; a
    suggestion already given for an earlier problem is not repeated."""
    seen: set[str] = set()
    tips: set[str] = set()
    out = []
    for f in by_severity([f for f in findings if f.severity.rank >= Severity.WARNING.rank]):
        key = one_line(f.text(lang))
        if key in seen:
            continue
        seen.add(key)
        tip = one_line(f.suggestion_text(lang) or "")
        out.append(problem_text(f, lang, with_tip=tip not in tips))
        if tip:
            tips.add(tip)
    return out


def build(decl: DeclarationReport, lang: str) -> Opinion:
    sep = "，" if lang == "zh" else ", "
    heading = t("opinion.heading", lang, name=one_line(decl.display_name))
    heading += t("opinion.identity", lang, parts=sep.join(one_line(p) for p in declaration_parts(decl, lang)))
    grade = grade_label(decl.grade, lang)
    defects = decl.defects  # reading notes are the tool's, not the filer's: never in the opinion
    infos = sum(1 for f in defects if f.severity is Severity.INFO)
    cons = consequence(decl.grade, lang)
    graded = (
        t("opinion.ungraded", lang, reason=ungraded_reason(decl, lang))
        if decl.ungraded
        else t("opinion.graded", lang, grade=grade)
    )
    return Opinion(
        heading=heading,
        graded=graded,
        problems=tuple(problems(defects, lang)),
        infos=infos,
        infos_text=t("opinion.infos", lang, n=infos),
        consequence=t("opinion.consequence", lang, grade=grade, consequence=cons) if cons else "",
    )


def file_lines(file: FileReport, options: ReportOptions) -> list[str]:
    """File-level problems (unreadable file, input errors) as opinion lines."""
    lang = options.lang
    own = file_findings(file)
    if not own:
        return []
    path = rel_path(file.path, options.base_dir)
    if not file.readable:
        return [t("opinion.file_problem", lang, path=path, text=one_line(by_severity(own)[0].text(lang)))]
    items = problems(own, lang)
    if not items:
        return []
    return [t("opinion.file_notes", lang, path=path)] + [
        t("opinion.item", lang, n=i, text=text) for i, text in enumerate(items, 1)
    ]


def render(result: RunResult, options: ReportOptions | dict | None = None) -> str:
    options = coerce_options(options)
    blocks: list[str] = []
    for file in sorted_files(result):
        lines = file_lines(file, options)
        if lines:
            blocks.append("\n".join(lines))
        for decl in sorted_declarations(file):
            blocks.append(build(decl, options.lang).text(options.lang))
    if not blocks:
        blocks.append(t("opinion.empty", options.lang))
    return "\n\n".join(blocks) + "\n"


def render_opinion(result: RunResult, options: ReportOptions | dict | None = None) -> str:
    return render(result, options)
