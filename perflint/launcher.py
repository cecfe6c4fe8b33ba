"""The ``perflint`` command's entry point.

``perflint --version`` answers without importing the command-line framework
(typer and rich take most of start-up); everything else goes to
:mod:`perflint.cli`.
"""

from __future__ import annotations

import sys


def main() -> None:
    if sys.argv[1:] == ["--version"]:
        from perflint import __version__

        sys.stdout.write(f"perflint {__version__}\n")
        return
    from perflint.cli import main as cli_main

    cli_main()
