"""Podcast hosting: creators upload audio episodes; listeners stream them by episode id."""
import logging
import os
import sqlite3
import uuid
from functools import wraps

from flask import Flask, abort, g, jsonify, request, send_from_directory, session
from werkzeug.security import check_password_hash, generate_password_hash
from werkzeug.utils import secure_filename

app = Flask(__name__)
app.config["SECRET_KEY"] = os.environ.get("PODCAST_SECRET_KEY") or os.urandom(32)
app.config["MAX_CONTENT_LENGTH"] = 50 * 1024 * 1024  # 50 MB per episode
UPLOAD_DIR = os.path.abspath(os.environ.get("PODCAST_UPLOADS", "episodes"))
ALLOWED_EXTENSIONS = {"mp3", "m4a", "ogg", "wav"}
DATABASE = "podcasts.db"
log = logging.getLogger("podcasts")

os.makedirs(UPLOAD_DIR, exist_ok=True)


def get_db():
    if "db" not in g:
        g.db = sqlite3.connect(DATABASE)
        g.db.row_factory = sqlite3.Row
    return g.db


@app.teardown_appcontext
def teardown(_exc):
    conn = g.pop("db", None)
    if conn:
        conn.close()


def init_db():
    with sqlite3.connect(DATABASE) as conn:
        conn.executescript("""
        CREATE TABLE IF NOT EXISTS creators (id INTEGER PRIMARY KEY, email TEXT UNIQUE,
            password_hash TEXT);
        CREATE TABLE IF NOT EXISTS episodes (id INTEGER PRIMARY KEY, creator_id INTEGER,
            title TEXT, original_name TEXT, stored_name TEXT, size INTEGER);""")


def creator_required(view):
    @wraps(view)
    def wrapped(*args, **kwargs):
        if not session.get("creator_id"):
            abort(401)
        return view(*args, **kwargs)
    return wrapped


def allowed_file(filename):
    return "." in filename and filename.rsplit(".", 1)[1].lower() in ALLOWED_EXTENSIONS


@app.post("/register")
def register():
    body = request.get_json(silent=True) or {}
    email, password = str(body.get("email", "")).lower(), str(body.get("password", ""))
    if "@" not in email or len(email) > 254 or len(password) < 10:
        return jsonify(error="valid email and a password of 10+ characters required"), 400
    try:
        get_db().execute("INSERT INTO creators (email, password_hash) VALUES (?, ?)",
                         (email, generate_password_hash(password)))
        get_db().commit()
    except sqlite3.IntegrityError:
        return jsonify(error="email already registered"), 409
    return jsonify(status="created"), 201


@app.post("/login")
def login():
    body = request.get_json(silent=True) or {}
    row = get_db().execute("SELECT id, password_hash FROM creators WHERE email = ?",
                           (str(body.get("email", "")).lower(),)).fetchone()
    if not row or not check_password_hash(row["password_hash"], str(body.get("password", ""))):
        return jsonify(error="bad email or password"), 401
    session.clear()
    session["creator_id"] = row["id"]
    return jsonify(status="ok")


@app.post("/episodes")
@creator_required
def upload_episode():
    file = request.files.get("audio")
    title = request.form.get("title", "").strip()[:200]
    if file is None or file.filename == "":
        return jsonify(error="no audio file"), 400
    if not title:
        return jsonify(error="title required"), 400
    if not allowed_file(file.filename):
        return jsonify(error="only mp3, m4a, ogg and wav are accepted"), 400
    original = secure_filename(file.filename) or "episode"
    stored = f"{uuid.uuid4().hex}.{original.rsplit('.', 1)[1].lower()}"
    file.save(os.path.join(UPLOAD_DIR, stored))
    size = os.path.getsize(os.path.join(UPLOAD_DIR, stored))
    cur = get_db().execute(
        "INSERT INTO episodes (creator_id, title, original_name, stored_name, size) "
        "VALUES (?, ?, ?, ?, ?)", (session["creator_id"], title, original, stored, size))
    get_db().commit()
    log.info("creator %s uploaded episode %s (%d bytes)", session["creator_id"],
             cur.lastrowid, size)
    return jsonify(id=cur.lastrowid, title=title), 201


@app.get("/episodes")
def list_episodes():
    rows = get_db().execute("SELECT id, title, size FROM episodes ORDER BY id DESC LIMIT 100"
                            ).fetchall()
    return jsonify([dict(r) for r in rows])


@app.get("/episodes/<int:episode_id>/audio")
def stream_episode(episode_id):
    row = get_db().execute("SELECT stored_name, original_name FROM episodes WHERE id = ?",
                           (episode_id,)).fetchone()
    if row is None:
        abort(404)
    return send_from_directory(UPLOAD_DIR, row["stored_name"],
                               download_name=row["original_name"])


@app.delete("/episodes/<int:episode_id>")
@creator_required
def delete_episode(episode_id):
    row = get_db().execute("SELECT stored_name FROM episodes WHERE id = ? AND creator_id = ?",
                           (episode_id, session["creator_id"])).fetchone()
    if row is None:
        abort(404)
    get_db().execute("DELETE FROM episodes WHERE id = ?", (episode_id,))
    get_db().commit()
    try:
        os.remove(os.path.join(UPLOAD_DIR, row["stored_name"]))
    except FileNotFoundError:
        pass
    return "", 204


@app.errorhandler(413)
def too_large(_err):
    return jsonify(error="file too large (50 MB max)"), 413
