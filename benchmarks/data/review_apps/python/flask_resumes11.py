"""Job board applications (Flask + SQLite).

Candidates apply to a job posting with a cover note and a resume (PDF or Word); recruiters
list a posting's applications and open the resumes. Files are stored under a random name.
"""

import os
import secrets
import sqlite3
from functools import wraps

from flask import Flask, abort, g, jsonify, request, send_from_directory, session
from werkzeug.security import check_password_hash, generate_password_hash
from werkzeug.utils import secure_filename

app = Flask(__name__)
app.config["SECRET_KEY"] = os.environ.get("JOBS_SECRET_KEY") or os.urandom(32)
app.config["MAX_CONTENT_LENGTH"] = 5 * 1024 * 1024
DATABASE = "jobs.db"
RESUME_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "resumes")
ALLOWED_TYPES = {
    "application/pdf",
    "application/msword",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}
os.makedirs(RESUME_DIR, exist_ok=True)


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
            CREATE TABLE IF NOT EXISTS recruiters (id INTEGER PRIMARY KEY AUTOINCREMENT,
                email TEXT UNIQUE NOT NULL, password_hash TEXT NOT NULL);
            CREATE TABLE IF NOT EXISTS jobs (id INTEGER PRIMARY KEY AUTOINCREMENT,
                recruiter_id INTEGER NOT NULL, title TEXT NOT NULL);
            CREATE TABLE IF NOT EXISTS applications (id INTEGER PRIMARY KEY AUTOINCREMENT,
                job_id INTEGER NOT NULL, name TEXT NOT NULL, email TEXT NOT NULL,
                note TEXT, resume TEXT NOT NULL);
            """
        )


def create_recruiter(email, password):
    with app.app_context():
        db = get_db()
        cur = db.execute("INSERT INTO recruiters (email, password_hash) VALUES (?, ?)",
                         (email, generate_password_hash(password)))
        db.commit()
        return cur.lastrowid


def recruiter_required(view):
    @wraps(view)
    def wrapped(*args, **kwargs):
        if "recruiter_id" not in session:
            return jsonify(error="login required"), 401
        return view(*args, **kwargs)

    return wrapped


@app.post("/login")
def login():
    data = request.get_json(silent=True) or {}
    row = get_db().execute("SELECT * FROM recruiters WHERE email = ?",
                           (data.get("email", ""),)).fetchone()
    if row is None or not check_password_hash(row["password_hash"], data.get("password", "")):
        return jsonify(error="invalid credentials"), 401
    session.clear()
    session["recruiter_id"] = row["id"]
    return jsonify(ok=True)


@app.post("/jobs")
@recruiter_required
def create_job():
    title = (request.get_json(silent=True) or {}).get("title", "").strip()
    if not title:
        return jsonify(error="title required"), 400
    db = get_db()
    cur = db.execute("INSERT INTO jobs (recruiter_id, title) VALUES (?, ?)",
                     (session["recruiter_id"], title))
    db.commit()
    return jsonify(id=cur.lastrowid), 201


@app.post("/jobs/<int:job_id>/apply")
def apply(job_id):
    db = get_db()
    if db.execute("SELECT 1 FROM jobs WHERE id = ?", (job_id,)).fetchone() is None:
        abort(404)
    name, email = request.form.get("name", "").strip(), request.form.get("email", "").strip()
    resume = request.files.get("resume")
    if not name or "@" not in email or resume is None or not resume.filename:
        return jsonify(error="name, email and resume required"), 400
    if resume.mimetype not in ALLOWED_TYPES:
        return jsonify(error="resume must be a PDF or Word document"), 400
    ext = os.path.splitext(secure_filename(resume.filename))[1].lower()
    stored = secrets.token_hex(16) + ext
    resume.save(os.path.join(RESUME_DIR, stored))
    cur = db.execute(
        "INSERT INTO applications (job_id, name, email, note, resume) VALUES (?, ?, ?, ?, ?)",
        (job_id, name, email, request.form.get("note", "")[:2000], stored),
    )
    db.commit()
    return jsonify(id=cur.lastrowid, resume_url=f"/resumes/{stored}"), 201


@app.get("/jobs/<int:job_id>/applications")
@recruiter_required
def applications(job_id):
    db = get_db()
    job = db.execute("SELECT id FROM jobs WHERE id = ? AND recruiter_id = ?",
                     (job_id, session["recruiter_id"])).fetchone()
    if job is None:
        abort(404)
    rows = db.execute("SELECT id, name, email, note, resume FROM applications WHERE job_id = ?",
                      (job_id,)).fetchall()
    return jsonify([dict(r) for r in rows])


@app.get("/resumes/<name>")
def resume_file(name):
    return send_from_directory(RESUME_DIR, name)


if __name__ == "__main__":
    init_db()
    app.run()
