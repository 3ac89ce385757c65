import hashlib
import secrets
import sqlite3

from flask import Flask, jsonify, make_response, request

app = Flask(__name__)
SESSIONS: dict[str, int] = {}


def db():
    return sqlite3.connect("members.db")


@app.post("/signup")
def signup():
    body = request.get_json()
    pw_hash = hashlib.md5(body["password"].encode()).hexdigest()
    conn = db()
    conn.execute("INSERT INTO members (email, pw_hash) VALUES (?, ?)", (body["email"], pw_hash))
    conn.commit()
    return jsonify(ok=True), 201


@app.post("/signin")
def signin():
    body = request.get_json()
    row = db().execute("SELECT id, pw_hash FROM members WHERE email = ?",
                       (body["email"],)).fetchone()
    if not row or hashlib.md5(body["password"].encode()).hexdigest() != row[1]:
        return jsonify(error="invalid"), 401
    sid = secrets.token_urlsafe(32)
    SESSIONS[sid] = row[0]
    resp = make_response(jsonify(ok=True))
    resp.set_cookie("sid", sid)
    return resp
