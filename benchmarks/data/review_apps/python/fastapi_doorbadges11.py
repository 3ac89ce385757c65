"""Office door access (FastAPI + SQLite).

Door controllers ask the API whether a badge may open a door; every decision is written to
an audit log file that the security team reviews. Facilities staff grant badges access to
doors with the admin token.
"""

import hmac
import logging
import os
import re
import sqlite3
from contextlib import closing

from fastapi import Depends, FastAPI, Header, HTTPException
from pydantic import BaseModel, Field

app = FastAPI(title="Door access")
DATABASE = "doors.db"
DOORS = {"lobby", "lab", "server-room", "garage"}
CONTROLLER_KEY = os.environ.get("DOORS_CONTROLLER_KEY", "")
ADMIN_TOKEN = os.environ.get("DOORS_ADMIN_TOKEN", "")

audit = logging.getLogger("doors.audit")
audit.setLevel(logging.INFO)
_handler = logging.FileHandler(os.environ.get("DOORS_AUDIT_LOG", "door-audit.log"))
_handler.setFormatter(logging.Formatter("%(asctime)s %(message)s"))
audit.addHandler(_handler)


def db() -> sqlite3.Connection:
    conn = sqlite3.connect(DATABASE)
    conn.row_factory = sqlite3.Row
    return conn


def init_db() -> None:
    with closing(db()) as conn:
        conn.execute("CREATE TABLE IF NOT EXISTS grants (badge TEXT NOT NULL, door TEXT NOT NULL, "
                     "PRIMARY KEY (badge, door))")
        conn.commit()


def controller(x_controller_key: str = Header(default="")) -> None:
    if not CONTROLLER_KEY or not hmac.compare_digest(x_controller_key, CONTROLLER_KEY):
        raise HTTPException(status_code=401, detail="unknown controller")


def admin(x_admin_token: str = Header(default="")) -> None:
    if not ADMIN_TOKEN or not hmac.compare_digest(x_admin_token, ADMIN_TOKEN):
        raise HTTPException(status_code=403, detail="admins only")


class Swipe(BaseModel):
    badge: str = Field(..., min_length=1, max_length=200)
    door: str


class Grant(BaseModel):
    badge: str = Field(..., pattern=r"^[0-9A-F]{8}$")
    door: str


@app.post("/access", dependencies=[Depends(controller)])
def check_access(body: Swipe) -> dict:
    if body.door not in DOORS:
        raise HTTPException(status_code=400, detail="unknown door")
    with closing(db()) as conn:
        allowed = conn.execute("SELECT 1 FROM grants WHERE badge = ? AND door = ?",
                               (body.badge, body.door)).fetchone() is not None
    result = "GRANTED" if allowed else "DENIED"
    audit.info(f"door={body.door} badge={body.badge} result={result}")
    return {"open": allowed}


@app.post("/grants", status_code=201, dependencies=[Depends(admin)])
def grant(body: Grant) -> dict:
    if body.door not in DOORS:
        raise HTTPException(status_code=400, detail="unknown door")
    with closing(db()) as conn:
        conn.execute("INSERT OR IGNORE INTO grants (badge, door) VALUES (?, ?)",
                     (body.badge, body.door))
        conn.commit()
    audit.info("grant door=%s badge=%s", body.door, body.badge)
    return {"badge": body.badge, "door": body.door}


@app.delete("/grants/{badge}/{door}", status_code=204, dependencies=[Depends(admin)])
def revoke(badge: str, door: str) -> None:
    if door not in DOORS or not re.fullmatch(r"[0-9A-F]{8}", badge):
        raise HTTPException(status_code=404, detail="no such grant")
    with closing(db()) as conn:
        conn.execute("DELETE FROM grants WHERE badge = ? AND door = ?", (badge, door))
        conn.commit()
    audit.info("revoke door=%s badge=%s", door, badge)
