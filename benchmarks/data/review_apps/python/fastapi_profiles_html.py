from fastapi import Cookie, FastAPI, HTTPException
from fastapi.responses import HTMLResponse
from pydantic import BaseModel, Field

app = FastAPI()

USERS = {
    1: {"id": 1, "username": "alice", "display_name": "Alice", "bio": "Gardener.", "location": "Leeds"},
    2: {"id": 2, "username": "bob", "display_name": "Bob", "bio": "Builds things.", "location": "Oslo"},
}
SESSIONS = {"s-alice": 1, "s-bob": 2}


class ProfileUpdate(BaseModel):
    display_name: str | None = Field(default=None, max_length=60)
    bio: str | None = Field(default=None, max_length=1000)
    location: str | None = Field(default=None, max_length=80)


def session_user(sid: str | None) -> int:
    if sid is None or sid not in SESSIONS:
        raise HTTPException(status_code=401, detail="log in first")
    return SESSIONS[sid]


@app.get("/u/{username}", response_class=HTMLResponse)
def profile_page(username: str):
    user = next((u for u in USERS.values() if u["username"] == username), None)
    if user is None:
        raise HTTPException(status_code=404, detail="no such user")
    return f"""<!doctype html>
<html><head><title>{user['display_name']} on Pebble</title></head>
<body>
  <h1>{user['display_name']} <small>@{user['username']}</small></h1>
  <p class="bio">{user['bio']}</p>
  <p class="loc">{user['location']}</p>
</body></html>"""


@app.get("/api/users/{user_id}")
def get_user(user_id: int):
    user = USERS.get(user_id)
    if user is None:
        raise HTTPException(status_code=404)
    return user


@app.put("/api/users/{user_id}")
def update_user(user_id: int, body: ProfileUpdate, sid: str | None = Cookie(default=None)):
    session_user(sid)
    user = USERS.get(user_id)
    if user is None:
        raise HTTPException(status_code=404)
    user.update(body.model_dump(exclude_none=True))
    return user


@app.get("/api/me")
def me(sid: str | None = Cookie(default=None)):
    return USERS[session_user(sid)]
