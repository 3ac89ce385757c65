"""Accounts for a small community site: sign up, sign in, sign out, and change password.
Pages are server-rendered with Jinja templates; the session cookie is Flask's signed cookie."""
import logging
import os
import sqlite3
from functools import wraps

from flask import Flask, flash, g, redirect, render_template_string, request, session, url_for
from werkzeug.security import check_password_hash, generate_password_hash

app = Flask(__name__)
app.config["SECRET_KEY"] = os.environ["SECRET_KEY"]
app.config["SESSION_COOKIE_HTTPONLY"] = True
app.config["SESSION_COOKIE_SAMESITE"] = "Lax"
DATABASE = os.environ.get("DATABASE", "accounts.db")

logger = logging.getLogger(__name__)

BASE = """<!doctype html><title>{{ title }}</title>
{% with messages = get_flashed_messages() %}{% for m in messages %}<p class=flash>{{ m }}</p>{% endfor %}{% endwith %}
{% block body %}{% endblock %}"""
SIGNUP_FORM = """<form method=post><input name=username><input name=email>
<input type=password name=password><button>Create account</button></form>"""
LOGIN_FORM = """<form method=post action="{{ url_for('login', next=next) }}"><input name=username>
<input type=password name=password><button>Sign in</button></form>"""


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
    db = sqlite3.connect(DATABASE)
    db.execute(
        "CREATE TABLE IF NOT EXISTS users (id INTEGER PRIMARY KEY AUTOINCREMENT, "
        "username TEXT UNIQUE NOT NULL, email TEXT NOT NULL, password_hash TEXT NOT NULL)"
    )
    db.commit()
    db.close()


def login_required(view):
    @wraps(view)
    def wrapped(*args, **kwargs):
        if "user_id" not in session:
            return redirect(url_for("login", next=request.path))
        return view(*args, **kwargs)

    return wrapped


@app.route("/signup", methods=["GET", "POST"])
def signup():
    if request.method == "POST":
        username = request.form.get("username", "").strip()
        email = request.form.get("email", "").strip()
        password = request.form.get("password", "")
        if not username or "@" not in email or len(password) < 8:
            flash("Please fill in every field; passwords need 8 characters.")
            return render_template_string(SIGNUP_FORM), 400
        db = get_db()
        try:
            db.execute(
                "INSERT INTO users (username, email, password_hash) VALUES (?, ?, ?)",
                (username, email, generate_password_hash(password)),
            )
            db.commit()
        except sqlite3.IntegrityError:
            flash("That username is taken.")
            return render_template_string(SIGNUP_FORM), 409
        return redirect(url_for("login"))
    return render_template_string(SIGNUP_FORM)


@app.route("/login", methods=["GET", "POST"])
def login():
    next_url = request.args.get("next", "")
    if request.method == "POST":
        username = request.form.get("username", "")
        user = get_db().execute(
            "SELECT * FROM users WHERE username = ?", (username,)
        ).fetchone()
        if user is None or not check_password_hash(user["password_hash"],
                                                   request.form.get("password", "")):
            logger.warning("failed login for %r", username)
            flash("Invalid username or password.")
            return render_template_string(LOGIN_FORM, next=next_url), 401
        session.clear()
        session["user_id"] = user["id"]
        # only follow local paths after login
        if next_url and next_url.startswith("/"):
            return redirect(next_url)
        return redirect(url_for("account"))
    return render_template_string(LOGIN_FORM, next=next_url)


@app.post("/logout")
def logout():
    session.clear()
    return redirect(url_for("login"))


@app.get("/account")
@login_required
def account():
    user = get_db().execute(
        "SELECT username, email FROM users WHERE id = ?", (session["user_id"],)
    ).fetchone()
    return render_template_string("<h1>Hello {{ u.username }}</h1><p>{{ u.email }}</p>", u=user)


@app.post("/account/password")
@login_required
def change_password():
    db = get_db()
    user = db.execute("SELECT * FROM users WHERE id = ?", (session["user_id"],)).fetchone()
    if not check_password_hash(user["password_hash"], request.form.get("current", "")):
        return {"error": "current password is wrong"}, 403
    new = request.form.get("new", "")
    if len(new) < 8:
        return {"error": "too short"}, 400
    db.execute("UPDATE users SET password_hash = ? WHERE id = ?",
               (generate_password_hash(new), user["id"]))
    db.commit()
    return {"ok": True}


if __name__ == "__main__":
    init_db()
    app.run()
