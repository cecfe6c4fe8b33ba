"""The rule catalog: kinds (Python) + rule packs (TOML) + profiles.

Loading order:

1. **Kinds** come from the ``perflint.kinds`` entry-point group (built-in:
   ``perflint.checks:register``).  Each plugin is loaded on its own; one that
   fails to import or returns something unusable is recorded in
   :attr:`Catalog.plugin_errors` and the others keep working.
2. **Packs** come from the ``perflint.packs`` entry-point group (built-in:
   ``perflint.rulepacks:builtin_packs`` → ``rules/``).  Every ``*.toml`` under
   a pack folder is one rule, except ``settings.toml`` at the top of a pack
   and anything under ``profiles/`` or ``data/``.
3. Each rule is validated against ``schemas/rulepack.schema.json`` and then
   its ``[params]`` against its kind's ``params_schema``.  Every problem names
   the file, the line and, for unknown keys, kinds and severities, the closest
   valid spelling.  All problems of all files are collected and raised
   together as one :class:`CatalogError`, before any input is read.
   The built-in pack is the exception: perflint's own test suite validates
   it in full (``tests/test_catalog_fast_load.py``), so :func:`builtin_catalog`
   loads it as *trusted* and skips the JSON Schema passes at run time (see
   :meth:`Catalog.load`).  jsonschema is imported only when something is
   actually validated.
4. **Profiles** (``rules/profiles/*.toml``) select and tune rules for one
   template family.

Reference resolution (``--select VAL``, ``--ignore not-measurable`` …), in
this fixed order: exact **code** > exact **name** > **code prefix** (a family
such as ``VAL`` or ``VAL0``; ``ALL`` is every rule) > **alias**.
"""

from __future__ import annotations

import os
import re
import sys
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from perflint.checks.base import Kind
from perflint.findings import Aspect, Severity
from perflint.messages import t
from perflint.resources import rules_dir, schema, user_cache_dir, write_cache_file
from perflint.result import RuleInfo

if TYPE_CHECKING:  # imported lazily: only a run that validates something needs them
    from jsonschema import Draft202012Validator
    from jsonschema.exceptions import ValidationError

#: kinds that exist only in rule data: the ``input`` family documents and
#: renders InputProblems, ``internal`` renders crashes of other kinds.
PSEUDO_KINDS = ("input", "internal")
INTERNAL_ERROR_CODE = "PL001"
SKIP_DIRS = ("profiles", "data")
#: bump when what the parse cache holds changes
PARSE_CACHE_FORMAT = 1
DEFAULT_PROFILE = "hunan-2019"
LANGS = ("zh", "en")

_CODE_RE = re.compile(r"^[A-Z]+[0-9]*$")


# ---------------------------------------------------------------------------
# data
# ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Example:
    """One ``[[examples]]`` entry of a rule (a test case)."""

    rule: str  # code
    index: int  # position among the rule's examples
    case: str  # "bad" | "good"
    data: dict[str, Any]
    count: int | None = None
    profile: str | None = None
    settings: dict[str, Any] = field(default_factory=dict)

    @property
    def id(self) -> str:
        return f"{self.rule}-{self.case}-{self.index}"


@dataclass(frozen=True, slots=True)
class Rule:
    code: str
    name: str
    kind: str
    severity: Severity
    aspect: Aspect
    path: Path
    status: str = "stable"
    since: str = ""
    aliases: tuple[str, ...] = ()
    profiles: tuple[str, ...] | None = None
    params: dict[str, Any] = field(default_factory=dict)
    message: dict[str, str] = field(default_factory=dict)
    messages: dict[str, dict[str, str]] = field(default_factory=dict)
    suggestion: dict[str, str] | None = None
    doc: dict[str, dict[str, str]] = field(default_factory=dict)
    examples: tuple[Example, ...] = ()
    pack: str = "builtin"

    @property
    def family(self) -> str:
        return re.sub(r"[0-9]+$", "", self.code)

    def template(self, variant: str | None = None) -> dict[str, str]:
        if variant and variant in self.messages:
            return self.messages[variant]
        return self.message

    def doc_text(self, section: str, lang: str = "zh") -> str:
        return (self.doc.get(lang) or {}).get(section) or (self.doc.get("zh") or {}).get(section, "")

    def enabled_in(self, profile: str) -> bool:
        return self.profiles is None or profile in self.profiles

    def info(self) -> RuleInfo:
        return RuleInfo(
            code=self.code,
            name=self.name,
            severity=self.severity,
            aspect=str(self.aspect),
            summary={lang: self.doc_text("summary", lang) for lang in LANGS},
            why={lang: self.doc_text("why", lang) for lang in LANGS},
            help_uri=None,
            family=self.family,
        )


@dataclass(frozen=True, slots=True)
class Profile:
    name: str
    path: Path
    title: dict[str, str] = field(default_factory=dict)
    description: dict[str, str] = field(default_factory=dict)
    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] = ()
    severity: dict[str, Severity] = field(default_factory=dict)
    settings: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class PluginError:
    group: str
    name: str
    error: str

    def to_dict(self) -> dict[str, str]:
        return {"group": self.group, "name": self.name, "error": self.error}


@dataclass(frozen=True, slots=True)
class Problem:
    """One defect in a rule pack, profile or config file."""

    path: str
    line: int | None
    key: str
    message: dict[str, str]  # {"zh": …, "en": …}

    def text(self, lang: str = "zh") -> str:
        where = self.path if self.line is None else f"{self.path}:{self.line}"
        key = f" [{self.key}]" if self.key else ""
        return f"{where}{key}: {self.message.get(lang) or self.message['zh']}"


class CatalogError(Exception):
    """Rule packs or profiles are broken; nothing may run."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("\n".join(p.text("en") for p in problems))
        self.problems = problems

    def text(self, lang: str = "zh") -> str:
        return "\n".join(p.text(lang) for p in self.problems)


class ReferenceError_(LookupError):
    """A rule reference (code, name, prefix or alias) that matches nothing."""

    def __init__(self, ref: str, suggestion: str | None) -> None:
        super().__init__(ref)
        self.ref = ref
        self.suggestion = suggestion


# ---------------------------------------------------------------------------
# entry points, without importing importlib.metadata where it can be helped
# ---------------------------------------------------------------------------

_EP_VALUE_RE = re.compile(r"(?P<module>[\w.]+)\s*(:\s*(?P<attr>[\w.]+)\s*)?((?P<extras>\[.*\])\s*)?$")
_EP_READ_ERRORS = (FileNotFoundError, IsADirectoryError, NotADirectoryError, PermissionError)


class EntryPoint:
    """One entry point (``name = module:attr``), loaded like ``importlib.metadata.EntryPoint``.

    A plain class, not a dataclass: creating a dataclass costs about a
    millisecond of start-up.
    """

    __slots__ = ("name", "value", "group")

    def __init__(self, name: str, value: str, group: str) -> None:
        self.name, self.value, self.group = name, value, group

    def __repr__(self) -> str:
        return f"EntryPoint(name={self.name!r}, value={self.value!r}, group={self.group!r})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, EntryPoint) and (self.name, self.value, self.group) == (other.name, other.value, other.group)

    def __hash__(self) -> int:
        return hash((self.name, self.value, self.group))

    def load(self) -> Any:
        import importlib

        match = _EP_VALUE_RE.match(self.value)
        if match is None:
            raise ValueError(f"invalid entry point {self.name} = {self.value!r}")
        obj: Any = importlib.import_module(match.group("module"))
        for attr in filter(None, (match.group("attr") or "").split(".")):
            obj = getattr(obj, attr)
        return obj


def entry_points(group: str) -> list[Any]:
    """The entry points of ``group`` of the installed distributions.

    The same list as ``importlib.metadata.entry_points(group=group)``, in the
    same order, but read directly from the ``*.dist-info`` / ``*.egg-info``
    folders on ``sys.path``: importing importlib.metadata costs about 20 ms of
    start-up (it imports the email package).  Where the layout is anything
    else (a zip file or an egg on ``sys.path``, a finder other than the
    standard one that knows distributions, a file that does not parse), and
    in a process that has already imported importlib.metadata (then it costs
    nothing), importlib.metadata itself answers.
    """
    metadata = sys.modules.get("importlib.metadata")
    if metadata is None:
        found = _scan_entry_points(group)
        if found is not None:
            return list(found)
        import importlib.metadata as metadata
    return list(metadata.entry_points(group=group))


def _normalize_dist(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower().replace("-", "_")


def _scan_entry_points(group: str) -> list[EntryPoint] | None:
    """What importlib.metadata would find (first distribution of each name wins), or None to ask it."""
    from importlib.machinery import PathFinder

    if any(getattr(f, "find_distributions", None) is not None and f is not PathFinder for f in sys.meta_path):
        return None
    seen: set[str] = set()
    out: list[EntryPoint] = []
    for entry in sys.path:
        if not isinstance(entry, str):
            return None
        root = entry or "."
        try:
            children = os.listdir(root)
        except NotADirectoryError:
            return None  # a zip file on sys.path
        except OSError:
            continue
        if os.path.basename(root).lower().endswith(".egg"):
            return None
        infos: dict[str, list[str]] = {}
        for child in children:
            low = child.lower()
            if low.endswith((".dist-info", ".egg-info")):
                if not child.endswith((".dist-info", ".egg-info")):
                    return None  # importlib.metadata would read the name from METADATA
                infos.setdefault(_normalize_dist(low.rpartition(".")[0].partition("-")[0]), []).append(child)
        for name, dists in infos.items():
            for child in dists:
                if name in seen:
                    continue
                seen.add(name)
                try:
                    with open(os.path.join(root, child, "entry_points.txt"), encoding="utf-8") as fh:
                        text = fh.read()
                except _EP_READ_ERRORS:
                    continue
                except (OSError, ValueError):
                    return None
                section: str | None = None
                for line in map(str.strip, text.splitlines()):
                    if not line or line.startswith("#"):
                        continue
                    if line.startswith("[") and line.endswith("]"):
                        section = line.strip("[]")
                        continue
                    if section is None:
                        continue
                    if "=" not in line:
                        return None
                    if section == group:
                        key, _, value = line.partition("=")
                        out.append(EntryPoint(key.strip(), value.strip(), group))
    return out


# ---------------------------------------------------------------------------
# helpers: lines of keys in TOML text, did-you-mean
# ---------------------------------------------------------------------------


def did_you_mean(word: str, choices: Iterable[str], cutoff: float = 0.6) -> str | None:
    import difflib

    choices = sorted(set(choices))
    found = difflib.get_close_matches(word, choices, n=1, cutoff=cutoff)
    if not found:
        lower = {c.lower(): c for c in choices}
        found = [lower[m] for m in difflib.get_close_matches(word.lower(), list(lower), n=1, cutoff=cutoff)]
    return found[0] if found else None


def _key_pattern(key: str) -> str:
    return rf'(?:{re.escape(key)}|"{re.escape(key)}"|\'{re.escape(key)}\')'


def locate(text: str, path: list[str | int]) -> int | None:
    """Best-effort 1-based line of the key at ``path`` in TOML ``text``.

    Handles top-level keys, ``[table]`` / ``[a.b]`` headers, ``[[array]]``
    entries (by index) and dotted or inline keys; returns ``None`` when the
    key cannot be found (for example a key set inside an inline table that
    spans lines in an unusual way).
    """
    lines = text.splitlines()
    start, end = 0, len(lines)
    header_re = re.compile(r"^\s*\[\[?\s*([^\]]+?)\s*\]\]?\s*(#.*)?$")

    def headers() -> list[tuple[int, str, bool]]:
        out = []
        for i, line in enumerate(lines):
            m = header_re.match(line)
            if m:
                out.append((i, m.group(1).replace('"', "").replace("'", "").replace(" ", ""),
                            line.strip().startswith("[[")))
        return out

    heads = headers()
    prefix: list[str] = []
    i = 0
    found_line: int | None = None
    while i < len(path):
        seg = path[i]
        if isinstance(seg, int):
            i += 1
            continue
        nxt = path[i + 1] if i + 1 < len(path) else None
        dotted = ".".join(prefix + [seg])
        if isinstance(nxt, int):
            arrays = [h for h in heads if h[1] == dotted and h[2]]
            if len(arrays) > nxt:
                start = arrays[nxt][0]
                later = [h[0] for h in heads if h[0] > start]
                end = later[0] if later else len(lines)
                found_line = start + 1
                prefix = prefix + [seg]  # headers are absolute dotted names
                i += 2
                continue
        if not any(h[1] == dotted for h in heads) and any(h[1].startswith(dotted + ".") for h in heads):
            prefix.append(str(seg))  # a parent of a [a.b] header, e.g. "tool" in [tool.perflint]
            i += 1
            continue
        tables = [h for h in heads if h[1] == dotted and not h[2] and start <= h[0] < max(end, start + 1)]
        if not tables:
            tables = [h for h in heads if h[1] == dotted and not h[2]]
        if tables:
            start = tables[0][0]
            later = [h[0] for h in heads if h[0] > start]
            end = later[0] if later else len(lines)
            found_line = start + 1
            prefix = prefix + [seg]
            i += 1
            continue
        pat = re.compile(rf"^\s*(?:[\w\-\"'.]+\.)?{_key_pattern(str(seg))}\s*[=.]")
        inline = re.compile(rf"[{{,]\s*{_key_pattern(str(seg))}\s*=")
        hit = None
        for j in range(start, end):
            if pat.match(lines[j]) or inline.search(lines[j]):
                hit = j
                break
        if hit is None:
            return found_line
        found_line = hit + 1
        start = hit
        prefix.append(str(seg))
        i += 1
    return found_line


# ---------------------------------------------------------------------------
# validation of one rule file
# ---------------------------------------------------------------------------


def validator_for(json_schema: dict[str, Any]) -> Draft202012Validator:
    """A JSON Schema validator (imports jsonschema on first use)."""
    from jsonschema import Draft202012Validator

    return Draft202012Validator(json_schema)


@lru_cache(maxsize=1)
def _rule_validator() -> Draft202012Validator:
    return validator_for(schema("rulepack.schema.json"))


@lru_cache(maxsize=1)
def _declaration_validator() -> Draft202012Validator:
    """Example declarations follow the JSON input schema, so a misspelt field cannot make
    an example pass vacuously (``Declaration.from_dict`` ignores unknown keys)."""
    return validator_for(schema("declaration.schema.json"))


@lru_cache(maxsize=1)
def _profile_validator() -> Draft202012Validator:
    root = schema("rulepack.schema.json")
    return validator_for({"$defs": root["$defs"], "$ref": "#/$defs/profile"})


#: keywords :func:`surely_valid` understands; annotations it may ignore
_QUICK_KEYWORDS = frozenset({"type", "enum", "pattern", "minLength", "minimum", "maximum", "items", "properties",
                             "additionalProperties", "propertyNames", "$ref"})
_ANNOTATIONS = frozenset({"description", "title", "$schema", "$id", "$comment", "$defs", "default", "examples",
                          "deprecated"})
_QUICK_TYPES: dict[str, Any] = {
    "object": lambda v: isinstance(v, dict),
    "array": lambda v: isinstance(v, list),
    "string": lambda v: isinstance(v, str),
    "boolean": lambda v: isinstance(v, bool),
    "integer": lambda v: isinstance(v, int) and not isinstance(v, bool),
    "number": lambda v: isinstance(v, (int, float)) and not isinstance(v, bool),
}


def surely_valid(json_schema: dict[str, Any], data: Any, root: dict[str, Any] | None = None) -> bool:
    """True only when ``data`` is certainly valid against ``json_schema`` (draft 2020-12).

    A small, strict subset of JSON Schema (the keywords of
    ``config.schema.json``: type, enum, pattern, minLength, minimum,
    maximum, items, properties, additionalProperties, propertyNames and
    local ``$ref``), so that a valid configuration is accepted without
    importing jsonschema.  Any other keyword, and any doubtful case (``1.0``
    for an integer, ``1`` in an enum of floats), answers False: then
    jsonschema decides, and words the errors.
    """
    root = json_schema if root is None else root
    if json_schema is True:
        return True
    if not isinstance(json_schema, dict):
        return False
    for key, rule in json_schema.items():
        if key in _ANNOTATIONS:
            continue
        if key not in _QUICK_KEYWORDS:
            return False
        if key == "type":
            check = _QUICK_TYPES.get(rule) if isinstance(rule, str) else None
            if check is None or not check(data):
                return False
        elif key == "enum":
            if not any(type(choice) is type(data) and choice == data for choice in rule):
                return False
        elif key == "$ref":
            if not (isinstance(rule, str) and rule.startswith("#/$defs/")):
                return False
            target = (root.get("$defs") or {}).get(rule[len("#/$defs/"):])
            if target is None or not surely_valid(target, data, root):
                return False
        elif key == "pattern":
            if isinstance(data, str) and not re.search(rule, data):
                return False
        elif key == "minLength":
            if isinstance(data, str) and len(data) < rule:
                return False
        elif key in ("minimum", "maximum"):
            if isinstance(data, (int, float)) and not isinstance(data, bool):
                if (data < rule) if key == "minimum" else (data > rule):
                    return False
        elif key == "items":
            if isinstance(data, list) and not all(surely_valid(rule, item, root) for item in data):
                return False
        elif key == "propertyNames":
            if isinstance(data, dict) and not all(surely_valid(rule, name, root) for name in data):
                return False
        elif key == "properties":
            if isinstance(data, dict) and not all(surely_valid(rule[name], value, root)
                                                  for name, value in data.items() if name in rule):
                return False
        elif key == "additionalProperties":
            if isinstance(data, dict):
                known = json_schema.get("properties") or {}
                extra = [value for name, value in data.items() if name not in known]
                if extra and (rule is False or not all(surely_valid(rule, value, root) for value in extra)):
                    return False
    return True


def schema_problems(validator: Draft202012Validator, data: Any, text: str, path: str,
                    prefix: list[str | int] | None = None) -> list[Problem]:
    """Turn JSON Schema errors into :class:`Problem` s with lines and suggestions."""
    prefix = list(prefix or [])
    out: list[Problem] = []
    errors = sorted(validator.iter_errors(data), key=lambda e: (list(map(str, e.absolute_path)), e.message))
    for err in errors:
        out.extend(_problems_from_error(err, text, path, prefix))
    return out


def _problems_from_error(err: ValidationError, text: str, path: str, prefix: list[str | int]) -> list[Problem]:
    loc = prefix + list(err.absolute_path)
    key = ".".join(str(p) for p in loc)
    if err.validator == "additionalProperties" and isinstance(err.instance, dict):
        known = list((err.schema.get("properties") or {}).keys())
        out = []
        for extra in sorted(k for k in err.instance if k not in known):
            patt = err.schema.get("patternProperties") or {}
            if any(re.search(p, extra) for p in patt):
                continue
            guess = did_you_mean(extra, known)
            full = ".".join(str(p) for p in loc + [extra])
            out.append(Problem(path, locate(text, loc + [extra]), full,
                               t("unknown-key", key=extra, hint=guess)))
        return out
    if err.validator == "enum":
        guess = did_you_mean(str(err.instance), [str(v) for v in err.validator_value])
        return [Problem(path, locate(text, loc), key,
                        t("bad-value", value=err.instance,
                          allowed=", ".join(str(v) for v in err.validator_value), hint=guess))]
    if err.validator == "required":
        missing = err.message.split("'")[1] if "'" in err.message else err.message
        return [Problem(path, locate(text, loc) or 1, key or missing, t("missing-key", key=missing))]
    if err.validator in ("anyOf", "oneOf") and err.context:
        best = sorted(err.context, key=lambda e: (len(list(e.absolute_path)), e.message))[-1]
        return _problems_from_error(best, text, path, prefix)
    return [Problem(path, locate(text, loc), key, t("schema-error", reason=err.message))]


def _lang_pair(data: Any) -> dict[str, str]:
    return {lang: str(data[lang]) for lang in LANGS if isinstance(data, dict) and lang in data}


def _parse_toml(path: Path) -> tuple[dict[str, Any] | None, str, Problem | None]:
    try:
        text = path.read_text("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        return None, "", Problem(str(path), None, "", t("unreadable", reason=str(exc)))
    try:
        return tomllib.loads(text), text, None
    except tomllib.TOMLDecodeError as exc:
        m = re.search(r"line (\d+)", str(exc))
        return None, text, Problem(str(path), int(m.group(1)) if m else None, "",
                                   t("toml-syntax", reason=str(exc)))


# ---------------------------------------------------------------------------
# the catalog
# ---------------------------------------------------------------------------


@dataclass(slots=True)
class Catalog:
    rules: dict[str, Rule] = field(default_factory=dict)  # code -> rule, sorted by code
    kinds: dict[str, Kind] = field(default_factory=dict)  # name -> instance
    profiles: dict[str, Profile] = field(default_factory=dict)
    settings: dict[str, Any] = field(default_factory=dict)  # shared defaults (settings.toml)
    plugin_errors: list[PluginError] = field(default_factory=list)
    packs: list[Path] = field(default_factory=list)
    #: rules not loaded because their kind is missing while a plugin failed
    skipped: list[Problem] = field(default_factory=list)
    #: TOML files already parsed (the parse cache of trusted packs): path -> (text, data)
    _parsed: dict[Path, tuple[str, dict[str, Any]]] = field(default_factory=dict, repr=False, compare=False)
    #: rule files of each pack, listed once per load
    _listed: dict[Path, list[Path]] = field(default_factory=dict, repr=False, compare=False)

    # -- lookup -----------------------------------------------------------
    def by_name(self) -> dict[str, Rule]:
        return {r.name: r for r in self.rules.values()}

    def get(self, ref: str) -> Rule | None:
        """One rule by code, name or alias (no prefixes)."""
        ref = ref.strip()
        if ref.upper() in self.rules:
            return self.rules[ref.upper()]
        for rule in self.rules.values():
            if rule.name == ref:
                return rule
        for rule in self.rules.values():
            if ref in rule.aliases or ref.upper() in (a.upper() for a in rule.aliases):
                return rule
        return None

    def resolve(self, ref: str) -> list[Rule]:
        """Rules a reference selects: code > name > code prefix > alias.

        Raises :class:`ReferenceError_` with a did-you-mean when nothing matches.
        """
        raw = ref.strip()
        up = raw.upper()
        if up in self.rules:
            return [self.rules[up]]
        named = [r for r in self.rules.values() if r.name == raw]
        if named:
            return named
        if up == "ALL":
            return list(self.rules.values())
        if _CODE_RE.match(up):
            prefixed = [r for r in self.rules.values() if r.code.startswith(up)]
            if prefixed:
                return prefixed
        aliased = [r for r in self.rules.values() if raw in r.aliases or up in (a.upper() for a in r.aliases)]
        if aliased:
            return aliased
        choices = list(self.rules) + [r.name for r in self.rules.values()]
        choices += [a for r in self.rules.values() for a in r.aliases]
        choices += sorted({r.family for r in self.rules.values()})
        raise ReferenceError_(raw, did_you_mean(raw, choices))

    def via_alias(self, ref: str) -> Rule | None:
        """The rule ``ref`` reaches only through an old alias (for a deprecation notice)."""
        raw = ref.strip()
        up = raw.upper()
        if up in self.rules or any(r.name == raw for r in self.rules.values()) or up == "ALL":
            return None
        if _CODE_RE.match(up) and any(r.code.startswith(up) for r in self.rules.values()):
            return None
        return next((r for r in self.rules.values()
                     if raw in r.aliases or up in (a.upper() for a in r.aliases)), None)

    def specificity(self, ref: str) -> int:
        """How specific a reference is (for ordering overrides): code/name/alias 2, prefix 1, ALL 0."""
        raw = ref.strip()
        if raw.upper() == "ALL":
            return 0
        if self.get(raw) is not None:
            return 2
        return 1

    def profile(self, name: str) -> Profile:
        return self.profiles[name]

    def setting_names(self) -> set[str]:
        """Settings a user may change: the shared ones and those profiles define."""
        names = set(self.settings)
        for prof in self.profiles.values():
            names.update(prof.settings)
        return names

    def setting_default(self, key: str) -> Any:
        if key in self.settings:
            return self.settings[key]
        for prof in self.profiles.values():
            if key in prof.settings:
                return prof.settings[key]
        return None

    def kind_of(self, rule: Rule) -> Kind | None:
        return self.kinds.get(rule.kind)

    # -- loading ----------------------------------------------------------
    @classmethod
    def load(cls, packs: list[Path] | None = None, kind_classes: list[type[Kind]] | None = None,
             extra_kinds: list[type[Kind]] | None = None, *, trusted: Iterable[Path] = (),
             cache_dir: Path | None = None) -> Catalog:
        """Load kinds and packs; raise :class:`CatalogError` listing every problem.

        ``packs`` / ``kind_classes`` replace the entry-point discovery (for
        tests); ``extra_kinds`` are added to the discovered ones.

        ``trusted`` names pack folders whose files perflint's own test suite
        validates (the built-in ``rules/``, see :func:`builtin_catalog`):
        their rules, rule examples and profiles are not validated against the
        JSON Schemas again, nor the ``[params]`` of rules whose kind is a
        built-in one.  Everything that depends on the rest of the catalog
        (name = file name, duplicate codes and names, unknown kinds,
        references, settings) is still checked, and a trusted file that
        cannot be read without validation is loaded again with it, so a
        broken file is still reported with its line and a did-you-mean.

        ``cache_dir``: keep the parsed TOML of trusted packs in
        ``<cache_dir>/catalog/`` (see :meth:`_parse_cached`), which saves
        parsing about 90 files on every run.
        """
        trusted_dirs = {Path(p).resolve() for p in trusted}
        cat = cls()
        if kind_classes is None:
            kind_classes = cat._discover_kinds()
        for kind_cls in list(kind_classes) + list(extra_kinds or []):
            cat._add_kind(kind_cls, kind_cls.__module__)
        if packs is None:
            packs = cat._discover_packs()
        cat.packs = list(packs)
        problems: list[Problem] = []
        trust = {pack: bool(trusted_dirs) and Path(pack).resolve() in trusted_dirs for pack in cat.packs}
        if cache_dir is not None:
            for pack in cat.packs:
                if trust[pack]:
                    cat._parsed.update(cat._parse_cached(Path(pack), Path(cache_dir)))
        for pack in cat.packs:
            problems.extend(cat._load_settings(pack))
        for pack in cat.packs:
            problems.extend(cat._load_pack(pack, trusted=trust[pack]))
        for pack in cat.packs:
            problems.extend(cat._load_profiles(pack, trusted=trust[pack]))
        cat.rules = dict(sorted(cat.rules.items()))
        cat.profiles = dict(sorted(cat.profiles.items()))
        if not problems:  # a rule that failed to load would make every reference to it look wrong
            problems.extend(cat._check_references())
        if problems:
            raise CatalogError(sorted(problems, key=lambda p: (p.path, p.line or 0, p.key)))
        return cat

    def _discover_kinds(self) -> list[type[Kind]]:
        found: list[type[Kind]] = []
        eps = sorted(entry_points("perflint.kinds"), key=lambda e: (e.name != "builtin", e.name))
        if not eps:  # running from a source tree without installed metadata
            from perflint.checks import register

            return list(register())
        for ep in eps:
            try:
                classes = list(ep.load()())
                for kind_cls in classes:
                    if not (isinstance(kind_cls, type) and issubclass(kind_cls, Kind) and kind_cls.name):
                        raise TypeError(f"{kind_cls!r} is not a named Kind subclass")
            except Exception as exc:  # a broken plugin must not break the tool
                self.plugin_errors.append(PluginError("perflint.kinds", ep.name, f"{type(exc).__name__}: {exc}"))
                continue
            found.extend(classes)
        return found

    def _discover_packs(self) -> list[Path]:
        out: list[Path] = []
        eps = sorted(entry_points("perflint.packs"), key=lambda e: (e.name != "builtin", e.name))
        if not eps:
            return [rules_dir()]
        for ep in eps:
            try:
                folders = [Path(p) for p in ep.load()()]
            except Exception as exc:
                self.plugin_errors.append(PluginError("perflint.packs", ep.name, f"{type(exc).__name__}: {exc}"))
                continue
            out.extend(folders)
        return out

    def _add_kind(self, kind_cls: type[Kind], origin: str) -> None:
        name = kind_cls.name
        if name in self.kinds and type(self.kinds[name]) is not kind_cls:
            self.plugin_errors.append(PluginError("perflint.kinds", origin,
                                                  f"kind {name!r} registered twice; keeping the first"))
            return
        try:
            self.kinds[name] = kind_cls()
        except Exception as exc:
            self.plugin_errors.append(PluginError("perflint.kinds", origin,
                                                  f"kind {name!r}: {type(exc).__name__}: {exc}"))

    def _load_settings(self, pack: Path) -> list[Problem]:
        path = pack / "settings.toml"
        if not path.is_file():
            return []
        data, _, problem = self._parse_toml(path)
        if problem:
            return [problem]
        assert data is not None
        for key, value in (data.get("settings") or {}).items():
            self.settings.setdefault(key, value)
        return []

    def _parse_toml(self, path: Path) -> tuple[dict[str, Any] | None, str, Problem | None]:
        cached = self._parsed.get(path)
        if cached is not None:
            return cached[1], cached[0], None
        return _parse_toml(path)

    def _pack_toml_files(self, pack: Path) -> list[Path]:
        """Every TOML file a pack load parses: settings, rules, profiles."""
        settings = pack / "settings.toml"
        profiles = pack / "profiles"
        self._listed[pack] = self.rule_files(pack)
        return (([settings] if settings.is_file() else []) + self._listed[pack]
                + (sorted(profiles.glob("*.toml")) if profiles.is_dir() else []))

    def _parse_cached(self, pack: Path, cache_dir: Path) -> dict[Path, tuple[str, dict[str, Any]]]:
        """The parsed TOML files of ``pack``, from the cache when their text has not changed.

        The cache is one JSON file per pack folder and perflint version under
        ``<cache_dir>/catalog/``, keyed by a hash of every file's path and
        text (reading the text is cheap; parsing it is what takes the time).
        It is written atomically; a missing, stale or damaged cache is parsed
        again and rewritten, an unwritable one is ignored.  A file that does
        not parse is left to the normal load, which reports it.
        """
        import hashlib
        import json

        from perflint import __version__

        try:
            texts = {path: path.read_text("utf-8") for path in self._pack_toml_files(pack)}
        except (OSError, UnicodeDecodeError):
            return {}
        rels = {path: path.relative_to(pack).as_posix() for path in texts}
        h = hashlib.blake2b(digest_size=20)
        for part in (__version__, str(PARSE_CACHE_FORMAT), str(pack)):
            h.update(part.encode("utf-8") + b"\0")
        for path, text in texts.items():
            h.update(rels[path].encode("utf-8") + b"\0" + text.encode("utf-8") + b"\0")
        key = h.hexdigest()
        name = "catalog/" + hashlib.blake2b(f"{__version__}\0{pack}".encode("utf-8"), digest_size=8).hexdigest() + ".json"
        try:
            doc = json.loads((cache_dir / name).read_bytes())
            if isinstance(doc, dict) and doc.get("key") == key and isinstance(doc.get("files"), dict):
                files = doc["files"]
                if all(isinstance(files.get(rels[path]), dict) for path in texts):
                    return {path: (text, files[rels[path]]) for path, text in texts.items()}
        except (OSError, ValueError):
            pass
        parsed: dict[Path, tuple[str, dict[str, Any]]] = {}
        for path, text in texts.items():
            try:
                parsed[path] = (text, tomllib.loads(text))
            except tomllib.TOMLDecodeError:
                return {}
        if all(_json_safe(data) for _, data in parsed.values()):
            body = {"key": key, "files": {rels[path]: data for path, (_, data) in parsed.items()}}
            write_cache_file(cache_dir, name, json.dumps(body, ensure_ascii=False).encode("utf-8"))
        return parsed

    def rule_files(self, pack: Path) -> list[Path]:
        files = []
        for path in sorted(pack.rglob("*.toml")):
            rel = path.relative_to(pack)
            if rel.parts[0] in SKIP_DIRS or any(p == "data" for p in rel.parts[:-1]):
                continue
            if len(rel.parts) == 1 and rel.name == "settings.toml":
                continue
            files.append(path)
        return files

    def _load_pack(self, pack: Path, trusted: bool = False) -> list[Problem]:
        problems: list[Problem] = []
        for path in self._listed.get(pack) or self.rule_files(pack):
            rule, probs = self._load_rule_from(path, pack, trusted)
            problems.extend(probs)
            if rule is None:
                continue
            if rule.code in self.rules:
                other = self.rules[rule.code]
                problems.append(Problem(str(path), locate(path.read_text("utf-8"), ["code"]), "code",
                                        t("duplicate-code", code=rule.code, other=str(other.path))))
                continue
            clash = next((r for r in self.rules.values() if r.name == rule.name), None)
            if clash is not None:
                problems.append(Problem(str(path), locate(path.read_text("utf-8"), ["name"]), "name",
                                        t("duplicate-name", name=rule.name, other=str(clash.path))))
                continue
            self.rules[rule.code] = rule
        return problems

    def _load_rule_from(self, path: Path, pack: Path, trusted: bool) -> tuple[Rule | None, list[Problem]]:
        """:meth:`_load_rule`, without validation for a trusted pack while that works."""
        if trusted:
            try:
                return self._load_rule(path, pack, validate=False)
            except (KeyError, IndexError, TypeError, ValueError, AttributeError):
                pass  # not what the schema promises: load it again, validated, to say what is wrong
        return self._load_rule(path, pack)

    def _load_rule(self, path: Path, pack: Path, validate: bool = True) -> tuple[Rule | None, list[Problem]]:
        data, text, problem = self._parse_toml(path)
        if problem:
            return None, [problem]
        assert data is not None
        spath = str(path)
        problems = schema_problems(_rule_validator(), data, text, spath) if validate else []
        if problems:
            return None, problems
        if data["name"] != path.stem:
            problems.append(Problem(spath, locate(text, ["name"]), "name",
                                    t("name-not-stem", name=data["name"], stem=path.stem)))
        kind_name = data["kind"]
        kind = self.kinds.get(kind_name)
        if kind is None and kind_name not in PSEUDO_KINDS:
            guess = did_you_mean(kind_name, list(self.kinds) + list(PSEUDO_KINDS))
            if self.plugin_errors and guess is None:
                # most likely a kind of the plugin that failed: skip the rule
                # (reported), do not make the whole catalog unusable
                self.skipped.append(Problem(spath, locate(text, ["kind"]), "kind",
                                            t("kind-from-failed-plugin", kind=kind_name)))
                return None, []
            else:
                problems.append(Problem(spath, locate(text, ["kind"]), "kind",
                                        t("unknown-kind", kind=kind_name, hint=guess)))
        params = data.get("params", {})
        if kind is not None and (validate or not _is_builtin_kind(kind)):
            try:
                validator = validator_for(kind.params_schema)
                problems.extend(schema_problems(validator, params, text, spath, ["params"]))
            except Exception as exc:  # a kind with a broken schema
                problems.append(Problem(spath, locate(text, ["kind"]), "kind",
                                        t("schema-error", reason=f"params_schema of {kind_name!r}: {exc}")))
        elif kind_name in PSEUDO_KINDS and params:
            problems.append(Problem(spath, locate(text, ["params"]), "params",
                                    t("unknown-key", key="params", hint=None)))
        for variant in sorted(data.get("messages", {})):
            if not variant:
                problems.append(Problem(spath, locate(text, ["messages"]), "messages", t("missing-key", key="variant")))
        examples = []
        for i, ex in enumerate(data.get("examples", [])):
            inputs = [k for k in ("declaration", "bundle", "text", "bytes_hex") if k in ex]
            if len(inputs) > 1 or (not inputs and "path" not in ex):
                problems.append(Problem(spath, locate(text, ["examples", i]), f"examples.{i}",
                                        t("example-input", found=", ".join(inputs) or "-")))
            docs = ex.get("bundle") or ([ex["declaration"]] if "declaration" in ex else [])
            for j, doc in enumerate(docs if validate else ()):
                where: list[str | int] = ["examples", i, "bundle" if "bundle" in ex else "declaration"]
                for err in sorted(_declaration_validator().iter_errors(doc), key=lambda e: list(map(str, e.path))):
                    inner = "/".join(str(p) for p in err.absolute_path)
                    label = f"examples.{i}." + ("bundle." + str(j) if "bundle" in ex else "declaration")
                    problems.append(Problem(spath, locate(text, where), f"{label}/{inner}".rstrip("/"),
                                            t("example-declaration", reason=err.message)))
            examples.append(Example(rule=data["code"], index=i, case=ex["case"], data=dict(ex),
                                    count=ex.get("count"), profile=ex.get("profile"),
                                    settings=dict(ex.get("settings", {}))))
        if problems:
            return None, problems
        profiles = data.get("profiles")
        rule = Rule(
            code=data["code"],
            name=data["name"],
            kind=kind_name,
            severity=Severity(data["severity"]),
            aspect=Aspect(data["aspect"]),
            path=path,
            status=data.get("status", "stable"),
            since=data.get("since", ""),
            aliases=tuple(data.get("aliases", ())),
            profiles=None if profiles is None else tuple(profiles),
            params=dict(params),
            message=_lang_pair(data["message"]),
            messages={k: _lang_pair(v) for k, v in sorted(data.get("messages", {}).items())},
            suggestion=_lang_pair(data["suggestion"]) if "suggestion" in data else None,
            doc={lang: dict(data.get("doc", {}).get(lang, {})) for lang in LANGS if lang in data.get("doc", {})},
            examples=tuple(examples),
            pack=str(pack),
        )
        return rule, []

    def _load_profiles(self, pack: Path, trusted: bool = False) -> list[Problem]:
        problems: list[Problem] = []
        folder = pack / "profiles"
        if not folder.is_dir():
            return problems
        for path in sorted(folder.glob("*.toml")):
            data, text, problem = self._parse_toml(path)
            if problem:
                problems.append(problem)
                continue
            assert data is not None
            profile = None
            if trusted:
                try:
                    profile = _profile(data, path)
                except (KeyError, IndexError, TypeError, ValueError, AttributeError):
                    profile = None  # validate it below to say what is wrong
            probs: list[Problem] = []
            if profile is None:
                probs = schema_problems(_profile_validator(), data, text, str(path))
            if not probs and data["name"] != path.stem:
                probs.append(Problem(str(path), locate(text, ["name"]), "name",
                                     t("name-not-stem", name=data["name"], stem=path.stem)))
            if probs:
                problems.extend(probs)
                continue
            if data["name"] in self.profiles:
                problems.append(Problem(str(path), locate(text, ["name"]), "name",
                                        t("duplicate-name", name=data["name"],
                                          other=str(self.profiles[data["name"]].path))))
                continue
            self.profiles[data["name"]] = profile or _profile(data, path)
        return problems

    def _check_references(self) -> list[Problem]:
        """Profiles named by rules exist; profile selections and settings resolve."""
        problems: list[Problem] = []
        for rule in self.rules.values():
            for name in rule.profiles or ():
                if self.profiles and name not in self.profiles:
                    text = rule.path.read_text("utf-8")
                    problems.append(Problem(str(rule.path), locate(text, ["profiles"]), "profiles",
                                            t("unknown-profile", profile=name,
                                              hint=did_you_mean(name, self.profiles))))
            for ex in rule.examples:
                if ex.profile and self.profiles and ex.profile not in self.profiles:
                    text = rule.path.read_text("utf-8")
                    problems.append(Problem(str(rule.path), locate(text, ["examples", ex.index]),
                                            f"examples.{ex.index}.profile",
                                            t("unknown-profile", profile=ex.profile,
                                              hint=did_you_mean(ex.profile, self.profiles))))
        known_settings = set(self.settings)
        settable = self.setting_names()
        for rule in self.rules.values():
            for ex in rule.examples:
                for key in sorted(ex.settings):
                    if settable and key not in settable and key not in rule.params:
                        text = rule.path.read_text("utf-8")
                        problems.append(Problem(str(rule.path), locate(text, ["examples", ex.index]),
                                                f"examples.{ex.index}.settings.{key}",
                                                t("unknown-setting", key=key, hint=did_you_mean(key, settable))))
        for profile in self.profiles.values():
            text = profile.path.read_text("utf-8")
            refs = [("select", r) for r in profile.select or ()] + [("ignore", r) for r in profile.ignore]
            refs += [("severity", r) for r in profile.severity]
            for key, ref in refs:
                try:
                    self.resolve(ref)
                except ReferenceError_ as exc:
                    problems.append(Problem(str(profile.path), locate(text, [key]), f"{key}",
                                            t("unknown-rule", ref=ref, hint=exc.suggestion)))
            for key, value in profile.settings.items():
                # A profile may introduce a setting the kinds read (for
                # example ``cost_is_level1``); one that is a near-miss of a
                # shared setting is a typo.
                near = did_you_mean(key, known_settings, cutoff=0.85) if key not in known_settings else None
                if near is not None:
                    problems.append(Problem(str(profile.path), locate(text, ["settings", key]), f"settings.{key}",
                                            t("unknown-setting", key=key, hint=near)))
                elif key in self.settings and not same_type(self.settings[key], value):
                    problems.append(Problem(str(profile.path), locate(text, ["settings", key]), f"settings.{key}",
                                            t("setting-type", key=key, expected=type_name(self.settings[key]))))
        return problems

    # -- selection --------------------------------------------------------
    def profile_rules(self, profile: str) -> list[Rule]:
        """Rules a profile enables before the user's selection."""
        prof = self.profiles.get(profile)
        rules = [r for r in self.rules.values() if r.enabled_in(profile) and r.status != "removed"]
        if prof is not None:
            if prof.select is not None:
                chosen = {r.code for ref in prof.select for r in self.resolve(ref)}
                rules = [r for r in rules if r.code in chosen]
            dropped = {r.code for ref in prof.ignore for r in self.resolve(ref)}
            rules = [r for r in rules if r.code not in dropped]
        return rules

    def rule_profiles(self, rule: Rule) -> list[str]:
        """The profiles under which ``rule`` runs by default."""
        return [name for name in self.profiles if rule in self.profile_rules(name)]


def _profile(data: dict[str, Any], path: Path) -> Profile:
    return Profile(
        name=data["name"],
        path=path,
        title=_lang_pair(data.get("title", {})),
        description=_lang_pair(data.get("description", {})),
        select=None if "select" not in data else tuple(data["select"]),
        ignore=tuple(data.get("ignore", ())),
        severity={k: Severity(v) for k, v in data.get("severity", {}).items()},
        settings=dict(data.get("settings", {})),
    )


def _json_safe(value: Any) -> bool:
    """Whether JSON gives back exactly this value (TOML dates and times do not survive)."""
    if isinstance(value, dict):
        return all(isinstance(k, str) and _json_safe(v) for k, v in value.items())
    if isinstance(value, list):
        return all(_json_safe(v) for v in value)
    return value is None or isinstance(value, (str, int, float, bool))


def _is_builtin_kind(kind: Kind) -> bool:
    """A kind of perflint itself (its params_schema is tested with the built-in rules)."""
    return type(kind).__module__.startswith("perflint.checks.")


def same_type(default: Any, value: Any) -> bool:
    if isinstance(default, bool) or isinstance(value, bool):
        return isinstance(default, bool) and isinstance(value, bool)
    if isinstance(default, (int, float)):
        return isinstance(value, (int, float))
    if isinstance(default, list):
        return isinstance(value, list)
    if isinstance(default, dict):
        return isinstance(value, dict)
    if isinstance(default, str):
        return isinstance(value, str)
    return True


def type_name(value: Any) -> str:
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, (int, float)):
        return "number"
    if isinstance(value, list):
        return "array"
    if isinstance(value, dict):
        return "table"
    return "string"


@lru_cache(maxsize=1)
def builtin_catalog(cache: bool = True) -> Catalog:
    """The catalog from installed plugins and packs (cached per process).

    The built-in pack is loaded as trusted (no JSON Schema validation at run
    time): ``tests/test_catalog_fast_load.py`` validates it in full, so a broken
    built-in rule fails CI.  Plugin packs are always validated.  With
    ``cache``, its parsed TOML is kept in the user's cache folder
    (:func:`perflint.resources.user_cache_dir`).
    """
    return Catalog.load(trusted=[rules_dir()], cache_dir=user_cache_dir() if cache else None)
