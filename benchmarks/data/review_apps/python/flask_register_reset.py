"""Accounts service: sign-up, sign-in and password reset by e-mailed token."""
import hashlib
import logging
import os
import secrets
import sqlite3
import time

from flask import Flask, g, jsonify, request

app = Flask(__name__)
app.config["SECRET_KEY"] = os.environ.get("SECRET_KEY") or secrets.token_hex(32)
app.config["DATABASE"] = os.environ.get("ACCOUNTS_DB", "accounts.db")

logging.basicConfig(filename="auth.log", level=logging.INFO,
                    format="%(asctime)s %(levelname)s %(message)s")
log = logging.getLogger("auth")

RESET_TTL = 30 * 60


def get_db():
    if "db" not in g:
        g.db = sqlite3.connect(app.config["DATABASE"])
        g.db.row_factory = sqlite3.Row
        g.db.execute(
            "CREATE TABLE IF NOT EXISTS accounts (id INTEGER PRIMARY KEY, email TEXT UNIQUE, "
            "salt TEXT, pw_hash TEXT, created REAL)")
        g.db.execute(
            "CREATE TABLE IF NOT EXISTS resets (token TEXT PRIMARY KEY, account_id INTEGER, "
            "expires REAL)")
    return g.db


@app.teardown_appcontext
def close_db(_exc):
    db = g.pop("db", None)
    if db is not None:
        db.close()


def hash_password(password: str, salt: str) -> str:
    return hashlib.sha256((salt + password).encode("utf-8")).hexdigest()


def send_reset_mail(email: str, token: str) -> None:
    # The real service hands this to the mail queue.
    log.info("reset mail queued for account %s", hashlib.sha1(email.encode()).hexdigest()[:8])


@app.post("/signup")
def signup():
    data = request.get_json(silent=True) or {}
    email = str(data.get("email", "")).strip().lower()
    password = str(data.get("password", ""))
    if "@" not in email or len(password) < 8:
        return jsonify(error="a valid email and a password of 8+ characters are required"), 400
    salt = secrets.token_hex(8)
    try:
        get_db().execute(
            "INSERT INTO accounts (email, salt, pw_hash, created) VALUES (?, ?, ?, ?)",
            (email, salt, hash_password(password, salt), time.time()))
        get_db().commit()
    except sqlite3.IntegrityError:
        return jsonify(error="email already registered"), 409
    return jsonify(email=email), 201


@app.post("/signin")
def signin():
    data = request.get_json(silent=True) or {}
    email = str(data.get("email", "")).strip().lower()
    row = get_db().execute("SELECT * FROM accounts WHERE email = ?", (email,)).fetchone()
    if row is None or hash_password(str(data.get("password", "")), row["salt"]) != row["pw_hash"]:
        log.warning("failed sign-in for %s from %s", email, request.remote_addr)
        return jsonify(error="invalid credentials"), 401
    log.info("sign-in ok for account %d", row["id"])
    return jsonify(account_id=row["id"])


@app.post("/password/forgot")
def forgot():
    email = str((request.get_json(silent=True) or {}).get("email", "")).strip().lower()
    row = get_db().execute("SELECT id FROM accounts WHERE email = ?", (email,)).fetchone()
    if row is not None:
        token = secrets.token_urlsafe(32)
        get_db().execute("INSERT INTO resets (token, account_id, expires) VALUES (?, ?, ?)",
                         (token, row["id"], time.time() + RESET_TTL))
        get_db().commit()
        send_reset_mail(email, token)
    return jsonify(message="if the account exists, a reset link is on its way")


@app.post("/password/reset")
def reset():
    data = request.get_json(silent=True) or {}
    token, password = str(data.get("token", "")), str(data.get("password", ""))
    if len(password) < 8:
        return jsonify(error="password too short"), 400
    db = get_db()
    row = db.execute("SELECT account_id, expires FROM resets WHERE token = ?", (token,)).fetchone()
    if row is None or row["expires"] < time.time():
        return jsonify(error="invalid or expired token"), 400
    salt = secrets.token_hex(8)
    db.execute("UPDATE accounts SET salt = ?, pw_hash = ? WHERE id = ?",
               (salt, hash_password(password, salt), row["account_id"]))
    db.execute("DELETE FROM resets WHERE token = ?", (token,))
    db.commit()
    return jsonify(message="password updated")
