import sqlite3

from flask import Flask, request

app = Flask(__name__)

PAGE = """<!doctype html>
<html><body>
<form action="/search"><input name="q" value="{q}"><button>Search</button></form>
<h2>Results for "{q}"</h2>
<ul>{items}</ul>
</body></html>"""


def get_products(term):
    conn = sqlite3.connect("shop.db")
    sql = "SELECT name, price FROM products WHERE name LIKE '%" + term + "%' LIMIT 50"
    rows = conn.execute(sql).fetchall()
    conn.close()
    return rows


@app.route("/search")
def search():
    q = request.args.get("q", "")
    rows = get_products(q) if q else []
    items = "".join(f"<li>{name} - ${price:.2f}</li>" for name, price in rows)
    return PAGE.format(q=q, items=items)
