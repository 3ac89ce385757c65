"""What the fake answers with: the script (``Reply``), what it saw (``RecordedRequest``), and
the pure helpers every wire format shares (fragmenting, SSE framing, default answers, error
documents). No I/O here: the formats render bytes from a ``Turn``, the app sends them."""

from __future__ import annotations

import hashlib
import json
import re
import threading
from dataclasses import dataclass, field
from typing import Any

MODELS = ("gpt-4o", "gpt-5-codex", "claude-sonnet-4-6")
RATE_LIMIT_HEADERS = {
    "openai": {"retry-after": "1", "x-ratelimit-limit-requests": "500",
               "x-ratelimit-remaining-requests": "0", "x-ratelimit-reset-requests": "1s",
               "x-ratelimit-limit-tokens": "30000", "x-ratelimit-remaining-tokens": "0",
               "x-ratelimit-reset-tokens": "2s"},
    "messages": {"retry-after": "1", "anthropic-ratelimit-requests-limit": "50",
                 "anthropic-ratelimit-requests-remaining": "0",
                 "anthropic-ratelimit-requests-reset": "2026-01-01T00:00:01Z",
                 "anthropic-ratelimit-tokens-remaining": "0"},
}
LLM_PATHS = {
    "/v1/chat/completions": "chat", "/chat/completions": "chat",
    "/v1/responses": "responses", "/responses": "responses",
    "/v1/completions": "completions", "/completions": "completions",
    "/v1/messages": "messages",
    "/backend-api/codex/responses": "responses",  # Codex signed in with ChatGPT
}
# Gemini CLI signed in with Google (Code Assist wraps Gemini's request and answers)
CODE_ASSIST_PATHS = ("/v1internal:generateContent", "/v1internal:streamGenerateContent")
KEEP = 1000  # requests and answers remembered
SIGNATURE = "ZmFrZS1zaWduYXR1cmU="  # an Anthropic thinking block's signature (opaque)

dumps = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
DONE = b"data: [DONE]\n\n"
JSON_TYPE = b"application/json"
SSE_TYPE = b"text/event-stream; charset=utf-8"


@dataclass
class FakeToolCall:
    name: str
    arguments: str  # JSON text, or free text for custom tools
    id: str | None = None
    custom: bool | None = None  # Responses: a freeform custom_tool_call (None: Reply.custom_tool)


@dataclass
class Reply:
    """One scripted answer. ``status`` >= 400 answers the provider's error body with
    ``error`` as its message (429 adds ``retry-after`` and rate-limit headers);
    ``stream_error`` ends a streamed answer with the provider's in-stream error event instead
    of its final events; ``cut_after_events`` drops the connection after that many events;
    ``garbage`` is sent as the body instead of any answer; ``hold`` pauses a stream after its
    first event until the test sets it (``held`` says the pause began). ``alternatives`` are the texts of
    choices 1.. when a completions/chat request asks for ``n`` > 1."""

    text: str = "Hello from the fake model."
    tool_calls: list[FakeToolCall] = field(default_factory=list)
    thinking: str = ""
    custom_tool: bool = False
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    error: str | None = None
    chunk_delay: float = 0.0
    cut_after_events: int | None = None
    garbage: bytes | None = None
    model: str | None = None
    usage: tuple[int, int] = (12, 34)
    stream_error: str | None = None
    alternatives: list[str] = field(default_factory=list)
    chunk_chars: int | None = None  # stream deltas of this many characters (default: 4 per text)
    split_bytes: int | None = None  # write the stream in pieces of this many bytes, which cut
    # through events (chunk boundaries are not event boundaries on a real network)
    hold: threading.Event | None = None  # after ``hold_after`` events, wait (<= 10 s) for it
    hold_after: int = 1
    held: threading.Event | None = None  # set once the first event went out and ``hold`` waits


@dataclass
class RecordedRequest:
    method: str
    path: str  # with the query string
    headers: dict[str, str]  # lower-case names
    body: bytes  # for a WebSocket: the text of one client message
    json: Any
    transport: str = "http"


class Recent(list):  # type: ignore[type-arg]
    """A list that keeps only its last ``keep`` appended items (slicing, indexing and ``==``
    work as on any list; the fake only ever appends)."""

    def __init__(self, keep: int = KEEP) -> None:
        super().__init__()
        self.keep = keep

    def append(self, item: Any) -> None:
        super().append(item)
        if len(self) > self.keep:
            del self[0]


class ScriptedCut(ConnectionAbortedError):
    """Raised inside the ASGI app to drop a connection mid-stream, as ``cut_after_events``
    asks (uvicorn closes the socket without the terminating chunk)."""


# -- pure helpers ----------------------------------------------------------------------------
def pieces(text: str, n: int = 4, size: int | None = None) -> list[str]:
    """Split text into ``n`` fragments, or fragments of ``size`` characters (a token is
    about 4): how models stream. Never a fragment of nothing."""
    if not text:
        return []
    size = size or max(1, len(text) // n)
    return [text[i:i + size] for i in range(0, len(text), size)]


def kind_of(method: str, path: str) -> str | None:
    """Which LLM endpoint a request is for (None: models, embeddings, count_tokens, 404).

    Cloud paths answer in their provider's format: Azure OpenAI deployments as OpenAI,
    Vertex AI Gemini as Gemini, Bedrock InvokeModel as Anthropic Messages."""
    if method != "POST":
        return None
    kind = LLM_PATHS.get(path)
    if kind is None and path.startswith(("/v1/engines/", "/engines/")) and path.endswith(
            "/completions"):
        kind = "completions"
    if kind is None and path in CODE_ASSIST_PATHS:
        kind = "codeassist"
    if kind is None:
        m = _CLOUD.match(path)
        if m:
            kind = next(k for k, v in m.groupdict().items() if v is not None)
            kind = {"azure_chat": "chat", "azure_v1_chat": "chat", "azure_completions": "completions",
                    "azure_responses": "responses"}.get(kind, kind)
    return kind


_CLOUD = re.compile(
    r"^(?:/openai/deployments/[^/]+/(?:(?P<azure_chat>chat/completions)|"
    r"(?P<azure_completions>completions))"
    r"|/openai(?:/v1)?/(?:(?P<azure_responses>responses)|(?P<azure_v1_chat>chat/completions))"
    r"|/v1(?:beta1?)?/(?:projects/[^/]+/locations/[^/]+/publishers/google/)?models/[^/:]+:"
    r"(?P<gemini>generateContent|streamGenerateContent)"
    r"|/model/[^/]+/(?:(?P<bedrock>invoke|invoke-with-response-stream)|"
    r"(?P<converse>converse|converse-stream)))$")


_PATH_MODEL = re.compile(r"/models?/([^/:]+)(?::|/invoke)")


def path_model(path: str) -> str | None:
    """The model a Gemini, Vertex or Bedrock path names (their bodies carry none)."""
    m = _PATH_MODEL.search(path)
    return m.group(1) if m else None


def alternatives(reply: Reply, data: dict[str, Any]) -> list[str]:
    """Texts of choices 1..n-1 when the request asks for ``n`` > 1."""
    n = data.get("n")
    if not isinstance(n, int) or isinstance(n, bool) or n <= 1:
        return []
    return [reply.alternatives[i] if i < len(reply.alternatives) else
            f"{reply.text} (choice {i + 1})" for i in range(min(n, 16) - 1)]


def sse(data: Any, event: str | None = None) -> bytes:
    payload = dumps(data).encode()
    if event:
        return b"event: " + event.encode() + b"\ndata: " + payload + b"\n\n"
    return b"data: " + payload + b"\n\n"


def text_of(content: Any) -> str:
    """The plain text of a message's content (a string or a list of typed parts)."""
    if isinstance(content, str):
        return content
    if isinstance(content, list):
        return " ".join(p.get("text", "") if isinstance(p, dict) else str(p) for p in content
                        if not isinstance(p, dict) or isinstance(p.get("text"), str))
    return ""


def last_user_text(data: dict[str, Any]) -> str:
    """The last thing the user said in any of the request shapes (chat/messages ``messages``,
    Responses ``input``, completions ``prompt``); "" if none."""
    turns = data.get("messages")
    if turns is None:
        turns = data.get("input")
    if isinstance(turns, str):
        return turns
    if isinstance(turns, list):
        for turn in reversed(turns):
            if isinstance(turn, dict) and turn.get("role", "user") == "user" and (
                    turn.get("type") in (None, "message")):
                text = text_of(turn.get("content"))
                if text.strip():
                    return text
        return ""
    prompt = data.get("prompt")
    if isinstance(prompt, list) and prompt:
        prompt = prompt[-1]
    return prompt if isinstance(prompt, str) else ""


def default_text(data: dict[str, Any]) -> str:
    """The answer to a request nobody scripted: a short text echoing the user's last words."""
    words = last_user_text(data).split()[-8:]
    said = " ".join(words)
    if len(said) > 80:
        said = said[-80:]
    return f"Hello from the fake model. You said: {said}" if said else (
        "Hello from the fake model.")


def embedding(text: str, dims: int = 8) -> list[float]:
    """A small deterministic unit-free vector for ``text`` (equal texts, equal vectors)."""
    digest = hashlib.sha256(text.encode("utf-8", "replace")).digest()
    while len(digest) < dims:
        digest += hashlib.sha256(digest).digest()
    return [round(b / 127.5 - 1.0, 6) for b in digest[:dims]]


def error_body(kind: str, status: int, message: str) -> bytes:
    """The provider's error document for ``status``."""
    if kind in ("gemini", "codeassist"):  # google.rpc.Status
        status_name = {400: "INVALID_ARGUMENT", 401: "UNAUTHENTICATED", 403: "PERMISSION_DENIED",
                       404: "NOT_FOUND", 429: "RESOURCE_EXHAUSTED",
                       503: "UNAVAILABLE"}.get(status, "INTERNAL")
        return dumps({"error": {"code": status, "message": message,
                                "status": status_name}}).encode()
    if kind in ("bedrock", "converse"):
        return dumps({"message": message}).encode()
    if kind == "messages":
        etype = {400: "invalid_request_error", 401: "authentication_error",
                 403: "permission_error", 404: "not_found_error", 413: "request_too_large",
                 429: "rate_limit_error", 529: "overloaded_error"}.get(status, "api_error")
        return dumps({"type": "error", "error": {"type": etype, "message": message}}).encode()
    etype = {429: "requests", 400: "invalid_request_error", 401: "invalid_request_error",
             403: "invalid_request_error", 404: "invalid_request_error"}.get(status,
                                                                              "server_error")
    code = {429: "rate_limit_exceeded", 401: "invalid_api_key",
            404: "model_not_found"}.get(status)
    return dumps({"error": {"message": message, "type": etype, "param": None,
                             "code": code}}).encode()


def error_headers(kind: str, reply: Reply) -> dict[str, str]:
    if reply.status == 429:
        return {**RATE_LIMIT_HEADERS["messages" if kind == "messages" else "openai"],
                **reply.headers}
    return dict(reply.headers)


@dataclass(frozen=True)
class Turn:
    """One answer being built: the script, the request, and ids unique to this answer."""

    reply: Reply
    model: str
    data: dict[str, Any]
    seq: int
    created: int

    def id(self, prefix: str, sep: str = "_", index: int | None = None) -> str:
        tail = f"_{index}" if index is not None else ""
        return f"{prefix}{sep}fake{self.seq:06d}{tail}"

    def call_id(self, tc: FakeToolCall, index: int, prefix: str = "call") -> str:
        return tc.id or self.id(prefix, index=index)


