"""Lookups: where a line came from, a commit's lines, one exchange, recent exchanges.

Every function takes a SQLAlchemy ``Connection`` and returns plain dicts ready for JSON (or
None when the thing asked for is unknown); who may see what is the caller's decision.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.engine import Connection

from store import rollup
from store.findings import state
from store.tables import C, E, F, L, S


def _norm_path(path: str) -> str:
    path = path.strip().replace("\\", "/")
    while path.startswith("./"):
        path = path[2:]
    return path.lstrip("/")


def iso(value: datetime | None) -> str | None:
    """A timestamp as ISO 8601 text for JSON, None as None."""
    return value.isoformat() if value is not None else None


def origin_of(conn: Connection, exchange_id: str | None) -> dict[str, Any] | None:
    """Who asked which tool and model, when (no text)."""
    if not exchange_id:
        return None
    row = conn.execute(select(E.c.id, E.c.developer, E.c.tool, E.c.tool_version,
                              rollup.model_of().label("model"), E.c.started_at, E.c.repo,
                              E.c.session_id)
                       .where(E.c.id == exchange_id)).first()
    if row is None:
        return {"exchange_id": exchange_id, "missing": True}
    return {"exchange_id": row.id, "developer": row.developer, "tool": row.tool,
            "tool_version": row.tool_version, "model": row.model or None,
            "time": iso(row.started_at), "repo": row.repo, "session_id": row.session_id}


def findings_at(conn: Connection, repo: str, sha: str, path: str | None = None,
                line: int | None = None) -> list[dict[str, Any]]:
    q = select(F).where(F.c.repo == repo, F.c.commit_sha == sha)
    if path is not None:
        q = q.where(F.c.path == path)
    if line is not None:
        q = q.where(F.c.line == line)
    return [_finding(r) for r in conn.execute(q.order_by(F.c.path, F.c.line).limit(500))]


def _finding(r: Any) -> dict[str, Any]:
    return {"id": r.id, "repo": r.repo, "commit": r.commit_sha, "path": r.path, "line": r.line,
            "rule_id": r.rule_id, "cwe": r.cwe, "severity": r.severity,
            "confidence": r.confidence, "origin": r.origin, "exchange_id": r.exchange_id,
            "message": r.message, "found_at": iso(r.found_at), "fixed_sha": r.fixed_sha,
            "fixed_at": iso(r.fixed_at), "state": state(r),
            # suggestion: found in the exchange's snippet ``snippet`` (``line`` within it)
            "stage": r.stage, "snippet": r.snippet_ordinal,
            "dismissed_by": r.dismissed_by, "dismiss_reason": r.dismiss_reason}


def lookup_line(conn: Connection, *, repo: str, path: str, line: int,
                commit: str | None = None) -> dict[str, Any]:
    """Where line ``line`` of ``path`` came from.

    With ``commit``: the line as added by that commit (the commit ``git blame`` names for it);
    a prefix of at least 7 hex digits is accepted. Without: at HEAD as far as the server
    knows it, i.e. the most recent synced commit of ``repo`` that added a line at this
    position. That is exact unless a later commit moved the line without touching it
    (``method`` says which was used; pass the blame commit for an exact answer).
    """
    path = _norm_path(path)
    q = (select(L.c.path, L.c.lineno, L.c.origin, L.c.confidence, L.c.exchange_id,
                L.c.snippet_id, L.c.language, C.c.sha, C.c.author, C.c.committed_at, C.c.repo)
         .select_from(L.join(C, C.c.id == L.c.commit_id))
         .where(C.c.repo == repo, L.c.path == path, L.c.lineno == line))
    if commit:
        commit = commit.strip().lower()
        q = q.where(C.c.sha == commit if len(commit) >= 40 else C.c.sha.startswith(commit))
    row = conn.execute(q.order_by(C.c.committed_at.desc()).limit(1)).first()
    answer: dict[str, Any] = {"repo": repo, "path": path, "line": line, "commit": commit,
                              "method": "commit" if commit else "latest-commit-at-position"}
    if row is None:
        answer.update(found=False, origin=None, reason=(
            "no synced commit added this line" + (f" in {commit}" if commit else "") +
            ": written before aiprov was installed, not synced yet, or moved by a later "
            "commit (pass the commit `git blame` names)"))
        return answer
    answer.update(
        found=True, commit=row.sha, origin=row.origin, confidence=row.confidence,
        language=row.language, exchange_id=row.exchange_id,
        commit_info={"sha": row.sha, "author": row.author, "time": iso(row.committed_at)},
        source=origin_of(conn, row.exchange_id),
        snippet=_snippet_brief(conn, row.snippet_id),
        findings=findings_at(conn, repo, row.sha, path, line),
    )
    return answer


def _snippet_brief(conn: Connection, snippet_id: int | None) -> dict[str, Any] | None:
    if snippet_id is None:
        return None
    r = conn.execute(select(S.c.id, S.c.exchange_id, S.c.ordinal, S.c.kind, S.c.language,
                            S.c.path, S.c.line_count).where(S.c.id == snippet_id)).first()
    return dict(r._mapping) if r else None


def commit_lines(conn: Connection, *, repo: str, sha: str,
                 limit: int = 20000) -> dict[str, Any] | None:
    """A commit's attributed lines by file, for the page that colours them by origin."""
    sha = sha.strip().lower()
    q = select(C).where(C.c.repo == repo)
    q = q.where(C.c.sha == sha if len(sha) >= 40 else C.c.sha.startswith(sha))
    c = conn.execute(q.limit(1)).first()
    if c is None:
        return None
    files: dict[str, list[dict[str, Any]]] = defaultdict(list)
    rows = conn.execute(select(L.c.path, L.c.lineno, L.c.origin, L.c.confidence,
                               L.c.exchange_id).where(L.c.commit_id == c.id)
                        .order_by(L.c.path, L.c.lineno).limit(limit))
    for r in rows:
        files[r.path].append({"line": r.lineno, "origin": r.origin,
                              "confidence": r.confidence, "exchange_id": r.exchange_id})
    return {"repo": c.repo, "sha": c.sha, "author": c.author, "time": iso(c.committed_at),
            "ai_lines": c.ai_lines, "ai_edited_lines": c.ai_edited_lines,
            "human_lines": c.human_lines,
            "files": [{"path": p, "lines": ls} for p, ls in files.items()],
            "findings": findings_at(conn, c.repo, c.sha)}


def exchange_detail(conn: Connection, exchange_id: str) -> dict[str, Any] | None:
    """One exchange with its text, snippets and the findings that name it."""
    r = conn.execute(select(E).where(E.c.id == exchange_id)).first()
    if r is None:
        return None
    snippets = [dict(s._mapping) for s in conn.execute(
        select(S.c.id, S.c.ordinal, S.c.kind, S.c.language, S.c.path, S.c.text, S.c.line_count)
        .where(S.c.exchange_id == exchange_id).order_by(S.c.ordinal))]
    accepted = {sid for (sid,) in conn.execute(
        select(L.c.snippet_id).where(L.c.snippet_id.in_([s["id"] for s in snippets]))
        .distinct())} if snippets else set()
    for s in snippets:
        s["accepted"] = s["id"] in accepted
    findings = [_finding(f) for f in conn.execute(
        select(F).where(F.c.exchange_id == exchange_id).order_by(F.c.found_at).limit(200))]
    return {
        "id": r.id, "developer": r.developer, "tool": r.tool, "tool_version": r.tool_version,
        "model": r.model_answered or r.model_requested, "time": iso(r.started_at),
        "repo": r.repo, "api": r.api, "status": r.status, "input_tokens": r.input_tokens,
        "output_tokens": r.output_tokens, "cost_usd": r.cost_usd, "latency_ms": r.latency_ms,
        "prompt": r.prompt, "system": r.system, "response": r.response_text,
        "snippets": snippets, "findings": findings,
    }


def recent_exchanges(conn: Connection, *, developer: str | None = None,
                     limit: int = 50) -> list[dict[str, Any]]:
    q = (select(E.c.id, E.c.developer, E.c.tool, rollup.model_of().label("model"),
                E.c.started_at, E.c.repo, E.c.cost_usd)
         .order_by(E.c.started_at.desc()).limit(limit))
    if developer is not None:
        q = q.where(E.c.developer == developer)
    return [{"id": r.id, "developer": r.developer, "tool": r.tool, "model": r.model or None,
             "time": iso(r.started_at), "repo": r.repo, "cost_usd": r.cost_usd}
            for r in conn.execute(q)]


__all__ = ["commit_lines", "exchange_detail", "findings_at", "iso", "lookup_line",
           "origin_of", "recent_exchanges"]
