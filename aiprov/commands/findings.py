"""``aiprov findings``: list the stored findings by state, and dismiss one (triage)."""

from __future__ import annotations

import json

import typer

from aiprov.errors import AiprovError, ConfigError

findings_app = typer.Typer(
    help="Stored review findings through their life: suggested, accepted, committed, fixed, "
         "dismissed.", invoke_without_command=True)


def _settings():  # type: ignore[no-untyped-def]
    from aiprov.settings import get_settings

    return get_settings()


@findings_app.callback()
def list_(
    ctx: typer.Context,
    state: list[str] = typer.Option(
        None, "--state", help="Only this state (repeat for several): suggested, accepted, "
        "fixed-before-commit, committed, fixed-later, dismissed, reported."),
    repo: str = typer.Option(None, help="Only this repository (as `aiprov blame` names it)."),
    limit: int = typer.Option(50, "-n", "--limit", min=1, help="How many, newest first."),
    as_json: bool = typer.Option(False, "--json", help="JSON lines instead of a table."),
) -> None:
    """List findings, newest first, with their state (dismissed ones too: who and why)."""
    if ctx.invoked_subcommand is not None:
        return
    from store import db
    from store.findings import STATES, list_findings
    from store.findings import state as state_of

    bad = [x for x in state or () if x not in STATES]
    if bad:
        raise ConfigError(f"--state must be one of {', '.join(STATES)}, got {bad[0]!r}")
    s = _settings()
    with db.session(s.db_url) as session:
        rows = list_findings(session, states=set(state) if state else None, repo=repo,
                             limit=limit)
    if as_json:
        for r in rows:
            d = r.model_dump(mode="json", exclude={"source", "source_id"})
            typer.echo(json.dumps({**d, "state": state_of(r)}, ensure_ascii=False))
        return
    if not rows:
        typer.echo("no findings" + (f" in state {', '.join(state)}" if state else "") +
                   " (findings are stored by the commit hook, the recorder and agent hooks)")
        return
    from aiprov.table import Col, print_table

    print_table(
        [Col("ID", right=True), Col("STATE"), Col("STAGE"), Col("FOUND"), Col("SEV"),
         Col("CWE"), Col("RULE"), Col("WHERE"), Col("DISMISSED", flex=True)],
        [[r.id, state_of(r), r.stage, f"{r.found_at:%Y-%m-%d %H:%M}", r.severity,
          r.cwe or "-", r.rule_id, f"{r.path}:{r.line}" if r.path else "-",
          f"{r.dismissed_by}: {r.dismiss_reason}" if r.dismissed_at else ""]
         for r in rows])


@findings_app.command("dismiss")
def dismiss(
    finding_id: int = typer.Argument(..., help="The finding's ID (from `aiprov findings`)."),
    reason: str = typer.Option(..., "--reason", help="Why: a false positive, or the risk "
                               "accepted and by whom. Recorded and reported."),
    by: str = typer.Option(None, "--by", help="Who dismisses it (default: your git identity "
                           "or AIPROV_DEVELOPER)."),
) -> None:
    """Dismiss a finding with a reason: it is still listed and counted, and no longer fails
    a check."""
    from proxy.identity import git_user_email
    from store import db
    from store.findings import dismiss as dismiss_finding

    s = _settings()
    who = by or s.developer or git_user_email()
    if not who:
        raise ConfigError("who dismisses it? set git config user.email, AIPROV_DEVELOPER, or "
                          "pass --by")
    with db.session(s.db_url) as session:
        try:
            row = dismiss_finding(session, finding_id, by=who, reason=reason)
        except ValueError as exc:
            raise ConfigError(str(exc)) from None
        if row is None:
            raise AiprovError(f"no finding {finding_id} (see `aiprov findings`)")
        session.commit()
        typer.echo(f"finding {finding_id} ({row.rule_id}{', ' + row.cwe if row.cwe else ''}) "
                   f"dismissed by {who}: {row.dismiss_reason}")


def register(app: typer.Typer) -> None:
    app.add_typer(findings_app, name="findings")
