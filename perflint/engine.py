"""The engine: files → declarations → kinds → findings → :class:`RunResult`.

For each file, :func:`perflint.ingest.files.load_file` returns declarations and
input problems (it never raises).  Each input problem becomes a finding of its
``INP`` rule.  Every selected declaration-scope kind runs on each declaration;
bundle-scope kinds run once per file with ``ctx.bundle`` = the file's
declarations.  A kind that raises does not stop the run: the crash becomes a
``PL001`` finding naming the rule and the file.

Selection (see :mod:`perflint.config`): the profile's rules, or ``select``
when given, plus ``extend-select``.  Rules in ``ignore`` or matching a
``per-file-ignores`` entry still run, and their findings are counted in
:attr:`RunResult.suppressed` instead of being reported, so nothing is hidden
silently.  Input (``INP``) and internal (``PL``) findings are reported
whatever the selection, unless ignored.

Severity of a finding: the user's ``severity`` config > the profile's
``[severity]`` > the hit's own severity > the rule's default.

Parameters of a rule: its ``[params]``, with the profile's and then the
user's ``settings`` replacing keys the rule sets; everything else a kind
reads through ``ctx.setting`` comes from the merged settings
(``rules/settings.toml`` < profile < user).
"""

from __future__ import annotations

import fnmatch
import os
import sys
import traceback
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from decimal import Decimal
from pathlib import PurePosixPath
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

from perflint import __version__
from perflint.catalog import INTERNAL_ERROR_CODE, Catalog, Example, Rule
from perflint.checks.base import Context, Hit
from perflint.config import Config
from perflint.errors import InputError, InputProblem
from perflint.findings import Finding, Severity
from perflint.grade import grade
from perflint.ingest.files import (
    FileResult,
    ReadOptions,
    display_path,
    load_bytes,
    load_file,
    read_bytes,
    split_by_origin,
)
from perflint.messages import render
from perflint.model import Declaration, Span, resolve_pointer
from perflint.result import DeclarationReport, FileReport, RunResult, RunSummary

if TYPE_CHECKING:
    from perflint.cache import ResultCache

QUOTE_MAX = 80
INPUT_SUFFIXES = (".txt", ".text", ".json", ".jsonl", ".ndjson")
STDIN = "-"
STDIN_NAME = "<stdin>"
#: below this many files per worker, worker processes cost more than they save
MIN_FILES_PER_WORKER = 4


# ---------------------------------------------------------------------------
# argument formatting
# ---------------------------------------------------------------------------


def _plain(value: Any) -> Any:
    """Hit args as plain JSON data (Decimal → str, tuples → lists …)."""
    if value is None or isinstance(value, (bool, int, str)):
        return value
    if isinstance(value, float):
        return value
    if isinstance(value, Decimal):
        return _decimal_text(value)
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set, frozenset)):
        items = [_plain(v) for v in value]
        return sorted(items, key=str) if isinstance(value, (set, frozenset)) else items
    return str(value)


def _decimal_text(value: Decimal) -> str:
    text = format(value, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text or "0"


def _display(value: Any, lang: str) -> Any:
    if isinstance(value, list):
        sep = "、" if lang == "zh" else ", "
        return sep.join(str(_display(v, lang)) for v in value)
    if isinstance(value, bool):
        return ("是" if value else "否") if lang == "zh" else ("yes" if value else "no")
    if isinstance(value, float):
        return f"{value:g}"
    return value


def render_pair(templates: dict[str, str], args: dict[str, Any]) -> dict[str, str]:
    out = {}
    for lang in ("zh", "en"):
        template = templates.get(lang) or templates.get("zh") or ""
        parts = _compiled(template)
        if parts is None:  # attribute access, format specs …: the general renderer
            out[lang] = render(template, {k: _display(v, lang) for k, v in args.items()})
            continue
        pieces = []
        for literal, name in parts:
            pieces.append(literal)
            if name is not None:
                pieces.append(str(_display(args[name], lang)) if name in args else "{" + name + "}")
        out[lang] = "".join(pieces)
    return out


@lru_cache(maxsize=4096)
def _compiled(template: str) -> tuple[tuple[str, str | None], ...] | None:
    """A message template as (literal, field) pairs when every field is a plain
    ``{name}`` — what :func:`perflint.messages.render` would do, parsed once
    instead of for every finding; None for anything fancier."""
    import string

    try:
        parsed = list(string.Formatter().parse(template))
    except ValueError:
        return None
    out = []
    for literal, name, spec, conversion in parsed:
        if name is not None and (spec or conversion or not name.isidentifier()):
            return None
        out.append((literal, name))
    return tuple(out)


def locate_span(decl: Declaration, pointer: str) -> Span | None:
    """Where a finding at ``pointer`` is shown.

    The value's span (else its label's, else the nearest ancestor's, see
    :meth:`Declaration.span`); for a container with no span of its own
    (``/indicators``, ``/schedule``) the region its children cover, and for a
    value with no trace in the text the region of its nearest such ancestor
    (the indicator row of a missing cell); for the
    whole declaration (``""``) its title, else its first span.
    """
    span = decl.span(pointer) if pointer and pointer != "/" else None
    if span is not None:
        return span
    spans = decl.source.spans
    probe = pointer.rstrip("/")
    while probe:
        # A blank cell that left no trace in the text (a pipe row without
        # that cell) is shown at its row: the region its siblings cover.
        prefix = probe + "/"
        carried = _carried_pointers(decl, probe)
        children = [v for k, v in spans.items()
                    if k.startswith(prefix) and not v.is_empty and k not in carried]
        if children:
            out = children[0]
            for child in children[1:]:
                out = out.cover(child)
            return out
        probe = probe.rsplit("/", 1)[0]
    title = spans.get("/title")
    if title is not None and not title.is_empty:
        return title
    real = sorted(v for v in spans.values() if not v.is_empty)
    return real[0] if real else None


def _carried_pointers(decl: Declaration, pointer: str) -> set[str]:
    """Pointers of an indicator row's levels carried down from a merged cell
    above: they point at another row and do not locate this one."""
    head, _, index = pointer.rpartition("/")
    if head != "/indicators" or not index.isdigit() or int(index) >= len(decl.indicators):
        return set()
    return {f"{pointer}/{name}" for name in decl.indicators[int(index)].inherited}


def _quote(doc: dict[str, Any] | None, pointer: str) -> str | None:
    if doc is None or not pointer or pointer == "/":
        return None
    try:
        node = resolve_pointer(doc, pointer)
    except (KeyError, IndexError, ValueError, TypeError):
        return None
    if isinstance(node, dict):
        node = node.get("text") if isinstance(node.get("text"), str) else None
    if not isinstance(node, str) or not node.strip():
        return None
    text = " ".join(node.split())
    return text if len(text) <= QUOTE_MAX else text[: QUOTE_MAX - 1] + "…"


# ---------------------------------------------------------------------------
# file walking
# ---------------------------------------------------------------------------


def _excluded(rel: str, patterns: list[str]) -> bool:
    parts = PurePosixPath(rel).parts
    for pat in patterns:
        pat = pat.rstrip("/")
        if fnmatch.fnmatch(rel, pat):
            return True
        if any(fnmatch.fnmatch(part, pat) for part in parts):
            return True
    return False


def expand_paths(paths: Iterable[str], exclude: list[str] | None = None) -> list[str]:
    """Files to check: files as given, directories walked recursively (sorted).

    A directory contributes its ``.txt``/``.text``/``.json``/``.jsonl``/
    ``.ndjson`` files, skipping hidden entries and ``exclude`` globs.  Paths
    that do not exist are kept: reading them reports ``INP001``.
    """
    exclude = exclude or []
    try:  # the full walker (gitignore-style excludes, symlink loops, unreadable folders)
        from perflint.ingest.discover import discover
    except ImportError:
        discover = None
    if discover is not None:
        return list(discover(list(paths), exclude))
    out: list[str] = []
    for raw in paths:
        if raw == STDIN or not os.path.isdir(raw):
            out.append(raw)
            continue
        found = []
        for folder, dirs, files in os.walk(raw):
            rel_dir = os.path.relpath(folder, raw)
            dirs[:] = sorted(d for d in dirs if not d.startswith(".")
                             and not _excluded(_posix(os.path.join(rel_dir, d)), exclude))
            for name in files:
                if name.startswith(".") or not name.lower().endswith(INPUT_SUFFIXES):
                    continue
                rel = _posix(os.path.normpath(os.path.join(rel_dir, name)))
                if _excluded(rel, exclude):
                    continue
                found.append(os.path.join(folder, name))
        out.extend(sorted(found, key=_posix))
    return out


def _posix(path: str) -> str:
    return path.replace(os.sep, "/").removeprefix("./")


# ---------------------------------------------------------------------------
# the engine
# ---------------------------------------------------------------------------


@dataclass(slots=True)
class Active:
    rule: Rule
    params: dict[str, Any]
    reported: bool  # False: ignored by config; findings are counted as suppressed


@dataclass(slots=True)
class _FileFindings:
    decl: dict[int, list[Finding]] = field(default_factory=dict)
    file: list[Finding] = field(default_factory=list)
    suppressed: int = 0
    suppressed_by: dict[str, int] = field(default_factory=dict)


class Engine:
    def __init__(self, catalog: Catalog, config: Config, *, only: list[str] | None = None) -> None:
        """``only``: run exactly these rule codes (used to test rules in isolation)."""
        self.catalog = catalog
        self.config = config
        self.only = only
        self.profile = catalog.profiles.get(config.profile)
        overrides = {**(self.profile.settings if self.profile else {}), **config.settings}
        # read-only: one kind must not change what the next one sees
        self.settings = MappingProxyType({**catalog.settings, **overrides})

        if only is not None:
            chosen = [catalog.rules[c] for c in only]
            ignored: set[str] = set()
        else:
            in_profile = [r for r in catalog.profile_rules(config.profile)
                          if config.preview or r.status != "preview"]
            chosen = list(in_profile) if config.select is None else self._pick(config.select, in_profile)
            chosen += self._pick(config.extend_select, in_profile)
            ignored = {r.code for ref in config.ignore for r in catalog.resolve(ref)}
        chosen = [r for r in chosen if r.status != "removed"]
        by_code = {r.code: r for r in chosen}
        self.active: list[Active] = []
        for code in sorted(by_code):
            rule = by_code[code]
            params = dict(rule.params)
            for key in params:
                if key in overrides:
                    params[key] = overrides[key]
            params.update(config.rule_params.get(code, {}))
            self.active.append(Active(rule, params, code not in ignored))
        self.ignored = ignored
        self.severity = self._severity_overrides()

    def recipe(self) -> tuple:
        """What a ``spawn`` worker needs to build the same engine (see :mod:`perflint.parallel`)."""
        classes = {type(k) for k in self.catalog.kinds.values()}
        return (list(self.catalog.packs), sorted(classes, key=lambda c: (c.__module__, c.__qualname__)),
                self.config, self.only)

    def fingerprint(self) -> str:
        """A hash of everything besides a file that decides its findings: the
        perflint version, the configuration, the reading options, and every
        active rule with the kind that runs it (see :mod:`perflint.cache`)."""
        import json
        from importlib import metadata

        from perflint.cache import digest

        kinds = {}
        dists: dict[str, list[str]] | None = None
        for active in self.active:
            kind = self.catalog.kinds.get(active.rule.kind)
            if kind is None:
                continue
            module = type(kind).__module__
            top = module.split(".")[0]
            dist = ""
            if top != "perflint":  # a plugin: its distribution's version (perflint's is __version__)
                if dists is None:
                    try:
                        dists = metadata.packages_distributions()
                    except Exception:  # pragma: no cover - broken metadata: still a stable key
                        dists = {}
                dist = ",".join(sorted(f"{d}={_dist_version(d)}" for d in dists.get(top, [])))
            kinds[active.rule.kind] = f"{module}.{type(kind).__qualname__}@{dist}"
        rules = [{
            "code": a.rule.code, "kind": a.rule.kind, "params": _plain(a.params), "reported": a.reported,
            "severity": self.severity.get(a.rule.code, a.rule.severity).value,
            "messages": _plain(a.rule.message), "variants": _plain(a.rule.messages),
            "suggestion": _plain(a.rule.suggestion), "aspect": str(a.rule.aspect), "name": a.rule.name,
        } for a in self.active]
        internal = {code: [r.name, r.severity.value, _plain(r.message), _plain(r.messages)]
                    for code, r in self.catalog.rules.items() if r.family in ("INP", "PL")}
        state = {
            "version": __version__,
            # an editable install changes code without changing the version
            "code": _code_stamp(sorted({type(k).__module__ for k in self.catalog.kinds.values()})),
            "config": _plain(self.config.summary()),
            "per_file_ignores": _plain(self.config.per_file_ignores),
            "root": str(self.config.root),
            "read": [self.config.max_file_size, self.config.encoding],
            "settings": _plain(dict(self.settings)),
            "ignored": sorted(self.ignored),
            "kinds": kinds,
            "rules": rules,
            "internal": internal,
        }
        return digest(json.dumps(state, ensure_ascii=False, sort_keys=True, default=str))

    # -- configuration ------------------------------------------------------
    def _pick(self, refs: list[str], in_profile: list[Rule]) -> list[Rule]:
        """Rules ``refs`` select: an exact code, name or alias selects its rule under any
        profile; a prefix (``VAL``, ``ALL``) selects only the rules the profile enables."""
        enabled = {r.code for r in in_profile}
        out: list[Rule] = []
        for ref in refs:
            exact = self.catalog.specificity(ref) == 2
            out.extend(r for r in self.catalog.resolve(ref) if exact or r.code in enabled)
        return out

    def _severity_overrides(self) -> dict[str, Severity]:
        """code -> forced severity: profile first, then config; prefixes before exact refs."""
        out: dict[str, Severity] = {}
        layers = []
        if self.profile is not None:
            layers.append({k: v.value for k, v in self.profile.severity.items()})
        layers.append(self.config.severity)
        for layer in layers:
            for ref in sorted(layer, key=lambda r: (self.catalog.specificity(r), r)):
                for rule in self.catalog.resolve(ref):
                    out[rule.code] = Severity(layer[ref])
        return out

    def _file_ignores(self, path: str) -> set[str]:
        if not self.config.per_file_ignores or path == STDIN_NAME:
            return set()
        candidates = {_posix(path)}
        try:
            rel = os.path.relpath(os.path.abspath(path), self.config.root)
            if not rel.startswith(".."):
                candidates.add(_posix(rel))
        except ValueError:  # another drive on Windows
            pass
        base = os.path.basename(path)
        out: set[str] = set()
        for glob, refs in self.config.per_file_ignores.items():
            hit = any(fnmatch.fnmatch(c, glob) for c in candidates)
            if not hit and "/" not in glob:
                hit = fnmatch.fnmatch(base, glob)
            if hit:
                out.update(r.code for ref in refs for r in self.catalog.resolve(ref))
        return out

    def context(self, decls: list[Declaration], index: int) -> Context:
        return Context(settings=self.settings, bundle=decls, index=index, profile=self.config.profile,
                       today=self.config.today)

    # -- running --------------------------------------------------------------
    @property
    def read_options(self) -> ReadOptions:
        return ReadOptions(max_bytes=self.config.max_file_size, encoding=self.config.encoding)

    def files(self, paths: Iterable[str]) -> list[str]:
        """The files ``paths`` name, in the order they are reported: by display path."""
        files = expand_paths(paths, self.config.exclude)
        return sorted(dict.fromkeys(files), key=lambda p: (p != STDIN, _shown(p)))

    def check_path(self, path: str, cache: ResultCache | None = None) -> tuple[list[FileReport], bool]:
        """Read and check one file: its reports (more than one when an
        ``extract`` JSON file points at several original files) and whether
        they came from ``cache``."""
        display = _shown(path)
        options = self.read_options
        if path == STDIN:
            fr = load_file(path, options)
            return self.file_reports(fr, display), False
        try:
            data = read_bytes(path, options.max_bytes)
        except InputError as exc:
            return self.file_reports(FileResult(display_path(path), problems=[exc.problem(display_path(path))]),
                                     display), False
        key = cache.entry_key(data, display) if cache is not None else None
        if key is not None:
            hit = cache.get(key)
            if hit is not None:
                return hit, True
        reports = self.file_reports(load_bytes(data, display_path(path), options), display)
        if key is not None and not any(f.code == INTERNAL_ERROR_CODE for r in reports for f in r.iter_findings()):
            cache.put(key, reports)  # a crash is never cached: the next run tries again
        return reports, False

    def file_reports(self, fr: FileResult, display: str) -> list[FileReport]:
        return [self.file_report(part, display if part.path == fr.path else _posix(part.path))
                for part in split_by_origin(fr)]  # extract output: reported at the original file

    def stream(self, paths: Iterable[str], *, jobs: int = 1, cache: ResultCache | None = None,
               on_start: Callable[[int], None] | None = None,
               stats: RunSummary | None = None) -> Iterator[FileReport]:
        """Check every file under ``paths`` and yield its reports as files complete,
        in a deterministic order (by display path) whatever ``jobs`` is.

        ``jobs`` > 1 checks files in that many worker processes.  Nothing is
        kept once yielded: memory does not grow with the number of files.
        """
        files = self.files(paths)
        if on_start is not None:
            on_start(len(files))
        if STDIN in files:  # standard input can only be read here
            files.remove(STDIN)
            reports, _ = self.check_path(STDIN)
            yield from reports
        for reports, cached in self._checked(files, jobs, cache):
            if stats is not None and cached:
                stats.cached_files += 1
            yield from reports

    def _checked(self, files: list[str], jobs: int, cache: ResultCache | None
                 ) -> Iterator[tuple[list[FileReport], bool]]:
        # Files the cache already answers are read back here, in order; only
        # the others go to the workers, so a warm run starts no worker at all.
        hits: dict[str, str] = {}
        if cache is not None:
            for path in files:
                key = self._cached_key(path, cache)
                if key is not None:
                    hits[path] = key
        misses = [p for p in files if p not in hits]
        workers = min(jobs, len(misses) // MIN_FILES_PER_WORKER)
        if workers > 1:
            from perflint import parallel

            computed = parallel.check_paths(self, misses, workers, cache)
        else:
            computed = (self.check_path(path, cache) for path in misses)
        try:
            for path in files:
                key = hits.get(path)
                reports = cache.get(key) if key is not None else None
                if reports is not None:
                    yield reports, True
                elif key is not None:  # damaged since we looked: check it here
                    yield self.check_path(path, cache)
                else:
                    yield next(computed)
        finally:
            close = getattr(computed, "close", None)
            if close is not None:
                close()

    def _cached_key(self, path: str, cache: ResultCache) -> str | None:
        """The cache key of ``path`` when the cache holds an entry for it."""
        try:
            data = read_bytes(path, self.config.max_file_size)
        except InputError:
            return None
        key = cache.entry_key(data, _shown(path))
        return key if cache.has(key) else None

    def summary(self) -> RunSummary:
        return RunSummary(profile=self.config.profile, version=__version__, options=self.config.summary())

    def finish_summary(self, summary: RunSummary) -> RunSummary:
        summary.rules = {code: self.catalog.rules[code].info() for code in sorted(summary.by_rule)
                         if code in self.catalog.rules}
        summary.options["plugin_errors"] = [e.to_dict() for e in self.catalog.plugin_errors]
        summary.options["suppressed_by_rule"] = dict(sorted(summary.suppressed_by_rule.items()))
        summary.options["rules_run"] = len(self.active)
        summary.by_rule = dict(sorted(summary.by_rule.items()))
        summary.suppressed_by_rule = dict(sorted(summary.suppressed_by_rule.items()))
        return summary

    def run(self, paths: Iterable[str], on_start: Callable[[int], None] | None = None,
            on_file: Callable[[str], None] | None = None, *, jobs: int = 1,
            cache: ResultCache | None = None) -> RunResult:
        """Check every file under ``paths`` and keep everything (see :meth:`stream`
        for the streaming form).  ``on_start(total)`` is called once the
        directories are walked and ``on_file(path)`` after each report (progress)."""
        result = self._new_result()
        for report in self.stream(paths, jobs=jobs, cache=cache, on_start=on_start):
            self._keep(result, report)
            if on_file is not None:
                on_file(report.path)
        return self._finish(result)

    def run_file_result(self, fr: FileResult, display: str | None = None) -> RunResult:
        result = self._new_result()
        for report in self.file_reports(fr, display or fr.path):
            self._keep(result, report)
        return self._finish(result)

    def run_declarations(self, decls: list[Declaration], path: str = "<memory>") -> RunResult:
        return self.run_file_result(FileResult(path, declarations=decls), path)

    def _new_result(self) -> RunResult:
        return RunResult(profile=self.config.profile, version=__version__, options=self.config.summary())

    @staticmethod
    def _keep(result: RunResult, report: FileReport) -> None:
        result.files.append(report)
        result.suppressed += sum(report.suppressed_by.values())
        by = result.options.setdefault("suppressed_by_rule", {})
        for code, n in report.suppressed_by.items():
            by[code] = by.get(code, 0) + n

    def _finish(self, result: RunResult) -> RunResult:
        result.files.sort(key=lambda f: f.path)
        used = {f.code for f in result.findings}
        result.rules = {code: self.catalog.rules[code].info() for code in sorted(used) if code in self.catalog.rules}
        result.options["plugin_errors"] = [e.to_dict() for e in self.catalog.plugin_errors]
        result.options["suppressed_by_rule"] = dict(sorted(result.options.get("suppressed_by_rule", {}).items()))
        result.options["rules_run"] = len(self.active)
        return result

    def file_report(self, fr: FileResult, display: str) -> FileReport:
        """Every finding of one file (already read) as a :class:`FileReport`."""
        found = _FileFindings()
        ignores = self.ignored | self._file_ignores(display)
        decls = fr.declarations
        for problem in fr.problems:
            self._emit_problem(found, problem, display, ignores, decls)
        docs = _Docs(decls)
        # one context per declaration, shared by the rules (read-only for kinds)
        contexts = [self.context(decls, i) for i in range(max(len(decls), 1))]
        for active in self.active:
            kind = self.catalog.kinds.get(active.rule.kind)
            if kind is None:
                continue
            if kind.scope == "bundle":
                if decls:
                    self._run(found, active, display, decls, docs, None, ignores, kind, None, contexts[0])
            else:
                for i, decl in enumerate(decls):
                    self._run(found, active, display, decls, docs, i, ignores, kind, decl, contexts[i])
        report = FileReport(path=display, encoding=fr.encoding, readable=fr.readable,
                            suppressed_by=dict(sorted(found.suppressed_by.items())))
        report.findings = sorted(_dedup(found.file), key=Finding.sort_key)
        for i, decl in enumerate(decls):
            findings = sorted(_dedup(found.decl.get(i, [])), key=Finding.sort_key)
            g = grade(findings, self.config.grade)
            total = decl.money.total
            report.declarations.append(DeclarationReport(
                path=display,
                index=i,
                form_type=str(decl.form_type),
                name=decl.name,
                unit=decl.filing_unit or decl.department,
                year=decl.year,
                total=None if total is None or not (total.text or total.amount is not None)
                else f"{_decimal_text(total.amount) if total.amount is not None else total.text} {total.unit}".strip(),
                grade=g.grade,
                score=g.score,
                aspects=g.aspects,
                findings=findings,
            ))
        report.lines = _cited_lines((fr.text or "").splitlines(), report)
        return report

    def _run(self, found: _FileFindings, active: Active, path: str, decls: list[Declaration],
             docs: _Docs, index: int | None, ignores: set[str], kind: Any, decl: Declaration | None,
             ctx: Context) -> None:
        rule = active.rule
        try:  # a plain function returning None found nothing
            if decl is None:
                hits = list(kind.check_bundle(decls, dict(active.params), ctx) or ())
            else:
                hits = list(kind.check(decl, dict(active.params), ctx) or ())
        except Exception as exc:  # a broken kind must not kill the run
            if self.config.debug:
                traceback.print_exc(file=sys.stderr)
            self._emit_internal(found, active, path, index, exc, decls, ignores)
            return
        for hit in hits:
            try:
                finding = self._finding(rule, hit, path, decls, docs, index)
            except Exception as exc:
                if self.config.debug:
                    traceback.print_exc(file=sys.stderr)
                self._emit_internal(found, active, path, index, exc, decls, ignores)
                return
            self._place(found, finding, reported=active.reported and rule.code not in ignores)

    def _finding(self, rule: Rule, hit: Hit, path: str, decls: list[Declaration], docs: _Docs,
                 index: int | None) -> Finding:
        if not isinstance(hit, Hit):
            raise TypeError(f"kind {rule.kind!r} yielded {type(hit).__name__}, not Hit")
        decl_index = hit.declaration if hit.declaration is not None else index
        decl = decls[decl_index] if decl_index is not None and 0 <= decl_index < len(decls) else None
        if decl_index is not None and decl is None:
            raise IndexError(f"hit for declaration {decl_index} of {len(decls)}")
        args = {str(k): _plain(v) for k, v in sorted((hit.args or {}).items())}
        if rule.code in self.severity:
            severity = self.severity[rule.code]
        elif hit.severity is not None:
            severity = Severity(hit.severity)
        else:
            severity = rule.severity
        suggestion = render_pair(rule.suggestion, args) if hit.suggest and rule.suggestion else None
        return Finding(
            code=rule.code,
            name=rule.name,
            severity=severity,
            path=path,
            message=render_pair(rule.template(hit.variant), args),
            pointer=hit.pointer or "",
            span=locate_span(decl, hit.pointer) if decl is not None else None,
            declaration=decl_index,
            declaration_name=decl.display_name if decl is not None else None,
            aspect=rule.aspect,
            suggestion=suggestion,
            args=args,
            quote=_quote(docs[decl_index], hit.pointer) if decl is not None else None,
        )

    def _place(self, found: _FileFindings, finding: Finding, reported: bool) -> None:
        if not reported:
            found.suppressed += 1
            found.suppressed_by[finding.code] = found.suppressed_by.get(finding.code, 0) + 1
            return
        if finding.declaration is None:
            found.file.append(finding)
        else:
            found.decl.setdefault(finding.declaration, []).append(finding)

    def _emit_problem(self, found: _FileFindings, problem: InputProblem, path: str, ignores: set[str],
                      decls: list[Declaration]) -> None:
        rule = self.catalog.rules.get(problem.code)
        args = {str(k): _plain(v) for k, v in sorted(problem.args.items())}
        index = getattr(problem, "declaration", None)
        decl = decls[index] if index is not None and 0 <= index < len(decls) else None
        if decl is None:
            index = None
        if rule is None:  # an input problem without a rule file: still never lost
            finding = Finding(code=problem.code, name=problem.code.lower(), severity=Severity.ERROR, path=path,
                              message={"zh": f"{problem.code} {args}", "en": f"{problem.code} {args}"},
                              pointer=problem.pointer, span=problem.span, args=args, declaration=index,
                              declaration_name=None if decl is None else decl.display_name)
        else:
            finding = Finding(code=rule.code, name=rule.name,
                              severity=self.severity.get(rule.code, rule.severity), path=path,
                              message=render_pair(rule.template(getattr(problem, "variant", None)), args),
                              pointer=problem.pointer, span=problem.span, aspect=rule.aspect, args=args,
                              declaration=index, declaration_name=None if decl is None else decl.display_name)
        self._place(found, finding, reported=problem.code not in ignores)

    def _emit_internal(self, found: _FileFindings, active: Active, path: str, index: int | None,
                       exc: BaseException, decls: list[Declaration], ignores: set[str]) -> None:
        rule = active.rule
        internal = self.catalog.rules.get(INTERNAL_ERROR_CODE)
        args = {"rule": rule.code, "name": rule.name, "kind": rule.kind, "path": path,
                "error": f"{type(exc).__name__}: {exc}"}
        decl = decls[index] if index is not None else None
        message = render_pair(internal.message, args) if internal else {
            "zh": f"规则 {rule.code} 内部错误：{args['error']}", "en": f"rule {rule.code} crashed: {args['error']}"}
        finding = Finding(code=INTERNAL_ERROR_CODE, name=internal.name if internal else "internal-error",
                          severity=Severity.ERROR, path=path, message=message, declaration=index,
                          declaration_name=decl.display_name if decl is not None else None,
                          aspect=internal.aspect if internal else None, args=args)
        # the crash of an ignored rule is suppressed like its findings would be
        reported = INTERNAL_ERROR_CODE not in ignores and active.reported and rule.code not in ignores
        self._place(found, finding, reported=reported)


def _dist_version(name: str) -> str:
    from importlib import metadata

    try:
        return metadata.version(name)
    except Exception:  # pragma: no cover
        return "?"


def _code_stamp(modules: list[str]) -> str:
    """Size and modification time of perflint's own files and of the modules
    that define the active kinds (plugins)."""
    import perflint

    files: set[str] = set()
    package = os.path.dirname(perflint.__file__)
    for folder, _dirs, names in os.walk(package):
        files.update(os.path.join(folder, n) for n in names if n.endswith((".py", ".toml", ".json")))
    for name in modules:
        module = sys.modules.get(name)
        if module is not None and getattr(module, "__file__", None):
            files.add(module.__file__)
    out = []
    for path in sorted(files):
        try:
            st = os.stat(path)
        except OSError:
            continue
        out.append(f"{path}:{st.st_size}:{st.st_mtime_ns}")
    return "\n".join(out)


class _Docs:
    """Each declaration as a plain dict (for quoting a finding's value), made
    only for declarations that have findings."""

    __slots__ = ("decls", "made")

    def __init__(self, decls: list[Declaration]) -> None:
        self.decls = decls
        self.made: dict[int, dict[str, Any]] = {}

    def __getitem__(self, index: int) -> dict[str, Any]:
        doc = self.made.get(index)
        if doc is None:
            doc = self.made[index] = self.decls[index].to_dict(include_source=False)
        return doc


def _cited_lines(lines: list[str], report: FileReport) -> list[str]:
    """The file's lines with those no finding points at blanked (reporters only
    show cited lines; a report in flight or in the cache stays small)."""
    keep = [False] * len(lines)
    for f in report.iter_findings():
        if f.span is not None:
            for n in range(max(f.span.line, 1), min(f.span.end_line, len(lines)) + 1):
                keep[n - 1] = True
    return [line if k else "" for line, k in zip(lines, keep)]


def _shown(path: str) -> str:
    return STDIN_NAME if path == STDIN else _posix(display_path(path))


def _dedup(findings: list[Finding]) -> list[Finding]:
    seen: set[tuple] = set()
    out = []
    for f in findings:
        key = (f.code, f.severity.value, f.declaration, f.pointer, f.message.get("zh"), f.message.get("en"),
               None if f.span is None else tuple(f.span.to_list()))
        if key in seen:
            continue
        seen.add(key)
        out.append(f)
    return out


def has_internal_errors(result: RunResult) -> bool:
    return any(f.code == INTERNAL_ERROR_CODE for f in result.findings)


# ---------------------------------------------------------------------------
# rule examples (docs that run as tests)
# ---------------------------------------------------------------------------


def example_input(example: Example) -> FileResult:
    """Read an example's input the way the CLI would read a file."""
    data = example.data
    path = data.get("path") or ("example.json" if "declaration" in data or "bundle" in data else "example.txt")
    if "declaration" in data or "bundle" in data:
        docs = data["bundle"] if "bundle" in data else [data["declaration"]]
        decls = []
        for i, doc in enumerate(docs):
            decl = Declaration.from_dict(doc)
            decl.source.path = path
            decl.source.index = i
            decls.append(decl)
        return FileResult(path, declarations=decls)
    options = ReadOptions()
    if "max_bytes" in data:
        options.max_bytes = int(data["max_bytes"])
    if "bytes_hex" in data:
        raw = bytes.fromhex(data["bytes_hex"])
    elif "text" in data:
        raw = data["text"].encode(data.get("encoding") or "utf-8")
    else:  # a path alone: read it (the input family documents unreadable files)
        return load_file(path, options)
    if len(raw) > options.max_bytes:
        return FileResult(path, problems=[InputProblem("INP006", path, {"size": len(raw), "limit": options.max_bytes})])
    if data.get("encoding") and "bytes_hex" in data:
        options.encoding = data["encoding"]
    return load_bytes(raw, path, options)


def run_example(catalog: Catalog, rule: Rule, example: Example, base: Config | None = None) -> list[Finding]:
    """The findings of ``rule`` alone on ``example`` (under its profile and settings)."""
    from dataclasses import replace

    config = replace(base or Config(), profile=example.profile or (base.profile if base else "hunan-2019"),
                     settings={**(base.settings if base else {}), **example.settings},
                     select=None, extend_select=[], ignore=[], per_file_ignores={}, severity={})
    engine = Engine(catalog, config, only=[rule.code])
    fr = example_input(example)
    result = engine.run_file_result(fr, fr.path)
    return [f for f in result.findings if f.code == rule.code]
