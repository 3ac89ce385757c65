"""Bill splitting: friends form a group, log shared expenses, and see who owes whom."""
import os
import sqlite3
from collections import defaultdict
from decimal import ROUND_DOWN, Decimal, InvalidOperation

from flask import Flask, g, jsonify, request, session
from werkzeug.security import check_password_hash, generate_password_hash

app = Flask(__name__)
app.secret_key = os.environ["SPLITTER_SECRET"]
app.config.update(SESSION_COOKIE_HTTPONLY=True, SESSION_COOKIE_SAMESITE="Lax",
                  MAX_CONTENT_LENGTH=32 * 1024)
DB = "splitter.db"
MAX_AMOUNT = Decimal("50000")


def conn():
    if "conn" not in g:
        g.conn = sqlite3.connect(DB)
        g.conn.row_factory = sqlite3.Row
    return g.conn


@app.teardown_appcontext
def close(_e):
    c = g.pop("conn", None)
    if c is not None:
        c.close()


def init_db():
    with sqlite3.connect(DB) as c:
        c.executescript("""
        CREATE TABLE IF NOT EXISTS users (id INTEGER PRIMARY KEY, name TEXT UNIQUE, pw TEXT);
        CREATE TABLE IF NOT EXISTS groups_ (id INTEGER PRIMARY KEY, title TEXT);
        CREATE TABLE IF NOT EXISTS members (group_id INTEGER, user_id INTEGER,
            PRIMARY KEY (group_id, user_id));
        CREATE TABLE IF NOT EXISTS expenses (id INTEGER PRIMARY KEY, group_id INTEGER,
            payer_id INTEGER, cents INTEGER, note TEXT);""")


def me():
    uid = session.get("uid")
    if uid is None:
        return None
    return conn().execute("SELECT id, name FROM users WHERE id = ?", (uid,)).fetchone()


def membership(group_id, user_id):
    return conn().execute("SELECT 1 FROM members WHERE group_id = ? AND user_id = ?",
                          (group_id, user_id)).fetchone() is not None


@app.post("/register")
def register():
    d = request.get_json(force=True)
    name, pw = str(d.get("username", "")), str(d.get("password", ""))
    if not (2 <= len(name) <= 40) or len(pw) < 8:
        return jsonify(error="bad username or password"), 400
    try:
        conn().execute("INSERT INTO users (name, pw) VALUES (?, ?)",
                       (name, generate_password_hash(pw)))
        conn().commit()
    except sqlite3.IntegrityError:
        return jsonify(error="taken"), 409
    return jsonify(ok=True), 201


@app.post("/login")
def login():
    d = request.get_json(force=True)
    u = conn().execute("SELECT id, pw FROM users WHERE name = ?",
                       (str(d.get("username", "")),)).fetchone()
    if not u or not check_password_hash(u["pw"], str(d.get("password", ""))):
        return jsonify(error="invalid login"), 401
    session["uid"] = u["id"]
    return jsonify(ok=True)


@app.post("/groups")
def create_group():
    user = me()
    if user is None:
        return jsonify(error="login required"), 401
    title = str((request.get_json(force=True) or {}).get("title", "")).strip()[:80] or "Group"
    gid = conn().execute("INSERT INTO groups_ (title) VALUES (?)", (title,)).lastrowid
    conn().execute("INSERT INTO members VALUES (?, ?)", (gid, user["id"]))
    conn().commit()
    return jsonify(id=gid), 201


@app.post("/groups/<int:group_id>/members")
def add_member(group_id):
    user = me()
    if user is None:
        return jsonify(error="login required"), 401
    if not membership(group_id, user["id"]):
        return jsonify(error="not found"), 404
    friend = conn().execute("SELECT id FROM users WHERE name = ?",
                            (str(request.get_json(force=True).get("username", "")),)).fetchone()
    if friend is None:
        return jsonify(error="no such user"), 404
    conn().execute("INSERT OR IGNORE INTO members VALUES (?, ?)", (group_id, friend["id"]))
    conn().commit()
    return jsonify(ok=True), 201


@app.post("/groups/<int:group_id>/expenses")
def add_expense(group_id):
    user = me()
    if user is None:
        return jsonify(error="login required"), 401
    if not membership(group_id, user["id"]):
        return jsonify(error="not found"), 404
    d = request.get_json(force=True)
    try:
        amount = Decimal(str(d.get("amount"))).quantize(Decimal("0.01"), rounding=ROUND_DOWN)
    except InvalidOperation:
        return jsonify(error="amount must be a number"), 400
    if not (Decimal("0") < amount <= MAX_AMOUNT):
        return jsonify(error="amount must be between 0.01 and 50000"), 400
    note = str(d.get("note", ""))[:140]
    eid = conn().execute("INSERT INTO expenses (group_id, payer_id, cents, note) "
                         "VALUES (?, ?, ?, ?)",
                         (group_id, user["id"], int(amount * 100), note)).lastrowid
    conn().commit()
    return jsonify(id=eid), 201


@app.get("/groups/<int:group_id>/balances")
def balances(group_id):
    user = me()
    if user is None:
        return jsonify(error="login required"), 401
    if not membership(group_id, user["id"]):
        return jsonify(error="not found"), 404
    members = conn().execute("SELECT u.id, u.name FROM members m JOIN users u ON u.id = m.user_id "
                             "WHERE m.group_id = ? ORDER BY u.id", (group_id,)).fetchall()
    paid = defaultdict(int)
    total = 0
    for row in conn().execute("SELECT payer_id, cents FROM expenses WHERE group_id = ?",
                              (group_id,)):
        paid[row["payer_id"]] += row["cents"]
        total += row["cents"]
    share = total // len(members)
    return jsonify({m["name"]: (paid[m["id"]] - share) / 100 for m in members})
