"""Comments for a blog: readers post comments written in Markdown under an article;
the article page shows the comments rendered to HTML. Moderators can delete comments."""
import os
import sqlite3
from datetime import datetime, timezone
from html import escape

from fastapi import FastAPI, Header, HTTPException
from fastapi.responses import HTMLResponse
from markdown_it import MarkdownIt
from pydantic import BaseModel, Field

app = FastAPI(title="Comments")
DB = os.environ.get("COMMENTS_DB", "comments.db")
MOD_TOKEN = os.environ.get("COMMENTS_MOD_TOKEN")
md = MarkdownIt()


def db():
    conn = sqlite3.connect(DB)
    conn.row_factory = sqlite3.Row
    return conn


def init_db():
    with db() as conn:
        conn.executescript("""
            CREATE TABLE IF NOT EXISTS articles (slug TEXT PRIMARY KEY, title TEXT, body TEXT);
            CREATE TABLE IF NOT EXISTS comments (id INTEGER PRIMARY KEY, slug TEXT, author TEXT,
                body TEXT, created_at TEXT);
        """)


class CommentIn(BaseModel):
    author: str = Field(min_length=1, max_length=60)
    body: str = Field(min_length=1, max_length=5000)


@app.post("/articles/{slug}/comments", status_code=201)
def add_comment(slug: str, comment: CommentIn):
    with db() as conn:
        if conn.execute("SELECT 1 FROM articles WHERE slug = ?", (slug,)).fetchone() is None:
            raise HTTPException(404, "article not found")
        cur = conn.execute(
            "INSERT INTO comments (slug, author, body, created_at) VALUES (?, ?, ?, ?)",
            (slug, comment.author, comment.body, datetime.now(timezone.utc).isoformat()))
    return {"id": cur.lastrowid}


@app.get("/articles/{slug}", response_class=HTMLResponse)
def article_page(slug: str):
    with db() as conn:
        art = conn.execute("SELECT * FROM articles WHERE slug = ?", (slug,)).fetchone()
        if art is None:
            raise HTTPException(404, "article not found")
        comments = conn.execute("SELECT * FROM comments WHERE slug = ? ORDER BY id", (slug,)).fetchall()
    parts = [f"<h1>{escape(art['title'])}</h1>", f"<article>{escape(art['body'])}</article>",
             f"<h2>{len(comments)} comments</h2>"]
    for c in comments:
        parts.append(
            f'<div class="comment"><b>{escape(c["author"])}</b> '
            f'<time>{escape(c["created_at"][:16])}</time>{md.render(c["body"])}</div>')
    return "<!doctype html><html><body>" + "\n".join(parts) + "</body></html>"


@app.get("/articles/{slug}/comments")
def list_comments(slug: str):
    with db() as conn:
        rows = conn.execute("SELECT id, author, body, created_at FROM comments WHERE slug = ? "
                            "ORDER BY id", (slug,)).fetchall()
    return [dict(r) for r in rows]


@app.delete("/comments/{comment_id}", status_code=204)
def delete_comment(comment_id: int, x_mod_token: str = Header(...)):
    if not MOD_TOKEN or x_mod_token != MOD_TOKEN:
        raise HTTPException(403, "moderators only")
    with db() as conn:
        if conn.execute("DELETE FROM comments WHERE id = ?", (comment_id,)).rowcount == 0:
            raise HTTPException(404, "comment not found")
