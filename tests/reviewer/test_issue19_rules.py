"""Rules and flow facts added for issue 19: each with a vulnerable case it must report and
a safe twin (hashed, bounded, allow-listed, constant) it must not."""

from __future__ import annotations

import pytest

from reviewer.engine import review
from tests.reviewer.helpers import target

FLASK = "from flask import Flask, request, redirect, abort\napp = Flask(__name__)\n\n"


def _ids(code: str) -> set[str]:
    return {f.rule_id for f in review([target(code, ai=False)])}


CASES = [
    # (rule, vulnerable, safe)
    ("py.pwd.plaintext-storage",
     FLASK + "@app.post('/signup')\ndef signup():\n    pw = request.form['pw']\n"
     "    db.execute('INSERT INTO u (pw) VALUES (?)', (pw,))\n",
     FLASK + "from werkzeug.security import generate_password_hash\n"
     "@app.post('/signup')\ndef signup():\n    pw = generate_password_hash(request.form['pw'])\n"
     "    db.execute('INSERT INTO u (pw) VALUES (?)', (pw,))\n"),
    ("py.pwd.plaintext-storage",
     "def create(request):\n    u = User()\n    u.password = request.POST['password']\n"
     "    u.save()\n",
     "from django.contrib.auth.hashers import make_password\n\n"
     "def create(request):\n    u = User()\n    u.password = make_password(request.POST['password'])\n"
     "    u.save()\n"),
    ("py.dos.unbounded-upload-read",
     FLASK + "@app.post('/up')\ndef up():\n    blob = request.files['f'].read()\n"
     "    return str(len(blob))\n",
     FLASK + "LIMIT = 1024\n@app.post('/up')\ndef up():\n    blob = request.files['f'].read(LIMIT)\n"
     "    return str(len(blob))\n"),
    ("py.dos.unbounded-upload-read",
     FLASK + "@app.post('/up')\ndef up():\n    return str(len(request.stream.read()))\n",
     FLASK + "app.config['MAX_CONTENT_LENGTH'] = 1 << 20\n"
     "@app.post('/up')\ndef up():\n    return str(len(request.stream.read()))\n"),
    ("py.dos.unbounded-size",
     FLASK + "@app.get('/pad')\ndef pad():\n    n = int(request.args['n'])\n"
     "    return '.' * n\n",
     FLASK + "@app.get('/pad')\ndef pad():\n    n = min(int(request.args['n']), 64)\n"
     "    return '.' * n\n"),
    ("py.dos.unbounded-size",
     FLASK + "@app.get('/rows')\ndef rows():\n    count = int(request.args['count'])\n"
     "    return [i for i in range(count)]\n",
     FLASK + "@app.get('/rows')\ndef rows():\n    count = int(request.args['count'])\n"
     "    if count > 500:\n        abort(400)\n    return [i for i in range(count)]\n"),
    ("py.session.trust-boundary",
     FLASK + "from flask import session\n@app.post('/as')\ndef as_user():\n"
     "    session['user_id'] = request.form['uid']\n    return 'ok'\n",
     FLASK + "from flask import session\n@app.post('/as')\ndef as_user():\n"
     "    session['user_id'] = current_user.id\n    session['lang'] = "
     "request.form['lang']\n    return 'ok'\n"),
    ("py.cookie.httponly-off",
     FLASK + "@app.get('/c')\ndef c():\n    r = make()\n"
     "    r.set_cookie('auth_token', 't', secure=True, httponly=False)\n    return r\n",
     FLASK + "@app.get('/c')\ndef c():\n    r = make()\n"
     "    r.set_cookie('auth_token', 't', secure=True, httponly=True)\n    return r\n"),
    ("py.log.injection",
     FLASK + "import logging\nlog = logging.getLogger()\nlogging.basicConfig(level=logging.INFO)\n@app.get('/x')\ndef x():\n"
     "    log.info('user ' + request.args['u'])\n    return 'ok'\n",
     FLASK + "import logging\nlog = logging.getLogger()\nlogging.basicConfig(level=logging.INFO)\n@app.get('/x')\ndef x():\n"
     "    log.info('user %r', request.args['u'].replace('\\n', ''))\n    return 'ok'\n"),
    ("py.ssrf.client-url",
     "import httpx\nfrom fastapi import FastAPI\napp = FastAPI()\n\n@app.get('/f')\n"
     "def f(link: str):\n    with httpx.Client() as client:\n        return client.get(link).text\n",
     "import httpx\nfrom fastapi import FastAPI\napp = FastAPI()\nSTATUS = 'https://s.example'\n\n"
     "@app.get('/f')\ndef f(link: str):\n    with httpx.Client() as client:\n"
     "        return client.get(STATUS).text\n"),
    ("py.crypto.weak-hash",
     "import hashlib\n\ndef api_key_id(api_key):\n"
     "    return hashlib.new('sha1', api_key.encode()).hexdigest()\n",
     "import hashlib\n\ndef api_key_id(api_key):\n"
     "    return hashlib.new('sha256', api_key.encode()).hexdigest()\n"),
    ("py.redirect.open",
     FLASK + "@app.get('/go')\ndef go():\n    to = request.args['to']\n    return redirect(to)\n",
     FLASK + "from urllib.parse import urlparse\n@app.get('/go')\ndef go():\n"
     "    to = request.args['to']\n    if urlparse(to).netloc:\n        to = '/'\n"
     "    return redirect(to)\n"),
]


@pytest.mark.parametrize(("rule", "bad", "good"), CASES,
                         ids=[f"{r}-{i}" for i, (r, _, _) in enumerate(CASES)])
def test_vulnerable_is_reported_and_its_safe_twin_is_not(rule: str, bad: str, good: str) -> None:
    assert rule in _ids(bad)
    assert rule not in _ids(good)


def test_whole_body_reads_without_an_upload_are_not_reported() -> None:
    # request.get_data() is how every Flask JSON/XML handler reads its body: too common to
    # call a finding without knowing the server's limit
    assert "py.dos.unbounded-upload-read" not in _ids(
        FLASK + "@app.post('/x')\ndef x():\n    return str(len(request.get_data()))\n")


def test_md5_by_any_spelling_is_at_least_a_low_finding_for_ai_code() -> None:
    code = "import hashlib\n\ndef cache_key(data):\n    return hashlib.new('md5', data).hexdigest()\n"
    assert "py.crypto.weak-hash-other" in {f.rule_id for f in review([target(code)])}


def test_allow_listed_host_ends_taint_for_later_sinks() -> None:
    code = (FLASK + "import requests\nfrom urllib.parse import urlparse\nHOSTS = {'a.example'}\n"
            "@app.get('/p')\ndef p():\n    url = request.args['u']\n"
            "    if urlparse(url).hostname not in HOSTS:\n        abort(400)\n"
            "    return requests.get(url, timeout=3).text\n")
    assert not {i for i in _ids(code) if i.startswith(("py.ssrf", "py.xss"))}


def test_int_ends_taint_for_sql_but_not_for_a_size() -> None:
    """Sanitizers are per sink kind: int() makes a value safe in SQL text, not as a count."""
    code = (FLASK + "@app.get('/q')\ndef q():\n    n = int(request.args['n'])\n"
            "    db.execute('SELECT * FROM t LIMIT ' + str(n))\n    return 'x' * n\n")
    ids = _ids(code)
    assert "py.dos.unbounded-size" in ids and "py.sql.built-query" not in ids


def test_an_unknown_sink_kind_is_an_error_not_a_silent_default() -> None:
    from reviewer.rules import load_pack

    spec = load_pack("python").flow
    assert spec.for_kind(None) is spec
    assert spec.for_kind("resource").sanitizers is not spec.sanitizers
    with pytest.raises(ValueError, match="sink kind 'nope'"):
        spec.for_kind("nope")


SHELL_HANDLER = ("import os\nfrom flask import Flask, request\napp = Flask(__name__)\n{head}"
                 "@app.get('/r')\ndef r(flag=False):\n{body}    return 'ok'\n")
SINK = "os.system('ls ' + request.args['d'])"


@pytest.mark.parametrize(("head", "body", "dead"), [
    ("USE_SHELL = False\n", f"    if USE_SHELL:\n        {SINK}\n", True),
    ("SAFE = True\n", f"    if SAFE:\n        pass\n    else:\n        {SINK}\n", True),
    ("", f"    if 0 and request.args:\n        {SINK}\n", True),
    ("", f"    if not True:\n        {SINK}\n", True),
    ("USE_SHELL = True\n", f"    if USE_SHELL:\n        {SINK}\n", False),
    ("USE_SHELL = False\nUSE_SHELL = load()\n", f"    if USE_SHELL:\n        {SINK}\n", False),
    ("", f"    if request.args.get('x'):\n        {SINK}\n", False),
    ("", f"    if flag:\n        {SINK}\n", False),  # a parameter is not a constant
    ("SAFE = True\n", f"    if SAFE:\n        {SINK}\n", False),
], ids=["false-const", "else-of-true", "zero-and", "not-true", "true-const", "rebound",
        "request-cond", "parameter", "then-of-true"])
def test_sinks_under_a_constant_condition_no_run_takes_are_not_reported(
        head: str, body: str, dead: bool) -> None:
    ids = _ids(SHELL_HANDLER.format(head=head, body=body))
    assert ("py.cmd.shell-string" not in ids) == dead
