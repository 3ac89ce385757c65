"""Audit trail for an internal admin tool: services post audit events (actor, action,
target), which are appended to an audit log file; auditors search the log with a pattern."""
import logging
import os
import re
from datetime import datetime, timezone

from fastapi import Depends, FastAPI, Header, HTTPException, Query
from pydantic import BaseModel, Field

app = FastAPI(title="Audit")
LOG_PATH = os.environ.get("AUDIT_LOG", "audit.log")
SERVICE_TOKENS = set(filter(None, os.environ.get("AUDIT_SERVICE_TOKENS", "").split(",")))
AUDITOR_TOKEN = os.environ.get("AUDIT_AUDITOR_TOKEN", "")

audit = logging.getLogger("audit")
audit.setLevel(logging.INFO)
_handler = logging.FileHandler(LOG_PATH)
_handler.setFormatter(logging.Formatter("%(asctime)s %(message)s"))
audit.addHandler(_handler)


class Event(BaseModel):
    actor: str = Field(min_length=1, max_length=100)
    action: str = Field(pattern=r"^[a-z_.]{1,40}$")
    target: str = Field("", max_length=200)


def service(x_service_token: str = Header(...)):
    if x_service_token not in SERVICE_TOKENS:
        raise HTTPException(401, "unknown service token")
    return x_service_token


def auditor(x_auditor_token: str = Header(...)):
    if not AUDITOR_TOKEN or x_auditor_token != AUDITOR_TOKEN:
        raise HTTPException(403, "auditors only")


@app.post("/events", status_code=202)
def record(event: Event, _svc=Depends(service)):
    audit.info("actor=%s action=%s target=%s", event.actor, event.action, event.target)
    _handler.flush()
    return {"recorded": True, "at": datetime.now(timezone.utc).isoformat()}


@app.get("/events/search", dependencies=[Depends(auditor)])
def search(pattern: str = Query(..., max_length=200), limit: int = Query(100, ge=1, le=1000)):
    try:
        rx = re.compile(pattern)
    except re.error as exc:
        raise HTTPException(400, f"bad pattern: {exc}")
    hits = []
    with open(LOG_PATH, encoding="utf-8") as f:
        for line in f:
            if rx.search(line):
                hits.append(line.rstrip("\n"))
                if len(hits) >= limit:
                    break
    return {"count": len(hits), "lines": hits}


@app.get("/events/actors/{actor}", dependencies=[Depends(auditor)])
def by_actor(actor: str):
    needle = f"actor={actor} "
    with open(LOG_PATH, encoding="utf-8") as f:
        return {"lines": [line.rstrip("\n") for line in f if needle in line]}
