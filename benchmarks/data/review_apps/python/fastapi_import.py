import io
import zipfile

import yaml
from fastapi import FastAPI, File, UploadFile

app = FastAPI()
SETTINGS: dict = {}


@app.post("/settings/import")
async def import_settings(file: UploadFile = File(...)):
    content = await file.read()
    data = yaml.load(content, Loader=yaml.Loader)
    SETTINGS.update(data or {})
    return {"keys": sorted(SETTINGS)}


@app.post("/themes/import")
async def import_theme(file: UploadFile = File(...)):
    content = await file.read()
    with zipfile.ZipFile(io.BytesIO(content)) as zf:
        files = {name: zf.read(name) for name in zf.namelist()}
    return {"files": len(files), "bytes": sum(len(v) for v in files.values())}
