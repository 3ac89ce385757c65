"""Teams API: users create teams, team admins invite people by email with a one-time
invite code, invitees accept to join with the role on the invite, members list the team."""
import os
import secrets
import sqlite3
from datetime import datetime, timedelta, timezone
from typing import Literal

from fastapi import Depends, FastAPI, Header, HTTPException
from pydantic import BaseModel, Field

app = FastAPI(title="Teams")
DB = os.environ.get("TEAMS_DB", "teams.db")
INVITE_TTL = timedelta(days=7)


def db():
    c = sqlite3.connect(DB)
    c.row_factory = sqlite3.Row
    return c


def init_db():
    with db() as c:
        c.executescript("""
            CREATE TABLE IF NOT EXISTS users (id INTEGER PRIMARY KEY, email TEXT UNIQUE, token TEXT UNIQUE);
            CREATE TABLE IF NOT EXISTS teams (id INTEGER PRIMARY KEY, name TEXT);
            CREATE TABLE IF NOT EXISTS memberships (team_id INTEGER, user_id INTEGER, role TEXT,
                PRIMARY KEY (team_id, user_id));
            CREATE TABLE IF NOT EXISTS invites (code TEXT PRIMARY KEY, team_id INTEGER, email TEXT,
                role TEXT, expires_at TEXT, used INTEGER DEFAULT 0);
        """)


def current_user(authorization: str = Header(...)):
    token = authorization.removeprefix("Bearer ")
    with db() as c:
        row = c.execute("SELECT id, email FROM users WHERE token = ?", (token,)).fetchone()
    if row is None:
        raise HTTPException(401, "invalid token")
    return dict(row)


def membership(c, team_id: int, user_id: int):
    return c.execute("SELECT role FROM memberships WHERE team_id = ? AND user_id = ?",
                     (team_id, user_id)).fetchone()


class TeamIn(BaseModel):
    name: str = Field(min_length=1, max_length=80)


class InviteIn(BaseModel):
    email: str = Field(max_length=254)
    role: Literal["member", "admin"] = "member"


@app.post("/teams", status_code=201)
def create_team(body: TeamIn, user=Depends(current_user)):
    with db() as c:
        cur = c.execute("INSERT INTO teams (name) VALUES (?)", (body.name,))
        c.execute("INSERT INTO memberships VALUES (?, ?, 'admin')", (cur.lastrowid, user["id"]))
    return {"id": cur.lastrowid, "name": body.name}


@app.get("/teams/{team_id}/members")
def list_members(team_id: int, user=Depends(current_user)):
    with db() as c:
        if membership(c, team_id, user["id"]) is None:
            raise HTTPException(404, "team not found")
        rows = c.execute("SELECT u.email, m.role FROM memberships m JOIN users u ON u.id = m.user_id "
                         "WHERE m.team_id = ?", (team_id,)).fetchall()
    return [dict(r) for r in rows]


@app.post("/teams/{team_id}/invites", status_code=201)
def invite(team_id: int, body: InviteIn, user=Depends(current_user)):
    with db() as c:
        if c.execute("SELECT 1 FROM teams WHERE id = ?", (team_id,)).fetchone() is None:
            raise HTTPException(404, "team not found")
        code = secrets.token_urlsafe(24)
        expires = datetime.now(timezone.utc) + INVITE_TTL
        c.execute("INSERT INTO invites (code, team_id, email, role, expires_at) VALUES (?, ?, ?, ?, ?)",
                  (code, team_id, body.email.lower(), body.role, expires.isoformat()))
    # in production this is emailed; returned here so the inviter can share the link
    return {"code": code, "expires_at": expires.isoformat()}


@app.post("/invites/{code}/accept")
def accept(code: str, user=Depends(current_user)):
    with db() as c:
        inv = c.execute("SELECT * FROM invites WHERE code = ? AND used = 0", (code,)).fetchone()
        if inv is None:
            raise HTTPException(404, "invite not found or already used")
        if datetime.fromisoformat(inv["expires_at"]) < datetime.now(timezone.utc):
            raise HTTPException(410, "invite expired")
        if inv["email"] != user["email"].lower():
            raise HTTPException(403, "this invite is for a different email address")
        c.execute("INSERT OR REPLACE INTO memberships VALUES (?, ?, ?)",
                  (inv["team_id"], user["id"], inv["role"]))
        c.execute("UPDATE invites SET used = 1 WHERE code = ?", (code,))
    return {"team_id": inv["team_id"], "role": inv["role"]}


@app.delete("/teams/{team_id}/members/{user_id}", status_code=204)
def remove_member(team_id: int, user_id: int, user=Depends(current_user)):
    with db() as c:
        me = membership(c, team_id, user["id"])
        if me is None or me["role"] != "admin":
            raise HTTPException(403, "only team admins can remove members")
        c.execute("DELETE FROM memberships WHERE team_id = ? AND user_id = ?", (team_id, user_id))
