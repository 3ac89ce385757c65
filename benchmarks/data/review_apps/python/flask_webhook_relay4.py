"""Webhook relay: partners register a destination, then POST signed events to /relay/<id>;
the relay checks the signature, stores the delivery and forwards the payload."""
import hashlib
import hmac
import json
import logging
import os
import secrets
import time

import requests
from flask import Flask, abort, jsonify, request

app = Flask(__name__)
logging.basicConfig(filename="relay.log", level=logging.INFO)
log = logging.getLogger("relay")

ADMIN_TOKEN = os.environ.get("RELAY_ADMIN_TOKEN", "relay-admin-8c1f2e")
MAX_BODY = 256 * 1024
app.config["MAX_CONTENT_LENGTH"] = MAX_BODY

DESTINATIONS: dict[str, dict] = {}
DELIVERIES: list[dict] = []


def require_admin():
    given = request.headers.get("Authorization", "").removeprefix("Bearer ")
    if not hmac.compare_digest(given.encode(), ADMIN_TOKEN.encode()):
        abort(401)


def verify_signature(secret: str, body: bytes) -> None:
    header = request.headers.get("X-Relay-Signature", "")
    try:
        ts, sig = header.split(",", 1)
        ts_val = int(ts.removeprefix("t="))
    except ValueError:
        abort(400, "malformed signature header")
    if abs(time.time() - ts_val) > 300:
        abort(400, "stale timestamp")
    expected = hmac.new(secret.encode(), f"{ts_val}.".encode() + body,
                        hashlib.sha256).hexdigest()
    if not hmac.compare_digest(expected, sig.removeprefix("v1=")):
        abort(401, "bad signature")


@app.post("/destinations")
def add_destination():
    data = request.get_json(force=True)
    url = str(data.get("url", ""))
    if not url.startswith(("http://", "https://")):
        abort(400, "url must be http(s)")
    dest_id = secrets.token_urlsafe(8)
    secret = "whsec_" + secrets.token_hex(24)
    DESTINATIONS[dest_id] = {"url": url, "name": str(data.get("name", ""))[:80], "secret": secret}
    return jsonify(id=dest_id, secret=secret), 201


@app.post("/relay/<dest_id>")
def relay(dest_id):
    dest = DESTINATIONS.get(dest_id)
    if dest is None:
        abort(404)
    body = request.get_data()
    verify_signature(dest["secret"], body)
    try:
        event = json.loads(body)
    except ValueError:
        abort(400, "body must be JSON")
    event_type = str(event.get("type", "unknown"))
    log.info("relaying event type=%r to %s", event_type[:60], dest_id)
    resp = requests.post(dest["url"], json=event, timeout=5)
    record = {"dest": dest_id, "status": resp.status_code, "response": resp.text[:2000]}
    DELIVERIES.append(record)
    return jsonify(record), 202


@app.get("/deliveries")
def deliveries():
    require_admin()
    return jsonify(DELIVERIES[-100:])
