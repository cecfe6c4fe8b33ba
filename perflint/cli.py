"""The command line: thin — parse options, call the library, pick a reporter."""

from __future__ import annotations

import json
import os
import signal
import sys
import traceback
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any, Optional

import typer

from perflint import _regex_cache
from perflint._version import __version__
from perflint.catalog import Catalog, CatalogError, ReferenceError_, builtin_catalog, catalog_for, did_you_mean
from perflint.domain.findings import Aspect, Severity
from perflint.domain.model import DICT_FIELD_NAMES
from perflint.domain.problems import InputProblem
from perflint.engine.baseline import Baseline, BaselineError, BaselineWriter
from perflint.engine.cache import clean as remove_cache
from perflint.engine.cache import default_cache_dir
from perflint.engine.config import ConfigError, configured_cache, configured_packs, find_config, load_config
from perflint.engine.core import Engine
from perflint.engine.parallel import default_jobs
from perflint.engine.run import OutputError, Target, earlier_report, exit_code, open_cache, same_file
from perflint.engine.run import run as run_all
from perflint.exitcodes import ExitCode
from perflint.ingest.files import ReadOptions, load_file
from perflint.ingest.layouts import Layout
from perflint.messages import tr
from perflint.report import formats, renderer
from perflint.report._common import printable, resolve_color
from perflint.resources import schemas_dir, use_cache

#: the text layouts ``--layout`` accepts
LAYOUTS = tuple(layout.value for layout in Layout)

app = typer.Typer(
    name="perflint",
    help="Lint and audit budget performance-target declarations (绩效目标申报表).",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"perflint {__version__}")
        raise typer.Exit(ExitCode.OK)


@app.callback()
def _root(
    version: bool = typer.Option(
        False, "--version", callback=_version, is_eager=True, help="Show the version and exit."
    ),
) -> None:
    pass


def _check_layout(value: Optional[str]) -> Optional[str]:
    if value is not None and value not in LAYOUTS:
        raise typer.BadParameter(f"{value!r} is not one of {', '.join(LAYOUTS)}.")
    return value


@app.command()
def extract(
    paths: list[str] = typer.Argument(..., help="Files to read ('-' for standard input)."),
    encoding: Optional[str] = typer.Option(None, "--encoding", help="Force an input encoding (e.g. gb18030)."),
    layout: Optional[str] = typer.Option(
        None, "--layout", callback=_check_layout, help="Force a text layout: tabbed, pipe, lines, flattened."
    ),
    no_source: bool = typer.Option(False, "--no-source", help="Leave out the source map (spans, labels)."),
) -> None:
    """Print the declarations read from FILES as a JSON list (schema: `perflint schema`).

    Spans are under each declaration's "source.spans": a map from JSON pointer
    to [line, column, end_line, end_column] (1-based, end column exclusive).
    """

    options = ReadOptions(encoding=encoding, layout=Layout(layout) if layout else None)
    out = []
    failed = False
    for path in paths:
        result = load_file(path, options)
        failed = failed or bool(result.problems)
        _say_problems(path, result.problems)
        for decl in result.declarations:
            out.append(decl.to_dict(include_source=not no_source))
    sys.stdout.write(json.dumps(out, ensure_ascii=False, indent=2) + "\n")
    raise typer.Exit(ExitCode.ERROR if failed and not out else ExitCode.OK)


#: messages of one code shown for each file by ``extract``; the others are counted
PROBLEM_EXAMPLES = 3


def _say_problems(path: str, problems: list[InputProblem]) -> None:
    """Each problem of a file on stderr, ``path: CODE message``, grouped by code: at most
    :data:`PROBLEM_EXAMPLES` of one code, then how many more there are (8,000 pasted
    copies of a form give three INP013 lines and a count, not 8,000 lines)."""
    by_code: dict[str, list[InputProblem]] = {}
    for problem in problems:
        by_code.setdefault(problem.code, []).append(problem)
    for code, same in by_code.items():
        for problem in same[:PROBLEM_EXAMPLES]:
            _err(f"{path}: {problem.text()}")
        if len(same) > PROBLEM_EXAMPLES:
            more = len(same) - PROBLEM_EXAMPLES
            _err(f"{path}: {code} " + tr("problems-more", "zh", more=more, total=len(same)))


@app.command()
def schema(
    name: str = typer.Argument("declaration", help="declaration, report, rulepack or config."),
) -> None:
    """Print a JSON Schema (default: the declaration schema)."""
    path = schemas_dir() / f"{name}.schema.json"
    if not path.is_file():
        typer.echo(f"unknown schema {name!r}", err=True)
        raise typer.Exit(ExitCode.ERROR) from None
    sys.stdout.write(path.read_text("utf-8"))


@app.command()
def clean(
    cache_dir: Optional[Path] = typer.Option(
        None, "--cache-dir", help="The cache folder to remove (default: the one check uses)."
    ),
    config: Optional[Path] = typer.Option(None, "--config", help="Configuration file whose cache-dir to use."),
    lang: Optional[str] = typer.Option(None, "--lang", help="Message language: zh (default) or en."),
) -> None:
    """Remove the result cache (and perflint's other cached data)."""
    ui = _lang_guess(lang)
    root = cache_dir
    if root is None:
        if config is not None or find_config() is not None:
            try:
                cfg = load_config(_load_catalog(ui, config=config), config_file=config, overrides={})
                configured = getattr(cfg, "cache_dir", None)
                root = Path(configured) if configured else None
            except Exception:
                root = None
    root = root or default_cache_dir()
    if not root.exists():
        typer.echo("perflint: " + tr("cache-absent", ui, path=str(root)))
        return
    _regex_cache.discard()  # nothing of this process is written back into the cleaned folder
    try:
        files, size = remove_cache(root)
    except PermissionError:
        _err("perflint: " + tr("cache-not-ours", ui, path=str(root)))
        raise typer.Exit(ExitCode.ERROR) from None
    except OSError as exc:
        _err("perflint: " + tr("output-failed", ui, reason=f"{root}: {exc.strerror or exc}"))
        raise typer.Exit(ExitCode.ERROR) from None
    typer.echo("perflint: " + tr("cache-cleaned", ui, path=str(root), files=files, size=_size(size)))


def _size(n: float) -> str:
    for unit in ("B", "KB", "MB", "GB"):
        if n < 1024 or unit == "GB":
            return f"{n:.0f} {unit}" if unit == "B" else f"{n:.1f} {unit}"
        n /= 1024
    return str(n)


# ---------------------------------------------------------------------------
# check / rules / explain
# ---------------------------------------------------------------------------


def _err(text: str) -> None:
    # a name from the command line or a walked folder cannot drive the terminal (issue 17)
    typer.echo("\n".join(printable(line) for line in text.split("\n")), err=True)


def _split_refs(values: Optional[list[str]]) -> Optional[list[str]]:
    """Repeatable options that also accept comma-separated lists."""
    if not values:
        return None
    out = [part.strip() for value in values for part in value.split(",")]
    return [p for p in out if p]


def _load_catalog(
    lang: str, strict_plugins: bool = False, packs: Optional[list[Path]] = None, config: Optional[Path] = None
) -> Catalog:
    """The rules: built-in and plugins, plus the packs the configuration and ``--pack`` name."""
    extra = [*configured_packs(config), *(packs or [])]
    try:
        catalog = catalog_for(extra) if extra else builtin_catalog()
    except CatalogError as exc:
        _err(f"perflint: {tr('catalog-error', lang)}{'：' if lang == 'zh' else ':'}\n{exc.text(lang)}")
        raise typer.Exit(ExitCode.ERROR) from None
    for e in catalog.plugin_errors:
        _err("perflint: " + tr("plugin-failed", lang, group=e.group, name=e.name, error=e.error))
    for problem in catalog.skipped:
        _err("perflint: " + problem.text(lang))
    if catalog.plugin_errors and strict_plugins:
        raise typer.Exit(ExitCode.ERROR) from None
    return catalog


def _terminated(ui: str) -> Callable[[int, Any], None]:
    """The SIGTERM handler of a run: unwind (outputs and caches drop their temporary
    files on the way out), say why on stderr, exit 128 + the signal's number (143)."""

    def stop(signum: int, frame: Any) -> None:
        signal.signal(signum, signal.SIG_IGN)  # a second signal does not cut the clean-up short
        _err("perflint: " + tr("terminated", ui, signal=signal.Signals(signum).name))
        raise SystemExit(128 + signum)

    return stop


def _check_outputs(targets: list[Target], inputs: list[str], ui: str, named: list[str]) -> None:
    """Refuse an output that is one of the inputs, and two outputs to one file (exit 2); a
    walk may find an earlier JSON report (:func:`earlier_report`), which may be replaced."""
    seen: list[Path] = []
    for target in targets:
        if target.path is None:
            continue
        if os.path.lexists(target.path) and os.path.isfile(target.path):
            # an earlier report is read only when the walk found it (a big one takes a while)
            if any(path != "-" and same_file(path, target.path) for path in inputs):
                replaceable = not any(same_file(p, target.path) for p in named) and earlier_report(target.path)
                if not replaceable:
                    _err("perflint: " + tr("output-is-input", ui, path=str(target.path)))
                    raise typer.Exit(ExitCode.ERROR)
        real = Path(os.path.realpath(target.path))
        device = os.path.exists(real) and not os.path.isfile(real)  # /dev/null may take several
        if real in seen and not device:
            _err("perflint: " + tr("output-twice", ui, path=str(target.path)))
            raise typer.Exit(ExitCode.ERROR)
        seen.append(real)


def _lang_guess(lang: Optional[str]) -> str:
    return lang if lang in ("zh", "en") else "zh"


@app.command()
def check(
    paths: Optional[list[str]] = typer.Argument(None, help="Files or directories to check ('-' for standard input)."),
    fmt: Optional[str] = typer.Option(
        None,
        "--format",
        "--output-format",
        help="Output format: text, json, jsonl, sarif, github, gitlab, junit, csv, html, opinion.",
    ),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="Write the report to FILE instead of stdout."),
    reports: Optional[list[str]] = typer.Option(
        None,
        "--report",
        metavar="FORMAT:PATH",
        help="Also write a report in FORMAT to PATH (repeatable), e.g. --report sarif:perflint.sarif.",
    ),
    lang: Optional[str] = typer.Option(None, "--lang", help="Message language: zh (default) or en."),
    profile: Optional[str] = typer.Option(None, "--profile", help="Template-family profile (default hunan-2019)."),
    preview: Optional[bool] = typer.Option(None, "--preview/--no-preview", help="Also run rules in preview status."),
    select: Optional[list[str]] = typer.Option(
        None, "--select", help="Run only these rules (code, name, prefix, alias; repeatable or comma-separated)."
    ),
    ignore: Optional[list[str]] = typer.Option(
        None, "--ignore", help="Do not report these rules (counted as suppressed)."
    ),
    extend_select: Optional[list[str]] = typer.Option(None, "--extend-select", help="Enable these rules too."),
    fail_on: Optional[str] = typer.Option(
        None, "--fail-on", help="Exit 1 on findings at or above: error (default), warning, info, none."
    ),
    exit_zero: bool = typer.Option(False, "--exit-zero", help="Exit 0 even when there are findings."),
    pack: Optional[list[Path]] = typer.Option(
        None,
        "--pack",
        help="Also load the rule pack in this folder (repeatable); see also `packs` in the configuration.",
    ),
    config: Optional[Path] = typer.Option(
        None, "--config", help="Configuration file (perflint.toml or pyproject.toml)."
    ),
    settings: Optional[list[str]] = typer.Option(
        None, "--settings", help="Change a shared setting: KEY=VALUE (repeatable)."
    ),
    today: Optional[str] = typer.Option(None, "--today", help="Date taken as today (YYYY-MM-DD); also PERFLINT_TODAY."),
    max_file_size: Optional[int] = typer.Option(
        None, "--max-file-size", help="Size limit of one input file, in bytes."
    ),
    encoding: Optional[str] = typer.Option(
        None, "--encoding", help="Read every input in this encoding (e.g. gb18030) instead of detecting it."
    ),
    exclude: Optional[list[str]] = typer.Option(
        None, "--exclude", help="Skip these .gitignore-style patterns when walking directories (repeatable)."
    ),
    color: Optional[bool] = typer.Option(
        None, "--color/--no-color", help="Colour terminal output (default: when a TTY)."
    ),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="Terminal: only finding lines and a summary."),
    statistics: bool = typer.Option(False, "--statistics", help="Terminal: only counts per rule."),
    no_source: bool = typer.Option(False, "--no-source", help="Terminal: do not show source lines."),
    strict_plugins: bool = typer.Option(False, "--strict-plugins", help="Exit 2 when a plugin fails to load."),
    debug: bool = typer.Option(False, "--debug", help="Print tracebacks of internal errors."),
    jobs: Optional[int] = typer.Option(
        None, "--jobs", "-j", min=1, help="Check files in N worker processes (default: the number of CPUs)."
    ),
    no_cache: bool = typer.Option(False, "--no-cache", help="No result cache, and no cache written at all."),
    cache_dir: Optional[Path] = typer.Option(
        None, "--cache-dir", help="Result cache folder (default: $PERFLINT_CACHE_DIR, else ~/.cache/perflint)."
    ),
    baseline_file: Optional[Path] = typer.Option(
        None, "--baseline", help="Report only findings that are not in this baseline file."
    ),
    write_baseline: Optional[Path] = typer.Option(
        None, "--write-baseline", help="Record every finding of this run in FILE as the baseline (exit 0)."
    ),
) -> None:
    """Check declarations and report findings.

    Exit codes: 0 nothing at or above --fail-on, 1 findings, 2 usage,
    configuration or internal error.
    """
    ui = _lang_guess(lang)
    folder, cached = configured_cache(config)  # every cache, the parsed rules' too, follows these
    use_cache(cache_dir or folder, write=cached and not no_cache)
    catalog = _load_catalog(ui, strict_plugins, packs=pack, config=config)
    overrides = {
        "profile": profile,
        "preview": preview,
        "fail-on": fail_on,
        "lang": lang,
        "output-format": fmt,
        "max-file-size": max_file_size,
        "select": _split_refs(select),
        "ignore": _split_refs(ignore),
        "extend-select": _split_refs(extend_select),
        "settings": settings,
        "today": today,
        "debug": debug,
        "strict-plugins": strict_plugins,
        "exclude": _split_refs(exclude),
        "encoding": encoding,
    }
    try:
        cfg = load_config(catalog, config_file=config, overrides=overrides)
    except ConfigError as exc:
        _err(f"perflint: {tr('config-error', ui)}{'：' if ui == 'zh' else ':'}\n{exc.text(ui)}")
        raise typer.Exit(ExitCode.ERROR) from None
    ui = cfg.lang
    for note in cfg.notices:
        _err("perflint: " + (note.get(ui) or note["zh"]))
    out_format = cfg.output_format or "text"
    known = formats()
    if out_format not in known:
        _err("perflint: " + tr("unknown-format", ui, fmt=out_format))
        raise typer.Exit(ExitCode.ERROR) from None
    try:
        renderer(out_format)
    except (ImportError, AttributeError) as exc:
        _err("perflint: " + tr("format-unavailable", ui, fmt=out_format, reason=str(exc)))
        raise typer.Exit(ExitCode.ERROR) from None
    extra_reports: list[tuple[str, Path]] = []
    for spec in reports or []:
        name, sep, target = spec.partition(":")
        if not sep or not target or name not in known:
            _err("perflint: " + tr("bad-report", ui, spec=spec, formats=", ".join(sorted(known))))
            raise typer.Exit(ExitCode.ERROR) from None
        extra_reports.append((name, Path(target)))
    if not paths:
        _err("perflint: " + tr("no-paths", ui))
        raise typer.Exit(ExitCode.ERROR) from None
    # a typo in a path is a usage error, whatever --exit-zero says (Ruff does the same)
    missing = [p for p in paths if p != "-" and not os.path.lexists(p)]
    if missing:
        for path in missing:
            _err("perflint: " + tr("no-such-path", ui, path=path))
        raise typer.Exit(ExitCode.ERROR)

    baseline: Baseline | None = None
    if baseline_file is not None:
        try:
            baseline = Baseline.load(baseline_file)
        except BaselineError as exc:
            _err("perflint: " + exc.text(ui))
            raise typer.Exit(ExitCode.ERROR) from None
    record = BaselineWriter() if write_baseline is not None else None

    use_color = out_format == "text" and output is None and resolve_color(color, sys.stdout)
    report_options = {
        "lang": cfg.lang,
        "color": use_color,
        "quiet": quiet,
        "statistics": statistics,
        "show_source": not no_source,
        "base_dir": str(Path.cwd()),
        "fail_on": "error" if cfg.fail_on == "none" else cfg.fail_on,
    }
    targets = [Target(output, out_format, report_options)]
    targets += [Target(path, name, {**report_options, "color": False}) for name, path in extra_reports]
    engine = Engine(catalog, cfg)
    _check_outputs(targets, engine.files(paths), ui, [p for p in paths if p != "-"])
    signal.signal(signal.SIGTERM, _terminated(ui))  # a cancelled CI job: drop half-written reports, exit 143
    try:
        cache = open_cache(engine, cfg, no_cache=no_cache, cache_dir=cache_dir)
        # start-up: Rich is imported only by a run that shows a progress bar
        from perflint.report.progress import ProgressHook

        # A progress bar on stderr, only on a terminal and for many files.
        with ProgressHook({"lang": cfg.lang, "color": resolve_color(color, sys.stderr)}) as hook:
            summary = run_all(
                engine,
                paths,
                targets,
                jobs=jobs or default_jobs(),
                cache=cache,
                progress=hook,
                baseline=baseline,
                record=record,
            )
    except BrokenPipeError:
        raise  # the reader of stdout went away: main() ends quietly
    except OutputError as exc:
        _err("perflint: " + tr("output-failed", ui, reason=f"{exc.path}: {exc.reason}"))
        raise typer.Exit(ExitCode.ERROR) from None
    except Exception as exc:  # Ctrl-C goes on: run_all has dropped every half-written report
        if debug:
            traceback.print_exc()
        _err("perflint: " + tr("internal", ui, error=f"{type(exc).__name__}: {exc}"))
        raise typer.Exit(ExitCode.ERROR) from None
    skipped_json = summary.options.get("skipped_json", 0)
    if not summary.files and not skipped_json:
        _err("perflint: " + tr("no-files", ui))
    if skipped_json and (out_format != "text" or output is not None or statistics):
        _err("perflint: " + tr("skipped-json", ui, n=skipped_json))
    if cache is not None and cache.error:
        _err("perflint: " + tr("cache-unwritable", ui, reason=cache.error))
    if baseline is not None:
        _err(
            "perflint: " + tr("baseline-applied", ui, path=str(baseline_file), n=baseline.matched, fixed=baseline.fixed)
        )
    if record is not None and write_baseline is not None:
        try:
            record.write(write_baseline)
        except BaselineError as exc:
            _err("perflint: " + exc.text(ui))
            raise typer.Exit(ExitCode.ERROR) from None
        _err("perflint: " + tr("baseline-written", ui, path=str(write_baseline), n=record.findings))
        raise typer.Exit(ExitCode.ERROR if summary.internal_errors else ExitCode.OK)
    raise typer.Exit(exit_code(summary, cfg, exit_zero=exit_zero))


def _rule_dict(catalog, rule, lang: str) -> dict:
    return {
        "code": rule.code,
        "name": rule.name,
        "kind": rule.kind,
        "severity": rule.severity.value,
        "aspect": str(rule.aspect),
        "status": rule.status,
        "since": rule.since,
        "aliases": list(rule.aliases),
        "profiles": catalog.rule_profiles(rule),
        "summary": rule.doc_text("summary", lang),
        "summary_zh": rule.doc_text("summary", "zh"),
        "summary_en": rule.doc_text("summary", "en"),
        "path": Path(rule.path).relative_to(rule.pack).as_posix()
        if Path(rule.path).is_relative_to(rule.pack)
        else str(rule.path),
    }


@app.command()
def rules(
    fmt: str = typer.Option(
        "text",
        "--format",
        "--output-format",
        help="text (a table), json, or markdown (the rule reference, generated from the rule files).",
    ),
    lang: str = typer.Option("zh", "--lang", help="zh or en."),
    profile: Optional[str] = typer.Option(None, "--profile", help="Only rules this profile enables."),
    select: Optional[list[str]] = typer.Option(None, "--select", help="Only these rules (code, name, prefix, alias)."),
    pack: Optional[list[Path]] = typer.Option(
        None,
        "--pack",
        help="Also load the rule pack in this folder (repeatable); see also `packs` in the configuration.",
    ),
) -> None:
    """List the rules: code, name, severity, aspect, profiles."""
    lang = _lang_guess(lang)
    catalog = _load_catalog(lang, packs=pack)
    chosen = list(catalog.rules.values())
    if profile is not None:
        if profile not in catalog.profiles:
            _err(
                "perflint: "
                + tr("unknown-profile", lang, profile=profile, hint=did_you_mean(profile, catalog.profiles))
            )
            raise typer.Exit(ExitCode.ERROR) from None
        enabled = {r.code for r in catalog.profile_rules(profile)}
        chosen = [r for r in chosen if r.code in enabled]
    refs = _split_refs(select)
    if refs:
        try:
            codes = {r.code for ref in refs for r in catalog.resolve(ref)}
        except ReferenceError_ as exc:
            _err("perflint: " + tr("unknown-rule", lang, ref=exc.ref, hint=exc.suggestion))
            raise typer.Exit(ExitCode.ERROR) from None
        chosen = [r for r in chosen if r.code in codes]
    items = [_rule_dict(catalog, r, lang) for r in chosen]
    if fmt == "json":
        sys.stdout.write(json.dumps(items, ensure_ascii=False, indent=2) + "\n")
        return
    if fmt == "markdown":
        sys.stdout.write(_rules_markdown(catalog, chosen, lang))
        return
    if fmt != "text":
        _err("perflint: " + tr("unknown-format", lang, fmt=fmt))
        raise typer.Exit(ExitCode.ERROR) from None
    # start-up: rich's table only for the text listing
    from rich.console import Console
    from rich.table import Table

    table = Table(title=tr("rules-title", lang), show_lines=False)
    for head in ("h-code", "h-name", "h-severity", "h-aspect", "h-profiles", "h-summary"):
        table.add_column(tr(head, lang), overflow="fold")
    for item in items:
        table.add_row(
            item["code"],
            item["name"],
            _label_severity(item["severity"], lang),
            _label_aspect(item["aspect"], lang),
            ", ".join(item["profiles"]),
            item["summary"],
        )
    Console(width=160 if not sys.stdout.isatty() else None).print(table)


def _label_severity(value: str, lang: str) -> str:
    try:
        return Severity(value).zh if lang == "zh" else value
    except ValueError:
        return value


def _label_aspect(value: str, lang: str) -> str:
    try:
        return f"{Aspect(value).zh}（{value}）" if lang == "zh" else value
    except ValueError:
        return value


def _rules_markdown(catalog, rules_: list, lang: str) -> str:
    """The rule reference as one Markdown page, generated from the rule files."""
    colon = "：" if lang == "zh" else ": "
    out = [f"# {tr('rules-title', lang)}", ""]
    families: dict[str, list] = {}
    for rule in rules_:
        families.setdefault(rule.family, []).append(rule)
    for family in sorted(families):
        out += [
            f"## {family}",
            "",
            f"| {tr('h-code', lang)} | {tr('h-name', lang)} | {tr('h-severity', lang)} | "
            f"{tr('h-aspect', lang)} | {tr('h-summary', lang)} |",
            "|---|---|---|---|---|",
        ]
        for rule in families[family]:
            summary = rule.doc_text("summary", lang).replace("|", "\\|")
            out.append(
                f"| [{rule.code}](#{rule.code.lower()}) | {rule.name} | {rule.severity.value} | {rule.aspect} | "
                f"{summary} |"
            )
        out.append("")
        for rule in families[family]:
            data = _explain_data(catalog, rule, lang, "hunan-2019")
            out += [
                f"### {rule.code}",
                "",
                f"`{rule.name}` · {rule.severity.value} · {rule.aspect} · "
                f"{tr('h-profiles', lang)}{colon}{', '.join(data['profiles']) or tr('h-none', lang)}",
                "",
                data["summary"],
                "",
                f"**{tr('h-what', lang)}**{colon}{data['what']}",
                "",
                f"**{tr('h-why', lang)}**{colon}{data['why']}",
                "",
            ]
            for case, head in (("bad", "h-bad"), ("good", "h-good")):
                for ex in (e for e in data["examples"] if e["case"] == case):
                    body = {k: v for k, v in ex.items() if k != "case"}
                    out += [
                        f"**{tr(head, lang)}**",
                        "",
                        "```",
                        json.dumps(body, ensure_ascii=False, indent=2)
                        if "text" not in body
                        else body["text"].rstrip("\n"),
                        "```",
                        "",
                    ]
    return "\n".join(out)


def _explain_data(catalog, rule, lang: str, profile: str) -> dict:
    prof = catalog.profiles.get(profile)
    settings = {**catalog.settings, **(prof.settings if prof else {})}
    kind = catalog.kinds.get(rule.kind)
    params: dict = {}
    props = (kind.params_schema.get("properties") or {}) if kind is not None else {}
    for key in sorted(set(props) | set(rule.params)):
        if key in rule.params:
            value, source = rule.params[key], "rule"
        elif prof is not None and key in prof.settings:
            value, source = prof.settings[key], f"profile {prof.name}"
        elif key in settings:
            value, source = settings[key], "settings"
        elif "default" in props.get(key, {}):
            value, source = props[key]["default"], "default"
        else:
            continue
        params[key] = {"value": value, "from": source, "description": props.get(key, {}).get("description")}
    examples = []
    for ex in rule.examples:
        body = {k: v for k, v in ex.data.items() if k not in ("case",)}
        examples.append({"case": ex.case, **body})
    return {
        **_rule_dict(catalog, rule, lang),
        "what": rule.doc_text("what", lang),
        "why": rule.doc_text("why", lang),
        "message": rule.message.get(lang) or rule.message.get("zh"),
        "suggestion": None if not rule.suggestion else (rule.suggestion.get(lang) or rule.suggestion.get("zh")),
        "variants": {k: v.get(lang) or v.get("zh", "") for k, v in rule.messages.items()},
        "kind_description": (kind.description or {}).get(lang) if kind is not None else None,
        "params": params,
        "examples": examples,
    }


@app.command()
def explain(
    ref: str = typer.Argument(..., help="A rule code, name or alias (e.g. VAL002 or not-measurable)."),
    lang: str = typer.Option("zh", "--lang", help="zh or en."),
    fmt: str = typer.Option("text", "--format", "--output-format", help="text or json."),
    profile: str = typer.Option("hunan-2019", "--profile", help="Show parameter values under this profile."),
    pack: Optional[list[Path]] = typer.Option(
        None,
        "--pack",
        help="Also load the rule pack in this folder (repeatable); see also `packs` in the configuration.",
    ),
) -> None:
    """Explain one rule: what it checks, why, its parameters and examples."""
    lang = _lang_guess(lang)
    catalog = _load_catalog(lang, packs=pack)
    rule = catalog.get(ref)
    if rule is None:
        choices = list(catalog.rules) + [r.name for r in catalog.rules.values()]
        _err("perflint: " + tr("unknown-rule-explain", lang, ref=ref, hint=did_you_mean(ref, choices)))
        raise typer.Exit(ExitCode.ERROR) from None
    if profile not in catalog.profiles:
        _err("perflint: " + tr("unknown-profile", lang, profile=profile, hint=did_you_mean(profile, catalog.profiles)))
        raise typer.Exit(ExitCode.ERROR) from None
    data = _explain_data(catalog, rule, lang, profile)
    if fmt == "json":
        sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n")
        return
    if fmt != "text":
        _err("perflint: " + tr("unknown-format", lang, fmt=fmt))
        raise typer.Exit(ExitCode.ERROR) from None
    none = tr("h-none", lang)
    colon = "：" if lang == "zh" else ": "
    lines = [f"{rule.code} {rule.name}", "", data["summary"], ""]
    lines.append(
        f"{tr('h-severity', lang)}{colon}{_label_severity(data['severity'], lang)}    "
        f"{tr('h-aspect', lang)}{colon}{_label_aspect(data['aspect'], lang)}"
        f"    {tr('h-kind', lang)}{colon}{data['kind']}    {tr('h-status', lang)}{colon}{data['status']}"
    )
    lines.append(f"{tr('h-profiles', lang)}{colon}{', '.join(data['profiles']) or none}")
    if data["aliases"]:
        lines.append(f"{tr('h-aliases', lang)}{colon}{', '.join(data['aliases'])}")
    lines += ["", f"## {tr('h-what', lang)}", data["what"], "", f"## {tr('h-why', lang)}", data["why"], ""]
    lines += [f"## {tr('h-message', lang)}", data["message"] or none]
    for variant, text in data["variants"].items():
        lines.append(f"  [{variant}] {text}")
    if data["suggestion"]:
        lines.append(f"  → {data['suggestion']}")
    lines.append("")
    lines.append(f"## {tr('h-params', lang)}")
    if data["params"]:
        for key, item in data["params"].items():
            lines.append(f"  {key} = {json.dumps(item['value'], ensure_ascii=False)}  ({item['from']})")
    else:
        lines.append(f"  {none}")
    for case, head in (("bad", "h-bad"), ("good", "h-good")):
        for ex in (e for e in data["examples"] if e["case"] == case):
            title = ex.get("title")
            lines += ["", f"## {tr(head, lang)}" + (f"{colon}{title}" if title else "")]
            lines += example_rows(ex, lang)
    sys.stdout.write("\n".join(lines) + "\n")


#: the order of a form's fields (the declaration schema's order)
_FORM_ORDER = [*DICT_FIELD_NAMES, "source"]


def example_rows(example: dict, lang: str) -> list[str]:
    """A rule example as a reviewer knows it: the form's rows (``label | value``), the text of
    a text example as it is, and any condition (profile, settings) as a row of its own."""
    out: list[str] = []
    if isinstance(example.get("text"), str):
        out.append(example["text"].rstrip("\n"))
    if isinstance(example.get("declaration"), dict):
        out += form_rows(example["declaration"], lang)
    bundle = example.get("bundle") or example.get("declarations")
    if isinstance(bundle, list):
        for i, decl in enumerate(bundle):
            out.append(("── 第 {n} 份申报表" if lang == "zh" else "── declaration {n}").format(n=i + 1))
            out += form_rows(decl, lang) if isinstance(decl, dict) else [json.dumps(decl, ensure_ascii=False)]
    for key, value in example.items():
        if key in ("case", "title", "count", "text", "declaration", "bundle", "declarations"):
            continue
        shown = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
        names = {"profile": "检查档案", "settings": "设置", "encoding": "编码", "path": "文件名"}
        label = names.get(key, key) if lang == "zh" else key
        out.append(f"（{label}）| {shown}" if lang == "zh" else f"({label}) | {shown}")
    return out


def form_rows(decl: dict, lang: str) -> list[str]:
    """A declaration of the model as the rows of the paper form: ``label | value``, tables
    (indicators, schedule, reviews) as a header row and one row per line."""
    from perflint.i18n import pointer_label  # start-up: only explain needs it

    def cell(value: Any) -> str:
        if value is None:
            return ""
        if isinstance(value, dict):
            return str(value.get("text", value.get("amount", json.dumps(value, ensure_ascii=False))))
        if isinstance(value, list):
            return "；".join(cell(v) for v in value)
        return str(value).replace("\n", " ")

    out: list[str] = []
    keys = sorted(decl, key=lambda k: (_FORM_ORDER.index(k) if k in _FORM_ORDER else len(_FORM_ORDER), k))
    for key in keys:
        value = decl[key]
        label = pointer_label(f"/{key}", lang)
        if key == "money" and isinstance(value, dict):
            for part in ("total", "lines"):
                items = value.get(part)
                for item in items if isinstance(items, list) else [items] if isinstance(items, dict) else []:
                    name = item.get("label") or pointer_label(f"/money/{part}", lang)
                    out.append(f"{name} | {cell(item)}")
        elif key == "goals" and isinstance(value, dict):
            out += [f"{pointer_label(f'/goals/{k}', lang)} | {cell(v)}" for k, v in value.items()]
        elif key == "fields" and isinstance(value, list):
            out += [f"{f.get('label') or f.get('key')} | {cell(f)}" for f in value if isinstance(f, dict)]
        elif key == "source" and isinstance(value, dict):
            written = "（表中写作）" if lang == "zh" else " (as written in the form)"
            for pointer, item in (value.get("labels") or {}).items():
                out.append(f"{pointer_label(pointer, lang)}{written} | {cell(item)}")
        elif isinstance(value, list) and value and all(isinstance(v, dict) for v in value):
            columns: list[str] = []
            for row in value:
                columns += [c for c in row if c != "extra" and c not in columns]
            extras: list[str] = []
            for row in value:
                extras += [c for c in row.get("extra") or {} if c not in extras]
            out.append(f"{label}")
            heads = [pointer_label(f"/{key}/0/{c}", lang).split(" · ")[-1] for c in columns] + extras
            out.append("  " + " | ".join(heads))
            for row in value:
                cells = [cell(row.get(c)) for c in columns] + [cell((row.get("extra") or {}).get(c)) for c in extras]
                out.append("  " + " | ".join(cells))
        else:
            out.append(f"{label} | {cell(value)}")
    return out


# ---------------------------------------------------------------------------
# --help in the user's language: Chinese by default, like all output
# ---------------------------------------------------------------------------

#: Chinese help: "" is the command's own text, other keys are its parameters (Python names)
HELP_ZH: dict[str, dict[str, str]] = {
    "": {
        "": "检查和审核预算绩效目标申报表（绩效目标申报表）。",
        "version": "显示版本号并退出。",
    },
    "extract": {
        "": "把从文件中读出的申报表输出为 JSON 列表（结构见 `perflint schema`）。\n\n"
        "每份申报表的 source.spans 是从 JSON 指针到 [行, 列, 结束行, 结束列] 的映射（从 1 起算，结束列不含）。",
        "paths": "要读取的文件（'-' 表示标准输入）。",
        "encoding": "指定输入编码（如 gb18030）。",
        "layout": "指定文本版式：tabbed、pipe、lines、flattened。",
        "no_source": "不输出来源映射（位置、标签）。",
    },
    "schema": {
        "": "输出一个 JSON Schema（默认：申报表的 Schema）。",
        "name": "declaration、report、rulepack 或 config。",
    },
    "clean": {
        "": "删除结果缓存（以及 perflint 的其他缓存数据）。",
        "cache_dir": "要删除的缓存目录（默认：check 使用的目录）。",
        "config": "从此配置文件读取 cache-dir。",
        "lang": "提示语言：zh（默认）或 en。",
    },
    "check": {
        "": "检查申报表并报告问题。\n\n退出码：0 没有达到 --fail-on 级别的问题，1 有问题，2 用法、配置或内部错误。",
        "paths": "要检查的文件或目录（'-' 表示标准输入）。",
        "fmt": "输出格式：text、json、jsonl、sarif、github、gitlab、junit、csv、html、opinion。",
        "output": "把报告写入文件，而不是标准输出。",
        "reports": "另外以 FORMAT 格式把报告写入 PATH（可重复），如 --report sarif:perflint.sarif。",
        "lang": "提示语言：zh（默认）或 en。",
        "profile": "模板体系（默认 hunan-2019；另有 cn-2015、cn-2021）。",
        "preview": "同时运行预览状态的规则。",
        "select": "只运行这些规则（代码、名称、前缀或别名；可重复或用逗号分隔）。",
        "ignore": "不报告这些规则（计入“已忽略”）。",
        "extend_select": "另外启用这些规则。",
        "fail_on": "出现此级别及以上的问题时退出码为 1：error（默认）、warning、info、none。",
        "exit_zero": "有问题时退出码也为 0。",
        "pack": "另外加载此目录中的规则包（可重复）；另见配置中的 packs。",
        "config": "配置文件（perflint.toml 或 pyproject.toml）。",
        "settings": "修改共享设置：KEY=VALUE（可重复）。",
        "today": "作为“今天”的日期（YYYY-MM-DD）；也可用 PERFLINT_TODAY。",
        "max_file_size": "单个输入文件的大小上限（字节）。",
        "encoding": "用此编码读取所有输入（如 gb18030），不自动检测。",
        "exclude": "遍历目录时跳过这些 .gitignore 式的模式（可重复）。",
        "color": "终端输出使用颜色（默认：终端上使用）。",
        "quiet": "终端：只输出问题行和一行汇总。",
        "statistics": "终端：只输出每条规则的数量。",
        "no_source": "终端：不显示原文行。",
        "strict_plugins": "插件加载失败时以退出码 2 结束。",
        "debug": "内部错误时输出调用栈。",
        "jobs": "用 N 个工作进程检查文件（默认：CPU 数）。",
        "no_cache": "既不读取也不写入结果缓存，不写入任何缓存。",
        "cache_dir": "结果缓存目录（默认：$PERFLINT_CACHE_DIR，否则 ~/.cache/perflint）。",
        "baseline_file": "只报告不在此基线文件中的问题。",
        "write_baseline": "把本次的全部问题记录为基线文件 FILE（退出码 0）。",
    },
    "rules": {
        "": "列出规则：代码、名称、级别、审核方面、模板体系。",
        "fmt": "text（表格）、json，或 markdown（由规则文件生成的规则说明）。",
        "lang": "zh 或 en。",
        "profile": "只列出此模板体系启用的规则。",
        "select": "只列出这些规则（代码、名称、前缀或别名）。",
        "pack": "另外加载此目录中的规则包（可重复）；另见配置中的 packs。",
    },
    "explain": {
        "": "解释一条规则：检查什么、为什么、参数和示例。",
        "ref": "规则代码、名称或别名（如 VAL002 或 not-measurable）。",
        "lang": "zh 或 en。",
        "fmt": "text 或 json。",
        "profile": "按此模板体系显示参数值。",
        "pack": "另外加载此目录中的规则包（可重复）；另见配置中的 packs。",
    },
}

#: typer's own words in help pages, per language (``typer.rich_utils`` constants)
_TYPER_WORDS = {
    "zh": {
        "ARGUMENTS_PANEL_TITLE": "参数",
        "OPTIONS_PANEL_TITLE": "选项",
        "COMMANDS_PANEL_TITLE": "命令",
        "ERRORS_PANEL_TITLE": "错误",
        "DEFAULT_STRING": "[默认：{}]",
        "REQUIRED_LONG_STRING": "[必填]",
        "RICH_HELP": "用 [blue]'{command_path} {help_option}'[/] 查看帮助。",
    },
    "en": {
        "ARGUMENTS_PANEL_TITLE": "Arguments",
        "OPTIONS_PANEL_TITLE": "Options",
        "COMMANDS_PANEL_TITLE": "Commands",
        "ERRORS_PANEL_TITLE": "Error",
        "DEFAULT_STRING": "[default: {}]",
        "REQUIRED_LONG_STRING": "[required]",
        "RICH_HELP": "Try [blue]'{command_path} {help_option}'[/] for help.",
    },
}


def help_lang(argv: list[str], environ: Mapping[str, str]) -> str:
    """The language of help pages: ``--lang`` on the command line, else the locale when it
    is English (LC_ALL, LC_MESSAGES, LANG), else Chinese, like all output."""
    for i, arg in enumerate(argv):
        value = argv[i + 1] if arg == "--lang" and i + 1 < len(argv) else arg.partition("=")[2]
        if (arg == "--lang" or arg.startswith("--lang=")) and value in ("zh", "en"):
            return value
    for key in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = environ.get(key, "")
        if value:
            return "en" if value.lower().startswith("en") else "zh"
    return "zh"


def localized(lang: str, help_shown: bool = True) -> Any:
    """The command line as a click command whose help pages are in ``lang``."""
    command: Any = typer.main.get_command(app)
    if help_shown:
        import typer.rich_utils as words  # start-up: rich is imported only when a help page is printed

        for name, value in _TYPER_WORDS[lang].items():
            setattr(words, name, value)
        make_text = words._make_rich_text
        if not getattr(make_text, "folds", False):
            # Chinese has no spaces to wrap at: fold long lines instead of cutting them with "…"
            def folded(*args: Any, **kwargs: Any) -> Any:
                text = make_text(*args, **kwargs)
                if hasattr(text, "overflow"):
                    text.overflow = "fold"
                return text

            folded.folds = True  # type: ignore[attr-defined]
            words._make_rich_text = folded
    if lang != "zh":
        return command
    _localize(command, HELP_ZH[""])
    command.params[0].help = HELP_ZH[""]["version"]
    for name, sub in command.commands.items():
        _localize(sub, HELP_ZH.get(name, {}))
    return command


def _localize(command: Any, texts: dict[str, str]) -> None:
    if texts.get(""):
        command.help = texts[""]
        command.short_help = None
    for param in command.params:
        if param.name in texts:
            param.help = texts[param.name]
    get_help_option, get_usage = command.get_help_option, command.get_usage

    def help_option(ctx: Any) -> Any:
        option = get_help_option(ctx)
        if option is not None:
            option.help = "显示此帮助并退出。"
        return option

    def usage(ctx: Any) -> str:
        return get_usage(ctx).replace("Usage: ", "用法：", 1)

    command.get_help_option = help_option
    command.get_usage = usage


def main() -> None:
    argv = sys.argv[1:]
    shown = not argv or "--help" in argv
    try:
        localized(help_lang(argv, os.environ), help_shown=shown)(prog_name="perflint")
    except BrokenPipeError:
        _quiet_broken_pipe()


def _quiet_broken_pipe() -> None:
    """The reader of our output went away (``perflint check . | head``): stop quietly, as
    Ruff and the standard tools do, without a message and without a second error when
    Python flushes stdout at exit."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except OSError:
        pass
    sys.exit(ExitCode.OK)
