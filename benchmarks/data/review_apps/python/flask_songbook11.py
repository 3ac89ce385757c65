"""Choir songbook (Flask + SQLite).

Choir members share sheet music: the director uploads PDFs, every member lists the songs
and downloads the sheets. Members log in with the choir's shared password per voice part.
"""

import os
import sqlite3
from functools import wraps

from flask import Flask, abort, g, jsonify, request, send_file, session
from werkzeug.security import check_password_hash, generate_password_hash
from werkzeug.utils import secure_filename

app = Flask(__name__)
app.config["SECRET_KEY"] = os.environ.get("CHOIR_SECRET_KEY") or os.urandom(32)
app.config["MAX_CONTENT_LENGTH"] = 10 * 1024 * 1024
DATABASE = "choir.db"
SHEETS_DIR = os.path.join(os.getcwd(), "sheets")
os.makedirs(SHEETS_DIR, exist_ok=True)


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
            CREATE TABLE IF NOT EXISTS members (id INTEGER PRIMARY KEY AUTOINCREMENT,
                name TEXT UNIQUE NOT NULL, password_hash TEXT NOT NULL,
                is_director INTEGER NOT NULL DEFAULT 0);
            CREATE TABLE IF NOT EXISTS songs (id INTEGER PRIMARY KEY AUTOINCREMENT,
                title TEXT NOT NULL, composer TEXT, sheet TEXT NOT NULL);
            """
        )


def add_member(name, password, director=False):
    with app.app_context():
        db = get_db()
        db.execute("INSERT INTO members (name, password_hash, is_director) VALUES (?, ?, ?)",
                   (name, generate_password_hash(password), int(director)))
        db.commit()


def member_required(view):
    @wraps(view)
    def wrapped(*args, **kwargs):
        if "member_id" not in session:
            return jsonify(error="login required"), 401
        return view(*args, **kwargs)

    return wrapped


@app.post("/login")
def login():
    data = request.get_json(silent=True) or {}
    row = get_db().execute("SELECT * FROM members WHERE name = ?",
                           (data.get("name", ""),)).fetchone()
    if row is None or not check_password_hash(row["password_hash"], data.get("password", "")):
        return jsonify(error="invalid credentials"), 401
    session.clear()
    session["member_id"] = row["id"]
    session["director"] = bool(row["is_director"])
    return jsonify(ok=True)


@app.post("/songs")
@member_required
def upload_song():
    if not session.get("director"):
        return jsonify(error="only the director uploads sheets"), 403
    sheet = request.files.get("sheet")
    title = request.form.get("title", "").strip()
    if sheet is None or not title:
        return jsonify(error="title and sheet required"), 400
    filename = secure_filename(sheet.filename or "")
    if not filename.lower().endswith(".pdf"):
        return jsonify(error="sheets must be PDF files"), 400
    sheet.save(os.path.join(SHEETS_DIR, filename))
    db = get_db()
    cur = db.execute("INSERT INTO songs (title, composer, sheet) VALUES (?, ?, ?)",
                     (title, request.form.get("composer", "").strip(), filename))
    db.commit()
    return jsonify(id=cur.lastrowid, sheet=filename), 201


@app.get("/songs")
@member_required
def list_songs():
    rows = get_db().execute("SELECT id, title, composer, sheet FROM songs ORDER BY title")
    return jsonify([dict(r) for r in rows.fetchall()])


@app.get("/sheets/download")
@member_required
def download():
    name = request.args.get("file", "")
    if not name or ".." in name:
        abort(400)
    path = os.path.join(SHEETS_DIR, name)
    if not os.path.isfile(path):
        abort(404)
    return send_file(path, as_attachment=True)


if __name__ == "__main__":
    init_db()
    app.run()
