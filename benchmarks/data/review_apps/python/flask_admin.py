import logging
import sqlite3

from flask import Flask, jsonify, request

app = Flask(__name__)
logging.basicConfig(filename="admin.log", level=logging.INFO)
logger = logging.getLogger(__name__)


def db():
    return sqlite3.connect("app.db")


def is_admin():
    return request.cookies.get("role") == "admin"


@app.route("/admin/users")
def admin_users():
    if not is_admin():
        return jsonify({"error": "forbidden"}), 403
    rows = db().execute("SELECT id, username, email FROM users").fetchall()
    return jsonify([{"id": r[0], "username": r[1], "email": r[2]} for r in rows])


@app.route("/admin/users/<int:user_id>", methods=["DELETE"])
def delete_user(user_id):
    if not is_admin():
        return jsonify({"error": "forbidden"}), 403
    reason = request.args.get("reason", "")
    conn = db()
    conn.execute("DELETE FROM users WHERE id = ?", (user_id,))
    conn.commit()
    logger.info("user %d deleted by admin, reason: " + reason, user_id)
    return jsonify({"deleted": user_id})
