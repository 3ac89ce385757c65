"""The intercepting proxy: a mitmproxy addon that records allowlisted LLM API traffic.

For assistants that cannot be pointed at a base URL (GitHub Copilot and others) but honour an
HTTPS proxy and a custom CA. mitmproxy runs as a library inside aiprov's process; this addon
decides what is decrypted and copies what passes into the same ``RawExchange`` the base-URL
proxy produces, so the recorder, provenance and reports cannot tell the two apart (except by
``source = "intercept"``).

Invariants:
- only hosts on the allowlist (``proxy.allowlist``) are TLS-intercepted; for every other host
  ``tls_clienthello`` sets ``ignore_connection`` and mitmproxy tunnels the encrypted bytes
  untouched, so the client sees that server's own certificate and nothing is recorded;
- the response is never buffered: ``responseheaders`` sets ``flow.response.stream`` to a
  callable that appends each chunk to the record and returns it unchanged, so the client gets
  every chunk as soon as mitmproxy has it (mitmproxy would otherwise hold the whole body and
  swallow server-sent events, mitmproxy issue 4469);
- the relay never waits for the store: the record is finished at ``response`` / ``error``
  and handed to ``submit``, which never blocks (``proxy.recorder.Recorder``);
- the record copy is bounded (``max_body_bytes``); what passes to the client is not.
"""

from __future__ import annotations

import asyncio
import logging
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar, Protocol

from proxy import formats
from proxy.allowlist import Allowlist, AllowlistError
from proxy.exchange import OPENAI_RESPONSES
from proxy.raw import RawExchange

if TYPE_CHECKING:
    from mitmproxy import http, tls
    from mitmproxy.proxy.server_hooks import ServerConnectionHookData

log = logging.getLogger("aiprov.intercept")

# mitmproxy's confdir keeps its CA under this basename (mitmproxy-ca.pem, -ca-cert.pem, ...)
CA_BASENAME = "mitmproxy"
CA_CERT_FILE = f"{CA_BASENAME}-ca-cert.pem"  # what clients trust
CA_KEY_FILES = (f"{CA_BASENAME}-ca.pem", f"{CA_BASENAME}-ca.p12")  # hold the private key
_META = "aiprov_raw"
_WS_META = "aiprov_ws_tap"


class Submitter(Protocol):
    def submit(self, raw: RawExchange) -> object: ...


# -- plain functions (the addon's hooks are thin guards around these) ---------------------

def tls_host(sni: str | None, address: tuple[Any, ...] | None) -> str | None:
    """The host a TLS connection is for: its SNI, else the address it was opened to."""
    if sni:
        return sni
    if address:
        return str(address[0])
    return None


def is_client_disconnect(message: str, client_connected: bool) -> bool:
    """Does mitmproxy's flow error mean the client went away (not the upstream)?

    HTTP/1: ``Client disconnected.``; HTTP/2: ``stream reset by client (CANCEL)``; a closed
    client socket with any other message counts too.
    """
    m = message.lower()
    return m.startswith(("client disconnected", "stream reset by client")) or not client_connected


def upstream_label(scheme: str, host_header: str | None, host: str, port: int) -> str:
    """``https://api.githubcopilot.com``: what the client addressed (its Host header)."""
    authority = host_header or (host if port in (80, 443) else f"{host}:{port}")
    return f"{scheme}://{authority}"


def start_record(flow: http.HTTPFlow, now_mono: float) -> RawExchange:
    req = flow.request
    headers = [(k.lower(), v) for k, v in req.headers.items(multi=True)]
    path, key = formats.split_query_key(req.path)  # a ?key= credential never reaches disk
    if key is not None:
        headers.append(("x-goog-api-key", key))  # hashed like any key by the recorder
    return RawExchange(
        started_at=req.timestamp_start,
        started_mono=now_mono,
        method=req.method,
        path=path,
        request_headers=headers,
        request_body=b"",
        upstream=upstream_label(req.scheme, req.host_header, req.host, req.port),
        source="intercept",
    )


@dataclass(slots=True)
class ChunkTee:
    """``flow.response.stream`` callable: keeps a bounded copy, returns each chunk as is."""

    raw: RawExchange
    limit: int
    kept: int = 0

    def __call__(self, chunk: bytes) -> bytes:
        if chunk:
            if self.raw.first_byte_mono is None:
                self.raw.first_byte_mono = time.perf_counter()
            if self.kept < self.limit:
                part = chunk if self.kept + len(chunk) <= self.limit else chunk[: self.limit -
                                                                                  self.kept]
                self.raw.chunks.append(part)
                self.kept += len(part)
                if len(part) < len(chunk):
                    self.raw.body_truncated = True
            else:
                self.raw.body_truncated = True
        else:  # b"": end of the body, the last byte has been handed on
            self.raw.end_mono = time.perf_counter()
        return chunk


@dataclass
class InterceptStats:
    intercepted: int = 0  # TLS connections decrypted (allowlisted)
    tunnelled: int = 0  # TLS connections passed through untouched
    recorded: int = 0  # exchanges handed to the recorder
    client_disconnects: int = 0
    errors: int = 0
    tunnelled_hosts: dict[str, int] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return {"intercepted": self.intercepted, "tunnelled": self.tunnelled,
                "recorded": self.recorded, "client_disconnects": self.client_disconnects,
                "errors": self.errors}


# -- the addon ----------------------------------------------------------------------------

class Intercept:
    """Decrypt allowlisted hosts, tunnel the rest, tee LLM API exchanges to the recorder."""

    def __init__(self, recorder: Submitter, allowlist: Allowlist, *,
                 max_body_bytes: int = 32 * 1024 * 1024) -> None:
        self.recorder = recorder
        self.base_allowlist = allowlist
        self.allowlist = allowlist
        self.max_body_bytes = max_body_bytes
        self.stats = InterceptStats()

    def load(self, loader: Any) -> None:
        from collections.abc import Sequence as Seq

        loader.add_option(
            "aiprov_allow", Seq[str], [],
            "Extra hosts or globs (*.example.com) to decrypt and record, on top of aiprov's "
            "allowlist; every other host is tunnelled without TLS interception.",
        )
        loader.add_option(
            "aiprov_max_body_bytes", int, self.max_body_bytes,
            "Bytes of each request and response body kept for the record (the client always "
            "gets the whole body).",
        )

    def configure(self, updated: set[str]) -> None:
        from mitmproxy import ctx, exceptions

        if "aiprov_allow" in updated:
            try:
                self.allowlist = self.base_allowlist.extended(ctx.options.aiprov_allow)
            except AllowlistError as exc:
                raise exceptions.OptionsError(f"aiprov_allow: {exc}") from exc
        if "aiprov_max_body_bytes" in updated:
            if ctx.options.aiprov_max_body_bytes < 1024:
                raise exceptions.OptionsError("aiprov_max_body_bytes must be at least 1024")
            self.max_body_bytes = ctx.options.aiprov_max_body_bytes

    # TLS: decide once per connection, before any decryption happens
    def tls_clienthello(self, data: tls.ClientHelloData) -> None:
        host = tls_host(data.client_hello.sni, data.context.server.address)
        if self.allowlist.allows(host):
            self.stats.intercepted += 1
            return
        data.ignore_connection = True
        self.stats.tunnelled += 1
        key = host or "?"
        if len(self.stats.tunnelled_hosts) < 1000 or key in self.stats.tunnelled_hosts:
            self.stats.tunnelled_hosts[key] = self.stats.tunnelled_hosts.get(key, 0) + 1

    # HTTP: only decrypted (or plain-HTTP) flows reach these hooks
    def requestheaders(self, flow: http.HTTPFlow) -> None:
        now = time.perf_counter()
        host = flow.client_conn.sni or flow.request.pretty_host
        if not self.allowlist.allows(host):
            return  # plain-HTTP proxying to another host: forwarded, not recorded
        if formats.detect(flow.request.method, flow.request.path.split("?", 1)[0]) is None:
            return  # models list, telemetry, token exchange...: relayed, not recorded
        flow.metadata[_META] = start_record(flow, now)

    def request(self, flow: http.HTTPFlow) -> None:
        raw: RawExchange | None = flow.metadata.get(_META)
        if raw is None:
            return
        body = flow.request.raw_content or b""
        if len(body) > self.max_body_bytes:
            body = body[: self.max_body_bytes]
            raw.body_truncated = True
        raw.request_body = body

    def responseheaders(self, flow: http.HTTPFlow) -> None:
        raw: RawExchange | None = flow.metadata.get(_META)
        if raw is None or flow.response is None:
            return
        raw.status = flow.response.status_code
        raw.response_headers = [(k.lower(), v) for k, v in flow.response.headers.items(multi=True)]
        flow.response.stream = ChunkTee(raw, self.max_body_bytes)

    def response(self, flow: http.HTTPFlow) -> None:
        raw: RawExchange | None = flow.metadata.pop(_META, None)
        if raw is None:
            return
        if raw.end_mono is None:
            raw.end_mono = time.perf_counter()
        self._submit(raw)

    def error(self, flow: http.HTTPFlow) -> None:
        raw: RawExchange | None = flow.metadata.pop(_META, None)
        if raw is None:
            return
        message = flow.error.msg if flow.error else "unknown error"
        if is_client_disconnect(message, flow.client_conn.connected):
            raw.client_disconnected = True
            self.stats.client_disconnects += 1
        else:
            raw.error = f"intercept: {message}"
            self.stats.errors += 1
            if raw.status == 0:
                raw.status = 502
        raw.end_mono = time.perf_counter()
        self._submit(raw)

    # WebSocket (Codex's Responses transport): each response.create becomes an exchange
    def websocket_start(self, flow: http.HTTPFlow) -> None:
        host = flow.client_conn.sni or flow.request.pretty_host
        path = flow.request.path
        if not self.allowlist.allows(host) or formats.detect("POST", path) != OPENAI_RESPONSES:
            return
        from proxy.websocket import ResponsesTap

        raw = start_record(flow, time.perf_counter())
        flow.metadata[_WS_META] = ResponsesTap(path, raw.request_headers, raw.upstream,
                                               self._submit, source="intercept")

    def websocket_message(self, flow: http.HTTPFlow) -> None:
        tap = flow.metadata.get(_WS_META)
        if tap is None or flow.websocket is None or not flow.websocket.messages:
            return
        msg = flow.websocket.messages[-1]
        if not msg.is_text:
            return
        if msg.from_client:
            tap.client_text(msg.text)
        else:
            tap.server_text(msg.text)

    def websocket_end(self, flow: http.HTTPFlow) -> None:
        tap = flow.metadata.pop(_WS_META, None)
        if tap is not None:
            closed_by_client = bool(flow.websocket and flow.websocket.closed_by_client)
            tap.close(client_left=closed_by_client)

    def _submit(self, raw: RawExchange) -> None:
        try:
            self.recorder.submit(raw)
        except Exception:  # noqa: BLE001 - recording must never break the client's request
            log.exception("recorder refused an exchange")
            self.stats.errors += 1
            return
        self.stats.recorded += 1


class LoopbackRedirect:
    """TESTS AND BENCHMARKS ONLY: connect to ``127.0.0.1:<port>`` instead of ``host``.

    Lets a test impersonate a public host (``api.openai.com``) with a loopback TLS server
    without touching /etc/hosts or DNS. Deliberately not an option, a setting or a CLI flag:
    it exists only when code constructs it and adds it to the master, and it can point
    nowhere but loopback. The client still sends the real host in SNI and Host, and mitmproxy
    still verifies the upstream certificate against that name.
    """

    def __init__(self, ports: Mapping[str, int]) -> None:
        self.ports = {h.lower(): int(p) for h, p in ports.items()}

    def server_connect(self, data: ServerConnectionHookData) -> None:
        address = data.server.address
        if address and str(address[0]).lower() in self.ports:
            data.server.address = ("127.0.0.1", self.ports[str(address[0]).lower()])


# -- running mitmproxy as a library ---------------------------------------------------------

@dataclass(frozen=True, slots=True)
class CaFiles:
    confdir: Path
    cert: Path  # the certificate clients trust
    created: bool  # made by this call (first run)
    fixed_modes: tuple[str, ...] = ()  # key files whose mode was tightened to 0600


def ensure_ca(confdir: Path) -> CaFiles:
    """Create the CA under ``confdir`` on first use; make sure its keys are owner-only.

    mitmproxy writes its key files under a 0o77 umask, but a copied or restored directory
    may have looser modes: any key file readable by others is tightened to 0600 here.
    """
    from mitmproxy.certs import CertStore

    confdir.mkdir(parents=True, exist_ok=True, mode=0o700)
    confdir.chmod(0o700)
    key_pem = confdir / CA_KEY_FILES[0]
    created = not key_pem.exists()
    if created:
        import getpass
        import socket

        CertStore.create_store(
            confdir, CA_BASENAME, key_size=2048, organization="aiprov",
            cn=f"aiprov intercept CA ({getpass.getuser()}@{socket.gethostname()})"[:64],
        )
    fixed = []
    for name in CA_KEY_FILES:
        path = confdir / name
        if path.exists() and path.stat().st_mode & 0o077:
            path.chmod(0o600)
            fixed.append(name)
    return CaFiles(confdir, confdir / CA_CERT_FILE, created, tuple(fixed))


class _ErrorCollector(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


_one_per_process = threading.Lock()


class InterceptServer:
    """mitmproxy's master with aiprov's addon.

    The CLI awaits ``serve()`` on the main thread; tests and benchmarks call ``start()``,
    which runs it on an event loop in a thread and returns once the port is listening (or
    raises mitmproxy's error), and ``stop()``. Only one may run per process at a time:
    mitmproxy keeps the current master and its options in module globals (``mitmproxy.ctx``)
    and a second master would silently take over the first one's options.
    """

    _running: ClassVar[InterceptServer | None] = None

    def __init__(self, addon: Intercept, *, host: str = "127.0.0.1", port: int = 0,
                 confdir: Path, upstream_ca: Path | None = None,
                 extra_addons: Sequence[object] = (),
                 options: Mapping[str, Any] | None = None) -> None:
        self.addon = addon
        self.host = host
        self.port = port
        self.confdir = confdir
        self.upstream_ca = upstream_ca
        self.extra_addons = tuple(extra_addons)
        self.options = dict(options or {})
        self._master: Any = None
        self._thread: threading.Thread | None = None
        self._ready = threading.Event()
        self._error: BaseException | None = None

    async def _make_master(self) -> Any:
        from mitmproxy import addons
        from mitmproxy.master import Master
        from mitmproxy.options import Options

        opts = Options(listen_host=self.host, listen_port=self.port,
                       confdir=str(self.confdir))
        master = Master(opts)
        master.addons.add(*addons.default_addons())
        master.addons.add(self.addon, *self.extra_addons)
        updates: dict[str, Any] = {"onboarding": False}  # no mitm.it page serving the CA
        if self.upstream_ca is not None:
            updates["ssl_verify_upstream_trusted_ca"] = str(self.upstream_ca)
        updates.update(self.options)
        opts.update(**updates)
        return master

    async def serve(self, on_ready: Callable[[list[tuple[str, int]]], None] | None = None
                    ) -> None:
        """Listen, call ``on_ready(addresses)``, serve until ``stop()`` / cancellation."""
        with _one_per_process:
            if InterceptServer._running is not None:
                raise RuntimeError("one intercepting proxy per process: mitmproxy keeps its "
                                   "master and options in module globals (mitmproxy.ctx)")
            InterceptServer._running = self
        try:
            await self._serve(on_ready)
        finally:
            with _one_per_process:
                InterceptServer._running = None

    async def _serve(self, on_ready: Callable[[list[tuple[str, int]]], None] | None) -> None:
        master = await self._make_master()
        self._master = master
        ps = master.addons.get("proxyserver")
        # mitmproxy logs why it cannot listen, with a hint about its own CLI; keep the reason
        # for our error and leave the hint out
        errors = _ErrorCollector()
        mlog = logging.getLogger("mitmproxy")
        mlog.addHandler(errors)
        propagate, mlog.propagate = mlog.propagate, False
        try:
            ok = await ps.setup_servers()
        finally:
            mlog.removeHandler(errors)
            mlog.propagate = propagate
        if not ok:
            reason = errors.messages[0].splitlines()[0] if errors.messages else "unknown error"
            raise OSError(f"could not listen on {self.host}:{self.port}: "
                          f"{reason.rsplit(': ', 1)[-1]}")
        addrs = [(str(a[0]), int(a[1])) for a in ps.listen_addrs()]
        if addrs:
            self.port = addrs[0][1]
        await master.running()
        try:
            if on_ready is not None:
                on_ready(addrs)
            await master.should_exit.wait()
        finally:
            await master.done()
            await ps.servers.update([])  # close the listening sockets

    # -- threaded use (tests, benchmarks) ---------------------------------------------
    def start(self, timeout: float = 30.0) -> InterceptServer:
        def run() -> None:
            try:
                asyncio.run(self.serve(lambda _addrs: self._ready.set()))
            except BaseException as exc:  # noqa: BLE001 - re-raised in start()
                self._error = exc
                self._ready.set()

        self._thread = threading.Thread(target=run, name="aiprov-intercept", daemon=True)
        self._thread.start()
        if not self._ready.wait(timeout):
            raise TimeoutError(f"intercepting proxy did not start within {timeout}s")
        if self._error is not None:
            raise self._error
        return self

    def request_stop(self) -> None:
        """Ask the master to shut down (thread-safe; returns at once)."""
        if self._master is not None:
            self._master.shutdown()

    def stop(self, timeout: float = 10.0) -> None:
        self.request_stop()
        if self._thread is not None:
            self._thread.join(timeout)
            self._thread = None

    def __enter__(self) -> InterceptServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

