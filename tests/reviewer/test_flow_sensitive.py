"""Issue 19's engine features, the same in Python and JavaScript: taint into a local helper's
parameters (one level, with the path through the call) and flow-sensitive reassignment (a
name replaced by a constant, or reset to one by a rejecting check, is no longer tainted)."""

from __future__ import annotations

import pytest

from reviewer.engine import review
from reviewer.model import Finding
from tests.reviewer.helpers import target

PY_HELPER = '''import subprocess
from flask import Flask, request

app = Flask(__name__)


def run_report(name, mode="fast"):
    cmd = "report " + name
    subprocess.run(cmd, shell=True)


@app.get("/report")
def report():
    run_report(request.args["name"])
    return "ok"
'''

JS_HELPER = '''const express = require('express');
const { exec } = require('child_process');
const app = express();

function runReport(name, opts) {
  const cmd = 'report ' + name;
  exec(cmd);
}

app.get('/report', (req, res) => {
  runReport(req.query.name, {});
  res.send('ok');
});
'''


def _cmd(code: str, path: str) -> list[Finding]:
    return [f for f in review([target(code, path, ai=False)])
            if f.cwe == 78 and not f.judgement]


@pytest.mark.parametrize(("code", "path", "src_line", "call_line", "sink_line"), [
    (PY_HELPER, "app.py", 14, 14, 9),
    (JS_HELPER, "app.js", 11, 11, 7),
])
def test_taint_into_a_local_helpers_parameter(code: str, path: str, src_line: int,
                                              call_line: int, sink_line: int) -> None:
    """The handler passes request data to a helper whose body holds the sink: reported at
    the sink with source confidence, the path running from the caller's source through the
    call into the helper (the old engine stopped at "parameter name", medium confidence)."""
    got = _cmd(code, path)
    assert len(got) == 1
    f = got[0]
    assert f.line == sink_line and f.confidence == "high"
    lines = [line for line, _ in f.trace]
    assert lines[0] == src_line and lines[-1] == sink_line
    assert any(line == call_line and "call" in label for line, label in f.trace)
    assert not any(label.startswith("parameter") for _, label in f.trace)
    assert f.fix and f.why


@pytest.mark.parametrize(("code", "path"), [
    (PY_HELPER.replace('run_report(request.args["name"])', 'run_report("daily")'), "app.py"),
    (JS_HELPER.replace("runReport(req.query.name, {})", "runReport('daily', {})"), "app.js"),
])
def test_helper_called_only_with_constants_is_not_reported(code: str, path: str) -> None:
    """Every call of the helper in the file passes a constant: nothing reaches the sink."""
    assert _cmd(code, path) == []


def test_helper_without_local_callers_keeps_parameter_confidence() -> None:
    """No caller in the file: the callers decide, so the finding stays at parameter level."""
    code = PY_HELPER.split("\n\n@app.get")[0] + "\n"
    got = _cmd(code, "app.py")
    assert [f.confidence for f in got] == ["medium"]


PY_REASSIGN = '''import os
from flask import Flask, request

app = Flask(__name__)


@app.get("/reset")
def reset():
    fmt = request.args.get("fmt", "png")
    if fmt not in ("png", "jpg"):
        fmt = "png"
    os.system("convert x." + fmt)
    name = request.args["n"]
    name = "guest"
    os.system("echo " + name)
    return "ok"
'''

JS_REASSIGN = '''const express = require('express');
const { exec } = require('child_process');
const app = express();

app.get('/reset', (req, res) => {
  let fmt = req.query.fmt;
  if (['png', 'jpg'].indexOf(fmt) === -1) fmt = 'png';
  exec('convert x.' + fmt);
  let name = req.query.n;
  name = 'guest';
  exec('echo ' + name);
  res.send('ok');
});
'''


@pytest.mark.parametrize(("code", "path"), [(PY_REASSIGN, "app.py"), (JS_REASSIGN, "app.js")])
def test_reassignment_to_a_constant_ends_taint(code: str, path: str) -> None:
    """``x = "const"`` after taint (and ``if x not in (...): x = "a"``) leaves nothing of
    the request in ``x`` for later uses; the old engine took the highest of every earlier
    definition and reported both commands."""
    assert _cmd(code, path) == []


@pytest.mark.parametrize(("code", "path", "line"), [
    # the constant comes only on one branch: the request value still reaches the sink
    (PY_REASSIGN.replace('    name = "guest"\n', '    if not name:\n        name = "guest"\n'),
     "app.py", 16),
    # a reassignment after the sink does not clean the earlier use
    (PY_REASSIGN.replace('    name = "guest"\n    os.system("echo " + name)\n',
                         '    os.system("echo " + name)\n    name = "guest"\n'), "app.py", 14),
    # x = x.strip() keeps the request value
    (PY_REASSIGN.replace('    name = "guest"\n', '    name = name.strip()\n'), "app.py", 15),
    (JS_REASSIGN.replace("  name = 'guest';\n", "  if (!name) name = 'guest';\n"), "app.js", 11),
    (JS_REASSIGN.replace("  name = 'guest';\n", "  name = name.trim();\n"), "app.js", 11),
])
def test_conditional_or_self_reassignment_keeps_taint(code: str, path: str, line: int) -> None:
    assert [f.line for f in _cmd(code, path)] == [line]


def test_query_helper_sees_the_callers_built_string() -> None:
    """A ``query(sql, args)`` helper runs what its caller built: the rule's "built string"
    condition is judged on the caller's argument (an f-string with request data), not on
    the bare parameter, so the injection is found; a parameterised call is not."""
    helper = '''import sqlite3
from flask import Flask, request

app = Flask(__name__)


def query(sql, args=()):
    conn = sqlite3.connect("app.db")
    return conn.execute(sql, args).fetchall()


@app.post("/login")
def login():
    name = request.form["username"]
    return {"rows": query(QUERY)}
'''
    bad = helper.replace("query(QUERY)", 'query(f"SELECT id FROM users WHERE name = \'{name}\'")')
    good = helper.replace("query(QUERY)", 'query("SELECT id FROM users WHERE name = ?", (name,))')
    got = [f for f in review([target(bad, "app.py", ai=False)]) if f.cwe == 89]
    assert [f.line for f in got] == [9]
    assert got[0].trace[0][0] == 14 and got[0].trace[-1][0] == 9
    assert not [f for f in review([target(good, "app.py", ai=False)]) if f.cwe == 89]
