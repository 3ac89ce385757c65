"""Fleet telemetry (FastAPI + SQLite).

Vehicles' trackers post position events to a webhook signed with the fleet's shared secret
(HMAC-SHA256 of the raw body in X-Signature); fleet managers read their own vehicles'
positions with their fleet's API key.
"""

import hashlib
import hmac
import json
import logging
import os
import re
import sqlite3
from contextlib import closing

from fastapi import Depends, FastAPI, Header, HTTPException, Request

app = FastAPI(title="Fleet telemetry")
DATABASE = "fleet.db"
MAX_BODY = 16 * 1024
EVENTS = {"position", "ignition_on", "ignition_off", "harsh_brake"}
VIN_RE = re.compile(r"^[A-HJ-NPR-Z0-9]{17}$")
log = logging.getLogger("fleet.ingest")


def db() -> sqlite3.Connection:
    conn = sqlite3.connect(DATABASE)
    conn.row_factory = sqlite3.Row
    return conn


def init_db() -> None:
    with closing(db()) as conn:
        conn.executescript(
            """
            CREATE TABLE IF NOT EXISTS fleets (id INTEGER PRIMARY KEY AUTOINCREMENT,
                name TEXT NOT NULL, api_key_hash TEXT UNIQUE NOT NULL,
                webhook_secret TEXT NOT NULL);
            CREATE TABLE IF NOT EXISTS vehicles (vin TEXT PRIMARY KEY,
                fleet_id INTEGER NOT NULL);
            CREATE TABLE IF NOT EXISTS events (id INTEGER PRIMARY KEY AUTOINCREMENT,
                vin TEXT NOT NULL, kind TEXT NOT NULL, lat REAL, lon REAL, at TEXT NOT NULL);
            """
        )


def add_fleet(name: str, api_key: str, webhook_secret: str) -> int:
    with closing(db()) as conn:
        cur = conn.execute(
            "INSERT INTO fleets (name, api_key_hash, webhook_secret) VALUES (?, ?, ?)",
            (name, hashlib.sha256(api_key.encode()).hexdigest(), webhook_secret),
        )
        conn.commit()
        return cur.lastrowid


def add_vehicle(vin: str, fleet_id: int) -> None:
    with closing(db()) as conn:
        conn.execute("INSERT INTO vehicles (vin, fleet_id) VALUES (?, ?)", (vin, fleet_id))
        conn.commit()


def current_fleet(x_api_key: str = Header(default="")) -> sqlite3.Row:
    key_hash = hashlib.sha256(x_api_key.encode()).hexdigest()
    with closing(db()) as conn:
        fleet = conn.execute("SELECT id, name FROM fleets WHERE api_key_hash = ?",
                             (key_hash,)).fetchone()
    if fleet is None:
        raise HTTPException(status_code=401, detail="invalid API key")
    return fleet


@app.post("/webhooks/{fleet_id}/events", status_code=202)
async def ingest(fleet_id: int, request: Request, x_signature: str = Header(default="")) -> dict:
    body = await request.body()
    if len(body) > MAX_BODY:
        raise HTTPException(status_code=413, detail="payload too large")
    with closing(db()) as conn:
        fleet = conn.execute("SELECT webhook_secret FROM fleets WHERE id = ?",
                             (fleet_id,)).fetchone()
    if fleet is None:
        raise HTTPException(status_code=404, detail="unknown fleet")
    expected = hmac.new(fleet["webhook_secret"].encode(), body, hashlib.sha256).hexdigest()
    if not hmac.compare_digest(expected, x_signature.removeprefix("sha256=")):
        raise HTTPException(status_code=401, detail="bad signature")
    try:
        event = json.loads(body)
        vin, kind, at = event["vin"], event["type"], str(event["at"])
        lat, lon = float(event.get("lat", 0)), float(event.get("lon", 0))
    except (ValueError, KeyError, TypeError):
        raise HTTPException(status_code=400, detail="malformed event")
    if kind not in EVENTS or not isinstance(vin, str) or not VIN_RE.match(vin):
        raise HTTPException(status_code=400, detail="unknown event or VIN")
    with closing(db()) as conn:
        owned = conn.execute("SELECT 1 FROM vehicles WHERE vin = ? AND fleet_id = ?",
                             (vin, fleet_id)).fetchone()
        if owned is None:
            raise HTTPException(status_code=404, detail="vehicle not in this fleet")
        conn.execute("INSERT INTO events (vin, kind, lat, lon, at) VALUES (?, ?, ?, ?, ?)",
                     (vin, kind, lat, lon, at[:32]))
        conn.commit()
    log.info("fleet %d: %s from %s", fleet_id, kind, vin)
    return {"accepted": True}


@app.get("/vehicles")
def vehicles(fleet: sqlite3.Row = Depends(current_fleet)) -> list[str]:
    with closing(db()) as conn:
        rows = conn.execute("SELECT vin FROM vehicles WHERE fleet_id = ? ORDER BY vin",
                            (fleet["id"],)).fetchall()
    return [r["vin"] for r in rows]


@app.get("/vehicles/{vin}/events")
def vehicle_events(vin: str, limit: int = 100,
                   fleet: sqlite3.Row = Depends(current_fleet)) -> list[dict]:
    limit = max(1, min(limit, 500))
    with closing(db()) as conn:
        rows = conn.execute(
            "SELECT e.kind, e.lat, e.lon, e.at FROM events e "
            "JOIN vehicles v ON v.vin = e.vin "
            "WHERE e.vin = ? AND v.fleet_id = ? ORDER BY e.id DESC LIMIT ?",
            (vin, fleet["id"], limit),
        ).fetchall()
    return [dict(r) for r in rows]


if __name__ == "__main__":
    import uvicorn

    init_db()
    uvicorn.run(app, host="127.0.0.1", port=int(os.environ.get("PORT", "8000")))
