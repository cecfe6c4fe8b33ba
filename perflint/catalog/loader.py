"""The rule catalog: kinds (Python) + rule packs (TOML) + profiles.

Loading order:

1. **Kinds** come from the ``perflint.kinds`` entry-point group (built-in:
   ``perflint.checks:register``).  Each plugin is loaded on its own; one that
   fails to import or returns something unusable is recorded in
   :attr:`Catalog.plugin_errors` and the others keep working.
2. **Packs** come from the ``perflint.packs`` entry-point group (built-in:
   ``perflint.catalog.packs:builtin_packs`` → ``rules/``).  Every ``*.toml`` under
   a pack folder is one rule, except ``settings.toml`` at the top of a pack
   and anything under ``profiles/`` or ``data/``.
3. Each rule is validated against ``schemas/rulepack.schema.json`` and then
   its ``[params]`` against its kind's ``params_schema``.  Every problem names
   the file, the line and, for unknown keys, kinds and severities, the closest
   valid spelling.  All problems of all files are collected and raised
   together as one :class:`CatalogError`, before any input is read.
   The built-in pack is the exception: perflint's own test suite validates
   it in full (``tests/catalog/test_catalog_fast_load.py``), so :func:`builtin_catalog`
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

import hashlib
import json
import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from perflint import plugins
from perflint._version import __version__
from perflint.catalog.packs import builtin_packs
from perflint.catalog.rules import (
    LANGS,
    PSEUDO_KINDS,
    CatalogError,
    Example,
    Problem,
    Profile,
    ReferenceError_,
    Rule,
)
from perflint.catalog.validate import (
    _declaration_validator,
    _lang_pair,
    _parse_toml,
    _profile_validator,
    _rule_validator,
    did_you_mean,
    locate,
    param_problems,
    same_type,
    schema_problems,
    type_name,
    validator_for,
)
from perflint.checks import register
from perflint.checks.base import Kind
from perflint.domain.findings import Aspect, Severity
from perflint.messages import t
from perflint.plugins import PluginError, load_group
from perflint.resources import rules_dir, user_cache_dir, write_cache_file

SKIP_DIRS = ("profiles", "data")
#: bump when what the parse cache holds changes
PARSE_CACHE_FORMAT = 1

_CODE_RE = re.compile(r"^[A-Z]+[0-9]*$")

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
        return next((r for r in self.rules.values() if raw in r.aliases or up in (a.upper() for a in r.aliases)), None)

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
    def load(
        cls,
        packs: list[Path] | None = None,
        kind_classes: list[type[Kind]] | None = None,
        extra_kinds: list[type[Kind]] | None = None,
        *,
        trusted: Iterable[Path] = (),
        cache_dir: Path | None = None,
        extra_packs: Iterable[Path] = (),
    ) -> Catalog:
        """Load kinds and packs; raise :class:`CatalogError` listing every problem.

        ``packs`` / ``kind_classes`` replace the entry-point discovery (for
        tests); ``extra_kinds`` are added to the discovered ones, and
        ``extra_packs`` (folders a configuration names) to the packs.

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
        cat.packs = list(dict.fromkeys([*packs, *extra_packs]))
        problems: list[Problem] = []
        for pack in extra_packs:
            if not Path(pack).is_dir():
                problems.append(Problem(str(pack), None, "packs", t("pack-missing", path=str(pack))))
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
        loaded, errors = load_group(plugins.KINDS, register)
        self.plugin_errors.extend(errors)
        found: list[type[Kind]] = []
        for name, classes in loaded:
            try:
                classes = list(classes)
                for kind_cls in classes:
                    if not (isinstance(kind_cls, type) and issubclass(kind_cls, Kind) and kind_cls.name):
                        raise TypeError(f"{kind_cls!r} is not a named Kind subclass")
            except Exception as exc:  # a broken plugin must not break the tool
                self.plugin_errors.append(PluginError(plugins.KINDS, name, f"{type(exc).__name__}: {exc}"))
                continue
            found.extend(classes)
        return found

    def _discover_packs(self) -> list[Path]:
        loaded, errors = load_group(plugins.PACKS, builtin_packs)
        self.plugin_errors.extend(errors)
        out: list[Path] = []
        for name, folders in loaded:
            try:
                out.extend([Path(p) for p in folders])
            except Exception as exc:
                self.plugin_errors.append(PluginError(plugins.PACKS, name, f"{type(exc).__name__}: {exc}"))
        return out

    def _add_kind(self, kind_cls: type[Kind], origin: str) -> None:
        name = kind_cls.name
        if name in self.kinds and type(self.kinds[name]) is not kind_cls:
            self.plugin_errors.append(
                PluginError(plugins.KINDS, origin, f"kind {name!r} registered twice; keeping the first")
            )
            return
        try:
            self.kinds[name] = kind_cls()
        except Exception as exc:
            self.plugin_errors.append(PluginError(plugins.KINDS, origin, f"kind {name!r}: {type(exc).__name__}: {exc}"))

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
        return (
            ([settings] if settings.is_file() else [])
            + self._listed[pack]
            + (sorted(profiles.glob("*.toml")) if profiles.is_dir() else [])
        )

    def _parse_cached(self, pack: Path, cache_dir: Path) -> dict[Path, tuple[str, dict[str, Any]]]:
        """The parsed TOML files of ``pack``, from the cache when their text has not changed.

        The cache is one JSON file per pack folder and perflint version under
        ``<cache_dir>/catalog/``, keyed by a hash of every file's path and
        text (reading the text is cheap; parsing it is what takes the time).
        It is written atomically; a missing, stale or damaged cache is parsed
        again and rewritten, an unwritable one is ignored.  A file that does
        not parse is left to the normal load, which reports it.
        """

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
        name = "catalog/" + hashlib.blake2b(f"{__version__}\0{pack}".encode(), digest_size=8).hexdigest() + ".json"
        try:
            entry = cache_dir / name
            if entry.stat().st_size <= 2 * sum(len(t.encode("utf-8")) for t in texts.values()) + 4096:
                doc = _untrusted_json(entry.read_bytes())
                if isinstance(doc, dict) and doc.get("key") == key and isinstance(doc.get("files"), dict):
                    files = doc["files"]
                    if all(isinstance(files.get(rels[path]), dict) for path in texts):
                        return {path: (text, files[rels[path]]) for path, text in texts.items()}
        except (OSError, ValueError, RecursionError):
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
                problems.append(
                    Problem(
                        str(path),
                        locate(path.read_text("utf-8"), ["code"]),
                        "code",
                        t("duplicate-code", code=rule.code, other=str(other.path)),
                    )
                )
                continue
            clash = next((r for r in self.rules.values() if r.name == rule.name), None)
            if clash is not None:
                problems.append(
                    Problem(
                        str(path),
                        locate(path.read_text("utf-8"), ["name"]),
                        "name",
                        t("duplicate-name", name=rule.name, other=str(clash.path)),
                    )
                )
                continue
            self.rules[rule.code] = rule
        return problems

    def _load_rule_from(self, path: Path, pack: Path, trusted: bool) -> tuple[Rule | None, list[Problem]]:
        """:meth:`_load_rule`, without validation for a trusted pack while that works."""
        if trusted:
            try:
                return self._load_rule(path, pack, validate=False)
            except (KeyError, IndexError, TypeError, ValueError, AttributeError):
                # not what the schema promises: a parse-cache entry is dropped (the file is
                # read again), then it is loaded again, validated, to say what is wrong
                self._parsed.pop(path, None)
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
            problems.append(
                Problem(spath, locate(text, ["name"]), "name", t("name-not-stem", name=data["name"], stem=path.stem))
            )
        kind_name = data["kind"]
        kind = self.kinds.get(kind_name)
        if kind is None and kind_name not in PSEUDO_KINDS:
            guess = did_you_mean(kind_name, list(self.kinds) + list(PSEUDO_KINDS))
            if self.plugin_errors and guess is None:
                # most likely a kind of the plugin that failed: skip the rule
                # (reported), do not make the whole catalog unusable
                self.skipped.append(
                    Problem(spath, locate(text, ["kind"]), "kind", t("kind-from-failed-plugin", kind=kind_name))
                )
                return None, []
            else:
                problems.append(
                    Problem(spath, locate(text, ["kind"]), "kind", t("unknown-kind", kind=kind_name, hint=guess))
                )
        params = data.get("params", {})
        if kind is not None and (validate or not _is_builtin_kind(kind)):
            try:
                validator = validator_for(kind.params_schema)
                problems.extend(schema_problems(validator, params, text, spath, ["params"]))
                if not problems:
                    for key, message in param_problems(kind, params):
                        top = key.split(".")[0]
                        problems.append(Problem(spath, locate(text, ["params", top]), f"params.{key}", message))
            except Exception as exc:  # a kind with a broken schema
                problems.append(
                    Problem(
                        spath,
                        locate(text, ["kind"]),
                        "kind",
                        t("schema-error", reason=f"params_schema of {kind_name!r}: {exc}"),
                    )
                )
        elif kind_name in PSEUDO_KINDS and params:
            problems.append(
                Problem(spath, locate(text, ["params"]), "params", t("unknown-key", key="params", hint=None))
            )
        for variant in sorted(data.get("messages", {})):
            if not variant:
                problems.append(Problem(spath, locate(text, ["messages"]), "messages", t("missing-key", key="variant")))
        examples = []
        for i, ex in enumerate(data.get("examples", [])):
            inputs = [k for k in ("declaration", "bundle", "text", "bytes_hex") if k in ex]
            if len(inputs) > 1 or (not inputs and "path" not in ex):
                problems.append(
                    Problem(
                        spath,
                        locate(text, ["examples", i]),
                        f"examples.{i}",
                        t("example-input", found=", ".join(inputs) or "-"),
                    )
                )
            docs = ex.get("bundle") or ([ex["declaration"]] if "declaration" in ex else [])
            for j, doc in enumerate(docs if validate else ()):
                where: list[str | int] = ["examples", i, "bundle" if "bundle" in ex else "declaration"]
                for err in sorted(_declaration_validator().iter_errors(doc), key=lambda e: list(map(str, e.path))):
                    inner = "/".join(str(p) for p in err.absolute_path)
                    label = f"examples.{i}." + ("bundle." + str(j) if "bundle" in ex else "declaration")
                    problems.append(
                        Problem(
                            spath,
                            locate(text, where),
                            f"{label}/{inner}".rstrip("/"),
                            t("example-declaration", reason=err.message),
                        )
                    )
            examples.append(
                Example(
                    rule=data["code"],
                    index=i,
                    case=ex["case"],
                    data=dict(ex),
                    count=ex.get("count"),
                    profile=ex.get("profile"),
                    settings=dict(ex.get("settings", {})),
                )
            )
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
            note=bool(data.get("note", False)),
            needs=tuple(data.get("needs", ())),
            documents=tuple(data.get("documents", ("declaration", "approval", "notice"))),
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
            if trusted and path in self._parsed:  # from the parse cache: check it loads, else read the file
                try:
                    _profile(data, path)
                except (KeyError, IndexError, TypeError, ValueError, AttributeError):
                    del self._parsed[path]
                    data, text, problem = self._parse_toml(path)
                    if problem:
                        problems.append(problem)
                        continue
                    assert data is not None
            if trusted:
                try:
                    profile = _profile(data, path)
                except (KeyError, IndexError, TypeError, ValueError, AttributeError):
                    profile = None  # validate it below to say what is wrong
            probs: list[Problem] = []
            if profile is None:
                probs = schema_problems(_profile_validator(), data, text, str(path))
            if not probs and data["name"] != path.stem:
                probs.append(
                    Problem(
                        str(path), locate(text, ["name"]), "name", t("name-not-stem", name=data["name"], stem=path.stem)
                    )
                )
            if probs:
                problems.extend(probs)
                continue
            if data["name"] in self.profiles:
                problems.append(
                    Problem(
                        str(path),
                        locate(text, ["name"]),
                        "name",
                        t("duplicate-name", name=data["name"], other=str(self.profiles[data["name"]].path)),
                    )
                )
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
                    problems.append(
                        Problem(
                            str(rule.path),
                            locate(text, ["profiles"]),
                            "profiles",
                            t("unknown-profile", profile=name, hint=did_you_mean(name, self.profiles)),
                        )
                    )
            for ex in rule.examples:
                if ex.profile and self.profiles and ex.profile not in self.profiles:
                    text = rule.path.read_text("utf-8")
                    problems.append(
                        Problem(
                            str(rule.path),
                            locate(text, ["examples", ex.index]),
                            f"examples.{ex.index}.profile",
                            t("unknown-profile", profile=ex.profile, hint=did_you_mean(ex.profile, self.profiles)),
                        )
                    )
        known_settings = set(self.settings)
        settable = self.setting_names()
        for rule in self.rules.values():
            for ex in rule.examples:
                for key in sorted(ex.settings):
                    if settable and key not in settable and key not in rule.params:
                        text = rule.path.read_text("utf-8")
                        problems.append(
                            Problem(
                                str(rule.path),
                                locate(text, ["examples", ex.index]),
                                f"examples.{ex.index}.settings.{key}",
                                t("unknown-setting", key=key, hint=did_you_mean(key, settable)),
                            )
                        )
        for profile in self.profiles.values():
            text = profile.path.read_text("utf-8")
            refs = [("select", r) for r in profile.select or ()] + [("ignore", r) for r in profile.ignore]
            refs += [("severity", r) for r in profile.severity]
            for key, ref in refs:
                try:
                    self.resolve(ref)
                except ReferenceError_ as exc:
                    problems.append(
                        Problem(
                            str(profile.path),
                            locate(text, [key]),
                            f"{key}",
                            t("unknown-rule", ref=ref, hint=exc.suggestion),
                        )
                    )
            for key, value in profile.settings.items():
                # A profile may introduce a setting the kinds read (for
                # example ``cost_is_level1``); one that is a near-miss of a
                # shared setting is a typo.
                near = did_you_mean(key, known_settings, cutoff=0.85) if key not in known_settings else None
                if near is not None:
                    problems.append(
                        Problem(
                            str(profile.path),
                            locate(text, ["settings", key]),
                            f"settings.{key}",
                            t("unknown-setting", key=key, hint=near),
                        )
                    )
                elif key in self.settings and not same_type(self.settings[key], value):
                    problems.append(
                        Problem(
                            str(profile.path),
                            locate(text, ["settings", key]),
                            f"settings.{key}",
                            t("setting-type", key=key, expected=type_name(self.settings[key])),
                        )
                    )
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


#: how deep a parsed rule file may nest (the rule files go 4 deep)
_MAX_PARSED_DEPTH = 16
_JSON_STRING = re.compile(rb'"[^"\\]*(?:\\.[^"\\]*)*"')
_NOT_BRACKETS = bytes(b for b in range(256) if b not in b"[]{}")


def _untrusted_json(raw: bytes) -> Any:
    """JSON from the parse cache, which anyone who can write the cache folder may have
    written: no NaN or Infinity (TOML has them, rule files do not use them) and no
    nesting past :data:`_MAX_PARSED_DEPTH`, so that loading it cannot recurse
    without end (ValueError otherwise).  Its size is bounded by the caller."""
    depth = deepest = 0
    for ch in _JSON_STRING.sub(b"", raw).translate(None, _NOT_BRACKETS):
        depth += 1 if ch in b"[{" else -1
        deepest = max(deepest, depth)
    if deepest > _MAX_PARSED_DEPTH:
        raise ValueError("nested too deeply")

    def no_constant(name: str) -> Any:
        raise ValueError(f"{name} in the parse cache")

    return json.loads(raw, parse_constant=no_constant)


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


@lru_cache(maxsize=1)
def builtin_catalog(cache: bool = True) -> Catalog:
    """The catalog from installed plugins and packs (cached per process).

    The built-in pack is loaded as trusted (no JSON Schema validation at run
    time): ``tests/catalog/test_catalog_fast_load.py`` validates it in full, so a broken
    built-in rule fails CI.  Plugin packs are always validated.  With
    ``cache``, its parsed TOML is kept in the user's cache folder
    (:func:`perflint.resources.user_cache_dir`).
    """
    return Catalog.load(trusted=[rules_dir()], cache_dir=user_cache_dir() if cache else None)


def catalog_for(packs: Iterable[str | Path] = ()) -> Catalog:
    """The built-in catalog plus the rule packs in ``packs`` (folders named by a
    configuration or ``--pack``), validated in full; cached per process."""
    extra = tuple(Path(p).resolve() for p in packs)
    return _catalog_with(extra) if extra else builtin_catalog()


@lru_cache(maxsize=8)
def _catalog_with(extra: tuple[Path, ...]) -> Catalog:
    return Catalog.load(trusted=[rules_dir()], cache_dir=user_cache_dir(), extra_packs=list(extra))
