"""aiprov notes as Agent Trace records (https://agent-trace.dev, cursor/agent-trace, RFC 0.1).

One Trace Record per commit, built from the commit's aiprov note. Mapping:

==========================  ==============================================================
Agent Trace                 aiprov
==========================  ==============================================================
``version``                 ``"0.1"`` -- the spec's JSON schema requires ``MAJOR.MINOR``
                            (pattern ``^[0-9]+\\.[0-9]+$``; the prose says 0.1.0)
``id``                      UUIDv5 of ``aiprov:<repo id>:<commit sha>``: stable, so a
                            re-export of the same commit yields the same record id
``timestamp``               the commit's committer date, RFC 3339 UTC (``...Z``)
``vcs``                     ``{"type": "git", "revision": <40-hex sha>}``
``tool``                    ``{"name": "aiprov", "version": <aiprov version>}``
``files[].path``            the note's file path (repository-relative)
``files[].conversations``   one per exchange (conversation) that produced lines in the file
  ``url``                   ``aiprov:exchange/<exchange id>`` (``aiprov show <id>``)
  ``contributor.type``      ``ai`` for verbatim lines, ``mixed`` for ``ai-edited`` lines
                            (the spec: "human-edited AI output"), ``human`` for the
                            commit's other added lines (one conversation without url)
  ``contributor.model_id``  ``provider/model`` (models.dev convention), provider inferred
                            from the model name when the name has none
  ``ranges[]``              the note's ranges (1-based, at this revision); AI ranges carry
                            ``content_hash`` = ``aiprov-sha1:`` + 16 hex of the SHA-1 of
                            their per-line hashes (whitespace-insensitive)
``metadata["dev.aiprov"]``  note schema, summary counts, normaliser, per-range confidence
==========================  ==============================================================

Skipped files (binary, lockfiles, generated, minified) are listed only in the metadata.
Commits without a note are not exported (aiprov knows nothing about them).
"""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from provenance import git, notes
from provenance.model import AI, AI_EDITED, HUMAN

SPEC_VERSION = "0.1"
TOOL = {"name": "aiprov", "version": notes.GENERATOR.split(" ", 1)[1]}
_CONTRIBUTOR = {AI: "ai", AI_EDITED: "mixed", HUMAN: "human"}
_PROVIDERS = (
    (("claude",), "anthropic"),
    (("gpt", "o1", "o3", "o4", "codex", "chatgpt", "text-embedding"), "openai"),
    (("gemini", "gemma"), "google"),
    (("mistral", "codestral", "devstral", "mixtral"), "mistral"),
    (("deepseek",), "deepseek"),
    (("grok",), "xai"),
    (("llama",), "meta"),
    (("qwen",), "alibaba"),
)


def model_id(model: str | None) -> str | None:
    """``claude-sonnet-4-5`` -> ``anthropic/claude-sonnet-4-5``; names with a ``/`` kept."""
    if not model or model == "unknown":
        return None
    if "/" in model:
        return model[:250]
    low = model.lower()
    for prefixes, provider in _PROVIDERS:
        if low.startswith(prefixes):
            return f"{provider}/{model}"[:250]
    return model[:250]


def _content_hash(hashes: Sequence[str]) -> str:
    digest = hashlib.sha1("\n".join(hashes).encode(), usedforsecurity=False).hexdigest()
    return "aiprov-sha1:" + digest[:16]


def record(note: Mapping[str, Any], *, repo_id: str, sha: str, committed_at: int) -> dict[
        str, Any]:
    """The Agent Trace record for one commit's note."""
    files = []
    confidences: dict[str, list[dict[str, Any]]] = {}
    skipped = {}
    for f in note.get("files", ()):
        if f.get("skipped"):
            skipped[f["path"]] = f["skipped"]
            continue
        convs: dict[tuple[str | None, str], dict[str, Any]] = {}
        for r in f.get("ranges", ()):
            origin = r.get("origin", HUMAN)
            key = (r.get("exchange"), origin)
            conv = convs.get(key)
            if conv is None:
                contributor: dict[str, Any] = {"type": _CONTRIBUTOR.get(origin, "unknown")}
                mid = model_id(r.get("model")) if origin != HUMAN else None
                if mid:
                    contributor["model_id"] = mid
                conv = {"contributor": contributor, "ranges": []}
                if r.get("exchange"):
                    conv["url"] = f"aiprov:exchange/{r['exchange']}"
                convs[key] = conv
            rng: dict[str, Any] = {"start_line": int(r["start"]), "end_line": int(r["end"])}
            if r.get("hashes"):
                rng["content_hash"] = _content_hash(r["hashes"])
            conv["ranges"].append(rng)
            confidences.setdefault(f["path"], []).append(
                {"start_line": rng["start_line"], "end_line": rng["end_line"],
                 "origin": origin, "confidence": r.get("confidence")})
        if convs:
            files.append({"path": f["path"], "conversations": list(convs.values())})
    return {
        "version": SPEC_VERSION,
        "id": str(uuid.uuid5(uuid.NAMESPACE_URL, f"aiprov:{repo_id}:{sha}")),
        "timestamp": datetime.fromtimestamp(committed_at, UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "vcs": {"type": "git", "revision": sha},
        "tool": dict(TOOL),
        "files": files,
        "metadata": {
            "dev.aiprov": {
                "note_schema": note.get("schema"),
                "normaliser": note.get("normaliser"),
                "summary": note.get("summary"),
                "skipped": skipped,
                "confidence": confidences,
            }
        },
    }


def records(repo: Path, revs: Sequence[str]) -> list[dict[str, Any]]:
    """Records for the commits of ``revs`` that carry an aiprov note, in order."""
    rid = git.repo_id(repo)
    texts = git.notes_for(repo, revs)
    out = []
    for sha in revs:
        note = notes.loads(texts.get(sha))
        if note is None:
            continue
        info = git.commit_info(repo, sha)
        out.append(record(note, repo_id=rid, sha=info.sha, committed_at=info.committed_at))
    return out
