"""What a value can carry (issue 19): a bool- or count-returning call holds no attacker
text; a field written just before it is read holds what was written there
(``data["name"] = escape(...)``), not the rest of the record; a helper's return the caller
only compares is no answer the view sends. Each safe shape is not reported; its vulnerable
twin still is. (A comparison itself keeps its operands' level: see reviewer/flow.py.)"""

from __future__ import annotations

import pytest

from reviewer.engine import review
from tests.reviewer.helpers import target

HEAD = ("import html, logging\nfrom flask import Flask, request\napp = Flask(__name__)\n"
        "log = logging.getLogger('x')\nlogging.basicConfig(level=logging.INFO)\n\n@app.post('/a')\ndef a():\n"
        "    name = request.form['name']\n    data = request.get_json()\n")


def _ids(body: str) -> set[str]:
    code = HEAD + "".join(f"    {line}\n" for line in body.splitlines())
    return {f.rule_id for f in review([target(code, ai=True)]) if not f.judgement}


@pytest.mark.parametrize("safe", [
    "log.info('str %s', isinstance(name, str))",
    "log.info('http %s', name.startswith('http'))",
    "log.info('digits %s', name.isdigit())",
    "ok = name.endswith('.png')\nlog.info('png %s', ok)",
    "n = name.count(',')\nlog.info('commas %s', n)",
])
def test_a_bool_or_count_of_input_is_no_log_injection(safe: str) -> None:
    assert "py.log.injection" not in _ids(safe + "\nreturn 'ok'")


@pytest.mark.parametrize("raw", [
    "log.info('admin %s', name or 'anonymous')",   # `or` yields one of its operands
    "log.info('name %s', name if name else 'x')",
    "ok = name.startswith('a')\nlog.info('admin %s %s', ok, name)",
])
def test_the_text_itself_is_still_log_injection(raw: str) -> None:
    assert "py.log.injection" in _ids(raw + "\nreturn 'ok'")


@pytest.mark.parametrize("safe", [
    "data['name'] = html.escape(data['name'])\nreturn f\"<p>{data['name']}</p>\"",
    "data[\"name\"] = html.escape(data['name'])\nreturn '<p>' + data['name'] + '</p>'",
    "data['bio'] = data['bio'].strip()\ndata['name'] = 'x'\nreturn f\"<p>{data['name']}</p>\"",
])
def test_a_field_escaped_in_place_is_no_xss(safe: str) -> None:
    assert "py.xss.handler-returns-input" not in _ids(safe)


@pytest.mark.parametrize("raw", [
    "data['name'] = data['name'].strip()\nreturn f\"<p>{data['name']}</p>\"",
    # another field of the same record was never escaped
    "data['name'] = html.escape(data['name'])\nreturn f\"<p>{data['name']} {data['bio']}</p>\"",
    # the field grew again after it was escaped
    "data['name'] = html.escape(data['name'])\ndata['name'] += name\n"
    "return f\"<p>{data['name']}</p>\"",
    # escaped on one branch only
    "if name:\n    data['name'] = html.escape(data['name'])\nreturn f\"<p>{data['name']}</p>\"",
    # the record was replaced after the field was written
    "data['name'] = html.escape(data['name'])\ndata = request.get_json()\n"
    "return f\"<p>{data['name']}</p>\"",
])
def test_a_field_not_escaped_on_every_path_is_still_xss(raw: str) -> None:
    assert "py.xss.handler-returns-input" in _ids(raw)


HELPER = ("from flask import Flask, request\napp = Flask(__name__)\n\n"
          "def page(name):\n    return f'<p>{name}</p>'\n\n@app.get('/a')\ndef a():\n")


@pytest.mark.parametrize("only_tested", [
    "if page(request.args['n']) == '<p>x</p>':\n    return 'same'\nreturn 'other'",
    "if not page(request.args['n']):\n    return 'empty'\nreturn 'other'",
    "if page(request.args['n']):\n    return 'some'\nreturn 'none'",
    "page(request.args['n'])\nreturn 'done'",
    "return str(len(page(request.args['n'])))",
])
def test_a_helper_return_the_caller_only_tests_is_no_xss(only_tested: str) -> None:
    code = HELPER + "".join(f"    {line}\n" for line in only_tested.splitlines())
    assert "py.xss.handler-returns-input" not in {f.rule_id for f in review([target(code)])}


@pytest.mark.parametrize("returned", [
    "return page(request.args['n'])",
    "body = page(request.args['n'])\nreturn body",
    "return '<div>' + page(request.args['n']) + '</div>'",
    # one caller tests the page, another sends it: the sender is reported
    "if page(request.args['n']) == 'x':\n    return 'same'\nreturn page(request.args['m'])",
])
def test_a_helper_return_the_caller_sends_is_still_xss(returned: str) -> None:
    code = HELPER + "".join(f"    {line}\n" for line in returned.splitlines())
    assert "py.xss.handler-returns-input" in {f.rule_id for f in review([target(code)])}


ALIAS = ("import html as _html\nfrom markupsafe import escape as esc\n"
         "from fastapi import FastAPI\nfrom fastapi.responses import HTMLResponse\n"
         "app = FastAPI()\n\n@app.get('/a', response_class=HTMLResponse)\ndef a(q: str):\n")


@pytest.mark.parametrize(("safe", "raw"), [
    ("return HTMLResponse(f'<p>{_html.escape(q)}</p>')",
     "return HTMLResponse(f'<p>{_html.unescape(q)}</p>')"),
    ("return HTMLResponse(f'<p>{esc(q)}</p>')", "return HTMLResponse(f'<p>{q}</p>')"),
    ("e = _html.escape\n    return HTMLResponse(f'<p>{e(q)}</p>')",
     "e = _html.unescape\n    return HTMLResponse(f'<p>{e(q)}</p>')"),
])
def test_an_escaper_under_another_name_is_still_an_escaper(safe: str, raw: str) -> None:
    def cwes(body: str) -> set[int | None]:
        return {f.cwe for f in review([target(ALIAS + "    " + body + "\n")])
                if not f.judgement}
    assert 79 not in cwes(safe)
    assert 79 in cwes(raw)


@pytest.mark.parametrize("decision", [
    "session['is_admin'] = request.form.get('role').startswith('admin')",
    "session['staff'] = request.form.get('customer', '').isdigit()",
])
def test_a_bool_of_input_is_still_the_clients_decision_in_a_session_flag(
        decision: str) -> None:
    code = ("from flask import Flask, request, session\napp = Flask(__name__)\n\n"
            f"@app.post('/a')\ndef a():\n    {decision}\n    return 'ok'\n")
    got = {f.rule_id for f in review([target(code)]) if not f.judgement}
    assert "py.session.trust-boundary" in got
    safe = code.replace("request.form.get", "ROLES.get")
    assert "py.session.trust-boundary" not in {
        f.rule_id for f in review([target(safe)]) if not f.judgement}


def test_an_orm_comparison_still_carries_the_record_the_client_picks() -> None:
    # Note.id == note_id builds the query, it is no bool: the IDOR rule still sees the id
    code = ("from flask import Flask, session\nfrom flask_login import login_required\n"
            "app = Flask(__name__)\n\n@app.get('/notes/<note_id>')\n@login_required\n"
            "def note(note_id):\n    n = Note.query.filter(Note.id == note_id).first()\n"
            "    return {'text': n.text}\n")
    got = {f.cwe for f in review([target(code)]) if not f.judgement}
    assert 639 in got
    owned = code.replace("Note.id == note_id)", "Note.id == note_id, "
                         "Note.owner_id == current_user.id)")
    assert 639 not in {f.cwe for f in review([target(owned)]) if not f.judgement}


def test_a_module_attribute_keeps_its_old_reading() -> None:
    # a module's attribute is read as the module (a constant), whatever a handler set on it
    code = ("import logging\nimport config\nfrom flask import Flask, request\n"
            "app = Flask(__name__)\nlog = logging.getLogger('x')\nlogging.basicConfig(level=logging.INFO)\n\n@app.post('/a')\ndef a():\n"
            "    config.groups = request.json['groups']\n"
            "    log.info('groups %s', config.groups)\n    return 'ok'\n")
    assert "py.log.injection" not in {f.rule_id for f in review([target(code)])}
    local = code.replace("import config\n", "").replace("    config.groups", "    config = "
                                                         "Cfg()\n    config.groups", 1)
    assert "py.log.injection" in {f.rule_id for f in review([target(local)])}


def test_a_field_grown_after_its_escape_is_seen_below_leading_blank_lines() -> None:
    # the module's root starts at its first token: offsets into the file's text shift by it
    code = "\n" * 80 + HEAD + "".join(f"    {line}\n" for line in (
        "data['name'] = html.escape(data['name'])", "data['name'] += name",
        "return f\"<p>{data['name']}</p>\""))
    found = {f.rule_id for f in review([target(code, ai=True)]) if not f.judgement}
    assert "py.xss.handler-returns-input" in found
