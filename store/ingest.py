"""Bulk, idempotent ingest of synced records into the org store (SQLite or PostgreSQL).

Each table is written with one multi-row ``INSERT ... ON CONFLICT DO NOTHING RETURNING``:
only rows that were new come back, and only their children (snippets of new exchanges,
fingerprints of new snippets, lines of new commits) are inserted, so a retried batch is a
no-op. Findings are upserted by (sender, local id) because a later sync may report one as
fixed. Local integer ids (snippet ids in lines) are translated through the record keys.
The report rollup (``store.rollup``) is kept in the same transaction, from the new rows
only, so a retried batch adds nothing to it either.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any

from sqlalchemy import Table, select
from sqlalchemy.engine import Connection

from store import rollup
from store.models import (
    CommitRow,
    ExchangeRow,
    FindingRow,
    FingerprintRow,
    LineRow,
    SnippetRow,
)

E: Table = ExchangeRow.__table__  # type: ignore[attr-defined]
S: Table = SnippetRow.__table__  # type: ignore[attr-defined]
FP: Table = FingerprintRow.__table__  # type: ignore[attr-defined]
C: Table = CommitRow.__table__  # type: ignore[attr-defined]
L: Table = LineRow.__table__  # type: ignore[attr-defined]
F: Table = FindingRow.__table__  # type: ignore[attr-defined]


def _insert(conn: Connection, table: Table):  # type: ignore[no-untyped-def]
    if conn.dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    else:
        from sqlalchemy.dialects.sqlite import insert
    return insert(table)


def _chunks(rows: list[Any], n: int) -> Iterable[list[Any]]:
    for i in range(0, len(rows), n):
        yield rows[i:i + n]


def ingest(conn: Connection, *, exchanges: list[dict[str, Any]], commits: list[dict[str, Any]],
           findings: list[dict[str, Any]], source: str, identity: str | None,
           now: datetime) -> dict[str, int]:
    """Write one batch in the caller's transaction; returns counts of new rows.

    ``identity``: when set, every exchange, snippet and commit is recorded as this developer's
    (a developer's token speaks only for its developer). ``source`` keys findings.
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
        rollup.lines_of_exchanges(conn, by_id, -1)
        stmt = _insert(conn, E).on_conflict_do_nothing(index_elements=["id"]).returning(E.c.id)
        new_ids = {r[0] for r in conn.execute(stmt, ex_rows)}
        rollup.exchanges(conn, new_ids)
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
        stmt = (_insert(conn, S).on_conflict_do_nothing(index_elements=["exchange_id", "ordinal"])
                .returning(S.c.id, S.c.exchange_id, S.c.ordinal))
        fp_rows = []
        for sid, eid, ordinal in conn.execute(stmt, sn_rows):
            out["snippets"] += 1
            fp_rows.extend({"hash": h, "snippet_id": sid, "line": ln}
                           for h, ln in fps_by_key.get((eid, ordinal), ()))
        if fp_rows:
            conn.execute(_insert(conn, FP), fp_rows)
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
        stmt = (_insert(conn, C).on_conflict_do_nothing(index_elements=["repo", "sha"])
                .returning(C.c.id, C.c.repo, C.c.sha))
        new_commits = {(repo, sha): cid for cid, repo, sha in conn.execute(stmt, c_rows)}
        out["commits"] = len(new_commits)
        out["commits_duplicate"] = len(c_rows) - len(new_commits)
        out["lines"] = _insert_lines(conn, new_commits, by_key)

    if findings:
        f_cols = set(F.c.keys()) - {"id"}
        f_rows = []
        for f in findings:
            row = {k: v for k, v in f.items() if k in f_cols}
            row["source"], row["source_id"] = source, f["id"]
            f_rows.append(row)
        ins = _insert(conn, F)
        stmt = ins.on_conflict_do_update(
            index_elements=["source", "source_id"],
            set_={k: ins.excluded[k] for k in ("fixed_sha", "fixed_at", "origin", "severity",
                                               "confidence", "message", "exchange_id")})
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
    if rows:
        conn.execute(_insert(conn, L), rows)
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
