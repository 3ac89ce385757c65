"""Transit delay alerts (FastAPI + SQLite).

Riders subscribe to a bus or train line and give a webhook URL (Slack, Discord, their own
server); when a delay is posted for the line every subscriber's webhook gets a JSON message.
Riders can send a test message to check their webhook works.
"""

import os
import secrets
import sqlite3
from contextlib import closing

import httpx
from fastapi import Depends, FastAPI, Header, HTTPException
from pydantic import BaseModel, Field

app = FastAPI(title="Transit alerts")
DATABASE = "transit.db"
OPERATOR_TOKEN = os.environ.get("TRANSIT_OPERATOR_TOKEN", "")


def db() -> sqlite3.Connection:
    conn = sqlite3.connect(DATABASE)
    conn.row_factory = sqlite3.Row
    return conn


def init_db() -> None:
    with closing(db()) as conn:
        conn.executescript(
            """
            CREATE TABLE IF NOT EXISTS riders (id INTEGER PRIMARY KEY AUTOINCREMENT,
                token TEXT UNIQUE NOT NULL);
            CREATE TABLE IF NOT EXISTS subscriptions (id INTEGER PRIMARY KEY AUTOINCREMENT,
                rider_id INTEGER NOT NULL, line TEXT NOT NULL, webhook_url TEXT NOT NULL);
            """
        )


def current_rider(x_rider_token: str = Header(default="")) -> int:
    with closing(db()) as conn:
        row = conn.execute("SELECT id FROM riders WHERE token = ?", (x_rider_token,)).fetchone()
    if row is None:
        raise HTTPException(status_code=401, detail="invalid token")
    return row["id"]


def operator(x_operator_token: str = Header(default="")) -> None:
    if not OPERATOR_TOKEN or not secrets.compare_digest(x_operator_token, OPERATOR_TOKEN):
        raise HTTPException(status_code=403, detail="operators only")


class Subscription(BaseModel):
    line: str = Field(..., pattern=r"^[A-Z0-9]{1,4}$")
    webhook_url: str = Field(..., max_length=500)


class Delay(BaseModel):
    line: str = Field(..., pattern=r"^[A-Z0-9]{1,4}$")
    minutes: int = Field(..., ge=1, le=600)
    reason: str = Field(default="", max_length=200)


def post_webhook(url: str, payload: dict) -> httpx.Response:
    return httpx.post(url, json=payload, timeout=5.0, follow_redirects=False)


@app.post("/riders", status_code=201)
def new_rider() -> dict:
    token = secrets.token_urlsafe(24)
    with closing(db()) as conn:
        conn.execute("INSERT INTO riders (token) VALUES (?)", (token,))
        conn.commit()
    return {"token": token}


@app.post("/subscriptions", status_code=201)
def subscribe(body: Subscription, rider: int = Depends(current_rider)) -> dict:
    if not body.webhook_url.startswith(("http://", "https://")):
        raise HTTPException(status_code=400, detail="webhook must be an http(s) URL")
    with closing(db()) as conn:
        cur = conn.execute(
            "INSERT INTO subscriptions (rider_id, line, webhook_url) VALUES (?, ?, ?)",
            (rider, body.line, body.webhook_url),
        )
        conn.commit()
    return {"id": cur.lastrowid}


@app.post("/subscriptions/{sub_id}/test")
def test_webhook(sub_id: int, rider: int = Depends(current_rider)) -> dict:
    with closing(db()) as conn:
        sub = conn.execute("SELECT * FROM subscriptions WHERE id = ? AND rider_id = ?",
                           (sub_id, rider)).fetchone()
    if sub is None:
        raise HTTPException(status_code=404, detail="subscription not found")
    try:
        resp = post_webhook(sub["webhook_url"], {"text": f"Test alert for line {sub['line']}"})
    except httpx.HTTPError as exc:
        return {"ok": False, "error": type(exc).__name__}
    return {"ok": resp.is_success, "status": resp.status_code, "response": resp.text[:500]}


@app.delete("/subscriptions/{sub_id}", status_code=204)
def unsubscribe(sub_id: int, rider: int = Depends(current_rider)) -> None:
    with closing(db()) as conn:
        conn.execute("DELETE FROM subscriptions WHERE id = ? AND rider_id = ?", (sub_id, rider))
        conn.commit()


@app.post("/delays", dependencies=[Depends(operator)])
def post_delay(body: Delay) -> dict:
    with closing(db()) as conn:
        subs = conn.execute("SELECT webhook_url FROM subscriptions WHERE line = ?",
                            (body.line,)).fetchall()
    sent = 0
    for sub in subs:
        try:
            post_webhook(sub["webhook_url"], {"text": f"Line {body.line}: {body.minutes} min "
                                                      f"delay. {body.reason}".strip()})
            sent += 1
        except httpx.HTTPError:
            continue
    return {"notified": sent}
