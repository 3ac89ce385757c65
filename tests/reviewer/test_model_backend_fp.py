"""General causes of false alarms on backends that models wrote (issue 19), each on a small
look-alike written here, with its vulnerable twin still reported: an existence probe after
the file-name check that py.path.traversal already reads; a number or a bool computed from
input (a position, a test) in HTML; the path an upload parser wrote the upload to; eval of
text an anchored digits-and-operators pattern admits; and, the other way, a form-field limit
is no bound on an uploaded file; a promisified query's rows; the signed-in user read by a
subscript (current_user['id'])."""

from __future__ import annotations

import pytest

from tests.reviewer.helpers import findings_by_cwe

PROBE = '''import os
from flask import Flask, jsonify, request, send_from_directory

app = Flask(__name__)
MEDIA = "/srv/media"


@app.post("/fetch")
def fetch():
    name = request.get_json()["name"]
    CHECK
        return jsonify({"error": "bad name"}), 400
    where = os.path.join(MEDIA, name)
    if not os.path.isfile(where):
        return jsonify({"error": "missing"}), 404
    return send_from_directory(MEDIA, name)
'''


@pytest.mark.parametrize("check, reported", [
    # ".." and a separator refused: a plain name in MEDIA
    ("if '..' in name or '/' in name or '\\\\' in name:", False),
    ("if name.startswith('.') or '/' in name:", False),
    ("if '..' in name or os.sep in name:", False),
    # ".." alone: "/etc/passwd" replaces the base in os.path.join
    ("if '..' in name:", True),
    # a separator alone: ".." is the parent of MEDIA
    ("if '/' in name:", True),
])
def test_probe_after_file_name_check(check: str, reported: bool) -> None:
    code = PROBE.replace("CHECK", check)
    assert (22 in findings_by_cwe(code)) is reported


PAGE_JS = '''const express = require('express');
const app = express();
const NAMES = ['ann', 'bob'];

app.get('/rank', (req, res) => {
  const who = req.query.who;
  const score = req.query.score;
  res.send(`<p>${SHOWN}</p>`);
});
'''


@pytest.mark.parametrize("shown, reported", [
    ("NAMES.indexOf(who) + 1", False),       # a position: a number
    ("NAMES.includes(who) ? 'yes' : 'no'", False),  # a bool picks a literal
    ("Number.isInteger(score)", False),
    ("who.startsWith('a')", False),
    ("who", True),                             # the text itself
    ("who.slice(0, 3)", True),                 # part of the text is text
    ("NAMES.concat(who).join(', ')", True),
])
def test_number_and_bool_results_in_html(shown: str, reported: bool) -> None:
    code = PAGE_JS.replace("SHOWN", shown)
    assert (79 in findings_by_cwe(code, "app.js")) is reported


UPLOAD_JS = '''const express = require('express');
const fs = require('fs');
const path = require('path');
const multer = require('multer');
const upload = multer({ dest: 'tmp/', limits: { fileSize: 1 << 20 } });
const app = express();

app.post('/import', upload.single('doc'), (req, res) => {
  const where = WHERE;
  const text = fs.readFileSync(where, 'utf8');
  fs.unlinkSync(where);
  res.json({ size: text.length });
});
'''


@pytest.mark.parametrize("where, reported", [
    ("req.file.path", False),                       # where multer wrote it
    ("req.files['doc'][0].path", False),
    ("req.file.destination + '/' + 'index.json'", False),
    ("path.join('tmp', req.file.originalname)", True),  # the client's name
    ("req.body.path", True),
])
def test_upload_parser_path_is_no_client_path(where: str, reported: bool) -> None:
    code = UPLOAD_JS.replace("WHERE", where)
    assert (22 in findings_by_cwe(code, "app.js")) is reported


CALC = '''import re
from flask import Flask, jsonify, request

app = Flask(__name__)


def well_formed(text):
    return bool(re.match(PATTERN, text))


def compute(text):
    return eval(text, {"__builtins__": {}}, {})


@app.post("/calc")
def calc():
    text = request.get_json()["expr"]
    if not well_formed(text):
        return jsonify({"error": "bad expression"}), 400
    return jsonify({"value": compute(text)})
'''


@pytest.mark.parametrize("pattern, reported", [
    # digits, operators, brackets and spaces only: the string names nothing
    (r"r'^[\d+\-*/(). ]+$'", False),
    (r"r'^\s*[0-9.+\-*/()%]+\s*$'", False),
    # a prefix only: "1+__import__('os')" passes re.match
    (r"r'^[\d+\-*/(). ]+'", True),
    # \w and letters let names in
    (r"r'^[\w+\-*/(). ]+$'", True),
    (r"r'^[a-z0-9+\-*/(). ]+$'", True),
    # a negated class lets everything but one character in
    (r"r'^[^;]+$'", True),
])
def test_eval_of_arithmetic_only_text(pattern: str, reported: bool) -> None:
    code = CALC.replace("PATTERN", pattern)
    assert (95 in findings_by_cwe(code)) is reported


def test_eval_with_fullmatch_in_the_view() -> None:
    code = CALC.replace("if not well_formed(text):",
                        "if not re.fullmatch(r'[0-9+\\-*/(). ]+', text):")
    assert 95 not in findings_by_cwe(code)


UPLOAD_PY = '''import uuid

from flask import Flask, jsonify, request

app = Flask(__name__)
LIMIT


@app.post("/avatar")
def avatar():
    photo = request.files["photo"]
    photo.save(f"/srv/avatars/{uuid.uuid4().hex}.png")
    return jsonify({"saved": True})
'''


@pytest.mark.parametrize("limit, reported", [
    ("app.config['MAX_CONTENT_LENGTH'] = 2 * 1024 * 1024", False),  # Flask answers 413
    ("app.config.update(MAX_CONTENT_LENGTH=2 << 20)", False),
    # bounds the non-file fields of a form only: the photo is spooled whole
    ("app.config['MAX_FORM_MEMORY_SIZE'] = 500_000", True),
    ("", True),
])
def test_upload_bound_is_the_body_limit(limit: str, reported: bool) -> None:
    assert (400 in findings_by_cwe(UPLOAD_PY.replace("LIMIT", limit))) is reported


ROWS_JS = '''const express = require('express');
const sqlite3 = require('sqlite3');
const db = new sqlite3.Database('notes.db');
const app = express();

function notesOf(owner) {
  return new Promise((resolve, reject) => {
    db.all('SELECT body FROM notes WHERE owner = ?', [owner], (err, rows) => {
      if (err) return reject(err);
      resolve(RESOLVED);
    });
  });
}

app.get('/notes/:owner', async (req, res) => {
  const notes = await notesOf(req.params.owner);
  res.send(`<h1>${SHOWN}</h1>`);
});
'''


# (the rows a query hands its callback are stored data, as what a lookup returns is)
@pytest.mark.parametrize("resolved, shown, reported", [
    # a promisified query resolves with its rows: stored data, and a count of them
    ("rows", "notes.length", False),
    # the rows' text is stored data: the stored-HTML rule's finding, still CWE-79
    ("rows", "notes[0].body", True),
    # resolved with the caller's own argument: the request text comes back
    ("owner", "notes", True),
    ("{ owner, rows }", "notes.owner", True),
])
def test_promise_is_what_it_resolves_with(resolved: str, shown: str, reported: bool) -> None:
    code = ROWS_JS.replace("RESOLVED", resolved).replace("SHOWN", shown)
    assert (79 in findings_by_cwe(code, "app.js")) is reported



OWN_ROW = '''import sqlite3
from functools import wraps

from flask import Flask, jsonify, request

app = Flask(__name__)


def token_required(view):
    @wraps(view)
    def wrapper(*a, **k):
        user = lookup_token(request.headers.get("Authorization", ""))
        if user is None:
            return jsonify({"message": "unauthorized"}), 401
        return view(user, *a, **k)
    return wrapper


@app.put("/profile")
@token_required
def update_profile(current_user):
    data = request.get_json()
    conn = sqlite3.connect("users.db")
    conn.execute("CREATE TABLE IF NOT EXISTS users (id INTEGER, email TEXT, name TEXT)")
    values = [data.get("name"), WHO]
    conn.execute("UPDATE users SET name = ? WHERE id = ?", values)
    return jsonify({"message": "updated"})
'''


@pytest.mark.parametrize("who, reported", [
    ("current_user['id']", False),  # the signed-in user's own row
    ("current_user.id", False),
    ("data.get('id')", True),       # any row the client names
])
def test_signed_in_user_read_by_subscript(who: str, reported: bool) -> None:
    assert (639 in findings_by_cwe(OWN_ROW.replace("WHO", who))) is reported
