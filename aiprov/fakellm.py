"""A fake LLM upstream that speaks the real wire formats, for tests, benchmarks and the demo.

Raw ASGI (no framework: benchmarks hammer it). Endpoints: OpenAI chat (``/v1/chat/completions``,
Copilot's ``/chat/completions``), Responses (``/v1/responses`` over HTTP and WebSocket, as
Codex uses it), legacy/FIM completions (``/v1/completions``, ``/v1/engines/<e>/completions``),
Anthropic Messages (``/v1/messages``, ``count_tokens``), models and embeddings.

Replies are scripted: ``FakeLLM.push(Reply(...))`` queues answers that LLM endpoints consume in
order (an empty queue answers a short text echoing the last user words). Every request is kept
in ``requests`` and the exact bytes of every answer in ``sent`` (both bounded to the last
1000), so tests can check a proxy changed nothing.

Invariants the tests hold it to: every body and event validates against the official
``openai``/``anthropic`` SDK types; ids are unique per answer, also under concurrency; an
answer's bytes depend only on the script, the request and the clock (``created``).
"""

from __future__ import annotations

import argparse
import asyncio
import base64
import hashlib
import json
import logging
import struct
import threading
import time
from collections import deque
from collections.abc import Iterable, Iterator
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
}
KEEP = 1000  # requests and answers remembered
SIGNATURE = "ZmFrZS1zaWduYXR1cmU="  # an Anthropic thinking block's signature (opaque)

_dumps = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
_DONE = b"data: [DONE]\n\n"
_JSON = b"application/json"
_SSE = b"text/event-stream; charset=utf-8"


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
    ``garbage`` is sent as the body instead of any answer. ``alternatives`` are the texts of
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


class _ScriptedCut(ConnectionAbortedError):
    """Raised inside the ASGI app to drop a connection mid-stream, as ``cut_after_events``
    asks (uvicorn closes the socket without the terminating chunk)."""


class _QuietCuts(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        return not (record.exc_info and isinstance(record.exc_info[1], _ScriptedCut))


def _quiet_scripted_cuts() -> None:
    """A scripted cut is not a server error: keep it out of uvicorn's error log."""
    logger = logging.getLogger("uvicorn.error")
    if not any(isinstance(f, _QuietCuts) for f in logger.filters):
        logger.addFilter(_QuietCuts())


# -- pure helpers ----------------------------------------------------------------------------
def _pieces(text: str, n: int = 4, size: int | None = None) -> list[str]:
    """Split text into ``n`` fragments, or fragments of ``size`` characters (a token is
    about 4): how models stream. Never a fragment of nothing."""
    if not text:
        return []
    size = size or max(1, len(text) // n)
    return [text[i:i + size] for i in range(0, len(text), size)]


def _kind(method: str, path: str) -> str | None:
    """Which LLM endpoint a request is for (None: models, embeddings, count_tokens, 404)."""
    if method != "POST":
        return None
    kind = LLM_PATHS.get(path)
    if kind is None and path.startswith(("/v1/engines/", "/engines/")) and path.endswith(
            "/completions"):
        kind = "completions"
    return kind


def _alternatives(reply: Reply, data: dict[str, Any]) -> list[str]:
    """Texts of choices 1..n-1 when the request asks for ``n`` > 1."""
    n = data.get("n")
    if not isinstance(n, int) or isinstance(n, bool) or n <= 1:
        return []
    return [reply.alternatives[i] if i < len(reply.alternatives) else
            f"{reply.text} (choice {i + 1})" for i in range(min(n, 16) - 1)]


def _sse(data: Any, event: str | None = None) -> bytes:
    payload = _dumps(data).encode()
    if event:
        return b"event: " + event.encode() + b"\ndata: " + payload + b"\n\n"
    return b"data: " + payload + b"\n\n"


def _text_of(content: Any) -> str:
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
                text = _text_of(turn.get("content"))
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


def _error_body(kind: str, status: int, message: str) -> bytes:
    """The provider's error document for ``status``."""
    if kind == "messages":
        etype = {400: "invalid_request_error", 401: "authentication_error",
                 403: "permission_error", 404: "not_found_error", 413: "request_too_large",
                 429: "rate_limit_error", 529: "overloaded_error"}.get(status, "api_error")
        return _dumps({"type": "error", "error": {"type": etype, "message": message}}).encode()
    etype = {429: "requests", 400: "invalid_request_error", 401: "invalid_request_error",
             403: "invalid_request_error", 404: "invalid_request_error"}.get(status,
                                                                              "server_error")
    code = {429: "rate_limit_exceeded", 401: "invalid_api_key",
            404: "model_not_found"}.get(status)
    return _dumps({"error": {"message": message, "type": etype, "param": None,
                             "code": code}}).encode()


def _error_headers(kind: str, reply: Reply) -> dict[str, str]:
    if reply.status == 429:
        return {**RATE_LIMIT_HEADERS["messages" if kind == "messages" else "openai"],
                **reply.headers}
    return dict(reply.headers)


@dataclass(frozen=True)
class _Turn:
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


# -- OpenAI chat ------------------------------------------------------------------------------
def _chat(t: _Turn, stream: bool) -> Iterator[bytes]:
    reply, data = t.reply, t.data
    cid = t.id("chatcmpl", "-")
    pt, ct = reply.usage
    usage = {"prompt_tokens": pt, "completion_tokens": ct, "total_tokens": pt + ct,
             "prompt_tokens_details": {"cached_tokens": 0, "audio_tokens": 0},
             "completion_tokens_details": {"reasoning_tokens": 0, "audio_tokens": 0,
                                           "accepted_prediction_tokens": 0,
                                           "rejected_prediction_tokens": 0}}
    calls = [(t.call_id(tc, i), tc) for i, tc in enumerate(reply.tool_calls)]
    finish = "tool_calls" if calls else "stop"
    alts = _alternatives(reply, data)
    if not stream:
        msg: dict[str, Any] = {"role": "assistant", "content": reply.text or None,
                               "refusal": None, "annotations": []}
        if calls:
            msg["tool_calls"] = [{"id": call_id, "type": "function", "function": {
                "name": tc.name, "arguments": tc.arguments}} for call_id, tc in calls]
        choices = [{"index": 0, "message": msg, "logprobs": None, "finish_reason": finish}]
        choices += [{"index": i, "message": {"role": "assistant", "content": text,
                                             "refusal": None, "annotations": []},
                     "logprobs": None, "finish_reason": "stop"}
                    for i, text in enumerate(alts, 1)]
        yield _dumps({"id": cid, "object": "chat.completion", "created": t.created,
                      "model": t.model, "choices": choices, "usage": usage,
                      "service_tier": "default", "system_fingerprint": "fp_fake"}).encode()
        return

    opts = data.get("stream_options")
    with_usage = isinstance(opts, dict) and bool(opts.get("include_usage"))
    # every chunk is head + index + delta + finish + tail: encode the constant parts once
    head = (b'data: {"id":"' + cid.encode() + b'","object":"chat.completion.chunk","created":'
            + str(t.created).encode() + b',"model":' + _dumps(t.model).encode()
            + b',"service_tier":"default","system_fingerprint":"fp_fake","choices":[{"index":')
    tail = b'}],"usage":null}\n\n' if with_usage else b"}]}\n\n"

    def chunk(delta: dict[str, Any], finish_reason: str | None = None, index: int = 0) -> bytes:
        fin = b'"' + finish_reason.encode() + b'"' if finish_reason else b"null"
        return (head + str(index).encode() + b',"delta":' + _dumps(delta).encode()
                + b',"logprobs":null,"finish_reason":' + fin + tail)

    yield chunk({"role": "assistant", "content": "", "refusal": None})
    for piece in _pieces(reply.text, size=reply.chunk_chars):
        yield chunk({"content": piece})
    for n, alt in enumerate(alts, 1):
        yield chunk({"role": "assistant", "content": "", "refusal": None}, index=n)
        for piece in _pieces(alt, size=reply.chunk_chars):
            yield chunk({"content": piece}, index=n)
    for i, (call_id, tc) in enumerate(calls):
        yield chunk({"tool_calls": [{"index": i, "id": call_id, "type": "function",
                                     "function": {"name": tc.name, "arguments": ""}}]})
        for piece in _pieces(tc.arguments, size=reply.chunk_chars):
            yield chunk({"tool_calls": [{"index": i, "function": {"arguments": piece}}]})
    if reply.stream_error is not None:
        yield _sse({"error": {"message": reply.stream_error, "type": "server_error",
                              "param": None, "code": None}})
        return
    yield chunk({}, finish)
    for n in range(1, len(alts) + 1):
        yield chunk({}, "stop", index=n)
    if with_usage:
        yield _sse({"id": cid, "object": "chat.completion.chunk", "created": t.created,
                    "model": t.model, "service_tier": "default",
                    "system_fingerprint": "fp_fake", "choices": [], "usage": usage})
    yield _DONE


# -- OpenAI completions (incl. fill-in-the-middle) --------------------------------------------
def _completions(t: _Turn, stream: bool) -> Iterator[bytes]:
    reply = t.reply
    cid = t.id("cmpl", "-")
    pt, ct = reply.usage
    usage = {"prompt_tokens": pt, "completion_tokens": ct, "total_tokens": pt + ct}
    texts = [reply.text, *_alternatives(reply, t.data)]
    if not stream:
        yield _dumps({"id": cid, "object": "text_completion", "created": t.created,
                      "model": t.model, "choices": [
                          {"index": i, "text": text, "logprobs": None, "finish_reason": "stop"}
                          for i, text in enumerate(texts)], "usage": usage}).encode()
        return
    head = (b'data: {"id":"' + cid.encode() + b'","object":"text_completion","created":'
            + str(t.created).encode() + b',"model":' + _dumps(t.model).encode()
            + b',"choices":[{"index":')

    def chunk(index: int, text: str, finish: str | None = None) -> bytes:
        fin = b'"' + finish.encode() + b'"' if finish else b"null"
        return (head + str(index).encode() + b',"text":' + _dumps(text).encode()
                + b',"logprobs":null,"finish_reason":' + fin + b"}]}\n\n")

    # choices interleave, as Copilot's n > 1 streams do
    pieces = [_pieces(text, size=reply.chunk_chars) for text in texts]
    for step in range(max(map(len, pieces), default=0)):
        for i, p in enumerate(pieces):
            if step < len(p):
                yield chunk(i, p[step])
    if reply.stream_error is not None:
        yield _sse({"error": {"message": reply.stream_error, "type": "server_error",
                              "param": None, "code": None}})
        return
    for i in range(len(texts)):
        yield chunk(i, "", "stop")
    yield _DONE


# -- OpenAI Responses -------------------------------------------------------------------------
def _responses_items(t: _Turn) -> list[dict[str, Any]]:
    reply = t.reply
    items: list[dict[str, Any]] = []
    if reply.thinking:
        items.append({"id": t.id("rs"), "type": "reasoning", "summary": [
            {"type": "summary_text", "text": reply.thinking}]})
    if reply.text:
        items.append({"id": t.id("msg"), "type": "message", "status": "completed",
                      "role": "assistant", "content": [
                          {"type": "output_text", "text": reply.text, "annotations": [],
                           "logprobs": []}]})
    for i, tc in enumerate(reply.tool_calls):
        if reply.custom_tool if tc.custom is None else tc.custom:
            items.append({"id": t.id("ctc", index=i), "type": "custom_tool_call",
                          "status": "completed", "call_id": t.call_id(tc, i),
                          "name": tc.name, "input": tc.arguments})
        else:
            items.append({"id": t.id("fc", index=i), "type": "function_call",
                          "status": "completed", "call_id": t.call_id(tc, i),
                          "name": tc.name, "arguments": tc.arguments})
    return items


def _response_object(t: _Turn, status: str, items: list[dict[str, Any]],
                     usage: bool = True) -> dict[str, Any]:
    pt, ct = t.reply.usage
    data = t.data
    return {"id": t.id("resp"), "object": "response", "created_at": t.created,
            "status": status, "background": False, "error": None, "incomplete_details": None,
            "instructions": data.get("instructions") if isinstance(
                data.get("instructions"), str) else None,
            "max_output_tokens": None, "model": t.model, "output": items,
            "parallel_tool_calls": True, "previous_response_id": data.get(
                "previous_response_id") if isinstance(data.get("previous_response_id"),
                                                      str) else None,
            "reasoning": {"effort": None, "summary": None}, "store": False,
            "temperature": 1.0, "text": {"format": {"type": "text"}}, "tool_choice": "auto",
            "tools": [], "top_p": 1.0, "truncation": "disabled",
            "usage": {"input_tokens": pt,
                      "input_tokens_details": {"cached_tokens": 0, "cache_write_tokens": 0},
                      "output_tokens": ct, "output_tokens_details": {"reasoning_tokens": 0},
                      "total_tokens": pt + ct} if usage else None,
            "metadata": {}}


def _responses_events(t: _Turn) -> list[str]:
    """The JSON text of every streamed Responses event, in order, each with its
    ``sequence_number`` (the same texts go out as SSE ``data:`` or as WebSocket messages)."""
    reply = t.reply
    items = _responses_items(t)
    evs: list[dict[str, Any] | tuple[str, str]] = []
    start = _dumps(_response_object(t, "in_progress", [], usage=False))
    evs.append(("response.created", start))
    evs.append(("response.in_progress", start))
    size = reply.chunk_chars
    for idx, item in enumerate(items):
        kind, iid = item["type"], item["id"]
        if kind == "message":
            evs.append({"type": "response.output_item.added", "output_index": idx,
                        "item": {**item, "status": "in_progress", "content": []}})
            ref = {"item_id": iid, "output_index": idx, "content_index": 0}
            evs.append({"type": "response.content_part.added", **ref, "part": {
                "type": "output_text", "text": "", "annotations": [], "logprobs": []}})
            for piece in _pieces(reply.text, size=size):
                evs.append({"type": "response.output_text.delta", **ref, "delta": piece,
                            "logprobs": []})
            evs.append({"type": "response.output_text.done", **ref, "text": reply.text,
                        "logprobs": []})
            evs.append({"type": "response.content_part.done", **ref,
                        "part": item["content"][0]})
        elif kind == "reasoning":
            evs.append({"type": "response.output_item.added", "output_index": idx,
                        "item": {**item, "summary": []}})
            ref = {"item_id": iid, "output_index": idx, "summary_index": 0}
            evs.append({"type": "response.reasoning_summary_part.added", **ref,
                        "part": {"type": "summary_text", "text": ""}})
            for piece in _pieces(reply.thinking, size=size):
                evs.append({"type": "response.reasoning_summary_text.delta", **ref,
                            "delta": piece})
            evs.append({"type": "response.reasoning_summary_text.done", **ref,
                        "text": reply.thinking})
            evs.append({"type": "response.reasoning_summary_part.done", **ref,
                        "part": {"type": "summary_text", "text": reply.thinking}})
        elif kind == "function_call":
            evs.append({"type": "response.output_item.added", "output_index": idx,
                        "item": {**item, "status": "in_progress", "arguments": ""}})
            for piece in _pieces(item["arguments"], size=size):
                evs.append({"type": "response.function_call_arguments.delta",
                            "item_id": iid, "output_index": idx, "delta": piece})
            evs.append({"type": "response.function_call_arguments.done", "item_id": iid,
                        "output_index": idx, "name": item["name"],
                        "arguments": item["arguments"]})
        else:  # custom_tool_call: Codex's freeform apply_patch
            evs.append({"type": "response.output_item.added", "output_index": idx,
                        "item": {**item, "status": "in_progress", "input": ""}})
            for piece in _pieces(item["input"], size=size):
                evs.append({"type": "response.custom_tool_call_input.delta",
                            "item_id": iid, "output_index": idx, "delta": piece})
            evs.append({"type": "response.custom_tool_call_input.done", "item_id": iid,
                        "output_index": idx, "input": item["input"]})
        evs.append({"type": "response.output_item.done", "output_index": idx, "item": item})
    if reply.stream_error is not None:
        failed = _response_object(t, "failed", items, usage=False)
        failed["error"] = {"code": "server_error", "message": reply.stream_error}
        evs.append(("response.failed", _dumps(failed)))
    else:
        evs.append(("response.completed", _dumps(_response_object(t, "completed", items))))
    out: list[str] = []
    for seq, ev in enumerate(evs):
        if isinstance(ev, tuple):  # a pre-encoded response object
            out.append(f'{{"type":"{ev[0]}","response":{ev[1]},"sequence_number":{seq}}}')
        else:
            ev["sequence_number"] = seq
            out.append(_dumps(ev))
    return out


def _responses(t: _Turn, stream: bool) -> Iterator[bytes]:
    if not stream:
        yield _dumps(_response_object(t, "completed", _responses_items(t))).encode()
        return
    for text in _responses_events(t):
        kind = text[9:text.index('"', 9)]  # every event starts with {"type":"
        yield b"event: " + kind.encode() + b"\ndata: " + text.encode() + b"\n\n"


# -- Anthropic Messages -----------------------------------------------------------------------
def _messages(t: _Turn, stream: bool) -> Iterator[bytes]:
    reply = t.reply
    pt, ct = reply.usage
    blocks: list[dict[str, Any]] = []
    if reply.thinking:
        blocks.append({"type": "thinking", "thinking": reply.thinking, "signature": SIGNATURE})
    if reply.text:
        blocks.append({"type": "text", "text": reply.text})
    for i, tc in enumerate(reply.tool_calls):
        try:
            inp = json.loads(tc.arguments)
        except ValueError:
            inp = {"input": tc.arguments}
        blocks.append({"type": "tool_use", "id": t.call_id(tc, i, "toolu"), "name": tc.name,
                       "input": inp})
    stop = "tool_use" if reply.tool_calls else "end_turn"
    usage = {"input_tokens": pt, "cache_creation_input_tokens": 0,
             "cache_read_input_tokens": 0, "output_tokens": ct, "service_tier": "standard"}
    mid = t.id("msg")
    if not stream:
        yield _dumps({"id": mid, "type": "message", "role": "assistant", "model": t.model,
                      "content": blocks, "stop_reason": stop, "stop_sequence": None,
                      "usage": usage}).encode()
        return
    yield _sse({"type": "message_start", "message": {
        "id": mid, "type": "message", "role": "assistant", "model": t.model, "content": [],
        "stop_reason": None, "stop_sequence": None, "usage": {**usage, "output_tokens": 1}}},
        "message_start")
    size = reply.chunk_chars
    for i, b in enumerate(blocks):
        delta = (b'event: content_block_delta\ndata: {"type":"content_block_delta","index":'
                 + str(i).encode() + b',"delta":')
        if b["type"] == "thinking":
            start: dict[str, Any] = {"type": "thinking", "thinking": "", "signature": ""}
            parts = [{"type": "thinking_delta", "thinking": p}
                     for p in _pieces(b["thinking"], size=size)]
            parts.append({"type": "signature_delta", "signature": b["signature"]})
        elif b["type"] == "text":
            start = {"type": "text", "text": ""}
            parts = [{"type": "text_delta", "text": p} for p in _pieces(b["text"], size=size)]
        else:
            start = {"type": "tool_use", "id": b["id"], "name": b["name"], "input": {}}
            # the API's first fragment is empty; the SDKs join the rest and parse at the end
            parts = [{"type": "input_json_delta", "partial_json": p}
                     for p in ["", *_pieces(_dumps(b["input"]), 5, size)]]
        yield _sse({"type": "content_block_start", "index": i, "content_block": start},
                   "content_block_start")
        if i == 0:
            yield b'event: ping\ndata: {"type":"ping"}\n\n'
        for part in parts:
            yield delta + _dumps(part).encode() + b"}\n\n"
        yield _sse({"type": "content_block_stop", "index": i}, "content_block_stop")
    if reply.stream_error is not None:
        yield _sse({"type": "error", "error": {"type": "overloaded_error",
                                               "message": reply.stream_error}}, "error")
        return
    yield _sse({"type": "message_delta", "delta": {"stop_reason": stop, "stop_sequence": None},
                "usage": {"output_tokens": ct}}, "message_delta")
    yield b'event: message_stop\ndata: {"type":"message_stop"}\n\n'


_BUILDERS = {"chat": _chat, "responses": _responses, "completions": _completions,
             "messages": _messages}


# -- the app ----------------------------------------------------------------------------------
class FakeLLM:
    """The scripted upstream; ``app`` (or the instance itself) is the ASGI callable.

    ``latency`` waits that long before every LLM answer (a model's think time);
    ``websocket_refusal`` answers WebSocket upgrades with that HTTP status instead of
    accepting them (426 is what makes Codex fall back to HTTPS)."""

    def __init__(self, replies: Iterable[Reply] = (), *, latency: float = 0.0,
                 websocket_refusal: int | None = None) -> None:
        self._queue: deque[Reply] = deque(replies)
        self.latency = latency
        self.websocket_refusal = websocket_refusal
        self.requests: list[RecordedRequest] = Recent()
        self.sent: list[bytes] = Recent()
        self._lock = threading.Lock()
        self._n = 0

    def push(self, *replies: Reply) -> None:
        with self._lock:
            self._queue.extend(replies)

    def _next(self, data: dict[str, Any], scripted: Reply | None = None) -> tuple[Reply, int]:
        """The next scripted reply (or the default answer to ``data``) and a sequence number
        unique to this answer."""
        with self._lock:
            self._n += 1
            if scripted is None:
                scripted = self._queue.popleft() if self._queue else None
            return scripted or Reply(text=default_text(data)), self._n

    def _turn(self, data: dict[str, Any], reply: Reply | None = None) -> _Turn:
        reply, seq = self._next(data, reply)
        return _Turn(reply, reply.model or str(data.get("model") or "fake-model"), data, seq,
                     int(time.time()))

    def render(self, path: str, body: dict[str, Any], reply: Reply | None = None) -> list[bytes]:
        """The body chunks the fake would write for ``body`` POSTed to ``path`` (one chunk
        per SSE event, or one JSON document), without a server: for benchmarks and parser
        tests. Only successful answers; ``reply`` defaults to the next scripted one."""
        kind = _kind("POST", path)
        if kind is None:
            raise ValueError(f"{path} is not an LLM endpoint of the fake")
        return list(_BUILDERS[kind](self._turn(body, reply), bool(body.get("stream"))))

    # -- ASGI ---------------------------------------------------------------------------------
    @property
    def app(self) -> FakeLLM:
        return self

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        kind = scope["type"]
        if kind == "http":
            await self._http(scope, receive, send)
        elif kind == "websocket":
            await self._websocket(scope, receive, send)
        elif kind == "lifespan":
            while True:
                msg = await receive()
                if msg["type"] == "lifespan.startup":
                    await send({"type": "lifespan.startup.complete"})
                else:
                    await send({"type": "lifespan.shutdown.complete"})
                    return

    async def _http(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        chunks = []
        while True:
            msg = await receive()
            chunks.append(msg.get("body", b""))
            if not msg.get("more_body"):
                break
        body = b"".join(chunks)
        path: str = scope["path"]
        qs = scope.get("query_string") or b""
        headers = {k.decode("latin-1"): v.decode("latin-1") for k, v in scope["headers"]}
        try:
            data = json.loads(body) if body else None
        except ValueError:
            data = None
        method = scope["method"]
        self.requests.append(RecordedRequest(method, path + ("?" + qs.decode() if qs else ""),
                                             headers, body, data))
        kind = _kind(method, path)
        if kind is None:
            await self._other(method, path, data, send, anthropic="anthropic-version" in headers)
            return
        if not isinstance(data, dict):
            err = _error_body(kind, 400, "We could not parse the JSON body of your request.")
            await self._respond(send, 400, [(b"content-type", _JSON)], [err])
            return
        turn = self._turn(data)
        if self.latency:
            await asyncio.sleep(self.latency)
        await self._answer(kind, turn, send)

    async def _answer(self, kind: str, t: _Turn, send: Any) -> None:
        reply = t.reply
        stream = bool(t.data.get("stream"))
        headers = {"x-request-id": t.id("req"), **reply.headers}
        if reply.garbage is not None:  # labelled as what the client asked for
            ctype = "text/event-stream" if stream and reply.status < 400 else "application/json"
            await self._respond(send, reply.status, _hdrs({"content-type": ctype, **headers}),
                                [reply.garbage])
        elif reply.status >= 400:
            body = _error_body(kind, reply.status, reply.error or f"scripted error "
                                                                 f"{reply.status}")
            hdrs = {"content-type": "application/json", "x-request-id": t.id("req"),
                    **_error_headers(kind, reply)}
            await self._respond(send, reply.status, _hdrs(hdrs), [body])
        else:
            chunks = list(_BUILDERS[kind](t, stream))
            if stream:
                base = [(b"content-type", _SSE), (b"cache-control", b"no-cache")]
            else:
                base = [(b"content-type", _JSON)]
            if reply.headers:  # scripted headers win, also over the content type
                names = {k.lower().encode("latin-1") for k in headers}
                base = [h for h in base if h[0] not in names]
            await self._respond(send, reply.status, base + _hdrs(headers), chunks, stream,
                                delay=reply.chunk_delay, cut_after=reply.cut_after_events)

    async def _respond(self, send: Any, status: int, headers: list[tuple[bytes, bytes]],
                       chunks: list[bytes], stream: bool = False, delay: float = 0.0,
                       cut_after: int | None = None) -> None:
        """Send ``chunks``: one write per chunk when streaming (as a model's server flushes
        each event), else one body with its length."""
        if not stream:
            body = b"".join(chunks)
            await send({"type": "http.response.start", "status": status,
                        "headers": [*headers, (b"content-length", str(len(body)).encode())]})
            await send({"type": "http.response.body", "body": body})
            self.sent.append(body)
            return
        await send({"type": "http.response.start", "status": status, "headers": headers})
        for i, chunk in enumerate(chunks):
            if cut_after is not None and i >= cut_after:
                self.sent.append(b"".join(chunks[:i]))
                raise _ScriptedCut("fake upstream cut the stream (scripted)")
            if delay and i:
                await asyncio.sleep(delay)
            await send({"type": "http.response.body", "body": chunk, "more_body": True})
        await send({"type": "http.response.body", "body": b""})
        self.sent.append(b"".join(chunks))

    async def _json(self, send: Any, status: int, obj: Any) -> None:
        await self._respond(send, status, [(b"content-type", _JSON)], [_dumps(obj).encode()])

    async def _other(self, method: str, path: str, data: Any, send: Any,
                     anthropic: bool = False) -> None:
        """The endpoints that consume no scripted reply."""
        if path == "/v1/messages/count_tokens" and method == "POST":
            n = max(1, len(_dumps(data)) // 4) if isinstance(data, dict) else 0
            await self._json(send, 200, {"input_tokens": n})
        elif path in ("/v1/models", "/models") and method == "GET" and anthropic:
            models = [{"type": "model", "id": m, "display_name": m,
                       "created_at": "2025-09-29T00:00:00Z"} for m in MODELS]
            await self._json(send, 200, {"data": models, "has_more": False,
                                         "first_id": MODELS[0], "last_id": MODELS[-1]})
        elif path in ("/v1/models", "/models") and method == "GET":
            await self._json(send, 200, {"object": "list", "data": [
                {"id": m, "object": "model", "created": 1700000000, "owned_by": "fake"}
                for m in MODELS]})
        elif path in ("/v1/embeddings", "/embeddings") and method == "POST":
            await self._json(send, 200, _embeddings(data if isinstance(data, dict) else {}))
        else:
            await self._json(send, 404, {"error": {
                "message": f"Unknown request URL: {method} {path}.",
                "type": "invalid_request_error", "param": None, "code": "unknown_url"}})

    # -- Responses over WebSocket (Codex) -----------------------------------------------------
    async def _websocket(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        msg = await receive()
        if msg["type"] != "websocket.connect":
            return
        path = scope["path"]
        if path not in ("/v1/responses", "/responses") or self.websocket_refusal:
            status = self.websocket_refusal or 404
            refusal = _error_body("responses", status, f"WebSocket not served at {path}")
            await send({"type": "websocket.http.response.start", "status": status,
                        "headers": [(b"content-type", _JSON)]})
            await send({"type": "websocket.http.response.body", "body": refusal})
            return
        qs = scope.get("query_string") or b""
        full = path + ("?" + qs.decode() if qs else "")
        headers = {k.decode("latin-1"): v.decode("latin-1") for k, v in scope["headers"]}
        await send({"type": "websocket.accept"})
        while True:
            msg = await receive()
            if msg["type"] == "websocket.disconnect":
                return
            text = msg.get("text")
            if text is None:
                continue
            try:
                data = json.loads(text)
            except ValueError:
                data = None
            self.requests.append(RecordedRequest("GET", full, headers, text.encode(), data,
                                                 transport="websocket"))
            if not isinstance(data, dict) or data.get("type") != "response.create":
                await send({"type": "websocket.send", "text": _ws_error(
                    400, "responses", "Expected a response.create message.", {})})
                continue
            body: dict[str, Any] = (data["response"] if isinstance(data.get("response"), dict)
                                    else data)
            # Codex's warm-up (generate: false) wants no output and consumes no script
            t = self._turn(body, Reply(text="") if body.get("generate") is False else None)
            if self.latency:
                await asyncio.sleep(self.latency)
            if not await self._ws_answer(t, send):
                return

    async def _ws_answer(self, t: _Turn, send: Any) -> bool:
        """Answer one response.create; False once the scripted cut closed the socket."""
        reply = t.reply
        if reply.garbage is not None:
            try:
                frame: dict[str, Any] = {"type": "websocket.send",
                                         "text": reply.garbage.decode()}
            except UnicodeDecodeError:
                frame = {"type": "websocket.send", "bytes": reply.garbage}
            await send(frame)
            self.sent.append(reply.garbage)
            return True
        if reply.status >= 400:
            text = _ws_error(reply.status, "responses", reply.error or
                             f"scripted error {reply.status}", _error_headers("responses",
                                                                              reply))
            await send({"type": "websocket.send", "text": text})
            self.sent.append(text.encode() + b"\n")
            return True
        sent: list[str] = []
        for i, text in enumerate(_responses_events(t)):
            if reply.cut_after_events is not None and i >= reply.cut_after_events:
                await send({"type": "websocket.close", "code": 1011})
                self.sent.append("".join(sent).encode())
                return False
            if reply.chunk_delay and i:
                await asyncio.sleep(reply.chunk_delay)
            sent.append(text + "\n")
            await send({"type": "websocket.send", "text": text})
        self.sent.append("".join(sent).encode())
        return True


def _hdrs(headers: dict[str, str]) -> list[tuple[bytes, bytes]]:
    return [(k.lower().encode("latin-1"), v.encode("latin-1")) for k, v in headers.items()]


def _ws_error(status: int, kind: str, message: str, headers: dict[str, str]) -> str:
    """An error over the Responses WebSocket: the HTTP error it stands for, wrapped in one
    message (what codex-rs reads as ``WrappedWebsocketErrorEvent``)."""
    inner = json.loads(_error_body(kind, status, message))["error"]
    ev: dict[str, Any] = {"type": "error", "status": status, "error": inner}
    if headers:
        ev["headers"] = headers
    return _dumps(ev)


def _embeddings(data: dict[str, Any]) -> dict[str, Any]:
    raw = data.get("input")
    inputs = raw if isinstance(raw, list) else [raw]
    dims = data.get("dimensions")
    dims = dims if isinstance(dims, int) and not isinstance(dims, bool) and 0 < dims <= 256 \
        else 8
    b64 = data.get("encoding_format") == "base64"
    out = []
    for i, item in enumerate(inputs):
        vec = embedding(item if isinstance(item, str) else _dumps(item), dims)
        value: Any = base64.b64encode(struct.pack(f"<{dims}f", *vec)).decode() if b64 else vec
        out.append({"object": "embedding", "index": i, "embedding": value})
    tokens = sum(max(1, len(str(x)) // 4) for x in inputs)
    return {"object": "list", "model": str(data.get("model") or "fake-embed"), "data": out,
            "usage": {"prompt_tokens": tokens, "total_tokens": tokens}}


# -- running servers --------------------------------------------------------------------------
class Server:
    """A uvicorn server in a background thread; ``base_url`` once it listens."""

    def __init__(self, app: Any, host: str, port: int) -> None:
        import uvicorn

        self.config = uvicorn.Config(app, host=host, port=port, log_level="error",
                                     loop="uvloop", http="httptools", ws="wsproto",
                                     lifespan="on", access_log=False,
                                     timeout_graceful_shutdown=3)
        _quiet_scripted_cuts()  # after Config: it (re)configures uvicorn's loggers
        self.server = uvicorn.Server(self.config)
        self.thread = threading.Thread(target=self.server.run, daemon=True,
                                       name=f"uvicorn-{port}")
        self.host = host
        self.port = port

    def start(self, timeout: float = 20.0) -> Server:
        self.thread.start()
        deadline = time.monotonic() + timeout
        while not self.server.started:
            if not self.thread.is_alive() or time.monotonic() > deadline:
                self.server.should_exit = True
                raise RuntimeError(f"server on {self.host}:{self.port} did not start")
            time.sleep(0.01)
        sock = self.server.servers[0].sockets[0]
        self.port = sock.getsockname()[1]
        return self

    @property
    def base_url(self) -> str:
        return f"http://{self.host}:{self.port}"

    def stop(self, timeout: float = 10.0) -> None:
        self.server.should_exit = True
        self.thread.join(timeout)

    def __enter__(self) -> Server:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()


def serve(app: Any, host: str = "127.0.0.1", port: int = 0) -> Server:
    """Run any ASGI app with uvicorn in a thread; returns once it is listening."""
    return Server(app, host, port).start()


def main() -> None:
    ap = argparse.ArgumentParser(description="Serve the fake LLM upstream (default replies).")
    ap.add_argument("--host", default="127.0.0.1")
    ap.add_argument("--port", type=int, default=8799)
    ap.add_argument("--latency-ms", type=float, default=0.0,
                    help="wait this long before every LLM answer")
    args = ap.parse_args()
    import uvicorn

    config = uvicorn.Config(FakeLLM(latency=args.latency_ms / 1000), host=args.host,
                            port=args.port, log_level="error", loop="uvloop",
                            http="httptools", ws="wsproto", access_log=False)
    _quiet_scripted_cuts()
    uvicorn.Server(config).run()


if __name__ == "__main__":
    main()
