"""Reporters: each output format is a module with ``render(result, options) -> str | bytes``.

Reporters only format findings; they never re-run logic.  The table below is
the single list of formats; modules are imported only when used.
"""

from __future__ import annotations

import importlib
from typing import Any, Callable

FORMATS: dict[str, str] = {
    "text": "perflint.report.terminal",
    "json": "perflint.report.json_report",
    "jsonl": "perflint.report.json_report",
    "sarif": "perflint.report.sarif",
    "github": "perflint.report.github",
    "gitlab": "perflint.report.gitlab",
    "junit": "perflint.report.junit",
    "csv": "perflint.report.csv_report",
    "html": "perflint.report.html",
    "opinion": "perflint.report.opinion",
}


def renderer(fmt: str) -> Callable[..., Any]:
    module = importlib.import_module(FORMATS[fmt])
    return getattr(module, f"render_{fmt}", None) or module.render
