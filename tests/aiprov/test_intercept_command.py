"""``aiprov intercept`` as a user runs it: a child process, its CA, a tunnelled request, Ctrl-C."""

from __future__ import annotations

import os
import signal
import ssl
import stat
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
from cryptography import x509
from cryptography.hazmat.primitives.serialization import Encoding
from typer.testing import CliRunner

from aiprov.cli import app
from tests.proxy.tlsupstream import make_ca, serve_tls

pytestmark = pytest.mark.timeout(120)


async def hello(scope, receive, send):  # type: ignore[no-untyped-def]
    if scope["type"] != "http":
        return
    await send({"type": "http.response.start", "status": 200,
                "headers": [(b"content-type", b"text/plain")]})
    await send({"type": "http.response.body", "body": b"hello from the real server"})


def start(home: Path, port: int, *extra: str) -> subprocess.Popen[bytes]:
    env = {**os.environ, "AIPROV_HOME": str(home)}
    return subprocess.Popen([sys.executable, "-m", "aiprov.cli", "intercept", "--port",
                             str(port), *extra], env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE)


def wait_listening(proc: subprocess.Popen[bytes], timeout: float = 30.0) -> tuple[int, bytes]:
    """The port ``aiprov intercept --port 0`` got from the kernel, read from its start-up
    line (``aiprov intercept on http://127.0.0.1:PORT``, written once it listens), and
    everything it wrote to stderr up to there. Bounded by ``timeout``."""
    import re
    import selectors

    fd = proc.stderr.fileno()  # type: ignore[union-attr]
    sel = selectors.DefaultSelector()
    sel.register(fd, selectors.EVENT_READ)
    seen = b""
    deadline = time.monotonic() + timeout
    while (left := deadline - time.monotonic()) > 0:
        if not sel.select(left):
            break
        chunk = os.read(fd, 65536)
        if not chunk:
            raise AssertionError(f"aiprov intercept exited: {seen.decode()}")
        seen += chunk
        m = re.search(rb"aiprov intercept on http://127\.0\.0\.1:(\d+)", seen)
        if m:
            return int(m.group(1)), seen
    raise AssertionError(f"aiprov intercept did not listen in time: {seen.decode()}")


def stop(proc: subprocess.Popen[bytes], before: bytes = b"") -> tuple[int, str]:
    """Ctrl-C; the exit code and all of stderr (``before``: what ``wait_listening`` read)."""
    proc.send_signal(signal.SIGINT)
    try:
        _, err = proc.communicate(timeout=20)
    except subprocess.TimeoutExpired:
        proc.kill()
        _, err = proc.communicate()
        raise
    return proc.returncode, (before + err).decode()


def test_first_run_creates_the_ca_tunnels_other_hosts_and_stops_cleanly(tmp_path: Path,
                                                                        isolated_env) -> None:
    home = isolated_env
    ca = make_ca("real server CA", tmp_path / "ca")
    cert, key, der = ca.issue(["localhost"], tmp_path)
    with serve_tls(hello, cert, key, der) as server:
        proc = start(home, 0)
        before = b""
        try:
            port, before = wait_listening(proc)
            confdir = home / "intercept"
            assert (confdir / "mitmproxy-ca-cert.pem").is_file()
            for name in ("mitmproxy-ca.pem", "mitmproxy-ca.p12"):
                assert stat.S_IMODE((confdir / name).stat().st_mode) == 0o600
            # localhost is not on the allowlist: the client talks TLS with the real server
            ctx = ssl.create_default_context(cafile=str(ca.pem_path))
            with httpx.Client(proxy=f"http://127.0.0.1:{port}", verify=ctx, trust_env=False,
                              timeout=10) as client, client.stream(
                    "GET", f"https://localhost:{server.port}/") as r:
                body = r.read()
                ssl_object = r.extensions["network_stream"].get_extra_info("ssl_object")
                seen = x509.load_der_x509_certificate(ssl_object.getpeercert(True))
            assert body == b"hello from the real server"
            assert seen.public_bytes(Encoding.DER) == der
        finally:
            code, err = stop(proc, before)
    assert code == 0, err
    assert "Created the intercept CA certificate" in err
    assert "aiprov setup copilot" in err
    assert "decrypting: api.githubcopilot.com, *.githubcopilot.com" in err
    assert "tunnelled 1" in err and "recorded 0" in err

    # the second run reuses the CA and says nothing about creating it
    pem = (home / "intercept" / "mitmproxy-ca-cert.pem").read_bytes()
    proc = start(home, 0)
    before = b""
    try:
        _, before = wait_listening(proc)
    finally:
        code, err = stop(proc, before)
    assert code == 0, err
    assert "Created the intercept CA" not in err
    assert (home / "intercept" / "mitmproxy-ca-cert.pem").read_bytes() == pem


def test_busy_port_is_one_readable_line(isolated_env) -> None:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        s.listen()
        port = s.getsockname()[1]
        proc = start(isolated_env, port)
        _, err = proc.communicate(timeout=60)
    assert proc.returncode == 3  # unavailable, as for `aiprov proxy`
    assert err.decode().strip().splitlines()[-1] == (
        f"aiprov: could not listen on 127.0.0.1:{port}: address already in use; choose "
        "another port with --port")


runner = CliRunner()


@pytest.mark.parametrize(
    ("args", "message"),
    [(["--allow", "*"], "would decrypt too many hosts"),
     (["--allow", "*.com"], "would decrypt too many hosts"),
     (["--host", "0.0.0.0"], "refusing to listen on 0.0.0.0")],
)
def test_refuses_unsafe_settings(args: list[str], message: str, isolated_env) -> None:
    from aiprov.errors import ConfigError

    result = runner.invoke(app, ["intercept", *args])
    assert isinstance(result.exception, ConfigError)
    assert message in str(result.exception)
    assert not (isolated_env / "intercept").exists()  # refused before anything was created
