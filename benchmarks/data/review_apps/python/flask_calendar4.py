"""Calendar invites: an organiser creates an event and invites people by email; each invitee
gets a link to RSVP without an account, and the organiser downloads an .ics file."""
import hashlib
import os
import re
import sqlite3
from datetime import datetime

from flask import Flask, Response, abort, jsonify, request, session, url_for
from markupsafe import escape
from werkzeug.security import check_password_hash, generate_password_hash

app = Flask(__name__)
app.secret_key = os.environ["CALENDAR_SECRET_KEY"]
DB = os.environ.get("CALENDAR_DB", "calendar.db")
EMAIL_RE = re.compile(r"^[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}$")


def db():
    conn = sqlite3.connect(DB)
    conn.row_factory = sqlite3.Row
    return conn


def init_db():
    with db() as conn:
        conn.executescript(
            "CREATE TABLE IF NOT EXISTS organisers (email TEXT PRIMARY KEY, pw TEXT);"
            "CREATE TABLE IF NOT EXISTS events (id INTEGER PRIMARY KEY, organiser TEXT,"
            " title TEXT, starts TEXT, ends TEXT);"
            "CREATE TABLE IF NOT EXISTS invites (token TEXT PRIMARY KEY, event_id INTEGER,"
            " email TEXT, answer TEXT DEFAULT 'pending');"
        )


def rsvp_token(event_id, email):
    return hashlib.md5(f"{event_id}:{email.lower()}".encode()).hexdigest()


def ics_text(value):
    return re.sub(r"[\r\n]+", " ", value).replace(",", "\\,").replace(";", "\\;")


@app.post("/signup")
def signup():
    email, pw = request.form.get("email", ""), request.form.get("password", "")
    if not EMAIL_RE.fullmatch(email) or len(pw) < 10:
        abort(400)
    with db() as conn:
        conn.execute("INSERT OR IGNORE INTO organisers VALUES (?, ?)",
                     (email, generate_password_hash(pw)))
    return jsonify(ok=True), 201


@app.post("/login")
def login():
    with db() as conn:
        row = conn.execute("SELECT pw FROM organisers WHERE email = ?",
                           (request.form.get("email", ""),)).fetchone()
    if row is None or not check_password_hash(row["pw"], request.form.get("password", "")):
        abort(401)
    session["organiser"] = request.form["email"]
    return jsonify(ok=True)


def my_event(conn, event_id):
    row = conn.execute("SELECT * FROM events WHERE id = ? AND organiser = ?",
                       (event_id, session.get("organiser"))).fetchone()
    if row is None:
        abort(404)
    return row


@app.post("/events")
def create_event():
    if "organiser" not in session:
        abort(401)
    try:
        starts = datetime.fromisoformat(request.form["starts"])
        ends = datetime.fromisoformat(request.form["ends"])
    except (KeyError, ValueError):
        abort(400)
    if ends <= starts:
        abort(400)
    with db() as conn:
        cur = conn.execute(
            "INSERT INTO events (organiser, title, starts, ends) VALUES (?, ?, ?, ?)",
            (session["organiser"], request.form.get("title", "")[:200],
             starts.isoformat(), ends.isoformat()))
    return jsonify(id=cur.lastrowid), 201


@app.post("/events/<int:event_id>/invites")
def invite(event_id):
    emails = [e.strip() for e in request.form.get("emails", "").split(",") if e.strip()]
    if not emails or len(emails) > 50 or not all(EMAIL_RE.fullmatch(e) for e in emails):
        abort(400)
    links = {}
    with db() as conn:
        my_event(conn, event_id)
        for email in emails:
            token = rsvp_token(event_id, email)
            conn.execute("INSERT OR IGNORE INTO invites (token, event_id, email) VALUES (?, ?, ?)",
                         (token, event_id, email))
            links[email] = url_for("rsvp", token=token, _external=True)
    return jsonify(links), 201  # the mailer sends each link to its invitee


@app.route("/rsvp/<token>", methods=["GET", "POST"])
def rsvp(token):
    with db() as conn:
        inv = conn.execute("SELECT * FROM invites WHERE token = ?", (token,)).fetchone()
        if inv is None:
            abort(404)
        if request.method == "POST":
            answer = request.form.get("answer")
            if answer not in ("yes", "no", "maybe"):
                abort(400)
            conn.execute("UPDATE invites SET answer = ? WHERE token = ?", (answer, token))
            return jsonify(answer=answer)
        event = conn.execute("SELECT title, starts FROM events WHERE id = ?",
                             (inv["event_id"],)).fetchone()
    return f"<h1>{escape(event['title'])}</h1><p>{escape(event['starts'])}</p>"


@app.get("/events/<int:event_id>.ics")
def ics(event_id):
    with db() as conn:
        ev = my_event(conn, event_id)
        people = conn.execute("SELECT email, answer FROM invites WHERE event_id = ?",
                              (event_id,)).fetchall()
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "BEGIN:VEVENT",
             f"UID:event-{ev['id']}@calendar", f"SUMMARY:{ics_text(ev['title'])}",
             f"DTSTART:{ev['starts'].replace('-', '').replace(':', '')}",
             f"DTEND:{ev['ends'].replace('-', '').replace(':', '')}"]
    lines += [f"ATTENDEE;PARTSTAT={p['answer'].upper()}:mailto:{p['email']}" for p in people]
    lines += ["END:VEVENT", "END:VCALENDAR"]
    return Response("\r\n".join(lines), mimetype="text/calendar")
