"""A result cache that cannot be written is reported whatever ``--jobs`` is.

With ``--jobs 2`` the write error happened in a worker process and was lost: the
run said nothing, and every later run checked every file again without a word.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from support.paths import EXAMPLES

from perflint.catalog import builtin_catalog
from perflint.engine import Engine
from perflint.engine.cache import ResultCache
from perflint.engine.config import Config


def test_a_cache_write_error_in_a_worker_reaches_the_parent(tmp_path: Path) -> None:
    folder = tmp_path / "forms"
    folder.mkdir()
    for n in range(8):
        shutil.copyfile(EXAMPLES / "clean-library-2023.txt", folder / f"{n}.txt")
    root = tmp_path / "cache"
    root.mkdir()
    (root / "results").write_text("not a folder", "utf-8")  # every entry write fails
    engine = Engine(builtin_catalog(), Config(today="2024-06-01"))
    cache = ResultCache(root, engine.fingerprint())
    reports = list(engine.stream([str(folder)], jobs=2, cache=cache))
    assert len(reports) == 8
    assert cache.error is not None and "results" in cache.error
