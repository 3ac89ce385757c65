"""Warehouse inventory API: items, stock movements and a low-stock report."""
import logging
import os
import sqlite3

from flask import Flask, abort, g, jsonify, request

app = Flask(__name__)
DB_PATH = os.environ.get("INVENTORY_DB", "inventory.db")

logging.basicConfig(filename="inventory.log", level=logging.INFO,
                    format="%(asctime)s %(levelname)s %(message)s")
log = logging.getLogger("inventory")


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
    db = sqlite3.connect(DB_PATH)
    db.executescript("""
        CREATE TABLE IF NOT EXISTS items (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            sku TEXT UNIQUE NOT NULL,
            name TEXT NOT NULL,
            location TEXT NOT NULL DEFAULT 'A1',
            qty INTEGER NOT NULL DEFAULT 0
        );
        CREATE TABLE IF NOT EXISTS movements (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            item_id INTEGER NOT NULL,
            delta INTEGER NOT NULL,
            note TEXT
        );
    """)
    db.commit()
    db.close()


@app.post("/items")
def create_item():
    data = request.get_json(force=True)
    sku, name = data.get("sku", "").strip(), data.get("name", "").strip()
    if not sku or not name:
        return jsonify(error="sku and name are required"), 400
    db = get_db()
    try:
        cur = db.execute("INSERT INTO items (sku, name, location) VALUES (?, ?, ?)",
                         (sku, name, data.get("location", "A1")))
    except sqlite3.IntegrityError:
        return jsonify(error="sku already exists"), 409
    db.commit()
    log.info("created item %d", cur.lastrowid)
    return jsonify(id=cur.lastrowid, sku=sku, name=name), 201


@app.get("/items/<int:item_id>")
def get_item(item_id):
    row = get_db().execute("SELECT * FROM items WHERE id = ?", (item_id,)).fetchone()
    if row is None:
        abort(404)
    return jsonify(dict(row))


@app.post("/items/<int:item_id>/movements")
def move_stock(item_id):
    data = request.get_json(force=True)
    try:
        delta = int(data["delta"])
    except (KeyError, TypeError, ValueError):
        return jsonify(error="delta must be an integer"), 400
    note = data.get("note", "")
    db = get_db()
    item = db.execute("SELECT qty FROM items WHERE id = ?", (item_id,)).fetchone()
    if item is None:
        abort(404)
    if item["qty"] + delta < 0:
        return jsonify(error="not enough stock"), 409
    db.execute("UPDATE items SET qty = qty + ? WHERE id = ?", (delta, item_id))
    db.execute("INSERT INTO movements (item_id, delta, note) VALUES (?, ?, ?)",
               (item_id, delta, note))
    db.commit()
    log.info(f"stock moved for item {item_id} by {delta}: {note}")
    return jsonify(item_id=item_id, qty=item["qty"] + delta)


@app.get("/reports/low-stock")
def low_stock():
    threshold = request.args.get("below", "5")
    location = request.args.get("location")
    sql = f"SELECT id, sku, name, qty FROM items WHERE qty < {threshold}"
    params = []
    if location:
        sql += " AND location = ?"
        params.append(location)
    rows = get_db().execute(sql + " ORDER BY qty", params).fetchall()
    return jsonify([dict(r) for r in rows])


@app.get("/items")
def list_items():
    page = max(request.args.get("page", 1, type=int), 1)
    per_page = min(max(request.args.get("per_page", 25, type=int), 1), 100)
    rows = get_db().execute(
        "SELECT id, sku, name, qty FROM items ORDER BY id LIMIT ? OFFSET ?",
        (per_page, (page - 1) * per_page),
    ).fetchall()
    return jsonify([dict(r) for r in rows])


if __name__ == "__main__":
    init_db()
    app.run()
