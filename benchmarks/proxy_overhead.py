"""Proxy overhead: direct vs through aiprov vs through LiteLLM's proxy, in one run.

Three separate processes on loopback: the fake upstream (``tests.fakellm``, real OpenAI
wire format, answers at once), the proxy under test, and this load generator (aiohttp on
uvloop). Every figure is measured in this run against the same upstream, so the *added*
figures are differences between targets measured seconds apart on the same machine.

    bin/dev bench proxy_overhead            # full run (~10 min on 2 cores)
    bin/dev bench proxy_overhead --quick    # smaller counts, no memory soak
    bin/dev bench proxy_overhead --quick --baseline /path/to/other/checkout

``--baseline`` runs a second aiprov proxy from another checkout (say, the commit before a
change) on the same 20 ms upstream, measured in alternation with this one (ABBA), and
prints the difference: a change's cost side by side, not against a figure from another day.

LiteLLM's proxy (``litellm[proxy]``, hash-locked in benchmarks/requirements-litellm-proxy.lock)
is installed into ``.venv-bench-litellm`` on first use; ``--no-litellm`` skips it.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from contextlib import ExitStack
from pathlib import Path

import aiohttp
import uvloop

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from benchmarks._procs import ROOT, free_port, process, python, rss_mb  # noqa: E402

MODEL = "gpt-4o-mini"
BODY = json.dumps({
    "model": MODEL,
    "messages": [
        {"role": "system", "content": "You are a careful coding assistant. " * 8},
        {"role": "user", "content": "Write a Python function that parses ISO dates. " * 4},
    ],
    "temperature": 0,
}).encode()
STREAM_BODY = json.dumps({**json.loads(BODY), "stream": True}).encode()
HEADERS = {"content-type": "application/json", "authorization": "Bearer sk-bench-not-real"}


def pct(values: list[float], p: float) -> float:
    s = sorted(values)
    return s[min(len(s) - 1, int(round(p / 100 * (len(s) - 1))))]


async def run_load(url: str, n: int, concurrency: int, *, stream: bool = False,
                   path: str = "/v1/chat/completions", body: bytes | None = None,
                   headers: dict[str, str] | None = None
                   ) -> tuple[list[float], list[float], float]:
    """n requests at the given concurrency: (latencies ms, ttfb ms, requests/s). An OpenAI
    chat request by default; ``path``/``body``/``headers`` send another format's."""
    lat: list[float] = []
    ttfb: list[float] = []
    if body is None:
        body = STREAM_BODY if stream else BODY
    hdrs = HEADERS if headers is None else headers
    counter = iter(range(n))
    connector = aiohttp.TCPConnector(limit=0)
    async with aiohttp.ClientSession(connector=connector, auto_decompress=False) as session:
        async def worker() -> None:
            for _ in counter:
                t0 = time.perf_counter()
                async with session.post(url + path, data=body, headers=hdrs) as resp:
                    first = None
                    async for _chunk in resp.content.iter_any():
                        if first is None:
                            first = time.perf_counter()
                    if resp.status != 200:
                        raise RuntimeError(f"{url}{path}: HTTP {resp.status}")
                t1 = time.perf_counter()
                lat.append((t1 - t0) * 1000)
                ttfb.append(((first or t1) - t0) * 1000)

        t0 = time.perf_counter()
        await asyncio.gather(*(worker() for _ in range(concurrency)))
        elapsed = time.perf_counter() - t0
    return lat, ttfb, n / elapsed


def status(port: int) -> dict:
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/_aiprov/status", timeout=5) as r:
        return json.loads(r.read())["recorder"]


def wait_recorder_ready(port: int, limit: float = 60.0) -> None:
    """Measure a proxy in its steady state: its recorder child spends its first second or
    two importing and opening the store, on the proxy's CPU, which is start-up and not
    per-request overhead."""
    deadline = time.monotonic() + limit
    while not status(port).get("ready", True):
        if time.monotonic() > deadline:
            raise RuntimeError(f"the recorder of the proxy on :{port} never became ready")
        time.sleep(0.1)


def ensure_litellm_venv() -> Path | None:
    venv = ROOT / ".venv-bench-litellm"
    exe = venv / "bin" / "litellm"
    if exe.exists():
        return exe
    print("installing litellm[proxy] into .venv-bench-litellm (benchmark only) ...", flush=True)
    try:
        subprocess.run([python(), "-m", "venv", str(venv)], check=True)
        subprocess.run([str(venv / "bin" / "pip"), "install", "-q", "--require-hashes",
                        "--no-deps", "-r",
                        str(ROOT / "benchmarks" / "requirements-litellm-proxy.lock")],
                       check=True)
    except subprocess.CalledProcessError as exc:
        print(f"could not install litellm[proxy]: {exc}; skipping it")
        return None
    return exe


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--quick", action="store_true")
    ap.add_argument("--no-litellm", action="store_true")
    ap.add_argument("--no-pin", action="store_true",
                    help="do not pin: by default the load generator and the fake upstream "
                         "share CPU 0 and each proxy gets CPU 1, so a proxy's added latency "
                         "is its own work and not CPU starvation of the client")
    ap.add_argument("--baseline", type=Path, default=None,
                    help="another aiprov checkout to measure side by side on the 20 ms "
                         "upstream (e.g. a `git archive` of the commit before a change)")
    args = ap.parse_args()
    pin = not args.no_pin and (os.cpu_count() or 1) >= 2
    client_cpus, proxy_cpus = ({0}, {1}) if pin else (None, None)
    if client_cpus:
        os.sched_setaffinity(0, client_cpus)
    q = args.quick
    n_lat = 1000 if q else 4000
    n_tp = {1: 300 if q else 1500, 16: 1500 if q else 6000, 64: 1500 if q else 6000}
    soak = (2000, 5000) if q else (10_000, 50_000)

    tmp = Path(tempfile.mkdtemp(prefix="aiprov-bench-"))
    up_port, px_port, ll_port = free_port(), free_port(), free_port()
    slow_port, px2_port = free_port(), free_port()
    env_proxy = {"AIPROV_HOME": str(tmp / "home"), "AIPROV_PORT": str(px_port),
                 "AIPROV_OPENAI_BASE": f"http://127.0.0.1:{up_port}",
                 "AIPROV_DEVELOPER": "bench@example.com"}
    targets: dict[str, str] = {"direct": f"http://127.0.0.1:{up_port}"}
    results: dict[str, dict[str, float]] = {}
    with ExitStack() as stack:
        stack.enter_context(process(
            [python(), "-m", "tests.fakellm", "--port", str(up_port)],
            up_port, log=tmp / "upstream.log", cpus=client_cpus))
        proxy_proc = stack.enter_context(process(
            [python(), "-m", "aiprov.cli", "proxy", "--port", str(px_port)], px_port,
            env=env_proxy, log=tmp / "proxy.log", cpus=proxy_cpus))
        targets["aiprov"] = f"http://127.0.0.1:{px_port}"
        # a second pair with a model-like 20 ms think time: 16 clients then make ~800 req/s,
        # so the added latency is the proxy's per-request work, not its saturation point
        stack.enter_context(process(
            [python(), "-m", "tests.fakellm", "--port", str(slow_port), "--latency-ms", "20"],
            slow_port, log=tmp / "upstream-slow.log", cpus=client_cpus))
        stack.enter_context(process(
            [python(), "-m", "aiprov.cli", "proxy", "--port", str(px2_port)], px2_port,
            env={**env_proxy, "AIPROV_PORT": str(px2_port),
                 "AIPROV_HOME": str(tmp / "home2"),
                 "AIPROV_OPENAI_BASE": f"http://127.0.0.1:{slow_port}"},
            log=tmp / "proxy2.log", cpus=proxy_cpus))
        ready = [px_port, px2_port]
        paced_urls = [("direct", f"http://127.0.0.1:{slow_port}"),
                      ("aiprov", f"http://127.0.0.1:{px2_port}")]
        if args.baseline:
            base_port = free_port()
            stack.enter_context(process(
                [python(), "-c", "import runpy, sys; sys.path.insert(0, sys.argv[1]); "
                 "sys.argv[1:2] = []; runpy.run_module('aiprov.cli', run_name='__main__')",
                 str(args.baseline.resolve()), "proxy", "--port", str(base_port)], base_port,
                env={**env_proxy, "AIPROV_PORT": str(base_port),
                     "AIPROV_HOME": str(tmp / "home-baseline"),
                     "AIPROV_OPENAI_BASE": f"http://127.0.0.1:{slow_port}"},
                log=tmp / "proxy-baseline.log", cpus=proxy_cpus))
            ready.append(base_port)
            # ABBA: each proxy measured twice, in alternation, so drift favours neither
            paced_urls += [("baseline", f"http://127.0.0.1:{base_port}"),
                           ("baseline", f"http://127.0.0.1:{base_port}"),
                           ("aiprov", f"http://127.0.0.1:{px2_port}")]
        for port in ready:
            wait_recorder_ready(port)
        paced: dict[str, dict[str, float]] = {}
        pooled: dict[str, tuple[list[float], list[float], list[float]]] = {}
        for name, url in paced_urls:
            asyncio.run(run_load(url, 300, 16))
            lat, _, rps = asyncio.run(run_load(url, n_lat, 16))
            _, ttfb, _ = asyncio.run(run_load(url, n_lat // 2, 16, stream=True))
            got = pooled.setdefault(name, ([], [], []))
            got[0].extend(lat)
            got[1].extend(ttfb)
            got[2].append(rps)
        for name, (lat, ttfb, rps_runs) in pooled.items():
            paced[name] = {"p50": statistics.median(lat), "p99": pct(lat, 99),
                           "ttft": statistics.median(ttfb),
                           "rps": statistics.mean(rps_runs)}
        if not args.no_litellm and (exe := ensure_litellm_venv()):
            cfg = tmp / "litellm.yaml"
            cfg.write_text(
                "model_list:\n"
                f"  - model_name: {MODEL}\n"
                "    litellm_params:\n"
                f"      model: openai/{MODEL}\n"
                f"      api_base: http://127.0.0.1:{up_port}/v1\n"
                "      api_key: sk-bench-not-real\n"
                "litellm_settings:\n  telemetry: false\n  drop_params: true\n")
            stack.enter_context(process(
                [str(exe), "--config", str(cfg), "--port", str(ll_port), "--host",
                 "127.0.0.1", "--num_workers", "1"], ll_port,
                # its master key is the bearer token every target gets from this client
                env={"LITELLM_LOCAL_MODEL_COST_MAP": "True", "LITELLM_LOG": "ERROR",
                     "LITELLM_MASTER_KEY": HEADERS["authorization"].split()[1]},
                log=tmp / "litellm.log", timeout=120, cpus=proxy_cpus))
            targets["litellm-proxy"] = f"http://127.0.0.1:{ll_port}"

        total_to_aiprov = 0
        for name, url in targets.items():
            asyncio.run(run_load(url, 300, 16))  # warm up
            asyncio.run(run_load(url, 200, 16, stream=True))
            if name == "aiprov":
                total_to_aiprov += 500
            lat, _, _ = asyncio.run(run_load(url, n_lat, 16))
            _, ttfb, _ = asyncio.run(run_load(url, n_lat // 2, 16, stream=True))
            _, ttfb1, _ = asyncio.run(run_load(url, n_lat // 4, 1, stream=True))
            r = {"p50": statistics.median(lat), "p99": pct(lat, 99),
                 "ttft_p50_c16": statistics.median(ttfb), "ttft_p50_c1": statistics.median(ttfb1)}
            for c, n in n_tp.items():
                r[f"rps_c{c}"] = asyncio.run(run_load(url, n, c))[2]
                if name == "aiprov":
                    total_to_aiprov += n
            if name == "aiprov":
                total_to_aiprov += n_lat + n_lat // 2 + n_lat // 4
            results[name] = r
            print(f"measured {name}", flush=True)

        # memory soak and recording: keep loading aiprov until 10k and 50k requests
        mem = {}
        peak_queue = 0
        for milestone in soak:
            while total_to_aiprov < milestone:
                step = min(2000, milestone - total_to_aiprov)
                asyncio.run(run_load(targets["aiprov"], step, 16))
                total_to_aiprov += step
                peak_queue = max(peak_queue, status(px_port)["queued"])
            mem[milestone] = rss_mb(proxy_proc.pid)
        t0 = time.monotonic()
        while time.monotonic() - t0 < 120:
            st = status(px_port)
            if "lag_records" in st:  # the write-ahead spool: drained when nothing lags
                if st["lag_records"] == 0:
                    break
            elif st["queued"] == 0 and (st["recorded"] + st["spooled"] + st["dropped"]
                                        >= st["submitted"]):
                break
            time.sleep(0.5)
        drain_s = time.monotonic() - t0
        st = status(px_port)

    d = results["direct"]
    print()
    print(f"{'target':<14} {'p50 ms':>8} {'p99 ms':>8} {'+p50':>7} {'+p99':>7} "
          f"{'ttft c1':>8} {'+ttft c1':>9} {'ttft c16':>9} {'+ttft c16':>10} "
          f"{'rps c1':>8} {'rps c16':>8} {'rps c64':>8}")
    for name, r in results.items():
        print(f"{name:<14} {r['p50']:8.2f} {r['p99']:8.2f} {r['p50'] - d['p50']:7.2f} "
              f"{r['p99'] - d['p99']:7.2f} {r['ttft_p50_c1']:8.2f} "
              f"{r['ttft_p50_c1'] - d['ttft_p50_c1']:9.2f} {r['ttft_p50_c16']:9.2f} "
              f"{r['ttft_p50_c16'] - d['ttft_p50_c16']:10.2f} {r['rps_c1']:8.0f} "
              f"{r['rps_c16']:8.0f} {r['rps_c64']:8.0f}")
    pd, pa = paced["direct"], paced["aiprov"]
    print(f"\nwith a 20 ms upstream, concurrency 16 (~{pd['rps']:.0f} req/s): aiprov adds "
          f"p50 {pa['p50'] - pd['p50']:+.2f} ms, p99 {pa['p99'] - pd['p99']:+.2f} ms, "
          f"time to first token p50 {pa['ttft'] - pd['ttft']:+.2f} ms "
          f"(direct p50 {pd['p50']:.2f} / p99 {pd['p99']:.2f} ms)")
    if "baseline" in paced:
        pb = paced["baseline"]
        print(f"side by side on the 20 ms upstream (ABBA, {2 * n_lat} requests each): "
              f"this checkout p50 {pa['p50']:.2f} ms / p99 {pa['p99']:.2f} ms, baseline "
              f"{args.baseline} p50 {pb['p50']:.2f} / p99 {pb['p99']:.2f} ms: "
              f"difference p50 {pa['p50'] - pb['p50']:+.2f} ms, p99 {pa['p99'] - pb['p99']:+.2f}"
              f" ms, time to first token p50 {pa['ttft'] - pb['ttft']:+.2f} ms")
    if "litellm-proxy" in results:
        a, ll = results["aiprov"], results["litellm-proxy"]
        print("\nthroughput aiprov / litellm-proxy: " + ", ".join(
            f"c{c} {a[f'rps_c{c}'] / ll[f'rps_c{c}']:.2f}x" for c in (1, 16, 64)))
    a, b = soak
    print(f"\naiprov RSS (relay + recorder process) after {a:,} requests: {mem[a]:.1f} MB; "
          f"after {b:,}: {mem[b]:.1f} MB (growth {mem[b] - mem[a]:+.1f} MB)")
    print(f"recorder: submitted {st['submitted']:,} recorded {st['recorded']:,} "
          f"spooled {st['spooled']} dropped {st['dropped']} peak lag {peak_queue} records; "
          f"drained {drain_s:.1f}s after load stopped")
    print(f"(machine: {os.cpu_count()} cores; "
          f"{'client+upstream on CPU 0, proxy on CPU 1' if pin else 'not pinned'}; "
          f"logs in {tmp})")


if __name__ == "__main__":
    uvloop.install()
    main()
