"""The ``aiprov`` command line: a thin shell over the packages.

Each command group lives in its own module under ``aiprov.commands`` and registers itself
on the app; modules import their heavy dependencies (litellm, uvicorn, FastAPI, mitmproxy)
inside the command functions so that short-lived commands and git hooks start fast.

``run`` is the one error path: whatever a command raises is either one of ``aiprov.errors``
(or a library error ``errors.translate`` recognises), printed as ``aiprov: <message>`` with
its exit code, or a bug, which keeps its traceback. Exit codes: 0 ok, 1 findings or a
failure, 2 usage or configuration, 3 unavailable.
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Sequence

import typer
from typer.exceptions import TyperException

from aiprov import errors

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
    "aiprov.commands.status",
    "aiprov.commands.config",
    "aiprov.commands.setup",
    "aiprov.commands.provenance",
    "aiprov.commands.review",
    "aiprov.commands.guard",
    "aiprov.commands.importer",
    "aiprov.commands.org",
    "aiprov.commands.intercept",
    "aiprov.commands.demo",
    "aiprov.commands.tokens",
    "aiprov.commands.explain",
    "aiprov.commands.findings",
)


def _show_version(value: bool) -> None:
    if value:
        from aiprov.version import version_line

        typer.echo(version_line())
        raise typer.Exit()


@app.callback()
def _root(
    version: bool = typer.Option(False, "--version", is_eager=True, callback=_show_version,
                                 help="Print the version, git revision and Python, and exit."),
) -> None:
    """AI-generated-code provenance and review proxy."""


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


def fail(err: errors.AiprovError) -> int:
    """Print ``err`` as the CLI does and return its exit code."""
    typer.secho(f"aiprov: {errors.mask(str(err))}", fg=typer.colors.RED, err=True)
    return err.exit_code


def run(argv: Sequence[str] | None = None) -> int:
    """Run one command line and return its exit code (``main`` exits with it)."""
    try:
        rv = app(args=list(sys.argv[1:] if argv is None else argv), prog_name="aiprov",
                 standalone_mode=False)
    except typer.Exit as exc:
        return exc.exit_code
    except TyperException as exc:  # usage errors (exit 2), with click's own message
        show = getattr(exc, "show", None)
        if callable(show):
            show()
        else:
            typer.secho(f"aiprov: {exc.format_message()}", fg=typer.colors.RED, err=True)
        return exc.exit_code
    except (typer.Abort, KeyboardInterrupt):
        typer.echo("", err=True)
        return 130
    except Exception as exc:  # noqa: BLE001 - the one error path; a bug is re-raised below
        err = errors.translate(exc)
        if err is None:
            raise
        return fail(err)
    # standalone_mode=False returns an Exit's code, or the command's own value (None)
    return rv if isinstance(rv, int) else 0


def main() -> None:
    """Entry point: one readable line for expected errors, never a traceback."""
    sys.exit(run())


if __name__ == "__main__":
    main()
