"""Core values for one recorded exchange.

These are plain frozen dataclasses: the wire-format parsers in ``proxy/formats`` produce
them, the recorder redacts and stores them, provenance cuts snippets from them. Identity
(row ids) is a storage concern that lives in ``store/``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

# API families, as stored in ``Exchange.api``
OPENAI_CHAT = "openai.chat"
OPENAI_RESPONSES = "openai.responses"
OPENAI_COMPLETIONS = "openai.completions"
ANTHROPIC_MESSAGES = "anthropic.messages"
GEMINI_GENERATE = "gemini.generate"  # generateContent / streamGenerateContent (AI Studio, Vertex)
BEDROCK_INVOKE = "bedrock.invoke"  # InvokeModel(-WithResponseStream) of an Anthropic model
BEDROCK_CONVERSE = "bedrock.converse"  # Converse / ConverseStream (any Bedrock model)


@dataclass(frozen=True, slots=True)
class ToolCall:
    """A tool call the model made, arguments as the raw text the model produced.

    ``arguments`` is JSON text for function tools (``{"file_path": ..., "content": ...}``),
    free text for custom/freeform tools (Codex's ``apply_patch``). ``kind`` is
    ``function`` (OpenAI chat / Responses function_call), ``custom`` (Responses
    custom_tool_call), ``tool_use`` (Anthropic), ``server_tool_use`` or ``local_shell``.
    """

    name: str
    arguments: str
    id: str | None = None
    kind: str = "function"


@dataclass(frozen=True, slots=True)
class Usage:
    input_tokens: int | None = None
    output_tokens: int | None = None
    cache_read_tokens: int | None = None
    cache_write_tokens: int | None = None
    reasoning_tokens: int | None = None


@dataclass(frozen=True, slots=True)
class RequestInfo:
    """What the client asked, normalised across wire formats.

    ``messages`` is a list of ``{"role": str, "content": str}`` with text parts joined
    (images and binary parts replaced by a ``[image]``-style marker); tool results appear as
    role ``tool``. ``prompt`` is the text of the last user turn (what a person reads first).
    For fill-in-the-middle completions ``prompt`` is the prefix and ``suffix`` the suffix.
    """

    api: str
    model: str | None = None
    stream: bool = False
    system: str | None = None
    messages: tuple[dict[str, str], ...] = ()
    prompt: str = ""
    suffix: str | None = None
    tools_offered: tuple[str, ...] = ()
    params: dict[str, Any] = field(default_factory=dict)  # temperature, max_tokens, ...
    session_id: str | None = None  # conversation/session id found in the body (metadata)
    errors: tuple[str, ...] = ()  # what could not be parsed, in words


@dataclass(frozen=True, slots=True)
class ResponseInfo:
    """What the model answered, reassembled from a body or a stream of events."""

    model: str | None = None
    response_id: str | None = None
    text: str = ""
    reasoning: str = ""  # thinking / reasoning summary text
    tool_calls: tuple[ToolCall, ...] = ()
    finish_reason: str | None = None
    usage: Usage = field(default_factory=Usage)
    complete: bool = True  # False: stream ended early (disconnect, upstream cut, no final event)
    alternatives: tuple[str, ...] = ()  # other choices' texts when n > 1 (Copilot's panel)
    error: str | None = None  # upstream error message (error body or error event)
    errors: tuple[str, ...] = ()  # what could not be parsed, in words


@dataclass(frozen=True, slots=True)
class Identity:
    developer: str = ""
    tool: str = "unknown"
    tool_version: str | None = None
    session_id: str | None = None
    repo: str | None = None
    cwd: str | None = None


@dataclass(frozen=True, slots=True)
class Exchange:
    """One request/response pair as recorded (after redaction)."""

    id: str
    started_at: float  # unix seconds
    method: str
    path: str
    upstream: str  # base URL (or litellm model) the request went to
    status: int
    request: RequestInfo
    response: ResponseInfo
    identity: Identity
    latency_ms: float | None = None  # request start -> last byte to the client
    ttft_ms: float | None = None  # request start -> first response body byte
    cost_usd: float | None = None
    api_key_hash: str | None = None
    client_disconnected: bool = False
    error: str | None = None  # proxy-side error (upstream unreachable, body too big, ...)
    source: str = "proxy"  # which relay saw it: proxy (base URL) | intercept (HTTPS proxy)
