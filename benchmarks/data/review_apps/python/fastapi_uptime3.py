"""Uptime monitor: customers register URLs, the service checks them and reports status."""
import logging
import os
import secrets
import time
from urllib.parse import urlparse

import requests
from fastapi import Depends, FastAPI, Header, HTTPException
from pydantic import BaseModel, Field

app = FastAPI(title="Uptime")
log = logging.getLogger("uptime")
BLOCKED_HOSTS = {"localhost", "127.0.0.1", "0.0.0.0", "169.254.169.254", "::1",
                 "metadata.google.internal"}
TIMEOUT = 5

ACCOUNTS: dict[str, str] = {}  # api key -> account
MONITORS: dict[int, dict] = {}
_ids = iter(range(1, 1_000_000))


class MonitorIn(BaseModel):
    url: str = Field(max_length=2000)
    name: str = Field(default="", max_length=80)
    keyword: str | None = Field(default=None, max_length=200)


def account(x_api_key: str = Header(...)) -> str:
    acct = ACCOUNTS.get(x_api_key)
    if acct is None:
        raise HTTPException(401, "unknown API key")
    return acct


def check_target(url: str) -> str:
    parts = urlparse(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise HTTPException(422, "http(s) URLs only")
    if parts.hostname.lower() in BLOCKED_HOSTS or parts.hostname.endswith(".internal"):
        raise HTTPException(422, "internal addresses cannot be monitored")
    return url


@app.post("/accounts", status_code=201)
def create_account():
    key = secrets.token_urlsafe(24)
    ACCOUNTS[key] = f"acct-{len(ACCOUNTS) + 1}"
    return {"api_key": key}


@app.post("/monitors", status_code=201)
def add_monitor(body: MonitorIn, acct: str = Depends(account)):
    mid = next(_ids)
    MONITORS[mid] = {"id": mid, "account": acct, "url": check_target(body.url),
                     "name": body.name, "keyword": body.keyword, "last": None}
    return MONITORS[mid]


def probe(mon: dict) -> dict:
    started = time.monotonic()
    try:
        resp = requests.get(mon["url"], timeout=TIMEOUT, allow_redirects=False)
        body = resp.text[:100_000]
        up = resp.status_code < 400 and (not mon["keyword"] or mon["keyword"] in body)
        result = {"up": up, "status": resp.status_code, "sample": body[:300]}
    except requests.RequestException as exc:
        result = {"up": False, "status": None, "sample": type(exc).__name__}
    result["ms"] = round((time.monotonic() - started) * 1000)
    return result


@app.post("/monitors/{mid}/check")
def run_check(mid: int, acct: str = Depends(account)):
    mon = MONITORS.get(mid)
    if mon is None or mon["account"] != acct:
        raise HTTPException(404, "no such monitor")
    mon["last"] = probe(mon)
    log.info("monitor %d checked: up=%s", mid, mon["last"]["up"])
    return mon["last"]


@app.get("/monitors")
def list_monitors(acct: str = Depends(account)):
    return [m for m in MONITORS.values() if m["account"] == acct]


@app.delete("/monitors/{mid}", status_code=204)
def delete_monitor(mid: int, acct: str = Depends(account)):
    mon = MONITORS.get(mid)
    if mon is None or mon["account"] != acct:
        raise HTTPException(404, "no such monitor")
    del MONITORS[mid]


if __name__ == "__main__":
    import uvicorn

    uvicorn.run(app, host="0.0.0.0", port=int(os.environ.get("PORT", "8000")))
