"""``aiprov proxy``: serve the base-URL proxy."""

from __future__ import annotations

import typer


def proxy(
    host: str = typer.Option(None, help="Address to listen on (default 127.0.0.1)."),
    port: int = typer.Option(None, help="Port to listen on (default 8787)."),
    db: str = typer.Option(None, help="Store URL: sqlite:///path or postgresql://... "
                           "(default: SQLite under AIPROV_HOME)."),
    log_level: str = typer.Option("warning", help="uvicorn log level."),
) -> None:
    """Run the recording proxy; point assistants at it (see `aiprov setup TOOL`)."""
    import logging
    import os

    import uvicorn

    from aiprov.errors import ConfigError
    from aiprov.settings import get_settings
    from proxy.app import create_app

    try:
        settings = get_settings()
        updates = {k: v for k, v in {"host": host, "port": port, "db": db}.items() if v}
        if updates:
            settings = settings.model_validate(settings.model_dump() | updates)
    except ValueError as exc:
        raise ConfigError(str(exc).splitlines()[-1]) from exc
    settings.ensure_home()
    if settings.host not in ("127.0.0.1", "localhost", "::1") and not os.environ.get(
        "AIPROV_ALLOW_REMOTE"
    ):
        raise ConfigError(
            f"refusing to listen on {settings.host}: the proxy forwards API keys and records "
            "prompts; set AIPROV_ALLOW_REMOTE=1 if you really mean to expose it"
        )
    logging.basicConfig(level=log_level.upper(), format="aiprov: %(message)s")
    app = create_app(settings)
    typer.echo(
        f"aiprov proxy on http://{settings.host}:{settings.port}  "
        f"(store: {settings.db_url.split('@')[-1]}; OpenAI -> {settings.openai_base}, "
        f"Anthropic -> {settings.anthropic_base})",
        err=True,
    )
    uvicorn.run(app, host=settings.host, port=settings.port, log_level=log_level,
                loop="uvloop", http="httptools", ws="wsproto", lifespan="on",
                access_log=False, timeout_keep_alive=75)


def register(app: typer.Typer) -> None:
    app.command("proxy")(proxy)
