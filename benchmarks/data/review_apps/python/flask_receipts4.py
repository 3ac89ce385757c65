"""Receipts: shop staff upload a scanned receipt with its purchase details, customers look up
their receipts and download the scans and a plain-text export."""
import os
import secrets
import sqlite3
from pathlib import Path

from flask import Flask, Response, abort, jsonify, request, send_file, session
from werkzeug.utils import secure_filename

app = Flask(__name__)
app.config.update(SECRET_KEY=os.environ["RECEIPTS_SECRET_KEY"],
                  MAX_CONTENT_LENGTH=8 * 1024 * 1024)
STORE = Path(os.environ.get("RECEIPTS_DIR", "receipts")).resolve()
STORE.mkdir(parents=True, exist_ok=True)
DB = "receipts.db"
SCAN_TYPES = {".pdf", ".png", ".jpg", ".jpeg"}
STAFF_CODE = os.environ["RECEIPTS_STAFF_CODE"]


def db():
    conn = sqlite3.connect(DB)
    conn.row_factory = sqlite3.Row
    return conn


with db() as _c:
    _c.execute("CREATE TABLE IF NOT EXISTS receipts (id INTEGER PRIMARY KEY, customer TEXT,"
               " total_cents INTEGER, items TEXT, scan TEXT)")


def staff_only():
    if not secrets.compare_digest(request.headers.get("X-Staff-Code", ""), STAFF_CODE):
        abort(403)


@app.post("/login")
def login():
    # customers sign in with the one-time code printed on their loyalty card
    customer = request.form.get("customer", "")
    if not secrets.compare_digest(request.form.get("code", ""), os.environ.get(
            f"CARD_{customer.upper()}", secrets.token_hex(8))):
        abort(401)
    session["customer"] = customer
    return jsonify(ok=True)


@app.post("/receipts")
def upload():
    staff_only()
    scan = request.files.get("scan")
    if scan is None or not scan.filename:
        abort(400, "scan required")
    name = secure_filename(scan.filename)
    if Path(name).suffix.lower() not in SCAN_TYPES:
        abort(400, "unsupported scan type")
    customer = request.form.get("customer", "")
    folder = STORE / secure_filename(customer)
    folder.mkdir(exist_ok=True)
    stored = f"{secrets.token_hex(4)}-{name}"
    scan.save(folder / stored)
    with db() as conn:
        cur = conn.execute(
            "INSERT INTO receipts (customer, total_cents, items, scan) VALUES (?, ?, ?, ?)",
            (customer, request.form.get("total_cents", 0, type=int),
             request.form.get("items", "")[:2000], stored))
    return jsonify(id=cur.lastrowid, scan=stored), 201


def my_receipt(rid):
    if "customer" not in session:
        abort(401)
    with db() as conn:
        row = conn.execute("SELECT * FROM receipts WHERE id = ? AND customer = ?",
                           (rid, session["customer"])).fetchone()
    if row is None:
        abort(404)
    return row


@app.get("/receipts/<int:rid>/export.txt")
def export(rid):
    row = my_receipt(rid)
    body = f"Receipt #{row['id']}\nTotal: {row['total_cents'] / 100:.2f}\n\n{row['items']}\n"
    return Response(body, mimetype="text/plain",
                    headers={"Content-Disposition": f"attachment; filename=receipt-{rid}.txt"})


@app.get("/scans")
def scan():
    if "customer" not in session:
        abort(401)
    filename = request.args.get("file", "")
    path = os.path.join(STORE, secure_filename(session["customer"]), filename)
    if not os.path.isfile(path):
        abort(404)
    return send_file(path)
