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


TEAMS = '''import sqlite3

from fastapi import Depends, FastAPI, HTTPException
from pydantic import BaseModel
from typing import Literal

app = FastAPI()


class MemberIn(BaseModel):
    user_id: int
    role: Literal["admin", "member"] = "member"


def current_user():
    raise HTTPException(status_code=401)


def my_role(team_id: int, user_id: int) -> str:
    with sqlite3.connect("teams.db") as conn:
        row = conn.execute("SELECT role FROM members WHERE team_id = ? AND user_id = ?",
                           (team_id, user_id)).fetchone()
    if row is None:
        raise HTTPException(status_code=404)
    return row[0]


@app.post("/teams/{team_id}/members")
def add_member(team_id: int, body: MemberIn, user=Depends(current_user)):
    CHECK
    with sqlite3.connect("teams.db") as conn:
        conn.execute("INSERT INTO members (team_id, user_id, role) VALUES (?, ?, ?)",
                     (team_id, body.user_id, body.role))
    return {"ok": True}
'''


@pytest.mark.parametrize("check, reported", [
    # the caller only has to be a member: any member grants admin
    ('my_role(team_id, user["id"])', True),
    # the caller's own role is checked first
    ('''if my_role(team_id, user["id"]) not in ("owner", "admin"):
        raise HTTPException(status_code=403)''', False),
    ('''if my_role(team_id, user["id"]) != "admin":
        raise HTTPException(status_code=403)''', False),
])
def test_a_role_the_request_names_needs_the_callers_role_checked(check: str,
                                                                 reported: bool) -> None:
    assert (863 in findings_by_cwe(TEAMS.replace("CHECK", check))) is reported


def test_a_role_chosen_at_sign_up_by_nobody_signed_in_is_not_this_finding() -> None:
    code = TEAMS.replace(", user=Depends(current_user)", "").replace("CHECK", "pass")
    assert 863 not in findings_by_cwe(code)


FLASK_TEAMS = '''import sqlite3
from functools import wraps

from flask import Flask, jsonify, request, session

app = Flask(__name__)


@app.post("/orgs/<int:org_id>/invites")
def invite(org_id):
    if "user_id" not in session:
        return jsonify(error="login"), 401
    data = request.get_json()
    with sqlite3.connect("orgs.db") as conn:
        conn.execute("INSERT INTO memberships (org_id, email, role) VALUES (?, ?, ?)",
                     (org_id, data["email"], data["role"]))
    return jsonify(ok=True), 201
'''


def test_a_flask_invite_with_the_requested_role_is_reported() -> None:
    assert 863 in findings_by_cwe(FLASK_TEAMS)


RELAY = '''import hashlib
import hmac
import json

import requests
from flask import Flask, abort, jsonify, request

app = Flask(__name__)
DESTINATIONS = {}


def verify_signature(secret: str, body: bytes) -> None:
    expected = hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()
    if not hmac.compare_digest(expected, request.headers.get("X-Signature", "")):
        abort(401)


@app.post("/destinations/<dest_id>")
def add_destination(dest_id):
    DESTINATIONS[dest_id] = {"url": request.json["url"], "secret": "whsec_x"}
    return jsonify(ok=True)


@app.post("/relay/<dest_id>")
def relay(dest_id):
    dest = DESTINATIONS[dest_id]
    body = request.get_data()
    verify_signature(dest["secret"], body)
    resp = requests.post(dest["url"], json=json.loads(body), timeout=5)
    return jsonify(status=resp.status_code)
'''


def test_a_verified_payload_does_not_clear_the_record_whose_secret_signs_it() -> None:
    # the signed body is the provider's; the destination URL the client stored is still SSRF
    assert 918 in findings_by_cwe(RELAY)
