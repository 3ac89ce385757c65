"""Per-sink source exceptions: one subtractive table (``[flow.sink_safe_sources]``) read
wherever ``sources`` is, in both packs. A log line fears a raw CR/LF, which no header value
or raw request target holds; decoded query and body values do."""

from __future__ import annotations

import tomllib

import pytest

from reviewer.engine import review
from reviewer.flow import CONST, SOURCE, FlowSpec
from reviewer.rules import PACK_DIR, grammar, load_pack
from tests.reviewer.helpers import target

FLASK = ("import logging\nfrom flask import Flask, request\n"
         "app = Flask(__name__)\nlog = logging.getLogger('x')\nlogging.basicConfig(level=logging.INFO)\n\n")
FASTAPI = ("import logging\nfrom fastapi import FastAPI, Request\n"
           "app = FastAPI()\nlog = logging.getLogger('x')\nlogging.basicConfig(level=logging.INFO)\n\n")
EXPRESS = "const express = require('express');\nconst app = express();\n\n"


def _ids(code: str, path: str) -> set[str]:
    return {f.rule_id for f in review([target(code, path, ai=True)])}


@pytest.mark.parametrize(("code", "path", "rule", "reported"), [
    # Flask: a header read directly, kept in a variable, or through a local helper
    (FLASK + "@app.get('/a')\ndef a():\n    log.info('ua %s', request.headers.get('UA'))\n"
     "    return 'ok'\n", "app.py", "py.log.injection", False),
    (FLASK + "@app.get('/a')\ndef a():\n    ua = request.headers['UA']\n"
     "    log.info('ua %s', ua)\n    return 'ok'\n", "app.py", "py.log.injection", False),
    (FLASK + "def agent():\n    return request.headers.get('UA', '')\n\n"
     "@app.get('/a')\ndef a():\n    log.info('ua %s', agent())\n    return 'ok'\n",
     "app.py", "py.log.injection", False),
    (FLASK + "@app.get('/a')\ndef a():\n    log.info('q %s', request.query_string)\n"
     "    return 'ok'\n", "app.py", "py.log.injection", False),
    (FLASK + "@app.get('/a')\ndef a():\n    q = request.args['q']\n"
     "    log.info('q %s', q)\n    return 'ok'\n", "app.py", "py.log.injection", True),
    (FLASK + "def query():\n    return request.args.get('q', '')\n\n"
     "@app.get('/a')\ndef a():\n    log.info('q %s', query())\n    return 'ok'\n",
     "app.py", "py.log.injection", True),
    # FastAPI's typed request reads the same table
    (FASTAPI + "@app.get('/a')\nasync def a(request: Request):\n"
     "    log.info('ua %s', request.headers.get('ua'))\n    return {}\n",
     "app.py", "py.log.injection", False),
    (FASTAPI + "@app.get('/a')\nasync def a(request: Request):\n"
     "    log.info('q %s', request.query_params.get('q'))\n    return {}\n",
     "app.py", "py.log.injection", True),
    # Express: the raw request target, directly and kept in a variable
    (EXPRESS + "app.get('/a', (req, res) => {\n  const where = req.originalUrl;\n"
     "  console.log('hit ' + where);\n  res.send('ok');\n});\n",
     "app.js", "js.log.injection", False),
    (EXPRESS + "app.get('/a', (req, res) => {\n  const q = req.query.q;\n"
     "  console.log('q ' + q);\n  res.send('ok');\n});\n", "app.js", "js.log.injection", True),
])
def test_a_log_line_fears_only_inputs_that_can_hold_a_newline(
        code: str, path: str, rule: str, reported: bool) -> None:
    assert (rule in _ids(code, path)) is reported


@pytest.mark.parametrize(("grammar_name", "probe", "level"), [
    ("python", "request.headers.get(", CONST),
    ("python", "request.META['HTTP_X']", CONST),
    ("python", "flask.request.headers", CONST),
    ("python", "request.args.get(", SOURCE),
    ("python", "request.url", SOURCE),   # Starlette's is decoded: it may hold a newline
    ("python", "input(", SOURCE),
    ("python", "len", None),
    ("javascript", "req.originalUrl", CONST),
    ("javascript", "req.method", None),
    ("javascript", "req.query.q", SOURCE),
    ("javascript", "req.headers", SOURCE),  # terminal escapes still reach the log
])
def test_one_table_decides_for_the_log_sink(grammar_name: str, probe: str,
                                            level: int | None) -> None:
    spec = load_pack(grammar_name).flow
    assert spec.for_kind("log").source_level(probe) == level
    # every other sink kind (and no kind) sees the full sources
    assert spec.for_kind("html").source_level(probe) == (SOURCE if level is not None else None)


def test_a_pack_still_spelling_the_replacement_list_is_refused() -> None:
    raw = tomllib.loads((PACK_DIR / "python.toml").read_text(encoding="utf-8"))["flow"]
    with pytest.raises(ValueError, match="sink_safe_sources"):
        FlowSpec.compile(grammar("python"), {**raw, "sink_sources": {"log": "x"}})
    with pytest.raises(ValueError, match="no \\[flow.sink_sanitizers\\] entry"):
        FlowSpec.compile(grammar("python"), {**raw, "sink_safe_sources": {"lgo": "x"}})
