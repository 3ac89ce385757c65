"""Coffee-shop loyalty card: members sign up, tills credit stamps, members redeem free drinks."""
import hashlib
import hmac
import os
import secrets
import sqlite3

from fastapi import Depends, FastAPI, Header, HTTPException
from fastapi.security import HTTPBasic, HTTPBasicCredentials
from pydantic import BaseModel, Field

app = FastAPI(title="Loyalty")
basic = HTTPBasic()
DB = "loyalty.db"
TILL_SECRET = os.environ["LOYALTY_TILL_SECRET"].encode()
STAMPS_PER_DRINK = 9


def db():
    conn = sqlite3.connect(DB)
    conn.row_factory = sqlite3.Row
    return conn


def init_db():
    with db() as conn:
        conn.executescript("""
        CREATE TABLE IF NOT EXISTS members (id INTEGER PRIMARY KEY, email TEXT UNIQUE,
            password_hash TEXT, card_number TEXT UNIQUE, stamps INTEGER DEFAULT 0);
        CREATE TABLE IF NOT EXISTS receipts (receipt_id TEXT PRIMARY KEY, member_id INTEGER);""")


def hash_password(password: str) -> str:
    return hashlib.sha256(password.encode("utf-8")).hexdigest()


def member(creds: HTTPBasicCredentials = Depends(basic)):
    with db() as conn:
        row = conn.execute("SELECT id, email, card_number, stamps, password_hash FROM members "
                           "WHERE email = ?", (creds.username.lower(),)).fetchone()
    if row is None or not hmac.compare_digest(row["password_hash"], hash_password(creds.password)):
        raise HTTPException(status_code=401, detail="invalid credentials",
                            headers={"WWW-Authenticate": "Basic"})
    return row


class SignUp(BaseModel):
    email: str = Field(max_length=254, pattern=r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
    password: str = Field(min_length=8, max_length=128)


class Stamp(BaseModel):
    card_number: str = Field(pattern=r"^[0-9]{12}$")
    receipt_id: str = Field(min_length=6, max_length=40)
    drinks: int = Field(ge=1, le=10)


@app.post("/members", status_code=201)
def sign_up(body: SignUp):
    card = "".join(secrets.choice("0123456789") for _ in range(12))
    try:
        with db() as conn:
            conn.execute("INSERT INTO members (email, password_hash, card_number) VALUES (?, ?, ?)",
                         (body.email.lower(), hash_password(body.password), card))
    except sqlite3.IntegrityError:
        raise HTTPException(status_code=409, detail="email already registered")
    return {"card_number": card}


@app.get("/me")
def my_card(m=Depends(member)):
    return {"email": m["email"], "card_number": m["card_number"], "stamps": m["stamps"],
            "free_drinks": m["stamps"] // STAMPS_PER_DRINK}


@app.post("/stamps")
def add_stamps(body: Stamp, x_till_signature: str = Header(...)):
    message = f"{body.card_number}:{body.receipt_id}:{body.drinks}".encode()
    expected = hmac.new(TILL_SECRET, message, hashlib.sha256).hexdigest()
    if not hmac.compare_digest(expected, x_till_signature):
        raise HTTPException(status_code=401, detail="bad till signature")
    with db() as conn:
        row = conn.execute("SELECT id FROM members WHERE card_number = ?",
                           (body.card_number,)).fetchone()
        if row is None:
            raise HTTPException(status_code=404, detail="unknown card")
        try:
            conn.execute("INSERT INTO receipts VALUES (?, ?)", (body.receipt_id, row["id"]))
        except sqlite3.IntegrityError:
            raise HTTPException(status_code=409, detail="receipt already stamped")
        conn.execute("UPDATE members SET stamps = stamps + ? WHERE id = ?", (body.drinks, row["id"]))
    return {"stamped": body.drinks}


@app.post("/redeem")
def redeem(m=Depends(member)):
    with db() as conn:
        cur = conn.execute("UPDATE members SET stamps = stamps - ? WHERE id = ? AND stamps >= ?",
                           (STAMPS_PER_DRINK, m["id"], STAMPS_PER_DRINK))
    if cur.rowcount == 0:
        raise HTTPException(status_code=400, detail="not enough stamps for a free drink")
    return {"redeemed": 1}
