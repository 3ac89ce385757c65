"""The local SQLite file holds prompts: created 0600, its WAL and SHM files too, and an
existing world-readable file is narrowed."""

from __future__ import annotations

import os
import stat

from sqlalchemy import text

from store import db


def mode(path) -> int:  # type: ignore[no-untyped-def]
    return stat.S_IMODE(os.stat(path).st_mode)


def test_new_sqlite_store_and_its_wal_files_are_private(tmp_path):
    old = os.umask(0o022)  # the usual umask, which gave 0644 before
    try:
        path = tmp_path / "new.db"
        engine = db.make_engine(f"sqlite:///{path}")
        with engine.begin() as conn:
            conn.execute(text("CREATE TABLE t (x)"))
            conn.execute(text("INSERT INTO t VALUES (1)"))
            files = [p for p in tmp_path.iterdir() if p.name.startswith("new.db")]
            assert {p.name for p in files} >= {"new.db", "new.db-wal", "new.db-shm"}
            assert {p.name: mode(p) for p in files} == {p.name: 0o600 for p in files}
        engine.dispose()
    finally:
        os.umask(old)


def test_existing_world_readable_store_is_narrowed(tmp_path):
    path = tmp_path / "old.db"
    path.write_bytes(b"")
    os.chmod(path, 0o644)
    db.make_engine(f"sqlite:///{path}").dispose()
    assert mode(path) == 0o600
