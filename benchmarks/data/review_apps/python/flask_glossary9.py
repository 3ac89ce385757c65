"""Team glossary: signed-in members define terms and read each other's definitions.

Every term is a shared team record: any signed-in member may list and read any term by id,
by design (the glossary is the team's common vocabulary). Only the member who wrote a term
may edit or delete it; that ownership check lives in ``_own_term``.
"""

import logging
import os
import sqlite3
from functools import wraps

from flask import Flask, abort, g, jsonify, render_template_string, request, session
from werkzeug.security import check_password_hash, generate_password_hash

app = Flask(__name__)
app.config["SECRET_KEY"] = os.environ["GLOSSARY_SECRET_KEY"]
app.config["SESSION_COOKIE_HTTPONLY"] = True
app.config["SESSION_COOKIE_SAMESITE"] = "Lax"
DB = "glossary.db"
log = logging.getLogger("glossary")

TERM_PAGE = """<!doctype html>
<title>{{ term.word }}</title>
<h1>{{ term.word }}</h1>
<p>{{ term.definition }}</p>
<footer>defined by {{ term.author }}</footer>
"""


def db():
    if "db" not in g:
        g.db = sqlite3.connect(DB)
        g.db.row_factory = sqlite3.Row
    return g.db


@app.teardown_appcontext
def close_db(_exc):
    conn = g.pop("db", None)
    if conn is not None:
        conn.close()


def init_db():
    conn = sqlite3.connect(DB)
    conn.executescript("""
        CREATE TABLE IF NOT EXISTS users (id INTEGER PRIMARY KEY, username TEXT UNIQUE NOT NULL,
            password_hash TEXT NOT NULL);
        CREATE TABLE IF NOT EXISTS terms (id INTEGER PRIMARY KEY, word TEXT NOT NULL,
            definition TEXT NOT NULL, author_id INTEGER NOT NULL REFERENCES users(id));
    """)
    conn.close()


def login_required(view):
    @wraps(view)
    def wrapper(*args, **kwargs):
        if "user_id" not in session:
            return jsonify(error="login required"), 401
        return view(*args, **kwargs)
    return wrapper


@app.post("/register")
def register():
    data = request.get_json(silent=True) or {}
    username = str(data.get("username", "")).strip()
    password = str(data.get("password", ""))
    if not username.isalnum() or len(username) > 32 or len(password) < 8:
        return jsonify(error="invalid username or password"), 400
    try:
        db().execute("INSERT INTO users (username, password_hash) VALUES (?, ?)",
                     (username, generate_password_hash(password)))
        db().commit()
    except sqlite3.IntegrityError:
        return jsonify(error="username taken"), 409
    log.info("registered user %s", username)
    return jsonify(ok=True), 201


@app.post("/login")
def login():
    data = request.get_json(silent=True) or {}
    row = db().execute("SELECT id, password_hash FROM users WHERE username = ?",
                       (str(data.get("username", "")),)).fetchone()
    if row is None or not check_password_hash(row["password_hash"], str(data.get("password", ""))):
        return jsonify(error="bad credentials"), 401
    session.clear()
    session["user_id"] = row["id"]
    return jsonify(ok=True)


def _term(term_id):
    row = db().execute(
        "SELECT t.id, t.word, t.definition, t.author_id, u.username AS author "
        "FROM terms t JOIN users u ON u.id = t.author_id WHERE t.id = ?", (term_id,)).fetchone()
    if row is None:
        abort(404)
    return row


def _own_term(term_id):
    term = _term(term_id)
    if term["author_id"] != session["user_id"]:
        abort(403)
    return term


@app.get("/terms")
@login_required
def list_terms():
    # shared by design: every member sees the whole glossary
    rows = db().execute("SELECT id, word FROM terms ORDER BY word COLLATE NOCASE").fetchall()
    return jsonify([dict(r) for r in rows])


@app.post("/terms")
@login_required
def create_term():
    data = request.get_json(silent=True) or {}
    word = str(data.get("word", "")).strip()
    definition = str(data.get("definition", "")).strip()
    if not word or len(word) > 80 or not definition or len(definition) > 2000:
        return jsonify(error="word and definition required"), 400
    cur = db().execute("INSERT INTO terms (word, definition, author_id) VALUES (?, ?, ?)",
                       (word, definition, session["user_id"]))
    db().commit()
    return jsonify(id=cur.lastrowid), 201


@app.get("/terms/<int:term_id>")
@login_required
def show_term(term_id):
    # any signed-in member may read any term: the glossary is shared team reference
    return render_template_string(TERM_PAGE, term=_term(term_id))


@app.put("/terms/<int:term_id>")
@login_required
def edit_term(term_id):
    term = _own_term(term_id)
    data = request.get_json(silent=True) or {}
    definition = str(data.get("definition", "")).strip()
    if not definition or len(definition) > 2000:
        return jsonify(error="definition required"), 400
    db().execute("UPDATE terms SET definition = ? WHERE id = ?", (definition, term["id"]))
    db().commit()
    log.info("user %s edited term %s", session["user_id"], term["id"])
    return jsonify(ok=True)


@app.delete("/terms/<int:term_id>")
@login_required
def delete_term(term_id):
    term = _own_term(term_id)
    db().execute("DELETE FROM terms WHERE id = ?", (term["id"],))
    db().commit()
    return "", 204


if __name__ == "__main__":
    init_db()
    app.run()
