"""The entry point: --version answers before the CLI framework is imported."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

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


# -- option values without pydantic (start-up) ------------------------------------------

_CASES = [
    ("str", str, {}, ["x", "", "报告.json", "-"]),
    ("bool", bool, {}, [True, False]),
    ("int", int, {}, ["0", "2", "007", "12", 3, "-1", "+2", " 2", "2.0", "1_0", "abc", "２"]),
    ("int min 1", int, {"min": 1}, ["1", "2", "0", 0, 5]),
    ("int max 3", int, {"max": 3}, ["3", "4"]),
    ("path", Path, {}, ["out.json", "-", "", "a/b", "."]),
    ("list[str]", list[str], {}, [("a", "b"), ["x"], ()]),
    ("list[path]", list[Path], {}, [("a.txt", "b"), ()]),
]


def _typer_value(annotation, info, value):
    from typer._click.exceptions import BadParameter
    from typer._coercion import build_runtime_param, resolve_type_descriptor

    try:
        return build_runtime_param(resolve_type_descriptor(annotation, info))._coerce_value(value, None, None)
    except BadParameter as exc:
        return ("error", str(exc))


@pytest.mark.parametrize(("name", "annotation", "options", "values"), _CASES, ids=[c[0] for c in _CASES])
def test_fast_values_are_typers_values(name, annotation, options, values, tmp_path, monkeypatch):
    pytest.importorskip("typer._coercion")
    from typer.models import OptionInfo

    from perflint._typer_values import _SKIP, coerce

    monkeypatch.chdir(tmp_path)
    info = OptionInfo(**options)
    handled = 0
    for value in values:
        fast = coerce(annotation, info, value)
        if fast is _SKIP:
            continue  # typer's own adapter answers
        handled += 1
        expected = _typer_value(annotation, info, value)
        assert fast == expected and type(fast) is type(expected), (value, fast, expected)
    assert handled  # the common values are handled without pydantic


@pytest.mark.slow  # subprocesses or a browser: the slow suite (CI runs it)
def test_check_imports_no_pydantic_and_bad_values_read_as_typer_says(tmp_path):
    pytest.importorskip("typer._coercion")
    example = Path(__file__).resolve().parents[2] / "examples" / "clean-library-2023.txt"
    code = (
        "import sys; sys.argv = ['perflint', *sys.argv[1:]]; from perflint.launcher import main\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "print('pydantic' in sys.modules)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code, "check", str(example), "--no-cache", "--exit-zero", "-o", "r.txt", "--jobs", "1"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    assert out.stdout.splitlines()[-1] == "False", out.stderr
    plain = "import sys; sys.argv = ['perflint', *sys.argv[1:]]; from perflint.cli import main; main()"
    for bad in (["--jobs", "abc"], ["--jobs", "0"]):
        fast = subprocess.run(
            [sys.executable, "-c", code, "check", str(example), *bad], capture_output=True, text=True, cwd=tmp_path
        )
        slow = subprocess.run(
            [sys.executable, "-c", plain, "check", str(example), *bad], capture_output=True, text=True, cwd=tmp_path
        )
        assert slow.returncode != 0 and "jobs" in slow.stderr
        assert fast.stderr == slow.stderr
