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

The run happens in the warm hook server when one listens (``provenance.hookclient``; the
``aiprov`` console script goes there before loading this CLI, see ``aiprov.entry``), else in
this process, which starts the server for the next write. Every write it sees is also
recorded, off the answer's path: the write as agent-reported evidence and the findings of
its region as write-stage findings (``reviewer.guardrun``).
"""

from __future__ import annotations

import sys
from pathlib import Path

import typer

from reviewer.guard import AGENTS, Answer

__all__ = ["AGENTS", "check", "guard", "register", "respond"]


def guard(
    agent: str = typer.Argument(..., help="Which agent's hook payload: "
                                          + ", ".join(AGENTS) + "."),
    fail_on: str = typer.Option(None, "--fail-on",
                                help="Block at this severity or above (default: the "
                                     "repository policy's fail_on, else high)."),
) -> None:
    """Review the file an agent just wrote (hook payload on stdin); block on findings."""
    from provenance.hookclient import guard_main

    try:
        data = sys.stdin.buffer.read()
    except (OSError, ValueError, AttributeError):  # no stdin: the guard says so
        data = b""
    code = guard_main([agent, *(["--fail-on", fail_on] if fail_on else [])], data)
    if code:
        raise typer.Exit(code)


def respond(raw: str, agent: str, fail_on: str | None = None) -> Answer:
    """The hook's whole answer to one payload, as the agent receives it (the guard's own run,
    without recording the write); never raises."""
    from reviewer.guardrun import run

    argv = [agent, *(["--fail-on", fail_on] if fail_on else [])]
    code, out, err, _ = run(argv, raw, Path.home(), record=False)
    return Answer(code, out.removesuffix("\n"), err)


def check(raw: str, agent: str, fail_on: str | None = None) -> str | None:
    """The block reason for one hook payload, or None when the write may stand."""
    from reviewer.guardrun import check_write

    return check_write(raw, agent, fail_on).reason


def register(app: typer.Typer) -> None:
    app.command("guard")(guard)
