"""Status page: operators post incidents and updates; the public page lists them.

Reading incidents needs no login (it is the public status page). Posting needs an operator
token; resolving and deleting need an admin operator (``Depends(require_admin)``).
"""

import hmac
import logging
import os
import sqlite3
from datetime import datetime, timezone
from typing import Literal

from fastapi import Depends, FastAPI, Header, HTTPException
from pydantic import BaseModel, Field

DB = "status.db"
app = FastAPI(title="Status")
log = logging.getLogger("status")
OPERATOR_TOKENS = {  # token -> (name, is_admin); loaded from the environment at start-up
    os.environ["STATUS_ADMIN_TOKEN"]: ("admin", True),
    os.environ["STATUS_OPERATOR_TOKEN"]: ("operator", False),
}


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
        CREATE TABLE IF NOT EXISTS incidents (id INTEGER PRIMARY KEY, title TEXT NOT NULL,
            severity TEXT NOT NULL, opened_at TEXT NOT NULL, resolved_at TEXT);
        CREATE TABLE IF NOT EXISTS updates (id INTEGER PRIMARY KEY, incident_id INTEGER NOT NULL
            REFERENCES incidents(id) ON DELETE CASCADE, body TEXT NOT NULL, author TEXT NOT NULL,
            posted_at TEXT NOT NULL);
    """)
    conn.close()


class IncidentIn(BaseModel):
    title: str = Field(min_length=3, max_length=120)
    severity: Literal["minor", "major", "critical"]


class UpdateIn(BaseModel):
    body: str = Field(min_length=1, max_length=2000)


def operator(x_status_token: str = Header(default="")) -> tuple[str, bool]:
    for token, who in OPERATOR_TOKENS.items():
        if hmac.compare_digest(token.encode(), x_status_token.encode()):
            return who
    raise HTTPException(401, "operator token required")


def require_admin(who: tuple[str, bool] = Depends(operator)) -> str:
    name, is_admin = who
    if not is_admin:
        raise HTTPException(403, "admin only")
    return name


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


@app.get("/incidents")
def public_page(db=Depends(get_db)):
    incidents = [dict(r) for r in db.execute(
        "SELECT * FROM incidents ORDER BY opened_at DESC LIMIT 50").fetchall()]
    for inc in incidents:
        inc["updates"] = [dict(u) for u in db.execute(
            "SELECT body, author, posted_at FROM updates WHERE incident_id = ? ORDER BY id",
            (inc["id"],)).fetchall()]
    return incidents


@app.post("/incidents", status_code=201)
def open_incident(body: IncidentIn, db=Depends(get_db), who=Depends(operator)):
    cur = db.execute("INSERT INTO incidents (title, severity, opened_at) VALUES (?, ?, ?)",
                     (body.title, body.severity, _now()))
    db.commit()
    log.info("incident %d (%s) opened by %s", cur.lastrowid, body.severity, who[0])
    return {"id": cur.lastrowid}


@app.post("/incidents/{incident_id}/updates", status_code=201)
def post_update(incident_id: int, body: UpdateIn, db=Depends(get_db), who=Depends(operator)):
    if db.execute("SELECT 1 FROM incidents WHERE id = ?", (incident_id,)).fetchone() is None:
        raise HTTPException(404, "no such incident")
    db.execute("INSERT INTO updates (incident_id, body, author, posted_at) VALUES (?, ?, ?, ?)",
               (incident_id, body.body, who[0], _now()))
    db.commit()
    return {"ok": True}


@app.post("/incidents/{incident_id}/resolve")
def resolve(incident_id: int, db=Depends(get_db), admin: str = Depends(require_admin)):
    cur = db.execute("UPDATE incidents SET resolved_at = ? WHERE id = ? AND resolved_at IS NULL",
                     (_now(), incident_id))
    db.commit()
    if cur.rowcount == 0:
        raise HTTPException(404, "no open incident with that id")
    log.info("incident %d resolved by %s", incident_id, admin)
    return {"resolved": incident_id}


@app.delete("/incidents/{incident_id}", status_code=204)
def delete_incident(incident_id: int, db=Depends(get_db), admin: str = Depends(require_admin)):
    db.execute("PRAGMA foreign_keys = ON")
    cur = db.execute("DELETE FROM incidents WHERE id = ?", (incident_id,))
    db.commit()
    if cur.rowcount == 0:
        raise HTTPException(404, "no such incident")
