"""Input readers: one per file format, found through the ``perflint.readers`` entry points.

A reader turns the bytes of one file into a :class:`FileResult`: the
declarations read and every :class:`~perflint.domain.problems.InputProblem`
met, never raising for bad input.  Built-in readers (text exports and JSON)
register through the same entry-point group a plugin uses; a new format is
one module with a :class:`Reader` and one line of registration::

    [project.entry-points."perflint.readers"]
    myformat = "mypackage.reader:readers"     # a function returning [Reader(...)]

Which reader reads a file: the one whose ``suffixes`` end its name (case
does not matter); any other name goes to the text reader, which also
recognises JSON by its first characters.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from perflint.domain.model import Declaration
from perflint.domain.problems import InputProblem

DEFAULT_MAX_BYTES = 20 * 1024 * 1024


@dataclass(slots=True)
class ReadOptions:
    encoding: str | None = None
    layout: str | None = None
    max_bytes: int = DEFAULT_MAX_BYTES
    max_json_depth: int = 64


@dataclass(slots=True)
class FileResult:
    """Everything read from one file: its declarations and what was wrong with it."""

    path: str
    declarations: list[Declaration] = field(default_factory=list)
    problems: list[InputProblem] = field(default_factory=list)
    encoding: str | None = None
    text: str | None = None
    #: what the document is (doctype.classify), also when no form was read from it
    document_kind: str | None = None

    @property
    def readable(self) -> bool:
        """False when a problem stopped the file from being read at all.

        A JSON Lines file with one broken line is still readable: its other
        lines were read.
        """
        if self.declarations:
            return True
        return not any(p.code in FATAL_CODES for p in self.problems)


#: input problems after which nothing (or nothing more) of the file could be read
FATAL_CODES = {"INP001", "INP002", "INP004", "INP006", "INP007", "INP008"}
#: ... and the problems of native documents (damaged, unsafe, encrypted, misnamed,
#: needing software that is not installed, without a text layer)
FATAL_CODES |= {"INP014", "INP015", "INP016", "INP017", "INP018", "INP019"}


@dataclass(frozen=True, slots=True)
class Reader:
    """One input format: its name, the file-name endings it claims, and how to read it."""

    name: str
    suffixes: tuple[str, ...]
    read: Callable[[bytes, str, ReadOptions], FileResult]
    #: one line for ``perflint --help`` and the README (zh, en)
    description: dict[str, str] = field(default_factory=dict)

    def claims(self, path: str) -> bool:
        return path.lower().endswith(self.suffixes)
