"""The time window of a report: ``--since``, now, and how a window is counted.

Figures come from the cheapest table that holds them: those of whole UTC days from the
report rollup (``store.rollup``, kept at write time), those of the part days at either end
of a window from the raw rows (``plan_window`` picks which). Both paths give the same
figures (``tests/store/test_rollup.py`` compares them), so a window's answer does not
depend on where its day boundaries fall.
"""

from __future__ import annotations

import re
from collections import defaultdict
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from sqlalchemy import case, func, select
from sqlalchemy.engine import Connection

from store import rollup
from store.tables import RO, R

_SINCE = re.compile(r"^\s*(\d+)\s*([hdwm]?)\s*$")


def utcnow() -> datetime:
    """Now, aware UTC (the store's datetime columns refuse naive values)."""
    return datetime.now(UTC)


def parse_since(value: str) -> timedelta:
    """``30d``, ``12h``, ``8w``, ``3m`` (30-day months) or a bare number of days."""
    m = _SINCE.match(value or "")
    if not m:
        raise ValueError(f"--since must look like 30d, 12h, 8w or 3m, got {value!r}")
    n, unit = int(m.group(1)), m.group(2) or "d"
    return {"h": timedelta(hours=n), "d": timedelta(days=n), "w": timedelta(weeks=n),
            "m": timedelta(days=30 * n)}[unit]


Counters = dict[str, dict[str, Any]]  # a day or key -> rollup counters


def plan_window(since: datetime, until: datetime, now: datetime | None = None
                ) -> tuple[tuple[date, date] | None, list[tuple[int, datetime, datetime]]]:
    """How to count [since, until): rollup days [d0, d1), plus (sign, lo, hi) time ranges
    counted from the raw rows, added or taken away.

    The rollup holds whole UTC days. A part day at either end is either counted from its
    raw rows, or taken as the whole day from the rollup less the raw rows of the rest of
    that day, whichever reads fewer rows; rows are assumed to lie in the past, so the rest
    of today costs nothing (the usual window ends now). A window inside one day is read raw.
    """
    now = now or utcnow()
    since_u, until_u = since.astimezone(UTC), until.astimezone(UTC)
    first = datetime.combine(since_u.date(), time(), UTC)
    if first < since_u:
        first += timedelta(days=1)
    last = datetime.combine(until_u.date(), time(), UTC)
    if first > last:  # no midnight inside the window
        return None, [(1, since, until)]
    day = timedelta(days=1)

    def cost(lo: datetime, hi: datetime) -> float:
        return max(0.0, (min(hi, now) - lo).total_seconds())

    ranges: list[tuple[int, datetime, datetime]] = []
    if since_u < first:  # the part day at the start
        if cost(first - day, since_u) < cost(since_u, first):
            first -= day
            ranges.append((-1, first, since))
        else:
            ranges.append((1, since, first))
    if last < until_u:  # the part day at the end
        if cost(until_u, last + day) < cost(last, until_u):
            ranges.append((-1, until, last + day))
            last += day
        else:
            ranges.append((1, last, until))
    return ((first.date(), last.date()) if first < last else None), ranges


def window_counters(conn: Connection, col: str, developer: str | None, since: datetime,
                    until: datetime, kinds: tuple[tuple[str, ...], ...]) -> Counters:
    """Rollup counters of [since, until) per value of rollup column ``col`` (``day``, or a
    key column): ``counters_by`` for one column."""
    return counters_by(conn, [col], developer, since, until, kinds)[col]


def counters_by(conn: Connection, cols: list[str], developer: str | None, since: datetime,
                until: datetime, kinds: tuple[tuple[str, ...], ...]) -> dict[str, Counters]:
    """Rollup counters of [since, until) per value of each rollup column in ``cols``
    (``day``, or a key column; col -> its counters), from the rollup's whole days and, over
    the part days, from the aggregate the rollup is kept with
    (``store.rollup.facts_between``): one read of the rollup and one of the raw rows per
    part day, however many columns."""
    names = [c for kind in kinds for c in kind]
    out: dict[str, Counters] = {
        col: defaultdict(lambda: dict.fromkeys(names, 0)) for col in cols}
    days, ranges = plan_window(since, until)
    if days is not None:
        if developer is None:  # org-wide: the rollup already summed per grouping
            # the days of the org totals (dim ''), the other groupings' values over all days
            day = case((RO.c.dim == rollup.NONE, RO.c.day))
            dims = ["" if col == "day" else col for col in cols]
            q = (select(RO.c.dim, day, RO.c.value, *(func.sum(RO.c[c]) for c in names))
                 .where(RO.c.day >= days[0], RO.c.day < days[1], RO.c.dim.in_(dims))
                 .group_by(RO.c.dim, day, RO.c.value))
            for row in conn.execute(q):
                dim, d, value = row[0], row[1], row[2]
                cell = (out["day"][day_key(d)] if dim == "" else out[dim][value])
                for c, v in zip(names, row[3:], strict=True):
                    cell[c] += v or 0
        else:
            q = (select(*(R.c[col] for col in cols), *(func.sum(R.c[c]) for c in names))
                 .where(R.c.developer == developer, R.c.day >= days[0], R.c.day < days[1])
                 .group_by(*(R.c[col] for col in cols)))
            for row in conn.execute(q):
                for i, col in enumerate(cols):
                    cell = out[col][day_key(row[i]) if col == "day" else row[i]]
                    for c, v in zip(names, row[len(cols):], strict=True):
                        cell[c] += v or 0
    for sign, lo, hi in ranges:
        for q, counters in rollup.facts_between(conn, lo, hi, developer, kinds):
            for row in conn.execute(q):
                m = row._mapping
                for col in cols:
                    cell = out[col][day_key(m["day"]) if col == "day" else m[col]]
                    for c in counters:
                        cell[c] += sign * (m[c] or 0)
    return out


def day_key(value: Any) -> str:
    """A day (a date, a datetime or the text a database returns) as ``YYYY-MM-DD``."""
    return value.isoformat()[:10] if hasattr(value, "isoformat") else str(value)[:10]


__all__ = ["Counters", "counters_by", "day_key", "parse_since", "plan_window", "utcnow",
           "window_counters"]
