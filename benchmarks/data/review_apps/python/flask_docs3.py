"""Team document drop: upload images and PDFs, share them by link."""
import os
import uuid

from flask import Flask, abort, jsonify, request, send_from_directory
from werkzeug.utils import secure_filename

app = Flask(__name__)
app.config["MAX_CONTENT_LENGTH"] = 10 * 1024 * 1024
UPLOAD_DIR = os.path.abspath(os.environ.get("DOCS_DIR", "docs"))
ALLOWED = {"png", "jpg", "jpeg", "gif", "svg", "pdf"}
API_TOKEN = os.environ.get("DOCS_API_TOKEN")
os.makedirs(UPLOAD_DIR, exist_ok=True)


def allowed(filename: str) -> bool:
    return "." in filename and filename.rsplit(".", 1)[1].lower() in ALLOWED


@app.before_request
def require_token():
    if request.endpoint == "upload" and (
        not API_TOKEN or request.headers.get("Authorization") != f"Bearer {API_TOKEN}"
    ):
        abort(401)


@app.post("/docs")
def upload():
    f = request.files.get("file")
    if f is None or not f.filename:
        return jsonify(error="no file"), 400
    name = secure_filename(f.filename)
    if not allowed(name):
        return jsonify(error="only images and PDFs"), 400
    stored = f"{uuid.uuid4().hex}_{name}"
    f.save(os.path.join(UPLOAD_DIR, stored))
    return jsonify(id=stored, url=f"/docs/{stored}"), 201


@app.get("/docs/<path:doc_id>")
def download(doc_id):
    if not allowed(doc_id):
        abort(404)
    return send_from_directory(UPLOAD_DIR, doc_id)


@app.get("/docs")
def listing():
    names = sorted(os.listdir(UPLOAD_DIR))[:200]
    return jsonify([{"id": n, "url": f"/docs/{n}"} for n in names])


@app.delete("/docs/<doc_id>")
def delete(doc_id):
    if not API_TOKEN or request.headers.get("Authorization") != f"Bearer {API_TOKEN}":
        abort(401)
    path = os.path.join(UPLOAD_DIR, secure_filename(doc_id))
    if not os.path.isfile(path):
        abort(404)
    os.remove(path)
    return "", 204
