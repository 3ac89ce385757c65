"""Wedding guestbook (Flask + SQLite).

Guests leave a message and, optionally, a link to their photos; the page lists the messages
newest first. Messages are rendered by Jinja (autoescaped); links are turned into anchors.
"""

import os
import re
import sqlite3
from datetime import datetime, timezone

from flask import Flask, g, redirect, render_template_string, request, url_for
from markupsafe import Markup, escape

app = Flask(__name__)
app.config["SECRET_KEY"] = os.environ.get("GUESTBOOK_SECRET_KEY") or os.urandom(32)
app.config["MAX_CONTENT_LENGTH"] = 64 * 1024
DATABASE = "guestbook.db"
URL_RE = re.compile(r"^https?://[^\s]+$")

PAGE = """<!doctype html>
<title>Guestbook</title>
<h1>Leave us a note</h1>
<form method="post" action="{{ url_for('sign') }}">
  <input name="name" placeholder="Your name" maxlength="80" required>
  <textarea name="message" maxlength="2000" required></textarea>
  <input name="photos" placeholder="Link to your photos (optional)">
  <button>Sign</button>
</form>
{% for e in entries %}
<article>
  <h3>{{ e.name }} <small>{{ e.created_at }}</small></h3>
  <p>{{ e.message }}</p>
  {% if e.photos %}<p>{{ photo_link(e.photos, e.name) }}</p>{% endif %}
</article>
{% endfor %}
"""


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
        get_db().execute(
            "CREATE TABLE IF NOT EXISTS entries (id INTEGER PRIMARY KEY AUTOINCREMENT, "
            "name TEXT NOT NULL, message TEXT NOT NULL, photos TEXT, created_at TEXT NOT NULL)"
        )


def photo_link(url, name):
    """An anchor to the guest's photo album."""
    return Markup(f'<a href="{url}" rel="nofollow">Photos from {escape(name)}</a>')


@app.get("/")
def index():
    entries = get_db().execute(
        "SELECT name, message, photos, created_at FROM entries ORDER BY id DESC LIMIT 200"
    ).fetchall()
    return render_template_string(PAGE, entries=entries, photo_link=photo_link)


@app.post("/sign")
def sign():
    name = request.form.get("name", "").strip()[:80]
    message = request.form.get("message", "").strip()[:2000]
    photos = request.form.get("photos", "").strip()
    if not name or not message:
        return "name and message are required", 400
    if photos and not URL_RE.match(photos):
        return "photos must be an http(s) link", 400
    db = get_db()
    db.execute(
        "INSERT INTO entries (name, message, photos, created_at) VALUES (?, ?, ?, ?)",
        (name, message, photos or None, datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M")),
    )
    db.commit()
    return redirect(url_for("index"))


if __name__ == "__main__":
    init_db()
    app.run()
