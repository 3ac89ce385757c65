import os
import secrets
import sqlite3

import bcrypt
from flask import Flask, jsonify, make_response, redirect, request, session

app = Flask(__name__)
app.secret_key = os.environ["SECRET_KEY"]
app.config.update(SESSION_COOKIE_SECURE=True, SESSION_COOKIE_SAMESITE="Lax")

REMEMBER: dict[str, int] = {}


def users():
    c = sqlite3.connect("site.db")
    c.execute("CREATE TABLE IF NOT EXISTS users (id INTEGER PRIMARY KEY, username TEXT UNIQUE, "
              "pw BLOB)")
    return c


@app.post("/register")
def register():
    username = request.form.get("username", "").strip()
    password = request.form.get("password", "")
    if not username or len(password) < 10:
        return jsonify(error="username and a 10+ character password required"), 400
    pw = bcrypt.hashpw(password.encode(), bcrypt.gensalt())
    with users() as c:
        c.execute("INSERT INTO users (username, pw) VALUES (?, ?)", (username, pw))
    return jsonify(ok=True), 201


@app.route("/login", methods=["GET", "POST"])
def login():
    next_url = request.args.get("next", "/dashboard")
    if request.method == "GET":
        return (f'<form method="post"><input name="username"><input name="password" '
                f'type="password"><label><input type="checkbox" name="remember"> remember me'
                f'</label><button>Sign in</button></form>')
    row = users().execute("SELECT id, pw FROM users WHERE username = ?",
                          (request.form.get("username", ""),)).fetchone()
    if row is None or not bcrypt.checkpw(request.form.get("password", "").encode(), row[1]):
        return "Invalid username or password", 401
    session["uid"] = row[0]
    resp = make_response(redirect(next_url))
    if request.form.get("remember"):
        token = secrets.token_urlsafe(32)
        REMEMBER[token] = row[0]
        resp.set_cookie("remember_token", token, max_age=30 * 24 * 3600)
    return resp


@app.get("/dashboard")
def dashboard():
    uid = session.get("uid")
    if uid is None and request.cookies.get("remember_token") in REMEMBER:
        uid = REMEMBER[request.cookies["remember_token"]]
        session["uid"] = uid
    if uid is None:
        return redirect("/login?next=/dashboard")
    return jsonify(uid=uid, message="welcome back")


@app.post("/logout")
def logout():
    REMEMBER.pop(request.cookies.get("remember_token", ""), None)
    session.clear()
    resp = make_response(redirect("/login"))
    resp.delete_cookie("remember_token")
    return resp
