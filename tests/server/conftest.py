"""Org-server fixtures: a fresh store per test on SQLite and on PostgreSQL, the app, and
one token per role."""

from __future__ import annotations

import os
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
    """A real uvicorn server for ``app`` on 127.0.0.1, in a thread."""

    def __init__(self, app: object, port: int | None = None):
        import socket

        import uvicorn

        if port is None:
            with socket.socket() as sock:
                sock.bind(("127.0.0.1", 0))
                port = sock.getsockname()[1]
        self.port = port
        self.url = f"http://127.0.0.1:{port}"
        self.server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port,
                                                    log_level="warning", lifespan="on"))
        self.thread = None

    def __enter__(self) -> LoopbackServer:
        import threading
        import time

        self.thread = threading.Thread(target=self.server.run, daemon=True)
        self.thread.start()
        deadline = time.monotonic() + 20
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("loopback server did not start")
            time.sleep(0.02)
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.should_exit = True
        if self.thread is not None:
            self.thread.join(10)
