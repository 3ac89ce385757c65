"""The org server's FastAPI app: ingest, reports, lookup, admin, and the web pages.

Blocking database work runs in plain ``def`` routes (FastAPI's thread pool). Every JSON
answer escapes ``<``, ``>`` and ``&`` so attacker-controlled prompt text is inert even if a
consumer drops it into HTML; the pages build the DOM with ``textContent`` only and a strict
Content-Security-Policy forbids inline script, so a prompt can never become code.
"""

from __future__ import annotations

import json
import logging
import threading
from collections.abc import Iterator
from contextlib import asynccontextmanager
from pathlib import Path as FilePath
from typing import Annotated, Any

from fastapi import Depends, FastAPI, HTTPException, Path, Query, Request, status
from fastapi.responses import FileResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from pydantic import BaseModel, Field
from sqlalchemy.engine import Connection
from sqlalchemy.exc import DataError
from sqlmodel import Session

from aiprov.server import auth
from aiprov.server.auth import principal, require
from aiprov.server.body import BodyRefused, read_bounded
from aiprov.server.wire import (
    MAX_BODY_BYTES,
    Batch,
    BatchRefused,
    IngestResult,
    NoNul,
    parse_batch,
    strictest,
    strip_exchange,
)
from aiprov.settings import Settings
from store import db, org, rollup
from store import ingest as store_ingest
from store.models import INT32_MAX
from store.org import Principal
from store.queries import lookup, reports, window
from store.queries.search import search_snippets

log = logging.getLogger("aiprov.server")
STATIC = FilePath(__file__).parent / "static"
PAGES = {"/": "index.html", "/lookup": "lookup.html", "/exchange": "exchange.html",
         "/login": "login.html"}
CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
       "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'")


class SafeJSON(JSONResponse):
    """JSON with ``<``, ``>``, ``&`` as unicode escapes: inert in any HTML context."""

    def render(self, content: Any) -> bytes:
        text = json.dumps(content, ensure_ascii=False, allow_nan=False, default=str,
                          separators=(",", ":"))
        return (text.replace("<", "\\u003c").replace(">", "\\u003e")
                .replace("&", "\\u0026").encode())


def conn(request: Request) -> Iterator[Connection]:
    """A read connection for one request."""
    with request.app.state.engine.connect() as c:
        yield c


Who = Annotated[Principal, Depends(principal)]
Admin = Annotated[Principal, Depends(require("admin"))]
Reviewer = Annotated[Principal, Depends(require("security", "admin"))]
Conn = Annotated[Connection, Depends(conn)]


class TokenCreate(BaseModel):
    name: Annotated[str, NoNul] = Field(min_length=1, max_length=200)
    developer: Annotated[str, NoNul] = Field(default="", max_length=320)
    role: str = "developer"
    team: Annotated[str, NoNul] | None = Field(default=None, max_length=200)


class TeamSet(BaseModel):
    team: Annotated[str, NoNul] | None = Field(default=None, max_length=200)


class SettingsSet(BaseModel):
    retention_days: int | None = Field(default=None, ge=1, le=org.MAX_RETENTION_DAYS)
    sync_mode: str | None = None


def create_app(settings: Settings, *, purge_interval_s: float | None = 3600.0) -> FastAPI:
    """The org server for ``settings.db_url``; migrations run here, before the first request.

    ``purge_interval_s``: how often the retention purge runs (None: never, for tests).
    """
    engine = db.get_engine(settings.db_url)  # upgrades to head
    org.ensure_search_index(engine)
    if rollup.ensure(engine):  # a store from before the report rollup: filled once
        log.info("report rollup rebuilt from the stored records")
    pepper = org.load_pepper(settings.ensure_home())
    stop = threading.Event()

    def purger() -> None:
        while purge_interval_s and not stop.wait(purge_interval_s):
            try:
                with Session(engine) as s:
                    res = org.purge(s)
                log.info("retention purge: %s", res)
            except Exception:  # noqa: BLE001 - keep serving; try again next interval
                log.exception("retention purge failed")

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> Any:
        t = threading.Thread(target=purger, name="aiprov-retention", daemon=True)
        if purge_interval_s:
            t.start()
        yield
        stop.set()

    app = FastAPI(title="aiprov org server", default_response_class=SafeJSON,
                  lifespan=lifespan, docs_url=None, redoc_url=None, openapi_url="/api/openapi.json")
    app.state.engine = engine
    app.state.pepper = pepper
    app.state.session = lambda: Session(engine, expire_on_commit=False)

    @app.middleware("http")
    async def headers(request: Request, call_next):  # type: ignore[no-untyped-def]
        if "\x00" in request.scope["path"] or b"%00" in request.scope["query_string"]:
            # no field anywhere can hold a NUL (PostgreSQL text cannot): refuse it here,
            # once, rather than in every route that reads a path or query parameter
            response: Response = SafeJSON(
                {"detail": "the URL holds a NUL character (%00), which no field can hold"},
                status_code=400)
        else:
            response = await call_next(request)
        response.headers["Content-Security-Policy"] = CSP
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "no-referrer"
        response.headers["X-Frame-Options"] = "DENY"
        if request.url.path.startswith("/api/"):
            response.headers["Cache-Control"] = "no-store"
        return response

    # -- pages ---------------------------------------------------------------------------
    for route, name in PAGES.items():
        def page(name: str = name) -> FileResponse:
            return FileResponse(STATIC / name, media_type="text/html; charset=utf-8")
        app.add_api_route(route, page, methods=["GET"], include_in_schema=False)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")

    @app.get("/favicon.ico", include_in_schema=False)
    def favicon() -> FileResponse:
        return FileResponse(STATIC / "favicon.svg", media_type="image/svg+xml")

    # -- health and config -----------------------------------------------------------------
    @app.get("/api/health")
    def health() -> dict[str, Any]:
        """Liveness: the database answers."""
        with engine.connect() as c:
            c.exec_driver_sql("SELECT 1")
        return {"ok": True, "database": engine.dialect.name}

    @app.get("/api/config")
    def config(who: Who) -> dict[str, Any]:
        """What the org asks of clients (sync mode) and who the caller is."""
        with app.state.session() as s:
            return {"sync_mode": org.get_setting(s, "sync_mode"),
                    "retention_days": int(org.get_setting(s, "retention_days")),
                    "developer": who.developer, "role": who.role, "team": who.team}

    # -- ingest ----------------------------------------------------------------------------
    @app.post("/api/ingest", response_model=IngestResult)
    async def ingest(request: Request, who: Who) -> Any:
        """Store one batch from a developer's machine, all or nothing; a retried batch is a
        no-op. A refused batch (413, 415, 422) stores nothing, and the answer names the
        record and field at fault."""
        try:
            batch = parse_batch(await read_bounded(request, MAX_BODY_BYTES))
        except (BodyRefused, BatchRefused) as exc:
            errors = getattr(exc, "errors", [])
            return SafeJSON({"detail": str(exc), **({"errors": errors} if errors else {})},
                            status_code=exc.status)
        from starlette.concurrency import run_in_threadpool

        return await run_in_threadpool(_ingest, batch, who)

    def _ingest(batch: Batch, who: Principal) -> IngestResult:
        if who.role == "developer" and not who.developer:
            raise HTTPException(status.HTTP_403_FORBIDDEN, "this token has no developer")
        with app.state.session() as s:
            mode = strictest(org.get_setting(s, "sync_mode"), batch.sync_mode)
        exchanges = [strip_exchange(e.model_dump(), mode) for e in batch.exchanges]
        # a developer token speaks only for its developer; admin/security tokens may import
        identity = who.developer if who.role == "developer" else None
        try:
            with engine.begin() as c:
                counts = store_ingest.ingest(
                    c, exchanges=exchanges, commits=[x.model_dump() for x in batch.commits],
                    findings=[f.model_dump() for f in batch.findings],
                    source=who.developer or f"token:{who.token_id}", identity=identity,
                    now=window.utcnow())
        except (DataError, OverflowError) as exc:
            # every value fits its column (the wire's bounds are the columns'); what can
            # still overflow is a sum the batch adds to, such as a report rollup counter
            why = str(getattr(exc, "orig", None) or exc).splitlines()[0]
            log.warning("ingest from %s refused by the store: %s", who.name, why)
            raise HTTPException(status.HTTP_422_UNPROCESSABLE_CONTENT,
                                f"the store cannot take this batch: {why}") from None
        return IngestResult(records=batch.records(), **counts)

    # -- reports ---------------------------------------------------------------------------
    @app.get("/api/report")
    def report(who: Who, c: Conn, since: str = "30d", by: str | None = None,
               trend: bool = True, period: str = "day", outcomes: bool = True
               ) -> dict[str, Any]:
        """Org figures and the outcomes of findings over the window (the outcome trend per
        day or week; ``outcomes=false`` leaves them out); a developer token gets its own
        figures only."""
        try:
            start = window.utcnow() - window.parse_since(since)
            return reports.report(c, since=start, by=by or None, developer=auth.scope(who),
                                  trend=trend, period=period, with_outcomes=outcomes)
        except ValueError as exc:
            raise HTTPException(status.HTTP_400_BAD_REQUEST, str(exc)) from None
        except OverflowError:
            raise HTTPException(status.HTTP_400_BAD_REQUEST,
                                f"since={since!r} reaches back past the calendar") from None

    # -- lookup ----------------------------------------------------------------------------
    def _attach_text(answer: dict[str, Any], who: Principal, c: Any, where: str) -> None:
        """Add prompt + suggestion to a lookup answer when the role allows; audit it."""
        src = answer.get("source") or {}
        eid, owner = src.get("exchange_id"), src.get("developer")
        if not eid or src.get("missing"):
            return
        if not auth.may_read_text(who, owner):
            answer["text_withheld"] = f"role {who.role} cannot read other people's prompts"
            return
        detail = lookup.exchange_detail(c, eid)
        if detail is None:
            return
        answer["prompt"] = detail["prompt"]
        sid = (answer.get("snippet") or {}).get("id")
        snip = next((s for s in detail["snippets"] if s["id"] == sid), None)
        answer["suggestion"] = snip["text"] if snip else detail["response"]
        _audit_read(who, owner, eid, where)

    def _audit_read(who: Principal, owner: str | None, eid: str, where: str) -> None:
        if owner == who.developer and who.developer:
            return
        with app.state.session() as s:
            org.audit(s, who, "read_prompt", eid, f"{where}; author {owner}")
            s.commit()

    @app.get("/api/lookup/line")
    def lookup_line(who: Who, c: Conn, repo: str = Query(min_length=1),
                    path: str = Query(min_length=1),
                    line: int = Query(ge=1, le=INT32_MAX),
                    commit: str | None = None) -> dict[str, Any]:
        """Where a line came from: by repo+commit+path+line, or repo+path+line at HEAD."""
        answer = lookup.lookup_line(c, repo=repo, path=path, line=line, commit=commit)
        if answer["found"] and not auth.may_see(who, answer["commit_info"]["author"]):
            raise HTTPException(status.HTTP_404_NOT_FOUND, "no line record visible to you")
        if answer["found"]:
            _attach_text(answer, who, c, f"lookup {repo}:{path}:{line}")
        return answer

    @app.get("/api/commit")
    def commit_lines(who: Who, c: Conn, repo: str = Query(min_length=1),
                     sha: str = Query(min_length=4)) -> dict[str, Any]:
        """A commit's attributed lines by file, with origin and confidence."""
        answer = lookup.commit_lines(c, repo=repo, sha=sha)
        if answer is None or not auth.may_see(who, answer["author"]):
            raise HTTPException(status.HTTP_404_NOT_FOUND, f"no commit {sha} in {repo} "
                                "visible to you (not synced yet?)")
        return answer

    @app.get("/api/exchanges")
    def exchanges(who: Who, c: Conn,
                  limit: int = Query(50, ge=1, le=500)) -> list[dict[str, Any]]:
        """Recent exchanges (metadata only)."""
        return lookup.recent_exchanges(c, developer=auth.scope(who), limit=limit)

    @app.get("/api/exchanges/{exchange_id}")
    def exchange(exchange_id: str, who: Who,
                 c: Conn) -> dict[str, Any]:
        """One exchange: origin, prompt and suggestion (as the role allows), findings."""
        detail = lookup.exchange_detail(c, exchange_id)
        if detail is None or not auth.may_see(who, detail["developer"]):
            raise HTTPException(status.HTTP_404_NOT_FOUND, "no exchange visible to you")
        if auth.may_read_text(who, detail["developer"]):
            _audit_read(who, detail["developer"], exchange_id, "exchange page")
        else:
            detail.update(prompt=None, system=None, response=None,
                          text_withheld=f"role {who.role} cannot read other people's prompts")
            for s in detail["snippets"]:
                s["text"] = None
        return detail

    @app.get("/api/search")
    def search(who: Who, c: Conn, q: str = Query(min_length=3, max_length=500),
               repo: str | None = None,
               limit: int = Query(50, ge=1, le=200)) -> list[dict[str, Any]]:
        """Free text over suggested snippets."""
        hits = search_snippets(c, q, developer=auth.scope(who), repo=repo, limit=limit)
        for h in hits:
            if not auth.may_read_text(who, h["developer"]):
                h["excerpt"] = None
        return hits

    # -- admin -----------------------------------------------------------------------------
    @app.get("/api/tokens")
    def tokens(_: Admin) -> list[dict[str, Any]]:
        with app.state.session() as s:
            return [{"id": t.id, "name": t.name, "developer": t.developer, "team": t.team,
                     "role": t.role, "created_at": t.created_at.isoformat(),
                     "revoked_at": t.revoked_at.isoformat() if t.revoked_at else None}
                    for t in org.list_tokens(s)]

    @app.post("/api/tokens", status_code=201)
    def token_create(body: TokenCreate,
                     who: Admin) -> dict[str, Any]:
        """A new token; its value is shown in this answer only."""
        with app.state.session() as s:
            try:
                token, row = org.create_token(s, pepper, name=body.name,
                                              developer=body.developer, role=body.role,
                                              team=body.team)
            except ValueError as exc:
                raise HTTPException(status.HTTP_400_BAD_REQUEST, str(exc)) from None
            org.audit(s, who, "create_token", str(row.id), f"{body.role} {body.developer}")
            s.commit()
            return {"id": row.id, "token": token, "role": row.role, "developer": row.developer}

    @app.delete("/api/tokens/{token_id}")
    def token_revoke(token_id: Annotated[int, Path(ge=1, le=INT32_MAX)],
                     who: Admin) -> dict:
        with app.state.session() as s:
            if not org.revoke_token(s, token_id):
                raise HTTPException(status.HTTP_404_NOT_FOUND, "no such active token")
            org.audit(s, who, "revoke_token", str(token_id))
            s.commit()
        return {"revoked": token_id}

    @app.get("/api/teams")
    def teams(_: Reviewer) -> dict[str, str]:
        with app.state.session() as s:
            return org.teams(s)

    @app.put("/api/teams/{developer}")
    def team_set(developer: Annotated[str, Path(min_length=1, max_length=320)], body: TeamSet,
                 who: Admin) -> dict[str, Any]:
        with app.state.session() as s:
            org.set_team(s, developer, body.team)
            org.audit(s, who, "set_team", developer, body.team or "")
            s.commit()
        return {"developer": developer, "team": body.team}

    @app.get("/api/settings")
    def settings_get(_: Admin) -> dict[str, Any]:
        with app.state.session() as s:
            return {k: org.get_setting(s, k) for k in org.DEFAULTS}

    @app.put("/api/settings")
    def settings_set(body: SettingsSet,
                     who: Admin) -> dict[str, Any]:
        with app.state.session() as s:
            try:
                for k, v in body.model_dump(exclude_none=True).items():
                    org.set_setting(s, k, str(v))
                    org.audit(s, who, "set_setting", k, str(v))
            except ValueError as exc:
                raise HTTPException(status.HTTP_400_BAD_REQUEST, str(exc)) from None
            s.commit()
            return {k: org.get_setting(s, k) for k in org.DEFAULTS}

    @app.post("/api/retention/purge")
    def purge_now(who: Admin) -> dict[str, Any]:
        """Run the retention purge now (it also runs on schedule)."""
        with app.state.session() as s:
            res = org.purge(s)
            org.audit(s, who, "purge", res.cutoff.isoformat(), str(res))
            s.commit()
        return {k: (v.isoformat() if hasattr(v, "isoformat") else v)
                for k, v in res.__dict__.items()}

    @app.get("/api/audit")
    def audit_log(_: Reviewer, limit: int = Query(200, ge=1, le=5000)) -> list[dict]:
        with app.state.session() as s:
            return [{"at": a.at.isoformat(), "actor": a.actor, "action": a.action,
                     "target": a.target, "detail": a.detail}
                    for a in org.audit_log(s, limit=limit)]

    @app.exception_handler(HTTPException)
    async def http_error(_request: Request, exc: HTTPException) -> Response:
        return SafeJSON({"detail": exc.detail}, status_code=exc.status_code,
                        headers=getattr(exc, "headers", None))

    app.state.purge_stop = stop
    return app
