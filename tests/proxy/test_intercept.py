"""aiprov intercept: real TLS clients through mitmproxy to loopback TLS servers that impersonate
public hosts, with certificate verification on everywhere.

- ``api.openai.com`` / ``api.githubcopilot.com`` / ``copilot-proxy.githubusercontent.com``
  are served by one loopback upstream whose certificate comes from a test CA that mitmproxy
  (and only mitmproxy) trusts; the client trusts only aiprov's generated CA.
- ``registry.npmjs.org`` is served by a second upstream with its own CA that the client trusts
  directly: it must be tunnelled, so the client sees that server's own certificate.
The proxy reaches both through ``LoopbackRedirect`` (code-only, loopback-only), never DNS.
"""

from __future__ import annotations

import asyncio
import json
import ssl
import stat
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import pytest
from cryptography import x509
from cryptography.hazmat.primitives.serialization import Encoding

from proxy.allowlist import DEFAULT_HOSTS, Allowlist
from proxy.intercept import (
    CA_KEY_FILES,
    ChunkTee,
    Intercept,
    InterceptServer,
    LoopbackRedirect,
    ensure_ca,
    is_client_disconnect,
    tls_host,
    upstream_label,
)
from proxy.raw import RawExchange
from tests.fakellm import FakeLLM, FakeToolCall, Reply
from tests.proxy.tlsupstream import TlsServer, make_ca, serve_tls, serve_tls_h2

pytestmark = pytest.mark.timeout(120)

IMPERSONATED = ("api.openai.com", "api.githubcopilot.com", "copilot-proxy.githubusercontent.com",
                "chatgpt.com", "cloudcode-pa.googleapis.com")
H2_HOST = "proxy.individual.githubcopilot.com"  # served over HTTP/2; on the list by glob
TUNNELLED = "registry.npmjs.org"


def wait_for(cond: Callable[[], bool], timeout: float = 10.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if cond():
            return True
        time.sleep(0.01)
    return cond()


# -- the fake upstream: the shared fake, scripted by what each request asks ----------------

FIM_PIECES = ["    if n < 2:\n", "        return n\n", "    return fib(n - 1)", " + fib(n - 2)\n"]
CHAT_TEXT = "Use a set: `seen = set()`."


@dataclass
class Upstream:
    """``tests.fakellm`` answering chat with ``CHAT_TEXT`` and completions with the FIM
    pieces, streams written in 37-byte pieces (chunk boundaries are not event boundaries);
    model ``hold`` pauses a chat stream after its first two events until ``release`` is
    set."""

    release: threading.Event = field(default_factory=threading.Event)
    hold_reached: threading.Event = field(default_factory=threading.Event)
    fake: FakeLLM = field(init=False)

    def __post_init__(self) -> None:
        self.fake = FakeLLM(responder=self._reply)

    def _reply(self, data: dict[str, Any]) -> Reply:
        if "prompt" in data:
            return Reply(text="".join(FIM_PIECES), model="copilot-codex", split_bytes=37)
        if data.get("model") == "hold":
            # the role chunk and "Use a set:" go out, then the stream waits
            return Reply(text=CHAT_TEXT, chunk_chars=10, hold=self.release, hold_after=2,
                         held=self.hold_reached)
        return Reply(text=CHAT_TEXT, model="gpt-4o-2024-11-20", split_bytes=37, usage=(12, 9))

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        await self.fake(scope, receive, send)

    @property
    def received(self) -> list[tuple[str, str, bytes]]:
        return [(r.method, r.path.split("?", 1)[0], r.body) for r in self.fake.requests]

    @property
    def last_sent(self) -> bytes:
        return self.fake.sent[-1]

    def clear(self) -> None:
        self.fake.requests.clear()
        self.fake.sent.clear()


@dataclass
class ListRecorder:
    items: list[RawExchange] = field(default_factory=list)

    def submit(self, raw: RawExchange) -> None:
        self.items.append(raw)


@dataclass
class Rig:
    proxy_url: str
    aiprov_ca: Path
    tunnel_ca: Path
    upstream: Upstream
    llm: TlsServer
    other: TlsServer
    recorder: ListRecorder
    addon: Intercept

    def client(self, verify: Path | None = None, **kw: Any) -> httpx.Client:
        ctx = ssl.create_default_context(cafile=str(verify or self.aiprov_ca))
        return httpx.Client(proxy=self.proxy_url, verify=ctx,
                            timeout=15.0, trust_env=False, **kw)


@pytest.fixture(scope="module")
def rig(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Rig]:
    tmp = tmp_path_factory.mktemp("intercept")
    llm_ca = make_ca("impersonated upstream CA", tmp / "llm-ca")
    other_ca = make_ca("tunnelled host CA", tmp / "other-ca")
    llm_cert, llm_key, llm_der = llm_ca.issue(list(IMPERSONATED), tmp)
    other_cert, other_key, other_der = other_ca.issue([TUNNELLED], tmp)
    h2_cert, h2_key, h2_der = llm_ca.issue([H2_HOST], tmp)
    upstream = Upstream()
    recorder = ListRecorder()
    ca = ensure_ca(tmp / "home" / "intercept")
    with (serve_tls(upstream, llm_cert, llm_key, llm_der) as llm,
          serve_tls(upstream, other_cert, other_key, other_der) as other,
          serve_tls_h2(upstream, h2_cert, h2_key, h2_der) as h2):
        addon = Intercept(recorder, Allowlist.of(DEFAULT_HOSTS), max_body_bytes=64 * 1024)
        redirect = LoopbackRedirect({**{h: llm.port for h in IMPERSONATED},
                                     H2_HOST: h2.port, TUNNELLED: other.port})
        server = InterceptServer(addon, port=0, confdir=ca.confdir, upstream_ca=llm_ca.pem_path,
                                 extra_addons=[redirect])
        with server:
            yield Rig(f"http://127.0.0.1:{server.port}", ca.cert, other_ca.pem_path, upstream,
                      llm, other, recorder, addon)


@pytest.fixture
def fresh(rig: Rig) -> Rig:
    rig.recorder.items.clear()
    rig.upstream.clear()
    rig.upstream.release.clear()
    rig.upstream.hold_reached.clear()
    return rig


def peer_cert(response: httpx.Response) -> x509.Certificate:
    ssl_object = response.extensions["network_stream"].get_extra_info("ssl_object")
    return x509.load_der_x509_certificate(ssl_object.getpeercert(True))


# -- end to end through mitmproxy -----------------------------------------------------------

COPILOT_HEADERS = {
    "authorization": "Bearer tid=fake-copilot-token;exp=1",
    "user-agent": "GithubCopilot/1.245.0",
    "editor-version": "vscode/1.95.3",
    "editor-plugin-version": "copilot/1.245.0",
    "copilot-integration-id": "vscode-chat",
    "openai-intent": "copilot-ghost",
    "vscode-sessionid": "5f0c6d1e-session",
}
HOLD_REQUEST = {"model": "hold", "stream": True,
                "messages": [{"role": "user", "content": "explain sets"}]}
FIM_REQUEST = {
    "prompt": "# path: src/fib.py\ndef fib(n):\n",
    "suffix": "\n\nprint(fib(10))\n",
    "max_tokens": 500, "temperature": 0, "top_p": 1, "n": 1, "stop": ["\n\n\n"],
    "stream": True,
    "extra": {"language": "python", "next_indent": 4, "trim_by_indentation": True},
}


@pytest.mark.parametrize(("host", "http2"), [("copilot-proxy.githubusercontent.com", False),
                                             (H2_HOST, True)], ids=["http1", "http2"])
def test_copilot_fim_stream_is_relayed_unchanged_and_recorded(fresh: Rig, host: str,
                                                              http2: bool) -> None:
    url = f"https://{host}/v1/engines/copilot-codex/completions"
    with fresh.client(http2=http2) as c, c.stream("POST", url, json=FIM_REQUEST,
                                                 headers=COPILOT_HEADERS) as r:
        received = b"".join(r.iter_raw())
        issuer = peer_cert(r).issuer.rfc4514_string()
        assert r.http_version == ("HTTP/2" if http2 else "HTTP/1.1")
    assert r.status_code == 200
    assert received == fresh.upstream.last_sent  # byte for byte what the upstream sent
    assert received.endswith(b"data: [DONE]\n\n")
    assert "aiprov intercept CA" in issuer  # decrypted: the client saw our certificate
    # the upstream got the client's request untouched
    [(method, path, body)] = fresh.upstream.received
    assert (method, path) == ("POST", "/v1/engines/copilot-codex/completions")
    assert json.loads(body) == FIM_REQUEST

    assert wait_for(lambda: len(fresh.recorder.items) == 1)
    [raw] = fresh.recorder.items
    assert raw.source == "intercept"
    assert (raw.method, raw.path, raw.status) == (
        "POST", "/v1/engines/copilot-codex/completions", 200)
    assert raw.upstream == f"https://{host}"
    assert json.loads(raw.request_body) == FIM_REQUEST
    headers = dict(raw.request_headers)
    assert headers["user-agent"] == "GithubCopilot/1.245.0"
    assert headers["authorization"].startswith("Bearer tid=")
    assert dict(raw.response_headers)["content-type"].startswith("text/event-stream")
    assert b"".join(raw.chunks) == fresh.upstream.last_sent
    assert not raw.client_disconnected and raw.error is None and not raw.body_truncated
    assert raw.started_mono <= (raw.first_byte_mono or 0) <= (raw.end_mono or 0)


SUBSCRIPTION = {
    "chatgpt": ("https://chatgpt.com/backend-api/codex/responses", "openai.responses",
                {"model": "gpt-5-codex", "stream": True, "input": "explain sets"},
                {"authorization": "Bearer eyJ.chatgpt-oauth.sig", "chatgpt-account-id": "a-1",
                 "originator": "codex_cli_rs"}),
    "code-assist": ("https://cloudcode-pa.googleapis.com/v1internal:streamGenerateContent"
                    "?alt=sse", "gemini.generate",
                    {"model": "gemini-2.5-pro", "project": "p-1", "request": {"contents": [
                        {"role": "user", "parts": [{"text": "explain sets"}]}]}},
                    {"authorization": "Bearer ya29.google-oauth"}),
}


@pytest.mark.parametrize("kind", list(SUBSCRIPTION))
def test_subscription_hosts_are_decrypted_relayed_unchanged_and_recorded(fresh: Rig,
                                                                         kind: str) -> None:
    """Codex signed in with ChatGPT and Gemini CLI signed in with Google, for clients that
    cannot be given a base URL: on the default allowlist, parsed like the base-URL routes."""
    from proxy import formats

    url, api, body, headers = SUBSCRIPTION[kind]
    with fresh.client() as c, c.stream("POST", url, json=body, headers=headers) as r:
        received = b"".join(r.iter_raw())
    assert r.status_code == 200 and received == fresh.upstream.last_sent
    assert wait_for(lambda: len(fresh.recorder.items) == 1)
    [raw] = fresh.recorder.items
    assert raw.source == "intercept" and dict(raw.request_headers)["authorization"] == (
        headers["authorization"])
    assert formats.detect(raw.method, raw.path) == api
    req = formats.parse_request(api, raw.request_body, raw.path)
    resp = formats.parse_response(api, raw.status, raw.response_headers, raw.chunks)
    assert req.prompt == "explain sets" and resp.text == CHAT_TEXT and resp.complete
    # the rest of those hosts' traffic is relayed, not recorded
    fresh.recorder.items.clear()
    other = url.split("/", 3)[:3]
    with fresh.client() as c:
        c.post("/".join(other) + ("/v1internal:loadCodeAssist" if kind == "code-assist"
                                  else "/backend-api/conversation"), json={}, headers=headers)
    assert fresh.upstream.received[-1][1] in ("/v1internal:loadCodeAssist",
                                              "/backend-api/conversation")
    time.sleep(0.2)
    assert fresh.recorder.items == []


def test_stream_reaches_the_client_before_the_upstream_finishes(fresh: Rig) -> None:
    """No buffering: the first event arrives while the upstream still holds the stream open."""
    with fresh.client() as c, c.stream("POST", "https://api.openai.com/v1/chat/completions",
                                       json=HOLD_REQUEST) as r:
        chunks = r.iter_raw()
        first = next(chunks)
        assert fresh.upstream.hold_reached.is_set()
        assert not fresh.upstream.release.is_set()  # the upstream is still waiting
        fresh.upstream.release.set()
        rest = b"".join(chunks)
    sent = fresh.upstream.last_sent
    assert sent.startswith(first) and len(first) < len(sent)  # the held part, not the rest
    assert first + rest == sent
    assert wait_for(lambda: len(fresh.recorder.items) == 1)
    assert b"".join(fresh.recorder.items[0].chunks) == sent


def test_client_disconnect_mid_stream_is_recorded_as_such(fresh: Rig) -> None:
    with fresh.client() as c, c.stream("POST", "https://api.githubcopilot.com/chat/completions",
                                       json=HOLD_REQUEST, headers=COPILOT_HEADERS) as r:
        first = next(r.iter_raw())
    # the client has hung up; let the upstream go on so mitmproxy notices on its next write
    fresh.upstream.release.set()
    assert wait_for(lambda: len(fresh.recorder.items) == 1)
    [raw] = fresh.recorder.items
    assert raw.client_disconnected
    assert raw.error is None
    assert b"".join(raw.chunks).startswith(first)
    assert wait_for(lambda: len(fresh.upstream.fake.sent) == 1)
    assert b"".join(raw.chunks) != fresh.upstream.last_sent  # the rest never reached the client
    assert raw.status == 200 and raw.end_mono is not None


def assert_only_the_marker_is_recorded(rig: Rig) -> None:
    """Send one request that is recorded and wait for its record (bounded): the record of
    anything the proxy finished before it would be there first, so a single record, the
    marker's, means nothing earlier was recorded (no sleep-and-hope)."""
    url = "https://copilot-proxy.githubusercontent.com/v1/engines/copilot-codex/completions"
    with rig.client() as c:
        assert c.post(url, json=FIM_REQUEST, headers=COPILOT_HEADERS).status_code == 200
    assert wait_for(lambda: len(rig.recorder.items) >= 1)
    assert [(r.method, r.path) for r in rig.recorder.items] == [
        ("POST", "/v1/engines/copilot-codex/completions")]


def test_non_api_paths_on_allowlisted_hosts_are_relayed_not_recorded(fresh: Rig) -> None:
    with fresh.client() as c:
        r = c.get("https://api.githubcopilot.com/models", headers=COPILOT_HEADERS)
    assert r.status_code == 200 and r.json()["object"] == "list"
    assert fresh.upstream.received[-1][:2] == ("GET", "/models")
    assert_only_the_marker_is_recorded(fresh)


def test_non_allowlisted_host_is_tunnelled_and_not_recorded(fresh: Rig) -> None:
    before = fresh.addon.stats.tunnelled
    # an LLM-looking path on a host that is not on the allowlist: still not ours to read
    with fresh.client(verify=fresh.tunnel_ca) as c, c.stream(
            "POST", f"https://{TUNNELLED}/v1/chat/completions",
            json={"model": "gpt-4o", "messages": [], "stream": True}) as r:
        received = b"".join(r.iter_raw())
        cert = peer_cert(r)
    assert r.status_code == 200 and received == fresh.upstream.last_sent
    assert received.endswith(b"data: [DONE]\n\n")
    # the client saw the server's own certificate: the proxy never terminated TLS
    assert cert.public_bytes(Encoding.DER) == fresh.other.cert_der
    assert fresh.addon.stats.tunnelled == before + 1
    assert_only_the_marker_is_recorded(fresh)


def test_tunnelled_host_cannot_be_reached_with_only_the_aiprov_ca(fresh: Rig) -> None:
    """The other side of the tunnel check: had the proxy intercepted, this would succeed."""
    with fresh.client() as c, pytest.raises(httpx.ConnectError, match="CERTIFICATE_VERIFY"):
        c.get(f"https://{TUNNELLED}/")
    assert fresh.recorder.items == []


def test_allowlisted_host_is_not_reachable_without_trusting_the_aiprov_ca(fresh: Rig) -> None:
    with fresh.client(verify=fresh.tunnel_ca) as c, pytest.raises(
            httpx.ConnectError, match="CERTIFICATE_VERIFY"):
        c.post("https://api.openai.com/v1/chat/completions", json={})


# -- the plain functions ----------------------------------------------------------------------

@pytest.mark.parametrize(
    ("sni", "address", "expected"),
    [("api.openai.com", ("127.0.0.1", 443), "api.openai.com"),  # SNI wins over the address
     (None, ("api.githubcopilot.com", 443), "api.githubcopilot.com"),
     ("", ("10.0.0.1", 443), "10.0.0.1"),
     (None, None, None)],
)
def test_tls_host(sni: str | None, address: tuple[str, int] | None,
                  expected: str | None) -> None:
    assert tls_host(sni, address) == expected


@pytest.mark.parametrize(
    ("message", "connected", "expected"),
    [("Client disconnected.", True, True),
     ("stream reset by client (CANCEL)", True, True),
     ("peer closed connection", False, True),  # HTTP/2: the client's socket is gone
     ("server closed connection", True, False),
     ("Connection killed.", True, False)],
)
def test_is_client_disconnect(message: str, connected: bool, expected: bool) -> None:
    assert is_client_disconnect(message, connected) is expected


@pytest.mark.parametrize(
    ("args", "expected"),
    [(("https", "api.githubcopilot.com", "127.0.0.1", 50123), "https://api.githubcopilot.com"),
     (("https", None, "api.openai.com", 443), "https://api.openai.com"),
     (("https", None, "llm.example", 8443), "https://llm.example:8443"),
     (("http", "gpu-box.lan:8000", "gpu-box.lan", 8000), "http://gpu-box.lan:8000")],
)
def test_upstream_label(args: tuple[Any, ...], expected: str) -> None:
    assert upstream_label(*args) == expected


def _raw() -> RawExchange:
    return RawExchange(started_at=0.0, started_mono=0.0, method="POST", path="/x",
                       request_headers=[], request_body=b"")


def test_chunk_tee_returns_every_chunk_unchanged_and_keeps_a_bounded_copy() -> None:
    raw = _raw()
    tee = ChunkTee(raw, limit=10)
    chunks = [b"data: 1\n", b"\ndata: 2", b"", b"tail"]
    out = [tee(c) for c in chunks[:2]]
    assert out == chunks[:2]
    assert out[0] is chunks[0]  # the same object: nothing copied on the hot path
    assert raw.chunks == [b"data: 1\n", b"\nd"] and raw.body_truncated
    assert raw.first_byte_mono is not None and raw.end_mono is None
    assert tee(b"more") == b"more" and raw.chunks == [b"data: 1\n", b"\nd"]
    assert tee(b"") == b"" and raw.end_mono is not None


def test_chunk_tee_under_the_limit_is_not_truncated() -> None:
    raw = _raw()
    tee = ChunkTee(raw, limit=100)
    for c in (b"a" * 40, b"b" * 60, b""):
        tee(c)
    assert b"".join(raw.chunks) == b"a" * 40 + b"b" * 60 and not raw.body_truncated


def test_ensure_ca_creates_once_with_owner_only_keys(tmp_path: Path) -> None:
    confdir = tmp_path / "home" / "intercept"
    first = ensure_ca(confdir)
    assert first.created and first.cert == confdir / "mitmproxy-ca-cert.pem"
    assert stat.S_IMODE(confdir.stat().st_mode) == 0o700
    for name in CA_KEY_FILES:
        assert stat.S_IMODE((confdir / name).stat().st_mode) == 0o600, name
    cert = x509.load_pem_x509_certificate(first.cert.read_bytes())
    assert cert.extensions.get_extension_for_class(x509.BasicConstraints).value.ca
    assert "aiprov intercept CA" in cert.subject.rfc4514_string()
    assert b"PRIVATE KEY" not in first.cert.read_bytes()  # the file clients trust: cert only

    # a later run keeps the same CA and repairs a key file someone loosened
    (confdir / CA_KEY_FILES[0]).chmod(0o644)
    again = ensure_ca(confdir)
    assert not again.created and again.fixed_modes == (CA_KEY_FILES[0],)
    assert stat.S_IMODE((confdir / CA_KEY_FILES[0]).stat().st_mode) == 0o600
    assert again.cert.read_bytes() == first.cert.read_bytes()


# -- end to end into the store: the same records as the base-URL proxy ----------------------

@pytest.fixture
def stored(fresh: Rig, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Any]:
    """The rig with aiprov's real recorder writing to a fresh SQLite store."""
    from aiprov.settings import Settings
    from proxy.recorder import Recorder

    url = f"sqlite:///{tmp_path / 'store.db'}"
    recorder = Recorder(Settings(home=tmp_path / "home", developer="dev@example.com",
                                 batch_interval=0.05), db_url=url)
    recorder.start()
    monkeypatch.setattr(fresh.addon, "recorder", recorder)

    def rows() -> list[Any]:
        from sqlmodel import select

        from store import db
        from store.models import ExchangeRow

        assert recorder.flush(15)
        with db.session(url) as s:
            return list(s.exec(select(ExchangeRow).order_by(ExchangeRow.started_at)))

    yield rows
    recorder.stop()


def test_streamed_fim_completion_is_reassembled_into_the_stored_record(fresh: Rig,
                                                                      stored: Any) -> None:
    url = "https://proxy.individual.githubcopilot.com/v1/engines/copilot-codex/completions"
    with fresh.client(http2=True) as c:
        r = c.post(url, json=FIM_REQUEST, headers=COPILOT_HEADERS)
    assert r.status_code == 200 and r.content == fresh.upstream.last_sent
    [row] = stored()
    assert row.api == "openai.completions"
    assert row.path == "/v1/engines/copilot-codex/completions"
    assert row.upstream == "https://proxy.individual.githubcopilot.com"
    assert row.tool == "copilot" and row.developer == "dev@example.com"
    assert row.stream and row.complete and not row.client_disconnected
    assert row.status == 200 and row.finish_reason == "stop"
    assert row.prompt == FIM_REQUEST["prompt"]
    assert json.loads(row.request_json)["suffix"] == FIM_REQUEST["suffix"]
    # the streamed pieces, cut at odd byte offsets on the wire, come back as one suggestion
    assert row.response_text == "".join(FIM_PIECES)
    assert row.model_answered == "copilot-codex"
    assert row.api_key_hash and "fake-copilot-token" not in row.api_key_hash
    assert row.latency_ms is not None and row.ttft_ms is not None
    assert 0 <= row.ttft_ms <= row.latency_ms


def test_copilot_chat_is_stored_with_usage_and_text(fresh: Rig, stored: Any) -> None:
    body = {"model": "gpt-4o", "stream": True, "intent": True, "n": 1, "temperature": 0.1,
            "stream_options": {"include_usage": True},
            "messages": [{"role": "system", "content": "You are GitHub Copilot."},
                         {"role": "user", "content": "How do I dedupe a list?"}]}
    headers = {**COPILOT_HEADERS, "user-agent": "GitHubCopilotChat/0.22.4",
               "openai-intent": "conversation-panel"}
    with fresh.client() as c:
        r = c.post("https://api.githubcopilot.com/chat/completions", json=body, headers=headers)
    assert r.status_code == 200
    [row] = stored()
    assert (row.api, row.tool, row.tool_version) == ("openai.chat", "copilot", "0.22.4")
    assert row.prompt == "How do I dedupe a list?"
    assert row.system == "You are GitHub Copilot."
    assert row.response_text == "Use a set: `seen = set()`."
    assert (row.input_tokens, row.output_tokens) == (12, 9)
    assert row.model_requested == "gpt-4o" and row.model_answered == "gpt-4o-2024-11-20"


def test_client_disconnect_is_stored_as_incomplete(fresh: Rig, stored: Any) -> None:
    before = fresh.addon.stats.client_disconnects
    with fresh.client() as c, c.stream("POST", "https://api.openai.com/v1/chat/completions",
                                       json=HOLD_REQUEST) as r:
        next(r.iter_raw())
    fresh.upstream.release.set()
    assert wait_for(lambda: fresh.addon.stats.client_disconnects == before + 1)
    [row] = stored()
    assert row.client_disconnected and not row.complete
    assert row.response_text == "Use a set:"  # the part that reached the client


def test_codex_websocket_through_the_intercept_is_recorded(fresh: Rig) -> None:
    """Codex signed in to OpenAI talks Responses over wss://api.openai.com: relayed through
    mitmproxy and, per response.create (not the generate:false warm-up), recorded."""
    import aiohttp

    from proxy import formats

    patch = "*** Begin Patch\n*** Add File: a.py\n+x = 1\n*** End Patch\n"
    fresh.upstream.fake.push(Reply(text="over wss", tool_calls=[
        FakeToolCall("apply_patch", patch)], custom_tool=True))

    async def talk() -> list[str]:
        ctx = ssl.create_default_context(cafile=str(fresh.aiprov_ca))
        async with aiohttp.ClientSession() as s, s.ws_connect(
                "wss://api.openai.com/v1/responses", proxy=fresh.proxy_url, ssl=ctx,
                headers={"authorization": "Bearer sk-test"}) as ws:
            await ws.send_str(json.dumps({"type": "response.create", "model": "gpt-5-codex",
                                          "generate": False, "input": []}))
            await ws.send_str(json.dumps({"type": "response.create", "model": "gpt-5-codex",
                                          "input": "add a.py"}))
            seen: list[str] = []
            async with asyncio.timeout(15):
                async for m in ws:
                    seen.append(json.loads(m.data)["type"])
                    if seen.count("response.completed") == 2:
                        return seen
        return seen

    seen = asyncio.run(talk())
    assert seen.count("response.completed") == 2
    assert wait_for(lambda: len(fresh.recorder.items) == 1)
    raw = fresh.recorder.items[0]
    assert raw.source == "intercept" and raw.upstream.endswith("api.openai.com")
    req = formats.parse_request("openai.responses", raw.request_body)
    resp = formats.parse_response("openai.responses", raw.status, raw.response_headers,
                                  raw.chunks)
    assert req.prompt == "add a.py" and resp.text == "over wss" and resp.complete
    assert resp.tool_calls[0].kind == "custom" and resp.tool_calls[0].arguments == patch
