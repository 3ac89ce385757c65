"""An early-exit check guards the sink after it (issue 19): a value computed from a name
before the name is checked (``full = join(BASE, name)``, then ``if name not in ALLOWED:
abort(400)``, then ``open(full)``) reaches the sink only when the check passed. The check
must leave when it fails and come before the sink in a block that holds it: a check after
the sink, on another branch, one whose branch does not leave, one that holds only beside
another condition, or one of another name guards nothing."""

from __future__ import annotations

import pytest

from tests.reviewer.helpers import findings_by_cwe

FLASK = ("import os\nfrom flask import Flask, request, abort\n"
         "app = Flask(__name__)\nBASE = '/srv/files'\nALLOWED = {'a.txt', 'b.txt'}\n\n"
         "@app.get('/f')\ndef f():\n    name = request.args['name']\n"
         "    other = request.args['other']\n"
         "    full = os.path.join(BASE, name)\n")
CHECK = "    if name not in ALLOWED:\n        abort(400)\n"
OPEN = "    with open(full) as fh:\n        return fh.read()\n"

EXPRESS = ("const express = require('express');\nconst fs = require('fs');\n"
           "const path = require('path');\nconst app = express();\n"
           "const BASE = '/srv/files';\nconst ALLOWED = ['a.txt', 'b.txt'];\n\n"
           "app.get('/f', (req, res) => {\n  const name = req.query.name;\n"
           "  const other = req.query.other;\n  const full = path.join(BASE, name);\n")
JS_CHECK = "  if (!ALLOWED.includes(name)) return res.status(400).end();\n"
READ = "  fs.readFile(full, (err, data) => res.send(data));\n});\n"


@pytest.mark.parametrize("code, path", [
    (FLASK + CHECK + OPEN, "app.py"),
    (FLASK + "    if name not in ALLOWED:\n        return 'no', 400\n" + OPEN, "app.py"),
    (FLASK + "    if not name or name not in ALLOWED:\n        raise ValueError(name)\n" + OPEN,
     "app.py"),
    (EXPRESS + JS_CHECK + READ, "app.js"),
    (EXPRESS + "  if (!ALLOWED.includes(name)) {\n    res.status(400).send('no');\n"
     "    return;\n  }\n" + READ, "app.js"),
    # a request member checked itself, the path built from it first
    (EXPRESS.replace("path.join(BASE, name)", "path.join(BASE, req.query.name)")
     + "  if (!ALLOWED.includes(req.query.name)) return res.status(400).end();\n" + READ,
     "app.js"),
])
def test_an_early_exit_check_before_the_sink_guards_a_value_derived_before_it(
        code: str, path: str) -> None:
    assert 22 not in findings_by_cwe(code, path)


@pytest.mark.parametrize("code, path", [
    # the check after the sink
    (FLASK + "    data = open(full).read()\n" + CHECK + "    return data\n", "app.py"),
    (EXPRESS + "  fs.readFile(full, (err, data) => res.send(data));\n" + JS_CHECK + "});\n",
     "app.js"),
    # the check on a branch the sink is not on
    (FLASK + "    if request.args.get('strict'):\n        if name not in ALLOWED:\n"
     "            abort(400)\n" + OPEN, "app.py"),
    (EXPRESS + "  if (req.query.strict) {\n  " + JS_CHECK + "  }\n" + READ, "app.js"),
    # the sink on the failing branch of the check
    (FLASK + "    if name not in ALLOWED:\n        open(full).read()\n        abort(400)\n"
     + "    return 'ok'\n", "app.py"),
    # a check whose branch does not leave
    (FLASK + "    if name not in ALLOWED:\n        app.logger.warning('odd name')\n" + OPEN,
     "app.py"),
    (EXPRESS + "  if (!ALLOWED.includes(name)) console.warn('odd name');\n" + READ, "app.js"),
    # a check that holds only beside another condition
    (FLASK + "    if request.args.get('strict') and name not in ALLOWED:\n"
     "        abort(400)\n" + OPEN, "app.py"),
    (EXPRESS + "  if (req.query.strict && !ALLOWED.includes(name)) return res.end();\n" + READ,
     "app.js"),
    # a check of another name
    (FLASK + CHECK.replace("name", "other") + OPEN, "app.py"),
    (EXPRESS + JS_CHECK.replace("(name)", "(other)") + READ, "app.js"),
])
def test_a_check_after_beside_or_off_the_sink_path_or_of_another_name_guards_nothing(
        code: str, path: str) -> None:
    assert 22 in findings_by_cwe(code, path)


PLAIN = FLASK.replace("    full = os.path.join(BASE, name)\n", "")
OPEN_AFTER = "    return open(os.path.join(BASE, name)).read()\n"
JS_PLAIN = EXPRESS.replace("  const full = path.join(BASE, name);\n", "")
READ_AFTER = "  fs.readFile(path.join(BASE, name), (err, data) => res.send(data));\n});\n"


@pytest.mark.parametrize("code, path", [
    # a check in an if whose branch does not leave: what follows the if is unchecked
    (PLAIN + "    if name not in ALLOWED:\n        app.logger.warning('odd name')\n"
     + OPEN_AFTER, "app.py"),
    (JS_PLAIN + "  if (!ALLOWED.includes(name)) console.warn('odd name');\n" + READ_AFTER,
     "app.js"),
    # ... or only beside another condition
    (PLAIN + "    if request.args.get('strict') and name not in ALLOWED:\n"
     "        abort(400)\n" + OPEN_AFTER, "app.py"),
    # an elif whose earlier branch does not leave
    (PLAIN + "    if request.args.get('raw'):\n        app.logger.info('raw')\n"
     "    elif name not in ALLOWED:\n        abort(403)\n" + OPEN_AFTER, "app.py"),
])
def test_a_check_whose_if_does_not_leave_guards_nothing_after_the_if(code: str,
                                                                      path: str) -> None:
    assert 22 in findings_by_cwe(code, path)


@pytest.mark.parametrize("code, path", [
    (PLAIN + CHECK + OPEN_AFTER, "app.py"),
    (JS_PLAIN + JS_CHECK + READ_AFTER, "app.js"),
    # an elif after a branch that leaves too
    (PLAIN + "    if not name:\n        abort(400)\n    elif name not in ALLOWED:\n"
     "        abort(403)\n" + OPEN_AFTER, "app.py"),
    # a branch that gives the name a constant instead of leaving
    (PLAIN + "    if not name:\n        name = 'a.txt'\n    elif name not in ALLOWED:\n"
     "        abort(403)\n" + OPEN_AFTER, "app.py"),
    (JS_PLAIN.replace("const name", "let name")
     + "  if (!ALLOWED.includes(name)) {\n    name = 'a.txt';\n  }\n" + READ_AFTER, "app.js"),
    # the branches of the if itself
    (PLAIN + "    if name not in ALLOWED:\n        app.logger.warning('odd name')\n"
     "    else:\n    " + OPEN_AFTER, "app.py"),
    (JS_PLAIN + "  if (ALLOWED.includes(name)) {\n  " + READ_AFTER.replace("});\n", "  }\n")
     + "  res.status(404).end();\n});\n", "app.js"),
])
def test_a_leaving_check_guards_after_its_if_and_any_check_guards_its_branches(
        code: str, path: str) -> None:
    assert 22 not in findings_by_cwe(code, path)


def test_an_and_of_checks_on_the_one_name_is_one_check() -> None:
    code = (JS_PLAIN.replace("const name", "let name")
            + "  if (name !== 'a.txt' && name !== 'b.txt') {\n    name = 'a.txt';\n  }\n"
            + READ_AFTER)
    assert 22 not in findings_by_cwe(code, "app.js")


TRY_CHECK = ("    try:\n        n = int(request.args.get('n', '0'))\n"
             "        if name not in ALLOWED:\n            abort(400)\n"
             "    except ValueError:\n        {handler}\n")
JS_TRY = ("  try {{\n    JSON.parse(req.query.meta || '{{}}');\n"
          "  " + JS_CHECK + "  }} catch (e) {{\n    {handler}\n  }}\n")


@pytest.mark.parametrize("code, path", [
    # an early exit in a try's body, every handler leaving: only a checked name gets past
    (PLAIN + TRY_CHECK.format(handler="return 'bad n', 400") + OPEN_AFTER, "app.py"),
    (FLASK + TRY_CHECK.format(handler="abort(400)") + OPEN, "app.py"),
    (JS_PLAIN + JS_TRY.format(handler="return res.status(400).end();") + READ_AFTER,
     "app.js"),
])
def test_an_early_exit_in_a_try_body_guards_after_the_try_when_every_handler_leaves(
        code: str, path: str) -> None:
    assert 22 not in findings_by_cwe(code, path)


@pytest.mark.parametrize("code, path", [
    # a handler that falls through: a failure before the check skips it
    (PLAIN + TRY_CHECK.format(handler="n = 0") + OPEN_AFTER, "app.py"),
    (JS_PLAIN + JS_TRY.format(handler="console.warn(e);") + READ_AFTER, "app.js"),
    # the check in the try does not leave
    (PLAIN + TRY_CHECK.format(handler="return 'bad n', 400").replace(
        "abort(400)", "app.logger.warning(name)") + OPEN_AFTER, "app.py"),
    # a check of another name
    (PLAIN + TRY_CHECK.format(handler="return 'bad n', 400").replace(
        "if name not", "if other not") + OPEN_AFTER, "app.py"),
])
def test_a_try_whose_handler_falls_through_or_whose_check_does_not_leave_guards_nothing(
        code: str, path: str) -> None:
    assert 22 in findings_by_cwe(code, path)


REDIRECT = ("import urllib.parse\nimport flask\nfrom flask import Flask, request\n"
            "app = Flask(__name__)\n\n@app.post('/go')\ndef go():\n"
            "    target = request.form.get('next', '')\n    try:\n"
            "        url = urllib.parse.urlparse(target)\n"
            "        if url.netloc not in ['example.com'] or url.scheme != 'https':\n"
            "            return 'Invalid URL.'\n    except ValueError:\n        {handler}\n"
            "    return flask.redirect(target)\n")


def test_a_parsed_hosts_check_in_a_try_guards_the_redirect_after_it() -> None:
    assert 601 not in findings_by_cwe(REDIRECT.format(handler="return 'bad'"), "app.py")
    # the twin: a handler that falls through lets an unchecked target past the try
    assert 601 in findings_by_cwe(REDIRECT.format(handler="pass"), "app.py")
