"""Sign-up and sign-in with argon2 hashes, throttling and opaque session tokens."""
import logging
import secrets
import time
from collections import defaultdict, deque

from argon2 import PasswordHasher
from argon2.exceptions import VerificationError
from fastapi import Depends, FastAPI, Header, HTTPException, Request
from pydantic import BaseModel, Field

app = FastAPI()
ph = PasswordHasher()
log = logging.getLogger("auth")

USERS: dict[str, dict] = {}
SESSIONS: dict[str, tuple[str, float]] = {}
ATTEMPTS: dict[str, deque] = defaultdict(deque)
SESSION_TTL = 8 * 3600
MAX_ATTEMPTS, WINDOW = 5, 300
DUMMY_HASH = ph.hash("not-a-real-password")  # same work whether or not the user exists


class Credentials(BaseModel):
    username: str = Field(pattern=r"^[a-z0-9_]{3,32}$")
    password: str = Field(min_length=12, max_length=256)


def throttled(key: str) -> bool:
    now = time.monotonic()
    q = ATTEMPTS[key]
    while q and now - q[0] > WINDOW:
        q.popleft()
    return len(q) >= MAX_ATTEMPTS


@app.post("/signup", status_code=201)
def signup(body: Credentials):
    if body.username in USERS:
        raise HTTPException(409, "username taken")
    USERS[body.username] = {"hash": ph.hash(body.password), "created": time.time()}
    log.info("new account %s", body.username)  # the pattern allows no control characters
    return {"username": body.username}


@app.post("/signin")
def signin(body: Credentials, request: Request):
    key = f"{request.client.host if request.client else '?'}:{body.username}"
    if throttled(key):
        raise HTTPException(429, "too many attempts, try again later")
    user = USERS.get(body.username)
    try:
        ph.verify(user["hash"] if user else DUMMY_HASH, body.password)
        ok = user is not None
    except VerificationError:
        ok = False
    if not ok:
        ATTEMPTS[key].append(time.monotonic())
        raise HTTPException(401, "invalid credentials")
    ATTEMPTS.pop(key, None)
    token = secrets.token_urlsafe(32)
    SESSIONS[token] = (body.username, time.time() + SESSION_TTL)
    return {"token": token, "expires_in": SESSION_TTL}


def current_user(authorization: str = Header("")) -> str:
    entry = SESSIONS.get(authorization.removeprefix("Bearer "))
    if entry is None or entry[1] < time.time():
        raise HTTPException(401, "sign in again")
    return entry[0]


@app.get("/me")
def me(username: str = Depends(current_user)):
    return {"username": username, "created": USERS[username]["created"]}


@app.post("/signout", status_code=204)
def signout(authorization: str = Header("")):
    SESSIONS.pop(authorization.removeprefix("Bearer "), None)
