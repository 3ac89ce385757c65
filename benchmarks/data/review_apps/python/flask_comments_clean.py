import os
import sqlite3

from flask import Flask, abort, redirect, render_template_string, request, session, url_for

app = Flask(__name__)
app.secret_key = os.environ["SECRET_KEY"]

TEMPLATE = """
<h1>Comments</h1>
<ul>{% for c in comments %}<li><b>{{ c[0] }}</b>: {{ c[1] }}</li>{% endfor %}</ul>
<form method="post"><textarea name="text" maxlength="1000"></textarea><button>Send</button></form>
"""


def db():
    return sqlite3.connect("comments.db")


@app.route("/comments", methods=["GET", "POST"])
def comments():
    if request.method == "POST":
        if "user" not in session:
            abort(401)
        text = request.form.get("text", "").strip()[:1000]
        if text:
            conn = db()
            conn.execute("INSERT INTO comments (author, text) VALUES (?, ?)",
                         (session["user"], text))
            conn.commit()
        return redirect(url_for("comments"))
    rows = db().execute("SELECT author, text FROM comments ORDER BY id DESC LIMIT 100").fetchall()
    return render_template_string(TEMPLATE, comments=rows)
