"""General causes of the misses the seventh round of Python backends (a precision round)
showed on its tuning half (issue 19), each on a small look-alike written here, with its safe
twin still judged as before."""

from __future__ import annotations

import pytest

from tests.reviewer.helpers import findings_by_cwe

FILTER = '''import re
from flask import Flask
from markupsafe import Markup, escape

app = Flask(__name__)
MENTION = re.compile(r"@(\\w+)")


@app.template_filter("mentions")
def mentions(text):
    """Link @names to their profiles."""
    return Markup(BODY)
'''


@pytest.mark.parametrize("body, reported", [
    # a regular-expression substitution pastes the raw text around the tags it adds: the
    # text's own markup is marked safe with them
    (r"""MENTION.sub(r'<a href="/u/\\1">@\\1</a>', text)""", True),
    (r"""re.sub(r"\\n", "<br>", text)""", True),
    # the text escaped first: only the tags the filter adds are markup
    (r"""MENTION.sub(r'<a href="/u/\\1">@\\1</a>', str(escape(text)))""", False),
    (r"""re.sub(r"\\n", "<br>", str(escape(text)))""", False),
])
def test_markup_of_a_substitution_over_raw_text(body: str, reported: bool) -> None:
    assert (79 in findings_by_cwe(FILTER.replace("BODY", body))) is reported


RELAY = '''import sqlite3
from urllib.parse import urlparse

import httpx
from fastapi import FastAPI, HTTPException
from pydantic import BaseModel

app = FastAPI()


def db():
    c = sqlite3.connect("hooks.db")
    c.row_factory = sqlite3.Row
    return c


class HookIn(BaseModel):
    url: str


@app.post("/hooks")
def add_hook(body: HookIn):
    parsed = urlparse(body.url)
    if parsed.scheme not in ("http", "https"):
        raise HTTPException(status_code=400, detail="http(s) only")
    CHECK
    with db() as c:
        cur = c.execute("INSERT INTO hooks (url) VALUES (?)", (body.url,))
    return {"id": cur.lastrowid}


@app.post("/hooks/{hook_id}/test")
def test_hook(hook_id: int):
    with db() as c:
        hook = c.execute("SELECT url FROM hooks WHERE id = ?", (hook_id,)).fetchone()
    r = httpx.post(hook["url"], json={"event": "ping"}, timeout=5)
    return {"status": r.status_code}
'''


@pytest.mark.parametrize("check, reported", [
    # the client chose the stored URL (checked for its scheme only): delivering to it later
    # reaches whatever host it names, 127.0.0.1 and the metadata address among them
    ("pass", True),
    # the host is checked against an allow-list, or resolved and refused when private
    ("if parsed.hostname not in ALLOWED_HOSTS:\n        raise HTTPException(400)", False),
    ("if ipaddress.ip_address(socket.gethostbyname(parsed.hostname)).is_private:\n"
     "        raise HTTPException(400)", False),
])
def test_a_stored_client_url_fetched_later(check: str, reported: bool) -> None:
    assert (918 in findings_by_cwe(RELAY.replace("CHECK", check))) is reported


def test_a_stored_url_the_client_never_gives_is_not_reported() -> None:
    # the URLs come from the operator's configuration, not from a request
    code = RELAY.replace("class HookIn(BaseModel):\n    url: str", "class HookIn(BaseModel):\n"
                         "    name: str").replace("body.url", "CONFIG[body.name]")
    assert 918 not in findings_by_cwe(code.replace("CHECK", "pass"))
