"""Contact form backend: visitors send messages, staff read them through a token-protected API."""
import hmac
import logging
import os
import re
import sqlite3
from datetime import datetime, timezone

from flask import Flask, abort, g, jsonify, request

app = Flask(__name__)
app.config["MAX_CONTENT_LENGTH"] = 16 * 1024
STAFF_TOKEN = os.environ["CONTACT_STAFF_TOKEN"]
DATABASE = "contact.db"
EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s]+\.[a-zA-Z]{2,}$")
TOPICS = {"sales", "support", "press", "other"}

handler = logging.FileHandler("contact.log")
handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(message)s"))
logger = logging.getLogger("contact")
logger.setLevel(logging.INFO)
logger.addHandler(handler)


def get_db():
    if "db" not in g:
        g.db = sqlite3.connect(DATABASE)
        g.db.row_factory = sqlite3.Row
    return g.db


@app.teardown_appcontext
def close_db(_exc):
    db = g.pop("db", None)
    if db is not None:
        db.close()


def init_db():
    with sqlite3.connect(DATABASE) as db:
        db.execute("CREATE TABLE IF NOT EXISTS messages (id INTEGER PRIMARY KEY, name TEXT, "
                   "email TEXT, topic TEXT, subject TEXT, body TEXT, received_at TEXT, "
                   "handled INTEGER DEFAULT 0)")


def require_staff():
    supplied = request.headers.get("Authorization", "").removeprefix("Bearer ")
    if not hmac.compare_digest(supplied, STAFF_TOKEN):
        abort(401)


@app.post("/contact")
def contact():
    data = request.get_json(silent=True) or request.form
    name = str(data.get("name", "")).strip()
    email = str(data.get("email", "")).strip()
    topic = str(data.get("topic", "other"))
    subject = str(data.get("subject", "")).strip()
    body = str(data.get("message", "")).strip()
    errors = {}
    if not name or len(name) > 100:
        errors["name"] = "required, up to 100 characters"
    if not EMAIL_RE.match(email):
        errors["email"] = "invalid email address"
    if topic not in TOPICS:
        errors["topic"] = f"one of {sorted(TOPICS)}"
    if not subject or len(subject) > 200:
        errors["subject"] = "required, up to 200 characters"
    if not body or len(body) > 5000:
        errors["message"] = "required, up to 5000 characters"
    if errors:
        return jsonify(errors=errors), 400
    db = get_db()
    cur = db.execute("INSERT INTO messages (name, email, topic, subject, body, received_at) "
                     "VALUES (?, ?, ?, ?, ?, ?)",
                     (name, email, topic, subject, body,
                      datetime.now(timezone.utc).isoformat(timespec="seconds")))
    db.commit()
    logger.info(f"New {topic} message #{cur.lastrowid} from {name} <{email}>: {subject}")
    return jsonify(status="received", id=cur.lastrowid), 201


@app.get("/messages")
def list_messages():
    require_staff()
    handled = request.args.get("handled", "0") == "1"
    rows = get_db().execute("SELECT id, name, email, topic, subject, received_at FROM messages "
                            "WHERE handled = ? ORDER BY id DESC LIMIT 200",
                            (int(handled),)).fetchall()
    return jsonify([dict(r) for r in rows])


@app.get("/messages/<int:message_id>")
def read_message(message_id):
    require_staff()
    row = get_db().execute("SELECT * FROM messages WHERE id = ?", (message_id,)).fetchone()
    if row is None:
        abort(404)
    return jsonify(dict(row))


@app.post("/messages/<int:message_id>/handled")
def mark_handled(message_id):
    require_staff()
    cur = get_db().execute("UPDATE messages SET handled = 1 WHERE id = ?", (message_id,))
    get_db().commit()
    if cur.rowcount == 0:
        abort(404)
    logger.info("message #%d marked handled", message_id)
    return jsonify(status="handled")
