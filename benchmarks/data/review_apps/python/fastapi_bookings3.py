"""Meeting-room bookings: sign in with a bearer token, book, list and cancel."""
import os
import secrets
from datetime import datetime

import bcrypt
from fastapi import Depends, FastAPI, HTTPException, status
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from pydantic import BaseModel, Field, model_validator

app = FastAPI(title="Bookings")
bearer = HTTPBearer()

ROOMS = {1: "Aurora", 2: "Borealis", 3: "Cirrus"}
USERS: dict[str, bytes] = {}
TOKENS: dict[str, str] = {}
BOOKINGS: dict[int, dict] = {}
_next_id = 1


class Credentials(BaseModel):
    username: str = Field(min_length=3, max_length=40)
    password: str = Field(min_length=8, max_length=128)


class BookingIn(BaseModel):
    room_id: int
    start: datetime
    end: datetime
    title: str = Field(max_length=120)

    @model_validator(mode="after")
    def check_times(self):
        if self.end <= self.start:
            raise ValueError("end must be after start")
        return self


def current_user(cred: HTTPAuthorizationCredentials = Depends(bearer)) -> str:
    user = TOKENS.get(cred.credentials)
    if user is None:
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, "invalid token")
    return user


@app.post("/register", status_code=201)
def register(body: Credentials):
    if body.username in USERS:
        raise HTTPException(409, "username taken")
    USERS[body.username] = bcrypt.hashpw(body.password.encode(), bcrypt.gensalt())
    return {"username": body.username}


@app.post("/token")
def login(body: Credentials):
    stored = USERS.get(body.username)
    if stored is None or not bcrypt.checkpw(body.password.encode(), stored):
        raise HTTPException(401, "bad credentials")
    token = secrets.token_urlsafe(32)
    TOKENS[token] = body.username
    return {"access_token": token, "token_type": "bearer"}


def overlaps(room_id: int, start: datetime, end: datetime) -> bool:
    return any(b["room_id"] == room_id and b["start"] < end and start < b["end"]
               for b in BOOKINGS.values())


@app.post("/bookings", status_code=201)
def create_booking(body: BookingIn, user: str = Depends(current_user)):
    global _next_id
    if body.room_id not in ROOMS:
        raise HTTPException(404, "no such room")
    if overlaps(body.room_id, body.start, body.end):
        raise HTTPException(409, "room already booked")
    booking = {"id": _next_id, "owner": user, **body.model_dump()}
    BOOKINGS[_next_id] = booking
    _next_id += 1
    return booking


@app.get("/bookings")
def my_bookings(user: str = Depends(current_user)):
    return [b for b in BOOKINGS.values() if b["owner"] == user]


@app.get("/bookings/{booking_id}")
def get_booking(booking_id: int, user: str = Depends(current_user)):
    booking = BOOKINGS.get(booking_id)
    if booking is None or booking["owner"] != user:
        raise HTTPException(404, "not found")
    return booking


@app.delete("/bookings/{booking_id}", status_code=204)
def cancel_booking(booking_id: int, user: str = Depends(current_user)):
    if booking_id not in BOOKINGS:
        raise HTTPException(404, "not found")
    del BOOKINGS[booking_id]


@app.get("/rooms/{room_id}/schedule")
def room_schedule(room_id: int, user: str = Depends(current_user)):
    if room_id not in ROOMS:
        raise HTTPException(404, "no such room")
    busy = sorted((b for b in BOOKINGS.values() if b["room_id"] == room_id),
                  key=lambda b: b["start"])
    return [{"start": b["start"], "end": b["end"]} for b in busy]


if __name__ == "__main__":
    import uvicorn

    uvicorn.run(app, host="127.0.0.1", port=int(os.environ.get("PORT", 8000)))
