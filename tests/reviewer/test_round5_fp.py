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
