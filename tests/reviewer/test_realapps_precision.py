"""False-alarm shapes found by reviewing example apps nobody here wrote (Flask's flaskr,
FastAPI's and SQLModel's docs_src, httpbin, json-server: benchmarks/review_realapps.py):
each safe shape is not reported, its vulnerable twin still is."""

from __future__ import annotations

import pytest

from reviewer.engine import review
from reviewer.rules import PackError, load_pack
from tests.reviewer.helpers import target


def _ids(code: str, path: str = "app.py") -> list[str]:
    return [f.rule_id for f in review([target(code, path, ai=True)]) if not f.judgement]


# -- one literal, one finding ------------------------------------------------------------
def test_a_key_literal_is_not_also_reported_as_a_password() -> None:
    got = _ids('SECRET_KEY = "09d25e094faa6ca2556c818166b7a9563b93f7099f6f0f4caa6cf63b88e8d3e7"\n')
    assert got == ["py.secret.key-literal"]


def test_a_password_literal_with_no_key_shape_is_still_the_password_finding() -> None:
    assert _ids('db_password = "hunter2-prod"\n') == ["py.secret.hardcoded-password"]


def test_a_session_secret_is_one_finding_in_javascript() -> None:
    code = ("const session = require('express-session');\n"
            "app.use(session({ secret: 'keyboard-cat-42', resave: false }));\n")
    assert _ids(code, "app.js") == ["js.secret.session-key"]


def test_a_rule_superseding_an_unknown_rule_is_refused(monkeypatch: pytest.MonkeyPatch
                                                       ) -> None:
    import reviewer.rules as rules

    text = (rules.PACK_DIR / "python.toml").read_text(encoding="utf-8").replace(
        'supersedes = ["py.secret.hardcoded-password"]', 'supersedes = ["py.secret.nope"]')
    monkeypatch.setattr(rules.Path, "read_text", lambda self, encoding=None: text)
    load_pack.cache_clear()
    try:
        with pytest.raises(PackError, match="supersedes unknown rules"):
            load_pack("python")
    finally:
        monkeypatch.undo()
        load_pack.cache_clear()


# -- a password hash is what a user table stores ----------------------------------------
@pytest.mark.parametrize("digest", [
    "$2b$12$EixZaYVK1fsbw1ZfbX3OXePaWxn96p36WQoeG6Lruj3vjPGga31lW",
    "$argon2id$v=19$m=65536,t=3,p=4$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA",
    "pbkdf2:sha256:600000$Xy1kq9$0c4c1d1b7f5e2a3b9c8d7e6f5a4b3c2d1e0f9a8b7c6d5e4f",
    "pbkdf2_sha256$600000$Xy1kq9Zt$QmFzZTY0ZW5jb2RlZGhhc2g=",
])
def test_a_stored_password_hash_is_no_hard_coded_credential(digest: str) -> None:
    code = f'users = {{"alice": {{"hashed_password": "{digest}"}}}}\n'
    assert _ids(code) == []
    assert _ids(f"const users = {{ alice: {{ passwordHash: '{digest}' }} }};\n", "app.js") == []


def test_a_plain_password_in_the_same_table_is_still_reported() -> None:
    assert "py.secret.hardcoded-password" in _ids(
        'users = {"alice": {"password": "alice-2024!"}}\n')


# -- an amount with no range matters where the app computes with it ---------------------
MODEL = ("from fastapi import FastAPI\nfrom pydantic import BaseModel\napp = FastAPI()\n\n"
         "class Item(BaseModel):\n    name: str\n    quantity: int\n\n")


def test_a_model_amount_echoed_back_is_not_an_unbounded_number() -> None:
    code = MODEL + ("@app.post('/items')\ndef create(item: Item):\n"
                    "    ITEMS.append(item)\n    return item\n")
    assert "py.validation.model-unbounded-number" not in _ids(code)


@pytest.mark.parametrize("use", [
    "    STOCK[item.name] -= item.quantity\n",
    "    CART[item.name] = CART.get(item.name, 0) + item.quantity\n",
    "    total = PRICES[item.name] * item.quantity\n    ORDERS.append(total)\n",
    "    total = PRICES[item.name] * item.quantity\n    payments.charge(amount=total)\n",
    "    account.balance -= PRICES[item.name] * item.quantity\n",
    "    total = PRICES[item.name] * item.quantity\n"
    "    db.execute('INSERT INTO orders (total) VALUES (?)', (total,))\n",
])
def test_a_model_amount_the_app_computes_with_and_keeps_is_still_reported(use: str) -> None:
    code = MODEL + f"@app.post('/cart')\ndef add(item: Item):\n{use}    return item\n"
    assert "py.validation.model-unbounded-number" in _ids(code)


@pytest.mark.parametrize("use", [
    # computed with, then only echoed back or dropped (FastAPI's body/tutorial002: price +
    # tax in the answer): a negative amount changes nothing anyone else sees
    "    total = PRICES[item.name] * item.quantity\n",
    "    cart_total = 0\n    cart_total += item.quantity\n",
    "    d = item.dict()\n    d.update({'total': PRICES[item.name] * item.quantity})\n",
])
def test_a_model_amount_computed_and_echoed_is_not_reported(use: str) -> None:
    code = MODEL + f"@app.post('/cart')\ndef add(item: Item):\n{use}    return item\n"
    assert "py.validation.model-unbounded-number" not in _ids(code)


def test_a_markdown_bullet_in_a_docstring_is_no_multiplication() -> None:
    code = MODEL + ('@app.post("/items")\ndef create(item: Item):\n'
                    '    """\n    - **quantity**: how many\n    """\n    return item\n')
    assert "py.validation.model-unbounded-number" not in _ids(code)


# -- an owner check the handler hands to a local helper ---------------------------------
FLASKR = '''from flask import Flask, abort, g, redirect, request
from .auth import login_required
from .db import get_db

app = Flask(__name__)


def get_post(id, check_author=True):
    post = get_db().execute("SELECT * FROM post WHERE id = ?", (id,)).fetchone()
    if post is None:
        abort(404)
    {check}
    return post


@app.route("/<int:id>/delete", methods=("POST",))
@login_required
def delete(id):
    get_post(id)
    get_db().execute("DELETE FROM post WHERE id = ?", (id,))
    return redirect("/")
'''


def test_an_owner_check_in_a_helper_the_handler_calls_counts() -> None:
    code = FLASKR.replace(
        "{check}", 'if check_author and post["author_id"] != g.user["id"]:\n        abort(403)')
    assert "py.authz.owner-unchecked" not in _ids(code)


def test_a_helper_that_checks_no_owner_leaves_the_finding() -> None:
    code = FLASKR.replace("{check}", "pass")
    assert "py.authz.owner-unchecked" in _ids(code)


# -- debug mode in a test serves nothing ---------------------------------------------------
DEBUG = "from flask import Flask\napp = Flask(__name__)\napp.debug = True\n"


@pytest.mark.parametrize(("path", "reported"), [
    ("app.py", True), ("tests/test_app.py", False), ("test_app.py", False),
    ("src/app_test.py", False),
])
def test_debug_turned_on_by_a_test_is_not_a_served_debug_mode(path: str,
                                                              reported: bool) -> None:
    assert ("py.debug.enabled" in _ids(DEBUG, path)) is reported


# -- a database session is not a login session ---------------------------------------------
SQLMODEL = '''from typing import Optional

from fastapi import Depends, FastAPI, HTTPException
from sqlmodel import Field, Session, SQLModel, create_engine

engine = create_engine("sqlite:///database.db")


class Team(SQLModel, table=True):
    id: Optional[int] = Field(default=None, primary_key=True)
    name: str
    team_lead: str


def get_session():
    with Session(engine) as session:
        yield session


def get_current_user():
    ...


app = FastAPI()


@app.delete("/teams/{team_id}")
def delete_team(*, session: Session = Depends(get_session), team_id: int{extra}):
    team = session.get(Team, team_id)
    if not team:
        raise HTTPException(status_code=404, detail="Team not found")
    session.delete(team)
    session.commit()
    return {"ok": True}
'''


def test_a_database_session_get_is_no_sign_in() -> None:
    # session.get(Team, team_id) reads a row: nobody signs in anywhere in this app
    code = SQLMODEL.replace("{extra}", "").replace("{model}", "Team")
    assert "py.authz.owner-unchecked" not in _ids(code)


def test_a_signed_in_caller_never_used_beside_a_database_session_is_still_reported() -> None:
    code = SQLMODEL.replace("{extra}", ", user=Depends(get_current_user)")
    assert "py.authz.owner-unchecked" in _ids(code)


FLASK_SESSION = '''from flask import Flask, abort, session
from .models import Team, db

app = Flask(__name__)


@app.post("/teams/<int:team_id>/delete")
def delete_team(team_id):
    if not session.get({key}):
        abort(401)
    team = db.session.get(Team, team_id)
    db.session.delete(team)
    db.session.commit()
    return "", 204
'''


@pytest.mark.parametrize("key", ['"signed_in"', "SIGNED_IN_KEY", "SIGNED_IN_KEY, None"])
def test_a_flask_login_session_check_is_still_sign_in(key: str) -> None:
    code = FLASK_SESSION.replace("{key}", key)
    assert "py.authz.owner-unchecked" in _ids(code)
