"""JUnit XML, for CI systems that show test reports (GitLab, Jenkins, Azure).

One ``<testsuite>`` per file, one ``<testcase>`` per declaration (plus one
for file-level findings such as input errors).  A case with findings at or
above ``options.fail_on`` (default: error) has one ``<failure>`` listing them
all (most JUnit consumers expect at most one per case, and totals then add
up: ``failures`` ≤ ``tests``); every finding of the case, whatever its
severity, is listed in ``<system-out>``.  All text goes
through ElementTree, so it is XML-escaped; characters XML 1.0 cannot carry
are replaced.

Streams (:func:`stream_junit`): each file's ``<testsuite>`` is spooled to a
temporary file as soon as the file is checked; the document is written at
the end, when the totals of ``<testsuites>`` are known.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Callable
from functools import partial
from typing import IO, Any

from perflint.domain.findings import Finding
from perflint.domain.result import DeclarationReport, FileReport, RunResult, RunSummary
from perflint.i18n import t
from perflint.report._common import (
    ReportOptions,
    coerce_options,
    consequence,
    decl_findings,
    file_findings,
    format_score,
    grade_label,
    one_line,
    printable,
    rel_path,
    severity_label,
    sorted_declarations,
    sorted_files,
    strip_control,
    ungraded_reason,
)
from perflint.report._stream import Spool


def _line(f: Finding, options: ReportOptions) -> str:
    path = printable(rel_path(f.path, options.base_dir))
    where = f"{path}:{f.span.line}:{f.span.column}" if f.span else path
    text = f"{where} {f.code} {severity_label(f.severity, options.lang)} {one_line(f.text(options.lang))}"
    tip = f.suggestion_text(options.lang)
    if tip:
        text += f"\n    {t('word.suggestion', options.lang)}{t('word.colon', options.lang)}{one_line(tip)}"
    return text


def _grade_line(decl: DeclarationReport, options: ReportOptions) -> str:
    lang = options.lang
    if decl.ungraded:
        return t("term.ungraded_line", lang, reason=ungraded_reason(decl, lang))
    cons = consequence(decl.grade, lang)
    return t(
        "term.grade_line" if cons else "term.grade_line_bare",
        lang,
        grade=grade_label(decl.grade, lang),
        score=format_score(decl.score),
        consequence=cons,
    )


def _case(
    suite: ET.Element,
    name: str,
    classname: str,
    findings: list[Finding],
    options: ReportOptions,
    head: str | None = None,
) -> tuple[int, int]:
    case = ET.SubElement(
        suite, "testcase", {"name": strip_control(name), "classname": strip_control(classname), "time": "0"}
    )
    failing = [f for f in findings if f.severity.rank >= options.fail_on.rank]
    if failing:
        first = failing[0]
        message = f"{first.code}: {one_line(first.text(options.lang))}"
        if len(failing) > 1:
            message = t("junit.failures", options.lang, n=len(failing), first=message)
        node = ET.SubElement(case, "failure", {"message": message, "type": ",".join(sorted({f.code for f in failing}))})
        node.text = strip_control("\n".join(_line(f, options) for f in failing))
    lines = ([head] if head else []) + [_line(f, options) for f in findings]
    if lines:
        out = ET.SubElement(case, "system-out")
        out.text = strip_control("\n".join(lines))
    return 1, 1 if failing else 0


def suite(file: FileReport, options: ReportOptions) -> tuple[ET.Element, int, int]:
    """One file's ``<testsuite>`` with its number of tests and failures."""
    path = rel_path(file.path, options.base_dir)
    node = ET.Element("testsuite", {"name": printable(path)})
    tests = failures = 0
    own = file_findings(file)
    if own or not file.declarations:
        n, k = _case(node, t("junit.file_case", options.lang), path, own, options)
        tests, failures = tests + n, failures + k
    for decl in sorted_declarations(file):
        name = f"#{decl.index + 1} {decl.display_name}"
        n, k = _case(node, name, path, decl_findings(decl), options, head=_grade_line(decl, options))
        tests, failures = tests + n, failures + k
    node.set("tests", str(tests))
    node.set("failures", str(failures))
    node.set("errors", "0")
    node.set("skipped", "0")
    node.set("time", "0")
    return node, tests, failures


def _root(tests: int, failures: int) -> ET.Element:
    root = ET.Element("testsuites", {"name": "perflint"})
    root.set("tests", str(tests))
    root.set("failures", str(failures))
    root.set("errors", "0")
    root.set("time", "0")
    return root


def build(result: RunResult, options: ReportOptions | dict | None = None) -> ET.Element:
    options = coerce_options(options)
    suites = []
    total_tests = total_failures = 0
    for file in sorted_files(result):
        node, tests, failures = suite(file, options)
        suites.append(node)
        total_tests += tests
        total_failures += failures
    root = _root(total_tests, total_failures)
    root.extend(suites)
    return root


def render(result: RunResult, options: ReportOptions | dict | None = None) -> str:
    root = build(result, options)
    ET.indent(root, space="  ")
    body = ET.tostring(root, encoding="unicode", short_empty_elements=True)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + body + "\n"


def render_junit(result: RunResult, options: ReportOptions | dict | None = None) -> str:
    return render(result, options)


_XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>\n'


def prepare_junit(options: ReportOptions, report: FileReport) -> tuple[bytes, int, int]:
    """``report``'s ``<testsuite>`` laid out as under ``<testsuites>``, encoded, with its
    counts of tests and failures (laid out in a worker process with ``--jobs``)."""
    node, tests, failures = suite(report, options)
    ET.indent(node, space="  ", level=1)  # as ET.indent lays it out under <testsuites>
    return ("\n  " + ET.tostring(node, encoding="unicode", short_empty_elements=True)).encode("utf-8"), tests, failures


class JunitSink:
    """Spools each file's ``<testsuite>`` as soon as the file is checked and
    writes the document at the end, when ``<testsuites>`` can carry the totals."""

    def __init__(self, options: ReportOptions | dict | None, out: IO[bytes]) -> None:
        self.options = coerce_options(options)
        self.out = out
        self.suites = Spool()
        self.tests = self.failures = 0

    def start(self, summary: RunSummary) -> None:
        pass

    def preparer(self) -> Callable[[FileReport], tuple[bytes, int, int]]:
        """What a worker process lays out of each report for :meth:`file` (picklable)."""
        return partial(prepare_junit, self.options)

    def file(self, report: FileReport, prepared: tuple[bytes, int, int] | None = None) -> None:
        """Spool ``report``'s suite; ``prepared``: what :func:`prepare_junit` laid out of it."""
        text, tests, failures = prepare_junit(self.options, report) if prepared is None else prepared
        self.tests += tests
        self.failures += failures
        self.suites.write(text)

    def finish(self, summary: RunSummary) -> None:
        try:
            root = _root(self.tests, self.failures)
            if not self.suites.size:
                body = ET.tostring(root, encoding="unicode", short_empty_elements=True)
                self.out.write((_XML_DECLARATION + body + "\n").encode("utf-8"))
                return
            ET.SubElement(root, "suites")
            head, _, tail = ET.tostring(root, encoding="unicode", short_empty_elements=True).partition("<suites />")
            self.out.write((_XML_DECLARATION + head).encode("utf-8"))
            self.suites.copy_to(self.out)
            self.out.write(("\n" + tail + "\n").encode("utf-8"))
        finally:
            self.suites.close()


def stream_junit(options: Any, out: IO[bytes]) -> JunitSink:
    return JunitSink(options, out)
