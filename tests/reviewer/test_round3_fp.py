"""General causes of the false alarms the third round of Python backends showed (issue 19),
each on a small look-alike written here, with its vulnerable twin still reported: a value a
pydantic field or a FastAPI parameter checks against an anchored pattern of word characters,
a containment check in the helper that holds the sink, a file's text read through its path,
and a number made with ``int.from_bytes``."""

from __future__ import annotations

import pytest

from tests.reviewer.helpers import findings_by_cwe

MODEL = '''import logging
from fastapi import FastAPI, Query
from pydantic import BaseModel, Field

app = FastAPI()
log = logging.getLogger("x")
logging.basicConfig(level=logging.INFO)


class Signup(BaseModel):
    email: str = Field(pattern=r"^[^@\\s]+@[^@\\s]+$")
    topic: str = Field(default="product", pattern=FIELD)


@app.post("/signup")
def signup(body: Signup):
    log.info("signup for %s", body.READ)
    return {}
'''


@pytest.mark.parametrize("field, read, reported", [
    ('r"^(product|engineering|events)$"', "topic", False),   # an enum: no newline
    ('"^[a-z0-9_-]{1,20}$"', "topic", False),
    ('r"^[\\w.]+$"', "topic", True),                # a dot is fine, but so is ".." elsewhere
    ('r"^(product|engineering|events)$"', "email", True),   # the other field: free text
    ('r"(product|engineering)"', "topic", True),  # unanchored: any text around it passes
])
def test_model_field_pattern(field: str, read: str, reported: bool) -> None:
    code = MODEL.replace("FIELD", field).replace("READ", read)
    assert (117 in findings_by_cwe(code)) is reported


def test_query_parameter_pattern() -> None:
    head = MODEL.split("\n\nclass")[0] + "\n\n@app.get('/s')\n"
    safe = head + ("def s(t: str = Query(pattern=r'^(new|old)$')):\n"
                   "    log.info('sort %s', t)\n    return {}\n")
    assert 117 not in findings_by_cwe(safe)
    assert 117 in findings_by_cwe(safe.replace("pattern=r'^(new|old)$'", "max_length=9"))


def test_model_field_still_names_a_record() -> None:
    """A closed field carries no text, but an id-shaped one still names someone's record:
    the IDOR sink kind (where a cast to int ends nothing) keeps it as input."""
    from tree_sitter import Parser

    from reviewer.flow import CONST, SOURCE, Flow
    from reviewer.rules import grammar, load_pack

    code = MODEL.replace("FIELD", '"^[a-z0-9]{8}$"').replace("READ", "topic")
    root = Parser(grammar("python")).parse(code.encode()).root_node
    read = next(n for n in _walk(root) if n.type == "attribute" and n.text == b"body.topic")
    flow = load_pack("python").flow
    assert Flow(flow.for_kind("log"), root).level(read) == CONST
    assert Flow(flow.for_kind("id"), root).level(read) == SOURCE


def _walk(node):  # type: ignore[no-untyped-def]
    yield node
    for c in node.children:
        yield from _walk(c)


WIKI = '''import os
from pathlib import Path
from fastapi import FastAPI, HTTPException
from fastapi.responses import HTMLResponse

app = FastAPI()
PAGES = Path("pages").resolve()


def page_path(slug: str) -> Path:
    path = os.path.realpath(PAGES / f"{slug}.md")
    if os.path.commonpath([path, str(PAGES)]) != str(PAGES):
        raise HTTPException(400, "bad page name")
    return Path(path)


@app.get("/wiki/{slug}", response_class=HTMLResponse)
def view(slug: str):
    body = render(page_path(slug).read_text())
    return f"<article>{body}</article>"
'''


def test_containment_check_in_the_helper_holds_for_its_callers() -> None:
    assert 22 not in findings_by_cwe(WIKI)
    unchecked = WIKI.replace('    if os.path.commonpath([path, str(PAGES)]) != str(PAGES):\n'
                             '        raise HTTPException(400, "bad page name")\n', "")
    assert 22 in findings_by_cwe(unchecked)


def test_file_text_read_through_its_path_is_stored_data() -> None:
    assert 79 not in findings_by_cwe(WIKI)
    assert 79 in findings_by_cwe(WIKI.replace("page_path(slug).read_text()", "slug"))


FLAGS = '''import hashlib
from flask import Flask, jsonify, request

app = Flask(__name__)


def bucket(flag: str, user_id: str) -> int:
    digest = hashlib.sha256(f"{flag}:{user_id}".encode()).digest()
    return int.from_bytes(digest[:4], "big") % 100


@app.get("/flags/<name>")
def evaluate(name):
    return jsonify(on=bucket(name, request.args.get("user", "")) < 50)
'''


def test_int_from_bytes_is_a_number() -> None:
    assert 79 not in findings_by_cwe(FLAGS)
    # the helper's text sent as the page is XSS (compared with 50, as FLAGS does, it is a
    # bool: tests/reviewer/test_flow_values.py)
    assert 79 in findings_by_cwe(FLAGS.replace('int.from_bytes(digest[:4], "big") % 100',
                                               'f"{flag}:{user_id}"').replace(
        'jsonify(on=bucket(name, request.args.get("user", "")) < 50)',
        'bucket(name, request.args.get("user", ""))'))


SHORTENER = '''import logging
from flask import Flask, redirect, request

app = Flask(__name__)
clicks = logging.getLogger("clicks")
logging.basicConfig(level=logging.INFO)


@app.get("/<code>")
def follow(code):
    source = request.args.get("utm_source", "direct")
    clicks.info("click code=%s source=%s" % (code, source))
    return redirect("/")
'''


def test_a_name_bound_to_a_logger_is_a_logger() -> None:
    assert 117 in findings_by_cwe(SHORTENER)
    # another object's info()/error() (Django's messages, a UI toolkit) writes no log line
    other = SHORTENER.replace('logging.getLogger("clicks")', 'Messages("clicks")')
    assert 117 not in findings_by_cwe(other)


VAULT = '''import base64, hashlib


def vault_key(username: str, master: str) -> bytes:
    return base64.urlsafe_b64encode(hashlib.sha256(f"{username}:{master}".encode()).digest())
'''


def test_a_key_from_a_master_password_by_one_fast_hash() -> None:
    assert 916 in findings_by_cwe(VAULT)
    slow = VAULT.replace('hashlib.sha256(f"{username}:{master}".encode()).digest()',
                         'hashlib.scrypt(master.encode(), salt=username.encode(), n=2**14, '
                         'r=8, p=1, dklen=32)')
    assert 916 not in findings_by_cwe(slow)
    assert 916 not in findings_by_cwe(VAULT.replace("master", "branch"))  # a cache key
