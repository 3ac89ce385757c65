"""Image thumbnail service: upload an image, get thumbnails in the sizes you ask for,
made with ImageMagick, and fetch them back by name."""
import os
import subprocess
import uuid

from flask import Flask, abort, jsonify, request, send_from_directory
from werkzeug.utils import secure_filename

app = Flask(__name__)
app.config["MAX_CONTENT_LENGTH"] = 10 * 1024 * 1024  # 10 MB uploads

UPLOAD_DIR = os.environ.get("THUMBS_UPLOAD_DIR", "uploads")
THUMB_DIR = os.environ.get("THUMBS_OUTPUT_DIR", "thumbs")
ALLOWED = {".png", ".jpg", ".jpeg", ".gif", ".webp"}
os.makedirs(UPLOAD_DIR, exist_ok=True)
os.makedirs(THUMB_DIR, exist_ok=True)


def make_thumbnail(src: str, size: str) -> str:
    """Resize ``src`` to fit in ``size`` (e.g. 200x200) and return the thumbnail's name."""
    base = os.path.splitext(os.path.basename(src))[0]
    out_name = f"{base}_{size}.png"
    out_path = os.path.join(THUMB_DIR, out_name)
    cmd = f"convert {src} -thumbnail {size} -strip {out_path}"
    result = subprocess.run(cmd, shell=True, capture_output=True, text=True, timeout=30)
    if result.returncode != 0:
        raise RuntimeError(result.stderr.strip() or "convert failed")
    return out_name


@app.post("/images")
def upload():
    file = request.files.get("image")
    if file is None or not file.filename:
        return jsonify({"error": "no image uploaded"}), 400
    ext = os.path.splitext(secure_filename(file.filename))[1].lower()
    if ext not in ALLOWED:
        return jsonify({"error": f"unsupported type {ext or '(none)'}"}), 400
    image_id = uuid.uuid4().hex
    path = os.path.join(UPLOAD_DIR, image_id + ext)
    file.save(path)
    return jsonify({"id": image_id + ext}), 201


@app.post("/images/<image_id>/thumbnails")
def thumbnails(image_id):
    image_id = secure_filename(image_id)
    src = os.path.join(UPLOAD_DIR, image_id)
    if not os.path.isfile(src):
        abort(404)
    sizes = (request.get_json(silent=True) or {}).get("sizes", ["128x128"])
    if not isinstance(sizes, list) or len(sizes) > 5:
        return jsonify({"error": "sizes must be a list of up to 5 WxH strings"}), 400
    made, errors = [], {}
    for size in sizes:
        try:
            made.append(make_thumbnail(src, str(size)))
        except (RuntimeError, subprocess.TimeoutExpired) as exc:
            errors[str(size)] = str(exc)
    return jsonify({"thumbnails": made, "errors": errors})


@app.get("/thumbs/<name>")
def get_thumb(name):
    return send_from_directory(THUMB_DIR, name)


if __name__ == "__main__":
    app.run(port=5004)
