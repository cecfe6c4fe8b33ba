"""Helpers shared by the reporters: options, labels, paths, ordering.

Reporters only format a :class:`~perflint.domain.result.RunResult`; everything here
is pure and deterministic (no clock, no environment, except
:func:`resolve_color`, which the CLI calls once to decide on colour).
"""

from __future__ import annotations

import os
import posixpath
import re
from collections import Counter
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, fields, replace
from pathlib import PurePosixPath, PureWindowsPath
from typing import IO, Any

from perflint.domain.findings import Finding, Severity
from perflint.domain.result import DeclarationReport, FileReport, RuleInfo, RunResult
from perflint.i18n import has, norm_lang, t
from perflint.i18n import pointer_label as pointer_label  # re-exported for the reporters

SEVERITIES: tuple[Severity, ...] = (Severity.ERROR, Severity.WARNING, Severity.INFO)
GRADES: tuple[str, ...] = ("优", "良", "中", "差")
ASPECTS: tuple[str, ...] = ("completeness", "relevance", "appropriateness", "feasibility")


@dataclass(frozen=True, slots=True)
class ReportOptions:
    """How to render a result; the CLI builds one from its flags.

    ``lang``
        ``zh`` (default) or ``en``: the language of messages and headings.
    ``color``
        Emit ANSI colours (terminal format only).  Decide it with
        :func:`resolve_color` (``--color/--no-color``, ``NO_COLOR``, TTY).
    ``quiet``
        Terminal: only the finding lines and one summary line.
    ``statistics``
        Terminal: only the count of findings per rule.
    ``base_dir``
        Paths (SARIF URIs, GitHub ``file=``, every format) are written relative
        to this directory; ``None`` keeps them as the engine gave them.
    ``show_source``
        Terminal: print the offending source line with the span underlined.
    ``width``
        Terminal width in cells; ``None`` asks the console (fixed in tests).
    ``fail_on``
        Severity at or above which JUnit reports a failure.
    """

    lang: str = "zh"
    color: bool = False
    quiet: bool = False
    statistics: bool = False
    base_dir: str | None = None
    show_source: bool = True
    width: int | None = None
    fail_on: Severity = Severity.ERROR

    def __post_init__(self) -> None:
        object.__setattr__(self, "lang", norm_lang(self.lang))
        if not isinstance(self.fail_on, Severity):
            object.__setattr__(self, "fail_on", Severity(str(self.fail_on)))


def coerce_options(options: ReportOptions | Mapping[str, Any] | None) -> ReportOptions:
    """Accept a :class:`ReportOptions`, a plain mapping of its fields, or ``None``."""
    if options is None:
        return ReportOptions()
    if isinstance(options, ReportOptions):
        return options
    known = {f.name for f in fields(ReportOptions)}
    return ReportOptions(**{k: v for k, v in dict(options).items() if k in known})


def with_options(options: ReportOptions, **changes: Any) -> ReportOptions:
    return replace(options, **changes)


def resolve_color(flag: bool | None, stream: IO[str] | None = None, environ: Mapping[str, str] | None = None) -> bool:
    """Whether to colour terminal output.

    An explicit ``--color``/``--no-color`` (``flag``) wins; otherwise
    ``NO_COLOR`` (any non-empty value) turns colour off, ``FORCE_COLOR`` turns
    it on, and else colour is used only when ``stream`` is a TTY.
    """
    if flag is not None:
        return flag
    env = os.environ if environ is None else environ
    if env.get("NO_COLOR"):
        return False
    if env.get("FORCE_COLOR"):
        return True
    if env.get("TERM") == "dumb":
        return False
    try:
        return bool(stream is not None and stream.isatty())
    except (AttributeError, ValueError, OSError):
        return False


# -- paths ----------------------------------------------------------------------

_DRIVE = re.compile(r"^[A-Za-z]:[\\/]")


def rel_path(path: str, base_dir: str | None = None) -> str:
    """``path`` with forward slashes, relative to ``base_dir`` when it lies below it."""
    if path in ("-", "<stdin>", "<memory>"):
        return path
    if _DRIVE.match(path) or "\\" in path:
        p = PureWindowsPath(path).as_posix()
    else:
        p = PurePosixPath(path).as_posix()
    if base_dir:
        base = (
            PureWindowsPath(base_dir).as_posix()
            if (_DRIVE.match(base_dir) or "\\" in base_dir)
            else PurePosixPath(base_dir).as_posix()
        )
        absolute = p.startswith("/") or bool(_DRIVE.match(p))
        if absolute == (base.startswith("/") or bool(_DRIVE.match(base))):
            joined = p if absolute else posixpath.normpath(p)
            try:
                rel = posixpath.relpath(joined, posixpath.normpath(base))
            except ValueError:
                rel = joined
            if not rel.startswith(".."):
                return rel
    return posixpath.normpath(p) if p not in ("", ".") else p


# -- labels -----------------------------------------------------------------------


def severity_label(severity: Severity | str, lang: str) -> str:
    return t(f"severity.{Severity(str(severity)).value}", lang)


def grade_label(grade: str, lang: str) -> str:
    if grade in GRADES:
        return t(f"grade.{grade}", lang)
    return grade or t("grade.none", lang)


def consequence(grade: str, lang: str) -> str:
    return t(f"consequence.{grade}", lang) if grade in GRADES else ""


def aspect_label(aspect: Any, lang: str) -> str:
    if aspect is None or aspect == "":
        return ""
    return t(f"aspect.{aspect}", lang)


def form_label(form_type: str, lang: str) -> str:
    key = f"form.{form_type}"
    return t(key, lang) if has(key) else form_type


def declaration_parts(decl: DeclarationReport, lang: str) -> list[str]:
    """Identity of a declaration for headers: document kind (when not a declaration),
    form type, year, unit, total."""
    parts = [form_label(decl.form_type, lang)]
    if decl.document_kind != "declaration":
        parts.insert(
            0, t(f"kind.{decl.document_kind}", lang) if has(f"kind.{decl.document_kind}") else decl.document_kind
        )
    if decl.year is not None:
        parts.append(t("word.year", lang, year=decl.year))
    if decl.unit:
        parts.append(decl.unit)
    if decl.total:
        parts.append(f"{t('col.total', lang)} {decl.total}")
    return parts


def rule_name(result: RunResult, code: str, finding: Finding | None = None) -> str:
    info = result.rules.get(code)
    if info is not None:
        return info.name
    return finding.name if finding is not None else code


def rule_summary(info: RuleInfo, lang: str) -> str:
    return info.summary.get(lang) or info.summary.get("zh") or next(iter(info.summary.values()), "")


def rule_why(info: RuleInfo, lang: str) -> str:
    return info.why.get(lang) or info.why.get("zh") or ""


def rule_title(info: RuleInfo | None, name: str, lang: str) -> str:
    """A rule's title for people: in Chinese the first clause of its summary
    (“指标值没有数字”), in English its name (``not-measurable``)."""
    if lang != "zh" or info is None:
        return name
    summary = info.summary.get("zh") or ""
    title = re.split(r"[。；，]", summary, maxsplit=1)[0].strip()
    head, colon, _ = title.partition("：")
    if colon and len(head) >= 8:  # 进度计划没有年内节点：多项工作… → the clause before the colon
        title = head
    return title or name


def rules_used(result: RunResult) -> list[RuleInfo]:
    """Every rule that fired (from ``result.rules``, else built from a finding), sorted by code."""
    out: dict[str, RuleInfo] = dict(result.rules)
    for f in result.findings:
        if f.code not in out:
            out[f.code] = RuleInfo(
                code=f.code, name=f.name, severity=f.severity, aspect=str(f.aspect or ""), summary={}
            )
    return [out[code] for code in sorted(out)]


# -- ordering and counting ------------------------------------------------------------


def by_severity(findings: list[Finding]) -> list[Finding]:
    """Most severe first, then in source order."""
    return sorted(findings, key=lambda f: (-f.severity.rank, f.sort_key()))


def sorted_files(result: RunResult) -> list[FileReport]:
    return sorted(result.files, key=lambda f: f.path)


def sorted_declarations(file: FileReport) -> list[DeclarationReport]:
    return sorted(file.declarations, key=lambda d: d.index)


def file_findings(file: FileReport) -> list[Finding]:
    return sorted(file.findings, key=Finding.sort_key)


def decl_findings(decl: DeclarationReport) -> list[Finding]:
    """A declaration's findings in reading order: its defects first, then the reading notes."""
    return sorted(decl.findings, key=lambda f: (f.note, Finding.sort_key(f)))


def ungraded_reason(decl: DeclarationReport, lang: str) -> str:
    """Why a declaration has no grade, in words (empty when it is graded)."""
    if not decl.ungraded:
        return ""
    key = f"ungraded.{decl.ungraded}"
    return t(key, lang) if has(key) else decl.ungraded


def rule_counts(findings: list[Finding]) -> list[tuple[str, str, Severity, int]]:
    """(code, name, severity, count) per rule and severity (a rule may report at several:
    5 warnings and 2 errors are two rows), sorted by count desc, then code, then severity."""
    counter: Counter[tuple[str, Severity]] = Counter((f.code, f.severity) for f in findings)
    names: dict[str, str] = {}
    for f in findings:
        names.setdefault(f.code, f.name)
    return sorted(
        ((code, names[code], sev, n) for (code, sev), n in counter.items()),
        key=lambda row: (-row[3], row[0], -row[2].rank),
    )


def grade_counts(result: RunResult) -> dict[str, int]:
    out = {g: 0 for g in GRADES}
    for d in result.declarations:
        if d.grade in out:
            out[d.grade] += 1
    return out


def aspect_counts(decl: DeclarationReport) -> dict[str, dict[str, int]]:
    """Per aspect: findings / errors / warnings / infos (from the engine, else counted)."""
    out: dict[str, dict[str, int]] = {}
    for aspect in ASPECTS:
        given = decl.aspects.get(aspect)
        if given is not None:
            out[aspect] = {k: int(given.get(k, 0)) for k in ("findings", "errors", "warnings", "infos")}
            continue
        mine = [f for f in decl.findings if str(f.aspect or "") == aspect]
        out[aspect] = {
            "findings": len(mine),
            "errors": sum(1 for f in mine if f.severity is Severity.ERROR),
            "warnings": sum(1 for f in mine if f.severity is Severity.WARNING),
            "infos": sum(1 for f in mine if f.severity is Severity.INFO),
        }
    return out


def source_line(file: FileReport | None, line: int) -> str | None:
    """Line ``line`` (1-based) of ``file``'s source, if the engine kept it."""
    if file is None or line < 1 or line > len(file.lines):
        return None
    return file.lines[line - 1].rstrip("\r\n")


def files_by_path(result: RunResult) -> dict[str, FileReport]:
    return {f.path: f for f in result.files}


# C0 controls (but tab, LF, CR), DEL, C1 controls, bidirectional overrides and
# isolates (which can make text display in another order than it is stored),
# and the two XML non-characters.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ufffe\uffff]")


def strip_control(text: str) -> str:
    """Replace characters XML and terminals cannot take, or that reorder the
    display, with U+FFFD (keeps tab, CR, LF)."""
    return _CONTROL.sub("\ufffd", text)


#: what :func:`printable` writes for a few controls; the others become \\xNN or \\uNNNN
_ESCAPES = {"\n": "\\n", "\r": "\\r", "\t": "\\t", "\x1b": "\\e"}
_UNPRINTABLE = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufffe\uffff]")


def _escape(match: re.Match[str]) -> str:
    ch = match.group()
    return _ESCAPES.get(ch) or (f"\\x{ord(ch):02x}" if ord(ch) < 0x100 else f"\\u{ord(ch):04x}")


def printable(text: str) -> str:
    """``text`` (a file name) with every control, line break and bidirectional
    override written as a visible escape (``\\e``, ``\\n``, ``\\x07``, ``\\u202e``):
    a name cannot drive the terminal, forge a line of output or reorder what is shown,
    and the reader still sees that the name holds such a character."""
    return _UNPRINTABLE.sub(_escape, text)


def one_line(text: str) -> str:
    """Newlines and tabs folded to spaces, for one-line outputs."""
    return " ".join(strip_control(text).replace("\t", " ").split())


def iter_all(result: RunResult) -> Iterator[tuple[FileReport, DeclarationReport | None, Finding]]:
    """Every finding with its file and declaration, in report order."""
    for file in sorted_files(result):
        for decl, f in iter_file(file):
            yield file, decl, f


def iter_file(file: FileReport) -> Iterator[tuple[DeclarationReport | None, Finding]]:
    """One file's findings with their declaration, in report order: the file's
    own, then each declaration's."""
    for f in file_findings(file):
        yield None, f
    for decl in sorted_declarations(file):
        for f in decl_findings(decl):
            yield decl, f


def format_score(score: float | None) -> str:
    """A score with at most one decimal (``52.5``, ``71``); ``—`` when there is none."""
    try:
        text = f"{float(score):.1f}"  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return "—"
    return text.removesuffix(".0")


def plugin_errors(result: RunResult) -> list[dict[str, str]]:
    """Plugins the engine could not load (``result.options["plugin_errors"]``), sorted."""
    return plugin_errors_in(result.options)


def plugin_errors_in(options: Mapping[str, Any] | None) -> list[dict[str, str]]:
    """Plugins the engine could not load, from a run's options (``options["plugin_errors"]``), sorted."""
    items = (options or {}).get("plugin_errors") or []
    out = [{k: str(e.get(k, "")) for k in ("group", "name", "error")} for e in items if isinstance(e, dict)]
    return sorted(out, key=lambda e: (e["group"], e["name"], e["error"]))
