"""Audit trail service: other services post events; auditors query them."""
import json
import logging
import os
import sqlite3
from datetime import datetime, timezone

from flask import Flask, abort, jsonify, request
from werkzeug.security import check_password_hash

app = Flask(__name__)
app.config["MAX_CONTENT_LENGTH"] = 64 * 1024
DB = os.environ.get("AUDIT_DB", "audit.db")
# service name -> werkzeug hash of its ingest key, e.g. {"billing": "scrypt:32768:8:1$..."}
INGEST_KEYS = json.loads(os.environ.get("AUDIT_INGEST_KEYS", "{}"))
AUDITOR_KEY_HASH = os.environ.get("AUDITOR_KEY_HASH", "")

logging.basicConfig(filename="audit-service.log", level=logging.INFO,
                    format="%(asctime)s %(levelname)s %(message)s")
log = logging.getLogger("audit")


def conn():
    c = sqlite3.connect(DB)
    c.row_factory = sqlite3.Row
    c.execute("CREATE TABLE IF NOT EXISTS events (id INTEGER PRIMARY KEY, ts TEXT, "
              "service TEXT, actor TEXT, action TEXT, target TEXT, detail TEXT)")
    return c


def authenticated_service() -> str:
    service = request.headers.get("X-Service", "")
    key = request.headers.get("X-Ingest-Key", "")
    stored = INGEST_KEYS.get(service)
    if not stored or not check_password_hash(stored, key):
        log.warning("rejected ingest attempt for service %r from %s", service,
                    request.remote_addr)
        abort(401)
    return service


@app.post("/events")
def ingest():
    service = authenticated_service()
    event = request.get_json(silent=True)
    if not isinstance(event, dict):
        abort(400)
    actor, action = str(event.get("actor", ""))[:128], str(event.get("action", ""))[:64]
    if not actor or not action:
        return jsonify(error="actor and action are required"), 400
    detail = json.dumps(event.get("detail", {}))[:4000]
    with conn() as c:
        cur = c.execute("INSERT INTO events (ts, service, actor, action, target, detail) "
                        "VALUES (?, ?, ?, ?, ?, ?)",
                        (datetime.now(timezone.utc).isoformat(), service, actor, action,
                         str(event.get("target", ""))[:256], detail))
    log.info("event %d stored: service=%s actor=%r action=%r", cur.lastrowid, service, actor,
             action)
    return jsonify(id=cur.lastrowid), 201


@app.get("/events")
def query():
    key = request.headers.get("X-Auditor-Key", "")
    if not AUDITOR_KEY_HASH or not check_password_hash(AUDITOR_KEY_HASH, key):
        abort(401)
    limit = min(request.args.get("limit", 100, type=int), 500)
    clauses, args = [], []
    for field in ("service", "actor", "action", "target"):
        value = request.args.get(field)
        if value is not None:
            clauses.append(f"{field} = ?")
            args.append(value)
    if since := request.args.get("since"):
        clauses.append("ts >= ?")
        args.append(since)
    where = " WHERE " + " AND ".join(clauses) if clauses else ""
    with conn() as c:
        rows = c.execute(f"SELECT * FROM events{where} ORDER BY id DESC LIMIT ?",
                         args + [max(limit, 1)]).fetchall()
    return jsonify([dict(r) for r in rows])


if __name__ == "__main__":
    app.run(host="127.0.0.1", port=5050)
