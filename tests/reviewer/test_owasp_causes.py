"""General causes found on the OWASP Benchmark for Python's dev half, each as a vulnerable
handler and its safe twin written here (no benchmark code): weak randomness known by where
the value goes, cookie flags turned off by hand, constant conditions folded, reflected XSS as
the client renders it, XXE only where external entities are on, keyed stores and lists read
at a constant key, path sinks of pathlib and existence probes, XPath compiled or selected."""

from __future__ import annotations

import pytest

from tests.reviewer.helpers import findings_by_cwe

FLASK = ("from flask import Flask, request, make_response, session\n"
         "app = Flask(__name__)\n")


def _h(body: str) -> str:
    return FLASK + "@app.post('/x')\ndef handler():\n" + body + "\n"


def _reported(cwe: int, code: str, path: str = "app.py") -> bool:
    return cwe in findings_by_cwe(code, path) or (
        cwe == 338 and 330 in findings_by_cwe(code, path))


# -- weak randomness: the statement names nothing, the destination does ------------------
RANDOM_CASES = [
    ("session entry",
     "    import random\n    value = str(random.normalvariate(0, 1))[2:]\n"
     "    session['remember'] = value\n    return 'ok'",
     "    import secrets\n    value = secrets.token_hex(16)\n"
     "    session['remember'] = value\n    return 'ok'"),
    ("cookie",
     "    import random\n    value = str(random.getrandbits(32))\n"
     "    resp = make_response('ok')\n    resp.set_cookie('rememberMe', value)\n    return resp",
     "    import random\n    value = str(random.SystemRandom().getrandbits(32))\n"
     "    resp = make_response('ok')\n    resp.set_cookie('rememberMe', value)\n    return resp"),
]


@pytest.mark.parametrize(("name", "vulnerable", "safe"), RANDOM_CASES,
                         ids=[c[0] for c in RANDOM_CASES])
def test_random_value_kept_in_session_or_cookie(name: str, vulnerable: str, safe: str) -> None:
    assert _reported(338, _h(vulnerable))
    assert not _reported(338, _h(safe))


def test_random_value_used_for_no_secret_is_not_reported() -> None:
    code = _h("    import random\n    value = random.normalvariate(0, 1)\n"
              "    session['remember'] = 'yes'\n    return str(value)")
    assert not _reported(338, code)


def test_js_random_value_set_as_cookie() -> None:
    vulnerable = ("app.post('/x', (req, res) => {\n  const v = Math.random().toString(36);\n"
                  "  res.cookie('remember', v);\n  res.send('ok');\n});\n")
    safe = ("app.post('/x', (req, res) => {\n  const v = Math.random().toString(36);\n"
            "  res.cookie('remember', 'yes');\n  res.send(v);\n});\n")
    assert _reported(338, vulnerable, "app.js")
    assert not _reported(338, safe, "app.js")


# -- cookie flags turned off by hand, whatever the cookie's name ----------------------------
def test_cookie_with_secure_false_is_reported_whatever_its_name() -> None:
    vulnerable = _h("    resp = make_response('ok')\n"
                    "    resp.set_cookie('SomeCookie', 'v', secure=False, httponly=True)\n"
                    "    return resp")
    safe = _h("    resp = make_response('ok')\n"
              "    resp.set_cookie('SomeCookie', 'v', secure=True, httponly=True)\n"
              "    return resp")
    assert _reported(614, vulnerable)
    assert not _reported(614, safe)


def test_cookie_with_httponly_false_is_reported_whatever_its_name() -> None:
    vulnerable = _h("    resp = make_response('ok')\n"
                    "    resp.set_cookie('prefs', 'v', secure=True, httponly=False)\n"
                    "    return resp")
    safe = _h("    resp = make_response('ok')\n"
              "    resp.set_cookie('prefs', 'v', secure=True, httponly=True)\n"
              "    return resp")
    assert _reported(1004, vulnerable)
    assert not _reported(1004, safe)


def test_cookie_without_flags_and_no_session_name_stays_quiet() -> None:
    code = _h("    resp = make_response('ok')\n    resp.set_cookie('theme', 'dark')\n    return resp")
    assert not _reported(614, code)


# -- constant conditions folded: arithmetic on locals, a ternary, match on a constant -----
OS = "import os\n"
FOLD_CASES = [
    ("arithmetic if",
     "    num = 86\n    if 7 * 42 - num < 200:\n        bar = 'fixed'\n    else:\n"
     "        bar = request.args['d']\n    os.system('ls ' + bar)",
     "    num = 86\n    if 7 * 42 - num > 200:\n        bar = 'fixed'\n    else:\n"
     "        bar = request.args['d']\n    os.system('ls ' + bar)"),
    ("ternary",
     "    num = 106\n    bar = 'fixed' if 7 * 18 + num < 200 else request.args['d']\n"
     "    os.system('ls ' + bar)",
     "    num = 106\n    bar = 'fixed' if 7 * 18 + num > 200 else request.args['d']\n"
     "    os.system('ls ' + bar)"),
    ("match on a constant",
     "    guess = 'ABC'[0]\n    match guess:\n        case 'A':\n            bar = request.args['d']\n"
     "        case 'B':\n            bar = 'bob'\n        case _:\n            bar = 'x'\n"
     "    os.system('ls ' + bar)",
     "    guess = 'ABC'[1]\n    match guess:\n        case 'A':\n            bar = request.args['d']\n"
     "        case 'B':\n            bar = 'bob'\n        case _:\n            bar = request.args['d']\n"
     "    os.system('ls ' + bar)"),
]


@pytest.mark.parametrize(("name", "vulnerable", "safe"), FOLD_CASES, ids=[c[0] for c in FOLD_CASES])
def test_constant_condition_folded(name: str, vulnerable: str, safe: str) -> None:
    assert _reported(78, OS + _h(vulnerable))
    assert not _reported(78, OS + _h(safe))


def test_condition_on_a_name_changed_in_a_loop_is_not_folded() -> None:
    code = OS + _h("    n = 0\n    for part in request.args.getlist('p'):\n"
                   "        if n > 0:\n            os.system('ls ' + part)\n        n = n + 1")
    assert _reported(78, code)


def test_condition_on_a_parameter_is_not_folded() -> None:
    code = OS + ("def run(n, cmd):\n    num = n\n    if num * 2 > 200:\n        cmd = 'ls'\n"
                 "    os.system(cmd)\n") + _h("    run(1, request.args['c'])")
    assert _reported(78, code)


def test_js_arithmetic_condition_folded() -> None:
    vulnerable = ("const cp = require('child_process');\napp.get('/x', (req, res) => {\n"
                  "  const num = 86;\n  let bar = 'fixed';\n  if (7 * 42 - num > 200) {\n"
                  "    bar = req.query.d;\n  }\n  cp.exec('ls ' + bar);\n});\n")
    safe = vulnerable.replace("> 200", "< 200")
    assert _reported(78, vulnerable, "app.js")
    assert not _reported(78, safe, "app.js")


# -- reflected XSS: what the client renders, and what escapes it ---------------------------
def test_header_value_in_a_response_tuple_is_no_markup() -> None:
    vulnerable = _h("    bar = request.form['b']\n"
                    "    resp = make_response(('<p>' + bar + '</p>', {'X-Bar': 'v'}))\n"
                    "    return resp")
    safe = _h("    bar = request.form['b']\n"
              "    resp = make_response(('moved to a header', {'X-Bar': bar}))\n    return resp")
    assert _reported(79, vulnerable)
    assert not _reported(79, safe)


def test_escaper_named_for_html_ends_taint_for_html() -> None:
    vulnerable = _h("    import helpers.utils\n    bar = helpers.utils.strip_spaces(request.form['b'])\n"
                    "    return 'bar is ' + bar")
    safe = _h("    import helpers.utils\n    bar = helpers.utils.escape_for_html(request.form['b'])\n"
              "    return 'bar is ' + bar")
    assert _reported(79, vulnerable)
    assert not _reported(79, safe)


def test_request_wrapper_methods_named_for_input_are_sources() -> None:
    vulnerable = OS + _h("    import helpers.wrap\n    w = helpers.wrap.request_wrapper(request)\n"
                         "    os.system('ls ' + w.get_query_parameter('d'))")
    safe = OS + _h("    import helpers.wrap\n    w = helpers.wrap.request_wrapper(request)\n"
                   "    os.system('ls ' + w.get_safe_value('d'))")
    assert _reported(78, vulnerable)
    assert not _reported(78, safe)


# -- XXE: only where external entities are on, and the document is not a constant ---------
SAX = "import xml.sax\nimport xml.sax.handler\nimport xml.dom.minidom\n"


def test_sax_parser_with_external_entities_on_parsing_input() -> None:
    vulnerable = SAX + _h("    parser = xml.sax.make_parser()\n"
                          "    parser.setFeature(xml.sax.handler.feature_external_ges, True)\n"
                          "    doc = xml.dom.minidom.parseString(request.form['x'], parser)\n"
                          "    return 'ok'")
    safe = SAX + _h("    parser = xml.sax.make_parser()\n"
                    "    doc = xml.dom.minidom.parseString(request.form['x'], parser)\n"
                    "    return 'ok'")
    assert _reported(611, vulnerable)
    assert not _reported(611, safe)


def test_external_entities_on_for_a_constant_document_or_a_file() -> None:
    constant = SAX + _h("    parser = xml.sax.make_parser()\n"
                        "    parser.setFeature(xml.sax.handler.feature_external_ges, True)\n"
                        "    doc = xml.dom.minidom.parseString('<a>1</a>', parser)\n    return 'ok'")
    on_disk = SAX + ("def load():\n    parser = xml.sax.make_parser()\n"
                     "    parser.setFeature(xml.sax.handler.feature_external_ges, True)\n"
                     "    parser.parse('resources/config.xml')\n    return parser\n")
    assert not _reported(611, constant)
    assert _reported(611, on_disk)  # a file's content is whatever is on disk


def test_stdlib_parser_on_input_is_a_hint_not_a_finding() -> None:
    from reviewer.engine import review
    from tests.reviewer.helpers import target

    code = "import xml.etree.ElementTree as ET\n" + _h(
        "    return ET.tostring(ET.fromstring(request.get_data()))")
    got = [f for f in review([target(code)]) if f.rule_id == "py.xml.stdlib-untrusted"]
    assert got and all(f.judgement for f in got)
    assert not _reported(776, code)


# -- containers: a module imported in the function, a keyed store read under its key ------
def test_module_imported_inside_the_view_is_no_unknown_value() -> None:
    code = _h("    import pickle\n    import base64\n    bar = 'constant'\n"
              "    pickle.loads(base64.b64decode(bar))\n    return 'ok'")
    vulnerable = _h("    import pickle\n    import base64\n    bar = request.form['b']\n"
                    "    pickle.loads(base64.b64decode(bar))\n    return 'ok'")
    assert _reported(502, vulnerable)
    assert not _reported(502, code)


CONF = ("    import configparser\n    conf = configparser.ConfigParser()\n"
        "    conf.add_section('s')\n    conf.set('s', 'keyA', 'a-Value')\n"
        "    conf.set('s', 'keyB', request.form['b'])\n")


def test_configparser_value_read_back_under_its_own_key() -> None:
    vulnerable = OS + _h(CONF + "    bar = conf.get('s', 'keyB')\n    os.system('ls ' + bar)")
    safe = OS + _h(CONF + "    bar = conf.get('s', 'keyA')\n    os.system('ls ' + bar)")
    assert _reported(78, vulnerable)
    assert not _reported(78, safe)


def test_configparser_read_under_a_key_chosen_at_run_time_holds_every_value() -> None:
    code = OS + _h(CONF + "    bar = conf.get('s', request.args['k'])\n    os.system('ls ' + bar)")
    assert _reported(78, code)


# -- path sinks: pathlib methods, existence probes; a resolved and checked path is safe ----
PATHLIB = "import os\nimport pathlib\nBASE = pathlib.Path('/srv/files')\n"


def test_pathlib_path_joined_with_input_then_read() -> None:
    vulnerable = PATHLIB + _h("    p = BASE / request.form['f']\n    return p.read_text()")
    safe = PATHLIB + _h("    p = (BASE / request.form['f']).resolve()\n"
                        "    if not p.is_relative_to(BASE.resolve()):\n        return 'no', 400\n"
                        "    return p.read_text()")
    assert _reported(22, vulnerable)
    assert not _reported(22, safe)


def test_queryset_exists_is_no_file_probe() -> None:
    code = _h("    return str(User.objects.filter(name=request.form['n']).exists())")
    assert not _reported(22, code)


def test_os_path_exists_on_input() -> None:
    vulnerable = PATHLIB + _h("    name = request.args['f']\n"
                              "    return 'yes' if os.path.exists('/srv/' + name) else 'no'")
    safe = PATHLIB + _h("    name = os.path.basename(request.args['f'])\n"
                        "    return 'yes' if os.path.exists('/srv/' + name) else 'no'")
    assert _reported(22, vulnerable)
    assert not _reported(22, safe)


def test_request_path_of_a_fixed_route_is_a_constant() -> None:
    body = "    part = request.path.split('/')[1]\n    return open('/srv/' + part).read()"
    fixed = PATHLIB + FLASK + "@app.route('/files/list')\ndef handler():\n" + body + "\n"
    variable = PATHLIB + FLASK + "@app.route('/files/<path:rest>')\ndef handler(rest):\n" + body + "\n"
    assert _reported(22, variable)
    assert not _reported(22, fixed)


LIST = ("    lst = []\n    lst.append('safe')\n    lst.append(request.form['b'])\n"
        "    lst.append('moresafe')\n    lst.pop(0)\n")


def test_list_read_at_a_constant_index_holds_that_element() -> None:
    vulnerable = OS + _h(LIST + "    os.system('ls ' + lst[0])")
    safe = OS + _h(LIST + "    os.system('ls ' + lst[1])")
    assert _reported(78, vulnerable)
    assert not _reported(78, safe)


def test_list_changed_in_a_way_not_followed_holds_every_element() -> None:
    code = OS + _h(LIST + "    lst.reverse()\n    os.system('ls ' + lst[1])")
    assert _reported(78, code)


def test_xpath_compiled_from_input() -> None:
    vulnerable = "import lxml.etree\n" + _h(
        "    q = \"/a/b[@id='\" + request.form['i'] + \"']\"\n    return str(lxml.etree.XPath(q))")
    safe = "import lxml.etree\n" + _h(
        "    q = lxml.etree.XPath('/a/b[@id=$i]')\n    return str(q(doc, i=request.form['i']))")
    assert _reported(643, vulnerable)
    assert not _reported(643, safe)


def test_pathlib_path_contained_by_a_local_helper() -> None:
    helper = ("def page_path(slug):\n    p = os.path.realpath(BASE / slug)\n"
              "    if os.path.commonpath([p, str(BASE)]) != str(BASE):\n        raise ValueError(slug)\n"
              "    return pathlib.Path(p)\n")
    safe = PATHLIB + helper + _h("    p = page_path(request.form['s'])\n    return p.read_text()")
    vulnerable = PATHLIB + _h("    p = BASE / request.form['s']\n    return p.read_text()")
    assert _reported(22, vulnerable)
    assert not _reported(22, safe)


def test_elementpath_select_with_a_query_built_from_input() -> None:
    vulnerable = "import elementpath\n" + _h(
        "    q = f\"/a/b[@id='{request.form['i']}']\"\n    return str(elementpath.select(root, q))")
    safe = "import elementpath\n" + _h(
        "    i = request.form['i'].replace(\"'\", '&apos;')\n"
        "    q = f\"/a/b[@id='{i}']\"\n    return str(elementpath.select(root, q))")
    assert _reported(643, vulnerable)
    assert not _reported(643, safe)


def test_js_existence_probe_on_input() -> None:
    vulnerable = ("const fs = require('fs');\napp.get('/x', (req, res) => {\n"
                  "  res.send(fs.existsSync('/srv/' + req.query.f) ? 'yes' : 'no');\n});\n")
    safe = ("const fs = require('fs');\nconst path = require('path');\napp.get('/x', (req, res) => {\n"
            "  res.send(fs.existsSync('/srv/' + path.basename(req.query.f)) ? 'yes' : 'no');\n});\n")
    assert _reported(22, vulnerable, "app.js")
    assert not _reported(22, safe, "app.js")
