"""From a change (diffs + line origins + exchange details) to review targets.

Pure: the caller passes a ``read_text(path)`` that returns the new content of a file (the
index for a staged review, ``head`` for a range). Deleted, binary and unsupported files are
left out.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
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


# -- files and folders outside a git change (``aiprov review PATH...``) ------------------

# folders never walked: version control, dependencies, virtual environments, build output
SKIP_DIRS = frozenset({
    ".git", ".hg", ".svn", "node_modules", "bower_components", ".venv", "venv", "env",
    ".tox", ".nox", ".mypy_cache", ".ruff_cache", ".pytest_cache", "__pycache__",
    "site-packages", "vendor", "third_party", "dist", "build", ".yarn", ".eggs",
})
MAX_FILE_BYTES = 2_000_000  # larger "source" files are data or bundles


def collect_files(paths: Iterable[Path]) -> tuple[list[Path], dict[str, str]]:
    """(reviewable source files, {skipped path: reason}) for files and folders.

    A folder is walked in name order, never entering ``SKIP_DIRS`` or a virtual environment
    (a folder holding ``pyvenv.cfg``); a file is kept when a rule pack covers its language
    and ``provenance.skip`` does not call it generated, minified, vendored or binary. A file
    named explicitly is reviewed even inside a skipped folder; an unsupported one is
    reported as skipped, not silently dropped."""
    import os

    keep: list[Path] = []
    skipped: dict[str, str] = {}
    seen: set[Path] = set()

    def consider(p: Path, explicit: bool) -> None:
        if p in seen:
            return
        seen.add(p)
        if language_for(p.name) is None:
            if explicit:
                skipped[str(p)] = "unsupported language"
            return
        reason = _skip_file(p, explicit)
        if reason:
            skipped[str(p)] = reason
        else:
            keep.append(p)

    for given in paths:
        if given.is_dir():
            for dirpath, dirnames, filenames in os.walk(given):
                dirnames[:] = sorted(
                    d for d in dirnames
                    if d not in SKIP_DIRS and not (Path(dirpath, d) / "pyvenv.cfg").exists())
                for name in sorted(filenames):
                    consider(Path(dirpath, name), False)
        elif given.is_file():
            consider(given, True)
        else:
            skipped[str(given)] = "not found"
    return keep, skipped


def _skip_file(p: Path, explicit: bool) -> str | None:
    from provenance.model import AddedLine, FileDiff
    from provenance.skip import VENDORED, skip_reason

    try:
        if p.stat().st_size > MAX_FILE_BYTES:
            return "too large"
        raw = p.read_bytes()
    except OSError as exc:
        return f"unreadable ({exc.strerror or exc})"
    head = raw[:65536].decode("utf-8", "replace").split("\n")
    diff = FileDiff(p.as_posix(), added=tuple(AddedLine(i + 1, t) for i, t in enumerate(head)),
                    status="A")
    reason = skip_reason(diff)
    if reason == VENDORED and explicit:
        return None
    return reason


def file_target(path: str, text: str, origins: Mapping[int, Origin]) -> ReviewTarget:
    """Every line of a file is reviewed (a whole file, not a change)."""
    n = text.count("\n") + (0 if text.endswith("\n") else 1)
    return ReviewTarget(path, text, frozenset(range(1, max(n, 1) + 1)), origins)
