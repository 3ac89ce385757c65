import os
import secrets
import time

from flask import Flask, abort, jsonify, request, send_file, session
from werkzeug.utils import secure_filename

app = Flask(__name__)
app.config.update(
    SECRET_KEY=os.environ.get("SECRET_KEY", secrets.token_hex(16)),
    MAX_CONTENT_LENGTH=20 * 1024 * 1024,
    UPLOAD_ROOT=os.path.abspath(os.environ.get("UPLOAD_ROOT", "shared")),
)
os.makedirs(app.config["UPLOAD_ROOT"], exist_ok=True)

# share id -> file name and expiry
SHARES: dict[str, dict] = {}


def user_dir(user: str) -> str:
    path = os.path.join(app.config["UPLOAD_ROOT"], secure_filename(user))
    os.makedirs(path, exist_ok=True)
    return path


@app.post("/session")
def start_session():
    user = (request.get_json(silent=True) or {}).get("user", "")
    if not user.isalnum():
        abort(400)
    session["user"] = user
    return jsonify(user=user)


@app.post("/files")
def upload():
    user = session.get("user") or abort(401)
    f = request.files.get("file")
    if f is None or not f.filename:
        return jsonify(error="no file"), 400
    name = secure_filename(f.filename)
    f.save(os.path.join(user_dir(user), name))
    return jsonify(name=name), 201


@app.get("/files")
def list_files():
    user = session.get("user") or abort(401)
    return jsonify(sorted(os.listdir(user_dir(user))))


@app.get("/files/download")
def download():
    user = session.get("user") or abort(401)
    name = request.args.get("name", "")
    path = os.path.join(user_dir(user), name)
    if not os.path.isfile(path):
        abort(404)
    return send_file(path, as_attachment=True)


@app.post("/files/<name>/share")
def share(name):
    user = session.get("user") or abort(401)
    path = os.path.join(user_dir(user), secure_filename(name))
    if not os.path.isfile(path):
        abort(404)
    share_id = secrets.token_urlsafe(16)
    hours = int(request.args.get("hours", 24))
    SHARES[share_id] = {"path": path, "expires": time.time() + min(hours, 168) * 3600}
    return jsonify(url=f"/s/{share_id}")


@app.get("/s/<share_id>")
def open_share(share_id):
    entry = SHARES.get(share_id)
    if entry is None or entry["expires"] < time.time():
        abort(404)
    return send_file(entry["path"], as_attachment=True)
