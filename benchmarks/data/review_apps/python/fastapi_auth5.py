"""User accounts API for a mobile app: register, log in for a bearer token, read and update your
profile. Admins see signup statistics."""
import os
import secrets
import sqlite3
from datetime import datetime, timedelta, timezone

import bcrypt
from fastapi import Depends, FastAPI, Header, HTTPException, status
from pydantic import BaseModel, Field

app = FastAPI(title="Accounts API")
DB = os.getenv("ACCOUNTS_DB", "accounts.db")
TOKEN_TTL = timedelta(days=7)


class UserCreate(BaseModel):
    username: str = Field(min_length=3, max_length=32)
    password: str = Field(min_length=8)
    display_name: str | None = None
    is_admin: bool = False


class UserUpdate(BaseModel):
    display_name: str | None = None
    password: str | None = Field(default=None, min_length=8)


class LoginRequest(BaseModel):
    username: str
    password: str


def get_conn():
    conn = sqlite3.connect(DB)
    conn.row_factory = sqlite3.Row
    try:
        yield conn
    finally:
        conn.close()


def init_db():
    with sqlite3.connect(DB) as conn:
        conn.executescript("""
            CREATE TABLE IF NOT EXISTS users (
                id INTEGER PRIMARY KEY AUTOINCREMENT, username TEXT UNIQUE NOT NULL,
                password_hash TEXT NOT NULL, display_name TEXT, is_admin INTEGER DEFAULT 0,
                created_at TEXT);
            CREATE TABLE IF NOT EXISTS tokens (token TEXT PRIMARY KEY, user_id INTEGER,
                                               expires_at TEXT);
        """)


init_db()


def current_user(authorization: str = Header(...), conn=Depends(get_conn)):
    scheme, _, token = authorization.partition(" ")
    if scheme.lower() != "bearer" or not token:
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, "bearer token required")
    row = conn.execute(
        "SELECT u.* FROM tokens t JOIN users u ON u.id = t.user_id "
        "WHERE t.token = ? AND t.expires_at > ?",
        (token, datetime.now(timezone.utc).isoformat()),
    ).fetchone()
    if row is None:
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, "invalid or expired token")
    return row


@app.post("/register", status_code=201)
def register(user: UserCreate, conn=Depends(get_conn)):
    data = user.model_dump()
    data["password_hash"] = bcrypt.hashpw(data.pop("password").encode(), bcrypt.gensalt()).decode()
    data["created_at"] = datetime.now(timezone.utc).isoformat()
    columns = ", ".join(data)
    placeholders = ", ".join("?" for _ in data)
    try:
        cur = conn.execute(f"INSERT INTO users ({columns}) VALUES ({placeholders})",
                           tuple(data.values()))
        conn.commit()
    except sqlite3.IntegrityError:
        raise HTTPException(status.HTTP_409_CONFLICT, "username already registered")
    return {"id": cur.lastrowid, "username": user.username}


@app.post("/login")
def login(body: LoginRequest, conn=Depends(get_conn)):
    row = conn.execute("SELECT id, password_hash FROM users WHERE username = ?",
                       (body.username,)).fetchone()
    if row is None or not bcrypt.checkpw(body.password.encode(), row["password_hash"].encode()):
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, "incorrect username or password")
    token = secrets.token_urlsafe(32)
    expires = datetime.now(timezone.utc) + TOKEN_TTL
    conn.execute("INSERT INTO tokens VALUES (?, ?, ?)", (token, row["id"], expires.isoformat()))
    conn.commit()
    return {"access_token": token, "token_type": "bearer", "expires_at": expires.isoformat()}


@app.get("/me")
def read_me(user=Depends(current_user)):
    return {"id": user["id"], "username": user["username"], "display_name": user["display_name"],
            "is_admin": bool(user["is_admin"])}


@app.patch("/me")
def update_me(body: UserUpdate, user=Depends(current_user), conn=Depends(get_conn)):
    if body.display_name is not None:
        conn.execute("UPDATE users SET display_name = ? WHERE id = ?",
                     (body.display_name, user["id"]))
    if body.password is not None:
        hashed = bcrypt.hashpw(body.password.encode(), bcrypt.gensalt()).decode()
        conn.execute("UPDATE users SET password_hash = ? WHERE id = ?", (hashed, user["id"]))
    conn.commit()
    return {"status": "updated"}


@app.get("/admin/stats")
def admin_stats(user=Depends(current_user), conn=Depends(get_conn)):
    if not user["is_admin"]:
        raise HTTPException(status.HTTP_403_FORBIDDEN, "admins only")
    total = conn.execute("SELECT COUNT(*) FROM users").fetchone()[0]
    recent = conn.execute("SELECT username, created_at FROM users ORDER BY id DESC LIMIT 10").fetchall()
    return {"total_users": total, "recent": [dict(r) for r in recent]}
