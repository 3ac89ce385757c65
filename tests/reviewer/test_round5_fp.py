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

