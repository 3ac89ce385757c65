"""``aiprov intercept``: the HTTPS-intercepting proxy for assistants without a base-URL setting."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

TRUST_HELP = """\
Created the intercept CA certificate:
  {cert}
Clients must trust it, or they will refuse the decrypted hosts. Exact settings per tool:
  aiprov setup copilot        (VS Code, JetBrains)
  aiprov setup https-proxy    (anything that honours HTTPS_PROXY)
Or trust it machine-wide:
  Debian/Ubuntu: sudo cp {cert} /usr/local/share/ca-certificates/aiprov-intercept.crt \\
                   && sudo update-ca-certificates
  macOS:         sudo security add-trusted-cert -d -r trustRoot \\
                   -k /Library/Keychains/System.keychain {cert}
The private key stays in {confdir} (mode 0600); anyone who can read it can impersonate the
hosts listed below to this machine. To remove: delete {confdir} and untrust the certificate.
"""


def intercept(
    port: int = typer.Option(8080, help="Port to listen on."),
    host: str = typer.Option("127.0.0.1", help="Address to listen on."),
    allow: Annotated[list[str] | None, typer.Option(
        "--allow", metavar="HOST", help="Extra host or glob (*.example.com) to decrypt and record; "
        "repeatable. Adds to intercept_allow in config.toml.")] = None,
    upstream_ca: Annotated[Path | None, typer.Option(
        "--upstream-ca", metavar="PEM", exists=True, dir_okay=False,
        help="CA bundle to verify the LLM hosts with (e.g. a corporate TLS-inspection root); "
        "default: the certifi bundle mitmproxy ships with.")] = None,
    log_level: str = typer.Option("warning", help="Log level (mitmproxy's messages too)."),
) -> None:
    """Run the HTTPS-intercepting proxy: records Copilot and other tools that honour an HTTPS
    proxy; only known LLM API hosts are decrypted, every other host is tunnelled."""
    import asyncio
    import logging
    import os
    import signal

    from aiprov.commands.proxy import store_warning
    from aiprov.errors import ConfigError
    from aiprov.settings import get_settings
    from proxy.allowlist import AllowlistError, from_settings
    from proxy.intercept import Intercept, InterceptServer, ensure_ca
    from proxy.recorder_process import recorder_for

    settings = get_settings()
    if host not in ("127.0.0.1", "localhost", "::1") and not os.environ.get(
        "AIPROV_ALLOW_REMOTE"
    ):
        raise ConfigError(
            f"refusing to listen on {host}: the intercepting proxy decrypts API traffic and "
            "records prompts; set AIPROV_ALLOW_REMOTE=1 if you really mean to expose it")
    try:
        allowlist = from_settings(settings, allow or ())
    except AllowlistError as exc:
        raise ConfigError(f"intercept allowlist: {exc}") from exc

    settings.ensure_home()
    logging.basicConfig(level=log_level.upper(), format="aiprov: %(message)s")
    ca = ensure_ca(settings.home / "intercept")
    if ca.created:
        typer.echo(TRUST_HELP.format(cert=ca.cert, confdir=ca.confdir), err=True)
    for name in ca.fixed_modes:
        typer.secho(f"aiprov: {ca.confdir / name} was readable by others; set it to 0600",
                    fg=typer.colors.YELLOW, err=True)

    warning = store_warning(settings.db_url)
    if warning:
        typer.secho(f"aiprov: {warning}", fg=typer.colors.YELLOW, err=True)
    recorder = recorder_for(settings)
    addon = Intercept(recorder, allowlist, max_body_bytes=settings.max_body_bytes)
    server = InterceptServer(addon, host=host, port=port, confdir=ca.confdir,
                             upstream_ca=upstream_ca)

    started = False

    def ready(addrs: list[tuple[str, int]]) -> None:
        nonlocal started
        started = True
        where = ", ".join(f"{h}:{p}" for h, p in addrs) or f"{host}:{port}"
        typer.echo(
            f"aiprov intercept on http://{where}  (store: {settings.db_url.split('@')[-1]}; "
            f"CA: {ca.cert})\n"
            f"  decrypting: {', '.join(allowlist.patterns)}\n"
            "  every other host is tunnelled untouched; Ctrl-C to stop",
            err=True,
        )

    async def main() -> None:
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGINT, signal.SIGTERM):
            try:
                loop.add_signal_handler(sig, server.request_stop)
            except (NotImplementedError, RuntimeError):  # pragma: no cover - non-Unix
                pass
        await server.serve(ready)

    recorder.start()
    try:
        asyncio.run(main())
    except OSError as exc:
        from aiprov.errors import PortInUse

        raise PortInUse(f"{exc}; choose another port with --port") from None
    finally:
        recorder.stop()
        if started:
            stats = addon.stats.as_dict()
            typer.echo("aiprov intercept stopped: " +
                       ", ".join(f"{k} {v}" for k, v in stats.items()), err=True)


def register(app: typer.Typer) -> None:
    app.command("intercept")(intercept)
