"""``aiprov log`` and ``aiprov show``: read what the proxy recorded."""

from __future__ import annotations

import json
import textwrap
from typing import Any

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
    """List recent exchanges: time, tool, model, tokens, cost, status, security findings in
    the suggestion, first prompt line."""
    from store import db
    from store import exchanges as store_exchanges
    from store.findings import suggestion_counts

    s = _settings()
    with db.session(s.db_url) as session:
        rows = store_exchanges.recent(session, limit=limit, tool=tool, model=model)
        found = suggestion_counts(session, [r.id for r in rows])
    if as_json:
        for r in rows:
            typer.echo(json.dumps({**store_exchanges.row_to_dict(r),
                                   "findings": found.get(r.id, 0)}, ensure_ascii=False))
        return
    if not rows:
        typer.echo("no exchanges recorded yet (is `aiprov proxy` running and your assistant "
                   "pointed at it? see `aiprov setup`)")
        return
    from aiprov.table import Col, print_table
    from proxy.identity import tool_name

    table, seen = [], set()
    for r in rows:
        first = (r.prompt or "").strip().splitlines()[0] if (r.prompt or "").strip() else ""
        out = outcome(r)
        mark = OUTCOMES[out][0] if out else ""
        if out:
            seen.add(out)
        table.append([
            r.id[:12], f"{r.started_at:%Y-%m-%d %H:%M:%S}", tool_name(r.tool) if r.tool else "-",
            r.model_answered or r.model_requested or "-",
            r.input_tokens, r.output_tokens,
            f"{r.cost_usd:.4f}" if r.cost_usd is not None else None,
            f"{r.status}{mark}", found.get(r.id, ""), first])
        if r.source in ("import", "hook"):  # a transcript, an agent's hook: no traffic seen
            table[-1][2] = f"{table[-1][2]} ({r.source})"
    print_table([Col("ID"), Col("TIME"), Col("TOOL"), Col("MODEL"), Col("IN", right=True),
                 Col("OUT", right=True), Col("COST $", right=True), Col("ST"),
                 Col("SEC", right=True), Col("PROMPT", flex=True)], table)
    for key in OUTCOMES:
        if key in seen:
            typer.echo(f"{OUTCOMES[key][0]} {OUTCOMES[key][1]}")
    if found:
        typer.echo("SEC: security findings in the suggestion (`aiprov show ID` explains them)")


# what happened to an exchange that did not end normally: (mark in `aiprov log`, footnote).
# The relay says it in the record: ``client_disconnected``, and ``error`` whose prefix is the
# proxy's own (proxy/app.py: "upstream unreachable: ...", "upstream stream broke: ...",
# "request body over ..."); tests/aiprov/test_log_outcomes.py drives the real proxy into
# each case so that a changed prefix fails there.
OUTCOMES = {
    "unreachable": ("!", "upstream unreachable: aiprov could not connect (DNS, refused or "
                         "timed out) and answered the client itself"),
    "cut": ("*", "the upstream cut the stream before the answer ended"),
    "client_left": ("~", "the client disconnected before the answer ended"),
    "unfinished": ("?", "the answer ended without its final event"),
    "refused": ("#", "refused by aiprov: the request body was over AIPROV_MAX_BODY_BYTES"),
    "failed": ("x", "aiprov could not relay it (see `aiprov show ID` for the error)"),
}


def outcome(r: Any) -> str | None:
    """The OUTCOMES key for a stored exchange, or None when it ended normally."""
    error = r.error or ""
    if r.client_disconnected:
        return "client_left"
    if error.startswith("upstream unreachable"):
        return "unreachable"
    if error.startswith("upstream stream broke") or "websocket closed before" in error:
        return "cut"
    if error.startswith("request body over"):
        return "refused"
    if r.complete:
        return None
    if error and not error.startswith("HTTP "):  # an upstream's own error answer is complete
        return "failed"
    return "unfinished"


def show(
    exchange_id: str = typer.Argument(..., help="Exchange id (or a unique prefix)."),
    as_json: bool = typer.Option(False, "--json", help="The whole record as JSON."),
) -> None:
    """Print one exchange whole: identity, prompt, suggestion, tool calls, tokens, cost."""
    from aiprov.errors import AiprovError
    from store import db
    from store import exchanges as store_exchanges
    from store.findings import of_suggestion
    from store.provenance import snippets_of

    s = _settings()
    with db.session(s.db_url) as session:
        rows = store_exchanges.get(session, exchange_id)
        found = of_suggestion(session, rows[0].id) if len(rows) == 1 else []
        snippets = {sn.ordinal: sn for sn in snippets_of(session, rows[0].id)} if found else {}
    if not rows:
        raise AiprovError(f"no exchange {exchange_id!r} (list them with `aiprov log`)")
    if len(rows) > 1:
        raise AiprovError(f"{exchange_id!r} matches several exchanges; give more of the id")
    r = rows[0]
    explained = [_explained(f, snippets) for f in found]
    if as_json:
        typer.echo(json.dumps({**store_exchanges.row_to_dict(r), "findings": explained},
                              ensure_ascii=False, indent=2))
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
    how = outcome(r)
    out(f"  api       {r.api} {r.method} {r.path} -> {r.upstream}  status {r.status}"
        f"{'  (' + OUTCOMES[how][1] + ')' if how else ''}")
    out(f"  model     asked {r.model_requested or '-'}  answered {r.model_answered or '-'}")
    if r.source == "import":
        out("  source    imported from the assistant's own transcript (`aiprov import`)")
    elif r.source == "hook":
        out("  source    reported by the agent's own hook after a file edit (`aiprov guard`)")
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
    if explained:
        _print_findings(explained)


def _explained(f: Any, snippets: dict[int, Any]) -> dict[str, Any]:
    """One suggestion finding as ``show`` prints it (and ``--json`` carries it): where in
    which snippet, what and why, the CWE, severity, the fix, the code line."""
    from store.findings import explain

    sn = snippets.get(f.snippet_ordinal) if f.snippet_ordinal is not None else None
    lines = sn.text.splitlines() if sn is not None else []
    code = lines[f.line - 1] if 0 < f.line <= len(lines) else None
    return {"id": f.id, "snippet": f.snippet_ordinal, "path": f.path or None, "line": f.line,
            "rule_id": f.rule_id, "cwe": f.cwe, "severity": f.severity,
            "confidence": f.confidence, **explain(f.message), "code": code,
            "dismissed": f.dismissed_at is not None, "dismissed_by": f.dismissed_by,
            "dismiss_reason": f.dismiss_reason}


def _print_findings(found: list[dict[str, Any]]) -> None:
    out = typer.echo
    out(f"\n--- security findings in this suggestion ({len(found)}) ---")
    for f in found:
        where = f"snippet {f['snippet']}" + (f" ({f['path']})" if f["path"] else "")
        out(f"{where} line {f['line']}: {f['cwe'] or 'no CWE'} {f['severity']} "
            f"({f['confidence']} confidence, rule {f['rule_id']})")
        if f["code"] is not None:
            out(f"  code    {f['code'].strip()}")
        out(f"  what    {f['what']}")
        if f["impact"]:
            out(f"  impact  {f['impact']}")
        if f["fix"]:
            out(f"  fix     {f['fix']}")
        if f["dismissed"]:
            out(f"  dismissed by {f['dismissed_by'] or '-'}: {f['dismiss_reason'] or '-'}")


def _ms(v: float | None) -> str:
    return f"{v:.0f} ms" if v is not None else "-"


def register(app: typer.Typer) -> None:
    app.command("log")(log)
    app.command("show")(show)
