"""General causes of false alarms on backends that models wrote (issue 19), each on a small
look-alike written here, with its vulnerable twin still reported: an existence probe after
the file-name check that py.path.traversal already reads."""

from __future__ import annotations

import pytest

from tests.reviewer.helpers import findings_by_cwe

PROBE = '''import os
from flask import Flask, jsonify, request, send_from_directory

app = Flask(__name__)
MEDIA = "/srv/media"


@app.post("/fetch")
def fetch():
    name = request.get_json()["name"]
    CHECK
        return jsonify({"error": "bad name"}), 400
    where = os.path.join(MEDIA, name)
    if not os.path.isfile(where):
        return jsonify({"error": "missing"}), 404
    return send_from_directory(MEDIA, name)
'''


@pytest.mark.parametrize("check, reported", [
    # ".." and a separator refused: a plain name in MEDIA
    ("if '..' in name or '/' in name or '\\\\' in name:", False),
    ("if name.startswith('.') or '/' in name:", False),
    ("if '..' in name or os.sep in name:", False),
    # ".." alone: "/etc/passwd" replaces the base in os.path.join
    ("if '..' in name:", True),
    # a separator alone: ".." is the parent of MEDIA
    ("if '/' in name:", True),
])
def test_probe_after_file_name_check(check: str, reported: bool) -> None:
    code = PROBE.replace("CHECK", check)
    assert (22 in findings_by_cwe(code)) is reported
