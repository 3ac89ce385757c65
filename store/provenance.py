"""Snippets, fingerprints and attributed commits in the store.

- ``index_exchange`` cuts a recorded exchange into snippets and stores them with their
  winnowed fingerprints, inside the caller's transaction (the recorder's batch).
- ``SqlSnippetIndex`` is the attribution core's ``SnippetIndex`` over the store: one
  indexed query on ``fingerprint.hash`` (see ``store.fingerprint_index``), restricted to one
  developer, one repository, a time window and the current normaliser version.
- ``save_commit`` / ``lines_for`` keep the line map of attributed commits for reports and
  blame (the git note is the copy that travels with the repository). Saving a commit also
  claims the repository-less snippets its lines came from (``claim_snippets``; the rule is
  in ``store.fingerprint_index``).

Identity rule: a snippet is stored with the exchange's ``developer`` (as the proxy saw it:
the configured developer or git ``user.email``) and ``repo`` = ``provenance.git.normalise_repo``
of the repository the exchange was made in -- the normalised ``remote.origin.url``
(``github.com/org/name``, stable across clones) or, without a remote, the absolute path of the
work tree. The hook looks up with ``provenance.git.repo_id`` of the committing repository,
which applies the same rule, so the two meet. Stored fingerprints carry the normaliser version
(``snippet.normaliser``): a new version simply stops matching older rows until they are
re-indexed.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import delete, insert, update
from sqlmodel import Session, col, select

from provenance.model import AI, AI_EDITED, HUMAN, LineOrigin, Snippet
from proxy.exchange import Exchange
from store import rollup
from store.fingerprint_index import DbapiSnippetIndex
from store.models import CommitRow, FingerprintRow, LineRow, SnippetRow
from store.tables import S


def _utc(ts: float | datetime) -> datetime:
    """Aware UTC (the store's datetime columns refuse naive values; naive input is UTC)."""
    if isinstance(ts, datetime):
        return ts.astimezone(UTC) if ts.tzinfo else ts.replace(tzinfo=UTC)
    return datetime.fromtimestamp(ts, UTC)


def index_snippets(
    session: Session,
    exchange_id: str,
    snippets: Sequence[Snippet],
    *,
    created_at: datetime,
    developer: str,
    repo: str | None,
) -> list[SnippetRow]:
    """Store ``snippets`` of one exchange with their fingerprints (the caller commits)."""
    from provenance import fingerprint
    from provenance.git import normalise_repo

    repo_norm = normalise_repo(repo) if repo else None
    ordinals = [s.ordinal for s in snippets]
    unique = len(set(ordinals)) == len(ordinals)
    rows = [
        SnippetRow(
            exchange_id=exchange_id,
            ordinal=s.ordinal if unique else i,
            kind=s.kind,
            language=s.language,
            path=s.path,
            text=s.text,
            line_count=s.text.count("\n") + (0 if s.text.endswith("\n") else 1),
            created_at=_utc(created_at),
            developer=developer,
            repo=repo_norm,
            normaliser=fingerprint.VERSION,
        )
        for i, s in enumerate(snippets)
    ]
    session.add_all(rows)
    session.flush()
    rollup.snippets(session.connection(), [int(r.id) for r in rows if r.id is not None])
    fps: list[dict[str, Any]] = []
    for row, s in zip(rows, snippets, strict=True):
        seen: set[tuple[int, int]] = set()
        for fp in fingerprint.fingerprints(s.text, s.language):
            key = (fp.hash, fp.line)
            if key not in seen:
                seen.add(key)
                fps.append({"hash": fp.hash, "snippet_id": row.id, "line": fp.line})
    if fps:
        session.execute(insert(FingerprintRow), fps)
    return rows


def index_exchange(session: Session, ex: Exchange) -> int:
    """Cut ``ex`` into snippets and store them with fingerprints; returns the snippet count.

    Runs in the caller's session and transaction; re-indexing an exchange that already has
    snippets does nothing (replaying a spool file twice stores nothing twice).
    """
    from provenance.snippets import extract_exchange

    exists = session.exec(
        select(SnippetRow.id).where(SnippetRow.exchange_id == ex.id).limit(1)
    ).first()
    if exists is not None:
        return 0
    snippets = extract_exchange(ex)
    if not snippets:
        return 0
    index_snippets(session, ex.id, snippets, created_at=_utc(ex.started_at),
                   developer=ex.identity.developer, repo=ex.identity.repo)
    return len(snippets)


def index_exchanges(session: Session, exchanges: Sequence[Exchange],
                    cut: Mapping[str, Sequence[Snippet]] | None = None) -> int:
    """``index_exchange`` for a batch of exchanges that were just inserted (so have no
    snippets yet): snippets are cut in Python, then inserted with two statements for the
    whole batch instead of a flush per exchange. Returns the snippet count. An exchange
    whose suggestion cannot be cut is skipped (its record stands). ``cut`` holds snippets
    the caller already cut, by exchange id (the recorder cuts them once to review them)."""
    import logging

    from provenance import fingerprint
    from provenance.git import normalise_repo
    from provenance.snippets import extract_exchange

    rows: list[dict[str, Any]] = []
    texts: list[tuple[str, str | None]] = []
    for ex in exchanges:
        try:
            snippets = cut[ex.id] if cut is not None and ex.id in cut else extract_exchange(ex)
        except Exception as exc:  # noqa: BLE001 - one odd answer must not cost the batch
            logging.getLogger("aiprov.store").warning("snippets of %s: %r", ex.id, exc)
            continue
        ordinals = [s.ordinal for s in snippets]
        unique = len(set(ordinals)) == len(ordinals)
        repo = normalise_repo(ex.identity.repo) if ex.identity.repo else None
        for i, sn in enumerate(snippets):
            rows.append({
                "exchange_id": ex.id, "ordinal": sn.ordinal if unique else i, "kind": sn.kind,
                "language": sn.language, "path": sn.path, "text": sn.text,
                "line_count": sn.text.count("\n") + (0 if sn.text.endswith("\n") else 1),
                "created_at": _utc(ex.started_at), "developer": ex.identity.developer,
                "repo": repo, "normaliser": fingerprint.VERSION,
            })
            texts.append((sn.text, sn.language))
    if not rows:
        return 0
    table = SnippetRow.__table__  # type: ignore[attr-defined]
    ids = session.execute(insert(table).returning(table.c.id, sort_by_parameter_order=True),
                          rows).scalars().all()
    rollup.snippets(session.connection(), ids)
    fps: list[dict[str, Any]] = []
    for snippet_id, (text, language) in zip(ids, texts, strict=True):
        seen: set[tuple[int, int]] = set()
        for fp in fingerprint.fingerprints(text, language):
            if (fp.hash, fp.line) not in seen:
                seen.add((fp.hash, fp.line))
                fps.append({"hash": fp.hash, "snippet_id": snippet_id, "line": fp.line})
    if fps:
        session.execute(insert(FingerprintRow.__table__), fps)  # type: ignore[attr-defined]
    return len(rows)


class SqlSnippetIndex(DbapiSnippetIndex):
    """``SnippetIndex`` over the store behind a SQLModel session.

    ``developer``/``repo`` None means any; ``since`` None means no window. Only fingerprints
    of the current normaliser version (``provenance.fingerprint.VERSION``) are matched.
    """

    def __init__(self, session: Session, *, developer: str | None, repo: str | None,
                 since: datetime | None, until: datetime | None = None,
                 normaliser: str | None = None) -> None:
        if normaliser is None:
            from provenance import fingerprint

            normaliser = fingerprint.VERSION
        conn = session.connection()
        dialect = conn.dialect.name
        raw = conn.connection.driver_connection
        super().__init__(raw, "postgresql" if dialect.startswith("postgres") else dialect,
                         normaliser=normaliser, developer=developer,
                         repo=repo, since=since, until=until)


def claim_snippets(conn: Any, repo: str, ids: Collection[int]) -> int:
    """Give the snippets among ``ids`` that were recorded without a repository to ``repo``:
    from now on they match only there (``store.fingerprint_index``). Already claimed or
    recorded ones keep theirs. The caller runs this in the transaction that stores the lines
    pointing at them, between its two rollup passes (the rollup keys snippets by repository).
    Returns how many were claimed."""
    wanted = sorted({int(i) for i in ids})
    n = 0
    for i in range(0, len(wanted), 500):
        part = wanted[i : i + 500]
        # the first committer wins: a concurrent claim re-checks ``repo IS NULL`` under the
        # row lock (PostgreSQL) or the database lock (SQLite) and updates nothing
        n += conn.execute(update(S).where(S.c.id.in_(part), S.c.repo.is_(None))
                          .values(repo=repo)).rowcount or 0
    return n


def save_commit(
    session: Session,
    repo: str,
    sha: str,
    author: str,
    committed_at: datetime,
    origins: Sequence[LineOrigin],
    *,
    note_json: str = "{}",
) -> CommitRow:
    """Store (or replace) the line map of one commit; idempotent per (repo, sha)."""
    from provenance.languages import language_for_path

    row = session.exec(
        select(CommitRow).where(CommitRow.repo == repo, CommitRow.sha == sha)
    ).first()
    counts = {AI: 0, AI_EDITED: 0, HUMAN: 0}
    for o in origins:
        counts[o.origin] = counts.get(o.origin, 0) + 1
    # the rollup: take away what the old commit counted, add back what the new one counts
    conn = session.connection()
    new_snippets = {int(o.evidence[0].snippet_id) for o in origins
                    if o.evidence and o.evidence[0].snippet_id.isdigit()}
    claimed = {int(o.evidence[0].snippet_id) for o in origins if o.origin != HUMAN
               and o.evidence and o.evidence[0].snippet_id.isdigit()}
    if row is None:
        row = CommitRow(repo=repo, sha=sha, committed_at=_utc(committed_at))
        touched = new_snippets
    else:
        touched = new_snippets | rollup.snippets_of_commits(conn, [int(row.id or 0)])
        rollup.commits(conn, [int(row.id or 0)], -1)
    rollup.snippets(conn, touched, -1)
    if row.id is not None:
        session.exec(delete(LineRow).where(col(LineRow.commit_id) == row.id))  # type: ignore[call-overload]
    row.author = author
    row.committed_at = _utc(committed_at)
    row.ai_lines, row.ai_edited_lines = counts[AI], counts[AI_EDITED]
    row.human_lines = counts[HUMAN]
    row.note_json = note_json
    row.synced_at = None
    session.add(row)
    session.flush()
    langs: dict[str, str | None] = {}
    lines = []
    for o in origins:
        ev = o.evidence[0] if o.evidence else None
        if o.path not in langs:
            langs[o.path] = language_for_path(o.path)
        lines.append({
            "commit_id": row.id, "path": o.path, "lineno": o.lineno, "origin": o.origin,
            "confidence": o.confidence,
            "snippet_id": int(ev.snippet_id) if ev and ev.snippet_id.isdigit() else None,
            "exchange_id": ev.exchange_id if ev else None, "language": langs[o.path],
        })
    if lines:
        session.execute(insert(LineRow), lines)
    claim_snippets(conn, repo, claimed)  # inside the rollup's -1/+1 pass over ``touched``
    rollup.commits(conn, [int(row.id or 0)])
    rollup.snippets(conn, touched)
    return row


def snippets_of(session: Session, exchange_id: str) -> list[SnippetRow]:
    """The snippets of one exchange, in their order."""
    q = (select(SnippetRow).where(SnippetRow.exchange_id == exchange_id)
         .order_by(col(SnippetRow.ordinal)))
    return list(session.exec(q).all())


def get_commit(session: Session, repo: str, sha: str) -> CommitRow | None:
    return session.exec(
        select(CommitRow).where(CommitRow.repo == repo, CommitRow.sha == sha)
    ).first()


def lines_for(session: Session, repo: str, sha: str, path: str | None = None) -> list[LineRow]:
    """Attributed lines of one commit (optionally one file), in file order."""
    stmt = (
        select(LineRow)
        .join(CommitRow, col(CommitRow.id) == col(LineRow.commit_id))
        .where(CommitRow.repo == repo, CommitRow.sha == sha)
    )
    if path is not None:
        stmt = stmt.where(LineRow.path == path)
    return list(session.exec(stmt.order_by(col(LineRow.path), col(LineRow.lineno))).all())


def commits_lines(session: Session, repo: str, shas: Sequence[str],
                  path: str | None = None) -> dict[str, list[LineRow]]:
    """``lines_for`` over many commits with one query (what blame needs)."""
    if not shas:
        return {}
    stmt = (
        select(CommitRow.sha, LineRow)
        .join(CommitRow, col(CommitRow.id) == col(LineRow.commit_id))
        .where(CommitRow.repo == repo, col(CommitRow.sha).in_(list(shas)))
    )
    if path is not None:
        stmt = stmt.where(LineRow.path == path)
    out: dict[str, list[LineRow]] = {}
    for sha, line in session.exec(stmt.order_by(col(LineRow.lineno))).all():
        out.setdefault(sha, []).append(line)
    return out
