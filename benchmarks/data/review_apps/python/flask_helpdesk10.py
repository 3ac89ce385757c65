"""Helpdesk with attachments (Flask + SQLite).

Customers open tickets and attach files; agents see every ticket and reply. Attachments are
stored under a random name in ATTACHMENT_DIR, at most 5 MB each, from a short list of types.
"""

import logging
import os
import sqlite3
import uuid
from functools import wraps

from flask import Flask, abort, g, jsonify, request, send_from_directory, session
from werkzeug.security import check_password_hash, generate_password_hash
from werkzeug.utils import secure_filename

app = Flask(__name__)
app.config["SECRET_KEY"] = os.environ["HELPDESK_SECRET_KEY"]
app.config["MAX_CONTENT_LENGTH"] = 5 * 1024 * 1024
app.config["SESSION_COOKIE_HTTPONLY"] = True
app.config["SESSION_COOKIE_SAMESITE"] = "Lax"
DATABASE = "helpdesk.db"
ATTACHMENT_DIR = os.path.abspath("attachments")
ALLOWED_EXTENSIONS = {"png", "jpg", "jpeg", "pdf", "txt", "log"}

log = logging.getLogger("helpdesk")


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
    os.makedirs(ATTACHMENT_DIR, exist_ok=True)
    with app.app_context():
        get_db().executescript(
            """
            CREATE TABLE IF NOT EXISTS users (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                username TEXT UNIQUE NOT NULL,
                password_hash TEXT NOT NULL,
                is_agent INTEGER NOT NULL DEFAULT 0
            );
            CREATE TABLE IF NOT EXISTS tickets (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                owner_id INTEGER NOT NULL REFERENCES users(id),
                subject TEXT NOT NULL,
                body TEXT NOT NULL,
                status TEXT NOT NULL DEFAULT 'open'
            );
            CREATE TABLE IF NOT EXISTS replies (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                ticket_id INTEGER NOT NULL REFERENCES tickets(id),
                author_id INTEGER NOT NULL REFERENCES users(id),
                body TEXT NOT NULL
            );
            CREATE TABLE IF NOT EXISTS attachments (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                ticket_id INTEGER NOT NULL REFERENCES tickets(id),
                stored_name TEXT NOT NULL,
                original_name TEXT NOT NULL
            );
            """
        )


def create_user(username, password, is_agent=False):
    with app.app_context():
        db = get_db()
        cur = db.execute(
            "INSERT INTO users (username, password_hash, is_agent) VALUES (?, ?, ?)",
            (username, generate_password_hash(password), int(is_agent)),
        )
        db.commit()
        return cur.lastrowid


def login_required(view):
    @wraps(view)
    def wrapped(*args, **kwargs):
        if "user_id" not in session:
            return jsonify({"error": "login required"}), 401
        return view(*args, **kwargs)

    return wrapped


def agent_required(view):
    @wraps(view)
    @login_required
    def wrapped(*args, **kwargs):
        if not session.get("is_agent"):
            return jsonify({"error": "agents only"}), 403
        return view(*args, **kwargs)

    return wrapped


def load_ticket(ticket_id):
    """The ticket, if the signed-in user owns it or is an agent; otherwise 404."""
    ticket = get_db().execute("SELECT * FROM tickets WHERE id = ?", (ticket_id,)).fetchone()
    if ticket is None:
        abort(404)
    if not session.get("is_agent") and ticket["owner_id"] != session["user_id"]:
        abort(404)
    return ticket


@app.post("/register")
def register():
    data = request.get_json(silent=True) or {}
    username = (data.get("username") or "").strip()
    password = data.get("password") or ""
    if not username or len(password) < 8:
        return jsonify({"error": "username and a password of 8+ characters required"}), 400
    try:
        create_user(username, password)
    except sqlite3.IntegrityError:
        return jsonify({"error": "username taken"}), 409
    return jsonify({"ok": True}), 201


@app.post("/login")
def login():
    data = request.get_json(silent=True) or {}
    user = get_db().execute(
        "SELECT * FROM users WHERE username = ?", (data.get("username") or "",)
    ).fetchone()
    if user is None or not check_password_hash(user["password_hash"], data.get("password") or ""):
        log.info("failed login for %r from %s", data.get("username"), request.remote_addr)
        return jsonify({"error": "invalid credentials"}), 401
    session.clear()
    session["user_id"] = user["id"]
    session["is_agent"] = bool(user["is_agent"])
    return jsonify({"ok": True})


@app.post("/tickets")
@login_required
def open_ticket():
    data = request.get_json(silent=True) or {}
    subject = (data.get("subject") or "").strip()[:200]
    body = (data.get("body") or "").strip()[:10000]
    if not subject or not body:
        return jsonify({"error": "subject and body required"}), 400
    db = get_db()
    cur = db.execute(
        "INSERT INTO tickets (owner_id, subject, body) VALUES (?, ?, ?)",
        (session["user_id"], subject, body),
    )
    db.commit()
    return jsonify({"id": cur.lastrowid}), 201


@app.get("/tickets")
@login_required
def list_tickets():
    db = get_db()
    if session.get("is_agent"):
        rows = db.execute("SELECT id, subject, status FROM tickets ORDER BY id DESC")
    else:
        rows = db.execute(
            "SELECT id, subject, status FROM tickets WHERE owner_id = ? ORDER BY id DESC",
            (session["user_id"],),
        )
    return jsonify([dict(r) for r in rows])


@app.get("/tickets/<int:ticket_id>")
@login_required
def get_ticket(ticket_id):
    ticket = load_ticket(ticket_id)
    db = get_db()
    replies = db.execute(
        "SELECT r.body, u.username FROM replies r JOIN users u ON u.id = r.author_id "
        "WHERE r.ticket_id = ? ORDER BY r.id",
        (ticket_id,),
    )
    files = db.execute(
        "SELECT id, original_name FROM attachments WHERE ticket_id = ?", (ticket_id,)
    )
    return jsonify(
        {
            "id": ticket["id"],
            "subject": ticket["subject"],
            "body": ticket["body"],
            "status": ticket["status"],
            "replies": [dict(r) for r in replies],
            "attachments": [dict(f) for f in files],
        }
    )


@app.post("/tickets/<int:ticket_id>/replies")
@login_required
def reply(ticket_id):
    ticket = load_ticket(ticket_id)
    body = ((request.get_json(silent=True) or {}).get("body") or "").strip()[:10000]
    if not body:
        return jsonify({"error": "body required"}), 400
    db = get_db()
    db.execute(
        "INSERT INTO replies (ticket_id, author_id, body) VALUES (?, ?, ?)",
        (ticket["id"], session["user_id"], body),
    )
    db.commit()
    return jsonify({"ok": True}), 201


@app.post("/tickets/<int:ticket_id>/attachments")
@login_required
def upload_attachment(ticket_id):
    ticket = load_ticket(ticket_id)
    upload = request.files.get("file")
    if upload is None or not upload.filename:
        return jsonify({"error": "file required"}), 400
    original = secure_filename(upload.filename)
    ext = original.rsplit(".", 1)[-1].lower() if "." in original else ""
    if ext not in ALLOWED_EXTENSIONS:
        return jsonify({"error": "file type not allowed"}), 400
    stored = f"{uuid.uuid4().hex}.{ext}"
    upload.save(os.path.join(ATTACHMENT_DIR, stored))
    db = get_db()
    cur = db.execute(
        "INSERT INTO attachments (ticket_id, stored_name, original_name) VALUES (?, ?, ?)",
        (ticket["id"], stored, original),
    )
    db.commit()
    return jsonify({"id": cur.lastrowid}), 201


@app.get("/attachments/<int:attachment_id>")
@login_required
def download_attachment(attachment_id):
    row = get_db().execute(
        "SELECT ticket_id, stored_name, original_name FROM attachments WHERE id = ?",
        (attachment_id,),
    ).fetchone()
    if row is None:
        abort(404)
    load_ticket(row["ticket_id"])
    return send_from_directory(
        ATTACHMENT_DIR, row["stored_name"], as_attachment=True, download_name=row["original_name"]
    )


@app.post("/tickets/<int:ticket_id>/close")
@agent_required
def close_ticket(ticket_id):
    db = get_db()
    cur = db.execute("UPDATE tickets SET status = 'closed' WHERE id = ?", (ticket_id,))
    db.commit()
    if cur.rowcount == 0:
        abort(404)
    return jsonify({"status": "closed"})


if __name__ == "__main__":
    init_db()
    app.run()
