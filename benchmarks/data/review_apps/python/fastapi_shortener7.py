"""URL shortener: signed-in users shorten http(s) links; anyone following a short code is
redirected to its target; owners see click counts and can delete their links."""
import os
import secrets
import sqlite3
from urllib.parse import urlparse

from fastapi import Depends, FastAPI, HTTPException, Header
from fastapi.responses import RedirectResponse
from pydantic import BaseModel, Field

app = FastAPI(title="Shortener")
DB = os.environ.get("SHORTENER_DB", "links.db")
ALPHABET = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"


def db():
    conn = sqlite3.connect(DB)
    conn.row_factory = sqlite3.Row
    return conn


def init_db():
    with db() as conn:
        conn.executescript("""
        CREATE TABLE IF NOT EXISTS users (id INTEGER PRIMARY KEY, api_key TEXT UNIQUE);
        CREATE TABLE IF NOT EXISTS links (code TEXT PRIMARY KEY, owner_id INTEGER,
            target TEXT, clicks INTEGER DEFAULT 0);""")


def current_user(x_api_key: str = Header(...)):
    with db() as conn:
        user = conn.execute("SELECT id FROM users WHERE api_key = ?", (x_api_key,)).fetchone()
    if user is None:
        raise HTTPException(status_code=401, detail="invalid API key")
    return user


class LinkIn(BaseModel):
    url: str = Field(max_length=2048)


def new_code(length=7):
    return "".join(secrets.choice(ALPHABET) for _ in range(length))


@app.post("/users", status_code=201)
def create_user():
    key = secrets.token_urlsafe(32)
    with db() as conn:
        conn.execute("INSERT INTO users (api_key) VALUES (?)", (key,))
    return {"api_key": key}


@app.post("/links", status_code=201)
def shorten(body: LinkIn, user=Depends(current_user)):
    parsed = urlparse(body.url)
    if parsed.scheme not in ("http", "https") or not parsed.netloc:
        raise HTTPException(status_code=400, detail="only http and https links can be shortened")
    with db() as conn:
        for _ in range(5):
            code = new_code()
            try:
                conn.execute("INSERT INTO links (code, owner_id, target) VALUES (?, ?, ?)",
                             (code, user["id"], body.url))
                break
            except sqlite3.IntegrityError:
                continue
        else:
            raise HTTPException(status_code=503, detail="could not allocate a code")
    return {"code": code, "short_url": f"/{code}"}


@app.get("/links")
def my_links(user=Depends(current_user)):
    with db() as conn:
        rows = conn.execute("SELECT code, target, clicks FROM links WHERE owner_id = ?",
                            (user["id"],)).fetchall()
    return [dict(r) for r in rows]


@app.delete("/links/{code}", status_code=204)
def delete_link(code: str, user=Depends(current_user)):
    with db() as conn:
        cur = conn.execute("DELETE FROM links WHERE code = ? AND owner_id = ?",
                           (code, user["id"]))
    if cur.rowcount == 0:
        raise HTTPException(status_code=404, detail="link not found")


@app.get("/{code}")
def follow(code: str):
    with db() as conn:
        row = conn.execute("SELECT target FROM links WHERE code = ?", (code,)).fetchone()
        if row is None:
            raise HTTPException(status_code=404, detail="unknown short link")
        conn.execute("UPDATE links SET clicks = clicks + 1 WHERE code = ?", (code,))
    return RedirectResponse(row["target"], status_code=302)
