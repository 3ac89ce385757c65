"""Personal password vault: one master password per user unlocks that user's entries."""
import base64
import hashlib
import os
import sqlite3

import bcrypt
from cryptography.fernet import Fernet, InvalidToken
from flask import Flask, abort, g, jsonify, request, session

app = Flask(__name__)
app.secret_key = os.environ["VAULT_SESSION_KEY"]
app.config.update(SESSION_COOKIE_SECURE=True, SESSION_COOKIE_HTTPONLY=True,
                  SESSION_COOKIE_SAMESITE="Strict")
DB = os.environ.get("VAULT_DB", "vault.db")
UNLOCKED: dict[int, bytes] = {}  # user id -> vault key, kept in memory only


def db():
    if "db" not in g:
        g.db = sqlite3.connect(DB)
        g.db.row_factory = sqlite3.Row
        g.db.executescript(
            "CREATE TABLE IF NOT EXISTS users (id INTEGER PRIMARY KEY, username TEXT UNIQUE, "
            "pw_hash BLOB);"
            "CREATE TABLE IF NOT EXISTS entries (id INTEGER PRIMARY KEY, user_id INTEGER, "
            "site TEXT, login TEXT, secret BLOB);")
    return g.db


@app.teardown_appcontext
def _close(_):
    if (c := g.pop("db", None)) is not None:
        c.close()


def vault_key(username: str, master: str) -> bytes:
    raw = hashlib.sha256(f"{username}:{master}".encode()).digest()
    return base64.urlsafe_b64encode(raw)


@app.post("/register")
def register():
    data = request.get_json(force=True)
    username, master = data.get("username", ""), data.get("master_password", "")
    if len(master) < 12:
        return jsonify(error="master password must have 12+ characters"), 400
    try:
        db().execute("INSERT INTO users (username, pw_hash) VALUES (?, ?)",
                     (username, bcrypt.hashpw(master.encode(), bcrypt.gensalt(rounds=12))))
        db().commit()
    except sqlite3.IntegrityError:
        return jsonify(error="taken"), 409
    return jsonify(ok=True), 201


@app.post("/unlock")
def unlock():
    data = request.get_json(force=True)
    username, master = data.get("username", ""), data.get("master_password", "")
    row = db().execute("SELECT id, pw_hash FROM users WHERE username = ?", (username,)).fetchone()
    if row is None or not bcrypt.checkpw(master.encode(), row["pw_hash"]):
        return jsonify(error="wrong username or master password"), 401
    session.clear()
    session["uid"] = row["id"]
    UNLOCKED[row["id"]] = vault_key(username, master)
    return jsonify(ok=True)


def unlocked_user() -> tuple[int, Fernet]:
    uid = session.get("uid")
    if uid is None or uid not in UNLOCKED:
        abort(401)
    return uid, Fernet(UNLOCKED[uid])


@app.post("/entries")
def add_entry():
    uid, box = unlocked_user()
    data = request.get_json(force=True)
    secret = box.encrypt(data.get("password", "").encode())
    cur = db().execute("INSERT INTO entries (user_id, site, login, secret) VALUES (?, ?, ?, ?)",
                       (uid, data.get("site", "")[:200], data.get("login", "")[:200], secret))
    db().commit()
    return jsonify(id=cur.lastrowid), 201


@app.get("/entries/<int:entry_id>")
def reveal(entry_id):
    uid, box = unlocked_user()
    row = db().execute("SELECT site, login, secret FROM entries WHERE id = ? AND user_id = ?",
                       (entry_id, uid)).fetchone()
    if row is None:
        abort(404)
    try:
        password = box.decrypt(row["secret"]).decode()
    except InvalidToken:
        abort(500)
    return jsonify(site=row["site"], login=row["login"], password=password)


@app.post("/lock")
def lock():
    UNLOCKED.pop(session.pop("uid", None), None)
    return jsonify(ok=True)
