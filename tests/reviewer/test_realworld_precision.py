"""False-alarm shapes found by reviewing code nobody here wrote (litellm's FastAPI proxy,
issue 19): each safe shape is not reported, its vulnerable twin still is."""

from __future__ import annotations

import pytest

from reviewer.engine import review
from tests.reviewer.helpers import target

FLASK = ("import hashlib, json, logging\nfrom flask import Flask, request\n"
         "app = Flask(__name__)\nlog = logging.getLogger('x')\nlogging.basicConfig(level=logging.INFO)\n\n")


def _ids(code: str) -> set[str]:
    return {f.rule_id for f in review([target(code, ai=True)])}


def _handler(arg: str) -> str:
    return (FLASK + "@app.post('/a')\ndef a():\n    email = request.form['email']\n"
            f"    log.info('account %s', {arg})\n    return 'ok'\n")


@pytest.mark.parametrize("safe", [
    # a digest, repr() or JSON cannot carry a raw CR/LF into the log line
    "hashlib.sha1(email.encode()).hexdigest()[:8]",
    "repr(email)",
    "json.dumps(request.get_json())",
    "Model(name=email).model_dump()",
    "sanitize_for_log(email)",                  # the project's own neutraliser, by name
])
def test_log_arguments_that_cannot_hold_a_newline_are_not_log_injection(safe: str) -> None:
    assert "py.log.injection" not in _ids(_handler(safe))


@pytest.mark.parametrize("raw", ["email", "email.strip()", "f'{email}'"])
def test_the_raw_request_value_in_a_log_line_is_still_reported(raw: str) -> None:
    assert "py.log.injection" in _ids(_handler(raw))


@pytest.mark.parametrize("safe", [
    'API_KEY = "api_key"\n',                       # a field name spelled as its value
    'refresh_token = "refresh_token"\n',           # an enum member
    'cfg = {"client_secret": "client_secret"}\n',
    'check(token="__team_scope_auth_check__")\n',  # a dunder sentinel
    'if api_key == "undefined":\n    pass\n',       # JavaScript's missing value sent as text
])
def test_names_and_sentinels_are_not_hard_coded_secrets(safe: str) -> None:
    assert "py.secret.hardcoded-password" not in _ids(safe)


@pytest.mark.parametrize("secret", [
    'password = "password"\n',                     # a one-word default password is one
    'API_KEY = "api-key-7731-prod"\n',
    'db_password = "hunter2-prod"\n',
    'if api_key == "letmein-now":\n    pass\n',
])
def test_real_literal_secrets_are_still_reported(secret: str) -> None:
    # a key-shaped literal is the key-literal finding, which supersedes the password one
    assert {"py.secret.hardcoded-password", "py.secret.key-literal"} & _ids(secret)


FASTAPI = ("import logging\nfrom fastapi import Depends, FastAPI\napp = FastAPI()\n"
           "log = logging.getLogger('x')\nlogging.basicConfig(level=logging.INFO)\n\n")


@pytest.mark.parametrize("param", ["user=Depends(current_user)",
                                   "user: Principal = Depends(current_user)",
                                   "user: Principal = Security(current_user)"])
def test_a_dependency_result_is_not_request_input(param: str) -> None:
    # the signed-in principal FastAPI injects comes from the dependency (a key or session
    # lookup), not from the request the handler parses
    code = (FASTAPI + f"@app.post('/keys/{{key_id}}')\nasync def rotate(key_id: str, {param}):\n"
            "    log.info('rotated by %s', user.user_id)\n")
    assert "py.log.injection" not in _ids(code)
    # the handler's own path parameter is still the request's
    assert "py.log.injection" in _ids(code.replace("user.user_id", "key_id"))


@pytest.mark.parametrize(("code", "reported"), [
    # a dotted namespace names a metadata key; it is no credential
    ('SCOPE_RESPONSE_KEY = "litellm.mcp.scope_response"\n', False),
    ('META_KEY = "litellm.ai/server_outcomes"\n', False),
    ('API_KEY = "Xq7.k2Lm9.pR4vT8wZ"\n', True),
    ('SIGNING_KEY = "k3y-9f8a7b6c5d4e3f2a"\n', True),
])
def test_namespaced_key_names_are_not_key_literals(code: str, reported: bool) -> None:
    assert ("py.secret.key-literal" in _ids(code)) is reported
