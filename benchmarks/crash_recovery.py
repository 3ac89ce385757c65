"""Crash recovery: a real proxy under load, SIGKILLed at random points, restarted; every
exchange a client received in full must be in the store exactly once.

Processes on loopback: the fake upstream (``tests.fakellm``), the proxy (``aiprov proxy``,
with its recorder child) and client threads in this process. Each request carries a unique
marker in its prompt. A round starts the proxy on a shared ``AIPROV_HOME``, loads it with
streamed and plain requests, and after a random delay kills, with SIGKILL, the relay, the
recorder child, or both (the relay is killed after the child too: nothing gets a chance to
stop cleanly). A client counts an exchange as received when it read the whole body (a
plain answer to its Content-Length, a stream to its ``[DONE]`` event, where SDKs stop
reading). After the last round one proxy is started to drain what is left, and the store is
counted per marker: lost (received, not stored) and duplicated (stored twice).

    bin/dev bench crash_recovery                 # 20 rounds
    bin/dev bench crash_recovery --rounds 100

``tests/proxy/test_crash.py`` runs three rounds of the same code in the suite.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import signal
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from benchmarks._procs import ROOT, free_port, python, wait_port  # noqa: E402

KINDS = ("proxy", "recorder", "both")


@dataclass
class Tally:
    received: set[str] = field(default_factory=set)  # markers a client read in full
    sent: int = 0
    kills: dict[str, int] = field(default_factory=dict)


@contextmanager
def upstream(port: int, log: Path) -> Iterator[subprocess.Popen[bytes]]:
    with log.open("wb") as out:
        proc = subprocess.Popen([python(), "-m", "tests.fakellm", "--port", str(port)],
                                stdout=out, stderr=subprocess.STDOUT, cwd=ROOT,
                                env={**os.environ, "PYTHONPATH": str(ROOT)})
        try:
            wait_port(port)
            yield proc
        finally:
            proc.kill()
            proc.wait(10)


SYNC = os.environ.get("AIPROV_SPOOL_SYNC", "batch")


def start_proxy(home: Path, port: int, up_port: int, log: Path) -> subprocess.Popen[bytes]:
    env = {**os.environ, "AIPROV_SPOOL_SYNC": SYNC, "PYTHONPATH": str(ROOT),
           "AIPROV_HOME": str(home), "AIPROV_PORT": str(port), "AIPROV_OPENAI_BASE": f"http://127.0.0.1:{up_port}",
           "AIPROV_DEVELOPER": "crash@example.com", "AIPROV_BATCH_INTERVAL": "0.05"}
    with log.open("ab") as out:
        proc = subprocess.Popen([python(), "-m", "aiprov.cli", "proxy", "--port", str(port)],
                                stdout=out, stderr=subprocess.STDOUT, cwd=ROOT, env=env)
    wait_port(port)
    return proc


def status(port: int) -> dict:
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/_aiprov/status", timeout=5) as r:
        return json.loads(r.read())["recorder"]


def client(port: int, tag: str, stop: threading.Event, tally: Tally,
           lock: threading.Lock) -> None:
    """Requests until ``stop`` or the proxy dies; a marker goes into ``tally.received`` only
    when its whole answer was read."""
    n = 0
    conn: http.client.HTTPConnection | None = None
    while not stop.is_set():
        n += 1
        marker = f"crash-probe {tag}-{n}"
        stream = n % 2 == 0
        body = json.dumps({"model": "gpt-4o-mini", "stream": stream,
                           "messages": [{"role": "user", "content": marker}]}).encode()
        try:
            if conn is None:
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
            with lock:
                tally.sent += 1
            conn.request("POST", "/v1/chat/completions", body,
                         {"content-type": "application/json",
                          "authorization": "Bearer sk-crash-test-not-a-real-key"})
            resp = conn.getresponse()
            try:
                data = resp.read()
            except http.client.IncompleteRead as exc:
                data, resp.status = exc.partial, resp.status  # cut: [DONE] may have come
            complete = resp.status == 200 and (b"data: [DONE]" in data if stream
                                               else bool(json.loads(data or b"null")))
        except (OSError, http.client.HTTPException, ValueError):
            complete = False
            if conn is not None:
                conn.close()
            conn = None
            time.sleep(0.05)  # the proxy is gone or restarting
            continue
        if complete:
            with lock:
                tally.received.add(marker)
    if conn is not None:
        conn.close()


def kill_round(home: Path, up_port: int, log: Path, rng: random.Random, tally: Tally,
               round_no: int, kind: str, clients: int = 6) -> str:
    """One round: start, load, SIGKILL (``kind``) at a random point."""
    port = free_port()
    proxy = start_proxy(home, port, up_port, log)
    stop, lock = threading.Event(), threading.Lock()
    threads = [threading.Thread(target=client, args=(port, f"r{round_no}c{i}", stop, tally, lock),
                                daemon=True) for i in range(clients)]
    for t in threads:
        t.start()
    try:
        time.sleep(rng.uniform(0.2, 1.5))
        child = None
        if kind in ("recorder", "both"):
            deadline = time.monotonic() + 30
            while child is None and time.monotonic() < deadline:  # the child is spawned
                child = status(port).get("process_pid") or None
                time.sleep(0.05)
            if child:
                os.kill(child, signal.SIGKILL)
            time.sleep(rng.uniform(0.1, 1.0))  # the relay notices, restarts it, goes on
        try:
            child = status(port).get("process_pid") or child
        except OSError:
            pass
        proxy.send_signal(signal.SIGKILL)
        if kind == "both" and child:
            try:
                os.kill(child, signal.SIGKILL)
            except ProcessLookupError:
                pass
        proxy.wait(10)
    finally:
        stop.set()
        for t in threads:
            t.join(15)
        if proxy.poll() is None:
            proxy.kill()
            proxy.wait(10)
    tally.kills[kind] = tally.kills.get(kind, 0) + 1
    wait_orphans(home)
    return kind


def wait_orphans(home: Path, limit: float = 60.0) -> None:
    """A killed relay's recorder child records what the spool holds, then exits; wait for
    it (bounded) so that rounds do not overlap. Found by its open spool lock file."""
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        if not _holders(home / "spool"):
            return
        time.sleep(0.1)
    for pid in _holders(home / "spool"):
        os.kill(pid, signal.SIGKILL)


def _holders(spool: Path) -> list[int]:
    pids = []
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit() or int(proc.name) == os.getpid():
            continue
        try:
            for fd in (proc / "fd").iterdir():
                if str(os.readlink(fd)).startswith(str(spool)):
                    pids.append(int(proc.name))
                    break
        except OSError:
            continue
    return pids


def drain(home: Path, up_port: int, log: Path, limit: float = 120.0) -> dict:
    """Start a proxy once more and wait until its recorder has consumed the spool."""
    port = free_port()
    proxy = start_proxy(home, port, up_port, log)
    try:
        deadline = time.monotonic() + limit
        while True:
            st = status(port)
            if st.get("ready") and st["lag_records"] == 0 and st["store_ok"]:
                return st
            if time.monotonic() > deadline:
                raise TimeoutError(f"the spool was not drained in {limit:.0f}s: {st}")
            time.sleep(0.1)
    finally:
        proxy.terminate()
        proxy.wait(30)
        wait_orphans(home)


def stored_counts(home: Path) -> dict[str, int]:
    import sqlite3

    with sqlite3.connect(home / "aiprov.db") as db:
        rows = db.execute("SELECT prompt, count(*) FROM exchange "
                          "WHERE prompt LIKE 'crash-probe %' GROUP BY prompt").fetchall()
    return {p: n for p, n in rows}


def run(rounds: int, seed: int, workdir: Path, kinds: tuple[str, ...] = ()
        ) -> tuple[Tally, int, int, dict, dict]:
    """``rounds`` kill rounds (of ``kinds`` in turn, or random kinds) then a drain;
    (tally, lost, duplicated, stats after the drain, stored count per marker)."""
    rng = random.Random(seed)
    home = workdir / "home"
    up_port = free_port()
    tally = Tally()
    with upstream(up_port, workdir / "upstream.log"):
        for r in range(rounds):
            kind = kinds[r % len(kinds)] if kinds else rng.choice(KINDS)
            kill_round(home, up_port, workdir / "proxy.log", rng, tally, r, kind)
        st = drain(home, up_port, workdir / "proxy.log")
    stored = stored_counts(home)
    lost = sum(1 for m in tally.received if stored.get(m, 0) == 0)
    duplicated = sum(1 for n in stored.values() if n > 1)
    return tally, lost, duplicated, st, stored


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--rounds", type=int, default=20)
    ap.add_argument("--seed", type=int, default=int(time.time()))
    ap.add_argument("--sync", choices=("batch", "always"), default="batch",
                    help="the proxies' spool_sync (always: answers also wait for the fsync)")
    args = ap.parse_args()
    global SYNC
    SYNC = args.sync
    workdir = Path(tempfile.mkdtemp(prefix="aiprov-crash-"))
    t0 = time.monotonic()
    tally, lost, dup, st, stored = run(args.rounds, args.seed, workdir)
    print(f"{args.rounds} rounds (spool_sync={SYNC}, seed {args.seed}; kills: "
          + ", ".join(f"{k} {n}" for k, n in sorted(tally.kills.items()))
          + f") in {time.monotonic() - t0:.0f}s")
    print(f"requests sent {tally.sent}, answers received in full {len(tally.received)}, "
          f"stored {sum(stored.values())} ({len(stored)} distinct)")
    print(f"lost {lost}  duplicated {dup}")
    print(f"recorder after restart: recorded {st['recorded']} replayed {st['replayed']} "
          f"dropped {st['dropped']} (persisted across the {args.rounds + 1} starts)")
    print(f"(logs and store in {workdir})")
    sys.exit(1 if lost or dup else 0)


if __name__ == "__main__":
    main()
