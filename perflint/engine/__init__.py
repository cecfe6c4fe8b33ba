"""The engine: which files, which rules, the run loop, the cache and the workers.

:mod:`.discover` walks the paths, :mod:`.selection` picks the rules,
:mod:`.core` checks one file at a time (:class:`Engine`), :mod:`.findings`
builds findings, :mod:`.grade` grades declarations, :mod:`.cache` and
:mod:`.keys` keep results of unchanged files, :mod:`.parallel` spreads files
over worker processes, :mod:`.run` writes a whole run's outputs and
:mod:`.config` reads the configuration.  :func:`check` is the Python API.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from perflint.catalog import Catalog, builtin_catalog
from perflint.domain.result import RunResult
from perflint.engine.cache import ResultCache
from perflint.engine.config import Config, load_config
from perflint.engine.core import Engine, has_internal_errors
from perflint.engine.discover import expand_paths
from perflint.engine.examples import example_input, run_example
from perflint.engine.findings import locate_span

__all__ = ["Engine", "check", "example_input", "expand_paths", "has_internal_errors", "locate_span", "run_example"]


def check(
    paths: Iterable[str | Path],
    config: Config | None = None,
    *,
    catalog: Catalog | None = None,
    jobs: int = 1,
    cache: ResultCache | None = None,
) -> RunResult:
    """Check the files under ``paths`` as ``perflint check`` does and return everything found.

    ``config``: the configuration (default: the one found from the current
    folder, as the command line finds it); ``catalog``: the rules (default:
    the built-in ones and installed plugins); ``jobs``: worker processes;
    ``cache``: a :class:`ResultCache` to reuse results of unchanged files.
    """
    catalog = catalog or builtin_catalog()
    config = config or load_config(catalog)
    return Engine(catalog, config).run([str(p) for p in paths], jobs=jobs, cache=cache)
