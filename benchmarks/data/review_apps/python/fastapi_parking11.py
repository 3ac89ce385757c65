"""Residential parking permits (FastAPI + SQLite).

Residents register with their home address, apply for a permit for a car, list and cancel
their permits; wardens check a plate. API tokens are random and stored as SHA-256 digests.
"""

import hashlib
import secrets
import sqlite3
from contextlib import closing
from datetime import date, timedelta

from fastapi import Depends, FastAPI, Header, HTTPException
from pydantic import BaseModel, Field

app = FastAPI(title="Parking permits")
DATABASE = "parking.db"
ZONES = {"A", "B", "C", "D"}


def db() -> sqlite3.Connection:
    conn = sqlite3.connect(DATABASE)
    conn.row_factory = sqlite3.Row
    return conn


def init_db() -> None:
    with closing(db()) as conn:
        conn.executescript(
            """
            CREATE TABLE IF NOT EXISTS residents (id INTEGER PRIMARY KEY AUTOINCREMENT,
                name TEXT NOT NULL, address TEXT NOT NULL, token_hash TEXT UNIQUE NOT NULL,
                is_warden INTEGER NOT NULL DEFAULT 0);
            CREATE TABLE IF NOT EXISTS permits (id INTEGER PRIMARY KEY AUTOINCREMENT,
                resident_id INTEGER NOT NULL, plate TEXT NOT NULL, zone TEXT NOT NULL,
                valid_until TEXT NOT NULL);
            """
        )


def digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def current_resident(x_api_token: str = Header(default="")) -> sqlite3.Row:
    with closing(db()) as conn:
        row = conn.execute(
            "SELECT * FROM residents WHERE token_hash = ?", (digest(x_api_token),)
        ).fetchone()
    if row is None:
        raise HTTPException(status_code=401, detail="invalid token")
    return row


def warden(resident: sqlite3.Row = Depends(current_resident)) -> sqlite3.Row:
    if not resident["is_warden"]:
        raise HTTPException(status_code=403, detail="wardens only")
    return resident


class NewResident(BaseModel):
    name: str = Field(..., min_length=1, max_length=80)
    address: str = Field(..., min_length=5, max_length=200)


class NewPermit(BaseModel):
    plate: str = Field(..., pattern=r"^[A-Z0-9]{2,8}$")
    zone: str


@app.post("/residents", status_code=201)
def register(body: NewResident) -> dict:
    token = secrets.token_urlsafe(32)
    with closing(db()) as conn:
        cur = conn.execute(
            "INSERT INTO residents (name, address, token_hash) VALUES (?, ?, ?)",
            (body.name, body.address, digest(token)),
        )
        conn.commit()
    return {"id": cur.lastrowid, "token": token}


@app.post("/permits", status_code=201)
def apply(body: NewPermit, resident: sqlite3.Row = Depends(current_resident)) -> dict:
    if body.zone not in ZONES:
        raise HTTPException(status_code=400, detail="unknown zone")
    until = (date.today() + timedelta(days=365)).isoformat()
    with closing(db()) as conn:
        cur = conn.execute(
            "INSERT INTO permits (resident_id, plate, zone, valid_until) VALUES (?, ?, ?, ?)",
            (resident["id"], body.plate, body.zone, until),
        )
        conn.commit()
    return {"id": cur.lastrowid, "valid_until": until}


@app.get("/permits")
def my_permits(resident: sqlite3.Row = Depends(current_resident)) -> list[dict]:
    with closing(db()) as conn:
        rows = conn.execute(
            "SELECT id, plate, zone, valid_until FROM permits WHERE resident_id = ?",
            (resident["id"],),
        ).fetchall()
    return [dict(r) for r in rows]


@app.get("/permits/{permit_id}")
def get_permit(permit_id: int, resident: sqlite3.Row = Depends(current_resident)) -> dict:
    with closing(db()) as conn:
        row = conn.execute(
            "SELECT p.id, p.plate, p.zone, p.valid_until, r.name, r.address "
            "FROM permits p JOIN residents r ON r.id = p.resident_id WHERE p.id = ?",
            (permit_id,),
        ).fetchone()
    if row is None:
        raise HTTPException(status_code=404, detail="permit not found")
    return dict(row)


@app.delete("/permits/{permit_id}", status_code=204)
def cancel(permit_id: int, resident: sqlite3.Row = Depends(current_resident)) -> None:
    with closing(db()) as conn:
        cur = conn.execute(
            "DELETE FROM permits WHERE id = ? AND resident_id = ?", (permit_id, resident["id"])
        )
        conn.commit()
    if cur.rowcount == 0:
        raise HTTPException(status_code=404, detail="permit not found")


@app.get("/check/{plate}")
def check_plate(plate: str, _: sqlite3.Row = Depends(warden)) -> dict:
    with closing(db()) as conn:
        row = conn.execute(
            "SELECT zone, valid_until FROM permits WHERE plate = ? AND valid_until >= ?",
            (plate.upper(), date.today().isoformat()),
        ).fetchone()
    return {"plate": plate.upper(), "permit": dict(row) if row else None}
