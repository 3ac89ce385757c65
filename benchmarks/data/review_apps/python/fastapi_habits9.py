"""Habit tracker: each user keeps private habits and checks them off day by day.

Habits and their notes are private to the user who made them.
"""

import hashlib
import secrets
import sqlite3
from datetime import date

from fastapi import Depends, FastAPI, Header, HTTPException
from pydantic import BaseModel, Field

DB = "habits.db"
app = FastAPI(title="Habits")


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
        CREATE TABLE IF NOT EXISTS users (id INTEGER PRIMARY KEY, name TEXT NOT NULL,
            token_hash TEXT UNIQUE NOT NULL);
        CREATE TABLE IF NOT EXISTS habits (id INTEGER PRIMARY KEY, user_id INTEGER NOT NULL,
            name TEXT NOT NULL, notes TEXT NOT NULL DEFAULT '');
        CREATE TABLE IF NOT EXISTS checkins (habit_id INTEGER NOT NULL, day TEXT NOT NULL,
            PRIMARY KEY (habit_id, day));
    """)
    conn.close()


class UserIn(BaseModel):
    name: str = Field(min_length=1, max_length=50)


class HabitIn(BaseModel):
    name: str = Field(min_length=1, max_length=80)
    notes: str = Field(default="", max_length=1000)


def current_user(x_api_key: str = Header(default=""), db=Depends(get_db)) -> int:
    digest = hashlib.sha256(x_api_key.encode()).hexdigest()
    row = db.execute("SELECT id FROM users WHERE token_hash = ?", (digest,)).fetchone()
    if not x_api_key or row is None:
        raise HTTPException(401, "invalid API key")
    return row["id"]


def owned_habit(db, habit_id: int, user: int):
    row = db.execute("SELECT * FROM habits WHERE id = ? AND user_id = ?",
                     (habit_id, user)).fetchone()
    if row is None:
        raise HTTPException(404, "habit not found")
    return row


@app.post("/users", status_code=201)
def create_user(body: UserIn, db=Depends(get_db)):
    key = secrets.token_urlsafe(32)
    db.execute("INSERT INTO users (name, token_hash) VALUES (?, ?)",
               (body.name, hashlib.sha256(key.encode()).hexdigest()))
    db.commit()
    return {"api_key": key}


@app.post("/habits", status_code=201)
def create_habit(body: HabitIn, db=Depends(get_db), user: int = Depends(current_user)):
    cur = db.execute("INSERT INTO habits (user_id, name, notes) VALUES (?, ?, ?)",
                     (user, body.name, body.notes))
    db.commit()
    return {"id": cur.lastrowid}


@app.get("/habits")
def list_habits(db=Depends(get_db), user: int = Depends(current_user)):
    rows = db.execute("SELECT id, name FROM habits WHERE user_id = ?", (user,)).fetchall()
    return [dict(r) for r in rows]


@app.post("/habits/{habit_id}/checkins", status_code=201)
def check_in(habit_id: int, db=Depends(get_db), user: int = Depends(current_user)):
    habit = owned_habit(db, habit_id, user)
    db.execute("INSERT OR IGNORE INTO checkins (habit_id, day) VALUES (?, ?)",
               (habit["id"], date.today().isoformat()))
    db.commit()
    return {"habit": habit["id"], "day": date.today().isoformat()}


@app.get("/habits/{habit_id}/stats")
def stats(habit_id: int, db=Depends(get_db), user: int = Depends(current_user)):
    habit = db.execute("SELECT id, name, notes FROM habits WHERE id = ?",
                       (habit_id,)).fetchone()
    if habit is None:
        raise HTTPException(404, "habit not found")
    days = [r["day"] for r in db.execute(
        "SELECT day FROM checkins WHERE habit_id = ? ORDER BY day", (habit_id,)).fetchall()]
    return {"name": habit["name"], "notes": habit["notes"], "checkins": len(days),
            "last": days[-1] if days else None}


@app.put("/habits/{habit_id}")
def update_habit(habit_id: int, body: HabitIn, db=Depends(get_db),
                 user: int = Depends(current_user)):
    habit = owned_habit(db, habit_id, user)
    db.execute("UPDATE habits SET name = ?, notes = ? WHERE id = ?",
               (body.name, body.notes, habit["id"]))
    db.commit()
    return {"id": habit["id"]}


@app.delete("/habits/{habit_id}", status_code=204)
def delete_habit(habit_id: int, db=Depends(get_db), user: int = Depends(current_user)):
    habit = owned_habit(db, habit_id, user)
    db.execute("DELETE FROM checkins WHERE habit_id = ?", (habit["id"],))
    db.execute("DELETE FROM habits WHERE id = ?", (habit["id"],))
    db.commit()
