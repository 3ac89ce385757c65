"""Webhook relay: a payment provider posts signed events to /hooks/incoming; each account
relays them to the destinations it registered. Destinations can be tested with a ping."""
import hashlib
import hmac
import json
import logging
import os
import secrets
import sqlite3
from urllib.parse import urlparse

import httpx
from fastapi import Depends, FastAPI, Header, HTTPException, Request
from pydantic import BaseModel, Field

app = FastAPI(title="Relay")
log = logging.getLogger("relay")
DB = os.environ.get("RELAY_DB", "relay.db")
PROVIDER_SECRET = os.environ["RELAY_PROVIDER_SECRET"].encode()


def db():
    c = sqlite3.connect(DB)
    c.row_factory = sqlite3.Row
    return c


def init_db():
    with db() as c:
        c.executescript("""
        CREATE TABLE IF NOT EXISTS accounts (id INTEGER PRIMARY KEY, name TEXT,
            token_hash TEXT UNIQUE);
        CREATE TABLE IF NOT EXISTS destinations (id INTEGER PRIMARY KEY, account_id INTEGER,
            url TEXT, event TEXT);""")


def current_account(authorization: str = Header(...)):
    token = authorization.removeprefix("Bearer ").strip()
    digest = hashlib.sha256(token.encode()).hexdigest()
    with db() as c:
        row = c.execute("SELECT * FROM accounts WHERE token_hash = ?", (digest,)).fetchone()
    if row is None:
        raise HTTPException(status_code=401, detail="invalid token")
    return row


class AccountIn(BaseModel):
    name: str = Field(min_length=1, max_length=80)


class DestinationIn(BaseModel):
    url: str = Field(max_length=2000)
    event: str = Field(pattern=r"^[a-z_.]{1,64}$")


@app.post("/accounts", status_code=201)
def create_account(body: AccountIn):
    token = secrets.token_urlsafe(32)
    with db() as c:
        cur = c.execute("INSERT INTO accounts (name, token_hash) VALUES (?, ?)",
                        (body.name, hashlib.sha256(token.encode()).hexdigest()))
    return {"id": cur.lastrowid, "token": token}


@app.post("/destinations", status_code=201)
def add_destination(body: DestinationIn, account=Depends(current_account)):
    parsed = urlparse(body.url)
    if parsed.scheme not in ("http", "https") or not parsed.netloc:
        raise HTTPException(status_code=400, detail="destination must be an http(s) URL")
    with db() as c:
        cur = c.execute("INSERT INTO destinations (account_id, url, event) VALUES (?, ?, ?)",
                        (account["id"], body.url, body.event))
    return {"id": cur.lastrowid}


@app.post("/destinations/{dest_id}/ping")
def ping(dest_id: int, account=Depends(current_account)):
    with db() as c:
        dest = c.execute("SELECT * FROM destinations WHERE id = ? AND account_id = ?",
                         (dest_id, account["id"])).fetchone()
    if dest is None:
        raise HTTPException(status_code=404, detail="no such destination")
    r = httpx.post(dest["url"], json={"event": "ping"}, timeout=5)
    return {"status": r.status_code, "body": r.text[:500]}


@app.post("/hooks/incoming/{account_id}")
async def incoming(account_id: int, request: Request, x_signature: str = Header(...)):
    raw = await request.body()
    expected = hmac.new(PROVIDER_SECRET, raw, hashlib.sha256).hexdigest()
    if not hmac.compare_digest(expected, x_signature):
        raise HTTPException(status_code=401, detail="bad signature")
    event = json.loads(raw)
    kind = str(event.get("type", ""))
    with db() as c:
        dests = c.execute("SELECT url FROM destinations WHERE account_id = ? AND event = ?",
                          (account_id, kind)).fetchall()
    delivered = 0
    for d in dests:
        try:
            httpx.post(d["url"], content=raw, headers={"Content-Type": "application/json"},
                       timeout=5)
            delivered += 1
        except httpx.HTTPError as exc:
            log.warning("delivery to destination failed: %s", type(exc).__name__)
    return {"delivered": delivered}
