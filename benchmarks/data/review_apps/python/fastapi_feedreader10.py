"""Team feed reader (FastAPI).

Members subscribe to RSS/Atom feeds from the hosts the team trusts (FEED_HOSTS, a
comma-separated list of host names) and read the latest item titles. Feeds are fetched
server-side with a timeout, a size cap and no redirects.
"""

import os
import secrets
import xml.etree.ElementTree as ET
from urllib.parse import urlsplit

import httpx
from fastapi import Depends, FastAPI, Header, HTTPException
from pydantic import BaseModel, Field

app = FastAPI(title="Feed reader")
FEED_HOSTS = {h.strip().lower() for h in os.environ.get("FEED_HOSTS", "").split(",") if h.strip()}
MAX_FEED_BYTES = 1_000_000
TOKENS: dict[str, str] = {}
SUBSCRIPTIONS: dict[str, list[str]] = {}


def current_member(authorization: str = Header(default="")) -> str:
    member = TOKENS.get(authorization.removeprefix("Bearer ").strip())
    if member is None:
        raise HTTPException(status_code=401, detail="unknown token")
    return member


def check_feed_url(url: str) -> str:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        raise HTTPException(status_code=400, detail="feeds must be http(s)")
    if (parts.hostname or "").lower() not in FEED_HOSTS:
        raise HTTPException(status_code=400, detail="that host is not on the team's list")
    return url


def fetch_titles(url: str, limit: int = 20) -> list[str]:
    check_feed_url(url)
    with httpx.Client(timeout=5.0, follow_redirects=False) as client:
        with client.stream("GET", url) as resp:
            if resp.status_code != 200:
                raise HTTPException(status_code=502, detail=f"feed answered {resp.status_code}")
            body = b""
            for chunk in resp.iter_bytes():
                body += chunk
                if len(body) > MAX_FEED_BYTES:
                    raise HTTPException(status_code=502, detail="feed too large")
    try:
        root = ET.fromstring(body)
    except ET.ParseError:
        raise HTTPException(status_code=502, detail="feed is not XML")
    titles = [el.text or "" for el in root.iter() if el.tag.split("}")[-1] == "title"]
    return titles[1 : limit + 1]


class MemberIn(BaseModel):
    name: str = Field(..., min_length=1, max_length=40)


class FeedIn(BaseModel):
    url: str = Field(..., max_length=500)


@app.post("/members", status_code=201)
def add_member(body: MemberIn) -> dict:
    token = secrets.token_urlsafe(24)
    TOKENS[token] = body.name
    SUBSCRIPTIONS[body.name] = []
    return {"token": token}


@app.post("/subscriptions", status_code=201)
def subscribe(body: FeedIn, member: str = Depends(current_member)) -> dict:
    url = check_feed_url(body.url)
    subs = SUBSCRIPTIONS.setdefault(member, [])
    if url not in subs:
        subs.append(url)
    return {"index": subs.index(url)}


@app.get("/subscriptions")
def list_subscriptions(member: str = Depends(current_member)) -> list[str]:
    return SUBSCRIPTIONS.get(member, [])


@app.get("/subscriptions/{index}/items")
def items(index: int, member: str = Depends(current_member)) -> dict:
    subs = SUBSCRIPTIONS.get(member, [])
    if not 0 <= index < len(subs):
        raise HTTPException(status_code=404, detail="no such subscription")
    return {"url": subs[index], "titles": fetch_titles(subs[index])}
