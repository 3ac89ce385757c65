"""Report rollup: per-day counters kept at write time, so an org report reads a small table.

Invariant: for every UTC day, ``report_rollup`` holds exactly what the raw rows of that day
add up to. Every writer keeps it so in its own transaction with one pattern: subtract the
contribution of the rows a change touches, change them, add their contribution back. The
contribution of a set of rows is one aggregate ``INSERT ... SELECT ... ON CONFLICT DO
UPDATE`` (the same SQL ``rebuild`` runs over everything), so incremental upkeep and a
rebuild cannot disagree. A change can touch rows of another table: a committed line is
keyed by its exchange's model and tool (an exchange synced after the commit, or purged
before it, moves the line's count), and a snippet counts as accepted once any line points
at it (a new or purged commit moves it).

Writers: ``store.ingest`` (org server), ``store.exchanges.save``, ``store.provenance``
(snippets, commits) and ``store.org.purge``. Findings are not rolled up: they are few, and
a median time to fix needs the rows anyway.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable
from datetime import datetime
from typing import Any

from sqlalchemy import (
    Table,
    and_,
    any_,
    bindparam,
    case,
    delete,
    exists,
    func,
    literal_column,
    select,
    true,
    union_all,
)
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.sql import ColumnElement, Select

from store.tables import RO, C, E, L, R, S

KEY = ("day", "developer", "repo", "model", "tool", "language")
DIMS = ("", "developer", "repo", "model", "tool", "language")  # report_rollup_org.dim
EXCHANGE = ("exchanges", "input_tokens", "output_tokens", "cost_usd")
SNIPPET = ("snippets", "snippets_accepted")
COMMIT = ("commits", "commit_ai_lines", "commit_ai_edited_lines", "commit_human_lines")
LINE = ("line_ai", "line_ai_edited", "line_human")
COUNTERS = EXCHANGE + SNIPPET + COMMIT + LINE
CHUNK = 500

# constants are inlined, not bound: a bound '' in both the select list and GROUP BY becomes
# two parameters on PostgreSQL, which then refuses the grouping
NONE: ColumnElement[str] = literal_column("''")
HUMAN: ColumnElement[str] = literal_column("'human'")
AI: ColumnElement[str] = literal_column("'ai'")


def day_of(conn: Connection, column: Any) -> ColumnElement:
    """The UTC calendar day of a timestamp column, on either database."""
    if conn.dialect.name == "postgresql":
        return func.date(func.timezone("UTC", column))
    return func.date(column)


def model_of(e: Table = E) -> ColumnElement:
    """The model an exchange counts under, everywhere: the one that answered, else the one
    asked for, else '' (a rollup key is never NULL; reports show '' as ``(none)``, a lookup
    as no model)."""
    return func.coalesce(e.c.model_answered, e.c.model_requested, NONE)


def _exchange_facts(conn: Connection, where: ColumnElement) -> tuple[Select, tuple[str, ...]]:
    key = [day_of(conn, E.c.started_at), E.c.developer, func.coalesce(E.c.repo, NONE),
           model_of(), func.coalesce(E.c.tool, NONE)]
    q = (select(*key, NONE, func.count(), func.coalesce(func.sum(E.c.input_tokens), 0),
                func.coalesce(func.sum(E.c.output_tokens), 0),
                func.coalesce(func.sum(E.c.cost_usd), 0.0))
         .where(where).group_by(*key))
    return q, EXCHANGE


def _snippet_facts(conn: Connection, where: ColumnElement) -> tuple[Select, tuple[str, ...]]:
    accepted = exists().where(L.c.snippet_id == S.c.id)
    key = [day_of(conn, S.c.created_at), S.c.developer, func.coalesce(S.c.repo, NONE),
           model_of(), func.coalesce(E.c.tool, NONE), func.coalesce(S.c.language, NONE)]
    q = (select(*key, func.count(), func.sum(case((accepted, 1), else_=0)))
         .select_from(S.join(E, E.c.id == S.c.exchange_id)).where(where).group_by(*key))
    return q, SNIPPET


def _commit_facts(conn: Connection, where: ColumnElement) -> tuple[Select, tuple[str, ...]]:
    key = [day_of(conn, C.c.committed_at), C.c.author, C.c.repo]
    q = (select(*key, NONE, NONE, NONE, func.count(), func.sum(C.c.ai_lines),
                func.sum(C.c.ai_edited_lines), func.sum(C.c.human_lines))
         .where(where).group_by(*key))
    return q, COMMIT


def _line_facts(conn: Connection, where: ColumnElement) -> tuple[Select, tuple[str, ...]]:
    is_human = L.c.origin == HUMAN
    key = [day_of(conn, C.c.committed_at), C.c.author, C.c.repo,
           case((is_human, HUMAN), else_=model_of()),
           case((is_human, HUMAN), else_=func.coalesce(E.c.tool, NONE)),
           func.coalesce(L.c.language, NONE)]
    ai = func.sum(case((L.c.origin == AI, 1), else_=0))
    human = func.sum(case((is_human, 1), else_=0))
    q = (select(*key, ai, func.count() - ai - human, human)
         .select_from(L.join(C, C.c.id == L.c.commit_id)
                      .outerjoin(E, E.c.id == L.c.exchange_id))
         .where(where).group_by(*key))
    return q, LINE


def _labelled(q: Select, counters: tuple[str, ...]) -> Select:
    names = (*KEY, *counters)
    return q.with_only_columns(*(c.label(n) for c, n in zip(q.selected_columns, names,
                                                             strict=True)))


def facts_between(conn: Connection, lo: datetime, hi: datetime, developer: str | None = None,
                  kinds: Collection[tuple[str, ...]] = (EXCHANGE, SNIPPET, COMMIT, LINE)
                  ) -> list[tuple[Select, tuple[str, ...]]]:
    """The rollup rows the raw records of [lo, hi) make, one query per kind of record (those
    whose counters are in ``kinds``), with columns named as the rollup's (reports read part
    days this way)."""
    out = []
    for kind, facts, ts, dev in ((EXCHANGE, _exchange_facts, E.c.started_at, E.c.developer),
                                 (SNIPPET, _snippet_facts, S.c.created_at, S.c.developer),
                                 (COMMIT, _commit_facts, C.c.committed_at, C.c.author),
                                 (LINE, _line_facts, C.c.committed_at, C.c.author)):
        if kind not in kinds:
            continue
        where = and_(ts >= lo, ts < hi)
        if developer is not None:
            where = and_(where, dev == developer)
        q, counters = facts(conn, where)
        out.append((_labelled(q, counters), counters))
    return out


def _by_dim(rows: Any, counters: tuple[str, ...]) -> Select:
    """Rollup-shaped rows (a subquery) summed per day x dimension x value: the org rollup."""
    dims = union_all(*(select(literal_column(f"'{d}'").label("dim")) for d in DIMS)
                     ).subquery("dims")
    value = case(*((dims.c.dim == literal_column(f"'{d}'"), rows.c[d]) for d in DIMS[1:]),
                 else_=NONE)
    return (select(rows.c.day, dims.c.dim, value, *(func.sum(rows.c[c]) for c in counters))
            .select_from(rows.join(dims, true())).where(true())
            .group_by(rows.c.day, dims.c.dim, value))


def _upsert_statements(conn: Connection, facts: tuple[Select, tuple[str, ...]],
                       sign: int) -> list[Any]:
    """The statements that add (or take away) an aggregate to both rollups: one on
    PostgreSQL; on SQLite the fine rollup's, then the org rollup's (run when the first
    touched a row)."""
    q, counters = facts
    q = _labelled(q, counters)
    if sign < 0:  # the same aggregate, negated
        sub = q.subquery()
        q = select(*(sub.c[n] for n in KEY), *(-sub.c[n] for n in counters)).where(true())
        q = _labelled(q, counters)
    if conn.dialect.name == "postgresql":  # one statement: the aggregate runs once
        f = q.cte("f")
        fine = _merge_stmt(conn, R, KEY, counters, select(f)).returning(literal_column("1"))
        both = _merge_stmt(conn, RO, ("day", "dim", "value"), counters, _by_dim(f, counters))
        # the org rollup gets one row per grouping for each row of the other: 0 iff 0
        return [both.add_cte(fine.cte("fine"))]
    return [_merge_stmt(conn, R, KEY, counters, q),
            _merge_stmt(conn, RO, ("day", "dim", "value"), counters,
                        _by_dim(q.subquery(), counters))]


def _merge(conn: Connection, table: Table, key: tuple[str, ...], counters: tuple[str, ...],
           q: Select) -> int:
    return int(conn.execute(_merge_stmt(conn, table, key, counters, q)).rowcount or 0)


Facts = Callable[[Connection, ColumnElement], tuple[Select, tuple[str, ...]]]
_STATEMENTS: dict[tuple[Any, ...], list[Any]] = {}


def _upsert(conn: Connection, facts: Facts, column: Any, values: Collection[Any], sign: int,
            only: ColumnElement | None = None) -> int:
    """Add (or take away) the aggregate of the rows whose ``column`` is in ``values`` (and
    that match ``only``) to both rollups; returns the fine rows it touched. The statements
    are built once per shape with the values as one parameter: building these aggregates
    costs SQLAlchemy more than running them, and the recorder runs them for every batch."""
    key = (conn.dialect.name, facts, column.table.name, column.key, sign, only is not None)
    stmts = _STATEMENTS.get(key)
    if stmts is None:
        if conn.dialect.name == "postgresql":
            from sqlalchemy.dialects.postgresql import ARRAY

            cond = column == any_(bindparam("ids", type_=ARRAY(column.type)))
        else:
            cond = column.in_(bindparam("ids", expanding=True))
        if only is not None:
            cond = and_(cond, only)
        stmts = _STATEMENTS[key] = _upsert_statements(conn, facts(conn, cond), sign)
    items = sorted(set(values))
    step = (len(items) or 1) if conn.dialect.name == "postgresql" else CHUNK
    n = 0
    for i in range(0, len(items), step):
        params = {"ids": items[i:i + step]}
        touched = int(conn.execute(stmts[0], params).rowcount or 0)
        if touched and len(stmts) > 1:
            conn.execute(stmts[1], params)
        n += touched
    return n


def _merge_stmt(conn: Connection, table: Table, key: tuple[str, ...],
                counters: tuple[str, ...], q: Select) -> Any:
    if conn.dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    else:
        from sqlalchemy.dialects.sqlite import insert  # type: ignore[assignment]
    ins = insert(table).from_select([*key, *counters], q, include_defaults=False)
    return ins.on_conflict_do_update(index_elements=list(key),
                                     set_={c: table.c[c] + ins.excluded[c] for c in counters})


def _in(conn: Connection, column: Any, values: Collection[Any]) -> Iterable[ColumnElement]:
    """``column IN values`` in as few statements as the database takes: one array parameter
    on PostgreSQL (one statement, nothing for the driver to parse per value), chunks of
    ``CHUNK`` bound values on SQLite."""
    items = sorted(set(values))
    if not items:
        return
    if conn.dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import ARRAY

        yield column == any_(bindparam(None, items, type_=ARRAY(column.type)))
        return
    for i in range(0, len(items), CHUNK):
        yield column.in_(items[i:i + CHUNK])


# -- the contribution of a set of rows, added (sign 1) or taken away (sign -1) --------------


def exchanges(conn: Connection, ids: Collection[str], sign: int = 1) -> None:
    """Exchanges by id (their own counters only)."""
    _upsert(conn, _exchange_facts, E.c.id, ids, sign)


def snippets(conn: Connection, ids: Collection[int] = (), sign: int = 1, *,
             of_exchanges: Collection[str] = ()) -> None:
    """Snippets by id, or every snippet of some exchanges."""
    _upsert(conn, _snippet_facts, S.c.id, ids, sign)
    _upsert(conn, _snippet_facts, S.c.exchange_id, of_exchanges, sign)


def commits(conn: Connection, ids: Collection[int], sign: int = 1) -> None:
    """Commits by id: their counters and their lines."""
    _upsert(conn, _commit_facts, C.c.id, ids, sign)
    _upsert(conn, _line_facts, L.c.commit_id, ids, sign)


def lines_of_exchanges(conn: Connection, ids: Collection[str], sign: int = 1) -> int:
    """Committed lines that point at these exchanges (their model and tool come from them);
    returns how many rollup rows that touched, 0 when no line points at them (the usual
    case: an exchange is synced before the commits that use it)."""
    n = 0
    for cond in _in(conn, L.c.exchange_id, ids):
        where = and_(cond, L.c.origin != HUMAN)
        if conn.execute(select(L.c.id).where(where).limit(1)).first() is not None:
            n += _upsert(conn, _line_facts, L.c.exchange_id, ids, sign, L.c.origin != HUMAN)
            break  # that ran for every id
    return n


def snippets_of_commits(conn: Connection, ids: Collection[int]) -> set[int]:
    """The snippets the lines of these commits point at (their acceptance depends on them)."""
    out: set[int] = set()
    for cond in _in(conn, L.c.commit_id, ids):
        out.update(r[0] for r in conn.execute(
            select(L.c.snippet_id).where(cond, L.c.snippet_id.is_not(None)).distinct()))
    return out


# -- whole table ----------------------------------------------------------------------------


def rebuild(conn: Connection) -> None:
    """Recompute the rollups from every raw row (upgrades, repairs, the benchmark's loader)."""
    conn.execute(delete(R))
    conn.execute(delete(RO))
    for facts in (_exchange_facts, _snippet_facts, _commit_facts, _line_facts):
        q, counters = facts(conn, true())
        _merge(conn, R, KEY, counters, _labelled(q, counters))
    _merge(conn, RO, ("day", "dim", "value"), COUNTERS, _by_dim(R, COUNTERS))


def ensure(engine: Engine) -> bool:
    """Create and fill the rollup of a store made before it existed; True if it rebuilt.

    The schema is one regenerated revision until the first release, so a store already at
    that revision gets the table here (``db.get_engine`` runs this when a process first
    opens a store, so the recorder and the hook's save never meet a store without it). A
    store with records but an empty rollup predates it: a store that ever had a record keeps
    at least one rollup row, as purges zero counters but never delete rows.
    """
    for table in (R, RO):
        table.create(engine, checkfirst=True)
        for ix in table.indexes:
            ix.create(engine, checkfirst=True)
    with engine.begin() as conn:
        if conn.execute(select(RO.c.day).limit(1)).first() is not None:
            return False
        if all(conn.execute(select(t.c.id).limit(1)).first() is None for t in (E, C)):
            return False
        rebuild(conn)
        return True


__all__ = ["COUNTERS", "KEY", "commits", "day_of", "ensure", "exchanges", "facts_between",
           "lines_of_exchanges", "model_of", "rebuild", "snippets", "snippets_of_commits"]
