import random
import string
import time

from fastapi import BackgroundTasks, FastAPI, HTTPException
from pydantic import BaseModel, EmailStr

app = FastAPI()
USERS = {"alice@example.com": {"password": "$2b$12$placeholderhash"}}
RESET_TOKENS: dict[str, dict] = {}


class ForgotRequest(BaseModel):
    email: EmailStr


class ResetRequest(BaseModel):
    token: str
    new_password: str


def generate_token(length: int = 20) -> str:
    return "".join(random.choices(string.ascii_letters + string.digits, k=length))


def send_email(to: str, body: str) -> None:
    print(f"email to {to}: {body}")


@app.post("/password/forgot")
def forgot(body: ForgotRequest, tasks: BackgroundTasks):
    if body.email in USERS:
        token = generate_token()
        RESET_TOKENS[token] = {"email": body.email, "created": time.time()}
        tasks.add_task(send_email, body.email, f"https://app.example.com/reset?token={token}")
    return {"message": "if the account exists, an email was sent"}


@app.post("/password/reset")
def reset(body: ResetRequest):
    entry = RESET_TOKENS.pop(body.token, None)
    if entry is None or time.time() - entry["created"] > 3600:
        raise HTTPException(status_code=400, detail="invalid or expired token")
    USERS[entry["email"]]["password"] = body.new_password
    return {"message": "password updated"}
