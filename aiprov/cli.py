"""The ``aiprov`` command line: a thin shell over the packages.

Each command group lives in its own module under ``aiprov.commands`` and registers itself
on the app; modules import their heavy dependencies (litellm, uvicorn, FastAPI, mitmproxy)
inside the command functions so that short-lived commands and git hooks start fast.
"""

from __future__ import annotations

import importlib
import sys

import typer

from aiprov.errors import AiprovError

app = typer.Typer(
    name="aiprov",
    help="AI-generated-code provenance and review proxy.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

# command-group modules, each with ``register(app)``
COMMAND_MODULES = (
    "aiprov.commands.proxy",
    "aiprov.commands.records",
    "aiprov.commands.setup",
    "aiprov.commands.provenance",
    "aiprov.commands.review",
    "aiprov.commands.org",
    "aiprov.commands.intercept",
    "aiprov.commands.demo",
    "aiprov.commands.tokens",
    "aiprov.commands.explain",
)


def _register() -> None:
    for name in COMMAND_MODULES:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name == name:  # group not built yet
                continue
            raise
        module.register(app)


_register()


def main() -> None:
    """Entry point: one readable line for expected errors, never a traceback."""
    try:
        app()
    except AiprovError as exc:
        typer.secho(f"aiprov: {exc}", fg=typer.colors.RED, err=True)
        sys.exit(exc.exit_code)
    except KeyboardInterrupt:
        sys.exit(130)


if __name__ == "__main__":
    main()
