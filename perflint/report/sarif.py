"""SARIF 2.1.0 output, for GitHub code scanning, GitLab and SARIF viewers.

One run; ``tool.driver.rules`` lists every rule that fired (sorted by code)
with its descriptions in the chosen language; each result points at its rule
by ``ruleId`` and ``ruleIndex``, carries a physical location (URI relative to
``options.base_dir`` under ``uriBaseId`` ``%SRCROOT%``; region in Unicode code
points, end column exclusive) and a logical location (the JSON pointer into
the declaration), and a ``partialFingerprints`` entry that does not change
when lines move.  No timestamps, no absolute paths (unless a file lies
outside ``base_dir``), so two runs give identical bytes.

Streams (:func:`stream_sarif`): each file's results are spooled to a
temporary file as soon as the file is checked; the log is written at the end,
when the rules (and so each result's ``ruleIndex``) and the run's counts are
known.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import partial
from typing import IO, Any
from urllib.parse import quote

from perflint.domain.findings import Finding, Severity
from perflint.domain.result import (
    DeclarationReport,
    FileReport,
    RuleInfo,
    RunResult,
    RunSummary,
)
from perflint.i18n import t
from perflint.report._common import (
    ReportOptions,
    aspect_label,
    coerce_options,
    iter_all,
    iter_file,
    plugin_errors,
    plugin_errors_in,
    rel_path,
    rule_summary,
    rule_why,
    rules_used,
    strip_control,
)
from perflint.report._stream import (
    JsonArray,
    Records,
    Tally,
    Writer,
    dumps,
    json_pieces,
    mark,
    pretty,
)
from perflint.resources import HOME_URL

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
BASE_ID = "%SRCROOT%"
FINGERPRINT_KEY = "perflint/v1"
LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~])")


def md_escape(text: str) -> str:
    """Escape text for a SARIF Markdown field (CommonMark backslash escapes)."""
    return _MD_SPECIAL.sub(r"\\\1", strip_control(text)).replace("\n", "  \n")


def artifact_uri(path: str, base_dir: str | None) -> tuple[str, str | None]:
    """(uri, uriBaseId): relative paths are percent-encoded under %SRCROOT%."""
    rel = rel_path(path, base_dir)
    if rel.startswith("/"):
        return "file://" + quote(rel, safe="/"), None
    if re.match(r"^[A-Za-z]:/", rel):
        return "file:///" + quote(rel, safe="/:"), None
    return quote(rel, safe="/"), BASE_ID


def _rule(info: RuleInfo, lang: str) -> dict[str, Any]:
    summary = rule_summary(info, lang) or info.name
    why = rule_why(info, lang)
    joiner = "" if lang == "zh" else " "
    full = f"{summary}{joiner}{why}" if why else summary
    help_text = f"{summary}\n\n{why}" if why else summary
    help_md = f"**{md_escape(summary)}**" + (f"\n\n{md_escape(why)}" if why else "")
    if info.help_uri:
        help_md += f"\n\n[{info.code}]({info.help_uri})"
    out: dict[str, Any] = {
        "id": info.code,
        "name": info.name,
        "shortDescription": {"text": summary},
        "fullDescription": {"text": full},
        "help": {"text": help_text, "markdown": help_md},
    }
    if info.help_uri:
        out["helpUri"] = info.help_uri
    out["defaultConfiguration"] = {"level": LEVELS[info.severity]}
    tags = [tag for tag in (info.family, str(info.aspect or "")) if tag]
    props: dict[str, Any] = {}
    if tags:
        props["tags"] = sorted(set(tags))
    if info.aspect:
        props["aspect"] = str(info.aspect)
        props["aspectLabel"] = aspect_label(info.aspect, lang)
    if props:
        out["properties"] = props
    return out


def _message(f: Finding, lang: str) -> dict[str, str]:
    text = strip_control(f.text(lang))
    tip = f.suggestion_text(lang)
    md = md_escape(text)
    if tip:
        label = t("word.suggestion", lang)
        text += f"\n{label}{t('word.colon', lang)}{strip_control(tip)}"
        md += f"\n\n**{md_escape(label)}**{md_escape(t('word.colon', lang))}{md_escape(tip)}"
    return {"text": text, "markdown": md}


def _location(f: Finding, options: ReportOptions) -> dict[str, Any]:
    uri, base = artifact_uri(f.path, options.base_dir)
    artifact: dict[str, Any] = {"uri": uri}
    if base:
        artifact["uriBaseId"] = base
    physical: dict[str, Any] = {"artifactLocation": artifact}
    if f.span is not None:
        s = f.span
        line, col = max(s.line, 1), max(s.column, 1)
        end_line = max(s.end_line, line)
        end_col = max(s.end_column, 1)
        if end_line == line and end_col < col:
            end_col = col
        region: dict[str, Any] = {"startLine": line, "startColumn": col, "endLine": end_line, "endColumn": end_col}
        if f.quote:
            region["snippet"] = {"text": strip_control(f.quote)}
        physical["region"] = region
    loc: dict[str, Any] = {"physicalLocation": physical}
    if f.location:  # the cell in the Word / Excel / PDF original
        loc["message"] = {"text": strip_control(f.location)}
    if f.pointer:
        name = f.pointer.rstrip("/").rsplit("/", 1)[-1].replace("~1", "/").replace("~0", "~")
        logical: dict[str, Any] = {"name": name or f.pointer, "fullyQualifiedName": f.pointer, "kind": "value"}
        loc["logicalLocations"] = [logical]
    return loc


def _result(decl: DeclarationReport | None, f: Finding, rule_index: int, options: ReportOptions) -> dict[str, Any]:
    item: dict[str, Any] = {
        "ruleId": f.code,
        "ruleIndex": rule_index,
        "level": LEVELS[f.severity],
        "message": _message(f, options.lang),
        "locations": [_location(f, options)],
        "partialFingerprints": {FINGERPRINT_KEY: f.fingerprint()},
    }
    props: dict[str, Any] = {"severity": f.severity.value}
    if f.declaration is not None:
        props["declaration"] = f.declaration
        name = f.declaration_name or (decl.display_name if decl is not None else None)
        if name:
            props["declarationName"] = strip_control(name)
    if f.aspect:
        props["aspect"] = str(f.aspect)
    if f.pointer:
        props["pointer"] = f.pointer
    if decl is not None:
        props["documentKind"] = decl.document_kind
        if decl.ungraded:
            props["ungraded"] = decl.ungraded
    if f.note:
        props["readingNote"] = True
    item["properties"] = props
    return item


def _log(
    rules: list[RuleInfo],
    results: Any,
    *,
    version: str,
    profile: str,
    failed: list[dict[str, str]],
    files: int,
    declarations: int,
    unreadable: int,
    suppressed: int,
    lang: str,
) -> dict[str, Any]:
    """The SARIF log; ``results`` is the list (or a placeholder a streaming writer replaces)."""
    driver: dict[str, Any] = {
        "name": "perflint",
        "fullName": "perflint — 绩效目标申报表 linter",
        "informationUri": HOME_URL,
        "rules": [_rule(info, lang) for info in rules],
    }
    if version:
        driver["version"] = version
        driver["semanticVersion"] = version
    run: dict[str, Any] = {"tool": {"driver": driver}}
    if failed:
        run["invocations"] = [
            {
                "executionSuccessful": True,
                "toolConfigurationNotifications": [
                    {
                        "level": "error",
                        "descriptor": {"id": "plugin-load"},
                        "message": {"text": strip_control(t("term.plugin_failed", lang, **err))},
                    }
                    for err in failed
                ],
            }
        ]
    run.update(
        {
            "columnKind": "unicodeCodePoints",
            "results": results,
            "properties": {
                "profile": profile,
                "files": files,
                "declarations": declarations,
                "unreadableFiles": unreadable,
                "suppressed": suppressed,
                "language": lang,
            },
        }
    )
    return {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}


def build(result: RunResult, options: ReportOptions | dict | None = None) -> dict[str, Any]:
    """The SARIF log as a dict."""
    options = coerce_options(options)
    rules = rules_used(result)
    index = {info.code: i for i, info in enumerate(rules)}
    results = [_result(decl, f, index[f.code], options) for _file, decl, f in iter_all(result)]
    return _log(
        rules,
        results,
        version=result.version,
        profile=result.profile,
        failed=plugin_errors(result),
        files=len(result.files),
        declarations=len(result.declarations),
        unreadable=result.unreadable_files,
        suppressed=result.suppressed,
        lang=options.lang,
    )


def render(result: RunResult, options: ReportOptions | dict | None = None) -> str:
    return pretty(build(result, options)) + "\n"


def render_sarif(result: RunResult, options: ReportOptions | dict | None = None) -> str:
    return render(result, options)


#: the rule index of a spooled result, replaced once the rules are known
_NO_INDEX = -1
_RESULTS_LEVEL = 3  # $schema/runs → run → results


class SarifSink:
    """Spools each file's results as soon as the file is checked and writes
    the log at the end: a result's ``ruleIndex`` is its rule's place in the
    sorted list of the rules that fired, known only then."""

    def __init__(self, options: ReportOptions | dict | None, out: IO[bytes]) -> None:
        self.options = coerce_options(options)
        self.write = Writer(out)
        self.tally = Tally()
        self.results = Records()

    def start(self, summary: RunSummary) -> None:
        pass

    def preparer(self) -> Callable[[FileReport], list[tuple[str, str]]]:
        """What a worker process lays out of each report for :meth:`file` (picklable)."""
        return partial(prepare_sarif, self.options)

    def file(self, report: FileReport, prepared: list[tuple[str, str]] | None = None) -> None:
        """Spool ``report``'s results; ``prepared``: what :func:`prepare_sarif` laid out of it."""
        self.tally.add(report)
        for code, text in prepare_sarif(self.options, report) if prepared is None else prepared:
            self.results.add(code, text)

    def finish(self, summary: RunSummary) -> None:
        try:
            self._finish(summary)
        finally:
            self.results.close()

    def _finish(self, summary: RunSummary) -> None:
        tally, lang = self.tally, self.options.lang
        used: dict[str, RuleInfo] = dict(summary.rules)
        for code, (name, severity, aspect) in tally.first.items():
            if code not in used:
                used[code] = RuleInfo(code=code, name=name, severity=severity, aspect=aspect, summary={})
        rules = [used[code] for code in sorted(used)]
        index = {info.code: i for i, info in enumerate(rules)}
        head, tail = json_pieces(
            _log(
                rules,
                mark("results"),
                version=summary.version,
                profile=summary.profile,
                failed=plugin_errors_in(summary.options),
                files=tally.files,
                declarations=tally.declarations,
                unreadable=tally.unreadable,
                suppressed=summary.suppressed,
                lang=lang,
            ),
            "results",
        )
        self.write(head)
        array = JsonArray(self.write, _RESULTS_LEVEL)
        placeholder = f'"ruleIndex": {_NO_INDEX},'
        for code, text in self.results:
            # the first "ruleIndex" of the item is its own: "ruleId" before it is a JSON string
            self.write(array.laid_out(text.replace(placeholder, f'"ruleIndex": {index[code]},', 1)))
        array.close()
        self.write(tail + "\n")


def prepare_sarif(options: ReportOptions, report: FileReport) -> list[tuple[str, str]]:
    """Each result of ``report`` laid out (in a worker process, with ``--jobs``) as the log
    holds it, with its rule's code: its ``ruleIndex`` is put in at the end of the run."""
    level = _RESULTS_LEVEL + 1
    return [(f.code, dumps(_result(decl, f, _NO_INDEX, options), level)) for decl, f in iter_file(report)]


def stream_sarif(options: Any, out: IO[bytes]) -> SarifSink:
    return SarifSink(options, out)
