"""``aiprov log``, ``aiprov show`` and ``aiprov status``: read what the proxy recorded."""

from __future__ import annotations

import json
import textwrap

import typer


def _settings():  # type: ignore[no-untyped-def]
    from aiprov.settings import get_settings

    return get_settings()


def log(
    limit: int = typer.Option(20, "-n", "--limit", help="How many exchanges."),
    tool: str = typer.Option(None, help="Only this tool (claude-code, codex, aider, ...)."),
    model: str = typer.Option(None, help="Only this model."),
    as_json: bool = typer.Option(False, "--json", help="JSON lines instead of a table."),
) -> None:
    """List recent exchanges: time, tool, model, tokens, cost, status, first prompt line."""
    from store import db
    from store import exchanges as store_exchanges

    s = _settings()
    with db.session(s.db_url) as session:
        rows = store_exchanges.recent(session, limit=limit, tool=tool, model=model)
    if as_json:
        for r in rows:
            typer.echo(json.dumps(store_exchanges.row_to_dict(r), ensure_ascii=False))
        return
    if not rows:
        typer.echo("no exchanges recorded yet (is `aiprov proxy` running and your assistant "
                   "pointed at it? see `aiprov setup`)")
        return
    from proxy.identity import tool_name

    typer.echo(f"{'ID':<12} {'TIME':<19} {'TOOL':<14} {'MODEL':<26} {'IN':>7} {'OUT':>6} "
               f"{'COST $':>8} {'ST':>3}  PROMPT")
    for r in rows:
        first = (r.prompt or "").strip().splitlines()[0][:50] if r.prompt.strip() else ""
        cost = f"{r.cost_usd:.4f}" if r.cost_usd is not None else "-"
        flag = "" if r.complete else "*"
        typer.echo(
            f"{r.id[:12]:<12} {r.started_at:%Y-%m-%d %H:%M:%S} {tool_name(r.tool)[:14]:<14} "
            f"{(r.model_answered or r.model_requested or '-')[:26]:<26} "
            f"{r.input_tokens if r.input_tokens is not None else '-':>7} "
            f"{r.output_tokens if r.output_tokens is not None else '-':>6} {cost:>8} "
            f"{r.status:>3}{flag:1} {first}"
        )
    if any(not r.complete for r in rows):
        typer.echo("* incomplete: the stream was cut or the client disconnected")


def show(
    exchange_id: str = typer.Argument(..., help="Exchange id (or a unique prefix)."),
    as_json: bool = typer.Option(False, "--json", help="The whole record as JSON."),
) -> None:
    """Print one exchange whole: identity, prompt, suggestion, tool calls, tokens, cost."""
    from aiprov.errors import AiprovError
    from store import db
    from store import exchanges as store_exchanges

    s = _settings()
    with db.session(s.db_url) as session:
        rows = store_exchanges.get(session, exchange_id)
    if not rows:
        raise AiprovError(f"no exchange {exchange_id!r} (list them with `aiprov log`)")
    if len(rows) > 1:
        raise AiprovError(f"{exchange_id!r} matches several exchanges; give more of the id")
    r = rows[0]
    if as_json:
        typer.echo(json.dumps(store_exchanges.row_to_dict(r), ensure_ascii=False, indent=2))
        return
    req = json.loads(r.request_json or "{}")
    calls = json.loads(r.tool_calls_json or "[]")
    out = typer.echo
    out(f"exchange {r.id}")
    out(f"  time      {r.started_at:%Y-%m-%d %H:%M:%S} UTC   latency "
        f"{_ms(r.latency_ms)}  first byte {_ms(r.ttft_ms)}")
    from proxy.identity import tool_name

    out(f"  who       {r.developer or '-'}  tool {tool_name(r.tool)} [{r.tool}]"
        f"{' ' + r.tool_version if r.tool_version else ''}  session {r.session_id or '-'}")
    out(f"  where     repo {r.repo or '-'}  cwd {r.cwd or '-'}")
    out(f"  api       {r.api} {r.method} {r.path} -> {r.upstream}  status {r.status}"
        f"{'' if r.complete else '  (INCOMPLETE)'}")
    out(f"  model     asked {r.model_requested or '-'}  answered {r.model_answered or '-'}")
    out(f"  tokens    in {r.input_tokens} out {r.output_tokens} cache-read "
        f"{r.cache_read_tokens} cache-write {r.cache_write_tokens}  cost "
        f"{f'${r.cost_usd:.6f}' if r.cost_usd is not None else '-'}")
    if req.get("tools_offered"):
        out(f"  tools     {', '.join(req['tools_offered'][:30])}")
    if r.error:
        out(f"  error     {r.error}")
    if r.parse_errors:
        out(f"  unparsed  {r.parse_errors}")
    if r.system:
        out("\n--- system (first 20 lines) ---")
        out("\n".join(r.system.splitlines()[:20]))
    out("\n--- prompt ---")
    out(r.prompt or "(none)")
    if req.get("suffix"):
        out("\n--- suffix (fill-in-the-middle) ---")
        out(req["suffix"])
    if r.reasoning_text:
        out("\n--- reasoning ---")
        out(textwrap.shorten(r.reasoning_text, 2000))
    out("\n--- suggestion ---")
    out(r.response_text or "(no text)")
    for c in calls:
        out(f"\n--- tool call {c.get('name')} ({c.get('kind')}) ---")
        args = c.get("arguments", "")
        try:
            out(json.dumps(json.loads(args), indent=2, ensure_ascii=False))
        except ValueError:
            out(args)


def _ms(v: float | None) -> str:
    return f"{v:.0f} ms" if v is not None else "-"


def status(
    as_json: bool = typer.Option(False, "--json", help="Machine-readable."),
) -> None:
    """Is the proxy running, and what did the recorder queue, spool, record and drop?"""
    import urllib.request

    from proxy.spool import Spool
    from store import db
    from store import exchanges as store_exchanges

    s = _settings()
    url = f"http://{s.host}:{s.port}/_aiprov/status"
    live: dict | None = None
    try:
        with urllib.request.urlopen(url, timeout=2) as resp:  # noqa: S310 - loopback URL
            live = json.loads(resp.read())
    except OSError:
        live = None
    report: dict = {"proxy_url": f"http://{s.host}:{s.port}", "running": live is not None}
    if live:
        report["recorder"] = live["recorder"]
        report["requests"] = live["proxy"]
    else:
        report["spool_pending"] = Spool(s.spool_dir).pending()
    try:
        with db.session(s.db_url) as session:
            report["stored_exchanges"] = store_exchanges.count(session)
    except Exception as exc:  # noqa: BLE001
        report["store_error"] = f"{exc.__class__.__name__}: {exc}"[:200]
    if as_json:
        typer.echo(json.dumps(report, indent=2))
        return
    typer.echo(f"proxy     {report['proxy_url']}  "
               f"{'running' if live else 'NOT running (start it with `aiprov proxy`)'}")
    if live:
        r = live["recorder"]
        typer.echo(f"recorder  submitted {r['submitted']}  recorded {r['recorded']}  "
                   f"queued {r['queued']}/{r['queue_capacity']}  spooled {r['spooled']} "
                   f"(pending {r['spool_pending']})  replayed {r['replayed']}  "
                   f"DROPPED {r['dropped']}")
        typer.echo(f"store     {'ok' if r['store_ok'] else 'DOWN: ' + str(r['last_error'])}")
    else:
        typer.echo(f"spool     {report['spool_pending']} exchanges waiting to be written")
    if "stored_exchanges" in report:
        typer.echo(f"stored    {report['stored_exchanges']} exchanges in {s.db_url.split('@')[-1]}")
    else:
        typer.echo(f"store     unreachable: {report['store_error']}")


def register(app: typer.Typer) -> None:
    app.command("log")(log)
    app.command("show")(show)
    app.command("status")(status)
