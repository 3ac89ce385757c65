"""Status dashboard: teams pick upstream providers and see their current status in one place."""
import json
import os
import re
import secrets
import sqlite3

import requests
from fastapi import Depends, FastAPI, Header, HTTPException
from pydantic import BaseModel, Field

app = FastAPI(title="Status dashboard")
DB = os.environ.get("DASHBOARD_DB", "dashboard.db")

# Providers we know how to read; the base URLs are ours, never the caller's.
PROVIDERS = {
    "github": os.environ.get("GITHUB_STATUS_BASE", "https://www.githubstatus.com"),
    "atlassian": os.environ.get("ATLASSIAN_STATUS_BASE", "https://status.atlassian.com"),
    "openai": os.environ.get("OPENAI_STATUS_BASE", "https://status.openai.com"),
}
COMPONENT = re.compile(r"^[a-z0-9][a-z0-9-]{0,62}$")
MAX_BODY = 256 * 1024


def db():
    conn = sqlite3.connect(DB)
    conn.row_factory = sqlite3.Row
    return conn


def init_db():
    with db() as conn:
        conn.executescript("""
        CREATE TABLE IF NOT EXISTS teams (id INTEGER PRIMARY KEY, name TEXT, api_key TEXT UNIQUE);
        CREATE TABLE IF NOT EXISTS watches (id INTEGER PRIMARY KEY, team_id INTEGER,
            provider TEXT, component TEXT);""")


def team_from_key(x_api_key: str = Header(...)):
    with db() as conn:
        team = conn.execute("SELECT id, name FROM teams WHERE api_key = ?", (x_api_key,)).fetchone()
    if team is None:
        raise HTTPException(status_code=401, detail="invalid API key")
    return team


class TeamIn(BaseModel):
    name: str = Field(min_length=1, max_length=60)


class WatchIn(BaseModel):
    provider: str
    component: str = Field(default="summary", max_length=63)


@app.post("/teams", status_code=201)
def create_team(body: TeamIn):
    key = secrets.token_hex(24)
    with db() as conn:
        conn.execute("INSERT INTO teams (name, api_key) VALUES (?, ?)", (body.name, key))
    return {"api_key": key}


@app.post("/watches", status_code=201)
def add_watch(body: WatchIn, team=Depends(team_from_key)):
    if body.provider not in PROVIDERS:
        raise HTTPException(status_code=400, detail=f"provider must be one of {sorted(PROVIDERS)}")
    if not COMPONENT.match(body.component):
        raise HTTPException(status_code=400, detail="component must be a lowercase slug")
    with db() as conn:
        cur = conn.execute("INSERT INTO watches (team_id, provider, component) VALUES (?, ?, ?)",
                           (team["id"], body.provider, body.component))
    return {"id": cur.lastrowid}


def fetch_status(provider: str, component: str) -> dict:
    url = f"{PROVIDERS[provider]}/api/v2/{component}.json"
    try:
        resp = requests.get(url, timeout=5, allow_redirects=False, stream=True)
        raw = resp.raw.read(MAX_BODY + 1, decode_content=True)
    except requests.RequestException:
        return {"provider": provider, "component": component, "status": "unreachable"}
    if resp.status_code != 200 or len(raw) > MAX_BODY:
        return {"provider": provider, "component": component, "status": "unavailable"}
    try:
        data = json.loads(raw)
    except ValueError:
        return {"provider": provider, "component": component, "status": "unreadable"}
    indicator = (data.get("status") or {}).get("indicator", "unknown")
    return {"provider": provider, "component": component, "status": str(indicator)[:32]}


@app.get("/dashboard")
def dashboard(team=Depends(team_from_key)):
    with db() as conn:
        rows = conn.execute("SELECT provider, component FROM watches WHERE team_id = ? "
                            "ORDER BY id LIMIT 50", (team["id"],)).fetchall()
    return {"team": team["name"],
            "statuses": [fetch_status(r["provider"], r["component"]) for r in rows
                         if r["provider"] in PROVIDERS]}


@app.delete("/watches/{watch_id}", status_code=204)
def remove_watch(watch_id: int, team=Depends(team_from_key)):
    with db() as conn:
        cur = conn.execute("DELETE FROM watches WHERE id = ? AND team_id = ?",
                           (watch_id, team["id"]))
    if cur.rowcount == 0:
        raise HTTPException(status_code=404, detail="watch not found")
