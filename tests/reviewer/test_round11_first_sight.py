"""Round 11's first-sight misses (issue 19), each a shape models write and an earlier round
wrote too: a stack trace nested in the error answer (a JSON field, a list of its last lines,
a name it was kept under) rather than returned bare, and a decision route (approve, reject,
decide) guarded by the login check alone in a file that keeps its role's routes behind a
role decorator or dependency (round 9's approvals missed the same way). Each on a small
look-alike with its safe twin."""

from __future__ import annotations

import pytest

from tests.reviewer.helpers import findings_by_cwe

FLASK_ERRORS = '''import logging
import traceback

from flask import Flask, jsonify

app = Flask(__name__)
log = logging.getLogger(__name__)


@app.errorhandler(Exception)
def handle_error(exc):
BODY
'''

FASTAPI_ERRORS = '''import traceback

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse

app = FastAPI()


@app.exception_handler(Exception)
async def unhandled(request: Request, exc: Exception):
BODY
'''


@pytest.mark.parametrize("app, body, reported", [
    # the trace is a field of the answer, whole or cut to its last lines
    (FLASK_ERRORS, '    return jsonify(error="internal error", detail=str(exc),\n'
                   '                   trace=traceback.format_exc().splitlines()[-8:]), 500',
     True),
    (FASTAPI_ERRORS, '    return JSONResponse(status_code=500, content={"detail": str(exc),\n'
                     '                        "trace": traceback.format_exc()})', True),
    # kept under a name first, then answered
    (FLASK_ERRORS, '    tb = traceback.format_exc()\n'
                   '    return jsonify(error="internal error", trace=tb), 500', True),
    # logged, and the answer is generic
    (FLASK_ERRORS, '    log.error(traceback.format_exc())\n'
                   '    return jsonify(error="internal error"), 500', False),
    (FLASK_ERRORS, '    tb = traceback.format_exc()\n    log.error("unhandled: %s", tb)\n'
                   '    return jsonify(error="internal error"), 500', False),
    (FASTAPI_ERRORS, '    print(traceback.format_exc())\n'
                     '    return JSONResponse(status_code=500, content={"detail": "error"})', False),
])
def test_trace_inside_the_error_answer(app: str, body: str, reported: bool) -> None:
    got = findings_by_cwe(app.replace("BODY", body))
    assert (209 in got) is reported, got.get(209)


FLASK_ROLES = '''from functools import wraps

from flask import Flask, abort, jsonify, request, session

app = Flask(__name__)


def login_required(view):
    @wraps(view)
    def wrapped(*args, **kwargs):
        if "user_id" not in session:
            return jsonify(error="login required"), 401
        return view(*args, **kwargs)
    return wrapped


def manager_required(view):
    @wraps(view)
    @login_required
    def wrapped(*args, **kwargs):
        if session.get("role") != "manager":
            return jsonify(error="managers only"), 403
        return view(*args, **kwargs)
    return wrapped


@app.get("/requests/pending")
@manager_required
def pending():
    return jsonify([])


@app.post("/requests/<int:request_id>/ROUTE")
GUARD
def decide(request_id):
CHECK    decision = request.get_json()["decision"]
    db().execute("UPDATE requests SET status = ? WHERE id = ?", (decision, request_id))
    return jsonify(ok=True)
'''

FASTAPI_ROLES = '''from fastapi import Depends, FastAPI, HTTPException

app = FastAPI()


def current_account(authorization: str = ""):
    return lookup(authorization)


def require_pharmacist(account=Depends(current_account)):
    if account["role"] != "pharmacist":
        raise HTTPException(status_code=403)
    return account


@app.get("/refills/pending")
def pending(_=Depends(require_pharmacist)):
    return []


@app.post("/refills/{refill_id}/ROUTE")
def decide(refill_id: int, body: Decision, account=Depends(GUARD)):
    db().execute("UPDATE refills SET status = ? WHERE id = ?", (body.decision, refill_id))
    return {"id": refill_id}
'''


@pytest.mark.parametrize("app, route, guard, check, reported", [
    # a decision route behind the login check only, beside a role-guarded queue
    (FLASK_ROLES, "decision", "@login_required", "", True),
    (FLASK_ROLES, "approve", "@login_required", "", True),
    (FASTAPI_ROLES, "decision", "current_account", "", True),
    (FASTAPI_ROLES, "reject", "current_account", "", True),
    # the role's own guard, or a role check in the body
    (FLASK_ROLES, "decision", "@manager_required", "", False),
    (FASTAPI_ROLES, "decision", "require_pharmacist", "", False),
    (FLASK_ROLES, "decision", "@login_required",
     '    if session.get("role") != "manager":\n        abort(403)\n', False),
    # a member's own action beside the role's routes: no decision for a role to make
    (FLASK_ROLES, "book", "@login_required", "", False),
    (FASTAPI_ROLES, "cancel", "current_account", "", False),
])
def test_decision_route_without_the_files_role_guard(app: str, route: str, guard: str,
                                                    check: str, reported: bool) -> None:
    code = app.replace("ROUTE", route).replace("GUARD", guard).replace("CHECK", check)
    got = findings_by_cwe(code)
    assert any(c in got for c in (862, 863, 285)) is reported, got


def test_decision_route_in_a_file_with_no_role_guard_stays_quiet() -> None:
    """Login alone is every route's guard: nothing says a role should decide."""
    code = FLASK_ROLES.replace("ROUTE", "approve").replace("GUARD", "@login_required") \
        .replace("CHECK", "").replace("@manager_required\ndef pending", "@login_required\n"
                                      "def pending")
    code = code.replace("def manager_required", "def _unused_wrapper")
    got = findings_by_cwe(code)
    assert not any(c in got for c in (862, 863, 285)), got


@pytest.mark.parametrize("body, reported", [
    ("    return traceback.format_exc()", True),  # returned bare: reported anywhere, as before
    # a job runner's own record of the failure, in a file that serves no web request
    ('    return {"ok": False, "trace": traceback.format_exc()}', False),
])
def test_trace_outside_a_web_app(body: str, reported: bool) -> None:
    code = f"import traceback\n\n\ndef run_job(job):\n    try:\n        job()\n    except Exception:\n{body}\n"
    code = code.replace("\n    return", "\n        return")
    got = findings_by_cwe(code, "worker.py")
    assert (209 in got) is reported, got.get(209)
