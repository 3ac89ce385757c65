"""The line map of a commit as a git note: a documented, versioned JSON schema.

Stored under ``refs/notes/aiprov`` (``git notes --ref=aiprov show <commit>``), one JSON object
per commit. Schema ``aiprov.note/1`` (also in ``docs/note-schema.md``)::

    {
      "schema": "aiprov.note/1",          # bump the number on any incompatible change
      "commit": "<sha>",                  # the commit described ("" until it exists)
      "tree": "<tree sha>",               # its tree: a note copied onto a rewritten commit
                                          # whose tree differs is stale and is rebuilt
      "normaliser": "fp1",                # fingerprint version the attribution used
      "generator": "aiprov 0.1.0",
      "created_at": "2026-01-01T12:00:00Z",
      "summary": {"added": 66, "ai": 30, "ai_edited": 11, "human": 25, "deleted": 4,
                  "skipped_files": 1},
      "tools": [{"tool": "claude-code", "model": "claude-sonnet-4-5"}],
      "files": [
        {"path": "src/app.py", "old_path": null, "status": "M",
         "ranges": [
           {"start": 10, "end": 12, "origin": "ai", "confidence": 0.97,
            "exchange": "ex_...", "snippet": "42", "snippet_line": 3, "similarity": 1.0,
            "tool": "claude-code", "model": "claude-sonnet-4-5",
            "at": "2026-01-01T11:58:03Z",
            "hashes": ["5d41402abc4b", "..."]},          # one per line, see line_hash
           {"start": 13, "end": 20, "origin": "human", "confidence": 0.9}
         ]},
        {"path": "package-lock.json", "status": "M", "skipped": "lockfile", "ranges": []}
      ]
    }

Line numbers are 1-based positions in the commit's version of the file; ranges cover the
lines the commit added (consecutive lines with the same origin and source share a range;
``confidence`` and ``similarity`` are the range's minimum). ``hashes`` lets amend, rebase,
cherry-pick and squash carry an AI origin to the same line text in the new commit without
the store. Readers must ignore keys they do not know; text after the first JSON object (git's
``concatenate`` rewrite mode) is ignored.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from datetime import UTC, datetime
from typing import Any

from provenance.model import AI, AI_EDITED, HUMAN, Evidence, FileDiff, LineOrigin

try:  # CPython's own sha1: hashlib would load OpenSSL first (~4 ms of every hook start)
    from _sha1 import sha1
except ImportError:  # pragma: no cover - other interpreters
    from hashlib import sha1

SCHEMA = "aiprov.note/1"
GENERATOR = "aiprov 0.1.0"
MIN_CARRY_CHARS = 8  # shorter lines ("}", "else:") are too common to carry an origin


def line_hash(text: str) -> str:
    """Whitespace-insensitive hash of one line (12 hex digits of SHA-1)."""
    digest = sha1(" ".join(text.split()).encode("utf-8"), usedforsecurity=False)
    return digest.hexdigest()[:12]


def _iso(ts: str | datetime | None) -> str | None:
    if ts is None or isinstance(ts, str):
        return ts
    if ts.tzinfo is None:
        ts = ts.replace(tzinfo=UTC)
    return ts.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def build(
    diffs: Sequence[FileDiff],
    origins: Sequence[LineOrigin],
    *,
    skipped: Mapping[str, str] | None = None,
    details: Mapping[str, Mapping[str, Any]] | None = None,
    commit: str = "",
    tree: str = "",
    normaliser: str = "",
) -> dict[str, Any]:
    """The note for a commit from its diff, the per-line origins and the exchange details."""
    skipped = skipped or {}
    details = details or {}
    texts = {(d.path, a.lineno): a.text for d in diffs for a in d.added}
    by_path: dict[str, list[LineOrigin]] = {}
    for o in origins:
        by_path.setdefault(o.path, []).append(o)
    files: list[dict[str, Any]] = []
    tools: dict[tuple[str, str], None] = {}
    for d in diffs:
        entry: dict[str, Any] = {"path": d.path, "old_path": d.old_path, "status": d.status}
        if d.path in skipped:
            entry["skipped"] = skipped[d.path]
            entry["ranges"] = []
            files.append(entry)
            continue
        if d.status == "D":
            continue
        ranges: list[dict[str, Any]] = []
        for o in sorted(by_path.get(d.path, ()), key=lambda o: o.lineno):
            ev = o.evidence[0] if o.evidence else None
            det = details.get(ev.exchange_id or "", {}) if ev else {}
            r = ranges[-1] if ranges else None
            same = (
                r is not None
                and r["end"] == o.lineno - 1
                and r["origin"] == o.origin
                and r.get("exchange") == (ev.exchange_id if ev else None)
                and r.get("snippet") == (ev.snippet_id if ev else None)
                and (ev is None or r["snippet_line"] + (o.lineno - r["start"]) == ev.snippet_line)
            )
            if same and r is not None:
                r["end"] = o.lineno
                r["confidence"] = min(r["confidence"], round(o.confidence, 3))
                if ev is not None and o.origin != HUMAN:
                    r["similarity"] = min(r["similarity"], round(ev.similarity, 3))
                    r["hashes"].append(line_hash(texts.get((o.path, o.lineno), "")))
                continue
            new: dict[str, Any] = {"start": o.lineno, "end": o.lineno, "origin": o.origin,
                                   "confidence": round(o.confidence, 3)}
            if ev is not None and o.origin != HUMAN:
                tool, model = det.get("tool") or "unknown", det.get("model") or "unknown"
                tools.setdefault((tool, model), None)
                new.update(exchange=ev.exchange_id, snippet=ev.snippet_id,
                           snippet_line=ev.snippet_line, similarity=round(ev.similarity, 3),
                           tool=tool, model=model, at=_iso(det.get("started_at")),
                           hashes=[line_hash(texts.get((o.path, o.lineno), ""))])
            ranges.append(new)
        entry["ranges"] = ranges
        files.append(entry)
    counts = {AI: 0, AI_EDITED: 0, HUMAN: 0}
    for o in origins:
        counts[o.origin] = counts.get(o.origin, 0) + 1
    return {
        "schema": SCHEMA,
        "commit": commit,
        "tree": tree,
        "normaliser": normaliser,
        "generator": GENERATOR,
        "created_at": _iso(datetime.now(UTC)),
        "summary": {
            "added": len(origins), "ai": counts[AI], "ai_edited": counts[AI_EDITED],
            "human": counts[HUMAN], "deleted": sum(len(d.deleted) for d in diffs),
            "skipped_files": len(skipped),
        },
        "tools": [{"tool": t, "model": m} for t, m in tools],
        "files": files,
    }


def dumps(note: Mapping[str, Any]) -> str:
    return json.dumps(note, ensure_ascii=False, separators=(",", ":")) + "\n"


def loads(text: str | None) -> dict[str, Any] | None:
    """The note in ``text`` (first JSON object), or None when it is not an aiprov note."""
    if not text:
        return None
    try:
        obj, _ = json.JSONDecoder().raw_decode(text.lstrip())
    except ValueError:
        return None
    if not isinstance(obj, dict) or not str(obj.get("schema", "")).startswith("aiprov.note/"):
        return None
    return obj


def origins(note: Mapping[str, Any]) -> list[LineOrigin]:
    """Per-line origins recorded in a note (the inverse of ``build``, range-level detail)."""
    out: list[LineOrigin] = []
    for f in note.get("files", ()):
        for r in f.get("ranges", ()):
            for i, lineno in enumerate(range(int(r["start"]), int(r["end"]) + 1)):
                ev: tuple[Evidence, ...] = ()
                if r.get("snippet") is not None and r["origin"] != HUMAN:
                    ev = (Evidence(str(r["snippet"]), r.get("exchange"),
                                   int(r.get("snippet_line", 1)) + i,
                                   float(r.get("similarity", 0.0))),)
                out.append(LineOrigin(f["path"], lineno, r["origin"],
                                      float(r.get("confidence", 0.0)), ev))
    return out


def range_at(note: Mapping[str, Any], path: str, lineno: int) -> dict[str, Any] | None:
    """The range of ``note`` that covers ``path:lineno``, if any."""
    for f in note.get("files", ()):
        if f.get("path") != path:
            continue
        for r in f.get("ranges", ()):
            if int(r["start"]) <= lineno <= int(r["end"]):
                return dict(r)
    return None


def carry_index(notes: Iterable[Mapping[str, Any]]) -> dict[str, tuple[dict[str, Any], int]]:
    """line hash -> (AI range, offset in it) over the given notes, for re-attribution."""
    idx: dict[str, tuple[dict[str, Any], int]] = {}
    for note in notes:
        for f in note.get("files", ()):
            for r in f.get("ranges", ()):
                if r.get("origin") not in (AI, AI_EDITED):
                    continue
                for i, h in enumerate(r.get("hashes", ())):
                    idx.setdefault(h, (r, i))
    return idx


def carry_over(
    diffs: Sequence[FileDiff],
    attributed: Sequence[LineOrigin],
    index: Mapping[str, tuple[dict[str, Any], int]],
    *,
    preexisting: Mapping[str, Iterable[str]] | None = None,
) -> list[LineOrigin]:
    """Lines the store called human but an earlier note of the same change called AI.

    Used when a commit is rewritten (amend, rebase, cherry-pick, squash): the new commit's
    added line with the same text (whitespace aside) as an AI line of the old commit keeps
    that origin, even after the suggestion left the lookup window. Short lines and lines
    that were already in the file before the commit never carry.
    """
    if not index:
        return list(attributed)
    texts = {(d.path, a.lineno): a.text for d in diffs for a in d.added}
    before = {p: {" ".join(t.split()) for t in lines} for p, lines in (preexisting or {}).items()}
    out = []
    for o in attributed:
        text = texts.get((o.path, o.lineno), "")
        norm = " ".join(text.split())
        hit = index.get(line_hash(text)) if o.origin == HUMAN else None
        if hit is None or len(norm) < MIN_CARRY_CHARS or norm in before.get(o.path, ()):
            out.append(o)
            continue
        r, i = hit
        ev = (Evidence(str(r.get("snippet")), r.get("exchange"),
                       int(r.get("snippet_line", 1)) + i, float(r.get("similarity", 1.0))),)
        out.append(LineOrigin(o.path, o.lineno, r["origin"],
                              round(float(r.get("confidence", 0.9)) * 0.95, 3), ev))
    return out


def details_from_notes(notes: Iterable[Mapping[str, Any]]) -> dict[str, dict[str, Any]]:
    """exchange id -> {tool, model, started_at} as recorded in notes (store-free fallback)."""
    out: dict[str, dict[str, Any]] = {}
    for note in notes:
        for f in note.get("files", ()):
            for r in f.get("ranges", ()):
                if r.get("exchange"):
                    out.setdefault(r["exchange"], {"tool": r.get("tool"),
                                                   "model": r.get("model"),
                                                   "started_at": r.get("at")})
    return out


# --- line-level view: merging notes and re-assembling them ------------------------------

_PER_LINE = ("start", "end", "hashes", "snippet_line")


def line_entries(r: Mapping[str, Any]) -> list[dict[str, Any]]:
    """One dict per line of a range: the range's fields for that line (its own hash and
    snippet line); ``group`` is the inverse."""
    base = {k: v for k, v in r.items() if k not in _PER_LINE}
    hashes = list(r.get("hashes") or ())
    out = []
    for i in range(int(r["end"]) - int(r["start"]) + 1):
        e = dict(base)
        if "snippet_line" in r:
            e["snippet_line"] = int(r["snippet_line"]) + i
        if i < len(hashes):
            e["hashes"] = [hashes[i]]
        out.append(e)
    return out


def file_lines(entry: Mapping[str, Any]) -> dict[int, dict[str, Any]]:
    """line number -> that line's fields, over a note's file entry."""
    out: dict[int, dict[str, Any]] = {}
    for r in entry.get("ranges", ()):
        for i, e in enumerate(line_entries(r)):
            out[int(r["start"]) + i] = e
    return out


def _joins(prev: Mapping[str, Any], e: Mapping[str, Any]) -> bool:
    keys = (set(prev) | set(e)) - {"start", "end", "hashes", "snippet_line", "confidence",
                                     "similarity"}
    if any(prev.get(k) != e.get(k) for k in keys):
        return False
    if "snippet_line" in e or "snippet_line" in prev:
        return bool(prev.get("snippet_line") is not None and e.get("snippet_line") is not None
                    and prev["snippet_line"] + (prev["end"] - prev["start"]) + 1
                    == e["snippet_line"])
    return True


def group(lines: Mapping[int, Mapping[str, Any]]) -> list[dict[str, Any]]:
    """Ranges from per-line fields, as ``build`` writes them: consecutive lines with the same
    origin and source share a range whose confidence and similarity are the minimum."""
    ranges: list[dict[str, Any]] = []
    for lineno in sorted(lines):
        e = lines[lineno]
        r = ranges[-1] if ranges else None
        if r is not None and r["end"] == lineno - 1 and _joins(r, e):
            r["end"] = lineno
            r["confidence"] = min(r["confidence"], e.get("confidence", 0.0))
            if "similarity" in e:
                r["similarity"] = min(r.get("similarity", 1.0), e["similarity"])
            if "hashes" in r:
                r["hashes"] += list(e.get("hashes") or [""])
            continue
        new = {"start": lineno, "end": lineno, **{k: v for k, v in e.items()
                                                  if k not in ("start", "end")}}
        new["confidence"] = e.get("confidence", 0.0)
        if e.get("origin") != HUMAN:
            new["hashes"] = list(e.get("hashes") or [""])
        ranges.append(new)
    # the fields in build's order, so that a re-assembled note reads like a built one
    order = ("start", "end", "origin", "confidence", "exchange", "snippet", "snippet_line",
             "similarity", "tool", "model", "at", "hashes")
    return [{**{k: r[k] for k in order if k in r}, **r} for r in ranges]


def _rank(e: Mapping[str, Any]) -> tuple[int, float]:
    return (0 if e.get("origin") == HUMAN else 1, float(e.get("confidence") or 0.0))


def summarise(note: dict[str, Any], *, deleted: int | None = None) -> dict[str, Any]:
    """``note`` with ``summary`` and ``tools`` recomputed from its ranges."""
    counts = {AI: 0, AI_EDITED: 0, HUMAN: 0}
    tools: dict[tuple[str, str], None] = {}
    for f in note.get("files", ()):
        for r in f.get("ranges", ()):
            counts[r["origin"]] = counts.get(r["origin"], 0) + int(r["end"]) - int(r["start"]) + 1
            if r["origin"] != HUMAN and r.get("exchange"):
                tools.setdefault((r.get("tool") or "unknown", r.get("model") or "unknown"), None)
    old = note.get("summary") or {}
    note["summary"] = {
        "added": sum(counts.values()), "ai": counts[AI], "ai_edited": counts[AI_EDITED],
        "human": counts[HUMAN],
        "deleted": int(old.get("deleted", 0) if deleted is None else deleted),
        "skipped_files": sum(1 for f in note.get("files", ()) if f.get("skipped")),
    }
    note["tools"] = [{"tool": t, "model": m} for t, m in tools]
    return note


def merge(a: Mapping[str, Any] | None, b: Mapping[str, Any] | None) -> dict[str, Any] | None:
    """One note from two notes of the same commit (two developers', two CI runs'): the union
    of their line maps. Each attributes with what its own store saw, so where they disagree
    about a line, evidence of AI origin wins over none, then the higher confidence; a line
    only one of them maps is kept. Idempotent, and ``merge(a, a) == a`` up to key order."""
    if a is None or b is None:
        return None if a is None and b is None else dict(a or b or {})
    if a == b:
        return dict(a)
    files: dict[str, dict[str, Any]] = {}
    for f in [*a.get("files", ()), *b.get("files", ())]:
        cur = files.get(f["path"])
        if cur is None:
            files[f["path"]] = {**f, "ranges": list(f.get("ranges", ()))}
            continue
        if cur.get("skipped") or f.get("skipped"):
            cur.setdefault("skipped", f.get("skipped"))
            cur["ranges"] = []
            continue
        lines = file_lines(cur)
        for lineno, e in file_lines(f).items():
            if lineno not in lines or _rank(e) > _rank(lines[lineno]):
                lines[lineno] = e
        cur["ranges"] = group(lines)
    newer = max(a.get("created_at") or "", b.get("created_at") or "")
    out = {**b, **a, "files": list(files.values()), "created_at": newer or None}
    deleted = max(int((x.get("summary") or {}).get("deleted", 0)) for x in (a, b))
    return summarise(out, deleted=deleted)
