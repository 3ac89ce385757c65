"""Search: snippets whose text contains a string, newest first."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select
from sqlalchemy.engine import Connection

from store.queries.lookup import iso
from store.tables import S


def _like_escape(q: str) -> str:
    return q.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def search_snippets(conn: Connection, text: str, *, developer: str | None = None,
                    repo: str | None = None, limit: int = 50) -> list[dict[str, Any]]:
    """Snippets whose text contains ``text`` (case-insensitive), newest first."""
    needle = text.strip()
    if len(needle) < 3:
        raise ValueError("search text must be at least 3 characters")
    pattern = f"%{_like_escape(needle)}%"
    cond = (S.c.text.ilike(pattern, escape="\\") if conn.dialect.name == "postgresql"
            else func.lower(S.c.text).like(pattern.lower(), escape="\\"))
    q = (select(S.c.id, S.c.exchange_id, S.c.ordinal, S.c.kind, S.c.language, S.c.path,
                S.c.text, S.c.created_at, S.c.developer, S.c.repo)
         .where(cond).order_by(S.c.created_at.desc()).limit(limit))
    if developer is not None:
        q = q.where(S.c.developer == developer)
    if repo:
        q = q.where(S.c.repo == repo)
    out = []
    for r in conn.execute(q):
        out.append({"snippet_id": r.id, "exchange_id": r.exchange_id, "ordinal": r.ordinal,
                    "kind": r.kind, "language": r.language, "path": r.path,
                    "developer": r.developer, "repo": r.repo, "time": iso(r.created_at),
                    "excerpt": _excerpt(r.text, needle)})
    return out


def _excerpt(text: str, needle: str, width: int = 160) -> str:
    i = text.lower().find(needle.lower())
    if i < 0:
        return text[:width]
    start = max(0, i - width // 2)
    return text[start:start + width + len(needle)]


__all__ = ["search_snippets"]
