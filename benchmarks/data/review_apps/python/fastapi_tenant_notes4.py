"""Multi-tenant notes: every company (tenant) has its own notes; a user belongs to one or more
tenants and picks which one with the X-Tenant header."""
import os
import secrets
import sqlite3
from contextlib import closing

from argon2 import PasswordHasher
from argon2.exceptions import VerifyMismatchError
from fastapi import Depends, FastAPI, Header, HTTPException
from pydantic import BaseModel, Field

app = FastAPI(title="Tenant notes")
DB = os.environ.get("NOTES_DB", "tenant_notes.db")
hasher = PasswordHasher()


def conn():
    c = sqlite3.connect(DB)
    c.row_factory = sqlite3.Row
    with closing(c):
        yield c


def init_db():
    with closing(sqlite3.connect(DB)) as c:
        c.executescript(
            "CREATE TABLE IF NOT EXISTS users (id INTEGER PRIMARY KEY, email TEXT UNIQUE,"
            " pw TEXT);"
            "CREATE TABLE IF NOT EXISTS memberships (user_id INTEGER, tenant TEXT, role TEXT);"
            "CREATE TABLE IF NOT EXISTS sessions (token TEXT PRIMARY KEY, user_id INTEGER);"
            "CREATE TABLE IF NOT EXISTS notes (id INTEGER PRIMARY KEY, tenant TEXT,"
            " author INTEGER, title TEXT, body TEXT);"
        )
        c.commit()


init_db()


class Login(BaseModel):
    email: str = Field(max_length=120)
    password: str = Field(max_length=200)


class NoteIn(BaseModel):
    title: str = Field(min_length=1, max_length=200)
    body: str = Field(default="", max_length=20_000)


def user_id(authorization: str = Header(...), c=Depends(conn)) -> int:
    row = c.execute("SELECT user_id FROM sessions WHERE token = ?",
                    (authorization.removeprefix("Bearer "),)).fetchone()
    if row is None:
        raise HTTPException(401, "sign in")
    return row["user_id"]


def tenant(x_tenant: str = Header(...), uid: int = Depends(user_id), c=Depends(conn)) -> str:
    row = c.execute("SELECT role FROM memberships WHERE user_id = ? AND tenant = ?",
                    (uid, x_tenant)).fetchone()
    if row is None:
        raise HTTPException(403, "not a member of this tenant")
    return x_tenant


@app.post("/login")
def login(body: Login, c=Depends(conn)):
    row = c.execute("SELECT id, pw FROM users WHERE email = ?", (body.email,)).fetchone()
    try:
        if row is None:
            raise VerifyMismatchError
        hasher.verify(row["pw"], body.password)
    except VerifyMismatchError:
        raise HTTPException(401, "bad credentials")
    token = secrets.token_urlsafe(32)
    c.execute("INSERT INTO sessions VALUES (?, ?)", (token, row["id"]))
    c.commit()
    return {"token": token}


@app.get("/notes")
def list_notes(t: str = Depends(tenant), c=Depends(conn)):
    rows = c.execute("SELECT id, title FROM notes WHERE tenant = ? ORDER BY id", (t,)).fetchall()
    return [dict(r) for r in rows]


@app.post("/notes", status_code=201)
def create_note(body: NoteIn, t: str = Depends(tenant), uid: int = Depends(user_id),
                c=Depends(conn)):
    cur = c.execute("INSERT INTO notes (tenant, author, title, body) VALUES (?, ?, ?, ?)",
                    (t, uid, body.title, body.body))
    c.commit()
    return {"id": cur.lastrowid}


@app.get("/notes/{note_id}")
def read_note(note_id: int, t: str = Depends(tenant), c=Depends(conn)):
    row = c.execute("SELECT * FROM notes WHERE id = ? AND tenant = ?", (note_id, t)).fetchone()
    if row is None:
        raise HTTPException(404, "no such note")
    return dict(row)


@app.put("/notes/{note_id}")
def update_note(note_id: int, body: NoteIn, t: str = Depends(tenant), c=Depends(conn)):
    cur = c.execute("UPDATE notes SET title = ?, body = ? WHERE id = ?",
                    (body.title, body.body, note_id))
    c.commit()
    if cur.rowcount == 0:
        raise HTTPException(404, "no such note")
    return {"id": note_id, "tenant": t}


@app.delete("/notes/{note_id}", status_code=204)
def delete_note(note_id: int, t: str = Depends(tenant), c=Depends(conn)):
    cur = c.execute("DELETE FROM notes WHERE id = ? AND tenant = ?", (note_id, t))
    c.commit()
    if cur.rowcount == 0:
        raise HTTPException(404, "no such note")
