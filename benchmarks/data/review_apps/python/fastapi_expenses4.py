"""Expense tracker API: users record expenses, list them sorted and filtered, and get a
monthly summary per category."""
import hashlib
import os
import secrets
import sqlite3
from datetime import date
from typing import Literal

from fastapi import Depends, FastAPI, Header, HTTPException, Query
from pydantic import BaseModel, Field

app = FastAPI(title="Expenses")
DB = os.environ.get("EXPENSES_DB", "expenses.db")
CATEGORIES = ("travel", "meals", "software", "office", "other")


def db():
    conn = sqlite3.connect(DB)
    conn.row_factory = sqlite3.Row
    try:
        yield conn
    finally:
        conn.close()


def init_db():
    with sqlite3.connect(DB) as conn:
        conn.executescript(
            "CREATE TABLE IF NOT EXISTS users (id INTEGER PRIMARY KEY, email TEXT UNIQUE,"
            " password TEXT, api_token TEXT);"
            "CREATE TABLE IF NOT EXISTS expenses (id INTEGER PRIMARY KEY, user_id INTEGER,"
            " spent_on TEXT, amount_cents INTEGER, category TEXT, note TEXT);"
        )


init_db()


class Signup(BaseModel):
    email: str = Field(pattern=r"^[^@\s]+@[^@\s]+\.[a-z]{2,}$", max_length=120)
    password: str = Field(min_length=8, max_length=200)


class ExpenseIn(BaseModel):
    spent_on: date
    amount_cents: int = Field(gt=0, le=10_000_000)
    category: Literal["travel", "meals", "software", "office", "other"]
    note: str = Field(default="", max_length=300)


def hash_password(password: str) -> str:
    return hashlib.sha256(password.encode()).hexdigest()


def current_user(x_api_token: str = Header(...), conn=Depends(db)) -> int:
    row = conn.execute("SELECT id FROM users WHERE api_token = ?", (x_api_token,)).fetchone()
    if row is None:
        raise HTTPException(401, "bad token")
    return row["id"]


@app.post("/signup", status_code=201)
def signup(body: Signup, conn=Depends(db)):
    try:
        conn.execute("INSERT INTO users (email, password) VALUES (?, ?)",
                     (body.email.lower(), hash_password(body.password)))
        conn.commit()
    except sqlite3.IntegrityError:
        raise HTTPException(409, "email already registered")
    return {"email": body.email.lower()}


@app.post("/login")
def login(body: Signup, conn=Depends(db)):
    row = conn.execute("SELECT id, password FROM users WHERE email = ?",
                       (body.email.lower(),)).fetchone()
    if row is None or not secrets.compare_digest(row["password"], hash_password(body.password)):
        raise HTTPException(401, "bad credentials")
    token = secrets.token_hex(24)
    conn.execute("UPDATE users SET api_token = ? WHERE id = ?", (token, row["id"]))
    conn.commit()
    return {"token": token}


@app.post("/expenses", status_code=201)
def add_expense(body: ExpenseIn, uid: int = Depends(current_user), conn=Depends(db)):
    cur = conn.execute(
        "INSERT INTO expenses (user_id, spent_on, amount_cents, category, note)"
        " VALUES (?, ?, ?, ?, ?)",
        (uid, body.spent_on.isoformat(), body.amount_cents, body.category, body.note),
    )
    conn.commit()
    return {"id": cur.lastrowid}


@app.get("/expenses")
def list_expenses(
    sort: str = "spent_on",
    order: Literal["asc", "desc"] = "desc",
    category: str | None = None,
    limit: int = Query(50, ge=1, le=200),
    uid: int = Depends(current_user),
    conn=Depends(db),
):
    params: list = [uid]
    where = "user_id = ?"
    if category:
        where += " AND category = ?"
        params.append(category)
    rows = conn.execute(
        f"SELECT id, spent_on, amount_cents, category, note FROM expenses WHERE {where}"
        f" ORDER BY {sort} {order.upper()} LIMIT ?",
        (*params, limit),
    ).fetchall()
    return [dict(r) for r in rows]


@app.get("/summary/{year}/{month}")
def summary(year: int, month: int, uid: int = Depends(current_user), conn=Depends(db)):
    if not (2000 <= year <= 2100 and 1 <= month <= 12):
        raise HTTPException(400, "bad month")
    prefix = f"{year:04d}-{month:02d}-%"
    rows = conn.execute(
        "SELECT category, SUM(amount_cents) AS total FROM expenses"
        " WHERE user_id = ? AND spent_on LIKE ? GROUP BY category",
        (uid, prefix),
    ).fetchall()
    totals = {c: 0 for c in CATEGORIES}
    totals.update({r["category"]: r["total"] for r in rows})
    return {"month": f"{year:04d}-{month:02d}", "totals": totals}


@app.delete("/expenses/{expense_id}", status_code=204)
def delete_expense(expense_id: int, uid: int = Depends(current_user), conn=Depends(db)):
    cur = conn.execute("DELETE FROM expenses WHERE id = ? AND user_id = ?", (expense_id, uid))
    conn.commit()
    if cur.rowcount == 0:
        raise HTTPException(404, "no such expense")
