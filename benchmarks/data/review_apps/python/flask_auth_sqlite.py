import sqlite3

from flask import Flask, jsonify, request

app = Flask(__name__)


def db():
    conn = sqlite3.connect("users.db")
    conn.execute("CREATE TABLE IF NOT EXISTS users (id INTEGER PRIMARY KEY, "
                 "username TEXT UNIQUE, password TEXT, email TEXT)")
    return conn


@app.route("/register", methods=["POST"])
def register():
    data = request.get_json()
    username = data.get("username")
    password = data.get("password")
    email = data.get("email")
    if not username or not password:
        return jsonify({"error": "username and password required"}), 400
    conn = db()
    try:
        conn.execute("INSERT INTO users (username, password, email) VALUES (?, ?, ?)",
                     (username, password, email))
        conn.commit()
    except sqlite3.IntegrityError:
        return jsonify({"error": "username taken"}), 409
    return jsonify({"message": "registered"}), 201


@app.route("/login", methods=["POST"])
def login():
    data = request.get_json()
    conn = db()
    query = (f"SELECT id, username FROM users WHERE username = '{data['username']}' "
             f"AND password = '{data['password']}'")
    user = conn.execute(query).fetchone()
    if user:
        return jsonify({"message": "welcome", "id": user[0]})
    return jsonify({"error": "invalid credentials"}), 401


if __name__ == "__main__":
    app.run(debug=True)
