"""Polls: signed-in users create polls, everyone signed in votes once, creators close them."""
import os
import secrets
import sqlite3

from fastapi import Depends, FastAPI, HTTPException
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from pydantic import BaseModel, Field

app = FastAPI(title="Polls")
bearer = HTTPBearer()
DB_PATH = os.environ.get("POLLS_DB", "polls.db")


def connect():
    conn = sqlite3.connect(DB_PATH)
    conn.row_factory = sqlite3.Row
    conn.execute("PRAGMA foreign_keys = ON")
    return conn


def init_db():
    with connect() as conn:
        conn.executescript("""
        CREATE TABLE IF NOT EXISTS users (id INTEGER PRIMARY KEY, name TEXT, token TEXT UNIQUE);
        CREATE TABLE IF NOT EXISTS polls (id INTEGER PRIMARY KEY, owner_id INTEGER,
            question TEXT, closed INTEGER DEFAULT 0);
        CREATE TABLE IF NOT EXISTS options (id INTEGER PRIMARY KEY,
            poll_id INTEGER REFERENCES polls(id), label TEXT);
        CREATE TABLE IF NOT EXISTS votes (poll_id INTEGER, user_id INTEGER,
            option_id INTEGER REFERENCES options(id), PRIMARY KEY (poll_id, user_id));""")


def current_user(creds: HTTPAuthorizationCredentials = Depends(bearer)):
    with connect() as conn:
        user = conn.execute("SELECT id, name FROM users WHERE token = ?",
                            (creds.credentials,)).fetchone()
    if user is None:
        raise HTTPException(status_code=401, detail="unknown token")
    return user


class NewUser(BaseModel):
    name: str = Field(min_length=1, max_length=50)


class NewPoll(BaseModel):
    question: str = Field(min_length=3, max_length=200)
    options: list[str] = Field(min_length=2, max_length=10)


class Vote(BaseModel):
    option_id: int


@app.post("/users", status_code=201)
def create_user(body: NewUser):
    token = secrets.token_urlsafe(24)
    with connect() as conn:
        conn.execute("INSERT INTO users (name, token) VALUES (?, ?)", (body.name, token))
    return {"token": token}


@app.post("/polls", status_code=201)
def create_poll(body: NewPoll, user=Depends(current_user)):
    with connect() as conn:
        poll_id = conn.execute("INSERT INTO polls (owner_id, question) VALUES (?, ?)",
                               (user["id"], body.question)).lastrowid
        conn.executemany("INSERT INTO options (poll_id, label) VALUES (?, ?)",
                         [(poll_id, label[:100]) for label in body.options])
    return {"id": poll_id}


@app.post("/polls/{poll_id}/votes", status_code=201)
def vote(poll_id: int, body: Vote, user=Depends(current_user)):
    with connect() as conn:
        poll = conn.execute("SELECT closed FROM polls WHERE id = ?", (poll_id,)).fetchone()
        if poll is None:
            raise HTTPException(status_code=404, detail="poll not found")
        if poll["closed"]:
            raise HTTPException(status_code=409, detail="poll is closed")
        option = conn.execute("SELECT id FROM options WHERE id = ? AND poll_id = ?",
                              (body.option_id, poll_id)).fetchone()
        if option is None:
            raise HTTPException(status_code=400, detail="option is not part of this poll")
        try:
            conn.execute("INSERT INTO votes (poll_id, user_id, option_id) VALUES (?, ?, ?)",
                         (poll_id, user["id"], option["id"]))
        except sqlite3.IntegrityError:
            raise HTTPException(status_code=409, detail="you already voted")
    return {"ok": True}


@app.get("/polls/{poll_id}")
def results(poll_id: int, user=Depends(current_user)):
    with connect() as conn:
        poll = conn.execute("SELECT id, question, closed FROM polls WHERE id = ?",
                            (poll_id,)).fetchone()
        if poll is None:
            raise HTTPException(status_code=404, detail="poll not found")
        rows = conn.execute("SELECT o.id, o.label, COUNT(v.user_id) AS votes FROM options o "
                            "LEFT JOIN votes v ON v.option_id = o.id WHERE o.poll_id = ? "
                            "GROUP BY o.id ORDER BY o.id", (poll_id,)).fetchall()
    return {"question": poll["question"], "closed": bool(poll["closed"]),
            "options": [dict(r) for r in rows]}


@app.post("/polls/{poll_id}/close")
def close_poll(poll_id: int, user=Depends(current_user)):
    with connect() as conn:
        cur = conn.execute("UPDATE polls SET closed = 1 WHERE id = ? AND owner_id = ?",
                           (poll_id, user["id"]))
    if cur.rowcount == 0:
        raise HTTPException(status_code=404, detail="poll not found")
    return {"closed": True}
