"""Golden files: every output format, byte for byte.

Regenerate after an intended change with::

    UPDATE_GOLDEN=1 .venv/bin/pytest tests/test_report_golden.py

and review the diff of ``tests/golden/`` before committing it.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from perflint.report import renderer
from perflint.report._common import ReportOptions

try:
    from report_sample import sample_result
except ImportError:  # tests/ imported as a package
    from tests.report_sample import sample_result

GOLDEN = Path(__file__).parent / "golden"
UPDATE = os.environ.get("UPDATE_GOLDEN") == "1"

#: golden file name -> (format, options)
CASES: dict[str, tuple[str, ReportOptions]] = {
    "sample.text.txt": ("text", ReportOptions(width=100)),
    "sample.text.en.txt": ("text", ReportOptions(lang="en", width=100)),
    "sample.text.color.txt": ("text", ReportOptions(color=True, width=100)),
    "sample.quiet.txt": ("text", ReportOptions(quiet=True, width=100)),
    "sample.statistics.txt": ("text", ReportOptions(statistics=True, width=100)),
    "sample.sarif.json": ("sarif", ReportOptions(base_dir="samples")),
    "sample.github.txt": ("github", ReportOptions()),
    "sample.gitlab.json": ("gitlab", ReportOptions(base_dir="samples")),
    "sample.junit.xml": ("junit", ReportOptions()),
    "sample.csv": ("csv", ReportOptions()),
    "sample.html": ("html", ReportOptions()),
    "sample.en.html": ("html", ReportOptions(lang="en")),
    "sample.opinion.txt": ("opinion", ReportOptions()),
    "sample.opinion.en.txt": ("opinion", ReportOptions(lang="en")),
}


def as_bytes(out: str | bytes) -> bytes:
    return out if isinstance(out, bytes) else out.encode("utf-8")


def check_golden(name: str, actual: bytes) -> None:
    path = GOLDEN / name
    if UPDATE or not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(actual)
        if not UPDATE:
            pytest.fail(f"golden file {name} was missing and has been written; check it and re-run")
        return
    expected = path.read_bytes()
    if actual != expected:
        a, b = actual.decode("utf-8", "replace").splitlines(), expected.decode("utf-8", "replace").splitlines()
        first = next((i for i, (x, y) in enumerate(zip(a, b)) if x != y), min(len(a), len(b)))
        got = a[first] if first < len(a) else "<end>"
        want = b[first] if first < len(b) else "<end>"
        pytest.fail(f"{name} differs at line {first + 1}:\n  got:  {got!r}\n  want: {want!r}\n"
                    "(UPDATE_GOLDEN=1 regenerates the golden files)")


@pytest.mark.parametrize("name", sorted(CASES))
def test_sample_golden(name: str) -> None:
    fmt, options = CASES[name]
    out = as_bytes(renderer(fmt)(sample_result(), options))
    again = as_bytes(renderer(fmt)(sample_result(), options))
    assert out == again, "output is not deterministic"
    check_golden(name, out)
