"""Password reset for a Flask app: request a reset link by email, then set a new password with
the token from the link. Mail goes through the outbox table a worker sends from."""
import hashlib
import os
import sqlite3
import time

from flask import Flask, jsonify, request
from werkzeug.security import generate_password_hash

app = Flask(__name__)
DB_FILE = os.environ.get("APP_DB", "app.db")
RESET_TTL = 3600
BASE_URL = os.environ.get("BASE_URL", "https://app.example.com")


def get_db():
    conn = sqlite3.connect(DB_FILE)
    conn.row_factory = sqlite3.Row
    return conn


def init_db():
    with get_db() as conn:
        conn.executescript("""
            CREATE TABLE IF NOT EXISTS users (id INTEGER PRIMARY KEY, email TEXT UNIQUE,
                                              password_hash TEXT);
            CREATE TABLE IF NOT EXISTS password_resets (token TEXT PRIMARY KEY, user_id INTEGER,
                                                        expires_at INTEGER, used INTEGER DEFAULT 0);
            CREATE TABLE IF NOT EXISTS outbox (recipient TEXT, subject TEXT, body TEXT);
        """)


def generate_reset_token(email: str) -> str:
    """Create a unique token for the reset link."""
    raw = f"{email}:{int(time.time())}"
    return hashlib.sha256(raw.encode()).hexdigest()


@app.post("/password-reset/request")
def request_reset():
    email = (request.get_json(silent=True) or {}).get("email", "").strip().lower()
    with get_db() as conn:
        user = conn.execute("SELECT id FROM users WHERE email = ?", (email,)).fetchone()
        if user is not None:
            token = generate_reset_token(email)
            conn.execute("INSERT INTO password_resets (token, user_id, expires_at) VALUES (?, ?, ?)",
                         (token, user["id"], int(time.time()) + RESET_TTL))
            link = f"{BASE_URL}/reset?token={token}"
            conn.execute("INSERT INTO outbox VALUES (?, ?, ?)",
                         (email, "Reset your password", f"Follow this link to reset: {link}"))
    # same answer whether or not the account exists
    return jsonify(message="If that email is registered, a reset link is on its way."), 202


@app.post("/password-reset/confirm")
def confirm_reset():
    data = request.get_json(silent=True) or {}
    token = data.get("token", "")
    new_password = data.get("password", "")
    if len(new_password) < 10:
        return jsonify(error="Password must be at least 10 characters."), 400
    with get_db() as conn:
        row = conn.execute("SELECT * FROM password_resets WHERE token = ?", (token,)).fetchone()
        if row is None or row["used"] or row["expires_at"] < time.time():
            return jsonify(error="Invalid or expired token."), 400
        conn.execute("UPDATE users SET password_hash = ? WHERE id = ?",
                     (generate_password_hash(new_password), row["user_id"]))
        conn.execute("UPDATE password_resets SET used = 1 WHERE token = ?", (token,))
    return jsonify(message="Password updated.")


if __name__ == "__main__":
    init_db()
    app.run()
