"""``aiprov guard AGENT``: an agent hook that reviews what the agent just wrote.

The agent runs it after each file edit (``aiprov setup AGENT --install`` writes the hook) and
passes its hook payload on stdin. What the guard answers follows each agent's hook contract
(``reviewer.guard``: exit code, stdout, stderr), not aiprov's usual exit codes:

- nothing at or above the blocking severity (hints never block): the agent's "carry on"
  (exit 0, silent; ``{"cancel": false}`` for Cline, ``{}`` for Cursor);
- a finding: the block the agent puts in front of its model (Claude Code: exit 2 with the
  reason on stderr; Codex: ``decision: block``; Gemini CLI: ``decision: deny``; Cline: the
  reason as context; Cursor cannot be told: the reason goes to its hook output only);
- the guard itself failed (bad payload, unreadable file, bad policy): one warning line on
  stderr and the exit that lets the write through for that agent: a guard failure never
  breaks the agent.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

if TYPE_CHECKING:
    from reviewer.guard import Answer


def guard(
    agent: str = typer.Argument(..., help="Whose hook payload: claude-code, codex, "
                                          "gemini-cli, cline or cursor."),
    fail_on: str = typer.Option(None, "--fail-on",
                                help="Block at this severity or above (default: the "
                                     "repository policy's fail_on, else high)."),
) -> None:
    """Review the file an agent just wrote (hook payload on stdin); block on findings."""
    out = respond(sys.stdin.read, agent, fail_on)
    if out.stdout:
        typer.echo(out.stdout)
    if out.stderr:
        typer.echo(out.stderr, err=True, nl=False)
    raise typer.Exit(out.exit_code)


def respond(raw: str | Callable[[], str], agent: str, fail_on: str | None = None) -> Answer:
    """The whole hook answer for one payload (or the function that reads it); never raises."""
    from reviewer.guard import answer, failed

    try:
        return answer(agent, check(raw() if callable(raw) else raw, agent, fail_on))
    except Exception as exc:  # noqa: BLE001 - a guard failure must never break the agent
        return failed(agent, f"{exc.__class__.__name__}: {exc}")


def check(raw: str, agent: str, fail_on: str | None = None) -> str | None:
    """The block reason for one hook payload, or None when the write may stand."""
    from reviewer.engine import review
    from reviewer.guard import PayloadError, block_reason, read_hook, target, written
    from reviewer.model import SEVERITIES, failing
    from reviewer.policy import load_policy

    try:
        payload: Any = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise PayloadError(f"the hook payload is not JSON ({exc})") from None
    call = read_hook(agent, payload)
    if call is None:
        return None
    cwd = Path(call.cwd)
    texts = {p: _read(p if Path(p).is_absolute() else cwd / p) for p in call.paths}
    writes = written(call, texts)
    if not writes:
        return None
    policy = load_policy(_root(cwd))
    threshold = fail_on or policy.fail_on
    if threshold not in SEVERITIES:
        raise PayloadError(f"--fail-on must be one of {', '.join(SEVERITIES)}")
    targets = [target(w, agent, call.model) for w in writes]
    findings = failing(review(targets, policy), threshold)
    return block_reason(findings, agent) if findings else None


def _read(path: Path | str) -> str | None:
    try:
        return Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None


def _root(cwd: Path) -> Path:
    """The repository the agent works in (its policy file), or the directory itself."""
    for d in (cwd.resolve(), *cwd.resolve().parents):
        if (d / ".git").exists() or (d / ".aiprov" / "policy.toml").exists():
            return d
    return cwd


def register(app: typer.Typer) -> None:
    app.command("guard")(guard)
