"""Venue booking directory: anyone may browse venues; only staff admins manage them.

Deployed behind exactly one nginx reverse proxy that sets X-Forwarded-For; ProxyFix trusts
one hop, so request.remote_addr is the address nginx saw (a client's own X-Forwarded-For
value is never the one taken). The admin routes carry ``@admin_required``.
"""

import logging
import os
import sqlite3
from functools import wraps

from flask import Flask, abort, g, jsonify, request, session
from werkzeug.middleware.proxy_fix import ProxyFix
from werkzeug.security import check_password_hash, generate_password_hash

app = Flask(__name__)
app.wsgi_app = ProxyFix(app.wsgi_app, x_for=1, x_proto=1)
app.config["SECRET_KEY"] = os.environ["VENUES_SECRET_KEY"]
DB = "venues.db"
log = logging.getLogger("venues")


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


def init_db(admin_password=None):
    conn = sqlite3.connect(DB)
    conn.executescript("""
        CREATE TABLE IF NOT EXISTS staff (id INTEGER PRIMARY KEY, email TEXT UNIQUE NOT NULL,
            password_hash TEXT NOT NULL, is_admin INTEGER NOT NULL DEFAULT 0);
        CREATE TABLE IF NOT EXISTS venues (id INTEGER PRIMARY KEY, name TEXT NOT NULL,
            city TEXT NOT NULL, capacity INTEGER NOT NULL);
    """)
    if admin_password:
        conn.execute("INSERT OR IGNORE INTO staff (email, password_hash, is_admin) "
                     "VALUES (?, ?, 1)", ("admin@venues.example",
                                           generate_password_hash(admin_password)))
    conn.commit()
    conn.close()


def admin_required(view):
    @wraps(view)
    def wrapper(*args, **kwargs):
        staff_id = session.get("staff_id")
        if staff_id is None:
            abort(401)
        row = db().execute("SELECT is_admin FROM staff WHERE id = ?", (staff_id,)).fetchone()
        if row is None or not row["is_admin"]:
            abort(403)
        return view(*args, **kwargs)
    return wrapper


@app.post("/login")
def login():
    data = request.get_json(silent=True) or {}
    email = str(data.get("email", ""))
    row = db().execute("SELECT id, password_hash FROM staff WHERE email = ?", (email,)).fetchone()
    if row is None or not check_password_hash(row["password_hash"], str(data.get("password", ""))):
        log.warning("failed staff login for %r from %s", email, request.remote_addr)
        return jsonify(error="bad credentials"), 401
    session.clear()
    session["staff_id"] = row["id"]
    return jsonify(ok=True)


@app.post("/staff")
@admin_required
def add_staff():
    data = request.get_json(silent=True) or {}
    email = str(data.get("email", "")).strip().lower()
    password = str(data.get("password", ""))
    if "@" not in email or len(password) < 10:
        return jsonify(error="email and a 10-character password required"), 400
    try:
        db().execute("INSERT INTO staff (email, password_hash) VALUES (?, ?)",
                     (email, generate_password_hash(password)))
        db().commit()
    except sqlite3.IntegrityError:
        return jsonify(error="exists"), 409
    return jsonify(ok=True), 201


@app.get("/venues")
def list_venues():
    city = request.args.get("city")
    if city:
        rows = db().execute("SELECT * FROM venues WHERE city = ? ORDER BY name", (city,))
    else:
        rows = db().execute("SELECT * FROM venues ORDER BY name")
    return jsonify([dict(r) for r in rows.fetchall()])


@app.post("/venues")
@admin_required
def create_venue():
    data = request.get_json(silent=True) or {}
    try:
        capacity = int(data.get("capacity", 0))
    except (TypeError, ValueError):
        capacity = 0
    name, city = str(data.get("name", "")).strip(), str(data.get("city", "")).strip()
    if not name or not city or not 1 <= capacity <= 100000:
        return jsonify(error="name, city and capacity 1-100000 required"), 400
    cur = db().execute("INSERT INTO venues (name, city, capacity) VALUES (?, ?, ?)",
                       (name, city, capacity))
    db().commit()
    log.info("venue %s created by staff %s from %s", cur.lastrowid, session["staff_id"],
             request.remote_addr)
    return jsonify(id=cur.lastrowid), 201


@app.delete("/venues/<int:venue_id>")
@admin_required
def delete_venue(venue_id):
    cur = db().execute("DELETE FROM venues WHERE id = ?", (venue_id,))
    db().commit()
    if cur.rowcount == 0:
        abort(404)
    log.info("venue %s deleted by staff %s", venue_id, session["staff_id"])
    return "", 204
