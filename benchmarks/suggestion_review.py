"""The recorder's review of every suggestion: what it costs the recorder, and that the relay
does not feel it.

1. Recorder throughput, review on vs off, in one run: the same spool of recorded exchanges
   (each answer a prose + Python + JavaScript + Go suggestion of ~70 lines, one of them
   insecure, or a Write tool call) consumed by a fresh recorder (thread, SQLite) with
   ``review_suggestions`` on and off, in ABBA order; exchanges/s, median of the runs.
2. The proxy's added latency with review on vs off, side by side: two aiprov proxies (one
   with ``AIPROV_REVIEW_SUGGESTIONS=0``) on the same 20 ms fake upstream answering that
   suggestion, measured in alternation (ABBA) with ``proxy_overhead``'s load generator; then
   how far each proxy's recorder lagged and what it stored.

    flock /tmp/aiprov-bench.lock python benchmarks/suggestion_review.py [--quick]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import sys
import tempfile
import time
from contextlib import ExitStack
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from benchmarks._procs import free_port, process, python  # noqa: E402
from benchmarks.proxy_overhead import pct, run_load, status, wait_recorder_ready  # noqa: E402

PY = '''import json
import sqlite3
from dataclasses import dataclass


@dataclass
class User:
    id: int
    name: str
    email: str


def connect(path: str) -> sqlite3.Connection:
    conn = sqlite3.connect(path)
    conn.row_factory = sqlite3.Row
    return conn


def find_user_{i}(conn: sqlite3.Connection, name: str) -> list[User]:
    rows = conn.execute(f"SELECT id, name, email FROM users WHERE name = '{{name}}'")
    return [User(r["id"], r["name"], r["email"]) for r in rows]


def add_user(conn: sqlite3.Connection, user: User) -> None:
    conn.execute("INSERT INTO users (id, name, email) VALUES (?, ?, ?)",
                 (user.id, user.name, user.email))
    conn.commit()


def dump(users: list[User]) -> str:
    return json.dumps([u.__dict__ for u in users], indent=2)
'''
JS = '''export function renderList_{i}(el, items) {{
  const ul = document.createElement("ul");
  for (const item of items) {{
    const li = document.createElement("li");
    li.textContent = item.title;
    ul.appendChild(li);
  }}
  el.replaceChildren(ul);
}}

export async function load(url) {{
  const res = await fetch(url, {{ credentials: "same-origin" }});
  if (!res.ok) throw new Error(`HTTP ${{res.status}}`);
  return res.json();
}}
'''
GO = '''package store

import (
\t"context"
\t"database/sql"
)

func Count{i}(ctx context.Context, db *sql.DB, team string) (int, error) {{
\tvar n int
\terr := db.QueryRowContext(ctx, "SELECT count(*) FROM members WHERE team = $1", team).Scan(&n)
\treturn n, err
}}
'''


def answer(i: int) -> str:
    return (f"Here is the data layer.\n\n```python\n{PY.format(i=i)}```\n\nThe view:\n\n"
            f"```javascript\n{JS.format(i=i)}```\n\nAnd the Go side:\n\n```go\n"
            f"{GO.format(i=i)}```\n\nRun the tests after applying this.\n")


def raw(i: int):  # type: ignore[no-untyped-def]
    """A recorded OpenAI chat exchange: a fenced answer, or (every fourth) a Write call."""
    from proxy.raw import RawExchange

    msg: dict = {"role": "assistant", "content": answer(i)}
    if i % 4 == 3:
        msg = {"role": "assistant", "content": None, "tool_calls": [{
            "id": f"call_{i}", "type": "function", "function": {"name": "Write", "arguments":
                json.dumps({"file_path": f"/repo/app/users_{i}.py",
                            "content": PY.format(i=i)})}}]}
    resp = {"id": f"c{i}", "model": "gpt-4o", "choices": [
        {"index": 0, "message": msg, "finish_reason": "stop"}],
        "usage": {"prompt_tokens": 900, "completion_tokens": 700}}
    req = {"model": "gpt-4o", "messages": [{"role": "user", "content": f"users module {i}"}]}
    now, mono = time.time(), time.perf_counter()
    return RawExchange(
        started_at=now, started_mono=mono, method="POST", path="/v1/chat/completions",
        request_headers=[("user-agent", "OpenAI/Python 2.1.0"),
                         ("authorization", "Bearer sk-bench-not-real")],
        request_body=json.dumps(req).encode(), upstream="http://up", status=200,
        response_headers=[("content-type", "application/json")],
        chunks=[json.dumps(resp).encode()], first_byte_mono=mono, end_mono=mono)


def recorder_rate(n: int, review: bool, tmp: Path, run: int) -> tuple[float, dict]:
    """Exchanges/s of a fresh consumer over a spool of ``n`` exchanges, and its counters."""
    from aiprov.settings import Settings
    from proxy.recorder import Recorder

    home = tmp / f"rec-{run}"
    settings = Settings(home=home, developer="bench@example.com", review_suggestions=review,
                        batch_interval=0.01)
    url = f"sqlite:///{home / 'bench.db'}"
    rec = Recorder(settings, db_url=url)
    for i in range(n):
        rec.submit(raw(i))
    assert rec.wal is not None and rec.wal.wait_durable(rec.wal.appended, 60)
    t0 = time.perf_counter()
    rec.start()
    if not rec.flush(600):
        raise RuntimeError(f"the recorder did not drain {n} exchanges: {rec.stats()}")
    elapsed = time.perf_counter() - t0
    rec.stop()
    return n / elapsed, rec.stats()


def drain(port: int, limit: float = 600.0) -> None:
    deadline = time.monotonic() + limit
    while status(port)["lag_records"] and time.monotonic() < deadline:
        time.sleep(0.1)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--quick", action="store_true")
    args = ap.parse_args()
    n_rec = 600 if args.quick else 2000
    n_lat = 1000 if args.quick else 3000
    tmp = Path(tempfile.mkdtemp(prefix="aiprov-bench-review-"))
    os.environ["AIPROV_HOME"] = str(tmp / "home")

    # 1. the recorder, review off / on / on / off
    rates: dict[bool, list[float]] = {False: [], True: []}
    counts: dict[bool, dict] = {}
    recorder_rate(100, True, tmp, 99)  # warm: imports, rule packs, grammars
    for run, review in enumerate((False, True, True, False)):
        rate, st = recorder_rate(n_rec, review, tmp, run)
        rates[review].append(rate)
        counts[review] = st
    off, on = statistics.median(rates[False]), statistics.median(rates[True])
    st = counts[True]
    print(f"recorder, {n_rec} exchanges per run (ABBA), 3-4 snippets each: review off "
          f"{off:.0f} exchanges/s, review on {on:.0f} exchanges/s ({on / off:.2f}x); "
          f"with review: {st['snippets']} snippets, {st['suggestion_findings']} findings, "
          f"{st['review_hints']} hints, {st['review_errors']} errors, {st['review_capped']} "
          f"capped", flush=True)

    # 2. the relay, review on vs off, side by side on a 20 ms upstream answering the same
    pin = (os.cpu_count() or 1) >= 2
    client_cpus, proxy_cpus = ({0}, {1}) if pin else (None, None)
    if client_cpus:
        os.sched_setaffinity(0, client_cpus)
    answer_file = tmp / "answer.md"
    answer_file.write_text(answer(0), encoding="utf-8")
    up_port = free_port()
    ports = {"review on": free_port(), "review off": free_port()}
    with ExitStack() as stack:
        stack.enter_context(process(
            [python(), "-m", "tests.fakellm", "--port", str(up_port), "--latency-ms", "20",
             "--answer-file", str(answer_file)], up_port, log=tmp / "upstream.log",
            cpus=client_cpus))
        for name, port in ports.items():
            stack.enter_context(process(
                [python(), "-m", "aiprov.cli", "proxy", "--port", str(port)], port,
                env={"AIPROV_HOME": str(tmp / name.replace(" ", "-")),
                     "AIPROV_PORT": str(port), "AIPROV_DEVELOPER": "bench@example.com",
                     "AIPROV_OPENAI_BASE": f"http://127.0.0.1:{up_port}",
                     "AIPROV_REVIEW_SUGGESTIONS": "1" if name == "review on" else "0"},
                log=tmp / f"{name.replace(' ', '-')}.log", cpus=proxy_cpus))
        for port in ports.values():
            wait_recorder_ready(port)
        pooled: dict[str, tuple[list[float], list[float], list[float]]] = {}
        lag: dict[str, int] = {}
        live: dict[str, list[float]] = {}
        for name in ("review on", "review off", "review off", "review on"):
            # each proxy is measured with only its own recorder at work: the other's
            # backlog is drained first (both share CPU 1)
            for port in ports.values():
                drain(port)
            url = f"http://127.0.0.1:{ports[name]}"
            before = status(ports[name])["recorded"]
            t0 = time.monotonic()
            asyncio.run(run_load(url, 200, 16))
            lat, _, rps = asyncio.run(run_load(url, n_lat, 16))
            _, ttfb, _ = asyncio.run(run_load(url, n_lat // 2, 16, stream=True))
            lag[name] = max(lag.get(name, 0), status(ports[name])["lag_records"])
            drain(ports[name])
            recorded = status(ports[name])["recorded"] - before
            live.setdefault(name, []).append(recorded / (time.monotonic() - t0))
            got = pooled.setdefault(name, ([], [], []))
            got[0].extend(lat)
            got[1].extend(ttfb)
            got[2].append(rps)
        final = {name: status(port) for name, port in ports.items()}

    a, b = pooled["review on"], pooled["review off"]
    print(f"\nproxy, 20 ms upstream answering the suggestion, concurrency 16 (ABBA, "
          f"{2 * n_lat} requests + {n_lat} streamed each, ~{statistics.mean(a[2]):.0f} req/s):")
    for name, (lat, ttfb, _rps) in pooled.items():
        st = final[name]
        print(f"  {name:<10} p50 {statistics.median(lat):6.2f} ms  p99 {pct(lat, 99):6.2f} ms  "
              f"ttft p50 {statistics.median(ttfb):6.2f} ms  | recorder: recorded "
              f"{st['recorded']:,}, findings {st.get('suggestion_findings', 0):,}, lag at "
              f"the end of the load up to {lag[name]} records, recorded "
              f"{statistics.median(live[name]):.0f} exchanges/s (load start to drained)")
    print(f"  review on - off: p50 {statistics.median(a[0]) - statistics.median(b[0]):+.2f} ms, "
          f"p99 {pct(a[0], 99) - pct(b[0], 99):+.2f} ms, ttft p50 "
          f"{statistics.median(a[1]) - statistics.median(b[1]):+.2f} ms")
    print(f"(machine: {os.cpu_count()} cores; "
          f"{'client+upstream on CPU 0, proxies on CPU 1' if pin else 'not pinned'}; "
          f"load {os.getloadavg()[0]:.2f}; logs in {tmp})")


if __name__ == "__main__":
    import uvloop

    uvloop.install()
    main()
