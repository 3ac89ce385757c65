"""Calendar API: users keep events (title, start, end, location), list a date range,
edit and delete their own events, and share a read-only iCalendar feed by secret link."""
import os
import secrets
import sqlite3
from datetime import datetime

from fastapi import Depends, FastAPI, Header, HTTPException, Response
from pydantic import BaseModel, Field, model_validator

app = FastAPI(title="Calendar")
DB = os.environ.get("CALENDAR_DB", "calendar.db")


def db():
    c = sqlite3.connect(DB)
    c.row_factory = sqlite3.Row
    return c


def init_db():
    with db() as c:
        c.executescript("""
            CREATE TABLE IF NOT EXISTS users (id INTEGER PRIMARY KEY, token TEXT UNIQUE, feed_key TEXT UNIQUE);
            CREATE TABLE IF NOT EXISTS events (id INTEGER PRIMARY KEY, owner_id INTEGER, title TEXT,
                starts_at TEXT, ends_at TEXT, location TEXT);
        """)


def current_user(authorization: str = Header(...)) -> int:
    with db() as c:
        row = c.execute("SELECT id FROM users WHERE token = ?",
                        (authorization.removeprefix("Bearer "),)).fetchone()
    if row is None:
        raise HTTPException(401, "invalid token")
    return row["id"]


class EventIn(BaseModel):
    title: str = Field(min_length=1, max_length=200)
    starts_at: datetime
    ends_at: datetime
    location: str = Field("", max_length=200)

    @model_validator(mode="after")
    def ends_after_start(self):
        if self.ends_at <= self.starts_at:
            raise ValueError("ends_at must be after starts_at")
        return self


@app.post("/events", status_code=201)
def create_event(ev: EventIn, uid: int = Depends(current_user)):
    with db() as c:
        cur = c.execute("INSERT INTO events (owner_id, title, starts_at, ends_at, location) "
                        "VALUES (?, ?, ?, ?, ?)",
                        (uid, ev.title, ev.starts_at.isoformat(), ev.ends_at.isoformat(), ev.location))
    return {"id": cur.lastrowid}


@app.get("/events")
def list_events(start: datetime, end: datetime, uid: int = Depends(current_user)):
    with db() as c:
        rows = c.execute("SELECT * FROM events WHERE owner_id = ? AND ends_at >= ? AND starts_at <= ? "
                         "ORDER BY starts_at", (uid, start.isoformat(), end.isoformat())).fetchall()
    return [dict(r) for r in rows]


@app.put("/events/{event_id}")
def update_event(event_id: int, ev: EventIn, uid: int = Depends(current_user)):
    with db() as c:
        cur = c.execute("UPDATE events SET title = ?, starts_at = ?, ends_at = ?, location = ? "
                        "WHERE id = ? AND owner_id = ?",
                        (ev.title, ev.starts_at.isoformat(), ev.ends_at.isoformat(), ev.location,
                         event_id, uid))
    if cur.rowcount == 0:
        raise HTTPException(404, "event not found")
    return {"id": event_id}


@app.delete("/events/{event_id}", status_code=204)
def delete_event(event_id: int, uid: int = Depends(current_user)):
    with db() as c:
        if c.execute("DELETE FROM events WHERE id = ? AND owner_id = ?", (event_id, uid)).rowcount == 0:
            raise HTTPException(404, "event not found")


@app.post("/feed-key")
def rotate_feed_key(uid: int = Depends(current_user)):
    key = secrets.token_urlsafe(32)
    with db() as c:
        c.execute("UPDATE users SET feed_key = ? WHERE id = ?", (key, uid))
    return {"feed_url": f"/feeds/{key}.ics"}


def ics_text(value: str) -> str:
    """Escape text for an iCalendar property (RFC 5545 3.3.11): no raw newlines or separators."""
    return (value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
            .replace("\r", "").replace("\n", "\\n"))


@app.get("/feeds/{key}.ics")
def feed(key: str):
    with db() as c:
        user = c.execute("SELECT id FROM users WHERE feed_key = ?", (key,)).fetchone()
        if user is None:
            raise HTTPException(404, "no such feed")
        rows = c.execute("SELECT * FROM events WHERE owner_id = ? ORDER BY starts_at",
                         (user["id"],)).fetchall()
    fmt = "%Y%m%dT%H%M%S"
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//calendar//EN"]
    for r in rows:
        lines += ["BEGIN:VEVENT", f"UID:{r['id']}@calendar",
                  f"DTSTART:{datetime.fromisoformat(r['starts_at']).strftime(fmt)}",
                  f"DTEND:{datetime.fromisoformat(r['ends_at']).strftime(fmt)}",
                  f"SUMMARY:{ics_text(r['title'])}", f"LOCATION:{ics_text(r['location'])}",
                  "END:VEVENT"]
    lines.append("END:VCALENDAR")
    return Response("\r\n".join(lines) + "\r\n", media_type="text/calendar")
