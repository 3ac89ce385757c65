"""The recorder: consumes the write-ahead spool off the hot path, batched, exactly once per
exchange, keeps records in the spool while the store is down, never silent."""

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


def wait_for(cond, limit: float = 30.0):  # type: ignore[no-untyped-def]
    """Poll ``cond`` until it holds (bounded); the last value it returned."""
    deadline = time.monotonic() + limit
    while True:
        value = cond()
        if value or time.monotonic() > deadline:
            return value
        time.sleep(0.02)


def test_store_down_keeps_records_in_the_spool_then_records_them_once(tmp_path, monkeypatch):
    from proxy import recorder as recorder_mod

    monkeypatch.setattr(recorder_mod, "REPLAY_EVERY_S", 0.1)
    blocker = tmp_path / "store"
    blocker.write_text("a file where the store's directory should be")
    url = f"sqlite:///{blocker / 'a.db'}"
    rec = Recorder(settings(tmp_path), db_url=url)
    rec.start()
    for i in range(5):
        rec.submit(raw(i))
    st = wait_for(lambda: (s := rec.stats())["spooled"] == 5 and s)
    assert st, rec.stats()
    assert st["recorded"] == 0 and st["dropped"] == 0 and not st["store_ok"]
    assert "store write failed" in st["last_error"] and st["last_error_at"] > 0
    assert st["lag_records"] == 5 and st["spool_pending"] == 5 and st["submitted"] == 5
    # the spool holds encrypted records: neither the key nor the prompt in clear
    # (a checkpoint's ``*.tmp`` lives only until its rename: the recorder keeps retrying the
    # store and writing its checkpoint while this reads, so a listed temp file may be gone)
    on_disk = b"".join(p.read_bytes() for p in rec.settings.spool_dir.iterdir()
                       if not p.name.endswith(".tmp"))
    assert b"sk-proj-abcdefghijklmnopqrstuvwxyz0123456789" not in on_disk
    assert b"question 3" not in on_disk and b"compute(3)" not in on_disk
    # the store comes back: everything is recorded, once, and the error is marked recovered
    blocker.unlink()
    st = wait_for(lambda: (s := rec.stats())["recorded"] == 5 and s)
    rec.stop()
    assert st, rec.stats()
    assert st["replayed"] == 5 and st["lag_records"] == 0 and st["store_ok"]
    assert st["last_error"] is None and "store write failed" in st["previous_error"]
    assert st["recovered_at"] >= st["checkpoint_at"] - 5
    assert stored(url) == 5


def test_records_belong_to_the_store_they_were_spooled_for(tmp_path):
    """Issue 20: a proxy on PostgreSQL spooled while its store was down; a second proxy
    sharing the home but writing to SQLite must not take those records."""
    from dataclasses import replace

    from proxy.spool import Spool
    from proxy.wal import backlog, store_tag
    from tests.proxy.test_spool import make_exchange

    pg = "postgresql+psycopg://nobody@127.0.0.1:1/none?connect_timeout=1"
    first = Recorder(settings(tmp_path), db_url=pg)  # never started: its records wait
    for i in range(3):
        first.submit(raw(i))
    first.stop()
    Spool(first.settings.spool_dir, store=store_tag(pg)).append([make_exchange(1)])
    Spool(first.settings.spool_dir).append([replace(make_exchange(2), id="untagged")])
    url = f"sqlite:///{tmp_path / 'other.db'}"
    second = Recorder(settings(tmp_path), db_url=url)
    second.start()
    second.submit(raw(9))
    assert second.flush(30)
    assert wait_for(lambda: stored(url) == 2)  # its own, and the untagged older file
    second.stop()
    assert stored(url) == 2
    assert backlog(first.settings.spool_dir, store_tag(pg))[0] == 3
    assert Spool(first.settings.spool_dir, store=store_tag(pg)).legacy_pending() == 1


def test_counters_persist_across_restarts(tmp_path):
    url = f"sqlite:///{tmp_path / 'c.db'}"
    first = Recorder(settings(tmp_path), db_url=url)
    first.start()
    for i in range(4):
        first.submit(raw(i))
    assert first.flush(30)
    first.stop()
    second = Recorder(settings(tmp_path), db_url=url)
    assert second.stats()["recorded"] == 4 and second.stats()["submitted"] == 4
    second.start()
    second.submit(raw(4))
    assert second.flush(30)
    second.stop()
    st = second.stats()
    assert (st["submitted"], st["recorded"], st["dropped"]) == (5, 5, 0)


def test_a_crash_between_store_commit_and_checkpoint_records_nothing_twice(tmp_path,
                                                                         monkeypatch):
    from proxy.wal import WalReader

    url = f"sqlite:///{tmp_path / 'x.db'}"
    writer = Recorder(settings(tmp_path), db_url=url)  # the relay: appends, then is gone
    for i in range(6):
        writer.submit(raw(i))
    writer.stop()
    crashing = Recorder(settings(tmp_path), db_url=url)

    def crash(self, entries, state):  # the store committed, the checkpoint never moved
        raise SystemExit("killed")

    monkeypatch.setattr(WalReader, "commit", crash)
    entries = crashing.reader.read(100)
    assert len(entries) == 6 and all(e.recovered for e in entries)
    try:
        crashing._consume(entries)
    except SystemExit:
        pass
    assert stored(url) == 6
    monkeypatch.undo()
    again = Recorder(settings(tmp_path), db_url=url)
    again.start()
    assert again.flush(30)
    again.stop()
    st = again.stats()
    assert stored(url) == 6 and st["lag_records"] == 0
    assert st["recorded"] == 6 and st["replayed"] == 6 and st["dropped"] == 0
    assert list(again.settings.spool_dir.glob("*.wal")) == []  # consumed, sealed: deleted


def test_drops_are_counted_when_even_the_spool_fails(tmp_path):
    home = tmp_path / "home"
    home.mkdir()
    (home / "spool").write_text("not a directory")  # spool cannot be created
    rec = Recorder(settings(tmp_path), db_url=f"sqlite:///{tmp_path / 'e.db'}")
    assert rec.submit(raw(0)) is None  # nothing to wait for, and said so
    st = rec.stats()
    assert st["dropped"] == 1 and st["submitted"] == 1
    assert "spool write failed" in st["last_error"] and st["last_error_at"]


def test_stored_answers_are_capped_with_a_marker_and_the_size(tmp_path):
    big = "x" * 5000
    r = raw(1)
    r.chunks = [json.dumps({"id": "c", "model": "gpt-4o", "choices": [{"index": 0, "message": {
        "role": "assistant", "content": big}, "finish_reason": "stop"}]}).encode()]
    ex = build_exchange(r, developer="d", max_stored=1000)
    assert ex.response.text.startswith("x" * 1000)
    assert "stored the first 1000 of 5000 bytes" in ex.response.text
    assert any("5000 bytes stored truncated to 1000" in e for e in ex.response.errors)
    assert build_exchange(r, developer="d", max_stored=10_000).response.text == big
    # multi-byte text is cut at a character boundary, never inside one
    r.chunks = [json.dumps({"id": "c", "model": "gpt-4o", "choices": [{"index": 0, "message": {
        "role": "assistant", "content": "é" * 800}, "finish_reason": "stop"}]}).encode()]
    text = build_exchange(r, developer="d", max_stored=1001).response.text
    assert text.startswith("é" * 500) and "stored the first 1000 of 1600 bytes" in text


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


def test_process_recorder_restarts_a_dead_child_which_resumes_from_the_spool(tmp_path):
    from proxy.recorder_process import ProcessRecorder

    url = f"sqlite:///{tmp_path / 'q.db'}"
    rec = ProcessRecorder(settings(tmp_path), db_url=url)
    rec.start()
    rec.submit(raw(0))
    assert rec.flush(60)
    rec.proc.kill()
    rec.proc.join(10)
    rec.submit(raw(1))  # waits in the spool; the relay notices the dead child, starts one
    rec.submit(raw(2))
    assert rec.flush(60), rec.stats()
    st = rec.stats()
    assert st["recorded"] == 3 and st["dropped"] == 0 and st["process_alive"]
    assert st["restarts"] == 1
    rec.stop()
    assert stored(url) == 3


def test_process_recorder_spools_when_the_store_is_down(tmp_path):
    from proxy.recorder_process import ProcessRecorder

    bad_url = "postgresql+psycopg://nobody@127.0.0.1:1/none?connect_timeout=1"
    rec = ProcessRecorder(settings(tmp_path), db_url=bad_url)
    rec.start()
    for i in range(3):
        rec.submit(raw(i))
    st = wait_for(lambda: (s := rec.stats())["spooled"] == 3 and s, 60)
    rec.stop()
    assert st, rec.stats()
    assert not st["store_ok"] and "store write failed" in st["last_error"]
    assert st["lag_records"] == 3 and st["spool_pending"] == 3 and st["lag_seconds"] >= 0


def test_process_recorder_child_finishes_and_exits_when_the_relay_is_killed(tmp_path):
    """A proxy killed without a chance to stop its recorder (SIGKILL, OOM): the child records
    what the spool holds and exits instead of waiting for a dead parent forever."""
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


def test_status_shows_the_lag_and_warns_when_the_recorder_falls_behind(stack, monkeypatch):
    import json

    from typer.testing import CliRunner

    from aiprov.cli import app
    from aiprov.settings import get_settings

    host, port = stack.url.rsplit("//", 1)[1].split(":")
    monkeypatch.setenv("AIPROV_HOST", host)
    monkeypatch.setenv("AIPROV_PORT", port)
    monkeypatch.setenv("AIPROV_DB", stack.db_url)
    get_settings.cache_clear()

    def status() -> dict:
        r = CliRunner().invoke(app, ["status", "--format", "json"])
        return json.loads(r.output)["components"]

    # the recorder child says "starting" until its first heartbeat
    rec = wait_for(lambda: (r := status()["recorder"])["state"] == "ok" and r)
    assert rec and "lag 0 (" in rec["reason"], status()["recorder"]
    real = stack.app.recorder.stats
    behind = {**real(), "lag_records": 1200, "lag_seconds": 42.0, "store_ok": False,
              "last_error": "store unavailable: no answer within 5 s", "last_error_at": 1_000_050_000}
    monkeypatch.setattr(stack.app.recorder, "stats", lambda: behind)
    got = status()
    rec, store = got["recorder"], got["store"]
    assert rec["state"] == "degraded" and "behind by 1200 exchanges, 42 s" in rec["reason"], rec
    assert rec["since"] == 1_000_050_000, rec  # when the store stopped answering
    assert store["state"] == "degraded", store
    assert "store unavailable: no answer within 5 s" in store["reason"], store
