"""Recipe box: browse, search and add recipes; pages rendered with Jinja templates."""
import os
import sqlite3

from flask import Flask, abort, g, redirect, render_template_string, request, url_for
from markupsafe import Markup

app = Flask(__name__)
app.config["SECRET_KEY"] = os.environ["RECIPES_SECRET_KEY"]
DATABASE = os.environ.get("RECIPES_DB", "recipes.db")

LAYOUT = """<!doctype html>
<title>{{ title }} - Recipe Box</title>
<nav>{{ crumbs }}</nav>
<main>{% block body %}{% endblock %}</main>"""

LIST_PAGE = LAYOUT.replace("{% block body %}{% endblock %}", """
<form action="{{ url_for('index') }}"><input name="q" value="{{ q }}"><button>Search</button></form>
<ul>{% for r in recipes %}
  <li><a href="{{ url_for('show', recipe_id=r.id) }}">{{ r.title }}</a> ({{ r.minutes }} min)</li>
{% endfor %}</ul>""")

RECIPE_PAGE = LAYOUT.replace("{% block body %}{% endblock %}", """
<h1>{{ recipe.title }}</h1>
<p>By {{ recipe.author }} &middot; {{ recipe.minutes }} minutes</p>
<h2>Ingredients</h2><ul>{% for i in ingredients %}<li>{{ i }}</li>{% endfor %}</ul>
<h2>Method</h2><p>{{ recipe.method }}</p>""")


def db():
    if "db" not in g:
        g.db = sqlite3.connect(DATABASE)
        g.db.row_factory = sqlite3.Row
    return g.db


@app.teardown_appcontext
def close(exc):
    conn = g.pop("db", None)
    if conn:
        conn.close()


def init_db():
    conn = sqlite3.connect(DATABASE)
    conn.execute("CREATE TABLE IF NOT EXISTS recipes (id INTEGER PRIMARY KEY, title TEXT, "
                 "author TEXT, minutes INTEGER, ingredients TEXT, method TEXT)")
    conn.commit()
    conn.close()


def breadcrumbs(*parts):
    links = ['<a href="/">Recipes</a>']
    for label, href in parts:
        links.append(f'<a href="{href}">{label}</a>')
    return Markup(" &rsaquo; ".join(links))


@app.get("/")
def index():
    q = request.args.get("q", "").strip()
    if q:
        rows = db().execute("SELECT id, title, minutes FROM recipes WHERE title LIKE ? "
                            "ORDER BY title LIMIT 50", (f"%{q}%",)).fetchall()
    else:
        rows = db().execute("SELECT id, title, minutes FROM recipes ORDER BY id DESC "
                            "LIMIT 50").fetchall()
    return render_template_string(LIST_PAGE, title="All recipes", q=q, recipes=rows,
                                  crumbs=breadcrumbs())


@app.get("/recipes/<int:recipe_id>")
def show(recipe_id):
    recipe = db().execute("SELECT * FROM recipes WHERE id = ?", (recipe_id,)).fetchone()
    if recipe is None:
        abort(404)
    crumbs = breadcrumbs((recipe["title"], url_for("show", recipe_id=recipe_id)))
    return render_template_string(RECIPE_PAGE, title=recipe["title"], recipe=recipe,
                                  ingredients=recipe["ingredients"].splitlines(), crumbs=crumbs)


@app.post("/recipes")
def create():
    title = request.form.get("title", "").strip()[:120]
    author = request.form.get("author", "anonymous").strip()[:60]
    try:
        minutes = int(request.form.get("minutes", "0"))
    except ValueError:
        minutes = 0
    if not title or not 0 < minutes <= 24 * 60:
        abort(400)
    cur = db().execute(
        "INSERT INTO recipes (title, author, minutes, ingredients, method) VALUES (?, ?, ?, ?, ?)",
        (title, author, minutes, request.form.get("ingredients", ""),
         request.form.get("method", "")),
    )
    db().commit()
    return redirect(url_for("show", recipe_id=cur.lastrowid), code=303)


if __name__ == "__main__":
    init_db()
    app.run(debug=os.environ.get("FLASK_DEBUG") == "1")
