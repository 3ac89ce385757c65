"""Issue 19, model-written backends (BaxBench dev): guards models write that end taint.
An early-return allow-list of literals (``if d not in ['<', '>']: return``) and a ternary
allow-list (``s === 'ASC' || s === 'DESC' ? s : 'DESC'``, ``s if s in ('a', 'b') else 'a'``)
make the value one of the literals; a name refused when it holds '..' and a separator, or
accepted by a local ``is_safe_path`` helper, is a plain file name for a path sink (and only
for a path sink: such a name is no safe SQL). Each safe twin is not reported; its
vulnerable twin, the same code without the guard, is."""

from __future__ import annotations

import pytest

from tests.reviewer.helpers import findings_by_cwe

SQL_PY = """import sqlite3
from flask import Flask, request
app = Flask(__name__)


@app.get('/clicks')
def clicks():
    d = request.args.get('direction')
{guard}    q = f'SELECT id FROM clicks WHERE ts {{d}} ?'
    return str(sqlite3.connect('x.db').execute(q, (1,)).fetchall())
"""


@pytest.mark.parametrize(("vulnerable", "safe"), [
    ("    if not d:\n        return 'bad', 400\n",
     "    if d not in ['<', '>', '<=', '>=']:\n        return 'bad', 400\n"),
    ("    d = d if d else '<'\n", "    d = d if d in ('<', '>') else '<'\n"),
])
def test_literal_allow_lists_end_taint_py(vulnerable: str, safe: str) -> None:
    assert 89 in findings_by_cwe(SQL_PY.format(guard=vulnerable))
    assert 89 not in findings_by_cwe(SQL_PY.format(guard=safe))


SQL_JS = """const express = require('express');
const app = express();
app.get('/m', (req, res) => {
  const sort = req.query.sort;
  const order = COND;
  db.all(`SELECT * FROM m ORDER BY t ${order}`, [], (e, rows) => res.json(rows));
});
"""


@pytest.mark.parametrize(("vulnerable", "safe"), [
    ("sort ? sort : 'DESC'", "(sort === 'ASC' || sort === 'DESC') ? sort : 'DESC'"),
    ("sort.length < 5 ? sort : 'DESC'", "['ASC', 'DESC'].includes(sort) ? sort : 'DESC'"),
])
def test_ternary_allow_lists_end_taint_js(vulnerable: str, safe: str) -> None:
    assert 89 in findings_by_cwe(SQL_JS.replace("COND", vulnerable), "app.js")
    assert 89 not in findings_by_cwe(SQL_JS.replace("COND", safe), "app.js")


PATH_PY = """import os
from pathlib import Path
from flask import Flask, request, send_file
app = Flask(__name__)
BASE = Path('/srv/songs')


def is_safe_path(base, name):
    full = (base / name).resolve()
    return full.is_relative_to(base.resolve())


@app.post('/download')
def download():
    name = request.get_json()['filename']
{guard}    return send_file(os.path.join(BASE, name))
"""


@pytest.mark.parametrize(("vulnerable", "safe"), [
    ("    if '..' in name:\n        return 'bad', 400\n",
     "    if '..' in name or '/' in name:\n        return 'bad', 400\n"),
    ("    if not name.endswith('.mp3'):\n        return 'bad', 400\n",
     "    if not is_safe_path(BASE, name):\n        return 'bad', 400\n"),
])
def test_separator_and_containment_checks_end_path_taint_py(vulnerable: str,
                                                            safe: str) -> None:
    assert 22 in findings_by_cwe(PATH_PY.format(guard=vulnerable))
    assert 22 not in findings_by_cwe(PATH_PY.format(guard=safe))


def test_a_separator_check_is_no_sql_guard() -> None:
    guard = "    if '..' in d or '/' in d:\n        return 'bad', 400\n"
    assert 89 in findings_by_cwe(SQL_PY.format(guard=guard))


PATH_JS = """const express = require('express');
const fs = require('fs');
const path = require('path');
const app = express();
app.post('/download', (req, res) => {
  const filename = req.body.filename;
  if (CHECK) {
    return res.status(400).json({ error: 'bad name' });
  }
  const filePath = path.join('/srv/songs', filename);
  fs.stat(filePath, (err) => {
    fs.createReadStream(filePath).pipe(res);
  });
});
"""


def test_separator_checks_end_path_taint_js() -> None:
    safe = "filename.includes('..') || filename.includes('/') || filename.includes('\\\\')"
    assert 22 in findings_by_cwe(PATH_JS.replace("CHECK", "filename.includes('..')"), "app.js")
    assert 22 not in findings_by_cwe(PATH_JS.replace("CHECK", safe), "app.js")


def test_a_separator_check_that_rejects_nothing_guards_nothing_js() -> None:
    code = PATH_JS.replace("CHECK", "filename.includes('..') || filename.includes('/')") \
        .replace("return res.status(400).json({ error: 'bad name' });", "console.warn('odd');")
    assert 22 in findings_by_cwe(code, "app.js")


# Early-return checks a reviewer reads as a guard for one sink kind (OWASP Benchmark dev):
# a parsed URL's host refused unless it is listed, a name refused when it holds the quote
# that delimits it in an XPath query, a name refused when it holds '../' that is only
# placed under a fixed folder. A check that only logs, checks another part, or lets other
# values through (``and``) stays reported.
REDIRECT_PY = """from urllib.parse import urlparse
from flask import Flask, redirect, request
app = Flask(__name__)


@app.get('/go')
def go():
    target = request.args.get('next', '')
    url = urlparse(target)
{guard}    return redirect(target)
"""


@pytest.mark.parametrize("vulnerable", [
    "    if url.netloc not in ['example.com'] or url.scheme != 'https':\n"
    "        print('odd target')\n",
    "    if url.path not in ['/home', '/account']:\n        return 'bad', 400\n",
    "    if url.netloc not in ['example.com'] and url.scheme == 'https':\n"
    "        return 'bad', 400\n",
    "    if url.netloc not in allowed_hosts():\n        return 'bad', 400\n",
])
def test_a_host_allow_list_ends_redirect_taint_py(vulnerable: str) -> None:
    safe = ("    if url.netloc not in ['example.com'] or url.scheme != 'https':\n"
            "        msg = 'Invalid URL.'\n"
            "        return msg, 400\n")
    assert 601 in findings_by_cwe(REDIRECT_PY.format(guard=vulnerable))
    assert 601 not in findings_by_cwe(REDIRECT_PY.format(guard=safe))
    hosts = "    if url.hostname not in ALLOWED_HOSTS:\n        abort(400)\n"
    assert 601 not in findings_by_cwe(REDIRECT_PY.format(guard=hosts))


XPATH_PY = """import lxml.etree
from flask import Flask, request
app = Flask(__name__)


@app.get('/employee')
def employee():
    emp = request.args.get('id', '')
GUARD    root = lxml.etree.parse('employees.xml')
    return str(root.xpath(QUERY))
"""


@pytest.mark.parametrize(("guard", "query"), [
    # the check only logs
    ("    if \"'\" in emp:\n        print('apostrophe')\n", "f\"/Employees/Employee[@id='{emp}']\""),
    # the query quotes the name with ", which the check on ' lets through
    ("    if \"'\" in emp:\n        return 'bad', 400\n", "f'/Employees/Employee[@id=\"{emp}\"]'"),
    # the check rejects another character
    ("    if '<' in emp:\n        return 'bad', 400\n", "f\"/Employees/Employee[@id='{emp}']\""),
])
def test_a_quote_check_that_guards_nothing_stays_reported_py(guard: str, query: str) -> None:
    code = XPATH_PY.replace("QUERY", query).replace("GUARD", guard)
    assert 643 in findings_by_cwe(code)


@pytest.mark.parametrize(("guard", "query"), [
    ("    if \"'\" in emp:\n        return 'bad', 400\n", "f\"/Employees/Employee[@id='{emp}']\""),
    ("    if '\\'' in emp:\n        raise ValueError('apostrophe')\n",
     "\"/Employees/Employee[@id='\" + emp + \"']\""),
    ("    if '\"' in emp:\n        return 'bad', 400\n", "f'/Employees/Employee[@id=\"{emp}\"]'"),
])
def test_rejecting_the_querys_quote_ends_xpath_taint_py(guard: str, query: str) -> None:
    assert 643 not in findings_by_cwe(XPATH_PY.replace("QUERY", query).replace("GUARD", guard))


FOLDER_PY = """import os
from flask import Flask, request
app = Flask(__name__)
FILES_DIR = '/srv/files'


@app.get('/read')
def read():
    name = request.args.get('name', '')
GUARD    with open(PATH, 'rb') as fd:
        return fd.read(1000)
"""


@pytest.mark.parametrize(("guard", "path"), [
    # an absolute name replaces the folder os.path.join was given
    ("    if '../' in name:\n        return 'bad', 400\n", "os.path.join(FILES_DIR, name)"),
    # the check only logs
    ("    if '../' in name:\n        print('odd name')\n", "f'{FILES_DIR}/{name}'"),
    # a quote check is an XPath guard, not a path one
    ("    if \"'\" in name:\n        return 'bad', 400\n", "f'{FILES_DIR}/{name}'"),
    # a bare '..' passes a '../' check, and the path goes on below it
    ("    if '../' in name:\n        return 'bad', 400\n", "f'{FILES_DIR}/{name}/index.html'"),
])
def test_a_dot_dot_check_guards_only_a_path_under_a_fixed_folder_py(guard: str,
                                                                     path: str) -> None:
    assert 22 in findings_by_cwe(FOLDER_PY.replace("PATH", path).replace("GUARD", guard))


def test_rejecting_dot_dot_ends_taint_of_a_path_under_a_fixed_folder_py() -> None:
    guard = "    if '../' in name:\n        msg = 'no ../'\n        return msg, 400\n"
    for path in ("f'{FILES_DIR}/{name}'", "f'/srv/files/{name}'"):
        assert 22 not in findings_by_cwe(FOLDER_PY.replace("PATH", path).replace("GUARD", guard))


def test_a_dot_dot_check_is_no_xpath_guard_py() -> None:
    guard = "    if '../' in emp:\n        return 'bad', 400\n"
    query = "f\"/Employees/Employee[@id='{emp}']\""
    assert 643 in findings_by_cwe(XPATH_PY.replace("QUERY", query).replace("GUARD", guard))


REDIRECT_JS = """const express = require('express');
const app = express();
const ALLOWED_HOSTS = ['example.com'];
app.get('/go', (req, res) => {
  const target = req.query.next;
  const url = new URL(target, 'https://example.com');
  if (CHECK) {
    BODY
  }
  res.redirect(target);
});
"""


@pytest.mark.parametrize(("check", "body"), [
    # the check only logs
    ("!ALLOWED_HOSTS.includes(url.hostname)", "console.warn('odd target');"),
    # it checks the scheme, not where the browser goes
    ("url.protocol !== 'https:'", "return res.status(400).send('bad');"),
    # && lets every other host through on http:
    ("!ALLOWED_HOSTS.includes(url.hostname) && url.protocol === 'https:'",
     "return res.status(400).send('bad');"),
])
def test_a_redirect_check_that_guards_nothing_stays_reported_js(check: str, body: str) -> None:
    code = REDIRECT_JS.replace("CHECK", check).replace("BODY", body)
    assert 601 in findings_by_cwe(code, "app.js")


@pytest.mark.parametrize("check", [
    "!ALLOWED_HOSTS.includes(url.hostname) || url.protocol !== 'https:'",
    "url.host !== 'example.com'",
])
def test_a_host_allow_list_ends_redirect_taint_js(check: str) -> None:
    code = REDIRECT_JS.replace("CHECK", check).replace("BODY", "return res.status(400).end();")
    assert 601 not in findings_by_cwe(code, "app.js")


XPATH_JS = """const express = require('express');
const xpath = require('xpath');
const app = express();
app.get('/employee', (req, res) => {
  const emp = req.query.id;
  if (CHECK) {
    BODY
  }
  res.json(xpath.select(QUERY, doc).length);
});
"""


@pytest.mark.parametrize(("check", "body", "query"), [
    ("emp.includes(\"'\")", "console.warn('apostrophe');", "`//employee[@id='${emp}']`"),
    ("emp.includes(\"'\")", "return res.status(400).end();", "`//employee[@id=\"${emp}\"]`"),
    ("emp.includes('<')", "return res.status(400).end();", "`//employee[@id='${emp}']`"),
])
def test_a_quote_check_that_guards_nothing_stays_reported_js(check: str, body: str,
                                                             query: str) -> None:
    code = XPATH_JS.replace("CHECK", check).replace("BODY", body).replace("QUERY", query)
    assert 643 in findings_by_cwe(code, "app.js")


@pytest.mark.parametrize(("check", "query"), [
    ("emp.includes(\"'\")", "`//employee[@id='${emp}']`"),
    ("emp.indexOf(\"'\") !== -1", "\"//employee[@id='\" + emp + \"']\""),
    ("emp.includes('\"')", "`//employee[@id=\"${emp}\"]`"),
])
def test_rejecting_the_querys_quote_ends_xpath_taint_js(check: str, query: str) -> None:
    code = XPATH_JS.replace("CHECK", check).replace("BODY", "return res.status(400).end();") \
        .replace("QUERY", query)
    assert 643 not in findings_by_cwe(code, "app.js")
