"""Personal access tokens for an API: users mint, list and revoke their own tokens."""
import hashlib
import logging
import os
import secrets
from datetime import datetime, timedelta, timezone

from argon2 import PasswordHasher
from argon2.exceptions import VerificationError
from fastapi import Depends, FastAPI, Header, HTTPException
from pydantic import BaseModel, Field

app = FastAPI(title="Access tokens")
ph = PasswordHasher()
log = logging.getLogger("tokens")

USERS: dict[str, str] = {}  # username -> argon2 hash
TOKENS: dict[str, dict] = {}  # sha256(token) -> record
MAX_TOKENS_PER_USER = 20
ADMIN_USER = os.environ.get("ADMIN_USER")


class Login(BaseModel):
    username: str = Field(pattern=r"^[a-z0-9_]{3,30}$")
    password: str = Field(min_length=12, max_length=256)


class NewToken(BaseModel):
    name: str = Field(min_length=1, max_length=60)
    days: int = Field(default=30, ge=1, le=365)
    scopes: list[str] = Field(default_factory=lambda: ["read"], max_length=5)


def digest(token: str) -> str:
    # tokens are 256 random bits: a plain SHA-256 is enough to keep them out of the store
    return hashlib.sha256(token.encode()).hexdigest()


def token_user(authorization: str = Header(...)) -> str:
    scheme, _, token = authorization.partition(" ")
    rec = TOKENS.get(digest(token)) if scheme.lower() == "bearer" else None
    if rec is None or rec["expires"] < datetime.now(timezone.utc):
        raise HTTPException(401, "invalid or expired token")
    return rec["user"]


@app.post("/users", status_code=201)
def register(body: Login):
    if body.username in USERS:
        raise HTTPException(409, "taken")
    USERS[body.username] = ph.hash(body.password)
    return {"username": body.username}


@app.post("/tokens", status_code=201)
def mint(body: NewToken, login: Login):
    stored = USERS.get(login.username)
    try:
        if stored is None:
            raise VerificationError("no such user")
        ph.verify(stored, login.password)
    except VerificationError:
        raise HTTPException(401, "wrong username or password")
    if not set(body.scopes) <= {"read", "write"}:
        raise HTTPException(422, "scopes are read and write")
    if sum(r["user"] == login.username for r in TOKENS.values()) >= MAX_TOKENS_PER_USER:
        raise HTTPException(409, "revoke a token first")
    token = "pat_" + secrets.token_urlsafe(32)
    TOKENS[digest(token)] = {
        "id": secrets.token_hex(8), "user": login.username, "name": body.name,
        "scopes": sorted(set(body.scopes)),
        "expires": datetime.now(timezone.utc) + timedelta(days=body.days),
    }
    log.info("token minted for %s (%d days)", login.username, body.days)
    return {"token": token}


@app.get("/tokens")
def my_tokens(user: str = Depends(token_user)):
    return [{k: r[k] for k in ("id", "name", "scopes", "expires")}
            for r in TOKENS.values() if r["user"] == user]


@app.delete("/tokens/{token_id}", status_code=204)
def revoke(token_id: str, user: str = Depends(token_user)):
    for key, rec in list(TOKENS.items()):
        if rec["id"] == token_id and (rec["user"] == user or user == ADMIN_USER):
            del TOKENS[key]
            log.info("token %r revoked by %s", token_id, user)
            return
    raise HTTPException(404, "no such token")


@app.get("/me")
def me(user: str = Depends(token_user)):
    return {"username": user}
