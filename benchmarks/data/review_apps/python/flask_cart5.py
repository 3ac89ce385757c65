"""Shopping cart and checkout for a small store's JSON API. Prices come from the products
table; the cart lives in the database per user."""
import os
import sqlite3
from functools import wraps

from flask import Flask, g, jsonify, request, session
from werkzeug.security import check_password_hash

app = Flask(__name__)
app.config["SECRET_KEY"] = os.environ["SHOP_SECRET_KEY"]
DB = os.environ.get("SHOP_DB", "shop.db")


def db():
    if "conn" not in g:
        g.conn = sqlite3.connect(DB)
        g.conn.row_factory = sqlite3.Row
    return g.conn


@app.teardown_appcontext
def teardown(_):
    conn = g.pop("conn", None)
    if conn:
        conn.close()


def init_db():
    conn = sqlite3.connect(DB)
    conn.executescript("""
    CREATE TABLE IF NOT EXISTS customers (id INTEGER PRIMARY KEY, email TEXT UNIQUE, pw TEXT,
                                          balance_cents INTEGER DEFAULT 0);
    CREATE TABLE IF NOT EXISTS products (id INTEGER PRIMARY KEY, name TEXT, price_cents INTEGER,
                                         stock INTEGER);
    CREATE TABLE IF NOT EXISTS cart_items (customer_id INTEGER, product_id INTEGER,
                                           quantity INTEGER, PRIMARY KEY (customer_id, product_id));
    CREATE TABLE IF NOT EXISTS orders (id INTEGER PRIMARY KEY, customer_id INTEGER,
                                       total_cents INTEGER, created_at TEXT DEFAULT CURRENT_TIMESTAMP);
    CREATE TABLE IF NOT EXISTS order_lines (order_id INTEGER, product_id INTEGER, quantity INTEGER,
                                            price_cents INTEGER);
    """)
    conn.close()


def auth(f):
    @wraps(f)
    def inner(*a, **kw):
        if not session.get("cid"):
            return jsonify(error="login required"), 401
        return f(*a, **kw)
    return inner


@app.post("/login")
def login():
    body = request.get_json(force=True)
    row = db().execute("SELECT id, pw FROM customers WHERE email = ?", (body.get("email"),)).fetchone()
    if row is None or not check_password_hash(row["pw"], body.get("password", "")):
        return jsonify(error="bad credentials"), 401
    session["cid"] = row["id"]
    return jsonify(ok=True)


@app.get("/cart")
@auth
def view_cart():
    rows = db().execute(
        "SELECT p.id, p.name, p.price_cents, c.quantity FROM cart_items c "
        "JOIN products p ON p.id = c.product_id WHERE c.customer_id = ?", (session["cid"],)
    ).fetchall()
    items = [dict(r) for r in rows]
    total = sum(i["price_cents"] * i["quantity"] for i in items)
    return jsonify(items=items, total_cents=total)


@app.post("/cart/items")
@auth
def add_to_cart():
    body = request.get_json(force=True)
    try:
        product_id = int(body["product_id"])
        quantity = int(body.get("quantity", 1))
    except (KeyError, TypeError, ValueError):
        return jsonify(error="product_id and quantity must be integers"), 400
    product = db().execute("SELECT stock FROM products WHERE id = ?", (product_id,)).fetchone()
    if product is None:
        return jsonify(error="no such product"), 404
    if quantity > product["stock"]:
        return jsonify(error="not enough stock"), 409
    db().execute(
        "INSERT INTO cart_items (customer_id, product_id, quantity) VALUES (?, ?, ?) "
        "ON CONFLICT(customer_id, product_id) DO UPDATE SET quantity = quantity + excluded.quantity",
        (session["cid"], product_id, quantity),
    )
    db().commit()
    return jsonify(ok=True), 201


@app.delete("/cart/items/<int:product_id>")
@auth
def remove_from_cart(product_id):
    db().execute("DELETE FROM cart_items WHERE customer_id = ? AND product_id = ?",
                 (session["cid"], product_id))
    db().commit()
    return "", 204


@app.post("/checkout")
@auth
def checkout():
    conn = db()
    cid = session["cid"]
    items = conn.execute(
        "SELECT c.product_id, c.quantity, p.price_cents FROM cart_items c "
        "JOIN products p ON p.id = c.product_id WHERE c.customer_id = ?", (cid,)
    ).fetchall()
    if not items:
        return jsonify(error="cart is empty"), 400
    total = sum(i["price_cents"] * i["quantity"] for i in items)
    balance = conn.execute("SELECT balance_cents FROM customers WHERE id = ?", (cid,)).fetchone()[0]
    if total > balance:
        return jsonify(error="insufficient balance"), 402
    cur = conn.execute("INSERT INTO orders (customer_id, total_cents) VALUES (?, ?)", (cid, total))
    for i in items:
        conn.execute("INSERT INTO order_lines VALUES (?, ?, ?, ?)",
                     (cur.lastrowid, i["product_id"], i["quantity"], i["price_cents"]))
        conn.execute("UPDATE products SET stock = stock - ? WHERE id = ?",
                     (i["quantity"], i["product_id"]))
    conn.execute("UPDATE customers SET balance_cents = balance_cents - ? WHERE id = ?", (total, cid))
    conn.execute("DELETE FROM cart_items WHERE customer_id = ?", (cid,))
    conn.commit()
    return jsonify(order_id=cur.lastrowid, total_cents=total), 201


@app.get("/orders/<int:order_id>")
@auth
def get_order(order_id):
    order = db().execute("SELECT * FROM orders WHERE id = ? AND customer_id = ?",
                         (order_id, session["cid"])).fetchone()
    if order is None:
        return jsonify(error="not found"), 404
    lines = db().execute("SELECT product_id, quantity, price_cents FROM order_lines "
                         "WHERE order_id = ?", (order_id,)).fetchall()
    return jsonify(order=dict(order), lines=[dict(r) for r in lines])


if __name__ == "__main__":
    init_db()
    app.run()
