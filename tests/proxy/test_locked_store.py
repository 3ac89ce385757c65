"""A locked store (SQLite exclusive lock, PostgreSQL table lock) is unavailable: the recorder
gives up within ``store_timeout``, says so, keeps the records in the spool (on disk, not in
memory) and records them once the lock is gone."""

from __future__ import annotations

import sqlite3

import pytest

from proxy import recorder as recorder_mod
from proxy.recorder import Recorder
from store import db
from tests.proxy.test_recorder import raw, settings, stored, wait_for


def locked_then_released(tmp_path, url: str, lock, release) -> None:  # type: ignore[no-untyped-def]
    before = stored(url)
    rec = Recorder(settings(tmp_path, store_timeout=0.3), db_url=url)
    lock()
    try:
        rec.start()
        for i in range(3):
            rec.submit(raw(i))
        # the consumer may read the first record before the other two are appended: wait
        # until every record has met the locked store, not only the first batch
        st = wait_for(lambda: (s := rec.stats())["store_errors"] >= 1 and s["spooled"] == 3
                      and s)
        assert st, rec.stats()
        assert not st["store_ok"] and st["recorded"] == 0
        assert st["last_error"].startswith("store unavailable: no answer within 0.3 s")
        assert st["lag_records"] == 3 and st["last_error_at"]  # waiting on disk, said so
    finally:
        release()
    st = wait_for(lambda: (s := rec.stats())["recorded"] == 3 and s)
    rec.stop()
    assert st and st["store_ok"] and st["lag_records"] == 0 and st["replayed"] == 3, rec.stats()
    assert stored(url) == before + 3


def test_sqlite_exclusive_lock(tmp_path, monkeypatch):
    monkeypatch.setattr(recorder_mod, "REPLAY_EVERY_S", 0.1)
    path = tmp_path / "locked.db"
    url = f"sqlite:///{path}"
    db.get_engine(url)  # the store exists (migrated) before another process locks it
    holder = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    try:
        locked_then_released(tmp_path, url, lambda: holder.execute("BEGIN EXCLUSIVE"),
                             lambda: holder.execute("ROLLBACK"))
    finally:
        holder.close()


def test_postgres_table_lock(tmp_path, monkeypatch, pg_url):
    import psycopg

    monkeypatch.setattr(recorder_mod, "REPLAY_EVERY_S", 0.1)
    db.get_engine(pg_url)
    plain = pg_url.replace("postgresql+psycopg://", "postgresql://", 1)
    holder = psycopg.connect(plain)
    try:
        locked_then_released(
            tmp_path, pg_url,
            lambda: holder.execute("LOCK TABLE exchange IN ACCESS EXCLUSIVE MODE"),
            holder.rollback)
    finally:
        holder.close()


@pytest.mark.parametrize("message", ["database is locked",
                                     "canceling statement due to lock timeout"])
def test_timeouts_are_told_apart_from_other_failures(message):
    assert db.describe_failure(RuntimeError(message), 1.0, 2.0).startswith(
        "store unavailable: no answer within 2 s")
    assert db.describe_failure(RuntimeError("no such table"), 0.0, 2.0).startswith(
        "store write failed: RuntimeError")
