"""General false-alarm causes of the Python rules (issue 19), found on code nobody tuned the
rules to (litellm's proxy, small Flask/FastAPI backends): each safe look-alike is not
reported, its vulnerable twin still is."""

from __future__ import annotations

import pytest

from reviewer.engine import review
from tests.reviewer.helpers import target

FLASK = ("import hashlib, logging, requests\nfrom flask import Flask, request, redirect\n"
         "app = Flask(__name__)\nlog = logging.getLogger('x')\nlogging.basicConfig(level=logging.INFO)\nBASE = 'https://api.example.com'\n"
         "\n@app.post('/a')\ndef a():\n    name = request.form['name']\n")
FASTAPI = ("import logging\nfrom fastapi import FastAPI, Request\napp = FastAPI()\n"
           "log = logging.getLogger('x')\nlogging.basicConfig(level=logging.INFO)\n\n@app.get('/b')\n"
           "async def b(request: Request, q: str):\n")


def _ids(code: str) -> set[str]:
    return {f.rule_id for f in review([target(code, ai=True)])}


def _flask(body: str) -> str:
    return FLASK + "".join(f"    {line}\n" for line in body.splitlines()) + "    return 'ok'\n"


def _fastapi(body: str) -> str:
    return FASTAPI + "".join(f"    {line}\n" for line in body.splitlines()) + "    return {}\n"


# -- log injection: only what reaches the line as its own text ---------------------------
@pytest.mark.parametrize("safe", [
    "log.info('user %r', name)",                 # repr() escapes CR/LF
    "log.info('user %d', name)",                 # a number or a formatting error
    "log.info('users %s', [name])",              # a list prints its items with repr()
    "log.info('form %s', {'name': name})",
    "log.info(f'user {name!r}')",
    "log.info('user %r' % (name,))",
    "log.info('ua %s', request.headers.get('User-Agent'))",  # no raw CR/LF in a header
    "log.info('%s %s', request.method, request.remote_addr)",
])
def test_log_arguments_printed_escaped_are_not_log_injection(safe: str) -> None:
    assert "py.log.injection" not in _ids(_flask(safe))


@pytest.mark.parametrize("raw", [
    "log.info('user %s', name)",
    "log.info('user %r and %s', 1, name)",       # the %s position is the input
    "log.info(f'user {name}')",
    "log.info('user %s' % name)",
    "log.info('user ' + name)",
    "log.info('url %s', request.url)",           # Starlette's: the decoded path
])
def test_log_arguments_printed_raw_are_still_log_injection(raw: str) -> None:
    assert "py.log.injection" in _ids(_flask(raw))


def test_request_path_is_input_only_where_the_route_has_a_variable_part() -> None:
    # the decoded path can hold %0a where a <path:...> part takes it; a route that is a
    # literal matched the path in full, so there request.path is that literal
    line = "    log.info('path %s', request.path)\n"
    variable = _flask(line.strip()).replace("@app.post('/a')\ndef a():",
                                            "@app.post('/a/<path:rest>')\ndef a(rest):")
    assert "@app.post('/a/<path:rest>')" in variable
    assert "py.log.injection" in _ids(variable)
    assert "py.log.injection" not in _ids(_flask(line.strip()))


@pytest.mark.parametrize("safe", [
    "log.info('app %s %s', request.app.title, request.method)",
    "log.info('state %s', request.state.user)",
])
def test_members_of_the_request_object_that_are_no_input(safe: str) -> None:
    assert "py.log.injection" not in _ids(_fastapi(safe))


@pytest.mark.parametrize("raw", [
    "log.info('q %s', q)",
    "log.info('x %s', request.query_params.get('x'))",
    "log.info('body %s', await read_body(request))",  # the request passed whole is input
])
def test_inputs_of_the_request_object_are_still_input(raw: str) -> None:
    assert "py.log.injection" in _ids(_fastapi(raw))


@pytest.mark.parametrize("raw", [
    "log.info('x %s', req.query_params.get('x'))",  # any name for the request object
    "log.info('p %s', req.path_params['id'])",
    "log.info('path %s', req.scope['path'])",  # the ASGI scope holds the decoded path
])
def test_inputs_of_a_request_object_named_otherwise_are_input(raw: str) -> None:
    code = _fastapi(raw).replace("b(request: Request", "b(req: Request")
    assert "py.log.injection" in _ids(code)
    assert "py.log.injection" not in _ids(code.replace(raw, "log.info('m %s', req.method)"))


def test_a_digest_pseudonymising_a_log_value_is_no_weak_hash() -> None:
    code = ("import hashlib, logging\nlog = logging.getLogger('x')\nlogging.basicConfig(level=logging.INFO)\n\n"
            "def send_reset_mail(email: str, token: str) -> None:\n"
            "    log.info('mail for %s', hashlib.sha1(email.encode()).hexdigest()[:8])\n")
    assert "py.crypto.weak-hash" not in _ids(code)
    signed = code.replace("    log.info('mail for %s', ", "    sig = (").rstrip() + "\n"
    assert "py.crypto.weak-hash" in _ids(signed)


# -- open redirect and SSRF: where the input lands in the URL ----------------------------
@pytest.mark.parametrize("safe", [
    "return redirect('/search?q=' + name)",
    "return redirect(f'/search?q={name}')",
    "return redirect(f'/notes/{name}')",
    "return redirect(f'https://example.com/p/{name}')",
    "url = BASE + '/login?next=' + name\nreturn redirect(url)",
])
def test_input_after_a_fixed_host_or_path_is_no_open_redirect(safe: str) -> None:
    assert "py.redirect.open" not in _ids(_flask(safe))


@pytest.mark.parametrize("raw", [
    "return redirect(name)",
    "return redirect('/' + name)",               # //evil.example
    "return redirect(name + '?a=1')",
    "return redirect(f'https://{name}/x')",
])
def test_input_choosing_the_destination_is_still_open_redirect(raw: str) -> None:
    assert "py.redirect.open" in _ids(_flask(raw))


@pytest.mark.parametrize("safe", [
    "requests.get(f'{BASE}/search?q={name}', timeout=3)",
    "requests.get('https://api.example.com/search?q=' + name, timeout=3)",
])
def test_input_in_the_query_of_a_fixed_url_is_no_ssrf(safe: str) -> None:
    assert "py.ssrf.request-url" not in _ids(_flask(safe))


@pytest.mark.parametrize("raw", [
    "requests.get(name, timeout=3)",
    "requests.get('https://' + name + '/x', timeout=3)",
    "requests.get('https://api.example.com/users/' + name, timeout=3)",  # ../admin
])
def test_input_choosing_the_host_is_still_ssrf(raw: str) -> None:
    assert "py.ssrf.request-url" in _ids(_flask(raw))


def test_a_url_parameter_outside_a_web_app_is_no_ssrf() -> None:
    cli = "import requests\n\ndef check(url):\n    return requests.get(url, timeout=2)\n"
    assert "py.ssrf.request-url" not in _ids(cli)
    served = cli + "\n@app.get('/x')\ndef x():\n    return 'ok'\n"
    assert "py.ssrf.request-url" in _ids(served)


# -- XSS: a relayed upstream answer keeps the upstream's content type --------------------
def test_a_relayed_upstream_response_is_no_xss() -> None:
    head = ("import httpx\nfrom fastapi import FastAPI, Request, Response\napp = FastAPI()\n\n"
            "@app.post('/relay')\nasync def relay(request: Request):\n"
            "    body = await request.body()\n")
    relayed = head + ("    async with httpx.AsyncClient() as client:\n"
                      "        resp = await client.post('https://up.example/x', content=body)\n"
                      "    return Response(content=resp.content, headers=resp.headers)\n")
    assert "py.xss.response-from-input" not in _ids(relayed)
    echoed = head + "    return Response(body)\n"
    assert "py.xss.response-from-input" in _ids(echoed)


# -- hard-coded secrets: sentinels and checks of a setting -------------------------------
@pytest.mark.parametrize("safe", [
    'if api_key == "invalid-api-key":\n    pass\n',
    'check(token="failed-to-connect-to-db")\n',
    'order = {"token": "desc"}\n',
    'if SECRET_KEY == "change-me-please":\n    raise SystemExit(1)\n',
    'if app.config["SECRET_KEY"] == "dev-secret-key":\n    raise SystemExit(1)\n',
])
def test_sentinels_and_checks_of_a_setting_are_not_hard_coded_secrets(safe: str) -> None:
    assert "py.secret.hardcoded-password" not in _ids(safe)


@pytest.mark.parametrize("secret", [
    'SECRET_KEY = "change-me-please"\n',
    'if api_key == "letmein-now":\n    pass\n',
    'if token != "s3cret-token-42":\n    pass\n',
])
def test_literal_secrets_are_still_hard_coded_secrets(secret: str) -> None:
    assert "py.secret.hardcoded-password" in _ids(secret)


# -- an amount checked by a chained range -----------------------------------------------
def test_a_chained_range_check_bounds_the_amount() -> None:
    code = ("from flask import Flask, request, abort\napp = Flask(__name__)\nCART = {}\n\n"
            "@app.post('/cart')\ndef cart():\n    qty = int(request.form['qty'])\n"
            "    if not 1 <= qty <= 99:\n        abort(400)\n"
            "    CART['x'] = {'quantity': qty}\n    return 'ok'\n")
    assert "py.validation.unchecked-number" not in _ids(code)
    unchecked = code.replace("    if not 1 <= qty <= 99:\n        abort(400)\n", "")
    assert "py.validation.unchecked-number" in _ids(unchecked)


# -- file paths: a name picked by a condition, a Literal parameter, a suffix read ---------
LOGO = ("import os\nfrom pathlib import Path\nfrom typing import Literal\n"
        "from fastapi import FastAPI, UploadFile\nfrom fastapi.responses import FileResponse\n"
        "app = FastAPI()\nHERE = '/srv/static'\n\n")


def test_a_condition_on_input_picks_between_constants_it_does_not_copy() -> None:
    code = LOGO + ("@app.get('/logo')\ndef logo(theme: str = 'light'):\n"
                   "    stem = 'logo_dark' if theme == 'dark' else 'logo'\n"
                   "    return FileResponse(os.path.join(HERE, stem + '.png'))\n")
    assert "py.path.traversal" not in _ids(code)
    copied = code.replace("else 'logo'", "else theme")
    assert "py.path.traversal" in _ids(copied)


def test_a_literal_typed_parameter_is_one_of_its_literals() -> None:
    code = LOGO + ("@app.get('/logo')\ndef logo(variant: Literal['full', 'mono'] = 'full'):\n"
                   "    return FileResponse(os.path.join(HERE, variant + '.png'))\n")
    assert "py.path.traversal" not in _ids(code)
    assert "py.path.traversal" in _ids(code.replace("Literal['full', 'mono']", "str"))


def test_reading_the_suffix_of_an_uploaded_name_opens_nothing() -> None:
    code = LOGO + ("@app.post('/up')\ndef up(file: UploadFile):\n"
                   "    ext = Path(file.filename or '').suffix.lower()\n    return {'ext': ext}\n")
    assert "py.path.traversal" not in _ids(code)
    opened = code.replace(".suffix.lower()", ".read_bytes()")
    assert "py.path.traversal" in _ids(opened)


# -- found on mitmproxy, starlette and werkzeug (site-packages) -------------------------
MISC = ("import jinja2, logging, sqlite3, ssl\nfrom flask import Flask, request\n"
        "app = Flask(__name__)\nlog = logging.getLogger('x')\nlogging.basicConfig(level=logging.INFO)\n\n")


@pytest.mark.parametrize(("safe", "raw", "rule"), [
    ("VERIFY_NONE = ssl.CERT_NONE\n\ndef ok(ctx):\n    if ctx.verify_mode is not ssl.CERT_NONE:"
     "\n        return True\n    return False\n",
     "def off(ctx):\n    ctx.verify_mode = ssl.CERT_NONE\n", "py.tls.verify-disabled"),
    ("env = jinja2.Environment(loader=None, autoescape=jinja2.select_autoescape())\n",
     "env = jinja2.Environment(loader=None)\n", "py.xss.jinja-autoescape-off"),
    ("@app.get('/a')\ndef a():\n    sqlite3.connect('x').execute("
     "'SELECT * FROM t LIMIT %d OFFSET %(o)d' % request.args['n'])\n    return 'ok'\n",
     "@app.get('/a')\ndef a():\n    sqlite3.connect('x').execute("
     "\"SELECT * FROM t WHERE n = '%s'\" % request.args['n'])\n    return 'ok'\n",
     "py.sql.built-query"),
    ("@app.get('/a')\ndef a():\n    log.info('n=%d, 100%%' % request.args['n'])\n"
     "    return 'ok'\n",
     "@app.get('/a')\ndef a():\n    log.info('n=%s' % request.args['n'])\n    return 'ok'\n",
     "py.log.injection"),
])
def test_comparisons_safe_defaults_and_number_formats(safe: str, raw: str, rule: str) -> None:
    assert rule not in _ids(MISC + safe)
    assert rule in _ids(MISC + raw)


@pytest.mark.parametrize("label", [
    'class Kind:\n    apiKey = "apiKey"\n',
    'stored_user_token = "stored-user-token"\n',
    'ROUTES = {"client_secret": "/realtime/client_secrets"}\n',
])
def test_a_value_that_names_its_field_or_a_route_is_no_secret(label: str) -> None:
    assert "py.secret.hardcoded-password" not in _ids(label)


@pytest.mark.parametrize("secret", [
    'SECRET_KEY = "dev-secret-key-123"\n',
    'password = "hunter2hunter"\n',
    'api_key = "apikey-9f8e7d6c"\n',
])
def test_a_value_that_is_more_than_its_name_is_still_a_secret(secret: str) -> None:
    assert "py.secret.hardcoded-password" in _ids(secret)
