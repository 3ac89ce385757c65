"""Clinic appointment booking: patients sign in, book a slot with a practitioner, reschedule
or cancel their own appointments; staff see the day's schedule."""
import os
import sqlite3
from datetime import datetime, timedelta
from functools import wraps

from flask import Flask, abort, g, jsonify, request, session
from werkzeug.security import check_password_hash, generate_password_hash

app = Flask(__name__)
app.config.update(
    SECRET_KEY=os.environ["APPOINTMENTS_SECRET_KEY"],
    SESSION_COOKIE_HTTPONLY=True,
    SESSION_COOKIE_SAMESITE="Lax",
)
DB_PATH = os.environ.get("APPOINTMENTS_DB", "appointments.db")
SLOT = timedelta(minutes=30)


def get_db():
    if "db" not in g:
        g.db = sqlite3.connect(DB_PATH)
        g.db.row_factory = sqlite3.Row
    return g.db


@app.teardown_appcontext
def close_db(exc):
    db = g.pop("db", None)
    if db is not None:
        db.close()


def init_db():
    with sqlite3.connect(DB_PATH) as db:
        db.executescript(
            """
            CREATE TABLE IF NOT EXISTS patients (id INTEGER PRIMARY KEY, email TEXT UNIQUE,
                pw_hash TEXT, is_staff INTEGER DEFAULT 0);
            CREATE TABLE IF NOT EXISTS appointments (id INTEGER PRIMARY KEY, patient_id INTEGER,
                practitioner TEXT, starts_at TEXT, reason TEXT);
            """
        )


def login_required(view):
    @wraps(view)
    def wrapper(*args, **kwargs):
        if "patient_id" not in session:
            abort(401)
        return view(*args, **kwargs)

    return wrapper


def own_appointment(appt_id):
    row = get_db().execute(
        "SELECT * FROM appointments WHERE id = ? AND patient_id = ?",
        (appt_id, session["patient_id"]),
    ).fetchone()
    if row is None:
        abort(404)
    return row


def parse_slot(value):
    try:
        start = datetime.fromisoformat(value)
    except (TypeError, ValueError):
        abort(400, "starts_at must be an ISO date-time")
    if start.minute % 30 or start.second or start < datetime.now():
        abort(400, "pick a future half-hour slot")
    return start


def slot_taken(practitioner, start):
    return get_db().execute(
        "SELECT 1 FROM appointments WHERE practitioner = ? AND starts_at = ?",
        (practitioner, start.isoformat()),
    ).fetchone() is not None


@app.post("/register")
def register():
    data = request.get_json(force=True)
    email, password = data.get("email", "").strip().lower(), data.get("password", "")
    if "@" not in email or len(password) < 10:
        abort(400)
    try:
        get_db().execute("INSERT INTO patients (email, pw_hash) VALUES (?, ?)",
                         (email, generate_password_hash(password)))
        get_db().commit()
    except sqlite3.IntegrityError:
        abort(409)
    return jsonify(email=email), 201


@app.post("/login")
def login():
    data = request.get_json(force=True)
    row = get_db().execute("SELECT * FROM patients WHERE email = ?",
                           (data.get("email", "").strip().lower(),)).fetchone()
    if row is None or not check_password_hash(row["pw_hash"], data.get("password", "")):
        abort(401)
    session.clear()
    session["patient_id"] = row["id"]
    return jsonify(ok=True)


@app.post("/appointments")
@login_required
def book():
    data = request.get_json(force=True)
    start = parse_slot(data.get("starts_at"))
    practitioner = data.get("practitioner", "")
    if practitioner not in {"dr-okafor", "dr-lind", "nurse-pak"}:
        abort(400)
    if slot_taken(practitioner, start):
        abort(409, "slot taken")
    cur = get_db().execute(
        "INSERT INTO appointments (patient_id, practitioner, starts_at, reason) VALUES (?, ?, ?, ?)",
        (session["patient_id"], practitioner, start.isoformat(), data.get("reason", "")[:500]),
    )
    get_db().commit()
    return jsonify(id=cur.lastrowid), 201


@app.get("/appointments/<int:appt_id>")
@login_required
def show(appt_id):
    return jsonify(dict(own_appointment(appt_id)))


@app.put("/appointments/<int:appt_id>")
@login_required
def reschedule(appt_id):
    data = request.get_json(force=True)
    start = parse_slot(data.get("starts_at"))
    appt = get_db().execute("SELECT * FROM appointments WHERE id = ?", (appt_id,)).fetchone()
    if appt is None:
        abort(404)
    if slot_taken(appt["practitioner"], start):
        abort(409, "slot taken")
    get_db().execute("UPDATE appointments SET starts_at = ? WHERE id = ?",
                     (start.isoformat(), appt_id))
    get_db().commit()
    return jsonify(id=appt_id, starts_at=start.isoformat())


@app.delete("/appointments/<int:appt_id>")
@login_required
def cancel(appt_id):
    own_appointment(appt_id)
    get_db().execute("DELETE FROM appointments WHERE id = ?", (appt_id,))
    get_db().commit()
    return "", 204


@app.get("/schedule/<day>")
@login_required
def schedule(day):
    me = get_db().execute("SELECT is_staff FROM patients WHERE id = ?",
                          (session["patient_id"],)).fetchone()
    if not me or not me["is_staff"]:
        abort(403)
    rows = get_db().execute(
        "SELECT id, practitioner, starts_at FROM appointments WHERE starts_at LIKE ? "
        "ORDER BY starts_at", (day[:10] + "%",)).fetchall()
    return jsonify([dict(r) for r in rows])
