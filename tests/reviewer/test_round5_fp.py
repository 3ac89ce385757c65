"""General causes of the false alarms and misses the fifth round of Python backends showed on
its tuning half (issue 19), each on a small look-alike written here, with its twin on the
other side of the line still judged as before."""

from __future__ import annotations

import pytest

from tests.reviewer.helpers import findings_by_cwe

TOKEN_SQL = '''import sqlite3
from flask import Flask, request

app = Flask(__name__)


@app.post("/reset/confirm")
def confirm():
    token = request.json["token"]
    conn = sqlite3.connect("app.db")
    conn.execute(SQL, PARAMS)
    conn.commit()
    return {"ok": True}
'''


@pytest.mark.parametrize("sql, params, reported", [
    # the token is compared against the rows, never written: nothing kept in clear
    ('"UPDATE resets SET used = 1 WHERE token = ?"', "(token,)", False),
    ('"UPDATE sessions SET revoked = 1 WHERE token = %s AND revoked = 0"', "[token]", False),
    ('"UPDATE resets SET used = ? WHERE user_id = ? AND token = ?"', "(1, 7, token)", False),
    # written: the SET part, an INSERT's values, an INSERT ... SELECT ... WHERE's select list
    ('"UPDATE users SET api_token = ? WHERE id = ?"', "(token, 7)", True),
    ('"INSERT INTO resets (token, user_id) VALUES (?, ?)"', "(token, 7)", True),
    ('"INSERT INTO resets SELECT ?, 7 WHERE NOT EXISTS (SELECT 1 FROM resets)"', "(token,)",
     True),
])
def test_a_token_bound_after_where_is_not_stored(sql: str, params: str, reported: bool) -> None:
    code = TOKEN_SQL.replace("SQL", sql).replace("PARAMS", params)
    assert (312 in findings_by_cwe(code)) is reported


LOGGED = '''import logging
from fastapi import FastAPI

app = FastAPI()
logging.basicConfig(filename="checks.log", level=logging.INFO)
log = logging.getLogger("checks")


@app.get("/check")
def check(keyword: str, body: str):
    BODY
    return {"ok": True}
'''


@pytest.mark.parametrize("body, reported", [
    # a comparison, a membership test or a negation prints True or False, never the input
    ('up = keyword in body\n    log.info("up=%s", up)', False),
    ('log.info("match=%s", keyword == "x")', False),
    ('ok = len(body) < 400 and (not keyword or keyword in body)\n    log.info("ok=%s", ok)',
     False),
    # a dict display read by a constant key holds that key's value, not its neighbours'
    ('r = {"up": keyword in body, "sample": body}\n    log.info("up=%s", r["up"])', False),
    ('r = {"up": True, "sample": body}\n    r["up"] = keyword\n    log.info("up=%s", r["up"])',
     True),
    # the twins: the text itself, an 'and' that returns its text operand, the text's key
    ('log.info("keyword=%s", keyword)', True),
    ('hit = body == "" and keyword\n    log.info("hit=%s", hit)', True),
    ('r = {"up": keyword in body, "sample": body}\n    log.info("sample=%s", r["sample"])', True),
    ('r = {"up": 1, **dict(sample=body)}\n    log.info("up=%s", r["up"])', True),
])
def test_a_bool_or_another_key_is_no_log_text(body: str, reported: bool) -> None:
    assert (117 in findings_by_cwe(LOGGED.replace("BODY", body))) is reported


def test_a_comparison_stays_the_clients_choice_in_a_decision() -> None:
    """Not for a text sink: a flag kept in the session from a comparison is the client's."""
    code = '''from flask import Flask, request, session

app = Flask(__name__)
app.secret_key = "x"


@app.post("/login")
def login():
    session["is_admin"] = request.form.get("role") == "admin"
    return "ok"
'''
    got = findings_by_cwe(code)
    assert any(c in got for c in (639, 862, 863, 284, 285, 602, 565, 807)), sorted(got)


ADMIN = '''from functools import wraps
from flask import Flask, abort, jsonify, request, session

app = Flask(__name__)


def login_required(f):
    @wraps(f)
    def inner(*a, **k):
        if "uid" not in session:
            abort(401)
        return f(*a, **k)
    return inner


def admin_required(f):
    @wraps(f)
    def inner(*a, **k):
        if session.get("role") != "admin":
            abort(403)
        return f(*a, **k)
    return inner


@app.get("/admin/users")
@admin_required
def users():
    return jsonify([])


@app.post("/admin/users/<int:uid>/role")
DECORATOR
def set_role(uid):
    BODY
    return jsonify(ok=True)
'''
UPDATE = 'db.execute("UPDATE users SET role = ? WHERE id = ?", (request.json["role"], uid))'


@pytest.mark.parametrize("decorator, body, reported", [
    # among admin routes the file guards, this one checks login only, or nothing
    ("@login_required", UPDATE, True),
    ("", UPDATE, True),
    # the file's admin decorator, or the role checked in the body
    ("@admin_required", UPDATE, False),
    ("@login_required", 'if session.get("role") != "admin":\n        abort(403)\n    ' + UPDATE,
     False),
    ("@login_required", 'if not g.user.is_admin:\n        abort(404)\n    ' + UPDATE, False),
])
def test_an_admin_route_without_the_files_admin_check(decorator: str, body: str,
                                                      reported: bool) -> None:
    code = ADMIN.replace("DECORATOR\n", decorator + "\n" if decorator else "")
    assert (862 in findings_by_cwe(code.replace("BODY", body))) is reported


def test_no_admin_check_in_the_file_or_one_before_every_request_is_not_this_rule() -> None:
    unguarded = ADMIN.replace("@admin_required\n", "@login_required\n").replace(
        "DECORATOR", "@login_required").replace("BODY", UPDATE)
    assert not any(f.rule_id == "py.authz.admin-route-unguarded"
                   for fs in findings_by_cwe(unguarded).values() for f in fs)
    hooked = ADMIN.replace("DECORATOR", "@login_required").replace("BODY", UPDATE) + '''

@app.before_request
def only_admins():
    if request.path.startswith("/admin") and session.get("role") != "admin":
        abort(403)
'''
    assert 862 not in findings_by_cwe(hooked)


FASTAPI_ADMIN = '''from fastapi import Depends, FastAPI, HTTPException

app = FastAPI()


def current_user():
    return {"id": 1, "is_admin": False}


def require_admin(user=Depends(current_user)):
    if not user["is_admin"]:
        raise HTTPException(403)
    return user


@app.get("/admin/stats", dependencies=[Depends(require_admin)])
def stats():
    return {}


@app.delete("/admin/users/{uid}")
def delete_user(uid: int, user=Depends(DEP)):
    db.execute("DELETE FROM users WHERE id = ?", (uid,))
    return {}
'''


@pytest.mark.parametrize("dep, reported", [("current_user", True), ("require_admin", False)])
def test_fastapi_admin_route_dependency(dep: str, reported: bool) -> None:
    assert (862 in findings_by_cwe(FASTAPI_ADMIN.replace("DEP", dep))) is reported


RESET_TOKEN = '''import hashlib
import os
import secrets
import time
import uuid
from datetime import datetime

SECRET_KEY = os.environ["SECRET_KEY"]


def NAME(email):
    BODY
'''


@pytest.mark.parametrize("name, body, reported", [
    # the time and what the attacker knows, hashed: the attacker hashes the same
    ("make_reset_token", 'raw = f"{email}:{int(time.time())}"\n'
     "    return hashlib.sha256(raw.encode()).hexdigest()", True),
    ("new_invite", "code = hashlib.md5((email + str(datetime.now())).encode()).hexdigest()\n"
     "    return code", True),
    # fresh randomness or a server secret among the inputs; or no token at all
    ("make_reset_token", 'raw = f"{email}:{time.time()}:{secrets.token_hex(16)}"\n'
     "    return hashlib.sha256(raw.encode()).hexdigest()", False),
    ("make_reset_token", 'raw = f"{SECRET_KEY}:{email}:{int(time.time())}"\n'
     "    return hashlib.sha256(raw.encode()).hexdigest()", False),
    ("make_reset_token", "return hashlib.sha256(uuid.uuid4().bytes + str(time.time()).encode())"
     ".hexdigest()", False),
    ("cache_etag", 'return hashlib.sha1(f"{email}:{time.time()}".encode()).hexdigest()', False),
])
def test_a_token_hashed_from_the_time(name: str, body: str, reported: bool) -> None:
    code = RESET_TOKEN.replace("NAME", name).replace("BODY", body)
    assert (330 in findings_by_cwe(code, "tokens.py")) is reported


UPDATED = '''import logging
from fastapi import Depends, FastAPI, Request

app = FastAPI()
logging.basicConfig(filename="api.log", level=logging.INFO)
logger = logging.getLogger("api")


@app.put("/notes/{note_id}")
async def update_note(note_id: int, request: Request):
    body = await request.json()
    BODY
    db.commit()
    return {"ok": True}
'''


@pytest.mark.parametrize("body, reported", [
    # a field the request never wrote holds what the looked-up record held
    ('note = db.get(Note, note_id)\n    note.title = body["title"]\n'
     '    logger.info("note %s updated", note.id)', False),
    ('note = db.get(Note, note_id)\n    note.title = body["title"]\n    note.body = body["body"]\n'
     '    logger.info("note %s by %s", note.id, note.owner_name)', False),
    # the field it wrote; a record built from the request; a name bound twice
    ('note = db.get(Note, note_id)\n    note.title = body["title"]\n'
     '    logger.info("note %s updated", note.title)', True),
    ('note = Note(**body)\n    note.owner_id = 1\n    logger.info("note %s", note.title)', True),
    ('note = db.get(Note, note_id)\n    if note is None:\n        note = Note(**body)\n'
     '    note.owner_id = 1\n    logger.info("note %s", note.title)', True),
])
def test_an_untouched_field_of_an_updated_record(body: str, reported: bool) -> None:
    assert (117 in findings_by_cwe(UPDATED.replace("BODY", body))) is reported


SIGNUP = '''import logging
from fastapi import FastAPI
from fastapi.responses import HTMLResponse
from pydantic import BaseModel, EmailStr, HttpUrl

app = FastAPI()
logging.basicConfig(filename="signups.log", level=logging.INFO)
logger = logging.getLogger("signups")


class SignUp(BaseModel):
    email: EmailStr
    website: HttpUrl
    name: str


@app.post("/signup")
def signup(body: SignUp):
    SINK
    return {"ok": True}
'''


@pytest.mark.parametrize("sink, cwe, reported", [
    # pydantic parsed these into one line: no forged log entry through them
    ('logger.info("new user %s", body.email)', 117, False),
    ('logger.info(f"new user {body.email} from {body.website}")', 117, False),
    # free text still forges a line; and in HTML an address may still hold a quote
    ('logger.info("new user %s", body.name)', 117, True),
    ('return HTMLResponse(f"<p>Welcome {body.email}</p>")', 79, True),
])
def test_a_parsed_email_or_url_is_one_log_line(sink: str, cwe: int, reported: bool) -> None:
    assert (cwe in findings_by_cwe(SIGNUP.replace("SINK", sink))) is reported
