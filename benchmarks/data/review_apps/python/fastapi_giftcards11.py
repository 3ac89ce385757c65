"""Gift cards (FastAPI + SQLite).

The shop issues gift cards (a 16-digit number printed on the card and a 4-digit PIN under a
scratch-off strip); anyone holding a card checks its balance and spends it at checkout with
number and PIN. Staff issue cards with the staff token.
"""

import hashlib
import os
import secrets
import sqlite3
from contextlib import closing

from fastapi import Depends, FastAPI, Header, HTTPException
from pydantic import BaseModel, Field

app = FastAPI(title="Gift cards")
DATABASE = "giftcards.db"
STAFF_TOKEN = os.environ.get("GIFTCARD_STAFF_TOKEN", "")


def db() -> sqlite3.Connection:
    conn = sqlite3.connect(DATABASE)
    conn.row_factory = sqlite3.Row
    return conn


def init_db() -> None:
    with closing(db()) as conn:
        conn.executescript(
            """
            CREATE TABLE IF NOT EXISTS cards (number TEXT PRIMARY KEY, pin_hash TEXT NOT NULL,
                balance_cents INTEGER NOT NULL);
            CREATE TABLE IF NOT EXISTS redemptions (id INTEGER PRIMARY KEY AUTOINCREMENT,
                number TEXT NOT NULL, amount_cents INTEGER NOT NULL, order_ref TEXT NOT NULL);
            """
        )


def staff(x_staff_token: str = Header(default="")) -> None:
    if not STAFF_TOKEN or not secrets.compare_digest(x_staff_token, STAFF_TOKEN):
        raise HTTPException(status_code=403, detail="staff only")


class Issue(BaseModel):
    amount_cents: int = Field(..., ge=500, le=50_000)


class CardAuth(BaseModel):
    number: str = Field(..., pattern=r"^\d{16}$")
    pin: str = Field(..., pattern=r"^\d{4}$")


class Redeem(CardAuth):
    amount_cents: int = Field(..., gt=0)
    order_ref: str = Field(..., min_length=1, max_length=40)


def pin_hash(number: str, pin: str) -> str:
    return hashlib.sha256(f"{number}:{pin}".encode()).hexdigest()


def card_for(auth: CardAuth, conn: sqlite3.Connection) -> sqlite3.Row:
    card = conn.execute("SELECT * FROM cards WHERE number = ?", (auth.number,)).fetchone()
    if card is None or not secrets.compare_digest(card["pin_hash"],
                                                   pin_hash(auth.number, auth.pin)):
        raise HTTPException(status_code=401, detail="invalid card number or PIN")
    return card


@app.post("/cards", status_code=201, dependencies=[Depends(staff)])
def issue(body: Issue) -> dict:
    number = "".join(str(secrets.randbelow(10)) for _ in range(16))
    pin = f"{secrets.randbelow(10_000):04d}"
    with closing(db()) as conn:
        conn.execute("INSERT INTO cards (number, pin_hash, balance_cents) VALUES (?, ?, ?)",
                     (number, pin_hash(number, pin), body.amount_cents))
        conn.commit()
    return {"number": number, "pin": pin, "balance_cents": body.amount_cents}


@app.post("/cards/balance")
def balance(body: CardAuth) -> dict:
    with closing(db()) as conn:
        card = card_for(body, conn)
    return {"number": card["number"][-4:], "balance_cents": card["balance_cents"]}


@app.post("/cards/redeem")
def redeem(body: Redeem) -> dict:
    with closing(db()) as conn:
        card = card_for(body, conn)
        cur = conn.execute(
            "UPDATE cards SET balance_cents = balance_cents - ? "
            "WHERE number = ? AND balance_cents >= ?",
            (body.amount_cents, card["number"], body.amount_cents),
        )
        if cur.rowcount == 0:
            raise HTTPException(status_code=409, detail="insufficient balance")
        conn.execute("INSERT INTO redemptions (number, amount_cents, order_ref) VALUES (?, ?, ?)",
                     (card["number"], body.amount_cents, body.order_ref))
        conn.commit()
        left = conn.execute("SELECT balance_cents FROM cards WHERE number = ?",
                            (card["number"],)).fetchone()[0]
    return {"charged_cents": body.amount_cents, "balance_cents": left}
