"""A check guards the branch where it PASSED (issue 19): a rejecting check (``x not in
ALLOWED``, ``x != 'a'``, ``not x.isalnum()``, ``not full.startswith(BASE)``) guards the code
after its early exit and its ``else``, never its own consequence; an accepting one (``x in
ALLOWED``, ``x.isalnum()``, ``full.startswith(BASE)``) guards its consequence, never its
``else`` nor what follows an ``if`` whose consequence leaves. Each sink in the branch where
the check failed is reported; its twin in the branch where it held is not."""

from __future__ import annotations

import pytest

from tests.reviewer.helpers import findings_by_cwe

FLASK = ("import os, subprocess\nfrom flask import Flask, request, abort, send_file\n"
         "app = Flask(__name__)\nALLOWED = {'main', 'dev'}\nBASE = '/srv/files'\n\n"
         "@app.get('/x')\ndef x():\n    v = request.args['v']\n")
RUN = "subprocess.run(f'git checkout {v}', shell=True)"

EXPRESS = ("const express = require('express');\nconst { exec } = require('child_process');\n"
           "const app = express();\nconst ALLOWED = ['main', 'dev'];\n\n"
           "app.get('/x', (req, res) => {\n  const v = req.query.v;\n")
EXEC = "exec(`git checkout ${v}`);"
END = "  res.send('ok');\n});\n"

# (failed branch: reported, passed branch: not), CWE, file name
CASES = [
    # a rejecting check's own consequence is where it failed
    (FLASK + f"    if v not in ALLOWED:\n        {RUN}\n        return 'no'\n    return 'ok'\n",
     FLASK + f"    if v not in ALLOWED:\n        return 'no'\n    {RUN}\n    return 'ok'\n",
     78, "app.py"),
    (FLASK + f"    if v != 'main':\n        {RUN}\n    return 'ok'\n",
     FLASK + f"    if v != 'main':\n        return 'no'\n    {RUN}\n    return 'ok'\n",
     78, "app.py"),
    (FLASK + f"    if not v.isalnum():\n        {RUN}\n    return 'ok'\n",
     FLASK + f"    if not v.isalnum():\n        pass\n    else:\n        {RUN}\n    return 'ok'\n",
     78, "app.py"),
    # an accepting check's else, and what follows when its consequence leaves
    (FLASK + f"    if v in ALLOWED:\n        return 'ok'\n    else:\n        {RUN}\n    return 'x'\n",
     FLASK + f"    if v in ALLOWED:\n        {RUN}\n    else:\n        return 'no'\n    return 'x'\n",
     78, "app.py"),
    (FLASK + f"    if v in ALLOWED:\n        return 'ok'\n    {RUN}\n    return 'x'\n",
     FLASK + f"    if v in ALLOWED:\n        {RUN}\n        return 'ok'\n    return 'x'\n",
     78, "app.py"),
    (FLASK + f"    if v.isalnum():\n        return 'ok'\n    {RUN}\n    return 'x'\n",
     FLASK + f"    if v.isalnum():\n        {RUN}\n    return 'x'\n",
     78, "app.py"),
    # the issue's own shapes: a file sink in the branch where the check failed
    (FLASK + "    name = request.args['name']\n    if name != 'report.txt':\n"
     "        return open(name).read()\n    return 'ok'\n",
     FLASK + "    name = request.args['name']\n    if name != 'report.txt':\n"
     "        return 'no'\n    return open(name).read()\n",
     22, "app.py"),
    (FLASK + "    if v not in ALLOWED:\n        return send_file(v)\n    return 'ok'\n",
     FLASK + "    if v not in ALLOWED:\n        return 'no'\n    return send_file(v)\n",
     22, "app.py"),
    # JavaScript: the same engine, its own negation
    (EXPRESS + f"  if (!ALLOWED.includes(v)) {{\n    {EXEC}\n  }}\n" + END,
     EXPRESS + f"  if (!ALLOWED.includes(v)) {{\n    return res.end();\n  }}\n  {EXEC}\n" + END,
     78, "app.js"),
    (EXPRESS + f"  if (ALLOWED.includes(v)) {{\n    return res.end();\n  }}\n  {EXEC}\n" + END,
     EXPRESS + f"  if (ALLOWED.includes(v)) {{\n    {EXEC}\n  }}\n" + END,
     78, "app.js"),
    (EXPRESS + f"  if (v !== 'main') {{\n    {EXEC}\n  }}\n" + END,
     EXPRESS + f"  if (v !== 'main') {{\n    return res.end();\n  }} else {{\n    {EXEC}\n  }}\n"
     + END, 78, "app.js"),
]


@pytest.mark.parametrize("failed, passed, cwe, path", CASES)
def test_a_sink_where_the_check_failed_is_reported(failed: str, passed: str, cwe: int,
                                                   path: str) -> None:
    assert cwe in findings_by_cwe(failed, path)


@pytest.mark.parametrize("failed, passed, cwe, path", CASES)
def test_a_sink_where_the_check_held_is_not(failed: str, passed: str, cwe: int,
                                            path: str) -> None:
    assert cwe not in findings_by_cwe(passed, path)
