"""Volunteer shift sign-up (Flask + SQLite, server-rendered).

Volunteers log in, browse the food bank's shifts and sign up for them; coordinators create
shifts. Login sends the user back to the page they came from.
"""

import os
import sqlite3
from functools import wraps

from flask import (Flask, abort, flash, g, redirect, render_template_string, request, session,
                   url_for)
from werkzeug.security import check_password_hash, generate_password_hash

app = Flask(__name__)
app.config["SECRET_KEY"] = os.environ["VOLUNTEERS_SECRET_KEY"]
app.config["SESSION_COOKIE_HTTPONLY"] = True
app.config["SESSION_COOKIE_SAMESITE"] = "Lax"
DATABASE = "volunteers.db"

LOGIN_PAGE = """<!doctype html><title>Log in</title>
{% for m in get_flashed_messages() %}<p class="error">{{ m }}</p>{% endfor %}
<form method="post">
  <input name="email" type="email" required>
  <input name="password" type="password" required>
  <button>Log in</button>
</form>"""

SHIFTS_PAGE = """<!doctype html><title>Shifts</title>
<ul>{% for s in shifts %}
  <li>{{ s.title }} on {{ s.day }} ({{ s.taken }}/{{ s.slots }})
  <form method="post" action="{{ url_for('signup_shift', shift_id=s.id) }}"><button>Sign up</button></form></li>
{% endfor %}</ul>"""


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
                email TEXT UNIQUE NOT NULL, password_hash TEXT NOT NULL,
                coordinator INTEGER NOT NULL DEFAULT 0);
            CREATE TABLE IF NOT EXISTS shifts (id INTEGER PRIMARY KEY AUTOINCREMENT,
                title TEXT NOT NULL, day TEXT NOT NULL, slots INTEGER NOT NULL);
            CREATE TABLE IF NOT EXISTS signups (shift_id INTEGER NOT NULL, user_id INTEGER NOT NULL,
                PRIMARY KEY (shift_id, user_id));
            """
        )


def create_user(email, password, coordinator=False):
    with app.app_context():
        db = get_db()
        db.execute(
            "INSERT INTO users (email, password_hash, coordinator) VALUES (?, ?, ?)",
            (email, generate_password_hash(password), int(coordinator)),
        )
        db.commit()


def login_required(view):
    @wraps(view)
    def wrapped(*args, **kwargs):
        if "user_id" not in session:
            return redirect(url_for("login", next=request.path))
        return view(*args, **kwargs)

    return wrapped


def coordinator_required(view):
    @wraps(view)
    @login_required
    def wrapped(*args, **kwargs):
        if not session.get("coordinator"):
            abort(403)
        return view(*args, **kwargs)

    return wrapped


@app.route("/login", methods=["GET", "POST"])
def login():
    if request.method == "POST":
        user = get_db().execute(
            "SELECT * FROM users WHERE email = ?", (request.form.get("email", ""),)
        ).fetchone()
        if user and check_password_hash(user["password_hash"], request.form.get("password", "")):
            session.clear()
            session["user_id"] = user["id"]
            session["coordinator"] = bool(user["coordinator"])
            next_url = request.args.get("next") or url_for("shifts")
            return redirect(next_url)
        flash("Invalid email or password")
    return render_template_string(LOGIN_PAGE)


@app.post("/logout")
def logout():
    session.clear()
    return redirect(url_for("login"))


@app.get("/shifts")
@login_required
def shifts():
    rows = get_db().execute(
        "SELECT s.id, s.title, s.day, s.slots, COUNT(u.user_id) AS taken FROM shifts s "
        "LEFT JOIN signups u ON u.shift_id = s.id GROUP BY s.id ORDER BY s.day"
    ).fetchall()
    return render_template_string(SHIFTS_PAGE, shifts=rows)


@app.post("/shifts")
@coordinator_required
def create_shift():
    title = request.form.get("title", "").strip()[:120]
    day = request.form.get("day", "").strip()[:10]
    try:
        slots = int(request.form.get("slots", ""))
    except ValueError:
        abort(400)
    if not title or not day or not 1 <= slots <= 100:
        abort(400)
    db = get_db()
    db.execute("INSERT INTO shifts (title, day, slots) VALUES (?, ?, ?)", (title, day, slots))
    db.commit()
    return redirect(url_for("shifts"))


@app.post("/shifts/<int:shift_id>/signup")
@login_required
def signup_shift(shift_id):
    db = get_db()
    shift = db.execute(
        "SELECT s.slots, COUNT(u.user_id) AS taken FROM shifts s "
        "LEFT JOIN signups u ON u.shift_id = s.id WHERE s.id = ? GROUP BY s.id",
        (shift_id,),
    ).fetchone()
    if shift is None:
        abort(404)
    if shift["taken"] >= shift["slots"]:
        flash("That shift is full")
        return redirect(url_for("shifts"))
    db.execute(
        "INSERT OR IGNORE INTO signups (shift_id, user_id) VALUES (?, ?)",
        (shift_id, session["user_id"]),
    )
    db.commit()
    return redirect(url_for("shifts"))


if __name__ == "__main__":
    init_db()
    app.run()
