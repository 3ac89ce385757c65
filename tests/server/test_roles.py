"""Every role against every route of the org server, from one table.

The table lists each route the app registers with the status each caller gets; a test
checks that the table and the app's routes are the same set, so a route added without an
entry (or removed without its entry) fails here. A route that changes state is checked for
the change too: it happened when the call was let through and did not when it was refused.

Roles are decided in ``aiprov.server.auth`` and do not depend on the database, so the
matrix runs on SQLite only; ingest and lookups on PostgreSQL are covered in test_api.py.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from fastapi.routing import APIRoute
from sqlalchemy import func, select
from sqlmodel import Session
from starlette.routing import Mount, Route

from store import org as store_org
from store.models import AuditRow, ExchangeRow, TokenRow
from tests.server import factories as f

# who calls: a token's owner, or no token / a token the server does not know / a revoked one
ROLES = ("developer", "other developer", "security", "admin", "revoked token", "bad token",
         "no token")
_counter = itertools.count(1)


@dataclass
class Matrix:
    client: Any
    app: Any
    headers: dict[str, dict[str, str]]
    seed: dict[str, Any] = field(default_factory=dict)

    def session(self) -> Session:
        return Session(self.app.state.engine)


@pytest.fixture(scope="module")
def matrix(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Matrix]:
    """One org server for the whole matrix: alice's exchange, commit and finding; a token
    per role."""
    from fastapi.testclient import TestClient

    from aiprov.server.app import create_app
    from aiprov.settings import Settings

    home = tmp_path_factory.mktemp("matrix")
    app = create_app(Settings(db=f"sqlite:///{home / 'org.db'}", home=home / "home"),
                     purge_interval_s=None)
    tokens: dict[str, str] = {}
    with Session(app.state.engine) as s:
        for role, (name, dev, kind) in {
                "developer": ("alice", "alice@example.com", "developer"),
                "other developer": ("bob", "bob@example.com", "developer"),
                "security": ("sec", "sec@example.com", "security"),
                "admin": ("admin", "", "admin"),
                "revoked token": ("old-admin", "", "admin")}.items():
            tokens[role], row = store_org.create_token(s, app.state.pepper, name=name,
                                                       developer=dev, role=kind)
            if role == "revoked token":
                s.flush()
                store_org.revoke_token(s, row.id)
        s.commit()
    headers = {role: {"Authorization": f"Bearer {t}"} for role, t in tokens.items()}
    headers["bad token"] = {"Authorization": "Bearer aip_" + "x" * 43}
    headers["no token"] = {}
    with TestClient(app) as client:
        m = Matrix(client=client, app=app, headers=headers)
        ex = f.exchange(developer="alice@example.com")
        c = f.commit(author="alice@example.com",
                     lines=[["src/parse.py", 1, "ai", 0.9, ex["id"], 0, "python"]])
        fnd = f.finding(1, repo="acme/web", sha=c["sha"], path="src/parse.py", line=1,
                        origin="ai", exchange_id=ex["id"])
        r = client.post("/api/ingest", json=f.batch([ex], [c], [fnd]),
                        headers=headers["developer"])
        assert r.status_code == 200, r.text
        m.seed = {"exchange": ex["id"], "sha": c["sha"]}
        yield m


# -- what each caller gets ----------------------------------------------------------------

UNAUTHENTICATED = {"revoked token": 401, "bad token": 401, "no token": 401}
PUBLIC = dict.fromkeys(ROLES, 200)
ANY_TOKEN = {"developer": 200, "other developer": 200, "security": 200, "admin": 200,
             **UNAUTHENTICATED}
# a record of alice's: hidden (404) from another developer, seen by security and admin
ALICES = {**ANY_TOKEN, "other developer": 404}
ADMIN = {"developer": 403, "other developer": 403, "security": 403, "admin": 200,
         **UNAUTHENTICATED}
REVIEWER = {**ADMIN, "security": 200}

Request = Callable[[Matrix], tuple[str, dict[str, Any]]]


def at(url: str, **params: Any) -> Request:
    return lambda m: (url.format(**m.seed), {"params": {k: str(v).format(**m.seed)
                                                        for k, v in params.items()}})


def _new_exchange(m: Matrix) -> tuple[str, dict[str, Any]]:
    return "/api/ingest", {"json": f.batch([f.exchange(developer="bob@example.com")])}


def _throwaway_token(m: Matrix) -> tuple[str, dict[str, Any]]:
    with m.session() as s:
        _, row = store_org.create_token(s, m.app.state.pepper, name=f"t{next(_counter)}",
                                        developer="carol@example.com")
        s.commit()
        m.seed["token_id"] = row.id
    return f"/api/tokens/{row.id}", {}


def _count(model: Any, *where: Any) -> Callable[[Matrix], int]:
    def effect(m: Matrix) -> int:
        with m.session() as s:
            return int(s.execute(select(func.count()).select_from(model).where(*where))
                       .scalar_one())
    return effect


def _token_revoked(m: Matrix) -> bool:
    with m.session() as s:
        row = s.get(TokenRow, m.seed["token_id"])
        return row is not None and row.revoked_at is not None


def _setting(key: str) -> Callable[[Matrix], str]:
    def effect(m: Matrix) -> str:
        with m.session() as s:
            return store_org.get_setting(s, key)
    return effect


def _teams(m: Matrix) -> dict[str, str]:
    with m.session() as s:
        return store_org.teams(s)


@dataclass(frozen=True)
class Entry:
    expect: dict[str, int]
    request: Request
    effect: Callable[[Matrix], Any] | None = None  # state that changes iff the call is let in


# (method, path as registered) -> who gets what
TABLE: dict[tuple[str, str], Entry] = {
    # pages and static files hold no data (the pages fetch it with the caller's token)
    ("GET", "/"): Entry(PUBLIC, at("/")),
    ("GET", "/lookup"): Entry(PUBLIC, at("/lookup")),
    ("GET", "/exchange"): Entry(PUBLIC, at("/exchange")),
    ("GET", "/login"): Entry(PUBLIC, at("/login")),
    ("GET", "/favicon.ico"): Entry(PUBLIC, at("/favicon.ico")),
    ("GET", "/static/{path}"): Entry(PUBLIC, at("/static/app.js")),
    ("GET", "/api/openapi.json"): Entry(PUBLIC, at("/api/openapi.json")),
    ("GET", "/api/health"): Entry(PUBLIC, at("/api/health")),
    # any token
    ("GET", "/api/config"): Entry(ANY_TOKEN, at("/api/config")),
    ("POST", "/api/ingest"): Entry(ANY_TOKEN, _new_exchange, _count(ExchangeRow)),
    ("GET", "/api/report"): Entry(ANY_TOKEN, at("/api/report")),
    ("GET", "/api/exchanges"): Entry(ANY_TOKEN, at("/api/exchanges")),
    ("GET", "/api/search"): Entry(ANY_TOKEN, at("/api/search", q="def parse")),
    # alice's records
    ("GET", "/api/lookup/line"): Entry(ALICES, at("/api/lookup/line", repo="acme/web",
                                                   path="src/parse.py", line=1,
                                                   commit="{sha}")),
    ("GET", "/api/commit"): Entry(ALICES, at("/api/commit", repo="acme/web", sha="{sha}")),
    ("GET", "/api/exchanges/{exchange_id}"): Entry(ALICES, at("/api/exchanges/{exchange}")),
    # security and admin
    ("GET", "/api/teams"): Entry(REVIEWER, at("/api/teams")),
    ("GET", "/api/audit"): Entry(REVIEWER, at("/api/audit")),
    # admin only
    ("GET", "/api/tokens"): Entry(ADMIN, at("/api/tokens")),
    ("POST", "/api/tokens"): Entry(
        {**ADMIN, "admin": 201},
        lambda m: ("/api/tokens", {"json": {"name": f"n{next(_counter)}", "developer": "d@x"}}),
        _count(TokenRow)),
    ("DELETE", "/api/tokens/{token_id}"): Entry(ADMIN, _throwaway_token, _token_revoked),
    ("PUT", "/api/teams/{developer}"): Entry(
        ADMIN,
        lambda m: ("/api/teams/bob@example.com", {"json": {"team": f"t{next(_counter)}"}}),
        _teams),
    ("GET", "/api/settings"): Entry(ADMIN, at("/api/settings")),
    ("PUT", "/api/settings"): Entry(
        ADMIN, lambda m: ("/api/settings", {"json": {"retention_days": 400 + next(_counter)}}),
        _setting("retention_days")),
    ("POST", "/api/retention/purge"): Entry(ADMIN, at("/api/retention/purge"),
                                            _count(AuditRow, AuditRow.action == "purge")),
}


def registered_routes(app: Any) -> set[tuple[str, str]]:
    """(method, path) of every route on ``app``; a mounted app as ``{path}`` under it."""
    out: set[tuple[str, str]] = set()
    for r in app.routes:
        if isinstance(r, APIRoute | Route):
            out.update((m, r.path) for m in (r.methods or ()) if m != "HEAD")
        elif isinstance(r, Mount):
            out.add(("GET", f"{r.path}/{{path}}"))
        else:
            raise AssertionError(f"a route of an unknown kind: {r!r}")
    return out


def test_table_covers_every_route_the_app_registers(matrix: Matrix) -> None:
    routes = registered_routes(matrix.app)
    assert routes - TABLE.keys() == set(), "routes with no entry in the role table"
    assert TABLE.keys() - routes == set(), "entries for routes the app does not have"
    for key, entry in TABLE.items():
        assert set(entry.expect) == set(ROLES), key


def test_a_route_added_without_an_entry_is_caught(matrix: Matrix, tmp_path: Path) -> None:
    """The check above can fail: an app with one more route than the table has."""
    from aiprov.server.app import create_app
    from aiprov.settings import Settings

    app = create_app(Settings(db=f"sqlite:///{tmp_path / 'o.db'}", home=tmp_path / "h"),
                     purge_interval_s=None)
    app.add_api_route("/api/new-thing", lambda: {}, methods=["GET"])
    assert registered_routes(app) - TABLE.keys() == {("GET", "/api/new-thing")}


@pytest.mark.parametrize(("route", "role"), [(k, r) for k in TABLE for r in ROLES],
                         ids=[f"{k[0]} {k[1]} as {r}" for k in TABLE for r in ROLES])
def test_role_gets_what_the_table_says(matrix: Matrix, route: tuple[str, str],
                                       role: str) -> None:
    entry = TABLE[route]
    url, kw = entry.request(matrix)
    before = entry.effect(matrix) if entry.effect else None
    r = matrix.client.request(route[0], url, headers={**matrix.headers[role],
                                                      **kw.pop("headers", {})}, **kw)
    want = entry.expect[role]
    assert r.status_code == want, f"{route[0]} {url} as {role}: {r.status_code} {r.text[:300]}"
    if want == 401:
        assert r.headers["www-authenticate"] == "Bearer"
    if want in (401, 403, 404):
        assert r.json()["detail"]  # says why
    if entry.effect is not None:
        after = entry.effect(matrix)
        if want < 300:
            assert after != before, f"{route} as {role} was let in but changed nothing"
        else:
            assert after == before, f"{route} as {role} was refused but changed state"
    if want == 200 and route[1].startswith("/api/exchanges/"):
        assert r.json()["id"] == matrix.seed["exchange"]


def test_a_revoked_token_is_refused_for_its_revocation(matrix: Matrix) -> None:
    """The revoked role's 401 comes from the revocation: the same kind of token works until
    it is revoked."""
    with matrix.session() as s:
        token, row = store_org.create_token(s, matrix.app.state.pepper, name="soon-revoked",
                                            developer="", role="admin")
        s.commit()
        token_id = row.id
    h = {"Authorization": f"Bearer {token}"}
    assert matrix.client.get("/api/tokens", headers=h).status_code == 200
    assert matrix.client.delete(f"/api/tokens/{token_id}", headers=h).status_code == 200
    assert matrix.client.get("/api/tokens", headers=h).status_code == 401
