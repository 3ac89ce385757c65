"""Article comments with Markdown formatting."""
import os
import sqlite3
from datetime import datetime

from flask import Flask, abort, redirect, render_template_string, request, session, url_for
from markdown_it import MarkdownIt
from markupsafe import Markup
from werkzeug.security import check_password_hash

app = Flask(__name__)
app.secret_key = os.environ.get("SECRET_KEY", os.urandom(24))
app.config["MAX_CONTENT_LENGTH"] = 64 * 1024
md = MarkdownIt()
DB_PATH = "comments.db"

PAGE = """<!doctype html>
<title>{{ article.title }}</title>
<article><h1>{{ article.title }}</h1>{{ article.body }}</article>
<section id="comments">
{% for c in comments %}
  <div class="comment">
    <div class="meta">{{ c.author }} &middot; {{ c.created }}</div>
    <div class="text">{{ c.html }}</div>
  </div>
{% endfor %}
</section>
{% if session.user %}
<form method="post" action="{{ url_for('add_comment', article_id=article.id) }}">
  <textarea name="text" rows="4"></textarea><button>Comment</button>
</form>
{% endif %}
"""


def db():
    conn = sqlite3.connect(DB_PATH)
    conn.row_factory = sqlite3.Row
    return conn


def init_db():
    with db() as conn:
        conn.executescript("""
        CREATE TABLE IF NOT EXISTS users (id INTEGER PRIMARY KEY, name TEXT UNIQUE, pw TEXT);
        CREATE TABLE IF NOT EXISTS articles (id INTEGER PRIMARY KEY, title TEXT, body TEXT);
        CREATE TABLE IF NOT EXISTS comments (id INTEGER PRIMARY KEY, article_id INTEGER,
            author TEXT, text TEXT, created TEXT);
        """)


@app.post("/login")
def login():
    name = request.form.get("name", "")
    row = db().execute("SELECT pw FROM users WHERE name = ?", (name,)).fetchone()
    if row is None or not check_password_hash(row["pw"], request.form.get("password", "")):
        abort(401)
    session["user"] = name
    return redirect(request.referrer or "/")


@app.get("/articles/<int:article_id>")
def show_article(article_id):
    conn = db()
    article = conn.execute("SELECT * FROM articles WHERE id = ?", (article_id,)).fetchone()
    if article is None:
        abort(404)
    rows = conn.execute("SELECT author, text, created FROM comments WHERE article_id = ? "
                        "ORDER BY id LIMIT 200", (article_id,)).fetchall()
    comments = [{"author": r["author"], "created": r["created"],
                 "html": Markup(md.render(r["text"]))} for r in rows]
    return render_template_string(PAGE, article=article, comments=comments)


@app.post("/articles/<int:article_id>/comments")
def add_comment(article_id):
    if "user" not in session:
        abort(401)
    text = request.form.get("text", "").strip()
    if not text or len(text) > 5000:
        abort(400)
    with db() as conn:
        conn.execute("INSERT INTO comments (article_id, author, text, created) VALUES (?, ?, ?, ?)",
                     (article_id, session["user"], text, datetime.utcnow().isoformat(" ", "minutes")))
    return redirect(url_for("show_article", article_id=article_id))


if __name__ == "__main__":
    init_db()
    app.run()
