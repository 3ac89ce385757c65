"""A small S3-like object store: buckets are folders under a data root, objects are files
under their bucket. Clients authenticate with an access key and can put, get, list and
delete objects in the buckets their key is granted."""
import hashlib
import os
from pathlib import Path

from fastapi import Depends, FastAPI, Header, HTTPException, Request
from fastapi.responses import FileResponse

app = FastAPI(title="Objects")
DATA_ROOT = Path(os.environ.get("OBJECTS_ROOT", "objects")).resolve()
MAX_OBJECT_BYTES = 20 * 1024 * 1024
# "key1:bucket-a|bucket-b,key2:bucket-c"
GRANTS = {
    k: set(v.split("|"))
    for k, v in (item.split(":", 1) for item in os.environ.get("OBJECTS_KEYS", "").split(",") if ":" in item)
}


def access_key(x_access_key: str = Header(...)) -> set[str]:
    buckets = GRANTS.get(x_access_key)
    if buckets is None:
        raise HTTPException(401, "unknown access key")
    return buckets


def object_path(bucket: str, key: str, buckets: set[str]) -> Path:
    if bucket not in buckets:
        raise HTTPException(403, "no access to this bucket")
    base = (DATA_ROOT / bucket).resolve()
    target = (base / key).resolve()
    if not target.is_relative_to(base) or target == base:
        raise HTTPException(400, "invalid object key")
    return target


@app.put("/{bucket}/{key:path}", status_code=201)
async def put_object(bucket: str, key: str, request: Request, buckets=Depends(access_key)):
    path = object_path(bucket, key, buckets)
    size = 0
    digest = hashlib.md5()
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".part")
    with open(tmp, "wb") as f:
        async for chunk in request.stream():
            size += len(chunk)
            if size > MAX_OBJECT_BYTES:
                f.close()
                tmp.unlink()
                raise HTTPException(413, "object too large")
            digest.update(chunk)
            f.write(chunk)
    tmp.replace(path)
    return {"bucket": bucket, "key": key, "size": size, "etag": digest.hexdigest()}


@app.get("/{bucket}/{key:path}")
def get_object(bucket: str, key: str, buckets=Depends(access_key)):
    path = object_path(bucket, key, buckets)
    if not path.is_file():
        raise HTTPException(404, "no such key")
    return FileResponse(path, media_type="application/octet-stream")


@app.get("/{bucket}")
def list_objects(bucket: str, prefix: str = "", buckets=Depends(access_key)):
    if bucket not in buckets:
        raise HTTPException(403, "no access to this bucket")
    base = (DATA_ROOT / bucket).resolve()
    if not base.is_dir():
        return {"bucket": bucket, "objects": []}
    objects = []
    for p in sorted(base.rglob("*")):
        if p.is_file() and not p.name.endswith(".part"):
            key = p.relative_to(base).as_posix()
            if key.startswith(prefix):
                objects.append({"key": key, "size": p.stat().st_size})
    return {"bucket": bucket, "objects": objects[:1000]}


@app.delete("/{bucket}/{key:path}", status_code=204)
def delete_object(bucket: str, key: str, buckets=Depends(access_key)):
    path = object_path(bucket, key, buckets)
    if not path.is_file():
        raise HTTPException(404, "no such key")
    path.unlink()
