"""Sales dashboard: signed-in analysts ask for monthly summaries, cached server-side.

Summaries are expensive, so each one is pickled into CACHE_DIR, a directory only this app
writes (created 0700 under the instance folder); the cache key is a SHA-256 of the validated
parameters, never a name from the request, so the app only ever unpickles files it wrote.
"""

import hashlib
import logging
import os
import pickle
import sqlite3
import time
from functools import wraps

from flask import Flask, jsonify, request, session
from werkzeug.security import check_password_hash, generate_password_hash

app = Flask(__name__, instance_relative_config=True)
app.config["SECRET_KEY"] = os.environ["DASHBOARD_SECRET_KEY"]
DB = "sales.db"
CACHE_DIR = os.path.join(app.instance_path, "summary-cache")
CACHE_TTL = 600
REGIONS = {"north", "south", "east", "west"}
log = logging.getLogger("dashboard")


def connect():
    conn = sqlite3.connect(DB)
    conn.row_factory = sqlite3.Row
    return conn


def init_db():
    os.makedirs(CACHE_DIR, mode=0o700, exist_ok=True)
    with connect() as conn:
        conn.executescript("""
            CREATE TABLE IF NOT EXISTS analysts (id INTEGER PRIMARY KEY,
                username TEXT UNIQUE NOT NULL, password_hash TEXT NOT NULL);
            CREATE TABLE IF NOT EXISTS sales (id INTEGER PRIMARY KEY, region TEXT NOT NULL,
                month TEXT NOT NULL, amount REAL NOT NULL);
        """)


def login_required(view):
    @wraps(view)
    def wrapper(*args, **kwargs):
        if "analyst" not in session:
            return jsonify(error="login required"), 401
        return view(*args, **kwargs)
    return wrapper


@app.post("/register")
def register():
    data = request.get_json(silent=True) or {}
    username, password = str(data.get("username", "")), str(data.get("password", ""))
    if not username.isalnum() or len(password) < 8:
        return jsonify(error="invalid"), 400
    with connect() as conn:
        try:
            conn.execute("INSERT INTO analysts (username, password_hash) VALUES (?, ?)",
                         (username, generate_password_hash(password)))
        except sqlite3.IntegrityError:
            return jsonify(error="taken"), 409
    return jsonify(ok=True), 201


@app.post("/login")
def login():
    data = request.get_json(silent=True) or {}
    with connect() as conn:
        row = conn.execute("SELECT password_hash FROM analysts WHERE username = ?",
                           (str(data.get("username", "")),)).fetchone()
    if row is None or not check_password_hash(row["password_hash"], str(data.get("password", ""))):
        return jsonify(error="bad credentials"), 401
    session["analyst"] = data["username"]
    return jsonify(ok=True)


def _cache_path(region, month):
    key = hashlib.sha256(f"{region}|{month}".encode()).hexdigest()
    return os.path.join(CACHE_DIR, key + ".pkl")


def _compute(region, month):
    with connect() as conn:
        row = conn.execute("SELECT COUNT(*) AS n, COALESCE(SUM(amount), 0) AS total FROM sales "
                           "WHERE region = ? AND month = ?", (region, month)).fetchone()
    return {"region": region, "month": month, "orders": row["n"], "total": row["total"],
            "computed_at": time.time()}


@app.get("/summary")
@login_required
def summary():
    region = request.args.get("region", "")
    month = request.args.get("month", "")
    if region not in REGIONS or len(month) != 7 or month[4] != "-" \
            or not (month[:4] + month[5:]).isdigit():
        return jsonify(error="region and month (YYYY-MM) required"), 400
    path = _cache_path(region, month)
    if os.path.exists(path) and time.time() - os.path.getmtime(path) < CACHE_TTL:
        with open(path, "rb") as fh:
            result = pickle.load(fh)  # written by this app below, never uploaded
        log.debug("cache hit for %s %s", region, month)
        return jsonify(result)
    result = _compute(region, month)
    tmp = path + ".tmp"
    with open(tmp, "wb") as fh:
        pickle.dump(result, fh)
    os.replace(tmp, path)
    log.info("summary %s %s computed for %s", region, month, session["analyst"])
    return jsonify(result)


@app.post("/sales")
@login_required
def add_sale():
    data = request.get_json(silent=True) or {}
    region, month = data.get("region"), str(data.get("month", ""))
    try:
        amount = float(data.get("amount"))
    except (TypeError, ValueError):
        return jsonify(error="amount must be a number"), 400
    if region not in REGIONS or len(month) != 7 or not 0 < amount < 1_000_000:
        return jsonify(error="invalid sale"), 400
    with connect() as conn:
        conn.execute("INSERT INTO sales (region, month, amount) VALUES (?, ?, ?)",
                     (region, month, amount))
    path = _cache_path(region, month)
    if os.path.exists(path):
        os.remove(path)
    return jsonify(ok=True), 201
