"""GitLab Code Quality report (the Code Climate JSON subset GitLab reads).

A JSON list; each finding is an issue with ``description``, ``check_name``,
``fingerprint`` (unique within the report and stable when lines move),
``severity`` (``critical`` / ``major`` / ``info``) and ``location`` (path
relative to ``options.base_dir``, begin/end lines).  Use it as
``artifacts: reports: codequality:`` in ``.gitlab-ci.yml``.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from perflint.findings import Severity
from perflint.report._common import (
    ReportOptions,
    coerce_options,
    iter_all,
    one_line,
    rel_path,
)
from perflint.result import RunResult

SEVERITY = {Severity.ERROR: "critical", Severity.WARNING: "major", Severity.INFO: "info"}


def build(result: RunResult, options: ReportOptions | dict | None = None) -> list[dict[str, Any]]:
    options = coerce_options(options)
    out = []
    seen: dict[str, int] = {}
    for _file, _decl, f in iter_all(result):
        base = f.fingerprint()
        n = seen.get(base, 0)
        seen[base] = n + 1
        # identical findings (same rule, place and arguments) still need distinct fingerprints
        fingerprint = base if n == 0 else hashlib.sha256(f"{base}\x1f{n}".encode()).hexdigest()[:32]
        begin = f.span.line if f.span else 1
        end = max(f.span.end_line, begin) if f.span else begin
        out.append({
            "type": "issue",
            "check_name": f.code,
            "description": f"{f.code} {one_line(f.text(options.lang))}",
            "categories": ["Style"] if f.severity is Severity.INFO else ["Bug Risk"],
            "severity": SEVERITY[f.severity],
            "fingerprint": fingerprint,
            "location": {"path": rel_path(f.path, options.base_dir), "lines": {"begin": begin, "end": end}},
        })
    return out


def render(result: RunResult, options: ReportOptions | dict | None = None) -> str:
    return json.dumps(build(result, options), ensure_ascii=False, indent=2) + "\n"


def render_gitlab(result: RunResult, options: ReportOptions | dict | None = None) -> str:
    return render(result, options)
