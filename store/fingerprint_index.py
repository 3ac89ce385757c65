"""The fingerprint lookup, on a plain DB-API connection: one indexed query per commit.

``SnippetIndex`` for the attribution core, backed by the ``fingerprint`` and ``snippet``
tables (``store.models``). The same class serves the CLI (``store.provenance.SqlSnippetIndex``
hands it the connection under a SQLAlchemy session) and the git hook, which opens the
database with ``sqlite3``/``psycopg`` directly: importing SQLAlchemy and SQLModel costs
~0.4 s, more than the hook's whole time budget, so this module imports neither.

The lookup cost is proportional to the query: ``fingerprint.hash`` is indexed
(``ix_fingerprint_hash``), the query's hashes are matched through that index, and only the
matching rows are joined to their snippets and filtered (same developer, same repository
or none recorded, inside the window, current normaliser). History size enters only through
hash collisions.

Suggestions recorded without a repository (aider and bare SDKs never say where they run)
are *claimed*: such a snippet matches in any repository of its developer (aliases included)
inside the attribution window until a commit attributes a line to it; saving that commit
sets the snippet's repository to the commit's, in the transaction that stores the commit's
lines (``store.provenance.claim_snippets``, also on the org server's ingest), and from then
on it matches there only. A suggestion is applied in one working tree, so the first
repository whose commit uses it is where it was made; without the claim one aider edit
would be attributed again in every other repository of that developer where the same code
turns up (a copied helper, a vendored file). A shorter window alone was the other option,
and was refused: it narrows the damage without removing it, and shrinks recall for the
common case (aider commits right after its edit, but a person may commit a bare-SDK
suggestion days later). The claim costs no query on the hook's lookup path (the
condition stays ``repo = :repo OR repo IS NULL``) and one ``UPDATE`` when a commit is
saved. What remains: before its first commit, an unclaimed snippet can still match in a
second repository of the same developer, within the window -- the first commit anywhere
claims it.
"""

from __future__ import annotations

import json
import re
from collections.abc import Collection, Iterable
from datetime import UTC, datetime
from typing import Any

from provenance.model import Snippet

_PARAM = re.compile(r"%\((\w+)\)s")
ROW_BUDGET = 5000  # fingerprint rows one candidate query may join (rarest hashes first)
ROWS_PER_HASH = 40  # ... or this many per queried hash, for a commit's whole lookup


def _developer_sql(n: int) -> str:
    """``s.developer`` is one of ``n`` identities (bound as developer0..n-1)."""
    return "s.developer IN (" + ", ".join(f"%(developer{i})s" for i in range(n)) + ")"


def _candidates_sql(dialect: str, *, developer: int, repo: bool, since: bool,
                    until: bool) -> str:
    hashes = ("f.hash IN (SELECT value FROM json_each(%(hashes)s))" if dialect == "sqlite"
              else "f.hash = ANY(%(hashes)s)")
    where = [hashes, "s.normaliser = %(normaliser)s"]
    if developer:
        where.append(_developer_sql(developer))
    if repo:
        # a suggestion recorded without a repository (aider and bare SDKs do not say where
        # they run) counts for the same developer inside the window until a commit claims
        # it for its repository (module docstring)
        where.append("(s.repo = %(repo)s OR s.repo IS NULL)")
    if since:
        where.append("s.created_at >= %(since)s")
    if until:
        where.append("s.created_at <= %(until)s")
    # only fixed fragments are joined; every value is a bound parameter
    # SQLite: CROSS JOIN pins the join order, so the query's hashes drive the lookup through
    # ix_fingerprint_hash (cost ~ matching rows). Left to itself the planner may start from
    # the developer/repo/window index instead, whose cost grows with the developer's history.
    join = "CROSS JOIN" if dialect == "sqlite" else "JOIN"
    return (
        "SELECT f.snippet_id, COUNT(DISTINCT f.hash) AS shared "  # noqa: S608
        f"FROM fingerprint f {join} snippet s ON s.id = f.snippet_id "
        f"WHERE {' AND '.join(where)} "
        "GROUP BY f.snippet_id ORDER BY shared DESC, f.snippet_id DESC LIMIT %(limit)s"
    )


def _postings_sql(dialect: str, *, developer: int, repo: bool, since: bool,
                  until: bool) -> str:
    """Every (hash, snippet) pair of the query's hashes in scope: the whole commit in one
    query (attribution ranks and windows the candidates itself, see ``postings``)."""
    sql = _candidates_sql(dialect, developer=developer, repo=repo, since=since, until=until)
    where = sql[sql.index(" WHERE ") : sql.index(" GROUP BY ")]
    join = "CROSS JOIN" if dialect == "sqlite" else "JOIN"
    return ("SELECT DISTINCT f.hash, f.snippet_id "  # noqa: S608 - fixed fragments only
            f"FROM fingerprint f {join} snippet s ON s.id = f.snippet_id{where}")


def _in_list(n: int, name: str) -> tuple[str, list[str]]:
    keys = [f"{name}{i}" for i in range(n)]
    return ", ".join(f"%({k})s" for k in keys), keys


def _utc(value: Any) -> datetime | None:
    """A datetime column as aware UTC: SQLite gives SQLAlchemy's text (naive, UTC), psycopg a
    datetime; None for anything else."""
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    if not isinstance(value, datetime):
        return None
    return value.astimezone(UTC) if value.tzinfo else value.replace(tzinfo=UTC)


class DbapiSnippetIndex:
    """``SnippetIndex`` over a DB-API connection (sqlite3 or psycopg)."""

    def __init__(
        self,
        conn: Any,
        dialect: str,
        *,
        normaliser: str,
        developer: str | tuple[str, ...] | None = None,
        repo: str | None = None,
        since: datetime | None = None,
        until: datetime | None = None,
    ) -> None:
        if dialect not in ("sqlite", "postgresql"):
            raise ValueError(f"unsupported dialect {dialect!r}")
        self.conn, self.dialect = conn, dialect
        # one developer, or several identities of one developer (aliases, see pipeline)
        self.developers: tuple[str, ...] | None = (
            None if developer is None else (developer,) if isinstance(developer, str)
            else tuple(developer))
        self.developer = self.developers[0] if self.developers else None
        self.normaliser, self.repo = normaliser, repo
        self.since, self.until = since, until
        self._cache: dict[str, Snippet | None] = {}
        self._times: dict[str, float] = {}  # snippet id -> created_at, read with the snippet

    def _exec(self, sql: str, params: dict[str, Any]) -> list[tuple[Any, ...]]:
        if self.dialect == "sqlite":
            sql = _PARAM.sub(r":\1", sql)
        cur = self.conn.cursor()
        try:
            cur.execute(sql, params)
            return list(cur.fetchall())
        finally:
            cur.close()

    def _time_param(self, t: datetime | None) -> Any:
        if t is None:
            return None
        t = t.astimezone(UTC) if t.tzinfo else t.replace(tzinfo=UTC)  # naive means UTC
        # SQLite keeps UTC as text in SQLAlchemy's form (no offset); compare like with like
        return t.strftime("%Y-%m-%d %H:%M:%S.%f") if self.dialect == "sqlite" else t

    def _params(self, hashes: list[int], limit: int) -> tuple[str, dict[str, Any]]:
        sql = _candidates_sql(self.dialect, developer=len(self.developers or ()),
                              repo=self.repo is not None, since=self.since is not None,
                              until=self.until is not None)
        params: dict[str, Any] = {
            "hashes": json.dumps(hashes) if self.dialect == "sqlite" else hashes,
            "normaliser": self.normaliser, "repo": self.repo,
            "since": self._time_param(self.since), "until": self._time_param(self.until),
            "limit": int(limit),
        }
        params.update({f"developer{i}": d for i, d in enumerate(self.developers or ())})
        return sql, params

    def _scope_sql(self) -> tuple[str, dict[str, Any]]:
        """The repository/window/normaliser conditions on ``snippet s`` (no developer)."""
        where = ["s.normaliser = %(normaliser)s", "s.repo = %(repo)s"]
        if self.since is not None:
            where.append("s.created_at >= %(since)s")
        if self.until is not None:
            where.append("s.created_at <= %(until)s")
        return " AND ".join(where), {"normaliser": self.normaliser, "repo": self.repo,
                                     "since": self._time_param(self.since),
                                     "until": self._time_param(self.until)}

    def has_own(self) -> bool:
        """Whether this index's developer(s) have any suggestion recorded in scope (one
        indexed lookup); True when the index is not restricted to a developer."""
        if not self.developers or self.repo is None:
            return True
        where, params = self._scope_sql()
        params.update({f"developer{i}": d for i, d in enumerate(self.developers)})
        where = where.replace("s.repo = %(repo)s", "(s.repo = %(repo)s OR s.repo IS NULL)")
        sql = (f"SELECT 1 FROM snippet s WHERE {_developer_sql(len(self.developers))} "  # noqa: S608
               f"AND {where} LIMIT 1")
        return bool(self._exec(sql, params))

    def identities(self, *, unclaimed: bool = False) -> dict[str, int]:
        """developer -> suggestions recorded for this repository in the window, whoever made
        them (who else the proxy saw in this repository); with ``unclaimed``, also those
        recorded without a repository that no commit has claimed yet (they would match here:
        aider's, under the proxy's identity, while the repository has its own email)."""
        if self.repo is None:
            return {}
        where, params = self._scope_sql()
        if unclaimed:
            where = where.replace("s.repo = %(repo)s", "(s.repo = %(repo)s OR s.repo IS NULL)")
        sql = (f"SELECT s.developer, COUNT(*) FROM snippet s WHERE {where} "  # noqa: S608
               "GROUP BY s.developer")
        return {str(d): int(n) for d, n in self._exec(sql, params) if d}

    def candidates(self, hashes: Collection[int], *, limit: int = 50) -> list[tuple[str, int]]:
        """Snippets sharing fingerprints with the query, most shared first."""
        hs = sorted({int(h) for h in hashes})
        if not hs:
            return []
        hs = self._drop_common(hs)
        if not hs:
            return []
        sql, params = self._params(hs, limit)
        return [(str(sid), int(n)) for sid, n in self._exec(sql, params)]

    def postings(self, hashes: Collection[int], *,
                 budget: int | None = None) -> dict[int, list[str]]:
        """hash -> ids of the snippets in scope that have it, for all of a commit's hashes at
        once. The most common hashes are left out so that at most ``budget`` fingerprint rows
        are joined (default: ``ROW_BUDGET``, or ``ROWS_PER_HASH`` per queried hash for a big
        commit); a left-out hash is an idiom, and attribution needs rare ones."""
        hs = sorted({int(h) for h in hashes})
        if not hs:
            return {}
        hs = self._drop_common(hs, budget or max(ROW_BUDGET, ROWS_PER_HASH * len(hs)))
        if not hs:
            return {}
        sql = _postings_sql(self.dialect, developer=len(self.developers or ()),
                            repo=self.repo is not None, since=self.since is not None,
                            until=self.until is not None)
        _, params = self._params(hs, 0)
        out: dict[int, list[str]] = {}
        for h, sid in self._exec(sql, params):
            out.setdefault(int(h), []).append(str(sid))
        return out

    def _drop_common(self, hs: list[int], budget: int = ROW_BUDGET) -> list[int]:
        """The query's hashes minus the most common ones, so that the join reads at most
        ``ROW_BUDGET`` fingerprint rows.

        Counting reads only the hash index (no join), so it stays cheap where the join would
        not. The hashes dropped first are the most frequent: a k-gram stored thousands of
        times is an idiom and says little about where a line came from (MOSS ignores such
        k-grams for the same reason); following it would make the lookup's cost grow with
        history. With a small store nothing is dropped.
        """
        sql = (("SELECT hash, COUNT(*) FROM fingerprint WHERE hash IN "
                "(SELECT value FROM json_each(%(hashes)s)) GROUP BY hash")
               if self.dialect == "sqlite" else
               "SELECT hash, COUNT(*) FROM fingerprint WHERE hash = ANY(%(hashes)s) GROUP BY hash")
        rows = self._exec(sql, {"hashes": json.dumps(hs) if self.dialect == "sqlite" else hs})
        total = sum(int(n) for _, n in rows)
        if total <= budget:
            return [int(h) for h, _ in rows]
        kept = []
        for h, n in sorted(rows, key=lambda r: (int(r[1]), int(r[0]))):  # rarest first
            if int(n) > budget:
                break
            kept.append(int(h))
            budget -= int(n)
        return kept

    def get(self, snippet_id: str) -> Snippet | None:
        if snippet_id in self._cache:
            return self._cache[snippet_id]
        self.prefetch([snippet_id])
        return self._cache.get(snippet_id)

    def prefetch(self, snippet_ids: Iterable[str]) -> None:
        """Load many snippets with one query (``get`` then answers from memory)."""
        ids = [s for s in dict.fromkeys(snippet_ids) if s not in self._cache and s.isdigit()]
        for i in range(0, len(ids), 500):
            chunk = ids[i : i + 500]
            marks, keys = _in_list(len(chunk), "id")
            rows = self._exec(  # placeholders only: values are bound
                "SELECT s.id, s.text, s.kind, s.language, s.path, s.exchange_id, s.ordinal, "  # noqa: S608
                "s.created_at, e.source FROM snippet s LEFT JOIN exchange e "
                f"ON e.id = s.exchange_id WHERE s.id IN ({marks})",
                {k: int(v) for k, v in zip(keys, chunk, strict=True)})
            for sid, text, kind, language, path, exchange_id, ordinal, created, src in rows:
                self._cache[str(sid)] = Snippet(text=text, kind=kind, language=language,
                                                path=path, exchange_id=exchange_id,
                                                ordinal=ordinal, source=src or "")
                at = _utc(created)
                if at is not None:
                    self._times[str(sid)] = at.timestamp()
            for s in chunk:
                self._cache.setdefault(s, None)

    def suggested_at(self, snippet_id: str) -> float | None:
        """When the snippet was suggested (its ``created_at``, POSIX seconds), for recency
        (``provenance.index``); read by ``prefetch`` with the snippet, no query of its own."""
        return self._times.get(snippet_id)

    def exchange_details(self, exchange_ids: Iterable[str]) -> dict[str, dict[str, Any]]:
        """exchange id -> tool, model, started_at (aware UTC), prompt excerpt."""
        ids = list(dict.fromkeys(e for e in exchange_ids if e))
        out: dict[str, dict[str, Any]] = {}
        for i in range(0, len(ids), 500):
            chunk = ids[i : i + 500]
            marks, keys = _in_list(len(chunk), "id")
            rows = self._exec(  # placeholders only: values are bound
                "SELECT id, tool, model_answered, model_requested, started_at, prompt "  # noqa: S608
                f"FROM exchange WHERE id IN ({marks})", dict(zip(keys, chunk, strict=True)))
            for eid, tool, answered, requested, started, prompt in rows:
                out[eid] = {"tool": tool, "model": answered or requested,
                            "started_at": _utc(started), "prompt": (prompt or "")[:500]}
        return out

    def explain(self, n_hashes: int = 3) -> str:
        """The database's plan for the candidates query (for tests and the benchmark)."""
        sql, params = self._params(list(range(n_hashes)), 50)
        prefix = "EXPLAIN QUERY PLAN " if self.dialect == "sqlite" else "EXPLAIN "
        return "\n".join(" ".join(str(c) for c in row) for row in self._exec(prefix + sql, params))


def connect(db_url: str) -> tuple[Any, str] | None:
    """A DB-API connection for a store URL, or None when the SQLite file does not exist yet
    (nothing recorded, nothing to match)."""
    if db_url.startswith("sqlite:///"):
        import sqlite3
        from pathlib import Path

        path = db_url[len("sqlite:///") :]
        if path != ":memory:" and not Path(path).is_file():
            return None
        conn = sqlite3.connect(path, timeout=5)
        conn.execute("PRAGMA busy_timeout=5000")
        return conn, "sqlite"
    if db_url.startswith(("postgresql+psycopg://", "postgresql://")):
        import psycopg

        url = db_url.replace("postgresql+psycopg://", "postgresql://", 1)
        return psycopg.connect(url, connect_timeout=3, autocommit=True), "postgresql"
    raise ValueError(f"unsupported store URL {db_url.split(':')[0]}:...")
