"""Issue 19, model-written backends (BaxBench dev): stored text served as HTML (a record's
field returned whole, a page built from rows in a (body, status, headers) tuple, a Response
or a string template, HTML built in a forEach callback, a res.status().type().send chain),
and secrets or tokens from the request stored in clear. Each vulnerable case is reported with
its CWE; its safe twin is not."""

from __future__ import annotations

import pytest

from tests.reviewer.helpers import findings_by_cwe

PY_HEAD = "import sqlite3\nfrom flask import Flask, Response, render_template_string\n" \
    "from markupsafe import escape\napp = Flask(__name__)\ndb = sqlite3.connect('x.db')\n\n\n" \
    "@app.route('/p/<name>')\ndef page(name):\n" \
    "    row = db.execute('SELECT bio FROM users WHERE name = ?', (name,)).fetchone()\n"

PY_XSS = [
    # the stored field returned whole: a str from a Flask view is text/html
    ("    return row['bio']\n", "    return escape(row['bio'])\n"),
    ("    return row['bio'], 200, {'Content-Type': 'text/html'}\n",
     "    return row['bio'], 200, {'Content-Type': 'text/plain'}\n"),
    ("    return Response(row[0], content_type='text/html')\n",
     "    return Response(row[0], content_type='image/png')\n"),
    # a page pasted together from the row, returned in a tuple, a Response, a template
    ("    html = '<h1>' + row['bio'] + '</h1>'\n    return html, 200\n",
     "    html = '<h1>' + str(escape(row['bio'])) + '</h1>'\n    return html, 200\n"),
    ("    html = f'<p>{row[0]}</p>'\n    return Response(html, mimetype='text/html')\n",
     "    html = f'<p>{row[0]}</p>'\n    return Response(html, mimetype='text/plain')\n"),
    ("    html = '<td>{}</td>'.format(row['bio'])\n    return render_template_string(html)\n",
     "    return render_template_string('<td>{{ bio }}</td>', bio=row['bio'])\n"),
]


@pytest.mark.parametrize(("vulnerable", "safe"), PY_XSS)
def test_stored_text_served_as_html_is_stored_xss_py(vulnerable: str, safe: str) -> None:
    assert 79 in findings_by_cwe(PY_HEAD + vulnerable)
    assert 79 not in findings_by_cwe(PY_HEAD + safe)


def test_reflected_input_in_a_tuple_return_is_xss_unless_typed_otherwise() -> None:
    head = "from flask import Flask, request\napp = Flask(__name__)\n\n\n@app.get('/s')\n" \
        "def s():\n    q = request.args.get('q', '')\n"
    assert 79 in findings_by_cwe(head + "    return f'<p>{q}</p>', 200\n")
    assert 79 not in findings_by_cwe(
        head + "    return f'{q}', 200, {'Content-Type': 'application/json'}\n")


JS_HEAD = "const express = require('express');\nconst app = express();\n" \
    "app.get('/p/:name', (req, res) => {\n" \
    "  db.get('SELECT bio FROM users WHERE name = ?', [req.params.name], (err, row) => {\n"
JS_TAIL = "  });\n});\n"

JS_XSS = [
    # the stored field sent whole with an HTML media type
    ("    res.setHeader('Content-Type', 'text/html');\n    res.status(200).send(row.bio);\n",
     "    res.setHeader('Content-Type', 'text/html');\n"
     "    res.status(200).send(escapeHtml(row.bio));\n"),
    ("    res.status(200).type('text/html').send(row.bio);\n",
     "    res.status(200).type('text/plain').send(row.bio);\n"),
]


@pytest.mark.parametrize(("vulnerable", "safe"), JS_XSS)
def test_stored_text_served_as_html_is_stored_xss_js(vulnerable: str, safe: str) -> None:
    assert 79 in findings_by_cwe(JS_HEAD + vulnerable + JS_TAIL, "app.js")
    assert 79 not in findings_by_cwe(JS_HEAD + safe + JS_TAIL, "app.js")


ROWS_JS = """const express = require('express');
const app = express();
app.get('/list', (req, res) => {
  db.all('SELECT * FROM products', [], (err, rows) => {
    let html = '<ul>';
    rows.forEach(row => {
      html += `<li>${ITEM}</li>`;
    });
    html += '</ul>';
    res.status(200).type('text/html').send(html);
  });
});
"""


@pytest.mark.parametrize(("vulnerable", "safe"), [
    ("${row.name}", "${escapeHtml(row.name)}"),
    ("${row.name}", "${new Date(row.created_at).toLocaleString()}"),
    ("${row.name}", "${row.created_at}"),
])
def test_html_built_in_a_callback_is_the_enclosing_functions_html(vulnerable: str,
                                                                  safe: str) -> None:
    """``html += ...`` inside ``rows.forEach(row => ...)`` writes the handler's ``html``."""
    assert 79 in findings_by_cwe(ROWS_JS.replace("${ITEM}", vulnerable), "app.js")
    assert 79 not in findings_by_cwe(ROWS_JS.replace("${ITEM}", safe), "app.js")


def test_a_local_escaping_helper_passed_to_map_by_name_ends_taint() -> None:
    code = """const express = require('express');
const router = express.Router();
const esc = (s) => String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;');
function renderRow(p) { return '<tr><td>' + esc(p.name) + '</td></tr>'; }
function rawRow(p) { return '<tr><td>' + p.name + '</td></tr>'; }
router.get('/s', async (req, res) => {
  const rows = (await searchProducts(req.query.q)).map(ROW).join('');
  res.type('html').send('<table>' + rows + '</table>');
});
"""
    assert 79 in findings_by_cwe(code.replace("ROW", "rawRow"), "app.js")
    assert 79 not in findings_by_cwe(code.replace("ROW", "renderRow"), "app.js")


PY_STORE = """import sqlite3
from flask import Flask, request
from passlib.hash import pbkdf2_sha256
from cryptography.fernet import Fernet
app = Flask(__name__)
db = sqlite3.connect('x.db')
box = Fernet(Fernet.generate_key())


@app.post('/set')
def set_secret():
    data = request.get_json()
    secret = data['secret']
    password = data['password']
{body}"""


@pytest.mark.parametrize(("cwe", "vulnerable", "safe"), [
    (312, "    db.execute('INSERT INTO secrets (owner, secret) VALUES (?, ?)', ('me', secret))\n",
     "    secret = box.encrypt(secret.encode())\n"
     "    db.execute('INSERT INTO secrets (owner, secret) VALUES (?, ?)', ('me', secret))\n"),
    (312, "    token = data['token']\n"
     "    db.execute('UPDATE services SET seen = 1 WHERE token = ?', (token,))\n"
     "    db.execute('UPDATE services SET token = ? WHERE id = 1', (token,))\n",
     "    token = data['token']\n"
     "    db.execute('SELECT id FROM services WHERE token = ?', (token,))\n"),
    # passlib's handlers hash: no plain-text password
    (256, "    db.execute('INSERT INTO users (pw) VALUES (?)', (password,))\n",
     "    hashed_password = pbkdf2_sha256.hash(password)\n"
     "    db.execute('INSERT INTO users (pw) VALUES (?)', (hashed_password,))\n"),
])
def test_credentials_stored_in_clear_py(cwe: int, vulnerable: str, safe: str) -> None:
    assert cwe in findings_by_cwe(PY_STORE.format(body=vulnerable))
    assert cwe not in findings_by_cwe(PY_STORE.format(body=safe))


JS_STORE = """const express = require('express');
const crypto = require('crypto');
const app = express();
app.post('/set', async (req, res) => {
BODY});
"""


@pytest.mark.parametrize(("vulnerable", "safe"), [
    ("  const secret = req.body.secret;\n"
     "  await dbRun('INSERT INTO secrets (owner, secret) VALUES (?, ?)', [req.user.id, secret]);\n",
     "  const secret = encryptSecret(req.body.secret);\n"
     "  await dbRun('INSERT INTO secrets (owner, secret) VALUES (?, ?)', [req.user.id, secret]);\n"),
    ("  const apiKey = req.body.apiKey;\n"
     "  db.run('UPDATE keys SET key = ? WHERE id = 1', [apiKey]);\n",
     "  const apiKey = crypto.createHash('sha256').update(req.body.apiKey).digest('hex');\n"
     "  db.run('UPDATE keys SET key = ? WHERE id = 1', [apiKey]);\n"),
])
def test_credentials_stored_in_clear_js(vulnerable: str, safe: str) -> None:
    assert 312 in findings_by_cwe(JS_STORE.replace("BODY", vulnerable), "app.js")
    assert 312 not in findings_by_cwe(JS_STORE.replace("BODY", safe), "app.js")
