"""Issue 19: a directory the client names, walked (os.walk, os.scandir), lists and often opens
files anywhere on the server, as os.listdir of it does. Reported with CWE-22; the twin that
keeps the directory inside its base is not."""

from __future__ import annotations

import pytest

from tests.reviewer.helpers import check_twins

SEARCH = '''import os
from flask import Flask, jsonify, request

app = Flask(__name__)
BASE = "/data"


def search(directory, needle):
    found = []
{walk}    return found


@app.post("/search")
def search_route():
    data = request.get_json()
    directory = os.path.realpath(os.path.join(BASE, data.get("dir", "")))
{check}    return jsonify(search(directory, data["needle"]))
'''

CONTAINED = ('    if not directory.startswith(BASE + os.sep):\n'
             '        return jsonify({"error": "bad dir"}), 400\n')


WALK = ("    for root, _dirs, files in os.walk(directory):\n"
        "        for name in files:\n"
        "            with open(os.path.join(root, name)) as f:\n"
        "                if needle in f.read():\n"
        "                    found.append(name)\n")
SCANDIR = ("    for entry in os.scandir(directory):\n"
           "        if entry.is_file() and needle in entry.name:\n"
           "            found.append(entry.name)\n")


@pytest.mark.parametrize("walk", [WALK, SCANDIR])
def test_a_directory_the_client_names_is_walked(walk: str) -> None:
    check_twins(22, SEARCH.format(walk=walk, check=""), SEARCH.format(walk=walk, check=CONTAINED),
                has_path=True, path="app.py")
