"""Payslip portal: HR uploads PDF payslips; each employee downloads only their own.

Files are stored under PAYSLIP_DIR with a random name the app chooses; the original name is
kept in the database only for the download's Content-Disposition. Downloads go through
send_from_directory after the payslip row is matched to the signed-in employee.
"""

import logging
import os
import sqlite3
import uuid
from functools import wraps

from flask import Flask, abort, g, jsonify, request, send_from_directory, session
from werkzeug.security import check_password_hash, generate_password_hash
from werkzeug.utils import secure_filename

app = Flask(__name__)
app.config["SECRET_KEY"] = os.environ["PAYSLIP_SECRET_KEY"]
app.config["MAX_CONTENT_LENGTH"] = 5 * 1024 * 1024
PAYSLIP_DIR = os.path.abspath("payslips")
DB = "payslips.db"
log = logging.getLogger("payslips")


def db():
    if "db" not in g:
        g.db = sqlite3.connect(DB)
        g.db.row_factory = sqlite3.Row
    return g.db


@app.teardown_appcontext
def close_db(_exc):
    conn = g.pop("db", None)
    if conn is not None:
        conn.close()


def init_db(hr_password=None):
    os.makedirs(PAYSLIP_DIR, exist_ok=True)
    conn = sqlite3.connect(DB)
    conn.executescript("""
        CREATE TABLE IF NOT EXISTS employees (id INTEGER PRIMARY KEY, email TEXT UNIQUE,
            password_hash TEXT NOT NULL, is_hr INTEGER NOT NULL DEFAULT 0);
        CREATE TABLE IF NOT EXISTS payslips (id INTEGER PRIMARY KEY, employee_id INTEGER
            NOT NULL REFERENCES employees(id), period TEXT NOT NULL, stored_name TEXT NOT NULL,
            original_name TEXT NOT NULL);
    """)
    if hr_password:
        conn.execute("INSERT OR IGNORE INTO employees (email, password_hash, is_hr) "
                     "VALUES ('hr@corp.example', ?, 1)", (generate_password_hash(hr_password),))
    conn.commit()
    conn.close()


def current_employee():
    emp_id = session.get("employee_id")
    row = db().execute("SELECT * FROM employees WHERE id = ?", (emp_id,)).fetchone() \
        if emp_id else None
    if row is None:
        abort(401)
    return row


def hr_only(view):
    @wraps(view)
    def wrapper(*args, **kwargs):
        if not current_employee()["is_hr"]:
            abort(403)
        return view(*args, **kwargs)
    return wrapper


@app.post("/login")
def login():
    data = request.get_json(silent=True) or {}
    row = db().execute("SELECT id, password_hash FROM employees WHERE email = ?",
                       (str(data.get("email", "")).lower(),)).fetchone()
    if row is None or not check_password_hash(row["password_hash"], str(data.get("password", ""))):
        return jsonify(error="bad credentials"), 401
    session.clear()
    session["employee_id"] = row["id"]
    return jsonify(ok=True)


@app.post("/employees")
@hr_only
def add_employee():
    data = request.get_json(silent=True) or {}
    email, password = str(data.get("email", "")).lower(), str(data.get("password", ""))
    if "@" not in email or len(password) < 10:
        return jsonify(error="invalid"), 400
    cur = db().execute("INSERT INTO employees (email, password_hash) VALUES (?, ?)",
                       (email, generate_password_hash(password)))
    db().commit()
    return jsonify(id=cur.lastrowid), 201


@app.post("/employees/<int:employee_id>/payslips")
@hr_only
def upload_payslip(employee_id):
    upload = request.files.get("file")
    period = request.form.get("period", "")
    if upload is None or not upload.filename.lower().endswith(".pdf") or len(period) != 7:
        return jsonify(error="a PDF file and period YYYY-MM required"), 400
    if db().execute("SELECT 1 FROM employees WHERE id = ?", (employee_id,)).fetchone() is None:
        abort(404)
    stored = f"{uuid.uuid4().hex}.pdf"
    upload.save(os.path.join(PAYSLIP_DIR, stored))
    cur = db().execute("INSERT INTO payslips (employee_id, period, stored_name, original_name) "
                       "VALUES (?, ?, ?, ?)", (employee_id, period, stored,
                                               secure_filename(upload.filename) or "payslip.pdf"))
    db().commit()
    log.info("payslip %s for employee %s uploaded", cur.lastrowid, employee_id)
    return jsonify(id=cur.lastrowid), 201


@app.get("/payslips")
def my_payslips():
    me = current_employee()
    rows = db().execute("SELECT id, period FROM payslips WHERE employee_id = ? ORDER BY period",
                        (me["id"],)).fetchall()
    return jsonify([dict(r) for r in rows])


@app.get("/payslips/<int:payslip_id>/download")
def download(payslip_id):
    me = current_employee()
    row = db().execute("SELECT stored_name, original_name FROM payslips "
                       "WHERE id = ? AND employee_id = ?", (payslip_id, me["id"])).fetchone()
    if row is None:
        abort(404)
    return send_from_directory(PAYSLIP_DIR, row["stored_name"], as_attachment=True,
                               download_name=row["original_name"], mimetype="application/pdf")
