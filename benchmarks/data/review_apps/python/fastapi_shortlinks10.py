"""Rate-limited URL shortener (FastAPI + SQLite).

Anyone may shorten an http(s) link, at most 10 a minute per client address; a short code
redirects to its link and counts the visit. Codes are random, and their creator gets a
secret key to delete the link again.
"""

import secrets
import sqlite3
import time
from collections import defaultdict, deque
from contextlib import closing
from urllib.parse import urlsplit

from fastapi import FastAPI, Header, HTTPException, Request
from fastapi.responses import RedirectResponse
from pydantic import BaseModel, Field

app = FastAPI(title="Shortlinks")
DATABASE = "shortlinks.db"
RATE_LIMIT = 10
RATE_WINDOW = 60.0
_recent: dict[str, deque] = defaultdict(deque)


def db() -> sqlite3.Connection:
    conn = sqlite3.connect(DATABASE)
    conn.row_factory = sqlite3.Row
    return conn


def init_db() -> None:
    with closing(db()) as conn:
        conn.execute(
            "CREATE TABLE IF NOT EXISTS links (code TEXT PRIMARY KEY, url TEXT NOT NULL, "
            "delete_key TEXT NOT NULL, visits INTEGER NOT NULL DEFAULT 0, "
            "created_at REAL NOT NULL)"
        )


def allow(client: str) -> bool:
    now = time.monotonic()
    window = _recent[client]
    while window and now - window[0] > RATE_WINDOW:
        window.popleft()
    if len(window) >= RATE_LIMIT:
        return False
    window.append(now)
    return True


class ShortenIn(BaseModel):
    url: str = Field(..., max_length=2048)


@app.post("/links", status_code=201)
def shorten(body: ShortenIn, request: Request) -> dict:
    client = request.client.host if request.client else "unknown"
    if not allow(client):
        raise HTTPException(status_code=429, detail="too many links, slow down")
    parts = urlsplit(body.url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise HTTPException(status_code=400, detail="only http(s) links can be shortened")
    code = secrets.token_urlsafe(6)
    delete_key = secrets.token_urlsafe(24)
    with closing(db()) as conn:
        conn.execute(
            "INSERT INTO links (code, url, delete_key, created_at) VALUES (?, ?, ?, ?)",
            (code, body.url, delete_key, time.time()),
        )
        conn.commit()
    return {"code": code, "short": f"/{code}", "delete_key": delete_key}


@app.get("/{code}")
def follow(code: str) -> RedirectResponse:
    with closing(db()) as conn:
        row = conn.execute("SELECT url FROM links WHERE code = ?", (code,)).fetchone()
        if row is None:
            raise HTTPException(status_code=404, detail="unknown link")
        conn.execute("UPDATE links SET visits = visits + 1 WHERE code = ?", (code,))
        conn.commit()
    return RedirectResponse(row["url"], status_code=302)


@app.get("/links/{code}/stats")
def stats(code: str) -> dict:
    with closing(db()) as conn:
        row = conn.execute("SELECT visits, created_at FROM links WHERE code = ?", (code,)).fetchone()
    if row is None:
        raise HTTPException(status_code=404, detail="unknown link")
    return {"visits": row["visits"], "created_at": row["created_at"]}


@app.delete("/links/{code}", status_code=204)
def delete(code: str, x_delete_key: str = Header(default="")) -> None:
    with closing(db()) as conn:
        row = conn.execute("SELECT delete_key FROM links WHERE code = ?", (code,)).fetchone()
        if row is None or not secrets.compare_digest(row["delete_key"], x_delete_key):
            raise HTTPException(status_code=404, detail="unknown link")
        conn.execute("DELETE FROM links WHERE code = ?", (code,))
        conn.commit()
