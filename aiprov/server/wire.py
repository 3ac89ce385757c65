"""The sync wire format: what a developer's machine sends to the org server, version 1.

One batch is a JSON object of exchanges (each with its snippets and their fingerprints),
commits (each with its attributed lines) and findings. Every record carries the key it has
on the sender's machine (exchange id, (repo, sha), (exchange id, ordinal), finding id), so the
server can insert-or-ignore: a retried batch creates nothing twice. Pydantic lives here, at
the edge; ``store.ingest`` receives plain dicts.

Each record's fields are declared once, on the ``*Base`` models of ``store.models``, with the
bounds their columns hold; the models here add only what the wire has besides (nested
records, the sender's finding id) and what a value from another machine must also satisfy:
finite numbers, times that convert to UTC within ``EARLIEST``..``LATEST``, known sync modes
and line origins, and no record twice in one batch. ``parse_batch``, the server's way in,
adds what is cheaper to check on the bytes: the batch's size, and text without NUL
characters (PostgreSQL text cannot hold them).

A batch is all or nothing: the server checks all of it before writing any of it, and
writes it in one transaction. A batch with one bad record is refused whole (422, naming the
record and the field) and nothing of it is stored; so is a batch over ``MAX_BATCH_RECORDS``
records, ``MAX_BATCH_FINGERPRINTS`` fingerprints or ``MAX_BODY_BYTES`` of JSON (413). The
sender keeps every record of a refused batch for the next attempt.
"""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Annotated, Any

from pydantic import (
    AfterValidator,
    BaseModel,
    ValidationError,
    field_validator,
    model_validator,
)
from pydantic.fields import FieldInfo
from sqlmodel import Field, SQLModel
from sqlmodel._compat import SQLModelConfig

from provenance.model import AI, AI_EDITED, HUMAN
from store.models import (
    INT32_MAX,
    CommitBase,
    ExchangeBase,
    FindingBase,
    FingerprintRow,
    LineBase,
    SnippetBase,
)

WIRE_VERSION = 1
# a batch holds at most this many records: exchanges + snippets + commits + lines + findings
MAX_BATCH_RECORDS = 50_000
MAX_BATCH_FINGERPRINTS = 250_000  # over all snippets of a batch
MAX_BODY_BYTES = 64 * 1024 * 1024  # the JSON, after any Content-Encoding is undone
EARLIEST = datetime(1970, 1, 1, tzinfo=UTC)
LATEST = datetime(3000, 1, 1, tzinfo=UTC)  # exclusive
ORIGINS = (AI, AI_EDITED, HUMAN)
MODE_ORDER = {"full": 0, "redacted": 1, "metadata": 2}
_CONFIG = SQLModelConfig(extra="ignore", allow_inf_nan=False)


def _aware_utc(v: datetime | None) -> datetime | None:
    """Aware UTC, as the store wants; a time without an offset is taken as UTC."""
    if v is None:
        return v
    try:
        v = v.replace(tzinfo=UTC) if v.tzinfo is None else v.astimezone(UTC)
    except OverflowError:
        raise ValueError("time out of range once converted to UTC") from None
    if not EARLIEST <= v < LATEST:
        raise ValueError(f"time out of range ({EARLIEST:%Y-%m-%d} to before {LATEST:%Y-%m-%d})")
    return v


def no_nul(v: str) -> str:
    """``v``, if it holds no NUL character (PostgreSQL text cannot hold one)."""
    if "\x00" in v:
        raise ValueError("contains a NUL character (U+0000), which the store cannot hold")
    return v


NoNul = AfterValidator(no_nul)  # for the server's other request bodies: Annotated[str, NoNul]


def _column(model: type[SQLModel], name: str, *, nullable: bool = False) -> Any:
    """The type of ``model.name`` with its bounds, for a field of a positional tuple."""
    fi: FieldInfo = model.model_fields[name]
    ann: Any = fi.annotation
    return Annotated[(ann | None if nullable else ann, *fi.metadata)]


def _origin(v: str) -> str:
    if v not in ORIGINS:
        raise ValueError(f"origin must be one of {', '.join(ORIGINS)}, got {v!r}")
    return v


if TYPE_CHECKING:  # what the checker sees; the bounds below are for run time
    Fingerprint = tuple[int, int]
    Line = tuple[str, int, str, float, str | None, int | None, str | None]
else:
    # (hash, line) of a fingerprint, bounded as FingerprintRow's columns
    Fingerprint = tuple[_column(FingerprintRow, "hash"), _column(FingerprintRow, "line")]
    # (path, lineno, origin, confidence, exchange_id, snippet_ordinal, language): LineRow's
    # columns, but the snippet by its ordinal in the exchange (its id is the sender's)
    Line = tuple[
        _column(LineBase, "path"), _column(LineBase, "lineno"),
        Annotated[_column(LineBase, "origin"), AfterValidator(_origin)],
        _column(LineBase, "confidence"), _column(LineBase, "exchange_id"),
        _column(SnippetBase, "ordinal", nullable=True), _column(LineBase, "language")]


class _Wire(SQLModel):
    """What every wire model shares. SQLModel's ``__init__`` is there for the SQLAlchemy
    instrumentation of table models; a non-table model does not need it, and with it
    pydantic sends every nested record through Python (2.5x the time of a whole batch):
    the wire models are built by pydantic's core alone."""

    model_config = _CONFIG
    __init__ = BaseModel.__init__  # type: ignore[assignment]


class SnippetIn(SnippetBase, _Wire):
    model_config = _CONFIG

    # (hash, line) pairs: winnowed fingerprints of the snippet
    fingerprints: list[Fingerprint] = Field(default_factory=list)

    _utc = field_validator("created_at")(_aware_utc)


class ExchangeIn(ExchangeBase, _Wire):
    model_config = _CONFIG

    snippets: list[SnippetIn] = Field(default_factory=list)

    _utc = field_validator("started_at")(_aware_utc)

    @field_validator("snippets")
    @classmethod
    def _ordinals_once(cls, v: list[SnippetIn]) -> list[SnippetIn]:
        if len(v) > 1:
            _once(((s.ordinal,) for s in v), "ordinal", "snippets")
        return v


class CommitIn(CommitBase, _Wire):
    model_config = _CONFIG

    # (path, lineno, origin, confidence, exchange_id, snippet_ordinal, language)
    lines: list[Line] = Field(default_factory=list)
    # a commit's lines travel in one batch, so it cannot count more; the bound also keeps
    # the report rollup's INTEGER sums of these far from overflowing
    ai_lines: int = Field(default=0, ge=0, le=MAX_BATCH_RECORDS)
    ai_edited_lines: int = Field(default=0, ge=0, le=MAX_BATCH_RECORDS)
    human_lines: int = Field(default=0, ge=0, le=MAX_BATCH_RECORDS)

    _utc = field_validator("committed_at")(_aware_utc)


class FindingIn(FindingBase, _Wire):
    model_config = _CONFIG

    id: int = Field(ge=0, le=INT32_MAX)  # the finding's id on the sender's machine

    _utc = field_validator("found_at", "fixed_at", "accepted_at", "committed_at",
                           "dismissed_at", "updated_at")(_aware_utc)


def _once(keys: Any, what: str, name: str) -> None:
    """Refuse a key seen twice: the store keeps one record per key, and which would win?"""
    seen: dict[tuple, int] = {}
    for i, key in enumerate(keys):
        if key in seen:
            shown = key[0] if len(key) == 1 else key
            raise ValueError(f"{name}[{i}] has the same {what} as {name}[{seen[key]}]: "
                             f"{shown!r}")
        seen[key] = i


class Batch(_Wire):
    model_config = _CONFIG

    version: int = WIRE_VERSION
    sync_mode: str = "redacted"
    exchanges: list[ExchangeIn] = Field(default_factory=list)
    commits: list[CommitIn] = Field(default_factory=list)
    findings: list[FindingIn] = Field(default_factory=list)

    @field_validator("version")
    @classmethod
    def _known_version(cls, v: int) -> int:
        if v != WIRE_VERSION:
            raise ValueError(f"this server speaks wire version {WIRE_VERSION}, not {v}")
        return v

    @field_validator("sync_mode")
    @classmethod
    def _known_mode(cls, v: str) -> str:
        if v not in MODE_ORDER:
            raise ValueError(f"sync mode must be one of {', '.join(MODE_ORDER)}, got {v!r}")
        return v

    @model_validator(mode="after")
    def _keys_once(self) -> Batch:
        _once(((e.id,) for e in self.exchanges), "id", "exchanges")
        _once(((c.repo, c.sha) for c in self.commits), "(repo, sha)", "commits")
        _once(((f.id,) for f in self.findings), "id", "findings")
        return self

    def records(self) -> int:
        """Records in the batch, as ``MAX_BATCH_RECORDS`` counts them."""
        return (len(self.exchanges) + sum(len(e.snippets) for e in self.exchanges)
                + len(self.commits) + sum(len(c.lines) for c in self.commits)
                + len(self.findings))

    def fingerprints(self) -> int:
        """Fingerprints in the batch, as ``MAX_BATCH_FINGERPRINTS`` counts them."""
        return sum(len(s.fingerprints) for e in self.exchanges for s in e.snippets)


class BatchRefused(ValueError):
    """A batch the server will not store: ``status`` to answer with, a one-line
    ``message`` naming the record and field, and ``errors`` (field, msg, type) in full."""

    def __init__(self, status: int, message: str, errors: list[dict[str, str]] | None = None):
        super().__init__(message)
        self.status = status
        self.errors = errors or []


def field_path(loc: tuple[int | str, ...]) -> str:
    """``("exchanges", 0, "status")`` as ``exchanges[0].status``."""
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "body"


def parse_batch(body: bytes | bytearray) -> Batch:
    """The batch in ``body`` (JSON), checked whole; ``BatchRefused`` says what is wrong.

    Never echoes a value back: a refused prompt may be megabytes, or hold a secret.
    """
    nodes = _json_nodes(body)
    if nodes > MAX_NODES:
        raise BatchRefused(413, f"batch of over {MAX_NODES:,} JSON arrays and objects, more "
                                f"than {MAX_BATCH_RECORDS:,} records and "
                                f"{MAX_BATCH_FINGERPRINTS:,} fingerprints can take: send "
                                "smaller batches")
    try:
        batch = Batch.model_validate_json(body)
    except ValidationError as exc:
        errors = [{"field": field_path(e["loc"]), "msg": e["msg"].removeprefix("Value error, "),
                   "type": e["type"]}
                  for e in exc.errors(include_url=False, include_input=False,
                                      include_context=False)[:20]]
        if errors[0]["type"] == "json_invalid":
            errors[0].update(_utf8_problem(body) or {})
        first = f"{errors[0]['field']}: {errors[0]['msg']}"
        more = exc.error_count() - 1
        raise BatchRefused(422, first + (f" (and {more} more)" if more else ""),
                           errors) from None
    if b"\\u0000" in body:  # a NUL can only arrive escaped: raw control characters are not JSON
        loc = _find_str(batch, lambda v: "\x00" in v)
        if loc is not None:
            field = field_path(loc)
            msg = "contains a NUL character (U+0000), which the store cannot hold"
            raise BatchRefused(422, f"{field}: {msg}",
                               [{"field": field, "msg": msg, "type": "text_nul"}])
    n = batch.records()
    if n > MAX_BATCH_RECORDS:
        raise BatchRefused(413, f"batch of {n:,} records (exchanges + snippets + commits + "
                                f"lines + findings); at most {MAX_BATCH_RECORDS:,} in one "
                                "batch: send smaller batches")
    n = batch.fingerprints()
    if n > MAX_BATCH_FINGERPRINTS:
        raise BatchRefused(413, f"batch of {n:,} fingerprints; at most "
                                f"{MAX_BATCH_FINGERPRINTS:,} in one batch: send smaller batches")
    return batch


# every record is one JSON object, plus one array for its children (or its tuple); every
# fingerprint one array; the batch one object and three arrays: no valid batch has more
MAX_NODES = 4 + 2 * MAX_BATCH_RECORDS + MAX_BATCH_FINGERPRINTS
_JSON_STRING = re.compile(rb'"[^"\\]*(?:\\.[^"\\]*)*"')


def _json_nodes(body: bytes | bytearray) -> int:
    """How many arrays and objects ``body`` holds (exactly, or once past ``MAX_NODES``),
    counted before it is parsed.

    Parsing builds a Python object per array (a 30 MiB body of small arrays took 1.6 GB and
    15 s before the record count could refuse it), so the count comes first, from the bytes:
    brackets outside strings. The count with strings included is an upper bound and decides
    almost every batch at C speed; past it, the gaps between strings are counted, stopping
    as soon as the count is over.
    """
    n = body.count(b"[") + body.count(b"{")
    if n <= MAX_NODES:
        return n
    n, prev = 0, 0
    for m in _JSON_STRING.finditer(body):
        n += body.count(b"[", prev, m.start()) + body.count(b"{", prev, m.start())
        if n > MAX_NODES:
            return n
        prev = m.end()
    return n + body.count(b"[", prev) + body.count(b"{", prev)


def _utf8_problem(body: bytes | bytearray) -> dict[str, str] | None:
    """For a body that is not UTF-8: which field holds the bad bytes, when it can be told."""
    try:
        bytes(body).decode("utf-8")
        return None
    except UnicodeDecodeError as exc:
        pos = exc.start
    msg = f"not valid UTF-8 (byte {pos:,} of the body)"
    try:  # bad bytes become lone surrogates, which the JSON parser passes through
        doc = json.loads(bytes(body).decode("utf-8", "surrogateescape"))
    except ValueError:
        return {"field": "body", "msg": msg, "type": "utf8_invalid"}
    loc = _find_str(doc, lambda s: any("\udc80" <= ch <= "\udcff" for ch in s))
    return {"field": field_path(loc) if loc else "body", "msg": msg, "type": "utf8_invalid"}


def _find_str(doc: Any, bad: Any, loc: tuple[int | str, ...] = ()) -> tuple | None:
    """The location of the first string in ``doc`` (parsed JSON or a wire model: key or
    value) that ``bad`` accepts."""
    if isinstance(doc, str):
        return loc if bad(doc) else None
    if isinstance(doc, BaseModel):
        items: Any = ((name, getattr(doc, name)) for name in type(doc).model_fields)
    elif isinstance(doc, dict):
        items = doc.items()
    elif isinstance(doc, list | tuple):
        items = enumerate(doc)
    else:
        return None
    for k, v in items:
        if isinstance(k, str) and bad(k):
            return (*loc, k)
        found = _find_str(v, bad, (*loc, k))
        if found is not None:
            return found
    return None


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
