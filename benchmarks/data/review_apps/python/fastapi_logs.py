import os
import re

from fastapi import FastAPI, HTTPException, Query

app = FastAPI()
LOG_DIR = "/var/log/myapp"


@app.get("/logs")
def list_logs():
    return sorted(os.listdir(LOG_DIR))


@app.get("/logs/view")
def read_log(name: str, pattern: str | None = None, tail: int = Query(200, le=5000)):
    path = os.path.join(LOG_DIR, name)
    if not os.path.isfile(path):
        raise HTTPException(status_code=404, detail="log not found")
    with open(path, encoding="utf-8", errors="replace") as fh:
        lines = fh.readlines()[-tail:]
    if pattern:
        rx = re.compile(pattern)
        lines = [line for line in lines if rx.search(line)]
    return {"name": name, "lines": lines}
