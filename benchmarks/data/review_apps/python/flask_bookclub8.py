"""Book club: members post reviews of the month's book; the club page lists them."""
import os
import sqlite3
from functools import wraps

from flask import Flask, abort, g, jsonify, redirect, request, session, url_for
from markupsafe import escape
from werkzeug.security import check_password_hash, generate_password_hash

app = Flask(__name__)
app.secret_key = os.environ["BOOKCLUB_SECRET"]
app.config["MAX_CONTENT_LENGTH"] = 100 * 1024
DB = "bookclub.db"

PAGE = """<!doctype html>
<html><head><meta charset="utf-8"><title>{title}</title></head>
<body>
<h1>{title}</h1>
<p>by {author}</p>
<ul class="reviews">
{reviews}
</ul>
<form method="post" action="/books/{book_id}/reviews">
  <select name="stars">{options}</select>
  <textarea name="text" maxlength="4000"></textarea>
  <button>Post review</button>
</form>
</body></html>"""


def db():
    if "db" not in g:
        g.db = sqlite3.connect(DB)
        g.db.row_factory = sqlite3.Row
    return g.db


@app.teardown_appcontext
def close_db(_):
    conn = g.pop("db", None)
    if conn is not None:
        conn.close()


def init_db():
    with sqlite3.connect(DB) as conn:
        conn.executescript("""
        CREATE TABLE IF NOT EXISTS members (id INTEGER PRIMARY KEY, name TEXT UNIQUE, pw TEXT);
        CREATE TABLE IF NOT EXISTS books (id INTEGER PRIMARY KEY, title TEXT, author TEXT);
        CREATE TABLE IF NOT EXISTS reviews (id INTEGER PRIMARY KEY, book_id INTEGER,
            member_id INTEGER, stars INTEGER, text TEXT);""")
        conn.execute("INSERT OR IGNORE INTO books (id, title, author) VALUES "
                     "(1, 'The Left Hand of Darkness', 'Ursula K. Le Guin')")


def member_required(view):
    @wraps(view)
    def wrapper(*args, **kwargs):
        if "member_id" not in session:
            return redirect(url_for("login_page"))
        return view(*args, **kwargs)
    return wrapper


@app.post("/join")
def join():
    name = request.form.get("name", "").strip()
    password = request.form.get("password", "")
    if not name or len(name) > 40 or len(password) < 8:
        return jsonify(error="name (max 40) and password (8+) required"), 400
    try:
        db().execute("INSERT INTO members (name, pw) VALUES (?, ?)",
                     (name, generate_password_hash(password)))
        db().commit()
    except sqlite3.IntegrityError:
        return jsonify(error="name taken"), 409
    return jsonify(ok=True), 201


@app.route("/login", methods=["GET", "POST"], endpoint="login_page")
def login():
    if request.method == "GET":
        return '<form method="post"><input name="name"><input name="password" type="password">' \
               '<button>Log in</button></form>'
    row = db().execute("SELECT id, pw FROM members WHERE name = ?",
                       (request.form.get("name", ""),)).fetchone()
    if row is None or not check_password_hash(row["pw"], request.form.get("password", "")):
        return jsonify(error="wrong name or password"), 401
    session["member_id"] = row["id"]
    return redirect(url_for("book_page", book_id=1))


def render_review(review):
    """One review as a list item: stars, the member's name, and the text with line breaks."""
    stars = "&#9733;" * review["stars"]
    text = review["text"].replace("\r\n", "\n").replace("\n", "<br>")
    return f'<li><span class="stars">{stars}</span> <b>{escape(review["name"])}</b><p>{text}</p></li>'


@app.get("/books/<int:book_id>")
@member_required
def book_page(book_id):
    book = db().execute("SELECT id, title, author FROM books WHERE id = ?", (book_id,)).fetchone()
    if book is None:
        abort(404)
    reviews = db().execute("SELECT r.stars, r.text, m.name FROM reviews r JOIN members m "
                           "ON m.id = r.member_id WHERE r.book_id = ? ORDER BY r.id DESC",
                           (book_id,)).fetchall()
    options = "".join(f'<option value="{n}">{n}</option>' for n in range(1, 6))
    return PAGE.format(title=escape(book["title"]), author=escape(book["author"]),
                       reviews="\n".join(render_review(r) for r in reviews),
                       book_id=book["id"], options=options)


@app.post("/books/<int:book_id>/reviews")
@member_required
def post_review(book_id):
    try:
        stars = int(request.form.get("stars", ""))
    except ValueError:
        return jsonify(error="stars must be a number"), 400
    if not 1 <= stars <= 5:
        return jsonify(error="stars must be 1-5"), 400
    text = request.form.get("text", "").strip()
    if not text or len(text) > 4000:
        return jsonify(error="review text required (max 4000 characters)"), 400
    if db().execute("SELECT 1 FROM books WHERE id = ?", (book_id,)).fetchone() is None:
        abort(404)
    db().execute("INSERT INTO reviews (book_id, member_id, stars, text) VALUES (?, ?, ?, ?)",
                 (book_id, session["member_id"], stars, text))
    db().commit()
    return redirect(url_for("book_page", book_id=book_id))
