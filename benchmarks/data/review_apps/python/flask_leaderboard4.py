"""Game leaderboard: the game server posts signed scores, players browse the top of the
board and search it by player name."""
import hashlib
import hmac
import logging
import os
import re
import sqlite3

from flask import Flask, abort, jsonify, request

app = Flask(__name__)
logging.basicConfig(filename="scores.log", level=logging.INFO,
                    format="%(asctime)s %(levelname)s %(message)s")
log = logging.getLogger("leaderboard")

GAME_KEY = os.environ["LEADERBOARD_GAME_KEY"].encode()
DB = os.environ.get("LEADERBOARD_DB", "leaderboard.db")
MODES = {"classic", "timed", "endless"}
PLAYER_RE = re.compile(r"^[A-Za-z0-9_-]{2,32}$")


def db():
    conn = sqlite3.connect(DB)
    conn.row_factory = sqlite3.Row
    return conn


def init_db():
    with db() as conn:
        conn.execute("CREATE TABLE IF NOT EXISTS scores (id INTEGER PRIMARY KEY, player TEXT,"
                     " mode TEXT, points INTEGER)")


def signed(payload: bytes, signature: str) -> bool:
    mac = hmac.new(GAME_KEY, payload, hashlib.sha256).hexdigest()
    return hmac.compare_digest(mac, signature)


@app.post("/scores")
def post_score():
    if not signed(request.get_data(), request.headers.get("X-Signature", "")):
        abort(401)
    data = request.get_json(force=True)
    player = str(data.get("player", ""))
    mode = data.get("mode")
    points = data.get("points")
    if not PLAYER_RE.fullmatch(player):
        abort(400, "bad player name")
    if mode not in MODES or not isinstance(points, int) or not 0 <= points <= 10_000_000:
        abort(400)
    with db() as conn:
        conn.execute("INSERT INTO scores (player, mode, points) VALUES (?, ?, ?)",
                     (player, mode, points))
    log.info("new score %d in %s by %s", points, mode, player)
    return jsonify(ok=True), 201


@app.get("/top/<mode>")
def top(mode):
    if mode not in MODES:
        abort(404)
    limit = min(max(request.args.get("limit", 10, type=int), 1), 100)
    with db() as conn:
        rows = conn.execute(
            "SELECT player, points FROM scores WHERE mode = ? ORDER BY points DESC LIMIT ?",
            (mode, limit),
        ).fetchall()
    return jsonify([dict(r) for r in rows])


@app.get("/search")
def search():
    pattern = request.args.get("player", "")
    if not pattern or len(pattern) > 40:
        abort(400)
    matcher = re.compile(pattern, re.IGNORECASE)
    with db() as conn:
        rows = conn.execute("SELECT player, mode, points FROM scores").fetchall()
    hits = [dict(r) for r in rows if matcher.search(r["player"])]
    return jsonify(hits[:50])


@app.get("/players/<name>")
def player(name):
    with db() as conn:
        rows = conn.execute(
            "SELECT mode, MAX(points) AS best FROM scores WHERE player = ? GROUP BY mode",
            (name,),
        ).fetchall()
    if not rows:
        abort(404)
    return jsonify({r["mode"]: r["best"] for r in rows})
