"""Team projects: an owner creates a project, invites members, and admins manage roles."""
import secrets
import sqlite3
from typing import Literal

from fastapi import Depends, FastAPI, HTTPException
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from pydantic import BaseModel, Field
from werkzeug.security import check_password_hash, generate_password_hash

app = FastAPI(title="Projects")
security = HTTPBearer()
DATABASE = "projects.db"


def get_conn():
    conn = sqlite3.connect(DATABASE)
    conn.row_factory = sqlite3.Row
    return conn


def init_db():
    with get_conn() as conn:
        conn.executescript("""
        CREATE TABLE IF NOT EXISTS users (id INTEGER PRIMARY KEY, email TEXT UNIQUE,
            password_hash TEXT, token TEXT UNIQUE);
        CREATE TABLE IF NOT EXISTS projects (id INTEGER PRIMARY KEY, name TEXT, owner_id INTEGER);
        CREATE TABLE IF NOT EXISTS memberships (project_id INTEGER, user_id INTEGER, role TEXT,
            PRIMARY KEY (project_id, user_id));""")


class SignUp(BaseModel):
    email: str = Field(max_length=254, pattern=r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
    password: str = Field(min_length=8, max_length=200)


class ProjectIn(BaseModel):
    name: str = Field(min_length=1, max_length=100)


class MemberIn(BaseModel):
    email: str
    role: Literal["admin", "member"] = "member"


class RoleIn(BaseModel):
    role: Literal["admin", "member"]


def get_current_user(creds: HTTPAuthorizationCredentials = Depends(security)):
    with get_conn() as conn:
        user = conn.execute("SELECT id, email FROM users WHERE token = ?",
                            (creds.credentials,)).fetchone()
    if not user:
        raise HTTPException(status_code=401, detail="Invalid token")
    return user


def get_membership(project_id: int, user_id: int):
    with get_conn() as conn:
        row = conn.execute("SELECT role FROM memberships WHERE project_id = ? AND user_id = ?",
                           (project_id, user_id)).fetchone()
    if row is None:
        raise HTTPException(status_code=404, detail="Project not found")
    return row["role"]


@app.post("/signup", status_code=201)
def signup(body: SignUp):
    try:
        with get_conn() as conn:
            conn.execute("INSERT INTO users (email, password_hash) VALUES (?, ?)",
                         (body.email.lower(), generate_password_hash(body.password)))
    except sqlite3.IntegrityError:
        raise HTTPException(status_code=409, detail="Email already registered")
    return {"email": body.email.lower()}


@app.post("/token")
def issue_token(body: SignUp):
    with get_conn() as conn:
        user = conn.execute("SELECT id, password_hash FROM users WHERE email = ?",
                            (body.email.lower(),)).fetchone()
        if not user or not check_password_hash(user["password_hash"], body.password):
            raise HTTPException(status_code=401, detail="Invalid credentials")
        token = secrets.token_urlsafe(32)
        conn.execute("UPDATE users SET token = ? WHERE id = ?", (token, user["id"]))
    return {"access_token": token}


@app.post("/projects", status_code=201)
def create_project(body: ProjectIn, user=Depends(get_current_user)):
    with get_conn() as conn:
        pid = conn.execute("INSERT INTO projects (name, owner_id) VALUES (?, ?)",
                           (body.name, user["id"])).lastrowid
        conn.execute("INSERT INTO memberships VALUES (?, ?, 'owner')", (pid, user["id"]))
    return {"id": pid, "name": body.name}


@app.get("/projects/{project_id}/members")
def list_members(project_id: int, user=Depends(get_current_user)):
    get_membership(project_id, user["id"])
    with get_conn() as conn:
        rows = conn.execute("SELECT u.id, u.email, m.role FROM memberships m JOIN users u "
                            "ON u.id = m.user_id WHERE m.project_id = ? ORDER BY u.id",
                            (project_id,)).fetchall()
    return [dict(r) for r in rows]


@app.post("/projects/{project_id}/members", status_code=201)
def add_member(project_id: int, body: MemberIn, user=Depends(get_current_user)):
    get_membership(project_id, user["id"])
    with get_conn() as conn:
        invitee = conn.execute("SELECT id FROM users WHERE email = ?",
                               (body.email.lower(),)).fetchone()
        if not invitee:
            raise HTTPException(status_code=404, detail="No user with that email")
        conn.execute("INSERT OR REPLACE INTO memberships VALUES (?, ?, ?)",
                     (project_id, invitee["id"], body.role))
    return {"user_id": invitee["id"], "role": body.role}


@app.put("/projects/{project_id}/members/{member_id}")
def change_role(project_id: int, member_id: int, body: RoleIn, user=Depends(get_current_user)):
    get_membership(project_id, user["id"])
    target = get_membership(project_id, member_id)
    if target == "owner":
        raise HTTPException(status_code=400, detail="The owner's role cannot change")
    with get_conn() as conn:
        conn.execute("UPDATE memberships SET role = ? WHERE project_id = ? AND user_id = ?",
                     (body.role, project_id, member_id))
    return {"user_id": member_id, "role": body.role}


@app.delete("/projects/{project_id}", status_code=204)
def delete_project(project_id: int, user=Depends(get_current_user)):
    if get_membership(project_id, user["id"]) != "owner":
        raise HTTPException(status_code=403, detail="Only the owner can delete a project")
    with get_conn() as conn:
        conn.execute("DELETE FROM memberships WHERE project_id = ?", (project_id,))
        conn.execute("DELETE FROM projects WHERE id = ?", (project_id,))
