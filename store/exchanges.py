"""Exchanges in the store: rows from core values, batch writes, and the log/show queries."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import asdict
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import func, insert
from sqlmodel import Session, col, select

from proxy.exchange import Exchange
from store.models import ExchangeRow


def to_values(ex: Exchange) -> dict[str, Any]:
    """Column values for one (already redacted) exchange."""
    req, resp, ident = ex.request, ex.response, ex.identity
    request_json = {
        "messages": list(req.messages),
        "tools_offered": list(req.tools_offered),
        "params": req.params,
        "suffix": req.suffix,
        "stream": req.stream,
    }
    return dict(
        id=ex.id,
        started_at=datetime.fromtimestamp(ex.started_at, UTC),
        developer=ident.developer,
        tool=ident.tool,
        tool_version=ident.tool_version,
        session_id=ident.session_id or req.session_id,
        repo=ident.repo,
        cwd=ident.cwd,
        api=req.api,
        source=ex.source,
        method=ex.method,
        path=ex.path[:500],
        upstream=ex.upstream[:500],
        stream=req.stream,
        status=ex.status,
        model_requested=req.model,
        model_answered=resp.model,
        latency_ms=ex.latency_ms,
        ttft_ms=ex.ttft_ms,
        input_tokens=resp.usage.input_tokens,
        output_tokens=resp.usage.output_tokens,
        cache_read_tokens=resp.usage.cache_read_tokens,
        cache_write_tokens=resp.usage.cache_write_tokens,
        reasoning_tokens=resp.usage.reasoning_tokens,
        cost_usd=ex.cost_usd,
        finish_reason=resp.finish_reason,
        complete=resp.complete and not ex.client_disconnected,
        client_disconnected=ex.client_disconnected,
        api_key_hash=ex.api_key_hash,
        prompt=req.prompt,
        system=req.system,
        request_json=json.dumps(request_json, ensure_ascii=False, default=str),
        response_text=resp.text,
        reasoning_text=resp.reasoning,
        tool_calls_json=json.dumps([asdict(t) for t in resp.tool_calls], ensure_ascii=False),
        error=ex.error or resp.error,
        parse_errors="; ".join((*req.errors, *resp.errors)) or None,
    )


def to_row(ex: Exchange) -> ExchangeRow:
    """The table row for one (already redacted) exchange."""
    return ExchangeRow(**to_values(ex))


def row_to_dict(row: ExchangeRow) -> dict[str, Any]:
    data = row.model_dump()
    data["started_at"] = row.started_at.isoformat()
    if row.synced_at is not None:
        data["synced_at"] = row.synced_at.isoformat()
    return data


def save(session: Session, exchanges: Sequence[Exchange]) -> list[Exchange]:
    """Insert ``exchanges`` in one statement (the caller commits); returns those that were
    new. Re-saving an id is a no-op, so replaying a spool file twice records nothing twice.
    Core inserts, not ORM objects: this runs for every exchange the proxy sees."""
    ids = [e.id for e in exchanges]
    existing = set(session.exec(select(ExchangeRow.id).where(col(ExchangeRow.id).in_(ids))).all())
    new: list[Exchange] = []
    for ex in exchanges:
        if ex.id not in existing:
            existing.add(ex.id)
            new.append(ex)
    if new:
        from store import rollup

        conn = session.connection()
        new_ids = [e.id for e in new]
        moved = rollup.lines_of_exchanges(conn, new_ids, -1)  # lines saved before them
        session.execute(insert(ExchangeRow.__table__),  # type: ignore[attr-defined]
                        [to_values(e) for e in new])
        rollup.exchanges(conn, new_ids)
        if moved:
            rollup.lines_of_exchanges(conn, new_ids)
    return new


def recent(
    session: Session,
    *,
    limit: int = 20,
    tool: str | None = None,
    model: str | None = None,
    since: datetime | None = None,
) -> list[ExchangeRow]:
    q = select(ExchangeRow).order_by(col(ExchangeRow.started_at).desc()).limit(limit)
    if tool:
        q = q.where(ExchangeRow.tool == tool)
    if model:
        q = q.where(
            (ExchangeRow.model_requested == model) | (ExchangeRow.model_answered == model)
        )
    if since:
        q = q.where(ExchangeRow.started_at >= since)
    return list(session.exec(q).all())


def get(session: Session, id_or_prefix: str) -> list[ExchangeRow]:
    """Rows whose id is ``id_or_prefix`` or starts with it (at most 2, to detect ambiguity)."""
    row = session.get(ExchangeRow, id_or_prefix)
    if row is not None:
        return [row]
    if len(id_or_prefix) < 4:
        return []
    q = select(ExchangeRow).where(col(ExchangeRow.id).startswith(id_or_prefix)).limit(2)
    return list(session.exec(q).all())


def count(session: Session) -> int:
    return int(session.exec(select(func.count()).select_from(ExchangeRow)).one())


def ids(rows: Iterable[ExchangeRow]) -> list[str]:
    return [r.id for r in rows]
