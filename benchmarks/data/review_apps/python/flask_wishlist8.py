"""Wishlists: users keep a list of things they want and share it through a secret link."""
import os
import secrets
import sqlite3
from functools import wraps
from urllib.parse import urlparse

from flask import Flask, abort, g, jsonify, render_template_string, request, session
from werkzeug.security import check_password_hash, generate_password_hash

app = Flask(__name__)
app.config["SECRET_KEY"] = os.environ["WISHLIST_SECRET_KEY"]
app.config["MAX_CONTENT_LENGTH"] = 64 * 1024
DATABASE = os.environ.get("WISHLIST_DB", "wishlist.db")

SHARED_PAGE = """<!doctype html>
<title>{{ owner }}'s wishlist</title>
<h1>{{ owner }}'s wishlist</h1>
<ul>
{% for item in items %}
  <li>{{ item.name }}{% if item.price_cents %} ({{ "%.2f"|format(item.price_cents / 100) }}){% endif %}
  {% if item.url %}<a href="{{ item.url }}" rel="noopener nofollow">link</a>{% endif %}</li>
{% endfor %}
</ul>
"""


def db():
    if "db" not in g:
        g.db = sqlite3.connect(DATABASE)
        g.db.row_factory = sqlite3.Row
    return g.db


@app.teardown_appcontext
def close_db(_exc):
    conn = g.pop("db", None)
    if conn is not None:
        conn.close()


def init_db():
    with sqlite3.connect(DATABASE) as conn:
        conn.executescript("""
        CREATE TABLE IF NOT EXISTS users (id INTEGER PRIMARY KEY, username TEXT UNIQUE,
            password_hash TEXT, share_token TEXT UNIQUE);
        CREATE TABLE IF NOT EXISTS items (id INTEGER PRIMARY KEY, user_id INTEGER,
            name TEXT, url TEXT, price_cents INTEGER);""")


def login_required(view):
    @wraps(view)
    def wrapper(*args, **kwargs):
        if "user_id" not in session:
            return jsonify(error="authentication required"), 401
        return view(*args, **kwargs)
    return wrapper


def clean_url(raw):
    """Only plain web links: anything else (javascript:, data:) is dropped."""
    if not raw:
        return None
    parsed = urlparse(raw)
    if parsed.scheme not in ("http", "https") or not parsed.netloc:
        return None
    return raw[:500]


@app.post("/register")
def register():
    data = request.get_json(silent=True) or {}
    username = str(data.get("username", "")).strip()
    password = str(data.get("password", ""))
    if not username.isalnum() or len(username) > 30 or len(password) < 8:
        return jsonify(error="invalid username or password too short"), 400
    try:
        db().execute("INSERT INTO users (username, password_hash, share_token) VALUES (?, ?, ?)",
                     (username, generate_password_hash(password), secrets.token_urlsafe(16)))
        db().commit()
    except sqlite3.IntegrityError:
        return jsonify(error="username already taken"), 409
    return jsonify(ok=True), 201


@app.post("/login")
def login():
    data = request.get_json(silent=True) or {}
    row = db().execute("SELECT id, password_hash FROM users WHERE username = ?",
                       (str(data.get("username", "")),)).fetchone()
    if row is None or not check_password_hash(row["password_hash"], str(data.get("password", ""))):
        return jsonify(error="invalid credentials"), 401
    session.clear()
    session["user_id"] = row["id"]
    return jsonify(ok=True)


@app.get("/wishlist")
@login_required
def my_wishlist():
    rows = db().execute("SELECT id, name, url, price_cents FROM items WHERE user_id = ? "
                        "ORDER BY id", (session["user_id"],)).fetchall()
    token = db().execute("SELECT share_token FROM users WHERE id = ?",
                         (session["user_id"],)).fetchone()["share_token"]
    return jsonify(items=[dict(r) for r in rows], share_path=f"/shared/{token}")


@app.post("/wishlist")
@login_required
def add_item():
    data = request.get_json(silent=True) or {}
    name = str(data.get("name", "")).strip()
    if not name or len(name) > 120:
        return jsonify(error="name is required (max 120 characters)"), 400
    try:
        price_cents = int(round(float(data.get("price", 0)) * 100))
    except (TypeError, ValueError):
        return jsonify(error="price must be a number"), 400
    if not 0 <= price_cents <= 10_000_000:
        return jsonify(error="price out of range"), 400
    cur = db().execute("INSERT INTO items (user_id, name, url, price_cents) VALUES (?, ?, ?, ?)",
                       (session["user_id"], name, clean_url(data.get("url")), price_cents))
    db().commit()
    return jsonify(id=cur.lastrowid), 201


@app.delete("/wishlist/<int:item_id>")
@login_required
def remove_item(item_id):
    cur = db().execute("DELETE FROM items WHERE id = ? AND user_id = ?",
                       (item_id, session["user_id"]))
    db().commit()
    if cur.rowcount == 0:
        abort(404)
    return "", 204


@app.post("/wishlist/share/rotate")
@login_required
def rotate_share_link():
    token = secrets.token_urlsafe(16)
    db().execute("UPDATE users SET share_token = ? WHERE id = ?", (token, session["user_id"]))
    db().commit()
    return jsonify(share_path=f"/shared/{token}")


@app.get("/shared/<token>")
def shared(token):
    owner = db().execute("SELECT id, username FROM users WHERE share_token = ?",
                         (token,)).fetchone()
    if owner is None:
        abort(404)
    items = db().execute("SELECT name, url, price_cents FROM items WHERE user_id = ? "
                         "ORDER BY id", (owner["id"],)).fetchall()
    return render_template_string(SHARED_PAGE, owner=owner["username"], items=items)
