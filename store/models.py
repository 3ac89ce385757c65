"""SQLModel tables: the only place aiprov's schema is written down.

Ids are storage; values are not: rows are built from the core dataclasses in
``proxy.exchange`` and ``provenance.model`` by the store modules, never passed around the
core. Every table works on SQLite and PostgreSQL; Alembic migrations in
``store/migrations`` are generated from these classes.

The synced records follow the Base / table family of the FastAPI template: ``ExchangeBase``
declares each value column once, with the bounds its column can hold (``INTEGER`` is 32-bit
on PostgreSQL, ``BIGINT`` 64-bit, a ``VARCHAR(n)`` holds n characters); ``ExchangeRow``
adds what only the store has (storage ids, ``synced_at``), and the org server's wire format
(``aiprov.server.wire``) adds what only the wire has (nested records, the sender's ids).
Table models do not validate, so the bounds cost the local writers nothing; the wire
models enforce them on everything that arrives from another machine.

Text columns that hold prompts and suggestions are already redacted when they get here
(``proxy.redact``); API keys arrive only as salted hashes.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import BigInteger, Column, Index, Text, UniqueConstraint
from sqlmodel import Field, SQLModel

INT32_MAX = 2**31 - 1  # INTEGER on PostgreSQL
INT64_MIN, INT64_MAX = -(2**63), 2**63 - 1  # BIGINT


def _text(**kw: object) -> Column:  # long text on both databases
    return Column(Text, **kw)  # type: ignore[arg-type]


def _count(default: int | None = 0) -> Any:
    """A non-negative INTEGER column (a count, an ordinal, a line number, an id)."""
    return Field(default=default, ge=0, le=INT32_MAX)


def _counter(*, big: bool = False) -> Any:
    """A rollup counter: 0 until a write adds to it (each upsert sets only its own)."""
    if big:
        return Field(default=0, sa_type=BigInteger, sa_column_kwargs={"server_default": "0"})
    return Field(default=0, sa_column_kwargs={"server_default": "0"})


class ExchangeBase(SQLModel):
    """The values of one request/response pair seen by the proxy or the intercepting proxy."""

    id: str = Field(primary_key=True, min_length=1, max_length=40)
    started_at: datetime
    developer: str = Field(default="", max_length=320)
    tool: str = Field(default="unknown", max_length=64)
    tool_version: str | None = Field(default=None, max_length=64)
    session_id: str | None = Field(default=None, max_length=200)
    repo: str | None = Field(default=None, max_length=500)
    cwd: str | None = Field(default=None, max_length=1000)
    api: str = Field(max_length=40)
    source: str = Field(default="proxy", max_length=16,  # proxy | intercept
                        sa_column_kwargs={"server_default": "proxy"})
    method: str = Field(default="POST", max_length=10)
    path: str = Field(default="", max_length=500)
    upstream: str = Field(default="", max_length=500)
    stream: bool = False
    status: int = Field(default=0, ge=0, le=999)  # 0: no answer from upstream
    model_requested: str | None = Field(default=None, max_length=200)
    model_answered: str | None = Field(default=None, max_length=200)
    # ms and USD: bounded far past any real exchange, so that sums over them stay finite
    latency_ms: float | None = Field(default=None, ge=0, le=1e9)
    ttft_ms: float | None = Field(default=None, ge=0, le=1e9)
    input_tokens: int | None = _count(None)
    output_tokens: int | None = _count(None)
    cache_read_tokens: int | None = _count(None)
    cache_write_tokens: int | None = _count(None)
    reasoning_tokens: int | None = _count(None)
    cost_usd: float | None = Field(default=None, ge=0, le=1e6)
    finish_reason: str | None = Field(default=None, max_length=64)
    complete: bool = True
    client_disconnected: bool = False
    api_key_hash: str | None = Field(default=None, max_length=120)
    prompt: str = Field(default="", sa_column=_text(nullable=False, default=""))
    system: str | None = Field(default=None, sa_column=_text(nullable=True))
    request_json: str = Field(default="{}", sa_column=_text(nullable=False, default="{}"))
    response_text: str = Field(default="", sa_column=_text(nullable=False, default=""))
    reasoning_text: str = Field(default="", sa_column=_text(nullable=False, default=""))
    tool_calls_json: str = Field(default="[]", sa_column=_text(nullable=False, default="[]"))
    error: str | None = Field(default=None, sa_column=_text(nullable=True))
    parse_errors: str | None = Field(default=None, sa_column=_text(nullable=True))


class ExchangeRow(ExchangeBase, table=True):
    """One request/response pair seen by the proxy or the intercepting proxy."""

    __tablename__ = "exchange"
    __table_args__ = (
        Index("ix_exchange_started", "started_at"),
        Index("ix_exchange_dev_repo_started", "developer", "repo", "started_at"),
    )

    synced_at: datetime | None = None


class SnippetBase(SQLModel):
    """The values of a piece of code a model suggested (provenance.model.Snippet)."""

    ordinal: int = _count()
    kind: str = Field(max_length=32)
    language: str | None = Field(default=None, max_length=32)
    path: str | None = Field(default=None, max_length=1000)
    text: str = Field(default="", sa_column=_text(nullable=False))
    line_count: int = _count()
    created_at: datetime
    normaliser: str = Field(default="", max_length=16)  # fingerprint version, e.g. "fp1"


class SnippetRow(SnippetBase, table=True):
    """A piece of code a model suggested, under the exchange it came in."""

    __tablename__ = "snippet"
    __table_args__ = (
        UniqueConstraint("exchange_id", "ordinal", name="uq_snippet_exchange_ordinal"),
        Index("ix_snippet_dev_repo_created", "developer", "repo", "created_at"),
        Index("ix_snippet_created", "created_at"),  # org reports: window scans
    )

    id: int | None = Field(default=None, primary_key=True)
    exchange_id: str = Field(foreign_key="exchange.id", max_length=40, index=True)
    developer: str = Field(default="", max_length=320)
    repo: str | None = Field(default=None, max_length=500)


class FingerprintRow(SQLModel, table=True):
    """Winnowed fingerprint of a snippet: a lookup costs O(query), not O(history)."""

    __tablename__ = "fingerprint"
    # (hash, snippet_id) covers the lookup: the query's hashes find their snippets from the
    # index alone, without reading table rows (about 2.5x faster with 12M fingerprints)
    __table_args__ = (Index("ix_fingerprint_hash", "hash", "snippet_id"),)

    id: int | None = Field(default=None, primary_key=True)
    hash: int = Field(sa_column=Column(BigInteger, nullable=False), ge=INT64_MIN, le=INT64_MAX)
    snippet_id: int = Field(foreign_key="snippet.id", index=True)
    line: int = _count()  # 1-based line in the snippet where the k-gram starts


class CommitBase(SQLModel):
    """The values of a commit whose added lines were attributed."""

    repo: str = Field(min_length=1, max_length=500)
    sha: str = Field(min_length=4, max_length=64)
    author: str = Field(default="", max_length=320)
    committed_at: datetime
    ai_lines: int = _count()
    ai_edited_lines: int = _count()
    human_lines: int = _count()
    note_json: str = Field(default="{}", sa_column=_text(nullable=False, default="{}"))


class CommitRow(CommitBase, table=True):
    """A commit whose added lines were attributed."""

    __tablename__ = "commit_attribution"
    __table_args__ = (
        UniqueConstraint("repo", "sha", name="uq_commit_repo_sha"),
        Index("ix_commit_committed", "committed_at"),  # org reports: window scans
        Index("ix_commit_repo_committed", "repo", "committed_at"),  # lookup at HEAD
    )

    id: int | None = Field(default=None, primary_key=True)
    synced_at: datetime | None = None


class LineBase(SQLModel):
    """The values of one added line of an attributed commit."""

    path: str = Field(max_length=1000)
    lineno: int = Field(ge=0, le=INT32_MAX)
    origin: str = Field(max_length=16)
    confidence: float = Field(default=0.0, ge=0, le=1)
    exchange_id: str | None = Field(default=None, max_length=40, index=True)
    language: str | None = Field(default=None, max_length=32)


class LineRow(LineBase, table=True):
    """One added line of an attributed commit."""

    __tablename__ = "line_attribution"
    __table_args__ = (
        Index("ix_line_commit_path_line", "commit_id", "path", "lineno"),
        Index("ix_line_path_line", "path", "lineno"),  # org lookup at HEAD
        Index("ix_line_snippet", "snippet_id"),  # org report: accepted snippets
    )

    id: int | None = Field(default=None, primary_key=True)
    commit_id: int = Field(foreign_key="commit_attribution.id")
    snippet_id: int | None = None


class FindingBase(SQLModel):
    """The values of a review finding, and its life cycle.

    One row is one finding followed through its life (``store.findings``): first seen in a
    model's suggestion (``stage`` = suggestion, with its exchange), in an agent's write
    (``write``: an agent hook's guard), in a commit (``commit``), on a pull request (``pr``) or
    in a scan of files (``scan``); then accepted (written to disk), committed, fixed (before or
    after the commit) or dismissed with who and why (triage). ``code_fp`` links the stages: it
    is the rule and the code, without the path a suggestion may not know yet.
    """

    repo: str = Field(default="", max_length=500)
    commit_sha: str = Field(default="", max_length=64)  # '' until committed
    path: str = Field(default="", max_length=1000)
    line: int = Field(ge=0, le=INT32_MAX)
    rule_id: str = Field(max_length=100)
    cwe: str | None = Field(default=None, max_length=16)
    severity: str = Field(max_length=16)
    confidence: str = Field(max_length=16)
    origin: str = Field(default="human", max_length=16)
    exchange_id: str | None = Field(default=None, max_length=40)
    message: str = Field(default="", sa_column=_text(nullable=False, default=""))
    fingerprint: str = Field(default="", max_length=80)  # stable across line moves
    found_at: datetime
    fixed_sha: str | None = Field(default=None, max_length=64)
    fixed_at: datetime | None = None
    stage: str = Field(default="commit", max_length=16)  # suggestion | write | commit | pr | scan
    code_fp: str = Field(default="", max_length=80)  # rule + code, path-free (``rc1:``)
    developer: str = Field(default="", max_length=320)
    tool: str = Field(default="", max_length=64)
    model: str = Field(default="", max_length=200)
    accepted_at: datetime | None = None  # written to disk: an agent hook saw it, or a commit
    committed_at: datetime | None = None
    dismissed_at: datetime | None = None  # triage: dismissed as a false positive / accepted risk
    dismissed_by: str | None = Field(default=None, max_length=320)
    dismiss_reason: str | None = Field(default=None, sa_column=_text(nullable=True))
    # a suggestion's finding: which snippet of its exchange (``line`` is then the line in
    # that snippet)
    snippet_ordinal: int | None = Field(default=None, ge=0, le=INT32_MAX)
    # when the life cycle last moved (fixed, linked to its commit, dismissed): sync resends
    updated_at: datetime | None = None


class FindingRow(FindingBase, table=True):
    """A review finding, kept with its commit so reports can count density and time to fix."""

    __tablename__ = "finding"
    __table_args__ = (
        Index("ix_finding_repo_commit", "repo", "commit_sha"),
        Index("ix_finding_fingerprint", "repo", "fingerprint"),
        Index("ix_finding_found", "found_at"),
        # the findings of one exchange (its page, and every lookup that shows its prompt)
        Index("ix_finding_exchange", "exchange_id"),
        # the life cycle links a suggestion's finding to the write and the commit by code
        Index("ix_finding_code", "code_fp"),
        # org server: a finding synced from a laptop is keyed by (who sent it, its local id)
        UniqueConstraint("source", "source_id", name="uq_finding_source"),
    )

    id: int | None = Field(default=None, primary_key=True)
    source: str | None = Field(default=None, max_length=320)  # org server: sending developer
    source_id: int | None = None  # org server: the finding's id on the sender's machine


class PullRequestRow(SQLModel, table=True):
    """One review of a pull request by ``aiprov ci pr``: how many findings it had, and how
    many of them in AI-origin code (the share of pull requests with AI-origin findings).
    Keyed by the repository and the pull request (its number, else its head commit); a
    later review of the same pull request (a new push) replaces the counts."""

    __tablename__ = "pull_request"
    __table_args__ = (Index("ix_pull_request_reviewed", "reviewed_at"),)

    repo: str = Field(primary_key=True, max_length=500)
    pr: str = Field(primary_key=True, max_length=100)  # "#123", or the head commit
    head_sha: str = Field(max_length=64)
    author: str = Field(default="", max_length=320)  # the head commit's author (email)
    reviewed_at: datetime
    findings: int = Field(default=0, ge=0, le=INT32_MAX)
    ai_findings: int = Field(default=0, ge=0, le=INT32_MAX)


class TokenRow(SQLModel, table=True):
    """An org-server API token; only its salted hash is stored."""

    __tablename__ = "api_token"

    id: int | None = Field(default=None, primary_key=True)
    token_hash: str = Field(max_length=200, unique=True)
    name: str = Field(max_length=200)
    developer: str = Field(default="", max_length=320)
    team: str | None = Field(default=None, max_length=200)
    role: str = Field(default="developer", max_length=16)  # developer | security | admin
    created_at: datetime
    revoked_at: datetime | None = None


class AuditRow(SQLModel, table=True):
    """Who read whose prompt, when."""

    __tablename__ = "audit_log"
    __table_args__ = (Index("ix_audit_at", "at"),)

    id: int | None = Field(default=None, primary_key=True)
    at: datetime
    actor: str = Field(max_length=320)
    action: str = Field(max_length=64)
    target: str = Field(max_length=200)
    detail: str = Field(default="", sa_column=_text(nullable=False, default=""))


class TeamMemberRow(SQLModel, table=True):
    """Org server: which team a developer belongs to (managed by an admin)."""

    __tablename__ = "team_member"

    developer: str = Field(primary_key=True, max_length=320)
    team: str = Field(max_length=200, index=True)


class OrgSettingRow(SQLModel, table=True):
    """Org server settings (retention days, sync mode), one row per key."""

    __tablename__ = "org_setting"

    key: str = Field(primary_key=True, max_length=64)
    value: str = Field(default="", max_length=1000)


class _RollupCounters(SQLModel):
    """Counters of the report rollups (see ``store.rollup``)."""

    exchanges: int = _counter()
    input_tokens: int = _counter(big=True)
    output_tokens: int = _counter(big=True)
    cost_usd: float = Field(default=0.0, sa_column_kwargs={"server_default": "0"})
    snippets: int = _counter()
    snippets_accepted: int = _counter()
    commits: int = _counter()
    commit_ai_lines: int = _counter()
    commit_ai_edited_lines: int = _counter()
    commit_human_lines: int = _counter()
    line_ai: int = _counter()
    line_ai_edited: int = _counter()
    line_human: int = _counter()


class ReportRollupRow(_RollupCounters, table=True):
    """Org report counters per UTC day x developer x repo x model x tool x language.

    Kept by ``store.rollup`` in the same transaction as the rows it counts; '' stands for
    none. Each kind of record fills its own counters under its own key: an exchange under
    its model and tool (no language); a snippet under its exchange's model and tool and its
    own language; a commit's counters under (author, repo) only; a committed line under its
    commit's author and repo, its language, and its exchange's model and tool (``human`` for
    human lines). Reports of one developer read it.
    """

    __tablename__ = "report_rollup"
    __table_args__ = (Index("ix_report_rollup_developer_day", "developer", "day"),)

    day: date = Field(primary_key=True)
    developer: str = Field(default="", primary_key=True, max_length=320)
    repo: str = Field(default="", primary_key=True, max_length=500)
    model: str = Field(default="", primary_key=True, max_length=200)
    tool: str = Field(default="", primary_key=True, max_length=64)
    language: str = Field(default="", primary_key=True, max_length=32)


class ReportRollupOrgRow(_RollupCounters, table=True):
    """``report_rollup`` summed over everything but one key: per UTC day, for each grouping
    (``dim``: '' for none, developer, repo, model, tool, language) one row per value. Org-wide
    reports read it: a 30-day window is a few thousand rows whatever the org's size."""

    __tablename__ = "report_rollup_org"

    day: date = Field(primary_key=True)
    dim: str = Field(default="", primary_key=True, max_length=16)
    value: str = Field(default="", primary_key=True, max_length=500)
