"""Support chat: customers open tickets and exchange messages with support agents. Links in
messages are made clickable."""
import os
import re
import sqlite3
from functools import wraps

from flask import Flask, abort, g, jsonify, render_template_string, request, session
from markupsafe import Markup
from werkzeug.security import check_password_hash, generate_password_hash

app = Flask(__name__)
app.secret_key = os.environ["SUPPORT_SECRET_KEY"]
DB = "support.db"
URL = re.compile(r"(https?://[^\s<]+)")

THREAD = """<h1>Ticket #{{ t.id }}: {{ t.subject }}</h1>
{% for m in messages %}<div class="msg"><b>{{ m.author }}</b>: {{ m.body | linkify }}</div>{% endfor %}
<form method="post"><textarea name="body"></textarea><button>Send</button></form>"""


def db():
    if "db" not in g:
        g.db = sqlite3.connect(DB)
        g.db.row_factory = sqlite3.Row
    return g.db


def init_db():
    with sqlite3.connect(DB) as c:
        c.executescript("""
        CREATE TABLE IF NOT EXISTS users (id INTEGER PRIMARY KEY, email TEXT UNIQUE,
            pw_hash TEXT, is_agent INTEGER DEFAULT 0);
        CREATE TABLE IF NOT EXISTS tickets (id INTEGER PRIMARY KEY, user_id INTEGER, subject TEXT,
            status TEXT DEFAULT 'open');
        CREATE TABLE IF NOT EXISTS messages (id INTEGER PRIMARY KEY, ticket_id INTEGER,
            author TEXT, body TEXT);""")


@app.template_filter("linkify")
def linkify(text):
    """Turn bare URLs into links."""
    return Markup(URL.sub(r'<a href="\1" rel="nofollow">\1</a>', text))


def login_required(f):
    @wraps(f)
    def inner(*a, **kw):
        if "uid" not in session:
            abort(401)
        return f(*a, **kw)
    return inner


@app.post("/register")
def register():
    data = request.get_json() or {}
    email, pw = str(data.get("email", "")).strip().lower(), str(data.get("password", ""))
    if "@" not in email or len(pw) < 8:
        return jsonify(error="a valid email and a password of 8+ characters are required"), 400
    try:
        db().execute("INSERT INTO users (email, pw_hash) VALUES (?, ?)",
                     (email, generate_password_hash(pw)))
        db().commit()
    except sqlite3.IntegrityError:
        return jsonify(error="email already registered"), 409
    return jsonify(ok=True), 201


@app.post("/login")
def login():
    data = request.get_json() or {}
    row = db().execute("SELECT * FROM users WHERE email = ?",
                       (str(data.get("email", "")).lower(),)).fetchone()
    if not row or not check_password_hash(row["pw_hash"], str(data.get("password", ""))):
        return jsonify(error="invalid credentials"), 401
    session.clear()
    session["uid"], session["agent"] = row["id"], bool(row["is_agent"])
    return jsonify(ok=True)


@app.post("/tickets")
@login_required
def open_ticket():
    subject = str((request.get_json() or {}).get("subject", "")).strip()[:200]
    if not subject:
        return jsonify(error="subject required"), 400
    cur = db().execute("INSERT INTO tickets (user_id, subject) VALUES (?, ?)",
                       (session["uid"], subject))
    db().commit()
    return jsonify(id=cur.lastrowid), 201


def visible_ticket(ticket_id):
    t = db().execute("SELECT * FROM tickets WHERE id = ?", (ticket_id,)).fetchone()
    if t is None or (t["user_id"] != session["uid"] and not session.get("agent")):
        abort(404)
    return t


@app.route("/tickets/<int:ticket_id>", methods=["GET", "POST"])
@login_required
def thread(ticket_id):
    t = visible_ticket(ticket_id)
    if request.method == "POST":
        body = request.form.get("body", "").strip()[:4000]
        if body:
            author = "Support" if session.get("agent") else "Customer"
            db().execute("INSERT INTO messages (ticket_id, author, body) VALUES (?, ?, ?)",
                         (t["id"], author, body))
            db().commit()
    messages = db().execute("SELECT author, body FROM messages WHERE ticket_id = ? ORDER BY id",
                            (t["id"],)).fetchall()
    return render_template_string(THREAD, t=t, messages=messages)
