"""Product launch waitlist (FastAPI + SQLite).

Visitors join the waitlist with their name and email and get a referral code; each referral
moves the referrer up the list. The team reads the list with an admin token.
"""

import os
import re
import secrets
import sqlite3
from contextlib import closing

from fastapi import Depends, FastAPI, Header, HTTPException
from pydantic import BaseModel, Field

app = FastAPI(title="Waitlist")
DATABASE = "waitlist.db"
ADMIN_TOKEN = os.environ.get("WAITLIST_ADMIN_TOKEN", "")

NAME_RE = re.compile(r"^([A-Za-z]+\s?)+$")
EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s]+\.[A-Za-z]{2,}$")


def db() -> sqlite3.Connection:
    conn = sqlite3.connect(DATABASE)
    conn.row_factory = sqlite3.Row
    return conn


def init_db() -> None:
    with closing(db()) as conn:
        conn.execute(
            "CREATE TABLE IF NOT EXISTS signups (id INTEGER PRIMARY KEY AUTOINCREMENT, "
            "name TEXT NOT NULL, email TEXT UNIQUE NOT NULL, code TEXT UNIQUE NOT NULL, "
            "referred_by TEXT, referrals INTEGER NOT NULL DEFAULT 0)"
        )
        conn.commit()


class JoinRequest(BaseModel):
    name: str = Field(..., min_length=1, max_length=100)
    email: str = Field(..., max_length=254)
    ref: str | None = Field(default=None, max_length=32)


def require_admin(x_admin_token: str = Header(default="")) -> None:
    if not ADMIN_TOKEN or not secrets.compare_digest(x_admin_token, ADMIN_TOKEN):
        raise HTTPException(status_code=401, detail="admin token required")


@app.post("/join", status_code=201)
def join(req: JoinRequest) -> dict:
    name = req.name.strip()
    if not NAME_RE.match(name):
        raise HTTPException(status_code=400, detail="name may contain letters and spaces only")
    email = req.email.strip().lower()
    if not EMAIL_RE.match(email):
        raise HTTPException(status_code=400, detail="invalid email")
    code = secrets.token_urlsafe(8)
    with closing(db()) as conn:
        try:
            conn.execute(
                "INSERT INTO signups (name, email, code, referred_by) VALUES (?, ?, ?, ?)",
                (name, email, code, req.ref),
            )
        except sqlite3.IntegrityError:
            raise HTTPException(status_code=409, detail="already on the list")
        if req.ref:
            conn.execute("UPDATE signups SET referrals = referrals + 1 WHERE code = ?", (req.ref,))
        conn.commit()
    return {"code": code}


@app.get("/position/{code}")
def position(code: str) -> dict:
    with closing(db()) as conn:
        me = conn.execute("SELECT id, referrals FROM signups WHERE code = ?", (code,)).fetchone()
        if me is None:
            raise HTTPException(status_code=404, detail="unknown code")
        ahead = conn.execute(
            "SELECT COUNT(*) FROM signups WHERE referrals > ? OR (referrals = ? AND id < ?)",
            (me["referrals"], me["referrals"], me["id"]),
        ).fetchone()[0]
    return {"position": ahead + 1, "referrals": me["referrals"]}


@app.get("/admin/signups", dependencies=[Depends(require_admin)])
def list_signups(limit: int = 100) -> list[dict]:
    limit = max(1, min(limit, 1000))
    with closing(db()) as conn:
        rows = conn.execute(
            "SELECT name, email, referrals FROM signups ORDER BY referrals DESC, id LIMIT ?",
            (limit,),
        ).fetchall()
    return [dict(r) for r in rows]
