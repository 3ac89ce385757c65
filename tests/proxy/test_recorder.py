"""The recorder: off the hot path, batched, spooled when the store is down, never silent."""

from __future__ import annotations

import json
import time

from aiprov.settings import Settings
from proxy.raw import RawExchange
from proxy.recorder import Recorder, build_exchange
from store import db
from store import exchanges as store_exchanges


def raw(i: int = 0, *, body: dict | None = None, status: int = 200) -> RawExchange:
    t = time.time()
    req = body or {"model": "gpt-4o", "messages": [{"role": "user", "content": f"question {i}"}]}
    resp = {"id": f"c{i}", "model": "gpt-4o", "choices": [{"index": 0, "message": {
        "role": "assistant", "content": f"```python\nx_{i} = compute({i})\n```"},
        "finish_reason": "stop"}], "usage": {"prompt_tokens": 10, "completion_tokens": 5}}
    return RawExchange(
        started_at=t, started_mono=time.perf_counter(), method="POST",
        path="/v1/chat/completions",
        request_headers=[("user-agent", "OpenAI/Python 2.1.0"),
                         ("authorization", "Bearer sk-proj-abcdefghijklmnopqrstuvwxyz0123456789")],
        request_body=json.dumps(req).encode(), upstream="http://up", status=status,
        response_headers=[("content-type", "application/json")],
        chunks=[json.dumps(resp).encode()], first_byte_mono=time.perf_counter(),
        end_mono=time.perf_counter())


def settings(tmp_path, **kw) -> Settings:
    return Settings(home=tmp_path / "home", developer="dev@example.com", batch_interval=0.02,
                    **kw)


def stored(url: str) -> int:
    with db.session(url) as s:
        return store_exchanges.count(s)


def test_build_exchange_parses_identifies_prices_and_hashes_the_key():
    ex = build_exchange(raw(1), developer="dev@example.com")
    assert ex.request.prompt == "question 1" and "x_1 = compute(1)" in ex.response.text
    assert (ex.identity.tool, ex.identity.tool_version) == ("openai-python", "2.1.0")
    assert ex.identity.developer == "dev@example.com"
    assert ex.cost_usd and ex.cost_usd > 0
    assert ex.api_key_hash and "sk-proj" not in ex.api_key_hash
    assert ex.latency_ms is not None and ex.ttft_ms is not None


def test_batches_are_written_with_snippets(tmp_path):
    url = f"sqlite:///{tmp_path / 'a.db'}"
    rec = Recorder(settings(tmp_path), db_url=url)
    rec.start()
    for i in range(25):
        rec.submit(raw(i))
    assert rec.flush(20)
    rec.stop()
    st = rec.stats()
    assert (st["submitted"], st["recorded"], st["spooled"], st["dropped"]) == (25, 25, 0, 0)
    assert st["snippets"] == 25
    assert stored(url) == 25


def test_store_down_spools_then_replays_when_it_returns(tmp_path):
    bad_url = "postgresql+psycopg://nobody@127.0.0.1:1/none?connect_timeout=1"
    rec = Recorder(settings(tmp_path), db_url=bad_url)
    rec.start()
    for i in range(5):
        rec.submit(raw(i))
    assert rec.flush(30)
    st = rec.stats()
    assert st["spooled"] == 5 and st["recorded"] == 0 and st["dropped"] == 0
    assert not st["store_ok"] and "store write failed" in st["last_error"]
    assert st["spool_pending"] == 5
    # spool files hold redacted, built exchanges only: no raw key in them
    spooled = "".join(f.read_text() for f in rec.spool.files())
    assert "sk-proj-abcdefghijklmnopqrstuvwxyz0123456789" not in spooled
    # the store comes back: the next replay writes everything, once
    good_url = f"sqlite:///{tmp_path / 'b.db'}"
    rec.db_url = good_url
    rec._replay()
    rec.stop()
    st = rec.stats()
    assert st["replayed"] == 5 and st["spool_pending"] == 0 and st["store_ok"]
    assert stored(good_url) == 5


def test_spool_is_replayed_on_restart(tmp_path):
    bad_url = "postgresql+psycopg://nobody@127.0.0.1:1/none?connect_timeout=1"
    first = Recorder(settings(tmp_path), db_url=bad_url)
    first.start()
    for i in range(3):
        first.submit(raw(i))
    assert first.flush(30)
    first.stop()
    good_url = f"sqlite:///{tmp_path / 'c.db'}"
    second = Recorder(settings(tmp_path), db_url=good_url)
    second.start()  # replays the spool before anything else
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline and stored(good_url) < 3:
        time.sleep(0.05)
    second.stop()
    assert stored(good_url) == 3 and second.stats()["replayed"] == 3


def test_full_queue_spools_instead_of_dropping(tmp_path):
    url = f"sqlite:///{tmp_path / 'd.db'}"
    rec = Recorder(settings(tmp_path, queue_size=2), db_url=url)  # writer not started
    for i in range(5):
        rec.submit(raw(i))
    st = rec.stats()
    assert st["overflow"] == 3 and st["spooled"] == 3 and st["dropped"] == 0
    rec.start()
    assert rec.flush(20)
    rec._replay()
    rec.stop()
    assert stored(url) == 5


def test_drops_are_counted_when_even_the_spool_fails(tmp_path):
    home = tmp_path / "home"
    home.mkdir()
    (home / "spool").write_text("not a directory")  # spool cannot be created
    rec = Recorder(settings(tmp_path, queue_size=1), db_url=f"sqlite:///{tmp_path / 'e.db'}")
    rec.submit(raw(0))
    rec.submit(raw(1))  # queue full and spool unwritable: dropped, and said so
    st = rec.stats()
    assert st["dropped"] == 1 and "spool write failed" in st["last_error"]


def test_a_parser_bug_never_costs_the_record(tmp_path, monkeypatch):
    from proxy import formats

    def boom(*a, **k):
        raise RuntimeError("parser bug")

    monkeypatch.setattr(formats, "parse_response", boom)
    ex = build_exchange(raw(3), developer="d")
    assert not ex.response.complete
    assert "response parser failed" in ex.response.errors[0]
    assert ex.request.prompt == "question 3"


def test_process_recorder_writes_from_a_child_process(tmp_path):
    from proxy.recorder_process import ProcessRecorder

    url = f"sqlite:///{tmp_path / 'p.db'}"
    rec = ProcessRecorder(settings(tmp_path), db_url=url)
    rec.start()
    child = rec.proc.pid
    for i in range(30):
        rec.submit(raw(i))
    assert rec.flush(60), rec.stats()
    st = rec.stats()
    assert (st["submitted"], st["recorded"], st["dropped"], st["snippets"]) == (30, 30, 0, 30)
    assert st["process_alive"] and st["store_ok"] and child != __import__("os").getpid()
    assert st["ready"]  # the child published its first heartbeat
    rec.stop()
    assert stored(url) == 30
    assert rec.stats()["recorded"] == 30  # readable after stop


def test_process_recorder_restarts_a_dead_child_and_counts_the_loss(tmp_path):
    from proxy.recorder_process import ProcessRecorder

    url = f"sqlite:///{tmp_path / 'q.db'}"
    rec = ProcessRecorder(settings(tmp_path), db_url=url)
    rec.start()
    rec.submit(raw(0))
    assert rec.flush(60)
    rec.proc.kill()
    rec.proc.join(10)
    rec.submit(raw(1))  # notices the dead child, starts a new one
    assert rec.flush(60), rec.stats()
    st = rec.stats()
    assert st["recorded"] == 2 and st["dropped"] == 0 and st["process_alive"]
    rec.stop()
    assert stored(url) == 2


def test_process_recorder_spools_when_the_store_is_down(tmp_path):
    from proxy.recorder_process import ProcessRecorder

    bad_url = "postgresql+psycopg://nobody@127.0.0.1:1/none?connect_timeout=1"
    rec = ProcessRecorder(settings(tmp_path), db_url=bad_url)
    rec.start()
    for i in range(3):
        rec.submit(raw(i))
    assert rec.flush(60)
    st = rec.stats()
    rec.stop()
    assert st["spooled"] == 3 and not st["store_ok"] and "store write failed" in st["last_error"]
    assert st["spool_pending"] == 3


def test_process_recorder_child_finishes_and_exits_when_the_relay_is_killed(tmp_path):
    """A proxy killed without a chance to stop its recorder (SIGKILL, OOM): the child writes
    what was queued and exits instead of waiting on a dead parent's queue forever."""
    import os
    import subprocess
    import sys

    url = f"sqlite:///{tmp_path / 'k.db'}"
    script = f"""
import os, sys
sys.path[:0] = {sys.path!r}
from tests.proxy.test_recorder import raw, settings
from proxy.recorder_process import ProcessRecorder
from pathlib import Path
rec = ProcessRecorder(settings(Path({str(tmp_path)!r})), db_url={url!r})
rec.start()
for i in range(40):
    rec.submit(raw(i))
rec.q.close(); rec.q.join_thread()  # everything handed to the child's pipe
print(rec.proc.pid, flush=True)
os._exit(0)  # no stop(): as if killed
"""
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                         timeout=120, cwd=os.getcwd())
    child = int(out.stdout.split()[0])
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            os.kill(child, 0)
        except ProcessLookupError:
            break
        time.sleep(0.1)
    else:
        os.kill(child, 9)
        raise AssertionError("the recorder child outlived its relay")
    assert stored(url) == 40
