"""Markdown notes: each user keeps private notes, edits them, and can publish a read-only
share link for a note."""
import os
import secrets
import sqlite3
from functools import wraps

from flask import Flask, abort, g, jsonify, request, session
from markdown_it import MarkdownIt
from werkzeug.security import check_password_hash, generate_password_hash

app = Flask(__name__)
app.secret_key = os.environ["NOTES_SECRET_KEY"]
DATABASE = os.environ.get("NOTES_DB", "notes.db")
md = MarkdownIt()

SHARE_PAGE = """<!doctype html>
<html><head><meta charset="utf-8"><title>Shared note</title></head>
<body><article>{body}</article></body></html>"""


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
    conn = sqlite3.connect(DATABASE)
    conn.executescript("""
        CREATE TABLE IF NOT EXISTS users (id INTEGER PRIMARY KEY, username TEXT UNIQUE,
                                          password_hash TEXT);
        CREATE TABLE IF NOT EXISTS notes (id INTEGER PRIMARY KEY, user_id INTEGER, title TEXT,
                                          body TEXT, share_token TEXT UNIQUE);
    """)
    conn.close()


def login_required(f):
    @wraps(f)
    def decorated(*args, **kwargs):
        if "user_id" not in session:
            return jsonify({"error": "authentication required"}), 401
        return f(*args, **kwargs)

    return decorated


@app.post("/register")
def register():
    data = request.get_json() or {}
    if not data.get("username") or len(data.get("password", "")) < 8:
        return jsonify({"error": "username and an 8+ character password required"}), 400
    db = get_db()
    try:
        db.execute("INSERT INTO users (username, password_hash) VALUES (?, ?)",
                   (data["username"], generate_password_hash(data["password"])))
        db.commit()
    except sqlite3.IntegrityError:
        return jsonify({"error": "username taken"}), 409
    return jsonify({"message": "registered"}), 201


@app.post("/login")
def login():
    data = request.get_json() or {}
    user = get_db().execute("SELECT * FROM users WHERE username = ?",
                            (data.get("username"),)).fetchone()
    if not user or not check_password_hash(user["password_hash"], data.get("password", "")):
        return jsonify({"error": "invalid credentials"}), 401
    session["user_id"] = user["id"]
    return jsonify({"message": "logged in"})


@app.get("/notes")
@login_required
def list_notes():
    rows = get_db().execute("SELECT id, title FROM notes WHERE user_id = ? ORDER BY id DESC",
                            (session["user_id"],)).fetchall()
    return jsonify([dict(r) for r in rows])


@app.post("/notes")
@login_required
def create_note():
    data = request.get_json() or {}
    db = get_db()
    cur = db.execute("INSERT INTO notes (user_id, title, body) VALUES (?, ?, ?)",
                     (session["user_id"], data.get("title", "Untitled"), data.get("body", "")))
    db.commit()
    return jsonify({"id": cur.lastrowid}), 201


@app.get("/notes/<int:note_id>")
@login_required
def get_note(note_id):
    note = get_db().execute("SELECT * FROM notes WHERE id = ? AND user_id = ?",
                            (note_id, session["user_id"])).fetchone()
    if note is None:
        abort(404)
    return jsonify(dict(note))


@app.put("/notes/<int:note_id>")
@login_required
def update_note(note_id):
    data = request.get_json() or {}
    db = get_db()
    note = db.execute("SELECT * FROM notes WHERE id = ?", (note_id,)).fetchone()
    if note is None:
        abort(404)
    db.execute("UPDATE notes SET title = ?, body = ? WHERE id = ?",
               (data.get("title", note["title"]), data.get("body", note["body"]), note_id))
    db.commit()
    return jsonify({"message": "updated"})


@app.post("/notes/<int:note_id>/share")
@login_required
def share_note(note_id):
    db = get_db()
    token = secrets.token_urlsafe(16)
    cur = db.execute("UPDATE notes SET share_token = ? WHERE id = ? AND user_id = ?",
                     (token, note_id, session["user_id"]))
    db.commit()
    if cur.rowcount == 0:
        abort(404)
    return jsonify({"url": f"/s/{token}"})


@app.get("/s/<token>")
def shared(token):
    note = get_db().execute("SELECT body FROM notes WHERE share_token = ?", (token,)).fetchone()
    if note is None:
        abort(404)
    return SHARE_PAGE.format(body=md.render(note["body"]))


if __name__ == "__main__":
    init_db()
    app.run()
