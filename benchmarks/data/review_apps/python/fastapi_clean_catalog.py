import html
import sqlite3
from typing import Literal

from fastapi import FastAPI, HTTPException, Query
from fastapi.responses import HTMLResponse

app = FastAPI(title="Catalog")
DB_PATH = "catalog.db"
SORTS = {"name": "name ASC", "price_asc": "price ASC", "price_desc": "price DESC"}


def connect() -> sqlite3.Connection:
    conn = sqlite3.connect(DB_PATH)
    conn.row_factory = sqlite3.Row
    conn.execute("CREATE TABLE IF NOT EXISTS products (id INTEGER PRIMARY KEY, name TEXT, "
                 "description TEXT, price REAL, category TEXT)")
    return conn


@app.get("/api/products")
def list_products(
    category: str | None = Query(None, max_length=50),
    q: str | None = Query(None, max_length=100),
    sort: Literal["name", "price_asc", "price_desc"] = "name",
    page: int = Query(1, ge=1, le=1000),
    per_page: int = Query(20, ge=1, le=100),
):
    where, args = [], []
    if category:
        where.append("category = ?")
        args.append(category)
    if q:
        where.append("(name LIKE ? OR description LIKE ?)")
        args += [f"%{q}%", f"%{q}%"]
    sql = "SELECT id, name, price, category FROM products"
    if where:
        sql += " WHERE " + " AND ".join(where)
    sql += f" ORDER BY {SORTS[sort]} LIMIT ? OFFSET ?"
    args += [per_page, (page - 1) * per_page]
    with connect() as conn:
        return [dict(r) for r in conn.execute(sql, args)]


@app.get("/products/{product_id}", response_class=HTMLResponse)
def product_page(product_id: int):
    with connect() as conn:
        p = conn.execute("SELECT * FROM products WHERE id = ?", (product_id,)).fetchone()
    if p is None:
        raise HTTPException(404, "no such product")
    name, desc = html.escape(p["name"]), html.escape(p["description"] or "")
    return (f"<!doctype html><title>{name}</title><h1>{name}</h1>"
            f"<p>{desc}</p><p class=price>{p['price']:.2f} EUR</p>")


@app.get("/search", response_class=HTMLResponse)
def search_page(q: str = Query("", max_length=100)):
    with connect() as conn:
        rows = conn.execute("SELECT id, name FROM products WHERE name LIKE ? LIMIT 50",
                            (f"%{q}%",)).fetchall()
    items = "".join(f'<li><a href="/products/{r["id"]}">{html.escape(r["name"])}</a></li>'
                    for r in rows)
    return (f'<form><input name="q" value="{html.escape(q, quote=True)}"></form>'
            f"<p>{len(rows)} results for {html.escape(q)}</p><ul>{items}</ul>")
