"""Accounts with password reset by e-mail link (PBKDF2 hashes, one-time reset tokens)."""
import hashlib
import hmac
import logging
import os
import secrets
import smtplib
import time
from email.message import EmailMessage

from fastapi import BackgroundTasks, FastAPI, HTTPException, Request
from pydantic import BaseModel, Field

app = FastAPI(title="Accounts")
log = logging.getLogger("accounts")
ITERATIONS = 600_000
RESET_TTL = 30 * 60

ACCOUNTS: dict[str, dict] = {}
RESETS: dict[str, tuple[str, float]] = {}  # sha256(token) -> (email, expires)


class SignUp(BaseModel):
    email: str = Field(pattern=r"^[^@\s]+@[^@\s]+\.[^@\s]+$", max_length=254)
    password: str = Field(min_length=10, max_length=256)


class Forgot(BaseModel):
    email: str = Field(max_length=254)


class Reset(BaseModel):
    token: str = Field(max_length=100)
    password: str = Field(min_length=10, max_length=256)


def hash_password(password: str, salt: bytes | None = None) -> str:
    salt = salt or secrets.token_bytes(16)
    dk = hashlib.pbkdf2_hmac("sha256", password.encode(), salt, ITERATIONS)
    return f"pbkdf2_sha256${ITERATIONS}${salt.hex()}${dk.hex()}"


def verify_password(password: str, stored: str) -> bool:
    _, iterations, salt, expected = stored.split("$")
    dk = hashlib.pbkdf2_hmac("sha256", password.encode(), bytes.fromhex(salt), int(iterations))
    return hmac.compare_digest(dk.hex(), expected)


def send_mail(to: str, subject: str, body: str) -> None:
    msg = EmailMessage()
    msg["From"], msg["To"], msg["Subject"] = "no-reply@example.com", to, subject
    msg.set_content(body)
    with smtplib.SMTP(os.environ.get("SMTP_HOST", "localhost"), 25) as smtp:
        smtp.send_message(msg)


@app.post("/signup", status_code=201)
def signup(body: SignUp):
    email = body.email.lower()
    if email in ACCOUNTS:
        raise HTTPException(409, "already registered")
    ACCOUNTS[email] = {"email": email, "pw": hash_password(body.password)}
    return {"email": email}


@app.post("/signin")
def signin(body: SignUp):
    acct = ACCOUNTS.get(body.email.lower())
    if acct is None or not verify_password(body.password, acct["pw"]):
        raise HTTPException(401, "wrong email or password")
    return {"ok": True}


@app.post("/password/forgot", status_code=202)
def forgot(body: Forgot, request: Request, tasks: BackgroundTasks):
    email = body.email.lower()
    if email in ACCOUNTS:
        token = secrets.token_urlsafe(32)
        RESETS[hashlib.sha256(token.encode()).hexdigest()] = (email, time.time() + RESET_TTL)
        link = f"{request.base_url}reset-password?token={token}"
        tasks.add_task(send_mail, email, "Reset your password",
                       f"Someone asked to reset your password. Use this link within 30 "
                       f"minutes:\n\n{link}\n\nIf it was not you, ignore this mail.")
    return {"status": "if the address is registered, a link is on its way"}


@app.post("/password/reset")
def reset(body: Reset):
    entry = RESETS.pop(hashlib.sha256(body.token.encode()).hexdigest(), None)
    if entry is None or entry[1] < time.time():
        raise HTTPException(400, "invalid or expired link")
    email = entry[0]
    ACCOUNTS[email]["pw"] = hash_password(body.password)
    for key in [k for k, (e, _) in RESETS.items() if e == email]:
        RESETS.pop(key)
    log.info("password reset completed for an account")
    return {"status": "password changed"}
