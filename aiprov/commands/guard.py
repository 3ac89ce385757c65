"""``aiprov guard AGENT``: an agent hook that reviews what the agent just wrote.

Claude Code runs it as a ``PostToolUse`` hook on Write / Edit / MultiEdit (``aiprov setup
claude-code`` prints the settings). The payload arrives on stdin. Exit codes follow the
agent's hook contract, not aiprov's usual ones:

- 0, nothing printed: nothing at or above the blocking severity (hints never block);
- 2, the reason on stderr: Claude Code puts it in front of the model, which fixes the code;
- 1, one warning line on stderr: the guard itself failed (bad payload, unreadable file, bad
  policy). Claude Code shows it and lets the write through: a guard failure never breaks the
  agent.

The run happens in the warm hook server when one listens (``provenance.hookclient``; the
``aiprov`` console script goes there before loading this CLI, see ``aiprov.entry``), else in
this process, which starts the server for the next write. Every write it sees is also
recorded, off the answer's path: the write as agent-reported evidence and the findings of
its region as write-stage findings (``reviewer.guardrun``).
"""

from __future__ import annotations

import sys

import typer

from reviewer.guard import AGENTS
from reviewer.guardrun import BLOCK, GUARD_FAILED

__all__ = ["AGENTS", "BLOCK", "GUARD_FAILED", "check", "guard", "register"]


def guard(
    agent: str = typer.Argument(..., help="Which agent's hook payload: claude-code."),
    fail_on: str = typer.Option(None, "--fail-on",
                                help="Block at this severity or above (default: the "
                                     "repository policy's fail_on, else high)."),
) -> None:
    """Review the file an agent just wrote (hook payload on stdin); block on findings."""
    from provenance.hookclient import guard_main

    try:
        data = sys.stdin.buffer.read()
    except (OSError, ValueError, AttributeError):  # no stdin: the guard says so, exit 1
        data = b""
    code = guard_main([agent, *(["--fail-on", fail_on] if fail_on else [])], data)
    if code:
        raise typer.Exit(code)


def check(raw: str, agent: str, fail_on: str | None = None) -> str | None:
    """The block reason for one hook payload, or None when the write may stand."""
    from reviewer.guardrun import check_write

    return check_write(raw, agent, fail_on).reason


def register(app: typer.Typer) -> None:
    app.command("guard")(guard)
