"""Added latency of the intercepting path vs the base-URL path vs a direct connection, one run.

Four processes on loopback: a TLS fake upstream (uvicorn, OpenAI chat wire format, a streamed
answer of ``--events`` SSE events sent at once), ``aiprov proxy`` (base-URL path, forwarding to
the upstream over TLS), the intercepting proxy (mitmproxy + aiprov's addon, decrypting the
upstream's host) and this load generator (aiohttp on uvloop). Both proxies record every
exchange into their own SQLite store, as in use. Requests go one at a time, the three targets
taking turns, so every figure comes from the same seconds on the same machine:

    direct      client --TLS--> upstream
    base-URL    client --HTTP--> aiprov proxy --TLS--> upstream
    intercept   client --CONNECT+TLS--> mitmproxy/aiprov --TLS--> upstream

    .venv/bin/python benchmarks/intercept_latency.py            # 2,000 requests per target
    .venv/bin/python benchmarks/intercept_latency.py --quick    # 300

The upstream's certificate is for ``localhost``, from a throwaway CA that the client (direct),
``aiprov proxy`` (SSL_CERT_FILE) and mitmproxy (``ssl_verify_upstream_trusted_ca``) trust;
``localhost`` is added to the intercept allowlist for this run only.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import signal
import ssl
import sys
import tempfile
import time
from contextlib import ExitStack
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from benchmarks._procs import free_port, process, python  # noqa: E402

HOST = "localhost"
BODY = json.dumps({
    "model": "gpt-4o-mini", "stream": True, "temperature": 0,
    "messages": [{"role": "system", "content": "You are a careful coding assistant. " * 8},
                 {"role": "user", "content": "Write a Python function that parses ISO dates."}],
}).encode()
HEADERS = {"content-type": "application/json", "authorization": "Bearer sk-bench-not-real",
           "user-agent": "GitHubCopilotChat/0.22.4"}


# -- child roles ----------------------------------------------------------------------------

def sse_answer(events: int) -> bytes:
    out = []
    for i in range(events):
        delta = {"content": f"token{i} "} if i else {"role": "assistant", "content": "def "}
        out.append(b"data: " + json.dumps({
            "id": "chatcmpl-bench", "object": "chat.completion.chunk", "created": 1,
            "model": "gpt-4o-mini-2024-07-18",
            "choices": [{"index": 0, "delta": delta, "finish_reason": None}]}).encode() + b"\n\n")
    out.append(b"data: " + json.dumps({
        "id": "chatcmpl-bench", "object": "chat.completion.chunk", "created": 1,
        "model": "gpt-4o-mini-2024-07-18",
        "choices": [{"index": 0, "delta": {}, "finish_reason": "stop"}],
        "usage": {"prompt_tokens": 90, "completion_tokens": events,
                  "total_tokens": 90 + events}}).encode() + b"\n\n")
    out.append(b"data: [DONE]\n\n")
    return b"".join(out)


def run_upstream(port: int, cert: str, key: str, events: int) -> None:
    import uvicorn

    pieces = sse_answer(events).split(b"\n\n")[:-1]

    async def app(scope, receive, send):  # type: ignore[no-untyped-def]
        if scope["type"] != "http":
            return
        more = True
        while more:
            more = (await receive()).get("more_body", False)
        await send({"type": "http.response.start", "status": 200,
                    "headers": [(b"content-type", b"text/event-stream")]})
        for p in pieces:  # one SSE event per write, as a model server streams
            await send({"type": "http.response.body", "body": p + b"\n\n", "more_body": True})
        await send({"type": "http.response.body", "body": b""})

    uvicorn.run(app, host="127.0.0.1", port=port, ssl_certfile=cert, ssl_keyfile=key,
                log_level="warning", access_log=False, loop="uvloop", http="httptools",
                lifespan="off")


def run_intercept(port: int, home: str, upstream_ca: str) -> None:
    os.environ["AIPROV_HOME"] = home
    from aiprov.settings import get_settings
    from proxy.allowlist import from_settings
    from proxy.intercept import Intercept, InterceptServer, ensure_ca
    from proxy.recorder_process import recorder_for

    settings = get_settings()
    settings.ensure_home()
    ca = ensure_ca(settings.home / "intercept")
    recorder = recorder_for(settings)
    addon = Intercept(recorder, from_settings(settings, [HOST]))
    server = InterceptServer(addon, port=port, confdir=ca.confdir,
                             upstream_ca=Path(upstream_ca))

    async def main() -> None:
        loop = asyncio.get_running_loop()
        loop.add_signal_handler(signal.SIGTERM, server.request_stop)
        await server.serve()

    recorder.start()
    try:
        asyncio.run(main())
    finally:
        recorder.stop()
        print(json.dumps({"intercept": addon.stats.as_dict(), "recorder": recorder.stats()}),
              file=sys.stderr, flush=True)


# -- load generator -------------------------------------------------------------------------

def pct(values: list[float], p: float) -> float:
    s = sorted(values)
    return s[min(len(s) - 1, int(round(p / 100 * (len(s) - 1))))]


async def measure(targets: dict[str, dict], n: int, warmup: int, expect: bytes
                  ) -> dict[str, tuple[list[float], list[float]]]:
    import aiohttp

    sessions = {name: aiohttp.ClientSession(auto_decompress=False,
                                            connector=aiohttp.TCPConnector(limit=1))
                for name in targets}
    out: dict[str, tuple[list[float], list[float]]] = {name: ([], []) for name in targets}
    try:
        for i in range(warmup + n):
            for name, t in targets.items():
                t0 = time.perf_counter()
                first = None
                body = bytearray()
                async with sessions[name].post(t["url"], data=BODY, headers=HEADERS,
                                               ssl=t["ssl"], proxy=t.get("proxy")) as resp:
                    async for chunk in resp.content.iter_any():
                        if first is None:
                            first = time.perf_counter()
                        body += chunk
                t1 = time.perf_counter()
                if resp.status != 200 or bytes(body) != expect:
                    raise RuntimeError(f"{name}: HTTP {resp.status}, {len(body)} bytes")
                if i >= warmup:
                    out[name][0].append((t1 - t0) * 1000)
                    out[name][1].append(((first or t1) - t0) * 1000)
    finally:
        for s in sessions.values():
            await s.close()
    return out


def count_rows(home: Path) -> int:
    from sqlmodel import func, select

    from store import db
    from store.models import ExchangeRow

    with db.session(f"sqlite:///{home / 'aiprov.db'}") as s:
        return int(s.exec(select(func.count()).select_from(ExchangeRow)).one())


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--role", choices=["upstream", "intercept"])
    ap.add_argument("--port", type=int)
    ap.add_argument("--cert")
    ap.add_argument("--key")
    ap.add_argument("--home")
    ap.add_argument("--upstream-ca")
    ap.add_argument("--events", type=int, default=20)
    ap.add_argument("--quick", action="store_true")
    ap.add_argument("-n", type=int, default=0, help="requests per target (default 2000)")
    args = ap.parse_args()
    if args.role == "upstream":
        return run_upstream(args.port, args.cert, args.key, args.events)
    if args.role == "intercept":
        return run_intercept(args.port, args.home, args.upstream_ca)

    import uvloop

    from tests.proxy.tlsupstream import make_ca

    n = args.n or (300 if args.quick else 2000)
    warmup = 50
    tmp = Path(tempfile.mkdtemp(prefix="aiprov-bench-intercept-"))
    ca = make_ca("bench upstream CA", tmp / "ca")
    cert, key, _ = ca.issue([HOST], tmp)
    up, px, ic = free_port(), free_port(), free_port()
    me = str(Path(__file__).resolve())
    proxy_home, ic_home = tmp / "proxy-home", tmp / "intercept-home"
    with ExitStack() as stack:
        stack.enter_context(process(
            [python(), me, "--role", "upstream", "--port", str(up), "--cert", str(cert),
             "--key", str(key), "--events", str(args.events)], up, log=tmp / "upstream.log"))
        stack.enter_context(process(
            [python(), "-m", "aiprov.cli", "proxy", "--port", str(px)], px,
            env={"AIPROV_HOME": str(proxy_home), "AIPROV_OPENAI_BASE": f"https://{HOST}:{up}",
                 "SSL_CERT_FILE": str(ca.pem_path)}, log=tmp / "proxy.log"))
        stack.enter_context(process(
            [python(), me, "--role", "intercept", "--port", str(ic), "--home", str(ic_home),
             "--upstream-ca", str(ca.pem_path)], ic, log=tmp / "intercept.log"))
        direct_ssl = ssl.create_default_context(cafile=str(ca.pem_path))
        aiprov_ssl = ssl.create_default_context(
            cafile=str(ic_home / "intercept" / "mitmproxy-ca-cert.pem"))
        url = f"https://{HOST}:{up}/v1/chat/completions"
        targets = {
            "direct": {"url": url, "ssl": direct_ssl},
            "base-URL proxy": {"url": f"http://127.0.0.1:{px}/v1/chat/completions",
                               "ssl": None},
            "intercept": {"url": url, "ssl": aiprov_ssl, "proxy": f"http://127.0.0.1:{ic}"},
        }
        print(f"{n} streamed chat requests per target ({args.events} SSE events each, "
              f"+{warmup} warm-up), one at a time, targets interleaved", flush=True)
        t0 = time.perf_counter()
        res = uvloop.run(measure(targets, n, warmup, sse_answer(args.events)))
        elapsed = time.perf_counter() - t0
        time.sleep(1.5)  # let both recorders flush their last batch
    base50, base99 = pct(res["direct"][0], 50), pct(res["direct"][0], 99)
    print(f"\n{'target':<16}{'p50 ms':>9}{'p99 ms':>9}{'TTFB p50':>10}"
          f"{'added p50':>11}{'added p99':>11}")
    for name, (lat, ttfb) in res.items():
        p50, p99 = pct(lat, 50), pct(lat, 99)
        added = "" if name == "direct" else f"{p50 - base50:>+11.2f}{p99 - base99:>+11.2f}"
        print(f"{name:<16}{p50:>9.2f}{p99:>9.2f}{pct(ttfb, 50):>10.2f}{added}")
    total = n + warmup
    print(f"\nrecorded: base-URL proxy {count_rows(proxy_home)}/{total}, "
          f"intercept {count_rows(ic_home)}/{total}   (run took {elapsed:.0f} s; logs in {tmp})")


if __name__ == "__main__":
    main()
