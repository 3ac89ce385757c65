"""Product catalogue search for a small shop: a results page with sorting, and a type-ahead
endpoint the search box calls as the user types."""
import os
import sqlite3

from flask import Flask, render_template_string, request

app = Flask(__name__)
DB_PATH = os.environ.get("CATALOG_DB", "catalog.db")

SORTS = {
    "price_asc": "price ASC",
    "price_desc": "price DESC",
    "name": "name COLLATE NOCASE ASC",
    "newest": "added_at DESC",
}

RESULTS = """<!doctype html>
<title>Search: {{ q }}</title>
<form><input name=q value="{{ q }}"><select name=sort>
{% for key in sorts %}<option {% if key == sort %}selected{% endif %}>{{ key }}</option>{% endfor %}
</select></form>
<p>{{ rows|length }} result(s) for <b>{{ q }}</b></p>
<ul>{% for r in rows %}<li>{{ r["name"] }} &mdash; ${{ "%.2f"|format(r["price"]) }}</li>{% endfor %}</ul>"""


def get_conn():
    conn = sqlite3.connect(DB_PATH)
    conn.row_factory = sqlite3.Row
    return conn


def init_db():
    with get_conn() as conn:
        conn.execute("CREATE TABLE IF NOT EXISTS products (id INTEGER PRIMARY KEY, name TEXT, "
                     "description TEXT, price REAL, added_at TEXT DEFAULT CURRENT_TIMESTAMP)")


@app.route("/search")
def search():
    q = request.args.get("q", "").strip()
    sort = request.args.get("sort", "name")
    order_by = SORTS.get(sort, SORTS["name"])
    like = f"%{q}%"
    with get_conn() as conn:
        rows = conn.execute(
            f"SELECT name, price FROM products WHERE name LIKE ? OR description LIKE ? "
            f"ORDER BY {order_by} LIMIT 50",
            (like, like),
        ).fetchall()
    return render_template_string(RESULTS, q=q, rows=rows, sort=sort, sorts=SORTS)


@app.route("/suggest")
def suggest():
    """Returns an HTML fragment of <li> suggestions for the dropdown under the search box."""
    prefix = request.args.get("q", "")
    if len(prefix) < 2:
        return ""
    with get_conn() as conn:
        names = [r["name"] for r in conn.execute(
            "SELECT name FROM products WHERE name LIKE ? ORDER BY name LIMIT 8", (prefix + "%",))]
    if not names:
        return f'<li class="empty">No products match "{prefix}"</li>'
    return "".join(f"<li>{n}</li>" for n in names)


if __name__ == "__main__":
    init_db()
    app.run()
