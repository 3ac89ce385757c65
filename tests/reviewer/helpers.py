"""Review targets from code for the reviewer tests."""

from __future__ import annotations

from reviewer.model import AI, HUMAN, Origin, ReviewTarget

AI_ORIGIN = Origin(label=AI, tool="claude-code", model="claude-sonnet-4-5",
                   time="2025-11-24T10:00:00+00:00", exchange_id="ex_42",
                   prompt_excerpt="write a flask endpoint that runs the command")
HUMAN_ORIGIN = Origin(label=HUMAN)


def target(code: str, path: str = "app.py", *, ai: bool = True,
           added: set[int] | None = None) -> ReviewTarget:
    n = code.count("\n") + 1
    lines = frozenset(added if added is not None else range(1, n + 1))
    origin = AI_ORIGIN if ai else HUMAN_ORIGIN
    return ReviewTarget(path, code, lines, {i: origin for i in lines})
