"""Contacts CRM: signed-in users import contacts from a CSV export (any columns that match
the contacts table are kept), list and search their contacts, and export them again."""
import csv
import io
import os
import sqlite3

from flask import Flask, Response, g, jsonify, request, session
from werkzeug.security import check_password_hash, generate_password_hash

app = Flask(__name__)
app.secret_key = os.environ["CRM_SECRET_KEY"]
app.config["MAX_CONTENT_LENGTH"] = 5 * 1024 * 1024
DB_PATH = os.environ.get("CRM_DB", "crm.db")
CONTACT_FIELDS = ["name", "email", "phone", "company", "notes"]


def get_db():
    if "db" not in g:
        g.db = sqlite3.connect(DB_PATH)
        g.db.row_factory = sqlite3.Row
    return g.db


def init_db():
    with sqlite3.connect(DB_PATH) as conn:
        conn.executescript("""
            CREATE TABLE IF NOT EXISTS users (id INTEGER PRIMARY KEY, username TEXT UNIQUE, pw TEXT);
            CREATE TABLE IF NOT EXISTS contacts (id INTEGER PRIMARY KEY, owner_id INTEGER, name TEXT,
                email TEXT, phone TEXT, company TEXT, notes TEXT);
        """)


@app.post("/signup")
def signup():
    d = request.get_json() or {}
    get_db().execute("INSERT INTO users (username, pw) VALUES (?, ?)",
                     (d["username"], generate_password_hash(d["password"])))
    get_db().commit()
    return jsonify({"ok": True}), 201


@app.post("/login")
def login():
    d = request.get_json() or {}
    u = get_db().execute("SELECT id, pw FROM users WHERE username = ?", (d.get("username"),)).fetchone()
    if u is None or not check_password_hash(u["pw"], d.get("password", "")):
        return jsonify({"error": "invalid credentials"}), 401
    session["uid"] = u["id"]
    return jsonify({"ok": True})


@app.post("/contacts/import")
def import_contacts():
    if "uid" not in session:
        return jsonify({"error": "login required"}), 401
    upload = request.files.get("file")
    if upload is None:
        return jsonify({"error": "upload a CSV file as 'file'"}), 400
    reader = csv.DictReader(io.StringIO(upload.read().decode("utf-8-sig")))
    if not reader.fieldnames or "name" not in [f.strip().lower() for f in reader.fieldnames]:
        return jsonify({"error": "the CSV needs at least a 'name' column"}), 400
    columns = [f.strip().lower() for f in reader.fieldnames if f.strip()]
    placeholders = ", ".join("?" for _ in columns)
    sql = f"INSERT INTO contacts (owner_id, {', '.join(columns)}) VALUES (?, {placeholders})"
    db = get_db()
    imported = 0
    try:
        for row in reader:
            values = [(row.get(f) or "").strip() for f in reader.fieldnames if f.strip()]
            db.execute(sql, [session["uid"], *values])
            imported += 1
    except sqlite3.OperationalError as exc:
        db.rollback()
        return jsonify({"error": f"import failed: {exc}"}), 400
    db.commit()
    return jsonify({"imported": imported})


@app.get("/contacts")
def list_contacts():
    if "uid" not in session:
        return jsonify({"error": "login required"}), 401
    q = request.args.get("q", "")
    rows = get_db().execute(
        "SELECT id, name, email, phone, company FROM contacts WHERE owner_id = ? "
        "AND (name LIKE ? OR email LIKE ? OR company LIKE ?) ORDER BY name",
        (session["uid"], f"%{q}%", f"%{q}%", f"%{q}%")).fetchall()
    return jsonify([dict(r) for r in rows])


@app.get("/contacts/export.csv")
def export_contacts():
    if "uid" not in session:
        return jsonify({"error": "login required"}), 401
    rows = get_db().execute("SELECT name, email, phone, company, notes FROM contacts WHERE owner_id = ?",
                            (session["uid"],)).fetchall()
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CONTACT_FIELDS)
    writer.writerows([tuple(r) for r in rows])
    return Response(out.getvalue(), mimetype="text/csv",
                    headers={"Content-Disposition": "attachment; filename=contacts.csv"})
