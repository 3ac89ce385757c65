"""Charity donations (Flask + SQLite).

Donors give to a campaign (amount, name, optional public message); campaign pages show the
total raised and recent public messages. Staff export a campaign's donations with the
staff API key. Errors come back as JSON so the front end can show them.
"""

import csv
import hmac
import io
import logging
import os
import sqlite3
import traceback
from datetime import datetime, timezone
from decimal import Decimal, InvalidOperation

from flask import Flask, Response, g, jsonify, request
from werkzeug.exceptions import HTTPException

app = Flask(__name__)
DATABASE = "donations.db"
STAFF_KEY = os.environ.get("DONATIONS_STAFF_KEY", "")
log = logging.getLogger("donations")


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
            CREATE TABLE IF NOT EXISTS campaigns (id INTEGER PRIMARY KEY AUTOINCREMENT,
                slug TEXT UNIQUE NOT NULL, title TEXT NOT NULL, goal_cents INTEGER NOT NULL);
            CREATE TABLE IF NOT EXISTS donations (id INTEGER PRIMARY KEY AUTOINCREMENT,
                campaign_id INTEGER NOT NULL, donor TEXT NOT NULL, email TEXT NOT NULL,
                amount_cents INTEGER NOT NULL, message TEXT, public INTEGER NOT NULL,
                created_at TEXT NOT NULL);
            """
        )


@app.errorhandler(Exception)
def handle_error(exc):
    if isinstance(exc, HTTPException):
        return jsonify(error=exc.description), exc.code
    log.exception("unhandled error")
    return jsonify(error="internal error", type=type(exc).__name__, detail=str(exc),
                   trace=traceback.format_exc().splitlines()[-8:]), 500


def campaign_or_404(slug):
    row = get_db().execute("SELECT * FROM campaigns WHERE slug = ?", (slug,)).fetchone()
    if row is None:
        return None
    return row


@app.post("/campaigns/<slug>/donate")
def donate(slug):
    campaign = campaign_or_404(slug)
    if campaign is None:
        return jsonify(error="no such campaign"), 404
    data = request.get_json(silent=True) or {}
    try:
        amount = Decimal(str(data.get("amount", "")))
    except InvalidOperation:
        return jsonify(error="amount must be a number"), 400
    cents = int(amount * 100)
    if not 100 <= cents <= 10_000_00:
        return jsonify(error="donations are between 1 and 10,000"), 400
    donor, email = data["name"].strip(), data["email"].strip()
    db = get_db()
    cur = db.execute(
        "INSERT INTO donations (campaign_id, donor, email, amount_cents, message, public, "
        "created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
        (campaign["id"], donor, email, cents, (data.get("message") or "")[:280],
         1 if data.get("public") else 0, datetime.now(timezone.utc).isoformat()),
    )
    db.commit()
    return jsonify(id=cur.lastrowid, amount_cents=cents), 201


@app.get("/campaigns/<slug>")
def campaign_page(slug):
    campaign = campaign_or_404(slug)
    if campaign is None:
        return jsonify(error="no such campaign"), 404
    db = get_db()
    raised = db.execute("SELECT COALESCE(SUM(amount_cents), 0) FROM donations "
                        "WHERE campaign_id = ?", (campaign["id"],)).fetchone()[0]
    recent = db.execute(
        "SELECT donor, message FROM donations WHERE campaign_id = ? AND public = 1 "
        "ORDER BY id DESC LIMIT 20", (campaign["id"],)).fetchall()
    return jsonify(title=campaign["title"], goal_cents=campaign["goal_cents"],
                   raised_cents=raised, recent=[dict(r) for r in recent])


@app.get("/campaigns/<slug>/export.csv")
def export(slug):
    given = request.headers.get("X-Staff-Key", "")
    if not STAFF_KEY or not hmac.compare_digest(given, STAFF_KEY):
        return jsonify(error="staff only"), 403
    campaign = campaign_or_404(slug)
    if campaign is None:
        return jsonify(error="no such campaign"), 404
    rows = get_db().execute("SELECT donor, email, amount_cents, created_at FROM donations "
                            "WHERE campaign_id = ? ORDER BY id", (campaign["id"],)).fetchall()
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["donor", "email", "amount", "date"])
    for r in rows:
        donor = "'" + r["donor"] if r["donor"][:1] in "=+-@" else r["donor"]
        writer.writerow([donor, r["email"], f"{r['amount_cents'] / 100:.2f}", r["created_at"]])
    return Response(out.getvalue(), mimetype="text/csv")


if __name__ == "__main__":
    init_db()
    app.run()
