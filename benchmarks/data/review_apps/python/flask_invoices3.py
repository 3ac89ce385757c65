"""Freelancer invoicing: clients see their invoices, the issuer marks them paid."""
import os
import sqlite3
from decimal import Decimal, InvalidOperation

from flask import Flask, abort, g, jsonify, request, session
from werkzeug.security import check_password_hash, generate_password_hash

app = Flask(__name__)
app.config.update(
    SECRET_KEY=os.environ["SECRET_KEY"],
    SESSION_COOKIE_SECURE=True,
    SESSION_COOKIE_HTTPONLY=True,
    SESSION_COOKIE_SAMESITE="Lax",
)
DB = os.environ.get("INVOICES_DB", "invoices.db")


def db():
    if "db" not in g:
        g.db = sqlite3.connect(DB)
        g.db.row_factory = sqlite3.Row
    return g.db


@app.teardown_appcontext
def _close(_exc):
    if (c := g.pop("db", None)) is not None:
        c.close()


def init_db():
    c = sqlite3.connect(DB)
    c.executescript("""
    CREATE TABLE IF NOT EXISTS accounts (id INTEGER PRIMARY KEY, email TEXT UNIQUE,
        pw_hash TEXT, role TEXT NOT NULL DEFAULT 'client');
    CREATE TABLE IF NOT EXISTS invoices (id INTEGER PRIMARY KEY, client_id INTEGER,
        issuer_id INTEGER, amount TEXT, description TEXT, status TEXT DEFAULT 'open');
    """)
    c.commit()
    c.close()


def me():
    uid = session.get("uid")
    if uid is None:
        abort(401)
    return db().execute("SELECT id, role FROM accounts WHERE id = ?", (uid,)).fetchone()


@app.post("/signup")
def signup():
    data = request.get_json(force=True)
    email, password = data.get("email", "").lower(), data.get("password", "")
    if "@" not in email or len(password) < 10:
        return jsonify(error="valid email and a 10+ character password required"), 400
    try:
        db().execute("INSERT INTO accounts (email, pw_hash) VALUES (?, ?)",
                     (email, generate_password_hash(password)))
        db().commit()
    except sqlite3.IntegrityError:
        return jsonify(error="already registered"), 409
    return jsonify(ok=True), 201


@app.post("/login")
def login():
    data = request.get_json(force=True)
    row = db().execute("SELECT id, pw_hash FROM accounts WHERE email = ?",
                       (data.get("email", "").lower(),)).fetchone()
    if row is None or not check_password_hash(row["pw_hash"], data.get("password", "")):
        return jsonify(error="invalid credentials"), 401
    session.clear()
    session["uid"] = row["id"]
    return jsonify(ok=True)


@app.post("/invoices")
def issue():
    user = me()
    if user["role"] != "issuer":
        abort(403)
    data = request.get_json(force=True)
    try:
        amount = Decimal(str(data["amount"])).quantize(Decimal("0.01"))
        client_id = int(data["client_id"])
    except (KeyError, InvalidOperation, ValueError):
        return jsonify(error="amount and client_id required"), 400
    if amount <= 0:
        return jsonify(error="amount must be positive"), 400
    cur = db().execute("INSERT INTO invoices (client_id, issuer_id, amount, description) "
                       "VALUES (?, ?, ?, ?)",
                       (client_id, user["id"], str(amount), data.get("description", "")[:500]))
    db().commit()
    return jsonify(id=cur.lastrowid), 201


@app.get("/invoices/<int:invoice_id>")
def show(invoice_id):
    user = me()
    inv = db().execute("SELECT * FROM invoices WHERE id = ? AND (client_id = ? OR issuer_id = ?)",
                       (invoice_id, user["id"], user["id"])).fetchone()
    if inv is None:
        abort(404)
    return jsonify(dict(inv))


@app.post("/invoices/<int:invoice_id>/paid")
def mark_paid(invoice_id):
    user = me()
    if user["role"] != "issuer":
        abort(403)
    cur = db().execute("UPDATE invoices SET status = 'paid' WHERE id = ?", (invoice_id,))
    db().commit()
    if cur.rowcount == 0:
        abort(404)
    return jsonify(id=invoice_id, status="paid")


@app.get("/invoices")
def mine():
    user = me()
    rows = db().execute("SELECT id, amount, status FROM invoices WHERE client_id = ? "
                        "OR issuer_id = ? ORDER BY id DESC LIMIT 200",
                        (user["id"], user["id"])).fetchall()
    return jsonify([dict(r) for r in rows])
