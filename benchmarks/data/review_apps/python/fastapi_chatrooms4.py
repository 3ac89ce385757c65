"""Chat rooms: users create public or private rooms, invite members, post and read messages."""
import secrets
from datetime import datetime, timezone

import bcrypt
from fastapi import Depends, FastAPI, Header, HTTPException, Query
from pydantic import BaseModel, Field

app = FastAPI(title="Rooms")

USERS: dict[str, bytes] = {}
SESSIONS: dict[str, str] = {}
ROOMS: dict[int, dict] = {}
MESSAGES: dict[int, list[dict]] = {}


class Creds(BaseModel):
    username: str = Field(min_length=3, max_length=30, pattern=r"^[a-z0-9_]+$")
    password: str = Field(min_length=8, max_length=72)


class RoomIn(BaseModel):
    name: str = Field(min_length=1, max_length=50)
    private: bool = False


class MessageIn(BaseModel):
    text: str = Field(min_length=1, max_length=2000)


class Invite(BaseModel):
    username: str


def me(x_session: str = Header(...)) -> str:
    user = SESSIONS.get(x_session)
    if user is None:
        raise HTTPException(401, "sign in")
    return user


def room_or_404(room_id: int) -> dict:
    room = ROOMS.get(room_id)
    if room is None:
        raise HTTPException(404, "no such room")
    return room


def require_member(room: dict, user: str) -> None:
    if room["private"] and user not in room["members"]:
        raise HTTPException(404, "no such room")


@app.post("/users", status_code=201)
def sign_up(body: Creds):
    if body.username in USERS:
        raise HTTPException(409, "taken")
    USERS[body.username] = bcrypt.hashpw(body.password.encode(), bcrypt.gensalt())
    return {"username": body.username}


@app.post("/sessions")
def sign_in(body: Creds):
    stored = USERS.get(body.username)
    if stored is None or not bcrypt.checkpw(body.password.encode(), stored):
        raise HTTPException(401, "bad credentials")
    token = secrets.token_urlsafe(32)
    SESSIONS[token] = body.username
    return {"session": token}


@app.post("/rooms", status_code=201)
def create_room(body: RoomIn, user: str = Depends(me)):
    room_id = len(ROOMS) + 1
    ROOMS[room_id] = {"id": room_id, "name": body.name, "private": body.private,
                      "owner": user, "members": {user}}
    MESSAGES[room_id] = []
    return {"id": room_id}


@app.get("/rooms")
def list_rooms(user: str = Depends(me)):
    return [{"id": r["id"], "name": r["name"]} for r in ROOMS.values()
            if not r["private"] or user in r["members"]]


@app.post("/rooms/{room_id}/invite", status_code=204)
def invite(room_id: int, body: Invite, user: str = Depends(me)):
    room = room_or_404(room_id)
    if room["owner"] != user:
        raise HTTPException(403, "only the owner invites")
    if body.username not in USERS:
        raise HTTPException(404, "no such user")
    room["members"].add(body.username)


@app.post("/rooms/{room_id}/messages", status_code=201)
def post_message(room_id: int, body: MessageIn, user: str = Depends(me)):
    room = room_or_404(room_id)
    require_member(room, user)
    msg = {"id": len(MESSAGES[room_id]) + 1, "author": user, "text": body.text,
           "at": datetime.now(timezone.utc).isoformat()}
    MESSAGES[room_id].append(msg)
    return msg


@app.get("/rooms/{room_id}/messages")
def history(room_id: int, before: int | None = None, limit: int = Query(50, ge=1, le=200),
            user: str = Depends(me)):
    room_or_404(room_id)
    msgs = MESSAGES[room_id]
    if before is not None:
        msgs = [m for m in msgs if m["id"] < before]
    return msgs[-limit:]
