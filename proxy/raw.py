"""What a relay (the base-URL proxy or the intercepting proxy) hands to the recorder.

The relay's only job on the hot path is to forward bytes and keep a copy: it fills a
``RawExchange`` (request bytes, response chunks as they passed, timings) and calls
``Recorder.submit``, which never blocks. Parsing, identity, redaction, cost and storage
happen on the recorder's side, off the hot path.
"""

from __future__ import annotations

from dataclasses import dataclass, field


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
