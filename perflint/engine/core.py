"""The engine: files → declarations → kinds → findings → reports.

For each file, :func:`perflint.ingest.files.load_file` returns declarations and
input problems (it never raises).  Each input problem becomes a finding of its
``INP`` rule.  Every selected declaration-scope kind runs on each declaration;
bundle-scope kinds run once per file with ``ctx.bundle`` = the file's
declarations.  A kind that raises does not stop the run: the crash becomes a
``PL001`` finding naming the rule and the file.

Selection (see :mod:`perflint.engine.config`): the profile's rules, or ``select``
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

import os
import sys
import traceback
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from perflint._version import __version__
from perflint.catalog import INTERNAL_ERROR_CODE, Catalog, Rule
from perflint.checks.analysis.rows import Analysis
from perflint.checks.analysis.shape import doubtful_rows, no_form_evidence
from perflint.checks.base import Context, Hit, Params
from perflint.domain.findings import Finding, Severity
from perflint.domain.model import Declaration
from perflint.domain.problems import InputError, InputProblem
from perflint.domain.result import DeclarationReport, FileReport, RunResult, RunSummary
from perflint.engine import keys, parallel
from perflint.engine.cache import ResultCache
from perflint.engine.config import Config
from perflint.engine.discover import STDIN, expand_paths, is_special, posix, shown
from perflint.engine.findings import (
    Docs,
    cited_lines,
    decimal_text,
    dedup,
    locate_span,
    make_finding,
    plain,
    quote,
)
from perflint.engine.grade import grade
from perflint.engine.selection import Active, Selection
from perflint.ingest.files import (
    FileResult,
    ReadOptions,
    display_path,
    load_bytes,
    load_file,
    read_bytes,
    split_by_origin,
)

#: below this many files per worker, worker processes cost more than they save
MIN_FILES_PER_WORKER = 4
#: findings one rule may report on one declaration (or one bundle); the rest are counted
#: as suppressed: a crafted field (预预 × 100,000) cannot flood the report with copies
MAX_HITS_PER_RULE = 100


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
        self.selection = Selection(catalog, config, only)
        self.active = self.selection.active
        self.settings = self.selection.settings
        self.severity = self.selection.severity
        self.ignored = self.selection.ignored
        #: FIFOs, sockets and devices a folder walk met (see :meth:`files`)
        self.special: set[str] = set()
        self._runnable_rules: list[tuple[Active, Any, Params]] | None = None

    def recipe(self) -> tuple[Callable[..., Engine], tuple[Any, ...]]:
        """What a ``spawn`` worker needs to build the same engine (see
        :mod:`perflint.engine.parallel`): a function and its arguments, all picklable."""
        classes = {type(k) for k in self.catalog.kinds.values()}
        return Engine.rebuild, (
            list(self.catalog.packs),
            sorted(classes, key=lambda c: (c.__module__, c.__qualname__)),
            self.config,
            self.only,
        )

    @classmethod
    def rebuild(cls, packs: list[Any], kind_classes: list[Any], config: Config, only: list[str] | None) -> Engine:
        """The engine :meth:`recipe` describes: the same packs and kinds loaded again."""
        return cls(Catalog.load(packs=packs, kind_classes=kind_classes), config, only=only)

    def fingerprint(self) -> str:
        """A hash of everything besides a file that decides its findings (see :mod:`perflint.engine.keys`)."""
        return keys.fingerprint(self.catalog, self.config, self.selection)

    def context(self, decls: list[Declaration], index: int, analyses: list[Analysis | None] | None = None) -> Context:
        return Context(
            settings=self.settings,
            bundle=decls,
            index=index,
            profile=self.config.profile,
            today=self.config.today,
            analyses=analyses if analyses is not None else [None] * len(decls),
        )

    # -- running --------------------------------------------------------------
    @property
    def read_options(self) -> ReadOptions:
        return ReadOptions(max_bytes=self.config.max_file_size, encoding=self.config.encoding)

    def files(self, paths: Iterable[str]) -> list[str]:
        """The files ``paths`` name, in the order they are reported: by display path.

        FIFOs, sockets and devices found in a folder are kept aside in ``self.special``:
        they are reported (INP001) and never read."""
        paths = list(paths)
        files = expand_paths(paths, self.config.exclude)
        named = {os.path.normpath(p) for p in paths}
        self.special = {p for p in files if os.path.normpath(p) not in named and is_special(p)}
        return sorted(dict.fromkeys(files), key=lambda p: (p != STDIN, shown(p)))

    def special_report(self, path: str) -> list[FileReport]:
        """The reports of a FIFO, socket or device met in a folder: one INP001, nothing read."""
        where = display_path(path)
        problem = InputProblem("INP001", where, {"reason": "not a regular file"}, variant="not-a-file")
        return self.file_reports(FileResult(where, problems=[problem]), shown(path))

    def check_path(self, path: str, cache: ResultCache | None = None) -> tuple[list[FileReport], bool]:
        """Read and check one file: its reports (more than one when an
        ``extract`` JSON file points at several original files) and whether
        they came from ``cache``."""
        display = shown(path)
        options = self.read_options
        if path == STDIN:
            fr = load_file(path, options)
            return self.file_reports(fr, display), False
        try:
            data = read_bytes(path, options.max_bytes)
        except InputError as exc:
            return self.file_reports(
                FileResult(display_path(path), problems=[exc.problem(display_path(path))]), display
            ), False
        key = cache.entry_key(data, display) if cache is not None else None
        if cache is not None and key is not None:
            hit = cache.get(key)
            if hit is not None:
                return hit, True
        reports = self.file_reports(load_bytes(data, display_path(path), options), display)
        if (
            cache is not None
            and key is not None
            and not any(f.code == INTERNAL_ERROR_CODE for r in reports for f in r.iter_findings())
        ):
            cache.put(key, reports)  # a crash is never cached: the next run tries again
        return reports, False

    def file_reports(self, fr: FileResult, display: str) -> list[FileReport]:
        return [
            self.file_report(part, display if part.path == fr.path else posix(part.path))
            for part in split_by_origin(fr)
        ]  # extract output: reported at the original file

    def stream(
        self,
        paths: Iterable[str],
        *,
        jobs: int = 1,
        cache: ResultCache | None = None,
        on_start: Callable[[int], None] | None = None,
        stats: RunSummary | None = None,
    ) -> Iterator[FileReport]:
        """Check every file under ``paths`` and yield its reports as files complete,
        in a deterministic order (by display path) whatever ``jobs`` is.

        ``jobs`` > 1 checks files in that many worker processes.  Nothing is
        kept once yielded: memory does not grow with the number of files.
        """
        for report, _ in self.stream_prepared(paths, jobs=jobs, cache=cache, on_start=on_start, stats=stats):
            yield report

    def stream_prepared(
        self,
        paths: Iterable[str],
        *,
        jobs: int = 1,
        cache: ResultCache | None = None,
        on_start: Callable[[int], None] | None = None,
        stats: RunSummary | None = None,
        prepare: parallel.Prepare | None = None,
    ) -> Iterator[tuple[FileReport, Any]]:
        """:meth:`stream`, each report with what ``prepare`` made of it in the worker
        process that checked it (its outputs' text), or None where no worker did
        (one process, a cached file, a failure): then the caller lays it out itself."""
        files = self.files(paths)
        if on_start is not None:
            on_start(len(files))
        if STDIN in files:  # standard input can only be read here
            files.remove(STDIN)
            reports, _ = self.check_path(STDIN)
            for report in reports:
                yield report, None
        for reports, cached, made in self._checked(files, jobs, cache, prepare):
            if stats is not None and cached:
                stats.cached_files += 1
            for i, report in enumerate(reports):
                yield report, made[i] if made is not None and len(made) == len(reports) else None

    def _checked(
        self, files: list[str], jobs: int, cache: ResultCache | None, prepare: parallel.Prepare | None = None
    ) -> Iterator[parallel.Checked]:
        # Files the cache already answers are read back here, in order; only
        # the others go to the workers, so a warm run starts no worker at all.
        hits: dict[str, str] = {}
        special = self.special
        if cache is not None:
            for path in files:
                key = self._cached_key(path, cache) if path not in special else None
                if key is not None:
                    hits[path] = key
        misses = [p for p in files if p not in hits and p not in special]
        workers = min(jobs, len(misses) // MIN_FILES_PER_WORKER)
        computed: Iterator[parallel.Checked]
        if workers > 1:
            computed = parallel.check_paths(self, misses, workers, cache, self.config.time_limit, prepare)
        else:
            computed = ((*parallel.check_limited(self, path, cache, self.config.time_limit), None) for path in misses)
        try:
            for path in files:
                key = hits.get(path)
                reports = cache.get(key) if cache is not None and key is not None else None
                if path in special:
                    yield self.special_report(path), False, None
                elif reports is not None:
                    yield reports, True, None
                elif key is not None:  # damaged since we looked: check it here
                    yield (*self.check_path(path, cache), None)
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
        key = cache.entry_key(data, shown(path))
        return key if cache.has(key) else None

    def summary(self) -> RunSummary:
        return RunSummary(profile=self.config.profile, version=__version__, options=self.config.summary())

    def finish_summary(self, summary: RunSummary) -> RunSummary:
        summary.rules = {
            code: self.catalog.rules[code].info(self.config.docs_url)
            for code in sorted(summary.by_rule)
            if code in self.catalog.rules
        }
        summary.options["plugin_errors"] = [e.to_dict() for e in self.catalog.plugin_errors]
        summary.options["suppressed_by_rule"] = dict(sorted(summary.suppressed_by_rule.items()))
        summary.options["rules_run"] = len(self.active)
        summary.by_rule = dict(sorted(summary.by_rule.items()))
        summary.suppressed_by_rule = dict(sorted(summary.suppressed_by_rule.items()))
        return summary

    def run(
        self,
        paths: Iterable[str],
        on_start: Callable[[int], None] | None = None,
        on_file: Callable[[str], None] | None = None,
        *,
        jobs: int = 1,
        cache: ResultCache | None = None,
    ) -> RunResult:
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
        result.rules = {
            code: self.catalog.rules[code].info(self.config.docs_url)
            for code in sorted(used)
            if code in self.catalog.rules
        }
        result.options["plugin_errors"] = [e.to_dict() for e in self.catalog.plugin_errors]
        result.options["suppressed_by_rule"] = dict(sorted(result.options.get("suppressed_by_rule", {}).items()))
        result.options["rules_run"] = len(self.active)
        return result

    def file_report(self, fr: FileResult, display: str) -> FileReport:
        """Every finding of one file (already read) as a :class:`FileReport`."""
        found = _FileFindings()
        ignores = self.ignored | self.selection.file_ignores(display)
        decls = fr.declarations
        for problem in fr.problems:
            self._emit_problem(found, problem, display, ignores, decls)
        docs = Docs(decls)
        # one context per declaration, shared by the rules (read-only for kinds)
        # one analysis per declaration, built on first use and shared by every rule
        analyses: list[Analysis | None] = [None] * len(decls)
        contexts = [self.context(decls, i, analyses) for i in range(max(len(decls), 1))]
        # (declaration, a rule's needs) -> whether the rule runs there, and on which fields only
        scopes: dict[tuple[int, tuple[str, ...]], tuple[bool, tuple[str, ...] | None]] = {}
        # declarations every part of which was read, or surely absent: every rule runs on all of it
        whole = [_read_whole(decl) for decl in decls]
        not_whole = not all(whole)
        # the rule's document kinds -> the declarations it judges, with their contexts
        judged: dict[Any, list[tuple[int, Declaration, Context]]] = {}
        for active, kind, params in self._runnable():
            rule = active.rule
            documents = rule.documents
            if kind.scope == "bundle":
                if decls and all(d.document_kind in documents for d in decls):
                    self._run(found, active, display, decls, docs, None, ignores, kind, None, contexts[0], None, params)
                continue
            needs = rule.needs if not_whole else ()
            check = kind.check
            todo = judged.get(documents)
            if todo is None:  # a notice or approval is not judged on its filing parts
                todo = judged[documents] = [
                    (i, decl, contexts[i]) for i, decl in enumerate(decls) if decl.document_kind in documents
                ]
            for i, decl, ctx in todo:
                only: tuple[str, ...] | None = None
                if needs and not whole[i]:
                    scope = scopes.get((i, needs))
                    if scope is None:
                        scope = scopes[(i, needs)] = _scope(decl, needs)
                    runs, only = scope
                    if not runs:
                        continue
                # the call of _run inlined: most rules find nothing in most declarations
                try:  # a plain function returning None found nothing
                    found_hits = check(decl, params, ctx)
                    if not found_hits:
                        continue
                    hits = list(found_hits)
                except Exception as exc:  # a broken kind must not kill the run
                    self._crashed(found, active, display, i, exc, decls, ignores)
                    continue
                if hits:
                    self._keep_hits(found, active, display, decls, docs, i, ignores, hits, only)
        report = FileReport(
            path=display,
            encoding=fr.encoding,
            readable=fr.readable,
            suppressed_by=dict(sorted(found.suppressed_by.items())),
        )
        report.findings = sorted(dedup(found.file), key=Finding.sort_key)
        for i, decl in enumerate(decls):
            findings = _claimable(decl, sorted(dedup(found.decl.get(i, [])), key=Finding.sort_key), self._local())
            ungraded = _ungraded(decl)
            g = grade([f for f in findings if not f.note], self.config.grade)
            total = decl.money.total
            report.declarations.append(
                DeclarationReport(
                    path=display,
                    index=i,
                    form_type=str(decl.form_type),
                    name=decl.name,
                    unit=decl.filing_unit or decl.department,
                    year=decl.year,
                    # only an amount that was read: a total whose text is no amount is a misreading
                    # (a label or the next cells read as the value) and must not head the report
                    total=None
                    if total is None or total.amount is None
                    else f"{decimal_text(total.amount)} {total.unit or ''}".strip(),
                    grade="" if ungraded else g.grade,
                    score=0.0 if ungraded else g.score,
                    aspects=g.aspects,
                    findings=findings,
                    document_kind=decl.document_kind,
                    ungraded=ungraded,
                    reading=None if decl.reading is None else decl.reading.to_dict(),
                )
            )
        report.lines = cited_lines((fr.text or "").splitlines(), report)
        return report

    def _run(
        self,
        found: _FileFindings,
        active: Active,
        path: str,
        decls: list[Declaration],
        docs: Docs,
        index: int | None,
        ignores: set[str],
        kind: Any,
        decl: Declaration | None,
        ctx: Context,
        only: tuple[str, ...] | None = None,
        params: Params | None = None,
    ) -> None:
        """Run one rule; with ``only``, keep just its hits on those fields (JSON pointers).
        ``params``: the rule's parameters as :meth:`_runnable` made them."""
        if params is None:
            params = Params(active.params)
        try:  # a plain function returning None found nothing
            if decl is None:
                hits = list(kind.check_bundle(decls, params, ctx) or ())
            else:
                hits = list(kind.check(decl, params, ctx) or ())
        except Exception as exc:  # a broken kind must not kill the run
            self._crashed(found, active, path, index, exc, decls, ignores)
            return
        self._keep_hits(found, active, path, decls, docs, index, ignores, hits, only)

    def _keep_hits(
        self,
        found: _FileFindings,
        active: Active,
        path: str,
        decls: list[Declaration],
        docs: Docs,
        index: int | None,
        ignores: set[str],
        hits: list[Any],
        only: tuple[str, ...] | None,
    ) -> None:
        """The findings of one rule's ``hits`` on one declaration (``index``) or bundle (None)."""
        rule = active.rule
        if only is not None:
            hits = [h for h in hits if any(h.pointer == p or h.pointer.startswith(p + "/") for p in only)]
        if len(hits) > MAX_HITS_PER_RULE:
            found.suppressed += len(hits) - MAX_HITS_PER_RULE
            found.suppressed_by[rule.code] = found.suppressed_by.get(rule.code, 0) + len(hits) - MAX_HITS_PER_RULE
            del hits[MAX_HITS_PER_RULE:]
        for hit in hits:
            try:
                finding = self._finding(rule, hit, path, decls, docs, index)
            except Exception as exc:
                self._crashed(found, active, path, index, exc, decls, ignores)
                return
            self._place(found, finding, reported=active.reported and rule.code not in ignores)

    def _local(self) -> frozenset[str]:
        """The codes of the rules whose kind is local (see Kind.local)."""
        return frozenset(active.rule.code for active, kind, _params in self._runnable() if kind.local)

    def _runnable(self) -> list[tuple[Active, Any, Params]]:
        """The active rules whose kind is loaded, each with its kind and its parameters,
        made once per engine: one read-only :class:`Params` per rule keeps what
        :func:`perflint.checks.base.settings` makes of it for every declaration."""
        runnable = self._runnable_rules
        if runnable is None:
            kinds = self.catalog.kinds
            runnable = self._runnable_rules = [
                (active, kinds[active.rule.kind], Params(active.params))
                for active in self.active
                if kinds.get(active.rule.kind) is not None
            ]
        return runnable

    def _finding(
        self, rule: Rule, hit: Hit, path: str, decls: list[Declaration], docs: Docs, index: int | None
    ) -> Finding:
        if not isinstance(hit, Hit):
            raise TypeError(f"kind {rule.kind!r} yielded {type(hit).__name__}, not Hit")
        decl_index = hit.declaration if hit.declaration is not None else index
        decl = decls[decl_index] if decl_index is not None and 0 <= decl_index < len(decls) else None
        if decl_index is not None and decl is None:
            raise IndexError(f"hit for declaration {decl_index} of {len(decls)}")
        args = {str(k): plain(v) for k, v in sorted((hit.args or {}).items())}
        if rule.code in self.severity:
            severity = self.severity[rule.code]
        elif hit.severity is not None:
            severity = Severity(hit.severity)
        else:
            severity = rule.severity
        pointer = hit.pointer or ""
        return make_finding(
            rule,
            rule.code,
            severity=severity,
            path=path,
            args=args,
            variant=hit.variant,
            pointer=pointer,
            span=locate_span(decl, pointer) if decl is not None else None,
            index=decl_index,
            decl=decl,
            suggest=hit.suggest,
            quote=quote(docs[decl_index], pointer) if decl is not None and decl_index is not None else None,
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

    def _emit_problem(
        self, found: _FileFindings, problem: InputProblem, path: str, ignores: set[str], decls: list[Declaration]
    ) -> None:
        rule = self.catalog.rules.get(problem.code)
        args = {str(k): plain(v) for k, v in sorted(problem.args.items())}
        index = getattr(problem, "declaration", None)
        decl = decls[index] if index is not None and 0 <= index < len(decls) else None
        if decl is None:
            index = None
        if rule is None:  # a pack without the rule file: still never lost; reading notes stay notes
            severity = Severity.INFO if problem.code.startswith(("DOC", "SRC")) else Severity.ERROR
        else:
            severity = self.severity.get(rule.code, rule.severity)
        finding = make_finding(
            rule,
            problem.code,
            severity=severity,
            path=path,
            args=args,
            variant=getattr(problem, "variant", None),
            pointer=problem.pointer,
            span=problem.span,
            index=index,
            decl=decl,
        )
        self._place(found, finding, reported=problem.code not in ignores)

    def _crashed(
        self,
        found: _FileFindings,
        active: Active,
        path: str,
        index: int | None,
        exc: BaseException,
        decls: list[Declaration],
        ignores: set[str],
    ) -> None:
        """A rule that raised: an internal-error finding (and the traceback with ``--debug``)."""
        if self.config.debug:
            traceback.print_exc(file=sys.stderr)
        rule = active.rule
        args = {
            "rule": rule.code,
            "name": rule.name,
            "kind": rule.kind,
            "path": path,
            "error": f"{type(exc).__name__}: {exc}",
        }
        finding = make_finding(
            self.catalog.rules.get(INTERNAL_ERROR_CODE),
            INTERNAL_ERROR_CODE,
            severity=Severity.ERROR,
            path=path,
            args=args,
            index=index,
            decl=decls[index] if index is not None else None,
        )
        # the crash of an ignored rule is suppressed like its findings would be
        reported = INTERNAL_ERROR_CODE not in ignores and active.reported and rule.code not in ignores
        self._place(found, finding, reported=reported)


def _read_whole(decl: Declaration) -> bool:
    """Every section ``decl``'s reading record names was read or is surely absent (a section
    it does not name counts as read): :func:`_scope` is (True, None) whatever a rule needs."""
    reading = decl.reading
    return reading is None or all(reading.confident(section) for section in reading.sections)


def _scope(decl: Declaration, needs: tuple[str, ...]) -> tuple[bool, tuple[str, ...] | None]:
    """Whether a rule that needs the sections ``needs`` runs on ``decl``, and on which fields
    only (None: all of them)."""
    reading = decl.reading
    if reading is None or all(reading.confident(s) for s in needs):
        return True, None
    # a part it claims something about was not read (SRC002 says so) —
    # unless only its cells were inexact: then what was seen blank counts
    if not reading.blank_fields or not all(reading.confident(s) or reading.notes.get(s) == "cells" for s in needs):
        return False, None
    return True, tuple(reading.blank_fields)


#: document kinds that get a grade (a notice's table and other documents do not)
GRADED_KINDS = ("declaration", "approval")


def _claimable(decl: Declaration, findings: list[Finding], local: frozenset[str] = frozenset()) -> list[Finding]:
    """The findings perflint can stand behind: none about an indicator table that could not be
    read, nor about a row that was not read reliably (the reading note says so instead), nor
    about a field the text stops inside, unless its rule is ``local`` (a misspelling read is
    there whatever the cut-off end said)."""
    reading = decl.reading
    if reading is None:
        return findings
    if no_form_evidence(decl):
        # nothing of a form was read (a stray label in a page's prose): no defect to claim
        return [f for f in findings if f.note]
    if decl.document_kind == "notice" and not decl.indicators:
        # a notice whose form part was not read (no indicator row): a "goal" read there is the
        # notice's prose (确保年度绩效目标如期实现…), not a goal cell; its name and year are still judged
        findings = [f for f in findings if f.note or not (f.pointer == "/goals" or f.pointer.startswith("/goals/"))]
    # no row read reliably: claims about the table as a whole (a category missing, too few
    # measurable rows) would rest on nothing either
    table_unread = reading.state("indicators") == "unread" or (
        bool(decl.indicators) and len(set(reading.unreliable_rows)) >= len(decl.indicators)
    )
    # rows the reader marked, and rows whose shape is not confident (their value cell not
    # found, cells run together, a heading or the next table's header read as a row)
    rows = {f"/indicators/{i}" for i in set(reading.unreliable_rows) | doubtful_rows(decl)}
    cut = reading.cut_fields
    if not table_unread and not rows and not cut:
        return findings

    def doubtful(f: Finding) -> bool:
        if f.note:
            return False
        if f.code not in local and any(
            f.pointer == p or p.startswith(f.pointer + "/") or f.pointer.startswith(p + "/") for p in cut
        ):
            return True  # a field the text stops inside: what it would have said is unknown
        if f.pointer != "/indicators" and not f.pointer.startswith("/indicators/"):
            return False
        if table_unread:
            return True
        if f.pointer == "/indicators":
            return False
        head = "/".join(f.pointer.split("/")[:3])
        return head in rows

    return [f for f in findings if not doubtful(f)]


def _ungraded(decl: Declaration) -> str | None:
    """Why ``decl`` gets no grade, or None when it is graded.

    A grade judges the whole declaration; one whose indicator table was not read
    in full cannot be judged, and must not look better for it (the less read,
    the fewer findings).  Nothing is claimed about a row that was not read
    reliably, so a table most of whose rows were not (more than half) was not
    read with confidence either: its grade would rest on the few rows left."""
    if decl.document_kind not in GRADED_KINDS:
        return decl.document_kind
    if decl.reading is not None and not decl.reading.confident("indicators"):
        return "indicators-" + decl.reading.state("indicators")
    if decl.reading is not None and decl.indicators:
        unreliable = len({i for i in decl.reading.unreliable_rows if 0 <= i < len(decl.indicators)})
        if 2 * unreliable > len(decl.indicators):
            return "indicators-unreliable"
    return None


def has_internal_errors(result: RunResult) -> bool:
    return any(f.code == INTERNAL_ERROR_CODE for f in result.findings)
