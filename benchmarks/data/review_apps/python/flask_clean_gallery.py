"""Photo gallery: each user uploads images and shares single photos by link."""
import os
import secrets
import sqlite3
import uuid

from flask import (Flask, abort, g, jsonify, render_template_string, request, send_from_directory,
                   session)
from werkzeug.security import check_password_hash, generate_password_hash
from werkzeug.utils import secure_filename

app = Flask(__name__)
app.config.update(
    SECRET_KEY=os.environ["GALLERY_SECRET"],
    MAX_CONTENT_LENGTH=8 * 1024 * 1024,
    SESSION_COOKIE_SECURE=True,
    SESSION_COOKIE_HTTPONLY=True,
    SESSION_COOKIE_SAMESITE="Lax",
)
PHOTOS_DIR = os.path.abspath(os.environ.get("PHOTOS_DIR", "photos"))
os.makedirs(PHOTOS_DIR, exist_ok=True)
EXTENSIONS = {".jpg", ".jpeg", ".png", ".gif", ".webp"}

ALBUM = """<h1>{{ owner }}'s photos</h1>
{% for p in photos %}<figure><img src="/photos/{{ p.file }}" alt="{{ p.caption }}">
<figcaption>{{ p.caption }}</figcaption></figure>{% endfor %}"""


def db():
    if "db" not in g:
        g.db = sqlite3.connect(os.environ.get("GALLERY_DB", "gallery.db"))
        g.db.row_factory = sqlite3.Row
        g.db.executescript("""
            CREATE TABLE IF NOT EXISTS users (id INTEGER PRIMARY KEY, name TEXT UNIQUE, pw TEXT);
            CREATE TABLE IF NOT EXISTS photos (id INTEGER PRIMARY KEY, owner INTEGER,
                file TEXT, caption TEXT, share TEXT UNIQUE);""")
    return g.db


@app.teardown_appcontext
def _close(_):
    conn = g.pop("db", None)
    if conn is not None:
        conn.close()


def uid() -> int:
    if "uid" not in session:
        abort(401)
    return session["uid"]


@app.post("/register")
def register():
    name, pw = request.form.get("name", ""), request.form.get("password", "")
    if not name.isalnum() or len(pw) < 10:
        abort(400)
    db().execute("INSERT INTO users (name, pw) VALUES (?, ?)", (name, generate_password_hash(pw)))
    db().commit()
    return jsonify(ok=True), 201


@app.post("/login")
def login():
    row = db().execute("SELECT id, pw FROM users WHERE name = ?",
                       (request.form.get("name", ""),)).fetchone()
    if row is None or not check_password_hash(row["pw"], request.form.get("password", "")):
        abort(401)
    session.clear()
    session["uid"] = row["id"]
    return jsonify(ok=True)


@app.post("/photos")
def upload():
    owner = uid()
    f = request.files.get("photo")
    ext = os.path.splitext(secure_filename(f.filename if f else ""))[1].lower()
    if f is None or ext not in EXTENSIONS:
        abort(400)
    stored = uuid.uuid4().hex + ext
    f.save(os.path.join(PHOTOS_DIR, stored))
    caption = request.form.get("caption", "")[:200]
    db().execute("INSERT INTO photos (owner, file, caption, share) VALUES (?, ?, ?, ?)",
                 (owner, stored, caption, secrets.token_urlsafe(12)))
    db().commit()
    return jsonify(file=stored), 201


@app.get("/photos/<name>")
def photo(name):
    return send_from_directory(PHOTOS_DIR, name)


@app.get("/albums/<name>")
def album(name):
    owner = db().execute("SELECT id, name FROM users WHERE name = ?", (name,)).fetchone()
    if owner is None:
        abort(404)
    photos = db().execute("SELECT file, caption FROM photos WHERE owner = ? ORDER BY id DESC "
                          "LIMIT 100", (owner["id"],)).fetchall()
    return render_template_string(ALBUM, owner=owner["name"], photos=photos)


@app.delete("/photos/<int:photo_id>")
def delete(photo_id):
    row = db().execute("SELECT file FROM photos WHERE id = ? AND owner = ?",
                       (photo_id, uid())).fetchone()
    if row is None:
        abort(404)
    os.remove(os.path.join(PHOTOS_DIR, row["file"]))
    db().execute("DELETE FROM photos WHERE id = ?", (photo_id,))
    db().commit()
    return "", 204
