"""``aiprov proxy``: serve the base-URL proxy.

The port is bound before anything is printed, so a taken port is one line and exit 3, never a
success banner followed by uvicorn's error; ``$AIPROV_HOME/proxy.json`` (``aiprov.runstate``)
tells ``aiprov status`` where this proxy listens.
"""

from __future__ import annotations

import socket
from typing import Any

import typer

LOOPBACK = ("127.0.0.1", "localhost", "::1")


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

    from aiprov import runstate
    from aiprov.errors import ConfigError, UnavailableError, mask
    from aiprov.settings import get_settings, with_options
    from aiprov.version import version_info
    from proxy.app import create_app

    settings = with_options(get_settings(), host=host, port=port, db=db or None)
    settings.ensure_home()
    if settings.host not in LOOPBACK and not os.environ.get("AIPROV_ALLOW_REMOTE"):
        raise ConfigError(
            f"refusing to listen on {settings.host}: the proxy forwards API keys and records "
            "prompts; set AIPROV_ALLOW_REMOTE=1 if you really mean to expose it")
    sock = bind(settings.host, settings.port, "AIPROV_PORT or --port")
    logging.basicConfig(level=log_level.upper(), format="aiprov: %(message)s")
    app = create_app(settings)
    typer.echo(
        f"aiprov proxy on http://{settings.host}:{settings.port}  "
        f"(store: {mask(settings.db_url)}; OpenAI -> {settings.openai_base}, "
        f"Anthropic -> {settings.anthropic_base})",
        err=True,
    )
    warning = store_warning(settings.db_url)
    if warning:
        typer.secho(f"aiprov: {warning}", fg=typer.colors.YELLOW, err=True)
    runstate.started(settings.home, settings.host, settings.port, version_info()["aiprov"])
    try:
        ok = _serve(app, sock, log_level)
    finally:
        runstate.stopped(settings.home)
        sock.close()
    if not ok:
        raise UnavailableError("the proxy did not start (see the message above); "
                               "`aiprov status` shows what is down")


def store_warning(db_url: str) -> str | None:
    """One line when the store does not answer: a relay starts anyway and spools."""
    from aiprov.status import probe_store

    seen = probe_store(db_url)
    if seen.get("error"):
        return (f"the store at {seen['url']} (AIPROV_DB) does not answer ({seen['error']}); "
                "exchanges are spooled under AIPROV_HOME/spool and written when it answers")
    return None


def bind(host: str, port: int, setting: str) -> socket.socket:
    """A listening socket on ``host:port``, or PortInUse naming the setting to change."""
    from aiprov.errors import ConfigError, PortInUse

    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror as exc:
        raise ConfigError(f"cannot listen on {host!r}: {exc.strerror}; set AIPROV_HOST or "
                          "--host to a local address") from None
    family, kind, proto, _, addr = infos[0]
    sock = socket.socket(family, kind, proto)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind(addr)
        sock.listen(2048)
    except OSError as exc:
        sock.close()
        if exc.errno in (98, 48, 10048):  # EADDRINUSE on Linux, macOS, Windows
            raise PortInUse(f"port {port} on {host} is already in use (another aiprov proxy? "
                            f"see `aiprov status`); stop it or choose another port with "
                            f"{setting}") from None
        raise PortInUse(f"cannot listen on {host}:{port}: {exc.strerror}; choose another "
                        f"address with {setting}") from None
    sock.set_inheritable(True)
    return sock


def _serve(app: Any, sock: socket.socket, log_level: str) -> bool:
    """Serve ``app`` on the bound socket until stopped; False if it never started."""
    import signal

    import uvicorn

    def stop(signum: int, _frame: Any) -> None:
        raise SystemExit(0)

    # uvicorn shuts down gracefully on SIGTERM, then raises the signal again with the handler
    # that was there before it: make that one unwind (runstate.stopped), not kill
    signal.signal(signal.SIGTERM, stop)
    server = uvicorn.Server(uvicorn.Config(
        app, log_level=log_level, loop="uvloop", http="httptools", ws="wsproto",
        lifespan="on", access_log=False, timeout_keep_alive=75))
    server.run(sockets=[sock])
    return bool(server.started)


def register(app: typer.Typer) -> None:
    app.command("proxy")(proxy)
