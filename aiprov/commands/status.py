"""``aiprov status``: one line per component, ok / degraded / down; exit 3 when any is down."""

from __future__ import annotations

import json

import typer


def status(
    fmt: str = typer.Option("text", "--format", help="text | json (for monitors)."),
    as_json: bool = typer.Option(False, "--json", help="Same as --format json."),
) -> None:
    """Is each part working: proxy, recorder, spool, store, hook server, org sync, identity."""
    from aiprov import status as st
    from aiprov.errors import UNAVAILABLE, ConfigError
    from aiprov.settings import get_settings
    from aiprov.table import Col, print_table

    if fmt not in ("text", "json"):
        raise ConfigError(f"--format must be text or json, got {fmt!r}")
    components = st.judge(st.observe(get_settings()))
    rep = st.report(components)
    if as_json or fmt == "json":
        typer.echo(json.dumps(rep, indent=2, default=str))
    else:
        print_table([Col("COMPONENT"), Col("STATE"), Col("SINCE"), Col("REASON")],
                    [[c.name, c.state, st.since_text(c.since) or "-", c.reason]
                     for c in components])
    if not rep["ok"]:
        raise typer.Exit(UNAVAILABLE)


def register(app: typer.Typer) -> None:
    app.command("status")(status)
