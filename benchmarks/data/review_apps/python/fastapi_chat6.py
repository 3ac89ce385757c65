"""Chat rooms API: users sign in with a bearer token, create public or private rooms,
invite members to private rooms, post messages and read a room's recent history."""
import os
import secrets
import sqlite3
from datetime import datetime, timezone

from fastapi import Depends, FastAPI, Header, HTTPException
from pydantic import BaseModel, Field

app = FastAPI(title="Chat")
DB = os.environ.get("CHAT_DB", "chat.db")


def conn():
    c = sqlite3.connect(DB)
    c.row_factory = sqlite3.Row
    return c


def init_db():
    with conn() as c:
        c.executescript("""
            CREATE TABLE IF NOT EXISTS users (id INTEGER PRIMARY KEY, name TEXT UNIQUE, token TEXT UNIQUE);
            CREATE TABLE IF NOT EXISTS rooms (id INTEGER PRIMARY KEY, name TEXT, private INTEGER, owner_id INTEGER);
            CREATE TABLE IF NOT EXISTS members (room_id INTEGER, user_id INTEGER, PRIMARY KEY (room_id, user_id));
            CREATE TABLE IF NOT EXISTS messages (id INTEGER PRIMARY KEY, room_id INTEGER, user_id INTEGER,
                body TEXT, sent_at TEXT);
        """)


class NewUser(BaseModel):
    name: str = Field(min_length=2, max_length=32, pattern=r"^[a-zA-Z0-9_]+$")


class NewRoom(BaseModel):
    name: str = Field(min_length=1, max_length=64)
    private: bool = False


class NewMessage(BaseModel):
    body: str = Field(min_length=1, max_length=2000)


def current_user(authorization: str = Header(...)):
    token = authorization.removeprefix("Bearer ").strip()
    with conn() as c:
        user = c.execute("SELECT id, name FROM users WHERE token = ?", (token,)).fetchone()
    if user is None:
        raise HTTPException(401, "invalid token")
    return dict(user)


def is_member(c, room_id: int, user_id: int) -> bool:
    return c.execute("SELECT 1 FROM members WHERE room_id = ? AND user_id = ?",
                     (room_id, user_id)).fetchone() is not None


@app.post("/users", status_code=201)
def create_user(body: NewUser):
    token = secrets.token_urlsafe(32)
    try:
        with conn() as c:
            c.execute("INSERT INTO users (name, token) VALUES (?, ?)", (body.name, token))
    except sqlite3.IntegrityError:
        raise HTTPException(409, "name taken")
    return {"name": body.name, "token": token}


@app.post("/rooms", status_code=201)
def create_room(body: NewRoom, user=Depends(current_user)):
    with conn() as c:
        cur = c.execute("INSERT INTO rooms (name, private, owner_id) VALUES (?, ?, ?)",
                        (body.name, int(body.private), user["id"]))
        c.execute("INSERT INTO members VALUES (?, ?)", (cur.lastrowid, user["id"]))
    return {"id": cur.lastrowid, "name": body.name, "private": body.private}


@app.post("/rooms/{room_id}/members/{name}", status_code=201)
def add_member(room_id: int, name: str, user=Depends(current_user)):
    with conn() as c:
        room = c.execute("SELECT owner_id FROM rooms WHERE id = ?", (room_id,)).fetchone()
        if room is None or room["owner_id"] != user["id"]:
            raise HTTPException(404, "room not found")
        other = c.execute("SELECT id FROM users WHERE name = ?", (name,)).fetchone()
        if other is None:
            raise HTTPException(404, "user not found")
        c.execute("INSERT OR IGNORE INTO members VALUES (?, ?)", (room_id, other["id"]))
    return {"room_id": room_id, "member": name}


@app.post("/rooms/{room_id}/messages", status_code=201)
def post_message(room_id: int, body: NewMessage, user=Depends(current_user)):
    with conn() as c:
        room = c.execute("SELECT private FROM rooms WHERE id = ?", (room_id,)).fetchone()
        if room is None:
            raise HTTPException(404, "room not found")
        if room["private"] and not is_member(c, room_id, user["id"]):
            raise HTTPException(403, "not a member of this room")
        cur = c.execute("INSERT INTO messages (room_id, user_id, body, sent_at) VALUES (?, ?, ?, ?)",
                        (room_id, user["id"], body.body, datetime.now(timezone.utc).isoformat()))
    return {"id": cur.lastrowid}


@app.get("/rooms/{room_id}/messages")
def history(room_id: int, limit: int = 50, user=Depends(current_user)):
    limit = max(1, min(limit, 200))
    with conn() as c:
        room = c.execute("SELECT id FROM rooms WHERE id = ?", (room_id,)).fetchone()
        if room is None:
            raise HTTPException(404, "room not found")
        rows = c.execute(
            "SELECT m.id, u.name AS author, m.body, m.sent_at FROM messages m "
            "JOIN users u ON u.id = m.user_id WHERE m.room_id = ? ORDER BY m.id DESC LIMIT ?",
            (room_id, limit)).fetchall()
    return [dict(r) for r in reversed(rows)]


@app.get("/rooms")
def list_rooms(user=Depends(current_user)):
    with conn() as c:
        rows = c.execute(
            "SELECT id, name, private FROM rooms WHERE private = 0 OR id IN "
            "(SELECT room_id FROM members WHERE user_id = ?) ORDER BY name", (user["id"],)).fetchall()
    return [{"id": r["id"], "name": r["name"], "private": bool(r["private"])} for r in rows]
