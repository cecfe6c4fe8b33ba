"""Problems with the input itself (the ``input`` family of findings).

Anything wrong with a file the user gave — unreadable, undecodable, binary,
too large, invalid JSON, schema violation, no declaration in it — is an
:class:`InputProblem`.  The engine turns each into a finding with its own
code, shown in every output format like any other finding; no traceback
reaches the user.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from perflint.model import Span


@dataclass(frozen=True, slots=True)
class InputProblem:
    """One thing wrong with an input file.

    ``code`` is a rule code of the ``INP`` family (see ``rules/input/``);
    ``args`` fill that rule's message templates.
    """

    code: str
    path: str
    args: dict[str, Any] = field(default_factory=dict)
    span: Span | None = None
    pointer: str = ""


class InputError(Exception):
    """Raised by readers for a problem that stops a whole file."""

    def __init__(self, code: str, **args: Any) -> None:
        super().__init__(code, args)
        self.code = code
        self.args_map = args
        self.span: Span | None = args.pop("span", None)
        self.pointer: str = args.pop("pointer", "")

    def problem(self, path: str) -> InputProblem:
        return InputProblem(self.code, path, dict(self.args_map), self.span, self.pointer)

    def __str__(self) -> str:  # pragma: no cover - debugging aid
        return f"{self.code} {self.args_map}"
