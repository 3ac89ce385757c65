"""Clinic booking API (Flask + SQLite).

Patients book appointments with doctors; doctors see and complete the appointments booked with
them; the front desk (role "admin") manages doctors. Passwords are hashed with werkzeug.
"""

import os
import sqlite3
from datetime import datetime
from functools import wraps

from flask import Flask, abort, g, jsonify, request, session
from werkzeug.security import check_password_hash, generate_password_hash

app = Flask(__name__)
app.config["SECRET_KEY"] = os.environ["CLINIC_SECRET_KEY"]
app.config["SESSION_COOKIE_HTTPONLY"] = True
app.config["SESSION_COOKIE_SAMESITE"] = "Lax"
DATABASE = "clinic.db"


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
        db = get_db()
        db.executescript(
            """
            CREATE TABLE IF NOT EXISTS users (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                email TEXT UNIQUE NOT NULL,
                password_hash TEXT NOT NULL,
                role TEXT NOT NULL DEFAULT 'patient'
            );
            CREATE TABLE IF NOT EXISTS appointments (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                patient_id INTEGER NOT NULL REFERENCES users(id),
                doctor_id INTEGER NOT NULL REFERENCES users(id),
                starts_at TEXT NOT NULL,
                reason TEXT NOT NULL,
                status TEXT NOT NULL DEFAULT 'booked'
            );
            """
        )
        db.commit()


def create_user(email, password, role="patient"):
    with app.app_context():
        db = get_db()
        cur = db.execute(
            "INSERT INTO users (email, password_hash, role) VALUES (?, ?, ?)",
            (email, generate_password_hash(password), role),
        )
        db.commit()
        return cur.lastrowid


def login_required(view):
    @wraps(view)
    def wrapped(*args, **kwargs):
        if "user_id" not in session:
            return jsonify({"error": "login required"}), 401
        return view(*args, **kwargs)

    return wrapped


def role_required(*roles):
    def decorator(view):
        @wraps(view)
        @login_required
        def wrapped(*args, **kwargs):
            if session.get("role") not in roles:
                return jsonify({"error": "forbidden"}), 403
            return view(*args, **kwargs)

        return wrapped

    return decorator


@app.post("/register")
def register():
    data = request.get_json(silent=True) or {}
    email = (data.get("email") or "").strip().lower()
    password = data.get("password") or ""
    if "@" not in email or len(password) < 10:
        return jsonify({"error": "email and a password of 10+ characters required"}), 400
    try:
        user_id = create_user(email, password)
    except sqlite3.IntegrityError:
        return jsonify({"error": "email already registered"}), 409
    return jsonify({"id": user_id}), 201


@app.post("/login")
def login():
    data = request.get_json(silent=True) or {}
    user = get_db().execute(
        "SELECT id, password_hash, role FROM users WHERE email = ?",
        ((data.get("email") or "").strip().lower(),),
    ).fetchone()
    if user is None or not check_password_hash(user["password_hash"], data.get("password") or ""):
        return jsonify({"error": "invalid credentials"}), 401
    session.clear()
    session["user_id"] = user["id"]
    session["role"] = user["role"]
    return jsonify({"role": user["role"]})


@app.post("/doctors")
@role_required("admin")
def add_doctor():
    data = request.get_json(silent=True) or {}
    if len(data.get("password") or "") < 10:
        return jsonify({"error": "password too short"}), 400
    try:
        doctor_id = create_user(data["email"].strip().lower(), data["password"], role="doctor")
    except (KeyError, sqlite3.IntegrityError):
        return jsonify({"error": "invalid or duplicate email"}), 400
    return jsonify({"id": doctor_id}), 201


@app.get("/doctors")
@login_required
def list_doctors():
    rows = get_db().execute("SELECT id, email FROM users WHERE role = 'doctor' ORDER BY id")
    return jsonify([dict(r) for r in rows])


@app.post("/appointments")
@role_required("patient")
def book():
    data = request.get_json(silent=True) or {}
    try:
        starts_at = datetime.fromisoformat(data["starts_at"])
        doctor_id = int(data["doctor_id"])
    except (KeyError, TypeError, ValueError):
        return jsonify({"error": "doctor_id and an ISO starts_at are required"}), 400
    reason = (data.get("reason") or "").strip()[:500]
    db = get_db()
    doctor = db.execute(
        "SELECT id FROM users WHERE id = ? AND role = 'doctor'", (doctor_id,)
    ).fetchone()
    if doctor is None:
        return jsonify({"error": "no such doctor"}), 404
    taken = db.execute(
        "SELECT 1 FROM appointments WHERE doctor_id = ? AND starts_at = ? AND status = 'booked'",
        (doctor_id, starts_at.isoformat()),
    ).fetchone()
    if taken:
        return jsonify({"error": "slot taken"}), 409
    cur = db.execute(
        "INSERT INTO appointments (patient_id, doctor_id, starts_at, reason) VALUES (?, ?, ?, ?)",
        (session["user_id"], doctor_id, starts_at.isoformat(), reason),
    )
    db.commit()
    return jsonify({"id": cur.lastrowid}), 201


def visible_appointment(appointment_id):
    """The appointment if the signed-in user is its patient or its doctor, else 404."""
    row = get_db().execute(
        "SELECT a.id, a.starts_at, a.reason, a.status, a.patient_id, a.doctor_id, "
        "d.email AS doctor FROM appointments a JOIN users d ON d.id = a.doctor_id "
        "WHERE a.id = ? AND (a.patient_id = ? OR a.doctor_id = ?)",
        (appointment_id, session["user_id"], session["user_id"]),
    ).fetchone()
    if row is None:
        abort(404)
    return row


@app.get("/appointments")
@login_required
def my_appointments():
    rows = get_db().execute(
        "SELECT id, starts_at, reason, status FROM appointments "
        "WHERE patient_id = ? OR doctor_id = ? ORDER BY starts_at",
        (session["user_id"], session["user_id"]),
    )
    return jsonify([dict(r) for r in rows])


@app.get("/appointments/<int:appointment_id>")
@login_required
def get_appointment(appointment_id):
    row = visible_appointment(appointment_id)
    return jsonify({k: row[k] for k in ("id", "starts_at", "reason", "status", "doctor")})


@app.post("/appointments/<int:appointment_id>/cancel")
@login_required
def cancel(appointment_id):
    row = visible_appointment(appointment_id)
    if row["status"] != "booked":
        return jsonify({"error": "not cancellable"}), 409
    db = get_db()
    db.execute("UPDATE appointments SET status = 'cancelled' WHERE id = ?", (row["id"],))
    db.commit()
    return jsonify({"status": "cancelled"})


@app.post("/appointments/<int:appointment_id>/complete")
@role_required("doctor")
def complete(appointment_id):
    db = get_db()
    cur = db.execute(
        "UPDATE appointments SET status = 'done' WHERE id = ? AND doctor_id = ? "
        "AND status = 'booked'",
        (appointment_id, session["user_id"]),
    )
    db.commit()
    if cur.rowcount == 0:
        abort(404)
    return jsonify({"status": "done"})


if __name__ == "__main__":
    init_db()
    app.run()
