"""Bulk, idempotent ingest of synced records into the org store (SQLite or PostgreSQL).

Each table is written with one multi-row ``INSERT ... ON CONFLICT DO NOTHING RETURNING``:
only rows that were new come back, and only their children (snippets of new exchanges,
fingerprints of new snippets, lines of new commits) are inserted, so a retried batch is a
no-op. Findings are upserted by (sender, local id) because a later sync may report one as
fixed. Local integer ids (snippet ids in lines) are translated through the record keys.
The report rollup (``store.rollup``) is kept in the same transaction, from the new rows
only, so a retried batch adds nothing to it either.

On PostgreSQL the rows go through psycopg directly: ``INSERT ... RETURNING`` as one
prepared statement executed per row in a pipeline, and lines and fingerprints (the bulk,
with nothing to return) by ``COPY``. SQLAlchemy's multi-row ``VALUES`` statements are
correct too, but psycopg re-parses each one (thousands of placeholders, never the same
text twice), which cost more than PostgreSQL spent writing the rows.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from datetime import datetime
from typing import Any

from sqlalchemy import Table, select
from sqlalchemy.engine import Connection

from provenance.model import HUMAN
from store import rollup
from store.provenance import claim_snippets
from store.tables import FP, C, E, F, L, S


def _insert(conn: Connection, table: Table) -> Any:
    """The dialect's INSERT (both have ``on_conflict_do_nothing``)."""
    if conn.dialect.name == "postgresql":
        from sqlalchemy.dialects import postgresql

        return postgresql.insert(table)
    from sqlalchemy.dialects import sqlite

    return sqlite.insert(table)


_scratch = itertools.count()  # scratch table names, unique per process


def _q(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _pg_values(table: Table, rows: list[dict[str, Any]]) -> tuple[list[str], list[tuple]]:
    """The columns the rows set (they are built alike, so the first row's keys) and their
    values, in table order."""
    names = [c.name for c in table.c if c.name in rows[0]]
    return names, [tuple(map(r.get, names)) for r in rows]


def _insert_new(conn: Connection, table: Table, rows: list[dict[str, Any]],
                conflict: list[str], returning: list[str]) -> list[tuple]:
    """``INSERT ... ON CONFLICT DO NOTHING RETURNING``: the rows that were new."""
    if conn.dialect.name != "postgresql":
        stmt = (_insert(conn, table).on_conflict_do_nothing(index_elements=conflict)
                .returning(*(table.c[r] for r in returning)))
        return [tuple(r) for r in conn.execute(stmt, rows)]
    # COPY into a scratch table, then one INSERT ... SELECT: a pipelined statement per row
    # cost more than the insert itself
    names, values = _pg_values(table, rows)
    cols = ", ".join(map(_q, names))
    tmp = _q(f"_ingest_{table.name}_{next(_scratch)}")
    out: list[tuple] = []
    with conn.connection.driver_connection.cursor() as cur:  # type: ignore[union-attr]
        # identifiers come from the schema (quoted); values go by COPY
        cur.execute(f"CREATE TEMP TABLE {tmp} ON COMMIT DROP AS "  # noqa: S608
                    f"SELECT {cols} FROM {_q(table.name)} WITH NO DATA")
        with cur.copy(f"COPY {tmp} ({cols}) FROM STDIN") as cp:
            for v in values:
                cp.write_row(v)
        cur.execute(f"INSERT INTO {_q(table.name)} ({cols}) SELECT {cols} FROM {tmp} "  # noqa: S608
                    f"ON CONFLICT ({', '.join(map(_q, conflict))}) DO NOTHING "
                    f"RETURNING {', '.join(map(_q, returning))}")
        out.extend(cur.fetchall())
        cur.execute(f"DROP TABLE {tmp}")
    return out


def _insert_all(conn: Connection, table: Table, rows: list[dict[str, Any]]) -> None:
    """A plain insert of many rows: ``COPY`` on PostgreSQL."""
    if not rows:
        return
    if conn.dialect.name != "postgresql":
        conn.execute(_insert(conn, table), rows)
        return
    names, values = _pg_values(table, rows)
    with conn.connection.driver_connection.cursor() as cur:  # type: ignore[union-attr]
        with cur.copy(f"COPY {_q(table.name)} ({', '.join(map(_q, names))}) FROM STDIN") as cp:
            for v in values:
                cp.write_row(v)


def _chunks(rows: list[Any], n: int) -> Iterable[list[Any]]:
    for i in range(0, len(rows), n):
        yield rows[i:i + n]


def ingest(conn: Connection, *, exchanges: list[dict[str, Any]], commits: list[dict[str, Any]],
           findings: list[dict[str, Any]], source: str, identity: str | None,
           now: datetime) -> dict[str, int]:
    """Write one batch in the caller's transaction; returns counts of new rows.

    ``identity``: when set, every exchange, snippet, commit and finding is recorded as this
    developer's (a developer's token speaks only for its developer). ``source`` keys
    findings.
    """
    out = dict(exchanges=0, exchanges_duplicate=0, snippets=0, fingerprints=0, commits=0,
               commits_duplicate=0, lines=0, findings=0)
    ex_cols = set(E.c.keys())
    ex_rows, by_id = [], {}
    for ex in exchanges:
        row = {k: v for k, v in ex.items() if k in ex_cols}
        if identity is not None:
            row["developer"] = identity
        row["synced_at"] = now  # on the server: when it arrived
        ex_rows.append(row)
        by_id[row["id"]] = ex
    new_ids: set[str] = set()
    if ex_rows:
        # lines synced before their exchange count under no model until it arrives
        moved = rollup.lines_of_exchanges(conn, by_id, -1)
        new_ids = {r[0] for r in _insert_new(conn, E, ex_rows, ["id"], ["id"])}
        rollup.exchanges(conn, new_ids)
        if moved:
            rollup.lines_of_exchanges(conn, by_id)
    out["exchanges"] = len(new_ids)
    out["exchanges_duplicate"] = len(ex_rows) - len(new_ids)

    sn_rows, fps_by_key = [], {}
    for eid in new_ids:
        ex = by_id[eid]
        dev = identity if identity is not None else ex.get("developer", "")
        for sn in ex.get("snippets", []):
            sn_rows.append({"exchange_id": eid, "ordinal": sn["ordinal"], "kind": sn["kind"],
                            "language": sn.get("language"), "path": sn.get("path"),
                            "text": sn.get("text", ""), "line_count": sn.get("line_count", 0),
                            "created_at": sn["created_at"], "developer": dev,
                            "repo": ex.get("repo"), "normaliser": sn.get("normaliser", "")})
            fps_by_key[(eid, sn["ordinal"])] = sn.get("fingerprints", [])
    if sn_rows:
        fp_rows: list[dict[str, Any]] = []
        for sid, eid, ordinal in _insert_new(conn, S, sn_rows, ["exchange_id", "ordinal"],
                                             ["id", "exchange_id", "ordinal"]):
            out["snippets"] += 1
            fp_rows.extend({"hash": h, "snippet_id": sid, "line": ln}
                           for h, ln in fps_by_key.get((eid, ordinal), ()))
        _insert_all(conn, FP, fp_rows)
        out["fingerprints"] = len(fp_rows)
        rollup.snippets(conn, of_exchanges=new_ids)

    if commits:
        c_cols = set(C.c.keys()) - {"id"}
        c_rows, by_key = [], {}
        for c in commits:
            row = {k: v for k, v in c.items() if k in c_cols}
            if identity is not None:
                row["author"] = identity
            row["synced_at"] = now
            c_rows.append(row)
            by_key[(row["repo"], row["sha"])] = c
        new_commits = {(repo, sha): cid for cid, repo, sha in
                       _insert_new(conn, C, c_rows, ["repo", "sha"], ["id", "repo", "sha"])}
        out["commits"] = len(new_commits)
        out["commits_duplicate"] = len(c_rows) - len(new_commits)
        out["lines"] = _insert_lines(conn, new_commits, by_key)

    if findings:
        f_cols = set(F.c.keys()) - {"id"}
        f_rows = []
        for f in findings:
            row = {k: v for k, v in f.items() if k in f_cols}
            row["source"], row["source_id"] = source, f["id"]
            if identity is not None:  # like its exchanges: a token speaks for its developer
                row["developer"] = identity
            f_rows.append(row)
        ins = _insert(conn, F)
        # a later sync reports what moved in the finding's life: fixed, completed by its
        # commit (where it now is), dismissed
        stmt = ins.on_conflict_do_update(
            index_elements=["source", "source_id"],
            set_={k: ins.excluded[k] for k in (
                "fixed_sha", "fixed_at", "origin", "severity", "confidence", "message",
                "exchange_id", "repo", "commit_sha", "path", "line", "fingerprint",
                "developer", "accepted_at", "committed_at", "dismissed_at", "dismissed_by",
                "dismiss_reason", "updated_at")})
        for part in _chunks(f_rows, 1000):
            conn.execute(stmt, part)
        out["findings"] = len(f_rows)
    return out


def _insert_lines(conn: Connection, new_commits: dict[tuple[str, str], int],
                  by_key: dict[tuple[str, str], dict[str, Any]]) -> int:
    """Lines of the commits that were new, with snippet ids translated to this store's."""
    wanted = {(ln[4], ln[5]) for key in new_commits for ln in by_key[key].get("lines", ())
              if ln[4] is not None and ln[5] is not None}
    snippet_ids: dict[tuple[str, int], int] = {}
    eids = sorted({e for e, _ in wanted})
    for part in _chunks(eids, 500):
        q = select(S.c.exchange_id, S.c.ordinal, S.c.id).where(S.c.exchange_id.in_(part))
        for eid, ordinal, sid in conn.execute(q):
            snippet_ids[(eid, ordinal)] = sid
    rows = []
    for key, cid in new_commits.items():
        for path, lineno, origin, conf, eid, ordinal, lang in by_key[key].get("lines", ()):
            rows.append({"commit_id": cid, "path": path, "lineno": lineno, "origin": origin,
                         "confidence": conf, "exchange_id": eid, "language": lang,
                         "snippet_id": snippet_ids.get((eid, ordinal)) if eid else None})
    accepted = {r["snippet_id"] for r in rows if r["snippet_id"] is not None}
    rollup.snippets(conn, accepted, -1)  # a snippet counts as accepted once a line uses it
    _insert_all(conn, L, rows)
    # repository-less snippets go to the first repository whose commit uses them (see
    # store.fingerprint_index), in the order the sender listed its commits
    cid_repo = {cid: repo for (repo, _), cid in new_commits.items()}
    claims: dict[int, set[int]] = {}
    for r in rows:
        if r["snippet_id"] is not None and r["origin"] != HUMAN:
            claims.setdefault(r["commit_id"], set()).add(r["snippet_id"])
    for key in by_key:
        got = new_commits.get(key)
        if got is not None and got in claims:
            claim_snippets(conn, cid_repo[got], claims[got])
    rollup.commits(conn, new_commits.values())
    rollup.snippets(conn, accepted)
    return len(rows)


def existing_ids(conn: Connection, ids: list[str]) -> set[str]:
    """Which of these exchange ids the store already holds."""
    found: set[str] = set()
    for part in _chunks(ids, 1000):
        found.update(r[0] for r in conn.execute(select(E.c.id).where(E.c.id.in_(part))))
    return found


__all__ = ["existing_ids", "ingest"]
