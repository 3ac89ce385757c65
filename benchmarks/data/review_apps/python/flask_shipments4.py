"""Shipment tracking: customers track a parcel by its tracking number; dispatchers sign in to
add scan events. Public pages are rendered with Jinja templates."""
import logging
import os
import secrets
import sqlite3

from flask import Flask, abort, redirect, render_template_string, request, session, url_for
from werkzeug.security import check_password_hash

app = Flask(__name__)
app.secret_key = os.environ["SHIPMENTS_SECRET_KEY"]
app.config.update(SESSION_COOKIE_SECURE=True, SESSION_COOKIE_HTTPONLY=True)
logging.basicConfig(filename="tracking.log", level=logging.INFO,
                    format="%(asctime)s %(levelname)s %(message)s")
log = logging.getLogger("tracking")
DB = os.environ.get("SHIPMENTS_DB", "shipments.db")

TRACK_PAGE = """<h1>Parcel {{ number }}</h1>
<ul>{% for e in events %}<li>{{ e.at }} &mdash; {{ e.place }}: {{ e.status }}</li>{% endfor %}</ul>"""
LOGIN_PAGE = """<form method=post><input name=user><input name=password type=password>
<input type=hidden name=next value="{{ next }}"><button>Sign in</button></form>"""


def db():
    conn = sqlite3.connect(DB)
    conn.row_factory = sqlite3.Row
    return conn


def init_db():
    with db() as conn:
        conn.executescript(
            "CREATE TABLE IF NOT EXISTS dispatchers (name TEXT PRIMARY KEY, pw_hash TEXT);"
            "CREATE TABLE IF NOT EXISTS parcels (number TEXT PRIMARY KEY, recipient TEXT);"
            "CREATE TABLE IF NOT EXISTS events (number TEXT, at TEXT, place TEXT, status TEXT);"
        )


@app.get("/track")
def track():
    number = request.args.get("n", "").strip().upper()
    log.info("tracking lookup for %s from %s", number, request.remote_addr)
    with db() as conn:
        parcel = conn.execute("SELECT * FROM parcels WHERE number = ?", (number,)).fetchone()
        if parcel is None:
            abort(404)
        events = conn.execute("SELECT * FROM events WHERE number = ? ORDER BY at",
                              (number,)).fetchall()
    return render_template_string(TRACK_PAGE, number=number, events=events)


@app.route("/login", methods=["GET", "POST"])
def login():
    nxt = request.values.get("next", "/dispatch")
    if request.method == "GET":
        return render_template_string(LOGIN_PAGE, next=nxt)
    with db() as conn:
        row = conn.execute("SELECT pw_hash FROM dispatchers WHERE name = ?",
                           (request.form.get("user", ""),)).fetchone()
    if row is None or not check_password_hash(row["pw_hash"], request.form.get("password", "")):
        abort(401)
    session.clear()
    session["dispatcher"] = request.form["user"]
    return redirect(nxt)


@app.post("/parcels")
def create_parcel():
    if "dispatcher" not in session:
        abort(401)
    number = "PX" + secrets.token_hex(5).upper()
    with db() as conn:
        conn.execute("INSERT INTO parcels (number, recipient) VALUES (?, ?)",
                     (number, request.form.get("recipient", "")[:120]))
    return {"number": number}, 201


@app.post("/parcels/<number>/events")
def add_event(number):
    if "dispatcher" not in session:
        abort(401)
    status = request.form.get("status", "")
    if status not in {"picked up", "in transit", "out for delivery", "delivered"}:
        abort(400)
    with db() as conn:
        if conn.execute("SELECT 1 FROM parcels WHERE number = ?", (number,)).fetchone() is None:
            abort(404)
        conn.execute("INSERT INTO events VALUES (?, datetime('now'), ?, ?)",
                     (number, request.form.get("place", "")[:80], status))
    return redirect(url_for("track", n=number), code=303)
