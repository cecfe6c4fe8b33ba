"""The entry point: --version answers before the CLI framework is imported."""

from __future__ import annotations

import subprocess
import sys

from perflint._version import __version__
from perflint.cli import LAYOUTS
from perflint.ingest.layouts import Layout


def test_version_imports_nothing_heavy():
    code = (
        "import sys; sys.argv = ['perflint', '--version']; from perflint.launcher import main; main(); "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('typer', 'rich', 'jsonschema', 'chardet', "
        "'jieba') or m.startswith(('perflint.ingest', 'perflint.catalog'))))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.splitlines() == [f"perflint {__version__}", "[]"]


def test_module_and_script_agree():
    out = subprocess.run([sys.executable, "-m", "perflint", "--version"], capture_output=True, text=True, check=True)
    assert out.stdout == f"perflint {__version__}\n"
    helped = subprocess.run([sys.executable, "-m", "perflint", "--help"], capture_output=True, text=True)
    assert helped.returncode == 0 and "check" in helped.stdout


def test_cli_layout_names_match_the_readers():
    assert tuple(layout.value for layout in Layout) == LAYOUTS
