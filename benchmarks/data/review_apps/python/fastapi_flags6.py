"""Feature-flag service: admins create and update flags (on/off plus a percentage rollout
and an allowlist of user ids); apps ask whether a flag is on for a given user."""
import hashlib
import hmac
import json
import os
import re
import sqlite3

from fastapi import Depends, FastAPI, Header, HTTPException
from pydantic import BaseModel, Field, field_validator

app = FastAPI(title="Flags")
DB = os.environ.get("FLAGS_DB", "flags.db")
ADMIN_TOKEN = os.environ["FLAGS_ADMIN_TOKEN"]
FLAG_KEY = re.compile(r"^[a-z][a-z0-9_.-]{1,63}$")


def db():
    c = sqlite3.connect(DB)
    c.row_factory = sqlite3.Row
    return c


def init_db():
    with db() as c:
        c.execute("CREATE TABLE IF NOT EXISTS flags (key TEXT PRIMARY KEY, enabled INTEGER, "
                  "rollout INTEGER, allow TEXT, description TEXT)")


def require_admin(x_admin_token: str = Header(...)):
    if not hmac.compare_digest(x_admin_token.encode(), ADMIN_TOKEN.encode()):
        raise HTTPException(status_code=403, detail="admin token required")


class Flag(BaseModel):
    enabled: bool = False
    rollout: int = Field(0, ge=0, le=100)
    allow: list[str] = Field(default_factory=list, max_length=500)
    description: str = Field("", max_length=500)

    @field_validator("allow")
    @classmethod
    def short_ids(cls, v: list[str]) -> list[str]:
        if any(len(u) > 64 for u in v):
            raise ValueError("user ids are at most 64 characters")
        return v


def bucket(key: str, user_id: str) -> int:
    """A stable 0-99 bucket for this user and flag, so a rollout is sticky per user."""
    digest = hashlib.sha256(f"{key}:{user_id}".encode()).digest()
    return int.from_bytes(digest[:4], "big") % 100


@app.put("/flags/{key}", dependencies=[Depends(require_admin)])
def put_flag(key: str, flag: Flag):
    if not FLAG_KEY.match(key):
        raise HTTPException(status_code=400, detail="flag keys are lowercase, 2-64 characters")
    with db() as c:
        c.execute("INSERT OR REPLACE INTO flags VALUES (?, ?, ?, ?, ?)",
                  (key, int(flag.enabled), flag.rollout, json.dumps(flag.allow), flag.description))
    return {"key": key, **flag.model_dump()}


@app.get("/flags", dependencies=[Depends(require_admin)])
def list_flags():
    with db() as c:
        rows = c.execute("SELECT * FROM flags ORDER BY key").fetchall()
    return [{**dict(r), "enabled": bool(r["enabled"]), "allow": json.loads(r["allow"])} for r in rows]


@app.delete("/flags/{key}", dependencies=[Depends(require_admin)], status_code=204)
def delete_flag(key: str):
    with db() as c:
        if c.execute("DELETE FROM flags WHERE key = ?", (key,)).rowcount == 0:
            raise HTTPException(status_code=404, detail="no such flag")


@app.get("/evaluate/{key}")
def evaluate(key: str, user_id: str):
    with db() as c:
        row = c.execute("SELECT enabled, rollout, allow FROM flags WHERE key = ?", (key,)).fetchone()
    if row is None:
        return {"key": key, "on": False, "reason": "unknown flag"}
    if not row["enabled"]:
        return {"key": key, "on": False, "reason": "disabled"}
    if user_id in json.loads(row["allow"]):
        return {"key": key, "on": True, "reason": "allowlisted"}
    on = bucket(key, user_id) < row["rollout"]
    return {"key": key, "on": on, "reason": f"rollout {row['rollout']}%"}
