"""``aiprov demo``: the whole loop offline, in a temporary directory.

The demo runs in a home of its own: the caller's ``AIPROV_*`` settings (a store URL, a port)
do not apply to it and are set aside while it runs, then restored.
"""

from __future__ import annotations

import os
from pathlib import Path

import typer


def demo(
    directory: Path = typer.Option(None, "--dir", help="Work here instead of a new temp dir."),
) -> None:
    """Run the whole loop with a fake model: proxy, assistant session, commit with hooks,
    attribution, review and report. Needs no API key and no network."""
    from aiprov.demo import run_demo
    from aiprov.progress import narrated
    from aiprov.settings import get_settings

    saved = {k: v for k, v in os.environ.items() if k.startswith("AIPROV_")}
    for k in saved:
        del os.environ[k]
    get_settings.cache_clear()
    try:
        with narrated("setting up") as (echo, stage):
            def out(text: str) -> None:
                if text.startswith("\n== "):  # a step's header: the spinner names it
                    stage(text.strip().strip("=").strip())
                echo(text)

            run_demo(directory, out)
    finally:
        for k in [k for k in os.environ if k.startswith("AIPROV_")]:
            del os.environ[k]
        os.environ.update(saved)
        get_settings.cache_clear()


def register(app: typer.Typer) -> None:
    app.command("demo")(demo)
