"""Team file drop: signed-in members upload files to a shared folder, list them, download them,
and delete the ones they no longer need."""
import os
from datetime import datetime, timezone

from flask import Flask, abort, jsonify, request, send_from_directory, session
from werkzeug.utils import secure_filename

app = Flask(__name__)
app.secret_key = os.environ["FILEDROP_SECRET"]
app.config["MAX_CONTENT_LENGTH"] = 10 * 1024 * 1024  # 10 MB
UPLOAD_FOLDER = os.path.abspath(os.environ.get("UPLOAD_FOLDER", "uploads"))
ALLOWED_EXTENSIONS = {"txt", "pdf", "png", "jpg", "jpeg", "csv", "docx"}
TEAM_TOKENS = {t for t in os.environ.get("TEAM_TOKENS", "").split(",") if t}

os.makedirs(UPLOAD_FOLDER, exist_ok=True)


def allowed_file(filename):
    return "." in filename and filename.rsplit(".", 1)[1].lower() in ALLOWED_EXTENSIONS


@app.post("/login")
def login():
    token = (request.get_json(silent=True) or {}).get("token", "")
    if token not in TEAM_TOKENS:
        abort(401)
    session["member"] = True
    return {"ok": True}


@app.before_request
def require_member():
    if request.endpoint != "login" and not session.get("member"):
        abort(401)


@app.post("/files")
def upload_file():
    if "file" not in request.files:
        return jsonify(error="No file part"), 400
    file = request.files["file"]
    if file.filename == "":
        return jsonify(error="No selected file"), 400
    if not allowed_file(file.filename):
        return jsonify(error="File type not allowed"), 400
    filename = secure_filename(file.filename)
    file.save(os.path.join(UPLOAD_FOLDER, filename))
    return jsonify(filename=filename), 201


@app.get("/files")
def list_files():
    files = []
    for name in sorted(os.listdir(UPLOAD_FOLDER)):
        st = os.stat(os.path.join(UPLOAD_FOLDER, name))
        files.append({
            "name": name,
            "size": st.st_size,
            "modified": datetime.fromtimestamp(st.st_mtime, timezone.utc).isoformat(),
        })
    return jsonify(files)


@app.get("/files/<path:filename>")
def download_file(filename):
    return send_from_directory(UPLOAD_FOLDER, filename, as_attachment=True)


@app.post("/files/delete")
def delete_files():
    data = request.get_json(silent=True) or {}
    deleted = []
    for name in data.get("names", []):
        path = os.path.join(UPLOAD_FOLDER, name)
        if os.path.isfile(path):
            os.remove(path)
            deleted.append(name)
    return jsonify(deleted=deleted)


if __name__ == "__main__":
    app.run()
