"""JSON and JSON Lines reports.

``json``: one object (documented in ``schemas/report.schema.json``) with the
tool, the profile, every finding, every declaration with its grade, and a
summary.  ``jsonl``: one finding per line, the same finding objects, nothing
else (for ``grep``/``jq`` pipelines).

Both are pure: no banner, no colour, no timestamps; two runs over the same
input give byte-identical output.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Mapping
from typing import Any

from perflint.findings import Finding, Severity
from perflint.result import DeclarationReport, RunResult

REPORT_VERSION = "1"
#: the options recorded in the report, so an auditor can see what produced it
CONFIG_KEYS = ("profile", "preview", "select", "extend_select", "ignore", "per_file_ignores", "severity", "fail_on",
               "settings", "rules", "grade", "today", "rules_run")
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
        "grade": d.grade,
        "score": d.score,
        "counts": _severity_counts(d.findings),
        "aspects": {k: dict(v) for k, v in sorted(d.aspects.items())},
    }


def report_dict(result: RunResult, lang: str = "zh") -> dict[str, Any]:
    findings = result.findings
    prints = _fingerprints(findings)
    by_rule = Counter(f.code for f in findings)
    decls = sorted(result.declarations, key=lambda d: (d.path, d.index))
    grades = Counter(d.grade for d in decls)
    options = result.options or {}
    return {
        "version": REPORT_VERSION,
        "tool": {"name": "perflint", "version": result.version},
        "profile": result.profile,
        "lang": lang,
        "findings": [finding_dict(f, lang, fp) for f, fp in zip(findings, prints)],
        "declarations": [declaration_dict(d) for d in decls],
        "files": [
            {"path": f.path, "encoding": f.encoding, "readable": f.readable, "declarations": len(f.declarations)}
            for f in sorted(result.files, key=lambda f: f.path)
        ],
        "rules": {
            code: {"name": info.name, "severity": info.severity.value, "aspect": info.aspect,
                   "family": info.family, "summary": dict(info.summary)}
            for code, info in sorted(result.rules.items())
        },
        "plugin_errors": list(options.get("plugin_errors", [])),
        "config": {k: options[k] for k in CONFIG_KEYS if k in options},
        "summary": {
            "counts": _severity_counts(findings),
            "by_rule": dict(sorted(by_rule.items())),
            "grades": {g: grades.get(g, 0) for g in GRADES},
            "files": len(result.files),
            "declarations": len(decls),
            "unreadable_files": result.unreadable_files,
            "suppressed": result.suppressed,
            "suppressed_by_rule": dict(sorted((options.get("suppressed_by_rule") or {}).items())),
        },
    }


def render_json(result: RunResult, options: Any = None) -> str:
    return json.dumps(report_dict(result, _lang(options)), ensure_ascii=False, indent=2) + "\n"


def render_jsonl(result: RunResult, options: Any = None) -> str:
    lang = _lang(options)
    findings = result.findings
    lines = [json.dumps(finding_dict(f, lang, fp), ensure_ascii=False, separators=(",", ":"))
             for f, fp in zip(findings, _fingerprints(findings))]
    return "".join(line + "\n" for line in lines)


render = render_json
