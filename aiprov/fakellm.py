"""A fake LLM upstream that speaks the real wire formats, for tests, benchmarks and the demo.

Raw ASGI (no framework: benchmarks hammer it). Endpoints: OpenAI chat (``/v1/chat/completions``,
Copilot's ``/chat/completions``), Responses (``/v1/responses`` over HTTP and WebSocket, as
Codex uses it), legacy/FIM completions (``/v1/completions``, ``/v1/engines/<e>/completions``),
Anthropic Messages (``/v1/messages``, ``count_tokens``), models and embeddings.

Replies are scripted: ``FakeLLM.push(Reply(...))`` queues answers that LLM endpoints consume in
order (an empty queue answers a short default). Every request is kept in ``requests`` and the
exact bytes of every answer in ``sent``, so tests can check a proxy changed nothing.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import threading
import time
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

MODELS = ("gpt-4o", "gpt-5-codex", "claude-sonnet-4-5")
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
    path: str
    headers: dict[str, str]
    body: bytes
    json: Any
    transport: str = "http"


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
    payload = data if isinstance(data, str) else json.dumps(data, separators=(",", ":"))
    return ((f"event: {event}\n" if event else "") + f"data: {payload}\n\n").encode()


class FakeLLM:
    def __init__(self, replies: Iterable[Reply] = (), *, latency: float = 0.0) -> None:
        self._queue: deque[Reply] = deque(replies)
        self.latency = latency  # seconds before every LLM answer (a model's think time)
        self.requests: deque[RecordedRequest] = deque(maxlen=1000)  # type: ignore[assignment]
        self.sent: deque[bytes] = deque(maxlen=1000)  # type: ignore[assignment]
        self._lock = threading.Lock()
        self._n = 0

    def push(self, *replies: Reply) -> None:
        with self._lock:
            self._queue.extend(replies)

    def _next(self, default_text: str) -> Reply:
        with self._lock:
            self._n += 1
            return self._queue.popleft() if self._queue else Reply(text=default_text)

    def _id(self, prefix: str) -> str:
        return f"{prefix}_{self._n:06d}"

    def render(self, path: str, body: dict[str, Any], reply: Reply | None = None) -> list[bytes]:
        """The body chunks the fake would write for ``body`` POSTed to ``path`` (one chunk
        per SSE event, or one JSON document), without a server: for benchmarks and parser
        tests. Only successful answers; ``reply`` defaults to the next scripted one."""
        kind = _kind("POST", path)
        if kind is None:
            raise ValueError(f"{path} is not an LLM endpoint of the fake")
        reply = reply or self._next(self._default_text(kind, body))
        model = reply.model or str(body.get("model") or "fake-model")
        stream = bool(body.get("stream"))
        if kind == "responses" and not stream:
            return [json.dumps(self._responses_object(reply, model, "completed")).encode()]
        build = {"chat": self._chat, "responses": self._responses_events,
                 "completions": self._completions, "messages": self._messages}[kind]
        return list(build(reply, model, body, stream))

    # -- ASGI -----------------------------------------------------------------
    @property
    def app(self) -> FakeLLM:
        return self

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] == "lifespan":
            while True:
                msg = await receive()
                if msg["type"] == "lifespan.startup":
                    await send({"type": "lifespan.startup.complete"})
                else:
                    await send({"type": "lifespan.shutdown.complete"})
                    return
        if scope["type"] == "websocket":
            await self._websocket(scope, receive, send)
            return
        if scope["type"] != "http":
            return
        body = bytearray()
        while True:
            msg = await receive()
            body += msg.get("body", b"")
            if not msg.get("more_body"):
                break
        path: str = scope["path"]
        qs = scope.get("query_string") or b""
        full = path + ("?" + qs.decode() if qs else "")
        headers = {k.decode("latin-1"): v.decode("latin-1") for k, v in scope["headers"]}
        try:
            data = json.loads(body) if body else None
        except ValueError:
            data = None
        self.requests.append(RecordedRequest(scope["method"], full, headers, bytes(body), data))
        kind = _kind(scope["method"], path)
        if kind is None:
            await self._other(scope["method"], path, data, send,
                              anthropic="anthropic-version" in headers)
            return
        if data is None or not isinstance(data, dict):
            err = self._error_body(kind, 400, "We could not parse the JSON body of your request.")
            await self._respond(send, 400, {"content-type": "application/json"}, [err])
            return
        reply = self._next(self._default_text(kind, data))
        if self.latency:
            await asyncio.sleep(self.latency)
        await self._answer(path, data, reply, send)

    async def _other(self, method: str, path: str, data: Any, send: Any,
                     anthropic: bool = False) -> None:
        if path == "/v1/messages/count_tokens" and method == "POST":
            n = len(json.dumps(data)) // 4 if data else 0
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
            inputs = data.get("input") if isinstance(data, dict) else None
            items = inputs if isinstance(inputs, list) else [inputs]
            await self._json(send, 200, {"object": "list", "model": "fake-embed", "data": [
                {"object": "embedding", "index": i, "embedding": [0.1, 0.2, 0.3]}
                for i in range(len(items))], "usage": {"prompt_tokens": 3, "total_tokens": 3}})
        else:
            await self._json(send, 404, {"error": {"message": f"no route {method} {path}",
                                                   "type": "invalid_request_error"}})

    @staticmethod
    def _default_text(kind: str, data: dict[str, Any]) -> str:
        words = json.dumps(data.get("messages") or data.get("input") or data.get("prompt") or
                           "")[-60:]
        return f"Hello from the fake model ({kind}). You said: {words}"

    async def _json(self, send: Any, status: int, obj: Any) -> None:
        body = json.dumps(obj).encode()
        await self._respond(send, status, {"content-type": "application/json"}, [body])

    async def _respond(self, send: Any, status: int, headers: dict[str, str],
                       chunks: Iterable[bytes], delay: float = 0.0,
                       cut_after: int | None = None) -> None:
        hdrs = [(k.encode(), v.encode()) for k, v in headers.items()]
        chunks = list(chunks)
        streaming = headers.get("content-type", "").startswith("text/event-stream")
        if not streaming:
            total = b"".join(chunks)
            hdrs.append((b"content-length", str(len(total)).encode()))
            chunks = [total]
        await send({"type": "http.response.start", "status": status, "headers": hdrs})
        sent: list[bytes] = []
        for i, chunk in enumerate(chunks):
            if cut_after is not None and i >= cut_after:
                self.sent.append(b"".join(sent))
                raise ConnectionAbortedError("fake upstream cut the stream (scripted)")
            if delay and i:
                await asyncio.sleep(delay)
            sent.append(chunk)
            await send({"type": "http.response.body", "body": chunk, "more_body": True})
        await send({"type": "http.response.body", "body": b"", "more_body": False})
        self.sent.append(b"".join(sent))

    def _error_body(self, kind: str, status: int, message: str) -> bytes:
        if kind == "messages":
            etype = {429: "rate_limit_error", 400: "invalid_request_error",
                     401: "authentication_error", 529: "overloaded_error"}.get(status,
                                                                                 "api_error")
            return json.dumps({"type": "error", "error": {"type": etype,
                                                          "message": message}}).encode()
        etype = {429: "requests", 400: "invalid_request_error",
                 401: "invalid_request_error"}.get(status, "server_error")
        code = {429: "rate_limit_exceeded", 401: "invalid_api_key"}.get(status)
        return json.dumps({"error": {"message": message, "type": etype, "param": None,
                                     "code": code}}).encode()

    async def _answer(self, path: str, data: dict[str, Any], reply: Reply, send: Any) -> None:
        kind = _kind("POST", path)
        headers = {"x-request-id": self._id("req"), **reply.headers}
        stream = bool(data.get("stream"))
        if reply.garbage is not None:
            ctype = "text/event-stream" if stream and reply.status < 400 else "application/json"
            await self._respond(send, reply.status, {"content-type": ctype, **headers},
                                [reply.garbage])
            return
        if reply.status >= 400:
            if reply.status == 429:
                headers = {**RATE_LIMIT_HEADERS["messages" if kind == "messages" else "openai"],
                           **headers}
            body = self._error_body(kind or "", reply.status, reply.error or "fake error")
            await self._respond(send, reply.status, {"content-type": "application/json",
                                                     **headers}, [body])
            return
        chunks = self.render(path, data, reply)
        ctype = "text/event-stream; charset=utf-8" if stream else "application/json"
        extra = {"cache-control": "no-cache"} if stream else {}
        await self._respond(send, 200, {"content-type": ctype, **extra, **headers}, chunks,
                            delay=reply.chunk_delay, cut_after=reply.cut_after_events)

    # -- OpenAI chat ----------------------------------------------------------
    def _chat(self, reply: Reply, model: str, data: dict[str, Any],
              stream: bool) -> Iterator[bytes]:
        cid, created = self._id("chatcmpl"), int(time.time())
        pt, ct = reply.usage
        usage = {"prompt_tokens": pt, "completion_tokens": ct, "total_tokens": pt + ct,
                 "prompt_tokens_details": {"cached_tokens": 0},
                 "completion_tokens_details": {"reasoning_tokens": 0}}
        calls = [(tc.id or f"call_{self._n:04d}_{i}", tc) for i, tc in
                 enumerate(reply.tool_calls)]
        finish = "tool_calls" if calls else "stop"
        alts = _alternatives(reply, data)
        if not stream:
            msg: dict[str, Any] = {"role": "assistant", "content": reply.text or None,
                                   "refusal": None}
            if calls:
                msg["tool_calls"] = [{"id": cid_, "type": "function", "function": {
                    "name": tc.name, "arguments": tc.arguments}} for cid_, tc in calls]
            choices = [{"index": 0, "message": msg, "logprobs": None, "finish_reason": finish}]
            choices += [{"index": i, "message": {"role": "assistant", "content": t,
                                                 "refusal": None},
                         "logprobs": None, "finish_reason": "stop"}
                        for i, t in enumerate(alts, 1)]
            yield json.dumps({"id": cid, "object": "chat.completion", "created": created,
                              "model": model, "choices": choices, "usage": usage}).encode()
            return

        def chunk(delta: dict[str, Any], finish_reason: str | None = None,
                  index: int = 0) -> bytes:
            return _sse({"id": cid, "object": "chat.completion.chunk", "created": created,
                         "model": model, "system_fingerprint": "fp_fake",
                         "choices": [{"index": index, "delta": delta, "logprobs": None,
                                      "finish_reason": finish_reason}]})

        yield chunk({"role": "assistant", "content": "", "refusal": None})
        for piece in _pieces(reply.text, size=reply.chunk_chars):
            yield chunk({"content": piece})
        for n, alt in enumerate(alts, 1):
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
        opts = data.get("stream_options")
        if isinstance(opts, dict) and opts.get("include_usage"):
            yield _sse({"id": cid, "object": "chat.completion.chunk", "created": created,
                        "model": model, "choices": [], "usage": usage})
        yield b"data: [DONE]\n\n"

    # -- OpenAI Responses -----------------------------------------------------
    def _responses_items(self, reply: Reply) -> list[dict[str, Any]]:
        items: list[dict[str, Any]] = []
        if reply.thinking:
            items.append({"id": self._id("rs"), "type": "reasoning", "summary": [
                {"type": "summary_text", "text": reply.thinking}]})
        if reply.text:
            items.append({"id": self._id("msg"), "type": "message", "status": "completed",
                          "role": "assistant", "content": [
                              {"type": "output_text", "text": reply.text, "annotations": []}]})
        for i, tc in enumerate(reply.tool_calls):
            call_id = tc.id or f"call_{self._n:04d}_{i}"
            if reply.custom_tool if tc.custom is None else tc.custom:
                items.append({"id": f"ctc_{self._n:04d}_{i}", "type": "custom_tool_call",
                              "status": "completed", "call_id": call_id, "name": tc.name,
                              "input": tc.arguments})
            else:
                items.append({"id": f"fc_{self._n:04d}_{i}", "type": "function_call",
                              "status": "completed", "call_id": call_id, "name": tc.name,
                              "arguments": tc.arguments})
        return items

    def _responses_object(self, reply: Reply, model: str, status: str,
                          items: list[dict[str, Any]] | None = None) -> dict[str, Any]:
        pt, ct = reply.usage
        return {"id": self._id("resp"), "object": "response", "created_at": int(time.time()),
                "status": status, "error": None, "incomplete_details": None,
                "instructions": None, "model": model,
                "output": items if items is not None else self._responses_items(reply),
                "parallel_tool_calls": True, "tool_choice": "auto", "tools": [],
                "usage": {"input_tokens": pt, "input_tokens_details": {"cached_tokens": 0},
                          "output_tokens": ct,
                          "output_tokens_details": {"reasoning_tokens": 0},
                          "total_tokens": pt + ct}}

    def _responses_event_objects(self, reply: Reply, model: str) -> list[dict[str, Any]]:
        items = self._responses_items(reply)
        evs: list[dict[str, Any]] = []
        start = self._responses_object(reply, model, "in_progress", [])
        start["usage"] = None
        evs.append({"type": "response.created", "response": start})
        evs.append({"type": "response.in_progress", "response": start})
        for idx, item in enumerate(items):
            kind = item["type"]
            if kind == "message":
                evs.append({"type": "response.output_item.added", "output_index": idx,
                            "item": {**item, "status": "in_progress", "content": []}})
                part = {"type": "output_text", "text": "", "annotations": []}
                evs.append({"type": "response.content_part.added", "item_id": item["id"],
                            "output_index": idx, "content_index": 0, "part": part})
                for piece in _pieces(reply.text, size=reply.chunk_chars):
                    evs.append({"type": "response.output_text.delta", "item_id": item["id"],
                                "output_index": idx, "content_index": 0, "delta": piece,
                                "logprobs": []})
                evs.append({"type": "response.output_text.done", "item_id": item["id"],
                            "output_index": idx, "content_index": 0, "text": reply.text,
                            "logprobs": []})
                evs.append({"type": "response.content_part.done", "item_id": item["id"],
                            "output_index": idx, "content_index": 0,
                            "part": item["content"][0]})
            elif kind == "reasoning":
                evs.append({"type": "response.output_item.added", "output_index": idx,
                            "item": {**item, "summary": []}})
                ref = {"item_id": item["id"], "output_index": idx, "summary_index": 0}
                evs.append({"type": "response.reasoning_summary_part.added", **ref,
                            "part": {"type": "summary_text", "text": ""}})
                for piece in _pieces(reply.thinking, size=reply.chunk_chars):
                    evs.append({"type": "response.reasoning_summary_text.delta", **ref,
                                "delta": piece})
                evs.append({"type": "response.reasoning_summary_text.done", **ref,
                            "text": reply.thinking})
                evs.append({"type": "response.reasoning_summary_part.done", **ref,
                            "part": {"type": "summary_text", "text": reply.thinking}})
            elif kind == "function_call":
                evs.append({"type": "response.output_item.added", "output_index": idx,
                            "item": {**item, "status": "in_progress", "arguments": ""}})
                for piece in _pieces(item["arguments"], size=reply.chunk_chars):
                    evs.append({"type": "response.function_call_arguments.delta",
                                "item_id": item["id"], "output_index": idx, "delta": piece})
                evs.append({"type": "response.function_call_arguments.done",
                            "item_id": item["id"], "output_index": idx,
                            "arguments": item["arguments"]})
            elif kind == "custom_tool_call":
                evs.append({"type": "response.output_item.added", "output_index": idx,
                            "item": {**item, "status": "in_progress", "input": ""}})
                for piece in _pieces(item["input"], size=reply.chunk_chars):
                    evs.append({"type": "response.custom_tool_call_input.delta",
                                "item_id": item["id"], "output_index": idx, "delta": piece})
                evs.append({"type": "response.custom_tool_call_input.done",
                            "item_id": item["id"], "output_index": idx,
                            "input": item["input"]})
            evs.append({"type": "response.output_item.done", "output_index": idx,
                        "item": item})
        if reply.stream_error is not None:
            failed = self._responses_object(reply, model, "failed", items)
            failed.update(id=start["id"], usage=None, error={
                "code": "server_error", "message": reply.stream_error})
            evs.append({"type": "response.failed", "response": failed})
        else:
            done = self._responses_object(reply, model, "completed", items)
            done["id"] = start["id"]
            evs.append({"type": "response.completed", "response": done})
        for i, ev in enumerate(evs):
            ev["sequence_number"] = i
        return evs

    def _responses_events(self, reply: Reply, model: str, data: dict[str, Any],
                          stream: bool) -> Iterator[bytes]:
        for ev in self._responses_event_objects(reply, model):
            yield _sse(ev, ev["type"])

    async def _websocket(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        msg = await receive()
        if msg["type"] != "websocket.connect":
            return
        path = scope["path"]
        if path not in ("/v1/responses", "/responses"):
            await send({"type": "websocket.close", "code": 1008})
            return
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
            self.requests.append(RecordedRequest("GET", path, headers, text.encode(), data,
                                                 transport="websocket"))
            if not isinstance(data, dict) or data.get("type") != "response.create":
                await send({"type": "websocket.send", "text": json.dumps({
                    "type": "error", "error": {"type": "invalid_request_error",
                                               "message": "expected response.create"}})})
                continue
            body: dict[str, Any] = (data["response"] if isinstance(data.get("response"), dict)
                                    else data)
            if body.get("generate") is False:  # Codex's warm-up: no output wanted
                reply = Reply(text="")
            else:
                reply = self._next(self._default_text("responses", body))
            model = reply.model or str(body.get("model") or "fake-model")
            sent: list[str] = []
            for i, ev in enumerate(self._responses_event_objects(reply, model)):
                if reply.cut_after_events is not None and i >= reply.cut_after_events:
                    await send({"type": "websocket.close", "code": 1011})
                    self.sent.append("".join(sent).encode())
                    return
                if reply.chunk_delay and i:
                    await asyncio.sleep(reply.chunk_delay)
                text_ev = json.dumps(ev, separators=(",", ":"))
                sent.append(text_ev + "\n")
                await send({"type": "websocket.send", "text": text_ev})
            self.sent.append("".join(sent).encode())

    # -- completions (incl. FIM) ----------------------------------------------
    def _completions(self, reply: Reply, model: str, data: dict[str, Any],
                     stream: bool) -> Iterator[bytes]:
        cid, created = self._id("cmpl"), int(time.time())
        pt, ct = reply.usage
        usage = {"prompt_tokens": pt, "completion_tokens": ct, "total_tokens": pt + ct}
        texts = [reply.text, *_alternatives(reply, data)]
        if not stream:
            yield json.dumps({"id": cid, "object": "text_completion", "created": created,
                              "model": model, "choices": [
                                  {"index": i, "text": t, "logprobs": None,
                                   "finish_reason": "stop"} for i, t in enumerate(texts)],
                              "usage": usage}).encode()
            return

        def chunk(index: int, text: str, finish: str | None = None) -> bytes:
            return _sse({"id": cid, "object": "text_completion", "created": created,
                         "model": model, "choices": [{"index": index, "text": text,
                                                      "logprobs": None,
                                                      "finish_reason": finish}]})

        # choices interleave, as Copilot's n > 1 streams do
        pieces = [_pieces(t, size=reply.chunk_chars) for t in texts]
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
        yield b"data: [DONE]\n\n"

    # -- Anthropic messages ---------------------------------------------------
    def _messages(self, reply: Reply, model: str, data: dict[str, Any],
                  stream: bool) -> Iterator[bytes]:
        mid = self._id("msg")
        pt, ct = reply.usage
        blocks: list[dict[str, Any]] = []
        if reply.thinking:
            blocks.append({"type": "thinking", "thinking": reply.thinking,
                           "signature": "ZmFrZS1zaWduYXR1cmU="})
        if reply.text:
            blocks.append({"type": "text", "text": reply.text})
        for i, tc in enumerate(reply.tool_calls):
            try:
                inp = json.loads(tc.arguments)
            except ValueError:
                inp = {"input": tc.arguments}
            blocks.append({"type": "tool_use", "id": tc.id or f"toolu_{self._n:04d}_{i}",
                           "name": tc.name, "input": inp})
        stop = "tool_use" if reply.tool_calls else "end_turn"
        usage = {"input_tokens": pt, "output_tokens": ct, "cache_read_input_tokens": 0,
                 "cache_creation_input_tokens": 0}
        if not stream:
            yield json.dumps({"id": mid, "type": "message", "role": "assistant",
                              "model": model, "content": blocks, "stop_reason": stop,
                              "stop_sequence": None, "usage": usage}).encode()
            return
        yield _sse({"type": "message_start", "message": {
            "id": mid, "type": "message", "role": "assistant", "model": model, "content": [],
            "stop_reason": None, "stop_sequence": None,
            "usage": {**usage, "output_tokens": 1}}}, "message_start")
        for i, b in enumerate(blocks):
            if b["type"] == "thinking":
                yield _sse({"type": "content_block_start", "index": i, "content_block": {
                    "type": "thinking", "thinking": "", "signature": ""}}, "content_block_start")
                for piece in _pieces(b["thinking"], size=reply.chunk_chars):
                    yield _sse({"type": "content_block_delta", "index": i, "delta": {
                        "type": "thinking_delta", "thinking": piece}}, "content_block_delta")
                yield _sse({"type": "content_block_delta", "index": i, "delta": {
                    "type": "signature_delta", "signature": b["signature"]}},
                    "content_block_delta")
            elif b["type"] == "text":
                yield _sse({"type": "content_block_start", "index": i,
                            "content_block": {"type": "text", "text": ""}},
                           "content_block_start")
                if i == 0:
                    yield _sse({"type": "ping"}, "ping")
                for piece in _pieces(b["text"], size=reply.chunk_chars):
                    yield _sse({"type": "content_block_delta", "index": i, "delta": {
                        "type": "text_delta", "text": piece}}, "content_block_delta")
            else:
                yield _sse({"type": "content_block_start", "index": i, "content_block": {
                    "type": "tool_use", "id": b["id"], "name": b["name"], "input": {}}},
                    "content_block_start")
                raw = json.dumps(b["input"])
                for piece in [""] + _pieces(raw, 5, reply.chunk_chars):
                    yield _sse({"type": "content_block_delta", "index": i, "delta": {
                        "type": "input_json_delta", "partial_json": piece}},
                        "content_block_delta")
            yield _sse({"type": "content_block_stop", "index": i}, "content_block_stop")
        if reply.stream_error is not None:
            yield _sse({"type": "error", "error": {"type": "overloaded_error",
                                                   "message": reply.stream_error}}, "error")
            return
        yield _sse({"type": "message_delta", "delta": {"stop_reason": stop,
                                                        "stop_sequence": None},
                    "usage": {"output_tokens": ct}}, "message_delta")
        yield _sse({"type": "message_stop"}, "message_stop")


# -- running servers --------------------------------------------------------------
class Server:
    """A uvicorn server in a background thread; ``base_url`` once it listens."""

    def __init__(self, app: Any, host: str, port: int) -> None:
        import uvicorn

        self.config = uvicorn.Config(app, host=host, port=port, log_level="error",
                                     loop="uvloop", http="httptools", ws="wsproto",
                                     lifespan="on", access_log=False)
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

    uvicorn.run(FakeLLM(latency=args.latency_ms / 1000), host=args.host, port=args.port,
                log_level="error", loop="uvloop", http="httptools", ws="wsproto",
                access_log=False)


if __name__ == "__main__":
    main()
