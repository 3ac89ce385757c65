"""A constant regular expression whose repeated group can split the same text in many ways
(a nested quantifier: ``^([A-Za-z]+\\s?)+$``, ``^([a-z0-9]+[.-]?)+$``, ``(a+)+``) backtracks
exponentially on a near-miss input (issue 19: round 10's tuning half missed one on a
sign-up name). A repeated group with a required separator (``^[a-z0-9]+(?:-[a-z0-9]+)*$``)
splits its text one way only and is not reported."""

from __future__ import annotations

import warnings

import pytest

from reviewer.redos import exponential
from tests.reviewer.helpers import findings_by_cwe

APP = '''import re

from flask import Flask, jsonify, request

app = Flask(__name__)
NAME_RE = re.compile(PATTERN)


@app.post("/join")
def join():
    name = request.get_json()["name"]
    if not NAME_RE.match(name):
        return jsonify(error="letters and spaces only"), 400
    return jsonify(ok=True), 201
'''


@pytest.mark.parametrize("pattern", [
    r'r"^([A-Za-z]+\s?)+$"',
    r'r"^([a-zA-Z0-9]+[.-]?)+$"',
    '"^(\\\\w+\\\\s*)*@example\\\\.com$"',
    r'r"^(a+)+$"',
    r'r"^(?:[a-z]+|[0-9])*!$"',
])
def test_a_nested_quantifier_is_reported(pattern: str) -> None:
    got = findings_by_cwe(APP.replace("PATTERN", pattern))
    assert 1333 in got, sorted(got)
    assert got[1333][0].line == 6


@pytest.mark.parametrize("pattern", [
    r'r"^[a-z0-9]+(?:-[a-z0-9]+)*$"',
    r'r"^[A-Za-z]+(\s[A-Za-z]+)*$"',
    r'r"^[^@\s]+@[^@\s]+\.[A-Za-z]{2,}$"',
    r'r"^([a-z]{1,3}\.?)+"',
    r'r"(\d+)+"',
])
def test_a_group_that_splits_text_one_way_is_not(pattern: str) -> None:
    assert 1333 not in findings_by_cwe(APP.replace("PATTERN", pattern))


@pytest.mark.parametrize("pattern, expected", [
    (r"^([A-Za-z]+\s?)+$", True),
    (r"(\s*\w+)*;", True),
    (r"^(\d+|\w+)*$", True),  # each alternative splits its own text many ways
    (r"^(\d|[a-z])*$", False),  # one character an iteration: one split only
    (r"^[a-z]+(-[a-z]+)*$", False),
    (r"(a+)+", False),  # nothing after the group can fail: the first try matches
    (r"(unbalanced", False),
])
def test_exponential(pattern: str, expected: bool) -> None:
    assert exponential(pattern) is expected


def test_a_plain_literal_with_a_stray_escape_warns_nothing() -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        got = findings_by_cwe(APP.replace("PATTERN", '"^([A-Za-z]+\\s?)+$"'))
    assert 1333 in got
