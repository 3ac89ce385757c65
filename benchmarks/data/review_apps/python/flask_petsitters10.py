"""Pet sitter directory (Flask + SQLite).

Owners search sitters by city and pet type and sort the results; sitters keep their own
profile up to date. Accounts use hashed passwords; profiles are public.
"""

import os
import sqlite3
from functools import wraps

from flask import Flask, g, jsonify, request, session
from werkzeug.security import check_password_hash, generate_password_hash

app = Flask(__name__)
app.config["SECRET_KEY"] = os.environ["PETSITTERS_SECRET_KEY"]
app.config["SESSION_COOKIE_HTTPONLY"] = True
DATABASE = "petsitters.db"
PET_TYPES = {"dog", "cat", "bird", "rabbit", "reptile"}


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
            CREATE TABLE IF NOT EXISTS sitters (id INTEGER PRIMARY KEY AUTOINCREMENT,
                email TEXT UNIQUE NOT NULL, password_hash TEXT NOT NULL,
                name TEXT NOT NULL, city TEXT NOT NULL, pets TEXT NOT NULL DEFAULT '',
                rate INTEGER NOT NULL DEFAULT 20, rating REAL NOT NULL DEFAULT 0,
                phone TEXT NOT NULL DEFAULT '');
            """
        )


def login_required(view):
    @wraps(view)
    def wrapped(*args, **kwargs):
        if "sitter_id" not in session:
            return jsonify({"error": "login required"}), 401
        return view(*args, **kwargs)

    return wrapped


@app.post("/register")
def register():
    data = request.get_json(silent=True) or {}
    try:
        email = data["email"].strip().lower()
        name = data["name"].strip()[:80]
        city = data["city"].strip()[:80]
    except (KeyError, AttributeError):
        return jsonify({"error": "email, name and city required"}), 400
    if len(data.get("password") or "") < 8:
        return jsonify({"error": "password too short"}), 400
    db = get_db()
    try:
        cur = db.execute(
            "INSERT INTO sitters (email, password_hash, name, city) VALUES (?, ?, ?, ?)",
            (email, generate_password_hash(data["password"]), name, city),
        )
        db.commit()
    except sqlite3.IntegrityError:
        return jsonify({"error": "email taken"}), 409
    return jsonify({"id": cur.lastrowid}), 201


@app.post("/login")
def login():
    data = request.get_json(silent=True) or {}
    row = get_db().execute(
        "SELECT id, password_hash FROM sitters WHERE email = ?",
        ((data.get("email") or "").strip().lower(),),
    ).fetchone()
    if row is None or not check_password_hash(row["password_hash"], data.get("password") or ""):
        return jsonify({"error": "invalid credentials"}), 401
    session.clear()
    session["sitter_id"] = row["id"]
    return jsonify({"ok": True})


@app.put("/profile")
@login_required
def update_profile():
    data = request.get_json(silent=True) or {}
    pets = [p for p in data.get("pets", []) if p in PET_TYPES]
    try:
        rate = int(data.get("rate", 20))
    except (TypeError, ValueError):
        return jsonify({"error": "rate must be a number"}), 400
    if not 5 <= rate <= 500:
        return jsonify({"error": "rate out of range"}), 400
    db = get_db()
    db.execute(
        "UPDATE sitters SET pets = ?, rate = ?, phone = ? WHERE id = ?",
        (",".join(sorted(pets)), rate, str(data.get("phone", ""))[:30], session["sitter_id"]),
    )
    db.commit()
    return jsonify({"ok": True})


@app.get("/sitters")
def search():
    city = request.args.get("city", "")
    pet = request.args.get("pet", "")
    sort = request.args.get("sort", "rating")
    order = "ASC" if request.args.get("order") == "asc" else "DESC"
    query = "SELECT id, name, city, pets, rate, rating FROM sitters WHERE city = ?"
    params = [city]
    if pet:
        query += " AND (',' || pets || ',') LIKE ?"
        params.append(f"%,{pet},%")
    query += f" ORDER BY {sort} {order} LIMIT 50"
    rows = get_db().execute(query, params).fetchall()
    return jsonify([dict(r) for r in rows])


@app.get("/sitters/<int:sitter_id>")
def sitter(sitter_id):
    row = get_db().execute(
        "SELECT id, name, city, pets, rate, rating FROM sitters WHERE id = ?", (sitter_id,)
    ).fetchone()
    if row is None:
        return jsonify({"error": "not found"}), 404
    return jsonify(dict(row))


if __name__ == "__main__":
    init_db()
    app.run()
