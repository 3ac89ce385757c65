"""Theme gallery: designers upload theme assets; pages load them by theme and file name.

Assets are public once uploaded (they are CSS, fonts and images served to every visitor).
"""

import logging
import os
import re

from flask import Flask, abort, jsonify, request, send_file
from werkzeug.utils import secure_filename

app = Flask(__name__)
app.config["MAX_CONTENT_LENGTH"] = 2 * 1024 * 1024
THEMES_DIR = os.path.abspath("themes")
UPLOAD_TOKEN = os.environ["THEMES_UPLOAD_TOKEN"]
ALLOWED_EXT = {".css", ".woff2", ".png", ".svg", ".jpg"}
THEME_NAME = re.compile(r"^[a-z0-9-]{1,40}$")
log = logging.getLogger("themes")


def init_storage():
    os.makedirs(THEMES_DIR, exist_ok=True)


@app.post("/themes/<theme>/assets")
def upload_asset(theme):
    if request.headers.get("X-Upload-Token") != UPLOAD_TOKEN:
        abort(401)
    if not THEME_NAME.match(theme):
        return jsonify(error="theme names are lowercase letters, digits and dashes"), 400
    upload = request.files.get("file")
    if upload is None or not upload.filename:
        return jsonify(error="file required"), 400
    name = secure_filename(upload.filename)
    if os.path.splitext(name)[1].lower() not in ALLOWED_EXT:
        return jsonify(error="unsupported asset type"), 400
    folder = os.path.join(THEMES_DIR, theme)
    os.makedirs(folder, exist_ok=True)
    upload.save(os.path.join(folder, name))
    log.info("asset %s uploaded to theme %s", name, theme)
    return jsonify(path=f"/assets?theme={theme}&file={name}"), 201


@app.get("/themes")
def list_themes():
    themes = {}
    for theme in sorted(os.listdir(THEMES_DIR)):
        folder = os.path.join(THEMES_DIR, theme)
        if os.path.isdir(folder):
            themes[theme] = sorted(os.listdir(folder))
    return jsonify(themes)


@app.get("/assets")
def get_asset():
    theme = request.args.get("theme", "")
    filename = request.args.get("file", "")
    if not theme or not filename:
        abort(400)
    path = os.path.join(THEMES_DIR, theme, filename)
    # keep requests inside the themes folder
    if not path.startswith(THEMES_DIR):
        abort(403)
    if not os.path.isfile(path):
        abort(404)
    response = send_file(path)
    response.headers["Cache-Control"] = "public, max-age=86400"
    return response


@app.delete("/themes/<theme>/assets/<name>")
def delete_asset(theme, name):
    if request.headers.get("X-Upload-Token") != UPLOAD_TOKEN:
        abort(401)
    if not THEME_NAME.match(theme):
        abort(404)
    path = os.path.join(THEMES_DIR, theme, secure_filename(name))
    if not os.path.isfile(path):
        abort(404)
    os.remove(path)
    return "", 204
