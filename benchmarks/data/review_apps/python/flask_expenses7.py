"""Expense tracker: users log expenses by category, list a month, and export it as CSV."""
import csv
import io
import os
import sqlite3
from datetime import datetime
from decimal import Decimal, InvalidOperation
from functools import wraps

from flask import Flask, Response, abort, g, jsonify, request, session
from werkzeug.security import check_password_hash, generate_password_hash

app = Flask(__name__)
app.config.update(SECRET_KEY=os.environ["EXPENSES_SECRET_KEY"], SESSION_COOKIE_HTTPONLY=True,
                  SESSION_COOKIE_SAMESITE="Lax")
DATABASE = "expenses.db"
CATEGORIES = {"food", "transport", "housing", "utilities", "fun", "other"}


def get_db():
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
    with sqlite3.connect(DATABASE) as c:
        c.executescript("""
        CREATE TABLE IF NOT EXISTS users (id INTEGER PRIMARY KEY, username TEXT UNIQUE,
            password_hash TEXT);
        CREATE TABLE IF NOT EXISTS expenses (id INTEGER PRIMARY KEY, user_id INTEGER,
            spent_on TEXT, category TEXT, description TEXT, amount_cents INTEGER);""")


def login_required(view):
    @wraps(view)
    def wrapped(*args, **kwargs):
        if session.get("user_id") is None:
            return jsonify(error="login required"), 401
        return view(*args, **kwargs)
    return wrapped


@app.post("/register")
def register():
    data = request.get_json(silent=True) or {}
    username, password = data.get("username", ""), data.get("password", "")
    if not (3 <= len(username) <= 32) or len(password) < 8:
        return jsonify(error="username 3-32 chars, password 8+ chars"), 400
    try:
        get_db().execute("INSERT INTO users (username, password_hash) VALUES (?, ?)",
                         (username, generate_password_hash(password)))
        get_db().commit()
    except sqlite3.IntegrityError:
        return jsonify(error="username taken"), 409
    return jsonify(ok=True), 201


@app.post("/login")
def login():
    data = request.get_json(silent=True) or {}
    user = get_db().execute("SELECT * FROM users WHERE username = ?",
                            (data.get("username", ""),)).fetchone()
    if user is None or not check_password_hash(user["password_hash"], data.get("password", "")):
        return jsonify(error="invalid username or password"), 401
    session.clear()
    session["user_id"] = user["id"]
    return jsonify(ok=True)


@app.post("/expenses")
@login_required
def add_expense():
    data = request.get_json(silent=True) or {}
    try:
        spent_on = datetime.strptime(data.get("date", ""), "%Y-%m-%d").date()
        amount = Decimal(str(data.get("amount", "")))
    except (ValueError, InvalidOperation):
        return jsonify(error="date must be YYYY-MM-DD and amount a number"), 400
    category = data.get("category", "other")
    if category not in CATEGORIES or not (Decimal("0") < amount <= Decimal("100000")):
        return jsonify(error="unknown category or amount out of range"), 400
    cur = get_db().execute(
        "INSERT INTO expenses (user_id, spent_on, category, description, amount_cents) "
        "VALUES (?, ?, ?, ?, ?)",
        (session["user_id"], spent_on.isoformat(), category,
         str(data.get("description", ""))[:200], int(amount * 100)))
    get_db().commit()
    return jsonify(id=cur.lastrowid), 201


def month_rows(month):
    try:
        start = datetime.strptime(month, "%Y-%m")
    except ValueError:
        abort(400)
    return get_db().execute(
        "SELECT id, spent_on, category, description, amount_cents FROM expenses "
        "WHERE user_id = ? AND substr(spent_on, 1, 7) = ? ORDER BY spent_on",
        (session["user_id"], start.strftime("%Y-%m"))).fetchall()


@app.get("/expenses")
@login_required
def list_expenses():
    rows = month_rows(request.args.get("month", datetime.now().strftime("%Y-%m")))
    return jsonify([dict(r) for r in rows])


@app.delete("/expenses/<int:expense_id>")
@login_required
def delete_expense(expense_id):
    cur = get_db().execute("DELETE FROM expenses WHERE id = ? AND user_id = ?",
                           (expense_id, session["user_id"]))
    get_db().commit()
    if cur.rowcount == 0:
        abort(404)
    return "", 204


def safe_cell(value):
    """Keep spreadsheet apps from running a description as a formula."""
    text = str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


@app.get("/expenses/export.csv")
@login_required
def export_csv():
    rows = month_rows(request.args.get("month", ""))
    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow(["date", "category", "description", "amount"])
    for r in rows:
        writer.writerow([r["spent_on"], r["category"], safe_cell(r["description"]),
                         f"{r['amount_cents'] / 100:.2f}"])
    return Response(buf.getvalue(), mimetype="text/csv",
                    headers={"Content-Disposition": "attachment; filename=expenses.csv"})
