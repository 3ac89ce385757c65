"""Bookmarks app: save a link (the page title is fetched for you), tag it, and browse
your bookmarks on a simple HTML page."""
import html
import os
import re
import sqlite3

import requests
from flask import Flask, jsonify, redirect, request, session
from markupsafe import Markup

app = Flask(__name__)
app.secret_key = os.environ["BOOKMARKS_SECRET_KEY"]
DB = os.environ.get("BOOKMARKS_DB", "bookmarks.db")
TITLE_RE = re.compile(r"<title[^>]*>(.*?)</title>", re.IGNORECASE | re.DOTALL)


def db():
    conn = sqlite3.connect(DB)
    conn.row_factory = sqlite3.Row
    return conn


def init_db():
    with db() as conn:
        conn.execute("CREATE TABLE IF NOT EXISTS bookmarks (id INTEGER PRIMARY KEY, user TEXT, url TEXT, "
                     "title TEXT, tags TEXT)")


@app.post("/login")
def login():
    # single sign-on sits in front of this app and sets the X-Remote-User header
    user = request.headers.get("X-Remote-User")
    if not user:
        return jsonify({"error": "not signed in"}), 401
    session["user"] = user
    return redirect("/")


def fetch_title(url: str) -> str:
    try:
        resp = requests.get(url, timeout=5, headers={"User-Agent": "bookmarks-bot/1.0"})
        match = TITLE_RE.search(resp.text[:100_000])
        return match.group(1).strip() if match else url
    except requests.RequestException:
        return url


@app.post("/bookmarks")
def add_bookmark():
    if "user" not in session:
        return jsonify({"error": "login required"}), 401
    data = request.get_json() or {}
    url = (data.get("url") or "").strip()
    if not url.startswith(("http://", "https://")):
        return jsonify({"error": "only http(s) links can be saved"}), 400
    title = data.get("title") or fetch_title(url)
    tags = ",".join(t.strip().lower() for t in data.get("tags", []) if t.strip())
    with db() as conn:
        cur = conn.execute("INSERT INTO bookmarks (user, url, title, tags) VALUES (?, ?, ?, ?)",
                           (session["user"], url, title, tags))
    return jsonify({"id": cur.lastrowid, "title": title}), 201


@app.delete("/bookmarks/<int:bid>")
def delete_bookmark(bid):
    if "user" not in session:
        return jsonify({"error": "login required"}), 401
    with db() as conn:
        conn.execute("DELETE FROM bookmarks WHERE id = ? AND user = ?", (bid, session["user"]))
    return "", 204


@app.get("/")
def index():
    if "user" not in session:
        return redirect("/login")
    tag = request.args.get("tag")
    with db() as conn:
        if tag:
            rows = conn.execute("SELECT * FROM bookmarks WHERE user = ? AND ',' || tags || ',' LIKE ?",
                                (session["user"], f"%,{tag},%")).fetchall()
        else:
            rows = conn.execute("SELECT * FROM bookmarks WHERE user = ?", (session["user"],)).fetchall()
    items = []
    for b in rows:
        tags = " ".join(f'<a href="/?tag={html.escape(t)}">#{html.escape(t)}</a>'
                        for t in b["tags"].split(",") if t)
        items.append(Markup(f'<li><a href="{html.escape(b["url"])}">{b["title"]}</a> {tags}</li>'))
    return f"<h1>Bookmarks of {html.escape(session['user'])}</h1><ul>{''.join(items)}</ul>"
