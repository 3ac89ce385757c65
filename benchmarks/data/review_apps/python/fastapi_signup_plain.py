import json
import logging
import secrets
from pathlib import Path

from fastapi import FastAPI, HTTPException, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel, EmailStr, Field

app = FastAPI(title="Newsletter accounts")
DATA = Path("accounts.json")
logger = logging.getLogger("uvicorn.error")


class SignUp(BaseModel):
    email: EmailStr
    password: str = Field(min_length=8)
    name: str = Field(max_length=100)


class Login(BaseModel):
    email: EmailStr
    password: str


def load() -> dict:
    return json.loads(DATA.read_text()) if DATA.exists() else {}


def save(accounts: dict) -> None:
    DATA.write_text(json.dumps(accounts, indent=2))


@app.exception_handler(Exception)
async def unhandled(request: Request, exc: Exception):
    logger.exception("unhandled error on %s", request.url.path)
    return JSONResponse({"error": "internal error"}, status_code=500)


@app.post("/accounts", status_code=201)
def sign_up(body: SignUp):
    accounts = load()
    if body.email in accounts:
        raise HTTPException(409, "already registered")
    accounts[body.email] = {"name": body.name, "password": body.password,
                            "confirm_token": secrets.token_urlsafe(24), "confirmed": False}
    save(accounts)
    return {"email": body.email}


@app.get("/accounts/confirm")
def confirm(email: EmailStr, token: str):
    accounts = load()
    acct = accounts.get(email)
    if acct is None or not secrets.compare_digest(acct["confirm_token"], token):
        raise HTTPException(400, "invalid link")
    acct["confirmed"] = True
    save(accounts)
    return {"confirmed": True}


@app.post("/sessions")
def login(body: Login):
    acct = load().get(body.email)
    if acct is None or acct["password"] != body.password:
        raise HTTPException(401, "invalid credentials")
    if not acct["confirmed"]:
        raise HTTPException(403, "confirm your email first")
    return {"token": secrets.token_urlsafe(32), "name": acct["name"]}
