"""Entry points of installed distributions: how plugins and built-ins register.

Check kinds (``perflint.kinds``), rule packs (``perflint.packs``), input
readers (``perflint.readers``) and output formats (``perflint.formats``) are
found through entry-point groups; the built-in ones use the same groups.
"""

from __future__ import annotations

import importlib
import os
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass
from importlib.machinery import PathFinder
from typing import Any

#: the groups perflint reads
KINDS = "perflint.kinds"
PACKS = "perflint.packs"
READERS = "perflint.readers"
FORMATS = "perflint.formats"


@dataclass(frozen=True, slots=True)
class PluginError:
    """A plugin that could not be loaded: the run goes on without it, and says so."""

    group: str
    name: str
    error: str

    def to_dict(self) -> dict[str, str]:
        return {"group": self.group, "name": self.name, "error": self.error}


def load_group(group: str, builtin: Callable[[], Any]) -> tuple[list[tuple[str, Any]], list[PluginError]]:
    """Call every entry point of ``group`` (``builtin`` first, then by name): what
    each returned, by entry-point name, and the plugins that failed.

    Without installed metadata (a source tree on ``sys.path``) ``builtin()``
    stands in for the built-in entry point, so perflint works from a checkout.
    """
    eps = sorted(entry_points(group), key=lambda e: (e.name != "builtin", e.name))
    found: list[tuple[str, Any]] = []
    errors: list[PluginError] = []
    if not any(ep.name == "builtin" for ep in eps):
        found.append(("builtin", builtin()))
    for ep in eps:
        try:
            found.append((ep.name, ep.load()()))
        except Exception as exc:  # a broken plugin must not break the tool
            errors.append(PluginError(group, ep.name, f"{type(exc).__name__}: {exc}"))
    return found, errors


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
        return isinstance(other, EntryPoint) and (self.name, self.value, self.group) == (
            other.name,
            other.value,
            other.group,
        )

    def __hash__(self) -> int:
        return hash((self.name, self.value, self.group))

    def load(self) -> Any:
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
        # start-up: importlib.metadata (and the email package) only where the scan cannot answer
        import importlib.metadata as imported

        metadata = imported
    return list(metadata.entry_points(group=group))


def _normalize_dist(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower().replace("-", "_")


def _scan_entry_points(group: str) -> list[EntryPoint] | None:
    """What importlib.metadata would find (first distribution of each name wins), or None to ask it."""
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
