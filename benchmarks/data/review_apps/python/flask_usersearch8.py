"""Admin console: staff search the user directory, page through it, and suspend accounts."""
import os
import sqlite3
from functools import wraps

from flask import Flask, abort, g, jsonify, request, session
from werkzeug.security import check_password_hash, generate_password_hash

app = Flask(__name__)
app.config["SECRET_KEY"] = os.environ["ADMIN_SECRET_KEY"]
app.config["SESSION_COOKIE_SECURE"] = os.environ.get("ADMIN_COOKIE_SECURE", "1") == "1"
app.config["SESSION_COOKIE_HTTPONLY"] = True
DATABASE = "directory.db"
SORTABLE = {"name": "name", "email": "email", "created": "created_at"}
PAGE_SIZE_MAX = 100


def get_db():
    if "db" not in g:
        g.db = sqlite3.connect(DATABASE)
        g.db.row_factory = sqlite3.Row
    return g.db


@app.teardown_appcontext
def close_db(_):
    db = g.pop("db", None)
    if db is not None:
        db.close()


def init_db():
    with sqlite3.connect(DATABASE) as db:
        db.executescript("""
        CREATE TABLE IF NOT EXISTS users (id INTEGER PRIMARY KEY, name TEXT, email TEXT UNIQUE,
            password_hash TEXT, role TEXT DEFAULT 'user', suspended INTEGER DEFAULT 0,
            created_at TEXT DEFAULT CURRENT_TIMESTAMP);""")


def create_user(name, email, password, role="user"):
    with sqlite3.connect(DATABASE) as db:
        db.execute("INSERT INTO users (name, email, password_hash, role) VALUES (?, ?, ?, ?)",
                   (name, email, generate_password_hash(password), role))


def admin_required(view):
    @wraps(view)
    def wrapped(*args, **kwargs):
        uid = session.get("user_id")
        if uid is None:
            abort(401)
        row = get_db().execute("SELECT role, suspended FROM users WHERE id = ?",
                               (uid,)).fetchone()
        if row is None or row["role"] != "admin" or row["suspended"]:
            abort(403)
        return view(*args, **kwargs)
    return wrapped


@app.post("/login")
def login():
    data = request.get_json(silent=True) or {}
    row = get_db().execute("SELECT id, password_hash, suspended FROM users WHERE email = ?",
                           (str(data.get("email", "")).lower(),)).fetchone()
    if row is None or not check_password_hash(row["password_hash"],
                                              str(data.get("password", ""))):
        return jsonify(error="invalid credentials"), 401
    if row["suspended"]:
        return jsonify(error="account suspended"), 403
    session.clear()
    session["user_id"] = row["id"]
    return jsonify(ok=True)


def like_pattern(term):
    """Match the term literally inside LIKE: escape the wildcard characters."""
    escaped = term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


@app.get("/admin/users")
@admin_required
def search_users():
    term = request.args.get("q", "").strip()[:100]
    sort = SORTABLE.get(request.args.get("sort", "name"), "name")
    order = "DESC" if request.args.get("order") == "desc" else "ASC"
    try:
        page = max(1, int(request.args.get("page", 1)))
        size = min(PAGE_SIZE_MAX, max(1, int(request.args.get("size", 25))))
    except ValueError:
        abort(400)
    sql = (f"SELECT id, name, email, role, suspended, created_at FROM users "
           f"WHERE name LIKE ? ESCAPE '\\' OR email LIKE ? ESCAPE '\\' "
           f"ORDER BY {sort} {order} LIMIT ? OFFSET ?")
    pattern = like_pattern(term)
    rows = get_db().execute(sql, (pattern, pattern, size, (page - 1) * size)).fetchall()
    return jsonify(page=page, size=size, users=[dict(r) for r in rows])


@app.get("/admin/users/<int:user_id>")
@admin_required
def user_detail(user_id):
    row = get_db().execute("SELECT id, name, email, role, suspended, created_at FROM users "
                           "WHERE id = ?", (user_id,)).fetchone()
    if row is None:
        abort(404)
    return jsonify(dict(row))


@app.post("/admin/users/<int:user_id>/suspend")
@admin_required
def suspend(user_id):
    if user_id == session["user_id"]:
        return jsonify(error="you cannot suspend yourself"), 400
    cur = get_db().execute("UPDATE users SET suspended = 1 WHERE id = ?", (user_id,))
    get_db().commit()
    if cur.rowcount == 0:
        abort(404)
    return jsonify(suspended=user_id)


@app.get("/me")
def me():
    uid = session.get("user_id")
    if uid is None:
        abort(401)
    row = get_db().execute("SELECT id, name, email, role FROM users WHERE id = ?",
                           (uid,)).fetchone()
    return jsonify(dict(row))
