"""Invoice exporter (FastAPI + SQLite).

Freelancers record invoices and export them as CSV or JSON for their accountant, sorted by
a column they choose. Each account sees only its own invoices. Accounts sign in with an API
key issued at registration (stored hashed).
"""

import csv
import hashlib
import io
import secrets
import sqlite3
from contextlib import closing
from datetime import date
from typing import Literal

from fastapi import Depends, FastAPI, Header, HTTPException, Query
from fastapi.responses import Response
from pydantic import BaseModel, Field

app = FastAPI(title="Invoice exporter")
DATABASE = "invoices.db"

SORT_COLUMNS = {
    "date": "issued_on",
    "amount": "amount_cents",
    "client": "client",
    "number": "number",
}


def db() -> sqlite3.Connection:
    conn = sqlite3.connect(DATABASE)
    conn.row_factory = sqlite3.Row
    return conn


def init_db() -> None:
    with closing(db()) as conn:
        conn.executescript(
            """
            CREATE TABLE IF NOT EXISTS accounts (id INTEGER PRIMARY KEY AUTOINCREMENT,
                email TEXT UNIQUE NOT NULL, key_hash TEXT UNIQUE NOT NULL);
            CREATE TABLE IF NOT EXISTS invoices (id INTEGER PRIMARY KEY AUTOINCREMENT,
                account_id INTEGER NOT NULL, number TEXT NOT NULL, client TEXT NOT NULL,
                amount_cents INTEGER NOT NULL, issued_on TEXT NOT NULL);
            """
        )


def hash_key(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def current_account(x_api_key: str = Header(default="")) -> int:
    with closing(db()) as conn:
        row = conn.execute(
            "SELECT id FROM accounts WHERE key_hash = ?", (hash_key(x_api_key),)
        ).fetchone()
    if row is None:
        raise HTTPException(status_code=401, detail="invalid API key")
    return row["id"]


class Register(BaseModel):
    email: str = Field(..., min_length=3, max_length=254)


class InvoiceIn(BaseModel):
    number: str = Field(..., min_length=1, max_length=40)
    client: str = Field(..., min_length=1, max_length=120)
    amount_cents: int = Field(..., ge=0, le=10**12)
    issued_on: date


def csv_safe(value: str) -> str:
    """Keep spreadsheet programs from reading a cell as a formula."""
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


@app.post("/register", status_code=201)
def register(body: Register) -> dict:
    key = secrets.token_urlsafe(32)
    with closing(db()) as conn:
        try:
            conn.execute(
                "INSERT INTO accounts (email, key_hash) VALUES (?, ?)",
                (body.email.lower(), hash_key(key)),
            )
        except sqlite3.IntegrityError:
            raise HTTPException(status_code=409, detail="already registered")
        conn.commit()
    return {"api_key": key}


@app.post("/invoices", status_code=201)
def add_invoice(body: InvoiceIn, account: int = Depends(current_account)) -> dict:
    with closing(db()) as conn:
        cur = conn.execute(
            "INSERT INTO invoices (account_id, number, client, amount_cents, issued_on) "
            "VALUES (?, ?, ?, ?, ?)",
            (account, body.number, body.client, body.amount_cents, body.issued_on.isoformat()),
        )
        conn.commit()
    return {"id": cur.lastrowid}


@app.delete("/invoices/{invoice_id}", status_code=204)
def delete_invoice(invoice_id: int, account: int = Depends(current_account)) -> Response:
    with closing(db()) as conn:
        cur = conn.execute(
            "DELETE FROM invoices WHERE id = ? AND account_id = ?", (invoice_id, account)
        )
        conn.commit()
    if cur.rowcount == 0:
        raise HTTPException(status_code=404, detail="invoice not found")
    return Response(status_code=204)


@app.get("/export")
def export(
    fmt: Literal["csv", "json"] = "csv",
    sort: str = "date",
    year: int | None = Query(default=None, ge=1900, le=2100),
    account: int = Depends(current_account),
):
    column = SORT_COLUMNS.get(sort)
    if column is None:
        raise HTTPException(status_code=400, detail=f"sort must be one of {sorted(SORT_COLUMNS)}")
    query = "SELECT number, client, amount_cents, issued_on FROM invoices WHERE account_id = ?"
    params: list = [account]
    if year is not None:
        query += " AND issued_on LIKE ?"
        params.append(f"{year}-%")
    query += f" ORDER BY {column}, id"
    with closing(db()) as conn:
        rows = [dict(r) for r in conn.execute(query, params)]
    if fmt == "json":
        return rows
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["number", "client", "amount", "issued_on"])
    for r in rows:
        writer.writerow([csv_safe(r["number"]), csv_safe(r["client"]),
                         f"{r['amount_cents'] / 100:.2f}", r["issued_on"]])
    return Response(
        out.getvalue(),
        media_type="text/csv",
        headers={"Content-Disposition": 'attachment; filename="invoices.csv"'},
    )
