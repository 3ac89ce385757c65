from __future__ import annotations

import stat

import pytest

from proxy.exchange import Exchange, Identity, RequestInfo, ResponseInfo, ToolCall, Usage
from proxy.spool import Spool, from_json, to_json


def make_exchange(i: int = 0) -> Exchange:
    return Exchange(
        id=f"ex{i:04d}", started_at=1_700_000_000.5 + i, method="POST",
        path="/v1/messages?beta=true", upstream="https://api.anthropic.com", status=200,
        request=RequestInfo(api="anthropic.messages", model="claude-x", stream=True,
                            messages=({"role": "user", "content": "hi"},), prompt="hi",
                            tools_offered=("Write", "Edit"), params={"max_tokens": 5}),
        response=ResponseInfo(model="claude-x", text="hello",
                              tool_calls=(ToolCall(name="Write", arguments='{"a": 1}',
                                                   id="t1", kind="tool_use"),),
                              usage=Usage(input_tokens=3, output_tokens=2)),
        identity=Identity(developer="d@x", tool="claude-code", tool_version="2.1.0"),
        latency_ms=12.5, cost_usd=0.001,
    )


def test_json_round_trip_is_exact():
    ex = make_exchange()
    assert from_json(to_json(ex)) == ex


def test_spool_files_are_private_and_replayable(tmp_path):
    spool = Spool(tmp_path / "spool")
    spool.append([make_exchange(1), make_exchange(2)])
    spool.append([make_exchange(3)])
    files = spool.files()
    assert len(files) == 2
    assert all(stat.S_IMODE(f.stat().st_mode) == 0o600 for f in files)
    assert spool.pending() == 3
    seen = []
    for path, exchanges, bad in spool.batches():
        assert bad == 0
        seen += [e.id for e in exchanges]
        spool.done(path)
    assert seen == ["ex0001", "ex0002", "ex0003"]
    assert spool.pending() == 0 and spool.files() == []


def test_corrupt_spool_lines_are_counted_not_fatal(tmp_path):
    spool = Spool(tmp_path / "spool")
    spool.append([make_exchange(1)])
    f = spool.files()[0]
    f.write_text(f.read_text() + "{not json\n")
    [(_, exchanges, bad)] = list(spool.batches())
    assert [e.id for e in exchanges] == ["ex0001"] and bad == 1


# -- the write-ahead spool (proxy.wal) ------------------------------------------------------
URL = "sqlite:////somewhere/aiprov.db"


def raw_exchange(i: int = 0):  # type: ignore[no-untyped-def]
    from tests.proxy.test_recorder import raw

    return raw(i)


def test_wal_round_trip_keeps_bodies_timings_and_hashes_the_key(tmp_path):
    from proxy.redact import hash_secret
    from proxy.wal import WalReader, WalWriter

    w = WalWriter(tmp_path / "spool", URL)
    r = raw_exchange(1)
    r.chunks = [b"data: one\n\n", b"data: two\n\n"]
    latency = r.end_mono - r.started_mono
    w.wait_durable(w.append(r))
    w.close()
    [entry] = WalReader(tmp_path / "spool", URL).read(10)
    back = entry.raw
    assert back is not None and entry.recovered  # written by a writer that is gone now
    assert back.id == r.id and len(back.id) == 28
    assert back.request_body == r.request_body and back.chunks == r.chunks
    assert back.status == 200 and back.path == r.path and back.started_at == r.started_at
    assert abs((back.end_mono - back.started_mono) - latency) < 1e-9
    # the API key never reaches the spool, not even encrypted: only its salted hash
    assert back.api_key_hash == hash_secret("sk-proj-abcdefghijklmnopqrstuvwxyz0123456789")
    assert [n for n, _ in back.request_headers] == ["user-agent"]


def test_wal_files_are_private_encrypted_and_tagged_with_their_store(tmp_path):
    from proxy.wal import WalWriter, key_path, store_tag

    spool = tmp_path / "home" / "spool"
    w = WalWriter(spool, URL)
    w.wait_durable(w.append(raw_exchange(7)))
    w.close()
    [seg] = list(spool.glob("*.wal"))
    assert seg.name.startswith(store_tag(URL) + "-") and "somewhere" not in seg.name
    assert stat.S_IMODE(spool.stat().st_mode) == 0o700
    assert stat.S_IMODE(seg.stat().st_mode) == 0o600
    assert stat.S_IMODE(key_path(spool).stat().st_mode) == 0o600
    assert key_path(spool).parent != spool  # a copy of the spool alone reveals nothing
    data = seg.read_bytes()
    assert b"question 7" not in data and b"compute(7)" not in data and b"sk-proj" not in data
    assert store_tag(URL) != store_tag("sqlite:////elsewhere/aiprov.db")


def test_wal_group_commit_wakes_every_waiter(tmp_path):
    import asyncio

    from proxy.wal import WalWriter

    w = WalWriter(tmp_path / "spool", URL)

    async def many() -> list[int]:
        seqs = [w.append(raw_exchange(i)) for i in range(50)]
        await asyncio.gather(*(w.durable(s) for s in seqs))
        return seqs

    seqs = asyncio.run(many())
    assert seqs == list(range(1, 51)) and w._synced >= 50
    w.close()


def test_wal_torn_tail_is_counted_and_the_rest_read(tmp_path):
    from proxy.wal import WalReader, WalWriter

    w = WalWriter(tmp_path / "spool", URL)
    for i in range(3):
        w.append(raw_exchange(i))
    w.close()
    [seg] = list((tmp_path / "spool").glob("*.wal"))
    with seg.open("r+b") as f:  # a writer killed in the middle of its last frame
        f.truncate(seg.stat().st_size - 7)
    entries = WalReader(tmp_path / "spool", URL).read(10)
    assert [e.raw is not None for e in entries] == [True, True, False]
    assert entries[-1].end == seg.stat().st_size


def test_wal_active_segment_is_not_deleted_and_sealed_ones_are(tmp_path):
    from proxy.wal import WalReader, WalWriter, backlog, sealed, store_tag

    spool = tmp_path / "spool"
    w = WalWriter(spool, URL, segment_bytes=1)  # every append rotates
    for i in range(3):
        w.append(raw_exchange(i))
    segs = sorted(spool.glob("*.wal"))
    assert len(segs) == 3 and [sealed(s) for s in segs] == [True, True, False]
    assert backlog(spool, store_tag(URL))[0] == 3
    reader = WalReader(spool, URL)
    assert reader.acquire()
    entries = reader.read(10)
    reader.commit(entries, {"counts": {"recorded": 3}})
    assert sorted(spool.glob("*.wal")) == segs[2:]  # the writer still holds the last one
    assert backlog(spool, store_tag(URL))[0] == 0
    # a second consumer for the same store waits for the first
    other = WalReader(spool, URL)
    assert not other.acquire()
    reader.release()
    assert other.acquire() and other.state["counts"] == {"recorded": 3}
    w.close()
    other.commit([], other.state)
    assert list(spool.glob("*.wal")) == []


def test_leftover_tmp_files_are_swept_and_renames_are_durable(tmp_path, monkeypatch):
    import os
    import time

    from proxy import wal

    spool = tmp_path / "spool"
    spool.mkdir()
    dead = spool / "00000000000000000001-999999999.jsonl.tmp"  # no such pid
    dead.write_text("x")
    mine = spool / f"00000000000000000002-{os.getpid()}.jsonl.tmp"
    mine.write_text("x")
    stale = spool / f"00000000000000000003-{os.getpid()}.wal.tmp"
    stale.write_text("x")
    os.utime(stale, (time.time() - 3600, time.time() - 3600))
    assert wal.sweep_tmp(spool) == 2
    assert [p.name for p in spool.iterdir()] == [mine.name]
    synced: list[str] = []
    real = wal.fsync_dir
    monkeypatch.setattr("proxy.spool.fsync_dir", lambda d: (synced.append(str(d)), real(d)))
    Spool(spool).append([make_exchange(1)])
    assert synced == [str(spool)]


@pytest.mark.parametrize("sync", ["batch", "always"])
def test_the_last_bytes_wait_for_the_spool_as_spool_sync_says(tmp_path, monkeypatch, sync):
    """batch: the client's answer waits for the append only (it survives a crash of the
    proxy); always: it also waits for the fsync. A stuck fsync shows which one happened."""
    import http.client
    import json
    import threading

    from aiprov.settings import Settings
    from proxy import wal
    from proxy.app import create_app
    from proxy.recorder import Recorder
    from tests.fakellm import FakeLLM, serve

    gate = threading.Event()
    real = wal.os.fdatasync
    monkeypatch.setattr(wal.os, "fdatasync", lambda fd: (gate.wait(30), real(fd)))
    with serve(FakeLLM().app) as up:
        settings = Settings(home=tmp_path / "home", openai_base=up.base_url, recorder="thread",
                            developer="d@x", db=f"sqlite:///{tmp_path / 's.db'}",
                            spool_sync=sync, spool_commit_ms=0)
        app = create_app(settings, Recorder(settings))
        with serve(app) as px:
            done, got = threading.Event(), {}

            def ask() -> None:
                host, port = px.base_url.rsplit("//", 1)[1].split(":")
                c = http.client.HTTPConnection(host, int(port), timeout=30)
                c.request("POST", "/v1/chat/completions", json.dumps(
                    {"model": "gpt-4o", "messages": [{"role": "user", "content": "hi"}]}),
                    {"content-type": "application/json"})
                r = c.getresponse()
                got["status"], got["body"] = r.status, r.read()
                done.set()

            t = threading.Thread(target=ask, daemon=True)
            t.start()
            assert app.recorder.wal is not None
            for _ in range(1500):  # the relay appended the exchange (bounded poll)
                if app.recorder.wal.appended:
                    break
                done.wait(0.02)
            assert app.recorder.wal.appended == 1
            if sync == "always":
                assert not done.wait(0.5)  # held until the fsync answers
            else:
                assert done.wait(30)  # answered while the fsync is still stuck
            gate.set()
            assert done.wait(30) and got["status"] == 200 and json.loads(got["body"])
            t.join(5)


def test_backlog_counts_exactly_then_estimates_cheaply(tmp_path):
    from proxy.wal import WalWriter, backlog, store_tag

    w = WalWriter(tmp_path / "spool", URL, segment_bytes=20_000)
    for i in range(60):
        w.append(raw_exchange(i))
    w.close()
    tag = store_tag(URL)
    n, oldest = backlog(tmp_path / "spool", tag)
    assert n == 60 and oldest is not None
    estimated, _ = backlog(tmp_path / "spool", tag, exact=10)
    assert 50 <= estimated <= 70  # frames are about the same size here
