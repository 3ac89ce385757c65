"""Public profiles for a developer community: members edit their profile and avatar through the
JSON API; anyone can view a member's profile page."""
import html
import os
import secrets
import sqlite3
from pathlib import Path

from fastapi import Depends, FastAPI, Header, HTTPException, Request
from fastapi.responses import FileResponse, HTMLResponse
from pydantic import BaseModel, Field, HttpUrl

app = FastAPI()
DB = os.getenv("PROFILES_DB", "profiles.db")
AVATAR_DIR = Path(os.getenv("AVATAR_DIR", "avatars")).resolve()
AVATAR_DIR.mkdir(parents=True, exist_ok=True)
MAX_AVATAR = 2 * 1024 * 1024
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


class ProfileIn(BaseModel):
    display_name: str = Field(max_length=60)
    bio: str = Field(default="", max_length=1000)
    website: HttpUrl | None = None


def conn():
    c = sqlite3.connect(DB)
    c.row_factory = sqlite3.Row
    return c


def init_db():
    with conn() as c:
        c.execute("CREATE TABLE IF NOT EXISTS members (id INTEGER PRIMARY KEY, handle TEXT UNIQUE, "
                  "api_token TEXT UNIQUE, display_name TEXT, bio TEXT, website TEXT)")


def member(authorization: str = Header(...)):
    token = authorization.removeprefix("Bearer ")
    with conn() as c:
        row = c.execute("SELECT * FROM members WHERE api_token = ?", (token,)).fetchone()
    if row is None:
        raise HTTPException(401, "invalid token")
    return row


@app.post("/members", status_code=201)
def create_member(handle: str):
    if not handle.isalnum() or len(handle) > 30:
        raise HTTPException(400, "handle must be letters and digits")
    token = secrets.token_urlsafe(24)
    try:
        with conn() as c:
            c.execute("INSERT INTO members (handle, api_token, display_name, bio) VALUES (?, ?, ?, '')",
                      (handle, token, handle))
    except sqlite3.IntegrityError:
        raise HTTPException(409, "handle taken")
    return {"handle": handle, "token": token}


@app.put("/me/profile")
def update_profile(profile: ProfileIn, me=Depends(member)):
    with conn() as c:
        c.execute("UPDATE members SET display_name = ?, bio = ?, website = ? WHERE id = ?",
                  (profile.display_name, profile.bio,
                   str(profile.website) if profile.website else None, me["id"]))
    return {"status": "saved"}


@app.put("/me/avatar")
async def upload_avatar(request: Request, me=Depends(member)):
    data = await request.body()
    if len(data) > MAX_AVATAR:
        raise HTTPException(413, "avatar too large")
    if not data.startswith(PNG_MAGIC):
        raise HTTPException(415, "avatar must be a PNG")
    (AVATAR_DIR / f"{me['id']}.png").write_bytes(data)
    return {"status": "saved"}


@app.get("/u/{handle}/avatar.png")
def avatar(handle: str):
    with conn() as c:
        row = c.execute("SELECT id FROM members WHERE handle = ?", (handle,)).fetchone()
    path = AVATAR_DIR / f"{row['id']}.png" if row else None
    if path is None or not path.exists():
        raise HTTPException(404)
    return FileResponse(path, media_type="image/png")


@app.get("/u/{handle}", response_class=HTMLResponse)
def profile_page(handle: str):
    with conn() as c:
        row = c.execute("SELECT * FROM members WHERE handle = ?", (handle,)).fetchone()
    if row is None:
        raise HTTPException(404, "no such member")
    name = html.escape(row["display_name"])
    bio = html.escape(row["bio"]).replace("\n", "<br>")
    site = ""
    if row["website"]:
        site = f'<p><a href="{html.escape(row["website"], quote=True)}" rel="nofollow">website</a></p>'
    return f"""<!doctype html><html><head><title>{name}</title></head>
<body><img src="/u/{html.escape(row["handle"])}/avatar.png" alt=""><h1>{name}</h1>
<p>{bio}</p>{site}</body></html>"""
