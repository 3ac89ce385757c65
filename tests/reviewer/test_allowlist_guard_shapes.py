"""Allow-list checks a reviewer reads as guards (issue 19). Python: an if that refuses every
value but some literals (``if name != 'a' and name != 'b': abort(400)``) whose branch leaves
is an allow-list, for every sink kind ``name not in ALLOWED`` guards. JavaScript: a URL
refused unless it starts with one of a list of whole origins and '/'
(``if (!ALLOWED_ORIGINS.some((o) => url.startsWith(o))) return ...``) restricts the host of
an outbound request or a redirect, as the single ``startsWith('https://host/')`` does. A
check after the sink, one whose if does not leave, one beside another condition, one of
another name, or (JavaScript) a prefix without the host's '/' guards nothing."""

from __future__ import annotations

import pytest

from tests.reviewer.helpers import findings_by_cwe

FLASK = ("import os\nfrom flask import Flask, request, abort\n"
         "app = Flask(__name__)\nBASE = '/srv/files'\n\n"
         "@app.get('/f')\ndef f():\n    name = request.args['name']\n"
         "    other = request.args['other']\n")
NE = "    if name != 'a.txt' and name != 'b.txt':\n        abort(400)\n"
PY_SINKS = {
    22: "    return open(os.path.join(BASE, name)).read()\n",
    78: "    os.system('cat ' + name)\n    return 'ok'\n",
}


@pytest.mark.parametrize("cwe", sorted(PY_SINKS))
@pytest.mark.parametrize("check", [
    NE,
    "    if name != 'a.txt' and name != 'b.txt':  # only these\n"
    "        app.logger.warning('odd name %s', name)\n        return 'no', 400\n",
    "    if name != 'a.txt': abort(400)\n",
    "    if not name:\n        abort(400)\n    elif name != \"a.txt\" and name != \"b.txt\":\n"
    "        raise ValueError('odd name')\n",
])
def test_python_inequality_to_literals_then_exit_guards_the_sink(check: str, cwe: int) -> None:
    assert cwe not in findings_by_cwe(FLASK + check + PY_SINKS[cwe])


@pytest.mark.parametrize("cwe", sorted(PY_SINKS))
@pytest.mark.parametrize("code", [
    # no check at all
    FLASK + "SINK",
    # the check after the sink
    FLASK + "    data = open(os.path.join(BASE, name)).read()\n    os.system('cat ' + name)\n"
    + NE + "    return data\n",
    # a check whose branch does not leave
    FLASK + "    if name != 'a.txt' and name != 'b.txt':\n"
    "        app.logger.warning('odd name')\nSINK",
    # a check beside another condition
    FLASK + "    if request.args.get('strict') and name != 'a.txt':\n        abort(400)\nSINK",
    # a check of another name
    FLASK + NE.replace("name", "other") + "SINK",
    # beside an inequality on another name: with other == 'x' any name passes
    FLASK + "    if other != 'x' and name != 'a.txt':\n        abort(400)\nSINK",
])
def test_python_inequality_twins_are_still_reported(code: str, cwe: int) -> None:
    assert cwe in findings_by_cwe(code.replace("SINK", PY_SINKS[cwe]))


EXPRESS = ("const express = require('express');\nconst axios = require('axios');\n"
           "const app = express();\n"
           "const ALLOWED_ORIGINS = ['https://api.example.com/', 'https://cdn.example.com/'];\n\n"
           "app.get('/x', async (req, res) => {\n  const url = req.query.url;\n"
           "  const other = req.query.other;\n")
JS_SINKS = {
    918: "  const r = await axios.get(url);\n  res.send(r.data);\n});\n",
    601: "  res.redirect(url);\n});\n",
}
SOME = "  if (!ALLOWED_ORIGINS.some((o) => url.startsWith(o))) return res.status(400).end();\n"


@pytest.mark.parametrize("cwe", sorted(JS_SINKS))
@pytest.mark.parametrize("check", [
    SOME,
    "  if (!ALLOWED_ORIGINS.some(o => url.startsWith(o))) {\n"
    "    return res.status(400).send('bad url');\n  }\n",
    "  if (!['https://api.example.com/', 'https://cdn.example.com/v1/']"
    ".some((p) => { return url.startsWith(p); })) throw new Error('bad url');\n",
])
def test_js_url_checked_against_a_list_of_origins_is_guarded(check: str, cwe: int) -> None:
    assert cwe not in findings_by_cwe(EXPRESS + check + JS_SINKS[cwe], "app.js")


@pytest.mark.parametrize("cwe", sorted(JS_SINKS))
@pytest.mark.parametrize("code", [
    # no check at all
    EXPRESS + "SINK",
    # a prefix without the host's '/': api.example.com.evil.net passes
    EXPRESS + "  if (!['https://api.example.com', 'https://cdn.example.com/']"
    ".some((o) => url.startsWith(o))) return res.status(400).end();\nSINK",
    # the check after the sink
    EXPRESS + "SINK_THEN_CHECK",
    # a check whose if does not leave
    EXPRESS + "  if (!ALLOWED_ORIGINS.some((o) => url.startsWith(o))) console.warn('odd');\nSINK",
    # a check of another name
    EXPRESS + SOME.replace("url.startsWith", "other.startsWith") + "SINK",
])
def test_js_origin_list_twins_are_still_reported(code: str, cwe: int) -> None:
    after = JS_SINKS[cwe].replace("});\n", "") + SOME + "});\n"
    code = code.replace("SINK_THEN_CHECK", after).replace("SINK", JS_SINKS[cwe])
    assert cwe in findings_by_cwe(code, "app.js")
