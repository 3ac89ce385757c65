"""Purchase requests: employees ask to buy things, managers approve or reject them.

Employees see their own requests; managers see the pending queue and decide.
"""

import logging
import os
import sqlite3
from functools import wraps

from flask import Flask, abort, g, jsonify, request, session
from werkzeug.security import check_password_hash, generate_password_hash

app = Flask(__name__)
app.config["SECRET_KEY"] = os.environ["APPROVALS_SECRET_KEY"]
DB = "approvals.db"
log = logging.getLogger("approvals")


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
            password_hash TEXT NOT NULL, role TEXT NOT NULL DEFAULT 'employee');
        CREATE TABLE IF NOT EXISTS requests (id INTEGER PRIMARY KEY, requester_id INTEGER
            NOT NULL REFERENCES users(id), item TEXT NOT NULL, amount REAL NOT NULL,
            status TEXT NOT NULL DEFAULT 'pending', decided_by INTEGER);
    """)
    conn.close()


def create_user(username, password, role="employee"):
    conn = sqlite3.connect(DB)
    conn.execute("INSERT INTO users (username, password_hash, role) VALUES (?, ?, ?)",
                 (username, generate_password_hash(password), role))
    conn.commit()
    conn.close()


def login_required(view):
    @wraps(view)
    def wrapper(*args, **kwargs):
        if "user_id" not in session:
            return jsonify(error="login required"), 401
        return view(*args, **kwargs)
    return wrapper


def manager_required(view):
    @wraps(view)
    @login_required
    def wrapper(*args, **kwargs):
        if session.get("role") != "manager":
            return jsonify(error="managers only"), 403
        return view(*args, **kwargs)
    return wrapper


@app.post("/login")
def login():
    data = request.get_json(silent=True) or {}
    row = db().execute("SELECT id, password_hash, role FROM users WHERE username = ?",
                       (str(data.get("username", "")),)).fetchone()
    if row is None or not check_password_hash(row["password_hash"], str(data.get("password", ""))):
        return jsonify(error="bad credentials"), 401
    session.clear()
    session.update(user_id=row["id"], role=row["role"])
    return jsonify(role=row["role"])


@app.post("/requests")
@login_required
def submit():
    data = request.get_json(silent=True) or {}
    item = str(data.get("item", "")).strip()
    try:
        amount = round(float(data.get("amount")), 2)
    except (TypeError, ValueError):
        return jsonify(error="amount must be a number"), 400
    if not item or len(item) > 200 or not 0 < amount <= 50000:
        return jsonify(error="item and an amount up to 50000 required"), 400
    cur = db().execute("INSERT INTO requests (requester_id, item, amount) VALUES (?, ?, ?)",
                       (session["user_id"], item, amount))
    db().commit()
    return jsonify(id=cur.lastrowid, status="pending"), 201


@app.get("/requests/mine")
@login_required
def mine():
    rows = db().execute("SELECT id, item, amount, status FROM requests WHERE requester_id = ?",
                        (session["user_id"],)).fetchall()
    return jsonify([dict(r) for r in rows])


@app.get("/requests/pending")
@manager_required
def pending():
    rows = db().execute("SELECT r.id, u.username, r.item, r.amount FROM requests r "
                        "JOIN users u ON u.id = r.requester_id WHERE r.status = 'pending'")
    return jsonify([dict(r) for r in rows.fetchall()])


@app.post("/requests/<int:request_id>/decision")
@login_required
def decide(request_id):
    data = request.get_json(silent=True) or {}
    decision = data.get("decision")
    if decision not in ("approved", "rejected"):
        return jsonify(error="decision must be approved or rejected"), 400
    cur = db().execute("UPDATE requests SET status = ?, decided_by = ? "
                       "WHERE id = ? AND status = 'pending'",
                       (decision, session["user_id"], request_id))
    db().commit()
    if cur.rowcount == 0:
        abort(404)
    log.info("request %s %s by user %s", request_id, decision, session["user_id"])
    return jsonify(id=request_id, status=decision)
