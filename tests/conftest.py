"""Shared fixtures: every test gets its own AIPROV_HOME and git identity; PostgreSQL tests
get a database of their own on the machine's server (127.0.0.1:5432)."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("LITELLM_LOCAL_MODEL_COST_MAP", "True")

PG_ADMIN_URL = os.environ.get("AIPROV_TEST_PG_URL", "postgresql://postgres@127.0.0.1:5432/test")


@pytest.fixture(autouse=True)
def isolated_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A fresh AIPROV_HOME, no AIPROV_* settings leaking in, a known git identity."""
    from aiprov.settings import get_settings

    for key in list(os.environ):
        if key.startswith("AIPROV_") and key != "AIPROV_TEST_PG_URL":
            monkeypatch.delenv(key, raising=False)
    home = tmp_path / "aiprov-home"
    monkeypatch.setenv("AIPROV_HOME", str(home))
    gitconfig = tmp_path / "gitconfig"
    gitconfig.write_text("[user]\n\temail = dev@example.com\n\tname = Dev Example\n"
                         "[init]\n\tdefaultBranch = main\n")
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(gitconfig))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    for var in ("HTTP_PROXY", "HTTPS_PROXY", "http_proxy", "https_proxy", "ALL_PROXY"):
        monkeypatch.delenv(var, raising=False)
    # git hooks run in a warm hook server after a test's first commit (provenance.hookserver),
    # as they do for users; each test's server is stopped with the test
    monkeypatch.setenv("AIPROV_HOOK_SERVER_IDLE", "30")
    get_settings.cache_clear()
    yield home
    get_settings.cache_clear()
    from provenance import hookclient

    hookclient.stop(str(home))


def _pg_available() -> bool:
    try:
        import psycopg

        with psycopg.connect(PG_ADMIN_URL, connect_timeout=3):
            return True
    except Exception:  # noqa: BLE001
        return False


@pytest.fixture(scope="session")
def pg_url() -> Iterator[str]:
    """A fresh PostgreSQL database for this test session, dropped at the end.

    Skips only outside CI when no server is reachable; in CI (CI=true) a missing server
    fails the tests, since .ci/run starts one."""
    import psycopg

    if not _pg_available():
        if os.environ.get("CI"):
            pytest.fail(f"PostgreSQL not reachable at {PG_ADMIN_URL} (CI must start it)")
        pytest.skip(f"PostgreSQL not reachable at {PG_ADMIN_URL}")
    name = f"aiprov_test_{os.getpid()}_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(PG_ADMIN_URL, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    base = PG_ADMIN_URL.rsplit("/", 1)[0]
    url = f"{base.replace('postgresql://', 'postgresql+psycopg://', 1)}/{name}"
    yield url
    from store.db import dispose_all

    dispose_all()
    with psycopg.connect(PG_ADMIN_URL, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(params=["sqlite", "postgres"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """Run the test on both stores: a SQLite file and the PostgreSQL test database."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'store.db'}"
    return request.getfixturevalue("pg_url")


REAL_CLIENTS = Path(__file__).parent / "clients"


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "real_clients: runs a real assistant (Claude Code, Codex, aider) installed "
        "from npm and PyPI on first use; AIPROV_TEST_REAL_CLIENTS=0 skips them outside CI")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Mark the real-client tests; skip them when asked (never in CI, where they must run)."""
    skip = os.environ.get("AIPROV_TEST_REAL_CLIENTS") == "0" and not os.environ.get("CI")
    for item in items:
        if REAL_CLIENTS in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.real_clients)
            if skip:
                item.add_marker(pytest.mark.skip(
                    reason="AIPROV_TEST_REAL_CLIENTS=0: real assistants not installed or run"))
