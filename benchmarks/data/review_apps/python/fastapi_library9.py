"""Lending library API: members borrow books and see and return their own loans.

The catalogue is public. A loan is private to its borrower: every loan route finds the loan
through a join on the caller's member id, so another member's loan id answers 404.
"""

import hashlib
import logging
import secrets
import sqlite3
from datetime import date, timedelta

from fastapi import Depends, FastAPI, Header, HTTPException
from pydantic import BaseModel, Field

DB = "library.db"
app = FastAPI(title="Library")
log = logging.getLogger("library")


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
        CREATE TABLE IF NOT EXISTS members (id INTEGER PRIMARY KEY, name TEXT NOT NULL,
            token_hash TEXT UNIQUE NOT NULL);
        CREATE TABLE IF NOT EXISTS books (id INTEGER PRIMARY KEY, title TEXT NOT NULL,
            copies INTEGER NOT NULL CHECK (copies >= 0));
        CREATE TABLE IF NOT EXISTS loans (id INTEGER PRIMARY KEY,
            book_id INTEGER NOT NULL REFERENCES books(id),
            member_id INTEGER NOT NULL REFERENCES members(id),
            due TEXT NOT NULL, returned INTEGER NOT NULL DEFAULT 0);
    """)
    conn.close()


class MemberIn(BaseModel):
    name: str = Field(min_length=1, max_length=60)


class BookIn(BaseModel):
    title: str = Field(min_length=1, max_length=200)
    copies: int = Field(ge=1, le=100)


class LoanIn(BaseModel):
    book_id: int


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def current_member(authorization: str = Header(default=""), db=Depends(get_db)) -> int:
    scheme, _, token = authorization.partition(" ")
    if scheme.lower() != "bearer" or not token:
        raise HTTPException(401, "missing token")
    row = db.execute("SELECT id FROM members WHERE token_hash = ?", (_hash(token),)).fetchone()
    if row is None:
        raise HTTPException(401, "invalid token")
    return row["id"]


@app.post("/members", status_code=201)
def join(body: MemberIn, db=Depends(get_db)):
    token = secrets.token_urlsafe(32)  # random, so a fast digest is enough to store it
    cur = db.execute("INSERT INTO members (name, token_hash) VALUES (?, ?)",
                     (body.name, _hash(token)))
    db.commit()
    return {"id": cur.lastrowid, "token": token}


@app.get("/books")
def catalogue(db=Depends(get_db)):
    rows = db.execute("SELECT id, title, copies FROM books ORDER BY title").fetchall()
    return [dict(r) for r in rows]


@app.post("/books", status_code=201)
def add_book(body: BookIn, db=Depends(get_db), member: int = Depends(current_member)):
    cur = db.execute("INSERT INTO books (title, copies) VALUES (?, ?)", (body.title, body.copies))
    db.commit()
    log.info("member %d added book %d", member, cur.lastrowid)
    return {"id": cur.lastrowid}


@app.post("/loans", status_code=201)
def borrow(body: LoanIn, db=Depends(get_db), member: int = Depends(current_member)):
    cur = db.execute("UPDATE books SET copies = copies - 1 WHERE id = ? AND copies > 0",
                     (body.book_id,))
    if cur.rowcount == 0:
        raise HTTPException(409, "no copy available")
    due = (date.today() + timedelta(days=21)).isoformat()
    cur = db.execute("INSERT INTO loans (book_id, member_id, due) VALUES (?, ?, ?)",
                     (body.book_id, member, due))
    db.commit()
    return {"id": cur.lastrowid, "due": due}


@app.get("/loans")
def my_loans(db=Depends(get_db), member: int = Depends(current_member)):
    rows = db.execute(
        "SELECT l.id, b.title, l.due, l.returned FROM loans l JOIN books b ON b.id = l.book_id "
        "WHERE l.member_id = ? ORDER BY l.due", (member,)).fetchall()
    return [dict(r) for r in rows]


def _my_loan(db, loan_id: int, member: int):
    row = db.execute(
        "SELECT l.id, l.book_id, l.due, l.returned, b.title FROM loans l "
        "JOIN members m ON m.id = l.member_id JOIN books b ON b.id = l.book_id "
        "WHERE l.id = ? AND m.id = ?", (loan_id, member)).fetchone()
    if row is None:
        raise HTTPException(404, "loan not found")
    return row


@app.get("/loans/{loan_id}")
def get_loan(loan_id: int, db=Depends(get_db), member: int = Depends(current_member)):
    return dict(_my_loan(db, loan_id, member))


@app.post("/loans/{loan_id}/return")
def return_loan(loan_id: int, db=Depends(get_db), member: int = Depends(current_member)):
    loan = _my_loan(db, loan_id, member)
    if loan["returned"]:
        raise HTTPException(409, "already returned")
    db.execute("UPDATE loans SET returned = 1 WHERE id = ?", (loan["id"],))
    db.execute("UPDATE books SET copies = copies + 1 WHERE id = ?", (loan["book_id"],))
    db.commit()
    return {"returned": loan["id"]}
