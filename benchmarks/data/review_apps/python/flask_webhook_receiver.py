"""Receives payment-provider webhooks and updates invoice state."""
import hashlib
import hmac
import json
import logging
import os
import sqlite3
import time

from flask import Flask, abort, jsonify, request

app = Flask(__name__)
app.config["MAX_CONTENT_LENGTH"] = 256 * 1024
WEBHOOK_SECRET = os.environ["PAYMENTS_WEBHOOK_SECRET"].encode()
TOLERANCE = 300
log = logging.getLogger("webhooks")

HANDLED = {"invoice.paid", "invoice.voided", "invoice.payment_failed"}


def db():
    c = sqlite3.connect(os.environ.get("BILLING_DB", "billing.db"))
    c.execute("CREATE TABLE IF NOT EXISTS invoices (id TEXT PRIMARY KEY, status TEXT)")
    c.execute("CREATE TABLE IF NOT EXISTS seen_events (id TEXT PRIMARY KEY)")
    return c


def verify(payload: bytes, header: str) -> bool:
    try:
        parts = dict(item.split("=", 1) for item in header.split(","))
        ts = int(parts["t"])
    except (KeyError, ValueError):
        return False
    if abs(time.time() - ts) > TOLERANCE:
        return False
    expected = hmac.new(WEBHOOK_SECRET, f"{ts}.".encode() + payload, hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected, parts.get("v1", ""))


@app.post("/webhooks/payments")
def payments_webhook():
    payload = request.get_data()
    if not verify(payload, request.headers.get("Payments-Signature", "")):
        log.warning("rejected webhook with a bad signature")
        abort(400)
    event = json.loads(payload)
    event_type = event.get("type")
    if event_type not in HANDLED:
        return jsonify(ignored=True)
    conn = db()
    try:
        conn.execute("INSERT INTO seen_events (id) VALUES (?)", (str(event["id"]),))
    except sqlite3.IntegrityError:
        return jsonify(duplicate=True)
    invoice_id = str(event["data"]["invoice_id"])
    status = event_type.split(".", 1)[1]
    conn.execute("INSERT INTO invoices (id, status) VALUES (?, ?) "
                 "ON CONFLICT(id) DO UPDATE SET status = excluded.status", (invoice_id, status))
    conn.commit()
    log.info("invoice %r is now %s", invoice_id, status)
    return jsonify(ok=True)


@app.get("/invoices/<invoice_id>/status")
def invoice_status(invoice_id):
    token = request.headers.get("Authorization", "")
    if not hmac.compare_digest(token, "Bearer " + os.environ["BILLING_API_TOKEN"]):
        abort(401)
    row = db().execute("SELECT status FROM invoices WHERE id = ?", (invoice_id,)).fetchone()
    if row is None:
        abort(404)
    return jsonify(id=invoice_id, status=row[0])
