"""Blog comments in Markdown: readers post, everyone sees the rendered comments."""
import os
import sqlite3
import time

from flask import Flask, abort, g, jsonify, render_template_string, request
from markdown_it import MarkdownIt
from markupsafe import Markup

app = Flask(__name__)
app.config["MAX_CONTENT_LENGTH"] = 32 * 1024
DB = os.environ.get("COMMENTS_DB", "comments.db")
md = MarkdownIt("js-default").disable(["image"])
RATE: dict[str, list[float]] = {}

PAGE = """<!doctype html>
<h1>{{ post.title }}</h1>
<article>{{ post.body }}</article>
<section id="comments">
{% for c in comments %}
  <div class="comment">
    <b>{{ c.author }}</b> <time>{{ c.created }}</time>
    <div class="text">{{ c.html }}</div>
  </div>
{% endfor %}
</section>"""


def db():
    if "db" not in g:
        g.db = sqlite3.connect(DB)
        g.db.row_factory = sqlite3.Row
        g.db.executescript(
            "CREATE TABLE IF NOT EXISTS posts (id INTEGER PRIMARY KEY, title TEXT, body TEXT);"
            "CREATE TABLE IF NOT EXISTS comments (id INTEGER PRIMARY KEY, post_id INTEGER, "
            "author TEXT, text TEXT, created TEXT);")
    return g.db


@app.teardown_appcontext
def _close(_):
    if (c := g.pop("db", None)) is not None:
        c.close()


def render_comment(text: str) -> Markup:
    # js-default: raw HTML is off and javascript:/data: links are dropped by validateLink
    return Markup(md.render(text))


def too_fast(ip: str) -> bool:
    now = time.time()
    recent = [t for t in RATE.get(ip, []) if now - t < 60]
    recent.append(now)
    RATE[ip] = recent
    return len(recent) > 5


@app.get("/posts/<int:post_id>")
def show_post(post_id):
    post = db().execute("SELECT * FROM posts WHERE id = ?", (post_id,)).fetchone()
    if post is None:
        abort(404)
    rows = db().execute("SELECT author, text, created FROM comments WHERE post_id = ? "
                        "ORDER BY id LIMIT 500", (post_id,)).fetchall()
    comments = [{"author": r["author"], "created": r["created"],
                 "html": render_comment(r["text"])} for r in rows]
    return render_template_string(PAGE, post=post, comments=comments)


@app.post("/posts/<int:post_id>/comments")
def add_comment(post_id):
    if too_fast(request.remote_addr or "?"):
        return jsonify(error="slow down"), 429
    author = request.form.get("author", "").strip()[:60] or "anonymous"
    text = request.form.get("text", "").strip()
    if not text or len(text) > 5000:
        return jsonify(error="comments are 1-5000 characters"), 400
    if db().execute("SELECT 1 FROM posts WHERE id = ?", (post_id,)).fetchone() is None:
        abort(404)
    db().execute("INSERT INTO comments (post_id, author, text, created) VALUES (?, ?, ?, ?)",
                 (post_id, author, text, time.strftime("%Y-%m-%d %H:%M")))
    db().commit()
    return jsonify(ok=True), 201
