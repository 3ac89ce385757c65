"""The base-URL proxy: a raw ASGI app that relays LLM API traffic and records it.

Invariants (ARCHITECTURE.md, "Rules of the house"):
- what the client receives is byte-for-byte what the upstream sent (hop-by-hop headers
  aside): the upstream body is read undecoded and forwarded chunk by chunk as it arrives;
- the relay never waits for the store, the parser or the reviewer: it appends each chunk
  to a list and hands the whole ``RawExchange`` to ``Recorder.submit``, which appends it to
  the write-ahead spool (``proxy.wal``); the one thing it waits for is that append, before
  the response's last bytes go out (the chunk that completes a Content-Length body, the
  chunk with a stream's terminal event, or the end of a chunked body), so what a client
  received survives a crash of the proxy or of its recorder (``spool_sync=always``: it
  also waits for the append's group fsync, to survive a power cut);
- a client that disconnects cancels the upstream request, and the partial answer is
  recorded as incomplete.

A raw ASGI app (not FastAPI) because this is the hot path: routing is a dict lookup and a
prefix test, and nothing is parsed unless model routes are configured.
"""

from __future__ import annotations

import asyncio
import json
import logging
import os
import time
from typing import Any

import aiohttp

from aiprov.settings import Settings
from proxy import formats
from proxy.errors import error_body
from proxy.metrics import Metrics
from proxy.raw import RawExchange, RecorderLike
from proxy.routing import Router, Target, join_url
from proxy.tokens import TokenGate, presented
from proxy.translate import relay_litellm
from proxy.websocket import relay_websocket

log = logging.getLogger("aiprov.proxy")

HOP_BY_HOP = frozenset({
    b"connection", b"keep-alive", b"proxy-authenticate", b"proxy-authorization", b"te",
    b"trailer", b"trailers", b"transfer-encoding", b"upgrade", b"host", b"content-length",
    b"proxy-connection",
})
RESPONSE_DROP = frozenset({
    b"connection", b"keep-alive", b"transfer-encoding", b"trailer", b"upgrade",
    b"proxy-connection", b"proxy-authenticate",
})
LOCAL_PATHS = ("/metrics", "/_aiprov/status", "/_aiprov/health")
AUTH_HEADERS = ("authorization", "x-api-key", "api-key", "x-goog-api-key")
DURABLE_WAIT_S = 5.0
STREAM_END = (b"data: [DONE]", b"event: message_stop", b"event: response.completed",
              b"event: response.failed", b"event: response.incomplete")


class UpstreamBroke(Exception):
    """The upstream failed after the response started: the client connection is aborted so
    that a cut stream never looks complete."""


def ends_stream(chunk: bytes) -> bool:
    """The chunk carries a stream's terminal event, after which SDKs stop reading (the
    OpenAI SDK closes the connection at ``[DONE]`` without waiting for the body's end).
    Markers are matched at a line start: inside an event's JSON a newline is escaped, so
    text a model writes cannot end the stream early."""
    for marker in STREAM_END:
        i = chunk.find(marker)
        if i == 0 or (i > 0 and chunk[i - 1] == 0x0A):
            return True
    return False


__all__ = ["ProxyApp", "UpstreamBroke", "create_app", "join_url"]


class ProxyApp:
    def __init__(self, settings: Settings, recorder: RecorderLike | None = None) -> None:
        self.settings = settings
        self.router = Router(settings)
        if recorder is None:
            from proxy.recorder_process import recorder_for

            recorder = recorder_for(settings)
        self.recorder: RecorderLike = recorder
        self.wal = getattr(recorder, "wal", None)  # None: a test double that only collects
        self.metrics = Metrics()
        self.gate = TokenGate(settings.proxy_tokens_path)
        self.session: aiohttp.ClientSession | None = None
        self._own_session = True

    # -- ASGI entry -------------------------------------------------------------
    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        kind = scope["type"]
        if kind == "http":
            if scope["path"] in LOCAL_PATHS:
                await self._local(scope, send)
            else:
                await self._http(scope, receive, send)
        elif kind == "websocket":
            await relay_websocket(self, scope, receive, send)
        elif kind == "lifespan":
            await self._lifespan(receive, send)

    async def startup(self) -> None:
        if self.session is None:
            self.session = aiohttp.ClientSession(
                connector=aiohttp.TCPConnector(limit=0, ttl_dns_cache=300,
                                               enable_cleanup_closed=True),
                auto_decompress=False,
                timeout=aiohttp.ClientTimeout(total=None, sock_connect=15,
                                              sock_read=self.settings.upstream_timeout),
                skip_auto_headers=("User-Agent", "Accept-Encoding", "Content-Type"),
                cookie_jar=aiohttp.DummyCookieJar(),
            )
        self.recorder.start()

    async def shutdown(self) -> None:
        if self.session is not None:
            await self.session.close()
            self.session = None
        await asyncio.get_running_loop().run_in_executor(None, self.recorder.stop)

    async def _lifespan(self, receive: Any, send: Any) -> None:
        while True:
            msg = await receive()
            if msg["type"] == "lifespan.startup":
                try:
                    await self.startup()
                except Exception as exc:  # noqa: BLE001
                    await send({"type": "lifespan.startup.failed", "message": str(exc)})
                    return
                await send({"type": "lifespan.startup.complete"})
            elif msg["type"] == "lifespan.shutdown":
                await self.shutdown()
                await send({"type": "lifespan.shutdown.complete"})
                return

    # -- local endpoints --------------------------------------------------------
    async def _local(self, scope: dict[str, Any], send: Any) -> None:
        path = scope["path"]
        if path == "/metrics":
            body = self.metrics.render(self.recorder.stats()).encode()
            ctype = b"text/plain; version=0.0.4; charset=utf-8"
        else:
            data: dict[str, Any] = {"ok": True, "pid": os.getpid()}
            if path == "/_aiprov/status":
                data |= {"recorder": self.recorder.stats(), "proxy": self.metrics.snapshot(),
                         "db": _safe_url(self.recorder.db_url)}
            body = json.dumps(data).encode()
            ctype = b"application/json"
        await send({"type": "http.response.start", "status": 200,
                    "headers": [(b"content-type", ctype),
                                (b"content-length", str(len(body)).encode())]})
        await send({"type": "http.response.body", "body": body})

    # -- relay ------------------------------------------------------------------
    async def _http(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        started_at, started_mono = time.time(), time.perf_counter()
        method: str = scope["method"]
        path: str = scope["path"]
        raw_path = scope.get("raw_path") or path.encode()
        qs: bytes = scope.get("query_string") or b""
        full_path = raw_path.decode("latin-1") + ("?" + qs.decode("latin-1") if qs else "")
        headers: list[tuple[bytes, bytes]] = scope["headers"]
        hdict = {k.decode("latin-1"): v.decode("latin-1") for k, v in headers}
        api = formats.detect(method, path)
        family = self.router.family(path, hdict)

        raw = RawExchange(
            started_at=started_at, started_mono=started_mono, method=method, path=full_path,
            request_headers=list(hdict.items()), request_body=b"",
        )
        if b"key=" in qs:
            _key_out_of_path(raw)
        org_key = None
        if self.gate.enabled:
            org_key = await self._check_token(hdict, raw, family, api, send)
            if org_key is None:
                return
        # read the request body, bounded
        body_parts: list[bytes] = []
        size = 0
        limit = self.settings.max_body_bytes
        more = True
        while more:
            msg = await receive()
            if msg["type"] == "http.disconnect":
                return
            part = msg.get("body", b"")
            size += len(part)
            if size > limit:
                raw.error = f"request body over {limit} bytes; refused"
                await self._commit(raw, api, 413)
                await self._answer_error(send, family, 413,
                                         f"aiprov: request body is over the proxy's limit of "
                                         f"{limit} bytes (AIPROV_MAX_BODY_BYTES)", "body_too_large")
                return
            body_parts.append(part)
            more = msg.get("more_body", False)
        body = b"".join(body_parts)
        raw.request_body = body

        target = self.router.route(api, path, hdict, body)
        raw.upstream = target.label
        if target.litellm_model:
            await relay_litellm(self, target, api, raw, body, send)
            return
        refusal = target.refusal or _signed_elsewhere(hdict, target)
        if refusal is not None or target.base_url is None:
            raw.error = refusal or "no upstream"
            await self._commit(raw, api, 502)
            await self._answer_error(send, family, 502, raw.error, "upstream_not_configured")
            return
        fwd = self._forward_headers(headers, target, org_key)
        url = target.url(full_path)
        self.metrics.inflight += 1
        try:
            await self._relay(raw, api, family, method, url, fwd, body, receive, send)
        finally:
            self.metrics.inflight -= 1

    async def _check_token(self, hdict: dict[str, str], raw: RawExchange, family: str,
                           api: str | None, send: Any) -> str | None:
        """Proxy-token mode: the org key to forward, or None after answering 401/503."""
        developer = self.gate.developer(presented(hdict))
        if developer is None:
            await self._answer_error(
                send, family, 401, "aiprov: this proxy takes an aiprov token (aipx_...) "
                "as the API key; ask your admin for one (`aiprov proxy-token create`)",
                "aiprov_token_required")
            self.metrics.request_done(api or "passthrough", 401)
            return None
        # the token, not the client, says who this is
        raw.request_headers = [(k, v) for k, v in raw.request_headers
                               if k != "x-aiprov-developer"] + [("x-aiprov-developer",
                                                                 developer)]
        env = self._org_key_env(raw.path, family)
        key = os.environ.get(env, "") if env else ""
        if not key:
            why = (f"aiprov: proxy tokens are on but ${env} is not set in the proxy's "
                   "environment, so there is no org key to forward" if env else
                   "aiprov: proxy tokens cannot stand in for this provider's credentials "
                   "(Vertex AI OAuth, AWS for Bedrock, a ChatGPT or Google sign-in); use the "
                   "provider's own credentials "
                   "through a proxy without tokens, or `aiprov intercept`")
            await self._answer_error(send, family, 503, why, "aiprov_no_org_key")
            self.metrics.request_done(api or "passthrough", 503)
            return None
        return key

    def _org_key_env(self, path: str, family: str) -> str | None:
        """The variable holding the org key for this provider (None: a token cannot stand in
        for its credentials: Vertex's OAuth tokens, Bedrock's AWS credentials, the OAuth
        bearer of a ChatGPT or Google sign-in)."""
        s = self.settings
        provider = formats.classify("POST", path).provider
        if provider in ("vertex", "bedrock", "chatgpt", "codeassist"):
            return None
        if family == "anthropic":
            return s.anthropic_key_env
        return {"gemini": s.gemini_key_env, "azure": s.azure_key_env}.get(provider,
                                                                           s.openai_key_env)

    def _forward_headers(self, headers: list[tuple[bytes, bytes]], target: Target,
                         org_key: str | None = None) -> list[tuple[str, str]]:
        out = [(k.decode("latin-1"), v.decode("latin-1")) for k, v in headers
               if k not in HOP_BY_HOP]
        key = os.environ.get(target.api_key_env, "") if target.api_key_env else org_key
        if key is not None and (target.api_key_env or org_key):
            out = [(k, v) for k, v in out if k not in AUTH_HEADERS]
            if key:
                header = target.key_header
                out.append((header, f"Bearer {key}" if header == "authorization" else key))
        return out

    async def _relay(self, raw: RawExchange, api: str | None, family: str, method: str,
                     url: str, fwd: list[tuple[str, str]], body: bytes, receive: Any,
                     send: Any) -> None:
        assert self.session is not None
        task = asyncio.current_task()
        disconnected = asyncio.Event()

        async def watch() -> None:  # the only way ASGI tells us the client went away
            while True:
                msg = await receive()
                if msg["type"] == "http.disconnect":
                    disconnected.set()
                    if task is not None:
                        task.cancel()
                    return

        watcher = asyncio.create_task(watch())
        started = False
        status = 0
        try:
            async with self.session.request(method, url, headers=fwd, data=body or None,
                                            allow_redirects=False) as resp:
                status = resp.status
                raw.status = status
                out_headers = [(k.lower(), v) for k, v in resp.raw_headers
                               if k.lower() not in RESPONSE_DROP]
                raw.response_headers = [(k.decode("latin-1"), v.decode("latin-1"))
                                        for k, v in out_headers]
                await send({"type": "http.response.start", "status": status,
                            "headers": out_headers})
                started = True
                chunks = raw.chunks
                length = resp.content_length  # None for a chunked (streamed) body
                sse = length is None and resp.content_type == "text/event-stream"
                got = 0
                try:
                    async for chunk in resp.content.iter_any():
                        if raw.first_byte_mono is None:
                            raw.first_byte_mono = time.perf_counter()
                        chunks.append(chunk)
                        got += len(chunk)
                        if raw.end_mono is None and (
                                (length is not None and got >= length)
                                or (sse and ends_stream(chunk))):  # the last bytes wait
                            await self._commit(raw, api, status)
                        await send({"type": "http.response.body", "body": chunk,
                                    "more_body": True})
                except (TimeoutError, aiohttp.ClientError) as exc:
                    raw.error = f"upstream stream broke: {exc.__class__.__name__}: {exc}"
                    self.metrics.upstream_errors += 1
                    raise UpstreamBroke(raw.error) from exc
                if raw.end_mono is None:
                    await self._commit(raw, api, status)
                await send({"type": "http.response.body", "body": b"", "more_body": False})
        except asyncio.CancelledError:
            if not disconnected.is_set():
                raise
            raw.client_disconnected = True
            self.metrics.client_disconnects += 1
            # swallow the cancellation we caused ourselves; the upstream request is closed
            # by leaving the ``async with`` block
            t = asyncio.current_task()
            if t is not None:
                t.uncancel()
        except UpstreamBroke:
            if raw.end_mono is None:
                self._finish(raw, api, status)
            raise
        except (TimeoutError, aiohttp.ClientError, OSError) as exc:
            self.metrics.upstream_errors += 1
            raw.error = f"upstream unreachable: {exc.__class__.__name__}: {exc}"
            if not started:
                host = url.split("/")[2] if "://" in url else url
                status = 502
                await self._commit(raw, api, status)
                await self._answer_error(
                    send, family, 502,
                    f"aiprov: could not reach the upstream {host} ({exc.__class__.__name__}). "
                    "Check the network or the route's base_url.", "upstream_unreachable")
        finally:
            watcher.cancel()
        if raw.end_mono is None:  # not committed before the last bytes (disconnect, 502)
            self._finish(raw, api, status)

    async def _answer_error(self, send: Any, family: bool | str, status: int, message: str,
                            code: str) -> None:
        """Answer in the error shape the client's SDK reads (``proxy.errors.error_body``)."""
        body = error_body(family, status, message, code)
        await send({"type": "http.response.start", "status": status,
                    "headers": [(b"content-type", b"application/json"),
                                (b"content-length", str(len(body)).encode()),
                                (b"x-aiprov-error", code.encode())]})
        await send({"type": "http.response.body", "body": body})

    def _finish(self, raw: RawExchange, api: str | None, status: int) -> None:
        """The exchange is over: count it and append it to the spool (not waited for)."""
        self._record(raw, api, status)

    def _record(self, raw: RawExchange, api: str | None, status: int) -> int | None:
        """``_finish``, returning the spool append's sequence number (None when the
        exchange is not recorded)."""
        raw.status = raw.status or status
        raw.end_mono = time.perf_counter()
        self.metrics.request_done(api or "passthrough", raw.status)
        if api is not None:  # models, embeddings, count_tokens: relayed and counted only
            return self.recorder.submit(raw)
        return None

    async def _commit(self, raw: RawExchange, api: str | None, status: int) -> None:
        """``_finish`` (the append to the spool is done when it returns) and, with
        ``spool_sync=always``, wait until the append is fsync'd (group commit: one fsync for
        every exchange that finished meanwhile). A disk that does not answer in
        ``DURABLE_WAIT_S`` does not hold the client: the wait is counted and logged."""
        seq = self._record(raw, api, status)
        if seq is None or self.wal is None or not self.wal.wait_for_fsync:
            return
        try:
            await asyncio.wait_for(self.wal.durable(seq), DURABLE_WAIT_S)
        except TimeoutError:
            self.metrics.spool_slow += 1
            log.warning("the spool's fsync took over %.0f s; answered anyway", DURABLE_WAIT_S)


def _key_out_of_path(raw: RawExchange) -> None:
    """A Gemini key sent as ``?key=`` is forwarded as sent but never kept in the record's
    path: the copy gets ``key=***`` and the key moves to a header of the copy, where the
    recorder stores only its salted hash like any other key."""
    raw.path, key = formats.split_query_key(raw.path)
    if key is not None:
        raw.request_headers.append(("x-goog-api-key", key))


def _signed_elsewhere(hdict: dict[str, str], target: Target) -> str | None:
    """Why a SigV4-signed request cannot be relayed, or None. The signature covers the Host
    header, which a base-URL proxy must change: forwarding would fail upstream, and aiprov
    never re-signs or alters a signed request."""
    auth = hdict.get("authorization", "")
    if not auth.startswith("AWS4-HMAC-SHA256") or target.base_url is None:
        return None
    upstream_host = target.base_url.split("://", 1)[-1].split("/", 1)[0]
    if hdict.get("host", "") == upstream_host:
        return None
    return (f"aiprov: this request is SigV4-signed for {hdict.get('host', '?')}, and its "
            f"signature would not hold at {upstream_host}; aiprov never alters a signed "
            "request. Use a Bedrock API key (AWS_BEARER_TOKEN_BEDROCK) with the base URL, or "
            "`aiprov intercept` for signed requests")


def _safe_url(url: str) -> str:
    """A DB URL without its password."""
    if "@" in url and "://" in url:
        scheme, rest = url.split("://", 1)
        creds, host = rest.rsplit("@", 1)
        user = creds.split(":", 1)[0]
        return f"{scheme}://{user}:***@{host}"
    return url


def create_app(settings: Settings, recorder: RecorderLike | None = None) -> ProxyApp:
    """The proxy's ASGI app (lifespan starts the upstream client and the recorder)."""
    return ProxyApp(settings, recorder)
