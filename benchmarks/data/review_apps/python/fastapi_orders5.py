"""Order history API for a storefront: customers list their orders with filters, read one
order, and cancel an order that has not shipped yet. Auth is an API key per customer."""
import os
import sqlite3
from typing import Optional

from fastapi import Depends, FastAPI, Header, HTTPException, Query

app = FastAPI()
DATABASE = os.environ.get("ORDERS_DB", "orders.db")


def db():
    conn = sqlite3.connect(DATABASE)
    conn.row_factory = sqlite3.Row
    return conn


def init_db():
    with db() as conn:
        conn.executescript("""
            CREATE TABLE IF NOT EXISTS customers (id INTEGER PRIMARY KEY, name TEXT, api_key TEXT UNIQUE);
            CREATE TABLE IF NOT EXISTS orders (id INTEGER PRIMARY KEY, customer_id INTEGER,
                status TEXT, total REAL, shipping_address TEXT, created_at TEXT);
        """)


def get_customer(x_api_key: str = Header(...)):
    with db() as conn:
        row = conn.execute("SELECT id, name FROM customers WHERE api_key = ?", (x_api_key,)).fetchone()
    if row is None:
        raise HTTPException(status_code=401, detail="Invalid API key")
    return dict(row)


@app.get("/orders")
def list_orders(
    status: Optional[str] = None,
    min_total: Optional[float] = Query(None, ge=0),
    limit: int = Query(20, ge=1, le=100),
    customer: dict = Depends(get_customer),
):
    query = "SELECT id, status, total, created_at FROM orders WHERE customer_id = ?"
    params: list = [customer["id"]]
    if status:
        query += f" AND status = '{status}'"
    if min_total is not None:
        query += " AND total >= ?"
        params.append(min_total)
    query += " ORDER BY created_at DESC LIMIT ?"
    params.append(limit)
    with db() as conn:
        rows = conn.execute(query, params).fetchall()
    return [dict(r) for r in rows]


@app.get("/orders/{order_id}")
def get_order(order_id: int, customer: dict = Depends(get_customer)):
    with db() as conn:
        row = conn.execute("SELECT * FROM orders WHERE id = ? AND customer_id = ?",
                           (order_id, customer["id"])).fetchone()
    if row is None:
        raise HTTPException(status_code=404, detail="Order not found")
    return dict(row)


@app.post("/orders/{order_id}/cancel")
def cancel_order(order_id: int, customer: dict = Depends(get_customer)):
    with db() as conn:
        row = conn.execute("SELECT status FROM orders WHERE id = ? AND customer_id = ?",
                           (order_id, customer["id"])).fetchone()
        if row is None:
            raise HTTPException(status_code=404, detail="Order not found")
        if row["status"] not in ("pending", "paid"):
            raise HTTPException(status_code=409, detail=f"Cannot cancel an order that is {row['status']}")
        conn.execute("UPDATE orders SET status = 'cancelled' WHERE id = ?", (order_id,))
    return {"id": order_id, "status": "cancelled"}
