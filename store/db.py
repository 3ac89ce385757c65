"""Engine from a URL: a SQLite file by default, PostgreSQL for an org.

The schema is owned by Alembic (``store/migrations``); ``init_db`` upgrades to head on
both databases, so a laptop and the org server always run the same schema. SQLite runs in
WAL mode so the proxy's writer never blocks readers such as ``aiprov log``.

The SQLite file holds prompts: it is created 0600 (SQLite gives its -wal and -shm files the
database file's mode), and an existing file readable by others is narrowed to 0600.
``bounded`` puts a time limit on one transaction (SQLite's busy timeout, PostgreSQL's lock
and statement timeouts), so that a locked store fails fast instead of holding its writer.
"""

from __future__ import annotations

import contextlib
import logging
import os
import stat
import threading
from collections.abc import Iterator
from pathlib import Path

from sqlalchemy import event
from sqlalchemy.engine import Engine
from sqlmodel import Session, create_engine

log = logging.getLogger(__name__)
_engines: dict[str, Engine] = {}
_lock = threading.Lock()
MIGRATIONS = Path(__file__).parent / "migrations"
BUSY_TIMEOUT_MS = 5000
PG_CONNECT_TIMEOUT_S = 10


def _sqlite_pragmas(dbapi_conn, _record) -> None:  # type: ignore[no-untyped-def]
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.close()


def make_engine(url: str) -> Engine:
    """A new engine for ``url`` (SQLite parent directory created, WAL on)."""
    if url.startswith("sqlite:///"):
        path = url[len("sqlite:///") :]
        if path and path != ":memory:" and not path.startswith("file:"):
            Path(path).parent.mkdir(parents=True, exist_ok=True)
            private_sqlite_file(Path(path))
        engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 30})
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    args = {} if "connect_timeout=" in url else {"connect_timeout": PG_CONNECT_TIMEOUT_S}
    return create_engine(url, pool_pre_ping=True, pool_size=10, max_overflow=20,
                         connect_args=args)


def private_sqlite_file(path: Path) -> None:
    """Create the database file 0600 before SQLite does (it would use the umask, 0644
    on most machines); narrow an existing file and its -wal/-shm to 0600."""
    try:
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
        return
    except FileExistsError:
        pass
    except OSError:
        return  # not ours to create (read-only place): SQLite will say what is wrong
    for p in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        with contextlib.suppress(OSError):
            st = p.stat()
            if st.st_mode & 0o077 and st.st_uid == os.getuid():
                os.chmod(p, stat.S_IMODE(st.st_mode) & 0o600)


@contextlib.contextmanager
def bounded(s: Session, seconds: float) -> Iterator[None]:
    """Run the rest of ``s``'s transaction with a time limit on every wait for a lock (and,
    on PostgreSQL, on every statement): a locked store raises instead of blocking."""
    conn = s.connection()
    ms = max(1, int(seconds * 1000))
    if conn.dialect.name == "sqlite":
        conn.exec_driver_sql(f"PRAGMA busy_timeout={ms}")
        try:
            yield
        finally:
            with contextlib.suppress(Exception):
                s.connection().exec_driver_sql(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        return
    if conn.dialect.name == "postgresql":  # SET LOCAL: undone when the transaction ends
        conn.exec_driver_sql(f"SET LOCAL lock_timeout = {ms}")
        conn.exec_driver_sql(f"SET LOCAL statement_timeout = {ms}")
    yield


def is_timeout(exc: BaseException) -> bool:
    """A store that did not answer in time (locked, busy, statement or lock timeout)."""
    text = f"{exc.__class__.__name__} {exc}".lower()
    return any(k in text for k in ("database is locked", "database table is locked",
                                   "locknotavailable", "lock timeout", "querycanceled",
                                   "statement timeout", "canceling statement",
                                   "timeout expired", "connection timeout"))


def describe_failure(exc: BaseException, elapsed: float, bound: float) -> str:
    """One line for ``last_error``: a timeout says so and names the bound."""
    detail = " ".join(str(exc).split())[:300]
    if is_timeout(exc):
        return (f"store unavailable: no answer within {bound:g} s ({detail}); "
                "records wait in the spool")
    return f"store write failed: {exc.__class__.__name__}: {detail}"


def get_engine(url: str) -> Engine:
    """The process-wide engine for ``url``, migrated to head on first use."""
    with _lock:
        engine = _engines.get(url)
        if engine is None:
            engine = make_engine(url)
            upgrade(engine)
            _ensure_late_schema(engine)
            _engines[url] = engine
        return engine


def _ensure_late_schema(engine: Engine) -> None:
    """What the single pre-release revision gained after stores were made with it (Alembic
    will not run it again there), added on first use by any process: the recorder, the
    commit hook's save, the CLI or the server. Every writer keeps the report rollup, so it
    must exist before the first write; the findings' exchange index keeps lookups fast."""
    from store import rollup
    from store.models import FindingRow

    for ix in FindingRow.__table__.indexes:  # type: ignore[attr-defined]
        ix.create(engine, checkfirst=True)
    if rollup.ensure(engine):
        log.info("report rollup filled from the stored records of %s", engine.url)


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Run Alembic migrations up to ``revision`` on ``engine``."""
    from alembic import command
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, revision)


def session(url: str) -> Session:
    return Session(get_engine(url), expire_on_commit=False)


def dispose_all() -> None:
    with _lock:
        for e in _engines.values():
            e.dispose()
        _engines.clear()
