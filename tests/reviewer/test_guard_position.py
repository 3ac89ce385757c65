"""A check guards only what comes after it (issue 19): a rejecting check written after the
sink, or inside a branch that does not hold the sink, lets the value reach the sink. The
same check before the sink, or around it, still guards it. Python and JavaScript share
the engine's guard positions."""

from __future__ import annotations

import pytest

from tests.reviewer.helpers import findings_by_cwe

FLASK = ("import subprocess\nfrom flask import Flask, request, abort\n"
         "app = Flask(__name__)\nALLOWED = {'main', 'dev'}\n\n"
         "@app.get('/x')\ndef x():\n    v = request.args['v']\n")
RUN = "    subprocess.run(f'git checkout {v}', shell=True)\n"
CHECK = "    if v not in ALLOWED:\n        abort(400)\n"

EXPRESS = ("const express = require('express');\nconst { exec } = require('child_process');\n"
           "const app = express();\nconst ALLOWED = ['main', 'dev'];\n\n"
           "app.get('/x', (req, res) => {\n  const v = req.query.v;\n")
EXEC = "  exec(`git checkout ${v}`);\n"
JS_CHECK = "  if (!ALLOWED.includes(v)) return res.status(400).end();\n"
END = "  res.send('ok');\n});\n"


@pytest.mark.parametrize("code, path", [
    # the check after the sink
    (FLASK + RUN + CHECK + "    return 'ok'\n", "app.py"),
    (EXPRESS + EXEC + JS_CHECK + END, "app.js"),
    # the check on a branch the sink is not on
    (FLASK + "    if request.args.get('strict'):\n"
     + CHECK.replace("\n    ", "\n        ").replace("    if", "        if", 1)
     + RUN + "    return 'ok'\n", "app.py"),
    (EXPRESS + "  if (req.query.strict) {\n  " + JS_CHECK + "  }\n" + EXEC + END, "app.js"),
    # a check on the request member itself, after the sink
    (EXPRESS.replace("  const v = req.query.v;\n", "")
     + "  exec(`git checkout ${req.query.v}`);\n"
     + "  if (!ALLOWED.includes(req.query.v)) return res.status(400).end();\n" + END, "app.js"),
])
def test_a_check_after_the_sink_or_on_another_branch_guards_nothing(code: str,
                                                                    path: str) -> None:
    assert 78 in findings_by_cwe(code, path)


@pytest.mark.parametrize("code, path", [
    (FLASK + CHECK + RUN + "    return 'ok'\n", "app.py"),
    (EXPRESS + JS_CHECK + EXEC + END, "app.js"),
    # the sink inside the branch the check opens
    (FLASK + "    if v in ALLOWED:\n    " + RUN + "    return 'ok'\n", "app.py"),
    (EXPRESS + "  if (ALLOWED.includes(v)) {\n  " + EXEC + "  }\n" + END, "app.js"),
    (EXPRESS.replace("  const v = req.query.v;\n", "")
     + "  if (!ALLOWED.includes(req.query.v)) return res.status(400).end();\n"
     + "  exec(`git checkout ${req.query.v}`);\n" + END, "app.js"),
])
def test_a_check_before_the_sink_or_around_it_still_guards(code: str, path: str) -> None:
    assert 78 not in findings_by_cwe(code, path)

