"""Team wiki with roles (Flask + SQLite).

Every signed-in user can read pages; editors and admins can create and edit them (each edit
is kept as a revision); only admins delete pages and change people's roles. The user's role
is read from the database on every request, so a demotion takes effect at once.
"""

import os
import re
import sqlite3
from functools import wraps

from flask import Flask, abort, g, jsonify, render_template_string, request, session
from werkzeug.security import check_password_hash, generate_password_hash

app = Flask(__name__)
app.config["SECRET_KEY"] = os.environ["WIKI_SECRET_KEY"]
app.config["SESSION_COOKIE_HTTPONLY"] = True
app.config["SESSION_COOKIE_SAMESITE"] = "Lax"
DATABASE = "wiki.db"
SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
ROLES = ("reader", "editor", "admin")

PAGE_HTML = """<!doctype html><title>{{ page.title }}</title>
<h1>{{ page.title }}</h1>
<div class="body">{{ page.body }}</div>
<footer>Last edited by {{ page.editor }} (revision {{ page.revision }})</footer>"""


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
                username TEXT UNIQUE NOT NULL, password_hash TEXT NOT NULL,
                role TEXT NOT NULL DEFAULT 'reader');
            CREATE TABLE IF NOT EXISTS pages (slug TEXT PRIMARY KEY, title TEXT NOT NULL);
            CREATE TABLE IF NOT EXISTS revisions (id INTEGER PRIMARY KEY AUTOINCREMENT,
                slug TEXT NOT NULL, body TEXT NOT NULL, editor_id INTEGER NOT NULL);
            """
        )


def create_user(username, password, role="reader"):
    with app.app_context():
        db = get_db()
        db.execute(
            "INSERT INTO users (username, password_hash, role) VALUES (?, ?, ?)",
            (username, generate_password_hash(password), role),
        )
        db.commit()


@app.before_request
def load_user():
    g.user = None
    if "user_id" in session:
        g.user = get_db().execute(
            "SELECT id, username, role FROM users WHERE id = ?", (session["user_id"],)
        ).fetchone()


def requires(*roles):
    def decorator(view):
        @wraps(view)
        def wrapped(*args, **kwargs):
            if g.user is None:
                return jsonify({"error": "login required"}), 401
            if g.user["role"] not in roles:
                return jsonify({"error": "forbidden"}), 403
            return view(*args, **kwargs)

        return wrapped

    return decorator


@app.post("/register")
def register():
    data = request.get_json(silent=True) or {}
    username = (data.get("username") or "").strip()
    if not re.fullmatch(r"[A-Za-z0-9_]{3,30}", username) or len(data.get("password") or "") < 8:
        return jsonify({"error": "invalid username or password too short"}), 400
    try:
        create_user(username, data["password"])
    except sqlite3.IntegrityError:
        return jsonify({"error": "username taken"}), 409
    return jsonify({"ok": True}), 201


@app.post("/login")
def login():
    data = request.get_json(silent=True) or {}
    user = get_db().execute(
        "SELECT id, password_hash FROM users WHERE username = ?", (data.get("username") or "",)
    ).fetchone()
    if user is None or not check_password_hash(user["password_hash"], data.get("password") or ""):
        return jsonify({"error": "invalid credentials"}), 401
    session.clear()
    session["user_id"] = user["id"]
    return jsonify({"ok": True})


def latest(slug):
    return get_db().execute(
        "SELECT p.title, r.body, r.id AS revision, u.username AS editor FROM pages p "
        "JOIN revisions r ON r.slug = p.slug JOIN users u ON u.id = r.editor_id "
        "WHERE p.slug = ? ORDER BY r.id DESC LIMIT 1",
        (slug,),
    ).fetchone()


@app.get("/wiki/<slug>")
@requires(*ROLES)
def view_page(slug):
    page = latest(slug)
    if page is None:
        abort(404)
    return render_template_string(PAGE_HTML, page=page)


@app.put("/wiki/<slug>")
@requires("editor", "admin")
def save_page(slug):
    if not SLUG_RE.match(slug) or len(slug) > 80:
        return jsonify({"error": "bad slug"}), 400
    data = request.get_json(silent=True) or {}
    title = (data.get("title") or "").strip()[:200]
    body = data.get("body") or ""
    if not title or len(body) > 100_000:
        return jsonify({"error": "title required, body at most 100k"}), 400
    db = get_db()
    db.execute(
        "INSERT INTO pages (slug, title) VALUES (?, ?) "
        "ON CONFLICT(slug) DO UPDATE SET title = excluded.title",
        (slug, title),
    )
    db.execute(
        "INSERT INTO revisions (slug, body, editor_id) VALUES (?, ?, ?)",
        (slug, body, g.user["id"]),
    )
    db.commit()
    return jsonify({"slug": slug})


@app.get("/wiki/<slug>/history")
@requires(*ROLES)
def history(slug):
    rows = get_db().execute(
        "SELECT r.id, u.username AS editor FROM revisions r JOIN users u ON u.id = r.editor_id "
        "WHERE r.slug = ? ORDER BY r.id DESC",
        (slug,),
    )
    return jsonify([dict(r) for r in rows])


@app.delete("/wiki/<slug>")
@requires("admin")
def delete_page(slug):
    db = get_db()
    db.execute("DELETE FROM revisions WHERE slug = ?", (slug,))
    cur = db.execute("DELETE FROM pages WHERE slug = ?", (slug,))
    db.commit()
    if cur.rowcount == 0:
        abort(404)
    return "", 204


@app.put("/users/<username>/role")
@requires("admin")
def set_role(username):
    role = (request.get_json(silent=True) or {}).get("role")
    if role not in ROLES:
        return jsonify({"error": f"role must be one of {', '.join(ROLES)}"}), 400
    db = get_db()
    cur = db.execute("UPDATE users SET role = ? WHERE username = ?", (role, username))
    db.commit()
    if cur.rowcount == 0:
        abort(404)
    return jsonify({"username": username, "role": role})


if __name__ == "__main__":
    init_db()
    app.run()
