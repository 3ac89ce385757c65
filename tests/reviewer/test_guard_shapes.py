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
