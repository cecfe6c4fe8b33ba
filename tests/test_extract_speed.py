"""Extraction stays linear: 1 MB of input is read in about a second.

Measured on a loaded shared machine: tabbed 0.6 s, pipe 0.6 s, one cell per
line 1.1 s (50 000 cells).  The bound is loose enough for a busy CI runner and
tight enough to catch a quadratic loop, which would take minutes.
"""

from __future__ import annotations

import time
from pathlib import Path

from perflint.ingest import declarations_from_text


def _big(examples_dir: Path, name: str, size: int) -> str:
    text = (examples_dir / name).read_text("utf-8")
    return (text + "\n\n") * (size // len(text.encode("utf-8")) + 1)


def test_one_megabyte_of_tabbed_forms(examples_dir: Path) -> None:
    text = _big(examples_dir, "bundle-qingxi-2020.txt", 1_000_000)
    started = time.perf_counter()
    decls = declarations_from_text(text, layout="tabbed")
    elapsed = time.perf_counter() - started
    assert len(decls) > 100
    assert elapsed < 2.0, f"{elapsed:.2f}s"


def test_one_megabyte_of_pipe_and_lines(examples_dir: Path) -> None:
    for name, layout in (("project-pipe-2022.txt", "pipe"), ("project-lines-2021.txt", "lines")):
        text = _big(examples_dir, name, 1_000_000)
        started = time.perf_counter()
        declarations_from_text(text, layout=layout)
        assert time.perf_counter() - started < 2.0, name


def test_one_long_line(examples_dir: Path) -> None:
    text = "项目名称 测试 " + "指标值 ≥95% " * 80_000
    started = time.perf_counter()
    declarations_from_text(text, layout="flattened")
    assert time.perf_counter() - started < 2.0
