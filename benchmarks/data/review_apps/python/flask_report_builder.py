"""Sales reports for the finance team: JSON and CSV, filtered and grouped."""
import csv
import io
import os
import random
import sqlite3
from datetime import date, timedelta

from flask import Flask, Response, abort, jsonify, request

app = Flask(__name__)
DB = os.environ.get("SALES_DB", "sales.db")
GROUPS = {"region": "region", "product": "product", "day": "sold_on"}
API_TOKEN = os.environ.get("REPORTS_TOKEN", "")


def db():
    conn = sqlite3.connect(DB)
    conn.row_factory = sqlite3.Row
    return conn


def seed(n=2000):
    with db() as c:
        c.execute("CREATE TABLE IF NOT EXISTS sales (id INTEGER PRIMARY KEY, region TEXT, "
                  "product TEXT, amount REAL, sold_on TEXT)")
        if c.execute("SELECT COUNT(*) FROM sales").fetchone()[0]:
            return
        rnd = random.Random(7)
        start = date(2026, 1, 1)
        c.executemany("INSERT INTO sales (region, product, amount, sold_on) VALUES (?, ?, ?, ?)", [
            (rnd.choice(["north", "south", "east", "west"]), rnd.choice(["A", "B", "C"]),
             round(rnd.uniform(5, 500), 2), str(start + timedelta(days=rnd.randrange(300))))
            for _ in range(n)])


@app.before_request
def auth():
    if not API_TOKEN or request.headers.get("Authorization") != f"Bearer {API_TOKEN}":
        abort(401)


@app.get("/reports/summary")
def summary():
    group = request.args.get("group", "region")
    column = GROUPS.get(group)
    if column is None:
        return jsonify(error=f"group must be one of {sorted(GROUPS)}"), 400
    rows = db().execute(f"SELECT {column} AS k, COUNT(*) AS n, ROUND(SUM(amount), 2) AS total "
                        f"FROM sales GROUP BY {column} ORDER BY {column}").fetchall()
    return jsonify([dict(r) for r in rows])


@app.get("/reports/forecast")
def forecast():
    """Naive forecast: repeat the daily average for the requested number of days."""
    days = request.args.get("days", 30, type=int)
    avg = db().execute("SELECT AVG(d) FROM (SELECT SUM(amount) AS d FROM sales "
                       "GROUP BY sold_on)").fetchone()[0] or 0
    today = date.today()
    points = [{"day": str(today + timedelta(days=i)), "expected": round(avg, 2)}
              for i in range(days)]
    return jsonify(points=points)


@app.get("/reports/sales.csv")
def sales_csv():
    region = request.args.get("region")
    sql, args = "SELECT id, region, product, amount, sold_on FROM sales", []
    if region:
        sql += " WHERE region = ?"
        args.append(region)
    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow(["id", "region", "product", "amount", "sold_on"])
    writer.writerows(tuple(r) for r in db().execute(sql + " ORDER BY id LIMIT 10000", args))
    return Response(buf.getvalue(), mimetype="text/csv")


if __name__ == "__main__":
    seed()
    app.run(port=5050)
