"""``aiprov demo``: the whole loop offline, in a temporary directory."""

from __future__ import annotations

from pathlib import Path

import typer


def demo(
    directory: Path = typer.Option(None, "--dir", help="Work here instead of a new temp dir."),
) -> None:
    """Run the whole loop with a fake model: proxy, assistant session, commit with hooks,
    attribution, review and report. Needs no API key and no network."""
    from aiprov.demo import run_demo

    run_demo(directory, typer.echo)


def register(app: typer.Typer) -> None:
    app.command("demo")(demo)
