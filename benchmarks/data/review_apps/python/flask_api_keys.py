import random
import sqlite3

from flask import Flask, jsonify, request

app = Flask(__name__)


def db():
    conn = sqlite3.connect("keys.db")
    conn.execute("CREATE TABLE IF NOT EXISTS api_keys (id INTEGER PRIMARY KEY, owner TEXT, "
                 "key TEXT)")
    return conn


@app.route("/api-keys", methods=["POST"])
def create_key():
    owner = request.json["owner"]
    key = "sk_" + "%030x" % random.getrandbits(120)
    conn = db()
    conn.execute("INSERT INTO api_keys (owner, key) VALUES (?, ?)", (owner, key))
    conn.commit()
    return jsonify({"key": key}), 201


@app.route("/api/data")
def data():
    key = request.headers.get("X-API-Key", "")
    row = db().execute("SELECT owner FROM api_keys WHERE key = ?", (key,)).fetchone()
    if row is None:
        return jsonify({"error": "unauthorized"}), 401
    return jsonify({"owner": row[0], "data": [1, 2, 3]})
