"""Game leaderboard: the game server submits signed scores; anyone can read the top players
and a player's best runs."""
import hashlib
import hmac
import logging
import os
import re
import sqlite3
import time

from fastapi import FastAPI, Header, HTTPException, Query, Request
from pydantic import BaseModel, Field

app = FastAPI(title="Leaderboard")
logger = logging.getLogger("leaderboard")
DB = os.environ.get("LEADERBOARD_DB", "scores.db")
GAME_SECRET = os.environ["GAME_SERVER_SECRET"].encode()
MAX_SKEW = 300  # seconds a signed submission stays valid
PLAYER = re.compile(r"^[A-Za-z0-9_-]{3,20}$")


def db():
    conn = sqlite3.connect(DB)
    conn.row_factory = sqlite3.Row
    return conn


def init_db():
    with db() as conn:
        conn.execute("CREATE TABLE IF NOT EXISTS scores (id INTEGER PRIMARY KEY, player TEXT, "
                     "level TEXT, score INTEGER, submitted_at INTEGER, nonce TEXT UNIQUE)")


class Score(BaseModel):
    player: str = Field(pattern=PLAYER.pattern)
    level: str = Field(pattern=r"^[a-z0-9-]{1,32}$")
    score: int = Field(ge=0, le=10_000_000)
    timestamp: int
    nonce: str = Field(min_length=16, max_length=64)


def verify(raw: bytes, signature: str, ts: int) -> None:
    if abs(time.time() - ts) > MAX_SKEW:
        raise HTTPException(status_code=401, detail="stale submission")
    expected = hmac.new(GAME_SECRET, raw, hashlib.sha256).hexdigest()
    if not hmac.compare_digest(expected, signature):
        raise HTTPException(status_code=401, detail="bad signature")


@app.post("/scores", status_code=201)
async def submit(request: Request, x_signature: str = Header(...)):
    raw = await request.body()
    score = Score.model_validate_json(raw)
    verify(raw, x_signature, score.timestamp)
    try:
        with db() as conn:
            conn.execute("INSERT INTO scores (player, level, score, submitted_at, nonce) "
                         "VALUES (?, ?, ?, ?, ?)",
                         (score.player, score.level, score.score, score.timestamp, score.nonce))
    except sqlite3.IntegrityError:
        raise HTTPException(status_code=409, detail="duplicate submission")
    logger.info("score %d for %s on %s", score.score, score.player, score.level)
    return {"ok": True}


@app.get("/levels/{level}/top")
def top(level: str, limit: int = Query(10, ge=1, le=100)):
    if not re.fullmatch(r"[a-z0-9-]{1,32}", level):
        raise HTTPException(status_code=400, detail="bad level")
    with db() as conn:
        rows = conn.execute("SELECT player, MAX(score) AS best FROM scores WHERE level = ? "
                            "GROUP BY player ORDER BY best DESC LIMIT ?",
                            (level, limit)).fetchall()
    return [{"rank": i + 1, "player": r["player"], "score": r["best"]}
            for i, r in enumerate(rows)]


@app.get("/players/{player}")
def player_runs(player: str, limit: int = Query(20, ge=1, le=100)):
    if not PLAYER.fullmatch(player):
        raise HTTPException(status_code=400, detail="bad player name")
    with db() as conn:
        rows = conn.execute("SELECT level, score, submitted_at FROM scores WHERE player = ? "
                            "ORDER BY score DESC LIMIT ?", (player, limit)).fetchall()
    return {"player": player, "runs": [dict(r) for r in rows]}
