"""The key of a run's configuration: what, besides a file's bytes, decides its findings.

The result cache (:mod:`perflint.engine.cache`) files each entry under this
key and the file's own digest, so that a change of version, configuration,
rules or kind code is never answered from an old entry.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Mapping

from perflint._version import __version__
from perflint.catalog import Catalog
from perflint.engine.cache import digest
from perflint.engine.config import Config
from perflint.engine.findings import plain
from perflint.engine.selection import Selection


def fingerprint(catalog: Catalog, config: Config, selection: Selection) -> str:
    """A hash of everything besides a file that decides its findings: the
    perflint version, the configuration, the reading options, and every
    active rule with the kind that runs it (see :mod:`perflint.engine.cache`)."""
    kinds = {}
    data: set[str] = set()
    dists: Mapping[str, list[str]] | None = None
    for active in selection.active:
        kind = catalog.kinds.get(active.rule.kind)
        if kind is None:
            continue
        data.update(kind.data_files(active.params))
        module = type(kind).__module__
        top = module.split(".")[0]
        dist = ""
        if top != "perflint":  # a plugin: its distribution's version (perflint's is __version__)
            if dists is None:
                # start-up: importlib.metadata only when a plugin kind is active
                from importlib import metadata

                try:
                    dists = metadata.packages_distributions()
                except Exception:  # pragma: no cover - broken metadata: still a stable key
                    dists = {}
            dist = ",".join(sorted(f"{d}={_dist_version(d)}" for d in dists.get(top, [])))
        kinds[active.rule.kind] = f"{module}.{type(kind).__qualname__}@{dist}"
    rules = [
        {
            "code": a.rule.code,
            "kind": a.rule.kind,
            "params": plain(a.params),
            "reported": a.reported,
            "severity": selection.severity.get(a.rule.code, a.rule.severity).value,
            "messages": plain(a.rule.message),
            "variants": plain(a.rule.messages),
            "suggestion": plain(a.rule.suggestion),
            "aspect": str(a.rule.aspect),
            "name": a.rule.name,
        }
        for a in selection.active
    ]
    internal = {
        code: [r.name, r.severity.value, plain(r.message), plain(r.messages)]
        for code, r in catalog.rules.items()
        if r.family in ("INP", "PL")
    }
    state = {
        "version": __version__,
        # an editable install changes code without changing the version
        "code": _code_stamp(sorted({type(k).__module__ for k in catalog.kinds.values()})),
        # dictionaries and other data files the active rules read (an edited one is a new run)
        "data": _stamp(sorted(data)),
        "config": plain(config.summary()),
        "per_file_ignores": plain(config.per_file_ignores),
        "root": str(config.root),
        "read": [config.max_file_size, config.encoding],
        "settings": plain(dict(selection.settings)),
        "ignored": sorted(selection.ignored),
        "kinds": kinds,
        "rules": rules,
        "internal": internal,
    }
    return digest(json.dumps(state, ensure_ascii=False, sort_keys=True, default=str))


def _dist_version(name: str) -> str:
    from importlib import metadata  # start-up: as above, plugins only

    try:
        return metadata.version(name)
    except Exception:  # pragma: no cover
        return "?"


def _code_stamp(modules: list[str]) -> str:
    """Size and modification time of perflint's own files and of the modules
    that define the active kinds (plugins)."""
    files: set[str] = set()
    package = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))  # perflint/
    for folder, _dirs, names in os.walk(package):
        files.update(os.path.join(folder, n) for n in names if n.endswith((".py", ".toml", ".json")))
    for name in modules:
        module = sys.modules.get(name)
        module_file = getattr(module, "__file__", None) if module is not None else None
        if module_file:
            files.add(module_file)
    return _stamp(sorted(files))


def _stamp(paths: list[str]) -> str:
    """Size and modification time of each file (a missing one is stamped as such)."""
    out = []
    for path in paths:
        try:
            st = os.stat(path)
        except OSError:
            out.append(f"{path}:-")
            continue
        out.append(f"{path}:{st.st_size}:{st.st_mtime_ns}")
    return "\n".join(out)
