"""JSON and JSON Lines reports.

``json``: one object (documented in ``schemas/report.schema.json``) with the
tool, the profile, every finding, every declaration with its grade, and a
summary.  ``jsonl``: one finding per line, the same finding objects, nothing
else (for ``grep``/``jq`` pipelines).

Both are pure: no banner, no colour, no timestamps; two runs over the same
input give byte-identical output.

Both stream (:func:`stream_json`, :func:`stream_jsonl`): each file's
findings are written as soon as the file is checked; the JSON object's
``declarations`` and ``files`` arrays, which come after ``findings``, are
spooled to a temporary file and copied out at the end with the summary.
The output is byte for byte what :func:`render_json` / :func:`render_jsonl`
give for the same reports in path order.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Mapping
from functools import partial
from typing import IO, Any

from perflint.domain.findings import Finding, Severity
from perflint.domain.result import (
    DeclarationReport,
    FileReport,
    RuleInfo,
    RunResult,
    RunSummary,
)
from perflint.report._stream import (
    JsonArray,
    PathRun,
    Spool,
    Tally,
    Writer,
    dumps,
    json_pieces,
    mark,
    pretty,
)

REPORT_VERSION = "1"
#: the options recorded in the report, so an auditor can see what produced it
CONFIG_KEYS = (
    "profile",
    "preview",
    "select",
    "extend_select",
    "ignore",
    "per_file_ignores",
    "severity",
    "fail_on",
    "settings",
    "rules",
    "grade",
    "today",
    "rules_run",
)
GRADES = ("优", "良", "中", "差")


def _lang(options: Any) -> str:
    if options is None:
        return "zh"
    lang = options.get("lang") if isinstance(options, Mapping) else getattr(options, "lang", "zh")
    return lang if lang in ("zh", "en") else "zh"


def finding_dict(f: Finding, lang: str, fingerprint: str | None = None) -> dict[str, Any]:
    span = f.span
    return {
        "path": f.path,
        "code": f.code,
        "name": f.name,
        "severity": f.severity.value,
        "message": f.text(lang),
        "message_zh": f.message.get("zh", ""),
        "message_en": f.message.get("en", ""),
        "line": span.line if span else None,
        "column": span.column if span else None,
        "end_line": span.end_line if span else None,
        "end_column": span.end_column if span else None,
        "pointer": f.pointer,
        "declaration": f.declaration,
        "declaration_name": f.declaration_name,
        "aspect": None if f.aspect is None else str(f.aspect),
        "suggestion": f.suggestion_text(lang),
        "suggestion_zh": None if not f.suggestion else f.suggestion.get("zh"),
        "suggestion_en": None if not f.suggestion else f.suggestion.get("en"),
        "quote": f.quote,
        "args": f.args,
        "fingerprint": fingerprint or f.fingerprint(),
        "note": f.note,
        **({"location": f.location} if f.location else {}),
    }


def _fingerprints(findings: list[Finding]) -> list[str]:
    """Each finding's fingerprint, salted with a counter when two coincide."""
    seen: Counter[str] = Counter()
    out = []
    for f in findings:
        fp = f.fingerprint()
        seen[fp] += 1
        out.append(fp if seen[fp] == 1 else f"{fp}-{seen[fp]}")
    return out


def _severity_counts(findings: list[Finding]) -> dict[str, int]:
    counts = {s.value: 0 for s in Severity}
    for f in findings:
        counts[f.severity.value] += 1
    return counts


def declaration_dict(d: DeclarationReport) -> dict[str, Any]:
    return {
        "path": d.path,
        "index": d.index,
        "name": d.name,
        "display_name": d.display_name,
        "form_type": d.form_type,
        "year": d.year,
        "unit": d.unit,
        "total": d.total,
        "document_kind": d.document_kind,
        "grade": d.grade or None,
        "score": None if d.ungraded else d.score,
        "ungraded": d.ungraded,
        "counts": _severity_counts(d.defects),
        "notes": len(d.notes),
        "aspects": {k: dict(v) for k, v in sorted(d.aspects.items())},
        "reading": d.reading,
    }


def file_dict(f: FileReport) -> dict[str, Any]:
    return {"path": f.path, "encoding": f.encoding, "readable": f.readable, "declarations": len(f.declarations)}


def _document(
    *,
    version: str,
    profile: str,
    lang: str,
    findings: Any,
    declarations: Any,
    files: Any,
    rules: Mapping[str, RuleInfo],
    options: Mapping[str, Any],
    counts: dict[str, int],
    by_rule: Mapping[str, int],
    grades: Mapping[str, int],
    n_files: int,
    n_declarations: int,
    unreadable: int,
    suppressed: int,
) -> dict[str, Any]:
    """The report object; ``findings``, ``declarations`` and ``files`` are lists
    (or placeholders a streaming writer replaces)."""
    return {
        "version": REPORT_VERSION,
        "tool": {"name": "perflint", "version": version},
        "profile": profile,
        "lang": lang,
        "findings": findings,
        "declarations": declarations,
        "files": files,
        "rules": {
            code: {
                "name": info.name,
                "severity": info.severity.value,
                "aspect": info.aspect,
                "family": info.family,
                "summary": dict(info.summary),
            }
            for code, info in sorted(rules.items())
        },
        "plugin_errors": list(options.get("plugin_errors", [])),
        "config": {k: options[k] for k in CONFIG_KEYS if k in options},
        "summary": {
            "counts": counts,
            "by_rule": dict(sorted(by_rule.items())),
            "grades": {g: grades.get(g, 0) for g in GRADES},
            "files": n_files,
            "declarations": n_declarations,
            "unreadable_files": unreadable,
            "suppressed": suppressed,
            "suppressed_by_rule": dict(sorted((options.get("suppressed_by_rule") or {}).items())),
            **({"baseline": dict(options["baseline"])} if options.get("baseline") else {}),
            **({"skipped_json": options["skipped_json"]} if options.get("skipped_json") else {}),
        },
    }


def report_dict(result: RunResult, lang: str = "zh") -> dict[str, Any]:
    findings = result.findings
    prints = _fingerprints(findings)
    decls = sorted(result.declarations, key=lambda d: (d.path, d.index))
    return _document(
        version=result.version,
        profile=result.profile,
        lang=lang,
        findings=[finding_dict(f, lang, fp) for f, fp in zip(findings, prints)],
        declarations=[declaration_dict(d) for d in decls],
        files=[file_dict(f) for f in sorted(result.files, key=lambda f: f.path)],
        rules=result.rules,
        options=result.options or {},
        counts=_severity_counts(findings),
        by_rule=Counter(f.code for f in findings),
        grades=Counter(d.grade for d in decls),
        n_files=len(result.files),
        n_declarations=len(decls),
        unreadable=result.unreadable_files,
        suppressed=result.suppressed,
    )


def render_json(result: RunResult, options: Any = None) -> str:
    return pretty(report_dict(result, _lang(options))) + "\n"


def render_jsonl(result: RunResult, options: Any = None) -> str:
    lang = _lang(options)
    findings = result.findings
    lines = [
        json.dumps(finding_dict(f, lang, fp), ensure_ascii=False, separators=(",", ":"))
        for f, fp in zip(findings, _fingerprints(findings))
    ]
    return "".join(line + "\n" for line in lines)


#: the fingerprint's place in a finding a worker lays out (:func:`prepare_json`,
#: :func:`prepare_jsonl`); the parent numbers repeated fingerprints (:class:`PathRun`)
#: and puts each in.  A string no report contains, as :func:`mark`'s.
_FP = "\x00perflint-fingerprint\x00"
_FP_JSON = json.dumps(_FP)

#: one finding laid out by a worker: (path, fingerprint, text before it, text after it)
PreparedFinding = tuple[str, str, str, str]


def _around_fingerprint(f: Finding, text: str) -> PreparedFinding | None:
    before, sep, after = text.partition(_FP_JSON)
    if not sep or _FP_JSON in after:
        return None
    return f.path, f.fingerprint(), before, after


def _numbered(path: str, fp: str, run: PathRun) -> str:
    """The fingerprint as :func:`_fingerprint` gives it, as a JSON string."""
    n = run.count(path, fp)
    return json.dumps(fp if n == 1 else f"{fp}-{n}", ensure_ascii=False)


def prepare_json(lang: str, report: FileReport) -> tuple[list[PreparedFinding], list[str], str] | None:
    """What :meth:`JsonSink.file` writes for ``report``, laid out in a worker process:
    each finding around its fingerprint, each declaration, the file (None: the parent
    lays the report out itself)."""
    findings = []
    for f in _sorted_findings(report):
        split = _around_fingerprint(f, dumps(finding_dict(f, lang, _FP), 2))
        if split is None:
            return None
        findings.append(split)
    decls = [dumps(declaration_dict(d), 2) for d in sorted(report.declarations, key=lambda d: (d.path, d.index))]
    return findings, decls, dumps(file_dict(report), 2)


def prepare_jsonl(lang: str, report: FileReport) -> list[PreparedFinding] | None:
    """What :meth:`JsonlSink.file` writes for ``report``, laid out in a worker process."""
    lines = []
    for f in _sorted_findings(report):
        text = json.dumps(finding_dict(f, lang, _FP), ensure_ascii=False, separators=(",", ":"))
        split = _around_fingerprint(f, text)
        if split is None:
            return None
        lines.append(split)
    return lines


def _sorted_findings(report: FileReport) -> list[Finding]:
    """The report's findings in the order of :attr:`RunResult.findings`."""
    return sorted(report.iter_findings(), key=Finding.sort_key)


def _fingerprint(f: Finding, run: PathRun) -> str:
    """As :func:`_fingerprints` over the whole run: identical fingerprints share
    a path, so numbering them within the path's reports is enough."""
    fp = f.fingerprint()
    n = run.count(f.path, fp)
    return fp if n == 1 else f"{fp}-{n}"


class JsonSink:
    """Writes the ``json`` report as files complete: the head and each
    file's findings at once; declarations and files spooled; the rest
    (rules, configuration, summary) at the end."""

    def __init__(self, options: Any, out: IO[bytes]) -> None:
        self.lang = _lang(options)
        self.write = Writer(out)
        self.tally = Tally()
        self.prints = PathRun()
        self.findings = JsonArray(self.write, 1)
        self.declarations = Spool()
        self.files = Spool()
        # the texts of these two go to their spools; only the closing brackets are written
        self.decl_array = JsonArray(None, 1)
        self.file_array = JsonArray(None, 1)
        self.started = False

    def _pieces(self, summary: RunSummary) -> list[str]:
        tally = self.tally
        doc = _document(
            version=summary.version,
            profile=summary.profile,
            lang=self.lang,
            findings=mark("findings"),
            declarations=mark("declarations"),
            files=mark("files"),
            rules=summary.rules,
            options=summary.options or {},
            counts=dict(tally.counts),
            by_rule=tally.by_rule,
            grades=tally.grades,
            n_files=tally.files,
            n_declarations=tally.declarations,
            unreadable=tally.unreadable,
            suppressed=summary.suppressed,
        )
        return json_pieces(doc, "findings", "declarations", "files")

    def start(self, summary: RunSummary) -> None:
        self.write(self._pieces(summary)[0])
        self.started = True

    def preparer(self) -> Callable[[FileReport], Any]:
        """What a worker process lays out of each report for :meth:`file` (picklable)."""
        return partial(prepare_json, self.lang)

    def file(self, report: FileReport, prepared: Any = None) -> None:
        """Write ``report``'s part; ``prepared``: what :func:`prepare_json` laid out of it."""
        if not self.started:
            raise RuntimeError("start() must be called before file()")
        self.tally.add(report)
        if prepared is not None:
            findings, decls, file = prepared
            sep, prints = self.findings.sep, self.prints
            self.write(
                "".join(sep() + before + _numbered(path, fp, prints) + after for path, fp, before, after in findings)
            )
            if decls:
                self.declarations.write("".join(self.decl_array.sep() + d for d in decls).encode("utf-8"))
            self.files.write((self.file_array.sep() + file).encode("utf-8"))
            return
        lang = self.lang
        found = "".join(
            self.findings.text(finding_dict(f, lang, _fingerprint(f, self.prints))) for f in _sorted_findings(report)
        )
        self.write(found)
        decls = "".join(
            self.decl_array.text(declaration_dict(d))
            for d in sorted(report.declarations, key=lambda d: (d.path, d.index))
        )
        if decls:
            self.declarations.write(decls.encode("utf-8"))
        self.files.write(self.file_array.text(file_dict(report)).encode("utf-8"))

    def finish(self, summary: RunSummary) -> None:
        if not self.started:
            self.start(summary)
        pieces = self._pieces(summary)
        try:
            self.findings.close()
            self.write(pieces[1])
            self.declarations.copy_to(self.write.out)
            self.write(self.decl_array.end() + pieces[2])
            self.files.copy_to(self.write.out)
            self.write(self.file_array.end() + pieces[3] + "\n")
        finally:
            self.declarations.close()
            self.files.close()


class JsonlSink:
    """Writes the ``jsonl`` report: each file's findings, one per line, as soon as it is checked."""

    def __init__(self, options: Any, out: IO[bytes]) -> None:
        self.lang = _lang(options)
        self.out = out
        self.prints = PathRun()

    def start(self, summary: RunSummary) -> None:
        pass

    def preparer(self) -> Callable[[FileReport], Any]:
        """What a worker process lays out of each report for :meth:`file` (picklable)."""
        return partial(prepare_jsonl, self.lang)

    def file(self, report: FileReport, prepared: Any = None) -> None:
        """Write ``report``'s findings; ``prepared``: what :func:`prepare_jsonl` laid out of it."""
        if prepared is not None:
            prints = self.prints
            if prepared:
                text = "".join(
                    before + _numbered(path, fp, prints) + after + "\n" for path, fp, before, after in prepared
                )
                self.out.write(text.encode("utf-8"))
            return
        lang = self.lang
        lines = [
            json.dumps(finding_dict(f, lang, _fingerprint(f, self.prints)), ensure_ascii=False, separators=(",", ":"))
            + "\n"
            for f in _sorted_findings(report)
        ]
        if lines:
            self.out.write("".join(lines).encode("utf-8"))

    def finish(self, summary: RunSummary) -> None:
        pass


def stream_json(options: Any, out: IO[bytes]) -> JsonSink:
    return JsonSink(options, out)


def stream_jsonl(options: Any, out: IO[bytes]) -> JsonlSink:
    return JsonlSink(options, out)


render = render_json
