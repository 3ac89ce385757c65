"""Python coverage for the classes of issue 19, with the flow features the look-alikes need:
each vulnerable handler is reported with the right CWE (data-flow rules with their path in
lines); its safe twin (escaped, parameterised, cast, allow-listed, contained, constant, dead
branch, hashed) is not."""

from __future__ import annotations

import pytest

from reviewer.engine import review
from reviewer.model import Finding
from tests.reviewer.helpers import check_twins, findings_by_cwe, target

FLASK = ("from flask import Flask, request, redirect, session, abort, make_response\n"
         "app = Flask(__name__)\n")


def _cwes(code: str, path: str = "app.py") -> dict[int, list[Finding]]:
    return findings_by_cwe(code, path)


def _h(body: str, route: str = "/x", verb: str = "get", args: str = "") -> str:
    return FLASK + f"@app.{verb}('{route}')\ndef handler({args}):\n{body}\n"


CASES = [
    # XSS: request data through a dict and a helper; escaped twin
    (79, _h("    data = {'n': request.args['n']}\n    return '<p>' + data['n'] + '</p>'"),
     "import html\n" + _h("    data = {'n': html.escape(request.args['n'])}\n"
                          "    return '<p>' + data['n'] + '</p>'"), True),
    (79, "def name():\n    return request.args.get('name')\n"
     + _h("    return '<p>' + name() + '</p>'"),
     "import html\ndef name():\n    return html.escape(request.args.get('name'))\n"
     + _h("    return '<p>' + name() + '</p>'"), True),
    # SQL: list container; parameterised twin
    (89, _h("    parts = []\n    parts.append(request.args['q'])\n"
            "    sql = \"SELECT * FROM t WHERE a = '%s'\" % parts[0]\n    cur.execute(sql)"),
     _h("    q = request.args['q']\n    cur.execute('SELECT * FROM t WHERE a = ?', (q,))"), True),
    # command: dead branch twin
    (78, "import os\n" + _h("    os.system('ls ' + request.args['d'])"),
     "import os\nDEBUG = False\n" + _h("    if DEBUG:\n        os.system('ls ' + request.args['d'])"),
     True),
    # path: realpath + prefix check
    (22, "import os\nBASE = '/srv'\n"
     + _h("    p = os.path.join(BASE, request.args['f'])\n    return open(p).read()"),
     "import os\nBASE = '/srv'\n"
     + _h("    p = os.path.realpath(os.path.join(BASE, request.args['f']))\n"
          "    if not p.startswith(BASE + os.sep):\n        abort(400)\n    return open(p).read()"),
     True),
    # redirect: allow-list
    (601, _h("    return redirect(request.args['next'])"),
     "ALLOWED = {'/home', '/me'}\n"
     + _h("    nxt = request.args['next']\n    if nxt not in ALLOWED:\n        abort(400)\n"
          "    return redirect(nxt)"), True),
    # stored XSS: rows from the database pasted into HTML
    (79, _h("    rows = db.execute('SELECT body FROM c').fetchall()\n"
            "    return '<ul>' + ''.join('<li>' + r[0] + '</li>' for r in rows) + '</ul>'"),
     "from markupsafe import escape\n"
     + _h("    rows = db.execute('SELECT body FROM c').fetchall()\n"
          "    return '<ul>' + ''.join('<li>' + escape(r[0]) + '</li>' for r in rows) + '</ul>'"),
     False),
    # fast password hash spelled with a bare imported name
    (916, "from hashlib import md5\ndef store(password):\n"
          "    return md5(password.encode()).hexdigest()\n",
     "import bcrypt\ndef store(password):\n"
     "    return bcrypt.hashpw(password.encode(), bcrypt.gensalt())\n", False),
    # randomness for invite codes
    (338, "import random\ndef invite_code():\n    return str(random.randint(100000, 999999))\n",
     "import secrets\ndef invite_code():\n    return str(secrets.randbelow(900000) + 100000)\n",
     False),
    # weak hash spelled hashlib.new
    (328, "import hashlib\ndef sign(token):\n    return hashlib.new('md5', token).hexdigest()\n",
     "import hashlib\ndef sign(token):\n    return hashlib.new('sha256', token).hexdigest()\n",
     False),
    # cookies, session trust boundary, log injection, plaintext password
    (614, _h("    r = make_response('ok')\n    r.set_cookie('session_id', sid)\n    return r"),
     _h("    r = make_response('ok')\n"
        "    r.set_cookie('session_id', sid, secure=True, httponly=True)\n    return r"), False),
    (501, _h("    session['user_id'] = request.form['user_id']\n    return 'ok'", verb="post"),
     _h("    user = User.query.filter_by(name=request.form['name']).first_or_404()\n"
        "    session['user_id'] = user.id\n    return 'ok'", verb="post"), True),
    (117, "import logging\nlog = logging.getLogger(__name__)\nlogging.basicConfig(level=logging.INFO)\n"
     + _h("    log.info('search for ' + request.args['q'])\n    return 'ok'"),
     "import logging\nlog = logging.getLogger(__name__)\nlogging.basicConfig(level=logging.INFO)\n"
     + _h("    q = request.args['q'].replace('\\n', ' ').replace('\\r', ' ')\n"
          "    log.info('search for ' + q)\n    return 'ok'"), True),
    (256, _h("    pw = request.form['pw']\n"
             "    db.execute('INSERT INTO u (pw) VALUES (?)', (pw,))\n    return 'ok'", verb="post"),
     "from werkzeug.security import generate_password_hash\n"
     + _h("    pw = generate_password_hash(request.form['pw'])\n"
          "    db.execute('INSERT INTO u (pw) VALUES (?)', (pw,))\n    return 'ok'", verb="post"),
     True),
    # CORS with credentials, IDOR, unchecked amount
    (942, "from flask_cors import CORS\n" + FLASK + "CORS(app, supports_credentials=True)\n",
     "from flask_cors import CORS\n" + FLASK
     + "CORS(app, origins=['https://app.example.com'], supports_credentials=True)\n", False),
    (639, _h("    return Order.query.get_or_404(order_id).to_dict()", "/o/<int:order_id>",
             args="order_id"),
     _h("    order = Order.query.get_or_404(order_id)\n"
        "    if order.user_id != current_user.id:\n        abort(404)\n    return order.to_dict()",
        "/o/<int:order_id>", args="order_id"), True),
    (20, _h("    item = CartItem()\n    item.quantity = int(request.form['qty'])\n    return 'ok'",
            verb="post"),
     _h("    qty = int(request.form['qty'])\n    if qty < 1 or qty > 99:\n        abort(400)\n"
        "    item = CartItem()\n    item.quantity = qty\n    return 'ok'", verb="post"), True),
]


@pytest.mark.parametrize(("cwe", "vulnerable", "safe", "has_path"), CASES,
                         ids=[f"CWE-{c[0]}-{i}" for i, c in enumerate(CASES)])
def test_python_class(cwe: int, vulnerable: str, safe: str, has_path: bool) -> None:
    check_twins(cwe, vulnerable, safe, has_path, "app.py")


def test_path_goes_through_the_helper_return() -> None:
    code = "def name():\n    return request.args.get('name')\n" + \
        _h("    return '<p>' + name() + '</p>'")
    f = _cwes(code)[79][0]
    assert f.trace[0] == (2, 'request.args.get("name")'.replace('"', "'"))
    assert f.trace[1] == (2, "name() returns")
    assert f.trace[-1][0] == f.line


def test_public_model_by_id_is_a_hint_for_ai_code_never_a_finding() -> None:
    code = _h("    return Product.query.get_or_404(pid).to_dict()", "/p/<int:pid>", args="pid")
    found = review([target(code, ai=True)])
    assert not [f for f in found if f.cwe == 639 and not f.judgement]
    assert [f for f in found if f.cwe == 639 and f.judgement]


# Shapes of issue 19's tuning round (each safe form differs from its twin by one habit).
TUNED = [
    # TABLE.get(key, default) yields a table value or the default, never the key
    (89, "import sqlite3\nSORT = {'a': 'name', 'b': 'id DESC'}\n"
         + _h("    c = sqlite3.connect('x.db')\n"
              "    return str(c.execute('SELECT * FROM t ORDER BY ' + "
              "SORT.get(request.args['s'], request.args['s'])).fetchall())"),
     "import sqlite3\nSORT = {'a': 'name', 'b': 'id DESC'}\n"
     + _h("    c = sqlite3.connect('x.db')\n"
          "    return str(c.execute('SELECT * FROM t ORDER BY ' + "
          "SORT.get(request.args['s'], 'name')).fetchall())"), True),
    # a compiled pattern's fullmatch on the value validates it
    (601, "import re\nLOCAL = re.compile(r'/[a-z/]*')\n"
          + _h("    to = request.args.get('to', '/')\n    return redirect(to)"),
     "import re\nLOCAL = re.compile(r'/[a-z/]*')\n"
     + _h("    to = request.args.get('to', '/')\n    if not LOCAL.fullmatch(to):\n"
          "        to = '/'\n    return redirect(to)"), True),
    # a prefix check that rejects other hosts
    (918, "import requests\nBASE = 'https://img.example.org/'\n"
          + _h("    u = request.args['u']\n    return requests.get(u).content"),
     "import requests\nBASE = 'https://img.example.org/'\n"
     + _h("    u = request.args['u']\n    if not u.startswith(BASE):\n        abort(400)\n"
          "    return requests.get(u).content"), True),
    # the arm of a conditional expression under a false constant never runs
    (78, "import subprocess\nSHELL = True\n"
         + _h("    f = request.args['f']\n"
              "    return subprocess.run('wc ' + f, shell=True) if SHELL else "
              "subprocess.run(['wc', f])"),
     "import subprocess\nSHELL = False\n"
     + _h("    f = request.args['f']\n"
          "    return subprocess.run('wc ' + f, shell=True) if SHELL else "
          "subprocess.run(['wc', f])"), True),
]


@pytest.mark.parametrize(("cwe", "vulnerable", "safe", "has_path"), TUNED,
                         ids=[f"cwe{c[0]}-{i}" for i, c in enumerate(TUNED)])
def test_python_tuned_shapes(cwe: int, vulnerable: str, safe: str, has_path: bool) -> None:
    check_twins(cwe, vulnerable, safe, has_path, "app.py")


def test_login_may_store_the_checked_name_but_not_a_requested_role() -> None:
    login = ("from werkzeug.security import check_password_hash\nUSERS = {}\n"
             + _h("    u = USERS.get(request.form['name'])\n"
                  "    if not u or not check_password_hash(u['pw'], request.form['pw']):\n"
                  "        abort(401)\n"
                  "    session['user'] = request.form['name']\n{extra}    return 'ok'",
                  verb="post"))
    assert 501 not in _cwes(login.replace("{extra}", ""))
    role = _cwes(login.replace("{extra}", "    session['role'] = request.form['role']\n"))
    assert [f.line for f in role.get(501, [])] == [11]
    # without a password check the name itself is the client's claim
    assert 501 in _cwes(FLASK + "@app.post('/l')\ndef l():\n"
                        "    session['user'] = request.form['name']\n    return 'ok'\n")


def test_session_key_saved_from_the_query_is_tainted_where_it_is_read() -> None:
    def app(saved: str) -> str:
        return (FLASK + "@app.get('/start')\ndef start():\n"
                f"    session['after'] = {saved}\n    return 'ok'\n"
                "@app.get('/finish')\ndef finish():\n"
                "    return redirect(session.get('after', '/'))\n")
    check_twins(601, app("request.args['after']"), app("'/home'"), False, "app.py")


def test_key_known_to_a_server_side_dict_is_validated() -> None:
    def app(check: str) -> str:
        return ("import os\nfrom flask import send_file\nSTORE = {}\n"
                + _h(f"    meta = STORE.get(name)\n{check}"
                     "    return send_file(os.path.join('/srv/up', name))",
                     route="/f/<name>", args="name"))
    check_twins(22, app(""), app("    if meta is None:\n        abort(404)\n"), True, "app.py")


@pytest.mark.parametrize("spelling", [
    "app.config.update(SESSION_COOKIE_SECURE={v})\n",
    "app.config['SESSION_COOKIE_HTTPONLY'] = {v}\n",
    "SESSION_COOKIE_SECURE = {v}\n",
])
def test_session_cookie_flag_turned_off_in_settings(spelling: str) -> None:
    check_twins(614, FLASK + spelling.format(v="False"), FLASK + spelling.format(v="True"),
                False, "app.py")


def test_module_list_filled_by_one_view_carries_request_data_to_another() -> None:
    def app(stored: str) -> str:
        return (FLASK + "POSTS = []\n@app.post('/p')\ndef add():\n"
                f"    POSTS.append({{'t': {stored}}})\n    return 'ok'\n"
                "@app.get('/p')\ndef show():\n"
                "    rows = ''.join(f\"<p>{p['t']}</p>\" for p in POSTS)\n"
                "    return f'<section>{rows}</section>'\n")
    check_twins(79, app("request.form['t']"), app("'hello'"), False, "app.py")
