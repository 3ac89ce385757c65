"""Workspace backups: export as tar.gz, import a tar.gz or zip of documents."""
import io
import os
import tarfile
import zipfile
from pathlib import Path

from fastapi import FastAPI, File, HTTPException, UploadFile
from fastapi.responses import StreamingResponse

app = FastAPI()
WORKSPACES = Path(os.environ.get("WORKSPACES", "workspaces")).resolve()
MAX_UPLOAD = 50 * 1024 * 1024
MAX_EXPANDED = 200 * 1024 * 1024


def workspace(name: str) -> Path:
    if not name.isidentifier():
        raise HTTPException(400, "workspace names are letters, digits and _")
    path = WORKSPACES / name
    path.mkdir(parents=True, exist_ok=True)
    return path


async def read_upload(file: UploadFile) -> bytes:
    data = await file.read(MAX_UPLOAD + 1)
    if len(data) > MAX_UPLOAD:
        raise HTTPException(413, "backup too large")
    return data


@app.get("/workspaces/{name}/export")
def export(name: str):
    root = workspace(name)
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w:gz") as tar:
        tar.add(root, arcname=name)
    buf.seek(0)
    return StreamingResponse(buf, media_type="application/gzip",
                             headers={"Content-Disposition": f"attachment; filename={name}.tar.gz"})


@app.post("/workspaces/{name}/import/tar")
async def import_tar(name: str, file: UploadFile = File(...)):
    root = workspace(name)
    data = await read_upload(file)
    with tarfile.open(fileobj=io.BytesIO(data), mode="r:*") as tar:
        members = tar.getmembers()
        if sum(m.size for m in members) > MAX_EXPANDED:
            raise HTTPException(413, "backup expands too far")
        tar.extractall(root)
    return {"imported": len(members)}


@app.post("/workspaces/{name}/import/zip")
async def import_zip(name: str, file: UploadFile = File(...)):
    root = workspace(name)
    data = await read_upload(file)
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        infos = zf.infolist()
        if sum(i.file_size for i in infos) > MAX_EXPANDED:
            raise HTTPException(413, "backup expands too far")
        zf.extractall(root)
    return {"imported": len(infos)}


@app.get("/workspaces/{name}/files")
def list_files(name: str):
    root = workspace(name)
    return sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.is_file())
