"""The command line: thin — parse options, call the library, pick a reporter."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Optional

import typer

from perflint import __version__
from perflint.exitcodes import ExitCode
from perflint.ingest.files import ReadOptions, load_file
from perflint.resources import schemas_dir

app = typer.Typer(
    name="perflint",
    help="Lint and audit budget performance-target declarations (绩效目标申报表).",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"perflint {__version__}")
        raise typer.Exit(ExitCode.OK)


@app.callback()
def _root(
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True,
                                 help="Show the version and exit."),
) -> None:
    pass


@app.command()
def extract(
    paths: list[str] = typer.Argument(..., help="Files to read ('-' for standard input)."),
    encoding: Optional[str] = typer.Option(None, "--encoding", help="Force an input encoding (e.g. gb18030)."),
    layout: Optional[str] = typer.Option(None, "--layout", help="Force a text layout: tabbed, pipe, lines, flattened."),
    no_source: bool = typer.Option(False, "--no-source", help="Leave out the source map (spans, labels)."),
) -> None:
    """Print the declarations read from FILES as a JSON list (schema: `perflint schema`).

    Spans are under each declaration's "source.spans": a map from JSON pointer
    to [line, column, end_line, end_column] (1-based, end column exclusive).
    """
    options = ReadOptions(encoding=encoding, layout=layout)
    out = []
    failed = False
    for path in paths:
        result = load_file(path, options)
        for problem in result.problems:
            failed = True
            from perflint.messages import input_problem_text

            typer.echo(f"{path}: {input_problem_text(problem)}", err=True)
        for decl in result.declarations:
            out.append(decl.to_dict(include_source=not no_source))
    sys.stdout.write(json.dumps(out, ensure_ascii=False, indent=2) + "\n")
    raise typer.Exit(ExitCode.ERROR if failed and not out else ExitCode.OK)


@app.command()
def schema(
    name: str = typer.Argument("declaration", help="declaration, report, rulepack or config."),
) -> None:
    """Print a JSON Schema (default: the declaration schema)."""
    path = schemas_dir() / f"{name}.schema.json"
    if not path.is_file():
        typer.echo(f"unknown schema {name!r}", err=True)
        raise typer.Exit(ExitCode.ERROR)
    sys.stdout.write(path.read_text("utf-8"))


def main() -> None:
    app()
