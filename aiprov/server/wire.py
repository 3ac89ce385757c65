"""The sync wire format: what a developer's machine sends to the org server, version 1.

One batch is a JSON object of exchanges (each with its snippets and their fingerprints),
commits (each with its attributed lines) and findings. Every record carries the key it has
on the sender's machine (exchange id, (repo, sha), (exchange id, ordinal), finding id), so the
server can insert-or-ignore: a retried batch creates nothing twice. Pydantic lives here, at
the edge; ``store.ingest`` receives plain dicts.
"""

from __future__ import annotations

from datetime import UTC, datetime

from pydantic import BaseModel, ConfigDict, Field, field_validator

WIRE_VERSION = 1
MAX_BATCH_RECORDS = 50_000


def _aware_utc(v: datetime | None) -> datetime | None:
    """Aware UTC, as the store wants; a time without an offset is taken as UTC."""
    if v is None:
        return v
    return v.replace(tzinfo=UTC) if v.tzinfo is None else v.astimezone(UTC)


class _In(BaseModel):
    model_config = ConfigDict(extra="ignore")


class SnippetIn(_In):
    ordinal: int = 0
    kind: str = Field(max_length=32)
    language: str | None = Field(default=None, max_length=32)
    path: str | None = Field(default=None, max_length=1000)
    text: str = ""
    line_count: int = 0
    created_at: datetime
    normaliser: str = Field(default="", max_length=16)
    # (hash, line) pairs: winnowed fingerprints of the snippet
    fingerprints: list[tuple[int, int]] = Field(default_factory=list)

    _utc = field_validator("created_at")(_aware_utc)


class ExchangeIn(_In):
    id: str = Field(min_length=1, max_length=40)
    started_at: datetime
    developer: str = Field(default="", max_length=320)
    tool: str = Field(default="unknown", max_length=64)
    tool_version: str | None = Field(default=None, max_length=64)
    session_id: str | None = Field(default=None, max_length=200)
    repo: str | None = Field(default=None, max_length=500)
    cwd: str | None = Field(default=None, max_length=1000)
    api: str = Field(max_length=40)
    method: str = Field(default="POST", max_length=10)
    path: str = Field(default="", max_length=500)
    upstream: str = Field(default="", max_length=500)
    stream: bool = False
    status: int = 0
    model_requested: str | None = Field(default=None, max_length=200)
    model_answered: str | None = Field(default=None, max_length=200)
    latency_ms: float | None = None
    ttft_ms: float | None = None
    input_tokens: int | None = None
    output_tokens: int | None = None
    cache_read_tokens: int | None = None
    cache_write_tokens: int | None = None
    reasoning_tokens: int | None = None
    cost_usd: float | None = None
    finish_reason: str | None = Field(default=None, max_length=64)
    complete: bool = True
    client_disconnected: bool = False
    api_key_hash: str | None = Field(default=None, max_length=120)
    prompt: str = ""
    system: str | None = None
    request_json: str = "{}"
    response_text: str = ""
    reasoning_text: str = ""
    tool_calls_json: str = "[]"
    error: str | None = None
    parse_errors: str | None = None
    snippets: list[SnippetIn] = Field(default_factory=list)

    _utc = field_validator("started_at")(_aware_utc)


class CommitIn(_In):
    repo: str = Field(min_length=1, max_length=500)
    sha: str = Field(min_length=4, max_length=64)
    author: str = Field(default="", max_length=320)
    committed_at: datetime
    ai_lines: int = 0
    ai_edited_lines: int = 0
    human_lines: int = 0
    note_json: str = "{}"
    # (path, lineno, origin, confidence, exchange_id, snippet_ordinal, language)
    lines: list[tuple[str, int, str, float, str | None, int | None, str | None]] = Field(
        default_factory=list)

    _utc = field_validator("committed_at")(_aware_utc)


class FindingIn(_In):
    id: int  # the finding's id on the sender's machine
    repo: str = Field(max_length=500)
    commit_sha: str = Field(max_length=64)
    path: str = Field(max_length=1000)
    line: int
    rule_id: str = Field(max_length=100)
    cwe: str | None = Field(default=None, max_length=16)
    severity: str = Field(max_length=16)
    confidence: str = Field(max_length=16)
    origin: str = Field(default="human", max_length=16)
    exchange_id: str | None = Field(default=None, max_length=40)
    message: str = ""
    fingerprint: str = Field(default="", max_length=80)
    found_at: datetime
    fixed_sha: str | None = Field(default=None, max_length=64)
    fixed_at: datetime | None = None

    _utc = field_validator("found_at", "fixed_at")(_aware_utc)


class Batch(_In):
    version: int = WIRE_VERSION
    sync_mode: str = "redacted"
    exchanges: list[ExchangeIn] = Field(default_factory=list)
    commits: list[CommitIn] = Field(default_factory=list)
    findings: list[FindingIn] = Field(default_factory=list)

    def records(self) -> int:
        return (len(self.exchanges) + sum(len(e.snippets) for e in self.exchanges)
                + len(self.commits) + sum(len(c.lines) for c in self.commits)
                + len(self.findings))


class IngestResult(BaseModel):
    exchanges: int = 0
    exchanges_duplicate: int = 0
    snippets: int = 0
    fingerprints: int = 0
    commits: int = 0
    commits_duplicate: int = 0
    lines: int = 0
    findings: int = 0
    records: int = 0


MODE_ORDER = {"full": 0, "redacted": 1, "metadata": 2}


def strictest(*modes: str) -> str:
    """The mode that lets the least leave the laptop."""
    return max(modes, key=lambda m: MODE_ORDER[m])


def strip_exchange(ex: dict, mode: str) -> dict:
    """An exchange dict (with its ``snippets``) cut down to what ``mode`` lets out.

    ``full``: as recorded (secrets were already redacted by the proxy before storing).
    ``redacted``: the prompt, system prompt, answer and snippets, but not the raw request
    (whole message history, files the tool attached), the model's reasoning, the working
    directory or the API key hash. ``metadata``: no text at all; fingerprints, counts,
    tokens, cost, tool and model stay, so reports and attribution still work.
    """
    if mode not in MODE_ORDER:
        raise ValueError(f"sync mode must be one of {', '.join(MODE_ORDER)}, got {mode!r}")
    if mode == "full":
        return ex
    out = dict(ex)
    out.update(request_json="{}", reasoning_text="", cwd=None, api_key_hash=None)
    if mode == "metadata":
        out.update(prompt="", system=None, response_text="", tool_calls_json="[]",
                   error=None)
        out["snippets"] = [{**s, "text": ""} for s in ex.get("snippets", [])]
    return out
