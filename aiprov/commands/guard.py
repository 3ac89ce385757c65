"""``aiprov guard AGENT``: an agent hook that reviews what the agent just wrote.

Claude Code runs it as a ``PostToolUse`` hook on Write / Edit / MultiEdit (``aiprov setup
claude-code`` prints the settings). The payload arrives on stdin. Exit codes follow the
agent's hook contract, not aiprov's usual ones:

- 0, nothing printed: nothing at or above the blocking severity (hints never block);
- 2, the reason on stderr: Claude Code puts it in front of the model, which fixes the code;
- 1, one warning line on stderr: the guard itself failed (bad payload, unreadable file, bad
  policy). Claude Code shows it and lets the write through: a guard failure never breaks the
  agent.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import typer

AGENTS = ("claude-code",)
BLOCK, GUARD_FAILED = 2, 1


def guard(
    agent: str = typer.Argument(..., help="Which agent's hook payload: claude-code."),
    fail_on: str = typer.Option(None, "--fail-on",
                                help="Block at this severity or above (default: the "
                                     "repository policy's fail_on, else high)."),
) -> None:
    """Review the file an agent just wrote (hook payload on stdin); block on findings."""
    if agent not in AGENTS:
        typer.echo(f"aiprov guard: unknown agent {agent!r} (one of {', '.join(AGENTS)})",
                   err=True)
        raise typer.Exit(GUARD_FAILED)
    try:
        reason = check(sys.stdin.read(), agent, fail_on)
    except Exception as exc:  # noqa: BLE001 - a guard failure must never break the agent
        typer.echo(f"aiprov guard: could not review this write ({exc.__class__.__name__}: "
                   f"{exc}); it went through unreviewed", err=True)
        raise typer.Exit(GUARD_FAILED) from None
    if reason:
        typer.echo(reason, err=True)
        raise typer.Exit(BLOCK)


def check(raw: str, agent: str, fail_on: str | None = None) -> str | None:
    """The block reason for one hook payload, or None when the write may stand."""
    from reviewer.engine import review
    from reviewer.guard import PayloadError, block_reason, target, written
    from reviewer.model import SEVERITIES, failing
    from reviewer.policy import load_policy

    try:
        payload: Any = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise PayloadError(f"the hook payload is not JSON ({exc})") from None
    if not isinstance(payload, dict):
        raise PayloadError("the hook payload is not a JSON object")
    given = payload.get("tool_input")
    args: dict[str, Any] = given if isinstance(given, dict) else {}
    cwd = Path(payload.get("cwd") or ".")
    path = Path(str(args.get("file_path", "")))
    if not path.is_absolute():
        path = cwd / path
    try:
        text_now: str | None = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        text_now = None
    w = written(payload, text_now)
    if w is None or not w.lines:
        return None
    text = text_now if text_now is not None else str(args.get("content", ""))
    policy = load_policy(_root(cwd))
    threshold = fail_on or policy.fail_on
    if threshold not in SEVERITIES:
        raise PayloadError(f"--fail-on must be one of {', '.join(SEVERITIES)}")
    findings = failing(review([target(w, text, agent)], policy), threshold)
    return block_reason(findings, agent) if findings else None


def _root(cwd: Path) -> Path:
    """The repository the agent works in (its policy file), or the directory itself."""
    for d in (cwd.resolve(), *cwd.resolve().parents):
        if (d / ".git").exists() or (d / ".aiprov" / "policy.toml").exists():
            return d
    return cwd


def register(app: typer.Typer) -> None:
    app.command("guard")(guard)
