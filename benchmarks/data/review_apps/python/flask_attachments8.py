"""Helpdesk attachments: customers attach files to their own tickets and download them."""
import os
import sqlite3
from functools import wraps

from flask import Flask, abort, g, jsonify, request, send_from_directory, session
from werkzeug.security import check_password_hash, generate_password_hash
from werkzeug.utils import secure_filename

app = Flask(__name__)
app.secret_key = os.environ["HELPDESK_SECRET"]
app.config["MAX_CONTENT_LENGTH"] = 10 * 1024 * 1024
STORAGE = os.path.join(os.getcwd(), "attachments")
BLOCKED_EXTENSIONS = {".html", ".htm", ".svg", ".js", ".exe", ".bat", ".sh"}
DB_FILE = "helpdesk.db"


def db():
    if "db" not in g:
        g.db = sqlite3.connect(DB_FILE)
        g.db.row_factory = sqlite3.Row
    return g.db


@app.teardown_appcontext
def close_connection(_exception):
    conn = g.pop("db", None)
    if conn is not None:
        conn.close()


def init_db():
    os.makedirs(STORAGE, exist_ok=True)
    with sqlite3.connect(DB_FILE) as conn:
        conn.executescript("""
        CREATE TABLE IF NOT EXISTS customers (id INTEGER PRIMARY KEY, email TEXT UNIQUE,
            password TEXT);
        CREATE TABLE IF NOT EXISTS tickets (id INTEGER PRIMARY KEY, customer_id INTEGER,
            subject TEXT);""")


def login_required(f):
    @wraps(f)
    def decorated(*args, **kwargs):
        if "customer_id" not in session:
            return jsonify(error="please log in"), 401
        return f(*args, **kwargs)
    return decorated


def own_ticket(ticket_id):
    ticket = db().execute("SELECT id, subject FROM tickets WHERE id = ? AND customer_id = ?",
                          (ticket_id, session["customer_id"])).fetchone()
    if ticket is None:
        abort(404)
    return ticket


def ticket_dir(ticket_id):
    return os.path.join(STORAGE, str(int(ticket_id)))


@app.post("/register")
def register():
    data = request.get_json() or {}
    email, password = data.get("email", "").strip().lower(), data.get("password", "")
    if not email or "@" not in email or len(password) < 8:
        return jsonify(error="email and 8+ character password required"), 400
    try:
        db().execute("INSERT INTO customers (email, password) VALUES (?, ?)",
                     (email, generate_password_hash(password)))
        db().commit()
    except sqlite3.IntegrityError:
        return jsonify(error="already registered"), 409
    return jsonify(message="registered"), 201


@app.post("/login")
def login():
    data = request.get_json() or {}
    row = db().execute("SELECT id, password FROM customers WHERE email = ?",
                       (data.get("email", "").strip().lower(),)).fetchone()
    if row is None or not check_password_hash(row["password"], data.get("password", "")):
        return jsonify(error="invalid email or password"), 401
    session["customer_id"] = row["id"]
    return jsonify(message="logged in")


@app.post("/tickets")
@login_required
def open_ticket():
    subject = (request.get_json() or {}).get("subject", "").strip()[:200]
    if not subject:
        return jsonify(error="subject required"), 400
    cur = db().execute("INSERT INTO tickets (customer_id, subject) VALUES (?, ?)",
                       (session["customer_id"], subject))
    db().commit()
    return jsonify(id=cur.lastrowid), 201


@app.post("/tickets/<int:ticket_id>/attachments")
@login_required
def attach(ticket_id):
    own_ticket(ticket_id)
    upload = request.files.get("file")
    if upload is None or not upload.filename:
        return jsonify(error="no file"), 400
    filename = secure_filename(upload.filename)
    if not filename or os.path.splitext(filename)[1].lower() in BLOCKED_EXTENSIONS:
        return jsonify(error="file type not allowed"), 400
    folder = ticket_dir(ticket_id)
    os.makedirs(folder, exist_ok=True)
    upload.save(os.path.join(folder, filename))
    return jsonify(filename=filename), 201


@app.get("/tickets/<int:ticket_id>/attachments")
@login_required
def list_attachments(ticket_id):
    own_ticket(ticket_id)
    folder = ticket_dir(ticket_id)
    names = sorted(os.listdir(folder)) if os.path.isdir(folder) else []
    return jsonify(files=names)


@app.get("/tickets/<int:ticket_id>/attachments/<path:filename>")
@login_required
def download(ticket_id, filename):
    own_ticket(ticket_id)
    return send_from_directory(ticket_dir(ticket_id), filename, as_attachment=True)


@app.delete("/tickets/<int:ticket_id>/attachments/<filename>")
@login_required
def delete_attachment(ticket_id, filename):
    own_ticket(ticket_id)
    path = os.path.join(ticket_dir(ticket_id), secure_filename(filename))
    if not os.path.isfile(path):
        abort(404)
    os.remove(path)
    return "", 204
