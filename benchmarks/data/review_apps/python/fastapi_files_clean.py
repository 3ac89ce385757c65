import uuid
from pathlib import Path

from fastapi import Depends, FastAPI, File, Header, HTTPException, UploadFile
from fastapi.responses import FileResponse

app = FastAPI()
STORAGE = Path("storage").resolve()
STORAGE.mkdir(exist_ok=True)
MAX_BYTES = 10 * 1024 * 1024
FILES: dict[str, dict] = {}
API_KEYS = {"k-7f3a": "alice", "k-92bd": "bob"}


def current_user(x_api_key: str = Header(...)) -> str:
    user = API_KEYS.get(x_api_key)
    if user is None:
        raise HTTPException(status_code=401)
    return user


@app.post("/files", status_code=201)
async def upload(file: UploadFile = File(...), user: str = Depends(current_user)):
    data = await file.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise HTTPException(status_code=413, detail="file too large")
    file_id = uuid.uuid4().hex
    (STORAGE / file_id).write_bytes(data)
    FILES[file_id] = {"owner": user, "name": file.filename}
    return {"id": file_id}


@app.get("/files/{file_id}")
def download(file_id: str, user: str = Depends(current_user)):
    meta = FILES.get(file_id)
    if meta is None or meta["owner"] != user:
        raise HTTPException(status_code=404)
    return FileResponse(STORAGE / file_id, filename=meta["name"])
