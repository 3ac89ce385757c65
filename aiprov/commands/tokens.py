"""``aiprov proxy-token``: developers authenticate to the proxy; the proxy holds the keys."""

from __future__ import annotations

import typer

tokens_app = typer.Typer(help="Proxy tokens: developers use these instead of provider keys.",
                         no_args_is_help=True)


def _path():  # type: ignore[no-untyped-def]
    from aiprov.settings import get_settings

    return get_settings().proxy_tokens_path


@tokens_app.command("create")
def create(
    developer: str = typer.Option(..., help="Whose requests this token makes (an email)."),
    name: str = typer.Option(None, help="A label to revoke it by (default: the developer)."),
) -> None:
    """Create a token (shown once). From the first token on, the proxy requires one."""
    from aiprov.settings import get_settings
    from proxy import tokens

    s = get_settings()
    token = tokens.create(_path(), name=name or developer, developer=developer)
    typer.echo(token)
    typer.echo(f"Give this to {developer}: it goes where their SDK takes an API key "
               "(OPENAI_API_KEY / ANTHROPIC_API_KEY). The proxy now requires a token on "
               f"every request and forwards the org keys from ${s.openai_key_env} / "
               f"${s.anthropic_key_env} in its own environment.", err=True)


@tokens_app.command("list")
def list_() -> None:
    """List tokens (names and developers; tokens themselves are never stored)."""
    from aiprov.table import Col, print_table
    from proxy import tokens

    items = tokens.listing(_path())
    if not items:
        typer.echo("no proxy tokens: the proxy forwards each client's own API key")
        return
    print_table([Col("NAME"), Col("DEVELOPER"), Col("CREATED")],
                [[t.name, t.developer, t.created_at] for t in items])


@tokens_app.command("revoke")
def revoke(name: str = typer.Argument(..., help="The token's name.")) -> None:
    """Revoke tokens by name (takes effect within two seconds)."""
    from aiprov.errors import AiprovError
    from proxy import tokens

    n = tokens.revoke(_path(), name)
    if not n:
        raise AiprovError(f"no proxy token named {name!r} (see `aiprov proxy-token list`)")
    typer.echo(f"revoked {n} token(s) named {name}")


def register(app: typer.Typer) -> None:
    app.add_typer(tokens_app, name="proxy-token")
