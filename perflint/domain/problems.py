"""Problems with the input itself (the ``input`` family of findings).

Anything wrong with a file the user gave — unreadable, undecodable, binary,
too large, invalid JSON, schema violation, no declaration in it — is an
:class:`InputProblem`.  The engine turns each into a finding with its own
code, shown in every output format like any other finding; no traceback
reaches the user.

The codes, their severities and their messages (zh/en) live in
``rules/input/*.toml``.  A problem may name a ``variant``: the rule's
``[messages.<variant>]`` template words that case more precisely (for example
``invalid-json`` has one variant per syntax error), exactly like
:attr:`perflint.checks.base.Hit.variant`.  ``args`` always also carry a
plain-English ``reason`` so that a renderer unaware of variants still says
something useful.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from perflint.domain.model import Span
from perflint.messages import render
from perflint.resources import rules_dir


@dataclass(frozen=True, slots=True)
class InputProblem:
    """One thing wrong with an input file.

    ``code`` is a rule code of the ``INP`` family (see ``rules/input/``);
    ``args`` fill that rule's message templates; ``variant`` picks one of its
    ``[messages.<variant>]`` templates; ``pointer`` is a JSON pointer into the
    input document (JSON input) and ``span`` its position in the file.
    ``declaration`` is the 0-based index of the declaration the problem
    belongs to, when it belongs to one.
    """

    code: str
    path: str
    args: dict[str, Any] = field(default_factory=dict)
    span: Span | None = None
    pointer: str = ""
    variant: str | None = None
    declaration: int | None = None

    def text(self, lang: str = "zh") -> str:
        """``CODE message`` in ``lang``, from the rule's templates (for messages outside a report)."""
        rule = _input_rules().get(self.code)
        if rule is None:
            return f"{self.code} {self.args}"
        template = rule.get("messages", {}).get(self.variant or "", rule["message"])
        return f"{self.code} {render(template[lang], self.args)}"

    def sort_key(self) -> tuple:
        span = self.span.to_list() if self.span else [0, 0, 0, 0]
        return (
            self.path,
            *span,
            self.code,
            self.pointer,
            self.variant or "",
            repr(sorted((k, str(v)) for k, v in self.args.items())),
        )


class InputError(Exception):
    """Raised by readers for a problem that stops a whole file."""

    def __init__(self, code: str, variant: str | None = None, **args: Any) -> None:
        super().__init__(code, args)
        self.code = code
        self.variant = variant
        self.args_map = args
        self.span: Span | None = args.pop("span", None)
        self.pointer: str = args.pop("pointer", "")

    def problem(self, path: str) -> InputProblem:
        return InputProblem(self.code, path, dict(self.args_map), self.span, self.pointer, self.variant)

    def __str__(self) -> str:  # pragma: no cover - debugging aid
        return f"{self.code} {self.variant or ''} {self.args_map}"


@lru_cache(maxsize=1)
def _input_rules() -> dict[str, dict[str, Any]]:
    out = {}
    # the rules of what a reader reports: input problems, reading notes (SRC) and document kinds (DOC)
    for path in sorted(p for family in ("input", "source", "document") for p in (rules_dir() / family).glob("*.toml")):
        data = tomllib.loads(path.read_text("utf-8"))
        out[data["code"]] = data
    return out
