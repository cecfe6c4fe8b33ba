"""Which rules run, with which parameters and severities, on which files.

The profile's rules, or ``select`` when given, plus ``extend-select``; rules
in ``ignore`` still run and are counted as suppressed.  Severity: the user's
``severity`` config > the profile's ``[severity]`` > the hit's own > the
rule's default.  Parameters: the rule's ``[params]`` with the profile's and
then the user's ``settings`` replacing keys the rule sets.
"""

from __future__ import annotations

import fnmatch
import os
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

from perflint.catalog import Catalog, Rule
from perflint.domain.findings import Severity
from perflint.engine.config import Config
from perflint.engine.discover import STDIN_NAME, posix


@dataclass(slots=True)
class Active:
    rule: Rule
    params: dict[str, Any]
    reported: bool  # False: ignored by config; findings are counted as suppressed


class Selection:
    """The active rules of one configuration (``only``: exactly these codes)."""

    def __init__(self, catalog: Catalog, config: Config, only: list[str] | None = None) -> None:
        self.catalog = catalog
        self.config = config
        self.profile = catalog.profiles.get(config.profile)
        overrides = {**(self.profile.settings if self.profile else {}), **config.settings}
        # read-only: one kind must not change what the next one sees
        self.settings = MappingProxyType({**catalog.settings, **overrides})
        if only is not None:
            chosen = [catalog.rules[c] for c in only]
            ignored: set[str] = set()
        else:
            in_profile = [r for r in catalog.profile_rules(config.profile) if config.preview or r.status != "preview"]
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

    def file_ignores(self, path: str) -> set[str]:
        """Codes ``per-file-ignores`` switches off for ``path`` (as displayed)."""
        if not self.config.per_file_ignores or path == STDIN_NAME:
            return set()
        candidates = {posix(path)}
        try:
            rel = os.path.relpath(os.path.abspath(path), self.config.root)
            if not rel.startswith(".."):
                candidates.add(posix(rel))
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
