"""The fake upstream as a raw ASGI app (no framework: benchmarks hammer it).

Routes each LLM request to the module of its wire format, consumes one scripted ``Reply``
per answer, keeps every request and the exact bytes of every answer (bounded), and serves
the Responses API over WebSocket as Codex uses it. Endpoints that consume no script
(models, embeddings, token counts) are answered here.
"""

from __future__ import annotations

import asyncio
import base64
import json
import struct
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable
from typing import Any

from tests.fakellm.anthropic_messages import render_messages
from tests.fakellm.bedrock import EVENTSTREAM, render_bedrock, render_converse
from tests.fakellm.code_assist import other_method, render_code_assist
from tests.fakellm.gemini import gemini_count_tokens, render_gemini
from tests.fakellm.openai_chat import render_chat
from tests.fakellm.openai_completions import render_completions
from tests.fakellm.openai_responses import render_responses, responses_events
from tests.fakellm.script import (
    JSON_TYPE,
    MODELS,
    SSE_TYPE,
    Recent,
    RecordedRequest,
    Reply,
    ScriptedCut,
    Turn,
    default_text,
    dumps,
    embedding,
    error_body,
    error_headers,
    kind_of,
    path_model,
)

_BUILDERS = {"chat": render_chat, "responses": render_responses,
             "completions": render_completions, "messages": render_messages,
             "bedrock": render_bedrock, "converse": render_converse}
_CTYPES = {"bedrock": EVENTSTREAM}


def answer_mode(kind: str, path: str, query: str, data: dict[str, Any]) -> tuple[bool, str]:
    """(streamed, how): the path says it for Gemini (``:streamGenerateContent``, SSE with
    ``alt=sse`` else a JSON array) and Bedrock (``invoke-with-response-stream``); the body's
    ``stream`` flag for the others."""
    if kind in ("gemini", "codeassist"):
        if path.endswith(":streamGenerateContent"):  # Code Assist: SSE (Gemini CLI's ask)
            return True, "sse" if "alt=sse" in query or kind == "codeassist" else "array"
        return False, "json"
    if kind in ("bedrock", "converse"):
        return path.endswith("-stream"), ""
    return bool(data.get("stream")), ""


# -- the app ----------------------------------------------------------------------------------
class FakeLLM:
    """The scripted upstream; ``app`` (or the instance itself) is the ASGI callable.

    ``latency`` waits that long before every LLM answer (a model's think time);
    ``websocket_refusal`` answers WebSocket upgrades with that HTTP status instead of
    accepting them (426 is what makes Codex fall back to HTTPS); ``responder`` computes the
    answer to a request body when no scripted reply is queued (instead of the echo)."""

    def __init__(self, replies: Iterable[Reply] = (), *, latency: float = 0.0,
                 websocket_refusal: int | None = None,
                 responder: Callable[[dict[str, Any]], Reply] | None = None) -> None:
        self._queue: deque[Reply] = deque(replies)
        self.responder = responder
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
            n = self._n
        if scripted is None and self.responder is not None:
            scripted = self.responder(data)
        return scripted or Reply(text=default_text(data)), n

    def _turn(self, data: dict[str, Any], reply: Reply | None = None,
              model: str | None = None) -> Turn:
        reply, seq = self._next(data, reply)
        return Turn(reply, reply.model or model or str(data.get("model") or "fake-model"),
                    data, seq, int(time.time()))

    def _chunks(self, kind: str, t: Turn, stream: bool, mode: str) -> list[bytes]:
        if kind == "gemini":
            return list(render_gemini(t, mode))
        if kind == "codeassist":
            return list(render_code_assist(t, mode))
        return list(_BUILDERS[kind](t, stream))

    def render(self, path: str, body: dict[str, Any], reply: Reply | None = None) -> list[bytes]:
        """The body chunks the fake would write for ``body`` POSTed to ``path`` (one chunk
        per SSE event, or one JSON document), without a server: for benchmarks and parser
        tests. Only successful answers; ``reply`` defaults to the next scripted one."""
        path, _, query = path.partition("?")
        kind = kind_of("POST", path)
        if kind is None:
            raise ValueError(f"{path} is not an LLM endpoint of the fake")
        stream, mode = answer_mode(kind, path, query, body)
        return self._chunks(kind, self._turn(body, reply, path_model(path)), stream, mode)

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
        kind = kind_of(method, path)
        if kind is None:
            await self._other(method, path, data, send, anthropic="anthropic-version" in headers)
            return
        if not isinstance(data, dict):
            err = error_body(kind, 400, "We could not parse the JSON body of your request.")
            await self._respond(send, 400, [(b"content-type", JSON_TYPE)], [err])
            return
        turn = self._turn(data, model=path_model(path))
        stream, mode = answer_mode(kind, path, qs.decode("latin-1"), data)
        if self.latency:
            await asyncio.sleep(self.latency)
        await self._answer(kind, turn, send, stream, mode)

    async def _answer(self, kind: str, t: Turn, send: Any, stream: bool, mode: str) -> None:
        reply = t.reply
        headers = {"x-request-id": t.id("req"), **reply.headers}
        if reply.garbage is not None:  # labelled as what the client asked for
            ctype = "text/event-stream" if stream and reply.status < 400 else "application/json"
            await self._respond(send, reply.status, hdrs({"content-type": ctype, **headers}),
                                [reply.garbage])
        elif reply.status >= 400:
            body = error_body(kind, reply.status, reply.error or f"scripted error "
                                                                 f"{reply.status}")
            err_headers = {"content-type": "application/json", "x-request-id": t.id("req"),
                           **error_headers(kind, reply)}
            await self._respond(send, reply.status, hdrs(err_headers), [body])
        else:
            chunks = self._chunks(kind, t, stream, mode)
            if kind in _CTYPES or (kind == "converse" and stream):
                base = [(b"content-type", EVENTSTREAM)]
            elif stream and mode != "array":
                base = [(b"content-type", SSE_TYPE), (b"cache-control", b"no-cache")]
            else:
                base = [(b"content-type", JSON_TYPE)]
            if reply.headers:  # scripted headers win, also over the content type
                names = {k.lower().encode("latin-1") for k in headers}
                base = [h for h in base if h[0] not in names]
            await self._respond(send, reply.status, base + hdrs(headers), chunks, stream,
                                delay=reply.chunk_delay, cut_after=reply.cut_after_events,
                                reply=reply)

    async def _respond(self, send: Any, status: int, headers: list[tuple[bytes, bytes]],
                       chunks: list[bytes], stream: bool = False, delay: float = 0.0,
                       cut_after: int | None = None, reply: Reply | None = None) -> None:
        """Send ``chunks``: one write per chunk when streaming (as a model's server flushes
        each event), else one body with its length; ``reply`` may hold the stream after its
        first event or cut the writes at byte offsets instead of event boundaries."""
        if stream and reply is not None and (reply.hold is not None or reply.split_bytes):
            await self._respond_shaped(send, status, headers, chunks, reply)
            return
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
                raise ScriptedCut("fake upstream cut the stream (scripted)")
            if delay and i:
                await asyncio.sleep(delay)
            await send({"type": "http.response.body", "body": chunk, "more_body": True})
        await send({"type": "http.response.body", "body": b""})
        self.sent.append(b"".join(chunks))

    async def _respond_shaped(self, send: Any, status: int,
                              headers: list[tuple[bytes, bytes]], chunks: list[bytes],
                              reply: Reply) -> None:
        await send({"type": "http.response.start", "status": status, "headers": headers})
        rest = chunks
        if reply.hold is not None and chunks:
            n = max(1, reply.hold_after)
            await send({"type": "http.response.body", "body": b"".join(chunks[:n]),
                        "more_body": True})
            if reply.held is not None:
                reply.held.set()
            for _ in range(1000):  # at most 10 s
                if reply.hold.is_set():
                    break
                await asyncio.sleep(0.01)
            rest = chunks[n:]
        data = b"".join(rest)
        size = reply.split_bytes or len(data) or 1
        for i in range(0, len(data), size):
            await send({"type": "http.response.body", "body": data[i:i + size],
                        "more_body": True})
        await send({"type": "http.response.body", "body": b""})
        self.sent.append(b"".join(chunks))

    async def _json(self, send: Any, status: int, obj: Any) -> None:
        await self._respond(send, status, [(b"content-type", JSON_TYPE)], [dumps(obj).encode()])

    async def _other(self, method: str, path: str, data: Any, send: Any,
                     anthropic: bool = False) -> None:
        """The endpoints that consume no scripted reply."""
        if path.startswith("/v1internal:"):
            status, answer = other_method(path.split(":", 1)[1], data)
            await self._json(send, status, answer)
        elif path.endswith(":countTokens") and method == "POST":
            await self._json(send, 200, gemini_count_tokens(data))
        elif path == "/v1/messages/count_tokens" and method == "POST":
            n = max(1, len(dumps(data)) // 4) if isinstance(data, dict) else 0
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
            await self._json(send, 200, embeddings_answer(data if isinstance(data, dict) else {}))
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
        if path not in ("/v1/responses", "/responses", "/backend-api/codex/responses") or (
                self.websocket_refusal):
            status = self.websocket_refusal or 404
            refusal = error_body("responses", status, f"WebSocket not served at {path}")
            await send({"type": "websocket.http.response.start", "status": status,
                        "headers": [(b"content-type", JSON_TYPE)]})
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
                await send({"type": "websocket.send", "text": ws_error(
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

    async def _ws_answer(self, t: Turn, send: Any) -> bool:
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
            text = ws_error(reply.status, "responses", reply.error or
                             f"scripted error {reply.status}", error_headers("responses",
                                                                              reply))
            await send({"type": "websocket.send", "text": text})
            self.sent.append(text.encode() + b"\n")
            return True
        sent: list[str] = []
        for i, text in enumerate(responses_events(t)):
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


def hdrs(headers: dict[str, str]) -> list[tuple[bytes, bytes]]:
    return [(k.lower().encode("latin-1"), v.encode("latin-1")) for k, v in headers.items()]


def ws_error(status: int, kind: str, message: str, headers: dict[str, str]) -> str:
    """An error over the Responses WebSocket: the HTTP error it stands for, wrapped in one
    message (what codex-rs reads as ``WrappedWebsocketErrorEvent``)."""
    inner = json.loads(error_body(kind, status, message))["error"]
    ev: dict[str, Any] = {"type": "error", "status": status, "error": inner}
    if headers:
        ev["headers"] = headers
    return dumps(ev)


def embeddings_answer(data: dict[str, Any]) -> dict[str, Any]:
    raw = data.get("input")
    inputs = raw if isinstance(raw, list) else [raw]
    dims = data.get("dimensions")
    dims = dims if isinstance(dims, int) and not isinstance(dims, bool) and 0 < dims <= 256 \
        else 8
    b64 = data.get("encoding_format") == "base64"
    out = []
    for i, item in enumerate(inputs):
        vec = embedding(item if isinstance(item, str) else dumps(item), dims)
        value: Any = base64.b64encode(struct.pack(f"<{dims}f", *vec)).decode() if b64 else vec
        out.append({"object": "embedding", "index": i, "embedding": value})
    tokens = sum(max(1, len(str(x)) // 4) for x in inputs)
    return {"object": "list", "model": str(data.get("model") or "fake-embed"), "data": out,
            "usage": {"prompt_tokens": tokens, "total_tokens": tokens}}


