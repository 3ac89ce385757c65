"""API key management for a developer portal: signed-in users create named API keys,
list them (only a prefix is shown), revoke them; other services verify a key."""
import hashlib
import os
import sqlite3
import time
from functools import wraps

from flask import Flask, g, jsonify, request, session
from werkzeug.security import check_password_hash, generate_password_hash

app = Flask(__name__)
app.secret_key = os.environ["PORTAL_SECRET_KEY"]
DB_PATH = os.environ.get("PORTAL_DB", "portal.db")


def get_db():
    if "db" not in g:
        g.db = sqlite3.connect(DB_PATH)
        g.db.row_factory = sqlite3.Row
    return g.db


@app.teardown_appcontext
def close_db(exc):
    db = g.pop("db", None)
    if db is not None:
        db.close()


def init_db():
    with sqlite3.connect(DB_PATH) as conn:
        conn.executescript("""
            CREATE TABLE IF NOT EXISTS users (id INTEGER PRIMARY KEY, username TEXT UNIQUE, pw TEXT);
            CREATE TABLE IF NOT EXISTS api_keys (id INTEGER PRIMARY KEY, user_id INTEGER, name TEXT,
                key_hash TEXT UNIQUE, prefix TEXT, created_at INTEGER, revoked INTEGER DEFAULT 0);
        """)


def login_required(f):
    @wraps(f)
    def inner(*a, **kw):
        if "uid" not in session:
            return jsonify({"error": "unauthorized"}), 401
        return f(*a, **kw)
    return inner


@app.post("/signup")
def signup():
    d = request.get_json() or {}
    if not d.get("username") or len(d.get("password", "")) < 10:
        return jsonify({"error": "username and a 10+ character password required"}), 400
    try:
        get_db().execute("INSERT INTO users (username, pw) VALUES (?, ?)",
                         (d["username"], generate_password_hash(d["password"])))
        get_db().commit()
    except sqlite3.IntegrityError:
        return jsonify({"error": "taken"}), 409
    return jsonify({"ok": True}), 201


@app.post("/login")
def login():
    d = request.get_json() or {}
    u = get_db().execute("SELECT * FROM users WHERE username = ?", (d.get("username"),)).fetchone()
    if not u or not check_password_hash(u["pw"], d.get("password", "")):
        return jsonify({"error": "bad credentials"}), 401
    session["uid"] = u["id"]
    return jsonify({"ok": True})


def generate_api_key(user_id: int) -> str:
    seed = f"{user_id}:{int(time.time())}"
    return "pk_" + hashlib.sha256(seed.encode()).hexdigest()[:40]


@app.post("/keys")
@login_required
def create_key():
    name = (request.get_json() or {}).get("name", "default")[:50]
    key = generate_api_key(session["uid"])
    get_db().execute(
        "INSERT INTO api_keys (user_id, name, key_hash, prefix, created_at) VALUES (?, ?, ?, ?, ?)",
        (session["uid"], name, hashlib.sha256(key.encode()).hexdigest(), key[:7], int(time.time())))
    get_db().commit()
    return jsonify({"name": name, "key": key, "note": "store it now: it is shown once"}), 201


@app.get("/keys")
@login_required
def list_keys():
    rows = get_db().execute("SELECT id, name, prefix, created_at, revoked FROM api_keys "
                            "WHERE user_id = ?", (session["uid"],)).fetchall()
    return jsonify([dict(r) for r in rows])


@app.delete("/keys/<int:key_id>")
@login_required
def revoke_key(key_id):
    cur = get_db().execute("UPDATE api_keys SET revoked = 1 WHERE id = ? AND user_id = ?",
                           (key_id, session["uid"]))
    get_db().commit()
    return (jsonify({"revoked": key_id}), 200) if cur.rowcount else (jsonify({"error": "not found"}), 404)


@app.post("/verify")
def verify():
    key = request.headers.get("X-API-Key", "")
    row = get_db().execute(
        "SELECT u.username FROM api_keys k JOIN users u ON u.id = k.user_id "
        "WHERE k.key_hash = ? AND k.revoked = 0", (hashlib.sha256(key.encode()).hexdigest(),)).fetchone()
    if row is None:
        return jsonify({"valid": False}), 401
    return jsonify({"valid": True, "user": row["username"]})
