"""Report scheduler for an analytics team: define a report (query name, filters, a cron-like
schedule, recipients), list scheduled reports, run one now, and export/import a schedule
so it can be moved between environments."""
import base64
import os
import pickle
import sqlite3
from dataclasses import asdict, dataclass, field
from datetime import datetime, timezone

from flask import Flask, jsonify, request

app = Flask(__name__)
DB_PATH = os.environ.get("REPORTS_DB", "reports.db")
API_TOKEN = os.environ["REPORTS_API_TOKEN"]
QUERIES = {
    "daily_signups": "SELECT date(created_at) AS day, count(*) AS n FROM signups GROUP BY day",
    "revenue_by_plan": "SELECT plan, sum(amount) AS total FROM payments GROUP BY plan",
}


@dataclass
class Report:
    name: str
    query: str
    schedule: str = "0 8 * * *"
    recipients: list = field(default_factory=list)
    created_at: str = field(default_factory=lambda: datetime.now(timezone.utc).isoformat())


def db():
    conn = sqlite3.connect(DB_PATH)
    conn.row_factory = sqlite3.Row
    return conn


def init_db():
    with db() as conn:
        conn.execute("CREATE TABLE IF NOT EXISTS reports (name TEXT PRIMARY KEY, blob BLOB)")


@app.before_request
def check_token():
    if request.headers.get("X-API-Token") != API_TOKEN:
        return jsonify({"error": "unauthorized"}), 401


def save(report: Report):
    with db() as conn:
        conn.execute("INSERT OR REPLACE INTO reports VALUES (?, ?)", (report.name, pickle.dumps(report)))


def load_all():
    with db() as conn:
        return [pickle.loads(r["blob"]) for r in conn.execute("SELECT blob FROM reports ORDER BY name")]


@app.post("/reports")
def create_report():
    d = request.get_json() or {}
    if d.get("query") not in QUERIES:
        return jsonify({"error": f"query must be one of {sorted(QUERIES)}"}), 400
    report = Report(name=d.get("name") or d["query"], query=d["query"],
                    schedule=d.get("schedule", "0 8 * * *"), recipients=list(d.get("recipients", [])))
    save(report)
    return jsonify(asdict(report)), 201


@app.get("/reports")
def list_reports():
    return jsonify([asdict(r) for r in load_all()])


@app.get("/reports/export")
def export_reports():
    blob = base64.b64encode(pickle.dumps(load_all())).decode()
    return jsonify({"format": "pickle+base64", "data": blob})


@app.post("/reports/import")
def import_reports():
    payload = request.get_json() or {}
    try:
        reports = pickle.loads(base64.b64decode(payload["data"]))
    except (KeyError, ValueError, pickle.UnpicklingError):
        return jsonify({"error": "not a schedule export"}), 400
    for r in reports:
        save(r)
    return jsonify({"imported": len(reports)})


@app.post("/reports/<name>/run")
def run_report(name):
    with db() as conn:
        row = conn.execute("SELECT blob FROM reports WHERE name = ?", (name,)).fetchone()
        if row is None:
            return jsonify({"error": "no such report"}), 404
        report = pickle.loads(row["blob"])
        try:
            rows = [dict(r) for r in conn.execute(QUERIES[report.query]).fetchall()]
        except sqlite3.OperationalError as exc:
            return jsonify({"error": str(exc)}), 500
    return jsonify({"report": report.name, "rows": rows, "sent_to": report.recipients})
