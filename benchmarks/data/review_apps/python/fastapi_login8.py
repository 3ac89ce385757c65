"""Accounts API with a login throttle: five failures per username and client in 15 minutes."""
import logging
import secrets
import sqlite3
import time
from collections import defaultdict, deque
from threading import Lock

import bcrypt
from fastapi import Depends, FastAPI, HTTPException, Request, status
from fastapi.security import OAuth2PasswordBearer
from pydantic import BaseModel, Field

logging.basicConfig(level=logging.INFO)
logger = logging.getLogger("accounts")

app = FastAPI()
oauth2 = OAuth2PasswordBearer(tokenUrl="/login")
DB = "accounts.db"
WINDOW_SECONDS = 15 * 60
MAX_FAILURES = 5
TOKEN_TTL = 3600

_failures: dict[tuple[str, str], deque] = defaultdict(deque)
_lock = Lock()


def db():
    c = sqlite3.connect(DB)
    c.row_factory = sqlite3.Row
    return c


def init_db():
    with db() as c:
        c.executescript("""
        CREATE TABLE IF NOT EXISTS accounts (id INTEGER PRIMARY KEY, username TEXT UNIQUE,
            password_hash BLOB);
        CREATE TABLE IF NOT EXISTS tokens (token TEXT PRIMARY KEY, account_id INTEGER,
            expires REAL);""")


class Credentials(BaseModel):
    username: str = Field(min_length=3, max_length=32, pattern=r"^[A-Za-z0-9_.-]+$")
    password: str = Field(min_length=8, max_length=128)


def _throttled(key: tuple[str, str]) -> bool:
    now = time.monotonic()
    with _lock:
        attempts = _failures[key]
        while attempts and now - attempts[0] > WINDOW_SECONDS:
            attempts.popleft()
        return len(attempts) >= MAX_FAILURES


def _record_failure(key: tuple[str, str]) -> None:
    with _lock:
        _failures[key].append(time.monotonic())


@app.post("/signup", status_code=201)
def signup(body: Credentials):
    hashed = bcrypt.hashpw(body.password.encode(), bcrypt.gensalt())
    try:
        with db() as c:
            c.execute("INSERT INTO accounts (username, password_hash) VALUES (?, ?)",
                      (body.username, hashed))
    except sqlite3.IntegrityError:
        raise HTTPException(status_code=409, detail="username taken")
    logger.info("new account %r", body.username)
    return {"username": body.username}


@app.post("/login")
def login(body: Credentials, request: Request):
    client_ip = request.client.host if request.client else "unknown"
    key = (body.username.lower(), client_ip)
    if _throttled(key):
        logger.warning("login throttled for %r from %s", body.username, client_ip)
        raise HTTPException(status_code=429, detail="too many failed attempts, try later")
    with db() as c:
        row = c.execute("SELECT id, password_hash FROM accounts WHERE username = ?",
                        (body.username,)).fetchone()
    if row is None or not bcrypt.checkpw(body.password.encode(), row["password_hash"]):
        _record_failure(key)
        logger.info("failed login for %r from %s", body.username, client_ip)
        raise HTTPException(status_code=401, detail="invalid username or password")
    with _lock:
        _failures.pop(key, None)
    token = secrets.token_urlsafe(32)
    with db() as c:
        c.execute("INSERT INTO tokens VALUES (?, ?, ?)", (token, row["id"], time.time() + TOKEN_TTL))
    return {"access_token": token, "token_type": "bearer"}


def current_account(token: str = Depends(oauth2)):
    with db() as c:
        row = c.execute("SELECT a.id, a.username FROM tokens t JOIN accounts a "
                        "ON a.id = t.account_id WHERE t.token = ? AND t.expires > ?",
                        (token, time.time())).fetchone()
    if row is None:
        raise HTTPException(status_code=status.HTTP_401_UNAUTHORIZED,
                            detail="invalid or expired token",
                            headers={"WWW-Authenticate": "Bearer"})
    return row


@app.get("/me")
def me(account=Depends(current_account)):
    return {"id": account["id"], "username": account["username"]}


class PasswordChange(BaseModel):
    current_password: str = Field(max_length=128)
    new_password: str = Field(min_length=8, max_length=128)


@app.post("/me/password", status_code=204)
def change_password(body: PasswordChange, account=Depends(current_account)):
    with db() as c:
        row = c.execute("SELECT password_hash FROM accounts WHERE id = ?",
                        (account["id"],)).fetchone()
        if not bcrypt.checkpw(body.current_password.encode(), row["password_hash"]):
            raise HTTPException(status_code=403, detail="current password is wrong")
        c.execute("UPDATE accounts SET password_hash = ? WHERE id = ?",
                  (bcrypt.hashpw(body.new_password.encode(), bcrypt.gensalt()), account["id"]))
        c.execute("DELETE FROM tokens WHERE account_id = ?", (account["id"],))


@app.post("/logout", status_code=204)
def logout(token: str = Depends(oauth2)):
    with db() as c:
        c.execute("DELETE FROM tokens WHERE token = ?", (token,))
