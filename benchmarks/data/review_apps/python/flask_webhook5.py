"""Payment provider webhook: the provider POSTs signed events; paid invoices are marked paid
and refunds are recorded. Events are processed once each."""
import hashlib
import hmac
import json
import logging
import os
import sqlite3
import time

from flask import Flask, abort, jsonify, request

app = Flask(__name__)
WEBHOOK_SECRET = os.environ["PAYMENTS_WEBHOOK_SECRET"].encode()
DB = os.environ.get("BILLING_DB", "billing.db")
TOLERANCE = 300  # seconds

logging.basicConfig(filename="webhooks.log", level=logging.INFO,
                    format="%(asctime)s %(levelname)s %(message)s")
log = logging.getLogger("webhooks")


def init_db():
    with sqlite3.connect(DB) as conn:
        conn.executescript("""
            CREATE TABLE IF NOT EXISTS invoices (id TEXT PRIMARY KEY, amount INTEGER, status TEXT);
            CREATE TABLE IF NOT EXISTS events (id TEXT PRIMARY KEY, type TEXT, received_at INTEGER);
            CREATE TABLE IF NOT EXISTS refunds (invoice_id TEXT, amount INTEGER);
        """)


def verify_signature(payload: bytes, header: str) -> bool:
    try:
        parts = dict(item.split("=", 1) for item in header.split(","))
        timestamp = int(parts["t"])
        signature = parts["v1"]
    except (KeyError, ValueError):
        return False
    if abs(time.time() - timestamp) > TOLERANCE:
        return False
    signed = f"{timestamp}.".encode() + payload
    expected = hmac.new(WEBHOOK_SECRET, signed, hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected, signature)


@app.post("/webhooks/payments")
def payments_webhook():
    payload = request.get_data()
    if not verify_signature(payload, request.headers.get("Payment-Signature", "")):
        log.warning("rejected webhook with bad signature")
        abort(400)
    event = json.loads(payload)
    event_id, event_type = event["id"], event["type"]
    with sqlite3.connect(DB) as conn:
        try:
            conn.execute("INSERT INTO events VALUES (?, ?, ?)", (event_id, event_type, int(time.time())))
        except sqlite3.IntegrityError:
            return jsonify(received=True, duplicate=True)
        obj = event["data"]["object"]
        if event_type == "invoice.paid":
            conn.execute("UPDATE invoices SET status = 'paid' WHERE id = ?", (obj["invoice"],))
        elif event_type == "charge.refunded":
            conn.execute("INSERT INTO refunds VALUES (?, ?)", (obj["invoice"], int(obj["amount_refunded"])))
    log.info("processed event %s of type %s", event_id, event_type)
    return jsonify(received=True)


if __name__ == "__main__":
    init_db()
    app.run(port=8000)
