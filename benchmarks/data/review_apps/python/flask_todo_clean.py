import os
import sqlite3
from functools import wraps

from flask import Flask, abort, g, jsonify, request, session
from werkzeug.security import check_password_hash, generate_password_hash

app = Flask(__name__)
app.config.update(SECRET_KEY=os.environ["SECRET_KEY"], SESSION_COOKIE_SECURE=True,
                  SESSION_COOKIE_HTTPONLY=True, SESSION_COOKIE_SAMESITE="Lax",
                  MAX_CONTENT_LENGTH=64 * 1024)


def get_db():
    if "db" not in g:
        g.db = sqlite3.connect("todo.db")
    return g.db


def login_required(view):
    @wraps(view)
    def wrapped(*args, **kwargs):
        if "user_id" not in session:
            abort(401)
        return view(*args, **kwargs)
    return wrapped


@app.post("/register")
def register():
    data = request.get_json(force=True)
    username, password = str(data.get("username", "")), str(data.get("password", ""))
    if not (3 <= len(username) <= 32) or len(password) < 8:
        return jsonify(error="invalid username or password"), 400
    get_db().execute("INSERT INTO users (username, pw) VALUES (?, ?)",
                     (username, generate_password_hash(password)))
    get_db().commit()
    return jsonify(ok=True), 201


@app.post("/login")
def login():
    data = request.get_json(force=True)
    row = get_db().execute("SELECT id, pw FROM users WHERE username = ?",
                           (str(data.get("username", "")),)).fetchone()
    if row is None or not check_password_hash(row[1], str(data.get("password", ""))):
        return jsonify(error="invalid credentials"), 401
    session.clear()
    session["user_id"] = row[0]
    return jsonify(ok=True)


@app.get("/todos")
@login_required
def todos():
    rows = get_db().execute("SELECT id, text, done FROM todos WHERE owner = ?",
                            (session["user_id"],)).fetchall()
    return jsonify([{"id": r[0], "text": r[1], "done": bool(r[2])} for r in rows])


@app.post("/todos")
@login_required
def add_todo():
    text = str(request.get_json(force=True).get("text", "")).strip()
    if not 1 <= len(text) <= 500:
        return jsonify(error="text must be 1-500 characters"), 400
    get_db().execute("INSERT INTO todos (owner, text, done) VALUES (?, ?, 0)",
                     (session["user_id"], text))
    get_db().commit()
    return jsonify(ok=True), 201


@app.delete("/todos/<int:todo_id>")
@login_required
def delete_todo(todo_id):
    cur = get_db().execute("DELETE FROM todos WHERE id = ? AND owner = ?",
                           (todo_id, session["user_id"]))
    get_db().commit()
    if cur.rowcount == 0:
        abort(404)
    return "", 204
