"""``aiprov config``: the effective settings, and where each value came from."""

from __future__ import annotations

import json
import os
from typing import Any

import typer

SECRET = {"server_token"}  # shown as set / not set, never printed


def _file_keys() -> set[str]:
    import tomllib

    from aiprov.settings import aiprov_home

    path = aiprov_home() / "config.toml"
    if not path.is_file():
        return set()
    with path.open("rb") as f:
        data = tomllib.load(f)
    table = data.get("aiprov", data)
    return set(table) if isinstance(table, dict) else set()


def rows() -> list[dict[str, Any]]:
    """One row per setting: name, environment variable, value (masked), source."""
    from aiprov.errors import mask
    from aiprov.settings import Settings, get_settings

    s = get_settings()
    in_file = _file_keys()
    out = []
    for name in Settings.model_fields:
        env = "AIPROV_" + name.upper()
        value: Any = getattr(s, name)
        if name in SECRET:
            value = "(set)" if value else "(not set)"
        elif name == "routes":
            value = [r.model_dump(exclude_none=True) for r in value]
        elif name == "db":
            value = mask(s.db_url) + ("" if s.db else " (default)")
        elif value == "":
            value = "-"
        else:
            value = mask(str(value)) if isinstance(value, str) else value
        source = "env" if env in os.environ else "config.toml" if name in in_file else "default"
        out.append({"setting": name, "env": env, "value": value, "source": source})
    return out


def config(
    fmt: str = typer.Option("text", "--format", help="text | json"),
) -> None:
    """Print the effective settings and where each came from (env, config.toml, default)."""
    from aiprov.errors import ConfigError
    from aiprov.settings import aiprov_home
    from aiprov.table import Col, print_table

    if fmt not in ("text", "json"):
        raise ConfigError(f"--format must be text or json, got {fmt!r}")
    data = rows()
    if fmt == "json":
        typer.echo(json.dumps(data, indent=2, default=str))
        return
    typer.echo(f"config file: {aiprov_home() / 'config.toml'}")
    print_table([Col("SETTING"), Col("ENV"), Col("SOURCE"), Col("VALUE", flex=True)],
                [[r["setting"], r["env"], r["source"],
                  json.dumps(r["value"]) if isinstance(r["value"], list) else r["value"]]
                 for r in data])


def register(app: typer.Typer) -> None:
    app.command("config")(config)
