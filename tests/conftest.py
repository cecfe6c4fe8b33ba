"""Shared fixtures: the project's examples and a text-extraction helper."""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import settings
from support.paths import EXAMPLES

from perflint.domain.model import Declaration
from perflint.ingest import declarations_from_text
from perflint.ingest.files import FileResult, ReadOptions, load_bytes
from perflint.resources import use_cache

# Property-based tests draw the same examples on every run, so a CI result
# never depends on luck; set PERFLINT_RANDOM_SEED=1 to explore new examples
# (a failure then prints the seed to reproduce it).
settings.register_profile("perflint", derandomize=not os.environ.get("PERFLINT_RANDOM_SEED"), print_blob=True)
settings.load_profile("perflint")

# The suite never writes the user's own cache (~/.cache/perflint): every run
# of the CLI or engine in a test process shares one throw-away cache folder.
# Subprocesses inherit the variable.
os.environ["PERFLINT_CACHE_DIR"] = _TEST_CACHE = tempfile.mkdtemp(prefix="perflint-test-cache-")
atexit.register(shutil.rmtree, _TEST_CACHE, True)


@pytest.fixture(autouse=True)
def _default_cache_folder():
    """A ``check`` run in the test process chooses the cache folder of the process
    (``--cache-dir``, ``--no-cache``); the next test starts from the default again."""
    yield
    use_cache(None)


@pytest.fixture(scope="session")
def examples_dir() -> Path:
    return EXAMPLES


@pytest.fixture(scope="session")
def example_files() -> list[Path]:
    """Every example input (text and JSON), sorted."""
    return sorted(p for p in EXAMPLES.iterdir() if p.suffix in (".txt", ".json"))


@pytest.fixture
def extract() -> Callable[..., list[Declaration]]:
    """``extract(text, layout=None)``: declarations from already decoded text."""

    def run(text: str, layout: str | None = None, path: str = "<test>") -> list[Declaration]:
        return declarations_from_text(text, path=path, layout=layout)

    return run


@pytest.fixture
def load() -> Callable[..., FileResult]:
    """``load(data, path)``: read bytes as a file of that name would be read."""

    def run(data: bytes, path: str = "input.txt", **options: object) -> FileResult:
        return load_bytes(data, path, ReadOptions(**options))  # type: ignore[arg-type]

    return run
