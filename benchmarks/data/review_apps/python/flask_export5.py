"""Data export for a habit tracker: a signed-in user downloads their own check-ins as CSV or a
ZIP of CSV plus JSON. Sign-in uses a bearer token stored hashed."""
import csv
import hashlib
import io
import json
import logging
import os
import sqlite3
import zipfile
from datetime import date

from flask import Flask, abort, g, request, send_file

app = Flask(__name__)
DB_PATH = os.environ.get("HABITS_DB", "habits.db")
logging.basicConfig(filename="export.log", level=logging.INFO)
logger = logging.getLogger("export")


def get_db():
    if "db" not in g:
        g.db = sqlite3.connect(DB_PATH)
        g.db.row_factory = sqlite3.Row
    return g.db


@app.teardown_appcontext
def close_db(_):
    db = g.pop("db", None)
    if db is not None:
        db.close()


def init_db():
    with sqlite3.connect(DB_PATH) as conn:
        conn.executescript("""
            CREATE TABLE IF NOT EXISTS users (id INTEGER PRIMARY KEY, username TEXT UNIQUE,
                                              token_hash TEXT UNIQUE);
            CREATE TABLE IF NOT EXISTS checkins (id INTEGER PRIMARY KEY, user_id INTEGER,
                                                 habit TEXT, day TEXT, note TEXT);
        """)


def current_user():
    auth = request.headers.get("Authorization", "")
    if not auth.startswith("Bearer "):
        abort(401)
    digest = hashlib.sha256(auth[7:].encode()).hexdigest()
    user = get_db().execute("SELECT id, username FROM users WHERE token_hash = ?",
                            (digest,)).fetchone()
    if user is None:
        abort(401)
    return user


def user_checkins(user_id, since=None):
    sql = "SELECT habit, day, note FROM checkins WHERE user_id = ?"
    params = [user_id]
    if since:
        sql += " AND day >= ?"
        params.append(since)
    return [dict(r) for r in get_db().execute(sql + " ORDER BY day", params)]


def to_csv(rows):
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=["habit", "day", "note"])
    writer.writeheader()
    writer.writerows(rows)
    return buf.getvalue()


@app.get("/export.csv")
def export_csv():
    user = current_user()
    since = request.args.get("since")
    if since:
        try:
            since = date.fromisoformat(since).isoformat()
        except ValueError:
            abort(400)
    rows = user_checkins(user["id"], since)
    logger.info("user %s exported %d check-ins as CSV", user["id"], len(rows))
    return send_file(io.BytesIO(to_csv(rows).encode()), mimetype="text/csv",
                     as_attachment=True, download_name=f"{user['username']}-checkins.csv")


@app.get("/export.zip")
def export_zip():
    user = current_user()
    rows = user_checkins(user["id"])
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("checkins.csv", to_csv(rows))
        zf.writestr("checkins.json", json.dumps(rows, indent=2))
    buf.seek(0)
    logger.info("user %s exported %d check-ins as ZIP", user["id"], len(rows))
    return send_file(buf, mimetype="application/zip", as_attachment=True,
                     download_name=f"{user['username']}-export.zip")


if __name__ == "__main__":
    init_db()
    app.run()
