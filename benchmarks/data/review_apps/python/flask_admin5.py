"""Internal admin console for a SaaS app: staff sign in, list users, suspend accounts and grant
the admin role. Members sign in through the same form and see only their own page."""
import logging
import os
import sqlite3
from functools import wraps

from flask import Flask, abort, flash, g, jsonify, redirect, render_template_string, request, session, url_for
from werkzeug.security import check_password_hash

app = Flask(__name__)
app.config["SECRET_KEY"] = os.environ.get("SECRET_KEY", "dev-secret-key-change-in-production")
DATABASE = "console.db"
audit = logging.getLogger("audit")

USERS_PAGE = """<h1>Users</h1><table>
{% for u in users %}<tr><td>{{ u.id }}</td><td>{{ u.email }}</td><td>{{ u.role }}</td>
<td>{{ 'suspended' if u.suspended else 'active' }}</td></tr>{% endfor %}</table>"""


def get_db():
    if "_db" not in g:
        g._db = sqlite3.connect(DATABASE)
        g._db.row_factory = sqlite3.Row
    return g._db


@app.teardown_appcontext
def close_connection(exception):
    db = g.pop("_db", None)
    if db is not None:
        db.close()


def init_db():
    with sqlite3.connect(DATABASE) as conn:
        conn.execute("CREATE TABLE IF NOT EXISTS users (id INTEGER PRIMARY KEY, email TEXT UNIQUE, "
                     "password_hash TEXT, role TEXT DEFAULT 'member', suspended INTEGER DEFAULT 0)")


def login_required(f):
    @wraps(f)
    def decorated_function(*args, **kwargs):
        if "user_id" not in session:
            return redirect(url_for("login"))
        return f(*args, **kwargs)
    return decorated_function


def admin_required(f):
    @wraps(f)
    def decorated_function(*args, **kwargs):
        if "user_id" not in session:
            return redirect(url_for("login"))
        if session.get("role") != "admin":
            abort(403)
        return f(*args, **kwargs)
    return decorated_function


@app.route("/login", methods=["GET", "POST"])
def login():
    if request.method == "POST":
        user = get_db().execute("SELECT * FROM users WHERE email = ?",
                                (request.form["email"],)).fetchone()
        if user and not user["suspended"] and check_password_hash(user["password_hash"],
                                                                  request.form["password"]):
            session["user_id"] = user["id"]
            session["role"] = user["role"]
            return redirect(url_for("users") if user["role"] == "admin" else url_for("me"))
        flash("Invalid credentials")
    return render_template_string("<form method=post><input name=email>"
                                  "<input name=password type=password><button>Login</button></form>")


@app.route("/me")
@login_required
def me():
    user = get_db().execute("SELECT id, email, role FROM users WHERE id = ?",
                            (session["user_id"],)).fetchone()
    return jsonify(dict(user))


@app.route("/admin/users")
@admin_required
def users():
    rows = get_db().execute("SELECT * FROM users ORDER BY id").fetchall()
    return render_template_string(USERS_PAGE, users=rows)


@app.route("/admin/users/<int:user_id>/suspend", methods=["POST"])
@admin_required
def suspend_user(user_id):
    db = get_db()
    db.execute("UPDATE users SET suspended = 1 WHERE id = ?", (user_id,))
    db.commit()
    audit.info("user %d suspended by %d", user_id, session["user_id"])
    return jsonify({"status": "suspended"})


@app.route("/admin/users/<int:user_id>/role", methods=["POST"])
@login_required
def set_role(user_id):
    role = request.get_json().get("role")
    if role not in ("member", "admin"):
        return jsonify({"error": "invalid role"}), 400
    db = get_db()
    db.execute("UPDATE users SET role = ? WHERE id = ?", (role, user_id))
    db.commit()
    audit.info("user %d role set to %s by %d", user_id, role, session["user_id"])
    return jsonify({"status": "updated", "role": role})


@app.route("/logout")
def logout():
    session.clear()
    return redirect(url_for("login"))


if __name__ == "__main__":
    init_db()
    app.run(host="0.0.0.0", port=5000)
