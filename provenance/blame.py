"""``aiprov blame``: each line of a file with the origin recorded for the commit that added it.

``git blame --porcelain -M`` maps every line to the commit that introduced it and its line
number there; the commit's note says which range of that commit's lines was AI (notes read
from ``refs/notes/aiprov`` and the notes fetched from remotes, see ``provenance.notesync``).
Commits without a note fall back to the store's line map; a commit known to neither is
``unknown`` (never attributed), and lines not yet committed are ``uncommitted``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from provenance import git, notes, notesync

UNKNOWN = "unknown"
UNCOMMITTED = "uncommitted"


def _store_lines(repo: Path, shas: set[str], path_by_sha: dict[str, set[str]],
                 settings: Any) -> dict[tuple[str, str, int], dict[str, Any]]:
    """(sha, path, line) -> origin and exchange, from the store (commits without a note)."""
    if not shas or settings is None:
        return {}
    from store import db
    from store.provenance import commits_lines

    rid = git.repo_id(repo)
    out: dict[tuple[str, str, int], dict[str, Any]] = {}
    with db.session(settings.db_url) as session:
        for sha, rows in commits_lines(session, rid, sorted(shas)).items():
            for row in rows:
                if row.path in path_by_sha.get(sha, ()):
                    out[(sha, row.path, row.lineno)] = {
                        "origin": row.origin, "confidence": row.confidence,
                        "exchange": row.exchange_id, "snippet": row.snippet_id}
    return out


def blame_file(repo: Path, path: str, *, rev: str | None = None,
               lines: tuple[int, int] | None = None, settings: Any = None) -> list[dict[str, Any]]:
    """One dict per line: line, text, commit, origin, confidence, tool, model, time, exchange."""
    bl = git.blame(repo, path, rev=rev, lines=lines)
    shas = {b.sha for b in bl if set(b.sha) != {"0"}}
    recorded = notesync.read_all(repo, shas)
    missing = shas - set(recorded)
    path_by_sha: dict[str, set[str]] = {}
    for b in bl:
        path_by_sha.setdefault(b.sha, set()).add(b.orig_path)
    try:
        stored = _store_lines(repo, missing, path_by_sha, settings)
    except Exception:  # noqa: BLE001 - the store is optional here: unknown stays unknown
        stored = {}
    need_details = {s["exchange"] for s in stored.values() if s.get("exchange")}
    details: dict[str, dict[str, Any]] = {}
    if need_details and settings is not None:
        from provenance.pipeline import origin_details

        try:
            details = origin_details(need_details, settings)
        except Exception:  # noqa: BLE001
            details = {}
    out = []
    for b in bl:
        row: dict[str, Any] = {"line": b.lineno, "text": b.text, "commit": b.sha,
                               "path": b.orig_path, "commit_line": b.orig_lineno,
                               "origin": UNKNOWN, "confidence": None, "tool": None,
                               "model": None, "time": None, "exchange": None}
        if set(b.sha) == {"0"}:
            row["origin"] = UNCOMMITTED
        elif b.sha in recorded:
            r = notes.range_at(recorded[b.sha], b.orig_path, b.orig_lineno)
            if r is None:  # the note covers every added line; absent lines were not added
                row["origin"] = "human"
            else:
                row.update(origin=r["origin"], confidence=r.get("confidence"),
                           tool=r.get("tool"), model=r.get("model"), time=r.get("at"),
                           exchange=r.get("exchange"))
        elif (b.sha, b.orig_path, b.orig_lineno) in stored:
            s = stored[(b.sha, b.orig_path, b.orig_lineno)]
            d = details.get(s.get("exchange") or "", {})
            row.update(origin=s["origin"], confidence=s["confidence"], exchange=s["exchange"],
                       tool=d.get("tool"), model=d.get("model"), time=d.get("started_at"))
        out.append(row)
    return out
