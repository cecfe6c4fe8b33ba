"""What the streaming writers share: counters, spools and JSON splicing.

A streaming writer (``stream_<format>(options, out)``, see
:func:`perflint.report.open_sink`) is handed one
:class:`~perflint.domain.result.FileReport` at a time and must not keep it.  It
writes the file's part at once, or spools it to a temporary file when the
document needs totals first, and keeps only counters whose size depends on
the number of rules, never on the number of files or findings:

* :class:`Tally` counts findings by severity and rule, files, declarations,
  unreadable files and grades, as the collected renderers compute them from
  the whole run;
* :class:`PathRun` numbers identical fingerprints within one path (a
  fingerprint includes the path, so two findings can only coincide within
  the reports of one path, and in path order those reports are adjacent);
* :class:`Spool` keeps text on disk (``tempfile.TemporaryFile``) until the
  end of the run;
* :class:`JsonArray` and :func:`json_pieces` write a document exactly as
  ``json.dumps(doc, ensure_ascii=False, indent=2)`` would, one array item at
  a time.

Reports are written in the order they arrive.  The engine yields them in
path order; the one exception is an ``extract`` JSON file whose declarations
point at other original files, whose reports follow it.  A collected render
sorts all reports by path first, so for such a run the two orders differ
(the content is the same).
"""

from __future__ import annotations

import json
import tempfile
from collections.abc import Callable, Iterator
from typing import IO, Any

from perflint.domain.findings import Finding, Severity
from perflint.domain.result import FileReport, RunResult, RunSummary

GRADES: tuple[str, ...] = ("优", "良", "中", "差")
#: a string no report contains, marking where an array goes in a skeleton document
_MARK = "\x00perflint-stream:{}\x00"


def summary_of(result: RunResult) -> RunSummary:
    """The :class:`RunSummary` a streaming writer would be given for ``result``
    (what :func:`perflint.report.as_result` takes from a summary)."""
    return RunSummary(
        profile=result.profile,
        version=result.version,
        options=dict(result.options or {}),
        suppressed=result.suppressed,
        rules=dict(result.rules),
    )


class Tally:
    """Counts of the reports seen so far (sizes bounded by the number of rules)."""

    __slots__ = (
        "by_rule",
        "by_rule_severity",
        "counts",
        "declarations",
        "files",
        "first",
        "grades",
        "unreadable",
        "worst",
    )

    def __init__(self) -> None:
        self.counts: dict[str, int] = {s.value: 0 for s in Severity}
        self.by_rule: dict[str, int] = {}
        #: (code, severity) -> count: a rule can report at several severities
        self.by_rule_severity: dict[tuple[str, Severity], int] = {}
        #: code -> (name, severity, aspect) of its first finding in report order
        self.first: dict[str, tuple[str, Severity, str]] = {}
        #: code -> most severe severity seen
        self.worst: dict[str, Severity] = {}
        self.files = 0
        self.declarations = 0
        self.unreadable = 0
        self.grades: dict[str, int] = {}

    def add(self, report: FileReport) -> None:
        self.files += 1
        if not report.readable:
            self.unreadable += 1
        self.declarations += len(report.declarations)
        for decl in report.declarations:
            self.grades[decl.grade] = self.grades.get(decl.grade, 0) + 1
        counts, by_rule, worst = self.counts, self.by_rule, self.worst
        new = False
        by_pair = self.by_rule_severity
        for f in report.iter_findings():
            counts[f.severity.value] += 1
            code = f.code
            by_pair[(code, f.severity)] = by_pair.get((code, f.severity), 0) + 1
            if code in by_rule:
                by_rule[code] += 1
                if f.severity.rank > worst[code].rank:
                    worst[code] = f.severity
            else:
                by_rule[code] = 1
                worst[code] = f.severity
                new = True
        if new:  # the first finding of a rule in sorted order names it
            for f in sorted(report.iter_findings(), key=Finding.sort_key):
                if f.code not in self.first:
                    self.first[f.code] = (f.name, f.severity, str(f.aspect or ""))

    @property
    def findings(self) -> int:
        return sum(self.counts.values())

    def rule_counts(self) -> list[tuple[str, str, Severity, int]]:
        """As :func:`perflint.report._common.rule_counts` of every finding:
        (code, name, severity, count) per rule and severity, by count then code."""
        return sorted(
            ((code, self.first[code][0], sev, n) for (code, sev), n in self.by_rule_severity.items()),
            key=lambda row: (-row[3], row[0], -row[2].rank),
        )

    def grade_counts(self) -> dict[str, int]:
        return {g: self.grades.get(g, 0) for g in GRADES}


class PathRun:
    """Numbers repeated keys within a run of reports of one path.

    ``count(path, key)`` returns 1 the first time ``key`` is seen since
    ``path`` last changed, then 2, 3 …  Only the current path's keys are kept.
    """

    __slots__ = ("path", "seen")

    def __init__(self) -> None:
        self.path: str | None = None
        self.seen: dict[str, int] = {}

    def count(self, path: str, key: str) -> int:
        if path != self.path:
            self.path = path
            self.seen = {}
        n = self.seen.get(key, 0) + 1
        self.seen[key] = n
        return n


class Spool:
    """Text kept in a temporary file (deleted when closed) until it is copied out."""

    __slots__ = ("file", "size")

    def __init__(self) -> None:
        self.file: IO[bytes] = tempfile.TemporaryFile()  # noqa: SIM115 - open until close()
        self.size = 0

    def write(self, data: bytes) -> None:
        self.file.write(data)
        self.size += len(data)

    def chunks(self, size: int = 1 << 16) -> Iterator[bytes]:
        """The spooled bytes, from the start."""
        self.file.flush()
        self.file.seek(0)
        while True:
            block = self.file.read(size)
            if not block:
                return
            yield block

    def copy_to(self, out: IO[bytes]) -> None:
        for block in self.chunks():
            out.write(block)

    def close(self) -> None:
        self.file.close()


class Records:
    """A spool of (key, text) records, read back in order."""

    __slots__ = ("spool",)

    def __init__(self) -> None:
        self.spool = Spool()

    def add(self, key: str, text: str) -> None:
        k, v = key.encode("utf-8"), text.encode("utf-8")
        self.spool.write(b"%d %d\n" % (len(k), len(v)) + k + v)

    def __iter__(self) -> Iterator[tuple[str, str]]:
        f = self.spool.file
        f.flush()
        f.seek(0)
        while True:
            head = f.readline()
            if not head:
                return
            nk, nv = map(int, head.split())
            yield f.read(nk).decode("utf-8"), f.read(nv).decode("utf-8")

    def close(self) -> None:
        self.spool.close()


class _Unusual(Exception):
    """A value :func:`pretty` leaves to :mod:`json` (a key that is not a string, an unknown type, a cycle)."""


def _float(o: float) -> str:
    if o != o:
        return "NaN"
    if o == _INF:
        return "Infinity"
    if o == -_INF:
        return "-Infinity"
    return _float_repr(o)


_INF = float("inf")
_float_repr = float.__repr__
_int_repr = int.__repr__
_quote = json.encoder.encode_basestring  # the C function where there is one


#: indentation → key → the text before the key's value (``,\n    "key": ``): a report has
#: a few dozen distinct keys, each written hundreds of thousands of times
_heads: dict[str, dict[str, str]] = {}
#: keys remembered per indentation (keys taken from input data could be many)
_HEADS_KEPT = 1024


def _lay_out(o: Any, pad: str, out: list[str]) -> None:
    # the tests of json.encoder._make_iterencode, in its order; the leaves of a container
    # of an exact type (str, None, int: most of a report) are written without a call of their own
    if isinstance(o, str):
        out.append(_quote(o))
    elif o is None:
        out.append("null")
    elif o is True:
        out.append("true")
    elif o is False:
        out.append("false")
    elif isinstance(o, int):
        out.append(_int_repr(o))
    elif isinstance(o, float):
        out.append(_float(o))
    elif isinstance(o, (list, tuple)):
        if not o:
            out.append("[]")
            return
        inner = pad + "  "
        sep = "[\n" + inner
        between = ",\n" + inner
        for item in o:
            t = type(item)
            if t is str:
                out.append(sep + _quote(item))
            elif item is None:
                out.append(sep + "null")
            elif t is int:
                out.append(sep + _int_repr(item))
            else:
                out.append(sep)
                _lay_out(item, inner, out)
            sep = between
        out.append("\n" + pad + "]")
    elif isinstance(o, dict):
        if not o:
            out.append("{}")
            return
        inner = pad + "  "
        heads = _heads.get(inner)
        if heads is None:
            heads = _heads[inner] = {}
        first = len(out)
        for key, value in o.items():
            head = heads.get(key)
            if head is None:
                if not isinstance(key, str):
                    raise _Unusual
                head = ",\n" + inner + _quote(key) + ": "
                if len(heads) < _HEADS_KEPT:
                    heads[key] = head
            t = type(value)
            if t is str:
                out.append(head + _quote(value))
            elif value is None:
                out.append(head + "null")
            elif t is int:
                out.append(head + _int_repr(value))
            else:
                out.append(head)
                _lay_out(value, inner, out)
        out[first] = "{" + out[first][1:]  # the first item's "," opens the object
        out.append("\n" + pad + "}")
    else:
        raise _Unusual


def pretty(obj: Any, level: int = 0) -> str:
    """``json.dumps(obj, ensure_ascii=False, indent=2)``, every line after the first
    indented ``level`` levels more: the same text, about three times faster (the
    standard library lays indented JSON out in pure Python, one generator per
    container).  Anything it does not know is left to :mod:`json` itself."""
    out: list[str] = []
    try:
        _lay_out(obj, "  " * level, out)
    except (_Unusual, RecursionError):
        text = json.dumps(obj, ensure_ascii=False, indent=2)
        return text.replace("\n", "\n" + "  " * level) if level else text
    return "".join(out)


def dumps(obj: Any, level: int) -> str:
    """``obj`` as ``json.dumps(indent=2)`` writes it ``level`` levels deep (first line indented too)."""
    return "  " * level + pretty(obj, level)


class JsonArray:
    """A JSON array ``level`` levels deep, one item at a time, laid out as
    ``json.dumps(indent=2)`` lays it out (``[]`` when empty).

    :meth:`text` gives an item's text (with the bracket or comma before it);
    :meth:`add` writes it with ``write``; :meth:`close` writes the end.
    """

    __slots__ = ("level", "n", "write")

    def __init__(self, write: Callable[[str], None] | None, level: int) -> None:
        self.write = write
        self.level = level
        self.n = 0

    def text(self, item: Any) -> str:
        return self.laid_out(dumps(item, self.level + 1))

    def laid_out(self, text: str) -> str:
        """:meth:`text` of an item already laid out by :func:`dumps` at ``level + 1``."""
        return self.sep() + text

    def sep(self) -> str:
        """What goes before the next item (the bracket or a comma); counts the item."""
        out = "[\n" if self.n == 0 else ",\n"
        self.n += 1
        return out

    def _writer(self) -> Callable[[str], None]:
        """``write``: only an array made with one can add items or close itself."""
        if self.write is None:
            raise TypeError("a JsonArray made without write can only lay items out")
        return self.write

    def add(self, item: Any) -> None:
        self._writer()(self.text(item))

    def end(self) -> str:
        return "[]" if self.n == 0 else "\n" + "  " * self.level + "]"

    def close(self) -> None:
        self._writer()(self.end())


def mark(name: str) -> str:
    """A placeholder value for :func:`json_pieces`."""
    return _MARK.format(name)


def json_pieces(doc: Any, *names: str) -> list[str]:
    """``json.dumps(doc, ensure_ascii=False, indent=2)`` cut at the
    placeholders ``mark(name)`` for each of ``names`` (in document order):
    ``len(names) + 1`` pieces, to be joined with the arrays in between."""
    text = pretty(doc)
    pieces = []
    for name in names:
        before, sep, text = text.partition(json.dumps(mark(name), ensure_ascii=False))
        if not sep:
            raise ValueError(f"no placeholder {name!r} in the document")
        pieces.append(before)
    pieces.append(text)
    return pieces


class Writer:
    """A UTF-8 writer on a binary stream (the sinks' ``out``)."""

    __slots__ = ("out",)

    def __init__(self, out: IO[bytes]) -> None:
        self.out = out

    def __call__(self, text: str) -> None:
        if text:
            self.out.write(text.encode("utf-8"))
