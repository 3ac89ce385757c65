"""Whiteboard API (FastAPI, in-memory store).

Each user keeps boards of sticky notes. A board can be exported as a snapshot string and
imported again later (or by a colleague) to restore it.
"""

import base64
import pickle
import secrets
from dataclasses import dataclass, field

from fastapi import Depends, FastAPI, Header, HTTPException
from pydantic import BaseModel, Field

app = FastAPI(title="Whiteboard")


@dataclass
class Sticky:
    text: str
    x: int
    y: int
    color: str = "yellow"


@dataclass
class Board:
    id: str
    owner: str
    title: str
    stickies: list[Sticky] = field(default_factory=list)


USERS: dict[str, str] = {}  # token -> username
BOARDS: dict[str, Board] = {}


def current_user(x_token: str = Header(default="")) -> str:
    user = USERS.get(x_token)
    if user is None:
        raise HTTPException(status_code=401, detail="unknown token")
    return user


def owned_board(board_id: str, user: str) -> Board:
    board = BOARDS.get(board_id)
    if board is None or board.owner != user:
        raise HTTPException(status_code=404, detail="board not found")
    return board


class SignUp(BaseModel):
    username: str = Field(..., min_length=1, max_length=40)


class BoardIn(BaseModel):
    title: str = Field(..., min_length=1, max_length=100)


class StickyIn(BaseModel):
    text: str = Field(..., max_length=500)
    x: int = Field(..., ge=0, le=10000)
    y: int = Field(..., ge=0, le=10000)
    color: str = Field("yellow", pattern="^(yellow|pink|blue|green)$")


class Snapshot(BaseModel):
    data: str = Field(..., max_length=1_000_000)


@app.post("/signup", status_code=201)
def signup(body: SignUp) -> dict:
    token = secrets.token_urlsafe(24)
    USERS[token] = body.username
    return {"token": token}


@app.post("/boards", status_code=201)
def create_board(body: BoardIn, user: str = Depends(current_user)) -> dict:
    board = Board(id=secrets.token_hex(8), owner=user, title=body.title)
    BOARDS[board.id] = board
    return {"id": board.id}


@app.get("/boards")
def list_boards(user: str = Depends(current_user)) -> list[dict]:
    return [{"id": b.id, "title": b.title} for b in BOARDS.values() if b.owner == user]


@app.post("/boards/{board_id}/stickies", status_code=201)
def add_sticky(board_id: str, body: StickyIn, user: str = Depends(current_user)) -> dict:
    board = owned_board(board_id, user)
    board.stickies.append(Sticky(body.text, body.x, body.y, body.color))
    return {"count": len(board.stickies)}


@app.get("/boards/{board_id}")
def get_board(board_id: str, user: str = Depends(current_user)) -> dict:
    board = owned_board(board_id, user)
    return {
        "id": board.id,
        "title": board.title,
        "stickies": [vars(s) for s in board.stickies],
    }


@app.get("/boards/{board_id}/export")
def export_board(board_id: str, user: str = Depends(current_user)) -> dict:
    board = owned_board(board_id, user)
    snapshot = {"title": board.title, "stickies": board.stickies}
    return {"data": base64.b64encode(pickle.dumps(snapshot)).decode()}


@app.post("/boards/import", status_code=201)
def import_board(body: Snapshot, user: str = Depends(current_user)) -> dict:
    try:
        snapshot = pickle.loads(base64.b64decode(body.data))
        title = str(snapshot["title"])[:100]
        stickies = [s for s in snapshot["stickies"] if isinstance(s, Sticky)]
    except Exception:
        raise HTTPException(status_code=400, detail="invalid snapshot")
    board = Board(id=secrets.token_hex(8), owner=user, title=title, stickies=stickies)
    BOARDS[board.id] = board
    return {"id": board.id}
