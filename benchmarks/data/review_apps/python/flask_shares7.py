"""File sharing: users upload files and hand out expiring share links; anyone with a link
can download the file until it expires or the owner revokes it."""
import os
import secrets
import sqlite3
import time
from functools import wraps

from flask import Flask, abort, g, jsonify, request, send_from_directory, session, url_for
from werkzeug.security import check_password_hash, generate_password_hash
from werkzeug.utils import secure_filename

app = Flask(__name__)
app.secret_key = os.environ["SHARES_SECRET_KEY"]
app.config["MAX_CONTENT_LENGTH"] = 20 * 1024 * 1024
STORAGE = os.path.abspath(os.environ.get("SHARES_STORAGE", "storage"))
MAX_TTL = 7 * 24 * 3600


def db():
    if "db" not in g:
        g.db = sqlite3.connect("shares.db")
        g.db.row_factory = sqlite3.Row
    return g.db


def init_db():
    os.makedirs(STORAGE, exist_ok=True)
    with sqlite3.connect("shares.db") as c:
        c.executescript("""
        CREATE TABLE IF NOT EXISTS users (id INTEGER PRIMARY KEY, name TEXT UNIQUE, pw TEXT);
        CREATE TABLE IF NOT EXISTS files (id INTEGER PRIMARY KEY, owner_id INTEGER,
            original_name TEXT, stored_name TEXT);
        CREATE TABLE IF NOT EXISTS links (token TEXT PRIMARY KEY, file_id INTEGER,
            expires_at REAL);""")


def login_required(f):
    @wraps(f)
    def inner(*args, **kwargs):
        if "uid" not in session:
            return jsonify(error="sign in first"), 401
        return f(*args, **kwargs)
    return inner


@app.post("/signup")
def signup():
    name, pw = request.form.get("name", ""), request.form.get("password", "")
    if not name or len(pw) < 8:
        return jsonify(error="name and an 8+ character password required"), 400
    cur = db().execute("INSERT INTO users (name, pw) VALUES (?, ?)",
                       (name, generate_password_hash(pw)))
    db().commit()
    session["uid"] = cur.lastrowid
    return jsonify(ok=True), 201


@app.post("/login")
def login():
    row = db().execute("SELECT id, pw FROM users WHERE name = ?",
                       (request.form.get("name", ""),)).fetchone()
    if row is None or not check_password_hash(row["pw"], request.form.get("password", "")):
        return jsonify(error="wrong name or password"), 401
    session["uid"] = row["id"]
    return jsonify(ok=True)


@app.post("/files")
@login_required
def upload():
    f = request.files.get("file")
    if f is None or not f.filename:
        return jsonify(error="no file"), 400
    original = secure_filename(f.filename) or "file"
    stored = secrets.token_hex(16)
    f.save(os.path.join(STORAGE, stored))
    cur = db().execute("INSERT INTO files (owner_id, original_name, stored_name) VALUES (?, ?, ?)",
                       (session["uid"], original, stored))
    db().commit()
    return jsonify(id=cur.lastrowid), 201


def owned_file(file_id):
    row = db().execute("SELECT * FROM files WHERE id = ? AND owner_id = ?",
                       (file_id, session["uid"])).fetchone()
    if row is None:
        abort(404)
    return row


@app.post("/files/<int:file_id>/links")
@login_required
def create_link(file_id):
    owned_file(file_id)
    data = request.get_json(silent=True) or {}
    try:
        ttl = min(max(int(data.get("ttl", 86400)), 60), MAX_TTL)
    except (TypeError, ValueError):
        return jsonify(error="ttl must be a number of seconds"), 400
    token = secrets.token_urlsafe(24)
    db().execute("INSERT INTO links (token, file_id, expires_at) VALUES (?, ?, ?)",
                 (token, file_id, time.time() + ttl))
    db().commit()
    return jsonify(url=url_for("download", token=token, _external=True), expires_in=ttl), 201


@app.delete("/files/<int:file_id>/links")
@login_required
def revoke_links(file_id):
    owned_file(file_id)
    db().execute("DELETE FROM links WHERE file_id = ?", (file_id,))
    db().commit()
    return "", 204


@app.get("/s/<token>")
def download(token):
    row = db().execute("SELECT f.original_name, f.stored_name, l.expires_at FROM links l "
                       "JOIN files f ON f.id = l.file_id WHERE l.token = ?", (token,)).fetchone()
    if row is None or row["expires_at"] < time.time():
        abort(404)
    return send_from_directory(STORAGE, row["stored_name"], as_attachment=True,
                               download_name=row["original_name"])
