"""Loopback TLS servers that impersonate public hosts, for the intercepting proxy's tests.

A throwaway CA (``cryptography``) issues a server certificate for the impersonated name
(``api.openai.com``); uvicorn serves an ASGI app with it on 127.0.0.1. Nothing here touches
DNS or /etc/hosts: the proxy is told, in code, to connect to the loopback port instead
(``proxy.intercept.LoopbackRedirect``), and certificate verification stays on everywhere.
"""

from __future__ import annotations

import datetime as dt
import threading
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID


@dataclass(frozen=True)
class TestCA:
    name: str
    cert: x509.Certificate
    key: ec.EllipticCurvePrivateKey
    pem_path: Path

    def issue(self, hostnames: Sequence[str], out_dir: Path) -> tuple[Path, Path, bytes]:
        """A leaf certificate for ``hostnames``: (cert pem path, key pem path, DER bytes)."""
        key = ec.generate_private_key(ec.SECP256R1())
        now = dt.datetime.now(dt.UTC)
        cert = (
            x509.CertificateBuilder()
            .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, hostnames[0])]))
            .issuer_name(self.cert.subject)
            .public_key(key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(now - dt.timedelta(minutes=5))
            .not_valid_after(now + dt.timedelta(days=2))
            .add_extension(x509.SubjectAlternativeName([x509.DNSName(h) for h in hostnames]),
                           critical=False)
            .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
            .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH]),
                           critical=False)
            .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(
                self.key.public_key()), critical=False)
            .sign(self.key, hashes.SHA256())
        )
        stem = out_dir / hostnames[0].replace("*", "star")
        cert_path, key_path = stem.with_suffix(".crt.pem"), stem.with_suffix(".key.pem")
        cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
        key_path.write_bytes(key.private_bytes(serialization.Encoding.PEM,
                                               serialization.PrivateFormat.PKCS8,
                                               serialization.NoEncryption()))
        return cert_path, key_path, cert.public_bytes(serialization.Encoding.DER)


def make_ca(name: str, out_dir: Path) -> TestCA:
    key = ec.generate_private_key(ec.SECP256R1())
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, name)])
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5))
        .not_valid_after(now + dt.timedelta(days=2))
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(x509.KeyUsage(digital_signature=True, key_cert_sign=True, crl_sign=True,
                                     content_commitment=False, key_encipherment=False,
                                     data_encipherment=False, key_agreement=False,
                                     encipher_only=False, decipher_only=False), critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()),
                       critical=False)
        .sign(key, hashes.SHA256())
    )
    out_dir.mkdir(parents=True, exist_ok=True)
    pem_path = out_dir / f"{name.replace(' ', '-')}.pem"
    pem_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    return TestCA(name, cert, key, pem_path)


@dataclass
class TlsServer:
    port: int
    cert_der: bytes  # the certificate this server presents
    server: Any


@contextmanager
def serve_tls(app: Any, cert: Path, key: Path, cert_der: bytes,
              timeout: float = 20.0) -> Iterator[TlsServer]:
    """uvicorn with TLS on 127.0.0.1, on a port the kernel picks as it binds, in a thread;
    stopped on exit."""
    import uvicorn

    config = uvicorn.Config(app, host="127.0.0.1", port=0, log_level="warning",
                            ssl_certfile=str(cert), ssl_keyfile=str(key), lifespan="off",
                            access_log=False)
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, name="tls-upstream", daemon=True)
    thread.start()
    deadline = time.monotonic() + timeout
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise TimeoutError("TLS upstream did not start")
        time.sleep(0.02)
    port = server.servers[0].sockets[0].getsockname()[1]
    try:
        yield TlsServer(port, cert_der, server)
    finally:
        server.should_exit = True
        server.force_exit = True  # do not wait for the proxy's keep-alive connections
        thread.join(timeout)


@contextmanager
def serve_tls_h2(app: Any, cert: Path, key: Path, cert_der: bytes,
                 timeout: float = 20.0) -> Iterator[TlsServer]:
    """A minimal HTTP/2-only TLS server (ALPN ``h2``) running an ASGI app, in a thread.

    uvicorn speaks HTTP/1.1 only, and mitmproxy mirrors the upstream's ALPN choice to the
    client, so an HTTP/2 path end to end needs an HTTP/2 upstream. Each stream's request is
    read whole, then the app's ``send`` calls become HEADERS and DATA frames as they happen.
    """
    import asyncio
    import ssl

    import h2.config
    import h2.connection
    import h2.events
    import h2.exceptions

    ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ctx.load_cert_chain(str(cert), str(key))
    ctx.set_alpn_protocols(["h2"])
    ready = threading.Event()
    state: dict[str, Any] = {}

    writers: set[asyncio.StreamWriter] = set()

    async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        writers.add(writer)
        conn = h2.connection.H2Connection(h2.config.H2Configuration(client_side=False))
        conn.initiate_connection()
        writer.write(conn.data_to_send())
        requests: dict[int, dict[str, Any]] = {}
        tasks: set[asyncio.Task[None]] = set()
        lock = asyncio.Lock()

        async def flush() -> None:
            data = conn.data_to_send()
            if data:
                writer.write(data)
                await writer.drain()

        async def run_app(stream_id: int, req: dict[str, Any]) -> None:
            hdrs = dict(req["headers"])
            path, _, qs = hdrs[":path"].partition("?")
            scope = {"type": "http", "asgi": {"version": "3.0"}, "http_version": "2",
                     "method": hdrs[":method"], "path": path, "raw_path": path.encode(),
                     "query_string": qs.encode(), "scheme": "https",
                     "headers": [(k.encode(), v.encode()) for k, v in req["headers"]
                                 if not k.startswith(":")]}
            sent_body = False

            async def receive() -> dict[str, Any]:
                nonlocal sent_body
                if not sent_body:
                    sent_body = True
                    return {"type": "http.request", "body": bytes(req["body"]),
                            "more_body": False}
                await asyncio.sleep(3600)
                return {"type": "http.disconnect"}

            async def send(msg: dict[str, Any]) -> None:
                async with lock:
                    if msg["type"] == "http.response.start":
                        conn.send_headers(stream_id, [(":status", str(msg["status"])),
                                                      *((k.decode(), v.decode())
                                                        for k, v in msg.get("headers", []))])
                    elif msg["type"] == "http.response.body":
                        more = msg.get("more_body", False)
                        conn.send_data(stream_id, msg.get("body", b""), end_stream=not more)
                    await flush()

            try:
                await app(scope, receive, send)
            except Exception:  # noqa: BLE001 - a reset stream; the test sees the outcome
                pass

        try:
            while True:
                data = await reader.read(65536)
                if not data:
                    break
                for event in conn.receive_data(data):
                    if isinstance(event, h2.events.RequestReceived):
                        requests[event.stream_id] = {
                            "headers": [(k.decode() if isinstance(k, bytes) else k,
                                         v.decode() if isinstance(v, bytes) else v)
                                        for k, v in event.headers], "body": bytearray()}
                    elif isinstance(event, h2.events.DataReceived):
                        requests[event.stream_id]["body"] += event.data
                        conn.acknowledge_received_data(event.flow_controlled_length,
                                                       event.stream_id)
                    elif isinstance(event, h2.events.StreamEnded):
                        task = asyncio.create_task(run_app(event.stream_id,
                                                           requests.pop(event.stream_id)))
                        tasks.add(task)
                        task.add_done_callback(tasks.discard)
                async with lock:
                    await flush()
        except (ConnectionError, ssl.SSLError, h2.exceptions.ProtocolError):
            pass
        finally:
            for task in tasks:
                task.cancel()
            writers.discard(writer)
            writer.close()

    async def main() -> None:
        server = await asyncio.start_server(handle, "127.0.0.1", 0, ssl=ctx)
        state["port"] = server.sockets[0].getsockname()[1]
        state["loop"], state["stop"] = asyncio.get_running_loop(), asyncio.Event()
        ready.set()
        async with server:
            await state["stop"].wait()
            for w in list(writers):  # 3.12's wait_closed waits for open connections
                w.transport.abort()

    thread = threading.Thread(target=lambda: asyncio.run(main()), name="h2-upstream",
                              daemon=True)
    thread.start()
    if not ready.wait(timeout):
        raise TimeoutError("HTTP/2 upstream did not start")
    try:
        yield TlsServer(state["port"], cert_der, None)
    finally:
        state["loop"].call_soon_threadsafe(state["stop"].set)
        thread.join(timeout)
