"""A prefix check guards a value only where a prefix contains it (issue 19): a resolved path
under its base, a URL under a fixed scheme, host and '/'. Text spliced into a shell command or
an SQL query after ``if not v.startswith("v1."): abort()`` still carries ``v1.; rm -rf /``.
And a debug or info log line that no configuration lets through is never written."""

from __future__ import annotations

import pytest

from tests.reviewer.helpers import findings_by_cwe

FLASK = ("import os\nimport subprocess\nimport sqlite3\nimport requests\n"
         "from flask import Flask, request, redirect, abort\n"
         "app = Flask(__name__)\nBASE = '/srv/files'\n"
         "ALLOWED = {'main', 'dev'}\ndb = sqlite3.connect('a.db')\n\n"
         "@app.get('/x')\ndef x():\n    v = request.args['v']\n")


def _cwes(body: str) -> set[int]:
    return set(findings_by_cwe(FLASK + body))


@pytest.mark.parametrize("body, cwe", [
    # a prefix check, then the value into a shell, os.system or an SQL string
    ("    if not v.startswith('v1.'):\n        abort(400)\n"
     "    subprocess.run(f'deploy {v}', shell=True)\n    return 'ok'\n", 78),
    ("    if not v.startswith('refs/heads/'):\n        return 'no'\n"
     "    os.system('git checkout ' + v)\n    return 'ok'\n", 78),
    ("    if not v.startswith('user_'):\n        raise ValueError(v)\n"
     "    return str(db.execute(f\"SELECT * FROM t WHERE name = '{v}'\").fetchall())\n", 89),
    # a URL prefix without the host's '/' (api.example.com.evil.net), or a relative one
    # (//evil.net) contains nothing
    ("    if not v.startswith('https://api.example.com'):\n        abort(400)\n"
     "    return requests.get(v).text\n", 918),
    ("    if not v.startswith('/'):\n        abort(400)\n    return redirect(v)\n", 601),
])
def test_a_prefix_check_does_not_guard_text_for_a_command_sql_or_an_open_url(
        body: str, cwe: int) -> None:
    assert cwe in _cwes(body)


@pytest.mark.parametrize("body, cwe", [
    # a resolved path checked against its base
    ("    p = os.path.realpath(os.path.join(BASE, v))\n"
     "    if not p.startswith(BASE + os.sep):\n        abort(400)\n    return open(p).read()\n", 22),
    ("    p = os.path.join(BASE, v)\n"
     "    if not os.path.realpath(p).startswith(BASE + os.sep):\n        abort(400)\n"
     "    return open(p).read()\n", 22),
    # an allow-list still guards a command
    ("    if v not in ALLOWED:\n        abort(400)\n"
     "    subprocess.run(f'git checkout {v}', shell=True)\n    return 'ok'\n", 78),
    # a fixed scheme, host and '/'
    ("    if not v.startswith('https://api.example.com/'):\n        abort(400)\n"
     "    return requests.get(v).text\n", 918),
    ("    if not v.startswith(('https://example.com/', 'https://www.example.com/')):\n"
     "        abort(400)\n    return redirect(v)\n", 601),
])
def test_a_prefix_that_contains_the_value_still_guards_it(body: str, cwe: int) -> None:
    assert cwe not in _cwes(body)


LOGGED = ("import logging\nfrom fastapi import FastAPI\napp = FastAPI()\n"
          "log = logging.getLogger('deploy')\nCONFIG\n\n"
          "@app.get('/x')\ndef x(branch: str):\n    LINE\n    return {}\n")


@pytest.mark.parametrize("config, line, reported", [
    # no level or handler set: the effective level is WARNING, the last-resort handler's too
    ("", "log.info('deploying %s', branch)", False),
    ("", "log.debug('deploying %s', branch)", False),
    ("", "logging.info('deploying %s', branch)", False),
    # a warning or an error reaches stderr through the last-resort handler
    ("", "log.warning('bad branch %s', branch)", True),
    ("", "log.error('bad branch %s', branch)", True),
    # a configuration that lets info through
    ("logging.basicConfig(level=logging.INFO)", "log.info('deploying %s', branch)", True),
    ("log.setLevel(logging.DEBUG)", "log.debug('deploying %s', branch)", True),
    ("setup_logging()", "log.info('deploying %s', branch)", True),
])
def test_an_info_line_no_configuration_lets_through_is_not_written(
        config: str, line: str, reported: bool) -> None:
    got = findings_by_cwe(LOGGED.replace("CONFIG", config).replace("LINE", line))
    assert (117 in got) is reported, got.get(117)


def test_a_module_that_does_not_create_the_app_may_be_configured_elsewhere() -> None:
    code = ("import logging\nfrom fastapi import APIRouter\nrouter = APIRouter()\n"
            "log = logging.getLogger(__name__)\n\n"
            "@router.get('/x')\ndef x(branch: str):\n    log.info('deploying %s', branch)\n"
            "    return {}\n")
    assert 117 in findings_by_cwe(code)


def test_flask_app_logger_is_left_to_debug_mode() -> None:
    code = ("from flask import Flask, request\napp = Flask(__name__)\n\n"
            "@app.get('/x')\ndef x():\n    app.logger.info('q %s', request.args['q'])\n"
            "    return 'ok'\n")
    assert 117 in findings_by_cwe(code)


@pytest.mark.parametrize("check, reported", [
    # one quoted string with no quote inside is a literal: exec evaluates it to itself
    ("if not v.startswith(\"'\") or not v.endswith(\"'\") or \"'\" in v[1:-1]:", False),
    # a quote at the start only: '' ; import os ; os.system('id') starts with one
    ("if not v.startswith(\"'\"):", True),
])
def test_a_quoted_literal_check_guards_code(check: str, reported: bool) -> None:
    body = f"    {check}\n        abort(400)\n    exec(v)\n    return 'ok'\n"
    got = findings_by_cwe(FLASK + body)
    assert (95 in got or 94 in got) is reported, got
