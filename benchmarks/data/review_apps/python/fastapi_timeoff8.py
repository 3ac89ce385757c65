"""Time off: employees request days off against their balance, managers approve or reject."""
import secrets
import sqlite3
from datetime import date

from fastapi import Depends, FastAPI, HTTPException
from fastapi.security import APIKeyHeader
from pydantic import BaseModel, Field
from werkzeug.security import check_password_hash, generate_password_hash

app = FastAPI(title="Time off")
api_key = APIKeyHeader(name="X-Session")
DATABASE = "timeoff.db"
DEFAULT_BALANCE = 25


def db():
    conn = sqlite3.connect(DATABASE)
    conn.row_factory = sqlite3.Row
    return conn


def init_db():
    with db() as conn:
        conn.executescript("""
        CREATE TABLE IF NOT EXISTS employees (id INTEGER PRIMARY KEY, email TEXT UNIQUE,
            password_hash TEXT, manager_id INTEGER, balance INTEGER, session TEXT UNIQUE);
        CREATE TABLE IF NOT EXISTS requests (id INTEGER PRIMARY KEY, employee_id INTEGER,
            start_date TEXT, days INTEGER, reason TEXT, status TEXT DEFAULT 'pending');""")


def add_employee(email: str, password: str, manager_id: int | None = None) -> int:
    with db() as conn:
        return conn.execute("INSERT INTO employees (email, password_hash, manager_id, balance) "
                            "VALUES (?, ?, ?, ?)", (email, generate_password_hash(password),
                                                    manager_id, DEFAULT_BALANCE)).lastrowid


def current_employee(session: str = Depends(api_key)):
    with db() as conn:
        row = conn.execute("SELECT id, email, manager_id, balance FROM employees WHERE session = ?",
                           (session,)).fetchone()
    if row is None:
        raise HTTPException(status_code=401, detail="not signed in")
    return row


class Login(BaseModel):
    email: str = Field(max_length=254)
    password: str = Field(max_length=200)


class TimeOffRequest(BaseModel):
    start_date: date
    days: int
    reason: str = Field(default="", max_length=300)


class Decision(BaseModel):
    approve: bool


@app.post("/sessions")
def sign_in(body: Login):
    with db() as conn:
        row = conn.execute("SELECT id, password_hash FROM employees WHERE email = ?",
                           (body.email.lower(),)).fetchone()
        if row is None or not check_password_hash(row["password_hash"], body.password):
            raise HTTPException(status_code=401, detail="wrong email or password")
        token = secrets.token_urlsafe(32)
        conn.execute("UPDATE employees SET session = ? WHERE id = ?", (token, row["id"]))
    return {"session": token}


@app.get("/me")
def me(emp=Depends(current_employee)):
    return {"email": emp["email"], "balance": emp["balance"]}


@app.post("/requests", status_code=201)
def request_time_off(body: TimeOffRequest, emp=Depends(current_employee)):
    if body.start_date < date.today():
        raise HTTPException(status_code=400, detail="start date is in the past")
    if body.days > emp["balance"]:
        raise HTTPException(status_code=400, detail="not enough days left")
    with db() as conn:
        rid = conn.execute("INSERT INTO requests (employee_id, start_date, days, reason) "
                           "VALUES (?, ?, ?, ?)", (emp["id"], body.start_date.isoformat(),
                                                   body.days, body.reason)).lastrowid
    return {"id": rid, "status": "pending"}


@app.get("/requests")
def my_requests(emp=Depends(current_employee)):
    with db() as conn:
        rows = conn.execute("SELECT id, start_date, days, reason, status FROM requests "
                            "WHERE employee_id = ? ORDER BY start_date", (emp["id"],)).fetchall()
    return [dict(r) for r in rows]


@app.get("/team/requests")
def team_requests(emp=Depends(current_employee)):
    with db() as conn:
        rows = conn.execute("SELECT r.id, e.email, r.start_date, r.days, r.reason, r.status "
                            "FROM requests r JOIN employees e ON e.id = r.employee_id "
                            "WHERE e.manager_id = ? AND r.status = 'pending'",
                            (emp["id"],)).fetchall()
    return [dict(r) for r in rows]


@app.post("/requests/{request_id}/decision")
def decide(request_id: int, body: Decision, emp=Depends(current_employee)):
    with db() as conn:
        req = conn.execute("SELECT r.id, r.employee_id, r.days, r.status FROM requests r "
                           "JOIN employees e ON e.id = r.employee_id "
                           "WHERE r.id = ? AND e.manager_id = ?", (request_id, emp["id"])).fetchone()
        if req is None:
            raise HTTPException(status_code=404, detail="request not found")
        if req["status"] != "pending":
            raise HTTPException(status_code=409, detail="already decided")
        if body.approve:
            conn.execute("UPDATE employees SET balance = balance - ? WHERE id = ?",
                         (req["days"], req["employee_id"]))
        conn.execute("UPDATE requests SET status = ? WHERE id = ?",
                     ("approved" if body.approve else "rejected", request_id))
    return {"id": request_id, "status": "approved" if body.approve else "rejected"}
