"""General causes of the false alarms the fourth round of Python backends showed (issue 19),
each on a small look-alike written here, with its vulnerable twin still reported: the caller's
identity kept in the session under any key, a helper's return the view keeps to itself, a
number the framework bounds from above, and a Jinja template that autoescapes."""

from __future__ import annotations

import pytest

from tests.reviewer.helpers import findings_by_cwe

OWNED = '''from flask import Flask, abort, jsonify, session
from functools import wraps
import sqlite3

app = Flask(__name__)


def login_required(view):
    @wraps(view)
    def wrapper(*a, **k):
        if "KEY" not in session:
            abort(401)
        return view(*a, **k)
    return wrapper


def own_note(note_id):
    row = sqlite3.connect("n.db").execute(
        "SELECT * FROM notes WHERE id = ? AND writer = ?", (note_id, OWNER)).fetchone()
    if row is None:
        abort(404)
    return row


@app.get("/notes/<int:note_id>")
@login_required
def show(note_id):
    return jsonify(dict(own_note(note_id)))


@app.delete("/notes/<int:note_id>")
@login_required
def remove(note_id):
    own_note(note_id)
    sqlite3.connect("n.db").execute("DELETE FROM notes WHERE id = ?", (note_id,))
    return "", 204
'''


@pytest.mark.parametrize("key, owner, reported", [
    ("patient_id", 'session["patient_id"]', False),  # the session's id is the caller
    ("customer", 'session["customer"]', True),       # the login key is in the decorator only
    ("patient_id", '"anyone"', True),                # the helper scopes by nothing
    ("patient_id", 'session.get("cart")', True),     # another session value: not who
])
def test_owner_scoped_helper(key: str, owner: str, reported: bool) -> None:
    code = OWNED.replace("KEY", key).replace("OWNER", owner)
    assert (639 in findings_by_cwe(code)) is reported


LOGIN_KEY = '''from flask import Flask, abort, jsonify, session
import sqlite3

app = Flask(__name__)


@app.get("/receipts/<int:rid>")
def receipt(rid):
    if "customer" not in session:
        abort(401)
    row = sqlite3.connect("r.db").execute(
        "SELECT * FROM receipts WHERE id = ? AND buyer = ?", (rid, OWNER)).fetchone()
    return jsonify(dict(row))
'''


def test_login_key_read_back_is_the_caller() -> None:
    """The key whose presence marks the caller signed in names the caller when read."""
    assert 639 not in findings_by_cwe(LOGIN_KEY.replace("OWNER", 'session["customer"]'))
    assert 639 in findings_by_cwe(LOGIN_KEY.replace("OWNER", '"anyone"'))


HELPER_RETURN = '''from flask import Flask, jsonify, request

app = Flask(__name__)


def clean(value):
    text = value.strip()
    return text


@app.post("/book")
def book():
    data = request.get_json(force=True)
    USE
'''


def test_helper_return_kept_by_the_view() -> None:
    """A helper's return answers its caller: a view that keeps it (and answers JSON) returns
    no HTML; one that returns the call sends the input back as HTML."""
    kept = HELPER_RETURN.replace("USE", 'when = clean(data["when"])\n    return jsonify(when=when)')
    assert 79 not in findings_by_cwe(kept)
    returned = HELPER_RETURN.replace("USE", 'return clean(data["when"])')
    assert 79 in findings_by_cwe(returned)


BOUNDED = '''from fastapi import FastAPI, Query
from pydantic import BaseModel, Field
import secrets

app = FastAPI()


class SurveyIn(BaseModel):
    title: str
    invitations: int = Field(DECL)


@app.post("/surveys")
def create(body: SurveyIn):
    return sorted({secrets.token_urlsafe(12) for _ in range(body.invitations)})


@app.get("/codes")
def codes(n: int = Query(QDECL)):
    return [secrets.token_hex(8) for _ in range(n)]
'''


@pytest.mark.parametrize("decl, qdecl, reported", [
    ("default=10, ge=1, le=500", "10, ge=1, lt=100", False),
    ("default=10, ge=1", "10, ge=1, lt=100", True),   # the field: no upper bound
    ("default=10, ge=1, le=500", "10, ge=1", True),   # the query parameter: none either
])
def test_number_bounded_by_the_framework(decl: str, qdecl: str, reported: bool) -> None:
    code = BOUNDED.replace("QDECL", qdecl).replace("DECL", decl)
    assert (770 in findings_by_cwe(code)) is reported


JINJA = '''from fastapi import FastAPI
from fastapi.responses import HTMLResponse
from jinja2 import Environment, select_autoescape

app = FastAPI()
env = Environment(ENV)
PAGE = env.from_string("<h1>{{ name }}</h1>")


@app.get("/hi/{name}", response_class=HTMLResponse)
def hi(name: str):
    return PAGE.render(name=name)
'''


@pytest.mark.parametrize("env, reported", [
    ("autoescape=True", False),
    ("autoescape=select_autoescape()", False),
    ("autoescape=select_autoescape(default=True, default_for_string=True)", False),
    ("", True),                                        # Jinja's default: no escaping
    ("autoescape=False", True),
    ("autoescape=select_autoescape(default_for_string=False)", True),
])
def test_jinja_autoescape(env: str, reported: bool) -> None:
    assert (79 in findings_by_cwe(JINJA.replace("ENV", env))) is reported


@pytest.mark.parametrize("line, reported", [
    ('TOKEN = os.environ.get("RELAY_ADMIN_TOKEN", "relay-admin-8c1f2e")', True),
    ('app.secret_key = os.getenv("FLASK_SECRET_KEY", "s3cr3t-dev-key")', True),
    ('TOKEN = os.environ["RELAY_ADMIN_TOKEN"]', False),               # required: no fallback
    ('TOKEN = os.environ.get("RELAY_ADMIN_TOKEN", "")', False),       # empty: nobody signs in
    ('TOKEN = os.environ.get("RELAY_ADMIN_TOKEN") or secrets.token_urlsafe(32)', False),
    ('DB = os.environ.get("RELAY_DB", "relay.db")', False),          # no secret
    ('KEY = os.getenv("SECRET_KEY", "change-me")', False),           # a placeholder
])
def test_secret_with_literal_fallback(line: str, reported: bool) -> None:
    """Missed in round 4: a secret whose fallback, used wherever the variable is unset, is
    written in the source."""
    code = f"import os\nimport secrets\n\n{line}\n"
    assert (798 in findings_by_cwe(code)) is reported
