"""Neighbourhood petitions (Flask + SQLite).

Anyone starts a petition and gets a private manage key; anyone signs with a name and a
postcode; the petition page (HTML) lists the signatures. The starter closes the petition
with the manage key. Signing is logged for the moderation team.
"""

import hashlib
import logging
import os
import secrets
import sqlite3

from flask import Flask, abort, g, jsonify, redirect, request, url_for
from markupsafe import escape

app = Flask(__name__)
app.config["SECRET_KEY"] = os.environ.get("PETITIONS_SECRET_KEY") or os.urandom(32)
app.config["MAX_CONTENT_LENGTH"] = 32 * 1024
DATABASE = "petitions.db"
log = logging.getLogger("petitions")


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
            CREATE TABLE IF NOT EXISTS petitions (id INTEGER PRIMARY KEY AUTOINCREMENT,
                title TEXT NOT NULL, body TEXT NOT NULL, manage_hash TEXT NOT NULL,
                closed INTEGER NOT NULL DEFAULT 0);
            CREATE TABLE IF NOT EXISTS signatures (id INTEGER PRIMARY KEY AUTOINCREMENT,
                petition_id INTEGER NOT NULL, name TEXT NOT NULL, postcode TEXT NOT NULL);
            """
        )


def key_hash(key):
    return hashlib.sha256(key.encode()).hexdigest()


def petition_or_404(petition_id):
    row = get_db().execute("SELECT * FROM petitions WHERE id = ?", (petition_id,)).fetchone()
    if row is None:
        abort(404)
    return row


@app.post("/petitions")
def start():
    data = request.get_json(silent=True) or {}
    title, body = data.get("title", "").strip(), data.get("body", "").strip()
    if not title or not body or len(title) > 120 or len(body) > 5000:
        return jsonify(error="a title (up to 120) and a text (up to 5000) are required"), 400
    manage_key = secrets.token_urlsafe(24)
    db = get_db()
    cur = db.execute("INSERT INTO petitions (title, body, manage_hash) VALUES (?, ?, ?)",
                     (title, body, key_hash(manage_key)))
    db.commit()
    return jsonify(id=cur.lastrowid, manage_key=manage_key), 201


@app.post("/petitions/<int:petition_id>/sign")
def sign(petition_id):
    petition = petition_or_404(petition_id)
    if petition["closed"]:
        return "This petition is closed.", 409
    name = request.form.get("name", "").strip()[:80]
    postcode = request.form.get("postcode", "").strip().upper()[:10]
    if not name or not postcode:
        return "Name and postcode are required.", 400
    db = get_db()
    db.execute("INSERT INTO signatures (petition_id, name, postcode) VALUES (?, ?, ?)",
               (petition_id, name, postcode))
    db.commit()
    log.info("petition %d signed by %r (%r)", petition_id, name, postcode)
    return redirect(url_for("show", petition_id=petition_id))


@app.get("/petitions/<int:petition_id>")
def show(petition_id):
    petition = petition_or_404(petition_id)
    rows = get_db().execute(
        "SELECT name, postcode FROM signatures WHERE petition_id = ? ORDER BY id DESC LIMIT 200",
        (petition_id,),
    ).fetchall()
    items = "".join(f"<li>{escape(r['name'])} ({escape(r['postcode'])})</li>" for r in rows)
    form = ""
    if not petition["closed"]:
        form = (f'<form method="post" action="{url_for("sign", petition_id=petition_id)}">'
                '<input name="name" placeholder="Your name"> '
                '<input name="postcode" placeholder="Postcode"> <button>Sign</button></form>')
    return (
        f"<!doctype html><title>{escape(petition['title'])}</title>"
        f"<h1>{escape(petition['title'])}</h1><p>{escape(petition['body'])}</p>"
        f"<p>{len(rows)} signatures</p>{form}<ul>{items}</ul>"
    )


@app.post("/petitions/<int:petition_id>/close")
def close(petition_id):
    petition = petition_or_404(petition_id)
    given = request.headers.get("X-Manage-Key", "")
    if not secrets.compare_digest(key_hash(given), petition["manage_hash"]):
        return jsonify(error="wrong manage key"), 403
    db = get_db()
    db.execute("UPDATE petitions SET closed = 1 WHERE id = ?", (petition_id,))
    db.commit()
    return jsonify(closed=True)


if __name__ == "__main__":
    init_db()
    app.run()
