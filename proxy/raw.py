"""What a relay (the base-URL proxy or the intercepting proxy) hands to the recorder.

The relay's only job on the hot path is to forward bytes and keep a copy: it fills a
``RawExchange`` (request bytes, response chunks as they passed, timings) and calls
``Recorder.submit``, which appends it to the write-ahead spool (``proxy.wal``: encrypted,
the API key hashed) and never waits for the store. Parsing, identity, redaction, cost and
storage happen on the recorder's side, off the hot path.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Protocol


@dataclass(slots=True)
class RawExchange:
    started_at: float  # time.time() when the request arrived
    started_mono: float  # time.perf_counter() at the same moment
    method: str
    path: str  # path with query string, as the client sent it (``/v1/messages?beta=true``)
    request_headers: list[tuple[str, str]]  # lower-cased names; auth values included here
    request_body: bytes
    upstream: str = ""  # base URL or ``litellm:<model>``
    status: int = 0
    response_headers: list[tuple[str, str]] = field(default_factory=list)
    chunks: list[bytes] = field(default_factory=list)  # response body, as forwarded
    first_byte_mono: float | None = None
    end_mono: float | None = None
    client_disconnected: bool = False
    error: str | None = None  # proxy-side failure (unreachable upstream, body too large)
    body_truncated: bool = False  # the copy kept for parsing was cut at the size limit
    source: str = "proxy"  # proxy | intercept
    id: str = ""  # fixed when the write-ahead spool takes it, so a replay stores it once
    api_key_hash: str | None = None  # the client's key, hashed before the spool sees it


class RecorderLike(Protocol):
    """What a relay needs from a recorder (``Recorder`` in-process, ``ProcessRecorder`` in a
    child process, or a test double)."""

    db_url: str

    def submit(self, raw: RawExchange) -> int | None: ...
    def start(self) -> None: ...
    def stop(self, timeout: float = 10.0) -> None: ...
    def flush(self, timeout: float = 10.0) -> bool: ...
    def stats(self) -> dict[str, Any]: ...
