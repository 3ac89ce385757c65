"""Prescription refills (FastAPI + SQLite).

Patients ask for refills of their prescriptions; pharmacists see the pending queue and
approve or reject each request. Accounts log in for a random session token.
"""

import secrets
import sqlite3
from contextlib import closing
from datetime import datetime, timezone
from typing import Literal

from fastapi import Depends, FastAPI, Header, HTTPException
from pydantic import BaseModel, Field
from werkzeug.security import check_password_hash, generate_password_hash

app = FastAPI(title="Refills")
DATABASE = "pharmacy.db"
SESSIONS: dict[str, int] = {}


def db() -> sqlite3.Connection:
    conn = sqlite3.connect(DATABASE)
    conn.row_factory = sqlite3.Row
    return conn


def init_db() -> None:
    with closing(db()) as conn:
        conn.executescript(
            """
            CREATE TABLE IF NOT EXISTS accounts (id INTEGER PRIMARY KEY AUTOINCREMENT,
                email TEXT UNIQUE NOT NULL, password_hash TEXT NOT NULL,
                role TEXT NOT NULL DEFAULT 'patient');
            CREATE TABLE IF NOT EXISTS prescriptions (id INTEGER PRIMARY KEY AUTOINCREMENT,
                patient_id INTEGER NOT NULL, drug TEXT NOT NULL, refills_left INTEGER NOT NULL);
            CREATE TABLE IF NOT EXISTS refills (id INTEGER PRIMARY KEY AUTOINCREMENT,
                prescription_id INTEGER NOT NULL, status TEXT NOT NULL DEFAULT 'pending',
                requested_at TEXT NOT NULL, decided_by INTEGER);
            """
        )


def create_account(email: str, password: str, role: str = "patient") -> int:
    with closing(db()) as conn:
        cur = conn.execute(
            "INSERT INTO accounts (email, password_hash, role) VALUES (?, ?, ?)",
            (email, generate_password_hash(password), role),
        )
        conn.commit()
        return cur.lastrowid


def add_prescription(patient_id: int, drug: str, refills: int) -> int:
    with closing(db()) as conn:
        cur = conn.execute(
            "INSERT INTO prescriptions (patient_id, drug, refills_left) VALUES (?, ?, ?)",
            (patient_id, drug, refills),
        )
        conn.commit()
        return cur.lastrowid


def current_account(authorization: str = Header(default="")) -> sqlite3.Row:
    account_id = SESSIONS.get(authorization.removeprefix("Bearer ").strip())
    if account_id is None:
        raise HTTPException(status_code=401, detail="not logged in")
    with closing(db()) as conn:
        return conn.execute("SELECT id, email, role FROM accounts WHERE id = ?",
                            (account_id,)).fetchone()


def require_pharmacist(account: sqlite3.Row = Depends(current_account)) -> sqlite3.Row:
    if account["role"] != "pharmacist":
        raise HTTPException(status_code=403, detail="pharmacists only")
    return account


class Login(BaseModel):
    email: str
    password: str


class Decision(BaseModel):
    decision: Literal["approved", "rejected"]
    note: str = Field(default="", max_length=500)


@app.post("/login")
def login(body: Login) -> dict:
    with closing(db()) as conn:
        row = conn.execute("SELECT * FROM accounts WHERE email = ?", (body.email,)).fetchone()
    if row is None or not check_password_hash(row["password_hash"], body.password):
        raise HTTPException(status_code=401, detail="invalid credentials")
    token = secrets.token_urlsafe(32)
    SESSIONS[token] = row["id"]
    return {"token": token}


@app.get("/prescriptions")
def my_prescriptions(account: sqlite3.Row = Depends(current_account)) -> list[dict]:
    with closing(db()) as conn:
        rows = conn.execute("SELECT id, drug, refills_left FROM prescriptions "
                            "WHERE patient_id = ?", (account["id"],)).fetchall()
    return [dict(r) for r in rows]


@app.post("/prescriptions/{rx_id}/refills", status_code=201)
def request_refill(rx_id: int, account: sqlite3.Row = Depends(current_account)) -> dict:
    with closing(db()) as conn:
        rx = conn.execute("SELECT * FROM prescriptions WHERE id = ? AND patient_id = ?",
                          (rx_id, account["id"])).fetchone()
        if rx is None:
            raise HTTPException(status_code=404, detail="prescription not found")
        if rx["refills_left"] <= 0:
            raise HTTPException(status_code=409, detail="no refills left")
        cur = conn.execute(
            "INSERT INTO refills (prescription_id, requested_at) VALUES (?, ?)",
            (rx_id, datetime.now(timezone.utc).isoformat()),
        )
        conn.commit()
    return {"id": cur.lastrowid, "status": "pending"}


@app.get("/refills/pending")
def pending(_: sqlite3.Row = Depends(require_pharmacist)) -> list[dict]:
    with closing(db()) as conn:
        rows = conn.execute(
            "SELECT r.id, p.drug, a.email AS patient, r.requested_at FROM refills r "
            "JOIN prescriptions p ON p.id = r.prescription_id "
            "JOIN accounts a ON a.id = p.patient_id WHERE r.status = 'pending' "
            "ORDER BY r.requested_at"
        ).fetchall()
    return [dict(r) for r in rows]


@app.post("/refills/{refill_id}/decision")
def decide(refill_id: int, body: Decision,
           account: sqlite3.Row = Depends(current_account)) -> dict:
    with closing(db()) as conn:
        refill = conn.execute("SELECT * FROM refills WHERE id = ? AND status = 'pending'",
                              (refill_id,)).fetchone()
        if refill is None:
            raise HTTPException(status_code=404, detail="no pending refill")
        conn.execute("UPDATE refills SET status = ?, decided_by = ? WHERE id = ?",
                     (body.decision, account["id"], refill_id))
        if body.decision == "approved":
            conn.execute("UPDATE prescriptions SET refills_left = refills_left - 1 "
                         "WHERE id = ?", (refill["prescription_id"],))
        conn.commit()
    return {"id": refill_id, "status": body.decision}


@app.get("/refills/{refill_id}")
def refill_status(refill_id: int, account: sqlite3.Row = Depends(current_account)) -> dict:
    with closing(db()) as conn:
        row = conn.execute(
            "SELECT r.id, r.status, p.drug FROM refills r "
            "JOIN prescriptions p ON p.id = r.prescription_id "
            "WHERE r.id = ? AND (p.patient_id = ? OR ? = 'pharmacist')",
            (refill_id, account["id"], account["role"]),
        ).fetchone()
    if row is None:
        raise HTTPException(status_code=404, detail="refill not found")
    return dict(row)
