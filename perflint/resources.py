"""Where bundled data lives (``rules/`` and ``schemas/``) and where perflint may cache.

In a wheel the data folders are copied into ``perflint/_bundled/``; in a
source checkout (or an editable install) they are the top-level folders of
the repository.
"""

from __future__ import annotations

import json
import os
from functools import cache
from pathlib import Path

_PKG = Path(__file__).resolve().parent

#: where perflint lives, and where each rule's page is (``{code}``): the pages are
#: generated from the rule files into docs/rules/ (``scripts/make_rule_docs.py``);
#: ``docs-url`` in the configuration points at another copy (an intranet mirror)
HOME_URL = "https://github.com/perflint-cn/perflint"
RULE_DOCS_URL = HOME_URL + "/blob/main/docs/rules/{code}.md"

#: environment variable naming the cache folder
CACHE_ENV = "PERFLINT_CACHE_DIR"
#: marks a cache folder for backup tools (https://bford.info/cachedir/)
CACHEDIR_TAG = (
    "Signature: 8a477f597d28d172789f06886806bc55\n"
    "# This file is a cache directory tag created by perflint.\n"
    "# For information about cache directory tags see https://bford.info/cachedir/\n"
)


def _find(name: str) -> Path:
    bundled = _PKG / "_bundled" / name
    if bundled.is_dir():
        return bundled
    return _PKG.parent / name


def rules_dir() -> Path:
    return _find("rules")


def schemas_dir() -> Path:
    return _find("schemas")


@cache
def schema(name: str) -> dict:
    """Load ``schemas/<name>`` (for example ``declaration.schema.json``)."""
    return json.loads((schemas_dir() / name).read_text("utf-8"))


#: the cache folder chosen for this process (``--cache-dir``, ``cache-dir``) and whether
#: anything may be written there (not with ``--no-cache``): see :func:`use_cache`
_chosen: tuple[Path | None, bool] = (None, True)


def use_cache(folder: str | os.PathLike[str] | None, *, write: bool = True) -> None:
    """Keep every cache of this process -- results, parsed rules, the dictionary
    index -- in ``folder`` (None: the default, :func:`user_cache_dir`); with
    ``write`` False (``--no-cache``) nothing is written anywhere: derived data
    already there is still read (and checked), results are neither read nor written."""
    global _chosen
    _chosen = (Path(folder).expanduser() if folder is not None else None, write)


def cache_writable() -> bool:
    """Whether this process may write to its cache folder (see :func:`use_cache`)."""
    return _chosen[1]


def user_cache_dir() -> Path:
    """The folder :func:`use_cache` chose, else ``$PERFLINT_CACHE_DIR``, else
    ``$XDG_CACHE_HOME/perflint``, else ``~/.cache/perflint``."""
    if _chosen[0] is not None:
        return _chosen[0]
    env = os.environ.get(CACHE_ENV)
    if env:
        return Path(env).expanduser()
    xdg = os.environ.get("XDG_CACHE_HOME")
    if xdg:
        return Path(xdg).expanduser() / "perflint"
    return Path.home() / ".cache" / "perflint"


def write_cache_file(root: Path, relative: str, data: bytes) -> bool:
    """Write ``root/relative`` atomically (a temporary file renamed into place).

    Creates ``root`` with its ``CACHEDIR.TAG`` when needed.  A cache that
    cannot be written is not an error: returns False and leaves nothing
    half-written behind.
    """
    if not cache_writable():
        return False
    target = root / relative
    tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        tag = root / "CACHEDIR.TAG"
        if not tag.exists():
            tag.write_text(CACHEDIR_TAG, "utf-8")
        tmp.write_bytes(data)
        os.replace(tmp, target)
        return True
    except OSError:
        try:
            tmp.unlink()
        except OSError:
            pass
        return False
