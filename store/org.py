"""Org-server state: API tokens, roles, teams, org settings, the audit log, retention.

Tokens are 256-bit random strings shown once at creation. Only ``hp1:`` + HMAC-SHA256
(server pepper, token) is stored: the token has full entropy so a slow hash buys nothing,
and the pepper (a file on the server host, not in the database) means a leaked database
alone does not let anyone test guesses. The lookup is by hash (indexed); the final
comparison is constant-time anyway so that no timing difference depends on the secret.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import delete, func, text, update
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from store import rollup
from store.models import (
    AuditRow,
    CommitRow,
    ExchangeRow,
    FindingRow,
    FingerprintRow,
    LineRow,
    OrgSettingRow,
    PullRequestRow,
    SnippetRow,
    TeamMemberRow,
    TokenRow,
)

ROLES = ("developer", "security", "admin")
TOKEN_PREFIX = "aip_"  # noqa: S105 - a public prefix, not a secret
HASH_VERSION = "hp1"
SYNC_MODES = ("full", "redacted", "metadata")
DEFAULTS = {"retention_days": "365", "sync_mode": "redacted"}
MAX_RETENTION_DAYS = 36_500  # a century; the purge's cutoff (and the audit log's, twice as far
# back) must stay a date


def utcnow() -> datetime:
    """Now, aware UTC (the store's datetime columns refuse naive values)."""
    return datetime.now(UTC)


@dataclass(frozen=True)
class Principal:
    """Who is calling: the identity a valid token stands for."""

    token_id: int
    name: str
    developer: str
    team: str | None
    role: str

    @property
    def sees_all(self) -> bool:
        return self.role in ("security", "admin")


# -- pepper and hashing -------------------------------------------------------------------


def load_pepper(home: Path) -> bytes:
    """The server's pepper from ``home/server_pepper`` (created 0600 on first use)."""
    from aiprov.settings import write_secret

    path = home / "server_pepper"
    if not path.exists():
        write_secret(path, secrets.token_hex(32).encode())
    data = path.read_bytes().strip()
    if len(data) < 32:
        raise ValueError(f"{path} is too short to be a pepper; delete it to make a new one "
                         "(every token must then be re-issued)")
    return data


def hash_token(token: str, pepper: bytes) -> str:
    digest = hmac.new(pepper, token.encode(), hashlib.sha256).hexdigest()
    return f"{HASH_VERSION}:{digest}"


def new_token() -> str:
    return TOKEN_PREFIX + secrets.token_urlsafe(32)


# -- tokens -------------------------------------------------------------------------------


def create_token(session: Session, pepper: bytes, *, name: str, developer: str = "",
                 role: str = "developer", team: str | None = None) -> tuple[str, TokenRow]:
    """A new token (returned in clear once) and its stored row; the caller commits."""
    if role not in ROLES:
        raise ValueError(f"role must be one of {', '.join(ROLES)}, got {role!r}")
    if role == "developer" and not developer:
        raise ValueError("a developer token needs --developer (the identity its records carry)")
    token = new_token()
    row = TokenRow(token_hash=hash_token(token, pepper), name=name, developer=developer,
                   team=team, role=role, created_at=utcnow())
    session.add(row)
    if team and developer:
        set_team(session, developer, team)
    session.flush()
    return token, row


def authenticate(session: Session, pepper: bytes, token: str) -> Principal | None:
    """The principal for ``token``, or None when it is unknown or revoked."""
    if not token.startswith(TOKEN_PREFIX):
        return None
    h = hash_token(token, pepper)
    row = session.exec(select(TokenRow).where(TokenRow.token_hash == h)).first()
    if row is None or not hmac.compare_digest(row.token_hash, h) or row.revoked_at is not None:
        return None
    team = row.team or team_of(session, row.developer)
    return Principal(token_id=int(row.id or 0), name=row.name, developer=row.developer,
                     team=team, role=row.role)


def list_tokens(session: Session) -> list[TokenRow]:
    return list(session.exec(select(TokenRow).order_by(col(TokenRow.id))).all())


def revoke_token(session: Session, token_id: int) -> bool:
    stmt = (update(TokenRow).where(col(TokenRow.id) == token_id, col(TokenRow.revoked_at).is_(None))
            .values(revoked_at=utcnow()))
    return bool(session.connection().execute(stmt).rowcount)


# -- teams and settings -------------------------------------------------------------------


def set_team(session: Session, developer: str, team: str | None) -> None:
    row = session.get(TeamMemberRow, developer)
    if team is None:
        if row is not None:
            session.delete(row)
        return
    if row is None:
        session.add(TeamMemberRow(developer=developer, team=team))
    else:
        row.team = team
        session.add(row)


def team_of(session: Session, developer: str) -> str | None:
    row = session.get(TeamMemberRow, developer) if developer else None
    return row.team if row else None


def teams(session: Session) -> dict[str, str]:
    rows = session.exec(select(TeamMemberRow)).all()
    return {r.developer: r.team for r in rows}


def get_setting(session: Session, key: str) -> str:
    row = session.get(OrgSettingRow, key)
    return row.value if row else DEFAULTS.get(key, "")


def set_setting(session: Session, key: str, value: str) -> None:
    if key == "retention_days" and not (value.isascii() and value.isdigit()
                                        and 1 <= int(value) <= MAX_RETENTION_DAYS):
        raise ValueError(f"retention_days must be a whole number of days from 1 to "
                         f"{MAX_RETENTION_DAYS:,}")
    if key == "sync_mode" and value not in SYNC_MODES:
        raise ValueError(f"sync_mode must be one of {', '.join(SYNC_MODES)}")
    row = session.get(OrgSettingRow, key)
    if row is None:
        session.add(OrgSettingRow(key=key, value=value))
    else:
        row.value = value
        session.add(row)


# -- audit --------------------------------------------------------------------------------


def audit(session: Session, actor: Principal, action: str, target: str, detail: str = "") -> None:
    """Record one access (the caller commits with the read it describes)."""
    who = f"{actor.developer or actor.name} ({actor.role}, token {actor.token_id})"
    session.add(AuditRow(at=utcnow(), actor=who[:320], action=action[:64], target=target[:200],
                         detail=detail))


def audit_log(session: Session, *, limit: int = 200) -> list[AuditRow]:
    q = select(AuditRow).order_by(col(AuditRow.id).desc()).limit(limit)
    return list(session.exec(q).all())


# -- retention ----------------------------------------------------------------------------


@dataclass(frozen=True)
class PurgeResult:
    cutoff: datetime
    exchanges: int
    snippets: int
    fingerprints: int
    commits: int
    lines: int
    findings: int
    audit: int


def purge(session: Session, days: int | None = None, *, now: datetime | None = None,
          chunk: int = 5000) -> PurgeResult:
    """Delete records older than ``days`` (the org's setting by default) and commit.

    Exchanges go with their snippets and fingerprints; commits with their lines; findings by
    the time they were found, pull-request reviews by theirs; the audit log is kept twice as
    long as the records it talks about. Deletes run in chunks so a large purge does not hold
    one huge transaction; each chunk takes its rows out of the report rollup in the same
    transaction.
    """
    days = int(get_setting(session, "retention_days")) if days is None else days
    cutoff = (now or utcnow()) - timedelta(days=days)
    counts = dict(exchanges=0, snippets=0, fingerprints=0, commits=0, lines=0, findings=0)

    def run(stmt) -> int:  # type: ignore[no-untyped-def]
        return int(session.connection().execute(stmt).rowcount or 0)

    while True:
        ids = list(session.exec(select(ExchangeRow.id).where(col(ExchangeRow.started_at) < cutoff)
                                .limit(chunk)).all())
        if not ids:
            break
        conn = session.connection()
        rollup.exchanges(conn, ids, -1)
        rollup.snippets(conn, of_exchanges=ids, sign=-1)
        rollup.lines_of_exchanges(conn, ids, -1)  # lines that stay lose their model and tool
        sids = select(SnippetRow.id).where(col(SnippetRow.exchange_id).in_(ids))
        counts["fingerprints"] += run(delete(FingerprintRow)
                                      .where(col(FingerprintRow.snippet_id).in_(sids)))
        counts["snippets"] += run(delete(SnippetRow).where(col(SnippetRow.exchange_id).in_(ids)))
        counts["exchanges"] += run(delete(ExchangeRow).where(col(ExchangeRow.id).in_(ids)))
        rollup.lines_of_exchanges(conn, ids)
        session.commit()
    while True:
        cids = list(session.exec(select(CommitRow.id).where(col(CommitRow.committed_at) < cutoff)
                                 .limit(chunk)).all())
        if not cids:
            break
        conn = session.connection()
        ids_ = [int(c) for c in cids if c is not None]
        used = rollup.snippets_of_commits(conn, ids_)  # may stop counting as accepted
        rollup.commits(conn, ids_, -1)
        rollup.snippets(conn, used, -1)
        counts["lines"] += run(delete(LineRow).where(col(LineRow.commit_id).in_(cids)))
        counts["commits"] += run(delete(CommitRow).where(col(CommitRow.id).in_(cids)))
        rollup.snippets(conn, used)
        session.commit()
    counts["findings"] = run(delete(FindingRow).where(col(FindingRow.found_at) < cutoff))
    run(delete(PullRequestRow).where(col(PullRequestRow.reviewed_at) < cutoff))
    audit_rows = run(delete(AuditRow).where(col(AuditRow.at) < cutoff - timedelta(days=days)))
    session.commit()
    return PurgeResult(cutoff=cutoff, audit=audit_rows, **counts)


# -- PostgreSQL-only indexes ----------------------------------------------------------------


def ensure_search_index(engine: Engine) -> bool:
    """On PostgreSQL, a trigram index so free-text search over snippets uses an index.

    Alembic's one revision is generated from the models on SQLite, which cannot express a
    GIN index, so it lives here and runs after every upgrade on the server. Returns whether
    the index exists; without the pg_trgm extension search still works, by a scan.
    """
    if engine.dialect.name != "postgresql":
        return False
    try:
        with engine.begin() as conn:
            conn.execute(text("CREATE EXTENSION IF NOT EXISTS pg_trgm"))
            conn.execute(text("CREATE INDEX IF NOT EXISTS ix_snippet_text_trgm ON snippet "
                              "USING gin (text gin_trgm_ops)"))
        return True
    except Exception:  # noqa: BLE001 - extension not installable: search falls back to a scan
        return False


def count(session: Session, model: type) -> int:
    return int(session.exec(select(func.count()).select_from(model)).one())
