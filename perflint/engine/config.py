"""Configuration: ``[tool.perflint]`` in pyproject.toml or a ``perflint.toml``.

Where it comes from, lowest precedence first:

1. built-in defaults (profile ``hunan-2019``, fail on errors, Chinese messages);
2. the configuration file: ``--config FILE``, else the nearest
   ``perflint.toml`` or ``pyproject.toml`` with a ``[tool.perflint]`` table,
   searching from the current directory upwards (in one directory
   ``perflint.toml`` wins over ``pyproject.toml``);
3. command-line options.  ``--select`` replaces the file's ``select``;
   ``--ignore``, ``--extend-select`` and ``--settings`` add to the file's.

Keys (kebab-case; see ``schemas/config.schema.json``): ``profile``,
``select``, ``extend-select``, ``ignore``, ``per-file-ignores``,
``severity``, ``fail-on``, ``lang``, ``output-format``, ``exclude``,
``max-file-size``, ``time-limit``, ``cache``, ``cache-dir``, ``settings`` (a table of shared
settings such as ``satisfaction_min_percent = 90``) and ``grade`` (the
grading formula, see :mod:`perflint.engine.grade`).

A file is checked against the schema by :func:`perflint.catalog.surely_valid`
first, so a valid configuration does not import jsonschema; only a doubtful
one is validated by jsonschema, which words the errors.

Every problem — an unknown key, rule, profile or setting, a wrong type — is a
:class:`ConfigError` naming the file, the line and the key, with the closest
valid spelling.
"""

from __future__ import annotations

import codecs
import math
import os
import re
import tomllib
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from perflint.catalog import DEFAULT_PROFILE, Catalog, Problem, ReferenceError_
from perflint.catalog.validate import (
    did_you_mean,
    locate,
    param_problems,
    same_type,
    schema_problems,
    surely_valid,
    type_name,
    validator_for,
)
from perflint.domain.findings import Severity
from perflint.engine.grade import GradeConfig
from perflint.engine.parallel import DEFAULT_TIME_LIMIT
from perflint.ingest.files import DEFAULT_MAX_BYTES
from perflint.messages import t
from perflint.report import formats
from perflint.resources import RULE_DOCS_URL, schema

if TYPE_CHECKING:
    from jsonschema import Draft202012Validator

CLI = "<command line>"
FAIL_ON = ("error", "warning", "info", "none")


class ConfigError(Exception):
    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("\n".join(p.text("en") for p in problems))
        self.problems = problems

    def text(self, lang: str = "zh") -> str:
        return "\n".join(p.text(lang) for p in self.problems)


@dataclass(slots=True)
class Config:
    path: Path | None = None  # the configuration file, if any
    root: Path = field(default_factory=Path.cwd)  # per-file-ignores are relative to this
    profile: str = DEFAULT_PROFILE
    preview: bool = False
    select: list[str] | None = None
    extend_select: list[str] = field(default_factory=list)
    ignore: list[str] = field(default_factory=list)
    per_file_ignores: dict[str, list[str]] = field(default_factory=dict)
    severity: dict[str, str] = field(default_factory=dict)
    fail_on: str = "error"
    lang: str = "zh"
    output_format: str | None = None
    exclude: list[str] = field(default_factory=list)
    max_file_size: int = DEFAULT_MAX_BYTES
    #: ``time-limit``: seconds one file may take before it is stopped with a PL002 finding
    time_limit: float = DEFAULT_TIME_LIMIT
    #: ``cache-dir``: the result cache folder, resolved against the configuration
    #: file's folder (``--cache-dir`` against the working directory); None: the default
    cache_dir: str | None = None
    #: ``docs-url``: a URL template with ``{code}`` for each rule's page (SARIF helpUri, HTML)
    docs_url: str = RULE_DOCS_URL
    #: ``packs``: extra rule-pack folders, resolved against the configuration file's folder
    packs: list[str] = field(default_factory=list)
    #: ``cache = false`` / ``--no-cache``: neither read nor write the result cache
    cache: bool = True
    encoding: str | None = None  # --encoding: read every input in this encoding
    settings: dict[str, Any] = field(default_factory=dict)
    #: per-rule parameters: rule code -> params (keys of the rule's kind params_schema)
    rule_params: dict[str, dict[str, Any]] = field(default_factory=dict)
    grade: GradeConfig = field(default_factory=GradeConfig)
    today: str = field(default_factory=lambda: date.today().isoformat())
    debug: bool = False
    strict_plugins: bool = False
    #: notices for stderr: old aliases in use, deprecated rules selected ({"zh": …, "en": …})
    notices: list[dict[str, str]] = field(default_factory=list)
    #: where each key was set: key -> (file, text) for error messages
    _origin: dict[str, tuple[str, str]] = field(default_factory=dict, repr=False)

    def fail_threshold(self) -> int | None:
        return None if self.fail_on == "none" else Severity(self.fail_on).rank

    def summary(self) -> dict[str, Any]:
        """What a report records about the options used (deterministic, no paths)."""
        return {
            "profile": self.profile,
            "preview": self.preview,
            "select": self.select,
            "extend_select": list(self.extend_select),
            "ignore": list(self.ignore),
            "per_file_ignores": {k: list(v) for k, v in sorted(self.per_file_ignores.items())},
            "severity": dict(sorted(self.severity.items())),
            "fail_on": self.fail_on,
            "lang": self.lang,
            "settings": dict(sorted(self.settings.items())),
            "rules": {k: dict(sorted(v.items())) for k, v in sorted(self.rule_params.items())},
            "grade": self.grade.to_dict(),
            "today": self.today,
        }


# ---------------------------------------------------------------------------
# finding and reading the file
# ---------------------------------------------------------------------------


def find_config(start: Path | None = None) -> Path | None:
    """The nearest perflint.toml, or pyproject.toml with [tool.perflint], upwards from ``start``."""
    here = (start or Path.cwd()).resolve()
    for folder in [here, *here.parents]:
        candidate = folder / "perflint.toml"
        if candidate.is_file():
            return candidate
        candidate = folder / "pyproject.toml"
        if candidate.is_file():
            try:
                data = tomllib.loads(candidate.read_text("utf-8"))
            except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
                continue
            if isinstance(data.get("tool"), dict) and "perflint" in data["tool"]:
                return candidate
    return None


def read_config_file(path: Path) -> tuple[dict[str, Any], str, list[str | int]]:
    """The raw table, the file's text and the key prefix of the table in it."""
    spath = str(path)
    try:
        text = path.read_text("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(
            [Problem(spath, None, "", t("unreadable", reason=getattr(exc, "strerror", None) or str(exc)))]
        ) from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        m = re.search(r"line (\d+)", str(exc))
        raise ConfigError(
            [Problem(spath, int(m.group(1)) if m else None, "", t("toml-syntax", reason=str(exc)))]
        ) from None
    except RecursionError:  # arrays or inline tables nested thousands deep
        raise ConfigError([Problem(spath, None, "", t("config-too-deep", depth=MAX_DEPTH))]) from None
    if path.name == "pyproject.toml":
        tool = data.get("tool")
        if not isinstance(tool, dict) or "perflint" not in tool:
            raise ConfigError([Problem(spath, None, "tool.perflint", t("no-config-table"))])
        table = tool["perflint"]
        if not isinstance(table, dict):
            raise ConfigError(
                [
                    Problem(
                        spath,
                        locate(text, ["tool", "perflint"]),
                        "tool.perflint",
                        t("schema-error", reason="[tool.perflint] must be a table"),
                    )
                ]
            )
        _check_values(table, text, spath, ["tool", "perflint"])
        return table, text, ["tool", "perflint"]
    _check_values(data, text, spath, [])
    return data, text, []


#: how deep tables and arrays may nest in a configuration (perflint's own keys go 3 deep)
MAX_DEPTH = 16


def value_problems(value: Any, path: list[str | int]) -> list[tuple[list[str | int], dict[str, str]]]:
    """(key path, message) for each number in ``value`` that is not finite (TOML
    ``nan``, ``inf``) and for nesting past :data:`MAX_DEPTH` -- before anything
    recursive (the schema, a fingerprint) walks the value.  Iterative: any depth."""
    found: list[tuple[list[str | int], dict[str, str]]] = []
    stack: list[tuple[Any, list[str | int]]] = [(value, path)]
    while stack:
        item, where = stack.pop()
        if isinstance(item, float) and not math.isfinite(item):
            found.append((where, t("not-finite", value=str(item))))
        elif isinstance(item, (dict, list)):
            if len(where) - len(path) >= MAX_DEPTH:
                found.append((where[: len(path) + 2], t("config-too-deep", depth=MAX_DEPTH)))
                continue
            pairs = item.items() if isinstance(item, dict) else enumerate(item)
            stack.extend((v, [*where, k]) for k, v in pairs)
    return sorted(found, key=lambda f: [str(k) for k in f[0]])


def _check_values(table: dict[str, Any], text: str, path: str, prefix: list[str | int]) -> None:
    problems = [
        Problem(path, locate(text, prefix + where), ".".join(map(str, where)), message)
        for where, message in value_problems(table, [])
    ]
    if problems:
        unique = {(p.key, p.message["en"]): p for p in problems}
        raise ConfigError(list(unique.values()))


def text_encoding(name: str) -> bool:
    """``name`` is a codec that decodes bytes to text (not ``rot13``, ``zlib``, ``hex`` …)."""
    try:
        return bool(getattr(codecs.lookup(name), "_is_text_encoding", True))
    except (LookupError, ValueError):
        return False


@lru_cache(maxsize=1)
def _validator() -> Draft202012Validator:
    return validator_for(schema("config.schema.json"))


def _config_problems(table: dict[str, Any], text: str, path: str, prefix: list[str | int]) -> list[Problem]:
    """Schema problems of a configuration table (jsonschema only when the quick check doubts it)."""
    if surely_valid(schema("config.schema.json"), table):
        return []
    return schema_problems(_validator(), table, text, path, prefix)


# ---------------------------------------------------------------------------
# building a Config
# ---------------------------------------------------------------------------


def _resolve(path: str, base: Path) -> Path:
    folder = Path(os.path.expanduser(path))
    return folder if folder.is_absolute() else base / folder


def configured_packs(config_file: str | Path | None = None, cwd: Path | None = None) -> list[Path]:
    """The ``packs`` a configuration names, read before the catalog loads (the catalog
    must know every rule before the rest of the configuration can be checked against
    it).  A file that does not parse gives none here: :func:`load_config` reports it."""
    path = Path(config_file) if config_file is not None else find_config(cwd)
    if path is None:
        return []
    try:
        table, _, _ = read_config_file(path)
    except ConfigError:
        return []
    packs = table.get("packs")
    if not isinstance(packs, list) or not all(isinstance(p, str) and p for p in packs):
        return []
    return [_resolve(p, path.resolve().parent) for p in packs]


def configured_cache(config_file: str | Path | None = None, cwd: Path | None = None) -> tuple[Path | None, bool]:
    """The ``cache-dir`` (resolved against the configuration file's folder) and ``cache``
    a configuration names, read before the catalog loads so that every cache -- the
    parsed rules too -- follows them.  A file that does not parse gives the defaults."""
    path = Path(config_file) if config_file is not None else find_config(cwd)
    if path is None:
        return None, True
    try:
        table, _, _ = read_config_file(path)
    except ConfigError:
        return None, True
    folder = table.get("cache-dir")
    where = _resolve(folder, path.resolve().parent) if isinstance(folder, str) and folder else None
    return where, table.get("cache") is not False


def parse_setting_value(raw: str) -> Any:
    """A ``--settings`` value: a TOML value when it parses as one, else a string
    (ValueError when it nests too deeply to parse)."""
    try:
        return tomllib.loads(f"v = {raw}")["v"]
    except tomllib.TOMLDecodeError:
        return raw
    except RecursionError:
        raise ValueError("nested too deeply") from None


def load_config(
    catalog: Catalog,
    *,
    config_file: str | Path | None = None,
    cwd: Path | None = None,
    overrides: dict[str, Any] | None = None,
) -> Config:
    """Build the configuration from the file and the command-line ``overrides``.

    ``overrides`` uses the config keys (``select``, ``extend-select``,
    ``ignore``, ``profile``, ``fail-on``, ``lang``, ``settings`` (a list of
    ``KEY=VALUE`` strings), ``today``, ``max-file-size``, ``output-format``,
    ``cache``, ``cache-dir`` (relative to ``cwd``)); ``None`` values are
    ignored.
    """
    overrides = {k: v for k, v in (overrides or {}).items() if v is not None}
    cfg = Config(root=(cwd or Path.cwd()).resolve())
    problems: list[Problem] = []

    path = Path(config_file) if config_file is not None else find_config(cwd)
    if path is not None:
        table, text, prefix = read_config_file(path)
        cfg.path = path.resolve()
        cfg.root = cfg.path.parent
        schema_probs = _config_problems(table, text, str(path), prefix)
        if schema_probs:
            raise ConfigError(schema_probs)
        _apply(cfg, table, str(path), text, prefix)

    # command-line overrides
    cli_table: dict[str, Any] = {}
    for key in ("profile", "preview", "fail-on", "lang", "output-format", "max-file-size", "cache", "cache-dir"):
        if key in overrides:
            cli_table[key] = overrides[key]
    if overrides.get("select"):
        cli_table["select"] = list(overrides["select"])
    cli_problems = _config_problems(cli_table, "", CLI, []) if cli_table else []
    for p in cli_problems:
        problems.append(Problem(CLI, None, f"--{p.key}", p.message))
    if not cli_problems:
        _apply(cfg, cli_table, CLI, "", [], base=(cwd or Path.cwd()).resolve())
    if overrides.get("extend-select"):
        cfg.extend_select = cfg.extend_select + list(overrides["extend-select"])
        for ref in overrides["extend-select"]:
            cfg._origin.setdefault(f"extend-select:{ref}", (CLI, ""))
    if overrides.get("exclude"):
        cfg.exclude = cfg.exclude + list(overrides["exclude"])
    if overrides.get("ignore"):
        cfg.ignore = cfg.ignore + list(overrides["ignore"])
        for ref in overrides["ignore"]:
            cfg._origin.setdefault(f"ignore:{ref}", (CLI, ""))
    for item in overrides.get("settings") or []:
        key, sep, raw = str(item).partition("=")
        key = key.strip()
        if not sep or not key:
            problems.append(Problem(CLI, None, "--settings", t("bad-settings-arg", value=item)))
            continue
        try:
            value = parse_setting_value(raw.strip())
        except ValueError:
            problems.append(Problem(CLI, None, "--settings", t("config-too-deep", depth=MAX_DEPTH)))
            continue
        bad = value_problems(value, [key])
        if bad:
            problems.extend(Problem(CLI, None, "--settings", message) for _, message in bad[:1])
            continue
        cfg.settings[key] = value
        cfg._origin[f"settings:{key}"] = (CLI, "")
    today = overrides.get("today") or os.environ.get("PERFLINT_TODAY")
    if today:
        try:
            cfg.today = date.fromisoformat(str(today)).isoformat()
        except ValueError:
            problems.append(Problem(CLI, None, "--today", t("bad-today", value=today)))
    cfg.debug = bool(overrides.get("debug", False))
    cfg.strict_plugins = bool(overrides.get("strict-plugins", False))
    cfg.encoding = overrides.get("encoding") or None
    if cfg.encoding is not None and not text_encoding(cfg.encoding):
        problems.append(Problem(CLI, None, "--encoding", t("not-text-encoding", encoding=cfg.encoding)))

    problems.extend(validate(cfg, catalog))
    if problems:
        raise ConfigError(problems)
    return cfg


def _apply(
    cfg: Config, table: dict[str, Any], source: str, text: str, prefix: list[str | int], base: Path | None = None
) -> None:
    """Set the keys of ``table``; a relative ``cache-dir`` is resolved against ``base``
    (default: the configuration file's folder)."""

    def origin(key: str) -> None:
        cfg._origin[key] = (source, text)

    if "profile" in table:
        cfg.profile = table["profile"]
        origin("profile")
    if "preview" in table:
        cfg.preview = bool(table["preview"])
    if "select" in table:
        cfg.select = list(table["select"])
        for ref in cfg.select:
            origin(f"select:{ref}")
    for key, attr in (("extend-select", "extend_select"), ("ignore", "ignore"), ("exclude", "exclude")):
        if key in table:
            setattr(cfg, attr, list(table[key]))
            for ref in table[key]:
                origin(f"{key}:{ref}")
    if "per-file-ignores" in table:
        cfg.per_file_ignores = {k: list(v) for k, v in table["per-file-ignores"].items()}
        for glob, refs in cfg.per_file_ignores.items():
            for ref in refs:
                origin(f"per-file-ignores:{glob}:{ref}")
    if "severity" in table:
        cfg.severity = dict(table["severity"])
        for ref in cfg.severity:
            origin(f"severity:{ref}")
    if "fail-on" in table:
        cfg.fail_on = table["fail-on"]
    if "lang" in table:
        cfg.lang = table["lang"]
    if "output-format" in table:
        cfg.output_format = table["output-format"]
        origin("output-format")
    if "max-file-size" in table:
        cfg.max_file_size = int(table["max-file-size"])
    if "time-limit" in table:
        cfg.time_limit = float(table["time-limit"])
    if "cache" in table:
        cfg.cache = bool(table["cache"])
    if "docs-url" in table:
        cfg.docs_url = str(table["docs-url"])
    if "packs" in table:
        cfg.packs = [str(_resolve(str(p), base or cfg.root)) for p in table["packs"]]
    if "cache-dir" in table:
        folder = Path(os.path.expanduser(str(table["cache-dir"])))
        cfg.cache_dir = str(folder if folder.is_absolute() else (base or cfg.root) / folder)
        origin("cache-dir")
    if "settings" in table:
        for key, value in table["settings"].items():
            cfg.settings[key] = value
            origin(f"settings:{key}")
    if "rules" in table:
        for ref, params in table["rules"].items():
            cfg.rule_params[ref] = dict(params)
            origin(f"rules:{ref}")
    if "grade" in table:
        cfg.grade = GradeConfig.from_dict(table["grade"])
    cfg._origin.setdefault("__prefix__", (source, text))
    if prefix:
        cfg._origin["__file_prefix__"] = (source, ".".join(map(str, prefix)))


def _where(cfg: Config, key: str, path: list[str | int]) -> tuple[str, int | None]:
    source, text = cfg._origin.get(key, (CLI, ""))
    if source == CLI or not text:
        return source, None
    prefix: list[str | int] = []
    fp = cfg._origin.get("__file_prefix__")
    if fp and fp[0] == source:
        prefix = list(fp[1].split("."))
    return source, locate(text, prefix + path)


def validate(cfg: Config, catalog: Catalog) -> list[Problem]:
    """Check references against the catalog: rules, profile, settings."""
    problems: list[Problem] = []

    def bad_ref(key: str, ref: str, path: list[str | int], label: str) -> None:
        try:
            rules = catalog.resolve(ref)
        except ReferenceError_ as exc:
            source, line = _where(cfg, key, path)
            problems.append(
                Problem(
                    source,
                    line,
                    label if source != CLI else f"--{label.split('.')[0]}",
                    t("unknown-rule", ref=ref, hint=exc.suggestion),
                )
            )
            return
        old = catalog.via_alias(ref)
        if old is not None:
            note = t("alias-used", ref=ref, code=old.code, name=old.name)
            if note not in cfg.notices:
                cfg.notices.append(note)
        if len(rules) == 1 and rules[0].status == "deprecated" and not label.startswith(("ignore", "per-file")):
            note = t("deprecated-rule", code=rules[0].code, name=rules[0].name)
            if note not in cfg.notices:
                cfg.notices.append(note)

    if cfg.profile not in catalog.profiles:
        source, line = _where(cfg, "profile", ["profile"])
        problems.append(
            Problem(
                source,
                line,
                "profile" if source != CLI else "--profile",
                t("unknown-profile", profile=cfg.profile, hint=did_you_mean(cfg.profile, catalog.profiles)),
            )
        )
    for ref in cfg.select or []:
        bad_ref(f"select:{ref}", ref, ["select"], "select")
    for ref in cfg.extend_select:
        bad_ref(f"extend-select:{ref}", ref, ["extend-select"], "extend-select")
    for ref in cfg.ignore:
        bad_ref(f"ignore:{ref}", ref, ["ignore"], "ignore")
    for glob, refs in cfg.per_file_ignores.items():
        for ref in refs:
            bad_ref(f"per-file-ignores:{glob}:{ref}", ref, ["per-file-ignores", glob], f"per-file-ignores.{glob}")
    for ref in cfg.severity:
        bad_ref(f"severity:{ref}", ref, ["severity", ref], f"severity.{ref}")
    if cfg.output_format is not None:
        if cfg.output_format not in formats():
            source, line = _where(cfg, "output-format", ["output-format"])
            problems.append(
                Problem(
                    source,
                    line,
                    "output-format" if source != CLI else "--format",
                    t("unknown-format", fmt=cfg.output_format, hint=did_you_mean(cfg.output_format, formats())),
                )
            )
    resolved: dict[str, dict[str, Any]] = {}
    for ref, params in cfg.rule_params.items():
        source, line = _where(cfg, f"rules:{ref}", ["rules", ref])
        rule = catalog.get(ref)
        if rule is None:
            choices = list(catalog.rules) + [r.name for r in catalog.rules.values()]
            problems.append(
                Problem(source, line, f"rules.{ref}", t("unknown-rule", ref=ref, hint=did_you_mean(ref, choices)))
            )
            continue
        kind = catalog.kinds.get(rule.kind)
        if kind is None:
            problems.append(Problem(source, line, f"rules.{ref}", t("rule-no-params", code=rule.code)))
            continue
        merged = {**rule.params, **params}
        found = schema_problems(validator_for(kind.params_schema), merged, "", source)
        for p in found:
            problems.append(Problem(source, line, f"rules.{ref}.{p.key}".rstrip("."), p.message))
        if not found:  # a pattern is compiled now, not on every file: unsafe or invalid is a config error
            for key, message in param_problems(kind, merged):
                if key.split(".")[0] in params:
                    problems.append(Problem(source, line, f"rules.{ref}.{key}", message))
        resolved[rule.code] = {**resolved.get(rule.code, {}), **params}
    cfg.rule_params = resolved
    known = catalog.setting_names()
    for key, value in cfg.settings.items():
        source, line = _where(cfg, f"settings:{key}", ["settings", key])
        label = f"settings.{key}" if source != CLI else "--settings"
        if key not in known:
            problems.append(Problem(source, line, label, t("unknown-setting", key=key, hint=did_you_mean(key, known))))
            continue
        default = catalog.setting_default(key)
        if default is not None and not same_type(default, value):
            problems.append(Problem(source, line, label, t("setting-type", key=key, expected=type_name(default))))
            continue
        for prop in _setting_schemas(catalog, key):  # the range a rule taking it as a param allows
            if surely_valid(prop, value):
                continue
            found = schema_problems(validator_for({"properties": {key: prop}}), {key: value}, "", source)
            if found:
                problems.append(Problem(source, line, label, found[0].message))
                break
    return problems


def _setting_schemas(catalog: Catalog, key: str) -> list[dict[str, Any]]:
    """The schemas of ``key`` in the params of the kinds (a shared setting a rule may override)."""
    out = []
    for kind in catalog.kinds.values():
        prop = (getattr(kind, "params_schema", None) or {}).get("properties", {}).get(key)
        if isinstance(prop, dict) and prop not in out:
            out.append(prop)
    return out
