"""From a change (diffs + line origins + exchange details) to review targets.

Pure: the caller passes a ``read_text(path)`` that returns the new content of a file (the
index for a staged review, ``head`` for a range). Deleted, binary and unsupported files are
left out.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any

from provenance.model import AI, AI_EDITED, FileDiff, LineOrigin
from reviewer.model import Origin, ReviewTarget
from reviewer.rules import language_for

PROMPT_EXCERPT_CHARS = 300


def origin_from(line: LineOrigin, details: Mapping[str, Mapping[str, Any]]) -> Origin:
    """The reviewer's origin value for one attributed line."""
    if line.origin not in (AI, AI_EDITED):
        return Origin(label=line.origin)
    ev = line.evidence[0] if line.evidence else None
    eid = ev.exchange_id if ev else None
    d = details.get(eid or "", {})
    started: Any = d.get("started_at")
    prompt = d.get("prompt")
    return Origin(
        label=line.origin,
        tool=d.get("tool"),
        model=d.get("model"),
        time=(started.isoformat() if hasattr(started, "isoformat")
              else str(started) if started else None),
        exchange_id=eid,
        prompt_excerpt=str(prompt)[:PROMPT_EXCERPT_CHARS] if prompt else None,
        confidence=line.confidence,
    )


def build_targets(
    diffs: Iterable[FileDiff],
    origins: Iterable[LineOrigin],
    details: Mapping[str, Mapping[str, Any]],
    read_text: Callable[[str], str | None],
    *,
    ai_only: bool = False,
) -> list[ReviewTarget]:
    """One target per reviewable changed file; with ``ai_only`` only AI-origin lines count
    as added (the rest of the file is still context)."""
    by_path: dict[str, dict[int, Origin]] = {}
    for o in origins:
        by_path.setdefault(o.path, {})[o.lineno] = origin_from(o, details)
    out: list[ReviewTarget] = []
    for d in diffs:
        if d.binary or d.status == "D" or not d.added or language_for(d.path) is None:
            continue
        line_origins = by_path.get(d.path, {})
        added = frozenset(a.lineno for a in d.added)
        if ai_only:
            added = frozenset(n for n in added if line_origins.get(n, Origin()).is_ai)
            if not added:
                continue
        text = read_text(d.path)
        if text is None:
            continue
        out.append(ReviewTarget(d.path, text, added, line_origins))
    return out
