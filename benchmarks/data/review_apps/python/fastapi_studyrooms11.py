"""Library study-room bookings (FastAPI + SQLite).

Students book a study room for up to three hours; a room cannot be booked twice for the
same time. Students see and cancel their own bookings; librarians see every booking of a
day and add rooms. Login returns a random bearer token kept in the sessions table.
"""

import secrets
import sqlite3
from contextlib import closing
from datetime import datetime, timedelta

from fastapi import Depends, FastAPI, Header, HTTPException
from pydantic import BaseModel, Field
from werkzeug.security import check_password_hash, generate_password_hash

app = FastAPI(title="Study rooms")
DATABASE = "studyrooms.db"
MAX_HOURS = 3


def db() -> sqlite3.Connection:
    conn = sqlite3.connect(DATABASE)
    conn.row_factory = sqlite3.Row
    return conn


def init_db() -> None:
    with closing(db()) as conn:
        conn.executescript(
            """
            CREATE TABLE IF NOT EXISTS users (id INTEGER PRIMARY KEY AUTOINCREMENT,
                email TEXT UNIQUE NOT NULL, password_hash TEXT NOT NULL,
                is_librarian INTEGER NOT NULL DEFAULT 0);
            CREATE TABLE IF NOT EXISTS sessions (token TEXT PRIMARY KEY,
                user_id INTEGER NOT NULL);
            CREATE TABLE IF NOT EXISTS rooms (id INTEGER PRIMARY KEY AUTOINCREMENT,
                name TEXT UNIQUE NOT NULL, seats INTEGER NOT NULL);
            CREATE TABLE IF NOT EXISTS bookings (id INTEGER PRIMARY KEY AUTOINCREMENT,
                room_id INTEGER NOT NULL, user_id INTEGER NOT NULL,
                starts_at TEXT NOT NULL, ends_at TEXT NOT NULL);
            """
        )


def create_user(email: str, password: str, librarian: bool = False) -> int:
    with closing(db()) as conn:
        cur = conn.execute(
            "INSERT INTO users (email, password_hash, is_librarian) VALUES (?, ?, ?)",
            (email, generate_password_hash(password), int(librarian)),
        )
        conn.commit()
        return cur.lastrowid


def current_user(authorization: str = Header(default="")) -> sqlite3.Row:
    token = authorization.removeprefix("Bearer ").strip()
    with closing(db()) as conn:
        user = conn.execute(
            "SELECT u.id, u.email, u.is_librarian FROM sessions s "
            "JOIN users u ON u.id = s.user_id WHERE s.token = ?",
            (token,),
        ).fetchone()
    if user is None:
        raise HTTPException(status_code=401, detail="not logged in")
    return user


def librarian(user: sqlite3.Row = Depends(current_user)) -> sqlite3.Row:
    if not user["is_librarian"]:
        raise HTTPException(status_code=403, detail="librarians only")
    return user


class Login(BaseModel):
    email: str
    password: str


class Room(BaseModel):
    name: str = Field(..., min_length=1, max_length=40)
    seats: int = Field(..., ge=1, le=20)


class Booking(BaseModel):
    room_id: int
    starts_at: datetime
    hours: int = Field(..., ge=1, le=MAX_HOURS)


@app.post("/login")
def login(body: Login) -> dict:
    with closing(db()) as conn:
        user = conn.execute("SELECT * FROM users WHERE email = ?", (body.email,)).fetchone()
        if user is None or not check_password_hash(user["password_hash"], body.password):
            raise HTTPException(status_code=401, detail="invalid credentials")
        token = secrets.token_urlsafe(32)
        conn.execute("INSERT INTO sessions (token, user_id) VALUES (?, ?)", (token, user["id"]))
        conn.commit()
    return {"token": token}


@app.post("/rooms", status_code=201)
def add_room(body: Room, _: sqlite3.Row = Depends(librarian)) -> dict:
    with closing(db()) as conn:
        cur = conn.execute("INSERT INTO rooms (name, seats) VALUES (?, ?)", (body.name, body.seats))
        conn.commit()
    return {"id": cur.lastrowid}


@app.post("/bookings", status_code=201)
def book(body: Booking, user: sqlite3.Row = Depends(current_user)) -> dict:
    start = body.starts_at.replace(tzinfo=None, minute=0, second=0, microsecond=0)
    end = start + timedelta(hours=body.hours)
    with closing(db()) as conn:
        if conn.execute("SELECT 1 FROM rooms WHERE id = ?", (body.room_id,)).fetchone() is None:
            raise HTTPException(status_code=404, detail="room not found")
        clash = conn.execute(
            "SELECT 1 FROM bookings WHERE room_id = ? AND starts_at < ? AND ends_at > ?",
            (body.room_id, end.isoformat(), start.isoformat()),
        ).fetchone()
        if clash:
            raise HTTPException(status_code=409, detail="room already booked then")
        cur = conn.execute(
            "INSERT INTO bookings (room_id, user_id, starts_at, ends_at) VALUES (?, ?, ?, ?)",
            (body.room_id, user["id"], start.isoformat(), end.isoformat()),
        )
        conn.commit()
    return {"id": cur.lastrowid, "starts_at": start.isoformat(), "ends_at": end.isoformat()}


@app.get("/bookings/mine")
def my_bookings(user: sqlite3.Row = Depends(current_user)) -> list[dict]:
    with closing(db()) as conn:
        rows = conn.execute(
            "SELECT b.id, r.name AS room, b.starts_at, b.ends_at FROM bookings b "
            "JOIN rooms r ON r.id = b.room_id WHERE b.user_id = ? ORDER BY b.starts_at",
            (user["id"],),
        ).fetchall()
    return [dict(r) for r in rows]


@app.delete("/bookings/{booking_id}", status_code=204)
def cancel(booking_id: int, user: sqlite3.Row = Depends(current_user)) -> None:
    with closing(db()) as conn:
        booking = conn.execute("SELECT user_id FROM bookings WHERE id = ?",
                               (booking_id,)).fetchone()
        if booking is None or (booking["user_id"] != user["id"] and not user["is_librarian"]):
            raise HTTPException(status_code=404, detail="booking not found")
        conn.execute("DELETE FROM bookings WHERE id = ?", (booking_id,))
        conn.commit()


@app.get("/days/{day}")
def day_sheet(day: str, _: sqlite3.Row = Depends(librarian)) -> list[dict]:
    try:
        first = datetime.fromisoformat(day)
    except ValueError:
        raise HTTPException(status_code=400, detail="day must be YYYY-MM-DD")
    with closing(db()) as conn:
        rows = conn.execute(
            "SELECT b.id, r.name AS room, u.email, b.starts_at, b.ends_at FROM bookings b "
            "JOIN rooms r ON r.id = b.room_id JOIN users u ON u.id = b.user_id "
            "WHERE b.starts_at >= ? AND b.starts_at < ? ORDER BY r.name, b.starts_at",
            (first.isoformat(), (first + timedelta(days=1)).isoformat()),
        ).fetchall()
    return [dict(r) for r in rows]
