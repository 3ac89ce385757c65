"""Meal planner (Flask + SQLite).

Anyone can search the shared recipe collection (an HTML page); signed-in users keep a weekly
plan of recipes. Search terms are logged for the analytics job, escaped so that one entry
stays one line.
"""

import logging
import os
import sqlite3
from functools import wraps

from flask import Flask, g, jsonify, render_template_string, request, session
from werkzeug.security import check_password_hash, generate_password_hash

app = Flask(__name__)
app.config["SECRET_KEY"] = os.environ.get("MEALS_SECRET_KEY") or os.urandom(32)
DATABASE = "meals.db"
DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
log = logging.getLogger("meals.search")

RESULTS = """<!doctype html>
<title>Recipes</title>
<form><input name="q" value="{{ q }}"><button>Search</button></form>
<p>{{ recipes|length }} recipes for "{{ q }}"</p>
<ul>
{% for r in recipes %}<li><b>{{ r.title }}</b> ({{ r.minutes }} min): {{ r.summary }}</li>
{% endfor %}
</ul>
"""


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
                email TEXT UNIQUE NOT NULL, password_hash TEXT NOT NULL);
            CREATE TABLE IF NOT EXISTS recipes (id INTEGER PRIMARY KEY AUTOINCREMENT,
                title TEXT NOT NULL, summary TEXT NOT NULL, minutes INTEGER NOT NULL);
            CREATE TABLE IF NOT EXISTS plan (user_id INTEGER NOT NULL, day TEXT NOT NULL,
                recipe_id INTEGER NOT NULL, PRIMARY KEY (user_id, day));
            """
        )


def for_log(value: str) -> str:
    """One log line per entry: control characters escaped, length capped."""
    return value.encode("unicode_escape").decode("ascii")[:200]


def login_required(view):
    @wraps(view)
    def wrapped(*args, **kwargs):
        if "user_id" not in session:
            return jsonify(error="login required"), 401
        return view(*args, **kwargs)

    return wrapped


@app.post("/register")
def register():
    data = request.get_json(silent=True) or {}
    email, password = data.get("email", "").strip().lower(), data.get("password", "")
    if "@" not in email or len(password) < 8:
        return jsonify(error="an email and a password of 8+ characters required"), 400
    db = get_db()
    try:
        db.execute("INSERT INTO users (email, password_hash) VALUES (?, ?)",
                   (email, generate_password_hash(password)))
        db.commit()
    except sqlite3.IntegrityError:
        return jsonify(error="email already registered"), 409
    return jsonify(ok=True), 201


@app.post("/login")
def login():
    data = request.get_json(silent=True) or {}
    user = get_db().execute("SELECT * FROM users WHERE email = ?",
                            (data.get("email", "").strip().lower(),)).fetchone()
    if user is None or not check_password_hash(user["password_hash"], data.get("password", "")):
        return jsonify(error="invalid credentials"), 401
    session.clear()
    session["user_id"] = user["id"]
    return jsonify(ok=True)


@app.get("/recipes")
def search():
    q = request.args.get("q", "").strip()
    max_minutes = request.args.get("max_minutes", type=int) or 600
    pattern = "%" + q.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
    recipes = get_db().execute(
        "SELECT title, summary, minutes FROM recipes "
        "WHERE (title LIKE ? ESCAPE '\\' OR summary LIKE ? ESCAPE '\\') AND minutes <= ? "
        "ORDER BY minutes LIMIT 50",
        (pattern, pattern, max_minutes),
    ).fetchall()
    log.info("recipe search q=%s results=%d", for_log(q), len(recipes))
    return render_template_string(RESULTS, q=q, recipes=recipes)


@app.put("/plan/<day>")
@login_required
def set_day(day):
    if day not in DAYS:
        return jsonify(error="unknown day"), 404
    data = request.get_json(silent=True) or {}
    db = get_db()
    recipe = db.execute("SELECT id FROM recipes WHERE id = ?", (data.get("recipe_id"),)).fetchone()
    if recipe is None:
        return jsonify(error="unknown recipe"), 400
    db.execute("INSERT OR REPLACE INTO plan (user_id, day, recipe_id) VALUES (?, ?, ?)",
               (session["user_id"], day, recipe["id"]))
    db.commit()
    return jsonify(ok=True)


@app.get("/plan")
@login_required
def get_plan():
    rows = get_db().execute(
        "SELECT p.day, r.title, r.minutes FROM plan p JOIN recipes r ON r.id = p.recipe_id "
        "WHERE p.user_id = ?",
        (session["user_id"],),
    ).fetchall()
    return jsonify({r["day"]: {"title": r["title"], "minutes": r["minutes"]} for r in rows})


@app.delete("/plan/<day>")
@login_required
def clear_day(day):
    db = get_db()
    db.execute("DELETE FROM plan WHERE user_id = ? AND day = ?", (session["user_id"], day))
    db.commit()
    return "", 204


if __name__ == "__main__":
    init_db()
    app.run()
