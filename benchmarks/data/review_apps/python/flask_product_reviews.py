import os
import sqlite3
from datetime import datetime

from flask import Flask, abort, g, jsonify, redirect, render_template_string, request, session
from werkzeug.security import check_password_hash

app = Flask(__name__)
app.secret_key = os.environ.get("SECRET_KEY") or os.urandom(32)
DATABASE = os.environ.get("REVIEWS_DB", "reviews.db")

PRODUCT_PAGE = """
{% extends "base" %}
{% block content %}
<h1>{{ product.name }}</h1>
<p class="price">${{ "%.2f"|format(product.price) }}</p>
<p>Average rating: {{ "%.1f"|format(avg) }} / 5 ({{ reviews|length }} reviews)</p>
{% for r in reviews %}
<div class="review">
  <strong>{{ r.author }}</strong> rated it {{ r.rating }}/5
  <div class="review-body">{{ r.body|safe }}</div>
</div>
{% endfor %}
{% endblock %}
"""
BASE = """<!doctype html><html><head><title>Shop</title></head><body>
{% block content %}{% endblock %}</body></html>"""
app.jinja_loader = __import__("jinja2").DictLoader({"base": BASE})


def get_db():
    if "db" not in g:
        g.db = sqlite3.connect(DATABASE)
        g.db.row_factory = sqlite3.Row
        g.db.executescript("""
        CREATE TABLE IF NOT EXISTS users (id INTEGER PRIMARY KEY, name TEXT UNIQUE, pw TEXT);
        CREATE TABLE IF NOT EXISTS products (id INTEGER PRIMARY KEY, name TEXT, price REAL);
        CREATE TABLE IF NOT EXISTS reviews (id INTEGER PRIMARY KEY, product_id INTEGER,
            author TEXT, rating INTEGER, body TEXT, created TEXT);""")
    return g.db


@app.teardown_appcontext
def close(_exc):
    db = g.pop("db", None)
    if db:
        db.close()


@app.post("/login")
def login():
    name = request.form.get("name", "")
    row = get_db().execute("SELECT pw FROM users WHERE name = ?", (name,)).fetchone()
    if row is None or not check_password_hash(row["pw"], request.form.get("password", "")):
        abort(401)
    session["name"] = name
    return jsonify(ok=True)


@app.get("/products/<int:pid>")
def product(pid):
    db = get_db()
    p = db.execute("SELECT * FROM products WHERE id = ?", (pid,)).fetchone()
    if p is None:
        abort(404)
    reviews = db.execute("SELECT author, rating, body FROM reviews WHERE product_id = ? "
                         "ORDER BY id DESC LIMIT 50", (pid,)).fetchall()
    avg = db.execute("SELECT AVG(rating) FROM reviews WHERE product_id = ?", (pid,)).fetchone()[0]
    return render_template_string(PRODUCT_PAGE, product=p, reviews=reviews, avg=avg or 0)


@app.post("/products/<int:pid>/reviews")
def add_review(pid):
    if "name" not in session:
        abort(401)
    rating = request.form.get("rating", type=int)
    body = request.form.get("body", "").strip()
    if rating is None or not body:
        abort(400)
    body = body.replace("\n", "<br>")
    db = get_db()
    if db.execute("SELECT 1 FROM products WHERE id = ?", (pid,)).fetchone() is None:
        abort(404)
    db.execute("INSERT INTO reviews (product_id, author, rating, body, created) "
               "VALUES (?, ?, ?, ?, ?)", (pid, session["name"], rating, body,
                                          datetime.utcnow().isoformat()))
    db.commit()
    return redirect(f"/products/{pid}")
