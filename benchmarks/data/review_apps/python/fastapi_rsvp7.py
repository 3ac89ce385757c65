"""Event RSVP: organisers create events with a capacity; signed-in users RSVP; only the
organiser sees the guest list."""
import os
import sqlite3
from datetime import datetime

from fastapi import Depends, FastAPI, HTTPException
from fastapi.security import HTTPBasic, HTTPBasicCredentials
from pydantic import BaseModel, Field
from werkzeug.security import check_password_hash, generate_password_hash

app = FastAPI(title="RSVP")
security = HTTPBasic()
DB = os.environ.get("RSVP_DB", "rsvp.db")


def db():
    conn = sqlite3.connect(DB)
    conn.row_factory = sqlite3.Row
    return conn


def init_db():
    with db() as conn:
        conn.executescript("""
        CREATE TABLE IF NOT EXISTS users (id INTEGER PRIMARY KEY, username TEXT UNIQUE,
            password_hash TEXT);
        CREATE TABLE IF NOT EXISTS events (id INTEGER PRIMARY KEY, organiser_id INTEGER,
            title TEXT, starts_at TEXT, capacity INTEGER);
        CREATE TABLE IF NOT EXISTS rsvps (event_id INTEGER, user_id INTEGER, guests INTEGER,
            PRIMARY KEY (event_id, user_id));""")


def current_user(creds: HTTPBasicCredentials = Depends(security)):
    with db() as conn:
        user = conn.execute("SELECT * FROM users WHERE username = ?",
                            (creds.username,)).fetchone()
    if user is None or not check_password_hash(user["password_hash"], creds.password):
        raise HTTPException(status_code=401, detail="invalid credentials",
                            headers={"WWW-Authenticate": "Basic"})
    return user


class SignUp(BaseModel):
    username: str = Field(pattern=r"^[a-zA-Z0-9_]{3,30}$")
    password: str = Field(min_length=8, max_length=128)


class EventIn(BaseModel):
    title: str = Field(min_length=1, max_length=120)
    starts_at: datetime
    capacity: int = Field(gt=0, le=10000)


class RsvpIn(BaseModel):
    guests: int = Field(0, ge=0, le=5)


@app.post("/users", status_code=201)
def sign_up(body: SignUp):
    try:
        with db() as conn:
            conn.execute("INSERT INTO users (username, password_hash) VALUES (?, ?)",
                         (body.username, generate_password_hash(body.password)))
    except sqlite3.IntegrityError:
        raise HTTPException(status_code=409, detail="username taken")
    return {"username": body.username}


@app.post("/events", status_code=201)
def create_event(body: EventIn, user=Depends(current_user)):
    with db() as conn:
        cur = conn.execute(
            "INSERT INTO events (organiser_id, title, starts_at, capacity) VALUES (?, ?, ?, ?)",
            (user["id"], body.title, body.starts_at.isoformat(), body.capacity))
    return {"id": cur.lastrowid}


@app.get("/events/{event_id}")
def get_event(event_id: int):
    with db() as conn:
        ev = conn.execute("SELECT id, title, starts_at, capacity FROM events WHERE id = ?",
                          (event_id,)).fetchone()
        taken = conn.execute("SELECT COALESCE(SUM(1 + guests), 0) FROM rsvps WHERE event_id = ?",
                             (event_id,)).fetchone()[0]
    if ev is None:
        raise HTTPException(status_code=404, detail="event not found")
    return {**dict(ev), "spots_left": ev["capacity"] - taken}


@app.put("/events/{event_id}/rsvp")
def rsvp(event_id: int, body: RsvpIn, user=Depends(current_user)):
    with db() as conn:
        ev = conn.execute("SELECT capacity FROM events WHERE id = ?", (event_id,)).fetchone()
        if ev is None:
            raise HTTPException(status_code=404, detail="event not found")
        taken = conn.execute(
            "SELECT COALESCE(SUM(1 + guests), 0) FROM rsvps WHERE event_id = ? AND user_id != ?",
            (event_id, user["id"])).fetchone()[0]
        if taken + 1 + body.guests > ev["capacity"]:
            raise HTTPException(status_code=409, detail="event is full")
        conn.execute("INSERT OR REPLACE INTO rsvps (event_id, user_id, guests) VALUES (?, ?, ?)",
                     (event_id, user["id"], body.guests))
    return {"event_id": event_id, "guests": body.guests}


@app.get("/events/{event_id}/guests")
def guest_list(event_id: int, user=Depends(current_user)):
    with db() as conn:
        ev = conn.execute("SELECT organiser_id FROM events WHERE id = ?", (event_id,)).fetchone()
        if ev is None or ev["organiser_id"] != user["id"]:
            raise HTTPException(status_code=404, detail="event not found")
        rows = conn.execute("SELECT u.username, r.guests FROM rsvps r JOIN users u "
                            "ON u.id = r.user_id WHERE r.event_id = ? ORDER BY u.username",
                            (event_id,)).fetchall()
    return [dict(r) for r in rows]
