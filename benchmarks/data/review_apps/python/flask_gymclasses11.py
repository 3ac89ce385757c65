"""Gym class booking (Flask + SQLite).

Members sign up and book spots in group classes; trainers schedule classes and see who is
booked into their own classes. Sessions are Flask's signed cookies; passwords are hashed
with Werkzeug's scrypt/pbkdf2 helpers.
"""

import os
import sqlite3
from functools import wraps

from flask import Flask, abort, g, jsonify, request, session
from werkzeug.security import check_password_hash, generate_password_hash

app = Flask(__name__)
app.config["SECRET_KEY"] = os.environ.get("GYM_SECRET_KEY") or os.urandom(32)
app.config["SESSION_COOKIE_HTTPONLY"] = True
app.config["SESSION_COOKIE_SAMESITE"] = "Lax"
DATABASE = "gym.db"


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
                role TEXT NOT NULL DEFAULT 'member');
            CREATE TABLE IF NOT EXISTS classes (id INTEGER PRIMARY KEY AUTOINCREMENT,
                trainer_id INTEGER NOT NULL, title TEXT NOT NULL, starts_at TEXT NOT NULL,
                capacity INTEGER NOT NULL);
            CREATE TABLE IF NOT EXISTS bookings (id INTEGER PRIMARY KEY AUTOINCREMENT,
                class_id INTEGER NOT NULL, member_id INTEGER NOT NULL,
                UNIQUE (class_id, member_id));
            """
        )


def create_user(username, password, role="member"):
    with app.app_context():
        db = get_db()
        cur = db.execute(
            "INSERT INTO users (username, password_hash, role) VALUES (?, ?, ?)",
            (username, generate_password_hash(password), role),
        )
        db.commit()
        return cur.lastrowid


def login_required(view):
    @wraps(view)
    def wrapped(*args, **kwargs):
        if "user_id" not in session:
            return jsonify(error="login required"), 401
        return view(*args, **kwargs)

    return wrapped


def trainer_required(view):
    @wraps(view)
    @login_required
    def wrapped(*args, **kwargs):
        if session.get("role") != "trainer":
            return jsonify(error="trainers only"), 403
        return view(*args, **kwargs)

    return wrapped


def own_booking_or_404(booking_id):
    booking = get_db().execute(
        "SELECT * FROM bookings WHERE id = ?", (booking_id,)
    ).fetchone()
    if booking is None or booking["member_id"] != session["user_id"]:
        abort(404)
    return booking


@app.post("/register")
def register():
    data = request.get_json(silent=True) or {}
    username = (data.get("username") or "").strip()
    password = data.get("password") or ""
    if not username or len(password) < 8:
        return jsonify(error="username and a password of 8+ characters required"), 400
    try:
        create_user(username, password)
    except sqlite3.IntegrityError:
        return jsonify(error="username taken"), 409
    return jsonify(ok=True), 201


@app.post("/login")
def login():
    data = request.get_json(silent=True) or {}
    user = get_db().execute(
        "SELECT * FROM users WHERE username = ?", (data.get("username", ""),)
    ).fetchone()
    if user is None or not check_password_hash(user["password_hash"], data.get("password", "")):
        return jsonify(error="invalid credentials"), 401
    session.clear()
    session["user_id"] = user["id"]
    session["role"] = user["role"]
    return jsonify(ok=True)


@app.get("/classes")
def list_classes():
    rows = get_db().execute(
        "SELECT c.id, c.title, c.starts_at, c.capacity, "
        "(SELECT COUNT(*) FROM bookings b WHERE b.class_id = c.id) AS booked "
        "FROM classes c ORDER BY c.starts_at"
    ).fetchall()
    return jsonify([dict(r) for r in rows])


@app.post("/classes")
@trainer_required
def create_class():
    data = request.get_json(silent=True) or {}
    try:
        capacity = int(data.get("capacity", 0))
    except (TypeError, ValueError):
        capacity = 0
    if not data.get("title") or not data.get("starts_at") or not 1 <= capacity <= 60:
        return jsonify(error="title, starts_at and a capacity of 1-60 required"), 400
    db = get_db()
    cur = db.execute(
        "INSERT INTO classes (trainer_id, title, starts_at, capacity) VALUES (?, ?, ?, ?)",
        (session["user_id"], data["title"], data["starts_at"], capacity),
    )
    db.commit()
    return jsonify(id=cur.lastrowid), 201


@app.post("/classes/<int:class_id>/book")
@login_required
def book(class_id):
    db = get_db()
    cls = db.execute("SELECT * FROM classes WHERE id = ?", (class_id,)).fetchone()
    if cls is None:
        abort(404)
    booked = db.execute(
        "SELECT COUNT(*) FROM bookings WHERE class_id = ?", (class_id,)
    ).fetchone()[0]
    if booked >= cls["capacity"]:
        return jsonify(error="class is full"), 409
    try:
        cur = db.execute(
            "INSERT INTO bookings (class_id, member_id) VALUES (?, ?)",
            (class_id, session["user_id"]),
        )
        db.commit()
    except sqlite3.IntegrityError:
        return jsonify(error="already booked"), 409
    return jsonify(id=cur.lastrowid), 201


@app.delete("/bookings/<int:booking_id>")
@login_required
def cancel(booking_id):
    booking = own_booking_or_404(booking_id)
    db = get_db()
    db.execute("DELETE FROM bookings WHERE id = ?", (booking["id"],))
    db.commit()
    return "", 204


@app.get("/classes/<int:class_id>/roster")
@trainer_required
def roster(class_id):
    db = get_db()
    cls = db.execute(
        "SELECT id FROM classes WHERE id = ? AND trainer_id = ?", (class_id, session["user_id"])
    ).fetchone()
    if cls is None:
        abort(404)
    rows = db.execute(
        "SELECT u.username FROM bookings b JOIN users u ON u.id = b.member_id "
        "WHERE b.class_id = ? ORDER BY u.username",
        (class_id,),
    ).fetchall()
    return jsonify([r["username"] for r in rows])


@app.get("/me/bookings")
@login_required
def my_bookings():
    rows = get_db().execute(
        "SELECT b.id, c.title, c.starts_at FROM bookings b JOIN classes c ON c.id = b.class_id "
        "WHERE b.member_id = ? ORDER BY c.starts_at",
        (session["user_id"],),
    ).fetchall()
    return jsonify([dict(r) for r in rows])


if __name__ == "__main__":
    init_db()
    app.run()
