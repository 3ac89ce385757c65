"""A personal RSS reader (run behind the owner's single-sign-on proxy): subscribe to feeds,
refresh them, read the latest items on one page."""
import ipaddress
import os
import socket
import sqlite3
import xml.etree.ElementTree as ET
from urllib.parse import urlparse

import requests
from flask import Flask, abort, redirect, render_template_string, request, url_for

app = Flask(__name__)
app.secret_key = os.environ["RSS_SECRET_KEY"]
DB = os.environ.get("RSS_DB", "rss.db")
MAX_FEED_BYTES = 2 * 1024 * 1024


def db():
    conn = sqlite3.connect(DB)
    conn.row_factory = sqlite3.Row
    return conn


def init_db():
    with db() as conn:
        conn.executescript(
            "CREATE TABLE IF NOT EXISTS feeds (id INTEGER PRIMARY KEY, url TEXT UNIQUE, title TEXT);"
            "CREATE TABLE IF NOT EXISTS items (id INTEGER PRIMARY KEY, feed_id INTEGER,"
            " guid TEXT UNIQUE, title TEXT, link TEXT, summary TEXT);"
        )


def public_host(url):
    host = urlparse(url).hostname or ""
    try:
        infos = socket.getaddrinfo(host, 443, proto=socket.IPPROTO_TCP)
    except socket.gaierror:
        return False
    return all(ipaddress.ip_address(info[4][0]).is_global for info in infos)


def fetch(url):
    if not public_host(url):
        raise ValueError("feed host is not public")
    resp = requests.get(url, timeout=10, stream=True, allow_redirects=False)
    resp.raise_for_status()
    data = resp.raw.read(MAX_FEED_BYTES + 1, decode_content=True)
    if len(data) > MAX_FEED_BYTES:
        raise ValueError("feed too large")
    return data


def safe_link(link):
    return link if urlparse(link).scheme in ("http", "https") else "#"


def parse_feed(data):
    root = ET.fromstring(data)
    channel = root.find("channel")
    if channel is None:
        raise ValueError("not an RSS 2.0 feed")
    title = channel.findtext("title", default="untitled")[:200]
    items = []
    for node in channel.findall("item")[:50]:
        items.append({
            "guid": node.findtext("guid") or node.findtext("link") or "",
            "title": (node.findtext("title") or "")[:300],
            "link": safe_link(node.findtext("link") or ""),
            "summary": node.findtext("description") or "",
        })
    return title, items


PAGE = """<!doctype html>
<title>Reader</title>
<form method="post" action="{{ url_for('subscribe') }}">
  <input name="url" placeholder="https://example.com/feed.xml"><button>Subscribe</button>
</form>
{% for feed in feeds %}<h2>{{ feed.title }}</h2>
<p><small>{{ feed.url }}</small></p>{% endfor %}
<hr>
{% for item in items %}
<article>
  <h3><a href="{{ item.link }}" rel="noopener">{{ item.title }}</a></h3>
  <div class="summary">{{ item.summary | safe }}</div>
</article>
{% endfor %}
"""


@app.get("/")
def index():
    with db() as conn:
        feeds = conn.execute("SELECT * FROM feeds ORDER BY title").fetchall()
        items = conn.execute("SELECT * FROM items ORDER BY id DESC LIMIT 100").fetchall()
    return render_template_string(PAGE, feeds=feeds, items=items)


@app.post("/subscribe")
def subscribe():
    url = request.form.get("url", "").strip()
    if urlparse(url).scheme != "https":
        abort(400, "feeds must be https")
    with db() as conn:
        conn.execute("INSERT OR IGNORE INTO feeds (url, title) VALUES (?, ?)", (url, url))
    return redirect(url_for("index"), code=303)


@app.post("/feeds/<int:feed_id>/refresh")
def refresh(feed_id):
    with db() as conn:
        feed = conn.execute("SELECT * FROM feeds WHERE id = ?", (feed_id,)).fetchone()
        if feed is None:
            abort(404)
        try:
            title, items = parse_feed(fetch(feed["url"]))
        except (requests.RequestException, ET.ParseError, ValueError) as exc:
            abort(502, f"could not refresh: {type(exc).__name__}")
        conn.execute("UPDATE feeds SET title = ? WHERE id = ?", (title, feed_id))
        for it in items:
            conn.execute(
                "INSERT OR IGNORE INTO items (feed_id, guid, title, link, summary)"
                " VALUES (?, ?, ?, ?, ?)",
                (feed_id, it["guid"], it["title"], it["link"], it["summary"]),
            )
    return redirect(url_for("index"), code=303)
