"""Account settings for a members' site: register, log in (returning to the page you came
from), change your password, and see your profile."""
import hashlib
import os
import sqlite3
from functools import wraps

from flask import Flask, g, jsonify, redirect, render_template_string, request, session, url_for

app = Flask(__name__)
app.secret_key = os.environ["MEMBERS_SECRET_KEY"]
DB_PATH = os.environ.get("MEMBERS_DB", "members.db")

LOGIN_FORM = """
<form method="post">
  <input name="username" placeholder="username">
  <input name="password" type="password" placeholder="password">
  <input type="hidden" name="next" value="{{ next }}">
  <button>Log in</button>
</form>
"""


def get_db():
    if "db" not in g:
        g.db = sqlite3.connect(DB_PATH)
        g.db.row_factory = sqlite3.Row
    return g.db


def init_db():
    with sqlite3.connect(DB_PATH) as conn:
        conn.execute("CREATE TABLE IF NOT EXISTS members (id INTEGER PRIMARY KEY, username TEXT UNIQUE, "
                     "password_hash TEXT, display_name TEXT)")


def hash_password(password: str) -> str:
    return hashlib.sha256(password.encode("utf-8")).hexdigest()


def login_required(f):
    @wraps(f)
    def inner(*a, **kw):
        if "member_id" not in session:
            return redirect(url_for("login", next=request.path))
        return f(*a, **kw)
    return inner


@app.post("/register")
def register():
    username = request.form.get("username", "").strip()
    password = request.form.get("password", "")
    if not username or len(password) < 8:
        return jsonify({"error": "username and an 8+ character password required"}), 400
    try:
        get_db().execute("INSERT INTO members (username, password_hash, display_name) VALUES (?, ?, ?)",
                         (username, hash_password(password), username))
        get_db().commit()
    except sqlite3.IntegrityError:
        return jsonify({"error": "username taken"}), 409
    return jsonify({"ok": True}), 201


@app.route("/login", methods=["GET", "POST"])
def login():
    if request.method == "GET":
        return render_template_string(LOGIN_FORM, next=request.args.get("next", "/profile"))
    row = get_db().execute("SELECT id, password_hash FROM members WHERE username = ?",
                           (request.form.get("username", ""),)).fetchone()
    if row is None or row["password_hash"] != hash_password(request.form.get("password", "")):
        return jsonify({"error": "invalid username or password"}), 401
    session.clear()
    session["member_id"] = row["id"]
    return redirect(request.form.get("next") or "/profile")


@app.post("/logout")
def logout():
    session.clear()
    return redirect("/login")


@app.post("/password")
@login_required
def change_password():
    current = request.form.get("current_password", "")
    new = request.form.get("new_password", "")
    row = get_db().execute("SELECT password_hash FROM members WHERE id = ?",
                           (session["member_id"],)).fetchone()
    if row["password_hash"] != hash_password(current):
        return jsonify({"error": "current password is wrong"}), 403
    if len(new) < 8 or new == current:
        return jsonify({"error": "new password must be 8+ characters and differ from the old one"}), 400
    get_db().execute("UPDATE members SET password_hash = ? WHERE id = ?",
                     (hash_password(new), session["member_id"]))
    get_db().commit()
    return jsonify({"ok": True})


@app.get("/profile")
@login_required
def profile():
    row = get_db().execute("SELECT username, display_name FROM members WHERE id = ?",
                           (session["member_id"],)).fetchone()
    return jsonify(dict(row))
