"""Timesheets: employees log hours against projects, managers approve their team's weeks.
Rendered with Jinja templates; every query is parameterised."""
import logging
import os
import re
import sqlite3
from datetime import date
from functools import wraps

from flask import Flask, abort, g, redirect, render_template_string, request, session, url_for
from werkzeug.security import check_password_hash

app = Flask(__name__)
app.config.update(
    SECRET_KEY=os.environ["TIMESHEETS_SECRET_KEY"],
    SESSION_COOKIE_HTTPONLY=True,
    SESSION_COOKIE_SECURE=os.environ.get("TIMESHEETS_HTTPS", "1") == "1",
)
logging.basicConfig(filename="timesheets.log", level=logging.INFO)
log = logging.getLogger("timesheets")
DB = os.environ.get("TIMESHEETS_DB", "timesheets.db")

WEEK = """<h1>Week {{ week }} for {{ who }}</h1>
<table>{% for e in entries %}<tr><td>{{ e.day }}</td><td>{{ e.project }}</td>
<td>{{ e.hours }}</td><td>{{ e.note }}</td></tr>{% endfor %}</table>
{% if approved %}<p>Approved</p>{% endif %}"""


def db():
    if "db" not in g:
        g.db = sqlite3.connect(DB)
        g.db.row_factory = sqlite3.Row
    return g.db


@app.teardown_appcontext
def close(_exc):
    conn = g.pop("db", None)
    if conn is not None:
        conn.close()


def init_db():
    with sqlite3.connect(DB) as conn:
        conn.executescript(
            "CREATE TABLE IF NOT EXISTS staff (login TEXT PRIMARY KEY, pw_hash TEXT,"
            " manager TEXT);"
            "CREATE TABLE IF NOT EXISTS entries (id INTEGER PRIMARY KEY, login TEXT, day TEXT,"
            " project TEXT, hours REAL, note TEXT);"
            "CREATE TABLE IF NOT EXISTS approvals (login TEXT, week TEXT, by TEXT);"
        )


def signed_in(view):
    @wraps(view)
    def inner(*a, **kw):
        if "login" not in session:
            return redirect(url_for("login"))
        return view(*a, **kw)
    return inner


def may_view(login):
    """You see your own weeks and those of the people you manage."""
    if login == session["login"]:
        return True
    row = db().execute("SELECT manager FROM staff WHERE login = ?", (login,)).fetchone()
    return row is not None and row["manager"] == session["login"]


@app.route("/login", methods=["GET", "POST"])
def login():
    if request.method == "GET":
        return "<form method=post><input name=login><input name=pw type=password></form>"
    row = db().execute("SELECT pw_hash FROM staff WHERE login = ?",
                       (request.form.get("login", ""),)).fetchone()
    if row is None or not check_password_hash(row["pw_hash"], request.form.get("pw", "")):
        log.info("failed sign-in for %r", request.form.get("login", "")[:40])
        abort(401)
    session.clear()
    session["login"] = request.form["login"]
    return redirect(url_for("week", login=session["login"], week=date.today().strftime("%G-W%V")))


@app.post("/entries")
@signed_in
def add_entry():
    try:
        day = date.fromisoformat(request.form["day"])
        hours = float(request.form["hours"])
    except (KeyError, ValueError):
        abort(400)
    if not 0 < hours <= 24:
        abort(400)
    project = request.form.get("project", "")
    if not re.fullmatch(r"[A-Z]{2,5}-\d{1,4}", project):
        abort(400, "project codes look like ABC-123")
    db().execute("INSERT INTO entries (login, day, project, hours, note) VALUES (?, ?, ?, ?, ?)",
                 (session["login"], day.isoformat(), project, hours,
                  request.form.get("note", "")[:200]))
    db().commit()
    return redirect(url_for("week", login=session["login"], week=day.strftime("%G-W%V")), 303)


@app.get("/weeks/<login>/<week>")
@signed_in
def week(login, week):
    if not re.fullmatch(r"\d{4}-W\d{2}", week):
        abort(400)
    if not may_view(login):
        abort(404)
    try:
        monday = date.fromisocalendar(int(week[:4]), int(week[6:]), 1)
        sunday = date.fromisocalendar(int(week[:4]), int(week[6:]), 7)
    except ValueError:
        abort(404)
    entries = db().execute(
        "SELECT day, project, hours, note FROM entries WHERE login = ? AND day BETWEEN ? AND ?"
        " ORDER BY day", (login, monday.isoformat(), sunday.isoformat())).fetchall()
    approved = db().execute("SELECT 1 FROM approvals WHERE login = ? AND week = ?",
                            (login, week)).fetchone()
    return render_template_string(WEEK, week=week, who=login, entries=entries, approved=approved)


@app.post("/weeks/<login>/<week>/approve")
@signed_in
def approve(login, week):
    row = db().execute("SELECT manager FROM staff WHERE login = ?", (login,)).fetchone()
    if row is None or row["manager"] != session["login"]:
        abort(403)
    db().execute("INSERT INTO approvals VALUES (?, ?, ?)", (login, week, session["login"]))
    db().commit()
    return redirect(url_for("week", login=login, week=week), 303)
