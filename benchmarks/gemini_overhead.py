"""Gemini streaming beside OpenAI streaming through the proxy: added latency and throughput.

Three processes on loopback, as in ``proxy_overhead``: the fake upstream (``tests.fakellm``,
a model-like ``--latency-ms`` think time before each answer), ``aiprov proxy`` forwarding
both OpenAI and Gemini traffic to it (recording every exchange into SQLite), and this load
generator. For each format the same answer (text of ``--chars`` characters in ~4-character
deltas) is requested streamed, direct and through aiprov, the four (format, target) pairs
taking turns in rounds so every figure comes from the same seconds:

    openai   POST /v1/chat/completions {"stream": true}            (SSE, data: [DONE])
    gemini   POST /v1beta/models/M:streamGenerateContent?alt=sse   (SSE, CRLF, no sentinel)

    .venv/bin/python benchmarks/gemini_overhead.py            # 4 rounds x 500 requests
    .venv/bin/python benchmarks/gemini_overhead.py --quick    # 2 rounds x 150

Printed: p50 / p99 latency (request -> last byte), p50 time to first byte, requests/s at
16 clients, and aiprov minus direct for each format. Pinning as in ``proxy_overhead``: the
client and the fake share CPU 0, the proxy gets CPU 1. Nothing here asserts a speed.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import sys
import tempfile
from contextlib import ExitStack
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from benchmarks import proxy_overhead  # noqa: E402
from benchmarks._procs import free_port, process, python  # noqa: E402
from benchmarks.proxy_overhead import pct, wait_recorder_ready  # noqa: E402

PROMPT = "Write a Python function that parses ISO dates. " * 4
SYSTEM = "You are a careful coding assistant. " * 8
FORMATS = {
    "openai": ("/v1/chat/completions",
               {"authorization": "Bearer sk-bench-not-real"},
               {"model": "gpt-4o-mini", "stream": True, "messages": [
                   {"role": "system", "content": SYSTEM}, {"role": "user", "content": PROMPT}]}),
    "gemini": ("/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse",
               {"x-goog-api-key": "AIza-bench-not-real"},
               {"systemInstruction": {"parts": [{"text": SYSTEM}]},
                "contents": [{"role": "user", "parts": [{"text": PROMPT}]}]}),
}


async def run_load(url: str, fmt: str, n: int, concurrency: int
                   ) -> tuple[list[float], list[float], float]:
    """n streamed requests of one format: (latencies ms, time to first byte ms, requests/s)."""
    path, headers, body = FORMATS[fmt]
    return await proxy_overhead.run_load(
        url, n, concurrency, path=path, body=json.dumps(body).encode(),
        headers={"content-type": "application/json", **headers})


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--quick", action="store_true")
    ap.add_argument("--latency-ms", type=float, default=20.0)
    ap.add_argument("--clients", type=int, default=16)
    ap.add_argument("--no-pin", action="store_true")
    args = ap.parse_args()
    pin = not args.no_pin and (os.cpu_count() or 1) >= 2
    client_cpus, proxy_cpus = ({0}, {1}) if pin else (None, None)
    if client_cpus:
        os.sched_setaffinity(0, client_cpus)
    rounds, per_round = (2, 150) if args.quick else (4, 500)
    tmp = Path(tempfile.mkdtemp(prefix="aiprov-bench-gemini-"))
    up_port, px_port = free_port(), free_port()
    up = f"http://127.0.0.1:{up_port}"
    env = {"AIPROV_HOME": str(tmp / "home"), "AIPROV_PORT": str(px_port),
           "AIPROV_OPENAI_BASE": up, "AIPROV_GEMINI_BASE": up,
           "AIPROV_DEVELOPER": "bench@example.com"}
    targets = {"direct": up, "aiprov": f"http://127.0.0.1:{px_port}"}
    got: dict[tuple[str, str], tuple[list[float], list[float], list[float]]] = {
        (f, t): ([], [], []) for f in FORMATS for t in targets}
    with ExitStack() as stack:
        stack.enter_context(process(
            [python(), "-m", "tests.fakellm", "--port", str(up_port), "--latency-ms",
             str(args.latency_ms)], up_port, log=tmp / "upstream.log", cpus=client_cpus))
        stack.enter_context(process(
            [python(), "-m", "aiprov.cli", "proxy", "--port", str(px_port)], px_port, env=env,
            log=tmp / "proxy.log", cpus=proxy_cpus))
        wait_recorder_ready(px_port)
        for fmt in FORMATS:
            for url in targets.values():
                asyncio.run(run_load(url, fmt, 100, args.clients))  # warm up
        for _ in range(rounds):
            for fmt in FORMATS:
                for name, url in targets.items():
                    lat, ttfb, rps = asyncio.run(run_load(url, fmt, per_round, args.clients))
                    got[(fmt, name)][0].extend(lat)
                    got[(fmt, name)][1].extend(ttfb)
                    got[(fmt, name)][2].append(rps)
    n = rounds * per_round
    print(f"{n} streamed requests per (format, target), {args.clients} clients, upstream "
          f"think time {args.latency_ms:g} ms, {rounds} interleaved rounds")
    print(f"{'format':8} {'target':8} {'p50 ms':>8} {'p99 ms':>8} {'ttfb p50':>9} {'req/s':>7}")
    summary = {}
    for (fmt, name), (lat, ttfb, rps) in got.items():
        summary[(fmt, name)] = (statistics.median(lat), pct(lat, 99), statistics.median(ttfb))
        print(f"{fmt:8} {name:8} {summary[(fmt, name)][0]:8.2f} {summary[(fmt, name)][1]:8.2f} "
              f"{summary[(fmt, name)][2]:9.2f} {statistics.median(rps):7.0f}")
    for fmt in FORMATS:
        d, a = summary[(fmt, "direct")], summary[(fmt, "aiprov")]
        print(f"{fmt}: aiprov adds {a[0] - d[0]:+.2f} ms p50, {a[1] - d[1]:+.2f} ms p99, "
              f"{a[2] - d[2]:+.2f} ms time to first byte")


if __name__ == "__main__":
    main()
