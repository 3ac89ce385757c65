"""The daily trend of a window: exchanges, cost, committed lines by origin, findings.

Like a report (``store.queries.reports``), it reads whole days from the rollup and part days
from the raw rows (``store.queries.window``), and findings from their rows.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime
from typing import Any

from sqlalchemy import case, exists, func, select
from sqlalchemy.engine import Connection

from provenance.model import HUMAN
from store import rollup
from store.findings import committed as committed_rows
from store.queries import window
from store.queries.window import day_key
from store.tables import C, E, F

_date = rollup.day_of  # the UTC calendar day of a timestamp column, on either database


def daily_trend(conn: Connection, *, since: datetime, until: datetime,
                developer: str | None = None, use_rollup: bool = True) -> list[dict[str, Any]]:
    """Per day: exchanges, cost, committed lines by origin, AI share, findings by origin."""
    if use_rollup:
        per_day = window.window_counters(conn, "day", developer, since, until,
                                         (rollup.EXCHANGE, rollup.COMMIT))
        return from_counters(conn, per_day, since=since, until=until, developer=developer)
    days: dict[str, dict[str, Any]] = defaultdict(_trend_day)
    _raw_trend(conn, days, developer, since, until)
    return _trend_finish(conn, days, since=since, until=until, developer=developer)


def _trend_day() -> dict[str, Any]:
    return {"exchanges": 0, "cost_usd": 0.0, "ai_lines": 0, "ai_edited_lines": 0,
            "human_lines": 0, "findings_ai": 0, "findings_human": 0}


def from_counters(conn: Connection, per_day: dict[str, dict[str, Any]], *, since: datetime,
                  until: datetime, developer: str | None) -> list[dict[str, Any]]:
    """The trend from per-day rollup counters (a day shows if it has records)."""
    days: dict[str, dict[str, Any]] = defaultdict(_trend_day)
    for day, v in per_day.items():
        if v["exchanges"]:
            days[day]["exchanges"] += int(v["exchanges"])
            days[day]["cost_usd"] += float(v["cost_usd"])
        if v["commits"]:
            row = days[day]
            row["ai_lines"] += int(v["commit_ai_lines"])
            row["ai_edited_lines"] += int(v["commit_ai_edited_lines"])
            row["human_lines"] += int(v["commit_human_lines"])
    return _trend_finish(conn, days, since=since, until=until, developer=developer)


def _trend_finish(conn: Connection, days: dict[str, dict[str, Any]], *, since: datetime,
                  until: datetime, developer: str | None) -> list[dict[str, Any]]:
    """Findings per day (from the rows: they are few), then shares, sorted by day."""
    d = _date(conn, F.c.found_at)
    is_ai = case((F.c.origin == HUMAN, 0), else_=1)
    q = (select(d, func.sum(is_ai), func.count())
         .where(F.c.found_at >= since, F.c.found_at < until, committed_rows(F))
         .group_by(d))
    if developer is not None:
        q = q.where(exists().where(C.c.repo == F.c.repo, C.c.sha == F.c.commit_sha,
                                   C.c.author == developer))
    for day, ai, n in conn.execute(q):
        days[day_key(day)]["findings_ai"] += ai or 0
        days[day_key(day)]["findings_human"] += (n or 0) - (ai or 0)
    out = []
    for day in sorted(days):
        row = days[day]
        committed = row["ai_lines"] + row["ai_edited_lines"] + row["human_lines"]
        row["cost_usd"] = round(row["cost_usd"], 6)
        row["ai_share"] = (round((row["ai_lines"] + row["ai_edited_lines"]) / committed, 4)
                           if committed else None)
        out.append({"day": day, **row})
    return out


def _raw_trend(conn: Connection, days: dict[str, dict[str, Any]], developer: str | None,
               lo: datetime, hi: datetime) -> None:
    """Exchanges, cost and commit counters per day over [lo, hi), from the raw rows."""
    d = _date(conn, E.c.started_at)
    q = (select(d, func.count(), func.sum(E.c.cost_usd))
         .where(E.c.started_at >= lo, E.c.started_at < hi).group_by(d))
    if developer is not None:
        q = q.where(E.c.developer == developer)
    for day, n, cost in conn.execute(q):
        days[day_key(day)]["exchanges"] += n
        days[day_key(day)]["cost_usd"] += float(cost or 0)
    d = _date(conn, C.c.committed_at)
    q = (select(d, func.sum(C.c.ai_lines), func.sum(C.c.ai_edited_lines),
                func.sum(C.c.human_lines))
         .where(C.c.committed_at >= lo, C.c.committed_at < hi).group_by(d))
    if developer is not None:
        q = q.where(C.c.author == developer)
    for day, ai, edited, human in conn.execute(q):
        row = days[day_key(day)]
        row["ai_lines"] += ai or 0
        row["ai_edited_lines"] += edited or 0
        row["human_lines"] += human or 0


__all__ = ["daily_trend", "from_counters"]
