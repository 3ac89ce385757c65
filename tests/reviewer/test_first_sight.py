"""Rules made to ask for the evidence a reviewer needs, after their first-sight precision on
apps no rule had been tuned to was poor (issue 19; each round of backends reviewed by the
reviewer as it was when the round landed, tuning halves only): a helper's return is the
page only when the view answers with it, and a log line prints a dict or a model whole with
repr(). Each cause on a small look-alike, its vulnerable twin still reported."""

from __future__ import annotations

import pytest

from tests.reviewer.helpers import findings_by_cwe

HELPER_PAGE = '''import sqlite3

from flask import Flask, jsonify, request

app = Flask(__name__)


def build(filters):
    text = "SELECT id FROM items ORDER BY " + filters["sort"]
    return text


def layout(body):
    return "<html><body>" + body + "</body></html>"


@app.get("/items")
def items():
    filters = {"sort": request.args.get("sort", "id")}
    db = sqlite3.connect("shop.db")
    return CALL
'''


@pytest.mark.parametrize("call, reported", [
    # the helper's text is the page the view sends
    ("build(filters)", True),
    ('"<pre>" + build(filters) + "</pre>"', True),
    ('"<p>{}</p>".format(build(filters))', True),
    ("make_response(build(filters))", True),
    ("layout(build(filters))", True),  # a local helper wraps it in the page
    # the helper's text is a query the view runs, or data jsonify serialises: the answer is
    # that call's result, not the helper's text
    ("jsonify(db.execute(build(filters)).fetchall())", False),
    ("jsonify(rows=db.execute(build(filters)).fetchall())", False),
    ("str(len(db.execute(build(filters)).fetchall()))", False),
])
def test_helper_return_reaches_the_answer_only_as_its_text(call: str, reported: bool) -> None:
    got = findings_by_cwe(HELPER_PAGE.replace("CALL", call))
    assert (79 in got) is reported, got.get(79)


LOGGED = '''import logging
from typing import Dict

from fastapi import FastAPI
from pydantic import BaseModel

log = logging.getLogger(__name__)
logging.basicConfig(level=logging.INFO)
app = FastAPI()


class Item(BaseModel):
    name: str
    qty: int


class Plain:
    name: str


@app.post("/items")
def create(ANNOT):
    LINE
    return {"ok": True}
'''


@pytest.mark.parametrize("annot, line, reported", [
    # printed whole, a model, a dict or a list shows repr() of each item: no raw newline
    ("item: Item", 'log.info("creating %s", item)', False),
    ("item: Item", 'log.info(f"creating {item}")', False),
    ("item: dict", 'log.info("payload %s", item)', False),
    ("item: Dict[str, str]", 'log.warning("payload %s", item)', False),
    ("item: list[str]", 'log.info("names %s", item)', False),
    # its text fields read one by one are the request's text
    ("item: Item", 'log.info("creating %s", item.name)', True),
    ("item: Item", 'log.info(f"creating {item.name}")', True),
    ("item: dict", 'log.info("name %s", item["name"])', True),
    # a string, or a class of the file whose str() is its own, stays text
    ("item: str", 'log.info("creating %s", item)', True),
    ("item: Plain", 'log.info("creating %s", item)', True),
])
def test_log_of_a_value_printed_with_repr(annot: str, line: str, reported: bool) -> None:
    got = findings_by_cwe(LOGGED.replace("ANNOT", annot).replace("LINE", line))
    assert (117 in got) is reported, got.get(117)


def test_log_of_a_model_reassigned_from_text_stays_text() -> None:
    code = LOGGED.replace("ANNOT", "item: Item").replace(
        "LINE", 'item = item.name\n    log.info("creating %s", item)')
    assert 117 in findings_by_cwe(code)


PAGE = '''import subprocess

from flask import Flask, request

app = Flask(__name__)


@app.get("/diag/ping")
def ping():
    host = request.args.get("host", "127.0.0.1")
    out = subprocess.run(["ping", "-c", "1", host], capture_output=True, text=True).stdout
    return "<pre>" + OUT + "</pre>"
'''


@pytest.mark.parametrize("out, reported", [
    ("out", True),
    ('out.replace("<", "&lt;")', False),
    ('out.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")', False),
    ('out.replace("<", "&lt;").strip()', False),  # still escaped text
    ('out.replace("\\\\n", "<br>")', True),  # a replace that escapes nothing
    ("host.replace('&lt;', '<')", True),  # un-escaping is no escape
])
def test_a_view_returning_text_escaped_inline(out: str, reported: bool) -> None:
    got = findings_by_cwe(PAGE.replace("OUT", out))
    assert (79 in got) is reported, got.get(79)


@pytest.mark.parametrize("value, reported", [
    ("host", True),
    ("secure_filename(host)", False),  # [A-Za-z0-9_.-] only: no markup
    ("shlex.quote(host)", True),  # a shell quoter is no HTML escaper
    ("render_template('ping.html', host=host)", False),
])
def test_a_view_return_is_an_html_sink(value: str, reported: bool) -> None:
    code = ("import shlex\nfrom flask import Flask, request, render_template\n"
            "from werkzeug.utils import secure_filename\napp = Flask(__name__)\n\n\n"
            "@app.get('/p')\ndef p():\n    host = request.args.get('host', '')\n"
            f"    return '<p>' + {value}\n")
    assert (79 in findings_by_cwe(code)) is reported


OWNED_SQL = '''import sqlite3
from flask import Flask, jsonify
from flask_login import login_required

app = Flask(__name__)
SCHEMA = """
CREATE TABLE IF NOT EXISTS products (id INTEGER PRIMARY KEY, name TEXT, price NUMERIC(10, 2));
CREATE TABLE IF NOT EXISTS orders (id INTEGER PRIMARY KEY, user_id INTEGER, total INTEGER);
"""


@app.get("/x/<int:rid>")
@login_required
def show(rid):
    row = sqlite3.connect("a.db").execute("SELECT * FROM RECORDS WHERE id = ?", (rid,)).fetchone()
    return jsonify(dict(row))
'''


@pytest.mark.parametrize("table, reported", [
    ("orders", True),  # a row with its user: anyone signed in reads anyone's order
    ("products", False),  # a catalog row names no one: everyone's to read
    ("invoices", True),  # a table the file does not declare: not known, still reported
])
def test_owner_check_needs_a_record_that_belongs_to_someone(table: str, reported: bool) -> None:
    got = findings_by_cwe(OWNED_SQL.replace("RECORDS", table))
    assert (639 in got) is reported, got.get(639)


OWNED_ORM = '''from flask import Flask, jsonify
from flask_login import login_required
from flask_sqlalchemy import SQLAlchemy

app = Flask(__name__)
db = SQLAlchemy(app)


class Product(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    name = db.Column(db.String(80))


class Note(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    author_id = db.Column(db.Integer, db.ForeignKey("user.id"))
    body = db.Column(db.Text)


@app.get("/x/<int:rid>")
@login_required
def show(rid):
    row = MODEL.query.get_or_404(rid)
    return jsonify(id=row.id)
'''


@pytest.mark.parametrize("model, reported", [("Note", True), ("Product", False)])
def test_owner_check_needs_a_model_that_belongs_to_someone(model: str, reported: bool) -> None:
    got = findings_by_cwe(OWNED_ORM.replace("MODEL", model))
    assert (639 in got) is reported, got.get(639)


ENUMS = '''import logging
from enum import Enum
from fastapi import FastAPI
from pydantic import BaseModel

log = logging.getLogger(__name__)
logging.basicConfig(level=logging.INFO)
app = FastAPI()


class Topic(str, Enum):
    news = "news"
    deals = "deals"


class Plain(str):
    pass


class Sub(BaseModel):
    topic: Topic
    note: str


@app.post("/sub/{kind}")
def sub(body: Sub, kind: KIND):
    log.info("subscribed %s", VALUE)
    return {}
'''


@pytest.mark.parametrize("kind, value, reported", [
    ("Topic", "body.topic", False),  # FastAPI lets only an Enum's members through
    ("Topic", "kind", False),
    ("Topic", "body.note", True),
    ("str", "kind", True),
    ("Plain", "kind", True),  # a str subclass is any text
])
def test_an_enum_parameter_or_field_carries_no_text(kind: str, value: str,
                                                     reported: bool) -> None:
    got = findings_by_cwe(ENUMS.replace("KIND", kind).replace("VALUE", value))
    assert (117 in got) is reported, got.get(117)


PASSWORDS = '''import sqlite3
from argon2 import PasswordHasher
from flask import Flask, request
from flask_bcrypt import Bcrypt
from passlib.context import CryptContext
from passlib.hash import pbkdf2_sha256

app = Flask(__name__)
bcrypt = Bcrypt(app)
pwd_context = CryptContext(schemes=["bcrypt"])
ph = PasswordHasher()


@app.post("/register")
def register():
    password = request.form["password"]
    hashed_password = HASH
    sqlite3.connect("a.db").execute("INSERT INTO users (password) VALUES (?)",
                                    (hashed_password,))
    return "ok"
'''


@pytest.mark.parametrize("hashed, reported", [
    ("password", True),
    ("password.strip()", True),
    ("pbkdf2_sha256.hash(password)", False),  # passlib
    ("pwd_context.hash(password)", False),  # passlib's CryptContext
    ('bcrypt.generate_password_hash(password).decode("utf-8")', False),  # Flask-Bcrypt
    ("ph.hash(password)", False),  # argon2-cffi
    ("PasswordHasher().hash(password)", False),
])
def test_a_password_hashed_by_its_library_is_not_plain_text(hashed: str, reported: bool) -> None:
    got = findings_by_cwe(PASSWORDS.replace("HASH", hashed))
    assert (256 in got) is reported, got.get(256)


SONGS = '''import os
from flask import Flask, abort, jsonify, request, send_file

app = Flask(__name__)
SONGS = "/srv/songs"


@app.post("/download")
def download():
    filename = request.get_json()["filename"]
CHECK
    return send_file(os.path.join(SONGS, filename))
'''


@pytest.mark.parametrize("check, reported", [
    ("", True),
    # refused when it holds a separator or "..": a plain name stays in the folder
    ("    if '..' in filename or '/' in filename or '\\\\\\\\' in filename:\n"
     "        return jsonify(error='bad name'), 400", False),
    ("    if '/' in filename or '..' in filename:  # no traversal\n        abort(400)", False),
    ("    if os.sep in filename or filename.startswith('.'): abort(400)", False),
    # one of the two is not enough: an absolute name replaces the base, '..' is the parent
    ("    if '..' in filename:\n        abort(400)", True),
    ("    if '/' in filename:\n        abort(400)", True),
    # a check that refuses nothing
    ("    if '..' in filename or '/' in filename:\n        print('odd name')", True),
])
def test_a_name_refused_with_a_separator_stays_in_its_folder(check: str, reported: bool) -> None:
    got = findings_by_cwe(SONGS.replace("CHECK", check))
    assert (22 in got) is reported, got.get(22)
