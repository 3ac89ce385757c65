"""Org-server fixtures: a fresh store per test on SQLite and on PostgreSQL, the app, and
one token per role."""

from __future__ import annotations

import os
import socket
import threading
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.conftest import PG_ADMIN_URL, _pg_available


@pytest.fixture(params=["sqlite", "postgres"])
def org_db(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A store of this test's own: reports count every row, so nothing may leak in."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'org.db'}"
        return
    import psycopg

    if not _pg_available():
        if os.environ.get("CI"):
            pytest.fail(f"PostgreSQL not reachable at {PG_ADMIN_URL}")
        pytest.skip(f"PostgreSQL not reachable at {PG_ADMIN_URL}")
    name = f"aiprov_org_{os.getpid()}_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(PG_ADMIN_URL, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    base = PG_ADMIN_URL.rsplit("/", 1)[0].replace("postgresql://", "postgresql+psycopg://", 1)
    yield f"{base}/{name}"
    from store.db import dispose_all

    dispose_all()
    with psycopg.connect(PG_ADMIN_URL, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@dataclass
class Org:
    client: object
    app: object
    tokens: dict[str, str]
    db_url: str

    def h(self, who: str) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.tokens[who]}"}


@pytest.fixture
def org(org_db: str, isolated_env: Path) -> Iterator[Org]:
    """The app on ``org_db`` with tokens: alice and bob (developers, teams red and blue),
    sec (security), admin."""
    from fastapi.testclient import TestClient
    from sqlmodel import Session

    from aiprov.server.app import create_app
    from aiprov.settings import Settings
    from store import org as store_org

    settings = Settings(db=org_db, home=isolated_env)
    app = create_app(settings, purge_interval_s=None)
    tokens = {}
    with Session(app.state.engine) as s:
        for name, dev, role, team in [("alice", "alice@example.com", "developer", "red"),
                                      ("bob", "bob@example.com", "developer", "blue"),
                                      ("sec", "sec@example.com", "security", None),
                                      ("admin", "", "admin", None)]:
            tokens[name], _ = store_org.create_token(s, app.state.pepper, name=name,
                                                     developer=dev, role=role, team=team)
        s.commit()
    with TestClient(app) as client:
        yield Org(client=client, app=app, tokens=tokens, db_url=org_db)


class LoopbackServer:
    """A real uvicorn server for ``app`` on 127.0.0.1, in a thread.

    It listens on ``sock`` when given: a socket the test bound to port 0 earlier and kept
    (not listening, so connections to it are refused until the server starts); else on a
    port the kernel picks as uvicorn binds. Either way no port is chosen first and bound
    later, when another process may have taken it. ``port`` and ``url`` are known once
    entered."""

    def __init__(self, app: object, sock: socket.socket | None = None):
        import uvicorn

        self.sock = sock
        self.port = sock.getsockname()[1] if sock is not None else 0
        self.server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=0,
                                                    log_level="warning", lifespan="on"))
        self.thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def __enter__(self) -> LoopbackServer:
        kwargs = {"sockets": [self.sock]} if self.sock is not None else {}
        self.thread = threading.Thread(target=self.server.run, kwargs=kwargs, daemon=True)
        self.thread.start()
        deadline = time.monotonic() + 20
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("loopback server did not start")
            time.sleep(0.02)
        self.port = self.server.servers[0].sockets[0].getsockname()[1]
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.should_exit = True
        if self.thread is not None:
            self.thread.join(10)
