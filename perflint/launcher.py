"""The ``perflint`` command's entry point.

``perflint --version`` answers without importing the command-line framework
(typer and rich take most of start-up); everything else goes to
:mod:`perflint.cli`, with typer's option values parsed without pydantic
(:mod:`perflint._typer_values`).
"""

from __future__ import annotations

import sys


def main() -> None:
    if sys.argv[1:] == ["--version"]:
        from perflint._version import __version__  # start-up: --version answers without the CLI

        sys.stdout.write(f"perflint {__version__}\n")
        return
    from perflint._typer_values import install_fast_values  # start-up: typer only for real commands

    install_fast_values()  # start-up: plain option values parsed without pydantic
    from perflint.cli import main as cli_main  # start-up: typer and the engine only for real commands

    cli_main()
