"""Calendar sync: users subscribe to an external iCalendar feed by URL and see its events.

The feed is fetched server-side when subscribing and on refresh.
"""

import logging
import secrets
import sqlite3
import urllib.request
from urllib.parse import urlparse

from fastapi import Depends, FastAPI, Header, HTTPException
from pydantic import BaseModel, Field

DB = "calsync.db"
MAX_FEED_BYTES = 1_000_000
app = FastAPI(title="Calendar sync")
log = logging.getLogger("calsync")


def get_db():
    conn = sqlite3.connect(DB)
    conn.row_factory = sqlite3.Row
    try:
        yield conn
    finally:
        conn.close()


def init_db():
    conn = sqlite3.connect(DB)
    conn.executescript("""
        CREATE TABLE IF NOT EXISTS users (id INTEGER PRIMARY KEY, token TEXT UNIQUE NOT NULL);
        CREATE TABLE IF NOT EXISTS feeds (id INTEGER PRIMARY KEY, user_id INTEGER NOT NULL,
            url TEXT NOT NULL);
        CREATE TABLE IF NOT EXISTS events (id INTEGER PRIMARY KEY, feed_id INTEGER NOT NULL,
            summary TEXT NOT NULL, starts TEXT);
    """)
    conn.close()


class FeedIn(BaseModel):
    url: str = Field(min_length=10, max_length=500)


def current_user(authorization: str = Header(default=""), db=Depends(get_db)) -> int:
    token = authorization.removeprefix("Bearer ").strip()
    row = db.execute("SELECT id FROM users WHERE token = ?", (token,)).fetchone() if token else None
    if row is None:
        raise HTTPException(401, "invalid token")
    return row["id"]


@app.post("/users", status_code=201)
def create_user(db=Depends(get_db)):
    token = secrets.token_urlsafe(32)
    db.execute("INSERT INTO users (token) VALUES (?)", (token,))
    db.commit()
    return {"token": token}


def fetch_feed(url: str) -> list[dict]:
    parsed = urlparse(url)
    if parsed.scheme not in ("http", "https") or not parsed.hostname:
        raise HTTPException(400, "feed URL must be http or https")
    req = urllib.request.Request(url, headers={"User-Agent": "calsync/1.0"})
    try:
        with urllib.request.urlopen(req, timeout=10) as resp:
            text = resp.read(MAX_FEED_BYTES).decode("utf-8", "replace")
    except OSError as exc:
        raise HTTPException(502, f"could not fetch feed: {exc}")
    events, current = [], None
    for line in text.splitlines():
        if line == "BEGIN:VEVENT":
            current = {}
        elif line == "END:VEVENT" and current is not None:
            events.append(current)
            current = None
        elif current is not None and line.startswith(("SUMMARY:", "DTSTART:")):
            key, _, value = line.partition(":")
            current["summary" if key == "SUMMARY" else "starts"] = value[:200]
    return events


def _store(db, feed_id: int, events: list[dict]) -> None:
    db.execute("DELETE FROM events WHERE feed_id = ?", (feed_id,))
    db.executemany("INSERT INTO events (feed_id, summary, starts) VALUES (?, ?, ?)",
                   [(feed_id, e.get("summary", "(untitled)"), e.get("starts")) for e in events])
    db.commit()


@app.post("/feeds", status_code=201)
def subscribe(body: FeedIn, db=Depends(get_db), user: int = Depends(current_user)):
    events = fetch_feed(body.url)
    cur = db.execute("INSERT INTO feeds (user_id, url) VALUES (?, ?)", (user, body.url))
    _store(db, cur.lastrowid, events)
    log.info("user %d subscribed feed %d (%d events)", user, cur.lastrowid, len(events))
    return {"id": cur.lastrowid, "events": len(events)}


@app.get("/feeds/{feed_id}/events")
def list_events(feed_id: int, db=Depends(get_db), user: int = Depends(current_user)):
    feed = db.execute("SELECT id FROM feeds WHERE id = ? AND user_id = ?",
                      (feed_id, user)).fetchone()
    if feed is None:
        raise HTTPException(404, "no such feed")
    rows = db.execute("SELECT summary, starts FROM events WHERE feed_id = ? ORDER BY starts",
                      (feed_id,)).fetchall()
    return [dict(r) for r in rows]


@app.post("/feeds/{feed_id}/refresh")
def refresh(feed_id: int, db=Depends(get_db), user: int = Depends(current_user)):
    feed = db.execute("SELECT id, url FROM feeds WHERE id = ? AND user_id = ?",
                      (feed_id, user)).fetchone()
    if feed is None:
        raise HTTPException(404, "no such feed")
    events = fetch_feed(feed["url"])
    _store(db, feed_id, events)
    return {"events": len(events)}
