"""Inventory service for a small warehouse team: items with stock levels per location,
stock movements, and a per-location stock report."""
import os
import secrets
import sqlite3
from typing import Literal

from fastapi import Depends, FastAPI, HTTPException, Query
from fastapi.security import APIKeyHeader
from pydantic import BaseModel, Field

app = FastAPI(title="Inventory")
api_key = APIKeyHeader(name="X-API-Key")
DB = os.environ.get("INVENTORY_DB", "inventory.db")
SORTS = {"name": "name", "quantity": "quantity", "sku": "sku"}


def db():
    conn = sqlite3.connect(DB)
    conn.row_factory = sqlite3.Row
    return conn


def init_db():
    with db() as conn:
        conn.executescript("""
        CREATE TABLE IF NOT EXISTS staff (id INTEGER PRIMARY KEY, name TEXT, api_key TEXT UNIQUE);
        CREATE TABLE IF NOT EXISTS items (sku TEXT PRIMARY KEY, name TEXT, location TEXT,
            quantity INTEGER DEFAULT 0);
        CREATE TABLE IF NOT EXISTS movements (id INTEGER PRIMARY KEY, sku TEXT, delta INTEGER,
            staff_id INTEGER, reason TEXT);""")


def new_staff(name):
    key = secrets.token_urlsafe(32)
    with db() as conn:
        conn.execute("INSERT INTO staff (name, api_key) VALUES (?, ?)", (name, key))
    return key


def staff(key: str = Depends(api_key)):
    with db() as conn:
        row = conn.execute("SELECT id, name FROM staff WHERE api_key = ?", (key,)).fetchone()
    if row is None:
        raise HTTPException(status_code=401, detail="invalid API key")
    return row


class ItemIn(BaseModel):
    sku: str = Field(pattern=r"^[A-Z0-9-]{3,20}$")
    name: str = Field(min_length=1, max_length=120)
    location: str = Field(min_length=1, max_length=40)


class Movement(BaseModel):
    delta: int = Field(ge=-10_000, le=10_000)
    reason: str = Field(max_length=200)


@app.post("/items", status_code=201)
def add_item(item: ItemIn, who=Depends(staff)):
    try:
        with db() as conn:
            conn.execute("INSERT INTO items (sku, name, location) VALUES (?, ?, ?)",
                         (item.sku, item.name, item.location))
    except sqlite3.IntegrityError:
        raise HTTPException(status_code=409, detail="SKU exists")
    return item


@app.get("/items")
def list_items(sort: str = "name", order: Literal["asc", "desc"] = "asc", who=Depends(staff)):
    column = SORTS.get(sort)
    if column is None:
        raise HTTPException(status_code=400, detail="sort by name, quantity or sku")
    with db() as conn:
        rows = conn.execute(f"SELECT * FROM items ORDER BY {column} {order}").fetchall()
    return [dict(r) for r in rows]


@app.post("/items/{sku}/movements")
def move_stock(sku: str, mv: Movement, who=Depends(staff)):
    with db() as conn:
        item = conn.execute("SELECT quantity FROM items WHERE sku = ?", (sku,)).fetchone()
        if item is None:
            raise HTTPException(status_code=404, detail="no such item")
        if item["quantity"] + mv.delta < 0:
            raise HTTPException(status_code=409, detail="not enough stock")
        conn.execute("UPDATE items SET quantity = quantity + ? WHERE sku = ?", (mv.delta, sku))
        conn.execute("INSERT INTO movements (sku, delta, staff_id, reason) VALUES (?, ?, ?, ?)",
                     (sku, mv.delta, who["id"], mv.reason))
    return {"sku": sku, "quantity": item["quantity"] + mv.delta}


@app.get("/reports/stock")
def stock_report(location: str = Query(..., max_length=40), low: int = 5, who=Depends(staff)):
    query = (f"SELECT sku, name, quantity FROM items WHERE location = '{location}' "
             f"AND quantity <= {low} ORDER BY quantity")
    with db() as conn:
        rows = conn.execute(query).fetchall()
    return {"location": location, "low_stock": [dict(r) for r in rows]}
