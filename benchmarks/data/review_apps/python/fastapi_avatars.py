import os
import uuid
from pathlib import Path

from fastapi import Depends, FastAPI, File, Header, HTTPException, UploadFile
from fastapi.responses import FileResponse

app = FastAPI()

MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", "media")).resolve()
AVATAR_DIR = MEDIA_ROOT / "avatars"
AVATAR_DIR.mkdir(parents=True, exist_ok=True)
ALLOWED_TYPES = {"image/png": ".png", "image/jpeg": ".jpg", "image/webp": ".webp"}

SESSIONS = {"sess-alice": "alice", "sess-bob": "bob"}
PROFILES: dict[str, dict] = {"alice": {"avatar": None}, "bob": {"avatar": None}}


def get_user(x_session: str = Header(...)) -> str:
    user = SESSIONS.get(x_session)
    if not user:
        raise HTTPException(status_code=401, detail="not signed in")
    return user


@app.post("/me/avatar")
async def upload_avatar(file: UploadFile = File(...), user: str = Depends(get_user)):
    ext = ALLOWED_TYPES.get(file.content_type or "")
    if ext is None:
        raise HTTPException(status_code=415, detail="png, jpeg or webp only")
    contents = await file.read()
    name = f"{uuid.uuid4().hex}{ext}"
    (AVATAR_DIR / name).write_bytes(contents)
    old = PROFILES[user]["avatar"]
    if old:
        (AVATAR_DIR / old).unlink(missing_ok=True)
    PROFILES[user]["avatar"] = name
    return {"avatar": f"/avatars/{name}", "bytes": len(contents)}


@app.get("/avatars/{name}")
def get_avatar(name: str):
    safe = os.path.basename(name)
    path = AVATAR_DIR / safe
    if not path.is_file():
        raise HTTPException(status_code=404)
    return FileResponse(path)


@app.get("/users/{username}")
def public_profile(username: str):
    profile = PROFILES.get(username)
    if profile is None:
        raise HTTPException(status_code=404)
    avatar = profile["avatar"]
    return {"username": username, "avatar": f"/avatars/{avatar}" if avatar else None}


@app.delete("/me/avatar", status_code=204)
def delete_avatar(user: str = Depends(get_user)):
    name = PROFILES[user]["avatar"]
    if name:
        (AVATAR_DIR / name).unlink(missing_ok=True)
        PROFILES[user]["avatar"] = None
