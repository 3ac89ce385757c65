"""General causes of the misses the sixth round of Python backends showed on its tuning half
(issue 19), each on a small look-alike written here, with its safe twin still judged as
before."""

from __future__ import annotations

import pytest

from tests.reviewer.helpers import findings_by_cwe

KEYGEN = '''import hashlib
import time


def NAME(VAR: str) -> str:
    seed = f"{VAR}:{int(time.time())}"
    return "pk_" + hashlib.sha256(seed.encode()).hexdigest()[:40]
'''


@pytest.mark.parametrize("name, var, reported", [
    # an API or access key is a bearer credential: a digest of the time and the user id is
    # guessed by hashing the same inputs for the seconds around its creation
    ("generate_api_key", "user_id", True),
    ("new_access_key", "account", True),
    # a cache key made the same way guards nothing
    ("page_cache_key", "url", False),
])
def test_a_key_hashed_from_the_time_is_predictable(name: str, var: str, reported: bool) -> None:
    code = KEYGEN.replace("NAME", name).replace("VAR", var)
    assert (330 in findings_by_cwe(code)) is reported


def test_a_key_with_fresh_randomness_is_not_predictable() -> None:
    code = KEYGEN.replace("NAME", "generate_api_key").replace("VAR", "user_id").replace(
        'f"{user_id}:{int(time.time())}"', 'f"{user_id}:{int(time.time())}:{secrets.token_hex(16)}"'
    ).replace("import time\n", "import secrets\nimport time\n")
    assert 330 not in findings_by_cwe(code)


PROJECTS = '''import sqlite3
from fastapi import Depends, FastAPI, Header, HTTPException

app = FastAPI()


def db():
    return sqlite3.connect("teams.db")


def init_db():
    with db() as c:
        c.executescript("""
            CREATE TABLE IF NOT EXISTS users (id INTEGER PRIMARY KEY, token TEXT UNIQUE);
            CREATE TABLE IF NOT EXISTS projects (id INTEGER PRIMARY KEY, name TEXT);
            CREATE TABLE IF NOT EXISTS LINKS (project_id INTEGER, user_id INTEGER, role TEXT);
            CREATE TABLE IF NOT EXISTS tasks (id INTEGER PRIMARY KEY, project_id INTEGER, title TEXT);
        """)


def current_user(authorization: str = Header(...)):
    with db() as c:
        row = c.execute("SELECT id FROM users WHERE token = ?", (authorization,)).fetchone()
    if row is None:
        raise HTTPException(401, "invalid token")
    return row[0]


@app.post("/projects/{project_id}/tasks")
def add_task(project_id: int, title: str, USER=Depends(current_user)):
    with db() as c:
        if c.execute("SELECT 1 FROM projects WHERE id = ?", (project_id,)).fetchone() is None:
            raise HTTPException(404, "no such project")
        CHECK
        c.execute("INSERT INTO tasks (project_id, title) VALUES (?, ?)", (project_id, title))
    return {"ok": True}
'''
MEMBER_CHECK = '''if c.execute("SELECT 1 FROM project_members WHERE project_id = ? AND user_id = ?",
                     (project_id, USER)).fetchone() is None:
            raise HTTPException(403, "not a member")'''


@pytest.mark.parametrize("links, check, reported", [
    # who may use a project is kept in a membership table: a signed-in caller who adds to
    # any project by its id without being checked against it is the missing check
    ("project_members", "", True),
    ("project_access", "", True),
    # the caller is checked against the membership table
    ("project_members", MEMBER_CHECK, False),
    # no membership table names projects (orders merely point at them): a catalogue row
    ("orders", "", False),
])
def test_a_record_a_membership_table_guards(links: str, check: str, reported: bool) -> None:
    code = PROJECTS.replace("LINKS", links).replace("CHECK", check).replace("USER", "user")
    assert (639 in findings_by_cwe(code)) is reported


@pytest.mark.parametrize("check, reported", [
    # the caller's name ends in a word the query uses ("uid" ... "WHERE id = ?"): that word is
    # not the caller, who is never compared with the project's owner
    ("", True),
    (MEMBER_CHECK.replace("project_members", "projects").replace("project_id = ? AND user_id",
                                                                "id = ? AND owner_id"), False),
])
def test_a_caller_named_uid_is_not_found_in_where_id(check: str, reported: bool) -> None:
    code = PROJECTS.replace("LINKS", "orders").replace("CHECK", check).replace(
        "projects (id INTEGER PRIMARY KEY, name TEXT)",
        "projects (id INTEGER PRIMARY KEY, owner_id INTEGER, name TEXT)")
    assert (639 in findings_by_cwe(code.replace("USER", "uid"))) is reported


CART = '''from flask import Flask, jsonify, request, session

app = Flask(__name__)
CATALOG = {"pen": {"price": 150, "stock": 40}}
CARTS: dict[str, dict[str, int]] = {}


@app.post("/cart/lines")
def add_line():
    body = request.get_json(force=True)
    sku = body.get("sku")
    if sku not in CATALOG:
        return jsonify(error="unknown sku"), 404
    QTY
    lines = CARTS.setdefault(session["cart_id"], {})
    new_qty = lines.get(sku, 0) + qty
    if new_qty > CATALOG[sku]["stock"]:
        return jsonify(error="not enough stock"), 409
    lines[sku] = new_qty
    return jsonify(lines=lines)
'''


@pytest.mark.parametrize("qty, reported", [
    # a quantity from the body kept in the cart's entry with only an upper bound: -120 pens
    ('qty = int(body.get("qty", 1))', True),
    # bounded below as well
    ('qty = int(body.get("qty", 1))\n    if qty < 1:\n        return jsonify(error="qty"), 400',
     False),
    # not the request's: one more of what the cart holds
    ("qty = 1", False),
])
def test_an_amount_kept_in_a_dict_entry_needs_a_range(qty: str, reported: bool) -> None:
    assert (20 in findings_by_cwe(CART.replace("QTY", qty))) is reported
