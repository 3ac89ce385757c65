"""Issue 19 misses on whole backends: stored data marked safe for HTML (Markup of a row, of
rendered Markdown), uploads of active content served inline from the app's own origin, and
a role the client sends in a header. Each vulnerable case is reported with its CWE; its safe
twin is not."""

from __future__ import annotations

import pytest

from tests.reviewer.helpers import findings_by_cwe

ROWS = ("import sqlite3\nfrom flask import Flask\nfrom markupsafe import Markup, escape\n"
        "{imports}app = Flask(__name__)\n{setup}\n\n@app.get('/posts')\ndef posts():\n"
        "    rows = sqlite3.connect('x.db').execute('SELECT title, body FROM posts')"
        ".fetchall()\n    items = [{expr} for r in rows]\n    return ''.join(items)\n")


def _rows(expr: str, imports: str = "", setup: str = "") -> str:
    return ROWS.format(expr=expr, imports=imports, setup=setup)


MD = "from markdown_it import MarkdownIt\n"


@pytest.mark.parametrize(("vulnerable", "safe"), [
    (_rows("Markup(f\"<li>{r['title']}</li>\")"),
     _rows("Markup(\"<li>{}</li>\").format(r['title'])")),
    (_rows("Markup('<li>' + r['title'] + '</li>')"),
     _rows("Markup('<li>' + escape(r['title']) + '</li>')")),
    (_rows("Markup(md.render(r['body']))", MD, "md = MarkdownIt()"),
     _rows("Markup(md.render(r['body']))", MD, "md = MarkdownIt('js-default')")),
    (_rows("Markup(md.render(r['body']))", MD, "md = MarkdownIt()"),
     _rows("Markup(bleach.clean(md.render(r['body'])))", MD + "import bleach\n",
           "md = MarkdownIt()")),
])
def test_stored_data_marked_safe_is_stored_xss(vulnerable: str, safe: str) -> None:
    assert 79 in findings_by_cwe(vulnerable)
    assert 79 not in findings_by_cwe(safe)


def test_a_count_marked_safe_is_no_xss() -> None:
    assert 79 not in findings_by_cwe(_rows("Markup(f'<li>{len(rows)}</li>')"))


UPLOAD = '''import os
from flask import Flask, request, send_from_directory
from werkzeug.utils import secure_filename

app = Flask(__name__)
ALLOWED_EXTENSIONS = {allowed}


@app.post("/files")
def upload():
    f = request.files["file"]
    name = secure_filename(f.filename)
    if name.rsplit(".", 1)[-1].lower() not in ALLOWED_EXTENSIONS:
        return "no", 400
    f.save(os.path.join("uploads", name))
    return "ok"


@app.get("/files/<name>")
def download(name):
    return send_from_directory("uploads", name{serve})
'''


@pytest.mark.parametrize(("vulnerable", "safe"), [
    (UPLOAD.format(allowed='{"png", "jpg", "svg"}', serve=""),
     UPLOAD.format(allowed='{"png", "jpg", "gif"}', serve="")),
    (UPLOAD.format(allowed='("png", "html")', serve=""),
     UPLOAD.format(allowed='("png", "html")', serve=", as_attachment=True")),
])
def test_active_content_uploads_served_inline_are_xss(vulnerable: str, safe: str) -> None:
    assert 79 in findings_by_cwe(vulnerable)
    assert 79 not in findings_by_cwe(safe)


ROLE = '''from fastapi import Depends, FastAPI, Header, HTTPException

app = FastAPI()
STAFF_KEYS = {{"k1": "dana"}}


def staff_member({params}) -> str:
{check}
    return x_user


@app.get("/staff/tickets")
def tickets(user: str = Depends(staff_member)):
    return []
'''


@pytest.mark.parametrize(("vulnerable", "safe"), [
    (ROLE.format(params='x_user: str = Header(...), x_role: str = Header("customer")',
                 check='    if x_role != "staff":\n        raise HTTPException(403)'),
     ROLE.format(params='x_user: str = Header(...), x_api_key: str = Header(...)',
                 check='    if STAFF_KEYS.get(x_api_key) != x_user:\n'
                       '        raise HTTPException(403)')),
    (ROLE.format(params='x_user: str = Header(...), is_admin: bool = Header(False)',
                 check='    if not is_admin:\n        raise HTTPException(403)'),
     ROLE.format(params='x_user: str = Header(...), is_admin: bool = False',
                 check='    if not is_admin:\n        raise HTTPException(403)')),
])
def test_a_role_the_client_sends_in_a_parameter_is_no_authorization(vulnerable: str,
                                                                   safe: str) -> None:
    assert 863 in findings_by_cwe(vulnerable)
    assert 863 not in findings_by_cwe(safe)


def test_a_role_parameter_used_as_a_search_filter_is_no_finding() -> None:
    code = ('from fastapi import FastAPI, Query\napp = FastAPI()\n\n@app.get("/users")\n'
            'def users(role: str | None = Query(None)):\n    where = {}\n    if role:\n'
            '        where["role"] = role\n    return where\n')
    assert 863 not in findings_by_cwe(code)

