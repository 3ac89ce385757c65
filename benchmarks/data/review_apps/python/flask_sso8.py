"""Intranet portal login: sign in with a password, then go back to the page that asked."""
import os
import sqlite3
from datetime import timedelta
from functools import wraps

from flask import (Flask, flash, g, redirect, render_template_string, request, session,
                   url_for)
from werkzeug.security import check_password_hash, generate_password_hash

app = Flask(__name__)
app.config.update(
    SECRET_KEY=os.environ["PORTAL_SECRET_KEY"],
    SESSION_COOKIE_HTTPONLY=True,
    SESSION_COOKIE_SAMESITE="Lax",
    PERMANENT_SESSION_LIFETIME=timedelta(hours=8),
)
DATABASE = "portal.db"

LOGIN_FORM = """<!doctype html>
<title>Sign in</title>
{% with messages = get_flashed_messages() %}{% for m in messages %}<p class="error">{{ m }}</p>{% endfor %}{% endwith %}
<form method="post">
  <input type="hidden" name="next" value="{{ next_url }}">
  <label>Username <input name="username" autofocus></label>
  <label>Password <input name="password" type="password"></label>
  <button type="submit">Sign in</button>
</form>"""

HOME = """<!doctype html><title>Portal</title>
<h1>Welcome, {{ name }}</h1><a href="{{ url_for('logout') }}">Sign out</a>"""


def get_db():
    if "db" not in g:
        g.db = sqlite3.connect(DATABASE)
        g.db.row_factory = sqlite3.Row
    return g.db


@app.teardown_appcontext
def close_db(_error):
    db = g.pop("db", None)
    if db is not None:
        db.close()


def init_db():
    with sqlite3.connect(DATABASE) as db:
        db.execute("CREATE TABLE IF NOT EXISTS staff (id INTEGER PRIMARY KEY, "
                   "username TEXT UNIQUE, password_hash TEXT, display_name TEXT)")


def add_staff(username, password, display_name):
    with sqlite3.connect(DATABASE) as db:
        db.execute("INSERT INTO staff (username, password_hash, display_name) VALUES (?, ?, ?)",
                   (username, generate_password_hash(password), display_name))


def login_required(view):
    @wraps(view)
    def wrapped(*args, **kwargs):
        if "staff_id" not in session:
            return redirect(url_for("login", next=request.path))
        return view(*args, **kwargs)
    return wrapped


def is_local_path(target):
    """Only redirect within this site."""
    return bool(target) and target.startswith("/")


@app.route("/login", methods=["GET", "POST"])
def login():
    next_url = request.values.get("next", "")
    if request.method == "POST":
        user = get_db().execute("SELECT id, password_hash FROM staff WHERE username = ?",
                                (request.form.get("username", ""),)).fetchone()
        if user and check_password_hash(user["password_hash"], request.form.get("password", "")):
            session.clear()
            session.permanent = True
            session["staff_id"] = user["id"]
            if is_local_path(next_url):
                return redirect(next_url)
            return redirect(url_for("home"))
        flash("Invalid username or password")
    return render_template_string(LOGIN_FORM, next_url=next_url)


@app.get("/")
@login_required
def home():
    row = get_db().execute("SELECT display_name FROM staff WHERE id = ?",
                           (session["staff_id"],)).fetchone()
    return render_template_string(HOME, name=row["display_name"])


@app.get("/directory")
@login_required
def directory():
    rows = get_db().execute("SELECT username, display_name FROM staff ORDER BY display_name"
                            ).fetchall()
    return {"staff": [dict(r) for r in rows]}


@app.get("/logout")
def logout():
    session.clear()
    return redirect(url_for("login"))
