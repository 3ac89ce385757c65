"""Feature-flag service: services read flags, operators change them with an API key."""
import hashlib
import hmac
import logging
import os
import re
import sqlite3

from flask import Flask, abort, jsonify, request

app = Flask(__name__)
app.config["MAX_CONTENT_LENGTH"] = 16 * 1024
DB = os.environ.get("FLAGS_DB", "flags.db")
OPERATOR_KEY = os.environ["FLAGS_OPERATOR_KEY"]
FLAG_NAME = re.compile(r"[a-z][a-z0-9_]{0,63}")

logging.basicConfig(filename="flags.log", level=logging.INFO,
                    format="%(asctime)s %(levelname)s %(message)s")
log = logging.getLogger("flags")


def conn():
    c = sqlite3.connect(DB)
    c.row_factory = sqlite3.Row
    c.execute("CREATE TABLE IF NOT EXISTS flags (name TEXT PRIMARY KEY, enabled INTEGER, "
              "rollout INTEGER NOT NULL DEFAULT 100, description TEXT)")
    return c


def require_operator():
    sent = request.headers.get("X-Operator-Key", "")
    if not hmac.compare_digest(sent.encode(), OPERATOR_KEY.encode()):
        abort(401)


def bucket(flag: str, user_id: str) -> int:
    digest = hashlib.sha256(f"{flag}:{user_id}".encode()).digest()
    return int.from_bytes(digest[:4], "big") % 100


@app.get("/flags")
def all_flags():
    with conn() as c:
        rows = c.execute("SELECT name, enabled, rollout FROM flags ORDER BY name").fetchall()
    return jsonify({r["name"]: {"enabled": bool(r["enabled"]), "rollout": r["rollout"]}
                    for r in rows})


@app.get("/flags/<name>/evaluate")
def evaluate(name):
    user_id = request.args.get("user", "")
    with conn() as c:
        row = c.execute("SELECT enabled, rollout FROM flags WHERE name = ?", (name,)).fetchone()
    if row is None:
        abort(404)
    on = bool(row["enabled"]) and bucket(name, user_id) < row["rollout"]
    return jsonify(flag=name, on=on)


@app.put("/flags/<name>")
def upsert(name):
    require_operator()
    if not FLAG_NAME.fullmatch(name):
        return jsonify(error="flag names are lower_snake_case"), 400
    data = request.get_json(silent=True) or {}
    try:
        rollout = int(data.get("rollout", 100))
    except (TypeError, ValueError):
        return jsonify(error="rollout must be an integer"), 400
    if not 0 <= rollout <= 100:
        return jsonify(error="rollout is a percentage"), 400
    enabled = bool(data.get("enabled", False))
    description = str(data.get("description", ""))[:300]
    with conn() as c:
        c.execute(
            "INSERT INTO flags (name, enabled, rollout, description) VALUES (?, ?, ?, ?) "
            "ON CONFLICT(name) DO UPDATE SET enabled = excluded.enabled, "
            "rollout = excluded.rollout, description = excluded.description",
            (name, int(enabled), rollout, description),
        )
    log.info("flag %s set enabled=%s rollout=%d by %r", name, enabled, rollout,
             request.headers.get("X-Operator", "unknown"))
    return jsonify(flag=name, enabled=enabled, rollout=rollout)


@app.delete("/flags/<name>")
def remove(name):
    require_operator()
    with conn() as c:
        gone = c.execute("DELETE FROM flags WHERE name = ?", (name,)).rowcount
    if not gone:
        abort(404)
    log.info("flag %r deleted", name)
    return "", 204


if __name__ == "__main__":
    app.run(host="127.0.0.1", port=int(os.environ.get("PORT", "5001")))
