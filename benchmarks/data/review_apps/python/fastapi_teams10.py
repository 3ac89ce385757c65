"""Team workspace API (FastAPI + SQLite).

Users create teams; a team's admins add members and set their roles (admin, member, viewer);
members post notes to the team board. Bearer tokens are random and stored as SHA-256 digests.
"""

import hashlib
import secrets
import sqlite3
from contextlib import closing
from typing import Literal

from fastapi import Depends, FastAPI, Header, HTTPException
from pydantic import BaseModel, Field

app = FastAPI(title="Teams")
DATABASE = "teams.db"


def db() -> sqlite3.Connection:
    conn = sqlite3.connect(DATABASE)
    conn.row_factory = sqlite3.Row
    return conn


def init_db() -> None:
    with closing(db()) as conn:
        conn.executescript(
            """
            CREATE TABLE IF NOT EXISTS users (id INTEGER PRIMARY KEY AUTOINCREMENT,
                name TEXT NOT NULL, token_hash TEXT UNIQUE NOT NULL);
            CREATE TABLE IF NOT EXISTS teams (id INTEGER PRIMARY KEY AUTOINCREMENT,
                name TEXT NOT NULL);
            CREATE TABLE IF NOT EXISTS memberships (team_id INTEGER NOT NULL,
                user_id INTEGER NOT NULL, role TEXT NOT NULL,
                PRIMARY KEY (team_id, user_id));
            CREATE TABLE IF NOT EXISTS notes (id INTEGER PRIMARY KEY AUTOINCREMENT,
                team_id INTEGER NOT NULL, author_id INTEGER NOT NULL, body TEXT NOT NULL);
            """
        )


def digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def current_user(authorization: str = Header(default="")) -> sqlite3.Row:
    token = authorization.removeprefix("Bearer ").strip()
    with closing(db()) as conn:
        user = conn.execute(
            "SELECT id, name FROM users WHERE token_hash = ?", (digest(token),)
        ).fetchone()
    if user is None:
        raise HTTPException(status_code=401, detail="invalid token")
    return user


def role_in(team_id: int, user_id: int) -> str | None:
    with closing(db()) as conn:
        row = conn.execute(
            "SELECT role FROM memberships WHERE team_id = ? AND user_id = ?", (team_id, user_id)
        ).fetchone()
    return row["role"] if row else None


def require_role(team_id: int, user: sqlite3.Row, *roles: str) -> str:
    role = role_in(team_id, user["id"])
    if role is None:
        raise HTTPException(status_code=404, detail="team not found")
    if role not in roles:
        raise HTTPException(status_code=403, detail="not allowed")
    return role


class NewUser(BaseModel):
    name: str = Field(..., min_length=1, max_length=60)


class NewTeam(BaseModel):
    name: str = Field(..., min_length=1, max_length=80)


class MemberIn(BaseModel):
    user_id: int
    role: Literal["admin", "member", "viewer"] = "member"


class RoleIn(BaseModel):
    role: Literal["admin", "member", "viewer"]


class NoteIn(BaseModel):
    body: str = Field(..., min_length=1, max_length=5000)


@app.post("/users", status_code=201)
def create_user(body: NewUser) -> dict:
    token = secrets.token_urlsafe(32)
    with closing(db()) as conn:
        cur = conn.execute(
            "INSERT INTO users (name, token_hash) VALUES (?, ?)", (body.name, digest(token))
        )
        conn.commit()
    return {"id": cur.lastrowid, "token": token}


@app.post("/teams", status_code=201)
def create_team(body: NewTeam, user=Depends(current_user)) -> dict:
    with closing(db()) as conn:
        cur = conn.execute("INSERT INTO teams (name) VALUES (?)", (body.name,))
        conn.execute(
            "INSERT INTO memberships (team_id, user_id, role) VALUES (?, ?, 'admin')",
            (cur.lastrowid, user["id"]),
        )
        conn.commit()
    return {"id": cur.lastrowid}


@app.get("/teams/{team_id}/members")
def list_members(team_id: int, user=Depends(current_user)) -> list[dict]:
    require_role(team_id, user, "admin", "member", "viewer")
    with closing(db()) as conn:
        rows = conn.execute(
            "SELECT u.id, u.name, m.role FROM memberships m JOIN users u ON u.id = m.user_id "
            "WHERE m.team_id = ? ORDER BY u.id",
            (team_id,),
        ).fetchall()
    return [dict(r) for r in rows]


@app.post("/teams/{team_id}/members", status_code=201)
def add_member(team_id: int, body: MemberIn, user=Depends(current_user)) -> dict:
    require_role(team_id, user, "admin")
    with closing(db()) as conn:
        if conn.execute("SELECT 1 FROM users WHERE id = ?", (body.user_id,)).fetchone() is None:
            raise HTTPException(status_code=404, detail="user not found")
        conn.execute(
            "INSERT OR REPLACE INTO memberships (team_id, user_id, role) VALUES (?, ?, ?)",
            (team_id, body.user_id, body.role),
        )
        conn.commit()
    return {"team_id": team_id, "user_id": body.user_id, "role": body.role}


@app.put("/teams/{team_id}/members/{member_id}/role")
def set_role(team_id: int, member_id: int, body: RoleIn, user=Depends(current_user)) -> dict:
    with closing(db()) as conn:
        is_admin = conn.execute(
            "SELECT 1 FROM memberships WHERE user_id = ? AND role = 'admin'", (user["id"],)
        ).fetchone()
        if not is_admin:
            raise HTTPException(status_code=403, detail="admins only")
        cur = conn.execute(
            "UPDATE memberships SET role = ? WHERE team_id = ? AND user_id = ?",
            (body.role, team_id, member_id),
        )
        conn.commit()
    if cur.rowcount == 0:
        raise HTTPException(status_code=404, detail="member not found")
    return {"team_id": team_id, "user_id": member_id, "role": body.role}


@app.post("/teams/{team_id}/notes", status_code=201)
def post_note(team_id: int, body: NoteIn, user=Depends(current_user)) -> dict:
    require_role(team_id, user, "admin", "member")
    with closing(db()) as conn:
        cur = conn.execute(
            "INSERT INTO notes (team_id, author_id, body) VALUES (?, ?, ?)",
            (team_id, user["id"], body.body),
        )
        conn.commit()
    return {"id": cur.lastrowid}


@app.get("/teams/{team_id}/notes")
def list_notes(team_id: int, user=Depends(current_user)) -> list[dict]:
    require_role(team_id, user, "admin", "member", "viewer")
    with closing(db()) as conn:
        rows = conn.execute(
            "SELECT n.id, n.body, u.name AS author FROM notes n JOIN users u ON u.id = n.author_id "
            "WHERE n.team_id = ? ORDER BY n.id",
            (team_id,),
        ).fetchall()
    return [dict(r) for r in rows]
