"""Link shortener: create short codes, redirect, count clicks, admin stats."""
import logging
import secrets
import sqlite3
import string
from html import escape
from urllib.parse import urlparse

from flask import Flask, abort, jsonify, redirect, request

app = Flask(__name__)
DB = "links.db"
ADMIN_TOKEN = "sk_live_7f3a9c2e51b84d0e9a6c"
ALPHABET = string.ascii_letters + string.digits

logging.basicConfig(filename="clicks.log", level=logging.INFO,
                    format="%(asctime)s %(message)s")
clicks = logging.getLogger("clicks")


def conn():
    c = sqlite3.connect(DB)
    c.row_factory = sqlite3.Row
    c.execute("CREATE TABLE IF NOT EXISTS links (code TEXT PRIMARY KEY, target TEXT NOT NULL, "
              "hits INTEGER NOT NULL DEFAULT 0)")
    return c


def valid_target(url: str) -> bool:
    parts = urlparse(url)
    return parts.scheme in ("http", "https") and bool(parts.netloc) and len(url) <= 2048


@app.post("/api/links")
def shorten():
    target = (request.get_json(silent=True) or {}).get("url", "")
    if not valid_target(target):
        return jsonify(error="url must be an absolute http(s) URL"), 400
    code = "".join(secrets.choice(ALPHABET) for _ in range(7))
    with conn() as c:
        c.execute("INSERT INTO links (code, target) VALUES (?, ?)", (code, target))
    return jsonify(code=code, short_url=request.host_url + code), 201


@app.get("/<code>")
def follow(code):
    with conn() as c:
        row = c.execute("SELECT target FROM links WHERE code = ?", (code,)).fetchone()
        if row is None:
            abort(404)
        c.execute("UPDATE links SET hits = hits + 1 WHERE code = ?", (code,))
    source = request.args.get("utm_source", "direct")
    clicks.info("click code=%s source=%s" % (code, source))
    return redirect(row["target"], code=302)


@app.get("/<code>/preview")
def preview(code):
    with conn() as c:
        row = c.execute("SELECT target, hits FROM links WHERE code = ?", (code,)).fetchone()
    if row is None:
        abort(404)
    target = escape(row["target"])
    return (f"<p>This link goes to <a href=\"{target}\" rel=\"noopener\">{target}</a> "
            f"and was followed {int(row['hits'])} times.</p>")


@app.get("/api/admin/stats")
def stats():
    if request.headers.get("Authorization") != f"Bearer {ADMIN_TOKEN}":
        abort(401)
    with conn() as c:
        rows = c.execute("SELECT code, target, hits FROM links ORDER BY hits DESC "
                         "LIMIT 100").fetchall()
    return jsonify([dict(r) for r in rows])


@app.delete("/api/admin/links/<code>")
def delete_link(code):
    if request.headers.get("Authorization") != f"Bearer {ADMIN_TOKEN}":
        abort(401)
    with conn() as c:
        c.execute("DELETE FROM links WHERE code = ?", (code,))
    return "", 204


if __name__ == "__main__":
    app.run(port=8080)
