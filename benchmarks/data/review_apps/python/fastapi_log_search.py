"""Ops console: search the service logs."""
import gzip
import os
import re
from pathlib import Path

from fastapi import Depends, FastAPI, Header, HTTPException, Query

app = FastAPI(title="log search")
LOG_ROOT = Path(os.environ.get("LOG_ROOT", "/var/log/services"))
SERVICES = {"api": "api.log", "worker": "worker.log", "scheduler": "scheduler.log"}
OPS_TOKEN = os.environ.get("OPS_TOKEN", "")


def ops_only(x_ops_token: str = Header("")) -> None:
    if not OPS_TOKEN or x_ops_token != OPS_TOKEN:
        raise HTTPException(status_code=401, detail="ops token required")


def open_log(path: Path):
    if path.suffix == ".gz":
        return gzip.open(path, "rt", encoding="utf-8", errors="replace")
    return open(path, encoding="utf-8", errors="replace")


@app.get("/services", dependencies=[Depends(ops_only)])
def services():
    return sorted(SERVICES)


@app.get("/services/{service}/search", dependencies=[Depends(ops_only)])
def search(service: str, q: str = Query(..., min_length=1, max_length=200),
           regex: bool = False, context: int = Query(0, ge=0, le=5)):
    filename = SERVICES.get(service)
    if filename is None:
        raise HTTPException(status_code=404, detail="unknown service")
    matcher = re.compile(q) if regex else None
    hits = []
    with open_log(LOG_ROOT / filename) as fh:
        lines = fh.readlines()
    for i, line in enumerate(lines):
        found = matcher.search(line) if matcher else q in line
        if found:
            lo, hi = max(0, i - context), min(len(lines), i + context + 1)
            hits.append({"line": i + 1, "text": "".join(lines[lo:hi])})
    return {"service": service, "count": len(hits), "hits": hits}


@app.get("/services/{service}/tail", dependencies=[Depends(ops_only)])
def tail(service: str, n: int = Query(100, ge=1, le=2000)):
    filename = SERVICES.get(service)
    if filename is None:
        raise HTTPException(status_code=404, detail="unknown service")
    with open_log(LOG_ROOT / filename) as fh:
        return {"service": service, "lines": fh.readlines()[-n:]}
