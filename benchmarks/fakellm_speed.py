"""How fast the fake upstream answers, so proxy benchmarks measure the proxy and not the fake.

The fake (``python -m tests.fakellm``) runs as its own process, pinned to CPU 1; this load
generator (aiohttp on uvloop) is pinned to CPU 0. Per API family, streamed and not, it prints
requests/s and median/p99 latency at a fixed concurrency, then the fake's own CPU cost per
answer (``FakeLLM.render``, no server) so the HTTP server's share is visible.

    .venv/bin/python benchmarks/fakellm_speed.py            # ~1 min on 2 cores
    .venv/bin/python benchmarks/fakellm_speed.py --quick
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import sys
import time
from pathlib import Path

import aiohttp
import uvloop

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from benchmarks._procs import free_port, process, python  # noqa: E402
from tests.fakellm import FakeLLM, FakeToolCall, Reply  # noqa: E402

USER = "Write a Python function that parses ISO dates. " * 4
CASES: list[tuple[str, str, dict]] = [
    ("chat", "/v1/chat/completions", {"messages": [{"role": "user", "content": USER}]}),
    ("chat stream", "/v1/chat/completions", {"stream": True, "stream_options": {
        "include_usage": True}, "messages": [{"role": "user", "content": USER}]}),
    ("responses stream", "/v1/responses", {"stream": True, "input": USER}),
    ("messages stream", "/v1/messages?beta=true", {"stream": True, "max_tokens": 1024,
                                                   "messages": [{"role": "user",
                                                                 "content": USER}]}),
    ("completions stream (FIM)", "/v1/engines/copilot-codex/completions", {
        "stream": True, "prompt": "def parse(s):\n    ", "suffix": "\n"}),
]


def pct(values: list[float], p: float) -> float:
    s = sorted(values)
    return s[min(len(s) - 1, int(round(p / 100 * (len(s) - 1))))]


async def http_load(url: str, body: bytes, n: int, conc: int) -> tuple[float, list[float]]:
    lat: list[float] = []
    todo = iter(range(n))
    async with aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=0)) as session:
        async def worker() -> None:
            for _ in todo:
                t0 = time.perf_counter()
                async with session.post(url, data=body, headers={
                        "content-type": "application/json"}) as resp:
                    async for _chunk in resp.content.iter_any():
                        pass
                    if resp.status != 200:
                        raise RuntimeError(f"{url}: HTTP {resp.status}")
                lat.append((time.perf_counter() - t0) * 1000)

        t0 = time.perf_counter()
        await asyncio.gather(*(worker() for _ in range(conc)))
        return n / (time.perf_counter() - t0), lat


async def ws_load(url: str, n: int, conc: int) -> tuple[float, list[float]]:
    """Codex's transport: one WebSocket per worker, one response.create after another."""
    lat: list[float] = []
    todo = iter(range(n))
    msg = json.dumps({"type": "response.create", "model": "gpt-5-codex", "input": USER})
    async with aiohttp.ClientSession() as session:
        async def worker() -> None:
            async with session.ws_connect(url) as ws:
                for _ in todo:
                    t0 = time.perf_counter()
                    await ws.send_str(msg)
                    async for m in ws:
                        if '"response.completed"' in m.data:
                            break
                    lat.append((time.perf_counter() - t0) * 1000)

        t0 = time.perf_counter()
        await asyncio.gather(*(worker() for _ in range(conc)))
        return n / (time.perf_counter() - t0), lat


def render_cost(rounds: int) -> None:
    fake = FakeLLM()
    reply = Reply(text="def parse(s):\n    return date.fromisoformat(s)\n" * 4,
                  tool_calls=[FakeToolCall("Write", json.dumps({"file_path": "d.py",
                                                                "content": "x = 1\n" * 40}))])
    for name, path, body in CASES:
        req = {"model": "m", **body}
        t0 = time.perf_counter()
        for _ in range(rounds):
            fake.render(path.split("?")[0], req, reply)
        us = (time.perf_counter() - t0) / rounds * 1e6
        print(f"  render {name:<26} {us:7.1f} us/answer (text + one tool call)")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--quick", action="store_true")
    ap.add_argument("--concurrency", type=int, default=16)
    args = ap.parse_args()
    n = 1000 if args.quick else 4000
    pin = (os.cpu_count() or 1) >= 2
    if pin:
        os.sched_setaffinity(0, {0})
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    print(f"fake upstream: {n} requests per case, concurrency {args.concurrency}, "
          f"{'pinned (fake CPU 1, client CPU 0)' if pin else 'not pinned'}")
    with process([python(), "-m", "tests.fakellm", "--port", str(port)], port,
                 cpus={1} if pin else None):
        loop = uvloop.new_event_loop()
        try:
            for name, path, body in CASES:
                data = json.dumps({"model": "gpt-4o", **body}).encode()
                loop.run_until_complete(http_load(base + path, data, 100, 4))  # warm-up
                rps, lat = loop.run_until_complete(http_load(base + path, data, n,
                                                             args.concurrency))
                print(f"  {name:<33} {rps:7.0f} req/s  p50 {pct(lat, 50):5.1f} ms  "
                      f"p99 {pct(lat, 99):5.1f} ms")
            rps, lat = loop.run_until_complete(ws_load(base.replace("http", "ws") +
                                                       "/v1/responses", n, args.concurrency))
            print(f"  {'responses over WebSocket':<33} {rps:7.0f} req/s  p50 "
                  f"{pct(lat, 50):5.1f} ms  p99 {pct(lat, 99):5.1f} ms")
        finally:
            loop.close()
    render_cost(200 if args.quick else 1000)


if __name__ == "__main__":
    main()
