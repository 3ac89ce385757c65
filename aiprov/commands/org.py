"""Org commands: ``serve``, ``db upgrade``, ``sync``, ``report``, ``token``, ``retention``."""

from __future__ import annotations

import json

import typer

from aiprov.errors import AiprovError, ConfigError, UpstreamError

DB_HELP = "Database URL (postgresql://... or sqlite:///...); default: the configured store."


def _settings(db: str | None = None):  # type: ignore[no-untyped-def]
    from aiprov.settings import get_settings, with_options

    return with_options(get_settings(), db=db or None)


def _engine(url: str):  # type: ignore[no-untyped-def]
    from aiprov.errors import store_error
    from store import db

    try:
        return db.get_engine(url)
    except Exception as exc:  # noqa: BLE001 - one line that says what to check
        raise store_error(exc, url) from None


def _safe(url: str) -> str:
    """The URL without its password."""
    from aiprov.errors import mask

    return mask(url)


def serve(
    db: str = typer.Option(None, "--db", help=DB_HELP),
    host: str = typer.Option("127.0.0.1", help="Interface to listen on."),
    port: int = typer.Option(8788, help="Port to listen on."),
    purge_every: float = typer.Option(3600.0, help="Seconds between retention purges."),
    workers: int = typer.Option(1, help="Worker processes (uvicorn)."),
) -> None:
    """Run the org server: ingest, reports, lookup API and the web dashboard."""
    import uvicorn

    from aiprov.commands.proxy import bind
    from aiprov.server.app import create_app

    s = _settings(db)
    _engine(s.db_url)  # migrate (and fail) before binding the port
    sock = bind(host, port, "--port")  # a taken port: one line, exit 3, no banner
    app = create_app(s, purge_interval_s=purge_every or None)
    typer.echo(f"aiprov org server on http://{host}:{port} (store {_safe(s.db_url)})")
    if workers > 1:  # uvicorn's workers bind for themselves
        sock.close()
        uvicorn.run(app, host=host, port=port, log_level="info", workers=workers,
                    proxy_headers=False)
        return
    try:
        uvicorn.Server(uvicorn.Config(app, log_level="info", proxy_headers=False)).run(
            sockets=[sock])
    finally:
        sock.close()


def db_upgrade(
    db: str = typer.Option(None, "--db", help=DB_HELP),
    rebuild_rollup: bool = typer.Option(
        False, "--rebuild-rollup", help="Recompute the report rollup from every record."),
) -> None:
    """Migrate the store's schema to the latest version (SQLite or PostgreSQL)."""
    from aiprov.progress import step
    from store import org, rollup

    s = _settings(db)
    with step(f"migrating {_safe(s.db_url)} (and filling the report rollup if it is new)"):
        engine = _engine(s.db_url)  # runs the migrations
    with step("search index"):
        extra = " + trigram search index" if org.ensure_search_index(engine) else ""
    if rollup.ensure(engine):
        extra += " + report rollup filled"
    elif rebuild_rollup:
        with step("rebuilding the report rollup from every record"), engine.begin() as conn:
            rollup.rebuild(conn)
        extra += " + report rollup rebuilt"
    typer.echo(f"store {_safe(s.db_url)} is at the latest schema{extra}")


def sync(
    once: bool = typer.Option(True, "--once/--watch",
                              help="Push what is pending and exit, or keep syncing."),
    interval: float = typer.Option(30.0, help="Seconds between passes with --watch."),
) -> None:
    """Push this machine's records to the org server (server_url, server_token)."""
    from aiprov.sync import Syncer

    syncer = Syncer(_settings(), interval=interval)
    if not once:
        syncer.start()
        typer.echo(f"syncing to {syncer.base} every {interval:g}s; Ctrl-C to stop")
        try:
            while True:
                syncer._stop.wait(3600)
        finally:
            syncer.stop()
        return
    from aiprov.progress import Bar

    total = syncer.pending()
    sent = {"exchanges": 0, "commits": 0, "findings": 0, "batches": 0}
    step = 10  # batches per pass: the bar moves between passes
    with Bar("syncing to " + syncer.base, total, "records") as bar:
        while True:
            res = syncer.run_once(max_batches=step)
            for k in sent:
                sent[k] += getattr(res, k)
            bar.advance(res.exchanges + res.commits)
            if res.error or res.batches < step:
                break
    typer.echo(f"sent {sent['exchanges']} exchanges, {sent['commits']} commits, "
               f"{sent['findings']} findings in {sent['batches']} batches (mode {res.mode}); "
               f"{res.pending} pending")
    if res.error:
        if res.error.startswith("cannot reach"):
            raise UpstreamError(f"{res.error}; check AIPROV_SERVER_URL and the network")
        if "refused the token" in res.error:
            raise ConfigError(res.error)
        raise AiprovError(res.error)


def report(
    since: str = typer.Option("30d", help="Window: 30d, 12h, 8w, 3m."),
    by: str = typer.Option(None, help="Group by team|developer|repo|model|tool|language."),
    fmt: str = typer.Option("table", "--format", help="table|csv|json|html"),
    period: str = typer.Option("day", help="Outcome trend per day|week."),
    local: bool = typer.Option(False, "--local", help="Use the local store even if a server "
                               "is configured."),
    db: str = typer.Option(None, "--db", help=DB_HELP),
) -> None:
    """AI usage figures: exchanges, cost, acceptance, AI share, findings density, trend, and
    the outcomes of findings (insecure suggestions, fixed before commit, dismissed, ...)."""
    from aiprov.server.render import FORMATS, render
    from store.queries import reports, window

    if fmt not in FORMATS:
        raise ConfigError(f"--format must be one of {', '.join(FORMATS)}")
    s = _settings(db)
    try:
        delta = window.parse_since(since)
        if by is not None and by not in reports.GROUPINGS:
            raise ValueError(f"--by must be one of {', '.join(reports.GROUPINGS)}")
        if period not in ("day", "week"):
            raise ValueError("--period must be day or week")
    except ValueError as exc:
        raise ConfigError(str(exc)) from None
    if s.server_url and s.server_token and not local and not db:
        import httpx

        params = {"since": since, "period": period, **({"by": by} if by else {})}
        try:
            r = httpx.get(f"{s.server_url.rstrip('/')}/api/report", params=params, timeout=60,
                          headers={"Authorization": f"Bearer {s.server_token}"})
        except httpx.HTTPError as exc:
            raise UpstreamError(f"cannot reach the org server at {s.server_url} "
                                f"(AIPROV_SERVER_URL): {exc or exc.__class__.__name__}; use "
                                "--local for this machine's figures") from None
        if r.status_code in (401, 403):
            raise ConfigError(f"the org server at {s.server_url} refused the token "
                              f"({r.status_code}); check AIPROV_SERVER_TOKEN")
        if r.status_code != 200:
            raise AiprovError(f"org server answered {r.status_code}: {r.text[:200]}")
        rep = r.json()
    else:
        engine = _engine(s.db_url)
        with engine.connect() as conn:
            rep = reports.report(conn, since=window.utcnow() - delta, by=by, period=period)
    typer.echo(render(rep, fmt))


token_app = typer.Typer(help="Org server API tokens (run on the server host).",
                        no_args_is_help=True)


@token_app.command("create")
def token_create(
    name: str = typer.Option(..., help="A label for the token (e.g. the laptop)."),
    developer: str = typer.Option("", help="The developer identity its records carry."),
    role: str = typer.Option("developer", help="developer | security | admin"),
    team: str = typer.Option(None, help="Put the developer in this team."),
    db: str = typer.Option(None, "--db", help=DB_HELP),
) -> None:
    """Create a token; it is printed once and stored only as a hash."""
    from sqlmodel import Session

    from store import org

    s = _settings(db)
    with Session(_engine(s.db_url)) as session:
        try:
            token, row = org.create_token(session, org.load_pepper(s.ensure_home()), name=name,
                                          developer=developer, role=role, team=team)
        except ValueError as exc:
            raise ConfigError(str(exc)) from None
        session.commit()
        typer.echo(f"token {row.id} ({role}{', ' + developer if developer else ''}): {token}")
        typer.echo("shown once: give it to its owner (AIPROV_SERVER_TOKEN)", err=True)


@token_app.command("list")
def token_list(db: str = typer.Option(None, "--db", help=DB_HELP)) -> None:
    """List tokens (never their values)."""
    from sqlmodel import Session

    from store import org

    s = _settings(db)
    from aiprov.table import Col, print_table

    with Session(_engine(s.db_url)) as session:
        tokens = org.list_tokens(session)
    if not tokens:
        typer.echo("no tokens yet (create one with `aiprov token create --name NAME`)")
        return
    print_table([Col("ID", right=True), Col("ROLE"), Col("NAME"), Col("DEVELOPER"), Col("TEAM"),
                 Col("STATE")],
                [[t.id, t.role, t.name, t.developer or "-", t.team or "-",
                  f"revoked {t.revoked_at:%Y-%m-%d}" if t.revoked_at else "active"]
                 for t in tokens])


@token_app.command("revoke")
def token_revoke(token_id: int = typer.Argument(..., help="Token id (from `token list`)."),
                 db: str = typer.Option(None, "--db", help=DB_HELP)) -> None:
    """Revoke a token: it stops working at once."""
    from sqlmodel import Session

    from store import org

    s = _settings(db)
    with Session(_engine(s.db_url)) as session:
        if not org.revoke_token(session, token_id):
            raise AiprovError(f"no active token {token_id} (see `aiprov token list`)")
        session.commit()
    typer.echo(f"token {token_id} revoked")


def retention(
    days: int = typer.Option(None, min=1, help="Keep records this many days (org setting)."),
    purge: bool = typer.Option(False, "--purge", help="Delete older records now."),
    db: str = typer.Option(None, "--db", help=DB_HELP),
) -> None:
    """Show or set the org's retention, and purge on demand (the server also purges hourly)."""
    from sqlmodel import Session

    from store import org

    s = _settings(db)
    with Session(_engine(s.db_url)) as session:
        if days is not None:
            org.set_setting(session, "retention_days", str(days))
            session.commit()
        typer.echo(f"retention: {org.get_setting(session, 'retention_days')} days")
        if purge:
            res = org.purge(session)
            typer.echo(json.dumps({k: (v.isoformat() if hasattr(v, "isoformat") else v)
                                   for k, v in res.__dict__.items()}))


def register(app: typer.Typer) -> None:
    app.command("serve")(serve)
    db_app = typer.Typer(help="Store schema.", no_args_is_help=True)
    db_app.command("upgrade")(db_upgrade)
    app.add_typer(db_app, name="db")
    app.command("sync")(sync)
    app.command("report")(report)
    app.add_typer(token_app, name="token")
    app.command("retention")(retention)

