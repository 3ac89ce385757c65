"""WebSocket relay for the Responses API (Codex CLI's preferred transport).

Codex opens ``ws(s)://<base>/v1/responses`` (``<base>/backend-api/codex/responses`` when
signed in with ChatGPT, relayed to ``Settings.chatgpt_base``) and sends ``{"type":
"response.create", ...}`` text messages; the server answers each with the same events the
HTTP stream carries (``response.created`` ... ``response.completed``), one JSON event per
text message. The relay forwards every message unchanged in both directions and, per
``response.create``, keeps a copy of the request and of the events (re-framed as SSE so the
one Responses parser reads them) until a terminal event, then hands it to the recorder.

A socket is one session: follow-up turns (``previous_response_id``) carry only their new
input items, not the environment context the first turn had. The tap remembers the working
directory the session stated and gives each later turn's copy an ``x-aiprov-cwd`` header
(the copy only; nothing forwarded changes), so every turn is recorded with the session's
directory and repository. Developer and tool come from the socket's headers, the same for
every turn.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import time
from collections import deque
from collections.abc import Callable
from typing import Any

import aiohttp

from proxy import formats
from proxy.exchange import OPENAI_RESPONSES
from proxy.host import RelayHost
from proxy.identity import cwd_in_texts
from proxy.raw import RawExchange
from proxy.routing import is_anthropic

TERMINAL = frozenset({"response.completed", "response.failed", "response.incomplete", "error"})
WS_HANDSHAKE = frozenset({
    "host", "upgrade", "connection", "sec-websocket-key", "sec-websocket-version",
    "sec-websocket-extensions", "sec-websocket-accept", "content-length",
    "transfer-encoding",
})


def ws_url(url: str) -> str:
    """An http(s) URL as the ws(s) URL of the same place."""
    return "wss://" + url[8:] if url.startswith("https://") else "ws://" + url[7:]


def request_body(message: dict[str, Any]) -> bytes:
    """The Responses request inside a ``response.create`` message (flat or nested)."""
    inner = message.get("response")
    body = dict(inner) if isinstance(inner, dict) else {
        k: v for k, v in message.items() if k != "type"
    }
    body.setdefault("stream", True)
    return json.dumps(body).encode()


class _Turn:
    """One response.create and its events, being copied for the recorder."""

    def __init__(self, path: str, headers: list[tuple[str, str]], upstream: str,
                 message: dict[str, Any], source: str) -> None:
        self.raw = RawExchange(
            started_at=time.time(), started_mono=time.perf_counter(), method="POST",
            path=path, request_headers=headers, request_body=request_body(message),
            upstream=upstream, status=200,
            response_headers=[("content-type", "text/event-stream"),
                              ("x-aiprov-transport", "websocket")],
            source=source,
        )

    def event(self, text: str, kind: str | None) -> None:
        raw = self.raw
        if raw.first_byte_mono is None:
            raw.first_byte_mono = time.perf_counter()
        head = f"event: {kind}\n" if kind else ""
        raw.chunks.append(f"{head}data: {text}\n\n".encode())


class ResponsesTap:
    """Copies one WebSocket's Responses traffic into exchanges, for any relay.

    Each ``response.create`` from the client opens a turn (Codex's ``generate: false``
    warm-up is relayed but is not an exchange); the server's events go to the oldest open
    turn, and its terminal event hands the turn to ``finish``. Turns are answered in order,
    so a client that pipelines requests gets each its own events."""

    def __init__(self, path: str, headers: list[tuple[str, str]], upstream: str,
                 finish: Callable[[RawExchange], None], *, source: str = "proxy") -> None:
        self.path, self.headers, self.upstream = path, headers, upstream
        self.finish, self.source = finish, source
        self.turns: deque[_Turn | None] = deque()
        self.cwd: str | None = None  # the session's working directory, once stated

    def client_text(self, text: str) -> None:
        if '"response.create"' not in text[:200]:
            return
        try:
            parsed = json.loads(text)
        except ValueError:
            return
        if isinstance(parsed, dict) and parsed.get("type") == "response.create":
            if self.cwd is None:
                self.cwd = _stated_cwd(parsed)
            if parsed.get("generate") is False:  # Codex's warm-up: relayed, not an exchange
                self.turns.append(None)
                return
            headers = self.headers
            if self.cwd and not any(k == "x-aiprov-cwd" for k, _ in headers):
                headers = [*headers, ("x-aiprov-cwd", self.cwd)]
            self.turns.append(_Turn(self.path, headers, self.upstream, parsed, self.source))

    def server_text(self, text: str) -> None:
        if not self.turns:
            return
        kind = _event_type(text)
        turn = self.turns[0]
        if turn is not None:
            turn.event(text, kind)
        if kind in TERMINAL:
            self.turns.popleft()
            if turn is not None:
                turn.raw.end_mono = time.perf_counter()
                self.finish(turn.raw)

    def close(self, *, client_left: bool) -> None:
        """The socket closed: turns still open are recorded as cut short."""
        while self.turns:
            turn = self.turns.popleft()
            if turn is not None:
                turn.raw.client_disconnected = client_left
                turn.raw.error = None if client_left else ("the websocket closed before the "
                                                           "response finished")
                turn.raw.end_mono = time.perf_counter()
                self.finish(turn.raw)


def _stated_cwd(message: dict[str, Any]) -> str | None:
    """The working directory a turn's instructions or first input items state, if any."""
    inner = message.get("response")
    body: dict[str, Any] = inner if isinstance(inner, dict) else message
    texts: list[str] = []
    if isinstance(body.get("instructions"), str):
        texts.append(body["instructions"])
    items = body.get("input")
    for item in items[:8] if isinstance(items, list) else ():
        content = item.get("content") if isinstance(item, dict) else None
        for part in content if isinstance(content, list) else [content]:
            text = part.get("text") if isinstance(part, dict) else part
            if isinstance(text, str):
                texts.append(text)
    return cwd_in_texts(texts)


def _event_type(text: str) -> str | None:
    # cheap: the type is the first key in every event OpenAI sends; fall back to JSON
    head = text[:80]
    i = head.find('"type"')
    if i >= 0:
        rest = head[i + 6 :].lstrip(" :")
        if rest.startswith('"'):
            end = rest.find('"', 1)
            if end > 0:
                return rest[1:end]
    try:
        data = json.loads(text)
    except ValueError:
        return None
    return data.get("type") if isinstance(data, dict) else None


async def relay_websocket(app: RelayHost, scope: dict[str, Any], receive: Any,
                          send: Any) -> None:
    path: str = scope["path"]
    qs: bytes = scope.get("query_string") or b""
    full_path = path + ("?" + qs.decode("latin-1") if qs else "")
    headers = [(k.decode("latin-1"), v.decode("latin-1")) for k, v in scope["headers"]]
    hdict = dict(headers)
    msg = await receive()
    if msg["type"] != "websocket.connect":
        return
    info = formats.classify("POST", path)
    api = info.api
    if info.provider == "chatgpt":  # Codex signed in with ChatGPT: {chatgpt_base}/responses
        target = app.router.chatgpt
    else:
        target = app.router.anthropic if is_anthropic(path, hdict) else app.router.openai
    if api != OPENAI_RESPONSES or target.base_url is None:
        await send({"type": "websocket.close", "code": 1008,
                    "reason": "aiprov relays WebSockets for /v1/responses and "
                              "/backend-api/codex/responses only"})
        return
    if app.gate.enabled and info.provider == "chatgpt":
        await send({"type": "websocket.close", "code": 1008,
                    "reason": "aiprov: proxy tokens cannot stand in for a ChatGPT sign-in"})
        return
    if app.gate.enabled:
        from proxy.tokens import presented

        developer = app.gate.developer(presented(hdict))
        key = os.environ.get(app.settings.openai_key_env, "")
        if developer is None or not key:
            await send({"type": "websocket.close", "code": 1008,
                        "reason": "aiprov: an aiprov token is required" if developer is None
                        else "aiprov: no org key in the proxy's environment"})
            return
        headers = [(k, v) for k, v in headers
                   if k not in ("authorization", "x-api-key", "api-key", "x-aiprov-developer")]
        headers += [("authorization", f"Bearer {key}"), ("x-aiprov-developer", developer)]
    fwd = [(k, v) for k, v in headers if k not in WS_HANDSHAKE and k != "x-aiprov-developer"]
    protocols = [p.strip() for p in hdict.get("sec-websocket-protocol", "").split(",") if p]
    fwd = [(k, v) for k, v in fwd if k != "sec-websocket-protocol"]
    assert app.session is not None
    try:
        upstream = await app.session.ws_connect(
            ws_url(target.url(full_path)), headers=fwd, protocols=protocols,
            autoping=True, max_msg_size=0, compress=0,
        )
    except aiohttp.WSServerHandshakeError as exc:
        # tell the client the upstream's own refusal (Codex then falls back to HTTPS)
        await send({"type": "websocket.close", "code": 1011,
                     "reason": f"upstream refused websocket: {exc.status}"[:120]})
        return
    except (TimeoutError, aiohttp.ClientError, OSError) as exc:
        app.metrics.upstream_errors += 1
        await send({"type": "websocket.close", "code": 1011,
                    "reason": f"aiprov: upstream unreachable ({exc.__class__.__name__})"})
        return
    accept: dict[str, Any] = {"type": "websocket.accept"}
    if upstream.protocol:
        accept["subprotocol"] = upstream.protocol
    await send(accept)
    tap = ResponsesTap(full_path, headers, target.label,
                       lambda raw: app._finish(raw, OPENAI_RESPONSES, raw.status))

    async def client_to_upstream() -> None:
        while True:
            m = await receive()
            if m["type"] == "websocket.disconnect":
                return
            text, data = m.get("text"), m.get("bytes")
            if text is not None:
                tap.client_text(text)
                await upstream.send_str(text)
            elif data is not None:
                await upstream.send_bytes(data)

    async def upstream_to_client() -> None:
        async for m in upstream:
            if m.type == aiohttp.WSMsgType.TEXT:
                await send({"type": "websocket.send", "text": m.data})
                tap.server_text(m.data)
            elif m.type == aiohttp.WSMsgType.BINARY:
                await send({"type": "websocket.send", "bytes": m.data})
            elif m.type in (aiohttp.WSMsgType.CLOSE, aiohttp.WSMsgType.CLOSED,
                            aiohttp.WSMsgType.ERROR):
                break

    up = asyncio.create_task(upstream_to_client())
    down = asyncio.create_task(client_to_upstream())
    done, pending = await asyncio.wait({up, down}, return_when=asyncio.FIRST_COMPLETED)
    for t in pending:
        t.cancel()
    await asyncio.gather(*pending, return_exceptions=True)
    client_left = down in done
    tap.close(client_left=client_left)
    if not upstream.closed:
        await upstream.close()
    if not client_left:
        code = upstream.close_code or 1000
        with contextlib.suppress(Exception):  # the client may be gone already
            await send({"type": "websocket.close", "code": code})
