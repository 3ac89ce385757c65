"""A small discussion forum: sign up, open threads, reply, moderators remove posts."""
import re
import secrets
from datetime import datetime, timezone

from argon2 import PasswordHasher
from argon2.exceptions import VerifyMismatchError
from fastapi import Depends, FastAPI, Header, HTTPException
from pydantic import BaseModel, Field

app = FastAPI(title="Forum")
ph = PasswordHasher()

# user handles: letters/digits, optionally separated by single dots or dashes
HANDLE_RE = re.compile(r"^([a-zA-Z0-9]+[.-]?)+$")

USERS: dict[str, dict] = {}
SESSIONS: dict[str, str] = {}
THREADS: dict[int, dict] = {}
POSTS: dict[int, dict] = {}
counter = {"thread": 0, "post": 0}


class SignUp(BaseModel):
    handle: str = Field(max_length=64)
    password: str = Field(min_length=10, max_length=200)


class NewThread(BaseModel):
    title: str = Field(min_length=3, max_length=150)
    body: str = Field(min_length=1, max_length=20_000)


class Reply(BaseModel):
    body: str = Field(min_length=1, max_length=20_000)


def current_user(x_session: str = Header(...)) -> dict:
    handle = SESSIONS.get(x_session)
    if handle is None:
        raise HTTPException(401, "sign in first")
    return USERS[handle]


@app.post("/signup", status_code=201)
def signup(body: SignUp):
    if not HANDLE_RE.match(body.handle):
        raise HTTPException(422, "handle may contain letters, digits, '.' and '-'")
    if body.handle in USERS:
        raise HTTPException(409, "handle taken")
    USERS[body.handle] = {"handle": body.handle, "hash": ph.hash(body.password),
                          "moderator": False}
    return {"handle": body.handle}


@app.post("/signin")
def signin(body: SignUp):
    user = USERS.get(body.handle)
    try:
        if user is None:
            raise VerifyMismatchError
        ph.verify(user["hash"], body.password)
    except VerifyMismatchError:
        raise HTTPException(401, "wrong handle or password")
    sid = secrets.token_urlsafe(32)
    SESSIONS[sid] = body.handle
    return {"session": sid}


@app.post("/threads", status_code=201)
def open_thread(body: NewThread, user: dict = Depends(current_user)):
    counter["thread"] += 1
    tid = counter["thread"]
    THREADS[tid] = {"id": tid, "title": body.title, "author": user["handle"],
                    "created": datetime.now(timezone.utc).isoformat()}
    reply(tid, Reply(body=body.body), user)
    return THREADS[tid]


@app.post("/threads/{tid}/posts", status_code=201)
def reply(tid: int, body: Reply, user: dict = Depends(current_user)):
    if tid not in THREADS:
        raise HTTPException(404, "no such thread")
    counter["post"] += 1
    pid = counter["post"]
    POSTS[pid] = {"id": pid, "thread": tid, "author": user["handle"], "body": body.body}
    return POSTS[pid]


@app.get("/threads/{tid}")
def read_thread(tid: int, offset: int = 0, limit: int = 50):
    if tid not in THREADS:
        raise HTTPException(404, "no such thread")
    limit = max(1, min(limit, 100))
    posts = [p for p in POSTS.values() if p["thread"] == tid]
    return {**THREADS[tid], "posts": posts[max(offset, 0):max(offset, 0) + limit]}


@app.delete("/posts/{pid}", status_code=204)
def remove_post(pid: int, user: dict = Depends(current_user)):
    post = POSTS.get(pid)
    if post is None:
        raise HTTPException(404, "no such post")
    POSTS.pop(pid)
