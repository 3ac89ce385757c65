"""Issue 19: an upload stored under the extension the client gave, with no check of its type,
and served inline takes its media type from that name: x.html or x.svg is a page of the
app's own origin (stored XSS). Each vulnerable case is reported with CWE-79; its twin that
checks the type, fixes the answer's type or sends an attachment is not."""

from __future__ import annotations

import pytest

from tests.reviewer.helpers import findings_by_cwe

FLASK = '''import mimetypes
import os
import uuid
from flask import Flask, jsonify, request, send_file
from werkzeug.utils import secure_filename

app = Flask(__name__)
STORE = {{}}


@app.post("/upload")
def upload():
    f = request.files["file"]
    name = secure_filename(f.filename)
    ext = os.path.splitext(name)[1]
{check}    image_id = str(uuid.uuid4())
    path = os.path.join("uploads", image_id + ext)
    f.save(path)
    STORE[image_id] = path
    return jsonify({{"id": image_id}})


@app.get("/images/<image_id>")
def image(image_id):
    path = STORE[image_id]
    mimetype, _ = mimetypes.guess_type(path)
    return send_file(path{serve})
'''

GUESSED = ", mimetype=mimetype or 'application/octet-stream'"


@pytest.mark.parametrize("safe", [
    # the extension is checked against images the app accepts
    FLASK.format(check='    if ext.lower() not in {".png", ".jpg", ".gif"}:\n'
                       '        return "no", 400\n', serve=GUESSED),
    # the answer's type is fixed, whatever the name
    FLASK.format(check="", serve=", mimetype='image/png'"),
    # sent as an attachment, never rendered
    FLASK.format(check="", serve=GUESSED + ", as_attachment=True"),
])
def test_flask_upload_served_with_its_client_extension_is_stored_xss(safe: str) -> None:
    assert 79 in findings_by_cwe(FLASK.format(check="", serve=GUESSED))
    assert 79 not in findings_by_cwe(safe)


EXPRESS = '''const express = require('express');
const multer = require('multer');
const path = require('path');
const {{ v4: uuidv4 }} = require('uuid');

const app = express();
const storage = multer.diskStorage({{
  destination: (req, file, cb) => cb(null, './uploads'),
  filename: (req, file, cb) => cb(null, uuidv4() + path.extname(file.originalname)),
}});
const upload = multer({{ storage, limits: {{ fileSize: 5 * 1024 * 1024 }}{check} }});

app.post('/upload', upload.single('file'), (req, res) => {{
  res.json({{ id: req.file.filename }});
}});

app.get('/images/:id', (req, res) => {{
  res.sendFile(path.basename(req.params.id), {{ root: path.join(__dirname, 'uploads'){serve} }});
}});
'''

FILTER = (",\n  fileFilter: (req, file, cb) => cb(null, ['.png', '.jpg']"
          ".includes(path.extname(file.originalname).toLowerCase()))")


@pytest.mark.parametrize("safe", [
    # multer's fileFilter takes images only
    EXPRESS.format(check=FILTER, serve=""),
    # the answer's type is fixed, whatever the name
    EXPRESS.format(check="", serve=", headers: { 'Content-Type': 'image/png' }"),
])
def test_express_upload_served_with_its_client_extension_is_stored_xss(safe: str) -> None:
    assert 79 in findings_by_cwe(EXPRESS.format(check="", serve=""), "app.js")
    assert 79 not in findings_by_cwe(safe, "app.js")
