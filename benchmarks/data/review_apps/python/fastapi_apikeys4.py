"""API key management for a developer portal: create, list, rotate and revoke keys. Only a
hash of each key is stored; the full key is shown once."""
import hashlib
import hmac
import os
import secrets
from datetime import datetime, timedelta, timezone

from fastapi import Depends, FastAPI, Header, HTTPException
from pydantic import BaseModel, Field

app = FastAPI(title="Keys")
PEPPER = os.environ["APIKEYS_PEPPER"].encode()
GRACE = timedelta(hours=24)  # a rotated key keeps working this long

ACCOUNTS: dict[str, str] = {}  # session token -> account id
KEYS: dict[str, dict] = {}  # key id -> record


class KeyIn(BaseModel):
    label: str = Field(min_length=1, max_length=60)
    scopes: list[str] = Field(default_factory=lambda: ["read"], max_length=4)


ALLOWED_SCOPES = {"read", "write", "billing"}


def digest(raw: str) -> str:
    return hmac.new(PEPPER, raw.encode(), hashlib.sha256).hexdigest()


def account(authorization: str = Header(...)) -> str:
    acct = ACCOUNTS.get(authorization.removeprefix("Bearer "))
    if acct is None:
        raise HTTPException(401, "sign in")
    return acct


def owned_key(key_id: str, acct: str) -> dict:
    rec = KEYS.get(key_id)
    if rec is None or rec["account"] != acct:
        raise HTTPException(404, "no such key")
    return rec


def new_key(acct: str, label: str, scopes: list[str]) -> tuple[str, dict]:
    key_id = "key_" + secrets.token_hex(6)
    raw = f"pk_{key_id}_{secrets.token_urlsafe(32)}"
    rec = {"id": key_id, "account": acct, "label": label, "scopes": scopes,
           "hash": digest(raw), "created": datetime.now(timezone.utc), "expires": None}
    KEYS[key_id] = rec
    return raw, rec


def public(rec: dict) -> dict:
    return {k: rec[k] for k in ("id", "label", "scopes", "created", "expires")}


@app.post("/keys", status_code=201)
def create(body: KeyIn, acct: str = Depends(account)):
    if not set(body.scopes) <= ALLOWED_SCOPES:
        raise HTTPException(422, "unknown scope")
    if sum(1 for r in KEYS.values() if r["account"] == acct) >= 20:
        raise HTTPException(409, "key limit reached")
    raw, rec = new_key(acct, body.label, body.scopes)
    return {"key": raw, **public(rec)}


@app.get("/keys")
def list_keys(acct: str = Depends(account)):
    return [public(r) for r in KEYS.values() if r["account"] == acct]


@app.post("/keys/{key_id}/rotate", status_code=201)
def rotate(key_id: str, acct: str = Depends(account)):
    old = owned_key(key_id, acct)
    old["expires"] = datetime.now(timezone.utc) + GRACE
    raw, rec = new_key(acct, old["label"], old["scopes"])
    return {"key": raw, **public(rec), "replaces": key_id}


@app.delete("/keys/{key_id}", status_code=204)
def revoke(key_id: str, acct: str = Depends(account)):
    owned_key(key_id, acct)
    del KEYS[key_id]


@app.get("/introspect")
def introspect(x_api_key: str = Header(...)):
    """Called by the gateway: which account and scopes a presented key carries."""
    parts = x_api_key.split("_")
    if len(parts) < 4 or parts[0] != "pk":
        raise HTTPException(401, "malformed key")
    rec = KEYS.get(f"{parts[1]}_{parts[2]}")
    now = datetime.now(timezone.utc)
    if rec is None or not hmac.compare_digest(rec["hash"], digest(x_api_key)):
        raise HTTPException(401, "unknown key")
    if rec["expires"] is not None and rec["expires"] <= now:
        raise HTTPException(401, "key expired")
    return {"account": rec["account"], "scopes": rec["scopes"]}
