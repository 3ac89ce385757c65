import os
import sqlite3

from flask import Flask, abort, render_template_string, request, session
from markupsafe import Markup

app = Flask(__name__)
app.secret_key = os.environ.get("SECRET_KEY", os.urandom(32))

PROFILE = """
<h1>{{ user.display_name }}</h1>
<div class="bio">{{ bio }}</div>
<p>Website: <a href="{{ user.website }}">{{ user.website }}</a></p>
"""


def db():
    conn = sqlite3.connect("profiles.db")
    conn.row_factory = sqlite3.Row
    return conn


@app.route("/profile/<username>")
def profile(username):
    user = db().execute("SELECT * FROM profiles WHERE username = ?", (username,)).fetchone()
    if user is None:
        abort(404)
    return render_template_string(PROFILE, user=user, bio=Markup(user["bio"]))


@app.route("/profile", methods=["POST"])
def update_profile():
    if "user_id" not in session:
        abort(401)
    fields = {k: v for k, v in request.form.items()}
    sets = ", ".join(f"{k} = ?" for k in fields)
    conn = db()
    conn.execute(f"UPDATE profiles SET {sets} WHERE id = ?",
                 (*fields.values(), session["user_id"]))
    conn.commit()
    return {"updated": list(fields)}
