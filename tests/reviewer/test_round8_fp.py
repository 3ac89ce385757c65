"""General causes of the false alarms and misses the Python backends' tuning halves showed
after the eighth round (issue 19), each on a small look-alike written here, with its
vulnerable twin still reported."""

from __future__ import annotations

import pytest

from tests.reviewer.helpers import findings_by_cwe

WEBHOOK = '''import hashlib
import hmac
import json
import logging
import os

from flask import Flask, abort, jsonify, request

app = Flask(__name__)
SECRET = os.environ["HOOK_SECRET"].encode()
logging.basicConfig(filename="hooks.log", level=logging.INFO)
log = logging.getLogger("hooks")


def verify_signature(payload: bytes, header: str) -> bool:
    expected = hmac.new(SECRET, payload, hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected, header)


@app.post("/hooks/billing")
def billing_hook():
    payload = request.get_data()
    CHECK
    event = json.loads(payload)
    log.info("processed event %s of type %s", event["id"], event["type"])
    return jsonify(received=True)
'''


@pytest.mark.parametrize("check, reported", [
    # a payload whose signature the handler verified, turning a bad one away, was written by
    # the holder of the shared secret (the provider), not by whoever sent the request
    ('''if not verify_signature(payload, request.headers.get("X-Signature", "")):
        abort(400)''', False),
    ('''if not verify_signature(payload, request.headers.get("X-Signature", "")):
        return jsonify(error="bad signature"), 401''', False),
    # no check, or one that does not turn the request away: anyone's text reaches the log
    ("", True),
    ('''if not verify_signature(payload, request.headers.get("X-Signature", "")):
        log.warning("unsigned webhook")''', True),
    # a check of another value guards nothing about the payload
    ('''if not verify_signature(request.headers.get("X-Id", "").encode(), "x"):
        abort(400)''', True),
])
def test_a_verified_signature_ends_the_payloads_taint(check: str, reported: bool) -> None:
    assert (117 in findings_by_cwe(WEBHOOK.replace("CHECK", check))) is reported


TIMEOFF = '''import sqlite3

from fastapi import FastAPI
from pydantic import BaseModel, Field

app = FastAPI()


class LeaveRequest(BaseModel):
    employee_id: int
    FIELD
    reason: str = ""


@app.post("/requests")
def request_leave(body: LeaveRequest):
    with sqlite3.connect("leave.db") as conn:
        conn.execute("INSERT INTO requests (employee_id, days) VALUES (?, ?)",
                     (body.employee_id, body.days))


@app.post("/requests/{request_id}/approve")
def approve(request_id: int):
    with sqlite3.connect("leave.db") as conn:
        row = conn.execute("SELECT employee_id, days FROM requests WHERE id = ?",
                           (request_id,)).fetchone()
        conn.execute("UPDATE employees SET balance = balance - ? WHERE id = ?",
                     (row[1], row[0]))
'''


@pytest.mark.parametrize("field, reported", [
    # a count of days charged against a stored balance in SQL (balance - ?): -30 days adds
    # thirty to it
    ("days: int", True),
    ("days: int = 1", True),
    # bounded in the model
    ("days: int = Field(ge=1, le=30)", False),
])
def test_a_model_day_count_charged_in_sql_needs_a_range(field: str, reported: bool) -> None:
    assert (20 in findings_by_cwe(TIMEOFF.replace("FIELD", field))) is reported
