"""Account security service: passwords and two-factor backup codes (Flask + SQLite).

Users sign in with a password and, once they have generated backup codes, one unused backup
code. Codes are random, shown once, and stored only as hashes; each works a single time.
"""

import logging
import os
import secrets
import sqlite3
from functools import wraps

from flask import Flask, g, jsonify, request, session
from werkzeug.security import check_password_hash, generate_password_hash

app = Flask(__name__)
app.config.update(
    SECRET_KEY=os.environ["ACCOUNT_SECRET_KEY"],
    SESSION_COOKIE_SECURE=os.environ.get("ACCOUNT_INSECURE_COOKIES") != "1",
    SESSION_COOKIE_HTTPONLY=True,
    SESSION_COOKIE_SAMESITE="Strict",
)
DATABASE = "accounts.db"
CODE_COUNT = 10
log = logging.getLogger("accounts")


def get_db():
    if "db" not in g:
        g.db = sqlite3.connect(DATABASE)
        g.db.row_factory = sqlite3.Row
    return g.db


@app.teardown_appcontext
def close_db(exc):
    db = g.pop("db", None)
    if db is not None:
        db.close()


def init_db():
    with app.app_context():
        get_db().executescript(
            """
            CREATE TABLE IF NOT EXISTS users (id INTEGER PRIMARY KEY AUTOINCREMENT,
                username TEXT UNIQUE NOT NULL, password_hash TEXT NOT NULL);
            CREATE TABLE IF NOT EXISTS backup_codes (id INTEGER PRIMARY KEY AUTOINCREMENT,
                user_id INTEGER NOT NULL, code_hash TEXT NOT NULL, used INTEGER NOT NULL DEFAULT 0);
            """
        )


def login_required(view):
    @wraps(view)
    def wrapped(*args, **kwargs):
        if "user_id" not in session:
            return jsonify({"error": "login required"}), 401
        return view(*args, **kwargs)

    return wrapped


@app.post("/register")
def register():
    data = request.get_json(silent=True) or {}
    username = (data.get("username") or "").strip()
    password = data.get("password") or ""
    if not username or len(username) > 40 or len(password) < 10:
        return jsonify({"error": "username and a password of 10+ characters required"}), 400
    db = get_db()
    try:
        db.execute(
            "INSERT INTO users (username, password_hash) VALUES (?, ?)",
            (username, generate_password_hash(password)),
        )
        db.commit()
    except sqlite3.IntegrityError:
        return jsonify({"error": "username taken"}), 409
    return jsonify({"ok": True}), 201


def use_backup_code(user_id, code):
    """Mark the matching unused code as used; True if there was one."""
    db = get_db()
    for row in db.execute(
        "SELECT id, code_hash FROM backup_codes WHERE user_id = ? AND used = 0", (user_id,)
    ).fetchall():
        if check_password_hash(row["code_hash"], code):
            db.execute("UPDATE backup_codes SET used = 1 WHERE id = ?", (row["id"],))
            db.commit()
            return True
    return False


@app.post("/login")
def login():
    data = request.get_json(silent=True) or {}
    db = get_db()
    user = db.execute(
        "SELECT id, password_hash FROM users WHERE username = ?", (data.get("username") or "",)
    ).fetchone()
    if user is None or not check_password_hash(user["password_hash"], data.get("password") or ""):
        log.warning("failed password for user id %s", user["id"] if user else None)
        return jsonify({"error": "invalid credentials"}), 401
    has_codes = db.execute(
        "SELECT 1 FROM backup_codes WHERE user_id = ? LIMIT 1", (user["id"],)
    ).fetchone()
    if has_codes and not use_backup_code(user["id"], str(data.get("code") or "")):
        return jsonify({"error": "a valid backup code is required"}), 401
    session.clear()
    session["user_id"] = user["id"]
    return jsonify({"ok": True})


@app.post("/backup-codes")
@login_required
def new_backup_codes():
    """Replace the user's codes with fresh ones; the plain codes are returned once."""
    password = (request.get_json(silent=True) or {}).get("password") or ""
    db = get_db()
    user = db.execute(
        "SELECT password_hash FROM users WHERE id = ?", (session["user_id"],)
    ).fetchone()
    if not check_password_hash(user["password_hash"], password):
        return jsonify({"error": "confirm with your password"}), 403
    codes = ["-".join(secrets.token_hex(3) for _ in range(2)) for _ in range(CODE_COUNT)]
    db.execute("DELETE FROM backup_codes WHERE user_id = ?", (session["user_id"],))
    db.executemany(
        "INSERT INTO backup_codes (user_id, code_hash) VALUES (?, ?)",
        [(session["user_id"], generate_password_hash(c)) for c in codes],
    )
    db.commit()
    return jsonify({"codes": codes}), 201


@app.get("/backup-codes/remaining")
@login_required
def remaining():
    n = get_db().execute(
        "SELECT COUNT(*) FROM backup_codes WHERE user_id = ? AND used = 0", (session["user_id"],)
    ).fetchone()[0]
    return jsonify({"remaining": n})


@app.post("/password")
@login_required
def change_password():
    data = request.get_json(silent=True) or {}
    db = get_db()
    user = db.execute(
        "SELECT password_hash FROM users WHERE id = ?", (session["user_id"],)
    ).fetchone()
    if not check_password_hash(user["password_hash"], data.get("old") or ""):
        return jsonify({"error": "old password is wrong"}), 403
    if len(data.get("new") or "") < 10:
        return jsonify({"error": "new password too short"}), 400
    db.execute(
        "UPDATE users SET password_hash = ? WHERE id = ?",
        (generate_password_hash(data["new"]), session["user_id"]),
    )
    db.commit()
    return jsonify({"ok": True})


if __name__ == "__main__":
    init_db()
    app.run()
