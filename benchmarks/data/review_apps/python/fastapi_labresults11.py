"""Lab results portal (FastAPI + SQLite).

Clinicians post lab results for the patients in their care; patients read their own
results; a clinician reads the results of their patients only (the care_team table says
who). Patients download their results as CSV. API keys are random, stored as digests.
"""

import csv
import hashlib
import io
import secrets
import sqlite3
from contextlib import closing
from datetime import date

from fastapi import Depends, FastAPI, Header, HTTPException
from fastapi.responses import PlainTextResponse
from pydantic import BaseModel, Field

app = FastAPI(title="Lab results")
DATABASE = "labs.db"
TESTS = {"hba1c": "%", "ldl": "mmol/L", "tsh": "mIU/L", "hb": "g/dL"}


def db() -> sqlite3.Connection:
    conn = sqlite3.connect(DATABASE)
    conn.row_factory = sqlite3.Row
    return conn


def init_db() -> None:
    with closing(db()) as conn:
        conn.executescript(
            """
            CREATE TABLE IF NOT EXISTS people (id INTEGER PRIMARY KEY AUTOINCREMENT,
                name TEXT NOT NULL, role TEXT NOT NULL, key_hash TEXT UNIQUE NOT NULL);
            CREATE TABLE IF NOT EXISTS care_team (clinician_id INTEGER NOT NULL,
                patient_id INTEGER NOT NULL, PRIMARY KEY (clinician_id, patient_id));
            CREATE TABLE IF NOT EXISTS results (id INTEGER PRIMARY KEY AUTOINCREMENT,
                patient_id INTEGER NOT NULL, test TEXT NOT NULL, value REAL NOT NULL,
                taken_on TEXT NOT NULL, comment TEXT NOT NULL DEFAULT '');
            """
        )


def add_person(name: str, role: str) -> tuple[int, str]:
    key = secrets.token_urlsafe(32)
    with closing(db()) as conn:
        cur = conn.execute("INSERT INTO people (name, role, key_hash) VALUES (?, ?, ?)",
                           (name, role, hashlib.sha256(key.encode()).hexdigest()))
        conn.commit()
    return cur.lastrowid, key


def assign(clinician_id: int, patient_id: int) -> None:
    with closing(db()) as conn:
        conn.execute("INSERT INTO care_team VALUES (?, ?)", (clinician_id, patient_id))
        conn.commit()


def caller(x_api_key: str = Header(default="")) -> sqlite3.Row:
    with closing(db()) as conn:
        who = conn.execute("SELECT id, name, role FROM people WHERE key_hash = ?",
                           (hashlib.sha256(x_api_key.encode()).hexdigest(),)).fetchone()
    if who is None:
        raise HTTPException(status_code=401, detail="invalid API key")
    return who


def may_read(who: sqlite3.Row, patient_id: int, conn: sqlite3.Connection) -> bool:
    if who["role"] == "patient":
        return who["id"] == patient_id
    return conn.execute("SELECT 1 FROM care_team WHERE clinician_id = ? AND patient_id = ?",
                        (who["id"], patient_id)).fetchone() is not None


class Result(BaseModel):
    test: str
    value: float
    taken_on: date
    comment: str = Field(default="", max_length=500)


@app.post("/patients/{patient_id}/results", status_code=201)
def add_result(patient_id: int, body: Result, who: sqlite3.Row = Depends(caller)) -> dict:
    if who["role"] != "clinician":
        raise HTTPException(status_code=403, detail="clinicians only")
    if body.test not in TESTS:
        raise HTTPException(status_code=400, detail="unknown test")
    with closing(db()) as conn:
        if not may_read(who, patient_id, conn):
            raise HTTPException(status_code=404, detail="patient not found")
        cur = conn.execute(
            "INSERT INTO results (patient_id, test, value, taken_on, comment) "
            "VALUES (?, ?, ?, ?, ?)",
            (patient_id, body.test, body.value, body.taken_on.isoformat(), body.comment),
        )
        conn.commit()
    return {"id": cur.lastrowid}


@app.get("/patients/{patient_id}/results")
def results(patient_id: int, test: str | None = None,
            who: sqlite3.Row = Depends(caller)) -> list[dict]:
    with closing(db()) as conn:
        if not may_read(who, patient_id, conn):
            raise HTTPException(status_code=404, detail="patient not found")
        rows = conn.execute(
            "SELECT id, test, value, taken_on, comment FROM results WHERE patient_id = ? "
            "AND (? IS NULL OR test = ?) ORDER BY taken_on DESC",
            (patient_id, test, test),
        ).fetchall()
    return [dict(r) | {"unit": TESTS[r["test"]]} for r in rows]


@app.get("/me/results.csv", response_class=PlainTextResponse)
def my_csv(who: sqlite3.Row = Depends(caller)) -> PlainTextResponse:
    with closing(db()) as conn:
        rows = conn.execute("SELECT test, value, taken_on, comment FROM results "
                            "WHERE patient_id = ? ORDER BY taken_on", (who["id"],)).fetchall()
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["test", "value", "unit", "taken_on", "comment"])
    for r in rows:
        comment = r["comment"]
        if comment[:1] in ("=", "+", "-", "@", "\t", "\r"):
            comment = "'" + comment
        writer.writerow([r["test"], r["value"], TESTS[r["test"]], r["taken_on"], comment])
    return PlainTextResponse(out.getvalue(), media_type="text/csv",
                             headers={"Content-Disposition": "attachment; filename=results.csv"})
