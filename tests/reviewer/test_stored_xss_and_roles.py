"""Issue 19 misses on whole backends: stored data marked safe for HTML (Markup of a row, of
rendered Markdown), uploads of active content served inline from the app's own origin, and
a role the client sends in a header. Each vulnerable case is reported with its CWE; its safe
twin is not."""

from __future__ import annotations

import pytest

from tests.reviewer.helpers import findings_by_cwe

ROWS = ("import sqlite3\nfrom flask import Flask\nfrom markupsafe import Markup, escape\n"
        "{imports}app = Flask(__name__)\n{setup}\n\n@app.get('/posts')\ndef posts():\n"
        "    rows = sqlite3.connect('x.db').execute('SELECT title, body FROM posts')"
        ".fetchall()\n    items = [{expr} for r in rows]\n    return ''.join(items)\n")


def _rows(expr: str, imports: str = "", setup: str = "") -> str:
    return ROWS.format(expr=expr, imports=imports, setup=setup)


MD = "from markdown_it import MarkdownIt\n"


@pytest.mark.parametrize(("vulnerable", "safe"), [
    (_rows("Markup(f\"<li>{r['title']}</li>\")"),
     _rows("Markup(\"<li>{}</li>\").format(r['title'])")),
    (_rows("Markup('<li>' + r['title'] + '</li>')"),
     _rows("Markup('<li>' + escape(r['title']) + '</li>')")),
    (_rows("Markup(md.render(r['body']))", MD, "md = MarkdownIt()"),
     _rows("Markup(md.render(r['body']))", MD, "md = MarkdownIt('js-default')")),
    (_rows("Markup(md.render(r['body']))", MD, "md = MarkdownIt()"),
     _rows("Markup(bleach.clean(md.render(r['body'])))", MD + "import bleach\n",
           "md = MarkdownIt()")),
])
def test_stored_data_marked_safe_is_stored_xss(vulnerable: str, safe: str) -> None:
    assert 79 in findings_by_cwe(vulnerable)
    assert 79 not in findings_by_cwe(safe)


def test_a_count_marked_safe_is_no_xss() -> None:
    assert 79 not in findings_by_cwe(_rows("Markup(f'<li>{len(rows)}</li>')"))
