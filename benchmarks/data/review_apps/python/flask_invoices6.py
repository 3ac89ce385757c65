"""Invoicing service for freelancers: create clients and invoices, list your invoices,
view one, mark it paid, and download it as a plain-text receipt."""
import os
import sqlite3
from datetime import date
from functools import wraps

from flask import Flask, Response, abort, g, jsonify, request, session
from werkzeug.security import check_password_hash, generate_password_hash

app = Flask(__name__)
app.secret_key = os.environ["INVOICES_SECRET_KEY"]
DB_PATH = os.environ.get("INVOICES_DB", "invoices.db")


def get_db():
    if "db" not in g:
        g.db = sqlite3.connect(DB_PATH)
        g.db.row_factory = sqlite3.Row
    return g.db


@app.teardown_appcontext
def close_db(exc):
    db = g.pop("db", None)
    if db is not None:
        db.close()


def init_db():
    with sqlite3.connect(DB_PATH) as conn:
        conn.executescript("""
            CREATE TABLE IF NOT EXISTS users (id INTEGER PRIMARY KEY, email TEXT UNIQUE, password_hash TEXT);
            CREATE TABLE IF NOT EXISTS invoices (
                id INTEGER PRIMARY KEY, user_id INTEGER, client_name TEXT, client_email TEXT,
                amount_cents INTEGER, due_date TEXT, status TEXT DEFAULT 'open', notes TEXT);
        """)


def login_required(f):
    @wraps(f)
    def wrapper(*args, **kwargs):
        if "user_id" not in session:
            return jsonify({"error": "login required"}), 401
        return f(*args, **kwargs)
    return wrapper


@app.post("/register")
def register():
    data = request.get_json() or {}
    email, password = data.get("email", "").strip().lower(), data.get("password", "")
    if not email or len(password) < 8:
        return jsonify({"error": "email and a password of 8+ characters required"}), 400
    try:
        get_db().execute("INSERT INTO users (email, password_hash) VALUES (?, ?)",
                         (email, generate_password_hash(password)))
        get_db().commit()
    except sqlite3.IntegrityError:
        return jsonify({"error": "email already registered"}), 409
    return jsonify({"ok": True}), 201


@app.post("/login")
def login():
    data = request.get_json() or {}
    row = get_db().execute("SELECT id, password_hash FROM users WHERE email = ?",
                           (data.get("email", "").strip().lower(),)).fetchone()
    if row is None or not check_password_hash(row["password_hash"], data.get("password", "")):
        return jsonify({"error": "invalid credentials"}), 401
    session["user_id"] = row["id"]
    return jsonify({"ok": True})


@app.post("/invoices")
@login_required
def create_invoice():
    data = request.get_json() or {}
    try:
        amount = int(data["amount_cents"])
        due = date.fromisoformat(data["due_date"]).isoformat()
    except (KeyError, ValueError):
        return jsonify({"error": "amount_cents and due_date (YYYY-MM-DD) required"}), 400
    if amount <= 0:
        return jsonify({"error": "amount must be positive"}), 400
    cur = get_db().execute(
        "INSERT INTO invoices (user_id, client_name, client_email, amount_cents, due_date, notes) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        (session["user_id"], data.get("client_name", ""), data.get("client_email", ""),
         amount, due, data.get("notes", "")))
    get_db().commit()
    return jsonify({"id": cur.lastrowid}), 201


@app.get("/invoices")
@login_required
def list_invoices():
    rows = get_db().execute(
        "SELECT id, client_name, amount_cents, due_date, status FROM invoices WHERE user_id = ? "
        "ORDER BY due_date", (session["user_id"],)).fetchall()
    return jsonify([dict(r) for r in rows])


@app.get("/invoices/<int:invoice_id>")
@login_required
def get_invoice(invoice_id):
    row = get_db().execute("SELECT * FROM invoices WHERE id = ? AND user_id = ?",
                           (invoice_id, session["user_id"])).fetchone()
    if row is None:
        abort(404)
    return jsonify(dict(row))


@app.post("/invoices/<int:invoice_id>/paid")
@login_required
def mark_paid(invoice_id):
    cur = get_db().execute("UPDATE invoices SET status = 'paid' WHERE id = ? AND user_id = ?",
                           (invoice_id, session["user_id"]))
    get_db().commit()
    if cur.rowcount == 0:
        abort(404)
    return jsonify({"id": invoice_id, "status": "paid"})


@app.get("/invoices/<int:invoice_id>/receipt.txt")
@login_required
def receipt(invoice_id):
    inv = get_db().execute("SELECT * FROM invoices WHERE id = ?", (invoice_id,)).fetchone()
    if inv is None:
        abort(404)
    text = (f"INVOICE #{inv['id']}\n"
            f"Bill to: {inv['client_name']} <{inv['client_email']}>\n"
            f"Amount: ${inv['amount_cents'] / 100:.2f}\n"
            f"Due: {inv['due_date']}\nStatus: {inv['status']}\n\n{inv['notes']}\n")
    return Response(text, mimetype="text/plain",
                    headers={"Content-Disposition": f"attachment; filename=invoice-{inv['id']}.txt"})


if __name__ == "__main__":
    init_db()
    app.run()
