"""Engine from a URL: a SQLite file by default, PostgreSQL for an org.

The schema is owned by Alembic (``store/migrations``); ``init_db`` upgrades to head on
both databases, so a laptop and the org server always run the same schema. SQLite runs in
WAL mode so the proxy's writer never blocks readers such as ``aiprov log``.
"""

from __future__ import annotations

import logging
import threading
from pathlib import Path

from sqlalchemy import event
from sqlalchemy.engine import Engine
from sqlmodel import Session, create_engine

log = logging.getLogger(__name__)
_engines: dict[str, Engine] = {}
_lock = threading.Lock()
MIGRATIONS = Path(__file__).parent / "migrations"


def _sqlite_pragmas(dbapi_conn, _record) -> None:  # type: ignore[no-untyped-def]
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.execute("PRAGMA busy_timeout=5000")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.close()


def make_engine(url: str) -> Engine:
    """A new engine for ``url`` (SQLite parent directory created, WAL on)."""
    if url.startswith("sqlite:///"):
        path = url[len("sqlite:///") :]
        if path and path != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 30})
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    return create_engine(url, pool_pre_ping=True, pool_size=10, max_overflow=20)


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
