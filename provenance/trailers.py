"""Commit-message trailers for AI-assisted commits.

Two trailers, added by the prepare-commit-msg hook through ``git interpret-trailers`` so that
``git interpret-trailers --parse`` (and every tool built on it) reads them back:

``Assisted-by: AGENT:MODEL``
    One per distinct tool and model whose suggestions the commit contains, following the
    Linux kernel's coding-assistants guide (``Assisted-by: AGENT_NAME:MODEL_VERSION``), e.g.
    ``Assisted-by: claude-code:claude-sonnet-4-5``.
``AI-Lines: N/M``
    N added lines of AI origin (verbatim plus edited) out of M attributed added lines
    (lines of skipped files -- binary, lockfiles, generated, minified -- are not counted).

Pure functions: the hook re-computes the trailers whenever a commit is rewritten, so
``strip`` first removes the ones aiprov wrote earlier (an ``AI-Lines`` trailer marks them).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from provenance.model import AI, AI_EDITED, LineOrigin

ASSISTED_BY = "Assisted-by"
AI_LINES = "AI-Lines"
_AI_LINES_VALUE = re.compile(r"^(\d+)/(\d+)$")
_SAFE = re.compile(r"[^A-Za-z0-9._/+@-]+")


def _token(s: str) -> str:
    """A trailer-safe token: no spaces, colons or newlines."""
    return _SAFE.sub("-", s.strip()).strip("-") or "unknown"


def assisted_by(tool: str, model: str | None) -> str:
    return f"{_token(tool)}:{_token(model or 'unknown')}"


def build(origins: Sequence[LineOrigin], tools: Iterable[tuple[str, str | None]]) -> list[
        tuple[str, str]]:
    """The trailers for a commit: empty when no line is of AI origin."""
    ai = sum(1 for o in origins if o.origin in (AI, AI_EDITED))
    if ai == 0:
        return []
    seen: dict[str, None] = {}
    for tool, model in tools:
        seen.setdefault(assisted_by(tool, model), None)
    return [(ASSISTED_BY, v) for v in seen] + [(AI_LINES, f"{ai}/{len(origins)}")]


def parse_ai_lines(value: str) -> tuple[int, int] | None:
    m = _AI_LINES_VALUE.match(value.strip())
    return (int(m.group(1)), int(m.group(2))) if m else None


def strip(message: str) -> str:
    """``message`` without the trailers aiprov added before (when it added any).

    Only the last paragraph (the trailer block) is touched, and only when it holds an
    ``AI-Lines`` trailer; ``Assisted-by`` lines a person wrote in a message without one stay.
    """
    lines = message.split("\n")
    # the trailer block: last run of non-blank, non-comment lines
    end = len(lines)
    while end > 0 and (not lines[end - 1].strip() or lines[end - 1].startswith("#")):
        end -= 1
    start = end
    while start > 0 and lines[start - 1].strip():
        start -= 1
    block = lines[start:end]
    if not any(_key(line) == AI_LINES.lower() for line in block):
        return message
    kept = [line for line in block if _key(line) not in (AI_LINES.lower(), ASSISTED_BY.lower())]
    head = lines[:start]
    if not kept:  # the block was all ours: drop it with the blank line before it
        while head and not head[-1].strip():
            head.pop()
    new = head + kept + lines[end:]
    return "\n".join(new)


def _key(line: str) -> str:
    k, sep, _ = line.partition(":")
    return k.strip().lower() if sep and " " not in k.strip() else ""
