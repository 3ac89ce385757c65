"""Checkout with coupons for a small online shop: staff create coupon codes (percent or
fixed amount off, with a use limit); customers price a basket and apply one coupon."""
import os
import sqlite3
from functools import wraps

from flask import Flask, g, jsonify, request

app = Flask(__name__)
DB_PATH = os.environ.get("SHOP_DB", "coupons.db")
STAFF_TOKEN = os.environ["SHOP_STAFF_TOKEN"]


def get_db():
    if "db" not in g:
        g.db = sqlite3.connect(DB_PATH)
        g.db.row_factory = sqlite3.Row
    return g.db


@app.teardown_appcontext
def close_db(exc):
    db = g.pop("db", None)
    if db is not None:
        db.close()


def init_db():
    with sqlite3.connect(DB_PATH) as conn:
        conn.executescript("""
            CREATE TABLE IF NOT EXISTS products (sku TEXT PRIMARY KEY, name TEXT, price_cents INTEGER);
            CREATE TABLE IF NOT EXISTS coupons (code TEXT PRIMARY KEY, kind TEXT, amount INTEGER,
                max_uses INTEGER, uses INTEGER DEFAULT 0);
            CREATE TABLE IF NOT EXISTS orders (id INTEGER PRIMARY KEY, email TEXT, total_cents INTEGER,
                coupon TEXT);
        """)


def staff_only(f):
    @wraps(f)
    def inner(*a, **kw):
        if request.headers.get("Authorization") != f"Bearer {STAFF_TOKEN}":
            return jsonify({"error": "staff only"}), 403
        return f(*a, **kw)
    return inner


@app.post("/coupons")
@staff_only
def create_coupon():
    d = request.get_json() or {}
    kind = d.get("kind")
    amount = int(d.get("amount", 0))
    if kind not in ("percent", "fixed") or amount <= 0 or (kind == "percent" and amount > 100):
        return jsonify({"error": "kind is percent (1-100) or fixed (cents > 0)"}), 400
    get_db().execute("INSERT INTO coupons (code, kind, amount, max_uses) VALUES (?, ?, ?, ?)",
                     (d["code"].upper(), kind, amount, int(d.get("max_uses", 1))))
    get_db().commit()
    return jsonify({"code": d["code"].upper()}), 201


def price_basket(items):
    """Sum the basket: items are {"sku": ..., "qty": ...}."""
    total = 0
    lines = []
    for item in items:
        p = get_db().execute("SELECT name, price_cents FROM products WHERE sku = ?",
                             (item.get("sku"),)).fetchone()
        if p is None:
            raise ValueError(f"unknown product {item.get('sku')!r}")
        qty = int(item.get("qty", 1))
        lines.append({"sku": item["sku"], "name": p["name"], "qty": qty,
                      "line_cents": p["price_cents"] * qty})
        total += p["price_cents"] * qty
    return total, lines


def apply_coupon(total, code):
    c = get_db().execute("SELECT * FROM coupons WHERE code = ?", (code.upper(),)).fetchone()
    if c is None or c["uses"] >= c["max_uses"]:
        raise ValueError("coupon is not valid")
    discount = total * c["amount"] // 100 if c["kind"] == "percent" else c["amount"]
    return max(total - discount, 0), c["code"]


@app.post("/checkout")
def checkout():
    d = request.get_json() or {}
    if not d.get("email") or not d.get("items"):
        return jsonify({"error": "email and items required"}), 400
    try:
        total, lines = price_basket(d["items"])
        coupon = None
        if d.get("coupon"):
            total, coupon = apply_coupon(total, d["coupon"])
    except ValueError as exc:
        return jsonify({"error": str(exc)}), 400
    db = get_db()
    cur = db.execute("INSERT INTO orders (email, total_cents, coupon) VALUES (?, ?, ?)",
                     (d["email"], total, coupon))
    if coupon:
        db.execute("UPDATE coupons SET uses = uses + 1 WHERE code = ?", (coupon,))
    db.commit()
    return jsonify({"order_id": cur.lastrowid, "lines": lines, "total_cents": total}), 201
